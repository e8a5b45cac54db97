"""IdeaExchange: ideas, votes, lifecycle, roadmap and prioritisation rounds (the `ideas` subgraph)."""
