"""Every Node entity the API serves, by type name: the registry behind `node`, `nodes` and `_entities`.

Each entity class has `resolve_reference(info, id)` taking its global ID (federation calls it for
`_entities`); `node(id)` dispatches to the same method, so both paths share the request's loaders
and the same privacy rules.
"""

from __future__ import annotations

from schema.careers.types import ENTITIES as CAREERS_ENTITIES
from schema.community.companies import ENTITIES as COMPANY_ENTITIES
from schema.community.types import Group, Member, Skill, Topic
from schema.connections.types import ENTITIES as CONNECTION_ENTITIES
from schema.events.types import ENTITIES as EVENT_ENTITIES
from schema.ideas.types import ENTITIES as IDEAS_ENTITIES
from schema.learning.types import ENTITIES as LEARNING_ENTITIES
from schema.qna.types import ENTITIES as QNA_ENTITIES
from schema.recognition.types import ENTITIES as RECOGNITION_ENTITIES

__all__ = ["BY_TYPE_NAME", "CAREERS_ENTITIES", "ENTITIES", "IDEAS_ENTITIES", "LEARNING_ENTITIES", "RECOGNITION_ENTITIES"]

ENTITIES: list[type] = [Member, Group, Topic, Skill, *COMPANY_ENTITIES, *QNA_ENTITIES, *EVENT_ENTITIES, *CONNECTION_ENTITIES,
                        *LEARNING_ENTITIES, *CAREERS_ENTITIES, *IDEAS_ENTITIES, *RECOGNITION_ENTITIES]
BY_TYPE_NAME: dict[str, type] = {cls.__name__: cls for cls in ENTITIES}
