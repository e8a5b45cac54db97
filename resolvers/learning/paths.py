"""The skill-gap path: what a member still lacks to be ready for a certification, in order.

Readiness, from the data (graph/MODEL.md): a member is ready for a certification when
1. they hold every prerequisite certification in good standing (ACTIVE or MAINTENANCE_DUE),
2. they completed every module and superbadge its exam guide RECOMMENDS (a superbadge only
   after the modules it REQUIRES), and
3. they have every skill it ATTESTS: they hold it on their profile (HAS_SKILL) or completed a
   module or superbadge that TEACHES it.

`plan_path` turns that into ordered steps, and is pure: it knows nothing of certifications beyond
a goal (prerequisites, recommended items, skills with the modules that teach them) and what the
member has done, so other readiness targets (a job's skills, say) can reuse it. The order:
1. prerequisite certifications not held, deepest first (you cannot sit an exam before its
   prerequisites, nor those before theirs);
2. the recommended preparation in the exam guide's order, each superbadge preceded by the
   modules it requires that are not done yet (they unlock it);
3. for the attested skills still missing after 1-2, modules that teach them: greedily the module
   that covers the most missing skills, ties going to the goal's own order of teachers (for a
   certification: modules of its role first, then the shortest).
Nothing the member completed, and nothing already placed, appears twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median
from typing import Any, Mapping

from graph.community.repository import Row
from resolvers.ids import id_argument
from resolvers.learning.catalog import catalog
from resolvers.learning.credentials import as_time, credential_state, credentials
from resolvers.scope import RequestScope

CERTIFICATION, MODULE, SUPERBADGE = "CERTIFICATION", "MODULE", "SUPERBADGE"
# Why a step is on the path.
PREREQUISITE = "PREREQUISITE_CERTIFICATION"
RECOMMENDED = "RECOMMENDED"
UNLOCKS_SUPERBADGE = "UNLOCKS_SUPERBADGE"
TEACHES_SKILL = "TEACHES_SKILL"


@dataclass(frozen=True)
class PathItem:
    """Something a path can ask for: a module, a superbadge or a certification."""

    kind: str
    id: str
    minutes: int | None = None  # None for certifications: an exam's own preparation is its own path
    requires: tuple[str, ...] = ()  # ids to do first: a superbadge's modules, a certification's prerequisites
    teaches: frozenset[str] = frozenset()  # the goal's skills it teaches
    row: Row | None = field(default=None, compare=False, hash=False)  # the catalog row, for rendering


@dataclass(frozen=True)
class PathGoal:
    """What readiness asks for. Every id named here is a key of `items`."""

    items: Mapping[str, PathItem]
    certifications: tuple[str, ...] = ()  # prerequisite certifications, in order
    recommended: tuple[str, ...] = ()  # modules and superbadges to complete, in order
    skills: tuple[str, ...] = ()  # skills to have, in order
    teachers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # skill id -> module ids, best first


@dataclass(frozen=True)
class PathProgress:
    """What the member has done."""

    certifications: frozenset[str] = frozenset()  # certification ids held in good standing
    completed: frozenset[str] = frozenset()  # module and superbadge ids completed
    skills: frozenset[str] = frozenset()  # skill ids held or learned


@dataclass(frozen=True)
class PathStep:
    item: PathItem
    reason: str
    skills: tuple[str, ...] = ()  # the goal's skills the member lacks that this step teaches


def missing_skills(goal: PathGoal, progress: PathProgress) -> list[str]:
    """The goal's skills the member neither holds nor learned, in the goal's order."""
    return [skill for skill in goal.skills if skill not in progress.skills]


def plan_path(goal: PathGoal, progress: PathProgress) -> list[PathStep]:
    """The ordered steps that make the member ready for `goal` (see the module docstring)."""
    steps: list[PathStep] = []
    placed: set[str] = set()
    lacking = missing_skills(goal, progress)

    def add(item: PathItem, reason: str) -> None:
        placed.add(item.id)
        steps.append(PathStep(item, reason, tuple(s for s in lacking if s in item.teaches)))

    visiting: set[str] = set()

    def certification(key: str) -> None:
        if key in progress.certifications or key in placed or key in visiting or key not in goal.items:
            return
        visiting.add(key)
        for deeper in goal.items[key].requires:
            certification(deeper)
        add(goal.items[key], PREREQUISITE)

    for key in goal.certifications:
        certification(key)

    for key in goal.recommended:
        item = goal.items[key]
        if key in progress.completed or key in placed:
            continue
        for module in item.requires:
            if module not in progress.completed and module not in placed and module in goal.items:
                add(goal.items[module], UNLOCKS_SUPERBADGE)
        add(item, RECOMMENDED)

    remaining = [s for s in lacking if not any(s in step.item.teaches for step in steps)]
    while remaining:
        rank: dict[str, tuple[int, int]] = {}  # module id -> (skills covered, first place among teachers)
        order = 0
        for skill in remaining:
            for key in goal.teachers.get(skill, ()):
                order += 1
                if key in progress.completed or key in placed or key not in goal.items:
                    continue
                covered = sum(1 for s in remaining if s in goal.items[key].teaches)
                rank.setdefault(key, (covered, order))
        if not rank:
            break  # nothing in the catalog teaches what is left: `missing_skills` still reports it
        best = min(rank, key=lambda k: (-rank[k][0], rank[k][1]))
        add(goal.items[best], TEACHES_SKILL)
        remaining = [s for s in remaining if s not in goal.items[best].teaches]
    return steps


def total_minutes(steps: list[PathStep]) -> int:
    return sum(step.item.minutes or 0 for step in steps)


# -- the certification path (service) -------------------------------------------------------


@dataclass(frozen=True)
class CertificationPath:
    certification: Row
    steps: list[PathStep]
    missing_skills: list[Row]
    total_minutes: int
    exam_fees_usd: int  # this exam and every prerequisite exam still to take
    next_releases: list[Row]
    cadence: str
    is_ready: bool
    credential: Row | None  # the member's own credential of this certification, any status
    skills: dict[str, Row] = field(default_factory=dict)  # the attested skills' rows, by id


def _item(kind: str, row: Row, badge_id: Any, teaches: list[str], requires: tuple[str, ...] = ()) -> PathItem:
    return PathItem(kind, row["id"], row.get("estimatedMinutes"), requires, frozenset(teaches),
                    {**row, "badgeId": badge_id})


def _goal(found: Row) -> PathGoal:
    """A certification's candidates (`credential_path_candidates`) as a goal."""
    items: dict[str, PathItem] = {}
    unlocks: dict[str, list[str]] = {}
    for entry in found["unlocks"]:
        items.setdefault(entry["item"]["id"], _item(MODULE, entry["item"], entry["badgeId"], entry["teaches"]))
        unlocks.setdefault(entry["superbadgeId"], []).append(entry["item"]["id"])
    for entry in found["recommended"]:
        row = entry["item"]
        items[row["id"]] = _item(entry["kind"], row, entry["badgeId"], entry["teaches"],
                                 tuple(unlocks.get(row["id"], ())) if entry["kind"] == SUPERBADGE else ())
    teachers: dict[str, list[str]] = {}
    for entry in found["teachers"]:
        items.setdefault(entry["item"]["id"], _item(MODULE, entry["item"], entry["badgeId"], entry["teaches"]))
        teachers.setdefault(entry["skillId"], []).append(entry["item"]["id"])
    for entry in found["prerequisites"]:
        row = entry["certification"]
        items[row["id"]] = PathItem(CERTIFICATION, row["id"], None, tuple(entry["requires"]), frozenset(), row)
    return PathGoal(items=items, certifications=tuple(found["requires"]),
                    recommended=tuple(entry["item"]["id"] for entry in found["recommended"]),
                    skills=tuple(s["id"] for s in found["skills"]),
                    teachers={k: tuple(v) for k, v in teachers.items()})


