"""Monthly quests and the prize draw: listing, the viewer's progress, and `runPrizeDraw`.

A quest is offered to a band of ranks (minRank..maxRank, rank positions) and counts the
completions of its requirements made inside its window [startsAt, endsAt). Completing it (done
by the progress transactions) is one entry into that month's prize draw.

The draw is reproducible and auditable: `draw_winners` below is a pure function of the month's
entries, the prizes and a random seed recorded on the PrizeDraw, so anyone can recompute the
winners; `prizeDraw.verified` does exactly that against the entries in the graph now.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, NamedTuple, Sequence

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.errors import Conflict
from graph.learning.quests import QuestRepository
from resolvers.community.loaders import keyed_loader
from resolvers.community.service import Outcome
from resolvers.community.validation import Checker
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import id_argument
from resolvers.learning.catalog import RankLadder, catalog
from resolvers.pagination import Slice, Window, paginate
from resolvers.scope import RequestScope

MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
MAX_PRIZES = 100
MAX_PRIZE_LENGTH = 200
MAX_OFFERED = 100  # a month's quests offered to one rank: a handful in practice
DRAW_ATTEMPTS = 3


def now_millis() -> int:
    return time.time_ns() // 1_000_000


def current_month() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m")


def checked_month(value: str | None, field: str) -> str | None:
    """A YYYY-MM month argument, or BAD_USER_INPUT naming the argument."""
    if value is None:
        return None
    if not MONTH.fullmatch(value.strip()):
        raise BadUserInput(f"`{field}` must be a month as YYYY-MM, such as 2026-03", field=field)
    return value.strip()


def member_rank(row: Row) -> int:
    """A member row's rank position; members written before learning are at the first rank."""
    return int(row.get("rank") or 1)


# -- the draw: a pure, documented function ---------------------------------------------------------


class Winner(NamedTuple):
    position: int
    prize: str
    member_id: str


