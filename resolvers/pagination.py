"""Relay cursor pagination over offset windows.

Cursors are opaque, versioned offsets into a list with a stable order (every list query
ends its ORDER BY on a unique key). `last` without `before` is a window "from the end":
nested lists fetch it in reverse order in the same batched query; top-level lists count
first and then fetch forwards. Top-level lists fetch one row more than asked to know
`hasNextPage`, and count their matches only when a client asks for `totalCount`.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from graph.community.repository import Page
from resolvers.errors import BadUserInput

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
_PREFIX = "cursor:v1:"


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
    """Which rows of a list to fetch; `from_end` means the last `limit` rows after offset `after`."""

    skip: int
    limit: int
    from_end: bool = False
    after: int = 0
    # `last` with `before`: the cursor may lie past the end of a list that has since shrunk.
    before: int | None = None
    last: int | None = None

    def clamped(self, total: int) -> "Window | None":
        """The window to fetch instead when `before` lies past the end of a list of `total` rows."""
        if self.before is None or self.last is None or total >= self.before:
            return None
        begin = max(self.after, total - self.last)
        return Window(begin, max(0, total - begin))


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
        return Window(0, last, from_end=True, after=start)
    begin = max(start, end - last)
    return Window(begin, end - begin, after=start, before=end, last=last)


@dataclass(frozen=True, slots=True)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


class Slice:
    """A fetched page at its absolute offset: what a connection type renders."""

    def __init__(self, rows: list[Any], offset: int, *, total: int | None, has_next: bool,
                 count: Callable[[], Awaitable[int]] | None = None) -> None:
        self.rows, self.offset, self.has_next = rows, offset, has_next
        self._total, self._count = total, count

    async def total(self) -> int:
        """The size of the whole list, counted on first use when the page query did not."""
        if self._total is None:
            assert self._count is not None
            self._total = await self._count()
        return self._total

    def page_info(self) -> PageInfo:
        count = len(self.rows)
        return PageInfo(
            has_next_page=self.has_next,
            has_previous_page=self.offset > 0,
            start_cursor=encode_cursor(self.offset) if count else None,
            end_cursor=encode_cursor(self.offset + count - 1) if count else None,
        )

    def cursors(self) -> list[str]:
        return [encode_cursor(self.offset + i) for i in range(len(self.rows))]


def slice_of(page: Page, win: Window) -> Slice:
    """Place a nested list's page (fetched with its total) at its absolute offset.

    A `last` + `before` window whose cursor lies past the end must be fetched again with
    `Window.clamped` (see `nested_slice` in the services).
    """
    rows, offset = page.rows, win.skip
    if win.from_end:  # fetched in reverse order
        rows = list(reversed(rows))
        offset = max(0, page.total - len(rows))
        drop = max(0, win.after - offset)  # `last` with `after`: nothing at or before the cursor
        rows, offset = rows[drop:], offset + drop
    return Slice(rows, offset, total=page.total, has_next=offset + len(rows) < page.total)


async def paginate(
    win: Window,
    fetch_page: Callable[[int, int], Awaitable[list[Any]]],
    fetch_count: Callable[[], Awaitable[int]],
) -> Slice:
    """Fetch a top-level list's window: one query, plus a count only when it is needed."""
    if win.from_end:
        total = await fetch_count()
        start = max(win.after, total - win.limit)
        rows = await fetch_page(start, max(0, total - start))
        return Slice(rows, start, total=total, has_next=False)
    rows = await fetch_page(win.skip, win.limit + 1)
    if win.before is not None and len(rows) < win.limit:  # the cursor may lie past the end
        total = await fetch_count()
        clamped = win.clamped(total)
        if clamped is not None:
            rows = await fetch_page(clamped.skip, clamped.limit)
            return Slice(rows, clamped.skip, total=total, has_next=False)
    return Slice(rows[: win.limit], win.skip, total=None, has_next=len(rows) > win.limit, count=fetch_count)


def page_params(win: Window) -> dict[str, Any]:
    """Parameters of the nested (batched) list queries."""
    return {"skip": win.skip, "limit": win.limit, "fromEnd": win.from_end}
