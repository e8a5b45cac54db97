"""The embedded engine: ArcadeDB with its Bolt plugin, hosted in a child process."""
