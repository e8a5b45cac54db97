"""LeaderboardRepository: pages, sizes and positions of the learning leaderboards.

A board is a scope (GLOBAL, COUNTRY, GROUP, COMPANY) and its key (None, an ISO country code,
a group id, a company id); each scope has its own statements in leaderboards.cypher, so every
statement can be anchored on the index or relationship that scope is found by.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.community.repository import Row
from graph.database import Graph
from graph.learning import QUERIES

# The parameter that carries each scope's key.
_KEY_PARAM = {"GLOBAL": None, "COUNTRY": "country", "GROUP": "groupId", "COMPANY": "companyId"}


@dataclass(frozen=True)
class Board:
    """Which members a leaderboard ranks: every ranked member, or those of one country, group or company."""

    scope: str
    key: str | None = None

    def params(self) -> dict[str, str | None]:
        name = _KEY_PARAM[self.scope]
        return {name: self.key} if name else {}


class LeaderboardRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def page(self, board: Board, *, skip: int, limit: int) -> list[Row]:
        """Ranked members at offsets [skip, skip + limit), best first: their Member rows."""
        if limit <= 0:
            return []
        params = {"skip": skip, "limit": limit}
        if board.scope == "GLOBAL":
            # The window's last row fixes a floor; only members at or above it need sorting.
            found = await self.graph.read(QUERIES["leaderboard_global_floor"], skip=skip + limit - 1)
            params["floor"] = max(1, found[0]["points"]) if found else 1
        name = f"leaderboard_{board.scope.lower()}_page"
        rows = await self.graph.read(QUERIES[name], **params, **board.params())
        return [row["member"] for row in rows]

    async def count(self, board: Board) -> int:
        rows = await self.graph.read(QUERIES[f"leaderboard_{board.scope.lower()}_count"], **board.params())
        return int(rows[0]["total"]) if rows else 0

    async def ahead(self, board: Board, *, points: int, badges: int) -> int:
        """How many ranked members of the board have more points, or as many and more badges."""
        rows = await self.graph.read(QUERIES[f"leaderboard_{board.scope.lower()}_ahead"], points=points,
                                     badges=badges, **board.params())
        return int(rows[0]["ahead"]) if rows else 0

    async def group_position(self, viewer_id: str, group_id: str) -> int | None:
        rows = await self.graph.read(QUERIES["leaderboard_group_position"], viewerId=viewer_id, groupId=group_id)
        return int(rows[0]["position"]) if rows else None

    async def company_position(self, viewer_id: str, company_id: str | None) -> int | None:
        """The viewer's place among their employer's (or `company_id`'s, if they work there) employees."""
        rows = await self.graph.read(QUERIES["leaderboard_company_position"], viewerId=viewer_id,
                                     companyId=company_id)
        return int(rows[0]["position"]) if rows else None
