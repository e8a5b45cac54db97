"""The MVP program's reads: per-request loaders (`mvp(scope)`), who sees what, and the lists.

Who sees what (graph/MODEL.md, "Recognition"):
- a cycle (the yearly nomination window) and its nomination count: everyone;
- a nomination: its nominator, admins (token role `admin`) and current MVPs (members serving a
  term that covers now). Anyone else gets null (`node`, `_entities`, `mvpNomination`), and
  `cycle.nominations` and `nomination.reviews` are FORBIDDEN to anyone but admins and current MVPs
  (the "reviewers"), the nominator included: reviews are the reviewers' business;
- a term: everyone; `mvps` lists only terms whose member the viewer may see.
Every Member a field shows (nominee, nominator, reviewer, term member) goes through the community
member loader and `scope.can_view_member`: a profile hidden from the viewer shows as null.

The evidence summary of a member is computed from the graph in one batched query for all the
members of a response (`evidence_summary`).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.recognition.mvp import MvpRepository
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.community.service import _nested, member_by_id
from resolvers.community.validation import ISO_COUNTRIES
from resolvers.errors import BadUserInput, Forbidden
from resolvers.events.service import event_by_id
from resolvers.ids import id_argument
from resolvers.learning.credentials import as_time
from resolvers.pagination import Slice, Window, paginate
from resolvers.qna.service import answer_by_id
from resolvers.recognition.context import recognition
from resolvers.scope import RequestScope

STATUSES = ("PENDING", "SELECTED", "NOT_SELECTED")
MIN_YEAR, MAX_YEAR = 2000, 9999
DAYS_PER_YEAR = 365.25


class MvpContext:
    """The MVP repository and loaders of one request: `mvp(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = MvpRepository(scope.graph)
        self.now: datetime = recognition(scope).now
        viewer_id = scope.viewer.member_id if scope.viewer else None

        async def viewer_reviews(ids: list[str]) -> dict[str, Row]:
            return await repo.reviews_by_reviewer(viewer_id, ids) if viewer_id else {}

        self.cycle_by_year: DataLoader[int, Row | None] = keyed_loader(repo.cycles_by_years)
        self.cycle_by_id: DataLoader[str, Row | None] = keyed_loader(repo.cycles_by_ids)
        self.nomination_by_id: DataLoader[str, Row | None] = keyed_loader(repo.nominations_by_ids)
        self.term_by_id: DataLoader[str, Row | None] = keyed_loader(repo.terms_by_ids)
        self.terms_of_member: DataLoader[str, list[Row]] = keyed_loader(repo.terms_of_members, default=[])
        self.evidence_of_nomination: DataLoader[str, list[Row]] = keyed_loader(repo.evidence_of_nominations,
                                                                               default=[])
        self.reviews_of_nomination: DataLoader[str, list[Row]] = keyed_loader(repo.reviews_of_nominations,
                                                                              default=[])
        self.viewer_review: DataLoader[str, Row | None] = keyed_loader(viewer_reviews)
        self.evidence_summary: DataLoader[str, Row | None] = keyed_loader(repo.evidence_summaries)
        self.nominations_of_cycle = page_loader(
            lambda ids, win, status: repo.nominations_of_cycles(ids, status=status, skip=win.skip, limit=win.limit))
        self.nominations_by_nominator = page_loader(
            lambda ids, win, _: repo.nominations_by_nominators(ids, skip=win.skip, limit=win.limit))

    @property
    def year(self) -> int:
        """The current year (UTC): the default of `mvpCycle` and `mvps`, the year nominations go to."""
        return self.now.year

    def prime_members(self, rows: list[Row | None]) -> None:
        """Members a list query returned with its rows: showing them costs no lookup."""
        self.scope.loaders.prime_members([row for row in rows if row])

    def prime_nominations(self, rows: list[Row]) -> None:
        for row in rows:
            self.nomination_by_id.prime(row["id"], row)


def mvp(scope: RequestScope) -> MvpContext:
    """The request's MvpContext."""
    return scope.per_request(MvpContext)


# -- who may see and do what ---------------------------------------------------------------------


async def is_reviewer(scope: RequestScope) -> bool:
    """Admins and current MVPs review nominations (and see them all)."""
    shared = recognition(scope)
    return shared.is_admin() or await shared.viewer_is_current_mvp()


async def can_see_nomination(scope: RequestScope, row: Row) -> bool:
    viewer = scope.viewer
    if viewer is None:
        return False
    return viewer.member_id == row["nominatorId"] or await is_reviewer(scope)


async def require_reviewer(scope: RequestScope) -> str:
    """The viewer's id when they are an admin or a current MVP; UNAUTHENTICATED / FORBIDDEN otherwise."""
    viewer = scope.require_viewer()
    if not await is_reviewer(scope):
        raise Forbidden("only admins and current MVPs review nominations")
    return viewer.member_id


def checked_year(year: int | None, context: MvpContext, argument: str = "year") -> int:
    """A year argument (the current one when not given); BAD_USER_INPUT outside 2000-9999."""
    if year is None:
        return context.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadUserInput(f"`{argument}` must be a year between {MIN_YEAR} and {MAX_YEAR}", field=argument)
    return year


# -- lookups ---------------------------------------------------------------------------------------


async def visible_member(scope: RequestScope, member_id: str | None) -> Row | None:
    """A member the viewer may see, or None (a hidden profile never leaks)."""
    return await member_by_id(scope, member_id=member_id) if member_id else None


async def cycle_of_year(scope: RequestScope, *, year: int | None) -> Row | None:
    context = mvp(scope)
    return await context.cycle_by_year.load(checked_year(year, context))


async def cycle_by_id(scope: RequestScope, *, cycle_id: str | None) -> Row | None:
    return await mvp(scope).cycle_by_id.load(cycle_id) if cycle_id else None


async def nomination_by_id(scope: RequestScope, *, nomination_id: str | None) -> Row | None:
    """A nomination the viewer may see (nominator, admin, current MVP), or None."""
    if not nomination_id:
        return None
    row = await mvp(scope).nomination_by_id.load(nomination_id)
    return row if row is not None and await can_see_nomination(scope, row) else None


async def term_by_id(scope: RequestScope, *, term_id: str | None) -> Row | None:
    return await mvp(scope).term_by_id.load(term_id) if term_id else None


def is_open(cycle: Row, now: datetime) -> bool:
    opens, closes = as_time(cycle["opensAt"]), as_time(cycle["closesAt"])
    return opens is not None and closes is not None and opens <= now < closes


def is_current(term: Row, now: datetime) -> bool:
    starts, ends = as_time(term["startsAt"]), as_time(term["endsAt"])
    return starts is not None and ends is not None and starts <= now < ends


# -- lists -------------------------------------------------------------------------------------------


async def cycle_nominations(scope: RequestScope, *, cycle_id: str, status: str | None, win: Window) -> Slice:
    """A page of a cycle's nominations, best average score first; reviewers only."""
    await require_reviewer(scope)
    if status is not None and status not in STATUSES:
        raise BadUserInput(f"`status` must be one of {', '.join(STATUSES)}", field="status")
    context = mvp(scope)
    fetched = await _nested(context.nominations_of_cycle, cycle_id, win, status)
    return _listed(context, fetched)


async def member_nominations(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """The nominations the viewer made, newest first; on `viewer` only."""
    scope.require_self(member_id, "mvpNominations")
    context = mvp(scope)
    fetched = await _nested(context.nominations_by_nominator, member_id, win, None)
    return _listed(context, fetched)


def _listed(context: MvpContext, fetched: Slice) -> Slice:
    """Prime the nominations and members a list returned; its rows become nomination rows."""
    context.prime_members([m for row in fetched.rows for m in (row["nominee"], row["nominator"])])
    rows = [row["nomination"] for row in fetched.rows]
    context.prime_nominations(rows)
    fetched.rows = rows
    return fetched


async def mvps(scope: RequestScope, *, year: int | None, country: str | None, skill_global_id: str | None,
               win: Window) -> Slice:
    """A page of a year's MVP terms whose member the viewer may see, by the member's display name."""
    context = mvp(scope)
    filters: dict[str, Any] = {
        "year": checked_year(year, context),
        "country": _country(country),
        "skill_id": id_argument(skill_global_id, "Skill", "skillId"),
        "visibility": scope.visibility.params(),
    }
    repo = context.repository

    async def page(skip: int, limit: int) -> list[Row]:
        rows = await repo.terms_page(skip=skip, limit=limit, **filters)
        context.prime_members([row["member"] for row in rows])
        for row in rows:
            context.term_by_id.prime(row["term"]["id"], row["term"])
        return [row["term"] for row in rows]

    return await paginate(win, page, lambda: repo.terms_count(**filters))


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in ISO_COUNTRIES:
        raise BadUserInput("`country` must be an ISO 3166-1 alpha-2 country code, such as DE or US", field="country")
    return code


# -- fields ---------------------------------------------------------------------------------------------


async def terms_of_member(scope: RequestScope, *, member_id: str) -> list[Row]:
    return await mvp(scope).terms_of_member.load(member_id)


async def is_mvp(scope: RequestScope, *, member_id: str) -> bool:
    """Whether the member serves an MVP term that covers now."""
    return await recognition(scope).is_current_mvp.load(member_id)


async def evidence_summary(scope: RequestScope, *, member_id: str) -> Row:
    """The member's MVP evidence: {acceptedAnswers, answers, eventsSpokenAt, groupsLed, points,
    memberSince, yearsActive}; zeros for a member not found."""
    context = mvp(scope)
    row = await context.evidence_summary.load(member_id) or {}
    since = as_time(row.get("joinedAt")) or context.now
    return {
        "acceptedAnswers": row.get("acceptedAnswers", 0), "answers": row.get("answers", 0),
        "eventsSpokenAt": row.get("eventsSpokenAt", 0), "groupsLed": row.get("groupsLed", 0),
        "points": row.get("points", 0), "memberSince": since,
        "yearsActive": round(max(0.0, (context.now - since).total_seconds() / 86400 / DAYS_PER_YEAR), 2),
    }


async def nomination_evidence(scope: RequestScope, nomination: Row) -> list[Row]:
    """What a nomination cites, as {kind, answer, event, group, url} rows: the cited answers, events
    and groups (those since deleted are left out), then the links."""
    cited = await mvp(scope).evidence_of_nomination.load(nomination["id"])

    async def resolve(item: Row) -> Row | None:
        kind, target = item["kind"], item["id"]
        if kind == "ANSWER":
            row = await answer_by_id(scope, answer_id=target)
        elif kind == "EVENT":
            row = await event_by_id(scope, event_id=target)
        else:
            row = await scope.loaders.group_by_id.load(target)
        return {"kind": kind, kind.lower(): row} if row else None

    resolved = await asyncio.gather(*(resolve(item) for item in cited))
    links = [{"kind": "LINK", "url": url} for url in nomination.get("links") or []]
    return [row for row in resolved if row] + links


async def nomination_reviews(scope: RequestScope, nomination: Row) -> list[Row]:
    """Every review of a nomination, newest first; reviewers only."""
    await require_reviewer(scope)
    context = mvp(scope)
    items = await context.reviews_of_nomination.load(nomination["id"])
    context.prime_members([item["reviewer"] for item in items])
    return [item["review"] for item in items]


async def viewer_review(scope: RequestScope, nomination: Row) -> Row | None:
    """The viewer's own review of the nomination; None when none or anonymous."""
    return await mvp(scope).viewer_review.load(nomination["id"])


def average_score(nomination: Row) -> float | None:
    """The mean over its reviews of the four scores' sum (4 to 20); None before any review."""
    count = nomination.get("reviewCount") or 0
    return round(nomination.get("scoreTotal", 0) / count, 2) if count else None
