"""ConnectionMemberFields: the viewer's peer discovery and home feed, as fields of Member.

They are personal: asked on any member but the signed-in viewer they fail with FORBIDDEN
(and with UNAUTHENTICATED for an anonymous caller), so clients ask them on `viewer`.
"""

from __future__ import annotations

import strawberry

from resolvers.connections import feed, paths, service
from schema.connections.feed_types import FeedConnection
from schema.connections.types import ConnectionPath, SuggestionConnection
from schema.context import Info
from schema.relay import window


@strawberry.type
class ConnectionMemberFields:
    @strawberry.field(description="Members you may know, best first, each with a score and its reasons. Viewer only.")
    async def people_you_may_know(
        self, info: Info, first: int | None = None, after: str | None = None,
    ) -> SuggestionConnection | None:
        fetched = await service.people_you_may_know(info.context.scope, member_id=self.row["id"],
                                                    win=window(first, after, None, None))
        return SuggestionConnection.of(fetched)

    @strawberry.field(description="The shortest warm-introduction path from you to another member, or null when "
                                  "there is none within `maxHops` (at most 6). Viewer only.")
    async def connection_path(self, info: Info, to: strawberry.ID, max_hops: int = 4) -> ConnectionPath | None:
        found = await paths.connection_path(info.context.scope, member_id=self.row["id"], to_global_id=str(to),
                                            max_hops=max_hops)
        return ConnectionPath.from_hops(found) if found is not None else None

    @strawberry.field(description="Your home feed, newest first: questions in your topics and groups, answers to "
                                  "your questions, your groups' upcoming events, new followers, and people you may "
                                  "know. Each item says why it is there. Viewer only.")
    async def feed(self, info: Info, first: int | None = None, after: str | None = None) -> FeedConnection | None:
        fetched = await feed.home_feed(info.context.scope, member_id=self.row["id"], first=first, after=after)
        return FeedConnection.of(fetched)
