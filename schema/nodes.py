"""Every Node entity the API serves, by type name: the registry behind `node`, `nodes` and `_entities`.

Each entity class has `resolve_reference(info, id)` taking its global ID (federation calls it for
`_entities`); `node(id)` dispatches to the same method, so both paths share the request's loaders
and the same privacy rules.
"""

from __future__ import annotations

from schema.community.types import Group, Member, Skill, Topic
from schema.connections.types import ENTITIES as CONNECTION_ENTITIES
from schema.events.types import ENTITIES as EVENT_ENTITIES
from schema.qna.types import ENTITIES as QNA_ENTITIES

ENTITIES: list[type] = [Member, Group, Topic, Skill, *QNA_ENTITIES, *EVENT_ENTITIES, *CONNECTION_ENTITIES]
BY_TYPE_NAME: dict[str, type] = {cls.__name__: cls for cls in ENTITIES}
