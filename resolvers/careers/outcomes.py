"""Career outcomes: the "get promoted" promise, counted.

Two sources (graph/MODEL.md): hires through the community's own applications (an application
moved to HIRED, counted by its `hiredAt`), and outcomes members report themselves with
`reportCareerOutcome` (a NEW_JOB or a PROMOTION, counted by the `at` they give). The counts are
public and anonymous: numbers, never who. `total` is their sum; a member who is hired through
an application and also reports that job as NEW_JOB is counted twice (the two cannot be told
apart: a report names a company by free text).

Reports: signed-in members only; `at` may not lie in the future (a minute of clock skew is
allowed) nor before the member joined the community (an outcome the community cannot have
helped with).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from graph.careers.applications import ApplicationRepository
from graph.community.repository import Row
from resolvers.community.service import Outcome, new_id
from resolvers.community.validation import Checker
from resolvers.learning.credentials import as_time, epoch_millis
from resolvers.scope import RequestScope

KINDS = ("NEW_JOB", "PROMOTION")
MAX_TEXT = 200
CLOCK_SKEW = timedelta(minutes=1)


def _utc(value: datetime) -> datetime:
    """An input time as an aware UTC instant; one without an offset is taken as UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


async def report_career_outcome(scope: RequestScope, *, kind: str, title: str, company_name: str,
                                 at: datetime) -> Outcome[Row]:
    """Record a new job or a promotion of the viewer."""
    viewer = scope.require_viewer()
    check = Checker()
    if kind not in KINDS:
        check.fail("kind", f"must be one of {', '.join(KINDS)}")
    check.text("title", "title", title, max_length=MAX_TEXT, min_length=1)
    check.text("companyName", "companyName", company_name, max_length=MAX_TEXT, min_length=1)
    when = _utc(at)
    now = datetime.now(timezone.utc)
    if when > now + CLOCK_SKEW:
        check.fail("at", "must not be in the future")
    member = await scope.loaders.member_by_id.load(viewer.member_id)
    if member is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    joined = as_time(member.get("joinedAt"))
    if joined is not None and when < joined:
        check.fail("at", "must not be before you joined the community")
    if check.errors:
        return Outcome(None, check.errors)
    row = await ApplicationRepository(scope.graph).report_outcome(
        viewer.member_id, outcome_id=new_id(), kind=kind, title=check.values["title"],
        company_name=check.values["companyName"], at_ms=epoch_millis(min(when, now)))
    if row is None:  # the member was deleted meanwhile
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    return Outcome(row)


async def career_outcomes(scope: RequestScope, *, since: datetime) -> Row:
    """{since, hires, promotions, newJobs, total} since the instant: public counts, one query."""
    instant = _utc(since)
    counts = await ApplicationRepository(scope.graph).career_outcomes(since_ms=epoch_millis(instant))
    hires, promotions, new_jobs = int(counts["hires"]), int(counts["promotions"]), int(counts["newJobs"])
    return {"since": instant, "hires": hires, "promotions": promotions, "newJobs": new_jobs,
            "total": hires + promotions + new_jobs}


__all__ = ["KINDS", "career_outcomes", "report_career_outcome"]
