"""Careers test data: recruiters, postings with requirements, career preferences, applications,
saved searches, profile views, reported outcomes and job-fair exhibitors.

Rows are shaped like the seed writer's (graph/seed/careers_writer.py) and written through it;
every function returns the rows it wrote. `application` recounts the postings' applicationCount,
so the factories leave a graph `counter_mismatches()` finds consistent. Members, skills, groups
and events come from `tests.factories`; companies, certifications and credentials from
`tests.learning.factories`.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from graph.seed.writer import SeedWriter
from tests.factories import Row, _n, member
from tests.learning.factories import company

__all__ = ["application", "company", "exhibitor", "job", "outcome", "preferences", "profile_view", "recruiter",
           "saved_search"]


def _id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


async def recruiter(graph, company_row: Row | None = None, recruiter_row: Row | None = None, **member_props: Any) -> Row:
    """Make a member (a new one unless given) a recruiter of the company (a new one unless given).

    Returns the member row with `company` set to the company row. Tokens still need the
    `recruiter` role: `token_for(row["id"], "recruiter")`.
    """
    company_row = company_row or await company(graph)
    recruiter_row = recruiter_row or await member(graph, **member_props)
    await SeedWriter(graph).recruiters([{"memberId": recruiter_row["id"], "companyId": company_row["id"],
                                         "since": _now() - timedelta(days=30)}])
    return {**recruiter_row, "company": company_row}


async def job(graph, company_row: Row, *, skills: Iterable[tuple[Row, int, int, str]] = (),
              certifications: Iterable[tuple[Row, str]] = (), **props: Any) -> Row:
    """A posting of the company. `skills`: (skill row, minLevel, weight, necessity);
    `certifications`: (certification row, necessity). Defaults: an OPEN, full-time, on-site MID
    posting in Berlin posted a day ago."""
    n = _n()
    now = _now()
    row = {"id": _id(), "companyId": company_row["id"], "title": f"Salesforce Developer {n}",
           "description": f"Build things on the platform ({n})", "seniority": "MID", "employmentType": "FULL_TIME",
           "workplace": "ON_SITE", "city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.405,
           "salaryMin": None, "salaryMax": None, "salaryCurrency": None, "minRank": 0, "status": "OPEN",
           "postedAt": now - timedelta(days=1), "closesAt": None, "closedAt": None, **props}
    writer = SeedWriter(graph)
    await writer.job_postings([row])
    await writer.job_skill_requirements([
        {"jobId": row["id"], "skillId": s["id"], "minLevel": level, "weight": weight, "necessity": necessity}
        for s, level, weight, necessity in skills])
    await writer.job_certification_requirements([
        {"jobId": row["id"], "certificationId": c["id"], "necessity": necessity} for c, necessity in certifications])
    return row


async def preferences(graph, member_row: Row, **props: Any) -> Row:
    """Career preferences; by default the member is open to work and findable by recruiters."""
    now = _now()
    row = {"id": _id(), "memberId": member_row["id"], "openToWork": True, "visibility": "RECRUITERS",
           "roles": ["Developer"], "cities": [], "countries": [], "remote": "OPEN_TO_REMOTE", "seniority": None,
           "updatedAt": now, **props}
    row.setdefault("optedInAt", now if row["openToWork"] and row["visibility"] == "RECRUITERS" else None)
    await SeedWriter(graph).career_preferences([row])
    return row


async def application(graph, member_row: Row, job_row: Row, **props: Any) -> Row:
    now = _now()
    row = {"id": _id(), "memberId": member_row["id"], "jobId": job_row["id"], "status": "APPLIED",
           "coverNote": None, "appliedAt": now, "updatedAt": now, "hiredAt": None, **props}
    writer = SeedWriter(graph)
    await writer.applications([row])
    await writer.recount_careers()
    return row


async def saved_search(graph, recruiter_row: Row, *, name: str = "Saved", filter: dict | None = None,
                       created_at: datetime | None = None) -> Row:
    created = created_at or _now()
    row = {"id": _id(), "memberId": recruiter_row["id"], "companyId": recruiter_row["company"]["id"], "name": name,
           "filter": json.dumps(filter or {}, sort_keys=True), "createdAt": created, "lastRunAt": created}
    await SeedWriter(graph).saved_searches([row])
    return row


async def profile_view(graph, recruiter_row: Row, member_row: Row, *, via: str = "TALENT_SEARCH",
                       at: datetime | None = None) -> Row:
    row = {"recruiterId": recruiter_row["id"], "memberId": member_row["id"],
           "companyId": recruiter_row["company"]["id"], "via": via, "at": at or _now()}
    await SeedWriter(graph).profile_views([row])
    return row


async def outcome(graph, member_row: Row, *, kind: str = "PROMOTION", at: datetime | None = None, **props: Any) -> Row:
    row = {"id": _id(), "memberId": member_row["id"], "kind": kind, "title": "Senior Developer",
           "companyName": "Acme", "at": at or _now(), **props}
    await SeedWriter(graph).career_outcomes([row])
    return row


async def exhibitor(graph, company_row: Row, event_row: Row) -> Row:
    """The company exhibits at the event, which must be a JOB_FAIR."""
    row = {"companyId": company_row["id"], "eventId": event_row["id"], "since": _now()}
    await SeedWriter(graph).job_fair_exhibitors([row])
    return row
