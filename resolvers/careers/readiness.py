"""`viewer.readinessFor(jobId)`: how the viewer matches a posting, and the skill-gap path that
would close the gap: the modules, superbadges and certifications, with hours and exam fees.

The match is the posting's JOB_MATCHING match (resolvers/careers/scoring.py), and `isReady` is
its eligibility: every REQUIRED skill at its level on the profile, every REQUIRED certification
in good standing, the minimum rank.

The path reuses the learning area's planner (`plan_path` of resolvers/learning/paths.py) with a
goal made of the posting:
- certifications: the posting's certifications, REQUIRED and NICE_TO_HAVE (REQUIRED first, then
  by title), that the viewer does not hold in good standing (ACTIVE or MAINTENANCE_DUE); the
  planner puts each one's prerequisite certifications not held in good standing before it,
  deepest first;
- recommended: each of those certifications' exam-guide preparation (RECOMMENDS, in the guide's
  order, certification after certification), each superbadge after the modules it requires;
- skills: the posting's skills, REQUIRED first, that the viewer lacks at the level asked: not on
  their profile, or on it below `minLevel` (a level-2 holder of a skill asked at level 4 still
  needs it). Teachers: the modules (not maintenance modules) and superbadges that TEACH the
  skill, modules first, then the shortest, at most 25 per skill.

Closing a skill gap. For the path, completing a module or superbadge that TEACHES a skill closes
that skill's gap, as on certification paths: the viewer learned it. Such a skill needs no step
even while the profile still shows it below the level asked; the match, which reads the
profile's level, keeps listing it as missing (and `isReady` false) until the viewer updates their
skill level. The planner places a skill's teacher without what unlocks it; this module puts a
superbadge chosen to teach a skill after the modules it REQUIRES that are not done
(UNLOCKS_SUPERBADGE), dropping any later repeat of them.

Not on the path: the minimum rank (points come from any learning; `match.missing` shows it), a
prerequisite certification's own preparation (its `pathTo` has it), and skills nothing in the
catalog teaches (`untaught_skills`).

Steps are in the planner's order (certifications, deepest prerequisites first; then exam-guide
preparation; then modules and superbadges for the skills still lacking), never an item done or an
item twice. Minutes: the steps' estimated minutes (exams count none). Fees: the exam fees of the
certification steps.

Round trips: the posting, its requirements, the viewer's profile and the release calendar (at
once), then one read of the path's candidates and of what the viewer completed among them (none
when nothing is lacking).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from graph.community.repository import Row
from resolvers.careers.context import careers, to_candidate, to_requirements
from resolvers.careers.matching import matching
from resolvers.careers.scoring import GOOD_STANDING, JOB_MATCHING, Match, score
from resolvers.ids import id_argument
from resolvers.learning.catalog import catalog
from resolvers.learning.paths import (
    CERTIFICATION, MODULE, SUPERBADGE, TEACHES_SKILL, UNLOCKS_SUPERBADGE, PathGoal, PathItem, PathProgress, PathStep,
    missing_skills, plan_path, total_minutes,
)
from resolvers.scope import RequestScope


@dataclass(frozen=True)
class JobReadiness:
    job: Row
    match: Match
    steps: list[PathStep]
    untaught_skills: list[str]  # skill ids lacking that no step teaches (the catalog teaches them nowhere)
    total_minutes: int
    exam_fees_usd: int

    @property
    def is_ready(self) -> bool:
        return self.match.eligible


def _item(kind: str, entry: Row, requires: tuple[str, ...] = ()) -> PathItem:
    row = {**entry["item"], "badgeId": entry["badgeId"]}
    return PathItem(kind, row["id"], row.get("estimatedMinutes"), requires, frozenset(entry["teaches"]), row)


def goal_of(found: Row, certification_ids: list[str], skill_ids: list[str]) -> PathGoal:
    """The posting's gap (`matching_readiness_candidates`) as the planner's goal."""
    unlocks: dict[str, list[str]] = {}
    items: dict[str, PathItem] = {}
    for entry in sorted(found["unlocks"], key=lambda e: (e["item"]["title"], e["item"]["id"])):
        items.setdefault(entry["item"]["id"], _item(MODULE, entry))
        unlocks.setdefault(entry["superbadgeId"], []).append(entry["item"]["id"])

    def requires(entry: Row) -> tuple[str, ...]:
        return tuple(unlocks.get(entry["item"]["id"], ())) if entry["kind"] == SUPERBADGE else ()

    place = {key: i for i, key in enumerate(certification_ids)}
    recommended = sorted(found["recommended"], key=lambda e: (place.get(e["certificationId"], len(place)),
                                                              e["position"] or 0, e["item"]["id"]))
    for entry in recommended:
        items[entry["item"]["id"]] = _item(entry["kind"], entry, requires(entry))
    order = {key: i for i, key in enumerate(skill_ids)}
    teachers: dict[str, list[str]] = {}
    for entry in sorted(found["teachers"], key=lambda e: (order.get(e["skillId"], len(order)), e["kind"] == SUPERBADGE,
                                                           e["item"].get("estimatedMinutes") or 0, e["item"]["title"],
                                                           e["item"]["id"])):
        items.setdefault(entry["item"]["id"], _item(entry["kind"], entry, requires(entry)))
        teachers.setdefault(entry["skillId"], []).append(entry["item"]["id"])
    for entry in found["certifications"]:
        row = entry["certification"]
        items[row["id"]] = PathItem(CERTIFICATION, row["id"], None, tuple(entry["requires"]), frozenset(), row)
    return PathGoal(items=items, certifications=tuple(certification_ids),
                    recommended=tuple(dict.fromkeys(e["item"]["id"] for e in recommended)), skills=tuple(skill_ids),
                    teachers={skill: tuple(ids) for skill, ids in teachers.items()})


def unlock_teachers(steps: list[PathStep], goal: PathGoal, progress: PathProgress) -> list[PathStep]:
    """Put each superbadge the planner chose to teach a skill after the modules it requires that are
    not done (the planner does so for recommended superbadges only); later repeats are dropped."""
    lacking = missing_skills(goal, progress)
    out: list[PathStep] = []
    placed: set[str] = set()
    for step in steps:
        if step.item.id in placed:
            continue
        if step.reason == TEACHES_SKILL and step.item.kind == SUPERBADGE:
            for key in step.item.requires:
                if key in progress.completed or key in placed or key not in goal.items:
                    continue
                module = goal.items[key]
                out.append(PathStep(module, UNLOCKS_SUPERBADGE, tuple(s for s in lacking if s in module.teaches)))
                placed.add(key)
        out.append(step)
        placed.add(step.item.id)
    return out


async def readiness_for(scope: RequestScope, *, member_id: str, job_global_id: str) -> JobReadiness | None:
    """The viewer's readiness for a posting (viewer only); None for an unknown posting or member."""
    viewer_id = scope.require_self(member_id, "readinessFor")
    job_id = id_argument(job_global_id, expect="JobPosting", argument="jobId")
    ctx = careers(scope)
    job, requirements, profile, releases = await asyncio.gather(
        ctx.job_by_id.load(job_id), ctx.requirements_of_job.load(job_id), ctx.profile_of_member.load(viewer_id),
        catalog(scope).releases())
    if job is None or profile is None:
        return None
    asked = to_requirements(job, requirements)
    candidate = to_candidate(profile, releases, ctx.now)
    match = score(JOB_MATCHING, asked, candidate, key=job_id)
    standing = frozenset(key for key, status in candidate.credentials.items() if status in GOOD_STANDING)
    certification_ids = [r.certification_id for r in asked.certifications if r.certification_id not in standing]
    skill_ids = [r.skill_id for r in asked.skills if candidate.skills.get(r.skill_id, 0) < r.min_level]
    found = None
    if certification_ids or skill_ids:
        found = await matching(scope).repository.readiness_candidates(
            viewer_id, certification_ids=certification_ids, skill_ids=skill_ids)
    found = found or {"certifications": [], "recommended": [], "teachers": [], "unlocks": [], "completed": [],
                      "learnedSkills": []}
    goal = goal_of(found, certification_ids, skill_ids)
    progress = PathProgress(certifications=standing, completed=frozenset(found["completed"]),
                            skills=frozenset(found["learnedSkills"]))
    steps = unlock_teachers(plan_path(goal, progress), goal, progress)
    untaught = [s for s in missing_skills(goal, progress) if not any(s in step.item.teaches for step in steps)]
    _prime(scope, goal)
    return JobReadiness(job=job, match=match, steps=steps, untaught_skills=untaught, total_minutes=total_minutes(steps),
                        exam_fees_usd=sum((step.item.row or {}).get("examFeeUsd") or 0
                                          for step in steps if step.item.kind == CERTIFICATION))


def _prime(scope: RequestScope, goal: PathGoal) -> None:
    """The steps' items render through the catalog loaders: give them the rows already read."""
    ctx = catalog(scope)
    loaders = {MODULE: ctx.module_by_id, SUPERBADGE: ctx.superbadge_by_id, CERTIFICATION: ctx.certification_by_id}
    for item in goal.items.values():
        if item.row is not None:
            loaders[item.kind].prime(item.id, item.row)


__all__ = ["JobReadiness", "goal_of", "readiness_for", "unlock_teachers"]
