"""IdeasRepository: the reads every ideas area shares (graph/ideas/core.cypher)."""

from __future__ import annotations

from graph.community.repository import Row
from graph.database import Graph
from graph.ideas import QUERIES


class IdeasRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def ideas_by_ids(self, ids: list[str]) -> dict[str, Row]:
        """Idea rows: the node's properties plus `productAreaId` and `authorId`."""
        rows = await self.graph.read(QUERIES["ideas_by_ids"], ids=ids)
        return {row["id"]: row["idea"] for row in rows}

    async def rounds_by_ids(self, ids: list[str]) -> dict[str, Row]:
        """Round rows: the node's properties plus `productAreaId`."""
        rows = await self.graph.read(QUERIES["rounds_by_ids"], ids=ids)
        return {row["id"]: row["round"] for row in rows}
