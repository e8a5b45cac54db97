"""Talent search: recruiters find members who opted in, ranked by the scoring model, explained.

Privacy. Only members whose `CareerPreferences.searchable` is true are ever considered: the
Cypher filters on it (graph/careers/talent.cypher), so they are absent from results and from
`totalCount` alike; the ranking here checks the flag again on the profiles it scores. Opting in
is consent to be found, so a result shows the member's `Member` even when their profile
visibility would hide it from the recruiter. Showing a result's member records a profile view
(resolvers/careers/profile_views.py).

Strategy (meant for `medium`: 100k members, about 15% opted in):
1. Anchor. A search starts from its most selective starting point: the holders of a MUST skill,
   the holders of a certification (ALL: the rarest one; ANY: all of them), the completers of a
   superbadge, else the opted-in members (`CareerPreferences.searchable` index). One cheap
   query (`talent_anchor_sizes`: the relationship degree of each candidate anchor, and the
   number of CareerPreferences as an upper bound of the opted-in) tells which is smallest; skill
   holders are counted at any level (counting by level reads every relationship: 3-18 times
   slower on the embedded engine). Only filters with a MUST skill, a certification or a
   superbadge send it.
2. Hard filters in Cypher from that anchor, returning the exact number of matches and the ids
   of the best `CANDIDATE_CAP` (2,000) by a cheap pre-score: the scoring model's SKILLS,
   CERTIFICATIONS, RANK and LOCATION factors with its weights. ACTIVITY (0.15 of the weight:
   counting completions is what the profiles query does) is left out there, so a member just
   past the cap could have ranked inside it; results past the 2,000th are not reachable
   (`totalCount` still counts them; `hasNextPage` ends at the cap).
3. Ranking in Python: the capped members' profiles (one batched query) are scored with
   `scoring.score(TALENT_SEARCH, ...)` and sorted by `scoring.ranked`; the cursor is the offset
   in that ranking. Each request re-runs the search (consistent while the graph does not change).
4. Per page only: the member rows, the explanation's names and the company connection (one
   batched query per kind, whatever the page size).

Searches are batched: a request that runs several (saved searches each with `matches`) sends
one anchor query and one candidate query for all of them (`TalentContext.search`).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Sequence

from strawberry.dataloader import DataLoader

from graph.careers.talent import TalentRepository
from graph.community.repository import Row
from resolvers.careers.context import careers, good_standing_cutoff
from resolvers.careers.scoring import TALENT_SEARCH, Candidate, Match, Place, distance_km, ranked, score
from resolvers.careers.talent_filter import ALL, MUST, NOT, TalentFilter, clean_filter
from resolvers.community.loaders import keyed_loader
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import id_argument
from resolvers.learning.catalog import catalog
from resolvers.learning.credentials import as_time, epoch_millis
from resolvers.pagination import Slice, Window
from resolvers.scope import RequestScope

CANDIDATE_CAP = 2_000
REMOTE_OK = ("OPEN_TO_REMOTE", "REMOTE_ONLY")


@dataclass(frozen=True, slots=True)
class SearchKey:
    """One search of a request: the filter's canonical JSON, and `since` (epoch millis) for newMatches."""

    filter_json: str
    since_ms: int | None = None


@dataclass(frozen=True)
class TalentHit:
    """One ranked result: what the schema renders as a TalentMatch."""

    member_id: str
    match: Match
    candidate: Candidate
    filter: TalentFilter
    company_id: str
    via: str = "TALENT_SEARCH"


@dataclass(frozen=True)
class SearchResult:
    total: int
    ranked: list[tuple[Match, Candidate]]


@dataclass(frozen=True)
class FilterMatch:
    """Which filter a result met and how: `filter` is SKILL, CERTIFICATION, RANK, SUPERBADGE,
    LOCATION, REMOTE, SEARCH or YEARS_IN_COMMUNITY; `detail` says it in words."""

    filter: str
    detail: str
    skill_id: str | None = None
    certification_id: str | None = None
    superbadge_id: str | None = None
    level: int | None = None
    status: str | None = None
    distance_km: float | None = None


