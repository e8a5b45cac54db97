"""EventQueries: `events` and `event`, thin root fields that delegate to `resolvers.events.service`."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from resolvers.errors import BadUserInput
from resolvers.events import service
from resolvers.ids import from_global_id
from schema.community.queries import NearInput
from schema.context import Info
from schema.events.types import Event, EventKind, EventSearchConnection, EventSearchEdge
from schema.relay import window


@strawberry.enum(description="Orders for `events`; every order ends on the start time, so pages are stable.")
class EventOrder(Enum):
    STARTS_AT = strawberry.enum_value("STARTS_AT", description="Soonest first.")
    NEWEST = strawberry.enum_value("NEWEST", description="Most recently created first.")
    DISTANCE = strawberry.enum_value("DISTANCE", description="Nearest first; needs `filter.near`.")


@strawberry.input(description="Narrows `events`; all given conditions must hold.")
class EventFilter:
    upcoming: bool | None = strawberry.field(
        default=None, description="true: events that have not ended yet; false: events that have.")
    kind: EventKind | None = None
    group_id: strawberry.ID | None = strawberry.field(default=None, description="The hosting group.")
    topic: strawberry.ID | None = strawberry.field(default=None, description="A topic the event is about.")
    near: NearInput | None = strawberry.field(default=None, description="Events located within the circle.")
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="Events starting at or after this time (with a UTC offset).")
    to: datetime | None = strawberry.field(
        default=None, description="Events starting before this time (with a UTC offset).")
    search: str | None = strawberry.field(default=None, description="Words in the title or description.")


@strawberry.type
class EventQueries:
    @strawberry.field(description="Events, filtered and ordered; DISTANCE needs `filter.near`.")
    async def events(
        self, info: Info, filter: EventFilter | None = None, order_by: EventOrder = EventOrder.STARTS_AT,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> EventSearchConnection:
        f = filter or EventFilter()
        near = (f.near.latitude, f.near.longitude, f.near.radius_km) if f.near else None
        fetched = await service.list_events(
            info.context.scope, win=window(first, after, last, before), upcoming=f.upcoming,
            kind=f.kind.value if f.kind else None, group_id=f.group_id, topic_id=f.topic, near=near,
            starts_from=f.from_, starts_before=f.to, search=f.search, order_by=order_by.value,
        )
        return EventSearchConnection.of(fetched, lambda row, cursor: EventSearchEdge(
            node=Event.from_row(row), cursor=cursor, distance_km=row.get("distanceKm")))

    @strawberry.field(description="An event by its global ID; null when there is none.")
    async def event(self, info: Info, id: strawberry.ID) -> Event | None:
        try:
            local = from_global_id(str(id), expect="Event").id
        except BadUserInput as error:
            raise BadUserInput(error.message, field="id") from None
        row = await service.event_by_id(info.context.scope, event_id=local)
        return Event.from_row(row) if row else None
