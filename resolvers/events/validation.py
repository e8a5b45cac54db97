"""Input rules for events: kinds, formats, time zones, times and capacity, reported per field.

Times: an input with a UTC offset is an instant; one without is a wall-clock time in the event's
own `timeZone` ("19:00 in Europe/Berlin"), which is how organisers think about their events.
They are stored in UTC and shown back in the event's time zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from resolvers.community.validation import Checker
from resolvers.errors import BadUserInput

EVENT_KINDS = ("CITY_TOUR", "MEETUP", "WEBINAR", "OFFICE_HOURS", "JOB_FAIR", "CONFERENCE")
EVENT_FORMATS = ("ONLINE", "IN_PERSON")
RSVP_ANSWERS = ("GOING", "INTERESTED", "NOT_GOING")
RSVP_STATUSES = ("GOING", "INTERESTED", "NOT_GOING", "WAITLISTED")
EVENT_ORDERS = ("STARTS_AT", "NEWEST", "DISTANCE")
MIN_CAPACITY, MAX_CAPACITY = 1, 100_000
MAX_SPEAKERS = 20
MAX_TOPICS = 10
# Bounds that catch typos (a year off, a month-long "meetup") without getting in anyone's way.
MAX_LEAD_TIME = timedelta(days=3 * 366)
MAX_DURATION = timedelta(days=31)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def zone(name: str | None) -> ZoneInfo | None:
    """The IANA time zone of that name, or None; names outside the tz database are refused."""
    if not name or name not in _zones():
        return None
    return ZoneInfo(name)


def epoch_millis(value: datetime) -> int:
    """Milliseconds since the Unix epoch of an aware datetime: how times travel to the database."""
    return (value - _EPOCH) // timedelta(milliseconds=1)


def instant(value: datetime, tz: ZoneInfo) -> datetime:
    """An input time as an aware UTC instant; a time without offset is wall-clock time in `tz`."""
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(timezone.utc)


def filter_instant(value: datetime | None, argument: str) -> int | None:
    """A filter bound as epoch millis; it needs an offset, since a list spans many time zones."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadUserInput(f"`{argument}` needs a UTC offset, such as 2027-03-01T00:00:00Z", field=argument)
    return epoch_millis(value)


class EventChecker(Checker):
    """Checks an event's fields; `values` ends up with the cleaned stored properties."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now = now
        self.starts_at: datetime | None = None
        self.ends_at: datetime | None = None

    def texts(self, values: dict[str, Any]) -> None:
        self.text("title", "title", values.get("title"), min_length=3, max_length=200)
        self.text("description", "description", values.get("description"), max_length=10_000, multiline=True)
        self.text("venue", "venue", values.get("venue"), max_length=200)
        self.text("city", "city", values.get("city"), max_length=80)
        self.country("country", "country", values.get("country"))
        self.coordinates(values.get("latitude"), values.get("longitude"))

    def choice(self, field: str, value: str | None, allowed: tuple[str, ...]) -> None:
        if value is None:
            return
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(allowed)}")
        else:
            self.values[field] = value

    def time_zone(self, name: str | None) -> ZoneInfo | None:
        if name is None:
            return None
        tz = zone(name.strip())
        if tz is None:
            self.fail("timeZone", "must be an IANA time zone name, such as Europe/Berlin or America/New_York")
            return None
        self.values["timeZone"] = name.strip()
        return tz

    def capacity(self, value: int | None) -> None:
        if value is None:
            return
        if not MIN_CAPACITY <= value <= MAX_CAPACITY:
            self.fail("capacity", f"must be between {MIN_CAPACITY} and {MAX_CAPACITY}")
        else:
            self.values["capacity"] = value

    def times(self, starts_at: datetime | None, ends_at: datetime | None, tz: ZoneInfo | None, *,
              current_start: datetime | None = None, current_end: datetime | None = None) -> None:
        """New start and end times (either may be None for "unchanged"), checked against each other."""
        if tz is None:
            return  # the time zone is missing or wrong, which is reported already
        if starts_at is not None:
            self.starts_at = instant(starts_at, tz)
            if self.starts_at <= self.now:
                self.fail("startsAt", "must be in the future")
            elif self.starts_at > self.now + MAX_LEAD_TIME:
                self.fail("startsAt", "must be at most three years ahead")
        if ends_at is not None:
            self.ends_at = instant(ends_at, tz)
            if self.ends_at <= self.now:
                self.fail("endsAt", "must be in the future")
        start, end = self.starts_at or current_start, self.ends_at or current_end
        if start is not None and end is not None and (starts_at is not None or ends_at is not None):
            if end <= start:
                self.fail("endsAt", "must be after startsAt")
            elif end - start > MAX_DURATION:
                self.fail("endsAt", "an event lasts at most 31 days")

    def place(self, event_format: str | None, city: str | None, country: str | None) -> None:
        """An IN_PERSON event happens somewhere: it needs a city and a country."""
        if event_format != "IN_PERSON":
            return
        if not city:
            self.fail("city", "an IN_PERSON event needs a city")
        if not country:
            self.fail("country", "an IN_PERSON event needs a country")
