"""Events: domain rules and per-request loaders."""
