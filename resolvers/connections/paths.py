"""How am I connected? The shortest warm-introduction path between the viewer and a member.

A hop links two members by a follow (either direction), a shared group, or an event both
went to. The search is a bidirectional breadth-first search over members: each step expands
the smaller frontier by one hop in one query (`path_step`), so a path of length k costs k
queries and the work stays near the two ends instead of flooding the graph from one side.
The first level at which the two searches meet gives a shortest path; among several meeting
members the smallest id wins, so the answer is stable.

Why not Cypher's `shortestPath`: a hop through a group or event is two relationships while a
follow is one, member-to-topic follows share the FOLLOWS type, and hidden profiles may not
be introducers. Neo4j would apply such filters during its search, but the embedded engine
applies them only to the one path it found, and then answers "no path" when another exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from resolvers.community.service import member_by_id
from resolvers.connections.context import connections
from resolvers.errors import BadUserInput, NotFoundError
from resolvers.ids import from_global_id
from resolvers.scope import RequestScope

MAX_HOPS = 6
_REVERSED = {"FOLLOWS": "FOLLOWED_BY", "FOLLOWED_BY": "FOLLOWS"}


@dataclass(frozen=True)
class Hop:
    """One step of a path, in the viewer-to-target direction."""

    kind: str  # FOLLOWS, FOLLOWED_BY, SHARED_GROUP or CO_ATTENDED_EVENT
    from_id: str
    to_id: str
    group_id: str | None = None
    event_id: str | None = None


Link = tuple[str, str, str | None]  # (the member it was reached from, kind, group or event id)


def _hop(kind: str, from_id: str, to_id: str, via: str | None) -> Hop:
    return Hop(kind, from_id, to_id,
               group_id=via if kind == "SHARED_GROUP" else None,
               event_id=via if kind == "CO_ATTENDED_EVENT" else None)


def assemble(meet: str, forward: dict[str, Link | None], backward: dict[str, Link | None]) -> list[Hop]:
    """The hops from the viewer to the target through `meet`, given both searches' parent links.

    A backward link `(p, kind, via)` on member x says p reached x (p -kind-> x) from the target's
    side; walking towards the target it is the hop x -> p, so follows flip direction.
    """
    hops: list[Hop] = []
    node = meet
    while (link := forward[node]) is not None:
        parent, kind, via = link
        hops.append(_hop(kind, parent, node, via))
        node = parent
    hops.reverse()
    node = meet
    while (link := backward[node]) is not None:
        parent, kind, via = link
        hops.append(_hop(_REVERSED.get(kind, kind), node, parent, via))
        node = parent
    return hops


async def connection_path(scope: RequestScope, *, member_id: str, to_global_id: str, max_hops: int) -> list[Hop] | None:
    """The viewer's shortest path to a member within `max_hops`, or None; [] for the viewer themselves."""
    viewer_id = scope.require_self(member_id, "connectionPath")
    if not 1 <= max_hops <= MAX_HOPS:
        raise BadUserInput(f"`maxHops` must be between 1 and {MAX_HOPS}", field="maxHops", maxHops=MAX_HOPS)
    try:
        target_id = from_global_id(to_global_id, expect="Member").id
    except BadUserInput as error:
        raise BadUserInput(error.message, field="to") from None
    if await member_by_id(scope, member_id=target_id) is None:
        raise NotFoundError("no member with this ID is visible to you", field="to")
    if target_id == viewer_id:
        return []
    repository = connections(scope).repository
    sides = {viewer_id: {viewer_id: None}, target_id: {target_id: None}}  # parent links, by search
    frontiers = {viewer_id: [viewer_id], target_id: [target_id]}
    for _ in range(max_hops):
        # Expand the smaller frontier; its far end is the other search's root.
        root = min(frontiers, key=lambda r: (len(frontiers[r]), r != viewer_id))
        other = target_id if root == viewer_id else viewer_id
        seen, reached = sides[root], []
        for row in await repository.path_step(frontiers[root], visibility=scope.visibility, end_id=other):
            if row["id"] not in seen:
                seen[row["id"]] = (row["from"], row["kind"], row["via"])
                reached.append(row["id"])
        meets = sorted(set(reached) & sides[other].keys())
        if meets:
            return assemble(meets[0], sides[viewer_id], sides[target_id])
        if not reached:
            return None
        frontiers[root] = reached
    return None
