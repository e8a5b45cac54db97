"""ConnectionQueries: finding experts."""

from __future__ import annotations

import strawberry

from resolvers.connections import service
from schema.community.queries import NearInput
from schema.connections.types import ExpertConnection
from schema.context import Info
from schema.relay import window


@strawberry.type
class ConnectionQueries:
    @strawberry.field(description="Members ranked by evidence of expertise in a skill, a topic, or both: skill "
                                  "level, endorsements, accepted answers in the topic and recent answers. Give at "
                                  "least one of `skill` and `topic`; `near` keeps experts within a radius.")
    async def experts(
        self, info: Info, skill: strawberry.ID | None = None, topic: strawberry.ID | None = None,
        near: NearInput | None = None, first: int | None = None, after: str | None = None,
    ) -> ExpertConnection:
        fetched = await service.experts(
            info.context.scope, win=window(first, after, None, None),
            skill_global_id=str(skill) if skill is not None else None,
            topic_global_id=str(topic) if topic is not None else None,
            near=(near.latitude, near.longitude, near.radius_km) if near else None,
        )
        return ExpertConnection.of(fetched)
