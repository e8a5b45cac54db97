"""Events: Strawberry types, root fields and Member fields."""
