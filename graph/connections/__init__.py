"""Connections: peer discovery, paths, experts, endorsements and the home feed: named Cypher and the repository that runs it."""
