"""ApplicationRepository: applications (graph/careers/applications.cypher), their writes, and the
career outcomes members report.

Application rows are the node's properties plus `memberId` (the applicant), `jobId` and
`companyId` (the posting's company).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.careers import QUERIES
from graph.community.repository import Page, Row
from graph.database import Graph, Transaction

# How many times an apply that lost a race (the unique key, or the posting's counter) is run
# again before the client hears CONFLICT; each attempt re-reads what it decides on, so the
# loser of a race for the same member and posting ends as "already applied".
CONTENDED_ATTEMPTS = 5


def _application(row: Row) -> Row:
    return {**row["application"], "memberId": row["memberId"], "jobId": row["jobId"], "companyId": row["companyId"]}


@dataclass(frozen=True)
class ApplyResult:
    """What applyToJob did: the application created, or why not."""

    application: Row | None = None
    job_missing: bool = False
    closed: bool = False
    member_missing: bool = False
    existing_id: str | None = None


class ApplicationRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups (behind DataLoaders) ------------------------------------------------------

    async def applications_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["applications_by_ids"], ids=ids)
        return {row["id"]: _application(row) for row in rows}

    async def applications_of_member_for_jobs(self, member_id: str, job_ids: list[str]) -> dict[str, Row]:
        """The member's own application to each posting (by job id), if any."""
        rows = await self.graph.read(QUERIES["applications_of_member_for_jobs"], ids=job_ids, memberId=member_id)
        return {row["id"]: _application(row) for row in rows}

    async def applications_of_members(self, member_ids: list[str], *, status: str | None,
                                      **window: Any) -> dict[str, Page]:
        """A page of each member's applications; rows are `{application, job}` (the job row has
        companyId and companyName, as `CareersRepository.jobs_by_ids` returns it)."""
        rows = await self.graph.read(QUERIES["applications_of_members"], ids=member_ids, status=status, **window)
        out: dict[str, Page] = {}
        for row in rows:
            member_id = row["id"]
            page = []
            for item in row["page"]:
                job = {**item["job"], "companyId": item["companyId"], "companyName": item["companyName"]}
                application = {**item["application"], "memberId": member_id, "jobId": item["jobId"],
                               "companyId": item["companyId"]}
                page.append({"application": application, "job": job})
            out[member_id] = Page(row["total"], page)
        return out

    async def applications_of_jobs(self, job_ids: list[str], *, status: str | None, **window: Any) -> dict[str, Page]:
        """A page of each posting's applications; rows are `{application, member}` (the applicant's
        Member properties)."""
        rows = await self.graph.read(QUERIES["applications_of_jobs"], ids=job_ids, status=status, **window)
        out: dict[str, Page] = {}
        for row in rows:
            job_id, company_id = row["id"], row["companyId"]
            page = [{"application": {**item["application"], "memberId": item["member"]["id"], "jobId": job_id,
                                     "companyId": company_id},
                     "member": item["member"]} for item in row["page"]]
            out[job_id] = Page(row["total"], page)
        return out

    # -- writes: one transaction each ------------------------------------------------------

    async def apply(self, member_id: str, job_id: str, *, application_id: str, cover_note: str | None) -> ApplyResult:
        """Create the application and count it on the posting, or say why not (nothing written)."""

        async def work(tx: Transaction) -> ApplyResult:
            created = await tx.one(QUERIES["applications_create"], memberId=member_id, jobId=job_id,
                                   id=application_id, coverNote=cover_note)
            if created is not None:
                return ApplyResult(application=_application(created))
            state = await tx.one(QUERIES["applications_apply_state"], memberId=member_id, jobId=job_id)
            assert state is not None  # OPTIONAL MATCHes always give a row
            return ApplyResult(job_missing=not state["jobExists"], closed=not state["open"],
                               member_missing=not state["memberExists"], existing_id=state["existingId"])

        return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)

    async def move(self, application_id: str, *, recruiter_id: str, from_status: str, to_status: str) -> Row | None:
        """Move an application's status as a recruiter of its company; None when its status is no
        longer `from_status` or the member does not recruit for the company (nothing written)."""
        rows = await self.graph.write(QUERIES["applications_move"], id=application_id, recruiterId=recruiter_id,
                                      **{"from": from_status, "to": to_status})
        return _application(rows[0]) if rows else None

    async def withdraw(self, application_id: str, *, member_id: str, from_statuses: list[str]) -> Row | None:
        """Withdraw the member's own application; None when not theirs or no longer withdrawable."""
        rows = await self.graph.write(QUERIES["applications_withdraw"], id=application_id, memberId=member_id,
                                      **{"from": from_statuses})
        return _application(rows[0]) if rows else None

    # -- career outcomes -------------------------------------------------------------------

    async def report_outcome(self, member_id: str, *, outcome_id: str, kind: str, title: str, company_name: str,
                             at_ms: int) -> Row | None:
        rows = await self.graph.write(QUERIES["applications_report_outcome"], memberId=member_id, id=outcome_id,
                                      kind=kind, title=title, companyName=company_name, at=at_ms)
        return rows[0]["outcome"] if rows else None

    async def career_outcomes(self, *, since_ms: int) -> Row:
        """{hires, promotions, newJobs} since the instant."""
        rows = await self.graph.read(QUERIES["applications_career_outcomes"], since=since_ms)
        return rows[0]
