"""Events: the Event entity, RSVP types, and the edges and connections of event lists.

Member, Group and Topic live in `schema.community.types`, which imports this package (for the
Member fields of `member_fields.py`), so they are referred to lazily here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Callable
from zoneinfo import ZoneInfo

import strawberry
from strawberry import Private

from resolvers.events import service
from resolvers.events.validation import zone
from resolvers.ids import to_global_id
from resolvers.pagination import Slice
from schema.context import Info
from schema.recognition.event_fields import RecognitionEventFields
from schema.relay import Node, SliceBacked, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.types import Group, Member, Topic

Row = dict[str, Any]
MemberType = Annotated["Member", strawberry.lazy("schema.community.types")]
GroupType = Annotated["Group", strawberry.lazy("schema.community.types")]
TopicType = Annotated["Topic", strawberry.lazy("schema.community.types")]


@strawberry.enum(description="What kind of gathering an event is.")
class EventKind(Enum):
    CITY_TOUR = "CITY_TOUR"
    MEETUP = "MEETUP"
    WEBINAR = "WEBINAR"
    OFFICE_HOURS = "OFFICE_HOURS"
    JOB_FAIR = "JOB_FAIR"
    CONFERENCE = "CONFERENCE"


@strawberry.enum(description="Where an event happens.")
class EventFormat(Enum):
    ONLINE = "ONLINE"
    IN_PERSON = "IN_PERSON"


@strawberry.enum(description="A member's answer to an event; WAITLISTED means GOING was asked while the event was full.")
class RsvpStatus(Enum):
    GOING = "GOING"
    INTERESTED = "INTERESTED"
    NOT_GOING = "NOT_GOING"
    WAITLISTED = "WAITLISTED"


@strawberry.enum(description="What a member can answer to an event.")
class RsvpAnswer(Enum):
    GOING = "GOING"
    INTERESTED = "INTERESTED"
    NOT_GOING = "NOT_GOING"


@strawberry.enum(description="Why an event is among your upcoming events.")
class UpcomingEventReason(Enum):
    YOUR_GROUP = strawberry.enum_value("YOUR_GROUP", description="A group you belong to hosts it.")
    FOLLOWED_TOPIC = strawberry.enum_value("FOLLOWED_TOPIC", description="It is about a topic you follow.")


def in_zone(value: Any, zone_name: str | None) -> datetime | None:
    """A stored UTC time shown in the event's own time zone, its offset included."""
    moment = time_of(value)
    if moment is None:
        return None
    if moment.tzinfo is None:  # stored times are UTC; never guess another zone
        moment = moment.replace(tzinfo=timezone.utc)
    tz: ZoneInfo | None = zone(zone_name)
    return moment.astimezone(tz or timezone.utc)


@strawberry.type(description="Your own answer to an event.")
class ViewerRsvp:
    status: RsvpStatus
    waitlist_position: int | None = strawberry.field(
        description="Your 1-based place on the waitlist when WAITLISTED; null otherwise.")

    @classmethod
    def from_row(cls, row: Row | None) -> "ViewerRsvp | None":
        if not row or not row.get("status"):
            return None
        return cls(status=RsvpStatus(row["status"]), waitlist_position=row.get("waitlistPosition"))


def _member(row: Row) -> "Member":
    from schema.community.types import Member

    return Member.from_row(row)


