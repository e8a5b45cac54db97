"""The learning part of a generated community: catalog, companies, progress and credentials.

`LearningBuilder(gen)` builds, after the community and its activity, every learning kind of
graph/seed/learning_writer.py (`LEARNING_KINDS`, in that write order) and yields their rows,
shaped as graph/seed/learning.cypher reads them (graph/MODEL.md property names, relationship
rows naming their ends by id). It also sets each member's `points`, `badgeCount` and `rank`
(written with the members, earlier), computed from the very completions and badges it yields.

Sizes (`LEARNING_SIZES`; certifications, ranks and the calendar are the same at every size):

| size | modules (10% projects) | trails | superbadges | companies | plans for companies of |
|---|---|---|---|---|---|
| demo | 240 | 30 | 12 | 20 | 10+ employees |
| small | 700 | 90 | 24 | 60 | 40+ |
| medium | 3,000 | 300 | 40 | 150 | 150+ |

- Catalog (resolvers/seed/learning_items.py): every skill of the taxonomy is taught by a module,
  the rest drawn by skill category weight; a module teaches 1-3 skills of one category, has the
  roles of that category (resolvers/seed/learning_catalog.py `CATEGORY_ROLES`), a level (45%
  beginner, 38% intermediate, 17% advanced), 2-6 units (mostly 3-4) of 100-200 points (quiz) or
  300-500 (hands-on challenge), 10-45 minutes each, and its badge. Trails: one role and level,
  3-10 modules of fitting levels around one skill, easiest first. Superbadges: 3-6 prerequisite
  modules teaching their skill, 2,000-4,000 points. Certifications: the 49 of `CERTIFICATIONS`
  (six roles plus associates; fees $75 / $200 / $400), each recommending the modules (two per
  attested skill, easiest first) and superbadges that teach what it attests.
- Calendar: Spring (Feb 14), Summer (Jun 13) and Winter (Oct 10, named for the next year)
  releases of the last three years plus the next one; each release's maintenance deadline is a
  year after it; one maintenance module per release and role (1-2 units) maintains all of that
  role's certifications that need maintenance. Quests: the current month and the six before it,
  one per rank band (Scout-Explorer, Adventurer-Expeditioner, Rangers), each requiring 2-3
  modules of the band's level and awarding a limited edition available over the quest's month.
  Holiday limited editions (New Year, Earth Month, Summer of Learning, Holiday Hustle) and yearly
  event badges (Community Hackathon, World Tour, Cloud Summit) over the last three years.
- Companies and plans: resolvers/seed/learning_companies.py.
- Progress (heavy-tailed, about 2% Rangers): resolvers/seed/learning_progress.py, replayed through
  the API's rules by resolvers/seed/learning_ledger.py.
- Credentials (every status present, computed by the API's rule): resolvers/seed/learning_credentials.py.
- Prize draws: each past quest month with entries is drawn 2-6 days after it ends (when that is
  before `now`) by one of three long-time members, with `resolvers.learning.quests.draw_winners`
  over the month's entries and a recorded seed (with the entries' digest), so `prizeDraw.verified`
  holds. The same members
  are recorded as the credentials' issuers.

Memory: catalog and company rows are kept (a few thousand); completions, earned badges and rank
promotions are int arrays (member, target, seconds before `now`) turned into rows per batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from graph.seed.learning_writer import LEARNING_KINDS
from resolvers.seed.learning_companies import CompanyBuilder
from resolvers.seed.learning_credentials import CredentialPlanner
from resolvers.seed.learning_items import CatalogBuilder
from resolvers.seed.learning_progress import ProgressBuilder

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator


@dataclass(frozen=True)
class LearningSize:
    """How big one named seed's learning catalog and company set are."""

    modules: int
    trails: int
    superbadges: int
    companies: int
    plan_min_employees: int


LEARNING_SIZES: dict[str, LearningSize] = {
    "demo": LearningSize(modules=240, trails=30, superbadges=12, companies=20, plan_min_employees=10),
    "small": LearningSize(modules=700, trails=90, superbadges=24, companies=60, plan_min_employees=40),
    "medium": LearningSize(modules=3_000, trails=300, superbadges=40, companies=150, plan_min_employees=150),
}


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


