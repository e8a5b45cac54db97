"""Every entity of the recognition subgraph (the registry in schema/nodes.py lists them)."""

from __future__ import annotations

from schema.recognition.heroes import ENTITIES as HERO_ENTITIES
from schema.recognition.mvp import ENTITIES as MVP_ENTITIES

ENTITIES: list[type] = [*MVP_ENTITIES, *HERO_ENTITIES]
