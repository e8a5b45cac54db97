"""Learning test data: catalog, ranks, companies, completions, credentials and plans.

Rows are shaped like the seed writer's (graph/seed/learning_writer.py) and written through it;
every function returns the rows it wrote (with their ids). Counters (Member points, badgeCount
and rank, Module unitCount/points, Trail moduleCount/estimatedMinutes, Company employeeCount)
are recomputed after relationship writes (`SeedWriter.recount`), so the factories leave a graph
that `counter_mismatches()` finds consistent, unless a docstring says otherwise.

Completions default to `at` = now (UTC, whole milliseconds). Member, skill and other community
rows come from `tests.factories`.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Iterable

from graph.seed.learning_writer import QUERIES
from graph.seed.writer import SeedWriter
from resolvers.seed.learning_catalog import RANK_LADDER
from tests.factories import BASE, Row, _n, member_row  # noqa: F401  (re-exported for learning tests)

__all__ = [
    "BASE", "RANK_LADDER", "Row", "badge", "certification", "company", "complete_modules", "complete_superbadge",
    "complete_units", "credential", "earn_badge", "employ", "learning_plan", "maintenance_module", "member_row",
    "module", "quest", "ranks", "release", "superbadge", "trail",
]


def _id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _as_list(rows: Row | Iterable[Row]) -> list[Row]:
    return [rows] if isinstance(rows, dict) else list(rows)


# Ladder and companies ------------------------------------------------------------------------

async def ranks(graph) -> list[Row]:
    """The real ladder (resolvers/seed/learning_catalog.py); members' ranks are recomputed against it."""
    rows = [{"id": _id(), **step._asdict()} for step in RANK_LADDER]
    writer = SeedWriter(graph)
    await writer.ranks(rows)
    await writer.recount()
    return rows


async def company(graph, **props: Any) -> Row:
    n = _n()
    row = {"id": _id(), "slug": f"company-{n}", "name": f"Company {n}", "industry": "Software", "country": "DE",
           "employeeCount": 0, **props}
    await SeedWriter(graph).companies([row])
    return row


async def employ(graph, company: Row, members: Row | Iterable[Row], *, role: str = "EMPLOYEE") -> list[Row]:
    """WORKS_AT `company` for each member (a member row or a list), with `role` EMPLOYEE or ADMIN."""
    rows = [{"memberId": m["id"], "companyId": company["id"], "role": role, "since": BASE}
            for m in _as_list(members)]
    writer = SeedWriter(graph)
    await writer.employments(rows)
    await writer.recount()
    return rows


# Catalog -------------------------------------------------------------------------------------

async def badge(graph, *, kind: str = "MODULE", **props: Any) -> Row:
    """A badge; for a LIMITED_EDITION pass availableFrom/availableUntil (UTC datetimes)."""
    n = _n()
    row = {"id": _id(), "slug": f"badge-{n}", "title": f"Badge {n}", "description": f"Badge number {n}.",
           "kind": kind, "imageUrl": f"https://img.example.com/badges/{n}.png", "availableFrom": None,
           "availableUntil": None, **props}
    await SeedWriter(graph).badges([row])
    return row


