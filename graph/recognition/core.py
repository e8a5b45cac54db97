"""RecognitionRepository: the reads every recognition area shares (graph/recognition/core.cypher)."""

from __future__ import annotations

from graph.database import Graph
from graph.recognition import QUERIES


class RecognitionRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def current_mvps(self, ids: list[str], *, now_ms: int) -> dict[str, bool]:
        """Which of the members serve an MVP term covering `now_ms` (absent ones do not)."""
        rows = await self.graph.read(QUERIES["recognition_current_mvps"], ids=ids, now=now_ms)
        return {row["id"]: True for row in rows}
