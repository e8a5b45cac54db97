"""Talent: career preferences, recruiters' talent search, saved searches and profile views.

Rules live in resolvers/careers/{preferences,talent,talent_filter,saved_searches,profile_views}.py.
`MatchFactor` and `MatchFactorName` are defined here and shared with job matching. This module
imports no other careers schema module at load time (they refer to it; `Seniority` and
`GeoRadiusInput` of schema/careers/jobs.py are referred to lazily).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from graph.community.repository import Row
from resolvers.careers import preferences as preference_rules
from resolvers.careers import saved_searches as saved_rules
from resolvers.careers import talent as talent_rules
from resolvers.careers.profile_views import profile_views_of, record_profile_views
from resolvers.careers.scoring import Factor
from resolvers.careers.talent_filter import TalentFilter
from resolvers.community.validation import UserError as UserErrorData
from resolvers.ids import to_global_id
from resolvers.pagination import Slice
from schema.context import Info
from schema.relay import Connection, Node, SliceBacked, reference_id, time_of, window

if TYPE_CHECKING:  # the names the lazy references below point to
    from schema.careers.jobs import GeoRadiusInput, Seniority
    from schema.community.companies import Company
    from schema.community.mutations import UserError
    from schema.community.types import Member, Skill
    from schema.learning.catalog import Certification, Superbadge
    from schema.learning.credentials import CredentialStatus

MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
SkillRef = Annotated["Skill", strawberry.lazy("schema.community.types")]
CompanyRef = Annotated["Company", strawberry.lazy("schema.community.companies")]
CertificationRef = Annotated["Certification", strawberry.lazy("schema.learning.catalog")]
SuperbadgeRef = Annotated["Superbadge", strawberry.lazy("schema.learning.catalog")]
CredentialStatusRef = Annotated["CredentialStatus", strawberry.lazy("schema.learning.credentials")]
SeniorityRef = Annotated["Seniority", strawberry.lazy("schema.careers.jobs")]
GeoRadiusInputRef = Annotated["GeoRadiusInput", strawberry.lazy("schema.careers.jobs")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _user_errors(errors: list[UserErrorData]) -> list[UserError]:
    from schema.community.mutations import _errors

    return _errors(errors)


def _member(row: Row) -> Member:
    from schema.community.types import Member as MemberType

    return MemberType.from_row(row)


def _fields(value: Any) -> dict[str, Any]:
    """The input fields the client actually sent (unset ones are left out)."""
    return {k: v for k, v in vars(value).items() if v is not strawberry.UNSET}


def _value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# -- enums -----------------------------------------------------------------------------------------


@strawberry.enum(description="Where a member wants to work.")
class RemotePreference(Enum):
    ON_SITE_ONLY = "ON_SITE_ONLY"
    OPEN_TO_REMOTE = strawberry.enum_value("OPEN_TO_REMOTE", description="On site or remote.")
    REMOTE_ONLY = "REMOTE_ONLY"


@strawberry.enum(description="Who may find a member who is open to work.")
class CareerVisibility(Enum):
    RECRUITERS = strawberry.enum_value("RECRUITERS", description=(
        "Recruiters may find you in talent search while you are open to work."))
    ONLY_ME = strawberry.enum_value("ONLY_ME", description="Nobody finds you; your preferences still shape your job matches.")


@strawberry.enum(description="Where a recruiter was shown a member's profile.")
class ProfileViewSource(Enum):
    TALENT_SEARCH = strawberry.enum_value("TALENT_SEARCH", description="A talent search or a saved search's matches.")
    CANDIDATES = strawberry.enum_value("CANDIDATES", description="A posting's ranked candidates.")
    APPLICATION = strawberry.enum_value("APPLICATION", description="An application to the company's posting.")
    JOB_FAIR = strawberry.enum_value("JOB_FAIR", description="A job fair's attendees.")
    PROFILE = strawberry.enum_value("PROFILE", description="The profile itself.")


@strawberry.enum(description="A factor of the careers scoring model.")
class MatchFactorName(Enum):
    SKILLS = "SKILLS"
    CERTIFICATIONS = "CERTIFICATIONS"
    RANK = "RANK"
    LOCATION = "LOCATION"
    SENIORITY = "SENIORITY"
    ACTIVITY = strawberry.enum_value("ACTIVITY", description="Recent learning (talent search).")


@strawberry.enum(description="How a talent search treats a skill.")
class SkillFilterMode(Enum):
    MUST = strawberry.enum_value("MUST", description="Must hold it at `minLevel` or above.")
    CAN = strawberry.enum_value("CAN", description="Adds to the score when held; nobody is left out for lacking it.")
    NOT = strawberry.enum_value("NOT", description="Must not hold it at `minLevel` or above.")


@strawberry.enum(description="Whether a member must hold any or all of the certifications asked.")
class CertificationMatch(Enum):
    ANY = "ANY"
    ALL = "ALL"


@strawberry.enum(description="A criterion of a talent search filter.")
class TalentFilterName(Enum):
    SKILL = "SKILL"
    CERTIFICATION = "CERTIFICATION"
    RANK = "RANK"
    SUPERBADGE = "SUPERBADGE"
    LOCATION = "LOCATION"
    REMOTE = "REMOTE"
    SEARCH = "SEARCH"
    YEARS_IN_COMMUNITY = "YEARS_IN_COMMUNITY"


# -- career preferences ----------------------------------------------------------------------------


@strawberry.type(description="What work a member wants, and whether recruiters may find them.")
class CareerPreferences:
    open_to_work: bool
    visibility: CareerVisibility
    searchable: bool = strawberry.field(description=(
        "Whether recruiters can find you: open to work and visibility RECRUITERS. Nobody else is ever shown "
        "to a recruiter (except on an application you send)."))
    roles: list[str] = strawberry.field(description="Job titles you want.")
    cities: list[str]
    countries: list[str] = strawberry.field(description="ISO 3166-1 alpha-2 codes of countries you want to work in.")
    remote: RemotePreference
    seniority: SeniorityRef | None
    opted_in_at: datetime | None = strawberry.field(description=(
        "When you last became findable; null while you are not."))
    updated_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> "CareerPreferences":
        from schema.careers.jobs import Seniority

        return cls(open_to_work=bool(row.get("openToWork")), visibility=CareerVisibility(row["visibility"]),
                   searchable=bool(row.get("searchable")), roles=list(row.get("roles") or []),
                   cities=list(row.get("cities") or []), countries=list(row.get("countries") or []),
                   remote=RemotePreference(row.get("remote") or "OPEN_TO_REMOTE"),
                   seniority=Seniority(row["seniority"]) if row.get("seniority") else None,
                   opted_in_at=time_of(row.get("optedInAt")), updated_at=time_of(row.get("updatedAt")))


@strawberry.input(description=(
    "Career preferences to change; leave out what stays the same (null clears a list or the seniority). "
    "The first call starts from: not open to work, visibility RECRUITERS, OPEN_TO_REMOTE."))
class SetCareerPreferencesInput:
    open_to_work: bool | None = strawberry.UNSET
    visibility: CareerVisibility | None = strawberry.UNSET
    roles: list[str] | None = strawberry.field(default=strawberry.UNSET, description="At most 10, each up to 100 characters.")
    cities: list[str] | None = strawberry.field(default=strawberry.UNSET, description="At most 10.")
    countries: list[str] | None = strawberry.field(default=strawberry.UNSET, description="At most 30 ISO codes.")
    remote: RemotePreference | None = strawberry.UNSET
    seniority: SeniorityRef | None = strawberry.UNSET


@strawberry.type
class SetCareerPreferencesPayload:
    career_preferences: CareerPreferences | None
    user_errors: list[UserErrorRef]


# -- the talent search filter ------------------------------------------------------------------------


@strawberry.input(description="A skill criterion.")
class TalentSkillFilter:
    skill_id: strawberry.ID
    min_level: int = strawberry.field(default=1, description="1 to 5.")
    mode: SkillFilterMode = SkillFilterMode.MUST


@strawberry.input(description=(
    "Certifications held in good standing (ACTIVE or MAINTENANCE_DUE); expired ones count only with "
    "`includeExpired` (and still earn no score)."))
class TalentCertificationFilter:
    ids: list[strawberry.ID] = strawberry.field(description="At most 10.")
    match: CertificationMatch = CertificationMatch.ANY
    include_expired: bool = False


@strawberry.input(description="Where members are: give `near` or `country`.")
class TalentLocationFilter:
    near: GeoRadiusInputRef | None = strawberry.field(default=None, description=(
        "Lives within the circle (profile coordinates); also scores distance."))
    country: str | None = strawberry.field(default=None, description=(
        "Lives in this country, or lists it among the countries they want to work in (ISO code)."))


@strawberry.input(description=(
    "A talent search: every criterion given must hold (CAN skills only add to the score). Only members "
    "who opted in (`CareerPreferences.searchable`) are ever found."))
class TalentSearchFilter:
    skills: list[TalentSkillFilter] | None = strawberry.field(default=None, description="At most 20.")
    certifications: TalentCertificationFilter | None = None
    min_rank: int | None = strawberry.field(default=None, description="The lowest rank position accepted.")
    superbadges: list[strawberry.ID] | None = strawberry.field(default=None, description=(
        "Completed every one of these superbadges (at most 10)."))
    location: TalentLocationFilter | None = None
    open_to_remote: bool | None = strawberry.field(default=None, description=(
        "Members open to remote work (OPEN_TO_REMOTE or REMOTE_ONLY); with `location`, they match "
        "as well as those in the place."))
    search: str | None = strawberry.field(default=None, description="Text in the headline or job title.")
    min_years_in_community: int | None = strawberry.field(default=None, description="Joined at least this many years ago.")

    def as_dict(self) -> dict[str, Any]:
        """The filter as resolvers/careers/talent_filter.py checks it."""
        location = self.location
        near = location.near if location is not None else None
        return {
            "skills": [{"skillId": s.skill_id, "minLevel": s.min_level, "mode": s.mode.value} for s in self.skills or []],
            "certifications": None if self.certifications is None else {
                "ids": list(self.certifications.ids), "match": self.certifications.match.value,
                "includeExpired": self.certifications.include_expired},
            "minRank": self.min_rank,
            "superbadges": list(self.superbadges or []),
            "location": None if location is None else {
                "near": None if near is None else (near.latitude, near.longitude, near.radius_km),
                "country": location.country},
            "openToRemote": self.open_to_remote,
            "search": self.search,
            "minYearsInCommunity": self.min_years_in_community,
        }


@strawberry.type(description="A skill criterion of a saved filter.")
class TalentSkillFilterEcho:
    skill_id: strawberry.ID
    min_level: int
    mode: SkillFilterMode


@strawberry.type(description="The certifications criterion of a saved filter.")
class TalentCertificationFilterEcho:
    ids: list[strawberry.ID]
    match: CertificationMatch
    include_expired: bool


@strawberry.type(description="A circle on the map.")
class GeoRadius:
    latitude: float
    longitude: float
    radius_km: float


@strawberry.type(description="The place criterion of a saved filter.")
class TalentLocationEcho:
    near: GeoRadius | None
    country: str | None


@strawberry.type(description="A saved talent search filter, as it runs (the shape of `TalentSearchFilter`).")
class TalentSearchFilterEcho:
    skills: list[TalentSkillFilterEcho]
    certifications: TalentCertificationFilterEcho | None
    min_rank: int | None
    superbadges: list[strawberry.ID]
    location: TalentLocationEcho | None
    open_to_remote: bool
    search: str | None
    min_years_in_community: int | None

    @classmethod
    def of(cls, f: TalentFilter) -> "TalentSearchFilterEcho":
        near = f.near
        return cls(
            skills=[TalentSkillFilterEcho(skill_id=strawberry.ID(to_global_id("Skill", s.skill_id)), min_level=s.min_level,
                                    mode=SkillFilterMode(s.mode)) for s in f.skills],
            certifications=None if not f.certification_ids else TalentCertificationFilterEcho(
                ids=[strawberry.ID(to_global_id("Certification", c)) for c in f.certification_ids],
                match=CertificationMatch(f.certification_match), include_expired=f.include_expired),
            min_rank=f.min_rank,
            superbadges=[strawberry.ID(to_global_id("Superbadge", b)) for b in f.superbadge_ids],
            location=None if near is None and f.country is None else TalentLocationEcho(
                near=None if near is None else GeoRadius(latitude=near.latitude, longitude=near.longitude,
                                                         radius_km=near.radius_km),
                country=f.country),
            open_to_remote=f.open_to_remote, search=f.search, min_years_in_community=f.min_years_in_community)


# -- results -----------------------------------------------------------------------------------------


@strawberry.type(description="One factor of a score: `contribution` = `weight` x `value`; the score is their sum.")
class MatchFactor:
    factor: MatchFactorName
    weight: float
    value: float = strawberry.field(description="0 to 1.")
    contribution: float
    detail: str

    @classmethod
    def from_factor(cls, factor: Factor) -> "MatchFactor":
        return cls(factor=MatchFactorName(factor.name), weight=factor.weight, value=round(factor.value, 6),
                   contribution=round(factor.contribution, 6), detail=factor.detail)


@strawberry.type(description="A filter criterion a result meets, and how.")
class FilterMatch:
    filter: TalentFilterName
    detail: str = strawberry.field(description="In words, such as `Apex level 4 ≥ 3 (must have)` or `12 km from the point`.")
    level: int | None = strawberry.field(description="The member's skill level (SKILL) or rank (RANK).")
    status: CredentialStatusRef | None = strawberry.field(description="The credential's status (CERTIFICATION).")
    distance_km: float | None = strawberry.field(description="From the `near` point (LOCATION).")
    data: Private[talent_rules.FilterMatch]

    @classmethod
    def of(cls, data: talent_rules.FilterMatch) -> "FilterMatch":
        from schema.learning.credentials import CredentialStatus

        return cls(filter=TalentFilterName(data.filter), detail=data.detail, level=data.level,
                   status=CredentialStatus(data.status) if data.status else None, distance_km=data.distance_km,
                   data=data)

    @strawberry.field(description="The skill (SKILL).")
    async def skill(self, info: Info) -> SkillRef | None:
        from schema.community.types import Skill as SkillType

        if self.data.skill_id is None:
            return None
        row = await info.context.scope.loaders.skill_by_id.load(self.data.skill_id)
        return SkillType.from_row(row) if row else None

    @strawberry.field(description="The certification (CERTIFICATION).")
    async def certification(self, info: Info) -> CertificationRef | None:
        from resolvers.learning.catalog import catalog
        from schema.learning.catalog import Certification as CertificationType

        if self.data.certification_id is None:
            return None
        row = await catalog(info.context.scope).certification_by_id.load(self.data.certification_id)
        return CertificationType.from_row(row) if row else None

    @strawberry.field(description="The superbadge (SUPERBADGE).")
    async def superbadge(self, info: Info) -> SuperbadgeRef | None:
        from resolvers.learning.catalog import catalog
        from schema.learning.catalog import Superbadge as SuperbadgeType

        if self.data.superbadge_id is None:
            return None
        row = await catalog(info.context.scope).superbadge_by_id.load(self.data.superbadge_id)
        return SuperbadgeType.from_row(row) if row else None


@strawberry.type(description=(
    "How close a member is to the searching company's people (its employees and recruiters)."))
class CompanyConnectionDistance:
    employees_following: int = strawberry.field(description="Of the company's people, how many follow the member.")
    followed_employees: int = strawberry.field(description="Of the company's people, how many the member follows.")
    shared_groups: int = strawberry.field(description="The member's groups that one of the company's people is in.")
    degree: int | None = strawberry.field(description=(
        "1: a follow link with one of the company's people; 2: a shared group; null: neither."))


@strawberry.type(description="Why a member is a result, and how they scored.")
class TalentExplanation:
    hit: Private[talent_rules.TalentHit]

    @strawberry.field(description="The filter's criteria the member meets, and how.")
    async def matched_filters(self, info: Info) -> list[FilterMatch]:
        return [FilterMatch.of(m) for m in await talent_rules.matched_filters(info.context.scope, self.hit)]

    @strawberry.field(description="The score, factor by factor (the careers scoring model, TALENT_SEARCH weights).")
    def factors(self) -> list[MatchFactor]:
        return [MatchFactor.from_factor(f) for f in self.hit.match.factors]

    @strawberry.field(description="The graph distance from the company searched for.")
    async def connection(self, info: Info) -> CompanyConnectionDistance:
        row = await talent_rules.company_connection(info.context.scope, self.hit)
        return CompanyConnectionDistance(employees_following=row["employeesFollowing"],
                                         followed_employees=row["followedEmployees"],
                                         shared_groups=row["sharedGroups"], degree=row["degree"])


@strawberry.type(description="A member a talent search found.")
class TalentMatch:
    score: float = strawberry.field(description="0 to 1: the sum of the factors' contributions.")
    hit: Private[talent_rules.TalentHit]

    @classmethod
    def of(cls, hit: talent_rules.TalentHit) -> "TalentMatch":
        return cls(score=hit.match.score, hit=hit)

    @strawberry.field(description=(
        "The member (they opted in to being found). Showing it records a profile view the member can see."))
    async def member(self, info: Info) -> MemberRef:
        scope = info.context.scope
        row, _ = await asyncio.gather(
            scope.loaders.member_by_id.load(self.hit.member_id),
            record_profile_views(scope, [self.hit.member_id], via=self.hit.via, company_id=self.hit.company_id))
        return _member(row)

    @strawberry.field
    def explanation(self) -> TalentExplanation:
        return TalentExplanation(hit=self.hit)


@strawberry.type
class TalentMatchEdge:
    node: TalentMatch
    cursor: str


@strawberry.type(description=(
    "Members found, best first. Ranked lists page forwards (`first`, `after`); `totalCount` counts every "
    "match, but only the best 2,000 by a pre-score are ranked and reachable."))
class TalentSearchConnection(SliceBacked):
    edges: list[TalentMatchEdge]

    @classmethod
    def of(cls, fetched: Slice) -> "TalentSearchConnection":
        return cls(edges=[TalentMatchEdge(node=TalentMatch.of(hit), cursor=cursor)
                          for hit, cursor in zip(fetched.rows, fetched.cursors())], fetched=fetched)

    @strawberry.field(description="The nodes of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[TalentMatch]:
        return [edge.node for edge in self.edges]


# -- saved searches ----------------------------------------------------------------------------------


@strawberry.federation.type(keys=["id"], description="A recruiter's saved talent search; only they see it.")
class SavedSearch(Node):
    id: strawberry.ID
    name: str
    created_at: datetime
    last_run_at: datetime | None = strawberry.field(description="When `matches` or `newMatches` last ran.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "SavedSearch":
        return cls(id=strawberry.ID(to_global_id("SavedSearch", row["id"])), name=row["name"],
                   created_at=time_of(row["createdAt"]), last_run_at=time_of(row.get("lastRunAt")),  # type: ignore[arg-type]
                   row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "SavedSearch | None":
        local = reference_id(id, "SavedSearch")
        row = await saved_rules.saved_search_by_id(info.context.scope, search_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="The filter, as it runs.")
    def filter(self) -> TalentSearchFilterEcho:
        return TalentSearchFilterEcho.of(saved_rules.filter_of(self.row))

    @strawberry.field(description="The company it searches for.")
    async def company(self, info: Info) -> CompanyRef:
        from schema.community.companies import Company as CompanyType

        return await CompanyType.by_id(info, self.row["companyId"])  # type: ignore[return-value]

    @strawberry.field(description="Who matches now, best first (as `talentSearch`).")
    async def matches(self, info: Info, first: int | None = None, after: str | None = None) -> TalentSearchConnection:
        fetched = await saved_rules.run_saved_search(info.context.scope, self.row, win=window(first, after, None, None))
        return TalentSearchConnection.of(fetched)

    @strawberry.field(description=(
        "Who matches now and, at or after `since`, opted in, gained one of the search's MUST or CAN skills "
        "(added, not levelled up), or earned one of its certifications; best first."))
    async def new_matches(self, info: Info, since: datetime, first: int | None = None,
                          after: str | None = None) -> TalentSearchConnection:
        fetched = await saved_rules.run_saved_search(info.context.scope, self.row, win=window(first, after, None, None),
                                                     since=since)
        return TalentSearchConnection.of(fetched)


@strawberry.input
class SaveSearchInput:
    name: str = strawberry.field(description="1 to 100 characters.")
    filter: TalentSearchFilter
    company_id: strawberry.ID | None = strawberry.field(default=None, description=(
        "The company it searches for: one you recruit for (your first by default)."))


@strawberry.type
class SaveSearchPayload:
    saved_search: SavedSearch | None
    user_errors: list[UserErrorRef] = strawberry.field(description="LIMIT_REACHED at 50 saved searches.")


@strawberry.input
class DeleteSavedSearchInput:
    id: strawberry.ID


@strawberry.type
class DeleteSavedSearchPayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The deleted saved search's ID.")
    user_errors: list[UserErrorRef]


# -- profile views ---------------------------------------------------------------------------------


@strawberry.type(description="A recruiter was shown your profile.")
class ProfileView:
    recruiter_name: str = strawberry.field(description="Always given, even when their profile is hidden from you.")
    via: ProfileViewSource
    at: datetime
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "ProfileView":
        recruiter = row["recruiter"]
        return cls(recruiter_name=recruiter.get("displayName") or recruiter["handle"],
                   via=ProfileViewSource(row["via"]), at=time_of(row["at"]), row=row)  # type: ignore[arg-type]

    @strawberry.field(description="The recruiter; null when their profile is hidden from you.")
    def recruiter(self, info: Info) -> MemberRef | None:
        row = self.row["recruiter"]
        return _member(row) if info.context.scope.can_view_member(row) else None

    @strawberry.field(description="The company they were recruiting for.")
    async def company(self, info: Info) -> CompanyRef:
        from schema.community.companies import Company as CompanyType

        return await CompanyType.by_id(info, self.row["companyId"])  # type: ignore[return-value]


# -- root fields and Member fields ---------------------------------------------------------------------


@strawberry.type
class TalentQueries:
    @strawberry.field(description=(
        "Recruiters only (the `recruiter` role and a company you recruit for): members who opted in, "
        "best first, each with an explanation. `companyId`: the company you search for (yours; your first by "
        "default). Showing a result's member records a profile view they can see."))
    async def talent_search(self, info: Info, filter: TalentSearchFilter, first: int | None = None,
                            after: str | None = None, company_id: strawberry.ID | None = None) -> TalentSearchConnection:
        fetched = await talent_rules.talent_search(
            info.context.scope, filter=filter.as_dict(), win=window(first, after, None, None),
            company_global_id=str(company_id) if company_id is not None else None)
        return TalentSearchConnection.of(fetched)

    @strawberry.field(description="Your saved talent searches, newest first (recruiters only).")
    async def saved_searches(self, info: Info, first: int | None = None,
                             after: str | None = None) -> Connection[SavedSearch]:
        fetched = await saved_rules.list_saved_searches(info.context.scope, win=window(first, after, None, None))
        return Connection.of(fetched, SavedSearch.from_row)


@strawberry.type
class TalentMutations:
    @strawberry.mutation(description="Set your career preferences: open to work and visible to recruiters opts you in.")
    async def set_career_preferences(self, info: Info, input: SetCareerPreferencesInput) -> SetCareerPreferencesPayload:
        changes = {k: _value(v) for k, v in _fields(input).items()}
        out = await preference_rules.set_career_preferences(info.context.scope, changes=changes)
        return SetCareerPreferencesPayload(
            career_preferences=CareerPreferences.from_row(out.value) if out.value else None,
            user_errors=_user_errors(out.user_errors))

    @strawberry.mutation(description="Save a talent search (recruiters only; at most 50).")
    async def save_search(self, info: Info, input: SaveSearchInput) -> SaveSearchPayload:
        out = await saved_rules.save_search(
            info.context.scope, name=input.name, filter=input.filter.as_dict(),
            company_global_id=str(input.company_id) if input.company_id is not None else None)
        return SaveSearchPayload(saved_search=SavedSearch.from_row(out.value) if out.value else None,
                                 user_errors=_user_errors(out.user_errors))

    @strawberry.mutation(description="Delete one of your saved searches.")
    async def delete_saved_search(self, info: Info, input: DeleteSavedSearchInput) -> DeleteSavedSearchPayload:
        out = await saved_rules.delete_saved_search(info.context.scope, search_global_id=str(input.id))
        return DeleteSavedSearchPayload(deleted_id=strawberry.ID(out.value) if out.value else None,
                                        user_errors=_user_errors(out.user_errors))


@strawberry.type
class TalentMemberFields:
    @strawberry.field(description="Your career preferences (on `viewer` only); null until you set them.")
    async def career_preferences(self, info: Info) -> CareerPreferences | None:
        row = await preference_rules.career_preferences(info.context.scope, member_id=self.row["id"])  # type: ignore[attr-defined]
        return CareerPreferences.from_row(row) if row else None

    @strawberry.field(description=(
        "Recruiters who were shown your profile, newest first (on `viewer` only): one entry per recruiter, "
        "source and day."))
    async def profile_views(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[ProfileView]:
        fetched = await profile_views_of(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                         win=window(first, after, None, None))
        return Connection.of(fetched, ProfileView.from_row)


ENTITIES: list[type] = [SavedSearch]