async def module(graph, *, units: int = 3, points: int = 100, kind: str = "MODULE", skills: Iterable[Row] = (),
                 with_badge: bool = True, level: str = "BEGINNER", roles: Iterable[str] = ("ADMINISTRATOR",),
                 minutes_per_unit: int = 15, **props: Any) -> Row:
    """A module of `units` units worth `points` each (QUIZ units; a PROJECT's are HANDS_ON).

    It TEACHES every skill of `skills` and, with `with_badge` (never for MAINTENANCE), AWARDS a
    new badge of kind PROJECT for a project, MODULE otherwise. The returned row has two extra
    keys: "units" (the unit rows in position order) and "badge" (its row, or None).
    """
    n = _n()
    row = {"id": _id(), "slug": f"module-{n}", "title": f"Module {n}", "description": f"Module number {n}.",
           "kind": kind, "level": level, "roles": list(roles), "estimatedMinutes": units * minutes_per_unit,
           "unitCount": units, "points": units * points, **props}
    unit_rows = [{"id": _id(), "moduleId": row["id"], "title": f"Unit {i} of module {n}",
                  "kind": "HANDS_ON" if kind == "PROJECT" else "QUIZ", "position": i, "points": points,
                  "estimatedMinutes": minutes_per_unit} for i in range(1, units + 1)]
    writer = SeedWriter(graph)
    await writer.modules([row])
    await writer.units(unit_rows)
    await writer.module_skills([{"moduleId": row["id"], "skillId": s["id"]} for s in skills])
    badge_row = None
    if with_badge and kind != "MAINTENANCE":
        badge_row = await badge(graph, kind="PROJECT" if kind == "PROJECT" else "MODULE", title=f"{row['title']} badge")
        await writer.module_badges([{"moduleId": row["id"], "badgeId": badge_row["id"]}])
    await writer.recount()
    return {**row, "units": unit_rows, "badge": badge_row}


async def trail(graph, modules: Iterable[Row], **props: Any) -> Row:
    """A trail INCLUDING `modules` in list order (positions 1, 2, ...); its counters are the sums."""
    modules = list(modules)
    n = _n()
    row = {"id": _id(), "slug": f"trail-{n}", "title": f"Trail {n}", "description": f"Trail number {n}.",
           "level": "BEGINNER", "roles": ["ADMINISTRATOR"],
           "estimatedMinutes": sum(m["estimatedMinutes"] for m in modules), "moduleCount": len(modules), **props}
    writer = SeedWriter(graph)
    await writer.trails([row])
    await writer.trail_modules([{"trailId": row["id"], "moduleId": m["id"], "position": i}
                                for i, m in enumerate(modules, start=1)])
    await writer.recount()
    return row


async def superbadge(graph, *, requires: Iterable[Row], points: int = 1000, skills: Iterable[Row] = (),
                     **props: Any) -> Row:
    """A superbadge REQUIRING the `requires` modules, TEACHING `skills`, AWARDING a new SUPERBADGE badge.

    The row has extra keys "badge" (its row) and "requires" (the prerequisite module ids).
    """
    requires = list(requires)
    n = _n()
    row = {"id": _id(), "slug": f"superbadge-{n}", "title": f"Superbadge {n}",
           "description": f"Superbadge number {n}.", "level": "INTERMEDIATE", "roles": ["ADMINISTRATOR"],
           "estimatedMinutes": 240, "points": points, **props}
    writer = SeedWriter(graph)
    await writer.superbadges([row])
    await writer.superbadge_modules([{"superbadgeId": row["id"], "moduleId": m["id"]} for m in requires])
    await writer.superbadge_skills([{"superbadgeId": row["id"], "skillId": s["id"]} for s in skills])
    badge_row = await badge(graph, kind="SUPERBADGE", title=f"{row['title']} badge")
    await writer.superbadge_badges([{"superbadgeId": row["id"], "badgeId": badge_row["id"]}])
    return {**row, "badge": badge_row, "requires": [m["id"] for m in requires]}


async def certification(graph, *, role: str = "ADMINISTRATOR", level: str = "PROFESSIONAL", exam_fee_usd: int = 200,
                        requires_maintenance: bool = True, requires: Iterable[Row] = (), attests: Iterable[Row] = (),
                        recommends: Iterable[Row] = (), **props: Any) -> Row:
    """A certification REQUIRING the `requires` certifications, ATTESTING the `attests` skills and
    RECOMMENDING the `recommends` modules or superbadges (positions 1, 2, ... in list order)."""
    n = _n()
    row = {"id": _id(), "slug": f"certification-{n}", "title": f"Certified {role.title()} {n}",
           "description": f"Certification number {n}.", "role": role, "level": level, "examFeeUsd": exam_fee_usd,
           "requiresMaintenance": requires_maintenance, **props}
    writer = SeedWriter(graph)
    await writer.certifications([row])
    await writer.certification_prerequisites([{"certificationId": row["id"], "requiredId": c["id"]} for c in requires])
    await writer.certification_skills([{"certificationId": row["id"], "skillId": s["id"]} for s in attests])
    await writer.certification_recommendations([{"certificationId": row["id"], "targetId": t["id"], "position": i}
                                                for i, t in enumerate(recommends, start=1)])
    return row


