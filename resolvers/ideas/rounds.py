"""Prioritisation rounds: opening and closing them, spending coins, the results, `coinsLeft`.

The rules (issue 6, "Prioritisation rounds"; ../shared/DOMAIN.md):
- A product manager opens a round on a product area (a Topic) for a window of 1 to 31 days
  (about two weeks in practice) with a shortlist of 2 to 50 ideas of that area. Shortlisted ideas
  that are still NEW or UNDER_REVIEW move to SHORTLISTED, each with a status change.
- A round's status follows from the clock: UPCOMING before `opensAt`, OPEN inside the window,
  ENDED after `closesAt` until `closeRound` ran, then CLOSED.
- While it is OPEN each member spends up to ROUND_BUDGET coins on its shortlist, in COIN_STEPS,
  and may take coins back. Nothing carries over: every round has its own budget per member.
- `results` ranks the shortlist by coins (most first; ties by shortlist position) with how many
  members spent on each idea. After the window `closeRound` selects the top ideas with coins,
  once, and moves them onto the roadmap as IN_DEVELOPMENT with an expected release.

Every mutation is one write transaction (graph/ideas/rounds.py); a refused one writes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.ideas.rounds import CoinsResult, MemberBudget, Refused, RoundsRepository, Tally, ranked
from resolvers.community.loaders import forget, keyed_loader
from resolvers.community.service import Outcome
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, NotFoundError
from resolvers.ideas.context import ideas
from resolvers.ideas.rounds_queue import coin_queue
from resolvers.ideas.rules import COIN_STEPS, ROUND_BUDGET
from resolvers.ids import from_global_id, id_argument
from resolvers.pagination import Slice, Window, paginate
from resolvers.scope import RequestScope

ROUND_STATUSES = ("UPCOMING", "OPEN", "ENDED", "CLOSED")
NAME_LENGTH = (3, 120)
MIN_WINDOW = timedelta(days=1)
MAX_WINDOW = timedelta(days=31)
# `opensAt` may lie this far in the past (a form filled in a minute ago); earlier is a mistake.
OPENS_AT_SLACK = timedelta(minutes=1)
SHORTLIST_SIZE = (2, 50)
NOT_SHORTLISTABLE = ("MERGED", "RELEASED", "NOT_PLANNED")
MAX_COMMENT = 2000
_STEPS = ", ".join(str(step) for step in COIN_STEPS)


class RoundsContext:
    """The rounds repository and loaders of one request; get it with `rounds(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = RoundsRepository(scope.graph)
        viewer_id = scope.viewer.member_id if scope.viewer else None
        idea_by_id = ideas(scope).idea_by_id

        # Both queries return the ideas they name: primed, the shortlist, results and allocations
        # cost no idea query of their own (and no second one when the two finish at different times).
        async def tallies(ids: list[str]) -> dict[str, Tally]:
            found = await repo.tallies(ids)
            for board in found.values():
                for line in board.results:
                    idea_by_id.prime(line["ideaId"], line["idea"])
            return found

        async def viewer_budgets(ids: list[str]) -> dict[str, MemberBudget]:
            found = await repo.member_budgets(viewer_id, ids) if viewer_id else {}
            for budget in found.values():
                for line in budget.allocations:
                    idea_by_id.prime(line["ideaId"], line["idea"])
            return found

        self.tally_by_round: DataLoader[str, Tally | None] = keyed_loader(tallies)

        # The signed-in viewer's coins in each round; anonymous viewers have none.
        self.viewer_budget_by_round: DataLoader[str, MemberBudget | None] = keyed_loader(viewer_budgets)

    def forget_round(self, round_id: str) -> None:
        forget(self.tally_by_round, round_id)
        forget(self.viewer_budget_by_round, round_id)


def rounds(scope: RequestScope) -> RoundsContext:
    return scope.per_request(RoundsContext)


def _utc(value: Any) -> datetime | None:
    """A stored (driver) or given time as an aware UTC datetime; naive times are taken as UTC."""
    if value is None:
        return None
    moment = value.to_native() if hasattr(value, "to_native") else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def round_status(row: Row, now: datetime) -> str:
    """UPCOMING, OPEN, ENDED or CLOSED at `now`."""
    if row.get("closedAt") is not None:
        return "CLOSED"
    if now < _utc(row["opensAt"]):
        return "UPCOMING"
    if now < _utc(row["closesAt"]):
        return "OPEN"
    return "ENDED"


# -- reads ---------------------------------------------------------------------------


async def round_by_id(scope: RequestScope, *, round_id: str) -> Row | None:
    return await ideas(scope).round_by_id.load(round_id)


async def round_by_global_id(scope: RequestScope, value: str, argument: str = "id") -> Row | None:
    """A round by its global ID; BAD_USER_INPUT naming `argument` when the ID is malformed."""
    return await round_by_id(scope, round_id=id_argument(value, "PrioritizationRound", argument))


async def list_rounds(scope: RequestScope, *, win: Window, product_area_id: str | None,
                      status: str | None) -> Slice:
    """Rounds, newest window first, by product area and status."""
    area = id_argument(product_area_id, "Topic", "productAreaId")
    if status is not None and status not in ROUND_STATUSES:
        raise BadUserInput(f"`status` must be one of {', '.join(ROUND_STATUSES)}", field="status")
    repo, loader = rounds(scope).repository, ideas(scope).round_by_id

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.rounds_page(skip=skip, limit=limit, product_area_id=area, status=status)
        for row in rows:
            loader.prime(row["id"], row)
        return rows

    return await paginate(win, fetch_page, lambda: repo.rounds_count(product_area_id=area, status=status))


async def tally(scope: RequestScope, *, round_id: str) -> Tally:
    return await rounds(scope).tally_by_round.load(round_id) or Tally([], 0, 0, [])


async def shortlist(scope: RequestScope, *, round_id: str) -> list[Row]:
    """The shortlisted ideas (rows of `ideas(scope).idea_by_id`), by position."""
    board = await tally(scope, round_id=round_id)
    ordered = sorted(board.results, key=lambda r: r["position"])
    found = await ideas(scope).idea_by_id.load_many([r["ideaId"] for r in ordered])
    return [row for row in found if row is not None]


@dataclass(frozen=True, slots=True)
class RankedIdea:
    """One line of a round's results or winners."""

    rank: int
    idea: Row
    coins: int
    member_count: int


async def _with_ideas(scope: RequestScope, lines: list[tuple[int, str, int, int]]) -> list[RankedIdea]:
    found = await ideas(scope).idea_by_id.load_many([idea_id for _, idea_id, _, _ in lines])
    return [RankedIdea(rank, row, coins, members)
            for (rank, _, coins, members), row in zip(lines, found) if row is not None]


async def results(scope: RequestScope, *, round_id: str) -> list[RankedIdea]:
    """Every shortlisted idea by coins (most first; ties by shortlist position), with how many
    members spent on it."""
    board = await tally(scope, round_id=round_id)
    return await _with_ideas(scope, [(n, r["ideaId"], r["coins"], r["memberCount"])
                                     for n, r in enumerate(ranked(board.results), start=1)])


async def round_winners(scope: RequestScope, *, round_id: str) -> list[RankedIdea]:
    """The ideas `closeRound` selected, by rank; [] before."""
    board = await tally(scope, round_id=round_id)
    members = {r["ideaId"]: r["memberCount"] for r in board.results}
    return await _with_ideas(scope, [(w["rank"], w["ideaId"], w["coins"], members.get(w["ideaId"], 0))
                                     for w in board.winners])


async def viewer_budget(scope: RequestScope, *, round_id: str) -> MemberBudget | None:
    """The viewer's coins in the round; None when anonymous."""
    if scope.viewer is None:
        return None
    budget = await rounds(scope).viewer_budget_by_round.load(round_id)
    return budget or MemberBudget(ROUND_BUDGET, 0, [])


async def viewer_allocations(scope: RequestScope, *, round_id: str) -> list[tuple[Row, int]]:
    """The viewer's allocations in the round as (idea row, coins), most coins first; [] when anonymous."""
    budget = await viewer_budget(scope, round_id=round_id)
    if budget is None or not budget.allocations:
        return []
    found = await ideas(scope).idea_by_id.load_many([a["ideaId"] for a in budget.allocations])
    return [(row, a["coins"]) for a, row in zip(budget.allocations, found) if row is not None]


async def coins_left(scope: RequestScope, *, member_id: str, round_global_id: str) -> int:
    """`Member.coinsLeft(roundId)`: the viewer's coins still to spend in the round. Viewer only."""
    scope.require_self(member_id, "coinsLeft")
    row = await round_by_global_id(scope, round_global_id, "roundId")
    if row is None:
        raise NotFoundError("no such round", field="roundId")
    budget = await viewer_budget(scope, round_id=row["id"])
    assert budget is not None  # signed in: require_self passed
    return budget.budget - budget.spent


# -- mutations ------------------------------------------------------------------------


def _refusal(refused: Refused, messages: dict[str, str]) -> list[UserError]:
    message = messages.get(refused.code) or _MESSAGES.get(refused.code, refused.code)
    return [UserError(refused.field, message.format(**refused.details), refused.code)]


_MESSAGES = {
    "ROUND_NOT_OPEN": "coins can be allocated and withdrawn only while the round is open",
    "NOT_SHORTLISTED": "this idea is not on the round's shortlist",
    "BUDGET_EXCEEDED": f"that would be more than the {ROUND_BUDGET} coins you have in this round",
    "NOTHING_ALLOCATED": "you have no coins on this idea in this round",
    "IDEA_MERGED": "this idea was merged into another; spend on the surviving idea",
    "ROUND_NOT_ENDED": "a round can be closed only after its window",
    "ALREADY_CLOSED": "this round is already closed",
    "WRONG_PRODUCT_AREA": "idea {ideaId} is not in the round's product area",
}
_NOT_FOUND = {"roundId": "no such round", "ideaId": "no such idea", "ideaIds": "no such idea: {ideaId}",
              "productAreaId": "no such product area", "viewer": "your member profile does not exist"}


def _not_found(refused: Refused) -> list[UserError]:
    return _refusal(refused, {"NOT_FOUND": _NOT_FOUND.get(refused.field, "not found")})


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


@dataclass(frozen=True, slots=True)
class CoinsOutcome:
    """What allocateCoins or withdrawCoins left: the round, the idea, the viewer's coins on it now
    (0 when none are left) and the coins they still have to spend in the round."""

    round: Row
    idea: Row
    coins: int
    coins_left: int


async def open_round(scope: RequestScope, *, values: dict[str, Any]) -> Outcome[Row]:
    """Open a round: a product manager only (UNAUTHENTICATED / FORBIDDEN otherwise)."""
    context = ideas(scope)
    manager_id = context.require_product_manager()
    check = Checker()
    check.text("name", "name", values.get("name") or "", min_length=NAME_LENGTH[0], max_length=NAME_LENGTH[1])
    area_id, errors = _target(str(values["product_area_id"]), "Topic", "productAreaId")
    check.errors.extend(errors)
    now = context.now  # the request's clock: the round's `status` in the payload reads the same one
    opens_at = _utc(values.get("opens_at")) or now
    closes_at = _utc(values["closes_at"])
    if opens_at < now - OPENS_AT_SLACK:
        check.fail("opensAt", "must not lie in the past")
    if closes_at <= opens_at:
        check.fail("closesAt", "must be after opensAt")
    elif not MIN_WINDOW <= closes_at - opens_at <= MAX_WINDOW:
        check.fail("closesAt", "a round lasts from 1 to 31 days (about two weeks is usual)")
    idea_ids = _shortlist_ids([str(v) for v in values.get("idea_ids") or []], check)
    if check.errors:
        return Outcome(None, check.errors)

    if await scope.loaders.topic_by_id.load(area_id) is None:
        return Outcome.refused("productAreaId", "no such product area", "NOT_FOUND")
    for idea_id, row in zip(idea_ids, await context.idea_by_id.load_many(idea_ids)):
        if row is None:
            check.fail("ideaIds", f"no such idea: {idea_id}", "NOT_FOUND")
        elif row.get("productAreaId") != area_id:
            check.fail("ideaIds", f"idea {idea_id} is not in the round's product area", "WRONG_PRODUCT_AREA")
        elif row.get("status") in NOT_SHORTLISTABLE:
            check.fail("ideaIds", f"idea {idea_id} is {row['status']} and cannot be shortlisted")
    if check.errors:
        return Outcome(None, check.errors)
    if await scope.loaders.member_by_id.load(manager_id) is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")

    name = check.values["name"]
    result = await rounds(scope).repository.open_round(
        manager_id=manager_id, props={"id": new_id(), "name": name, "budget": ROUND_BUDGET, "openedBy": manager_id},
        product_area_id=area_id, opens_at=_millis(opens_at), closes_at=_millis(closes_at), idea_ids=idea_ids,
        change_ids={i: new_id() for i in idea_ids}, comment=f"Shortlisted for {name}", at=_millis(now))
    if isinstance(result, Refused):
        return Outcome(None, _not_found(result) if result.code == "NOT_FOUND" else _refusal(
            result, {"BAD_USER_INPUT": "idea {ideaId} is {status} and cannot be shortlisted"}))
    for idea_id in idea_ids:  # their status may have changed
        forget(context.idea_by_id, idea_id)
    context.round_by_id.prime(result["id"], result)
    return Outcome(result)


def _shortlist_ids(values: list[str], check: Checker) -> list[str]:
    ids: list[str] = []
    for value in values:
        local, errors = _target(value, "Idea", "ideaIds")
        if errors:
            check.errors.extend(errors)
            return []
        ids.append(local)
    if len(set(ids)) != len(ids):
        check.fail("ideaIds", "must not name an idea twice")
    elif not SHORTLIST_SIZE[0] <= len(ids) <= SHORTLIST_SIZE[1]:
        check.fail("ideaIds", f"a shortlist holds {SHORTLIST_SIZE[0]} to {SHORTLIST_SIZE[1]} ideas")
    return ids


def _coins_target(round_global_id: str, idea_global_id: str) -> tuple[str | None, str | None, list[UserError]]:
    round_id, errors = _target(round_global_id, "PrioritizationRound", "roundId")
    idea_id, more = _target(idea_global_id, "Idea", "ideaId")
    return round_id, idea_id, errors + more


async def _coins_outcome(scope: RequestScope, round_id: str, idea_id: str, result: CoinsResult) -> CoinsOutcome:
    context = ideas(scope)
    rounds(scope).forget_round(round_id)
    forget(context.idea_by_id, idea_id)  # its coins changed
    round_row, idea_row = await context.round_by_id.load(round_id), await context.idea_by_id.load(idea_id)
    return CoinsOutcome(round_row, idea_row, result.allocated, result.budget - result.spent)


async def allocate_coins(scope: RequestScope, *, round_global_id: str, idea_global_id: str,
                         coins: int) -> Outcome[CoinsOutcome]:
    """Spend `coins` (5, 20 or 50) of the viewer's budget in an open round on a shortlisted idea."""
    viewer = scope.require_viewer()
    if coins not in COIN_STEPS:
        return Outcome.refused("coins", f"coins are spent in steps of {_STEPS}", "INVALID_COINS")
    round_id, idea_id, errors = _coins_target(round_global_id, idea_global_id)
    if errors:
        return Outcome(None, errors)
    async with coin_queue(round_id, viewer.member_id, idea_id):
        result = await rounds(scope).repository.allocate(round_id=round_id, idea_id=idea_id,
                                                         member_id=viewer.member_id, coins=coins)
    if isinstance(result, Refused):
        return Outcome(None, _not_found(result))
    return Outcome(await _coins_outcome(scope, round_id, idea_id, result))


async def withdraw_coins(scope: RequestScope, *, round_global_id: str, idea_global_id: str,
                         coins: int | None) -> Outcome[CoinsOutcome]:
    """Take back `coins` (5, 20 or 50; all of them when None) from the viewer's coins on an idea in
    an open round."""
    viewer = scope.require_viewer()
    if coins is not None and coins not in COIN_STEPS:
        return Outcome.refused("coins", f"coins are withdrawn in steps of {_STEPS}, or leave it out for all")
    round_id, idea_id, errors = _coins_target(round_global_id, idea_global_id)
    if errors:
        return Outcome(None, errors)
    async with coin_queue(round_id, viewer.member_id, idea_id):
        result = await rounds(scope).repository.withdraw(round_id=round_id, idea_id=idea_id,
                                                         member_id=viewer.member_id, coins=coins)
    if isinstance(result, Refused):
        return Outcome(None, _not_found(result) if result.code == "NOT_FOUND" else _refusal(
            result, {"BAD_USER_INPUT": "you have only {allocated} coins on this idea in this round"}))
    return Outcome(await _coins_outcome(scope, round_id, idea_id, result))


@dataclass(frozen=True, slots=True)
class CloseOutcome:
    round: Row
    winners: list[RankedIdea]


async def close_round(scope: RequestScope, *, round_global_id: str, winners: int, expected_release: date,
                      comment: str | None) -> Outcome[CloseOutcome]:
    """Close a round after its window, once: a product manager only. The top `winners` ideas with
    coins are SELECTED and move to IN_DEVELOPMENT with the expected release."""
    context = ideas(scope)
    manager_id = context.require_product_manager()
    round_id, errors = _target(round_global_id, "PrioritizationRound", "roundId")
    if errors:
        return Outcome(None, errors)
    check = Checker()
    check.text("comment", "comment", comment, max_length=MAX_COMMENT, multiline=True)
    if expected_release < datetime.now(timezone.utc).date():
        check.fail("expectedRelease", "must not lie in the past")
    row = await context.round_by_id.load(round_id)
    if row is None:
        return Outcome.refused("roundId", "no such round", "NOT_FOUND")
    size = len((await tally(scope, round_id=round_id)).results)
    if not 1 <= winners <= size:
        check.fail("winners", f"must be from 1 to the shortlist's {size} ideas")
    if check.errors:
        return Outcome(None, check.errors)

    result = await rounds(scope).repository.close_round(
        round_id=round_id, manager_id=manager_id, winners=winners, expected_release=expected_release.isoformat(),
        comment=check.values.get("comment") or f"Selected in {row['name']}",
        change_ids=[new_id() for _ in range(winners)], at=_millis(datetime.now(timezone.utc)))
    if isinstance(result, Refused):
        return Outcome(None, _not_found(result) if result.code == "NOT_FOUND" else _refusal(
            result, {"BAD_USER_INPUT": "must be from 1 to the shortlist's {shortlist} ideas"}))
    rounds(scope).forget_round(round_id)
    forget(context.round_by_id, round_id)
    context.round_by_id.prime(round_id, result.round)
    for winner in result.winners:
        forget(context.idea_by_id, winner["ideaId"])
    return Outcome(CloseOutcome(result.round, await round_winners(scope, round_id=round_id)))


def new_id() -> str:
    return str(uuid.uuid4())


__all__ = ["CloseOutcome", "CoinsOutcome", "RankedIdea", "RoundsContext", "allocate_coins", "close_round",
           "coins_left", "list_rounds", "open_round", "results", "round_by_global_id", "round_by_id",
           "round_status", "round_winners", "rounds", "shortlist", "tally", "viewer_allocations", "viewer_budget",
           "withdraw_coins"]
