"""QuestRepository: monthly quests (reads), members' progress on them, and the prize draw.

Completing a quest (writing `(Member)-[:COMPLETED]->(Quest)`) belongs to the progress
transactions (graph/learning/progress.py); this module only reads those completions, as quest
progress and as prize-draw entries, and records a month's draw.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from graph.community.repository import Row
from graph.database import Graph, Transaction
from graph.learning import QUERIES


@dataclass(frozen=True, slots=True)
class DrawState:
    """What `record_draw` found before drawing: a draw already there, or the month's quests."""

    drawn: bool
    quests: int
    unfinished: int


@dataclass(slots=True)
class DrawResult:
    """The outcome of one `record_draw` transaction: the state it found and, if it drew, the draw."""

    state: DrawState
    entries: list[tuple[str, str]]
    draw: Row | None = None


# Given the month's canonical entries, the winners to record ({memberId, position, prize}).
# What the resolver draws from the entries: the winner rows and the digest of the entries.
Drawing = Callable[[list[tuple[str, str]]], tuple[list[Row], str]]


class QuestRepository:
    """Quest lookups and pages, per-quest nested reads for many quests, and the prize draws."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- quests -----------------------------------------------------------------------------

    async def quests_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return {r["id"]: r["quest"] for r in await self.graph.read(QUERIES["quests_by_ids"], ids=ids)}

    async def quests_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        return {r["slug"]: r["quest"] for r in await self.graph.read(QUERIES["quests_by_slugs"], slugs=slugs)}

    async def page(self, *, skip: int, limit: int, month: str | None, open_at: int | None,
                   for_rank: int | None) -> list[Row]:
        rows = await self.graph.read(QUERIES["quests_page"], skip=skip, limit=limit, month=month, openAt=open_at,
                                     forRank=for_rank)
        return [r["quest"] for r in rows]

    async def count(self, *, month: str | None, open_at: int | None, for_rank: int | None) -> int:
        rows = await self.graph.read(QUERIES["quests_count"], month=month, openAt=open_at, forRank=for_rank)
        return int(rows[0]["total"]) if rows else 0

    async def requirements_of_quests(self, ids: list[str]) -> dict[str, list[Row]]:
        """Each quest's requirements by title: rows `{kind: MODULE | SUPERBADGE, item}`."""
        out: dict[str, list[Row]] = defaultdict(list)
        for row in await self.graph.read(QUERIES["quest_requirements"], ids=ids):
            out[row["id"]].append({"kind": row["kind"], "item": row["item"]})
        return dict(out)

    async def completion_counts(self, ids: list[str]) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["quest_completion_counts"], ids=ids)
        return {r["id"]: int(r["total"]) for r in rows}

    async def progress_of_member(self, member_id: str, ids: list[str]) -> dict[str, Row]:
        """Per quest: `{completedAt (or None), doneIds}`, the requirements done inside its window."""
        rows = await self.graph.read(QUERIES["quest_progress_of_member"], memberId=member_id, ids=ids)
        return {r["id"]: {"completedAt": r["completedAt"], "doneIds": list(r["doneIds"])} for r in rows}

    # -- prize draws --------------------------------------------------------------------------

    async def draws_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return {r["id"]: r["draw"] for r in await self.graph.read(QUERIES["prize_draws_by_ids"], ids=ids)}

    async def draws_by_months(self, months: list[str]) -> dict[str, Row]:
        return {r["month"]: r["draw"] for r in await self.graph.read(QUERIES["prize_draws_by_months"], months=months)}

    async def winners_of_draws(self, ids: list[str]) -> dict[str, list[Row]]:
        """Each draw's winners by position: rows `{position, prize, member (the member's row)}`."""
        out: dict[str, list[Row]] = defaultdict(list)
        for row in await self.graph.read(QUERIES["prize_draw_winners"], ids=ids):
            out[row["id"]].append({"position": row["position"], "prize": row["prize"], "member": row["member"]})
        return dict(out)

    async def entries_of_months(self, months: list[str]) -> dict[str, list[tuple[str, str]]]:
        """Each month's entries `(member id, quest id)`, in canonical order."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in await self.graph.read(QUERIES["prize_draw_entries"], months=months):
            out[row["month"]].append((row["memberId"], row["questId"]))
        return dict(out)

    async def draw_state(self, month: str) -> DrawState:
        row = await self.graph.read(QUERIES["prize_draw_state"], month=month)
        return DrawState(bool(row[0]["drawn"]), int(row[0]["quests"]), int(row[0]["unfinished"]))

    async def record_draw(self, *, draw_id: str, month: str, seed: str, prizes: list[str], drawn_by: str,
                          drawing: Drawing) -> DrawResult:
        """Draw month `month` in ONE write transaction: read its state and entries, and only when it
        has no draw yet, every quest of it has ended and there are entries, record the draw with the
        winners `drawing(entries)` picks. Otherwise nothing is written (the caller reads why from
        the result). A concurrent draw of the same month loses on the unique month at commit:
        the caller sees `graph.errors.Conflict`.
        """

        async def work(tx: Transaction) -> DrawResult:
            found = await tx.one(QUERIES["prize_draw_state"], month=month)
            assert found is not None  # a RETURN without MATCH always answers one row
            state = DrawState(bool(found["drawn"]), int(found["quests"]), int(found["unfinished"]))
            if state.drawn or state.quests == 0 or state.unfinished > 0:
                return DrawResult(state, [])
            rows = await tx.rows(QUERIES["prize_draw_entries"], months=[month])
            entries = [(r["memberId"], r["questId"]) for r in rows]
            if not entries:
                return DrawResult(state, entries)
            winners, digest = drawing(entries)
            recorded = await tx.one(QUERIES["prize_draw_record"], id=draw_id, month=month, seed=seed, prizes=prizes,
                                    entryCount=len(entries), entriesDigest=digest, drawnBy=drawn_by, winners=winners)
            return DrawResult(state, entries, recorded["draw"] if recorded else None)

        return await self.graph.write_tx(work)


__all__ = ["DrawResult", "DrawState", "Drawing", "QuestRepository"]
