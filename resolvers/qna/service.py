"""Questions-and-answers reads: lookups, lists and nested lists, routing and answer statistics.

Questions and answers are public content; their authors are members, so every author goes
through `member_by_id`, which applies profile privacy: a hidden author is null, never leaked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from graph.community.repository import Row
from resolvers.community.service import member_by_id
from resolvers.community.validation import clean_search
from resolvers.errors import BadUserInput
from resolvers.ids import id_argument
from resolvers.pagination import Slice, Window, paginate, slice_of
from resolvers.qna.loaders import qna
from resolvers.qna.routing import MAX_SUGGESTIONS
from resolvers.scope import RequestScope

QUESTION_ORDERS = ("NEWEST", "VOTES", "UNANSWERED_OLDEST")
ANSWER_WITHIN_HOURS = 48  # the community's promise: most questions answered by peers within 48 hours
VOTE_VALUES = {"UP": 1, "DOWN": -1, "NONE": 0}


# -- lookups ---------------------------------------------------------------------------


async def question_by_id(scope: RequestScope, *, question_id: str) -> Row | None:
    return await qna(scope).question_by_id.load(question_id)


async def answer_by_id(scope: RequestScope, *, answer_id: str) -> Row | None:
    return await qna(scope).answer_by_id.load(answer_id)


async def author_of(scope: RequestScope, row: Row) -> Row | None:
    """The author of a question or answer, when the viewer may see their profile."""
    author_id = row.get("authorId")
    return await member_by_id(scope, member_id=author_id) if author_id else None


async def group_of(scope: RequestScope, question: Row) -> Row | None:
    group_id = question.get("groupId")
    return await scope.loaders.group_by_id.load(group_id) if group_id else None


async def viewer_can_accept(scope: RequestScope, *, question: Row) -> bool:
    """Whether the viewer may accept an answer of this question: its asker, or a leader of its group."""
    if scope.viewer is None:
        return False
    if question.get("authorId") == scope.viewer.member_id:
        return True
    group_id = question.get("groupId")
    return bool(group_id) and await scope.loaders.viewer_role_in_group.load(group_id) == "LEADER"


async def viewer_vote(scope: RequestScope, *, answer_id: str) -> int | None:
    """The viewer's vote on an answer (1 or -1), or None; anonymous viewers have none."""
    return await qna(scope).viewer_vote.load(answer_id)


# -- lists -----------------------------------------------------------------------------


async def list_questions(
    scope: RequestScope,
    *,
    win: Window,
    topic: str | None = None,
    group: str | None = None,
    unanswered: bool | None = None,
    author_id: str | None = None,
    search: str | None = None,
    order_by: str = "NEWEST",
) -> Slice:
    """A page of questions, filtered and in a stable order."""
    if order_by not in QUESTION_ORDERS:
        raise BadUserInput(f"`orderBy` must be one of {', '.join(QUESTION_ORDERS)}", field="orderBy")
    filters = dict(
        topicId=id_argument(topic, "Topic", "filter.topic"),
        groupId=id_argument(group, "Group", "filter.group"),
        authorId=id_argument(author_id, "Member", "filter.authorId"),
        unanswered=unanswered,
        search=clean_search(search),
        orderBy=order_by,
    )
    context, visibility = qna(scope), scope.visibility
    repo = context.repository

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.questions_page(visibility=visibility, skip=skip, limit=limit, **filters)
        context.prime_questions(rows)
        return rows

    return await paginate(win, fetch_page, lambda: repo.questions_count(visibility=visibility, **filters))


async def _nested(loader, parent_id: str, win: Window) -> Slice:
    """A nested list's page through its loader; refetched when a `before` cursor is past the end."""
    page = await loader.load((parent_id, win, None))
    clamped = win.clamped(page.total)
    if clamped is not None:
        return slice_of(await loader.load((parent_id, clamped, None)), clamped)
    return slice_of(page, win)


async def answers_of_question(scope: RequestScope, *, question_id: str, win: Window) -> Slice:
    """A page of a question's answers: the accepted one first, then by score, then oldest first."""
    context = qna(scope)
    fetched = await _nested(context.answers_by_question, question_id, win)
    context.prime_answers(fetched.rows)
    return fetched


async def questions_of_member(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """A page of the questions a member asked, newest first."""
    context = qna(scope)
    fetched = await _nested(context.questions_by_member, member_id, win)
    context.prime_questions(fetched.rows)
    return fetched


async def answers_of_member(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """A page of the answers a member wrote, newest first."""
    context = qna(scope)
    fetched = await _nested(context.answers_by_member, member_id, win)
    context.prime_answers(fetched.rows)
    return fetched


async def suggested_answerers(scope: RequestScope, *, question_id: str, first: int) -> list[Row]:
    """Members likely to answer a question, best first: rows of member, score and evidence."""
    if not 0 <= first <= MAX_SUGGESTIONS:
        raise BadUserInput(f"`first` must be between 0 and {MAX_SUGGESTIONS}, got {first}", field="first",
                           maxPageSize=MAX_SUGGESTIONS)
    if first == 0:
        return []
    rows = await qna(scope).suggestions_by_question.load((question_id, first))
    visible = [row for row in rows if scope.can_view_member(row["member"])]  # the query filtered already
    scope.loaders.prime_members([row["member"] for row in visible])
    return visible


# -- statistics --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnswerStats:
    question_count: int
    answered_count: int
    answered_within_48_hours_count: int
    answered_within_48_hours_share: float | None
    median_hours_to_first_answer: float | None


def epoch_millis(value: datetime) -> int:
    """Milliseconds since the epoch; a time without a zone is taken as UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=timezone.utc)
    return int(value.timestamp() * 1000)


async def answer_stats(scope: RequestScope, *, topic: str | None = None, group: str | None = None,
                       since: datetime | None = None) -> AnswerStats:
    """How fast questions (asked since `since`, in a topic or group) get a first answer; one query."""
    row = await qna(scope).repository.answer_stats(
        topic_id=id_argument(topic, "Topic", "topic"),
        group_id=id_argument(group, "Group", "group"),
        since_millis=epoch_millis(since) if since is not None else None,
        within_hours=float(ANSWER_WITHIN_HOURS),
    )
    total, within = row["questionCount"], row["answeredWithinCount"]
    median = row["medianHours"]
    return AnswerStats(
        question_count=total,
        answered_count=row["answeredCount"],
        answered_within_48_hours_count=within,
        answered_within_48_hours_share=within / total if total else None,
        median_hours_to_first_answer=float(median) if median is not None and row["answeredCount"] else None,
    )