def canonical_entries(entries: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Entries `(member id, quest id)` in the canonical order: by member id, then quest id."""
    return sorted((str(m), str(q)) for m, q in entries)


def entries_digest(entries: Iterable[tuple[str, str]]) -> str:
    """SHA-256 (hex) of the canonical entry list: one line `<member id> <quest id>` per entry, in
    canonical order, joined by newlines, UTF-8. An auditor holding the list can check it with
    `printf '%s' "$lines" | sha256sum`."""
    text = "\n".join(f"{m} {q}" for m, q in canonical_entries(entries))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draw_winners(entries: Iterable[tuple[str, str]], prizes: Sequence[str], seed: str) -> list[Winner]:
    """The winners of a draw, recomputable by anyone from the entries, the prizes and the seed.

    1. Sort the entries `(member id, quest id)` canonically (by member id, then quest id).
    2. `rng = random.Random(seed)` (CPython seeds its Mersenne Twister from a string through
       SHA-512; stable across versions since Python 3.2).
    3. For each prize in order (positions 1, 2, ...): stop when no entries are left; otherwise pick
       the entry at index `rng.randrange(len(pool))` of the remaining pool; its member wins this
       prize, and all of that member's entries leave the pool.

    Each entry is one ticket, so a member with more completed quests has better odds (a weighted
    choice without replacement of members), yet wins at most once per draw; with fewer distinct
    members than prizes the last prizes go unawarded.
    """
    pool = canonical_entries(entries)
    rng = random.Random(seed)
    winners: list[Winner] = []
    for position, prize in enumerate(prizes, start=1):
        if not pool:
            break
        member_id = pool[rng.randrange(len(pool))][0]
        winners.append(Winner(position, prize, member_id))
        pool = [entry for entry in pool if entry[0] != member_id]
    return winners


# -- per-request state ----------------------------------------------------------------------------


class QuestContext:
    """The quest repository and loaders of one request: `scope.per_request(QuestContext)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = QuestRepository(scope.graph)
        self.quest_by_id: DataLoader[str, Row | None] = keyed_loader(repo.quests_by_ids)
        self.quest_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.quests_by_slugs)
        self.requirements_of_quest: DataLoader[str, list[Row]] = keyed_loader(repo.requirements_of_quests, default=[])
        self.completion_count: DataLoader[str, int] = keyed_loader(repo.completion_counts, default=0)
        viewer_id = scope.viewer.member_id if scope.viewer else None
        # The viewer's progress only: no request can ask for another member's.
        self.viewer_progress: DataLoader[str, Row | None] = keyed_loader(
            lambda ids: repo.progress_of_member(viewer_id, ids) if viewer_id else _nothing())
        self.draw_by_id: DataLoader[str, Row | None] = keyed_loader(repo.draws_by_ids)
        self.draw_by_month: DataLoader[str, Row | None] = keyed_loader(repo.draws_by_months)
        self.winners_of_draw: DataLoader[str, list[Row]] = keyed_loader(repo.winners_of_draws, default=[])
        self.entries_of_month: DataLoader[str, list[tuple[str, str]]] = keyed_loader(repo.entries_of_months,
                                                                                     default=[])

    async def ladder(self) -> RankLadder:
        """The rank ladder (read once per request by the catalog)."""
        return await catalog(self.scope).ranks()

    def prime_quests(self, rows: list[Row]) -> None:
        for row in rows:
            self.quest_by_id.prime(row["id"], row)

    def prime_draw(self, row: Row) -> None:
        self.draw_by_id.prime(row["id"], row)
        self.draw_by_month.prime(row["month"], row)


async def _nothing() -> dict:
    return {}


def quests_of(scope: RequestScope) -> QuestContext:
    return scope.per_request(QuestContext)


# -- quests -------------------------------------------------------------------------------------


def is_open(row: Row, now: datetime | None = None) -> bool:
    """Whether `now` (default: this instant) lies inside the quest's window [startsAt, endsAt)."""
    now = now or datetime.now(timezone.utc)
    return _native(row["startsAt"]) <= now < _native(row["endsAt"])


def _native(value: Any) -> datetime:
    return value.to_native() if hasattr(value, "to_native") else value


async def list_quests(scope: RequestScope, *, win: Window, month: str | None, open_only: bool,
                      for_rank: int | None) -> Slice:
    """A page of quests, newest month first, then by title; rows are primed for lookups."""
    month = checked_month(month, "month")
    if for_rank is not None and not 1 <= for_rank <= 1000:
        raise BadUserInput("`forRank` must be a rank position, 1 or more", field="forRank")
    ctx = quests_of(scope)
    filters = {"month": month, "open_at": now_millis() if open_only else None, "for_rank": for_rank}

    async def page(skip: int, limit: int) -> list[Row]:
        rows = await ctx.repository.page(skip=skip, limit=limit, **filters)
        ctx.prime_quests(rows)
        return rows

    return await paginate(win, page, lambda: ctx.repository.count(**filters))


async def quest_by_id_or_slug(scope: RequestScope, *, global_id: str | None, slug: str | None) -> Row | None:
    """One quest by `id` or `slug` (exactly one of them); None when there is none."""
    if (global_id is None) == (slug is None):
        raise BadUserInput("give exactly one of `id` and `slug`", field="id")
    ctx = quests_of(scope)
    if slug is not None:
        if len(slug) > 120:
            raise BadUserInput("`slug` must be at most 120 characters", field="slug")
        return await ctx.quest_by_slug.load(slug)
    return await ctx.quest_by_id.load(id_argument(global_id, expect="Quest", argument="id"))


async def viewer_row(scope: RequestScope) -> Row | None:
    """The signed-in viewer's member row (None when anonymous or without a profile)."""
    if scope.viewer is None:
        return None
    return await scope.loaders.member_by_id.load(scope.viewer.member_id)


@dataclass(frozen=True)
class QuestProgress:
    """The viewer's standing on one quest; `done`/`remaining` are requirement rows `{kind, item}`."""

    completed_at: Any
    done: list[Row]
    remaining: list[Row]
    eligible: bool


async def viewer_progress(scope: RequestScope, quest: Row) -> QuestProgress | None:
    """The viewer's progress on `quest`; None for an anonymous caller (or one without a profile)."""
    if scope.viewer is None:
        return None
    ctx = quests_of(scope)
    member, progress, requirements = await asyncio.gather(
        viewer_row(scope), ctx.viewer_progress.load(quest["id"]), ctx.requirements_of_quest.load(quest["id"]))
    if member is None or progress is None:
        return None
    done_ids = set(progress["doneIds"])
    done = [r for r in requirements if r["item"]["id"] in done_ids]
    remaining = [r for r in requirements if r["item"]["id"] not in done_ids]
    rank = member_rank(member)
    return QuestProgress(progress["completedAt"], done, remaining, quest["minRank"] <= rank <= quest["maxRank"])


async def offered_quests(scope: RequestScope, *, member_id: str, month: str | None) -> list[Row]:
    """The quests of `month` (default: the current UTC month) offered to the viewer's rank, by title.

    Viewer only (`RequestScope.require_self`): which quests someone is offered reveals their rank band, and the
    point of the list is the viewer's own progress.
    """
    scope.require_self(member_id, "quests")
    month = checked_month(month, "month") or current_month()
    member = await viewer_row(scope)
    if member is None:
        return []
    ctx = quests_of(scope)
    rows = await ctx.repository.page(skip=0, limit=MAX_OFFERED, month=month, open_at=None,
                                     for_rank=member_rank(member))
    ctx.prime_quests(rows)
    return rows


# -- prize draws ----------------------------------------------------------------------------------


async def prize_draw_by_month(scope: RequestScope, *, month: str) -> Row | None:
    return await quests_of(scope).draw_by_month.load(checked_month(month, "month"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class PrizeWinner:
    position: int
    prize: str
    member: Row | None  # None when the viewer may not see the winner's profile


async def winners(scope: RequestScope, draw: Row) -> list[PrizeWinner]:
    """The draw's winners by position; a winner whose profile the viewer may not see shows no member."""
    rows = await quests_of(scope).winners_of_draw.load(draw["id"])
    scope.loaders.prime_members([r["member"] for r in rows])
    return [PrizeWinner(r["position"], r["prize"], r["member"] if scope.can_view_member(r["member"]) else None)
            for r in rows]


async def current_digest(scope: RequestScope, draw: Row) -> str:
    return entries_digest(await quests_of(scope).entries_of_month.load(draw["month"]))


async def verified(scope: RequestScope, draw: Row) -> bool:
    """Whether the month's entries in the graph now are the ones drawn from (same digest as the one
    recorded with the draw) and re-running the draw from its seed and prizes gives the stored winners."""
    ctx = quests_of(scope)
    entries, stored = await asyncio.gather(ctx.entries_of_month.load(draw["month"]),
                                           ctx.winners_of_draw.load(draw["id"]))
    if len(entries) != draw["entryCount"] or entries_digest(entries) != draw.get("entriesDigest"):
        return False
    recomputed = draw_winners(entries, list(draw["prizes"] or []), draw["seed"])
    return recomputed == [Winner(r["position"], r["prize"], r["member"]["id"]) for r in stored]


def _checked_draw_input(month: str, prizes: list[str]) -> tuple[str, list[str], Checker]:
    check = Checker()
    if not MONTH.fullmatch(month.strip()):
        check.fail("questMonth", "must be a month as YYYY-MM, such as 2026-03")
    if not 1 <= len(prizes) <= MAX_PRIZES:
        check.fail("prizes", f"give between 1 and {MAX_PRIZES} prizes")
    cleaned: list[str] = []
    for i, prize in enumerate(prizes[:MAX_PRIZES]):
        check.text(f"prizes[{i}]", "prize", prize, min_length=1, max_length=MAX_PRIZE_LENGTH)
        cleaned.append(prize.strip())
    return month.strip(), cleaned, check


async def run_prize_draw(scope: RequestScope, *, month: str, prizes: list[str]) -> Outcome[Row]:
    """Draw the winners of `month`'s quests (admins only), once per month, in one write transaction.

    Refused with a user error: ALREADY_DRAWN (the month has a draw), DRAW_TOO_EARLY (a quest of the
    month has not ended: entries are final only when every window has closed), NO_ENTRIES (no quests
    or nobody completed one). The seed is fresh randomness (`secrets.token_hex(16)`), recorded on
    the draw with the prizes so `draw_winners` can be re-run by anyone.
    """
    viewer = scope.require_viewer()
    if not viewer.has_role("admin"):
        raise Forbidden("only an admin can run a prize draw")
    month, cleaned, check = _checked_draw_input(month, prizes)
    if check.errors:
        return Outcome(None, check.errors)
    ctx = quests_of(scope)
    seed = secrets.token_hex(16)
    draw_id = str(uuid.uuid4())

    def drawing(entries: list[tuple[str, str]]) -> tuple[list[Row], str]:
        winners = [{"memberId": w.member_id, "position": w.position, "prize": w.prize}
                   for w in draw_winners(entries, cleaned, seed)]
        return winners, entries_digest(entries)

    for attempt in range(1, DRAW_ATTEMPTS + 1):
        try:
            result = await ctx.repository.record_draw(draw_id=draw_id, month=month, seed=seed, prizes=cleaned,
                                                      drawn_by=viewer.member_id, drawing=drawing)
            break
        except Conflict:
            # Another draw of this month committed first (the unique month refused ours), or the
            # engine's conflict retries ran out: the month's state now says which.
            if (await ctx.repository.draw_state(month)).drawn:
                return Outcome.refused("questMonth", f"{month} has been drawn already", "ALREADY_DRAWN")
            if attempt == DRAW_ATTEMPTS:
                raise
    if result.state.drawn:
        return Outcome.refused("questMonth", f"{month} has been drawn already", "ALREADY_DRAWN")
    if result.state.unfinished:
        return Outcome.refused("questMonth", (
            f"{result.state.unfinished} quest(s) of {month} have not ended yet: draw once every quest's window "
            "has closed"), "DRAW_TOO_EARLY")
    if result.draw is None:
        what = "no quests" if result.state.quests == 0 else "no completed quests"
        return Outcome.refused("questMonth", f"{month} has {what}: there is nothing to draw from", "NO_ENTRIES")
    ctx.prime_draw(result.draw)
    return Outcome(result.draw)
