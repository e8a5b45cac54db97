"""Per-request state of the connections domain: its repository and DataLoaders."""

from __future__ import annotations

from graph.connections.repository import ConnectionRepository
from resolvers.community.loaders import keyed_loader
from resolvers.scope import RequestScope


class ConnectionContext:
    """Built once per request through `scope.per_request(ConnectionContext)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.repository = ConnectionRepository(scope.graph)
        viewer_id = scope.viewer.member_id if scope.viewer else None

        async def endorsed(ids: list[str]) -> dict[str, set[str]]:
            if viewer_id is None:
                return {}
            return await self.repository.viewer_endorsements_of_members(viewer_id, ids)

        # For each member: the skills the viewer has endorsed them for (empty when anonymous).
        self.viewer_endorsements = keyed_loader(endorsed, default=frozenset())


def connections(scope: RequestScope) -> ConnectionContext:
    return scope.per_request(ConnectionContext)
