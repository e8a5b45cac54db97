"""Events: named Cypher and the repository that runs it."""
