"""EventsRepository: runs the events domain's named queries.

Times go to the database as epoch milliseconds (UTC) and the statements turn them into datetimes:
the embedded engine stores a fixed-offset Python datetime parameter as a LOCAL DATETIME.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from graph.community.repository import Page, Row, Visibility
from graph.cypher import load_queries
from graph.database import Graph, Transaction

QUERIES = load_queries(Path(__file__).parent)
# Writes to one event's counters conflict when they overlap (write locks on Neo4j, a failed commit on
# the embedded engine). The driver retries for a few seconds; a crowd answering one event at once can
# outlast that, so the whole transaction is tried again a few times before the client hears CONFLICT.
# Retrying is safe: a failed attempt wrote nothing, and every attempt re-reads the state it decides on.
CONFLICT_ATTEMPTS = 5


def _keyed(rows: Iterable[Row], key: str, value: str) -> dict[Any, Any]:
    return {row[key]: row[value] for row in rows}


def _pages(rows: Iterable[Row]) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], row["page"]) for row in rows}


@dataclass(frozen=True, slots=True)
class RsvpResult:
    """What an RSVP left behind: the event, the member's status and waitlist place, who was promoted."""

    event: Row | None
    status: str | None
    waitlist_position: int | None
    ended: bool = False
    missing: bool = False
    member_missing: bool = False
    promoted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """An event update: the event, or why nothing changed (not a leader, or capacity below goingCount)."""

    event: Row | None
    forbidden: bool = False
    going_count: int | None = None
    promoted: tuple[str, ...] = ()


