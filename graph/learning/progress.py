"""ProgressRepository: the points ledger and what it earns (graph/MODEL.md, "Progress").

`complete_unit` and `complete_superbadge` are each ONE write transaction that starts by taking
the member's write lock (a no-op SET on the member's counters) and then re-checks every condition
it writes on, so a retry, a double submission or a concurrent request on another worker awards
nothing twice: on Neo4j the second transaction waits for the lock and then finds the completion;
on the embedded engine the two conflict at commit (both change the member) and the loser, retried,
finds it. The steps, in order:

1. lock the member and read the target's state (`progress_lock_for_*`); a completed target ends here;
2. record the completion with its points (`progress_record_unit` / `progress_record_superbadge`);
3. a unit: complete its module if every unit now is (`progress_complete_module`);
4. enter the quests now finished (`award_completed_quests`), when a module or superbadge was completed;
5. earn the badges of what was completed and of the quests (`progress_earn_badges`, which checks
   limited-edition windows and badges already earned);
6. promote the rank (`promote_member_rank`), then read the member back (`progress_member`).

Times go to the database as epoch milliseconds; `at` is one instant per attempt, so every fact of
one completion carries the same time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from graph.community.repository import Page, Row
from graph.database import Graph, Transaction
from graph.learning import QUERIES

# The driver retries a lost race for a few seconds; a burst of completions by one member (a double
# submission, several tabs, workers racing) can outlast that. Each attempt re-reads everything it
# decides on and a failed one wrote nothing, so the whole transaction is simply tried again.
CONFLICT_ATTEMPTS = 5


def now_millis() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, slots=True)
class EarnedBadge:
    """One EARNED: the badge row, when and the assertion id (the Open Badges assertion)."""

    badge: Row
    earned_at: Any
    assertion_id: str


@dataclass(slots=True)
class Completion:
    """What a completeUnit or completeSuperbadge transaction did.

    `member_missing` / `target` None: nothing was found to complete. `already`: the target was
    completed before (nothing awarded; a repeated request is answered like the first, minus the awards).
    `missing`: a superbadge's prerequisite modules not completed yet (then nothing was written).
    """

    member: Row | None = None
    target: Row | None = None
    member_missing: bool = False
    already: bool = False
    points: int = 0
    module_id: str | None = None
    module_completed: bool = False
    badges: list[EarnedBadge] = field(default_factory=list)
    quests: list[str] = field(default_factory=list)
    ranks: list[Row] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def rank_reached(self) -> Row | None:
        return self.ranks[-1] if self.ranks else None


def _pages(rows: list[Row]) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], row["page"]) for row in rows}


class ProgressRepository:
    """Completions (units, modules, superbadges, quests), badges earned, promotions, and their reads."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- writes ---------------------------------------------------------------------------

    async def complete_unit(self, member_id: str, unit_id: str) -> Completion:
        """Member `member_id` completes unit `unit_id`, with everything that follows, in one transaction."""

        async def work(tx: Transaction) -> Completion:
            at = now_millis()
            state = await tx.one(QUERIES["progress_lock_for_unit"], memberId=member_id, unitId=unit_id)
            if state is None:
                return Completion(member_missing=True)
            unit = state["unit"]
            if unit is None:
                return Completion()
            done = Completion(target=unit, module_id=unit["moduleId"], module_completed=state["moduleDone"])
            recorded = await tx.one(QUERIES["progress_record_unit"], memberId=member_id, unitId=unit_id, at=at)
            if recorded is None:  # completed before: answer as before, award nothing
                done.already = True
                done.member = await self._member(tx, member_id)
                return done
            done.points = recorded["points"]
            badge_ids: list[str] = []
            module = await tx.one(QUERIES["progress_complete_module"], memberId=member_id,
                                  moduleId=unit["moduleId"], at=at)
            if module is not None:
                done.module_completed = True
                badge_ids.append(module["badgeId"])
                await self._after_completion(tx, done, member_id, badge_ids, at)
            else:
                await self._promote(tx, done, member_id, at)
            done.member = await self._member(tx, member_id)
            return done

        return await self.graph.write_tx(work, attempts=CONFLICT_ATTEMPTS)

    async def complete_superbadge(self, member_id: str, superbadge_id: str) -> Completion:
        """Member `member_id` completes superbadge `superbadge_id` once its prerequisites are done."""

        async def work(tx: Transaction) -> Completion:
            at = now_millis()
            state = await tx.one(QUERIES["progress_lock_for_superbadge"], memberId=member_id,
                                 superbadgeId=superbadge_id)
            if state is None:
                return Completion(member_missing=True)
            superbadge = state["superbadge"]
            if superbadge is None:
                return Completion()
            done = Completion(target=superbadge)
            if state["done"]:
                done.already = True
            elif state["missing"]:
                done.missing = list(state["missing"])
                return done
            else:
                recorded = await tx.one(QUERIES["progress_record_superbadge"], memberId=member_id,
                                        superbadgeId=superbadge_id, at=at)
                if recorded is None:  # cannot happen under the lock; treated as a repeat
                    done.already = True
                else:
                    done.points = recorded["points"]
                    await self._after_completion(tx, done, member_id, [recorded["badgeId"]], at)
            done.member = await self._member(tx, member_id)
            return done

        return await self.graph.write_tx(work, attempts=CONFLICT_ATTEMPTS)

    async def _after_completion(self, tx: Transaction, done: Completion, member_id: str,
                                badge_ids: list[str | None], at: int) -> None:
        """A module or superbadge was completed: quests, badges, then the rank (badges count for it)."""
        quests = await tx.rows(QUERIES["award_completed_quests"], memberId=member_id, at=at)
        done.quests = [q["questId"] for q in quests]
        wanted = list(dict.fromkeys(b for b in [*badge_ids, *(q["badgeId"] for q in quests)] if b is not None))
        if wanted:
            rows = await tx.rows(QUERIES["progress_earn_badges"], memberId=member_id, badgeIds=wanted, at=at)
            done.badges = [EarnedBadge(r["badge"], r["earnedAt"], r["assertionId"]) for r in rows]
        await self._promote(tx, done, member_id, at)

    async def _promote(self, tx: Transaction, done: Completion, member_id: str, at: int) -> None:
        if done.points or done.badges:
            rows = await tx.rows(QUERIES["promote_member_rank"], memberId=member_id, at=at)
            done.ranks = [r["rank"] for r in rows]

    async def _member(self, tx: Transaction, member_id: str) -> Row | None:
        row = await tx.one(QUERIES["progress_member"], memberId=member_id)
        return row["member"] if row else None

    # -- reads ------------------------------------------------------------------------------

    async def recomputed_points(self, ids: list[str]) -> dict[str, int]:
        """Each member's points recomputed from the ledger (the sum of their COMPLETED points)."""
        rows = await self.graph.read(QUERIES["progress_recomputed_points"], ids=ids)
        return {row["id"]: int(row["points"]) for row in rows}

    # Nested lists: one query for many members; `window` is skip, limit and fromEnd.

    async def badges_of_members(self, ids: list[str], *, kind: str | None, **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["progress_badges_of_members"], ids=ids, kind=kind, **window))

    async def trails_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["progress_trails_of_members"], ids=ids, **window))

    async def activity_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["progress_activity_of_members"], ids=ids, **window))
