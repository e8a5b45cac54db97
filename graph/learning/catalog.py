"""CatalogRepository: reads of the learning catalog (trails, modules, units, superbadges, badges,
certifications) and of its reference data (the rank ladder, the release calendar)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from graph.community.repository import Row
from graph.database import Graph
from graph.learning import QUERIES


def _keyed(rows: Iterable[Row], key: str, value: str) -> dict[Any, Row]:
    return {row[key]: row[value] for row in rows}


def _grouped(rows: Iterable[Row], value: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        out[row["id"]].append(row[value])
    return dict(out)


class CatalogRepository:
    """Catalog lookups (by id, by slug, nested lists for many parents) and filtered pages."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    async def _by(self, name: str, key: str, value: str, keys: list[str]) -> dict[str, Row]:
        return _keyed(await self.graph.read(QUERIES[name], **{f"{key}s": keys}), key, value)

    async def _nested(self, name: str, value: str, ids: list[str]) -> dict[str, list[Row]]:
        return _grouped(await self.graph.read(QUERIES[name], ids=ids), value)

    # -- lookups ------------------------------------------------------------------------

    async def trails_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("trails_by_ids", "id", "trail", ids)

    async def trails_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        return await self._by("trails_by_slugs", "slug", "trail", slugs)

    async def modules_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("modules_by_ids", "id", "module", ids)

    async def modules_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        return await self._by("modules_by_slugs", "slug", "module", slugs)

    async def units_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("units_by_ids", "id", "unit", ids)

    async def superbadges_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("superbadges_by_ids", "id", "superbadge", ids)

    async def badges_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("badges_by_ids", "id", "badge", ids)

    async def certifications_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("certifications_by_ids", "id", "certification", ids)

    async def certifications_by_slugs(self, slugs: list[str]) -> dict[str, Row]:
        return await self._by("certifications_by_slugs", "slug", "certification", slugs)

    async def release_of_modules(self, ids: list[str]) -> dict[str, Row]:
        return await self._by("release_of_modules", "id", "release", ids)

    # -- nested lists, one query for many parents ---------------------------------------

    async def modules_of_trails(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("modules_of_trails", "module", ids)

    async def units_of_modules(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("units_of_modules", "unit", ids)

    async def skills_of_modules(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("skills_of_modules", "skill", ids)

    async def skills_of_superbadges(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("skills_of_superbadges", "skill", ids)

    async def skills_of_certifications(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("skills_of_certifications", "skill", ids)

    async def prerequisites_of_superbadges(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("prerequisites_of_superbadges", "module", ids)

    async def prerequisites_of_certifications(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("prerequisites_of_certifications", "certification", ids)

    async def maintained_certifications_of_modules(self, ids: list[str]) -> dict[str, list[Row]]:
        return await self._nested("maintained_certifications_of_modules", "certification", ids)

    async def recommendations_of_certifications(self, ids: list[str]) -> dict[str, list[Row]]:
        """Each certification's preparation in order: rows `{kind: MODULE | SUPERBADGE, item}`."""
        rows = await self.graph.read(QUERIES["recommendations_of_certifications"], ids=ids)
        out: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            out[row["id"]].append({"kind": row["kind"], "item": row["item"]})
        return dict(out)

    # -- reference data -----------------------------------------------------------------

    async def ranks(self) -> list[Row]:
        return [row["rank"] for row in await self.graph.read(QUERIES["ranks"])]

    async def releases(self) -> list[Row]:
        return [row["release"] for row in await self.graph.read(QUERIES["releases"])]

    # -- filtered pages (`filters` are the statements' parameters) -----------------------

    async def page(self, listing: str, *, skip: int, limit: int, **filters: Any) -> list[Row]:
        """A page of `listing` (trails, modules, superbadges, badges, certifications)."""
        value = listing[:-1]
        rows = await self.graph.read(QUERIES[f"{listing}_page"], skip=skip, limit=limit, **filters)
        return [row[value] for row in rows]

    async def count(self, listing: str, **filters: Any) -> int:
        rows = await self.graph.read(QUERIES[f"{listing}_count"], **filters)
        return int(rows[0]["total"]) if rows else 0
