"""Questions and answers: Strawberry types, root fields and Member fields."""
