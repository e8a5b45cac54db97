"""Ideas test data: ideas, votes, follows, comments, status changes, merges and prioritisation rounds
with their shortlists, allocations and winners.

Rows are shaped like the seed writer's (graph/seed/ideas_writer.py) and written through it; every
function returns the rows it wrote (with their ids). Counters (Idea upVotes/downVotes/points,
followerCount, commentCount, coins, trend; CoinBudget spent) are recomputed after relationship
writes (`SeedWriter.recount`), so the factories leave a graph `counter_mismatches()` finds
consistent, unless a docstring says otherwise. Members, topics (product areas) and events come
from `tests.factories`.

Times default to now (UTC, whole milliseconds), so reads relative to the real now (TRENDING,
open rounds) see them as recent. Prefer the GraphQL mutations where a test is about them; these
build the state around it.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from graph.seed.writer import SeedWriter
from resolvers.ideas.rules import ROUND_BUDGET, VOTE_POINTS
from resolvers.ideas.trending import vote_trend
from tests.factories import Row, _n

__all__ = [
    "allocation", "comments", "follows", "idea", "ideas", "merge", "points_for", "round", "selection", "status_change",
    "votes",
]

_VALUES = {"UP": 1, "DOWN": -1, 1: 1, -1: -1}


def _id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


async def idea(graph, author: Row, topic: Row, **props: Any) -> Row:
    """A NEW idea by `author` in the product area `topic`, created a minute ago; `props` override
    any property (title, description, status, createdAt, expectedRelease, ...). Counters start at 0:
    add `votes`, `follows` and `comments` (the author does not follow it unless you say so)."""
    n = _n()
    created = props.pop("createdAt", None) or _now() - timedelta(minutes=1)
    row = {
        "id": _id(), "title": f"Idea {n}: let admins bulk edit records", "description": f"Description of idea {n}.",
        "status": "NEW", "points": 0, "upVotes": 0, "downVotes": 0, "followerCount": 0, "commentCount": 0,
        "coins": 0, "trend": 0.0, "expectedRelease": None, "createdAt": created, "updatedAt": created,
        "statusChangedAt": None, "underReviewAt": None, "mergedAt": None, "version": 0,
        "authorId": author["id"], "productAreaId": topic["id"], **props,
    }
    await SeedWriter(graph).ideas([row])
    return row


async def ideas(graph, author: Row, topic: Row, count: int, **props: Any) -> list[Row]:
    """`count` ideas as `idea` makes them, each a second newer than the one before."""
    start = _now() - timedelta(minutes=10)
    return [await idea(graph, author, topic, createdAt=start + timedelta(seconds=i), **props) for i in range(count)]


async def votes(graph, idea_row: Row, voters: Iterable[tuple[Row, int | str]], *,
                at: datetime | None = None) -> list[Row]:
    """(member, value) votes on the idea, value 1/-1 (or "UP"/"DOWN"), each a second apart ending
    at `at` (default now), with the trend `vote_trend` gives. Counters follow; the status does not
    (use `status_change` for a move to UNDER_REVIEW). Self-votes and repeats are written as asked
    (`counter_mismatches()["ideas"]` reports them)."""
    voters = list(voters)
    end = at or _now()
    rows = []
    for i, (member, value) in enumerate(voters):
        when = end - timedelta(seconds=len(voters) - 1 - i)
        v = _VALUES[value]
        rows.append({"memberId": member["id"], "ideaId": idea_row["id"], "value": v, "at": when,
                     "trend": vote_trend(v, when)})
    writer = SeedWriter(graph)
    await writer.idea_votes(rows)
    await writer.recount()
    return rows


async def follows(graph, idea_row: Row, members: Iterable[Row], *, since: datetime | None = None) -> list[Row]:
    """Each member FOLLOWS the idea; followerCount follows."""
    rows = [{"memberId": m["id"], "ideaId": idea_row["id"], "since": since or _now()} for m in members]
    writer = SeedWriter(graph)
    await writer.idea_follows(rows)
    await writer.recount()
    return rows


async def comments(graph, idea_row: Row, authors: Iterable[Row], *, body: str | None = None,
                   start: datetime | None = None) -> list[Row]:
    """One comment per author (in order, a minute apart from `start`, default an hour ago)."""
    first = start or _now() - timedelta(hours=1)
    rows = []
    for i, author in enumerate(authors):
        n = _n()
        rows.append({"id": _id(), "memberId": author["id"], "ideaId": idea_row["id"],
                     "body": body or f"Comment {n}: we need this too.", "createdAt": first + timedelta(minutes=i)})
    writer = SeedWriter(graph)
    await writer.idea_comments(rows)
    await writer.recount()
    return rows


async def status_change(graph, idea_row: Row, to: str, *, by: Row | None = None, comment: str | None = None,
                        expected_release: str | None = None, at: datetime | None = None,
                        from_status: str | None = None) -> Row:
    """Move the idea to `to` with an IdeaStatusChange made by `by` (a product manager's member row;
    None for the automatic move to UNDER_REVIEW), and set the idea's status fields as the move does
    (status, statusChangedAt, updatedAt, expectedRelease, underReviewAt, mergedAt). `from_status`
    defaults to the row's `status`, which is updated in place. `expected_release`: `YYYY-MM-DD`."""
    when = at or _now()
    row = {"id": _id(), "ideaId": idea_row["id"], "from": from_status or idea_row["status"], "to": to,
           "comment": comment if comment is not None or by is None else f"Moved to {to}.",
           "expectedRelease": expected_release, "at": when, "changedById": by["id"] if by else None}
    writer = SeedWriter(graph)
    await writer.idea_status_changes([row])
    await writer.apply_idea_statuses([{"ideaId": idea_row["id"], "to": to, "expectedRelease": expected_release,
                                       "at": when}])
    idea_row["status"] = to
    return row


