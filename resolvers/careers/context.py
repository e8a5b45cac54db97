"""What every careers area shares in a request: postings, requirements, candidate profiles and
who the viewer recruits for (`careers(scope)`), and the rules that turn rows into the scoring
model's inputs (resolvers/careers/scoring.py).

Recruiters. A recruiter of a company holds the token role `recruiter` (a recruiting seat the
identity provider grants) AND recruits for that company in the graph (`RECRUITS_FOR`, which the
company grants). Recruiter-only reads (talent search, candidates, applicants) need both: the
role alone names no company to act for, the relationship alone is not a paid seat.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from strawberry.dataloader import DataLoader

from graph.careers.core import CareersRepository
from graph.community.repository import Row
from resolvers.careers.scoring import (
    CertificationRequirement, Candidate, Place, Requirements, SkillRequirement,
)
from resolvers.community.loaders import keyed_loader
from resolvers.errors import Forbidden
from resolvers.learning.credentials import as_time, credential_state, epoch_millis
from resolvers.scope import RequestScope

RECRUITER_ROLE = "recruiter"
ACTIVITY_WINDOW = timedelta(days=90)  # completions this recent count as recent activity


class CareersContext:
    """The shared careers repository and loaders of one request: `careers(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = CareersRepository(scope.graph)
        self.now = datetime.now(timezone.utc)
        active_since = epoch_millis(self.now - ACTIVITY_WINDOW)

        async def profiles(ids: list[str]) -> dict[str, Row]:
            return await repo.candidate_profiles(ids, active_since_ms=active_since)

        self.job_by_id: DataLoader[str, Row | None] = keyed_loader(repo.jobs_by_ids)
        self.requirements_of_job: DataLoader[str, list[Row]] = keyed_loader(repo.requirements_of_jobs, default=[])
        self.profile_of_member: DataLoader[str, Row | None] = keyed_loader(profiles)
        self._recruits_for: asyncio.Future[list[str]] | None = None

    async def recruiter_companies(self) -> list[str]:
        """The companies the viewer may act for as a recruiter (see the module docstring); [] when none."""
        viewer = self.scope.viewer
        if viewer is None or not viewer.has_role(RECRUITER_ROLE):
            return []
        if self._recruits_for is None:
            self._recruits_for = asyncio.ensure_future(self.repository.recruiter_companies(viewer.member_id))
        return await asyncio.shield(self._recruits_for)

    async def require_recruiter(self) -> list[str]:
        """The viewer's recruiter companies; UNAUTHENTICATED when anonymous, FORBIDDEN for non-recruiters."""
        self.scope.require_viewer()
        companies = await self.recruiter_companies()
        if not companies:
            raise Forbidden("only recruiters may do this: it needs the `recruiter` role and a company you recruit for")
        return companies

    async def require_recruiter_of(self, company_id: str) -> None:
        """FORBIDDEN unless the viewer is a recruiter of this company."""
        if company_id not in await self.require_recruiter():
            raise Forbidden("only the company's recruiters may do this")

    async def candidate(self, member_id: str, releases: list[Row]) -> tuple[Candidate, bool] | None:
        """The member as the scoring model sees them, and whether they opted in; None if unknown."""
        row = await self.profile_of_member.load(member_id)
        return (to_candidate(row, releases, self.now), bool(row["searchable"])) if row else None

    async def requirements(self, job: Row) -> Requirements:
        return to_requirements(job, await self.requirements_of_job.load(job["id"]))


def careers(scope: RequestScope) -> CareersContext:
    return scope.per_request(CareersContext)


def to_requirements(job: Row, requirements: Iterable[Row]) -> Requirements:
    """A posting's requirements as the scoring model's input."""
    skills = tuple(SkillRequirement(r["targetId"], r["minLevel"] or 1, r["weight"] or 1, r["necessity"])
                   for r in requirements if r["kind"] == "SKILL")
    certifications = tuple(CertificationRequirement(r["targetId"], r["necessity"])
                           for r in requirements if r["kind"] == "CERTIFICATION")
    place = None
    if job.get("workplace") != "REMOTE" and (job.get("country") or job.get("latitude") is not None):
        place = Place(job.get("latitude"), job.get("longitude"), job.get("country"))
    return Requirements(skills, certifications, job.get("minRank") or 0, job.get("workplace"), place,
                        job.get("seniority"))


def credential_statuses(credentials: Iterable[Row], releases: list[Row], now: datetime) -> dict[str, str]:
    """Certification id -> the status of the member's credential, by the one status rule."""
    return {c["id"]: credential_state(covered_through=as_time(c["coveredThrough"]),
                                      requires_maintenance=bool(c["requiresMaintenance"]),
                                      releases=releases, now=now).status
            for c in credentials}


def good_standing_cutoff(releases: list[Row], now: datetime) -> datetime | None:
    """The `coveredThrough` a credential that requires maintenance must reach to be in good standing.

    By the status rule a credential is EXPIRED when some release after its `coveredThrough` is
    past its maintenance deadline; so it is in good standing (ACTIVE or MAINTENANCE_DUE) exactly
    when `coveredThrough` is at or after the latest `releasedAt` among releases whose deadline has
    passed. None when no deadline has passed (every credential is in good standing). Cypher
    filters with this one comparison; tests check it against `credential_state`.
    """
    passed = [as_time(r["releasedAt"]) for r in releases if now > as_time(r["maintenanceDeadline"])]
    return max(passed, default=None)


def to_candidate(row: Row, releases: list[Row], now: datetime) -> Candidate:
    place = Place(row.get("latitude"), row.get("longitude"), row.get("country"))
    return Candidate(member_id=row["id"], skills={s["id"]: s["level"] for s in row["skills"]},
                     credentials=credential_statuses(row["credentials"], releases, now), rank=row["rank"] or 0,
                     place=place, remote=row.get("remote"), seniority=row.get("seniority"),
                     recent_activity=int(row["recentActivity"]))


__all__ = ["ACTIVITY_WINDOW", "CareersContext", "RECRUITER_ROLE", "careers", "credential_statuses",
           "good_standing_cutoff", "to_candidate", "to_requirements"]
