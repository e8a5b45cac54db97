"""Entity and value types of this domain."""

from __future__ import annotations

# The Node entities this domain adds; schema/nodes.py serves them through `node`, `nodes` and `_entities`.
ENTITIES: list[type] = []
