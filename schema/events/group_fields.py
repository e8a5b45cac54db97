"""EventGroupFields: the events a group hosts, as a field of Group (mixed into it)."""

from __future__ import annotations

import strawberry

from resolvers.events import service
from schema.context import Info
from schema.events.types import Event
from schema.relay import Connection, window


@strawberry.type
class EventGroupFields:
    @strawberry.field(description="Events this group hosts: by default those yet to end, soonest first; with "
                                  "`upcoming: false` those that ended, most recent first.")
    async def events(
        self, info: Info, upcoming: bool = True, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Event]:
        fetched = await service.events_of_group(info.context.scope, group_id=self.row["id"], upcoming=upcoming,
                                                win=window(first, after, last, before))
        return Connection.of(fetched, Event.from_row)
