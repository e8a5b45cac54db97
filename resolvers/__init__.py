"""Domain logic and per-request DataLoaders; the only layer that calls `graph/`."""