async def release(graph, *, name: str, released_at: datetime, maintenance_deadline: datetime) -> Row:
    row = {"id": _id(), "name": name, "releasedAt": released_at, "maintenanceDeadline": maintenance_deadline}
    await SeedWriter(graph).releases([row])
    return row


async def maintenance_module(graph, *, release: Row, maintains: Row | Iterable[Row], units: int = 1,
                             points: int = 100) -> Row:
    """A MAINTENANCE module (no badge) FOR_RELEASE `release`, MAINTAINING each certification of `maintains`.

    The row (from `module`) has an extra key "maintains" (the certification ids).
    """
    certifications = _as_list(maintains)
    row = await module(graph, kind="MAINTENANCE", units=units, points=points, with_badge=False,
                       title=f"Maintain your certifications: {release['name']}")
    await SeedWriter(graph).maintenance([{"moduleId": row["id"], "releaseId": release["id"],
                                          "certificationIds": [c["id"] for c in certifications]}])
    return {**row, "maintains": [c["id"] for c in certifications]}


async def quest(graph, *, month: str, requires: Iterable[Row], starts_at: datetime, ends_at: datetime,
                min_rank: int = 1, max_rank: int = 12, **props: Any) -> Row:
    """A quest of `month` (YYYY-MM) REQUIRING the `requires` modules or superbadges, AWARDING a new
    LIMITED_EDITION badge available exactly over the quest's window. Extra keys: "badge", "requires" (ids)."""
    requires = list(requires)
    n = _n()
    row = {"id": _id(), "slug": f"quest-{n}", "title": f"Quest {n}", "description": f"Quest number {n}.",
           "month": month, "minRank": min_rank, "maxRank": max_rank, "startsAt": starts_at, "endsAt": ends_at, **props}
    writer = SeedWriter(graph)
    await writer.quests([row])
    await writer.quest_requirements([{"questId": row["id"], "targetId": t["id"]} for t in requires])
    badge_row = await badge(graph, kind="LIMITED_EDITION", title=f"{row['title']} badge",
                            availableFrom=row["startsAt"], availableUntil=row["endsAt"])
    await writer.quest_badges([{"questId": row["id"], "badgeId": badge_row["id"]}])
    return {**row, "badge": badge_row, "requires": [t["id"] for t in requires]}


# Progress ------------------------------------------------------------------------------------

async def _completed_ids(graph, member: Row, ids: list[str]) -> set[str]:
    rows = await graph.read(QUERIES["seed_completed_targets"], memberId=member["id"], ids=ids)
    return {r["id"] for r in rows}


async def complete_units(graph, member: Row, units: Iterable[Row], *, at: datetime | None = None) -> list[Row]:
    """COMPLETED each unit (with the unit's points) that `member` has not completed yet; then, for
    every module all of whose units are now completed, COMPLETED that module (points 0) and EARNED
    its badge (unless already earned). Points, badgeCount and rank are recomputed.

    Returns the completion rows ({memberId, targetId, targetKind, at, points}) followed by the
    earned-badge rows ({id, memberId, badgeId, at}).
    """
    at = at or _now()
    units = list(units)
    done = await _completed_ids(graph, member, [u["id"] for u in units])
    rows = [{"memberId": member["id"], "targetId": u["id"], "targetKind": "UNIT", "at": at, "points": u["points"]}
            for u in units if u["id"] not in done]
    writer = SeedWriter(graph)
    await writer.completions(rows)
    module_ids = list(dict.fromkeys(u["moduleId"] for u in units))
    finished = await graph.read(QUERIES["seed_finished_modules"], memberId=member["id"], ids=module_ids)
    modules = [{"memberId": member["id"], "targetId": f["moduleId"], "targetKind": "MODULE", "at": at, "points": 0}
               for f in finished]
    earned = [{"id": _id(), "memberId": member["id"], "badgeId": f["badgeId"], "at": at}
              for f in finished if f["badgeId"] is not None]
    await writer.completions(modules)
    await writer.earned_badges(earned)
    await writer.recount()
    return rows + modules + earned


