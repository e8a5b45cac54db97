"""Companies, who works at them, and the learning plans their admins assign.

The biggest employers among the members' free-text `company` strings become Company nodes (the
rest stay text only); every member naming one WORKS_AT it (since a date before joining or after,
never after `BASE_TIME`), 1 to 3 of them as ADMIN (admins and senior people first). A company's
country is its members' most common one, its industry comes from its name. Companies with enough
employees get 1 to 4 learning plans, created in the last nine months by one of their admins,
due 30 to 90 days later (so some are overdue), each with 1 to 3 trails or modules of one role and
assigned to 5-25% of the employees (at most 80); whether assignees do the work is decided with
their progress (resolvers/seed/learning_progress.py).

Size (graph/MODEL.md's headcount bands): a company declares a headcount drawn log-normally
(median 300, sigma 1.8: company sizes are heavy-tailed, from boutique partners to global
integrators), but never under 1.5 times the members who work there (the community holds only part
of a workforce), banded MICRO 1-10, SMALL 11-50, MEDIUM 51-200, LARGE 201-1,000, ENTERPRISE over
1,000; 5% declare none (null). So the demo's companies spread over the bands (SMALL to
ENTERPRISE) while `medium`'s, with hundreds of members each, are LARGE or ENTERPRISE. Drawn from a stream of its own, so the
rest of the learning data does not move.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from resolvers.seed import learning_catalog as lc
from resolvers.seed import taxonomy as tx
from resolvers.seed.draw import DAY, HOUR, YEAR

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.learning import LearningSize
    from resolvers.seed.learning_items import CatalogBuilder

SENIOR = re.compile(r"^(Senior|Lead|Principal) ")
PLAN_CREATED_DAYS = (3, 270)
PLAN_DUE_DAYS = (30, 45, 60, 90)
MAX_ASSIGNEES = 80
SIZE_MEDIAN, SIZE_SIGMA, SIZE_UNKNOWN = 300.0, 1.8, 0.05
SIZE_BANDS = ((10, "MICRO"), (50, "SMALL"), (200, "MEDIUM"), (1_000, "LARGE"))


def size_band(headcount: int) -> str:
    """The graph/MODEL.md band of a headcount."""
    for top, band in SIZE_BANDS:
        if headcount <= top:
            return band
    return "ENTERPRISE"


def industry_of(name: str) -> str | None:
    """The industry a company name suggests (lc.INDUSTRY_WORDS), or None."""
    words = set(re.findall(r"[a-z0-9]+", name.lower()))
    for industry, keys in lc.INDUSTRY_WORDS:
        if words & set(keys):
            return industry
    return None


class CompanyBuilder:
    """Builds companies, employments and learning plans for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator", size: "LearningSize", catalog: "CatalogBuilder") -> None:
        self.gen = gen
        self.size = size
        self.catalog = catalog

    def build(self) -> None:
        from resolvers.seed.generator import BASE_TIME, NO_EMPLOYER, ascii_slug

        gen = self.gen
        rng = gen._rng("learning-companies")
        counts = Counter(m["company"] for m in gen.members if m["company"] not in NO_EMPLOYER)
        names = sorted(counts, key=lambda name: (-counts[name], name))[: self.size.companies]
        index = {name: c for c, name in enumerate(names)}
        self.employer = array("i", [-1]) * len(gen.members)
        self.employees: list[list[int]] = [[] for _ in names]
        for m, member in enumerate(gen.members):
            c = index.get(member["company"], -1)
            if c >= 0:
                self.employer[m] = c
                self.employees[c].append(m)
        self.companies: list[dict[str, Any]] = []
        self.admins: list[list[int]] = []
        self.employment_since: list[list[Any]] = []
        slugs: set[str] = set()
        for c, name in enumerate(names):
            staff = self.employees[c]
            countries = Counter(gen.members[m]["country"] for m in staff)
            country = min(countries, key=lambda code: (-countries[code], code))
            slug = ascii_slug(name, "-")
            while slug in slugs:
                slug = f"{slug}-{c}"
            slugs.add(slug)
            self.companies.append({
                "id": gen._uuid(rng), "slug": slug, "name": name,
                "industry": industry_of(name) or rng.choice(tx.INDUSTRIES), "country": country,
                "employeeCount": len(staff),
            })
            wanted = 1 if len(staff) < 20 else 2 if len(staff) < 100 else 3
            ranked = sorted(staff, key=lambda m: (gen.member_persona[m] != "admin",
                                                   not SENIOR.match(gen.members[m]["jobTitle"]), rng.random()))
            self.admins.append(ranked[:wanted])
            # Employed since some time before joining the community, or after, never after BASE_TIME.
            self.employment_since.append([
                BASE_TIME - timedelta(seconds=DAY + int(rng.random() * min(gen.member_offset[m] + 3 * YEAR,
                                                                           12 * YEAR)))
                for m in staff])
        self._sizes()
        self._plans(rng)

    def _sizes(self) -> None:
        rng = self.gen._rng("learning-company-sizes")
        for company in self.companies:
            headcount = max(round(rng.lognormvariate(math.log(SIZE_MEDIAN), SIZE_SIGMA)),
                            math.ceil(1.5 * company["employeeCount"]))
            company["size"] = None if rng.random() < SIZE_UNKNOWN else size_band(headcount)

    def _plans(self, rng) -> None:
        gen, cat = self.gen, self.catalog
        trails_by_role: dict[str, list[int]] = {role: [] for role in lc.ROLES}
        for t, trail in enumerate(cat.trails):
            if trail["level"] != "ADVANCED":
                trails_by_role[trail["_role"]].append(t)
        modules_by_role: dict[str, list[int]] = {role: [] for role in lc.ROLES}
        for m in range(cat.module_count):
            modules_by_role[cat.modules[m]["roles"][0]].append(m)
        self.plans: list[dict[str, Any]] = []
        self.plan_items: list[list[tuple[str, int]]] = []  # ("TRAIL" or "MODULE", index)
        self.plan_assignees: list[list[int]] = []
        self.plan_times: list[tuple[int, int, int]] = []  # (created, assigned, due), seconds before now
        for c, company in enumerate(self.companies):
            staff = self.employees[c]
            if len(staff) < self.size.plan_min_employees:
                continue
            for _ in range(min(4, 1 + len(staff) // (3 * self.size.plan_min_employees) + rng.randint(0, 1))):
                roles = Counter(lc.PERSONA_ROLES[gen.member_persona[m]] for m in staff)
                role = rng.choices(sorted(roles), weights=[roles[r] for r in sorted(roles)])[0]
                items: list[tuple[str, int]] = []
                for _ in range(rng.randint(1, 3)):
                    if trails_by_role[role] and rng.random() < 0.7:
                        item = ("TRAIL", rng.choice(trails_by_role[role]))
                    else:
                        item = ("MODULE", rng.choice(modules_by_role[role]))
                    if item not in items:
                        items.append(item)
                first = cat.trail_modules[items[0][1]][0] if items[0][0] == "TRAIL" else items[0][1]
                skill = gen.skills[cat.modules[first]["_skills"][0]]["name"]
                created = int(rng.uniform(*PLAN_CREATED_DAYS) * DAY)
                assigned = max(HOUR, created - int(rng.random() * 2 * DAY))
                due = created - rng.choice(PLAN_DUE_DAYS) * DAY
                at = gen.at(created)
                title = rng.choice(lc.PLAN_TITLES).format(year=at.year, quarter=(at.month - 1) // 3 + 1, skill=skill,
                                                         role=lc.ROLE_NOUNS[role])
                admin = rng.choice(self.admins[c])
                pool = [m for m in staff if m != admin]
                want = min(MAX_ASSIGNEES, len(pool), max(3, round(len(pool) * rng.uniform(0.05, 0.25))))
                assignees = sorted(rng.sample(pool, want))
                self.plans.append({
                    "id": gen._uuid(rng), "companyId": company["id"], "title": title, "createdAt": at,
                    "dueAt": gen.at(due), "assignedBy": gen.members[admin]["id"],
                })
                self.plan_items.append(items)
                self.plan_assignees.append(assignees)
                self.plan_times.append((created, assigned, due))

    def plan_modules(self, p: int) -> list[int]:
        """Plan p's modules in order: each trail's modules, then standalone modules, no repeats."""
        cat = self.catalog
        out: dict[int, None] = {}
        for kind, i in self.plan_items[p]:
            for m in (cat.trail_modules[i] if kind == "TRAIL" else (i,)):
                out.setdefault(m, None)
        return list(out)


__all__ = ["CompanyBuilder", "industry_of", "size_band"]
