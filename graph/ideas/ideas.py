"""IdeaRepository: ideas, their votes, followers and comments (graph/ideas/ideas.cypher).

Every write to an existing idea is one transaction: `ideas_lock` first (a real write of
`Idea.version`, the idea's lock), then the state it returns goes to the caller's `decide`, then
the change. When `decide` names a reason, the transaction is rolled back, so a refused write
leaves nothing behind, not even the version bump. A transaction that loses a race is run again
(`Graph.write_tx` attempts) and re-reads everything it decides on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable

from graph.community.repository import Page, Row, Visibility
from graph.database import Graph, Transaction
from graph.errors import GraphError
from graph.ideas import QUERIES

# Votes, follows and comments on one popular idea overlap; the driver retries a lost race for a
# few seconds, and a crowd can outlast that, so the whole transaction is tried again a few times
# before the client hears CONFLICT.
CONTENDED_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class LockedIdea:
    """An idea's state read under its lock, for the rules to decide on."""

    status: str
    author_id: str | None
    member_exists: bool  # the member acting


@dataclass(frozen=True, slots=True)
class Written:
    """What a write did: its rows, or the reason it was refused (and nothing was written)."""

    row: Row | None = None
    refused: str | None = None


# `decide` gets the locked state (None when the idea does not exist) and returns a reason to
# refuse, or None to go ahead.
Decide = Callable[[LockedIdea | None], str | None]


class _Refused(GraphError):
    """Raised inside a transaction to roll it back; never leaves this module."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _keyed(rows: Iterable[Row], key: str, value: str) -> dict[Any, Any]:
    return {row[key]: row[value] for row in rows}


def _pages(rows: Iterable[Row]) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], row["page"]) for row in rows}


class IdeaRepository:
    """Reads and writes ideas, votes, idea follows and idea comments."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups by key (behind DataLoaders) -------------------------------------------

    async def comments_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["ideas_comments_by_ids"], ids=ids), "id", "comment")

    async def viewer_votes(self, viewer_id: str, ids: list[str]) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["ideas_viewer_votes"], viewerId=viewer_id, ids=ids)
        return _keyed(rows, "id", "value")

    async def viewer_follows(self, viewer_id: str, ids: list[str]) -> set[str]:
        rows = await self.graph.read(QUERIES["ideas_viewer_follows"], viewerId=viewer_id, ids=ids)
        return {row["id"] for row in rows}

    # -- lists ------------------------------------------------------------------------

    async def ideas_page(self, *, visibility: Visibility, order_by: str, skip: int, limit: int,
                         **filters: Any) -> list[Row]:
        rows = await self.graph.read(QUERIES["ideas_page"], orderBy=order_by, skip=skip, limit=limit,
                                     **visibility.params(), **filters)
        return [row["idea"] for row in rows]

    async def ideas_count(self, *, visibility: Visibility, **filters: Any) -> int:
        rows = await self.graph.read(QUERIES["ideas_count"], **visibility.params(), **filters)
        return rows[0]["total"] if rows else 0

    # Nested lists: one query for many parents; `window` is skip, limit and fromEnd.

    async def ideas_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["ideas_of_members"], ids=ids, **window))

    async def followers_of_ideas(self, ids: list[str], *, visibility: Visibility, **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["ideas_followers"], ids=ids, **window, **visibility.params()))

    async def comments_of_ideas(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["ideas_comments"], ids=ids, **window))

    # -- writes: each method is one write transaction ---------------------------------

    async def create_idea(self, author_id: str, product_area_id: str, props: Row) -> Row | None:
        """A new NEW idea its author follows; None when the author or the product area is missing."""
        rows = await self.graph.write(QUERIES["ideas_create"], authorId=author_id, productAreaId=product_area_id,
                                      props=props)
        return rows[0]["idea"] if rows else None

    async def _locked(self, idea_id: str, member_id: str, decide: Decide,
                      change: Callable[[Transaction], Awaitable[Row | None]]) -> Written:
        async def work(tx: Transaction) -> Written:
            row = await tx.one(QUERIES["ideas_lock"], ideaId=idea_id, memberId=member_id)
            state = None if row is None else LockedIdea(
                status=row["status"], author_id=row["authorId"], member_exists=row["memberExists"])
            reason = decide(state)
            if reason is not None:
                raise _Refused(reason)  # rolls the version bump back
            changed = await change(tx)
            if changed is None:  # what the change matched went away under the lock: nothing happened
                raise _Refused("NOT_FOUND")
            return Written(changed)

        try:
            return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)
        except _Refused as refusal:
            return Written(refused=refusal.reason)

    async def update_idea(self, idea_id: str, member_id: str, decide: Decide, *, props: Row,
                          product_area_id: str | None, area_missing: str) -> Written:
        """Change an idea's text and/or product area; refused with `area_missing` if the area vanished."""

        async def change(tx: Transaction) -> Row | None:
            if product_area_id is not None:
                if await tx.one(QUERIES["ideas_move_area"], ideaId=idea_id, productAreaId=product_area_id) is None:
                    raise _Refused(area_missing)
            return await tx.one(QUERIES["ideas_update"], ideaId=idea_id, props=props)

        return await self._locked(idea_id, member_id, decide, change)

    async def vote(self, idea_id: str, voter_id: str, decide: Decide, *, value: int, at_millis: int, trend: float,
                   vote_points: int, threshold: int, change_id: str) -> Written:
        """Set, change or withdraw (`value` 0) a vote; the row has `idea` and `movedToReview`."""

        async def change(tx: Transaction) -> Row | None:
            return await tx.one(QUERIES["ideas_vote"], ideaId=idea_id, voterId=voter_id, value=value,
                                atMillis=at_millis, trend=trend, votePoints=vote_points, threshold=threshold,
                                changeId=change_id)

        return await self._locked(idea_id, voter_id, decide, change)

    async def follow(self, idea_id: str, member_id: str, decide: Decide, *, follow: bool) -> Written:
        """Follow or unfollow an idea, idempotently; the row has `idea`."""
        query = QUERIES["ideas_follow" if follow else "ideas_unfollow"]
        return await self._locked(idea_id, member_id, decide,
                                  lambda tx: tx.one(query, ideaId=idea_id, memberId=member_id))

    async def comment(self, idea_id: str, member_id: str, decide: Decide, *, props: Row) -> Written:
        """Comment on an idea; the row has `comment` and `idea`."""
        return await self._locked(idea_id, member_id, decide,
                                  lambda tx: tx.one(QUERIES["ideas_comment"], ideaId=idea_id, memberId=member_id,
                                                    props=props))
