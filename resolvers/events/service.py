"""Events business rules: lookups, lists with privacy applied, and the event and RSVP mutations.

Events themselves are public; the members around them (speakers, attendees) appear only when the
viewer may see their profiles. Mutations return an `Outcome` and are one write transaction each.
OFFICE_HOURS events are held by current MVPs (resolvers/recognition/context.py) or admins: creating
one, or changing an event's kind to it, is NOT_AN_MVP on `kind` for any other leader.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from graph.community.repository import Row
from graph.events.repository import RsvpResult
from resolvers.community.loaders import forget
from resolvers.community.service import Outcome, new_id
from resolvers.community.validation import Checker, UserError, checked_near, clean_search
from resolvers.errors import BadUserInput, Forbidden
from resolvers.events.loaders import EventsContext
from resolvers.events.queue import event_queue
from resolvers.events.validation import (
    EVENT_FORMATS,
    EVENT_KINDS,
    EVENT_ORDERS,
    MAX_SPEAKERS,
    MAX_TOPICS,
    RSVP_ANSWERS,
    RSVP_STATUSES,
    EventChecker,
    epoch_millis,
    filter_instant,
    zone,
)
from resolvers.ids import from_global_id, id_argument
from resolvers.pagination import Slice, Window, paginate, slice_of
from resolvers.recognition.context import recognition
from resolvers.scope import RequestScope

# Stored event properties a leader sets directly (times, capacity and relations are handled apart).
_PROPS = ("title", "description", "kind", "format", "venue", "city", "country", "latitude", "longitude", "timeZone")
# DOMAIN, "MVPs hold office hours": only a current MVP (or an admin) may host an OFFICE_HOURS event.
OFFICE_HOURS = "OFFICE_HOURS"
_CLEARABLE = {"description": "description", "venue": "venue", "city": "city", "country": "country",
              "latitude": "latitude", "longitude": "longitude"}


def events_of(scope: RequestScope) -> EventsContext:
    return scope.per_request(EventsContext)


def _choice(value: str | None, allowed: tuple[str, ...], argument: str) -> str | None:
    if value is not None and value not in allowed:
        raise BadUserInput(f"`{argument}` must be one of {', '.join(allowed)}", field=argument)
    return value


def _native(value: Any) -> datetime | None:
    return value.to_native() if hasattr(value, "to_native") else value


# -- reads ---------------------------------------------------------------------------


async def event_by_id(scope: RequestScope, *, event_id: str) -> Row | None:
    """An event by application id (events are public)."""
    return await events_of(scope).event_by_id.load(event_id)


async def list_events(
    scope: RequestScope,
    *,
    win: Window,
    upcoming: bool | None = None,
    kind: str | None = None,
    group_id: str | None = None,
    topic_id: str | None = None,
    near: tuple[float, float, float] | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    search: str | None = None,
    order_by: str = "STARTS_AT",
) -> Slice:
    """A page of events, filtered and in a stable order; DISTANCE needs `near`."""
    if order_by == "DISTANCE" and near is None:
        raise BadUserInput("ordering by DISTANCE needs the `near` filter", field="orderBy")
    latitude, longitude, radius = checked_near(near)
    filters = dict(
        upcoming=upcoming,
        kind=_choice(kind, EVENT_KINDS, "kind"),
        groupId=id_argument(group_id, "Group", "groupId"),
        topicId=id_argument(topic_id, "Topic", "topic"),
        nearLatitude=latitude,
        nearLongitude=longitude,
        radiusKm=radius,
        search=clean_search(search),
        **{"from": filter_instant(starts_from, "from"), "to": filter_instant(starts_before, "to")},
    )
    order = _choice(order_by, EVENT_ORDERS, "orderBy")
    context = events_of(scope)
    repo = context.repository

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.events_page(skip=skip, limit=limit, orderBy=order, **filters)
        context.prime_events(rows)
        return rows

    return await paginate(win, fetch_page, lambda: repo.events_count(**filters))


async def _nested(loader, parent_id: str, win: Window, extra: str | None) -> Slice:
    """A nested list's page through its loader; refetched when a `before` cursor is past the end."""
    page = await loader.load((parent_id, win, extra))
    clamped = win.clamped(page.total)
    if clamped is not None:
        return slice_of(await loader.load((parent_id, clamped, extra)), clamped)
    return slice_of(page, win)


