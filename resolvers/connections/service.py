"""Peer discovery rules: people you may know, introduction paths, experts and endorsements.

The rankings themselves are documented with their weights in `ranking.py`; this module
checks arguments and permissions, runs the ranked queries, and primes the request's loaders
with every member and group a ranked row already carries, so rendering them costs nothing.
"""

from __future__ import annotations

from graph.community.repository import Row
from resolvers.community.service import Outcome, _target, member_by_id
from resolvers.community.validation import checked_near
from resolvers.connections.context import connections
from resolvers.connections.ranking import expert_weights, suggestion_weights
from resolvers.errors import BadUserInput
from resolvers.ids import id_argument
from resolvers.pagination import Slice, Window
from resolvers.scope import RequestScope

MAX_PATH_HOPS = 6


def _prime(scope: RequestScope, members: list[Row] = (), groups: list[Row] = ()) -> None:
    scope.loaders.prime_members(list(members))
    for group in groups:
        scope.loaders.group_by_id.prime(group["id"], group)


def _ranked_slice(total: int, rows: list[Row], win: Window) -> Slice:
    return Slice(rows, win.skip, total=total, has_next=win.skip + len(rows) < total)


def _forwards_only(win: Window) -> None:
    if win.from_end or win.before is not None:
        raise BadUserInput("ranked lists page forwards only: use `first` and `after`", field="last")


async def people_you_may_know(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """The viewer's suggestions, best first; each row has `member`, `score` and its reasons."""
    viewer_id = scope.require_self(member_id, "peopleYouMayKnow")
    _forwards_only(win)
    total, rows = await connections(scope).repository.people_you_may_know(
        viewer_id, visibility=scope.visibility, weights=suggestion_weights().params(), skip=win.skip, limit=win.limit)
    for row in rows:
        _prime(scope, [row["member"], *row["mutual"]], row["groups"])
    return _ranked_slice(total, rows, win)


async def dismiss_suggestion(scope: RequestScope, *, member_global_id: str) -> Outcome[Row]:
    """Hide a member from the viewer's suggestions for good; idempotent."""
    viewer = scope.require_viewer()
    member_id, errors = _target(member_global_id, "Member", "memberId")
    if errors:
        return Outcome(None, errors)
    if member_id == viewer.member_id:
        return Outcome.refused("memberId", "you are never suggested to yourself")
    if await member_by_id(scope, member_id=member_id) is None:
        return Outcome.refused("memberId", "no such member", "NOT_FOUND")
    row = await connections(scope).repository.dismiss_suggestion(viewer.member_id, member_id)
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    return Outcome(row)


async def experts(
    scope: RequestScope, *, win: Window, skill_global_id: str | None, topic_global_id: str | None,
    near: tuple[float, float, float] | None,
) -> Slice:
    """Members ranked by evidence of expertise in a skill and/or a topic, optionally near a point."""
    if skill_global_id is None and topic_global_id is None:
        raise BadUserInput("give a `skill`, a `topic`, or both", field="skill")
    _forwards_only(win)
    skill_id = id_argument(skill_global_id, "Skill", "skill")
    topic_id = id_argument(topic_global_id, "Topic", "topic")
    latitude, longitude, radius = checked_near(near)
    near_params = None if near is None else {"latitude": latitude, "longitude": longitude, "radiusKm": radius}
    total, rows = await connections(scope).repository.experts(
        skill_id=skill_id, topic_id=topic_id, near=near_params, visibility=scope.visibility,
        weights=expert_weights().params(), skip=win.skip, limit=win.limit)
    _prime(scope, [row["member"] for row in rows])
    return _ranked_slice(total, rows, win)


async def endorse_skill(scope: RequestScope, *, member_global_id: str, skill_global_id: str,
                        endorse: bool) -> Outcome[tuple[Row, Row]]:
    """Endorse a member for a skill they hold (or withdraw it): once per endorser, never yourself."""
    viewer = scope.require_viewer()
    member_id, errors = _target(member_global_id, "Member", "memberId")
    skill_id, more = _target(skill_global_id, "Skill", "skillId")
    if errors or more:
        return Outcome(None, errors + more)
    if member_id == viewer.member_id:
        return Outcome.refused("memberId", "you cannot endorse yourself", "CANNOT_ENDORSE_SELF")
    member = await member_by_id(scope, member_id=member_id)
    if member is None:
        return Outcome.refused("memberId", "no such member", "NOT_FOUND")
    skill = await connections(scope).repository.endorse(viewer.member_id, member_id, skill_id, endorse=endorse)
    if skill is None:
        return Outcome.refused("skillId", "this member does not hold that skill", "NOT_FOUND")
    return Outcome((member, skill))
