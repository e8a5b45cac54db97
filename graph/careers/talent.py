"""TalentRepository: career preferences, talent search, saved searches and profile views
(graph/careers/talent.cypher)."""

from __future__ import annotations

from typing import Any

from graph.careers import QUERIES
from graph.community.repository import Page, Row
from graph.database import Graph


def _pages(rows: list[Row]) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], row["page"]) for row in rows}


class TalentRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- profile views -------------------------------------------------------------------

    async def record_profile_views(self, recruiter_id: str, views: list[Row], *, at_ms: int, day_start_ms: int) -> int:
        """Log views ({memberId, companyId, via}) once per recruiter, member, source and UTC day."""
        rows = await self.graph.write(QUERIES["talent_record_profile_views"], recruiterId=recruiter_id, views=views,
                                      at=at_ms, dayStart=day_start_ms)
        return int(rows[0]["recorded"]) if rows else 0

    async def profile_views_of_members(self, ids: list[str], **window: Any) -> dict[str, Page]:
        return _pages(await self.graph.read(QUERIES["talent_profile_views_of_members"], ids=ids, **window))

    # -- talent search -------------------------------------------------------------------

    async def anchor_sizes(self, *, skill_ids: list[str], certification_ids: list[str],
                           superbadge_ids: list[str]) -> Row:
        """{skills: {id: size}, certifications: {id: size}, superbadges: {id: size}, searchable: int}."""
        row = (await self.graph.read(QUERIES["talent_anchor_sizes"], skillIds=skill_ids,
                                     certificationIds=certification_ids, superbadgeIds=superbadge_ids))[0]
        return {kind: {entry["id"]: entry["size"] for entry in row[kind]}
                for kind in ("skills", "certifications", "superbadges")} | {"searchable": row["searchable"]}

    async def search_candidates(self, searches: list[Row]) -> dict[str, tuple[int, list[str]]]:
        """For each search (by `key`): the number of opted-in members it matches and the best ids."""
        rows = await self.graph.read(QUERIES["talent_search_candidates"], searches=searches)
        return {row["key"]: (row["total"], row["ids"]) for row in rows}

    async def company_connections(self, requests: list[Row]) -> dict[tuple[str, str], Row]:
        """{(companyId, memberId): {employeesFollowing, followedEmployees, sharedGroups}}."""
        rows = await self.graph.read(QUERIES["talent_company_connections"], requests=requests)
        return {(row["companyId"], row["id"]): row for row in rows}

    # -- career preferences --------------------------------------------------------------

    async def preferences_of_members(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["talent_preferences_of_members"], ids=ids)
        return {row["id"]: row["preferences"] for row in rows}

    async def set_career_preferences(self, member_id: str, *, new_id: str, values: Row, now_ms: int) -> Row | None:
        """Create or change the member's preferences (`values` holds only the fields given); None
        when the member does not exist. Runs again (up to 5 times) after losing a race."""
        async def work(tx) -> Row | None:
            row = await tx.one(QUERIES["talent_set_career_preferences"], memberId=member_id, newId=new_id,
                               fields=list(values), values=values, now=now_ms)
            return row["preferences"] if row else None

        return await self.graph.write_tx(work, attempts=5)

    # -- saved searches ------------------------------------------------------------------

    @staticmethod
    def _saved(row: Row) -> Row:
        return {**row["search"], "ownerId": row["ownerId"], "companyId": row["companyId"]}

    async def save_search(self, member_id: str, *, search_id: str, company_id: str, name: str,
                          filter_json: str, limit: int, now_ms: int) -> Row | None:
        """The saved search, or None when the limit is reached (or the company is missing). A save
        that lost a race for the recruiter's counter runs again (it then reads the winner's count)."""
        row = await self.graph.write_tx(lambda tx: tx.one(
            QUERIES["talent_save_search"], memberId=member_id, id=search_id, companyId=company_id, name=name,
            filter=filter_json, limit=limit, now=now_ms), attempts=10)
        return self._saved(row) if row else None

    async def count_saved_searches(self, member_id: str) -> int:
        row = (await self.graph.read(QUERIES["talent_count_saved_searches"], memberId=member_id))
        return int(row[0]["saved"]) if row else 0

    async def delete_saved_search(self, member_id: str, search_id: str) -> bool:
        return bool(await self.graph.write(QUERIES["talent_delete_saved_search"], memberId=member_id, id=search_id))

    async def saved_searches_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["talent_saved_searches_by_ids"], ids=ids)
        return {row["id"]: self._saved(row) for row in rows}

    async def saved_searches_page(self, member_id: str, *, skip: int, limit: int) -> list[Row]:
        rows = await self.graph.read(QUERIES["talent_saved_searches_page"], memberId=member_id, skip=skip, limit=limit)
        return [self._saved(row) for row in rows]

    async def saved_searches_total(self, member_id: str) -> int:
        rows = await self.graph.read(QUERIES["talent_saved_searches_total"], memberId=member_id)
        return int(rows[0]["total"]) if rows else 0

    async def touch_saved_searches(self, ids: list[str], *, now_ms: int) -> None:
        await self.graph.write(QUERIES["talent_touch_saved_searches"], ids=ids, now=now_ms)
