"""Per-request database round-trip accounting, read by tests and by debug responses."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field


@dataclass(slots=True)
class RoundTrips:
    """How many statements one operation sent to the database, and how long they took."""

    count: int = 0
    millis: float = 0.0
    names: list[str] = field(default_factory=list)

    def record(self, name: str, millis: float) -> None:
        self.count += 1
        self.millis += millis
        self.names.append(name)


_current: contextvars.ContextVar[RoundTrips | None] = contextvars.ContextVar("round_trips", default=None)


def begin_round_trips() -> RoundTrips:
    """Start counting round trips for the current task and its children."""
    trips = RoundTrips()
    _current.set(trips)
    return trips


def current_round_trips() -> RoundTrips | None:
    return _current.get()
