"""Peer discovery types: suggestions with their reasons, introduction paths, experts with evidence.

Community types are referenced lazily: `schema.community.types` mixes this domain's Member
fields in, so importing it from here at import time would be a cycle.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from resolvers.connections.paths import Hop
from resolvers.ids import to_global_id
from schema.context import Info
from schema.relay import SliceBacked, time_of

if TYPE_CHECKING:
    from schema.community.types import Group, Member, Skill

Row = dict[str, Any]
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
GroupRef = Annotated["Group", strawberry.lazy("schema.community.types")]
SkillRef = Annotated["Skill", strawberry.lazy("schema.community.types")]
EventRef = Annotated["Event", strawberry.lazy("schema.events.types")]

# The Node entities this domain adds; schema/nodes.py serves them through `node`, `nodes` and `_entities`.
ENTITIES: list[type] = []


def _community():
    from schema.community import types

    return types


@strawberry.type(description="Why a member is suggested: what the viewer and they have in common.")
class SuggestionReasons:
    mutual_follow_count: int = strawberry.field(description="Members you follow who follow them.")
    mutual_follows: list[MemberRef] = strawberry.field(description="A few of those members.")
    shared_group_count: int
    shared_groups: list[GroupRef] = strawberry.field(description="A few of the groups you share.")
    shared_skill_count: int
    shared_skills: list[SkillRef] = strawberry.field(description="A few of the skills you share.")
    same_city: bool
    same_company: bool
    distance_km: float | None = strawberry.field(description="How far apart you live, when both profiles have a location.")

    @classmethod
    def from_row(cls, row: Row) -> "SuggestionReasons":
        t = _community()
        return cls(
            mutual_follow_count=row["mutualCount"], mutual_follows=[t.Member.from_row(m) for m in row["mutual"]],
            shared_group_count=row["groupCount"], shared_groups=[t.Group.from_row(g) for g in row["groups"]],
            shared_skill_count=row["skillCount"], shared_skills=[t.Skill.from_row(s) for s in row["skills"]],
            same_city=row["sameCity"], same_company=row["sameCompany"], distance_km=row["distanceKm"],
        )


@strawberry.type(description="A member you may know, with a score and its reasons.")
class SuggestionEdge:
    node: MemberRef
    cursor: str
    score: float = strawberry.field(description="Higher is a better match; the formula is documented in the README.")
    reasons: SuggestionReasons


@strawberry.type(description="People you may know, best first.")
class SuggestionConnection(SliceBacked):
    edges: list[SuggestionEdge]

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[MemberRef]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, fetched) -> "SuggestionConnection":
        t = _community()
        edges = [SuggestionEdge(node=t.Member.from_row(row["member"]), cursor=cursor, score=round(row["score"], 4),
                                reasons=SuggestionReasons.from_row(row))
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)


@strawberry.enum(description="How one step of an introduction path links two members.")
class ConnectionHopKind(Enum):
    FOLLOWS = "FOLLOWS"
    FOLLOWED_BY = "FOLLOWED_BY"
    SHARED_GROUP = "SHARED_GROUP"
    CO_ATTENDED_EVENT = "CO_ATTENDED_EVENT"


@strawberry.type(description="One step of an introduction path: from one member to the next, and how they are linked.")
class ConnectionHop:
    kind: ConnectionHopKind = strawberry.field(
        description="FOLLOWS: `from` follows `to`; FOLLOWED_BY: `to` follows `from`; SHARED_GROUP: both belong to "
                    "`group`; CO_ATTENDED_EVENT: both went to `event`.")
    hop: strawberry.Private[Hop]

    @strawberry.field(name="from")
    async def from_(self, info: Info) -> MemberRef:
        return await _member(info, self.hop.from_id)

    @strawberry.field
    async def to(self, info: Info) -> MemberRef:
        return await _member(info, self.hop.to_id)

    @strawberry.field(description="The shared group, for SHARED_GROUP.")
    async def group(self, info: Info) -> GroupRef | None:
        if self.hop.group_id is None:
            return None
        row = await info.context.scope.loaders.group_by_id.load(self.hop.group_id)
        return _community().Group.from_row(row) if row else None

    @strawberry.field(description="The event both attended, for CO_ATTENDED_EVENT.")
    async def event(self, info: Info) -> EventRef | None:
        if self.hop.event_id is None:
            return None
        from schema.nodes import BY_TYPE_NAME

        return await BY_TYPE_NAME["Event"].resolve_reference(info, strawberry.ID(to_global_id("Event", self.hop.event_id)))


async def _member(info: Info, member_id: str):
    # Path members were checked visible by the search; the loader batches a whole path into one query.
    row = await info.context.scope.loaders.member_by_id.load(member_id)
    return _community().Member.from_row(row)


@strawberry.type(description="The shortest warm-introduction path from the viewer to another member.")
class ConnectionPath:
    hops: list[ConnectionHop] = strawberry.field(description="From you to them, in order; empty when they are you.")

    @strawberry.field(description="How many introductions the path needs (the number of hops).")
    def length(self) -> int:
        return len(self.hops)

    @classmethod
    def from_hops(cls, hops: list[Hop]) -> "ConnectionPath":
        return cls(hops=[ConnectionHop(kind=ConnectionHopKind(h.kind), hop=h) for h in hops])


@strawberry.type(description="The evidence behind an expert's rank.")
class ExpertEvidence:
    skill_level: int = strawberry.field(description="Their level (1-5) in the skill, or their best in the topic's skills; 0 if none.")
    endorsements: int = strawberry.field(description="Endorsements of that skill (those skills, for a topic).")
    accepted_answers: int = strawberry.field(description="Accepted answers on questions in the topic (the skill's topics).")
    recent_answers: int = strawberry.field(description="Answers they wrote recently (the last 90 days by default).")
    last_answered_at: datetime | None
    distance_km: float | None = strawberry.field(description="Kilometres from the `near` point, when given.")


@strawberry.type(description="An expert, with a score and the evidence for it.")
class ExpertEdge:
    node: MemberRef
    cursor: str
    score: float
    evidence: ExpertEvidence


@strawberry.type(description="Experts, best first.")
class ExpertConnection(SliceBacked):
    edges: list[ExpertEdge]

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[MemberRef]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, fetched) -> "ExpertConnection":
        t = _community()
        edges = [ExpertEdge(
            node=t.Member.from_row(row["member"]), cursor=cursor, score=round(row["score"], 4),
            evidence=ExpertEvidence(skill_level=row["level"], endorsements=row["endorsements"],
                                    accepted_answers=row["acceptedAnswers"], recent_answers=row["recentAnswers"],
                                    last_answered_at=time_of(row["lastAnsweredAt"]), distance_km=row["distanceKm"]))
            for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)
