"""Questions and answers: named Cypher and the repository that runs it."""
