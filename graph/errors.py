"""Domain errors raised by `graph/`: callers never see a driver exception."""

from __future__ import annotations


class GraphError(Exception):
    """Base of every error the graph layer raises."""


class NotFound(GraphError):
    """A record the caller named does not exist."""


class Conflict(GraphError):
    """A write would break a uniqueness rule or lost a race it cannot retry."""


class Unavailable(GraphError):
    """The database cannot be reached or is not ready."""


class EngineStartError(Unavailable):
    """The embedded engine did not become ready."""
