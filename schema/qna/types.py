"""Questions-and-answers entities: Question and Answer, and the values hanging off them."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.ids import to_global_id
from resolvers.qna import service
from resolvers.qna.routing import DEFAULT_SUGGESTIONS
from schema.context import Info
from schema.relay import Connection, Node, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.types import Group, Member, Topic

Row = dict[str, Any]
LazyMember = Annotated["Member", strawberry.lazy("schema.community.types")]
LazyGroup = Annotated["Group", strawberry.lazy("schema.community.types")]
LazyTopic = Annotated["Topic", strawberry.lazy("schema.community.types")]


def _member(row: Row | None):
    from schema.community.types import Member  # Member's module imports this one

    return Member.from_row(row) if row else None


@strawberry.enum(description="A member's vote on an answer.")
class VoteDirection(Enum):
    UP = "UP"
    DOWN = "DOWN"


@strawberry.type(description="Why a member is suggested to answer a question: their evidence in its topics.")
class AnswererEvidence:
    accepted_answers: int = strawberry.field(
        description="Their accepted answers on other questions tagged with this question's topics.")
    best_skill_level: int | None = strawberry.field(
        description="Their best level (1-5) in a skill the question's topics cover; null when they hold none.")
    endorsements: int = strawberry.field(description="Endorsements they received on the skills those topics cover.")
    last_active_at: datetime | None = strawberry.field(description="When they last asked or answered a question.")


@strawberry.type(description="A member likely to answer a question, with a score and its evidence.")
class SuggestedAnswerer:
    member: LazyMember
    score: float = strawberry.field(description="Weighted evidence; higher is a better match. Compare within one list.")
    evidence: AnswererEvidence

    @classmethod
    def from_row(cls, row: Row) -> "SuggestedAnswerer":
        return cls(
            member=_member(row["member"]),
            score=float(row["score"]),
            evidence=AnswererEvidence(
                accepted_answers=row["acceptedAnswers"],
                best_skill_level=row.get("bestSkillLevel"),
                endorsements=row["endorsements"],
                last_active_at=time_of(row.get("lastActiveAt")),
            ),
        )


@strawberry.federation.type(keys=["id"], description="A question a member asked the community, tagged with topics.")
class Question(Node):
    id: strawberry.ID
    title: str
    body: str
    created_at: datetime
    updated_at: datetime
    answer_count: int = strawberry.field(description="How many answers it has.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Question":
        return cls(
            id=strawberry.ID(to_global_id("Question", row["id"])),
            title=row["title"],
            body=row["body"],
            created_at=time_of(row["createdAt"]),
            updated_at=time_of(row.get("updatedAt") or row["createdAt"]),
            answer_count=row.get("answerCount", 0),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Question | None":
        local = reference_id(id, "Question")
        row = await service.question_by_id(info.context.scope, question_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="Whether it has at least one answer.")
    def is_answered(self) -> bool:
        return self.answer_count > 0

    @strawberry.field(description="Who asked it; null when their profile is hidden from you.")
    async def author(self, info: Info) -> LazyMember | None:
        return _member(await service.author_of(info.context.scope, self.row))

    @strawberry.field(description="The group it was asked in, if any.")
    async def group(self, info: Info) -> LazyGroup | None:
        from schema.community.types import Group

        row = await service.group_of(info.context.scope, self.row)
        return Group.from_row(row) if row else None

    @strawberry.field(description="Its topics, by name.")
    def topics(self) -> list[LazyTopic]:
        from schema.community.types import Topic

        return [Topic.from_row(row) for row in sorted(self.row.get("topics") or [], key=lambda t: (t["name"], t["id"]))]

    @strawberry.field(description="The answer its asker (or a group leader) accepted, if any.")
    async def accepted_answer(self, info: Info) -> Answer | None:
        answer_id = self.row.get("acceptedAnswerId")
        row = await service.answer_by_id(info.context.scope, answer_id=answer_id) if answer_id else None
        return Answer.from_row(row) if row else None

    @strawberry.field(description="Its answers: the accepted one first, then by score (highest first), then oldest first.")
    async def answers(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Answer]:
        fetched = await service.answers_of_question(info.context.scope, question_id=self.row["id"],
                                                    win=window(first, after, last, before))
        return Connection.of(fetched, Answer.from_row)

    @strawberry.field(description=(
        "Members likely to answer it, best first (at most 20): evidence in its topics (accepted answers, "
        "skill level, endorsements), active in the last 90 days; never its asker or someone who answered it."))
    async def suggested_answerers(self, info: Info, first: int = DEFAULT_SUGGESTIONS) -> list[SuggestedAnswerer]:
        rows = await service.suggested_answerers(info.context.scope, question_id=self.row["id"], first=first)
        return [SuggestedAnswerer.from_row(row) for row in rows]

    @strawberry.field(description="Whether you may accept its answers: you asked it, or you lead its group.")
    async def viewer_can_accept(self, info: Info) -> bool:
        return await service.viewer_can_accept(info.context.scope, question=self.row)


@strawberry.federation.type(keys=["id"], description="An answer to a question, with its votes.")
class Answer(Node):
    id: strawberry.ID
    body: str
    created_at: datetime
    updated_at: datetime
    upvotes: int
    downvotes: int
    score: int = strawberry.field(description="Up votes minus down votes.")
    is_accepted: bool = strawberry.field(description="Whether the question's asker (or a group leader) accepted it.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Answer":
        return cls(
            id=strawberry.ID(to_global_id("Answer", row["id"])),
            body=row["body"],
            created_at=time_of(row["createdAt"]),
            updated_at=time_of(row.get("updatedAt") or row["createdAt"]),
            upvotes=row.get("upvotes", 0),
            downvotes=row.get("downvotes", 0),
            score=row.get("score", 0),
            is_accepted=bool(row.get("accepted")),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Answer | None":
        local = reference_id(id, "Answer")
        row = await service.answer_by_id(info.context.scope, answer_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="Who wrote it; null when their profile is hidden from you.")
    async def author(self, info: Info) -> LazyMember | None:
        return _member(await service.author_of(info.context.scope, self.row))

    @strawberry.field(description="The question it answers.")
    async def question(self, info: Info) -> Question:
        row = await service.question_by_id(info.context.scope, question_id=self.row["questionId"])
        return Question.from_row(row)

    @strawberry.field(description="Your vote on it; null when you have not voted or are not signed in.")
    async def viewer_vote(self, info: Info) -> VoteDirection | None:
        value = await service.viewer_vote(info.context.scope, answer_id=self.row["id"])
        return {1: VoteDirection.UP, -1: VoteDirection.DOWN}.get(value)


@strawberry.type(description="How fast questions get a first answer.")
class AnswerStats:
    question_count: int = strawberry.field(description="Questions asked.")
    answered_count: int = strawberry.field(description="Of those, questions with at least one answer.")
    answered_within_48_hours_count: int = strawberry.field(
        description="Questions whose first answer came within 48 hours of asking.")
    answered_within_48_hours_share: float | None = strawberry.field(description=(
        "answeredWithin48HoursCount / questionCount, from 0 to 1 (questions asked less than 48 hours ago "
        "and still unanswered count as not answered in time); null when there are no questions."))
    median_hours_to_first_answer: float | None = strawberry.field(
        description="Median hours from asking to the first answer, over answered questions; null when none is answered.")


# The Node entities this domain adds; schema/nodes.py serves them through `node`, `nodes` and `_entities`.
ENTITIES: list[type] = [Question, Answer]
