"""EventMemberFields: the events a member went to, and the viewer's own upcoming events."""

from __future__ import annotations

import strawberry

from resolvers.events import service
from schema.context import Info
from schema.events.types import Event, UpcomingEventConnection, upcoming_edge
from schema.relay import Connection, window


@strawberry.type
class EventMemberFields:
    @strawberry.field(description="Past events this member went to (answered GOING), newest first.")
    async def attended_events(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Event]:
        fetched = await service.attended_events(info.context.scope, member_id=self.row["id"],
                                                win=window(first, after, last, before))
        return Connection.of(fetched, Event.from_row)

    @strawberry.field(description="Events yet to end that a group of yours hosts or that are about a topic you "
                                  "follow, soonest first, each with why. Viewer only: FORBIDDEN on anyone else.")
    async def upcoming_events(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> UpcomingEventConnection | None:
        fetched = await service.upcoming_events(info.context.scope, member_id=self.row["id"],
                                                win=window(first, after, last, before))
        return UpcomingEventConnection.of(fetched, upcoming_edge)
