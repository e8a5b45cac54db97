"""Per-request state of the questions-and-answers domain: its repository and DataLoaders.

Get it with `scope.per_request(QnaContext)`; a request that never touches Q&A never builds it.
"""

from __future__ import annotations

from typing import Sequence

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.qna.repository import QnaRepository
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.pagination import page_params
from resolvers.qna.routing import ROUTING, RoutingWeights, rank
from resolvers.scope import RequestScope

SuggestionKey = tuple[str, int]  # (question id, how many suggestions)


def suggestions_loader(repository: QnaRepository, scope: RequestScope,
                       weights: RoutingWeights) -> DataLoader[SuggestionKey, list[Row]]:
    """Suggested answerers of many questions in one query, whatever each one's `first`."""

    async def load(keys: Sequence[SuggestionKey]) -> list[list[Row]]:
        ids = list(dict.fromkeys(question_id for question_id, _ in keys))
        material = await repository.routing_candidates(ids, visibility=scope.visibility, routing=weights.params())
        ranked = rank(material, weights)
        return [ranked.get(question_id, [])[:first] for question_id, first in keys]

    return DataLoader(load_fn=load)


class QnaContext:
    """The Q&A repository and every Q&A loader of one request."""

    def __init__(self, scope: RequestScope) -> None:
        repo = QnaRepository(scope.graph)
        viewer_id = scope.viewer.member_id if scope.viewer else None
        self.repository = repo
        self.question_by_id: DataLoader[str, Row | None] = keyed_loader(repo.questions_by_ids)
        self.answer_by_id: DataLoader[str, Row | None] = keyed_loader(repo.answers_by_ids)
        self.answers_by_question = page_loader(lambda ids, win, _: repo.answers_of_questions(ids, **page_params(win)))
        self.questions_by_member = page_loader(lambda ids, win, _: repo.questions_of_members(ids, **page_params(win)))
        self.answers_by_member = page_loader(lambda ids, win, _: repo.answers_of_members(ids, **page_params(win)))
        self.suggestions_by_question = suggestions_loader(repo, scope, ROUTING)

        async def votes(ids: list[str]) -> dict[str, int]:
            return await repo.viewer_votes(viewer_id, ids) if viewer_id else {}

        self.viewer_vote: DataLoader[str, int | None] = keyed_loader(votes)

    def prime_questions(self, rows: list[Row]) -> None:
        """Remember questions a list query already returned, so their lookups cost nothing."""
        for row in rows:
            self.question_by_id.prime(row["id"], row)

    def prime_answers(self, rows: list[Row]) -> None:
        for row in rows:
            self.answer_by_id.prime(row["id"], row)

    def forget_writes(self) -> None:
        """Drop everything cached before a write, so a payload shows the state after it."""
        for loader in (self.question_by_id, self.answer_by_id, self.answers_by_question, self.questions_by_member,
                       self.answers_by_member, self.suggestions_by_question, self.viewer_vote):
            loader.clear_all()


def qna(scope: RequestScope) -> QnaContext:
    """The request's Q&A context."""
    return scope.per_request(QnaContext)
