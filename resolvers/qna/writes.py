"""Questions-and-answers mutations: ask, answer, edit, vote, accept.

Each returns an `Outcome`: the changed record, or the user errors that stopped it. Each is a
single write transaction (checks that read first only decide which error to report; the write
re-checks what it depends on), so a refused mutation writes nothing.
"""

from __future__ import annotations

from typing import Any

from graph.community.repository import Row
from resolvers.community.loaders import forget
from resolvers.community.service import Outcome, new_id
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import from_global_id
from resolvers.qna.loaders import QnaContext, qna
from graph.qna.reputation import REPUTATION
from resolvers.qna.service import VOTE_VALUES, viewer_can_accept
from resolvers.scope import RequestScope

TITLE_LENGTH = (5, 200)
BODY_LENGTH = (1, 20_000)
TOPICS_PER_QUESTION = (1, 5)


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def _check_text(check: Checker, *, title: str | None = None, body: str | None = None) -> None:
    check.text("title", "title", title, min_length=TITLE_LENGTH[0], max_length=TITLE_LENGTH[1])
    check.text("body", "body", body, min_length=BODY_LENGTH[0], max_length=BODY_LENGTH[1], multiline=True)


async def _topic_ids(scope: RequestScope, values: list[str], check: Checker) -> list[str]:
    """Distinct existing topic ids, 1 to 5 of them; problems go to `check`."""
    low, high = TOPICS_PER_QUESTION
    if len(values) > high * 4:  # do not even decode an absurd list
        check.fail("topicIds", f"a question has {low} to {high} topics")
        return []
    ids = []
    for index, value in enumerate(values):
        topic_id, errors = _target(value, "Topic", f"topicIds[{index}]")
        check.errors.extend(errors)
        if topic_id is not None:
            ids.append(topic_id)
    ids = list(dict.fromkeys(ids))
    if not low <= len(ids) <= high:
        check.fail("topicIds", f"a question has {low} to {high} topics")
        return ids
    for topic_id, topic in zip(ids, await scope.loaders.topic_by_id.load_many(ids)):
        if topic is None:
            check.fail("topicIds", f"no such topic: {topic_id}", "NOT_FOUND")
    return ids


def _refresh(context: QnaContext, scope: RequestScope, *members: str | None) -> None:
    """After a write: forget cached Q&A rows and the members whose reputation may have moved."""
    context.forget_writes()
    for member_id in members:
        if member_id:
            forget(scope.loaders.member_by_id, member_id)


async def ask_question(scope: RequestScope, *, title: str, body: str, topic_ids: list[str],
                       group_id: str | None = None) -> Outcome[Row]:
    """Ask a question in 1-5 topics, optionally in a group the asker belongs to."""
    viewer = scope.require_viewer()
    check = Checker()
    _check_text(check, title=title, body=body)
    topics = await _topic_ids(scope, topic_ids, check)
    group = None
    if group_id is not None:
        group, errors = _target(group_id, "Group", "groupId")
        check.errors.extend(errors)
        if group is not None and await scope.loaders.group_by_id.load(group) is None:
            check.fail("groupId", "no such group", "NOT_FOUND")
    if check.errors:
        return Outcome(None, check.errors)
    props = {"id": new_id(), "title": check.values["title"], "body": check.values["body"]}
    context = qna(scope)
    row = await context.repository.create_question(viewer.member_id, props, topics, group)
    if row is None:
        if group is not None and await scope.loaders.member_by_id.load(viewer.member_id) is not None:
            return Outcome.refused("groupId", "join this group to ask a question in it", "FORBIDDEN")
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    _refresh(context, scope)
    context.question_by_id.prime(row["id"], row)
    return Outcome(row)


async def answer_question(scope: RequestScope, *, question_global_id: str, body: str) -> Outcome[Row]:
    """Answer a question (your own too)."""
    viewer = scope.require_viewer()
    question_id, errors = _target(question_global_id, "Question", "questionId")
    check = Checker()
    check.errors.extend(errors)
    _check_text(check, body=body)
    if check.errors:
        return Outcome(None, check.errors)
    context = qna(scope)
    if await context.question_by_id.load(question_id) is None:
        return Outcome.refused("questionId", "no such question", "NOT_FOUND")
    row = await context.repository.create_answer(viewer.member_id, question_id,
                                                 {"id": new_id(), "body": check.values["body"]})
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    _refresh(context, scope)
    context.answer_by_id.prime(row["id"], row)
    return Outcome(row)