def choose_anchor(f: TalentFilter, sizes: Row | None) -> dict[str, Any]:
    """The search's starting point: the option with the fewest members (see the module docstring).

    Without a MUST skill, a certification or a superbadge there is nothing to compare: the
    opted-in members. Ties go to the earlier option (skills, then certifications, superbadges).
    """
    anchor: dict[str, Any] = {"skillId": None, "minLevel": None, "certificationIds": [], "superbadgeId": None,
                              "searchable": None}
    options: list[tuple[int, dict[str, Any]]] = []
    if sizes is not None:
        for s in f.skills_of(MUST):
            options.append((sizes["skills"].get(s.skill_id, 0), {"skillId": s.skill_id, "minLevel": s.min_level}))
        if f.certification_ids and f.certification_match == ALL:
            options += [(sizes["certifications"].get(c, 0), {"certificationIds": [c]}) for c in f.certification_ids]
        elif f.certification_ids:
            options.append((sum(sizes["certifications"].get(c, 0) for c in f.certification_ids),
                            {"certificationIds": list(f.certification_ids)}))
        options += [(sizes["superbadges"].get(b, 0), {"superbadgeId": b}) for b in f.superbadge_ids]
        options.append((sizes["searchable"], {"searchable": True}))
    best = min(options, key=lambda option: option[0])[1] if options else {"searchable": True}
    return anchor | best


def _needs_sizes(f: TalentFilter) -> bool:
    return bool(f.skills_of(MUST) or f.certification_ids or f.superbadge_ids)


def search_parameters(key: str, f: TalentFilter, anchor: dict[str, Any], *, cutoff: datetime | None,
                      now: datetime, since_ms: int | None) -> dict[str, Any]:
    """One entry of `talent_search_candidates`'s `$searches`."""
    requirements = f.requirements()
    scored = [{"skillId": r.skill_id, "minLevel": r.min_level,
               "worth": r.weight * (2 if r.necessity == "REQUIRED" else 1)} for r in requirements.skills]
    joined_before = f.joined_before(now)
    weights = TALENT_SEARCH.weights
    return {
        "key": key,
        "anchor": anchor,
        "mustSkills": [{"skillId": s.skill_id, "minLevel": s.min_level} for s in f.skills_of(MUST)],
        "notSkills": [{"skillId": s.skill_id, "minLevel": s.min_level} for s in f.skills_of(NOT)],
        "scoredSkills": scored,
        "readsSkills": bool(f.skills),
        "skillWorth": sum(s["worth"] for s in scored),
        "certificationIds": list(f.certification_ids),
        "certificationMatch": f.certification_match,
        "includeExpired": f.include_expired,
        "cutoff": None if cutoff is None else epoch_millis(cutoff),
        "minRank": f.min_rank,
        "superbadgeIds": list(f.superbadge_ids),
        "near": None if f.near is None else {"latitude": f.near.latitude, "longitude": f.near.longitude,
                                             "radiusKm": f.near.radius_km},
        "country": f.country,
        "openToRemote": f.open_to_remote,
        "search": f.search,
        "joinedBefore": None if joined_before is None else epoch_millis(joined_before),
        "since": since_ms,
        "weights": {"skills": weights.skills, "certifications": weights.certifications, "rank": weights.rank,
                    "location": weights.location},
        "topRank": TALENT_SEARCH.top_rank,
        "nearKm": TALENT_SEARCH.near_km,
        "farKm": TALENT_SEARCH.far_km,
        "cap": CANDIDATE_CAP,
    }


