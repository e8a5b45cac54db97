"""ConnectionRepository: peer suggestions, introduction paths, experts, endorsements, the home feed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.community.repository import Row, Visibility
from graph.cypher import load_queries
from graph.database import Graph

QUERIES = load_queries(Path(__file__).parent)


class ConnectionRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def _ranked(self, name: str, **params: Any) -> tuple[int, list[Row]]:
        rows = await self.graph.read(QUERIES[name], **params)
        return (rows[0]["total"], rows[0]["page"]) if rows else (0, [])

    async def people_you_may_know(self, viewer_id: str, *, visibility: Visibility, weights: dict[str, Any],
                                  skip: int, limit: int) -> tuple[int, list[Row]]:
        """The number of suggestions and one page of them, best first, each with its reasons."""
        return await self._ranked("people_you_may_know", viewerId=viewer_id, visible=list(visibility.levels),
                                  weights=weights, skip=skip, limit=limit)

    async def experts(self, *, skill_id: str | None, topic_id: str | None, near: dict[str, float] | None,
                      visibility: Visibility, weights: dict[str, Any], skip: int, limit: int) -> tuple[int, list[Row]]:
        """The number of experts and one page of them, best first, each with its evidence."""
        return await self._ranked("experts", skillId=skill_id, topicId=topic_id, near=near, weights=weights,
                                  skip=skip, limit=limit, **visibility.params())

    async def dismiss_suggestion(self, viewer_id: str, member_id: str) -> Row | None:
        rows = await self.graph.write(QUERIES["dismiss_suggestion"], viewerId=viewer_id, memberId=member_id)
        return rows[0]["member"] if rows else None

    async def path_step(self, ids: list[str], *, visibility: Visibility, end_id: str) -> list[Row]:
        """The members one hop from `ids`, each with one link {from, kind, via} that reaches it."""
        return await self.graph.read(QUERIES["path_step"], ids=ids, visible=list(visibility.levels), endId=end_id)

    async def endorse(self, endorser_id: str, member_id: str, skill_id: str, *, endorse: bool) -> Row | None:
        """Endorse (or withdraw); the skill with its new count, or None if the member does not hold it."""
        name = "endorse_skill" if endorse else "withdraw_endorsement"
        rows = await self.graph.write(QUERIES[name], endorserId=endorser_id, memberId=member_id, skillId=skill_id)
        return rows[0]["skill"] if rows else None

    async def viewer_endorsements_of_members(self, viewer_id: str, ids: list[str]) -> dict[str, set[str]]:
        rows = await self.graph.read(QUERIES["viewer_endorsements_of_members"], viewerId=viewer_id, ids=ids)
        return {row["id"]: set(row["skillIds"]) for row in rows}

    async def feed_sources(self, viewer_id: str, *, visibility: Visibility, before_at: str, before_id: str,
                           limit: int) -> Row:
        """The newest `limit` items of each feed source after the cursor, by source."""
        rows = await self.graph.read(QUERIES["feed_sources"], viewerId=viewer_id, visible=list(visibility.levels),
                                     beforeAt=before_at, beforeId=before_id, limit=limit)
        return rows[0] if rows else {}