@strawberry.federation.type(keys=["id"], description="A meetup, webinar, conference... hosted by a group.")
class Event(Node, RecognitionEventFields):
    id: strawberry.ID
    title: str
    description: str | None
    kind: EventKind
    format: EventFormat
    venue: str | None
    city: str | None
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    latitude: float | None
    longitude: float | None
    starts_at: datetime = strawberry.field(description="When it starts, in the event's own time zone.")
    ends_at: datetime = strawberry.field(description="When it ends, in the event's own time zone.")
    time_zone: str = strawberry.field(description="The IANA time zone of the event, such as Europe/Berlin.")
    capacity: int = strawberry.field(description="How many members can go.")
    going_count: int = strawberry.field(description="How many members are going (never more than the capacity).")
    waitlist_count: int = strawberry.field(description="How many members wait for a place.")
    created_at: datetime | None
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Event":
        zone_name = row.get("timeZone")
        return cls(
            id=strawberry.ID(to_global_id("Event", row["id"])),
            title=row["title"],
            description=row.get("description"),
            kind=EventKind(row["kind"]),
            format=EventFormat(row["format"]),
            venue=row.get("venue"),
            city=row.get("city"),
            country=row.get("country"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            starts_at=in_zone(row["startsAt"], zone_name),
            ends_at=in_zone(row["endsAt"], zone_name),
            time_zone=zone_name or "UTC",
            capacity=row["capacity"],
            going_count=row.get("goingCount", 0),
            waitlist_count=row.get("waitlistCount", 0),
            created_at=in_zone(row.get("createdAt"), zone_name),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Event | None":
        local = reference_id(id, "Event")
        row = await service.event_by_id(info.context.scope, event_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="Places still free.")
    def spots_left(self) -> int:
        return max(0, self.capacity - self.going_count)

    @strawberry.field(description="Whether every place is taken: GOING now puts you on the waitlist.")
    def is_full(self) -> bool:
        return self.going_count >= self.capacity

    @strawberry.field(description="The group hosting the event.")
    async def group(self, info: Info) -> GroupType | None:
        from schema.community.types import Group

        row = await service.group_of_event(info.context.scope, event=self.row)
        return Group.from_row(row) if row else None

    @strawberry.field(description="Topics the event is about, by name.")
    async def topics(self, info: Info) -> list[TopicType]:
        from schema.community.types import Topic

        rows = await service.topics_of_event(info.context.scope, event_id=self.row["id"])
        return [Topic.from_row(row) for row in rows]

    @strawberry.field(description="The speakers whose profiles you may see, by name.")
    async def speakers(self, info: Info) -> list[MemberType]:
        rows = await service.speakers_of_event(info.context.scope, event_id=self.row["id"])
        return [_member(row) for row in rows]

    @strawberry.field(description="Members with that answer whose profiles you may see (totalCount counts only "
                                  "those): GOING and others by when they answered, WAITLISTED in waitlist order.")
    async def attendees(
        self, info: Info, status: RsvpStatus = RsvpStatus.GOING, first: int | None = None,
        after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> EventAttendeeConnection:
        fetched = await service.attendees(info.context.scope, event_id=self.row["id"], status=status.value,
                                          win=window(first, after, last, before))
        return EventAttendeeConnection.of(fetched, lambda row, cursor: EventAttendeeEdge(
            node=_member(row), cursor=cursor, status=RsvpStatus(row["rsvpStatus"]),
            responded_at=time_of(row.get("respondedAt"))))

    @strawberry.field(description="Your own answer to this event; null when you have not answered or are anonymous.")
    async def viewer_rsvp(self, info: Info) -> ViewerRsvp | None:
        return ViewerRsvp.from_row(await service.viewer_rsvp(info.context.scope, event_id=self.row["id"]))


class _RichConnection(SliceBacked):
    """Builds a connection whose edges carry more than a node and a cursor."""

    @classmethod
    def of(cls, fetched: Slice, build: Callable[[Row, str], Any]):
        edges = [build(row, cursor) for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)


@strawberry.type(description="A member's answer to an event.")
class EventAttendeeEdge:
    node: MemberType
    cursor: str
    status: RsvpStatus
    responded_at: datetime | None = strawberry.field(description="When the member last changed their answer.")


@strawberry.type(description="Members who answered an event.")
class EventAttendeeConnection(_RichConnection):
    edges: list[EventAttendeeEdge]

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[MemberType]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="An event in a search, with its distance when searched near a point.")
class EventSearchEdge:
    node: Event
    cursor: str
    distance_km: float | None = strawberry.field(description="Kilometres from the `near` point, when given.")


@strawberry.type(description="Events matching a search.")
class EventSearchConnection(_RichConnection):
    edges: list[EventSearchEdge]

    @strawberry.field(description="The events of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[Event]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="An upcoming event, with why it is among yours.")
class UpcomingEventEdge:
    node: Event
    cursor: str
    reasons: list[UpcomingEventReason] = strawberry.field(description="Every reason that holds, at least one.")


@strawberry.type(description="Upcoming events from your groups and followed topics.")
class UpcomingEventConnection(_RichConnection):
    edges: list[UpcomingEventEdge]

    @strawberry.field(description="The events of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[Event]:
        return [edge.node for edge in self.edges]


def upcoming_edge(row: Row, cursor: str) -> UpcomingEventEdge:
    reasons = [reason for reason, holds in ((UpcomingEventReason.YOUR_GROUP, row.get("yourGroup")),
                                            (UpcomingEventReason.FOLLOWED_TOPIC, row.get("followedTopic"))) if holds]
    return UpcomingEventEdge(node=Event.from_row(row), cursor=cursor, reasons=reasons)


# The Node entities this domain adds; schema/nodes.py serves them through `node`, `nodes` and `_entities`.
ENTITIES: list[type] = [Event]
