"""Voting on ideas: UP or DOWN (VOTE_POINTS each way), changeable, withdrawn with NONE; one vote
per member and idea, never on one's own idea or on a MERGED one.

The vote that first makes a NEW idea's points reach the review threshold moves it to
UNDER_REVIEW in the same transaction (resolvers/ideas/rules.py); losing points later does not
move it back. Each vote stores its TRENDING weight (resolvers/ideas/trending.py) and the idea's
`trend` moves by the difference, so TRENDING orders on a stored number.
"""

from __future__ import annotations

from datetime import datetime, timezone

from graph.community.repository import Row
from graph.ideas.ideas import LockedIdea
from resolvers.community.service import Outcome, new_id
from resolvers.ideas.ideas import VOTE_VALUES, activity
from resolvers.ideas.ideas_writes import after_write, refusal, target, usual_refusal
from resolvers.ideas.rules import VOTE_POINTS, review_threshold
from resolvers.ideas.trending import vote_trend
from resolvers.scope import RequestScope


def clock() -> datetime:
    """When a vote is cast: now. The one place votes read the time, so tests can cast votes at
    chosen moments (TRENDING depends on them) by replacing it."""
    return datetime.now(timezone.utc)


async def vote_idea(scope: RequestScope, *, idea_global_id: str, value: str) -> Outcome[Row]:
    """Vote an idea UP or DOWN, change that vote, or withdraw it with NONE."""
    viewer = scope.require_viewer()
    idea_id, errors = target(idea_global_id, "Idea", "ideaId")
    if errors:
        return Outcome(None, errors)
    if value not in VOTE_VALUES:
        return Outcome.refused("value", f"must be one of {', '.join(VOTE_VALUES)}")
    assert idea_id is not None
    numeric = VOTE_VALUES[value]
    at_millis = int(clock().timestamp() * 1000)

    def decide(state: LockedIdea | None) -> str | None:
        reason = usual_refusal(state, open_only=False)
        if reason is not None or state is None:
            return reason
        if state.author_id == viewer.member_id:
            return "OWN_IDEA"
        return "IDEA_MERGED" if state.status == "MERGED" else None

    written = await activity(scope).repository.vote(
        idea_id, viewer.member_id, decide, value=numeric, at_millis=at_millis, trend=vote_trend(numeric, at_millis),
        vote_points=VOTE_POINTS, threshold=review_threshold(), change_id=new_id())
    if written.refused is not None:
        return refusal(written.refused, "ideaId")
    return Outcome(after_write(scope, written))