async def group_of_event(scope: RequestScope, *, event: Row) -> Row | None:
    """The hosting group. Rows from this domain carry `groupId`; a bare event row (other domains
    may build Events from `properties(e)`) is looked up through the event loader first."""
    group_id = event.get("groupId")
    if group_id is None:
        full = await events_of(scope).event_by_id.load(event["id"])
        group_id = full["groupId"] if full else None
    return await scope.loaders.group_by_id.load(group_id) if group_id else None


async def topics_of_event(scope: RequestScope, *, event_id: str) -> list[Row]:
    return await events_of(scope).topics_by_event.load(event_id)


async def speakers_of_event(scope: RequestScope, *, event_id: str) -> list[Row]:
    """The event's speakers whose profiles the viewer may see."""
    rows = await events_of(scope).speakers_by_event.load(event_id)
    scope.loaders.prime_members(rows)
    return [row for row in rows if scope.can_view_member(row)]


async def attendees(scope: RequestScope, *, event_id: str, status: str, win: Window) -> Slice:
    """A page of the members with that RSVP status, only those the viewer may see (totals too)."""
    fetched = await _nested(events_of(scope).attendees_by_event, event_id, win,
                            _choice(status, RSVP_STATUSES, "status"))
    scope.loaders.prime_members(fetched.rows)
    return fetched


async def viewer_rsvp(scope: RequestScope, *, event_id: str) -> Row | None:
    """The viewer's own RSVP ({status, waitlistPosition}); None when anonymous or not answered."""
    if scope.viewer is None:
        return None
    return await events_of(scope).viewer_rsvp_by_event.load(event_id)