def cadence(requires_maintenance: bool, releases: list[Row]) -> str:
    """How maintenance goes for a certification, in words, from the release calendar."""
    if not requires_maintenance:
        return "No maintenance: this certification stays active once earned."
    times = sorted(as_time(r["releasedAt"]) for r in releases)
    windows = [as_time(r["maintenanceDeadline"]) - as_time(r["releasedAt"]) for r in releases]
    text = "Complete each release's maintenance module by that release's maintenance deadline, or the " \
           "certification expires"
    if len(times) >= 2:
        gap = median(b - a for a, b in zip(times, times[1:]))
        if gap > timedelta(0):
            text += f"; about {max(1, round(timedelta(days=365) / gap))} releases a year"
    if windows:
        text += f", each with about {max(1, round(median(windows) / timedelta(days=30)))} months to maintain it"
    return text + "."


async def path_to(scope: RequestScope, *, member_id: str, certification_global_id: str) -> CertificationPath | None:
    """The viewer's path to a certification (viewer only); None for an unknown certification.

    Three reads at most: the certification's candidates, what the viewer did among them, and the
    release calendar (once per request).
    """
    viewer_id = scope.require_self(member_id, "pathTo")
    certification_id = id_argument(certification_global_id, expect="Certification", argument="certificationId")
    ctx = credentials(scope)
    found = await ctx.repository.path_candidates(certification_id)
    if found is None:
        return None
    goal = _goal(found)
    certification = found["certification"]
    item_ids = [key for key, item in goal.items.items() if item.kind != CERTIFICATION]
    done = await ctx.repository.path_progress(viewer_id, item_ids=item_ids, skill_ids=list(goal.skills)) or {
        "completed": [], "heldSkills": [], "learnedSkills": [], "credentials": []}
    releases = await ctx.releases()
    certifications = {certification["id"]: certification,
                      **{e["certification"]["id"]: e["certification"] for e in found["prerequisites"]}}
    valid: set[str] = set()
    own: Row | None = None
    for entry in done["credentials"]:
        cert = certifications.get(entry["certificationId"])
        if cert is None:
            continue
        row = {**entry["credential"], "memberId": viewer_id, "certificationId": cert["id"]}
        if cert["id"] == certification["id"]:
            own = row
        if credential_state(covered_through=row["coveredThrough"], requires_maintenance=bool(cert["requiresMaintenance"]),
                            releases=releases, now=ctx.now).valid:
            valid.add(cert["id"])
    progress = PathProgress(certifications=frozenset(valid), completed=frozenset(done["completed"]),
                            skills=frozenset(done["heldSkills"]) | frozenset(done["learnedSkills"]))
    steps = plan_path(goal, progress)
    lacking = set(missing_skills(goal, progress))
    _prime(scope, certification, goal)
    requires_maintenance = bool(certification["requiresMaintenance"])
    upcoming = [r for r in releases if as_time(r["releasedAt"]) > ctx.now] if requires_maintenance else []
    return CertificationPath(
        certification=certification, steps=steps,
        missing_skills=[s for s in found["skills"] if s["id"] in lacking],
        total_minutes=total_minutes(steps),
        exam_fees_usd=certification["examFeeUsd"] + sum(
            (s.item.row or {}).get("examFeeUsd", 0) for s in steps if s.item.kind == CERTIFICATION),
        next_releases=upcoming, cadence=cadence(requires_maintenance, releases),
        is_ready=not steps and not lacking, credential=own, skills={s["id"]: s for s in found["skills"]})


def _prime(scope: RequestScope, certification: Row, goal: PathGoal) -> None:
    """The path's items render through the catalog loaders: give them the rows already read."""
    ctx = catalog(scope)
    ctx.certification_by_id.prime(certification["id"], certification)
    loaders = {MODULE: ctx.module_by_id, SUPERBADGE: ctx.superbadge_by_id, CERTIFICATION: ctx.certification_by_id}
    for item in goal.items.values():
        if item.row is not None:
            loaders[item.kind].prime(item.id, item.row)

