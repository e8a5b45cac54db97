"""CompanyRepository: companies, members' employers and companies' employees (WORKS_AT)."""

from __future__ import annotations

from typing import Any

from graph.community.repository import QUERIES, Page, Row, Visibility
from graph.database import Graph


class CompanyRepository:
    """Reads of companies; their writes (employment) belong to the seed and importers for now."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def companies_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["companies_by_ids"], ids=ids)
        return {row["id"]: row["company"] for row in rows}

    async def companies_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["companies_by_slugs"], slugs=slugs)
        return {row["slug"]: row["company"] for row in rows}

    async def page(self, *, skip: int, limit: int, search: str | None, country: str | None) -> list[Row]:
        rows = await self.graph.read(QUERIES["companies_page"], skip=skip, limit=limit, search=search, country=country)
        return [row["company"] for row in rows]

    async def count(self, *, search: str | None, country: str | None) -> int:
        rows = await self.graph.read(QUERIES["companies_count"], search=search, country=country)
        return int(rows[0]["total"]) if rows else 0

    async def employers_of_members(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["employers_of_members"], ids=ids)
        return {row["id"]: row["company"] for row in rows}

    async def employment_of(self, member_id: str) -> Row | None:
        """`{companyId, role}` of the member's current employment, or None."""
        rows = await self.graph.read(QUERIES["employment_of_member"], memberId=member_id)
        return rows[0] if rows else None

    async def employees_of_companies(self, ids: list[str], *, visibility: Visibility, **window: Any) -> dict[str, Page]:
        """A page of each company's visible employees; page rows are `{member, role, since}`."""
        rows = await self.graph.read(QUERIES["employees_of_companies"], ids=ids, **window, **visibility.params())
        return {row["id"]: Page(row["total"], row["page"]) for row in rows}
