"""Every entity of the learning subgraph (the registry in schema/nodes.py lists them)."""

from __future__ import annotations

from schema.learning.catalog import ENTITIES as CATALOG_ENTITIES
from schema.learning.credentials import ENTITIES as CREDENTIAL_ENTITIES
from schema.learning.plans import ENTITIES as PLAN_ENTITIES
from schema.learning.progress import ENTITIES as PROGRESS_ENTITIES
from schema.learning.quests import ENTITIES as QUEST_ENTITIES

ENTITIES: list[type] = [*CATALOG_ENTITIES, *PROGRESS_ENTITIES, *CREDENTIAL_ENTITIES, *QUEST_ENTITIES, *PLAN_ENTITIES]