async def merge(graph, duplicate: Row, survivor: Row, *, by: Row, at: datetime | None = None,
                comment: str = "Merged into an older idea asking for the same.") -> Row:
    """Record `duplicate` as MERGED into `survivor` (MERGED_INTO and the status change). Nothing is
    moved: give the duplicate no votes, follows, comments or allocations of its own, or the graph is
    inconsistent (as a merge would have moved them)."""
    change = await status_change(graph, duplicate, "MERGED", by=by, comment=comment, at=at)
    await SeedWriter(graph).idea_merges([{"fromId": duplicate["id"], "intoId": survivor["id"]}])
    return change


_WINDOWS = {  # (opens, closes, closed) relative to now, for each status the API derives
    "UPCOMING": (timedelta(days=1), timedelta(days=15), None),
    "OPEN": (timedelta(days=-1), timedelta(days=13), None),
    "ENDED": (timedelta(days=-16), timedelta(days=-2), None),
    "CLOSED": (timedelta(days=-30), timedelta(days=-16), timedelta(days=-15)),
}


async def round(graph, topic: Row, *, opened_by: Row, shortlist: Iterable[Row] = (), status: str = "OPEN",
                name: str | None = None, budget: int = ROUND_BUDGET, **props: Any) -> Row:
    """A prioritisation round in the product area `topic`, opened by the product manager `opened_by`,
    whose window makes it `status` (UPCOMING, OPEN, ENDED or CLOSED, with closedAt) relative to now;
    `props` override opensAt, closesAt, closedAt, createdAt. Shortlists `shortlist` in order
    (positions from 1). The row has an extra key "shortlist" (the written SHORTLISTS rows)."""
    now = _now()
    opens, closes, closed = _WINDOWS[status]
    n = _n()
    row = {"id": _id(), "name": name or f"Round {n}", "budget": budget, "opensAt": now + opens,
           "closesAt": now + closes, "closedAt": now + closed if closed is not None else None,
           "createdAt": now + opens - timedelta(days=1), "openedBy": opened_by["id"], "version": 0,
           "productAreaId": topic["id"], **props}
    listed = [{"roundId": row["id"], "ideaId": i["id"], "position": p} for p, i in enumerate(shortlist, start=1)]
    writer = SeedWriter(graph)
    await writer.rounds([row])
    await writer.round_shortlists(listed)
    return {**row, "shortlist": listed}


async def allocation(graph, member: Row, round_row: Row, idea_row: Row, coins: int, *,
                     at: datetime | None = None) -> Row:
    """`member` ALLOCATED `coins` to the idea in the round (one call per member, idea and round),
    with the member's CoinBudget created on the first one; spent and the idea's coins follow. Coins
    beyond the budget are written as asked (`counter_mismatches()["ideas"]` reports them)."""
    row = {"memberId": member["id"], "ideaId": idea_row["id"], "roundId": round_row["id"], "coins": coins,
           "at": at or _now()}
    writer = SeedWriter(graph)
    await writer.coin_budgets([{"roundId": round_row["id"], "memberId": member["id"], "spent": 0}])
    await writer.coin_allocations([row])
    await writer.recount()
    return row


async def selection(graph, round_row: Row, idea_row: Row, *, rank: int, coins: int) -> Row:
    """The round SELECTED the idea as a winner (`rank`, `coins`); status changes are separate
    (`status_change(..., "IN_DEVELOPMENT", by=...)`)."""
    row = {"roundId": round_row["id"], "ideaId": idea_row["id"], "rank": rank, "coins": coins}
    await SeedWriter(graph).round_selections([row])
    return row


def points_for(net_votes: int) -> int:
    """The points `net_votes` net up votes give (resolvers/ideas/rules.py VOTE_POINTS each)."""
    return VOTE_POINTS * net_votes
