"""Strawberry types, the federated subgraphs, the public schema and the ASGI app."""
