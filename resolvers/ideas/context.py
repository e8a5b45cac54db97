"""What every ideas area shares in a request (`ideas(scope)`): ideas and rounds by id, and who
may act as a product manager.

Product managers hold the token role `product_manager` (resolvers/ideas/rules.py). It is a
platform role, like `admin`: product areas are not owned by anyone in the graph, so the role
alone decides; an `admin` who is not a product manager may not change idea statuses.
"""

from __future__ import annotations

from datetime import datetime, timezone

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.ideas.core import IdeasRepository
from resolvers.community.loaders import keyed_loader
from resolvers.errors import Forbidden
from resolvers.ideas.rules import PRODUCT_MANAGER
from resolvers.scope import RequestScope


class IdeasContext:
    """The shared ideas repository and loaders of one request."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = IdeasRepository(scope.graph)
        self.now = datetime.now(timezone.utc)
        self.idea_by_id: DataLoader[str, Row | None] = keyed_loader(repo.ideas_by_ids)
        self.round_by_id: DataLoader[str, Row | None] = keyed_loader(repo.rounds_by_ids)

    def is_product_manager(self) -> bool:
        viewer = self.scope.viewer
        return viewer is not None and viewer.has_role(PRODUCT_MANAGER)

    def require_product_manager(self) -> str:
        """The viewer's member id; UNAUTHENTICATED when anonymous, FORBIDDEN without the role."""
        viewer = self.scope.require_viewer()
        if not viewer.has_role(PRODUCT_MANAGER):
            raise Forbidden("only product managers may do this: it needs the `product_manager` role")
        return viewer.member_id


def ideas(scope: RequestScope) -> IdeasContext:
    """The request's IdeasContext."""
    return scope.per_request(IdeasContext)


__all__ = ["IdeasContext", "ideas"]
