"""CommunityQueries: thin root fields that delegate to `resolvers.community.service`."""

from __future__ import annotations

import asyncio
from enum import Enum

import strawberry

from resolvers.careers.direct_views import record_direct_view
from resolvers.community import service
from resolvers.errors import BadUserInput
from resolvers.ids import from_global_id
from schema.community.types import (
    Group,
    GroupKind,
    GroupSearchConnection,
    GroupSearchEdge,
    Member,
    Skill,
    Topic,
)
from schema.context import Info
from schema.relay import Connection, Node, window

MAX_NODES = 100


@strawberry.enum(description="Orders for `members`; every order ends on the handle, so pages are stable.")
class MemberOrder(Enum):
    HANDLE = "HANDLE"
    NAME = "NAME"
    NEWEST = "NEWEST"
    FOLLOWERS = "FOLLOWERS"


@strawberry.enum(description="Orders for `groups`; every order ends on the name, so pages are stable.")
class GroupOrder(Enum):
    MEMBER_COUNT = "MEMBER_COUNT"
    NEWEST = "NEWEST"
    NAME = "NAME"
    DISTANCE = "DISTANCE"


@strawberry.input(description="Narrows `members`; all given conditions must hold.")
class MemberFilter:
    search: str | None = strawberry.field(default=None, description="Words in handle, name, headline, title or company.")
    skills: list[str] | None = strawberry.field(default=None, description="Skill slugs the member must all hold.")
    country: str | None = None
    city: str | None = None
    group_id: strawberry.ID | None = None
    topic_id: strawberry.ID | None = strawberry.field(default=None, description="A topic the member follows.")


@strawberry.input(description="A circle on the map.")
class NearInput:
    latitude: float
    longitude: float
    radius_km: float


@strawberry.input(description="Narrows `groups`; all given conditions must hold.")
class GroupFilter:
    search: str | None = None
    kind: GroupKind | None = None
    topic: strawberry.ID | None = strawberry.field(default=None, description="A topic the group is about.")
    country: str | None = None
    city: str | None = None
    near: NearInput | None = None


@strawberry.type
class CommunityQueries:
    @strawberry.field(description="The signed-in member, or null for an anonymous caller.")
    async def viewer(self, info: Info) -> Member | None:
        scope = info.context.scope
        if scope.viewer is None:
            return None
        row = await service.member_by_id(scope, member_id=scope.viewer.member_id)
        return Member.from_row(row) if row else None

    @strawberry.field(description="A member by handle, if you may see their profile.")
    async def member(self, info: Info, handle: str) -> Member | None:
        row = await service.member_by_handle(info.context.scope, handle=handle)
        if row is None:
            return None
        await record_direct_view(info.context.scope, row["id"])  # a recruiter opening a profile is logged
        return Member.from_row(row)

    @strawberry.field(description="Members you may see, filtered and ordered.")
    async def members(
        self, info: Info, filter: MemberFilter | None = None, order_by: MemberOrder = MemberOrder.HANDLE,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Member]:
        f = filter or MemberFilter()
        fetched = await service.list_members(
            info.context.scope, win=window(first, after, last, before), search=f.search, skills=f.skills,
            country=f.country, city=f.city, group_id=f.group_id, topic_id=f.topic_id, order_by=order_by.value,
        )
        return Connection.of(fetched, Member.from_row)

    @strawberry.field(description="A group by slug.")
    async def group(self, info: Info, slug: str) -> Group | None:
        row = await service.group_by_slug(info.context.scope, slug=slug)
        return Group.from_row(row) if row else None

    @strawberry.field(description="Groups, filtered and ordered; DISTANCE needs `filter.near`.")
    async def groups(
        self, info: Info, filter: GroupFilter | None = None, order_by: GroupOrder = GroupOrder.MEMBER_COUNT,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> GroupSearchConnection:
        f = filter or GroupFilter()
        near = (f.near.latitude, f.near.longitude, f.near.radius_km) if f.near else None
        fetched = await service.list_groups(
            info.context.scope, win=window(first, after, last, before), search=f.search,
            kind=f.kind.value if f.kind else None, topic_id=f.topic, country=f.country, city=f.city,
            near=near, order_by=order_by.value,
        )
        return GroupSearchConnection.of(fetched, lambda row, cursor: GroupSearchEdge(
            node=Group.from_row(row), cursor=cursor, distance_km=row.get("distanceKm")))

    @strawberry.field(description="Topics, by name.")
    async def topics(
        self, info: Info, category: str | None = None, search: str | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Topic]:
        fetched = await service.list_topics(info.context.scope, win=window(first, after, last, before),
                                            category=category, search=search)
        return Connection.of(fetched, Topic.from_row)

    @strawberry.field(description="Skills, by name.")
    async def skills(
        self, info: Info, category: str | None = None, search: str | None = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Skill]:
        fetched = await service.list_skills(info.context.scope, win=window(first, after, last, before),
                                            category=category, search=search)
        return Connection.of(fetched, Skill.from_row)

    @strawberry.field(description="Any object by its global ID, or null if it does not exist or is hidden from you.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @strawberry.field(description="Objects by global ID, in the order asked (at most 100).")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise BadUserInput(f"`ids` takes at most {MAX_NODES} IDs", field="ids", maxPageSize=MAX_NODES)
        return list(await asyncio.gather(*(_node(info, id) for id in ids)))


async def _node(info: Info, id: strawberry.ID) -> Node | None:
    from schema.nodes import BY_TYPE_NAME  # the registry imports every domain, this module included

    type_name = from_global_id(str(id)).type_name  # malformed IDs are BAD_USER_INPUT
    found = await BY_TYPE_NAME[type_name].resolve_reference(info, id)
    if isinstance(found, Member):  # a recruiter opening a profile is logged (resolvers/careers/direct_views.py)
        await record_direct_view(info.context.scope, found.row["id"])
    return found
