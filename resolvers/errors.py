"""Errors the API reports, each with the `extensions.code` clients switch on."""

from __future__ import annotations

from typing import Any

from graph.errors import Conflict, GraphError, NotFound, Unavailable


class ApiError(Exception):
    """An error a client can act on; `code` becomes `extensions.code`."""

    code = "INTERNAL"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    code = "FORBIDDEN"


class NotFoundError(ApiError):
    code = "NOT_FOUND"


class ConflictError(ApiError):
    code = "CONFLICT"


class UnavailableError(ApiError):
    code = "UNAVAILABLE"


def from_graph_error(error: GraphError) -> ApiError | None:
    """The API error for a graph-layer error, or None when it is an internal fault."""
    if isinstance(error, Unavailable):
        return UnavailableError("the database is unavailable; try again shortly")
    if isinstance(error, Conflict):
        return ConflictError(str(error))
    if isinstance(error, NotFound):
        return NotFoundError(str(error))
    return None
