"""Relay cursor pagination over offset windows.

Cursors are opaque, versioned offsets into a list with a stable order (every list query
ends its ORDER BY on a unique key). A window with a negative `skip` means "the last
`-skip` rows", which lets `last` without `before` run in one query.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graph.community.repository import Page
from resolvers.errors import BadUserInput

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
_PREFIX = "cursor:v1:"
T = TypeVar("T")


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, argument: str) -> int:
    try:
        text = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(cursor)
        offset = int(text[len(_PREFIX) :])
    except (ValueError, UnicodeError, binascii.Error):
        raise BadUserInput(f"`{argument}` is not a valid cursor", field=argument) from None
    if offset < 0:
        raise BadUserInput(f"`{argument}` is not a valid cursor", field=argument)
    return offset


@dataclass(frozen=True, slots=True)
class Window:
    """Which rows of a list to fetch: `skip`/`limit`, or the last `-skip` rows when `skip` < 0."""

    skip: int
    limit: int
    after: int | None = None


def _size(value: int | None, argument: str) -> int | None:
    if value is None:
        return None
    if value < 0 or value > MAX_PAGE_SIZE:
        raise BadUserInput(
            f"`{argument}` must be between 0 and {MAX_PAGE_SIZE}, got {value}",
            field=argument,
            maxPageSize=MAX_PAGE_SIZE,
        )
    return value


def window(
    *, first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None
) -> Window:
    """Turn Relay arguments into a window; oversized or contradictory arguments are bad input."""
    first, last = _size(first, "first"), _size(last, "last")
    if first is not None and last is not None:
        raise BadUserInput("pass `first` or `last`, not both", field="last")
    start = decode_cursor(after, "after") + 1 if after is not None else 0
    end = decode_cursor(before, "before") if before is not None else None
    if end is not None and end < start:
        return Window(start, 0)
    if last is None:
        size = DEFAULT_PAGE_SIZE if first is None else first
        if end is not None:
            size = min(size, end - start)
        return Window(start, size)
    if end is None:
        return Window(-last, last, after=start)
    begin = max(start, end - last)
    return Window(begin, end - begin)


@dataclass(frozen=True, slots=True)
class Edge(Generic[T]):
    node: T
    cursor: str


@dataclass(frozen=True, slots=True)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@dataclass(frozen=True, slots=True)
class Slice:
    """A fetched page with absolute offsets: what a connection type renders."""

    rows: list[Any]
    offset: int
    total: int

    def page_info(self) -> PageInfo:
        count = len(self.rows)
        return PageInfo(
            has_next_page=self.offset + count < self.total,
            has_previous_page=self.offset > 0,
            start_cursor=encode_cursor(self.offset) if count else None,
            end_cursor=encode_cursor(self.offset + count - 1) if count else None,
        )

    def cursors(self) -> list[str]:
        return [encode_cursor(self.offset + i) for i in range(len(self.rows))]


def slice_of(page: Page, win: Window) -> Slice:
    """Place a fetched page at its absolute offset in the whole list."""
    if win.skip >= 0:
        return Slice(page.rows, win.skip, page.total)
    offset = max(0, page.total - len(page.rows))
    rows = page.rows
    if win.after:  # `last` with `after`: drop rows at or before the `after` cursor
        drop = max(0, win.after - offset)
        rows, offset = rows[drop:], offset + drop
    return Slice(rows, offset, page.total)


def page_params(win: Window) -> dict[str, Any]:
    return {"skip": win.skip, "limit": win.limit}
