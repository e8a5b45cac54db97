"""RoundsRepository: prioritisation rounds and their coins (graph/ideas/rounds.cypher).

Every mutation is ONE write transaction that re-reads, inside it, everything it decides on, and
that is rolled back as a whole when any check fails (a `Refusal` raised inside the transaction):
a refused mutation writes nothing, not even a first member's empty budget.

The coin invariant (a member never holds more than the round's budget in it, and `spent` equals
their ALLOCATED coins) is kept by the guarded write on the member's `CoinBudget`, which every
allocation and withdrawal makes before it touches the allocation and the idea. Two transactions
of one member in one round both write that record: on Neo4j the second waits for the first's write
lock, on the embedded engine (MVCC) one of them fails and is run again (`CONFLICT_ATTEMPTS`), re-
reading everything. A member's first two allocations in a round race to create the budget: the
unique `key` makes the loser fail (ConstraintError, a Conflict here) and its retry finds the winner's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, TypeVar

from graph.community.repository import Row
from graph.database import Graph, Transaction
from graph.errors import GraphError
from graph.ideas import QUERIES

T = TypeVar("T")
# A burst of one member's allocations (double clicks, several tabs, workers racing) or of many
# members on one popular idea can outlast the driver's own few seconds of retries. A failed attempt
# wrote nothing and each attempt re-reads what it decides on, so the transaction is run again.
CONFLICT_ATTEMPTS = 10
# Ideas whose status a round never moves: a merged idea lives on in its survivor, and a winner
# already in development, testing or released keeps its status (it is only SELECTED).
KEEP_STATUS_ON_SELECTION = ("IN_DEVELOPMENT", "IN_TESTING", "RELEASED", "MERGED")
SHORTLISTABLE_MOVES = ("NEW", "UNDER_REVIEW")  # these move to SHORTLISTED when a round shortlists them


class Refusal(GraphError):
    """Raised inside a transaction to roll it back: `code` says why, `field` which input is at fault."""

    def __init__(self, code: str, field: str, **details: Any) -> None:
        super().__init__(code)
        self.code, self.field, self.details = code, field, details


@dataclass(slots=True)
class Refused:
    """Why a mutation wrote nothing."""

    code: str
    field: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CoinsResult:
    """What an allocation or withdrawal left: the coins now on the idea from this member in this
    round (0 when the allocation is gone) and the member's `spent` in the round."""

    allocated: int
    spent: int
    budget: int
    moved: int  # the coins this call added or took back


@dataclass(frozen=True, slots=True)
class ClosedRound:
    round: Row
    winners: list[Row]  # {ideaId, rank, coins}, by rank


@dataclass(frozen=True, slots=True)
class Tally:
    """A round's board: its shortlist with coins and members, totals and winners."""

    results: list[Row]  # {ideaId, position, coins, memberCount, idea (the idea's row)}
    coins_allocated: int
    participant_count: int
    winners: list[Row]  # {ideaId, rank, coins}


@dataclass(frozen=True, slots=True)
class MemberBudget:
    budget: int
    spent: int
    allocations: list[Row]  # {ideaId, coins, idea (the idea's row)}


def ranked(results: list[Row]) -> list[Row]:
    """Results by coins (most first), ties by shortlist position: the order of `round.results`."""
    return sorted(results, key=lambda r: (-r["coins"], r["position"]))


class RoundsRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def _refusable(self, work: Callable[[Transaction], Awaitable[T]]) -> T | Refused:
        try:
            return await self.graph.write_tx(work, attempts=CONFLICT_ATTEMPTS)
        except Refusal as refusal:
            return Refused(refusal.code, refusal.field, refusal.details)

    # -- reads (behind DataLoaders) ------------------------------------------------------

    async def rounds_page(self, *, skip: int, limit: int, product_area_id: str | None,
                          status: str | None) -> list[Row]:
        rows = await self.graph.read(QUERIES["rounds_page"], skip=skip, limit=limit,
                                     productAreaId=product_area_id, status=status)
        return [row["round"] for row in rows]

    async def rounds_count(self, *, product_area_id: str | None, status: str | None) -> int:
        rows = await self.graph.read(QUERIES["rounds_count"], productAreaId=product_area_id, status=status)
        return rows[0]["total"] if rows else 0

    async def tallies(self, ids: list[str]) -> dict[str, Tally]:
        rows = await self.graph.read(QUERIES["rounds_tallies"], ids=ids)
        return {row["id"]: _tally(row) for row in rows}

    async def member_budgets(self, member_id: str, ids: list[str]) -> dict[str, MemberBudget]:
        rows = await self.graph.read(QUERIES["rounds_member_budgets"], ids=ids, memberId=member_id)
        return {row["id"]: MemberBudget(row["budget"], row["spent"],
                                        sorted(map(_with_idea, row["allocations"]),
                                               key=lambda a: (-a["coins"], a["ideaId"])))
                for row in rows}

    # -- writes: each method is one write transaction ---------------------------------

    async def open_round(self, *, manager_id: str, props: Row, product_area_id: str, opens_at: int,
                         closes_at: int, idea_ids: list[str], change_ids: dict[str, str],
                         comment: str, at: int) -> Row | Refused:
        """Create the round on its shortlist and move the shortlisted NEW or UNDER_REVIEW ideas to
        SHORTLISTED, each with a status change by the manager. The ideas are locked first and
        re-checked: still there, in the product area, not merged, released or not planned."""

        async def work(tx: Transaction) -> Row:
            found = {row["id"]: row for row in await tx.rows(QUERIES["rounds_lock_ideas"], ids=idea_ids)}
            for idea_id in idea_ids:
                idea = found.get(idea_id)
                if idea is None:
                    raise Refusal("NOT_FOUND", "ideaIds", ideaId=idea_id)
                if idea["productAreaId"] != product_area_id:
                    raise Refusal("WRONG_PRODUCT_AREA", "ideaIds", ideaId=idea_id)
                if idea["status"] in ("MERGED", "RELEASED", "NOT_PLANNED"):
                    raise Refusal("BAD_USER_INPUT", "ideaIds", ideaId=idea_id, status=idea["status"])
            created = await tx.one(QUERIES["rounds_create"], productAreaId=product_area_id, props=props,
                                   opensAt=opens_at, closesAt=closes_at,
                                   rows=[{"ideaId": i, "position": n} for n, i in enumerate(idea_ids, start=1)])
            if created is None:
                raise Refusal("NOT_FOUND", "productAreaId")
            moving = [i for i in idea_ids if found[i]["status"] in SHORTLISTABLE_MOVES]
            if moving:
                moved = await tx.rows(QUERIES["rounds_change_status"], memberId=manager_id, to="SHORTLISTED",
                                      statuses=list(SHORTLISTABLE_MOVES), comment=comment, expectedRelease=None,
                                      at=at, rows=[{"ideaId": i, "changeId": change_ids[i]} for i in moving])
                if len(moved) != len(moving):
                    raise Refusal("NOT_FOUND", "viewer")  # the manager's member profile is gone
            return created["round"]

        return await self._refusable(work)

    async def allocate(self, *, round_id: str, idea_id: str, member_id: str, coins: int) -> CoinsResult | Refused:
        """Spend `coins` of the member's budget in the round on the idea."""
        key = budget_key(round_id, member_id)

        async def work(tx: Transaction) -> CoinsResult:
            state = await _coin_state(tx, round_id, idea_id, member_id)
            if state["ideaStatus"] == "MERGED":
                raise Refusal("IDEA_MERGED", "ideaId")
            await tx.one(QUERIES["rounds_ensure_budget"], memberId=member_id, roundId=round_id, key=key)
            spent = await tx.one(QUERIES["rounds_spend"], key=key, coins=coins)
            if spent is None:
                raise Refusal("BUDGET_EXCEEDED", "coins")
            allocated = await tx.one(QUERIES["rounds_allocate"], memberId=member_id, ideaId=idea_id,
                                     roundId=round_id, coins=coins)
            if allocated is None:
                raise Refusal("IDEA_MERGED", "ideaId")
            return CoinsResult(allocated["coins"], spent["spent"], spent["budget"], coins)

        return await self._refusable(work)

    async def withdraw(self, *, round_id: str, idea_id: str, member_id: str,
                       coins: int | None) -> CoinsResult | Refused:
        """Take back `coins` (all when None) from the member's allocation to the idea in the round."""
        key = budget_key(round_id, member_id)

        async def work(tx: Transaction) -> CoinsResult:
            state = await _coin_state(tx, round_id, idea_id, member_id)
            if state["allocated"] == 0:
                raise Refusal("NOTHING_ALLOCATED", "ideaId")
            if coins is not None and coins > state["allocated"]:
                raise Refusal("BAD_USER_INPUT", "coins", allocated=state["allocated"])
            row = await tx.one(QUERIES["rounds_withdraw"], key=key, memberId=member_id, roundId=round_id,
                               ideaId=idea_id, coins=coins)
            if row is None:  # cannot happen after the checks above; the guard's fallback
                raise Refusal("NOTHING_ALLOCATED", "ideaId")
            return CoinsResult(row["left"], row["spent"], state["budget"], row["withdrawn"])

        return await self._refusable(work)

    async def close_round(self, *, round_id: str, manager_id: str, winners: int, expected_release: str,
                          comment: str, change_ids: list[str], at: int) -> ClosedRound | Refused:
        """Close the round once, after its window: the top `winners` ideas with coins (ties by
        shortlist position) are SELECTED and move to IN_DEVELOPMENT with the expected release, unless
        already in development, testing or released (then only SELECTED)."""

        async def work(tx: Transaction) -> ClosedRound:
            state = await tx.one(QUERIES["rounds_lock_round"], roundId=round_id, memberId=manager_id)
            if state is None:
                raise Refusal("NOT_FOUND", "roundId")
            if state["closed"]:
                raise Refusal("ALREADY_CLOSED", "roundId")
            if not state["ended"]:
                raise Refusal("ROUND_NOT_ENDED", "roundId")
            if not state["managerFound"]:
                raise Refusal("NOT_FOUND", "viewer")
            tally = _tally(await tx.one(QUERIES["rounds_tallies"], ids=[round_id]))
            if winners > len(tally.results):
                raise Refusal("BAD_USER_INPUT", "winners", shortlist=len(tally.results))
            top = [r for r in ranked(tally.results) if r["coins"] > 0][:winners]
            chosen = [{"ideaId": r["ideaId"], "rank": rank, "coins": r["coins"]} for rank, r in enumerate(top, 1)]
            statuses = {row["id"]: row["status"]
                        for row in await tx.rows(QUERIES["rounds_lock_ideas"], ids=[c["ideaId"] for c in chosen])}
            closed = await tx.one(QUERIES["rounds_close"], roundId=round_id, at=at, rows=chosen)
            if closed is None:  # cannot happen under the round's lock; the guard's fallback
                raise Refusal("ALREADY_CLOSED", "roundId")
            moving = [c["ideaId"] for c in chosen
                      if c["ideaId"] in statuses and statuses[c["ideaId"]] not in KEEP_STATUS_ON_SELECTION]
            if moving:
                await tx.rows(QUERIES["rounds_change_status"], memberId=manager_id, to="IN_DEVELOPMENT",
                              statuses=sorted({statuses[i] for i in moving}),
                              comment=comment, expectedRelease=expected_release, at=at,
                              rows=[{"ideaId": i, "changeId": c} for i, c in zip(moving, change_ids)])
            return ClosedRound(closed["round"], chosen)

        return await self._refusable(work)

    # -- invariants ---------------------------------------------------------------------

    async def budget_mismatches(self) -> list[Row]:
        """Budgets or ideas whose coins disagree with the ALLOCATED relationships, or a budget
        outside 0..budget; [] when consistent."""
        return await self.graph.read(QUERIES["rounds_budget_mismatches"])


