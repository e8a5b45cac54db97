"""Community entities: Member, Group, Topic, Skill, and their edges and connections."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import Private

from resolvers.community import service
from resolvers.connections.context import connections
from resolvers.ids import to_global_id
from schema.careers.member_fields import CareersMemberFields
from schema.community.companies import CompanyMemberFields
from schema.connections.member_fields import ConnectionMemberFields
from schema.context import Info
from schema.events.group_fields import EventGroupFields
from schema.events.member_fields import EventMemberFields
from schema.ideas.member_fields import IdeasMemberFields
from schema.learning.member_fields import LearningMemberFields
from schema.qna.member_fields import QnaMemberFields
from schema.recognition.member_fields import RecognitionMemberFields
from schema.relay import Connection, Node, SliceBacked, reference_id, time_of, window

Row = dict[str, Any]


@strawberry.enum(description="Who may see a member's profile.")
class ProfileVisibility(Enum):
    PUBLIC = "PUBLIC"
    MEMBERS = "MEMBERS"
    PRIVATE = "PRIVATE"


@strawberry.enum(description="What a group gathers people around.")
class GroupKind(Enum):
    REGIONAL = "REGIONAL"
    PRODUCT = "PRODUCT"
    ROLE = "ROLE"
    INDUSTRY = "INDUSTRY"
    INTEREST = "INTEREST"


@strawberry.enum(description="A member's role in a group.")
class GroupRole(Enum):
    MEMBER = "MEMBER"
    LEADER = "LEADER"


@strawberry.federation.type(keys=["id"], description="A topic members follow and groups are about.")
class Topic(Node):
    id: strawberry.ID
    slug: str
    name: str
    category: str
    row: Private[Row]

    @strawberry.field(description="Whether the signed-in viewer follows this topic; false when anonymous.")
    async def viewer_is_following(self, info: Info) -> bool:
        return await info.context.scope.loaders.viewer_follows_topic.load(self.row["id"])

    @classmethod
    def from_row(cls, row: Row) -> "Topic":
        return cls(id=strawberry.ID(to_global_id("Topic", row["id"])), slug=row["slug"], name=row["name"],
                   category=row["category"], row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Topic | None":
        local = reference_id(id, "Topic")
        row = await info.context.scope.loaders.topic_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


@strawberry.federation.type(keys=["id"], description="A skill members hold at a level from 1 to 5.")
class Skill(Node):
    id: strawberry.ID
    slug: str
    name: str
    category: str

    @classmethod
    def from_row(cls, row: Row) -> "Skill":
        return cls(id=strawberry.ID(to_global_id("Skill", row["id"])), slug=row["slug"], name=row["name"],
                   category=row["category"])

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Skill | None":
        local = reference_id(id, "Skill")
        row = await info.context.scope.loaders.skill_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


@strawberry.type(description="A skill a member holds, with their level and endorsements.")
class SkillRating:
    skill: Skill
    level: int = strawberry.field(description="1 (beginner) to 5 (expert).")
    endorsement_count: int = strawberry.field(description="How many members endorse them for it.")
    member_id: Private[str]
    skill_id: Private[str]

    @classmethod
    def from_row(cls, row: Row, *, member_id: str) -> "SkillRating":
        return cls(skill=Skill.from_row(row), level=row["level"], endorsement_count=row.get("endorsementCount", 0),
                   member_id=member_id, skill_id=row["id"])

    @strawberry.field(description="Whether the signed-in viewer endorses them for it; false when anonymous.")
    async def viewer_has_endorsed(self, info: Info) -> bool:
        endorsed = await connections(info.context.scope).viewer_endorsements.load(self.member_id)
        return self.skill_id in endorsed


@strawberry.federation.type(keys=["id"], description="A member of the community.")
class Member(Node, CompanyMemberFields, QnaMemberFields, EventMemberFields, ConnectionMemberFields, LearningMemberFields,
             CareersMemberFields, IdeasMemberFields, RecognitionMemberFields):
    id: strawberry.ID
    handle: str = strawberry.field(description="Unique, URL-safe name, as in profile URLs.")
    display_name: str
    headline: str | None
    bio: str | None
    city: str | None
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    latitude: float | None
    longitude: float | None
    company: str | None
    job_title: str | None
    avatar_url: str | None
    visibility: ProfileVisibility
    joined_at: datetime | None
    follower_count: int
    following_count: int
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Member":
        return cls(
            id=strawberry.ID(to_global_id("Member", row["id"])),
            handle=row["handle"],
            display_name=row.get("displayName") or row["handle"],
            headline=row.get("headline"),
            bio=row.get("bio"),
            city=row.get("city"),
            country=row.get("country"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            company=row.get("company"),
            job_title=row.get("jobTitle"),
            avatar_url=row.get("avatarUrl"),
            visibility=ProfileVisibility(row.get("visibility", "PUBLIC")),
            joined_at=time_of(row.get("joinedAt")),
            follower_count=row.get("followerCount", 0),
            following_count=row.get("followingCount", 0),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Member | None":
        local = reference_id(id, "Member")
        row = await service.member_by_id(info.context.scope, member_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="Whether the signed-in viewer follows this member; false when anonymous.")
    async def viewer_is_following(self, info: Info) -> bool:
        return await info.context.scope.loaders.viewer_follows_member.load(self.row["id"])

    @strawberry.field(description="Visible to the member themselves and to admins only.")
    def email(self, info: Info) -> str | None:
        return self.row.get("email") if info.context.scope.can_see_email(self.row) else None

    @strawberry.field(description="Members who follow this member, newest first.")
    async def followers(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Member]:
        fetched = await service.followers(info.context.scope, member_id=self.row["id"],
                                          win=window(first, after, last, before))
        return Connection.of(fetched, Member.from_row)

    @strawberry.field(description="Members this member follows, newest first.")
    async def following(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Member]:
        fetched = await service.following(info.context.scope, member_id=self.row["id"],
                                          win=window(first, after, last, before))
        return Connection.of(fetched, Member.from_row)

    @strawberry.field(description="Groups this member belongs to, newest membership first.")
    async def groups(
        self, info: Info, role: GroupRole | None = None, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> MembershipConnection:
        fetched = await service.groups_of_member(
            info.context.scope, member_id=self.row["id"], role=role.value if role else None,
            win=window(first, after, last, before),
        )
        return MembershipConnection.of(fetched, lambda row, cursor: MembershipEdge(
            node=Group.from_row(row), cursor=cursor, role=GroupRole(row["role"]), joined_at=time_of(row.get("joinedAt"))))

    @strawberry.field(description="Skills this member holds, strongest first.")
    async def skills(self, info: Info) -> list[SkillRating]:
        rows = await info.context.scope.loaders.skills_by_member.load(self.row["id"])
        return [SkillRating.from_row(row, member_id=self.row["id"]) for row in rows]

    @strawberry.field(description="Topics this member follows, by name.")
    async def followed_topics(self, info: Info) -> list[Topic]:
        rows = await info.context.scope.loaders.topics_by_member.load(self.row["id"])
        return [Topic.from_row(row) for row in rows]


@strawberry.federation.type(keys=["id"], description="An interest group: regional, product, role, industry or interest.")
class Group(Node, EventGroupFields):
    id: strawberry.ID
    slug: str
    name: str
    description: str | None
    kind: GroupKind
    city: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    member_count: int
    created_at: datetime | None
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Group":
        return cls(
            id=strawberry.ID(to_global_id("Group", row["id"])),
            slug=row["slug"],
            name=row["name"],
            description=row.get("description"),
            kind=GroupKind(row["kind"]),
            city=row.get("city"),
            country=row.get("country"),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            member_count=row.get("memberCount", 0),
            created_at=time_of(row.get("createdAt")),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Group | None":
        local = reference_id(id, "Group")
        row = await info.context.scope.loaders.group_by_id.load(local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="The signed-in viewer's role in this group; null when not a member or anonymous.")
    async def viewer_role(self, info: Info) -> GroupRole | None:
        role = await info.context.scope.loaders.viewer_role_in_group.load(self.row["id"])
        return GroupRole(role) if role else None

    @strawberry.field(description="Members of the group, leaders first; filter by role.")
    async def members(
        self, info: Info, role: GroupRole | None = None, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> GroupMemberConnection:
        fetched = await service.members_of_group(
            info.context.scope, group_id=self.row["id"], role=role.value if role else None,
            win=window(first, after, last, before),
        )
        return GroupMemberConnection.of(fetched, lambda row, cursor: GroupMemberEdge(
            node=Member.from_row(row), cursor=cursor, role=GroupRole(row["role"]), joined_at=time_of(row.get("joinedAt"))))

    @strawberry.field(description="The group's leaders.")
    async def leaders(self, info: Info) -> list[Member]:
        rows = await service.leaders_of_group(info.context.scope, group_id=self.row["id"])
        return [Member.from_row(row) for row in rows]

    @strawberry.field(description="Topics the group is about.")
    async def topics(self, info: Info) -> list[Topic]:
        rows = await info.context.scope.loaders.topics_by_group.load(self.row["id"])
        return [Topic.from_row(row) for row in rows]


@strawberry.type(description="A group a member belongs to, with their role in it.")
class MembershipEdge:
    node: Group
    cursor: str
    role: GroupRole
    joined_at: datetime | None


@strawberry.type(description="A member of a group, with their role in it.")
class GroupMemberEdge:
    node: Member
    cursor: str
    role: GroupRole
    joined_at: datetime | None


@strawberry.type(description="A group in a search, with its distance when searched near a point.")
class GroupSearchEdge:
    node: Group
    cursor: str
    distance_km: float | None = strawberry.field(description="Kilometres from the `near` point, when given.")


class _RichConnection(SliceBacked):
    """Builds a connection whose edges carry more than a node and a cursor."""

    @classmethod
    def of(cls, fetched, build):
        edges = [build(row, cursor) for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)


@strawberry.type(description="Groups a member belongs to.")
class MembershipConnection(_RichConnection):
    edges: list[MembershipEdge]

    @strawberry.field(description="The groups of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[Group]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="Members of a group.")
class GroupMemberConnection(_RichConnection):
    edges: list[GroupMemberEdge]

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[Member]:
        return [edge.node for edge in self.edges]


@strawberry.type(description="Groups matching a search.")
class GroupSearchConnection(_RichConnection):
    edges: list[GroupSearchEdge]

    @strawberry.field(description="The groups of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[Group]:
        return [edge.node for edge in self.edges]
