"""Applications and outcomes: applyToJob, status updates, `viewer.applications`, `careerOutcomes`.

JobPosting (schema/careers/jobs.py) inherits `ApplicationJobFields` and imports this module, so
JobPosting is referred to lazily here. Rules: resolvers/careers/applications.py (who sees an
application, the status moves) and resolvers/careers/outcomes.py.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.careers import applications as service
from resolvers.careers import outcomes
from resolvers.careers.context import careers
from resolvers.ids import to_global_id
from schema.context import Info
from schema.relay import Connection, Node, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.careers.jobs import JobPosting
    from schema.community.types import Member

Row = dict[str, Any]
JobPostingRef = Annotated["JobPosting", strawberry.lazy("schema.careers.jobs")]
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
# Lazy: schema.community.mutations imports schema.community.types, which imports this module.
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


@strawberry.enum(description=(
    "Where an application stands. Recruiters move it forward along APPLIED, IN_REVIEW, "
    "INTERVIEW, OFFER, HIRED (stages may be skipped), or to REJECTED from any status that is not final; the applicant may "
    "WITHDRAW it while it is not final. HIRED, REJECTED and WITHDRAWN are final."))
class ApplicationStatus(Enum):
    APPLIED = "APPLIED"
    IN_REVIEW = "IN_REVIEW"
    INTERVIEW = "INTERVIEW"
    OFFER = "OFFER"
    HIRED = strawberry.enum_value("HIRED", description="Final; counted by `careerOutcomes`.")
    REJECTED = strawberry.enum_value("REJECTED", description="Final.")
    WITHDRAWN = strawberry.enum_value("WITHDRAWN", description="Withdrawn by the applicant; final.")


@strawberry.enum(description="A career step a member reports.")
class CareerOutcomeKind(Enum):
    NEW_JOB = "NEW_JOB"
    PROMOTION = "PROMOTION"


@strawberry.federation.type(keys=["id"], description=(
    "A member's application to a job posting. Visible to the applicant and to the recruiters of the "
    "posting's company only: null for anyone else."))
class Application(Node):
    id: strawberry.ID
    status: ApplicationStatus
    cover_note: str | None = strawberry.field(description="What the applicant wrote, up to 5,000 characters.")
    applied_at: datetime
    updated_at: datetime = strawberry.field(description="When the status last changed (or when applied).")
    hired_at: datetime | None = strawberry.field(description="When it moved to HIRED; null until then.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Application":
        return cls(id=strawberry.ID(to_global_id("Application", row["id"])), status=ApplicationStatus(row["status"]),
                   cover_note=row.get("coverNote"), applied_at=time_of(row["appliedAt"]),  # type: ignore[arg-type]
                   updated_at=time_of(row.get("updatedAt") or row["appliedAt"]),  # type: ignore[arg-type]
                   hired_at=time_of(row.get("hiredAt")), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Application | None":
        row = await service.application_by_id(info.context.scope, application_id=reference_id(id, "Application"))
        return cls.from_row(row) if row else None

    @strawberry.field(description="The posting applied to.")
    async def job(self, info: Info) -> JobPostingRef:
        from schema.careers.jobs import JobPosting

        return JobPosting.from_row(await careers(info.context.scope).job_by_id.load(self.row["jobId"]))

    @strawberry.field(description=(
        "The member who applied: shown to the posting's recruiters whatever their profile visibility "
        "(they applied), which records a profile view the member can see (`viewer.profileViews`)."))
    async def applicant(self, info: Info) -> MemberRef | None:
        from schema.community.types import Member

        row = await service.applicant(info.context.scope, self.row)
        return Member.from_row(row) if row else None


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


def _application(row: Row | None) -> Application | None:
    return Application.from_row(row) if row else None


@strawberry.type(description="An outcome a member reported.")
class CareerOutcome:
    kind: CareerOutcomeKind
    title: str = strawberry.field(description="The job title.")
    company_name: str
    at: datetime = strawberry.field(description="When it happened.")


@strawberry.type(description=(
    "Career outcomes since a moment, counted: public numbers, never who. `total` is hires plus "
    "promotions plus new jobs."))
class CareerOutcomes:
    since: datetime
    hires: int = strawberry.field(description="Applications through the community moved to HIRED since then.")
    promotions: int = strawberry.field(description="Promotions members reported, dated since then.")
    new_jobs: int = strawberry.field(description="New jobs members reported, dated since then.")
    total: int


# -- mutations -------------------------------------------------------------------------------


@strawberry.input
class ApplyToJobInput:
    job_id: strawberry.ID
    cover_note: str | None = strawberry.field(default=None, description="Up to 5,000 characters.")


@strawberry.type(description=(
    "The application, or why none was made: NOT_FOUND, ALREADY_APPLIED (once per posting, a withdrawn "
    "application included), JOB_CLOSED or BAD_USER_INPUT. Anonymous: UNAUTHENTICATED."))
class ApplyToJobPayload:
    application: Application | None
    user_errors: list[UserErrorRef]


@strawberry.input
class UpdateApplicationStatusInput:
    application_id: strawberry.ID
    status: ApplicationStatus


@strawberry.type(description=(
    "The application moved, or why not: NOT_FOUND or INVALID_TRANSITION. Not a recruiter of the "
    "posting's company: FORBIDDEN."))
class UpdateApplicationStatusPayload:
    application: Application | None
    user_errors: list[UserErrorRef]


@strawberry.input
class WithdrawApplicationInput:
    application_id: strawberry.ID


@strawberry.type(description=(
    "The application withdrawn, or why not: NOT_FOUND or INVALID_TRANSITION (it is final). Not the "
    "applicant: FORBIDDEN."))
class WithdrawApplicationPayload:
    application: Application | None
    user_errors: list[UserErrorRef]


@strawberry.input
class ReportCareerOutcomeInput:
    kind: CareerOutcomeKind
    title: str = strawberry.field(description="The job title, 1 to 200 characters.")
    company_name: str = strawberry.field(description="1 to 200 characters.")
    at: datetime = strawberry.field(description=(
        "When it happened: not in the future, not before you joined. UTC when no offset is given."))


@strawberry.type
class ReportCareerOutcomePayload:
    outcome: CareerOutcome | None
    user_errors: list[UserErrorRef]


def _outcome(row: Row | None) -> CareerOutcome | None:
    if not row:
        return None
    return CareerOutcome(kind=CareerOutcomeKind(row["kind"]), title=row["title"], company_name=row["companyName"],
                         at=time_of(row["at"]))  # type: ignore[arg-type]


@strawberry.type
class ApplicationQueries:
    @strawberry.field(description=(
        "Hires through the community's applications and the promotions and new jobs members "
        "reported, since `since` (UTC when no offset is given). Public."))
    async def career_outcomes(self, info: Info, since: datetime) -> CareerOutcomes:
        row = await outcomes.career_outcomes(info.context.scope, since=since)
        return CareerOutcomes(since=row["since"], hires=row["hires"], promotions=row["promotions"],
                              new_jobs=row["newJobs"], total=row["total"])


@strawberry.type
class ApplicationMutations:
    @strawberry.mutation(description="Apply to an OPEN posting, once. Signed-in members.")
    async def apply_to_job(self, info: Info, input: ApplyToJobInput) -> ApplyToJobPayload:
        out = await service.apply_to_job(info.context.scope, job_global_id=str(input.job_id),
                                         cover_note=input.cover_note)
        return ApplyToJobPayload(application=_application(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Move an application along its pipeline. Recruiters of the posting's company.")
    async def update_application_status(self, info: Info,
                                        input: UpdateApplicationStatusInput) -> UpdateApplicationStatusPayload:
        out = await service.update_application_status(info.context.scope,
                                                      application_global_id=str(input.application_id),
                                                      status=input.status.value)
        return UpdateApplicationStatusPayload(application=_application(out.value),
                                              user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Withdraw your own application while it is not final.")
    async def withdraw_application(self, info: Info, input: WithdrawApplicationInput) -> WithdrawApplicationPayload:
        out = await service.withdraw_application(info.context.scope, application_global_id=str(input.application_id))
        return WithdrawApplicationPayload(application=_application(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Report a new job or a promotion; counted by `careerOutcomes`.")
    async def report_career_outcome(self, info: Info, input: ReportCareerOutcomeInput) -> ReportCareerOutcomePayload:
        out = await outcomes.report_career_outcome(info.context.scope, kind=input.kind.value, title=input.title,
                                                   company_name=input.company_name, at=input.at)
        return ReportCareerOutcomePayload(outcome=_outcome(out.value), user_errors=_errors(out.user_errors))


# -- fields of Member and JobPosting -------------------------------------------------------------


@strawberry.type
class ApplicationMemberFields:
    @strawberry.field(description="Your applications (only `status`, when given), newest first. Only on `viewer`.")
    async def applications(self, info: Info, status: ApplicationStatus | None = None, first: int | None = None,
                           after: str | None = None, last: int | None = None,
                           before: str | None = None) -> Connection[Application]:
        fetched = await service.member_applications(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                    win=window(first, after, last, before),
                                                    status=status.value if status else None)
        return Connection.of(fetched, Application.from_row)


@strawberry.type
class ApplicationJobFields:
    """Fields of JobPosting (it inherits this mixin)."""

    @strawberry.field(description=(
        "Applications to this posting (only `status`, when given), newest first. Recruiters of the "
        "company only: FORBIDDEN for anyone else."))
    async def applications(self, info: Info, status: ApplicationStatus | None = None, first: int | None = None,
                           after: str | None = None, last: int | None = None,
                           before: str | None = None) -> Connection[Application]:
        fetched = await service.job_applications(info.context.scope, job=self.row,  # type: ignore[attr-defined]
                                                 win=window(first, after, last, before),
                                                 status=status.value if status else None)
        return Connection.of(fetched, Application.from_row)

    @strawberry.field(description="Your own application to this posting; null when none or anonymous.")
    async def viewer_application(self, info: Info) -> Application | None:
        return _application(await service.viewer_application(info.context.scope, job_id=self.row["id"]))  # type: ignore[attr-defined]


ENTITIES: list[type] = [Application]
