"""CareersRepository: the reads every careers area shares (graph/careers/core.cypher)."""

from __future__ import annotations

from collections import defaultdict

from graph.careers import QUERIES
from graph.community.repository import Row
from graph.database import Graph


class CareersRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def jobs_by_ids(self, ids: list[str]) -> dict[str, Row]:
        """Posting rows: the node's properties plus `companyId` and `companyName`."""
        rows = await self.graph.read(QUERIES["careers_jobs_by_ids"], ids=ids)
        return {row["id"]: {**row["job"], "companyId": row["companyId"], "companyName": row["companyName"]}
                for row in rows}

    async def requirements_of_jobs(self, ids: list[str]) -> dict[str, list[Row]]:
        """Each posting's requirements: `{kind, targetId, name, minLevel, weight, necessity}`."""
        out: dict[str, list[Row]] = defaultdict(list)
        for row in await self.graph.read(QUERIES["careers_job_requirements"], ids=ids):
            out[row.pop("id")].append(row)
        return dict(out)

    async def recruiter_companies(self, member_id: str) -> list[str]:
        rows = await self.graph.read(QUERIES["careers_recruiter_companies"], memberId=member_id)
        return [row["id"] for row in rows]

    async def candidate_profiles(self, ids: list[str], *, active_since_ms: int) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["careers_candidate_profiles"], ids=ids, activeSince=active_since_ms)
        return {row["id"]: row for row in rows}
