"""Connections: peer discovery, paths, experts, endorsements and the home feed: domain rules and per-request loaders."""
