"""Job fairs: events of kind JOB_FAIR where companies exhibit, their jobs, and `jobFair.matches`.

Exhibitors. A recruiter of a company (resolvers/careers/context.py) makes it exhibit at a
JOB_FAIR (`exhibitAtJobFair`) or stop (`withdrawFromJobFair`) until the fair has ended. Both are
idempotent (MERGE, DELETE of what is there) and one write transaction each; concurrent requests
for one company and fair leave one EXHIBITS_AT. Another kind of event is refused with
NOT_A_JOB_FAIR, an ended fair with EVENT_ENDED, a non-recruiter of the company with FORBIDDEN.

The fair's jobs are its exhibitors' OPEN postings whose closesAt has not passed (the same rule
as applyToJob), newest first; its companies are listed by name.

Matches, one connection with two audiences, both ranked by the job-matching functions of
resolvers/careers/matching.py (the one scoring model, JOB_MATCHING: eligible first, then score):
- without `asCompany`: the signed-in viewer's fit with every job of the fair
  (`match_jobs_for_member`). Anonymous callers are UNAUTHENTICATED.
- with `asCompany`: for a recruiter of that company (FORBIDDEN otherwise, also when the company
  does not exhibit at the fair), the fair's attendees who opted in to recruiters
  (`CareerPreferences.searchable`, filtered in Cypher: no other member is ever read, listed or
  counted), each with their best fit over the company's jobs at the fair
  (`match_members_for_jobs`, which also leaves out anyone not opted in).
  Attendees are members who answered GOING, WAITLISTED or INTERESTED: all said they mean to
  come (a waitlisted member may get a place, an interested one often comes), and their opt-in is
  their consent to be found by recruiters; NOT_GOING is left out. Showing an attendee's `member`
  records a profile view via JOB_FAIR (CandidateMatch, schema/careers/matching.py). A company
  with no open job at the fair has nothing to rank against: the connection is empty.
Rankings are computed over the whole fair (at most MAX_FAIR_JOBS jobs and MAX_ATTENDEES
attendees) and paged in memory, forwards only (`first`/`after`, like `jobMatches`), so
`totalCount` is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.careers.fairs import FairRepository, FairState
from graph.community.repository import Row
from resolvers.careers.context import careers
from resolvers.careers.matching import match_jobs_for_member, match_members_for_jobs
from resolvers.careers.scoring import Match
from resolvers.community.companies import companies
from resolvers.community.loaders import page_loader
from resolvers.community.service import Outcome, _nested
from resolvers.community.validation import UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.events import service as events
from resolvers.ids import from_global_id, id_argument
from resolvers.pagination import Slice, Window, page_params
from resolvers.scope import RequestScope

JOB_FAIR = "JOB_FAIR"
MAX_FAIR_JOBS = 2_000
MAX_ATTENDEES = 10_000


class FairsContext:
    """The fair repository and loaders of one request: `fairs(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = FairRepository(scope.graph)
        self.exhibitors_of_event = page_loader(lambda ids, win, _: repo.exhibitors_of_events(ids, **page_params(win)))
        self.jobs_of_event = page_loader(lambda ids, win, _: repo.jobs_of_events(ids, **page_params(win)))


def fairs(scope: RequestScope) -> FairsContext:
    return scope.per_request(FairsContext)


# -- reads -------------------------------------------------------------------------------------


async def job_fair(scope: RequestScope, *, event_global_id: str) -> Row | None:
    """The event row of a JOB_FAIR (events are public), or None for a missing event or another kind."""
    event_id = id_argument(event_global_id, "Event", "eventId")
    row = await events.event_by_id(scope, event_id=event_id)
    return row if row is not None and row.get("kind") == JOB_FAIR else None


async def exhibitors(scope: RequestScope, *, event_id: str, win: Window) -> Slice:
    """A page of the fair's exhibitors by name; rows are `{company, since}`."""
    fetched = await _nested(fairs(scope).exhibitors_of_event, event_id, win, None)
    companies(scope).prime([row["company"] for row in fetched.rows])
    return fetched


async def fair_jobs(scope: RequestScope, *, event_id: str, win: Window) -> Slice:
    """A page of the fair's jobs, newest first; rows are posting rows (`careers(scope).job_by_id` shape)."""
    fetched = await _nested(fairs(scope).jobs_of_event, event_id, win, None)
    for row in fetched.rows:
        careers(scope).job_by_id.prime(row["id"], row)
    return fetched


@dataclass(frozen=True)
class FairMatch:
    """One row of `jobFair.matches`: the match and the posting it is about; for a recruiter's
    view also the attendee's member row and their answer to the fair."""

    match: Match
    job: Row
    member: Row | None = None
    attendance: str | None = None


def _forwards_only(win: Window) -> None:
    if win.from_end or win.before is not None:
        raise BadUserInput("ranked lists page forwards only: use `first` and `after`", field="last")


def _page(ranked: list, win: Window) -> list:
    """The window's share of a list ranked in memory."""
    return ranked[win.skip: win.skip + win.limit]


def _slice(rows: list[FairMatch], ranked: list, win: Window) -> Slice:
    return Slice(rows, win.skip, total=len(ranked), has_next=win.skip + win.limit < len(ranked))


async def matches(scope: RequestScope, *, event_id: str, win: Window, as_company_global_id: str | None) -> Slice:
    """`jobFair.matches` (see the module docstring); rows are FairMatch."""
    viewer = scope.require_viewer()
    _forwards_only(win)
    if as_company_global_id is None:
        return await _jobs_for_member(scope, event_id, viewer.member_id, win)
    company_id = id_argument(as_company_global_id, "Company", "asCompany")
    await careers(scope).require_recruiter_of(company_id)
    fair = await fairs(scope).repository.open_jobs(event_id, company_id=company_id, limit=MAX_FAIR_JOBS)
    if not fair.exhibits:
        raise Forbidden("the company does not exhibit at this job fair")
    return await _attendees_for_jobs(scope, event_id, fair.jobs, win)


async def _jobs_for_member(scope: RequestScope, event_id: str, member_id: str, win: Window) -> Slice:
    """The fair's jobs, each with the member's match, best first."""
    fair = await fairs(scope).repository.open_jobs(event_id, company_id=None, limit=MAX_FAIR_JOBS)
    jobs = {job["id"]: job for job in fair.jobs}
    for job_id, job in jobs.items():
        careers(scope).job_by_id.prime(job_id, job)
    ranked = await match_jobs_for_member(scope, member_id, fair.jobs)
    return _slice([FairMatch(match, jobs[match.key]) for match in _page(ranked, win)], ranked, win)


async def _attendees_for_jobs(scope: RequestScope, event_id: str, jobs: list[Row], win: Window) -> Slice:
    """The fair's opted-in attendees, each with their best match over `jobs`, best first."""
    if not jobs:
        return Slice([], win.skip, total=0, has_next=False)
    attendees = await fairs(scope).repository.opted_in_attendees(event_id, limit=MAX_ATTENDEES)
    attendance = {row["id"]: row["status"] for row in attendees}
    by_id = {job["id"]: job for job in jobs}
    ranked = await match_members_for_jobs(scope, jobs, list(attendance))  # drops anyone not opted in
    page = _page(ranked, win)
    members = await scope.loaders.member_by_id.load_many([match.key for match, _ in page])
    return _slice([FairMatch(match, by_id[job_id], member, attendance[match.key])
                   for (match, job_id), member in zip(page, members) if member is not None], ranked, win)


# -- writes ----------------------------------------------------------------------------------


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def _refusal(state: FairState) -> Outcome[Row]:
    if not state.event_exists:
        return Outcome.refused("eventId", "no such event", "NOT_FOUND")
    if not state.company_exists:
        return Outcome.refused("companyId", "no such company", "NOT_FOUND")
    if not state.recruits:
        raise Forbidden("only the company's recruiters may do this")
    if not state.job_fair:
        return Outcome.refused("eventId", "this event is not a job fair", "NOT_A_JOB_FAIR")
    return Outcome.refused("eventId", "this job fair has already ended", "EVENT_ENDED")


async def set_exhibiting(scope: RequestScope, *, event_global_id: str, company_global_id: str,
                         exhibit: bool) -> Outcome[Row]:
    """Make the company exhibit at the fair, or stop; the outcome's value is `{event, companyId}`."""
    viewer = scope.require_viewer()
    event_id, event_errors = _target(event_global_id, "Event", "eventId")
    company_id, company_errors = _target(company_global_id, "Company", "companyId")
    if event_errors or company_errors:
        return Outcome(None, event_errors + company_errors)
    if await companies(scope).company_by_id.load(company_id) is None:
        return Outcome.refused("companyId", "no such company", "NOT_FOUND")
    await careers(scope).require_recruiter_of(company_id)
    repo = fairs(scope).repository
    write = repo.exhibit if exhibit else repo.withdraw
    result = await write(event_id, company_id, recruiter_id=viewer.member_id)
    if not result.done:
        assert result.state is not None
        return _refusal(result.state)
    event = await events.event_by_id(scope, event_id=event_id)
    return Outcome({"event": event, "companyId": company_id})


__all__ = ["FairMatch", "FairsContext", "exhibitors", "fair_jobs", "fairs", "job_fair", "matches",
           "set_exhibiting"]