class EventsRepository:
    """Reads and writes events, their topics and speakers, and RSVPs."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups by key (behind DataLoaders) -------------------------------------------

    async def events_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["events_by_ids"], ids=ids), "id", "event")

    async def topics_of_events(self, ids: list[str]) -> dict[str, list[Row]]:
        return _keyed(await self.graph.read(QUERIES["topics_of_events"], ids=ids), "id", "topics")

    async def speakers_of_events(self, ids: list[str]) -> dict[str, list[Row]]:
        return _keyed(await self.graph.read(QUERIES["speakers_of_events"], ids=ids), "id", "speakers")

    async def viewer_rsvps(self, viewer_id: str, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["viewer_rsvps"], viewerId=viewer_id, ids=ids)
        return {row["id"]: {"status": row["status"], "waitlistPosition": row["waitlistPosition"]} for row in rows}

    # -- lists --------------------------------------------------------------------------

    async def events_page(self, *, skip: int, limit: int, **filters: Any) -> list[Row]:
        rows = await self.graph.read(QUERIES["events_page"], skip=skip, limit=limit, **filters)
        return [row["event"] for row in rows]

    async def events_count(self, **filters: Any) -> int:
        filters.pop("orderBy", None)
        rows = await self.graph.read(QUERIES["events_count"], **filters)
        return rows[0]["total"] if rows else 0

    # Nested lists: one query for many parents; `window` is skip, limit and fromEnd.

    async def attendees_of_events(self, ids: list[str], *, status: str, visibility: Visibility,
                                  **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["attendees_of_events"], ids=ids, status=status, **window,
                                            **visibility.params()))

    async def attended_events_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["attended_events_of_members"], ids=ids, **window))

    async def events_of_groups(self, ids: list[str], *, upcoming: bool, **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["events_of_groups"], ids=ids, upcoming=upcoming, **window))

    async def upcoming_events_for_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["upcoming_events_for_members"], ids=ids, **window))

    # -- writes: each method is one write transaction ---------------------------------

    async def create_event(self, leader_id: str, group_id: str, props: Row, *, starts_at: int, ends_at: int,
                           topic_ids: list[str], speaker_ids: list[str]) -> Row | None:
        """Create an event in a group `leader_id` leads; None when they do not lead it."""
        rows = await self.graph.write(QUERIES["create_event"], leaderId=leader_id, groupId=group_id, props=props,
                                      startsAt=starts_at, endsAt=ends_at, topicIds=topic_ids,
                                      speakerIds=speaker_ids)
        return rows[0]["event"] if rows else None

    async def update_event(self, leader_id: str, event_id: str, props: Row, *, capacity: int | None,
                           starts_at: int | None, ends_at: int | None, topic_ids: list[str] | None,
                           speaker_ids: list[str] | None) -> UpdateResult:
        """Change an event its leader leads, all in one transaction.

        A raised capacity goes to the waitlist at once, lowest ticket first; a capacity below the
        places already taken changes nothing (`going_count` says how many are taken).
        """

        async def work(tx: Transaction) -> UpdateResult:
            locked = await tx.one(QUERIES["lock_event_for_leader"], leaderId=leader_id, eventId=event_id)
            if locked is None:
                return UpdateResult(None, forbidden=True)
            going = locked["event"]["goingCount"]
            if capacity is not None and capacity < going:
                return UpdateResult(None, going_count=going)
            updated = await tx.one(QUERIES["update_event"], eventId=event_id, props=props, capacity=capacity,
                                   startsAt=starts_at, endsAt=ends_at)
            if updated is None:  # cannot happen under the lock; kept as the guard's fallback
                return UpdateResult(None, going_count=going)
            if topic_ids is not None:
                await tx.rows(QUERIES["replace_event_topics"], eventId=event_id, topicIds=topic_ids)
            if speaker_ids is not None:
                await tx.rows(QUERIES["replace_event_speakers"], eventId=event_id, speakerIds=speaker_ids)
            event = updated["event"]
            promoted: tuple[str, ...] = ()
            free = event["capacity"] - event["goingCount"]
            if free > 0 and event["waitlistCount"] > 0:
                promoted = await self._promote(tx, event_id, free)
                event = (await tx.one(QUERIES["events_by_ids"], ids=[event_id]))["event"]
            return UpdateResult(event, promoted=promoted)

        return await self.graph.write_tx(work, attempts=CONFLICT_ATTEMPTS)

    async def _promote(self, tx: Transaction, event_id: str, places: int) -> tuple[str, ...]:
        row = await tx.one(QUERIES["promote_waitlisted"], eventId=event_id, limit=places)
        return tuple(row["memberIds"]) if row else ()

    async def rsvp(self, member_id: str, event_id: str, status: str) -> RsvpResult:
        """Answer an event for a member, in one transaction.

        GOING takes a free place (a guarded write on the event's counters) or else joins the
        waitlist; leaving GOING frees the place and gives it to the lowest ticket at once. Answering
        what one already answered changes nothing (asking GOING while waitlisted keeps the ticket).
        """

        async def work(tx: Transaction) -> RsvpResult:
            state = await tx.one(QUERIES["rsvp_state"], memberId=member_id, eventId=event_id)
            if state is None:
                return RsvpResult(None, None, None, missing=True)
            if not state["memberFound"]:
                return RsvpResult(None, None, None, member_missing=True)
            if state["ended"]:
                return RsvpResult(None, state["status"], None, ended=True)
            current = state["status"]
            promoted: tuple[str, ...] = ()
            params = {"memberId": member_id, "eventId": event_id}
            if status == "GOING":
                if current not in ("GOING", "WAITLISTED"):
                    if await tx.one(QUERIES["take_place"], **params) is None:
                        await tx.one(QUERIES["join_waitlist"], **params)
            elif current in ("GOING", "WAITLISTED"):
                left = await tx.one(QUERIES["leave_place"], status=status, **params)
                if left is not None and left["was"] == "GOING" and left["free"] > 0 and left["waiting"] > 0:
                    promoted = await self._promote(tx, event_id, left["free"])
            elif current != status:
                await tx.one(QUERIES["set_interest"], status=status, **params)
            outcome = await tx.one(QUERIES["rsvp_outcome"], **params)
            return RsvpResult(outcome["event"], outcome["status"], outcome["waitlistPosition"], promoted=promoted)

        return await self.graph.write_tx(work, attempts=CONFLICT_ATTEMPTS)

    # -- invariants ---------------------------------------------------------------------

    async def event_counter_mismatches(self) -> list[Row]:
        """Events whose RSVP counters disagree with their RSVPs or break the capacity rules; [] when consistent."""
        return await self.graph.read(QUERIES["event_counter_mismatches"])