class TalentContext:
    """The talent repository and loaders of one request: `talent(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = TalentRepository(scope.graph)
        self.search: DataLoader[SearchKey, SearchResult] = DataLoader(load_fn=self._run_searches)

        async def connections(keys: list[tuple[str, str]]) -> dict[tuple[str, str], Row]:
            by_company: dict[str, list[str]] = defaultdict(list)
            for company_id, member_id in keys:
                by_company[company_id].append(member_id)
            return await repo.company_connections(
                [{"companyId": c, "memberIds": list(dict.fromkeys(ids))} for c, ids in by_company.items()])

        self.connection: DataLoader[tuple[str, str], Row | None] = keyed_loader(connections)
        self.preferences_of_member: DataLoader[str, Row | None] = keyed_loader(repo.preferences_of_members)

    async def _run_searches(self, keys: Sequence[SearchKey]) -> list[SearchResult]:
        ctx = careers(self.scope)
        filters = [TalentFilter.from_json(k.filter_json) for k in keys]
        releases = await catalog(self.scope).releases()
        cutoff = good_standing_cutoff(releases, ctx.now)
        sizes = None
        if any(_needs_sizes(f) for f in filters):
            sizes = await self.repository.anchor_sizes(
                skill_ids=sorted({s.skill_id for f in filters for s in f.skills_of(MUST)}),
                certification_ids=sorted({c for f in filters for c in f.certification_ids}),
                superbadge_ids=sorted({b for f in filters for b in f.superbadge_ids}))
        searches = [search_parameters(str(i), f, choose_anchor(f, sizes if _needs_sizes(f) else None),
                                      cutoff=cutoff, now=ctx.now, since_ms=k.since_ms)
                    for i, (k, f) in enumerate(zip(keys, filters))]
        found = await self.repository.search_candidates(searches)
        ids = list(dict.fromkeys(i for total, page in found.values() for i in page))
        profiles = dict(zip(ids, await asyncio.gather(*(ctx.candidate(i, releases) for i in ids))))
        results = []
        for i, f in enumerate(filters):
            total, page = found.get(str(i), (0, []))
            requirements = f.requirements()
            scored = {}
            for member_id in page:
                profile = profiles.get(member_id)
                if profile is None or not profile[1]:  # opted out since the candidate query: never shown
                    continue
                scored[member_id] = (score(TALENT_SEARCH, requirements, profile[0]), profile[0])
            order = ranked(m for m, _ in scored.values())
            results.append(SearchResult(total, [(m, scored[m.key][1]) for m in order]))
        return results


def talent(scope: RequestScope) -> TalentContext:
    return scope.per_request(TalentContext)


def forwards_only(win: Window) -> None:
    if win.from_end or win.before is not None:
        raise BadUserInput("ranked lists page forwards only: use `first` and `after`", field="last")


async def acting_company(scope: RequestScope, company_global_id: str | None) -> str:
    """The company the recruiter searches for: the one named (it must be theirs), else their first.

    UNAUTHENTICATED when anonymous, FORBIDDEN for anyone who is not a recruiter (see
    resolvers/careers/context.py) or who does not recruit for the company named.
    """
    companies = await careers(scope).require_recruiter()
    company_id = id_argument(company_global_id, "Company", "companyId")
    if company_id is None:
        return companies[0]
    if company_id not in companies:
        raise Forbidden("you do not recruit for this company")
    return company_id


async def ranked_talent(scope: RequestScope, f: TalentFilter, *, company_id: str, win: Window,
                        since: datetime | None = None, via: str = "TALENT_SEARCH") -> Slice:
    """A window of the ranking of a (checked) filter: rows are TalentHit, `total` counts every match."""
    forwards_only(win)
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)  # a time without an offset is UTC
    result = await talent(scope).search.load(
        SearchKey(f.to_json(), None if since is None else epoch_millis(since)))
    page = result.ranked[win.skip: win.skip + win.limit]
    hits = [TalentHit(m.key, m, candidate, f, company_id, via) for m, candidate in page]
    return Slice(hits, win.skip, total=result.total, has_next=win.skip + len(hits) < len(result.ranked))


async def talent_search(scope: RequestScope, *, filter: dict[str, Any], win: Window,
                        company_global_id: str | None) -> Slice:
    """`talentSearch`: recruiters only; only opted-in members, best first."""
    company_id = await acting_company(scope, company_global_id)
    return await ranked_talent(scope, clean_filter(filter), company_id=company_id, win=win)


async def company_connection(scope: RequestScope, hit: TalentHit) -> Row:
    """How close the member is to the searching company's people: {employeesFollowing,
    followedEmployees, sharedGroups, degree} (degree 1: a follow link with an employee or
    recruiter, 2: a group shared with one, None: neither)."""
    row = await talent(scope).connection.load((hit.company_id, hit.member_id)) or {}
    following, followed, shared = (int(row.get(k) or 0) for k in ("employeesFollowing", "followedEmployees",
                                                                    "sharedGroups"))
    degree = 1 if following or followed else 2 if shared else None
    return {"employeesFollowing": following, "followedEmployees": followed, "sharedGroups": shared, "degree": degree}


def _level(candidate: Candidate, skill_id: str) -> int:
    return candidate.skills.get(skill_id, 0)


async def matched_filters(scope: RequestScope, hit: TalentHit) -> list[FilterMatch]:
    """Which of the filter's criteria the member met, and how, in the filter's order."""
    f, candidate = hit.filter, hit.candidate
    community, learning = scope.loaders, catalog(scope)
    member, preferences, skills, certifications, superbadges = await asyncio.gather(
        community.member_by_id.load(hit.member_id),
        talent(scope).preferences_of_member.load(hit.member_id) if f.country else asyncio.sleep(0),
        community.skill_by_id.load_many([s.skill_id for s in f.skills]),
        learning.certification_by_id.load_many(list(f.certification_ids)),
        learning.superbadge_by_id.load_many(list(f.superbadge_ids)))
    member = member or {}
    out: list[FilterMatch] = []
    for s, row in zip(f.skills, skills):
        name, level = (row or {}).get("name", "a skill"), _level(candidate, s.skill_id)
        if s.mode == NOT:
            held = f", holds level {level}" if level else ""
            out.append(FilterMatch("SKILL", f"does not hold {name} at level {s.min_level} or above{held}",
                                   skill_id=s.skill_id, level=level or None))
        elif level >= s.min_level:
            kind = "must have" if s.mode == MUST else "can have"
            out.append(FilterMatch("SKILL", f"{name} level {level} ≥ {s.min_level} ({kind})",
                                   skill_id=s.skill_id, level=level))
    for certification_id, row in zip(f.certification_ids, certifications):
        status = candidate.credentials.get(certification_id)
        if status is not None and (status != "EXPIRED" or f.include_expired):
            title = (row or {}).get("title", "a certification")
            out.append(FilterMatch("CERTIFICATION", f"{title} {status}", certification_id=certification_id,
                                   status=status))
    if f.min_rank:
        out.append(FilterMatch("RANK", f"rank {candidate.rank} ≥ {f.min_rank}", level=candidate.rank))
    for superbadge_id, row in zip(f.superbadge_ids, superbadges):
        out.append(FilterMatch("SUPERBADGE", f"completed {(row or {}).get('title', 'a superbadge')}",
                               superbadge_id=superbadge_id))
    out += _place_matches(f, hit, member, preferences)
    if f.search:
        where = "headline" if f.search in (member.get("headline") or "").lower() else "job title"
        out.append(FilterMatch("SEARCH", f"{where} contains \"{f.search}\""))
    if f.min_years_in_community:
        joined = as_time(member.get("joinedAt"))
        since = f" (since {joined:%Y-%m-%d})" if joined else ""
        out.append(FilterMatch("YEARS_IN_COMMUNITY", f"member for {f.min_years_in_community}+ years{since}"))
    return out


def _place_matches(f: TalentFilter, hit: TalentHit, member: Row, preferences: Row | None) -> list[FilterMatch]:
    candidate = hit.candidate
    out: list[FilterMatch] = []
    if f.near is not None:
        km = distance_km(Place(f.near.latitude, f.near.longitude), candidate.place)
        if km is not None and km <= f.near.radius_km:
            out.append(FilterMatch("LOCATION", f"{km:.0f} km from the point (within {f.near.radius_km:g} km)",
                                   distance_km=round(km, 1)))
    if f.country is not None:
        if member.get("country") == f.country:
            out.append(FilterMatch("LOCATION", f"lives in {f.country}"))
        elif f.country in ((preferences or {}).get("countries") or ()):
            out.append(FilterMatch("LOCATION", f"wants to work in {f.country}"))
    if f.open_to_remote and candidate.remote in REMOTE_OK:
        out.append(FilterMatch("REMOTE", f"open to remote work ({candidate.remote})"))
    return out


__all__ = ["CANDIDATE_CAP", "FilterMatch", "SearchKey", "SearchResult", "TalentContext", "TalentHit",
           "acting_company", "choose_anchor", "company_connection", "forwards_only", "matched_filters",
           "ranked_talent", "search_parameters", "talent", "talent_search"]
