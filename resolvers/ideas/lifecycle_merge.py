"""Duplicates: `mergeIdeas(from, into)`, a product manager's move of one idea into another.

Everything the duplicate (`from`) holds moves to the survivor (`into`) in one transaction
(graph/ideas/lifecycle.cypher, lifecycle_merge_move and lifecycle_merge_close):
- votes, except a member's who voted on both (the survivor's vote stays: they count once) and the
  survivor's author's (nobody votes on their own idea); each moved vote keeps its value and time,
  so points and TRENDING stay exact;
- follows (once per member), comments, and coin allocations (added to the member's allocation on
  the survivor in the same round); budgets do not change, since no member's total in a round does;
- the rounds that shortlist the duplicate shortlist the survivor instead.
The duplicate becomes MERGED, points to its survivor (MERGED_INTO) and records the change with the
product manager's comment. A survivor whose points reach the review threshold through the merge
moves from NEW to UNDER_REVIEW, as the vote that brought it there would have moved it.
Neither idea may already be MERGED (IDEA_MERGED), and an idea is not merged into itself (SAME_IDEA).
Ideas of different product areas may be merged: a duplicate is sometimes posted in the wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.community.repository import Row
from resolvers.community.service import Outcome, new_id
from resolvers.community.validation import Checker, UserError
from resolvers.ideas.context import ideas
from resolvers.ideas.lifecycle import after_lifecycle_write, check_comment, idea_target, lifecycle
from resolvers.ideas.rules import VOTE_POINTS, review_threshold
from resolvers.scope import RequestScope


@dataclass(frozen=True)
class Merged:
    survivor: Row
    merged: Row
    change: Row
    review: Row | None = None


async def merge_ideas(scope: RequestScope, *, from_global_id: str, into_global_id: str,
                      comment: str | None) -> Outcome[Merged]:
    """Merge a duplicate idea into the one that survives it, as a product manager."""
    member_id = ideas(scope).require_product_manager()
    check = Checker()
    from_id, errors = idea_target(from_global_id, "fromId")
    check.errors.extend(errors)
    into_id, errors = idea_target(into_global_id, "intoId")
    check.errors.extend(errors)
    check_comment(check, comment)
    if check.errors:
        return Outcome(None, check.errors)
    assert from_id is not None and into_id is not None
    if from_id == into_id:
        return Outcome.refused("intoId", "an idea cannot be merged into itself", "SAME_IDEA")
    done = await lifecycle(scope).repository.merge(
        from_id=from_id, into_id=into_id, member_id=member_id, comment=check.values.get("comment"),
        change_id=new_id(), review_change_id=new_id(), threshold=review_threshold(), vote_points=VOTE_POINTS)
    fields = {from_id: "fromId", into_id: "intoId"}
    if done.refused == "NOT_FOUND":
        return Outcome(None, [UserError(fields[i], "no such idea", "NOT_FOUND") for i in done.ids])
    if done.refused == "IDEA_MERGED":
        return Outcome(None, [UserError(fields[i], "this idea was already merged into another one", "IDEA_MERGED")
                              for i in done.ids])
    if done.refused == "MEMBER_NOT_FOUND":
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    assert done.survivor is not None and done.merged is not None and done.change is not None
    after_lifecycle_write(scope, [done.survivor, done.merged])
    return Outcome(Merged(done.survivor, done.merged, done.change, done.review))
