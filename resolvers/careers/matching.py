"""Job matching: the open postings that fit a member (`viewer.jobMatches`) and the opted-in members
who fit a posting (`job.candidates`), both ranked by the one scoring model.

Scoring. Every match here is `scoring.score(JOB_MATCHING, ...)` (resolvers/careers/scoring.py
documents the factors, weights and eligibility); this module only chooses what to score and
pages through the ranking. Rankings put eligible matches first, then higher scores: a posting or
a member lacking a REQUIRED item stays in the list, after the eligible ones, with what is
missing (`eligibleOnly` is the one way to leave them out).

What is scored. The graph is asked only for what can match (graph/careers/matching.cypher):
- for a member, the OPEN postings (`closesAt` not passed) that require at least one skill they
  hold (at any level) or a certification they hold a credential of (in any status, so an expired
  one is reported as such), plus the postings that require nothing. A posting asking only for
  skills and certifications the member has none of is not listed: it would rank last, with
  everything missing.
- for a posting, the members who opted in (`CareerPreferences.searchable`, filtered in Cypher:
  nobody else is ever counted or shown) and hold at least one of its skills or certifications.
At most `MAX_SCORED` (500) of them are scored per request. The graph first returns every
candidate's id with the few numbers needed to pick the most promising (`most_promising_jobs`:
postings asking nothing first, then the most requirements the member has something for, a
REQUIRED one counting twice, then the newest; `most_promising_members`: alike, then the highest
rank), then the scoring rows of the 500 picked. The ranking, its pages and `totalCount` cover
those 500: with more candidates, the rest are not ranked. Why a cap: the engine ships nested
rows slowly and scoring is Python (about 0.05 ms a match), so fetching and scoring all of 10,000
postings took seconds, while the two reads and 500 scores stay under a second even for a member
who matches nearly all of them.

Round trips. `jobMatches`: three concurrent reads (the release calendar, the member's profile,
the candidates), the scoring rows of the ones picked (with their requirements, which the page's
postings then render from), then the page's postings by id. `candidates`: the recruiter check,
three concurrent reads (the calendar, the posting's requirements, the candidates), the scoring
rows, then the page's members. Rendering postings, companies, skills and certifications goes
through the request's DataLoaders.

Reused by the job-fair area (schema/careers/fairs.py):
- `match_jobs_for_member(scope, member_id, job_rows) -> list[Match]`: the postings (job_by_id
  rows) ranked for one member; each Match's `key` is the posting id.
- `match_members_for_jobs(scope, job_rows, member_ids) -> list[tuple[Match, str]]`: each
  opted-in member of `member_ids` with their best posting among `job_rows` (the Match's `key` is
  the member id, the str the posting id), members ranked; members who did not opt in are left out.
Neither checks who may see what: their callers do.
"""

from __future__ import annotations

import asyncio
import heapq
from dataclasses import dataclass
from typing import Iterable

from graph.careers.matching import JobCandidates, MatchingRepository, MemberCandidates
from graph.community.repository import Row
from resolvers.careers.context import careers, to_candidate, to_requirements
from resolvers.careers.scoring import JOB_MATCHING, SENIORITY, Match, rank_key, ranked, score
from resolvers.community.validation import ISO_COUNTRIES, clean_search
from resolvers.errors import BadUserInput
from resolvers.ids import id_argument
from resolvers.learning.catalog import catalog
from resolvers.learning.credentials import epoch_millis
from resolvers.pagination import Slice, Window
from resolvers.scope import RequestScope

MAX_SCORED = 500  # matches scored per request at most (see the module docstring)


