"""CredentialRepository: reads and writes of credentials (graph/learning/credentials.cypher).

Writes that belong to one mutation take a `Transaction` (`Graph.write_tx`), so the resolver can
decide between two statements on what the first one read, and the whole mutation still commits
or rolls back as one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.community.repository import Row
from graph.database import Graph, Transaction
from graph.learning import QUERIES


class CredentialRepository:
    """Credential lookups (by id, by public code, per member) and the statements of its mutations."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- reads ------------------------------------------------------------------------------

    async def credentials_by_ids(self, ids: list[str]) -> dict[str, Row]:
        """Rows {credential, certification, holder} by credential id."""
        rows = await self.graph.read(QUERIES["credentials_by_ids"], ids=ids)
        return {row["id"]: row for row in rows}

    async def credential_by_code(self, credential_id: str) -> Row | None:
        """The row {credential, certification, holder} of a public verification code, or None."""
        rows = await self.graph.read(QUERIES["credential_by_code"], credentialId=credential_id)
        return rows[0] if rows else None

    async def credentials_of_members(self, ids: list[str]) -> dict[str, list[Row]]:
        """Each member's credentials, newest first: rows {credential, certification}."""
        out: dict[str, list[Row]] = defaultdict(list)
        for row in await self.graph.read(QUERIES["credentials_of_members"], ids=ids):
            out[row["id"]].append({"credential": row["credential"], "certification": row["certification"]})
        return dict(out)

    async def path_candidates(self, certification_id: str) -> Row | None:
        """Everything a certification asks of a candidate (see `credential_path_candidates`)."""
        rows = await self.graph.read(QUERIES["credential_path_candidates"], certificationId=certification_id)
        return rows[0] if rows else None

    async def path_progress(self, member_id: str, *, item_ids: list[str], skill_ids: list[str]) -> Row | None:
        """What a member has done among a path's candidates (see `credential_path_progress`)."""
        rows = await self.graph.read(QUERIES["credential_path_progress"], memberId=member_id, ids=item_ids,
                                     skills=skill_ids)
        return rows[0] if rows else None

    # -- recordCertification (one transaction) -------------------------------------------------

    @staticmethod
    async def record_state(tx: Transaction, *, member_id: str, certification_id: str,
                           credential_id: str) -> Row | None:
        """Lock the member and read what recording depends on; None when the member does not exist."""
        return await tx.one(QUERIES["credential_record_state"], memberId=member_id,
                            certificationId=certification_id, credentialId=credential_id)

    @staticmethod
    async def create(tx: Transaction, **values: Any) -> Row | None:
        """A new credential (`id`, `memberId`, `certificationId`, `credentialId`, `earnedAt`, `issuedBy`)."""
        row = await tx.one(QUERIES["credential_create"], **values)
        return row["credential"] if row else None

    @staticmethod
    async def renew(tx: Transaction, **values: Any) -> Row | None:
        """Renew an expired credential (`id`, `previousCredentialId`, `credentialId`, `earnedAt`, `issuedBy`)."""
        row = await tx.one(QUERIES["credential_renew"], **values)
        return row["credential"] if row else None

    # -- completeMaintenance (one transaction) ---------------------------------------------------

    @staticmethod
    async def maintenance_state(tx: Transaction, *, member_id: str, module_id: str) -> Row | None:
        """Lock the member and read the module, its release and the credentials it maintains."""
        return await tx.one(QUERIES["credential_maintenance_state"], memberId=member_id, moduleId=module_id)

    @staticmethod
    async def cover_release(tx: Transaction, rows: list[Row]) -> list[Row]:
        """Move credentials' coveredThrough forward (`rows` of {id, coveredThrough: epoch millis})."""
        if not rows:
            return []
        return [row["credential"] for row in await tx.rows(QUERIES["credential_cover_release"], rows=rows)]

    @staticmethod
    async def complete_module(tx: Transaction, *, member_id: str, module_id: str, at: int) -> Row | None:
        """Complete the module's missing units and the module; {gained, modules, points, badgeCount, rank}."""
        return await tx.one(QUERIES["credential_complete_module"], memberId=member_id, moduleId=module_id, at=at)

    @staticmethod
    async def promote(tx: Transaction, *, member_id: str, at: int) -> list[Row]:
        """The ranks a member was promoted to (lowest first); none when their rank stands."""
        return [row["rank"] for row in await tx.rows(QUERIES["promote_member_rank"], memberId=member_id, at=at)]
