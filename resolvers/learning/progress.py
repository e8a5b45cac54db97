"""Learning progress: completing units and superbadges, and a member's points, badges, rank,
trail progress and learning activity.

Completions are the points ledger (graph/MODEL.md, "Progress"). `complete_unit` and
`complete_superbadge` are one write transaction each (graph/learning/progress.py says what it
does, in order); a repeated request is answered like the first one, with nothing awarded again.
Member fields read the counters on the member's own row (no query) and the lists through
DataLoaders batched across members: one query per field and page shape however many members.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator
from weakref import WeakValueDictionary

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.learning.progress import Completion, ProgressRepository
from resolvers.community.loaders import forget, page_loader
from resolvers.community.service import Outcome
from resolvers.community.validation import UserError
from resolvers.errors import BadUserInput
from resolvers.ids import from_global_id
from resolvers.learning.catalog import RankLadder, catalog
from resolvers.pagination import Slice, Window, page_params, slice_of
from resolvers.scope import RequestScope

BADGE_KINDS = ("MODULE", "PROJECT", "SUPERBADGE", "EVENT", "LIMITED_EDITION", "MVP")
# Ranks whose name ends with this are the Ranger ranks (Ranger, Double Star Ranger, ...).
RANGER = "Ranger"


class ProgressContext:
    """The progress repository and loaders of one request: `scope.per_request(ProgressContext)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = ProgressRepository(scope.graph)
        self.badges_by_member = page_loader(
            lambda ids, win, kind: repo.badges_of_members(ids, kind=kind, **page_params(win)))
        self.trails_by_member = page_loader(lambda ids, win, _: repo.trails_of_members(ids, **page_params(win)))
        self.activity_by_member = page_loader(lambda ids, win, _: repo.activity_of_members(ids, **page_params(win)))

    async def ladder(self) -> RankLadder:
        """The rank ladder (read once per request by the catalog)."""
        return await catalog(self.scope).ranks()

    def forget_lists(self) -> None:
        """After a write in this request, lists read before it are stale."""
        for loader in (self.badges_by_member, self.trails_by_member, self.activity_by_member):
            loader.clear_all()


def progress(scope: RequestScope) -> ProgressContext:
    return scope.per_request(ProgressContext)


# -- one member's completions, one after the other in this process -----------------------------

# A lock lives while someone holds or waits for it; keyed by event loop too, since a lock belongs
# to the loop it was first awaited on.
_locks: WeakValueDictionary[tuple[int, str], asyncio.Lock] = WeakValueDictionary()


@asynccontextmanager
async def member_queue(member_id: str) -> AsyncIterator[None]:
    """Hold the member's place in line for one completion transaction.

    Correctness never depends on it (the transaction locks the member and re-checks everything);
    it turns a burst of one member's requests on this worker (a double click, retries) into
    transactions that commit one after the other instead of conflicting and backing off.
    """
    key = (id(asyncio.get_running_loop()), member_id)
    lock = _locks.get(key)
    if lock is None:
        lock = _locks[key] = asyncio.Lock()
    async with lock:
        yield


# -- mutations -----------------------------------------------------------------------------------


def _target_id(value: str, expect: str, field_name: str) -> tuple[str | None, Outcome[Any] | None]:
    """The application id in a global ID of type `expect`, or the refusal of a malformed one
    (BAD_USER_INPUT, as everywhere; an unknown but well-formed ID is NOT_FOUND later)."""
    try:
        return from_global_id(value, expect=expect).id, None
    except BadUserInput as error:
        return None, Outcome.refused(field_name, error.message)


def _settled(scope: RequestScope, done: Completion) -> None:
    """The request's caches after a completion: the viewer's fresh row, no stale progress lists."""
    if done.member is not None:
        forget(scope.loaders.member_by_id, done.member["id"])
        scope.loaders.member_by_id.prime(done.member["id"], done.member)
    if not done.already:
        progress(scope).forget_lists()


async def complete_unit(scope: RequestScope, *, unit_global_id: str) -> Outcome[Completion]:
    """The viewer completes a unit: its points once, then the module, its badge, quests and rank."""
    viewer = scope.require_viewer()
    unit_id, refused = _target_id(unit_global_id, "Unit", "unitId")
    if refused is not None:
        return refused
    async with member_queue(viewer.member_id):
        done = await progress(scope).repository.complete_unit(viewer.member_id, unit_id)
    if done.member_missing:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    if done.target is None:
        return Outcome.refused("unitId", "no such unit", "NOT_FOUND")
    _settled(scope, done)
    return Outcome(done)


async def complete_superbadge(scope: RequestScope, *, superbadge_global_id: str) -> Outcome[Completion]:
    """The viewer completes a superbadge: refused (PREREQUISITES_MISSING, with the modules still
    missing) until every prerequisite module is completed; then its points, badge, quests and rank."""
    viewer = scope.require_viewer()
    superbadge_id, refused = _target_id(superbadge_global_id, "Superbadge", "superbadgeId")
    if refused is not None:
        return refused
    async with member_queue(viewer.member_id):
        done = await progress(scope).repository.complete_superbadge(viewer.member_id, superbadge_id)
    if done.member_missing:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    if done.target is None:
        return Outcome.refused("superbadgeId", "no such superbadge", "NOT_FOUND")
    if done.missing:
        modules = await missing_modules(scope, done)
        titles = ", ".join(m["title"] for m in modules)
        return Outcome(done, [UserError("superbadgeId", f"complete these modules first: {titles}",
                                        "PREREQUISITES_MISSING")])
    _settled(scope, done)
    return Outcome(done)


async def missing_modules(scope: RequestScope, done: Completion) -> list[Row]:
    """The prerequisite modules a refused superbadge completion still needs, by title."""
    rows = await catalog(scope).module_by_id.load_many(done.missing)
    return sorted((r for r in rows if r is not None), key=lambda r: (r["title"], r["id"]))


# -- member fields ---------------------------------------------------------------------------------


async def counters(scope: RequestScope, member: Row) -> Row:
    """The member row holding points, badgeCount and rank: the row itself when it has them (rows of
    the member loader do), else the loader's; members written before learning count as 0, 0, 1."""
    row = member
    if "points" not in row:
        row = await scope.loaders.member_by_id.load(member["id"]) or member
    return {"points": int(row.get("points") or 0), "badgeCount": int(row.get("badgeCount") or 0),
            "rank": int(row.get("rank") or 1)}


@dataclass(frozen=True)
class RankStanding:
    """The member's rank (their stored position on the ladder), the next one and what is missing."""

    rank: Row | None
    next_rank: Row | None
    points_needed: int
    badges_needed: int
    is_ranger: bool


async def rank_standing(scope: RequestScope, member: Row) -> RankStanding:
    state = await counters(scope, member)
    ladder = await progress(scope).ladder()
    rank = ladder.by_position(state["rank"])
    following = next((r for r in ladder.ranks if r["position"] > state["rank"]), None)
    ranger = rank is not None and rank["name"].endswith(RANGER)
    if following is None:
        return RankStanding(rank, None, 0, 0, ranger)
    return RankStanding(rank, following, max(0, following["minPoints"] - state["points"]),
                        max(0, following["minBadges"] - state["badgeCount"]), ranger)


async def _nested(loader: DataLoader, member_id: str, win: Window, extra: Any) -> Slice:
    """A nested list's page through its loader; refetched when a `before` cursor is past the end."""
    page = await loader.load((member_id, win, extra))
    clamped = win.clamped(page.total)
    if clamped is not None:
        return slice_of(await loader.load((member_id, clamped, extra)), clamped)
    return slice_of(page, win)


async def badges_of(scope: RequestScope, *, member_id: str, win: Window, kind: str | None) -> Slice:
    """The badges a member earned (of `kind` if given), newest first: rows {badge, earnedAt, assertionId}."""
    if kind is not None and kind not in BADGE_KINDS:
        raise BadUserInput(f"`kind` must be one of {', '.join(BADGE_KINDS)}", field="kind")
    fetched = await _nested(progress(scope).badges_by_member, member_id, win, kind)
    catalog(scope).prime(catalog(scope).badge_by_id, [r["badge"] for r in fetched.rows])
    return fetched


async def trail_progress(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """The trails a member started, most recently progressed first: rows {trail, completedModules,
    lastCompletedAt}."""
    fetched = await _nested(progress(scope).trails_by_member, member_id, win, None)
    catalog(scope).prime(catalog(scope).trail_by_id, [r["trail"] for r in fetched.rows])
    return fetched


async def learning_activity(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """A member's badges earned, ranks reached, superbadges and modules completed, newest first."""
    return await _nested(progress(scope).activity_by_member, member_id, win, None)
