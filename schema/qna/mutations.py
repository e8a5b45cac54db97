"""QnaMutations: root mutation fields of this domain, each with one input and a payload with userErrors."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry import Private

from resolvers.community.validation import UserError as UserErrorData
from resolvers.qna import service, writes
from schema.community.mutations import UserError
from schema.context import Info
from schema.qna.types import Answer, Question

Row = dict[str, Any]


def _errors(errors: list[UserErrorData]) -> list[UserError]:
    return [UserError(field=e.field, message=e.message, code=e.code) for e in errors]


def _question(row: Row | None) -> Question | None:
    return Question.from_row(row) if row else None


def _answer(row: Row | None) -> Answer | None:
    return Answer.from_row(row) if row else None


@strawberry.enum(description="A vote to cast on an answer; NONE withdraws yours.")
class VoteValue(Enum):
    UP = "UP"
    DOWN = "DOWN"
    NONE = "NONE"


@strawberry.input(description="A new question.")
class AskQuestionInput:
    title: str = strawberry.field(description="5 to 200 characters.")
    body: str = strawberry.field(description="1 to 20,000 characters.")
    topic_ids: list[strawberry.ID] = strawberry.field(description="1 to 5 topics.")
    group_id: strawberry.ID | None = strawberry.field(default=None, description="A group you belong to, to ask in it.")


@strawberry.type
class AskQuestionPayload:
    question: Question | None
    user_errors: list[UserError]


@strawberry.input
class AnswerQuestionInput:
    question_id: strawberry.ID
    body: str = strawberry.field(description="1 to 20,000 characters.")


@strawberry.type
class AnswerPayloadFields:
    """An answer payload also offers the answer's question, read after the write."""

    answer_row: Private[Row | None]

    @strawberry.field(description="The question of the answer, as it is after this change.")
    async def question(self, info: Info) -> Question | None:
        if not self.answer_row:
            return None
        return _question(await service.question_by_id(info.context.scope, question_id=self.answer_row["questionId"]))


@strawberry.type
class AnswerQuestionPayload(AnswerPayloadFields):
    answer: Answer | None
    user_errors: list[UserError]


@strawberry.input(description="Question fields to change; leave out what stays the same. Its author only.")
class EditQuestionInput:
    question_id: strawberry.ID
    title: str | None = strawberry.UNSET
    body: str | None = strawberry.UNSET
    topic_ids: list[strawberry.ID] | None = strawberry.UNSET


@strawberry.type
class EditQuestionPayload:
    question: Question | None
    user_errors: list[UserError]


@strawberry.input(description="A new body for an answer. Its author only.")
class EditAnswerInput:
    answer_id: strawberry.ID
    body: str


@strawberry.type
class EditAnswerPayload(AnswerPayloadFields):
    answer: Answer | None
    user_errors: list[UserError]


@strawberry.input
class VoteAnswerInput:
    answer_id: strawberry.ID
    value: VoteValue


@strawberry.type
class VoteAnswerPayload(AnswerPayloadFields):
    answer: Answer | None
    user_errors: list[UserError]


@strawberry.input
class AcceptAnswerInput:
    answer_id: strawberry.ID


@strawberry.type
class AcceptAnswerPayload(AnswerPayloadFields):
    answer: Answer | None
    user_errors: list[UserError]


@strawberry.input
class UnacceptAnswerInput:
    answer_id: strawberry.ID


@strawberry.type
class UnacceptAnswerPayload(AnswerPayloadFields):
    answer: Answer | None
    user_errors: list[UserError]


def _fields(value: Any) -> dict[str, Any]:
    """The input fields the client actually sent (unset ones are left out)."""
    return {k: v for k, v in vars(value).items() if v is not strawberry.UNSET}


@strawberry.type
class QnaMutations:
    @strawberry.mutation(description="Ask the community a question.")
    async def ask_question(self, info: Info, input: AskQuestionInput) -> AskQuestionPayload:
        out = await writes.ask_question(
            info.context.scope, title=input.title, body=input.body, topic_ids=[str(t) for t in input.topic_ids],
            group_id=str(input.group_id) if input.group_id is not None else None,
        )
        return AskQuestionPayload(question=_question(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Answer a question; answering your own is allowed.")
    async def answer_question(self, info: Info, input: AnswerQuestionInput) -> AnswerQuestionPayload:
        out = await writes.answer_question(info.context.scope, question_global_id=str(input.question_id),
                                           body=input.body)
        return AnswerQuestionPayload(answer=_answer(out.value), answer_row=out.value,
                                     user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Change a question you asked.")
    async def edit_question(self, info: Info, input: EditQuestionInput) -> EditQuestionPayload:
        changes = _fields(input)
        question_id = str(changes.pop("question_id"))
        if changes.get("topic_ids") is not None:
            changes["topic_ids"] = [str(t) for t in changes["topic_ids"]]
        out = await writes.edit_question(info.context.scope, question_global_id=question_id, changes=changes)
        return EditQuestionPayload(question=_question(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Change an answer you wrote.")
    async def edit_answer(self, info: Info, input: EditAnswerInput) -> EditAnswerPayload:
        out = await writes.edit_answer(info.context.scope, answer_global_id=str(input.answer_id), body=input.body)
        return EditAnswerPayload(answer=_answer(out.value), answer_row=out.value, user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Vote an answer up or down, change your vote, or withdraw it with NONE; one vote per member and "
        "answer, never on your own (CANNOT_VOTE_OWN). Moves the author's reputation."))
    async def vote_answer(self, info: Info, input: VoteAnswerInput) -> VoteAnswerPayload:
        out = await writes.vote_answer(info.context.scope, answer_global_id=str(input.answer_id),
                                       value=input.value.value)
        return VoteAnswerPayload(answer=_answer(out.value), answer_row=out.value, user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Accept an answer, as the question's asker or a leader of its group; any answer accepted before "
        "loses its acceptance (a question has at most one)."))
    async def accept_answer(self, info: Info, input: AcceptAnswerInput) -> AcceptAnswerPayload:
        out = await writes.accept_answer(info.context.scope, answer_global_id=str(input.answer_id))
        return AcceptAnswerPayload(answer=_answer(out.value), answer_row=out.value,
                                   user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Withdraw an answer's acceptance; same permission as acceptAnswer.")
    async def unaccept_answer(self, info: Info, input: UnacceptAnswerInput) -> UnacceptAnswerPayload:
        out = await writes.unaccept_answer(info.context.scope, answer_global_id=str(input.answer_id))
        return UnacceptAnswerPayload(answer=_answer(out.value), answer_row=out.value,
                                     user_errors=_errors(out.user_errors))
