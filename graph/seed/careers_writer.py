"""The careers kinds of the seed writer (graph/MODEL.md, "Careers").

A mixin of `SeedWriter`, like `LearningSeedWriter`: one method per kind of `careers.cypher`, the
careers recount and the careers invariant check. It relies on the host's `_write` and `graph`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from graph.cypher import load_queries

QUERIES = load_queries(Path(__file__).parent)
Rows = Iterable[Mapping[str, Any]]

# In write order: each kind's rows only name nodes of earlier kinds (or of community and learning kinds).
CAREERS_KINDS = (
    "recruiters",
    "job_postings",
    "job_skill_requirements",
    "job_certification_requirements",
    "career_preferences",
    "applications",
    "saved_searches",
    "profile_views",
    "career_outcomes",
    "job_fair_exhibitors",
)
CAREERS_MISMATCH_KINDS = ("careers",)


class CareersSeedWriter:
    """Careers kinds: every row names existing nodes, so every write raises NotFound on a missing end."""

    async def _write(self, query, rows, *, check: bool) -> int:  # provided by SeedWriter
        raise NotImplementedError

    async def _linked(self, name: str, rows: Rows) -> int:
        return await self._write(QUERIES[name], rows, check=True)

    async def recruiters(self, rows: Rows) -> int:
        """(Member)-[:RECRUITS_FOR]->(Company): {memberId, companyId, since}."""
        return await self._linked("seed_recruiters", rows)

    async def job_postings(self, rows: Rows) -> int:
        """Postings: MODEL.md properties plus companyId; searchText is derived."""
        return await self._linked("seed_job_postings", rows)

    async def job_skill_requirements(self, rows: Rows) -> int:
        """{jobId, skillId, minLevel, weight, necessity}."""
        return await self._linked("seed_job_skill_requirements", rows)

    async def job_certification_requirements(self, rows: Rows) -> int:
        """{jobId, certificationId, necessity}."""
        return await self._linked("seed_job_certification_requirements", rows)

    async def career_preferences(self, rows: Rows) -> int:
        """{id, memberId, openToWork, visibility, roles, cities, countries, remote, seniority, optedInAt, updatedAt}."""
        return await self._linked("seed_career_preferences", rows)

    async def applications(self, rows: Rows) -> int:
        """{id, memberId, jobId, status, coverNote, appliedAt, updatedAt, hiredAt}; applicationCount untouched."""
        return await self._linked("seed_applications", rows)

    async def saved_searches(self, rows: Rows) -> int:
        """{id, memberId, companyId, name, filter (JSON), createdAt, lastRunAt}."""
        return await self._linked("seed_saved_searches", rows)

    async def profile_views(self, rows: Rows) -> int:
        """{recruiterId, memberId, companyId, via, at}."""
        return await self._linked("seed_profile_views", rows)

    async def career_outcomes(self, rows: Rows) -> int:
        """{id, memberId, kind (NEW_JOB or PROMOTION), title, companyName, at}."""
        return await self._linked("seed_career_outcomes", rows)

    async def job_fair_exhibitors(self, rows: Rows) -> int:
        """{companyId, eventId (a JOB_FAIR), since}."""
        return await self._linked("seed_job_fair_exhibitors", rows)

    async def recount_careers(self) -> None:
        """Recompute every posting's applicationCount and every recruiter's savedSearchCount."""
        await self.graph.write(QUERIES["seed_recount_careers"])
        await self.graph.write(QUERIES["seed_recount_saved_searches"])

    async def careers_counts(self) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["seed_careers_counts"])
        return {kind: int(rows[0][kind]) for kind in CAREERS_KINDS}

    async def careers_mismatches(self) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["seed_careers_mismatches"])
        return {kind: int(rows[0][kind]) for kind in CAREERS_MISMATCH_KINDS}


__all__ = ["CAREERS_KINDS", "CAREERS_MISMATCH_KINDS", "CareersSeedWriter"]
