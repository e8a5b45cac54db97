"""LifecycleRepository: status histories, status changes, merges and the roadmap (graph/ideas/lifecycle.cypher).

The writes follow graph/MODEL.md, "Ideas", Concurrency: each takes its ideas' locks first (a real
write of `Idea.version`) and decides on what it reads after that. When the decision is "no", the
transaction is rolled back (`_Refused` leaves the managed transaction as an exception), so a
refused change writes nothing, not even the lock. A transaction that lost a race is run again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.community.repository import Page, Row
from graph.database import Graph, Transaction
from graph.errors import GraphError
from graph.ideas import QUERIES

# A merge or status change races with the votes, follows and comments of a crowd on the same
# idea: enough attempts to outlast a burst (each attempt re-reads everything it decides on).
CONTENDED_ATTEMPTS = 10


class _Refused(GraphError):
    """Raised inside a write transaction to roll it back; carries why."""

    def __init__(self, reason: str, **state: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.state = state


@dataclass(frozen=True)
class StatusChange:
    """What `set_status` did: `idea` and `change` rows, or `refused` with the reason (NOT_FOUND,
    MEMBER_NOT_FOUND, IDEA_MERGED, SAME_STATUS) and the idea's `status`."""

    idea: Row | None = None
    change: Row | None = None
    refused: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Merge:
    """What `merge` did: the merged idea, the survivor, the MERGED change, the survivor's
    automatic move to UNDER_REVIEW if the merge made it cross the threshold, and how many votes,
    followers, comments and coins moved (`votesMoved`, `followersMoved`, `commentsMoved`,
    `coinsMoved`); or `refused` with the reason (NOT_FOUND with the missing `ids`, IDEA_MERGED with
    the merged `ids`, MEMBER_NOT_FOUND)."""

    merged: Row | None = None
    survivor: Row | None = None
    change: Row | None = None
    review: Row | None = None
    moved: Row = field(default_factory=dict)
    refused: str | None = None
    ids: list[str] = field(default_factory=list)


class LifecycleRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- reads ------------------------------------------------------------------------------

    async def history_of_ideas(self, ids: list[str], *, skip: int, limit: int) -> dict[str, Page]:
        """A page of each idea's status changes, newest first."""
        rows = await self.graph.read(QUERIES["lifecycle_history_of_ideas"], ids=ids, skip=skip, limit=limit)
        return {row["id"]: Page(row["total"], row["page"]) for row in rows}

    async def status_changes_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["lifecycle_status_changes_by_ids"], ids=ids)
        return {row["id"]: row["change"] for row in rows}

    async def survivors_of_ideas(self, ids: list[str]) -> dict[str, Row]:
        """The idea each merged idea lives on in, by the merged idea's id."""
        rows = await self.graph.read(QUERIES["lifecycle_survivors_of_ideas"], ids=ids)
        return {row["id"]: row["idea"] for row in rows}

    async def roadmap(self, *, statuses: list[str], product_area_id: str | None, limit: int) -> dict[str, Page]:
        """Each status's idea count and first `limit` ideas in roadmap order, by status."""
        rows = await self.graph.read(QUERIES["lifecycle_roadmap"], statuses=statuses, productAreaId=product_area_id,
                                     limit=limit)
        return {row["status"]: Page(row["total"], row["ideas"]) for row in rows}

    # -- writes: one transaction each ----------------------------------------------------------

    async def set_status(self, *, idea_id: str, member_id: str, status: str, comment: str,
                         expected_release: str | None, change_id: str) -> StatusChange:
        """A product manager's status change (lifecycle_set_status), or why it did not happen."""
        params = dict(ideaId=idea_id, memberId=member_id, status=status, comment=comment,
                      expectedRelease=expected_release, changeId=change_id)

        async def work(tx: Transaction) -> StatusChange:
            done = await tx.one(QUERIES["lifecycle_set_status"], **params)
            if done is not None:
                return StatusChange(idea=done["idea"], change=done["change"])
            state = await tx.one(QUERIES["lifecycle_idea_state"], ideaId=idea_id, memberId=member_id)
            assert state is not None  # OPTIONAL MATCHes always give a row
            if not state["ideaExists"]:
                return StatusChange(refused="NOT_FOUND")  # nothing was written: no lock was taken
            if state["status"] == "MERGED":
                raise _Refused("IDEA_MERGED", status="MERGED")
            if state["status"] == status:
                raise _Refused("SAME_STATUS", status=status)
            raise _Refused("MEMBER_NOT_FOUND", status=state["status"])

        try:
            return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)
        except _Refused as refused:
            return StatusChange(refused=refused.reason, status=refused.state.get("status"))

    async def merge(self, *, from_id: str, into_id: str, member_id: str, comment: str | None, change_id: str,
                    review_change_id: str, threshold: int, vote_points: int) -> Merge:
        """Merge idea `from_id` into `into_id` in one transaction (lifecycle_merge_move, then
        lifecycle_merge_close), or say why not."""

        async def work(tx: Transaction) -> Merge:
            # Both locks, always in the same order, so two merges of the same pair cannot deadlock.
            locked = await tx.rows(QUERIES["lifecycle_lock_ideas"], ids=sorted({from_id, into_id}))
            status = {row["id"]: row["status"] for row in locked}
            missing = [i for i in (from_id, into_id) if i not in status]
            if missing:
                raise _Refused("NOT_FOUND", ids=missing)
            merged = [i for i in (from_id, into_id) if status[i] == "MERGED"]
            if merged:
                raise _Refused("IDEA_MERGED", ids=merged)
            moved = await tx.one(QUERIES["lifecycle_merge_move"], fromId=from_id, intoId=into_id,
                                 votePoints=vote_points)
            closed = await tx.one(QUERIES["lifecycle_merge_close"], fromId=from_id, intoId=into_id,
                                  memberId=member_id, comment=comment, changeId=change_id,
                                  reviewChangeId=review_change_id, threshold=threshold)
            if closed is None:  # the product manager has no member node
                raise _Refused("MEMBER_NOT_FOUND")
            review = closed["reviewed"][0] if closed["reviewed"] else None
            return Merge(merged=closed["merged"], survivor=closed["survivor"], change=closed["change"],
                         review=review, moved=moved or {})

        try:
            return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)
        except _Refused as refused:
            return Merge(refused=refused.reason, ids=list(refused.state.get("ids", [])))
