"""The roadmap: the ideas product managers have taken on, in columns by status (ROADMAP_STATUSES,
in that order), each idea with its expected release.

Within a column, ideas come by expected release (the earliest first, those without one last), then
by points (the most first), then by id. Every column a request asks for is read by one query
(`LifecycleContext.roadmap_column`), however many columns and fields it selects.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.community.repository import Row
from resolvers.errors import BadUserInput
from resolvers.ideas.ideas import prime_ideas
from resolvers.ideas.lifecycle import lifecycle
from resolvers.ideas.rules import ROADMAP_STATUSES
from resolvers.ids import id_argument
from resolvers.pagination import MAX_PAGE_SIZE
from resolvers.scope import RequestScope

DEFAULT_COLUMN_SIZE = 20


@dataclass(frozen=True)
class RoadmapColumn:
    product_area_id: str | None
    status: str


async def roadmap_area(scope: RequestScope, *, product_area_global_id: str | None) -> tuple[str | None, Row | None]:
    """The roadmap's product area: its id (None for every area) and its topic row (None when there
    is no such topic). A malformed ID is BAD_USER_INPUT."""
    area_id = id_argument(product_area_global_id, "Topic", "productAreaId")
    if area_id is None:
        return None, None
    return area_id, await scope.loaders.topic_by_id.load(area_id)


def roadmap_columns(product_area_id: str | None) -> list[RoadmapColumn]:
    return [RoadmapColumn(product_area_id, status) for status in ROADMAP_STATUSES]


async def column_count(scope: RequestScope, column: RoadmapColumn) -> int:
    """How many ideas the column holds."""
    page = await lifecycle(scope).roadmap_column.load((column.product_area_id, column.status, 0))
    return page.total


async def column_ideas(scope: RequestScope, column: RoadmapColumn, *, first: int) -> list[Row]:
    """The column's first `first` ideas in roadmap order."""
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE_SIZE}, got {first}", field="first",
                           maxPageSize=MAX_PAGE_SIZE)
    page = await lifecycle(scope).roadmap_column.load((column.product_area_id, column.status, first))
    prime_ideas(scope, page.rows)
    return page.rows
