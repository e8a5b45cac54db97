"""Per-request state of the events domain: its repository and DataLoaders, one batched query each."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.events.repository import EventsRepository
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.pagination import page_params
from resolvers.scope import RequestScope


class EventsContext:
    """The events repository and loaders of one request; get it with `scope.per_request(EventsContext)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = EventsRepository(scope.graph)
        visibility = scope.visibility
        viewer_id = scope.viewer.member_id if scope.viewer else None
        self.event_by_id: DataLoader[str, Row | None] = keyed_loader(repo.events_by_ids)
        self.topics_by_event: DataLoader[str, list[Row]] = keyed_loader(repo.topics_of_events, default=[])
        self.speakers_by_event: DataLoader[str, list[Row]] = keyed_loader(repo.speakers_of_events, default=[])
        self.attendees_by_event = page_loader(
            lambda ids, win, status: repo.attendees_of_events(ids, status=status, visibility=visibility,
                                                              **page_params(win))
        )
        self.attended_by_member = page_loader(
            lambda ids, win, _: repo.attended_events_of_members(ids, **page_params(win))
        )
        self.events_by_group = page_loader(
            lambda ids, win, upcoming: repo.events_of_groups(ids, upcoming=upcoming, **page_params(win))
        )
        self.upcoming_for_member = page_loader(
            lambda ids, win, _: repo.upcoming_events_for_members(ids, **page_params(win))
        )

        async def viewer_rsvps(ids: list[str]) -> dict[str, Row]:
            return await repo.viewer_rsvps(viewer_id, ids) if viewer_id else {}

        # The signed-in viewer's own RSVP to each event; anonymous viewers have none.
        self.viewer_rsvp_by_event: DataLoader[str, Row | None] = keyed_loader(viewer_rsvps)

    def prime_events(self, rows: list[Row]) -> None:
        """Remember events a list query already returned, so their lookups cost nothing."""
        for row in rows:
            self.event_by_id.prime(row["id"], row)
