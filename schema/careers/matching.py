"""Job matching: `viewer.jobMatches`, `job.candidates` and `viewer.readinessFor`, and the match
value types the careers rankings share (job fairs show `JobMatch` and `CandidateMatch`):
`MissingRequirement` and its `MissingKind`, `JobMatch`, `CandidateMatch`, and `from_match`, which
turns a `scoring.Match` into their fields. `MatchFactor` (with `MatchFactorName`) comes from
schema/careers/talent.py and `Necessity` from schema/careers/jobs.py, where those areas defined
them first: one definition each.

schema/careers/jobs.py imports this module (JobPosting inherits `MatchingJobFields`), so the
types of that module (JobPosting, Necessity, Seniority) are referred to lazily here, and Member
and Skill too (schema/community/types.py mixes these Member fields in).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from graph.community.repository import Row
from resolvers.careers import matching as service
from resolvers.careers import readiness, scoring
from resolvers.learning import paths
from resolvers.learning.catalog import catalog
from schema.careers.talent import MatchFactor
from schema.context import Info
from schema.learning.catalog import Certification, Rank, learning_item
from schema.learning.credentials import CertificationPathItem, PathStepReason
from schema.relay import Edge, SliceBacked, window

if TYPE_CHECKING:
    from schema.careers.jobs import JobPosting, Necessity, Seniority
    from schema.community.types import Member, Skill

MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
SkillRef = Annotated["Skill", strawberry.lazy("schema.community.types")]
JobPostingRef = Annotated["JobPosting", strawberry.lazy("schema.careers.jobs")]
NecessityRef = Annotated["Necessity", strawberry.lazy("schema.careers.jobs")]
SeniorityRef = Annotated["Seniority", strawberry.lazy("schema.careers.jobs")]


# -- the match value types every careers ranking shares ---------------------------------------------


@strawberry.enum(description="What a missing requirement is.")
class MissingKind(Enum):
    SKILL = strawberry.enum_value("SKILL", description="A skill not held, or held below the level asked.")
    CERTIFICATION = strawberry.enum_value("CERTIFICATION", description=(
        "A certification not held in good standing (never earned, or EXPIRED: see `expired`)."))
    RANK = strawberry.enum_value("RANK", description="A rank below the minimum asked.")


@strawberry.type(description=(
    "A requirement not met. A REQUIRED one makes the match not eligible; a NICE_TO_HAVE one only lowers the score."))
class MissingRequirement:
    kind: MissingKind
    necessity: NecessityRef = strawberry.field(description="RANK is always REQUIRED.")
    needed_level: int | None = strawberry.field(description="SKILL: the level asked (1-5).")
    current_level: int | None = strawberry.field(description="SKILL: the level held, null when not held at all.")
    expired: bool = strawberry.field(description="CERTIFICATION: held, but EXPIRED (a maintenance deadline passed).")
    missing: Private[scoring.Missing]

    @strawberry.field(description="SKILL: the skill.")
    async def skill(self, info: Info) -> SkillRef | None:
        if self.missing.kind != "SKILL" or self.missing.id is None:
            return None
        return _skill(await info.context.scope.loaders.skill_by_id.load(self.missing.id))

    @strawberry.field(description="CERTIFICATION: the certification.")
    async def certification(self, info: Info) -> Certification | None:
        if self.missing.kind != "CERTIFICATION" or self.missing.id is None:
            return None
        row = await catalog(info.context.scope).certification_by_id.load(self.missing.id)
        return Certification.from_row(row) if row else None

    @strawberry.field(description="RANK: the minimum rank asked.")
    async def needed_rank(self, info: Info) -> Rank | None:
        return await _rank(info, self.missing.needed) if self.missing.kind == "RANK" else None

    @strawberry.field(description="RANK: the rank reached, null before the first.")
    async def current_rank(self, info: Info) -> Rank | None:
        return await _rank(info, self.missing.has) if self.missing.kind == "RANK" else None

    @classmethod
    def of(cls, missing: scoring.Missing) -> "MissingRequirement":
        from schema.careers.jobs import Necessity

        skill = missing.kind == "SKILL"
        return cls(kind=MissingKind(missing.kind), necessity=Necessity(missing.necessity),
                   needed_level=missing.needed if skill else None, current_level=missing.has if skill else None,
                   expired=missing.expired, missing=missing)


def _skill(row: Row | None) -> Skill | None:
    from schema.community.types import Skill as SkillType

    return SkillType.from_row(row) if row else None


async def _skills(info: Info, ids: list[str] | tuple[str, ...]) -> list[Skill]:
    rows = await info.context.scope.loaders.skill_by_id.load_many(list(ids))
    return [skill for skill in map(_skill, rows) if skill is not None]


async def _rank(info: Info, position: int | None) -> Rank | None:
    if not position:
        return None
    row = (await catalog(info.context.scope).ranks()).by_position(position)
    return Rank.from_row(row) if row else None


def from_match(match: scoring.Match) -> dict[str, Any]:
    """The fields every match type shares, from a scoring.Match: score, eligible, factors, missing,
    distance_km and the private `match` (which `matchedSkills`/`matchedCertifications` read).
    Build a type with them: `JobMatch(job_row=row, **from_match(match))`, or take `factors` for
    an explanation."""
    return dict(score=match.score, eligible=match.eligible, factors=[MatchFactor.from_factor(f) for f in match.factors],
                missing=[MissingRequirement.of(m) for m in match.missing],
                distance_km=round(match.distance_km, 1) if match.distance_km is not None else None, match=match)


@strawberry.type
class ScoredMatch:
    """The fields JobMatch and CandidateMatch share (not itself in the schema)."""

    score: float = strawberry.field(description=(
        "0 to 1: the sum of the factors' contributions. Rankings put eligible matches first, then higher scores."))
    eligible: bool = strawberry.field(description=(
        "False when a REQUIRED skill (at its level), a REQUIRED certification in good standing or the minimum rank "
        "is missing: `missing` lists it. Ineligible matches are ranked after the eligible ones, never dropped."))
    factors: list[MatchFactor] = strawberry.field(description="The score, factor by factor.")
    missing: list[MissingRequirement] = strawberry.field(description=(
        "What is not met: skills, then certifications, then the rank; empty for a perfect fit."))
    distance_km: float | None = strawberry.field(description=(
        "Kilometres between the member and the work (on-site and hybrid postings, when both have coordinates)."))
    match: Private[scoring.Match]

    @strawberry.field(description="The skills asked that are held at the level asked.")
    async def matched_skills(self, info: Info) -> list[SkillRef]:
        return await _skills(info, self.match.matched_skills)

    @strawberry.field(description="The certifications asked that are held in good standing.")
    async def matched_certifications(self, info: Info) -> list[Certification]:
        rows = await catalog(info.context.scope).certification_by_id.load_many(list(self.match.matched_certifications))
        return [Certification.from_row(row) for row in rows if row]


@strawberry.type(description="How well a posting fits a member, factor by factor, with what is missing.")
class JobMatch(ScoredMatch):
    job_row: Private[Row]

    @strawberry.field(description="The posting.")
    def job(self) -> JobPostingRef:
        from schema.careers.jobs import JobPosting

        return JobPosting.from_row(self.job_row)

    @classmethod
    def of(cls, match: scoring.Match, job_row: Row) -> "JobMatch":
        """`job_row`: a `careers(scope).job_by_id` row."""
        return cls(job_row=job_row, **from_match(match))


@strawberry.type(description=(
    "How well an opted-in member fits a posting, factor by factor, with what they lack. Shown to the company's "
    "recruiters; showing the member logs a profile view the member can see."))
class CandidateMatch(ScoredMatch):
    member_row: Private[Row]
    view_via: Private[str | None]
    view_company_id: Private[str | None]

    @strawberry.field(description=(
        "The member, whatever their profile's visibility: opting in to recruiters is consent to be seen by them. "
        "Asking for it logs a profile view."))
    async def member(self, info: Info) -> MemberRef:
        from schema.community.types import Member as MemberType

        if self.view_via and self.view_company_id:
            from resolvers.careers.profile_views import record_profile_views

            await record_profile_views(info.context.scope, [self.member_row["id"]], via=self.view_via,
                                       company_id=self.view_company_id)
        return MemberType.from_row(self.member_row)

    @classmethod
    def of(cls, match: scoring.Match, member_row: Row, *, via: str | None, company_id: str | None) -> "CandidateMatch":
        """`member_row`: a member row (the community member loader's). With `via` (a profile-view source
        such as CANDIDATES or JOB_FAIR) and `company_id`, resolving `member` logs a profile view."""
        return cls(member_row=member_row, view_via=via, view_company_id=company_id, **from_match(match))


@strawberry.type
class JobMatchEdge(Edge[JobMatch]):
    pass


@strawberry.type(description="Job matches, best first (eligible ones first).")
class JobMatchConnection(SliceBacked):
    edges: list[JobMatchEdge]

    @strawberry.field(description="The matches of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[JobMatch]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, fetched) -> "JobMatchConnection":
        edges = [JobMatchEdge(node=JobMatch.of(row["match"], row["job"]), cursor=cursor)
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)


@strawberry.type
class CandidateEdge(Edge[CandidateMatch]):
    pass


@strawberry.type(description="A posting's candidates, best first (eligible ones first).")
class CandidateConnection(SliceBacked):
    edges: list[CandidateEdge]

    @strawberry.field(description="The candidates of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[CandidateMatch]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, fetched, *, company_id: str) -> "CandidateConnection":
        edges = [CandidateEdge(node=CandidateMatch.of(row["match"], row["member"], via="CANDIDATES",
                                                      company_id=company_id), cursor=cursor)
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)


@strawberry.input(description="Filters of `jobMatches`; all optional, combined with AND.")
class JobMatchFilter:
    country: str | None = strawberry.field(default=None, description="Postings in this country (ISO 3166-1 alpha-2).")
    remote: bool | None = strawberry.field(default=None, description=(
        "true: REMOTE postings only; false: on-site and hybrid postings only."))
    seniority: list[SeniorityRef] | None = strawberry.field(default=None, description="Postings at these levels.")
    company_id: strawberry.ID | None = strawberry.field(default=None, description="Postings of this company.")
    eligible_only: bool = strawberry.field(default=False, description=(
        "Only postings you are eligible for (every REQUIRED item met)."))
    search: str | None = strawberry.field(default=None, description=(
        "Words in the title, description, city or company name."))


# -- readiness --------------------------------------------------------------------------------------


@strawberry.type(description="One step of the path to a posting.")
class JobReadinessStep:
    item: CertificationPathItem
    estimated_minutes: int | None = strawberry.field(description=(
        "The item's estimated minutes; null for a certification (its `pathTo` has its own preparation)."))
    reason: PathStepReason = strawberry.field(description=(
        "PREREQUISITE_CERTIFICATION: a certification to earn, the posting's own or one it requires first; "
        "RECOMMENDED: preparation the exam guide of one of those certifications recommends; UNLOCKS_SUPERBADGE: a "
        "module a superbadge on the path requires first; TEACHES_SKILL: teaches a skill the posting asks for that "
        "you lack at the level asked."))
    skill_ids: Private[tuple[str, ...]]

    @strawberry.field(description="The posting's skills you lack that this step teaches.")
    async def skills(self, info: Info) -> list[SkillRef]:
        return await _skills(info, self.skill_ids)

    @classmethod
    def of(cls, step: paths.PathStep) -> "JobReadinessStep":
        row = step.item.row or {}
        if step.item.kind == paths.CERTIFICATION:
            item: Any = Certification.from_row(row)
        else:
            item = learning_item(step.item.kind, row)
        return cls(item=item, estimated_minutes=step.item.minutes, reason=PathStepReason(step.reason),
                   skill_ids=step.skills)


@strawberry.type(description=(
    "How ready you are for a posting: your match, and the skill-gap path that would close the gap. The path holds "
    "the posting's certifications (REQUIRED and NICE_TO_HAVE) you do not hold in good standing, each after its "
    "prerequisite certifications and with its exam guide's preparation, and modules or superbadges teaching the "
    "skills you lack at the level asked. Completing a module or superbadge that teaches a skill closes that skill's "
    "gap for the path, while the match reads the level on your profile. Nothing you completed is listed, nothing "
    "twice. The minimum rank is not on the path (`match.missing` shows it)."))
class JobReadiness:
    match: JobMatch
    is_ready: bool = strawberry.field(description="Eligible for the posting: `match.eligible`.")
    steps: list[JobReadinessStep] = strawberry.field(description=(
        "In order: certifications (deepest prerequisites first), then exam-guide preparation, then what teaches "
        "the skills still lacking."))
    total_minutes: int = strawberry.field(description="The sum of the steps' estimated minutes.")
    total_hours: float = strawberry.field(description="`totalMinutes` in hours, to one decimal.")
    exam_fees_usd: int = strawberry.field(description="The exam fees of the certifications on the path, in US dollars.")
    untaught_skill_ids: Private[list[str]]
    job_row: Private[Row]

    @strawberry.field(description="The posting.")
    def job(self) -> JobPostingRef:
        from schema.careers.jobs import JobPosting

        return JobPosting.from_row(self.job_row)

    @strawberry.field(description="Skills you lack that nothing in the catalog teaches (no step can close them).")
    async def untaught_skills(self, info: Info) -> list[SkillRef]:
        return await _skills(info, self.untaught_skill_ids)

    @classmethod
    def of(cls, found: readiness.JobReadiness) -> "JobReadiness":
        return cls(match=JobMatch.of(found.match, found.job), is_ready=found.is_ready,
                   steps=[JobReadinessStep.of(step) for step in found.steps], total_minutes=found.total_minutes,
                   total_hours=round(found.total_minutes / 60, 1), exam_fees_usd=found.exam_fees_usd,
                   untaught_skill_ids=found.untaught_skills, job_row=found.job)


# -- fields of Member and JobPosting ---------------------------------------------------------------


@strawberry.type
class MatchingMemberFields:
    @strawberry.field(description=(
        "Open postings ranked for you by the careers scoring model: eligible ones first, then by score, each with "
        "its factors and what you miss. Listed: postings that ask for at least one skill you hold or certification "
        "you hold, and postings that ask for nothing; a posting asking only for things you have none of is not "
        "listed. At most the 500 most promising are ranked (`totalCount` counts those). Viewer only."))
    async def job_matches(self, info: Info, first: int | None = None, after: str | None = None,
                          filter: JobMatchFilter | None = None) -> JobMatchConnection:
        given = filter or JobMatchFilter()
        checked = service.job_match_filter(
            country=given.country, remote=given.remote,
            seniority=[s.value for s in given.seniority] if given.seniority is not None else None,
            company_global_id=str(given.company_id) if given.company_id is not None else None,
            eligible_only=given.eligible_only, search=given.search)
        fetched = await service.job_matches(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                            filter=checked, win=window(first, after, None, None))
        return JobMatchConnection.of(fetched)

    @strawberry.field(description=(
        "Your match with a posting and the skill-gap path to it, with hours and exam fees (see JobReadiness). Null "
        "for an unknown posting. Viewer only."))
    async def readiness_for(self, info: Info, job_id: strawberry.ID) -> JobReadiness | None:
        found = await readiness.readiness_for(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                              job_global_id=str(job_id))
        return JobReadiness.of(found) if found is not None else None


@strawberry.type
class MatchingJobFields:
    """Fields of JobPosting (it inherits this mixin)."""

    @strawberry.field(description=(
        "Members who opted in to recruiters and hold at least one of the skills or certifications this posting "
        "asks for, ranked by the careers scoring model: eligible ones first, then by score, each with its factors "
        "and what they lack. Members who did not opt in never appear, nor count. At most the 500 most promising "
        "are ranked (`totalCount` counts those). Showing a candidate's `member` logs a profile view. Recruiters of "
        "the posting's company only."))
    async def candidates(self, info: Info, first: int | None = None, after: str | None = None,
                         eligible_only: bool = False) -> CandidateConnection:
        row = self.row  # type: ignore[attr-defined]
        fetched = await service.candidates(info.context.scope, job=row, eligible_only=eligible_only,
                                           win=window(first, after, None, None))
        return CandidateConnection.of(fetched, company_id=row["companyId"])


ENTITIES: list[type] = []
