"""MatchingRepository: the reads of job matching (graph/careers/matching.cypher).

The candidates of a ranking come in two reads: first every candidate's id with the few numbers
the resolver picks the most promising by (parallel lists: the engine ships them cheaply, while
sorting and shipping thousands of nested rows costs it seconds), then what the scoring model
reads for the ones picked.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.careers import QUERIES
from graph.community.repository import Row
from graph.database import Graph


@dataclass(frozen=True)
class JobCandidates:
    """Postings worth scoring for a member, by id: those sharing a requirement with them
    (`ids`, each with its `promises` and `posted` epoch millis), and those asking nothing (`open`)."""

    ids: list[str]
    promises: list[int]
    posted: list[int]
    open: list[str]
    open_posted: list[int]


@dataclass(frozen=True)
class MemberCandidates:
    """Opted-in members worth scoring for a posting, by id, each with its `promises` and `ranks`."""

    ids: list[str]
    promises: list[int]
    ranks: list[int]


class MatchingRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def job_candidates(self, member_id: str, *, now_ms: int, country: str | None = None,
                             remote: bool | None = None, seniority: list[str] | None = None,
                             company_id: str | None = None, search: str | None = None) -> JobCandidates:
        """The OPEN postings worth scoring for the member (see the query's doc)."""
        rows = await self.graph.read(QUERIES["matching_job_candidates"], memberId=member_id, now=now_ms,
                                     country=country, remote=remote, seniority=seniority, companyId=company_id,
                                     search=search)
        if not rows:
            return JobCandidates([], [], [], [], [])
        row = rows[0]
        return JobCandidates(row["ids"], row["promises"], row["posted"], row["open"], row["openPosted"])

    async def jobs_for_scoring(self, ids: list[str]) -> list[Row]:
        """Rows {id, workplace, latitude, longitude, country, seniority, minRank, requirements}, the
        requirements shaped like `careers_job_requirements` rows (unordered)."""
        if not ids:
            return []
        rows = await self.graph.read(QUERIES["matching_jobs_for_scoring"], ids=ids)
        return [{"id": key, "workplace": workplace, "latitude": latitude, "longitude": longitude, "country": country,
                 "seniority": seniority, "minRank": min_rank,
                 "requirements": [{"kind": "SKILL" if is_skill else "CERTIFICATION", "targetId": target, "name": name,
                                   "minLevel": level, "weight": weight, "necessity": necessity}
                                  for target, is_skill, name, level, weight, necessity in requirements]}
                for key, workplace, latitude, longitude, country, seniority, min_rank, requirements
                in (rows[0]["jobs"] if rows else [])]

    async def member_candidates(self, job_id: str) -> MemberCandidates:
        """The opted-in members worth scoring for the posting (see the query's doc)."""
        rows = await self.graph.read(QUERIES["matching_member_candidates"], jobId=job_id)
        if not rows:
            return MemberCandidates([], [], [])
        return MemberCandidates(rows[0]["ids"], rows[0]["promises"], rows[0]["ranks"])

    async def members_for_scoring(self, job_id: str, ids: list[str]) -> list[Row]:
        """The opted-in members among `ids` shaped like `careers_candidate_profiles` rows (so
        `to_candidate` reads them), with only the skills and credentials the posting asks about and
        no recent activity (job matching does not weigh it)."""
        if not ids:
            return []
        rows = await self.graph.read(QUERIES["matching_members_for_scoring"], jobId=job_id, ids=ids)
        return [{"id": key, "rank": rank, "latitude": latitude, "longitude": longitude, "country": country,
                 "searchable": True, "remote": remote, "seniority": seniority,
                 "skills": [{"id": skill, "level": level} for skill, level in skills],
                 "credentials": [{"id": certification, "coveredThrough": covered, "requiresMaintenance": maintained}
                                 for certification, covered, maintained in credentials],
                 "recentActivity": 0}
                for key, rank, latitude, longitude, country, remote, seniority, skills, credentials
                in (rows[0]["members"] if rows else [])]

    async def readiness_candidates(self, member_id: str, *, certification_ids: list[str],
                                   skill_ids: list[str]) -> Row | None:
        """What a path to a posting can be made of, and what the member did of it; None for an unknown member."""
        rows = await self.graph.read(QUERIES["matching_readiness_candidates"], memberId=member_id,
                                     certifications=certification_ids, skills=skill_ids)
        return rows[0] if rows else None
