"""QnaRepository: runs the questions-and-answers domain's named queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from graph.community.repository import Page, Row, Visibility
from graph.cypher import load_queries
from graph.database import Graph, Transaction

QUERIES = load_queries(Path(__file__).parent)
ANCHORS = ("topicId", "groupId", "authorId")  # filters a question list can start from


def _keyed(rows: Iterable[Row], key: str, value: str) -> dict[Any, Any]:
    return {row[key]: row[value] for row in rows}


def _pages(rows: Iterable[Row]) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], row["page"]) for row in rows}


class QnaRepository:
    """Reads and writes questions, answers, votes and acceptances."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups by key (behind DataLoaders) -------------------------------------------

    async def questions_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["questions_by_ids"], ids=ids), "id", "question")

    async def answers_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["answers_by_ids"], ids=ids), "id", "answer")

    async def viewer_votes(self, viewer_id: str, ids: list[str]) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["viewer_votes_on_answers"], viewerId=viewer_id, ids=ids)
        return _keyed(rows, "id", "value")

    # -- lists ------------------------------------------------------------------------

    @staticmethod
    def _questions_statement(kind: str, filters: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The anchored statement when a topic, group or author is given, else the plain scan."""
        if any(filters.get(key) is not None for key in ANCHORS):
            return f"anchored_questions_{kind}", filters
        return f"questions_{kind}", {k: v for k, v in filters.items() if k not in ANCHORS}

    async def questions_page(self, *, visibility: Visibility, skip: int, limit: int, **filters: Any) -> list[Row]:
        name, params = self._questions_statement("page", filters)
        extra = visibility.params() if name.startswith("anchored") else {}
        rows = await self.graph.read(QUERIES[name], skip=skip, limit=limit, **extra, **params)
        return [row["question"] for row in rows]

    async def questions_count(self, *, visibility: Visibility, **filters: Any) -> int:
        name, params = self._questions_statement("count", filters)
        extra = visibility.params() if name.startswith("anchored") else {}
        rows = await self.graph.read(QUERIES[name], **extra, **params)
        return rows[0]["total"] if rows else 0

    # Nested lists: one query for many parents; `window` is skip, limit and fromEnd.

    async def answers_of_questions(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["answers_of_questions"], ids=ids, **window))

    async def questions_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["questions_of_members"], ids=ids, **window))

    async def answers_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["answers_of_members"], ids=ids, **window))

    async def routing_candidates(self, ids: list[str], *, visibility: Visibility, routing: dict[str, Any]) -> Row:
        """Candidates and evidence to route a batch of questions; `routing` holds the routing parameters."""
        rows = await self.graph.read(QUERIES["routing_candidates"], ids=ids, **visibility.params(), **routing)
        return rows[0] if rows else {"questions": [], "topicPools": [], "skillPools": [], "candidates": []}

    async def answer_stats(self, *, topic_id: str | None, group_id: str | None, since_millis: int | None,
                           within_hours: float) -> Row:
        rows = await self.graph.read(QUERIES["answer_stats"], topicId=topic_id, groupId=group_id,
                                     sinceMillis=since_millis, withinHours=within_hours)
        return rows[0]

    # -- writes: each method is one write transaction ---------------------------------

    async def create_question(self, author_id: str, props: Row, topic_ids: list[str],
                              group_id: str | None) -> Row | None:
        """Ask a question and return it; None when the asker may not post in that group."""

        async def work(tx: Transaction) -> Row | None:
            created = await tx.one(QUERIES["create_question"], authorId=author_id, props=props,
                                   topicIds=topic_ids, groupId=group_id)
            if created is None:
                return None
            fresh = await tx.one(QUERIES["questions_by_ids"], ids=[created["id"]])
            return fresh["question"] if fresh else None

        return await self.graph.write_tx(work)

    async def update_question(self, author_id: str, question_id: str, props: Row,
                              topic_ids: list[str] | None) -> Row | None:
        """Edit a question its author asked, its topics too; None when `author_id` did not ask it."""

        async def work(tx: Transaction) -> Row | None:
            updated = await tx.one(QUERIES["update_question"], authorId=author_id, id=question_id, props=props)
            if updated is None:
                return None
            if topic_ids is not None:
                await tx.rows(QUERIES["replace_question_topics"], id=question_id, topicIds=topic_ids)
            fresh = await tx.one(QUERIES["questions_by_ids"], ids=[question_id])
            return fresh["question"] if fresh else None

        return await self.graph.write_tx(work)

    async def _write_answer(self, name: str, **params: Any) -> Row | None:
        rows = await self.graph.write(QUERIES[name], **params)
        return rows[0]["answer"] if rows else None

    async def create_answer(self, author_id: str, question_id: str, props: Row) -> Row | None:
        return await self._write_answer("create_answer", authorId=author_id, questionId=question_id, props=props)

    async def update_answer(self, author_id: str, answer_id: str, body: str) -> Row | None:
        return await self._write_answer("update_answer", authorId=author_id, id=answer_id, body=body)

    async def vote_answer(self, voter_id: str, answer_id: str, value: int, points: dict[str, int]) -> Row | None:
        """Set a vote (1, -1, or 0 to withdraw); None when the answer is missing or the voter's own."""
        return await self._write_answer("vote_answer", voterId=voter_id, answerId=answer_id, value=value, **points)

    async def accept_answer(self, actor_id: str, answer_id: str, points: dict[str, int]) -> Row | None:
        """Accept an answer; None when `actor_id` may not (neither the asker nor a group leader)."""
        return await self._write_answer("accept_answer", actorId=actor_id, answerId=answer_id, **points)

    async def unaccept_answer(self, actor_id: str, answer_id: str, points: dict[str, int]) -> Row | None:
        return await self._write_answer("unaccept_answer", actorId=actor_id, answerId=answer_id, **points)

    # -- consistency --------------------------------------------------------------------

    async def reputation_mismatches(self, points: dict[str, int]) -> int:
        """How many members' stored reputation differs from the one recomputed from the graph."""
        rows = await self.graph.read(QUERIES["reputation_mismatches"], **points)
        return rows[0]["mismatches"] if rows else 0

    async def recompute_reputation(self, points: dict[str, int]) -> int:
        """Rewrite every stored reputation from the graph; returns how many changed."""
        rows = await self.graph.write(QUERIES["recompute_reputation"], **points)
        return rows[0]["updated"] if rows else 0

    async def counter_mismatches(self) -> dict[str, int]:
        """Answers and questions whose counters disagree with their relationships."""
        rows = await self.graph.read(QUERIES["qna_counter_mismatches"])
        return rows[0] if rows else {"answers": 0, "questions": 0}
