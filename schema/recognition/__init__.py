"""Recognition: the MVP program and customer heroes (the `recognition` subgraph)."""
