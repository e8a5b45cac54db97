"""Every entity of the careers subgraph (the registry in schema/nodes.py lists them)."""

from __future__ import annotations

from schema.careers.applications import ENTITIES as APPLICATION_ENTITIES
from schema.careers.fairs import ENTITIES as FAIR_ENTITIES
from schema.careers.jobs import ENTITIES as JOB_ENTITIES
from schema.careers.matching import ENTITIES as MATCHING_ENTITIES
from schema.careers.talent import ENTITIES as TALENT_ENTITIES

ENTITIES: list[type] = [*JOB_ENTITIES, *TALENT_ENTITIES, *MATCHING_ENTITIES, *APPLICATION_ENTITIES, *FAIR_ENTITIES]
