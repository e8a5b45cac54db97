"""SharingRepository: the rows the public Open Badges 3.0 documents are built from.

One statement per document (graph/learning/sharing.cypher); each returns one row of scalar
columns, or None when the id names nothing.
"""

from __future__ import annotations

from graph.community.repository import Row
from graph.database import Graph
from graph.learning import QUERIES


class SharingRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def _one(self, name: str, **params: str) -> Row | None:
        rows = await self.graph.read(QUERIES[name], **params)
        return rows[0] if rows else None

    async def earned_badge(self, assertion_id: str) -> Row | None:
        """An EARNED badge by its assertion id, with its badge and holder (see the statement)."""
        return await self._one("sharing_earned_badge", assertionId=assertion_id)

    async def credential(self, credential_id: str) -> Row | None:
        """A credential by its public code, with its certification and holder."""
        return await self._one("sharing_credential", credentialId=credential_id)

    async def badge(self, badge_id: str) -> Row | None:
        return await self._one("sharing_badge", badgeId=badge_id)

    async def certification(self, certification_id: str) -> Row | None:
        return await self._one("sharing_certification", certificationId=certification_id)