class MatchingContext:
    """The matching repository of one request: `matching(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.repository = MatchingRepository(scope.graph)


def matching(scope: RequestScope) -> MatchingContext:
    return scope.per_request(MatchingContext)


@dataclass(frozen=True)
class JobMatchFilter:
    """`jobMatches` filters, checked: each None (or False) filters nothing."""

    country: str | None = None
    remote: bool | None = None
    seniority: tuple[str, ...] | None = None
    company_id: str | None = None
    eligible_only: bool = False
    search: str | None = None


def job_match_filter(*, country: str | None = None, remote: bool | None = None,
                     seniority: Iterable[str] | None = None, company_global_id: str | None = None,
                     eligible_only: bool = False, search: str | None = None) -> JobMatchFilter:
    """Check the filter's arguments; BAD_USER_INPUT naming the field otherwise."""
    code = None
    if country is not None:
        code = country.strip().upper()
        if code not in ISO_COUNTRIES:
            raise BadUserInput("`country` must be an ISO 3166-1 alpha-2 country code, such as DE", field="country")
    levels = None
    if seniority is not None:
        levels = tuple(dict.fromkeys(seniority))
        unknown = [s for s in levels if s not in SENIORITY]
        if unknown:
            raise BadUserInput(f"unknown seniority {unknown[0]!r}", field="seniority")
    return JobMatchFilter(country=code, remote=remote, seniority=levels,
                          company_id=id_argument(company_global_id, expect="Company", argument="companyId"),
                          eligible_only=bool(eligible_only), search=clean_search(search))


def _forwards_only(win: Window) -> None:
    if win.from_end or win.before is not None:
        raise BadUserInput("ranked lists page forwards only: use `first` and `after`", field="last")


def _page(matches: list[Match], win: Window) -> list[Match]:
    return matches[win.skip: win.skip + win.limit]


def _slice(rows: list[Row], matches: list[Match], win: Window) -> Slice:
    return Slice(rows, win.skip, total=len(matches), has_next=win.skip + win.limit < len(matches))


# -- a member's matches ---------------------------------------------------------------------------


async def job_matches(scope: RequestScope, *, member_id: str, filter: JobMatchFilter, win: Window) -> Slice:
    """The viewer's job matches, best first (viewer only); rows {"match", "job"} (see the module docstring)."""
    viewer_id = scope.require_self(member_id, "jobMatches")
    _forwards_only(win)
    ctx = careers(scope)
    repository = matching(scope).repository
    releases, profile, found = await asyncio.gather(
        catalog(scope).releases(), ctx.profile_of_member.load(viewer_id),
        repository.job_candidates(viewer_id, now_ms=epoch_millis(ctx.now), country=filter.country,
                                  remote=filter.remote,
                                  seniority=list(filter.seniority) if filter.seniority is not None else None,
                                  company_id=filter.company_id, search=filter.search))
    if profile is None:
        return _slice([], [], win)
    candidate = to_candidate(profile, releases, ctx.now)
    rows = await repository.jobs_for_scoring(most_promising_jobs(found, MAX_SCORED))
    matches = ranked(score(JOB_MATCHING, to_requirements(row, row["requirements"]), candidate, key=row["id"])
                     for row in rows)
    if filter.eligible_only:
        matches = [m for m in matches if m.eligible]
    page = _page(matches, win)
    shown = {m.key for m in page}
    for row in rows:  # the page's postings render their requirements from these rows
        if row["id"] in shown:
            ctx.requirements_of_job.prime(row["id"], sorted(row["requirements"], key=_requirement_order))
    jobs = await ctx.job_by_id.load_many([m.key for m in page])
    return _slice([{"match": m, "job": job} for m, job in zip(page, jobs) if job is not None], matches, win)


def most_promising_jobs(found: JobCandidates, limit: int) -> list[str]:
    """The postings to score when there are more than `limit`: postings asking nothing first (the
    member meets all they ask), then the most requirements the member has something for, then
    the newest, then by id."""
    keyed = [(0, 0, -posted, key) for key, posted in zip(found.open, found.open_posted)]
    keyed += [(1, -promise, -posted, key) for key, promise, posted in zip(found.ids, found.promises, found.posted)]
    return [key for *_, key in heapq.nsmallest(limit, keyed)]


def _requirement_order(row: Row) -> tuple:
    """The order of `careers_job_requirements`: REQUIRED first, then by name."""
    return (row["necessity"] != "REQUIRED", row["name"] or "", row["targetId"])


