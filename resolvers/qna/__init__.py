"""Questions and answers: domain rules and per-request loaders."""
