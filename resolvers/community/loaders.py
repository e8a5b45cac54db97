"""Per-request DataLoaders for the community graph: one batched query per field and page shape."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Awaitable, Callable, Hashable, Sequence, TypeVar

from strawberry.dataloader import DataLoader

from graph.community.repository import CommunityRepository, Page, Row, Visibility
from resolvers.pagination import Window, page_params

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def keyed_loader(fetch: Callable[[list[K]], Awaitable[dict[K, V]]], *, default: Any = None) -> DataLoader[K, V]:
    """A loader over a fetch that returns a dict by key; misses get `default`."""

    async def load(keys: Sequence[K]) -> list[V]:
        found = await fetch(list(keys))
        return [found.get(key, default) for key in keys]

    return DataLoader(load_fn=load)


def forget(loader: DataLoader, key: Hashable) -> None:
    """Drop a cached value after a write changed it; a key never loaded is fine."""
    try:
        loader.clear(key)
    except KeyError:
        pass


PageKey = tuple[str, Window, Any]  # (parent id, window, extra filter such as a role)


def page_loader(fetch: Callable[[list[str], Window, Any], Awaitable[dict[str, Page]]]) -> DataLoader[PageKey, Page]:
    """A loader for nested connections: parents that ask for the same window share one query."""

    async def load(keys: Sequence[PageKey]) -> list[Page]:
        groups: dict[tuple[Window, Any], list[str]] = defaultdict(list)
        for parent_id, win, extra in keys:
            groups[(win, extra)].append(parent_id)
        results: dict[tuple[Window, Any], dict[str, Page]] = {}
        for (win, extra), ids in groups.items():
            results[(win, extra)] = await fetch(list(dict.fromkeys(ids)), win, extra)
        return [results[(win, extra)].get(parent_id, Page(0, [])) for parent_id, win, extra in keys]

    return DataLoader(load_fn=load)


class CommunityLoaders:
    """Every loader of the community domain, created once per request."""

    def __init__(self, repository: CommunityRepository, visibility: Visibility) -> None:
        repo = repository
        self.member_by_id: DataLoader[str, Row | None] = keyed_loader(repo.members_by_ids)
        self.group_by_id: DataLoader[str, Row | None] = keyed_loader(repo.groups_by_ids)
        self.topic_by_id: DataLoader[str, Row | None] = keyed_loader(repo.topics_by_ids)
        self.topic_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.topics_by_slugs)
        self.skill_by_id: DataLoader[str, Row | None] = keyed_loader(repo.skills_by_ids)
        self.skill_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.skills_by_slugs)
        self.skills_by_member: DataLoader[str, list[Row]] = keyed_loader(repo.skills_of_members, default=[])
        self.topics_by_member: DataLoader[str, list[Row]] = keyed_loader(repo.topics_followed_by_members, default=[])
        self.topics_by_group: DataLoader[str, list[Row]] = keyed_loader(repo.topics_of_groups, default=[])
        self.followers_by_member = page_loader(
            lambda ids, win, _: repo.followers_of_members(ids, visibility=visibility, **page_params(win))
        )
        self.following_by_member = page_loader(
            lambda ids, win, _: repo.following_of_members(ids, visibility=visibility, **page_params(win))
        )
        self.groups_by_member = page_loader(
            lambda ids, win, role: repo.groups_of_members(ids, role=role, **page_params(win))
        )
        self.members_by_group = page_loader(
            lambda ids, win, role: repo.members_of_groups(ids, role=role, visibility=visibility, **page_params(win))
        )
        self.viewer_relations(repo, visibility.viewer_id)

    def viewer_relations(self, repository: CommunityRepository, viewer_id: str | None) -> None:
        """Loaders for how the viewer relates to what they see; anonymous viewers relate to nothing."""

        def membership_of(fetch):
            async def load(ids: list[str]) -> dict[str, bool]:
                found = await fetch(viewer_id, ids) if viewer_id else set()
                return {i: i in found for i in ids}

            return load

        async def roles(ids: list[str]) -> dict[str, str]:
            return await repository.viewer_roles_in_groups(viewer_id, ids) if viewer_id else {}

        self.viewer_follows_member = keyed_loader(membership_of(repository.viewer_follows_members), default=False)
        self.viewer_follows_topic = keyed_loader(membership_of(repository.viewer_follows_topics), default=False)
        self.viewer_role_in_group = keyed_loader(roles)

    def prime_members(self, rows: list[Row]) -> None:
        """Remember members a list query already returned, so their lookups cost nothing."""
        for row in rows:
            self.member_by_id.prime(row["id"], row)