async def edit_question(scope: RequestScope, *, question_global_id: str, changes: dict[str, Any]) -> Outcome[Row]:
    """Change your own question's title, body or topics; FORBIDDEN for anyone else."""
    viewer = scope.require_viewer()
    question_id, errors = _target(question_global_id, "Question", "questionId")
    check = Checker()
    check.errors.extend(errors)
    for key in ("title", "body"):
        if key in changes and changes[key] is None:
            check.fail(key, "cannot be cleared")
    _check_text(check, title=changes.get("title"), body=changes.get("body"))
    topics = None
    if changes.get("topic_ids") is not None:
        topics = await _topic_ids(scope, changes["topic_ids"], check)
    elif "topic_ids" in changes:
        check.fail("topicIds", "cannot be cleared: a question has at least one topic")
    if check.errors:
        return Outcome(None, check.errors)
    if not check.values and topics is None:
        return Outcome.refused("input", "give at least one field to change")
    context = qna(scope)
    if await context.question_by_id.load(question_id) is None:
        return Outcome.refused("questionId", "no such question", "NOT_FOUND")
    row = await context.repository.update_question(viewer.member_id, question_id, check.values, topics)
    if row is None:
        raise Forbidden("only the author of this question can edit it")
    _refresh(context, scope)
    context.question_by_id.prime(row["id"], row)
    return Outcome(row)


async def edit_answer(scope: RequestScope, *, answer_global_id: str, body: str) -> Outcome[Row]:
    """Change your own answer's body; FORBIDDEN for anyone else."""
    viewer = scope.require_viewer()
    answer_id, errors = _target(answer_global_id, "Answer", "answerId")
    check = Checker()
    check.errors.extend(errors)
    _check_text(check, body=body)
    if check.errors:
        return Outcome(None, check.errors)
    context = qna(scope)
    if await context.answer_by_id.load(answer_id) is None:
        return Outcome.refused("answerId", "no such answer", "NOT_FOUND")
    row = await context.repository.update_answer(viewer.member_id, answer_id, check.values["body"])
    if row is None:
        raise Forbidden("only the author of this answer can edit it")
    _refresh(context, scope)
    context.answer_by_id.prime(row["id"], row)
    return Outcome(row)


async def vote_answer(scope: RequestScope, *, answer_global_id: str, value: str) -> Outcome[Row]:
    """Vote an answer UP or DOWN, or withdraw your vote with NONE; never your own answer."""
    viewer = scope.require_viewer()
    answer_id, errors = _target(answer_global_id, "Answer", "answerId")
    if errors:
        return Outcome(None, errors)
    if value not in VOTE_VALUES:
        return Outcome.refused("value", f"must be one of {', '.join(VOTE_VALUES)}")
    context = qna(scope)
    answer = await context.answer_by_id.load(answer_id)
    if answer is None:
        return Outcome.refused("answerId", "no such answer", "NOT_FOUND")
    if answer.get("authorId") == viewer.member_id:
        return Outcome.refused("answerId", "you cannot vote on your own answer", "CANNOT_VOTE_OWN")
    row = await context.repository.vote_answer(viewer.member_id, answer_id, VOTE_VALUES[value], REPUTATION.params())
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    _refresh(context, scope, row.get("authorId"))
    context.answer_by_id.prime(row["id"], row)
    return Outcome(row)


async def _acceptance(scope: RequestScope, *, answer_global_id: str, accept: bool) -> Outcome[Row]:
    viewer = scope.require_viewer()
    answer_id, errors = _target(answer_global_id, "Answer", "answerId")
    if errors:
        return Outcome(None, errors)
    context = qna(scope)
    answer = await context.answer_by_id.load(answer_id)
    if answer is None:
        return Outcome.refused("answerId", "no such answer", "NOT_FOUND")
    question = await context.question_by_id.load(answer["questionId"])
    if question is None or not await viewer_can_accept(scope, question=question):
        raise Forbidden("only the asker or a leader of the question's group can accept its answers")
    previous = await context.answer_by_id.load(question["acceptedAnswerId"]) if question.get("acceptedAnswerId") else None
    write = context.repository.accept_answer if accept else context.repository.unaccept_answer
    row = await write(viewer.member_id, answer_id, REPUTATION.params())
    if row is None:  # the viewer's leadership ended between the check and the write
        raise Forbidden("only the asker or a leader of the question's group can accept its answers")
    _refresh(context, scope, row.get("authorId"), previous.get("authorId") if previous else None)
    context.answer_by_id.prime(row["id"], row)
    return Outcome(row)


async def accept_answer(scope: RequestScope, *, answer_global_id: str) -> Outcome[Row]:
    """Accept an answer, moving the acceptance from any other answer of the question."""
    return await _acceptance(scope, answer_global_id=answer_global_id, accept=True)


async def unaccept_answer(scope: RequestScope, *, answer_global_id: str) -> Outcome[Row]:
    """Withdraw an answer's acceptance; harmless when it is not accepted."""
    return await _acceptance(scope, answer_global_id=answer_global_id, accept=False)
