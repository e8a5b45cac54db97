"""Property test: every Relay argument combination pages like the spec's reference algorithm.

The fetch below behaves as the list queries do: a nested query takes skip/limit and, from the
end, returns the last rows in reverse order with the list's total; a top-level query takes
skip/limit and counts separately.
"""

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.community.repository import Page
from resolvers.pagination import Window, encode_cursor, paginate, slice_of, window

ITEMS = st.integers(min_value=0, max_value=30)
SIZES = st.none() | st.integers(min_value=0, max_value=12)
CURSORS = st.none() | st.integers(min_value=0, max_value=35)


def reference(items: list[int], first, after, last, before) -> list[int]:
    """The GraphQL Cursor Connections spec: apply after/before, then first, then last."""
    edges = list(range(len(items)))
    if after is not None:
        edges = [e for e in edges if e > after]
    if before is not None:
        edges = [e for e in edges if e < before]
    if first is not None:
        edges = edges[:first]
    elif last is not None:
        edges = edges[-last:] if last else []
    elif first is None and last is None:
        edges = edges[:20]
    return [items[e] for e in edges]


def nested_fetch(items, win: Window) -> Page:
    if win.from_end:
        return Page(len(items), list(reversed(items))[win.skip : win.skip + win.limit])
    return Page(len(items), items[win.skip : win.skip + win.limit])


@settings(max_examples=400, deadline=None)
@given(n=ITEMS, first=SIZES, after=CURSORS, last=SIZES, before=CURSORS)
def test_windows_match_the_spec_for_nested_and_top_level_lists(n, first, after, last, before):
    if first is not None and last is not None:
        return  # refused as bad input, tested elsewhere
    items = list(range(100, 100 + n))
    win = window(first=first, last=last, after=encode_cursor(after) if after is not None else None,
                 before=encode_cursor(before) if before is not None else None)
    expected = reference(items, first, after, last, before)

    page = nested_fetch(items, win)
    clamped = win.clamped(page.total)  # as the services do for a `before` cursor past the end
    nested = slice_of(nested_fetch(items, clamped), clamped) if clamped else slice_of(page, win)
    assert nested.rows == expected

    async def page(skip, limit):
        return items[skip : skip + limit]

    async def count():
        return len(items)

    top = asyncio.run(paginate(win, page, count))
    assert top.rows == expected
    for fetched in (nested, top):
        if fetched.rows:  # cursors point back at the same items
            assert items[fetched.offset] == fetched.rows[0]
        if expected and before is None and last is None:  # forward paging knows what follows
            assert fetched.page_info().has_next_page == (expected[-1] != items[-1])