def budget_key(round_id: str, member_id: str) -> str:
    """A CoinBudget's unique key: one budget per round and member."""
    return f"{round_id}:{member_id}"


async def _coin_state(tx: Transaction, round_id: str, idea_id: str, member_id: str) -> Row:
    """The round, idea and member an allocation or withdrawal needs, checked in this order."""
    state = await tx.one(QUERIES["rounds_allocation_state"], roundId=round_id, ideaId=idea_id, memberId=member_id)
    if state is None:
        raise Refusal("NOT_FOUND", "roundId")
    if not state["memberFound"]:
        raise Refusal("NOT_FOUND", "viewer")
    if not state["open"]:
        raise Refusal("ROUND_NOT_OPEN", "roundId")
    if not state["ideaFound"]:
        raise Refusal("NOT_FOUND", "ideaId")
    if not state["shortlisted"]:
        raise Refusal("NOT_SHORTLISTED", "ideaId")
    return state


def _with_idea(line: Row) -> Row:
    """A tally or allocation line whose `idea` is the idea's row as `ideas_by_ids` gives it."""
    idea = {**line.pop("idea"), "productAreaId": line.pop("productAreaId"), "authorId": line.pop("authorId")}
    return {**line, "idea": idea}


def _tally(row: Row | None) -> Tally:
    if row is None:
        return Tally([], 0, 0, [])
    return Tally(results=[_with_idea(r) for r in row["results"]], coins_allocated=row["coinsAllocated"],
                 participant_count=row["participantCount"],
                 winners=sorted(row["winners"], key=lambda w: w["rank"]))


__all__ = ["ClosedRound", "CoinsResult", "MemberBudget", "Refused", "Refusal", "RoundsRepository", "Tally",
           "budget_key", "ranked"]
