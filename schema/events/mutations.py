"""EventMutations: createEvent, updateEvent and rsvp; one input and a payload with `userErrors` each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from resolvers.events import service
from schema.community.mutations import UserError, _errors, _fields
from schema.context import Info
from schema.events.types import Event, EventFormat, EventKind, RsvpAnswer, ViewerRsvp

_TIMES = ("Times without a UTC offset are wall-clock times in `timeZone`; stored in UTC, shown in the "
          "event's time zone.")


@strawberry.input(description="A new event, hosted by a group you lead. " + _TIMES)
class CreateEventInput:
    group_id: strawberry.ID = strawberry.field(description="The hosting group; you must be one of its leaders.")
    title: str
    kind: EventKind
    format: EventFormat
    starts_at: datetime = strawberry.field(description="In the future.")
    ends_at: datetime = strawberry.field(description="After startsAt; an event lasts at most 31 days.")
    time_zone: str = strawberry.field(description="An IANA time zone name, such as Europe/Berlin.")
    capacity: int = strawberry.field(description="1 to 100000 places.")
    description: str | None = None
    venue: str | None = None
    city: str | None = strawberry.field(default=None, description="Required for IN_PERSON events.")
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2; required for IN_PERSON.")
    latitude: float | None = None
    longitude: float | None = None
    topic_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="At most 10; the group's own topics when left out or empty.")
    speaker_ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Members; at most 20.")


@strawberry.type
class CreateEventPayload:
    event: Event | None
    user_errors: list[UserError]


@strawberry.input(description="Event fields to change; leave out what stays the same. Leaders of the hosting group "
                              "only. A raised capacity goes to the waitlist at once; it cannot go below goingCount. "
                              + _TIMES)
class UpdateEventInput:
    event_id: strawberry.ID
    title: str | None = strawberry.UNSET
    kind: EventKind | None = strawberry.UNSET
    format: EventFormat | None = strawberry.UNSET
    starts_at: datetime | None = strawberry.UNSET
    ends_at: datetime | None = strawberry.UNSET
    time_zone: str | None = strawberry.UNSET
    capacity: int | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    venue: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    country: str | None = strawberry.UNSET
    latitude: float | None = strawberry.UNSET
    longitude: float | None = strawberry.UNSET
    topic_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the event's topics.")
    speaker_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the event's speakers.")


@strawberry.type
class UpdateEventPayload:
    event: Event | None
    user_errors: list[UserError]


@strawberry.input
class RsvpInput:
    event_id: strawberry.ID
    status: RsvpAnswer


@strawberry.type
class RsvpPayload:
    event: Event | None = strawberry.field(description="The event, its counts after your answer.")
    rsvp: ViewerRsvp | None = strawberry.field(
        description="Your resulting answer: GOING asked of a full event gives WAITLISTED, with your place.")
    user_errors: list[UserError]


def _values(value: Any) -> dict[str, Any]:
    """The sent input fields, enums as their values and IDs as strings."""
    values = _fields(value)
    for key, item in list(values.items()):
        if isinstance(item, (EventKind, EventFormat)):
            values[key] = item.value
        elif key in ("topic_ids", "speaker_ids") and item is not None:
            values[key] = [str(v) for v in item]
    return values


@strawberry.type
class EventMutations:
    @strawberry.mutation(description="Create an event hosted by a group you lead.")
    async def create_event(self, info: Info, input: CreateEventInput) -> CreateEventPayload:
        values = _values(input)
        values["group_id"] = str(input.group_id)
        out = await service.create_event(info.context.scope, values=values)
        return CreateEventPayload(event=Event.from_row(out.value) if out.value else None,
                                  user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Change an event hosted by a group you lead.")
    async def update_event(self, info: Info, input: UpdateEventInput) -> UpdateEventPayload:
        values = _values(input)
        event_id = str(values.pop("event_id"))
        out = await service.update_event(info.context.scope, event_global_id=event_id, values=values)
        return UpdateEventPayload(event=Event.from_row(out.value) if out.value else None,
                                  user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Answer an event: GOING (a place, or the waitlist when full), INTERESTED or "
                                     "NOT_GOING. Leaving GOING gives your place to the first on the waitlist.")
    async def rsvp(self, info: Info, input: RsvpInput) -> RsvpPayload:
        out = await service.rsvp(info.context.scope, event_global_id=str(input.event_id), status=input.status.value)
        result = out.value
        return RsvpPayload(
            event=Event.from_row(result.event) if result and result.event else None,
            rsvp=ViewerRsvp.from_row({"status": result.status, "waitlistPosition": result.waitlist_position})
            if result else None,
            user_errors=_errors(out.user_errors),
        )
