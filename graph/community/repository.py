"""CommunityRepository: runs the community domain's named queries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from graph.cypher import load_queries
from graph.database import Graph, Transaction

QUERIES = load_queries(Path(__file__).parent)
# How many times a write to a contended counter is run before the client hears CONFLICT.
CONTENDED_ATTEMPTS = 5
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list and the size of the whole list."""

    total: int
    rows: list[Row]


@dataclass(frozen=True, slots=True)
class Visibility:
    """Which member profiles a viewer may see: these levels, and always their own."""

    levels: tuple[str, ...]
    viewer_id: str | None

    def params(self) -> dict[str, Any]:
        return {"visible": list(self.levels), "viewerId": self.viewer_id}


def _keyed(rows: Iterable[Row], key: str, value: str) -> dict[Any, Any]:
    return {row[key]: row[value] for row in rows}


def _pages(rows: Iterable[Row]) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], row["page"]) for row in rows}


class CommunityRepository:
    """Reads and writes members, groups, topics and skills."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups by key (behind DataLoaders) -------------------------------------------

    async def members_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["members_by_ids"], ids=ids), "id", "member")

    async def member_by_handle(self, handle: str) -> Row | None:
        rows = await self.graph.read(QUERIES["member_by_handle"], handle=handle)
        return rows[0]["member"] if rows else None

    async def groups_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["groups_by_ids"], ids=ids), "id", "group")

    async def group_by_slug(self, slug: str) -> Row | None:
        rows = await self.graph.read(QUERIES["group_by_slug"], slug=slug)
        return rows[0]["group"] if rows else None

    async def topics_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["topics_by_ids"], ids=ids), "id", "topic")

    async def topics_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["topics_by_slugs"], slugs=slugs), "slug", "topic")

    async def skills_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["skills_by_ids"], ids=ids), "id", "skill")

    async def skills_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES["skills_by_slugs"], slugs=slugs), "slug", "skill")

    # -- lists ------------------------------------------------------------------------

    async def _rows(self, name: str, key: str, **params: Any) -> list[Row]:
        return [row[key] for row in await self.graph.read(QUERIES[name], **params)]

    async def _count(self, name: str, **params: Any) -> int:
        rows = await self.graph.read(QUERIES[name], **params)
        return rows[0]["total"] if rows else 0

    async def members_page(self, *, visibility: Visibility, skip: int, limit: int, **filters: Any) -> list[Row]:
        return await self._rows("members_page", "member", skip=skip, limit=limit, **visibility.params(), **filters)

    async def members_count(self, *, visibility: Visibility, **filters: Any) -> int:
        return await self._count("members_count", **visibility.params(), **filters)

    async def groups_page(self, *, skip: int, limit: int, **filters: Any) -> list[Row]:
        return await self._rows("groups_page", "group", skip=skip, limit=limit, **filters)

    async def groups_count(self, **filters: Any) -> int:
        return await self._count("groups_count", **filters)

    async def topics_page(self, *, skip: int, limit: int, **filters: Any) -> list[Row]:
        return await self._rows("topics_page", "topic", skip=skip, limit=limit, **filters)

    async def topics_count(self, **filters: Any) -> int:
        return await self._count("topics_count", **filters)

    async def skills_page(self, *, skip: int, limit: int, **filters: Any) -> list[Row]:
        return await self._rows("skills_page", "skill", skip=skip, limit=limit, **filters)

    async def skills_count(self, **filters: Any) -> int:
        return await self._count("skills_count", **filters)

    # Nested lists: one query for many parents; `window` is skip, limit and fromEnd.

    async def followers_of_members(self, ids: list[str], *, visibility: Visibility, **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["followers_of_members"], ids=ids, **window, **visibility.params()))

    async def following_of_members(self, ids: list[str], *, visibility: Visibility, **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["following_of_members"], ids=ids, **window, **visibility.params()))

    async def groups_of_members(self, ids: list[str], *, role: str | None, **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["groups_of_members"], ids=ids, role=role, **window))

    async def members_of_groups(
        self, ids: list[str], *, role: str | None, visibility: Visibility, **window: Any
    ) -> dict[str, Page]:
        return _pages(await self.graph.read(
            QUERIES["members_of_groups"], ids=ids, role=role, **window, **visibility.params()))

    async def skills_of_members(self, ids: list[str]) -> dict[str, list[Row]]:
        return _keyed(await self.graph.read(QUERIES["skills_of_members"], ids=ids), "id", "skills")

    async def topics_followed_by_members(self, ids: list[str]) -> dict[str, list[Row]]:
        return _keyed(await self.graph.read(QUERIES["topics_followed_by_members"], ids=ids), "id", "topics")

    async def topics_of_groups(self, ids: list[str]) -> dict[str, list[Row]]:
        return _keyed(await self.graph.read(QUERIES["topics_of_groups"], ids=ids), "id", "topics")

    # -- the viewer's own relations to what they are looking at ----------------------

    async def viewer_follows_members(self, viewer_id: str, ids: list[str]) -> set[str]:
        rows = await self.graph.read(QUERIES["viewer_follows_members"], viewerId=viewer_id, ids=ids)
        return {row["id"] for row in rows}

    async def viewer_follows_topics(self, viewer_id: str, ids: list[str]) -> set[str]:
        rows = await self.graph.read(QUERIES["viewer_follows_topics"], viewerId=viewer_id, ids=ids)
        return {row["id"] for row in rows}

    async def viewer_roles_in_groups(self, viewer_id: str, ids: list[str]) -> dict[str, str]:
        rows = await self.graph.read(QUERIES["viewer_roles_in_groups"], viewerId=viewer_id, ids=ids)
        return _keyed(rows, "id", "role")

    # -- writes: each method is one write transaction ---------------------------------

    async def _write_one(self, name: str, key: str, **params: Any) -> Row | None:
        rows = await self.graph.write(QUERIES[name], **params)
        return rows[0][key] if rows else None

    async def _write_contended(self, name: str, **params: Any) -> list[Row]:
        """A guarded write to a counter many requests may change at once (a popular member's
        followers, a group's members): a race it loses is run again rather than refused (see
        `Graph.write_tx`); each attempt re-reads the counter it guards."""
        return await self.graph.write_tx(lambda tx: tx.rows(QUERIES[name], **params), attempts=CONTENDED_ATTEMPTS)

    async def update_member(self, member_id: str, props: Row) -> Row | None:
        return await self._write_one("update_member", "member", id=member_id, props=props)

    async def follow_member(self, follower_id: str, followee_id: str) -> Row | None:
        rows = await self._write_contended("follow_member", followerId=follower_id, followeeId=followee_id)
        return rows[0]["member"] if rows else None

    async def unfollow_member(self, follower_id: str, followee_id: str) -> Row | None:
        rows = await self._write_contended("unfollow_member", followerId=follower_id, followeeId=followee_id)
        return rows[0]["member"] if rows else None

    async def follow_topic(self, member_id: str, topic_id: str) -> Row | None:
        return await self._write_one("follow_topic", "topic", memberId=member_id, topicId=topic_id)

    async def unfollow_topic(self, member_id: str, topic_id: str) -> None:
        await self.graph.write(QUERIES["unfollow_topic"], memberId=member_id, topicId=topic_id)

    async def set_skill(self, member_id: str, skill_id: str, level: int) -> Row | None:
        return await self._write_one("set_skill", "skill", memberId=member_id, skillId=skill_id, level=level)

    async def remove_skill(self, member_id: str, skill_id: str) -> None:
        await self.graph.write(QUERIES["remove_skill"], memberId=member_id, skillId=skill_id)

    async def join_group(self, member_id: str, group_id: str) -> Row | None:
        rows = await self._write_contended("join_group", memberId=member_id, groupId=group_id)
        return rows[0] if rows else None

    async def leave_group(self, member_id: str, group_id: str) -> Row | None:
        rows = await self._write_contended("leave_group", memberId=member_id, groupId=group_id)
        return rows[0] if rows else None

    async def create_group(self, creator_id: str, props: Row, topic_ids: list[str]) -> Row | None:
        return await self._write_one("create_group", "group", creatorId=creator_id, props=props, topicIds=topic_ids)

    async def update_group(self, leader_id: str, group_id: str, props: Row, topic_ids: list[str] | None) -> Row | None:
        """Update a group the leader leads, its topics too, in one transaction; None if not a leader."""

        async def work(tx: Transaction) -> Row | None:
            updated = await tx.one(QUERIES["update_group"], leaderId=leader_id, id=group_id, props=props)
            if updated is not None and topic_ids is not None:
                await tx.rows(QUERIES["replace_group_topics"], id=group_id, topicIds=topic_ids)
            return updated["group"] if updated else None

        return await self.graph.write_tx(work)
