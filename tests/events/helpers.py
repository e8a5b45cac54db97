"""Shared operations and inputs of the events tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from graph.events.repository import EventsRepository
from tests.gql import gid, gql

CREATE = """mutation($input: CreateEventInput!) { createEvent(input: $input) {
  event { id title description kind format venue city country latitude longitude startsAt endsAt timeZone
          capacity goingCount waitlistCount spotsLeft isFull group { slug } topics { slug } speakers { handle } }
  userErrors { field message code } } }"""

UPDATE = """mutation($input: UpdateEventInput!) { updateEvent(input: $input) {
  event { id title capacity goingCount waitlistCount startsAt endsAt timeZone city topics { slug } speakers { handle } }
  userErrors { field message code } } }"""

RSVP = """mutation($id: ID!, $status: RsvpAnswer!) { rsvp(input: {eventId: $id, status: $status}) {
  event { goingCount waitlistCount spotsLeft isFull }
  rsvp { status waitlistPosition }
  userErrors { field code } } }"""


def soon(days: float = 7, hours: float = 0) -> datetime:
    """A time in the future, whole seconds, UTC."""
    return (datetime.now(timezone.utc) + timedelta(days=days, hours=hours)).replace(microsecond=0)


def event_input(group: dict, **overrides: Any) -> dict[str, Any]:
    """A valid createEvent input for `group`; overrides win (None values are sent as null)."""
    starts = soon()
    values: dict[str, Any] = {
        "groupId": gid("Group", group), "title": "Salesforce admins meetup", "kind": "MEETUP",
        "format": "IN_PERSON", "startsAt": starts.isoformat(), "endsAt": (starts + timedelta(hours=2)).isoformat(),
        "timeZone": "Europe/Berlin", "capacity": 50, "description": "Talks and pizza.", "venue": "Hall 1",
        "city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.405,
    }
    values.update(overrides)
    return values


async def create_event(client, headers, group: dict, **overrides: Any) -> dict[str, Any]:
    """Create an event through the API and return it; fails the test on any error."""
    body = await gql(client, CREATE, {"input": event_input(group, **overrides)}, headers=headers)
    assert "errors" not in body, body
    payload = body["data"]["createEvent"]
    assert payload["userErrors"] == [], payload
    return payload["event"]


async def rsvp(client, headers, event_id: str, status: str = "GOING") -> dict[str, Any]:
    body = await gql(client, RSVP, {"id": event_id, "status": status}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["rsvp"]


async def assert_consistent(graph) -> None:
    """Every event's counters match its RSVPs and the capacity rules hold."""
    assert await EventsRepository(graph).event_counter_mismatches() == []
