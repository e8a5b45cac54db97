"""The learning catalog's types (Trail, Module, Unit, Superbadge, Badge, Certification, the rank
ladder and the release calendar) and its root queries."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import Private

from resolvers.ids import to_global_id
from resolvers.learning.catalog import CatalogFilter, by_id_or_slug, catalog, list_catalog
from schema.context import Info
from schema.relay import Connection, Node, reference_id, time_of, window

Row = dict[str, Any]
SkillRef = Annotated["Skill", strawberry.lazy("schema.community.types")]


def _skills(rows: list[Row]) -> list[SkillRef]:
    from schema.community.types import Skill as SkillType

    return [SkillType.from_row(row) for row in rows]


@strawberry.enum(description="The job roles the catalog and certifications are organised around.")
class LearningRole(Enum):
    ADMINISTRATOR = "ADMINISTRATOR"
    ARCHITECT = "ARCHITECT"
    DEVELOPER = "DEVELOPER"
    MARKETER = "MARKETER"
    CONSULTANT = "CONSULTANT"
    DESIGNER = "DESIGNER"


@strawberry.enum(description="How demanding a trail, module or superbadge is.")
class LearningLevel(Enum):
    BEGINNER = "BEGINNER"
    INTERMEDIATE = "INTERMEDIATE"
    ADVANCED = "ADVANCED"


@strawberry.enum(description="What kind of module this is.")
class ModuleKind(Enum):
    MODULE = strawberry.enum_value("MODULE", description="Bite-sized lessons with quizzes and challenges.")
    PROJECT = strawberry.enum_value("PROJECT", description="A step-by-step hands-on project.")
    MAINTENANCE = strawberry.enum_value("MAINTENANCE", description=(
        "A certification maintenance module for one release; it awards no badge."))


@strawberry.enum(description="How a unit is checked.")
class UnitKind(Enum):
    QUIZ = "QUIZ"
    HANDS_ON = strawberry.enum_value("HANDS_ON", description="A hands-on challenge checked in a practice org.")


@strawberry.enum(description="What a badge is awarded for.")
class BadgeKind(Enum):
    MODULE = "MODULE"
    PROJECT = "PROJECT"
    SUPERBADGE = "SUPERBADGE"
    EVENT = "EVENT"
    LIMITED_EDITION = strawberry.enum_value("LIMITED_EDITION", description=(
        "Issued around holidays and for monthly quests; can be earned only inside its window."))
    MVP = strawberry.enum_value("MVP", description="The Community MVP badge, earned with a member's first MVP term.")


@strawberry.enum(description="A certification's level.")
class CertificationLevel(Enum):
    ASSOCIATE = strawberry.enum_value("ASSOCIATE", description="Entry level; needs no maintenance.")
    PROFESSIONAL = "PROFESSIONAL"
    ADVANCED = "ADVANCED"
    EXPERT = strawberry.enum_value("EXPERT", description="Architect-level, reviewed by a board.")


@strawberry.federation.type(shareable=True, description="One rung of the rank ladder: reached when both thresholds are.")
class Rank:
    name: str
    position: int = strawberry.field(description="1 for the first rank (Scout), then upwards.")
    min_points: int
    min_badges: int

    @classmethod
    def from_row(cls, row: Row) -> "Rank":
        return cls(name=row["name"], position=row["position"], min_points=row["minPoints"],
                   min_badges=row["minBadges"])


@strawberry.type(description="A product release: certification maintenance follows the release calendar.")
class Release:
    name: str
    released_at: datetime
    maintenance_deadline: datetime = strawberry.field(description=(
        "Holders of a certification that needs maintenance must complete this release's maintenance "
        "module by then, or the certification expires."))

    @classmethod
    def from_row(cls, row: Row) -> "Release":
        return cls(name=row["name"], released_at=time_of(row["releasedAt"]),  # type: ignore[arg-type]
                   maintenance_deadline=time_of(row["maintenanceDeadline"]))  # type: ignore[arg-type]


@strawberry.federation.type(keys=["id"], description="A badge, earned for a module, project, superbadge, event or quest.")
class Badge(Node):
    id: strawberry.ID
    slug: str
    title: str
    description: str
    kind: BadgeKind
    image_url: str | None
    available_from: datetime | None = strawberry.field(description="Limited editions: the window opens.")
    available_until: datetime | None = strawberry.field(description="Limited editions: the window closes (exclusive).")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Badge":
        return cls(id=strawberry.ID(to_global_id("Badge", row["id"])), slug=row["slug"], title=row["title"],
                   description=row.get("description") or "", kind=BadgeKind(row["kind"]),
                   image_url=row.get("imageUrl"), available_from=time_of(row.get("availableFrom")),
                   available_until=time_of(row.get("availableUntil")), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Badge | None":
        local = reference_id(id, "Badge")
        row = await catalog(info.context.scope).badge_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


async def _badge(info: Info, badge_id: str | None) -> Badge | None:
    row = await catalog(info.context.scope).badge_by_id.load(badge_id) if badge_id else None
    return Badge.from_row(row) if row else None


@strawberry.federation.type(keys=["id"], description="A unit of a module: a quiz or a hands-on challenge worth points.")
class Unit(Node):
    id: strawberry.ID
    title: str
    kind: UnitKind
    position: int = strawberry.field(description="1-based place in its module.")
    points: int
    estimated_minutes: int
    row: Private[Row]

    @strawberry.field(description="The module this unit belongs to.")
    async def module(self, info: Info) -> "Module":
        return Module.from_row(await catalog(info.context.scope).module_by_id.load(self.row["moduleId"]))

    @classmethod
    def from_row(cls, row: Row) -> "Unit":
        return cls(id=strawberry.ID(to_global_id("Unit", row["id"])), title=row["title"], kind=UnitKind(row["kind"]),
                   position=row["position"], points=row["points"], estimated_minutes=row["estimatedMinutes"], row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Unit | None":
        local = reference_id(id, "Unit")
        row = await catalog(info.context.scope).unit_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


def _item_fields(row: Row) -> dict[str, Any]:
    return dict(slug=row["slug"], title=row["title"], description=row.get("description") or "",
                level=LearningLevel(row["level"]), roles=[LearningRole(r) for r in row.get("roles") or []],
                estimated_minutes=row["estimatedMinutes"], points=row["points"])


@strawberry.federation.type(keys=["id"], description="A module (or project): ordered units that award a badge.")
class Module(Node):
    id: strawberry.ID
    slug: str
    title: str
    description: str
    level: LearningLevel
    roles: list[LearningRole]
    estimated_minutes: int
    points: int = strawberry.field(description="Points for completing all its units (their sum).")
    kind: ModuleKind
    unit_count: int
    row: Private[Row]

    @strawberry.field(description="Its units, in order.")
    async def units(self, info: Info) -> list[Unit]:
        return [Unit.from_row(r) for r in await catalog(info.context.scope).units_of_module.load(self.row["id"])]

    @strawberry.field(description="The skills it teaches.")
    async def skills(self, info: Info) -> list[SkillRef]:
        return _skills(await catalog(info.context.scope).skills_of_module.load(self.row["id"]))

    @strawberry.field(description="The badge completing it awards; null for maintenance modules.")
    async def badge(self, info: Info) -> Badge | None:
        return await _badge(info, self.row.get("badgeId"))

    @strawberry.field(description="Maintenance modules: the certifications completing it maintains.")
    async def maintains(self, info: Info) -> list["Certification"]:
        rows = await catalog(info.context.scope).certifications_maintained_by.load(self.row["id"])
        return [Certification.from_row(r) for r in rows]

    @strawberry.field(description="Maintenance modules: the release it maintains certifications for.")
    async def release(self, info: Info) -> Release | None:
        row = await catalog(info.context.scope).release_of_module.load(self.row["id"])
        return Release.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Row) -> "Module":
        return cls(id=strawberry.ID(to_global_id("Module", row["id"])), kind=ModuleKind(row["kind"]),
                   unit_count=row["unitCount"], row=row, **_item_fields(row))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Module | None":
        local = reference_id(id, "Module")
        row = await catalog(info.context.scope).module_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


@strawberry.federation.type(keys=["id"], description="A trail: modules and projects in a suggested order.")
class Trail(Node):
    id: strawberry.ID
    slug: str
    title: str
    description: str
    level: LearningLevel
    roles: list[LearningRole]
    estimated_minutes: int = strawberry.field(description="The sum over its modules.")
    module_count: int
    row: Private[Row]

    @strawberry.field(description="Its modules and projects, in order.")
    async def modules(self, info: Info) -> list[Module]:
        rows = await catalog(info.context.scope).modules_of_trail.load(self.row["id"])
        return [Module.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: Row) -> "Trail":
        return cls(id=strawberry.ID(to_global_id("Trail", row["id"])), slug=row["slug"], title=row["title"],
                   description=row.get("description") or "", level=LearningLevel(row["level"]),
                   roles=[LearningRole(r) for r in row.get("roles") or []],
                   estimated_minutes=row["estimatedMinutes"], module_count=row["moduleCount"], row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Trail | None":
        local = reference_id(id, "Trail")
        row = await catalog(info.context.scope).trail_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


@strawberry.federation.type(keys=["id"], description=(
    "A superbadge: a real-world scenario that unlocks after its prerequisite modules."))
class Superbadge(Node):
    id: strawberry.ID
    slug: str
    title: str
    description: str
    level: LearningLevel
    roles: list[LearningRole]
    estimated_minutes: int
    points: int = strawberry.field(description="Points completing it awards.")
    row: Private[Row]

    @strawberry.field(description="The modules to complete before it unlocks.")
    async def prerequisites(self, info: Info) -> list[Module]:
        rows = await catalog(info.context.scope).prerequisites_of_superbadge.load(self.row["id"])
        return [Module.from_row(r) for r in rows]

    @strawberry.field(description="The skills it tests.")
    async def skills(self, info: Info) -> list[SkillRef]:
        return _skills(await catalog(info.context.scope).skills_of_superbadge.load(self.row["id"]))

    @strawberry.field(description="Its badge.")
    async def badge(self, info: Info) -> Badge | None:
        return await _badge(info, self.row.get("badgeId"))

    @classmethod
    def from_row(cls, row: Row) -> "Superbadge":
        return cls(id=strawberry.ID(to_global_id("Superbadge", row["id"])), row=row, **_item_fields(row))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Superbadge | None":
        local = reference_id(id, "Superbadge")
        row = await catalog(info.context.scope).superbadge_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


LearningItem = Annotated[Module | Superbadge, strawberry.union(
    "LearningItem", description="Something members complete to learn: a module, project or superbadge.")]


def learning_item(kind: str, row: Row) -> Module | Superbadge:
    return Superbadge.from_row(row) if kind == "SUPERBADGE" else Module.from_row(row)


@strawberry.federation.type(keys=["id"], description="A paid certification for a role, at a level.")
class Certification(Node):
    id: strawberry.ID
    slug: str
    title: str
    description: str
    role: LearningRole
    level: CertificationLevel
    exam_fee_usd: int = strawberry.field(description="The exam fee in US dollars.")
    requires_maintenance: bool = strawberry.field(description=(
        "Whether holders must pass a maintenance module each release to keep it ACTIVE."))
    row: Private[Row]

    @strawberry.field(description="Certifications to hold before taking this one.")
    async def prerequisites(self, info: Info) -> list["Certification"]:
        rows = await catalog(info.context.scope).prerequisites_of_certification.load(self.row["id"])
        return [Certification.from_row(r) for r in rows]

    @strawberry.field(description="The skills it attests.")
    async def skills(self, info: Info) -> list[SkillRef]:
        return _skills(await catalog(info.context.scope).skills_of_certification.load(self.row["id"]))

    @strawberry.field(description="The modules and superbadges its exam guide recommends, in order.")
    async def preparation(self, info: Info) -> list[LearningItem]:
        rows = await catalog(info.context.scope).preparation_of_certification.load(self.row["id"])
        return [learning_item(r["kind"], r["item"]) for r in rows]

    @classmethod
    def from_row(cls, row: Row) -> "Certification":
        return cls(id=strawberry.ID(to_global_id("Certification", row["id"])), slug=row["slug"], title=row["title"],
                   description=row.get("description") or "", role=LearningRole(row["role"]),
                   level=CertificationLevel(row["level"]), exam_fee_usd=row["examFeeUsd"],
                   requires_maintenance=bool(row["requiresMaintenance"]), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Certification | None":
        local = reference_id(id, "Certification")
        row = await catalog(info.context.scope).certification_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


# -- root queries ------------------------------------------------------------------------------


@strawberry.input(description="Filters of the catalog lists; all optional, combined with AND.")
class CatalogFilterInput:
    role: LearningRole | None = None
    level: LearningLevel | None = strawberry.field(default=None, description="Trails, modules and superbadges.")
    skill: strawberry.ID | None = strawberry.field(default=None, description="Teaches (or attests) this skill.")
    search: str | None = strawberry.field(default=None, description="Words in the title or description.")


@strawberry.input(description="Filters of `modules`.")
class ModuleFilterInput(CatalogFilterInput):
    kind: ModuleKind | None = None


@strawberry.input(description="Filters of `badges`; role, level and skill are those of what awards the badge.")
class BadgeFilterInput(CatalogFilterInput):
    kind: BadgeKind | None = None
    available_at: datetime | None = strawberry.field(default=None, description=(
        "Only badges that can be earned at that time (limited editions inside their window)."))


@strawberry.input(description="Filters of `certifications`.")
class CertificationFilterInput:
    role: LearningRole | None = None
    level: CertificationLevel | None = None
    skill: strawberry.ID | None = strawberry.field(default=None, description="Attests this skill.")
    search: str | None = None


def _filter(given: Any) -> CatalogFilter:
    if given is None:
        return CatalogFilter()
    value = lambda name: getattr(getattr(given, name, None), "value", getattr(given, name, None))  # noqa: E731
    return CatalogFilter(role=value("role"), level=value("level"), skill=getattr(given, "skill", None),
                         search=given.search, kind=value("kind"), available_at=getattr(given, "available_at", None))


@strawberry.type
class CatalogQueries:
    @strawberry.field(description="Trails, by title.")
    async def trails(self, info: Info, filter: CatalogFilterInput | None = None, first: int | None = None,
                     after: str | None = None, last: int | None = None, before: str | None = None) -> Connection[Trail]:
        fetched = await list_catalog(info.context.scope, "trails", win=window(first, after, last, before),
                                     filter=_filter(filter))
        return Connection.of(fetched, Trail.from_row)

    @strawberry.field(description="Modules and projects (and maintenance modules), by title.")
    async def modules(self, info: Info, filter: ModuleFilterInput | None = None, first: int | None = None,
                      after: str | None = None, last: int | None = None, before: str | None = None) -> Connection[Module]:
        fetched = await list_catalog(info.context.scope, "modules", win=window(first, after, last, before),
                                     filter=_filter(filter))
        return Connection.of(fetched, Module.from_row)

    @strawberry.field(description="Superbadges, by title.")
    async def superbadges(self, info: Info, filter: CatalogFilterInput | None = None, first: int | None = None,
                          after: str | None = None, last: int | None = None,
                          before: str | None = None) -> Connection[Superbadge]:
        fetched = await list_catalog(info.context.scope, "superbadges", win=window(first, after, last, before),
                                     filter=_filter(filter))
        return Connection.of(fetched, Superbadge.from_row)

    @strawberry.field(description="Badges, by title.")
    async def badges(self, info: Info, filter: BadgeFilterInput | None = None, first: int | None = None,
                     after: str | None = None, last: int | None = None, before: str | None = None) -> Connection[Badge]:
        fetched = await list_catalog(info.context.scope, "badges", win=window(first, after, last, before),
                                     filter=_filter(filter))
        return Connection.of(fetched, Badge.from_row)

    @strawberry.field(description="Certifications, by role, then level (associate first), then title.")
    async def certifications(self, info: Info, filter: CertificationFilterInput | None = None,
                             first: int | None = None, after: str | None = None, last: int | None = None,
                             before: str | None = None) -> Connection[Certification]:
        fetched = await list_catalog(info.context.scope, "certifications", win=window(first, after, last, before),
                                     filter=_filter(filter))
        return Connection.of(fetched, Certification.from_row)

    @strawberry.field(description="A trail by `id` or `slug`.")
    async def trail(self, info: Info, id: strawberry.ID | None = None, slug: str | None = None) -> Trail | None:
        row = await by_id_or_slug(info.context.scope, type_name="Trail", global_id=id, slug=slug)
        return Trail.from_row(row) if row else None

    @strawberry.field(description="A module by `id` or `slug`.")
    async def module(self, info: Info, id: strawberry.ID | None = None, slug: str | None = None) -> Module | None:
        row = await by_id_or_slug(info.context.scope, type_name="Module", global_id=id, slug=slug)
        return Module.from_row(row) if row else None

    @strawberry.field(description="A certification by `id` or `slug`.")
    async def certification(self, info: Info, id: strawberry.ID | None = None,
                            slug: str | None = None) -> Certification | None:
        row = await by_id_or_slug(info.context.scope, type_name="Certification", global_id=id, slug=slug)
        return Certification.from_row(row) if row else None

    @strawberry.field(description="The rank ladder, lowest first: thresholds are data, not code.")
    async def rank_ladder(self, info: Info) -> list[Rank]:
        return [Rank.from_row(r) for r in (await catalog(info.context.scope).ranks()).ranks]

    @strawberry.field(description="The release calendar certification maintenance follows, oldest first.")
    async def releases(self, info: Info) -> list[Release]:
        return [Release.from_row(r) for r in await catalog(info.context.scope).releases()]


ENTITIES: list[type] = [Trail, Module, Unit, Superbadge, Badge, Certification]
