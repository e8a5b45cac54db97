"""Connections: peer discovery, paths, experts, endorsements and the home feed: Strawberry types, root fields and Member fields."""
