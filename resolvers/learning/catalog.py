"""The learning catalog: lookups and filtered lists of trails, modules, superbadges, badges and
certifications, and the reference data every learning rule reads (the rank ladder, the release
calendar), each fetched at most once per request."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.learning.catalog import CatalogRepository
from resolvers.community.loaders import keyed_loader
from resolvers.community.validation import clean_search
from resolvers.errors import BadUserInput
from resolvers.ids import id_argument
from resolvers.pagination import Slice, Window, paginate
from resolvers.scope import RequestScope

ROLES = ("ADMINISTRATOR", "ARCHITECT", "DEVELOPER", "MARKETER", "CONSULTANT", "DESIGNER")


class CatalogContext:
    """The catalog repository and loaders of one request: `scope.per_request(CatalogContext)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = CatalogRepository(scope.graph)
        self.trail_by_id: DataLoader[str, Row | None] = keyed_loader(repo.trails_by_ids)
        self.trail_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.trails_by_slugs)
        self.module_by_id: DataLoader[str, Row | None] = keyed_loader(repo.modules_by_ids)
        self.module_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.modules_by_slugs)
        self.unit_by_id: DataLoader[str, Row | None] = keyed_loader(repo.units_by_ids)
        self.superbadge_by_id: DataLoader[str, Row | None] = keyed_loader(repo.superbadges_by_ids)
        self.badge_by_id: DataLoader[str, Row | None] = keyed_loader(repo.badges_by_ids)
        self.certification_by_id: DataLoader[str, Row | None] = keyed_loader(repo.certifications_by_ids)
        self.certification_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.certifications_by_slugs)
        self.release_of_module: DataLoader[str, Row | None] = keyed_loader(repo.release_of_modules)
        self.modules_of_trail: DataLoader[str, list[Row]] = keyed_loader(repo.modules_of_trails, default=[])
        self.units_of_module: DataLoader[str, list[Row]] = keyed_loader(repo.units_of_modules, default=[])
        self.skills_of_module: DataLoader[str, list[Row]] = keyed_loader(repo.skills_of_modules, default=[])
        self.skills_of_superbadge: DataLoader[str, list[Row]] = keyed_loader(repo.skills_of_superbadges, default=[])
        self.skills_of_certification: DataLoader[str, list[Row]] = keyed_loader(repo.skills_of_certifications,
                                                                                 default=[])
        self.prerequisites_of_superbadge: DataLoader[str, list[Row]] = keyed_loader(
            repo.prerequisites_of_superbadges, default=[])
        self.prerequisites_of_certification: DataLoader[str, list[Row]] = keyed_loader(
            repo.prerequisites_of_certifications, default=[])
        self.preparation_of_certification: DataLoader[str, list[Row]] = keyed_loader(
            repo.recommendations_of_certifications, default=[])
        self.certifications_maintained_by: DataLoader[str, list[Row]] = keyed_loader(
            repo.maintained_certifications_of_modules, default=[])
        self._ranks: asyncio.Future[list[Row]] | None = None
        self._releases: asyncio.Future[list[Row]] | None = None

    def prime(self, loader: DataLoader[str, Row | None], rows: list[Row]) -> None:
        """Remember rows a list query already returned, so their lookups by id cost nothing."""
        for row in rows:
            loader.prime(row["id"], row)

    # Reference data is read once per request, even when many fields ask for it at the same time
    # (a page of twenty members resolves twenty ranks concurrently): they share one future.

    async def ranks(self) -> "RankLadder":
        if self._ranks is None:
            self._ranks = asyncio.ensure_future(self.repository.ranks())
        return RankLadder(await asyncio.shield(self._ranks))

    async def releases(self) -> list[Row]:
        if self._releases is None:
            self._releases = asyncio.ensure_future(self.repository.releases())
        return await asyncio.shield(self._releases)


def catalog(scope: RequestScope) -> CatalogContext:
    return scope.per_request(CatalogContext)


@dataclass(frozen=True)
class RankProgress:
    """Where a member stands on the ladder: their rank, the next one, and what is missing to reach it."""

    rank: Row | None
    next_rank: Row | None
    points_needed: int
    badges_needed: int


class RankLadder:
    """The rank ladder as data: a rank is reached when both its point and its badge thresholds are."""

    def __init__(self, ranks: list[Row]) -> None:
        self.ranks = sorted(ranks, key=lambda r: r["position"])

    def by_position(self, position: int) -> Row | None:
        return next((r for r in self.ranks if r["position"] == position), None)

    def reached(self, points: int, badges: int) -> Row | None:
        """The highest rank whose thresholds `points` and `badges` both meet."""
        met = [r for r in self.ranks if points >= r["minPoints"] and badges >= r["minBadges"]]
        return met[-1] if met else None

    def progress(self, points: int, badges: int) -> RankProgress:
        rank = self.reached(points, badges)
        position = rank["position"] if rank else 0
        nxt = next((r for r in self.ranks if r["position"] > position), None)
        if nxt is None:
            return RankProgress(rank, None, 0, 0)
        return RankProgress(rank, nxt, max(0, nxt["minPoints"] - points), max(0, nxt["minBadges"] - badges))


# -- lookups by global ID or slug -------------------------------------------------------------


async def by_id_or_slug(scope: RequestScope, *, type_name: str, global_id: str | None, slug: str | None) -> Row | None:
    """One catalog item by `id` or `slug` (exactly one of them); None when there is none."""
    if (global_id is None) == (slug is None):
        raise BadUserInput("give exactly one of `id` and `slug`", field="id")
    ctx = catalog(scope)
    loaders = {"Trail": (ctx.trail_by_id, ctx.trail_by_slug), "Module": (ctx.module_by_id, ctx.module_by_slug),
               "Certification": (ctx.certification_by_id, ctx.certification_by_slug)}
    by_id, by_slug = loaders[type_name]
    if slug is not None:
        if len(slug) > 120:
            raise BadUserInput("`slug` must be at most 120 characters", field="slug")
        return await by_slug.load(slug)
    return await by_id.load(id_argument(global_id, expect=type_name, argument="id"))


# -- filtered lists ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogFilter:
    """The filters every catalog list takes; enums are checked by the schema, IDs and text here."""

    role: str | None = None
    level: str | None = None
    skill: str | None = None  # a Skill's global ID
    search: str | None = None
    kind: str | None = None
    available_at: datetime | None = None

    def params(self, kind: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            "role": self.role, "level": self.level, "search": clean_search(self.search),
            "skillId": id_argument(self.skill, expect="Skill", argument="filter.skill"),
        }
        if kind in ("modules", "badges"):
            params["kind"] = self.kind
        if kind == "badges":
            params["availableAt"] = int(self.available_at.timestamp() * 1000) if self.available_at else None
        return params


async def list_catalog(scope: RequestScope, kind: str, *, win: Window, filter: CatalogFilter) -> Slice:
    """A page of trails, modules, superbadges, badges or certifications; rows are primed for lookups."""
    ctx = catalog(scope)
    params = filter.params(kind)
    loader = {"trails": ctx.trail_by_id, "modules": ctx.module_by_id, "superbadges": ctx.superbadge_by_id,
              "badges": ctx.badge_by_id, "certifications": ctx.certification_by_id}[kind]

    async def page(skip: int, limit: int) -> list[Row]:
        rows = await ctx.repository.page(kind, skip=skip, limit=limit, **params)
        ctx.prime(loader, rows)
        return rows

    return await paginate(win, page, lambda: ctx.repository.count(kind, **params))