class LearningBuilder:
    """Builds and emits the learning kinds for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen
        self.size = LEARNING_SIZES[gen.size]

    def build(self) -> None:
        self.catalog = CatalogBuilder(self.gen, self.size)
        self.catalog.build()
        self.companies = CompanyBuilder(self.gen, self.size, self.catalog)
        self.companies.build()
        self.credentials = CredentialPlanner(self.gen, self.catalog)
        self.progress = ProgressBuilder(self.gen, self.catalog, self.companies, self.credentials)
        self.progress.build()

    # ------------------------------------------------------------------ public

    def totals(self) -> dict[str, int]:
        cat, co = self.catalog, self.companies
        regular = cat.modules[: cat.module_count]
        return {
            "companies": len(co.companies),
            "employments": sum(len(staff) for staff in co.employees),
            "ranks": len(cat.ranks),
            "releases": len(cat.releases),
            "badges": len(cat.badges),
            "modules": len(cat.modules),
            "units": len(cat.units),
            "module_skills": sum(len(m["_skills"]) for m in regular),
            "module_badges": sum(1 for m in cat.modules if m["_badge"] >= 0),
            "trails": len(cat.trails),
            "trail_modules": sum(len(ms) for ms in cat.trail_modules),
            "superbadges": len(cat.superbadges),
            "superbadge_modules": sum(len(ms) for ms in cat.superbadge_modules),
            "superbadge_skills": sum(len(sb["_skills"]) for sb in cat.superbadges),
            "superbadge_badges": len(cat.superbadges),
            "certifications": len(cat.certifications),
            "certification_prerequisites": sum(len(r) for r in cat.certification_requires),
            "certification_skills": sum(len(s) for s in cat.certification_skills),
            "certification_recommendations": sum(len(r) for r in cat.certification_recommends),
            "maintenance": len(cat.maintenance),
            "quests": len(cat.quests),
            "quest_requirements": sum(len(r) for r in cat.quest_requires),
            "quest_badges": len(cat.quests),
            "credentials": len(self.credentials.held),
            "learning_plans": len(co.plans),
            "plan_items": sum(len(items) for items in co.plan_items),
            "plan_assignments": sum(len(a) for a in co.plan_assignees),
            **self.progress.ledger.totals(),
        }

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        if kind not in LEARNING_KINDS:
            raise ValueError(f"unknown row kind {kind!r}")
        emit: Callable[[], Iterator[dict[str, Any]]] = getattr(self, f"_{kind}")
        return emit()

    def credential_statuses(self):
        """Credentials per status at `now`, by graph/MODEL.md's rule (a Counter)."""
        return self.credentials.statuses()

    # ------------------------------------------------------------------ companies and the ladder

    def _companies(self) -> Iterator[dict[str, Any]]:
        yield from (dict(c) for c in self.companies.companies)

    def _employments(self) -> Iterator[dict[str, Any]]:
        co, members = self.companies, self.gen.members
        for c, company in enumerate(co.companies):
            admins = set(co.admins[c])
            for m, since in zip(co.employees[c], co.employment_since[c]):
                yield {"memberId": members[m]["id"], "companyId": company["id"],
                       "role": "ADMIN" if m in admins else "EMPLOYEE", "since": since}

    def _ranks(self) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self.catalog.ranks)

    def _releases(self) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self.catalog.releases)

    # ------------------------------------------------------------------ catalog

    def _badges(self) -> Iterator[dict[str, Any]]:
        yield from (dict(b) for b in self.catalog.badges)

    def _modules(self) -> Iterator[dict[str, Any]]:
        yield from (_public(m) for m in self.catalog.modules)

    def _units(self) -> Iterator[dict[str, Any]]:
        yield from (dict(u) for u in self.catalog.units)

    def _module_skills(self) -> Iterator[dict[str, Any]]:
        skills = self.gen.skills
        for m in self.catalog.modules:
            for s in m["_skills"]:
                yield {"moduleId": m["id"], "skillId": skills[s]["id"]}

    def _module_badges(self) -> Iterator[dict[str, Any]]:
        badges = self.catalog.badges
        for m in self.catalog.modules:
            if m["_badge"] >= 0:
                yield {"moduleId": m["id"], "badgeId": badges[m["_badge"]]["id"]}

    def _trails(self) -> Iterator[dict[str, Any]]:
        yield from (_public(t) for t in self.catalog.trails)

    def _trail_modules(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for trail, modules in zip(cat.trails, cat.trail_modules):
            for position, m in enumerate(modules, start=1):
                yield {"trailId": trail["id"], "moduleId": cat.modules[m]["id"], "position": position}

    def _superbadges(self) -> Iterator[dict[str, Any]]:
        yield from (_public(s) for s in self.catalog.superbadges)

    def _superbadge_modules(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for sb, modules in zip(cat.superbadges, cat.superbadge_modules):
            for m in modules:
                yield {"superbadgeId": sb["id"], "moduleId": cat.modules[m]["id"]}

    def _superbadge_skills(self) -> Iterator[dict[str, Any]]:
        skills = self.gen.skills
        for sb in self.catalog.superbadges:
            for s in sb["_skills"]:
                yield {"superbadgeId": sb["id"], "skillId": skills[s]["id"]}

    def _superbadge_badges(self) -> Iterator[dict[str, Any]]:
        badges = self.catalog.badges
        for sb in self.catalog.superbadges:
            yield {"superbadgeId": sb["id"], "badgeId": badges[sb["_badge"]]["id"]}

    def _certifications(self) -> Iterator[dict[str, Any]]:
        yield from (dict(c) for c in self.catalog.certifications)

    def _certification_prerequisites(self) -> Iterator[dict[str, Any]]:
        certs = self.catalog.certifications
        for cert, requires in zip(certs, self.catalog.certification_requires):
            for r in requires:
                yield {"certificationId": cert["id"], "requiredId": certs[r]["id"]}

    def _certification_skills(self) -> Iterator[dict[str, Any]]:
        skills = self.gen.skills
        for cert, attests in zip(self.catalog.certifications, self.catalog.certification_skills):
            for s in attests:
                yield {"certificationId": cert["id"], "skillId": skills[s]["id"]}

    def _certification_recommendations(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for cert, targets in zip(cat.certifications, cat.certification_recommends):
            for position, (kind, i) in enumerate(targets, start=1):
                target = cat.modules[i] if kind == "MODULE" else cat.superbadges[i]
                yield {"certificationId": cert["id"], "targetId": target["id"], "position": position}

    def _maintenance(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for m, r, certs in cat.maintenance:
            yield {"moduleId": cat.modules[m]["id"], "releaseId": cat.releases[r]["id"],
                   "certificationIds": [cat.certifications[c]["id"] for c in certs]}

    def _quests(self) -> Iterator[dict[str, Any]]:
        yield from (_public(q) for q in self.catalog.quests)

    def _quest_requirements(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for quest, requires in zip(cat.quests, cat.quest_requires):
            for m in requires:
                yield {"questId": quest["id"], "targetId": cat.modules[m]["id"]}

    def _quest_badges(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for quest in cat.quests:
            yield {"questId": quest["id"], "badgeId": cat.badges[quest["_badge"]]["id"]}

    # ------------------------------------------------------------------ progress

    def _completions(self) -> Iterator[dict[str, Any]]:
        return self.progress.ledger.completion_rows()

    def _earned_badges(self) -> Iterator[dict[str, Any]]:
        return self.progress.ledger.earned_rows()

    def _rank_history(self) -> Iterator[dict[str, Any]]:
        return self.progress.ledger.rank_rows()

    def _credentials(self) -> Iterator[dict[str, Any]]:
        members = self.gen.members
        return self.credentials.rows([members[m]["id"] for m in self.progress.ledger.staff])

    # ------------------------------------------------------------------ plans and draws

    def _learning_plans(self) -> Iterator[dict[str, Any]]:
        yield from (dict(p) for p in self.companies.plans)

    def _plan_items(self) -> Iterator[dict[str, Any]]:
        cat = self.catalog
        for plan, items in zip(self.companies.plans, self.companies.plan_items):
            for position, (kind, i) in enumerate(items, start=1):
                target = cat.trails[i] if kind == "TRAIL" else cat.modules[i]
                yield {"planId": plan["id"], "targetId": target["id"], "position": position}

    def _plan_assignments(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for plan, assignees, (_, assigned, _) in zip(self.companies.plans, self.companies.plan_assignees,
                                                     self.companies.plan_times):
            for m in assignees:
                yield {"planId": plan["id"], "memberId": gen.members[m]["id"], "at": gen.at(assigned)}

    def _prize_draws(self) -> Iterator[dict[str, Any]]:
        yield from (dict(d) for d in self.progress.ledger.draws)

    def _prize_winners(self) -> Iterator[dict[str, Any]]:
        yield from (dict(w) for w in self.progress.ledger.winners)


__all__ = ["LEARNING_SIZES", "LearningBuilder", "LearningSize"]
