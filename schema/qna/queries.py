"""QnaQueries: root query fields of this domain, thin delegations to `resolvers.qna.service`."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from resolvers.ids import id_argument
from resolvers.qna import service
from schema.context import Info
from schema.qna.types import AnswerStats, Question
from schema.relay import Connection, window


@strawberry.enum(description="Orders for `questions`; every order ends on the question's id, so pages are stable.")
class QuestionOrder(Enum):
    NEWEST = strawberry.enum_value("NEWEST", description="Newest first.")
    VOTES = strawberry.enum_value("VOTES", description=(
        "By the score (up votes minus down votes) of the question's best answer, highest first; a question "
        "without answers counts 0. Ties newest first."))
    UNANSWERED_OLDEST = strawberry.enum_value("UNANSWERED_OLDEST", description=(
        "Only questions without answers, oldest first: the ones waiting longest for help."))


@strawberry.input(description="Narrows `questions`; all given conditions must hold.")
class QuestionFilter:
    topic: strawberry.ID | None = strawberry.field(default=None, description="A topic the question is tagged with.")
    group: strawberry.ID | None = strawberry.field(default=None, description="The group it was asked in.")
    unanswered: bool | None = strawberry.field(
        default=None, description="true: only questions without answers; false: only answered ones.")
    author_id: strawberry.ID | None = strawberry.field(
        default=None, description="The member who asked it (matches nothing when their profile is hidden from you).")
    search: str | None = strawberry.field(default=None, description="Words in the title or body.")


@strawberry.type
class QnaQueries:
    @strawberry.field(description="Questions, filtered and ordered.")
    async def questions(
        self, info: Info, filter: QuestionFilter | None = None, order_by: QuestionOrder = QuestionOrder.NEWEST,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Question]:
        f = filter or QuestionFilter()
        fetched = await service.list_questions(
            info.context.scope, win=window(first, after, last, before),
            topic=str(f.topic) if f.topic is not None else None,
            group=str(f.group) if f.group is not None else None,
            unanswered=f.unanswered,
            author_id=str(f.author_id) if f.author_id is not None else None,
            search=f.search, order_by=order_by.value,
        )
        return Connection.of(fetched, Question.from_row)

    @strawberry.field(description="A question by its ID, or null if there is none.")
    async def question(self, info: Info, id: strawberry.ID) -> Question | None:
        question_id = id_argument(str(id), "Question", "id")  # a malformed ID is BAD_USER_INPUT
        row = await service.question_by_id(info.context.scope, question_id=question_id)
        return Question.from_row(row) if row else None

    @strawberry.field(description=(
        "How fast questions get a first answer: counts, the share answered within 48 hours and the median "
        "time to a first answer, for questions asked since `since` (all when null), in a topic or group."))
    async def answer_stats(
        self, info: Info, topic: strawberry.ID | None = None, group: strawberry.ID | None = None,
        since: datetime | None = None,
    ) -> AnswerStats:
        stats = await service.answer_stats(
            info.context.scope, topic=str(topic) if topic is not None else None,
            group=str(group) if group is not None else None, since=since,
        )
        return AnswerStats(
            question_count=stats.question_count,
            answered_count=stats.answered_count,
            answered_within_48_hours_count=stats.answered_within_48_hours_count,
            answered_within_48_hours_share=stats.answered_within_48_hours_share,
            median_hours_to_first_answer=stats.median_hours_to_first_answer,
        )
