"""Every entity of the ideas subgraph (the registry in schema/nodes.py lists them)."""

from __future__ import annotations

from schema.ideas.ideas import ENTITIES as IDEA_ENTITIES
from schema.ideas.lifecycle import ENTITIES as LIFECYCLE_ENTITIES
from schema.ideas.rounds import ENTITIES as ROUND_ENTITIES

ENTITIES: list[type] = [*IDEA_ENTITIES, *LIFECYCLE_ENTITIES, *ROUND_ENTITIES]
