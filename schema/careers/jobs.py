"""Jobs: the JobPosting entity, the careers fields of Company, `jobs`/`job`, and postJob, updateJob, closeJob.

The careers enums and `GeoRadiusInput` live here. `JobPosting` inherits `MatchingJobFields` and
`ApplicationJobFields`, so this module imports schema/careers/matching.py and applications.py:
those modules (and any module they import) must not import this one at module level; they refer
to these types lazily, e.g. `Annotated["Seniority", strawberry.lazy("schema.careers.jobs")]`, or
import inside a function.

Status: a posting whose `closesAt` has passed is CLOSED on read (resolvers/careers/jobs.py).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import Private

from resolvers.careers import jobs as service
from resolvers.careers.context import careers
from resolvers.ids import id_argument, to_global_id
from resolvers.learning.catalog import catalog
from schema.careers.applications import ApplicationJobFields
from schema.careers.matching import MatchingJobFields
from schema.context import Info
from schema.relay import Connection, Node, SliceBacked, reference_id, time_of, window

Row = dict[str, Any]
CompanyRef = Annotated["Company", strawberry.lazy("schema.community.companies")]
SkillRef = Annotated["Skill", strawberry.lazy("schema.community.types")]
CertificationRef = Annotated["Certification", strawberry.lazy("schema.learning.catalog")]
RankRef = Annotated["Rank", strawberry.lazy("schema.learning.catalog")]
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


# -- enums and inputs every careers area shares ----------------------------------------------------


@strawberry.enum(description="The headcount band a company declares.")
class CompanySize(Enum):
    MICRO = strawberry.enum_value("MICRO", description="1 to 10 people.")
    SMALL = strawberry.enum_value("SMALL", description="11 to 50 people.")
    MEDIUM = strawberry.enum_value("MEDIUM", description="51 to 200 people.")
    LARGE = strawberry.enum_value("LARGE", description="201 to 1,000 people.")
    ENTERPRISE = strawberry.enum_value("ENTERPRISE", description="Over 1,000 people.")


@strawberry.enum(description="How senior a role is.")
class Seniority(Enum):
    ENTRY = "ENTRY"
    JUNIOR = "JUNIOR"
    MID = "MID"
    SENIOR = "SENIOR"
    LEAD = "LEAD"
    PRINCIPAL = "PRINCIPAL"


@strawberry.enum(description="The kind of contract a posting offers.")
class EmploymentType(Enum):
    FULL_TIME = "FULL_TIME"
    PART_TIME = "PART_TIME"
    CONTRACT = "CONTRACT"
    TEMPORARY = "TEMPORARY"
    INTERNSHIP = "INTERNSHIP"


@strawberry.enum(description="Where the work happens.")
class Workplace(Enum):
    ON_SITE = strawberry.enum_value("ON_SITE", description="At the posting's location.")
    HYBRID = strawberry.enum_value("HYBRID", description="Partly at the posting's location, partly remote.")
    REMOTE = strawberry.enum_value("REMOTE", description="Anywhere; the posting may name the country it hires in.")


@strawberry.enum(description="Whether a posting takes applications.")
class JobStatus(Enum):
    OPEN = "OPEN"
    CLOSED = strawberry.enum_value("CLOSED", description=(
        "Closed by a recruiter, or its `closesAt` has passed (a posting closes at its deadline by itself)."))


@strawberry.enum(description="How much a posting's requirement matters.")
class Necessity(Enum):
    REQUIRED = strawberry.enum_value("REQUIRED", description="A candidate without it is not eligible.")
    NICE_TO_HAVE = strawberry.enum_value("NICE_TO_HAVE", description="Adds to a candidate's score.")


@strawberry.input(description="A circle on the map: within `radiusKm` kilometres of a point.")
class GeoRadiusInput:
    latitude: float
    longitude: float
    radius_km: float = strawberry.field(description="More than 0 and at most 20000.")


# -- value types of a posting ------------------------------------------------------------------------


@strawberry.type(description="Where a posting's work is.")
class JobLocation:
    city: str | None
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    latitude: float | None
    longitude: float | None


@strawberry.type(description="A published yearly salary range.")
class SalaryRange:
    min: int
    max: int
    currency: str = strawberry.field(description="ISO 4217 code, such as EUR.")


@strawberry.type(description="A skill a posting asks for, at a minimum level.")
class SkillRequirement:
    min_level: int = strawberry.field(description="1 (beginner) to 5 (expert).")
    weight: int = strawberry.field(description="1 to 5: how much it counts in a match.")
    necessity: Necessity
    skill_id: Private[str]

    @strawberry.field
    async def skill(self, info: Info) -> SkillRef:
        from schema.community.types import Skill

        return Skill.from_row(await info.context.scope.loaders.skill_by_id.load(self.skill_id))


@strawberry.type(description="A certification a posting asks for.")
class CertificationRequirement:
    necessity: Necessity
    certification_id: Private[str]

    @strawberry.field
    async def certification(self, info: Info) -> CertificationRef:
        from schema.learning.catalog import Certification

        return Certification.from_row(await catalog(info.context.scope).certification_by_id.load(self.certification_id))


def _location(row: Row) -> JobLocation | None:
    if not any(row.get(k) is not None for k in ("city", "country", "latitude", "longitude")):
        return None
    return JobLocation(city=row.get("city"), country=row.get("country"), latitude=row.get("latitude"),
                       longitude=row.get("longitude"))


def _salary(row: Row) -> SalaryRange | None:
    if row.get("salaryMin") is None or row.get("salaryMax") is None or not row.get("salaryCurrency"):
        return None
    return SalaryRange(min=row["salaryMin"], max=row["salaryMax"], currency=row["salaryCurrency"])


# -- the entity ----------------------------------------------------------------------------------------


@strawberry.federation.type(keys=["id"], description=(
    "A job a company posts. Public, open or closed. `status` is CLOSED once a recruiter closes it "
    "or its `closesAt` passes."))
class JobPosting(Node, MatchingJobFields, ApplicationJobFields):
    id: strawberry.ID
    title: str
    description: str
    seniority: Seniority
    employment_type: EmploymentType
    workplace: Workplace
    location: JobLocation | None = strawberry.field(description=(
        "Null for a REMOTE posting that names no country."))
    salary: SalaryRange | None = strawberry.field(description="Null when the salary is not published.")
    posted_at: datetime
    updated_at: datetime
    closes_at: datetime | None = strawberry.field(description="The application deadline; null when none.")
    closed_at: datetime | None = strawberry.field(description=(
        "When it closed: when a recruiter closed it, or its `closesAt` once that passed; null while OPEN."))
    status: JobStatus
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "JobPosting":
        """`row`: a `careers(scope).job_by_id` row (the node's properties plus companyId, companyName)."""
        now = service.utc_now()
        return cls(id=strawberry.ID(to_global_id("JobPosting", row["id"])), title=row["title"],
                   description=row.get("description") or "", seniority=Seniority(row["seniority"]),
                   employment_type=EmploymentType(row["employmentType"]), workplace=Workplace(row["workplace"]),
                   location=_location(row), salary=_salary(row),
                   posted_at=time_of(row["postedAt"]),  # type: ignore[arg-type]
                   updated_at=time_of(row.get("updatedAt") or row["postedAt"]),  # type: ignore[arg-type]
                   closes_at=time_of(row.get("closesAt")), closed_at=service.closed_at(row, now),
                   status=JobStatus(service.effective_status(row, now)), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "JobPosting | None":
        local = reference_id(id, "JobPosting")
        row = await service.job_by_id(info.context.scope, local)
        return cls.from_row(row) if row else None

    @strawberry.field(description="The company that posted it.")
    async def company(self, info: Info) -> CompanyRef:
        from schema.community.companies import Company

        return await Company.by_id(info, self.row["companyId"])  # type: ignore[return-value]

    @strawberry.field(description="The skills it asks for: REQUIRED first, then by name.")
    async def skill_requirements(self, info: Info) -> list[SkillRequirement]:
        rows = await careers(info.context.scope).requirements_of_job.load(self.row["id"])
        return [SkillRequirement(min_level=r["minLevel"], weight=r["weight"], necessity=Necessity(r["necessity"]),
                                 skill_id=r["targetId"]) for r in rows if r["kind"] == "SKILL"]

    @strawberry.field(description="The certifications it asks for: REQUIRED first, then by title.")
    async def certification_requirements(self, info: Info) -> list[CertificationRequirement]:
        rows = await careers(info.context.scope).requirements_of_job.load(self.row["id"])
        return [CertificationRequirement(necessity=Necessity(r["necessity"]), certification_id=r["targetId"])
                for r in rows if r["kind"] == "CERTIFICATION"]

    @strawberry.field(description="The lowest rank accepted; null when any rank is.")
    async def min_rank(self, info: Info) -> RankRef | None:
        from schema.learning.catalog import Rank

        position = self.row.get("minRank") or 0
        if position <= 0:
            return None
        row = (await catalog(info.context.scope).ranks()).by_position(position)
        return Rank.from_row(row) if row else None




JobPostingConnection = Connection[JobPosting]


# -- Company fields -------------------------------------------------------------------------------


@strawberry.type(description="A recruiter of a company.")
class RecruiterEdge:
    node: MemberRef
    cursor: str
    since: datetime | None = strawberry.field(description="Since when they recruit for the company.")


@strawberry.type(description="Recruiters of a company whose profile you may see.")
class RecruiterConnection(SliceBacked):
    edges: list[RecruiterEdge]

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[MemberRef]:
        return [edge.node for edge in self.edges]


def _company_id(obj: Any) -> str:
    return obj.row["id"]


@strawberry.type
class JobsCompanyFields:
    @strawberry.field(description="The headcount band the company declares; null when unknown.")
    def size(self) -> CompanySize | None:
        value = self.row.get("size")  # type: ignore[attr-defined]
        return CompanySize(value) if value else None

    @strawberry.field(description=(
        "Its recruiters whose profile you may see, by handle; `totalCount` counts those only."))
    async def recruiters(self, info: Info, first: int | None = None, after: str | None = None,
                         last: int | None = None, before: str | None = None) -> RecruiterConnection:
        from schema.community.types import Member

        fetched = await service.company_recruiters(info.context.scope, company_id=_company_id(self),
                                                   win=window(first, after, last, before))
        edges = [RecruiterEdge(node=Member.from_row(row["member"]), cursor=cursor, since=time_of(row.get("since")))
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return RecruiterConnection(edges=edges, fetched=fetched)

    @strawberry.field(description=(
        "Whether you may post and manage jobs for this company: you hold the `recruiter` role and recruit "
        "for it. False when anonymous."))
    async def viewer_is_recruiter(self, info: Info) -> bool:
        return await service.viewer_is_recruiter(info.context.scope, company_id=_company_id(self))

    @strawberry.field(description="Its postings with the given status, newest first.")
    async def jobs(self, info: Info, first: int | None = None, after: str | None = None, last: int | None = None,
                   before: str | None = None, status: JobStatus = JobStatus.OPEN) -> JobPostingConnection:
        fetched = await service.company_jobs(info.context.scope, company_id=_company_id(self), status=status.value,
                                             win=window(first, after, last, before))
        return JobPostingConnection.of(fetched, JobPosting.from_row)

    @strawberry.field(description="How many OPEN postings it has.")
    async def open_job_count(self, info: Info) -> int:
        return await service.open_job_count(info.context.scope, company_id=_company_id(self))


# -- root queries --------------------------------------------------------------------------------


@strawberry.input(description="Narrows `jobs`; all given conditions must hold.")
class JobFilter:
    search: str | None = strawberry.field(default=None, description=(
        "Words in the title, description, city or company name."))
    skills: list[strawberry.ID] | None = strawberry.field(default=None, description=(
        "Skills the posting must all ask for (REQUIRED or NICE_TO_HAVE)."))
    certification: strawberry.ID | None = strawberry.field(default=None, description=(
        "A certification the posting asks for."))
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code.")
    city: str | None = strawberry.field(default=None, description="The city, in any case.")
    near: GeoRadiusInput | None = strawberry.field(default=None, description=(
        "Postings with coordinates within the circle (REMOTE postings have none)."))
    remote: bool | None = strawberry.field(default=None, description=(
        "true: REMOTE postings only; false: leave REMOTE postings out."))
    seniority: list[Seniority] | None = strawberry.field(default=None, description="Any of these levels.")
    company_id: strawberry.ID | None = None
    posted_since: datetime | None = strawberry.field(default=None, description="Posted at or after this time.")
    status: JobStatus = strawberry.field(default=JobStatus.OPEN, description=(
        "OPEN by default; a posting past its `closesAt` is CLOSED."))


@strawberry.type
class JobsQueries:
    @strawberry.field(description="A posting by ID, open or closed; null when there is none.")
    async def job(self, info: Info, id: strawberry.ID) -> JobPosting | None:
        row = await service.job_by_id(info.context.scope, id_argument(str(id), expect="JobPosting", argument="id"))
        return JobPosting.from_row(row) if row else None

    @strawberry.field(description="Job postings, newest first (public). OPEN ones unless `filter.status` says otherwise.")
    async def jobs(self, info: Info, filter: JobFilter | None = None, first: int | None = None,
                   after: str | None = None) -> JobPostingConnection:
        f = filter or JobFilter()
        search = service.job_search(
            status=f.status.value, search=f.search, skills=[str(s) for s in f.skills] if f.skills else None,
            certification=str(f.certification) if f.certification is not None else None,
            company_id=str(f.company_id) if f.company_id is not None else None, country=f.country, city=f.city,
            near=(f.near.latitude, f.near.longitude, f.near.radius_km) if f.near else None, remote=f.remote,
            seniority=[s.value for s in f.seniority] if f.seniority is not None else None,
            posted_since=f.posted_since)
        fetched = await service.search_jobs(info.context.scope, search=search, win=window(first, after, None, None))
        return JobPostingConnection.of(fetched, JobPosting.from_row)


# -- mutations -----------------------------------------------------------------------------------


@strawberry.input(description="A skill a posting asks for.")
class SkillRequirementInput:
    skill_id: strawberry.ID
    min_level: int = strawberry.field(default=1, description="1 (beginner) to 5 (expert).")
    weight: int = strawberry.field(default=1, description="1 to 5: how much it counts in a match.")
    necessity: Necessity = Necessity.REQUIRED


@strawberry.input(description="A certification a posting asks for.")
class CertificationRequirementInput:
    certification_id: strawberry.ID
    necessity: Necessity = Necessity.REQUIRED


@strawberry.input(description=(
    "A new posting. ON_SITE and HYBRID postings need a city and a country; a REMOTE one names at most the "
    "country it hires in. A salary is a yearly range with its currency, or nothing."))
class PostJobInput:
    company_id: strawberry.ID = strawberry.field(description="A company you recruit for.")
    title: str = strawberry.field(description="3 to 200 characters.")
    description: str = strawberry.field(description="Up to 20,000 characters.")
    seniority: Seniority
    employment_type: EmploymentType
    workplace: Workplace
    city: str | None = None
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 code.")
    latitude: float | None = None
    longitude: float | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = strawberry.field(default=None, description="ISO 4217 code, such as EUR.")
    closes_at: datetime | None = strawberry.field(default=None, description=(
        "The application deadline: in the future, within a year."))
    skills: list[SkillRequirementInput] = strawberry.field(default_factory=list, description="At most 25.")
    certifications: list[CertificationRequirementInput] = strawberry.field(default_factory=list,
                                                                           description="At most 10.")
    min_rank: int | None = strawberry.field(default=None, description=(
        "The lowest rank accepted, as its position on the ladder; null or 0 for none."))


@strawberry.type
class PostJobPayload:
    job: JobPosting | None
    user_errors: list[UserErrorRef]


@strawberry.input(description=(
    "Posting fields to change; leave out what stays the same, null clears an optional one. "
    "`skills` and `certifications`, when given, replace the posting's lists. Only OPEN postings change."))
class UpdateJobInput:
    job_id: strawberry.ID
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    seniority: Seniority | None = strawberry.UNSET
    employment_type: EmploymentType | None = strawberry.UNSET
    workplace: Workplace | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    country: str | None = strawberry.UNSET
    latitude: float | None = strawberry.UNSET
    longitude: float | None = strawberry.UNSET
    salary_min: int | None = strawberry.UNSET
    salary_max: int | None = strawberry.UNSET
    salary_currency: str | None = strawberry.UNSET
    closes_at: datetime | None = strawberry.UNSET
    skills: list[SkillRequirementInput] | None = strawberry.UNSET
    certifications: list[CertificationRequirementInput] | None = strawberry.UNSET
    min_rank: int | None = strawberry.UNSET


@strawberry.type
class UpdateJobPayload:
    job: JobPosting | None
    user_errors: list[UserErrorRef]


@strawberry.input
class CloseJobInput:
    job_id: strawberry.ID


@strawberry.type
class CloseJobPayload:
    job: JobPosting | None = strawberry.field(description="The posting, now CLOSED.")
    user_errors: list[UserErrorRef]


def _plain(value: Any) -> Any:
    """Input values as the service takes them: enums as their names, input objects as dicts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__strawberry_definition__"):
        return {k: _plain(v) for k, v in vars(value).items()}
    return value


def _values(input: Any, *skip: str) -> dict[str, Any]:
    """The input fields the client sent (unset ones are left out), as plain values."""
    return {k: _plain(v) for k, v in vars(input).items() if v is not strawberry.UNSET and k not in skip}


def _payload(cls: type, out: Any) -> Any:
    from schema.community.mutations import UserError

    return cls(job=JobPosting.from_row(out.value) if out.value else None,
               user_errors=[UserError(field=e.field, message=e.message, code=e.code) for e in out.user_errors])


@strawberry.type
class JobsMutations:
    @strawberry.mutation(description="Post a job for a company you recruit for.")
    async def post_job(self, info: Info, input: PostJobInput) -> PostJobPayload:
        out = await service.post_job(info.context.scope, company_global_id=str(input.company_id),
                                     values=_values(input, "company_id"))
        return _payload(PostJobPayload, out)

    @strawberry.mutation(description=(
        "Change an OPEN posting of a company you recruit for (platform admins may too, to moderate)."))
    async def update_job(self, info: Info, input: UpdateJobInput) -> UpdateJobPayload:
        out = await service.update_job(info.context.scope, job_global_id=str(input.job_id),
                                       values=_values(input, "job_id"))
        return _payload(UpdateJobPayload, out)

    @strawberry.mutation(description=(
        "Close an OPEN posting of a company you recruit for (platform admins may too, to moderate)."))
    async def close_job(self, info: Info, input: CloseJobInput) -> CloseJobPayload:
        out = await service.close_job(info.context.scope, job_global_id=str(input.job_id))
        return _payload(CloseJobPayload, out)


ENTITIES: list[type] = [JobPosting]