async def attended_events(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """Events the member went to (GOING, already ended), newest first."""
    fetched = await _nested(events_of(scope).attended_by_member, member_id, win, None)
    events_of(scope).prime_events(fetched.rows)
    return fetched


async def events_of_group(scope: RequestScope, *, group_id: str, win: Window, upcoming: bool) -> Slice:
    """The events a group hosts: yet to end and soonest first, or ended and most recent first."""
    fetched = await _nested(events_of(scope).events_by_group, group_id, win, upcoming)
    events_of(scope).prime_events(fetched.rows)
    return fetched


async def upcoming_events(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """Upcoming events from the member's groups and followed topics, soonest first.

    Personal, like the other viewer-only fields of Member (peopleYouMayKnow, feed): asked on anyone
    but the signed-in viewer it is FORBIDDEN (UNAUTHENTICATED for an anonymous caller), so a client
    learns it asked the wrong member instead of reading an empty list.
    """
    viewer = scope.require_viewer()
    if viewer.member_id != member_id:
        raise Forbidden("upcomingEvents is personal: ask it on `viewer`")
    fetched = await _nested(events_of(scope).upcoming_for_member, member_id, win, None)
    events_of(scope).prime_events(fetched.rows)
    return fetched


# -- writes ----------------------------------------------------------------------------


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def _ids(values: list[str] | None, expect: str, field_name: str, limit: int, check: Checker) -> list[str] | None:
    if values is None:
        return None
    if len(values) > limit:
        check.fail(field_name, f"takes at most {limit} IDs")
        return None
    ids = []
    for index, value in enumerate(values):
        local, errors = _target(value, expect, f"{field_name}[{index}]")
        check.errors.extend(errors)
        if local is not None:
            ids.append(local)
    return list(dict.fromkeys(ids))


async def _existing_topics(scope: RequestScope, ids: list[str] | None, check: Checker) -> None:
    if not ids:
        return
    for topic_id, topic in zip(ids, await scope.loaders.topic_by_id.load_many(ids)):
        if topic is None:
            check.fail("topicIds", f"no such topic: {topic_id}", "NOT_FOUND")


async def _existing_speakers(scope: RequestScope, ids: list[str] | None, check: Checker) -> None:
    """Speakers must be members the viewer can see (a hidden profile is reported as missing)."""
    if not ids:
        return
    for speaker_id, row in zip(ids, await scope.loaders.member_by_id.load_many(ids)):
        if not scope.can_view_member(row):
            check.fail("speakerIds", f"no such member: {speaker_id}", "NOT_FOUND")


async def _require_leader(scope: RequestScope, group_id: str) -> None:
    if await scope.loaders.viewer_role_in_group.load(group_id) != "LEADER":
        raise Forbidden("only a leader of the hosting group can do this")


def _checked(values: dict[str, Any], check: EventChecker) -> None:
    check.texts(values)
    check.choice("kind", values.get("kind"), EVENT_KINDS)
    check.choice("format", values.get("format"), EVENT_FORMATS)
    check.capacity(values.get("capacity"))


async def _check_office_hours(scope: RequestScope, kind: str | None, check: Checker) -> None:
    """OFFICE_HOURS events are held by current MVPs (a term covering now) or admins: NOT_AN_MVP on
    `kind` for anyone else. Read only when the kind asked for is OFFICE_HOURS, so other events cost
    nothing more."""
    if kind != OFFICE_HOURS:
        return
    context = recognition(scope)
    if context.is_admin() or await context.viewer_is_current_mvp():
        return
    check.fail("kind", "only current MVPs (and admins) can host OFFICE_HOURS events", "NOT_AN_MVP")


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def create_event(scope: RequestScope, *, values: dict[str, Any]) -> Outcome[Row]:
    """Create an event in a group the viewer leads; FORBIDDEN for anyone else."""
    viewer = scope.require_viewer()
    group_id, errors = _target(values["group_id"], "Group", "groupId")
    if errors:
        return Outcome(None, errors)
    if await scope.loaders.group_by_id.load(group_id) is None:
        return Outcome.refused("groupId", "no such group", "NOT_FOUND")
    await _require_leader(scope, group_id)

    check = EventChecker(_now())
    _checked(values, check)
    for required in ("title", "kind", "format", "capacity"):
        if values.get(required) is None:
            check.fail(required, "is required")
    tz = check.time_zone(values.get("time_zone"))
    check.times(values.get("starts_at"), values.get("ends_at"), tz)
    check.place(values.get("format"), check.values.get("city"), check.values.get("country"))
    topic_ids = _ids(values.get("topic_ids"), "Topic", "topicIds", MAX_TOPICS, check)
    speaker_ids = _ids(values.get("speaker_ids"), "Member", "speakerIds", MAX_SPEAKERS, check)
    await _existing_topics(scope, topic_ids, check)
    await _existing_speakers(scope, speaker_ids, check)
    await _check_office_hours(scope, values.get("kind"), check)
    if check.errors:
        return Outcome(None, check.errors)

    props = {key: value for key, value in check.values.items() if key in _PROPS and value is not None}
    props["id"] = new_id()
    props["capacity"] = check.values["capacity"]
    row = await events_of(scope).repository.create_event(
        viewer.member_id, group_id, props, starts_at=epoch_millis(check.starts_at),
        ends_at=epoch_millis(check.ends_at), topic_ids=topic_ids or [], speaker_ids=speaker_ids or [])
    if row is None:  # the viewer stopped leading the group in the meantime
        raise Forbidden("only a leader of the hosting group can do this")
    events_of(scope).event_by_id.prime(row["id"], row)
    return Outcome(row)


async def update_event(scope: RequestScope, *, event_global_id: str, values: dict[str, Any]) -> Outcome[Row]:
    """Change an event the viewer leads; a raised capacity goes to the waitlist at once."""
    viewer = scope.require_viewer()
    event_id, errors = _target(event_global_id, "Event", "eventId")
    if errors:
        return Outcome(None, errors)
    context = events_of(scope)
    current = await context.event_by_id.load(event_id)
    if current is None:
        return Outcome.refused("eventId", "no such event", "NOT_FOUND")
    await _require_leader(scope, current["groupId"])

    check = EventChecker(_now())
    _checked(values, check)
    for field_name in ("title", "kind", "format", "capacity", "time_zone", "starts_at", "ends_at"):
        if field_name in values and values[field_name] is None:
            check.fail(_camel(field_name), "cannot be cleared")
    for field_name, key in _CLEARABLE.items():
        if field_name in values and values[field_name] is None:
            check.values[key] = None  # an explicit null clears the field
    if ("latitude" in values) != ("longitude" in values):
        check.fail("latitude", "latitude and longitude change together")
    tz = check.time_zone(values.get("time_zone")) if values.get("time_zone") is not None else zone(current["timeZone"])
    check.times(values.get("starts_at"), values.get("ends_at"), tz,
                current_start=_native(current["startsAt"]), current_end=_native(current["endsAt"]))
    merged = {**current, **check.values}
    check.place(merged.get("format"), merged.get("city"), merged.get("country"))
    topic_ids = _ids(values.get("topic_ids"), "Topic", "topicIds", MAX_TOPICS, check)
    speaker_ids = _ids(values.get("speaker_ids"), "Member", "speakerIds", MAX_SPEAKERS, check)
    await _existing_topics(scope, topic_ids, check)
    await _existing_speakers(scope, speaker_ids, check)
    if values.get("kind") != current["kind"]:  # an event that already is OFFICE_HOURS stays editable
        await _check_office_hours(scope, values.get("kind"), check)
    if check.errors:
        return Outcome(None, check.errors)
    props = {key: value for key, value in check.values.items() if key in _PROPS}
    if not props and not {"capacity", "starts_at", "ends_at", "topic_ids", "speaker_ids"} & values.keys():
        return Outcome.refused("input", "give at least one field to change")

    async with event_queue(event_id):
        result = await context.repository.update_event(
            viewer.member_id, event_id, props, capacity=check.values.get("capacity"),
            starts_at=epoch_millis(check.starts_at) if check.starts_at else None,
            ends_at=epoch_millis(check.ends_at) if check.ends_at else None,
            topic_ids=topic_ids, speaker_ids=speaker_ids)
    if result.forbidden:
        raise Forbidden("only a leader of the hosting group can do this")
    if result.event is None:
        return Outcome.refused(
            "capacity", f"{result.going_count} members are already going; the capacity cannot be lower",
            "CAPACITY_BELOW_GOING")
    _forget_event(context, event_id)
    context.event_by_id.prime(event_id, result.event)
    return Outcome(result.event)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _forget_event(context: EventsContext, event_id: str) -> None:
    for loader in (context.event_by_id, context.topics_by_event, context.speakers_by_event,
                   context.viewer_rsvp_by_event):
        forget(loader, event_id)


async def rsvp(scope: RequestScope, *, event_global_id: str, status: str) -> Outcome[RsvpResult]:
    """Answer an event: GOING takes a place or a waitlist ticket; leaving GOING frees the place,
    which the first on the waitlist gets at once. Repeating an answer changes nothing."""
    viewer = scope.require_viewer()
    event_id, errors = _target(event_global_id, "Event", "eventId")
    if errors:
        return Outcome(None, errors)
    if status not in RSVP_ANSWERS:
        return Outcome.refused("status", f"must be one of {', '.join(RSVP_ANSWERS)}")
    context = events_of(scope)
    async with event_queue(event_id):
        result = await context.repository.rsvp(viewer.member_id, event_id, status)
    if result.missing:
        return Outcome.refused("eventId", "no such event", "NOT_FOUND")
    if result.member_missing:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    if result.ended:
        return Outcome.refused("eventId", "this event has already ended", "EVENT_ENDED")
    _forget_event(context, event_id)
    context.event_by_id.prime(event_id, result.event)
    return Outcome(result)
