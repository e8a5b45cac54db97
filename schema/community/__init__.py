"""The `community` subgraph: members, groups, topics, skills, follows."""
