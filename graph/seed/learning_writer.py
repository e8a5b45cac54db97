"""The learning kinds of the seed writer (graph/MODEL.md, "Learning and credentials").

A mixin of `SeedWriter`: one method per kind of `learning.cypher`, the learning recount and the
learning invariants. It relies on the host's `_write(query, rows, check=)` and `graph`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping

from graph.cypher import load_queries

QUERIES = load_queries(Path(__file__).parent)
Rows = Iterable[Mapping[str, Any]]

# In write order: each kind's rows only name nodes of earlier kinds (or of the community kinds).
LEARNING_KINDS = (
    "companies",
    "employments",
    "ranks",
    "releases",
    "badges",
    "modules",
    "units",
    "module_skills",
    "module_badges",
    "trails",
    "trail_modules",
    "superbadges",
    "superbadge_modules",
    "superbadge_skills",
    "superbadge_badges",
    "certifications",
    "certification_prerequisites",
    "certification_skills",
    "certification_recommendations",
    "maintenance",
    "quests",
    "quest_requirements",
    "quest_badges",
    "completions",
    "earned_badges",
    "rank_history",
    "credentials",
    "learning_plans",
    "plan_items",
    "plan_assignments",
    "prize_draws",
    "prize_winners",
)
# Completion rows go to the statement of their targetKind.
COMPLETION_STATEMENTS = {
    "UNIT": "seed_unit_completions",
    "MODULE": "seed_module_completions",
    "SUPERBADGE": "seed_superbadge_completions",
    "QUEST": "seed_quest_completions",
}
# What the learning half of `counter_mismatches()` reports (see `seed_learning_mismatches`).
LEARNING_MISMATCH_KINDS = ("points", "badges", "ranks", "learning", "catalog", "credentials", "companies")


class LearningSeedWriter:
    """Learning kinds: nodes are created, relationships raise NotFound when an end is missing."""

    async def _write(self, query, rows, *, check: bool) -> int:  # provided by SeedWriter
        raise NotImplementedError

    async def _node(self, name: str, rows: Rows) -> int:
        return await self._write(QUERIES[name], rows, check=False)

    async def _linked(self, name: str, rows: Rows) -> int:
        return await self._write(QUERIES[name], rows, check=True)

    # companies and the ladder

    async def companies(self, rows: Rows) -> int:
        """Companies: {id, slug, name, industry, country, size, employeeCount}; searchText is derived."""
        return await self._node("seed_companies", rows)

    async def employments(self, rows: Rows) -> int:
        """(Member)-[:WORKS_AT]->(Company): {memberId, companyId, role, since}; employeeCount untouched."""
        return await self._linked("seed_employments", rows)

    async def ranks(self, rows: Rows) -> int:
        """Ranks: {id, name, position, minPoints, minBadges} (see resolvers/seed/learning_catalog.py)."""
        return await self._node("seed_ranks", rows)

    async def releases(self, rows: Rows) -> int:
        """Releases: {id, name, releasedAt, maintenanceDeadline}."""
        return await self._node("seed_releases", rows)

    # catalog

    async def badges(self, rows: Rows) -> int:
        """Badges: {id, slug, title, description, kind, imageUrl, availableFrom, availableUntil}."""
        return await self._node("seed_badges", rows)

    async def modules(self, rows: Rows) -> int:
        """Modules: {id, slug, title, description, kind, level, roles, estimatedMinutes, unitCount, points}."""
        return await self._node("seed_modules", rows)

    async def units(self, rows: Rows) -> int:
        """Units with HAS_UNIT: {id, moduleId, title, kind, position, points, estimatedMinutes}."""
        return await self._linked("seed_units", rows)

    async def module_skills(self, rows: Rows) -> int:
        """(Module)-[:TEACHES]->(Skill): {moduleId, skillId}."""
        return await self._linked("seed_module_skills", rows)

    async def module_badges(self, rows: Rows) -> int:
        """(Module)-[:AWARDS]->(Badge): {moduleId, badgeId}."""
        return await self._linked("seed_module_badges", rows)

    async def trails(self, rows: Rows) -> int:
        """Trails: {id, slug, title, description, level, roles, estimatedMinutes, moduleCount}."""
        return await self._node("seed_trails", rows)

    async def trail_modules(self, rows: Rows) -> int:
        """(Trail)-[:INCLUDES {position}]->(Module): {trailId, moduleId, position}."""
        return await self._linked("seed_trail_modules", rows)

    async def superbadges(self, rows: Rows) -> int:
        """Superbadges: {id, slug, title, description, level, roles, estimatedMinutes, points}."""
        return await self._node("seed_superbadges", rows)

    async def superbadge_modules(self, rows: Rows) -> int:
        """(Superbadge)-[:REQUIRES]->(Module): {superbadgeId, moduleId}."""
        return await self._linked("seed_superbadge_modules", rows)

    async def superbadge_skills(self, rows: Rows) -> int:
        """(Superbadge)-[:TEACHES]->(Skill): {superbadgeId, skillId}."""
        return await self._linked("seed_superbadge_skills", rows)

    async def superbadge_badges(self, rows: Rows) -> int:
        """(Superbadge)-[:AWARDS]->(Badge): {superbadgeId, badgeId}."""
        return await self._linked("seed_superbadge_badges", rows)

    async def certifications(self, rows: Rows) -> int:
        """Certifications: {id, slug, title, description, role, level, examFeeUsd, requiresMaintenance}."""
        return await self._node("seed_certifications", rows)

    async def certification_prerequisites(self, rows: Rows) -> int:
        """(Certification)-[:REQUIRES]->(Certification): {certificationId, requiredId}."""
        return await self._linked("seed_certification_prerequisites", rows)

    async def certification_skills(self, rows: Rows) -> int:
        """(Certification)-[:ATTESTS]->(Skill): {certificationId, skillId}."""
        return await self._linked("seed_certification_skills", rows)

    async def certification_recommendations(self, rows: Rows) -> int:
        """(Certification)-[:RECOMMENDS {position}]->(Module or Superbadge): {certificationId, targetId, position}."""
        return await self._linked("seed_certification_recommendations", rows)

    async def maintenance(self, rows: Rows) -> int:
        """One row per maintenance module: {moduleId, releaseId, certificationIds}: FOR_RELEASE and MAINTAINS."""
        return await self._linked("seed_maintenance", rows)

    async def quests(self, rows: Rows) -> int:
        """Quests: {id, slug, title, description, month, minRank, maxRank, startsAt, endsAt}."""
        return await self._node("seed_quests", rows)

    async def quest_requirements(self, rows: Rows) -> int:
        """(Quest)-[:REQUIRES]->(Module or Superbadge): {questId, targetId}."""
        return await self._linked("seed_quest_requirements", rows)

    async def quest_badges(self, rows: Rows) -> int:
        """(Quest)-[:AWARDS]->(Badge): {questId, badgeId}."""
        return await self._linked("seed_quest_badges", rows)

    # progress

    async def completions(self, rows: Rows) -> int:
        """(Member)-[:COMPLETED {at, points}]->(target): {memberId, targetId, targetKind, at, points}.

        targetKind is UNIT, MODULE, SUPERBADGE or QUEST (ValueError otherwise); rows are written per
        kind, one statement each. Member counters are untouched (see `recount`).
        """
        by_kind: dict[str, list[Mapping[str, Any]]] = {kind: [] for kind in COMPLETION_STATEMENTS}
        for row in rows:
            kind = row.get("targetKind")
            if kind not in by_kind:
                raise ValueError(f"completion targetKind must be one of {', '.join(by_kind)}, not {kind!r}")
            by_kind[kind].append(row)
        written = 0
        for kind, statement in COMPLETION_STATEMENTS.items():
            if by_kind[kind]:
                written += await self._linked(statement, by_kind[kind])
        return written

    async def earned_badges(self, rows: Rows) -> int:
        """(Member)-[:EARNED {id, at}]->(Badge): {id, memberId, badgeId, at}; badgeCount untouched."""
        return await self._linked("seed_earned_badges", rows)

    async def rank_history(self, rows: Rows) -> int:
        """(Member)-[:REACHED {at}]->(Rank): {memberId, rankId, at}."""
        return await self._linked("seed_rank_history", rows)

    async def credentials(self, rows: Rows) -> int:
        """Credentials with HOLDS and OF: {id, credentialId, memberId, certificationId, earnedAt, coveredThrough, issuedBy}."""
        return await self._linked("seed_credentials", rows)

    async def learning_plans(self, rows: Rows) -> int:
        """Learning plans with HAS_PLAN: {id, companyId, title, dueAt, createdAt, assignedBy}."""
        return await self._linked("seed_learning_plans", rows)

    async def plan_items(self, rows: Rows) -> int:
        """(LearningPlan)-[:INCLUDES {position}]->(Trail or Module): {planId, targetId, position}."""
        return await self._linked("seed_plan_items", rows)

    async def plan_assignments(self, rows: Rows) -> int:
        """(LearningPlan)-[:ASSIGNED_TO {at}]->(Member): {planId, memberId, at}."""
        return await self._linked("seed_plan_assignments", rows)

    async def prize_draws(self, rows: Rows) -> int:
        """Prize draws: {id, month, seed, prizes, entryCount, drawnAt, drawnBy}."""
        return await self._node("seed_prize_draws", rows)

    async def prize_winners(self, rows: Rows) -> int:
        """(PrizeDraw)-[:WON {position, prize}]->(Member): {month (the draw's), memberId, position, prize}."""
        return await self._linked("seed_prize_winners", rows)

    # whole graph

    async def recount_learning(self) -> None:
        """Recompute points, badgeCount and rank of every member (rank after the other two), module
        unitCount/points, trail moduleCount/estimatedMinutes (after modules) and employeeCount."""
        await self.graph.write(QUERIES["seed_recount_learning_members"])
        await self.graph.write(QUERIES["seed_recount_ranks"])
        await self.graph.write(QUERIES["seed_recount_catalog"])

    async def learning_counts(self) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["seed_learning_counts"])
        return {kind: int(rows[0][kind]) for kind in LEARNING_KINDS}

    async def learning_mismatches(self) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["seed_learning_mismatches"])
        return {kind: int(rows[0][kind]) for kind in LEARNING_MISMATCH_KINDS}


__all__ = ["LEARNING_KINDS", "LEARNING_MISMATCH_KINDS", "LearningSeedWriter"]