# -- a posting's candidates -------------------------------------------------------------------------


async def candidates(scope: RequestScope, *, job: Row, eligible_only: bool, win: Window) -> Slice:
    """The posting's opted-in candidates, best first; rows {"match", "member"}.

    Recruiters of the posting's company only (UNAUTHENTICATED anonymous, FORBIDDEN otherwise).
    The member row is shown whatever the profile's visibility: opting in is consent to be seen by
    recruiters. Showing a candidate's Member logs a profile view (schema/careers/matching.py).
    """
    ctx = careers(scope)
    await ctx.require_recruiter_of(job["companyId"])
    _forwards_only(win)
    repository = matching(scope).repository
    releases, asked, found = await asyncio.gather(
        catalog(scope).releases(), ctx.requirements(job), repository.member_candidates(job["id"]))
    rows = await repository.members_for_scoring(job["id"], most_promising_members(found, MAX_SCORED))
    matches = ranked(score(JOB_MATCHING, asked, to_candidate(row, releases, ctx.now)) for row in rows
                     if row["searchable"])
    if eligible_only:
        matches = [m for m in matches if m.eligible]
    page = _page(matches, win)
    members = await scope.loaders.member_by_id.load_many([m.key for m in page])
    return _slice([{"match": m, "member": member} for m, member in zip(page, members) if member is not None],
                  matches, win)


def most_promising_members(found: MemberCandidates, limit: int) -> list[str]:
    """The members to score when there are more than `limit`: the most requirements they have
    something for, then the highest rank, then by id."""
    keyed = [(-promise, -rank, key) for key, promise, rank in zip(found.ids, found.promises, found.ranks)]
    return [key for *_, key in heapq.nsmallest(limit, keyed)]


# -- reused by job fairs ----------------------------------------------------------------------------


async def match_jobs_for_member(scope: RequestScope, member_id: str, job_rows: list[Row]) -> list[Match]:
    """The postings (careers(scope).job_by_id rows) ranked for one member; [] for an unknown member."""
    ctx = careers(scope)
    releases = await catalog(scope).releases()
    found, requirements = await asyncio.gather(
        ctx.candidate(member_id, releases), ctx.requirements_of_job.load_many([job["id"] for job in job_rows]))
    if found is None:
        return []
    candidate, _ = found
    return ranked(score(JOB_MATCHING, to_requirements(job, asked), candidate, key=job["id"])
                  for job, asked in zip(job_rows, requirements))


async def match_members_for_jobs(scope: RequestScope, job_rows: list[Row],
                                 member_ids: list[str]) -> list[tuple[Match, str]]:
    """Each opted-in member of `member_ids` with their best posting among `job_rows`, members ranked.

    Members who did not opt in (or do not exist) are left out. A member's best posting is the
    first by `rank_key` (eligible, then score); ties go to the posting listed first.
    """
    if not job_rows or not member_ids:
        return []
    ctx = careers(scope)
    releases, profiles, requirements = await asyncio.gather(
        catalog(scope).releases(), ctx.profile_of_member.load_many(list(dict.fromkeys(member_ids))),
        ctx.requirements_of_job.load_many([job["id"] for job in job_rows]))
    asked = [(job["id"], to_requirements(job, reqs)) for job, reqs in zip(job_rows, requirements)]
    best: list[tuple[Match, str]] = []
    for row in profiles:
        if row is None or not row["searchable"]:
            continue
        candidate = to_candidate(row, releases, ctx.now)
        scored = [(score(JOB_MATCHING, requirements_, candidate), job_id) for job_id, requirements_ in asked]
        best.append(min(scored, key=lambda pair: rank_key(pair[0])[:2]))
    return sorted(best, key=lambda pair: rank_key(pair[0]))


__all__ = ["JobMatchFilter", "MAX_SCORED", "MatchingContext", "candidates", "job_match_filter", "job_matches",
           "match_jobs_for_member", "match_members_for_jobs", "matching", "most_promising_jobs",
           "most_promising_members"]
