"""RequestScope: everything one GraphQL request may use, built fresh for each request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from graph.community.repository import CommunityRepository, Visibility
from graph.database import Graph
from resolvers.auth import Viewer
from resolvers.community.loaders import CommunityLoaders
from resolvers.errors import Forbidden, Unauthenticated

T = TypeVar("T")
PUBLIC_ONLY = ("PUBLIC",)
SIGNED_IN = ("PUBLIC", "MEMBERS")


def visibility_for(viewer: Viewer | None) -> Visibility:
    """Anonymous callers see PUBLIC profiles; members see MEMBERS too; PRIVATE is for its owner."""
    if viewer is None:
        return Visibility(PUBLIC_ONLY, None)
    return Visibility(SIGNED_IN, viewer.member_id)


@dataclass
class RequestScope:
    graph: Graph
    viewer: Viewer | None
    visibility: Visibility = field(init=False)
    community: CommunityRepository = field(init=False)
    loaders: CommunityLoaders = field(init=False)
    _per_request: dict[Callable[..., Any], Any] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.visibility = visibility_for(self.viewer)
        self.community = CommunityRepository(self.graph)
        self.loaders = CommunityLoaders(self.community, self.visibility)

    def per_request(self, factory: Callable[["RequestScope"], T]) -> T:
        """The request's one instance of a domain's repositories and loaders, built on first use.

        Domains beyond `community` (questions, events, connections, ...) keep their loaders
        here, so a request that never touches a domain never builds its loaders.
        """
        if factory not in self._per_request:
            self._per_request[factory] = factory(self)
        return self._per_request[factory]

    def require_viewer(self) -> Viewer:
        """The viewer, or UNAUTHENTICATED for an anonymous caller."""
        if self.viewer is None:
            raise Unauthenticated("sign in to do this: send `Authorization: Bearer <token>`")
        return self.viewer

    def require_self(self, member_id: str, what: str) -> str:
        """The viewer's id, if `member_id` is the viewer: personal fields (suggestions, the feed,
        assigned learning, ...) answer on `viewer` only; FORBIDDEN on anyone else's Member."""
        viewer = self.require_viewer()
        if viewer.member_id != member_id:
            raise Forbidden(f"`{what}` is only available on `viewer`")
        return viewer.member_id

    def can_view_member(self, row: dict | None) -> bool:
        if row is None:
            return False
        return row.get("visibility") in self.visibility.levels or (
            self.viewer is not None and row.get("id") == self.viewer.member_id
        )

    def can_see_email(self, row: dict) -> bool:
        return self.viewer is not None and (self.viewer.member_id == row.get("id") or self.viewer.has_role("admin"))
