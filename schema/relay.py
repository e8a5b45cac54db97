"""Relay building blocks shared by every subgraph: Node, PageInfo, connections."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Generic, TypeVar

import strawberry

from resolvers import pagination
from resolvers.errors import BadUserInput
from resolvers.ids import from_global_id

NodeT = TypeVar("NodeT")


def time_of(value: Any) -> datetime | None:
    """A driver datetime as a Python one (None stays None)."""
    return value.to_native() if hasattr(value, "to_native") else value


def reference_id(id: strawberry.ID, expect: str) -> str | None:
    """The application id inside an entity reference (`node`, `_entities`), or None when it is
    malformed or of another type: such a reference resolves to null, like a missing entity."""
    try:
        return from_global_id(str(id), expect=expect).id
    except BadUserInput:
        return None


@strawberry.interface(description="An object with a globally unique, opaque ID.")
class Node:
    id: strawberry.ID = strawberry.field(description="Opaque global ID; pass it to `node(id:)`.")


# Every subgraph has connections: PageInfo is a value type they share.
@strawberry.federation.type(shareable=True, description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, fetched: pagination.Slice) -> "PageInfo":
        info = fetched.page_info()
        return cls(
            has_next_page=info.has_next_page,
            has_previous_page=info.has_previous_page,
            start_cursor=info.start_cursor,
            end_cursor=info.end_cursor,
        )


@strawberry.type
class Edge(Generic[NodeT]):
    node: NodeT
    cursor: str = strawberry.field(description="Pass as `after` or `before` to page from here.")


@strawberry.type
class SliceBacked:
    """Connections render a fetched `Slice`; `totalCount` counts only when a client asks."""

    fetched: strawberry.Private[pagination.Slice]

    @strawberry.field(description="How many items the whole list holds.")
    async def total_count(self) -> int:
        return await self.fetched.total()

    @strawberry.field(description="Where this page sits in its list.")
    def page_info(self) -> PageInfo:
        return PageInfo.of(self.fetched)


@strawberry.type
class Connection(SliceBacked, Generic[NodeT]):
    edges: list[Edge[NodeT]]

    @strawberry.field(description="The nodes of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, fetched: pagination.Slice, build: Callable[[dict], NodeT]) -> "Connection[NodeT]":
        edges = [Edge(node=build(row), cursor=cursor) for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)


def window(first: int | None, after: str | None, last: int | None, before: str | None) -> pagination.Window:
    """Validate Relay arguments (page size capped at 100) into a fetch window."""
    return pagination.window(first=first, after=after, last=last, before=before)
