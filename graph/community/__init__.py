"""The core community graph: members, groups, topics, skills and the ties between them."""
