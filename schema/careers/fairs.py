"""Job fairs: companies exhibiting at JOB_FAIR events, their jobs, and `jobFair.matches`.

Rules: resolvers/careers/fairs.py. Event, Company, JobPosting and the match types of
schema/careers/matching.py are referred to lazily (their modules import one another).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.careers import fairs as service
from schema.careers.matching import CandidateMatch, JobMatch
from schema.context import Info
from schema.relay import Connection, SliceBacked, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.careers.jobs import JobPosting
    from schema.community.companies import Company
    from schema.events.types import Event, RsvpStatus

Row = dict[str, Any]
EventRef = Annotated["Event", strawberry.lazy("schema.events.types")]
RsvpStatusRef = Annotated["RsvpStatus", strawberry.lazy("schema.events.types")]
CompanyRef = Annotated["Company", strawberry.lazy("schema.community.companies")]
JobPostingRef = Annotated["JobPosting", strawberry.lazy("schema.careers.jobs")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


@strawberry.type(description="A company exhibiting at a job fair.")
class JobFairCompanyEdge:
    node: CompanyRef
    cursor: str
    exhibiting_since: datetime | None = strawberry.field(description="When the company signed up to exhibit.")


@strawberry.type(description="The companies exhibiting at a job fair, by name.")
class JobFairCompanyConnection(SliceBacked):
    edges: list[JobFairCompanyEdge]

    @strawberry.field(description="The companies of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[CompanyRef]:
        return [edge.node for edge in self.edges]


JobFairMatch = Annotated[JobMatch | CandidateMatch, strawberry.union("JobFairMatch", description=(
    "A match at a job fair: a JobMatch (one of the fair's jobs, for you) or a CandidateMatch (an attendee, for "
    "an exhibiting company's recruiter)."))]


@strawberry.type(description="A match at a job fair, with the posting it is about.")
class JobFairMatchEdge:
    node: JobFairMatch
    cursor: str
    job: JobPostingRef = strawberry.field(description=(
        "The posting matched: the JobMatch's job, or the company's posting the attendee fits best."))
    attendance: RsvpStatusRef | None = strawberry.field(description=(
        "CandidateMatch: the attendee's answer to the fair (GOING, WAITLISTED or INTERESTED); null for a JobMatch."))


@strawberry.type(description="Matches at a job fair, best first (eligible ones first).")
class JobFairMatchConnection(SliceBacked):
    edges: list[JobFairMatchEdge]

    @strawberry.field(description="The matches of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[JobFairMatch]:
        return [edge.node for edge in self.edges]


def _match_edge(row: service.FairMatch, cursor: str, company_id: str | None) -> JobFairMatchEdge:
    from schema.careers.jobs import JobPosting
    from schema.events.types import RsvpStatus

    if row.member is None:
        node: JobMatch | CandidateMatch = JobMatch.of(row.match, row.job)
    else:
        node = CandidateMatch.of(row.match, row.member, via="JOB_FAIR", company_id=company_id)
    return JobFairMatchEdge(node=node, cursor=cursor, job=JobPosting.from_row(row.job),
                            attendance=RsvpStatus(row.attendance) if row.attendance else None)


@strawberry.type(description=(
    "A JOB_FAIR event seen from careers: the companies exhibiting, their open jobs, and matches "
    "between the fair's jobs and its people."))
class JobFair:
    row: Private[Row]  # the event's row

    @strawberry.field(description="The event itself.")
    def event(self) -> EventRef:
        from schema.events.types import Event

        return Event.from_row(self.row)

    @strawberry.field(description="The companies exhibiting, by name.")
    async def companies(self, info: Info, first: int | None = None, after: str | None = None,
                        last: int | None = None, before: str | None = None) -> JobFairCompanyConnection:
        from schema.community.companies import Company

        fetched = await service.exhibitors(info.context.scope, event_id=self.row["id"],
                                           win=window(first, after, last, before))
        edges = [JobFairCompanyEdge(node=Company.from_row(row["company"]), cursor=cursor,
                                    exhibiting_since=time_of(row.get("since")))
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return JobFairCompanyConnection(edges=edges, fetched=fetched)

    @strawberry.field(description=(
        "The exhibitors' OPEN postings (closesAt not passed), newest first. Public."))
    async def jobs(self, info: Info, first: int | None = None, after: str | None = None,
                   last: int | None = None, before: str | None = None) -> Connection[JobPostingRef]:
        from schema.careers.jobs import JobPosting

        fetched = await service.fair_jobs(info.context.scope, event_id=self.row["id"],
                                          win=window(first, after, last, before))
        return Connection.of(fetched, JobPosting.from_row)

    @strawberry.field(description=(
        "Without `asCompany`: the fair's jobs ranked for you by the careers scoring model (JobMatch). With "
        "`asCompany` (a recruiter of that exhibiting company only: FORBIDDEN otherwise): the fair's attendees who "
        "answered GOING, WAITLISTED or INTERESTED and opted in to recruiters, each with their best fit over the "
        "company's jobs at the fair (CandidateMatch; showing `member` logs a profile view). Members who did not opt "
        "in never appear, nor count. Eligible matches first, then by score; pages forwards only. Signed-in only."))
    async def matches(self, info: Info, first: int | None = None, after: str | None = None,
                      as_company: strawberry.ID | None = None) -> JobFairMatchConnection:
        company = str(as_company) if as_company is not None else None
        fetched = await service.matches(info.context.scope, event_id=self.row["id"],
                                        win=window(first, after, None, None), as_company_global_id=company)
        company_id = reference_id(company, "Company") if company is not None else None
        edges = [_match_edge(row, cursor, company_id) for row, cursor in zip(fetched.rows, fetched.cursors())]
        return JobFairMatchConnection(edges=edges, fetched=fetched)


# -- mutations -------------------------------------------------------------------------------


@strawberry.input(description="A company, and the JOB_FAIR event it should exhibit at.")
class ExhibitAtJobFairInput:
    event_id: strawberry.ID
    company_id: strawberry.ID


@strawberry.type(description=(
    "The fair and the company now exhibiting, or why not: NOT_FOUND, NOT_A_JOB_FAIR or EVENT_ENDED. "
    "Not a recruiter of the company: FORBIDDEN."))
class ExhibitAtJobFairPayload:
    job_fair: JobFair | None
    company: CompanyRef | None
    user_errors: list[UserErrorRef]


@strawberry.input(description="A company, and the JOB_FAIR event it should no longer exhibit at.")
class WithdrawFromJobFairInput:
    event_id: strawberry.ID
    company_id: strawberry.ID


@strawberry.type(description=(
    "The fair and the company no longer exhibiting, or why not: NOT_FOUND, NOT_A_JOB_FAIR or "
    "EVENT_ENDED. Not a recruiter of the company: FORBIDDEN."))
class WithdrawFromJobFairPayload:
    job_fair: JobFair | None
    company: CompanyRef | None
    user_errors: list[UserErrorRef]


async def _exhibiting(info: Info, input: ExhibitAtJobFairInput | WithdrawFromJobFairInput, *,
                      exhibit: bool) -> tuple[JobFair | None, Any, list]:
    from schema.community.companies import Company

    out = await service.set_exhibiting(info.context.scope, event_global_id=str(input.event_id),
                                       company_global_id=str(input.company_id), exhibit=exhibit)
    if out.value is None:
        return None, None, _errors(out.user_errors)
    return JobFair(row=out.value["event"]), await Company.by_id(info, out.value["companyId"]), []


@strawberry.type
class FairQueries:
    @strawberry.field(description="A job fair by its event's ID; null unless the event is a JOB_FAIR.")
    async def job_fair(self, info: Info, event_id: strawberry.ID) -> JobFair | None:
        row = await service.job_fair(info.context.scope, event_global_id=str(event_id))
        return JobFair(row=row) if row else None


@strawberry.type
class FairMutations:
    @strawberry.mutation(description=(
        "Exhibit at a job fair that has not ended, as a recruiter of the company; exhibiting twice is harmless."))
    async def exhibit_at_job_fair(self, info: Info, input: ExhibitAtJobFairInput) -> ExhibitAtJobFairPayload:
        job_fair, company, errors = await _exhibiting(info, input, exhibit=True)
        return ExhibitAtJobFairPayload(job_fair=job_fair, company=company, user_errors=errors)

    @strawberry.mutation(description=(
        "Stop exhibiting at a job fair that has not ended, as a recruiter of the company; harmless if "
        "the company did not exhibit."))
    async def withdraw_from_job_fair(self, info: Info, input: WithdrawFromJobFairInput) -> WithdrawFromJobFairPayload:
        job_fair, company, errors = await _exhibiting(info, input, exhibit=False)
        return WithdrawFromJobFairPayload(job_fair=job_fair, company=company, user_errors=errors)


ENTITIES: list[type] = []