async def complete_modules(graph, member: Row, modules: Iterable[Row], *, at: datetime | None = None) -> list[Row]:
    """`complete_units` over every unit of each module (rows from `module`)."""
    return await complete_units(graph, member, [u for m in modules for u in m["units"]], at=at)


async def complete_superbadge(graph, member: Row, superbadge: Row, *, at: datetime | None = None) -> list[Row]:
    """COMPLETED the superbadge (with its points) and EARNED its badge, then recount.

    Written even when the member lacks the REQUIRES modules, so a test can build that
    inconsistent state on purpose (`counter_mismatches()["learning"]` then reports it): complete
    the prerequisites first (`complete_modules`) for a consistent graph.
    Returns [completion row, earned-badge row].
    """
    at = at or _now()
    completion = {"memberId": member["id"], "targetId": superbadge["id"], "targetKind": "SUPERBADGE", "at": at,
                  "points": superbadge["points"]}
    earned = {"id": _id(), "memberId": member["id"], "badgeId": superbadge["badge"]["id"], "at": at}
    writer = SeedWriter(graph)
    await writer.completions([completion])
    await writer.earned_badges([earned])
    await writer.recount()
    return [completion, earned]


async def earn_badge(graph, member: Row, badge: Row, *, at: datetime | None = None) -> Row:
    """EARNED `badge` (any kind, no completion; a limited edition outside its window is written as
    asked and reported by `counter_mismatches()["learning"]`); badgeCount and rank follow."""
    row = {"id": _id(), "memberId": member["id"], "badgeId": badge["id"], "at": at or _now()}
    writer = SeedWriter(graph)
    await writer.earned_badges([row])
    await writer.recount()
    return row


# Credentials and plans -----------------------------------------------------------------------

async def credential(graph, member: Row, certification: Row, *, earned_at: datetime,
                     covered_through: datetime | None = None, credential_id: str | None = None,
                     issued_by: str | None = None) -> Row:
    """`member` HOLDS a credential OF `certification`; coveredThrough defaults to earned_at,
    credentialId to a fresh code, issuedBy (a member id) to None."""
    n = _n()
    row = {"id": _id(), "credentialId": credential_id or f"CRED-{n:06d}-{uuid.uuid4().hex[:6].upper()}",
           "memberId": member["id"], "certificationId": certification["id"], "earnedAt": earned_at,
           "coveredThrough": covered_through or earned_at, "issuedBy": issued_by}
    await SeedWriter(graph).credentials([row])
    return row


async def learning_plan(graph, company: Row, *, items: Iterable[Row], assignees: Iterable[Row], due_at: datetime,
                        title: str = "Plan", assigned_by: Row | str | None = None) -> Row:
    """A plan of `company` INCLUDING `items` (trails or modules, positions in order), ASSIGNED_TO each
    of `assignees` (employment is not checked: `employ` them first). `assigned_by` is a member row or id.

    The row has extra keys "items" and "assignees" (the written INCLUDES and ASSIGNED_TO rows).
    """
    created = _now()
    by = assigned_by["id"] if isinstance(assigned_by, dict) else assigned_by
    row = {"id": _id(), "companyId": company["id"], "title": title, "dueAt": due_at, "createdAt": created,
           "assignedBy": by}
    item_rows = [{"planId": row["id"], "targetId": t["id"], "position": i} for i, t in enumerate(items, start=1)]
    assignment_rows = [{"planId": row["id"], "memberId": m["id"], "at": created} for m in assignees]
    writer = SeedWriter(graph)
    await writer.learning_plans([row])
    await writer.plan_items(item_rows)
    await writer.plan_assignments(assignment_rows)
    return {**row, "items": item_rows, "assignees": assignment_rows}
