"""The only code that talks to the database: Cypher files, repositories, the driver and the embedded engine."""
