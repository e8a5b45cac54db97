"""The generated learning catalog: modules and their units, trails, superbadges, certifications,
the rank ladder, the release calendar with its maintenance modules, monthly quests, and the
limited-edition and event badges (graph/MODEL.md, "Learning and credentials").

Modules, trails, superbadges and certifications do not depend on `now` (their own random stream);
the release calendar, maintenance modules, quests and the dated badges are placed around `now`
(another stream), like the community's activity. See resolvers/seed/learning.py for the shapes.
"""

from __future__ import annotations

import itertools
import random
from array import array
from bisect import bisect_right
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from resolvers.seed import learning_catalog as lc
from resolvers.seed import taxonomy as tx
from resolvers.seed.draw import weighted

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.learning import LearningSize

UTC = timezone.utc
LEVEL_ORDER = {level: i for i, level in enumerate(lc.LEVELS)}
MODULE_LEVELS = (("BEGINNER", 45), ("INTERMEDIATE", 38), ("ADVANCED", 17))
PROJECT_LEVELS = (("BEGINNER", 40), ("INTERMEDIATE", 50), ("ADVANCED", 10))
PROJECT_SHARE = 0.10
SECOND_ROLE = 0.35
EXTRA_SKILLS = ((0, 45), (1, 40), (2, 15))
UNITS_PER_MODULE = ((2, 30), (3, 36), (4, 20), (5, 9), (6, 5))
UNITS_PER_PROJECT = ((3, 30), (4, 35), (5, 25), (6, 10))
HANDS_ON_LAST = {"BEGINNER": 0.15, "INTERMEDIATE": 0.4, "ADVANCED": 0.6}  # modules ending in a challenge
QUIZ_POINTS = ((100, 70), (200, 30))
HANDS_ON_POINTS = ((300, 25), (400, 25), (500, 50))
# How often members pick a module or trail, by level: beginners' material is the most popular.
LEVEL_POPULARITY = {"BEGINNER": 3.0, "INTERMEDIATE": 1.5, "ADVANCED": 0.7}
TRAIL_LEVELS = (("BEGINNER", 45), ("INTERMEDIATE", 35), ("ADVANCED", 20))
TRAIL_MODULE_LEVELS = {"BEGINNER": ("BEGINNER",), "INTERMEDIATE": ("BEGINNER", "INTERMEDIATE"),
                       "ADVANCED": ("INTERMEDIATE", "ADVANCED")}
SUPERBADGE_POINTS = (2_000, 2_500, 3_000, 3_500, 4_000)
MAINTENANCE_DEADLINE_YEARS = 1
RELEASE_DAYS = (("Spring", 2, 14), ("Summer", 6, 13), ("Winter", 10, 10))  # Winter takes next year's name
CALENDAR_YEARS = 3
QUEST_MONTHS = 7  # the current month and the six before it


def _ascii_slug(text: str) -> str:
    from resolvers.seed.generator import ascii_slug  # here: the generator imports this module

    return ascii_slug(text, "-")


def month_start(year: int, month: int) -> datetime:
    return datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=UTC)


def release_name(season: str, year: int) -> str:
    return f"{season} '{(year + 1 if season == 'Winter' else year) % 100:02d}"


class CatalogBuilder:
    """Builds the catalog rows for one `SeedGenerator` (see the module docstring)."""

    def __init__(self, gen: "SeedGenerator", size: "LearningSize") -> None:
        self.gen = gen
        self.size = size

    def build(self) -> None:
        rng = self.gen._rng("learning-catalog")
        self.ranks = [{"id": self.gen._uuid(rng), **step._asdict()} for step in lc.RANK_LADDER]
        self.badges: list[dict[str, Any]] = []
        self._badge_slugs: set[str] = set()
        self.modules: list[dict[str, Any]] = []
        self.units: list[dict[str, Any]] = []
        self.unit_points = array("i")
        self.unit_module = array("i")
        self._titles: set[str] = set()
        self._slugs: set[str] = set()
        self._modules(rng)
        self._trails(rng)
        self._superbadges(rng)
        self._certifications(rng)
        calendar = self.gen._rng("learning-calendar")
        self._releases(calendar)
        self._quests(calendar)
        self._dated_badges()

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _slug(title: str, taken: set[str]) -> str:
        """A URL slug of `title` not in `taken` (then added to it)."""
        base = _ascii_slug(title)[:70].strip("-")
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    def _badge(self, rng: random.Random, *, slug: str, title: str, description: str, kind: str,
               available_from: datetime | None = None, available_until: datetime | None = None) -> int:
        """Add a badge (its slug made unique among badges); returns its index in `badges`."""
        slug = self._slug(slug, self._badge_slugs)
        self.badges.append({
            "id": self.gen._uuid(rng), "slug": slug, "title": title,
            "description": description, "kind": kind, "imageUrl": f"https://badges.example.com/{slug}.png",
            "availableFrom": available_from, "availableUntil": available_until,
        })
        return len(self.badges) - 1

    # -- modules and units ---------------------------------------------------------------------

    def _modules(self, rng: random.Random) -> None:
        gen = self.gen
        categories = sorted(lc.CATEGORY_WEIGHTS)
        weights = [lc.CATEGORY_WEIGHTS[c] for c in categories]
        primaries = list(range(len(gen.skills)))  # every skill is taught at least once
        while len(primaries) < self.size.modules:
            category = rng.choices(categories, weights=weights)[0]
            primaries.append(rng.choice(gen.skills_by_category[category]))
        for s in primaries:
            self._module(rng, s)
        self.module_count = len(self.modules)  # before maintenance modules are added

    def _module(self, rng: random.Random, s: int) -> None:
        gen = self.gen
        slug, skill_name, category = tx.SKILLS[s]
        roles = list(lc.CATEGORY_ROLES[category][:1])
        others = lc.CATEGORY_ROLES[category][1:]
        if others and rng.random() < SECOND_ROLE:
            roles.append(rng.choice(others))
        kind = "PROJECT" if rng.random() < PROJECT_SHARE else "MODULE"
        level = weighted(rng, PROJECT_LEVELS if kind == "PROJECT" else MODULE_LEVELS)
        skills = [s]
        peers = [p for p in gen.skills_by_category[category] if p != s]
        skills.extend(rng.sample(peers, min(len(peers), weighted(rng, EXTRA_SKILLS))))
        subjects = (*lc.SKILL_SUBJECTS[slug], skill_name)
        templates = lc.MODULE_TITLES["PROJECT" if kind == "PROJECT" else level]
        title, subject = "", ""
        for attempt in range(24):
            subject = rng.choice(subjects)
            title = rng.choice(templates).format(s=subject, biz=rng.choice(lc.PROJECT_BUSINESSES))
            if attempt >= 12:
                title = f"{title} for {lc.ROLE_NOUNS[roles[0]]}" if attempt < 18 else f"{title} {attempt - 16}"
            if title not in self._titles:
                break
        self._titles.add(title)
        description = lc.MODULE_DESCRIPTIONS["PROJECT" if kind == "PROJECT" else level].format(
            s=subject, skill=skill_name, roles=lc.ROLE_NOUNS[roles[0]].lower())
        m = len(self.modules)
        module_id = gen._uuid(rng)
        start = len(self.units)
        count = weighted(rng, UNITS_PER_PROJECT if kind == "PROJECT" else UNITS_PER_MODULE)
        for position in range(1, count + 1):
            if kind == "PROJECT":
                unit_kind = "HANDS_ON"
                name = lc.UNIT_TITLES["project"][min(position - 1, 5) if position < count else 5]
            elif position == count and rng.random() < HANDS_ON_LAST[level]:
                unit_kind, name = "HANDS_ON", rng.choice(lc.UNIT_TITLES["hands_on"])
            else:
                unit_kind = "QUIZ"
                part = "first" if position == 1 else "last" if position == count else "middle"
                name = rng.choice(lc.UNIT_TITLES[part])
            points = weighted(rng, HANDS_ON_POINTS if unit_kind == "HANDS_ON" else QUIZ_POINTS)
            minutes = rng.randrange(20, 50, 5) if unit_kind == "HANDS_ON" else rng.randrange(10, 30, 5)
            self.units.append({"id": gen._uuid(rng), "moduleId": module_id, "title": name.format(s=subject),
                               "kind": unit_kind, "position": position, "points": points,
                               "estimatedMinutes": minutes})
            self.unit_points.append(points)
            self.unit_module.append(m)
        units = self.units[start:]
        slug = self._slug(title, self._slugs)
        badge = self._badge(rng, slug=slug, title=title, kind=kind,
                            description=f"Completed the {title} {'project' if kind == 'PROJECT' else 'module'}.")
        self.modules.append({
            "id": module_id, "slug": slug, "title": title, "description": description,
            "kind": kind, "level": level, "roles": roles,
            "estimatedMinutes": sum(u["estimatedMinutes"] for u in units), "unitCount": count,
            "points": sum(u["points"] for u in units),
            "_skills": skills, "_badge": badge, "_units": start,
            "_popularity": rng.paretovariate(1.2) * LEVEL_POPULARITY[level] * (0.8 if kind == "PROJECT" else 1.0),
        })

    # -- trails ------------------------------------------------------------------------------------

    def _trails(self, rng: random.Random) -> None:
        gen = self.gen
        by_role: dict[str, list[int]] = {role: [] for role in lc.ROLES}
        for m, module in enumerate(self.modules):
            for role in module["roles"]:
                by_role[role].append(m)
        role_weights = [len(by_role[r]) for r in lc.ROLES]
        self.trails: list[dict[str, Any]] = []
        self.trail_modules: list[list[int]] = []
        titles: set[str] = set()
        slugs: set[str] = set()
        for _ in range(self.size.trails):
            role = rng.choices(lc.ROLES, weights=role_weights)[0]
            level = weighted(rng, TRAIL_LEVELS)
            allowed = TRAIL_MODULE_LEVELS[level]
            pool = [m for m in by_role[role] if self.modules[m]["level"] in allowed]
            if len(pool) < 3:  # a tiny catalog: any module of the role
                pool = by_role[role]
            anchor = self.modules[rng.choice(pool)]["_skills"][0]
            category = tx.SKILLS[anchor][2]
            teaching = [m for m in pool if anchor in self.modules[m]["_skills"]]
            related = [m for m in pool if anchor not in self.modules[m]["_skills"]
                       and any(tx.SKILLS[s][2] == category for s in self.modules[m]["_skills"])]
            grouped = set(teaching) | set(related)
            rest = [m for m in pool if m not in grouped]
            want = min(len(pool), max(3, round(rng.triangular(3, 10, 5))))
            chosen: list[int] = []
            for group in (teaching, related, rest):
                group = sorted(group, key=lambda m: -self.modules[m]["_popularity"] * rng.random())
                chosen.extend(group[: want - len(chosen)])
            chosen.sort(key=lambda m: (LEVEL_ORDER[self.modules[m]["level"]], self.modules[m]["kind"] == "PROJECT"))
            skill_name = tx.SKILLS[anchor][1]
            title = ""
            for attempt in range(16):
                title = rng.choice(lc.TRAIL_TITLES[level]).format(skill=skill_name, role=lc.ROLE_TITLES[role])
                if attempt >= 8:
                    title = f"{title}, Part {attempt - 6}"
                if title not in titles:
                    break
            titles.add(title)
            roles = [role] + sorted({r for m in chosen for r in self.modules[m]["roles"]} - {role})[:1]
            self.trails.append({
                "id": gen._uuid(rng), "slug": self._slug(title, slugs), "title": title,
                "description": lc.TRAIL_DESCRIPTION.format(level=level.lower(), roles=lc.ROLE_NOUNS[role].lower(),
                                                           count=len(chosen), skill=skill_name),
                "level": level, "roles": roles,
                "estimatedMinutes": sum(self.modules[m]["estimatedMinutes"] for m in chosen),
                "moduleCount": len(chosen),
                "_role": role, "_popularity": rng.paretovariate(1.1) * LEVEL_POPULARITY[level],
            })
            self.trail_modules.append(chosen)

    # -- superbadges -----------------------------------------------------------------------------

    def _superbadges(self, rng: random.Random) -> None:
        gen = self.gen
        teaching: dict[int, list[int]] = {}
        for m, module in enumerate(self.modules):
            if module["level"] != "ADVANCED":
                for s in module["_skills"]:
                    teaching.setdefault(s, []).append(m)
        candidates = sorted((s for s, ms in teaching.items() if len(ms) >= 2), key=lambda s: (-len(teaching[s]), s))
        cumulative = list(itertools.accumulate(len(teaching[s]) for s in candidates))
        chosen: list[int] = []
        while len(chosen) < min(self.size.superbadges, len(candidates)):
            s = candidates[bisect_right(cumulative, rng.random() * cumulative[-1])]
            if s not in chosen:
                chosen.append(s)
        self.superbadges: list[dict[str, Any]] = []
        self.superbadge_modules: list[list[int]] = []
        titles: set[str] = set()
        slugs: set[str] = set()
        for s in chosen:
            _, skill_name, category = tx.SKILLS[s]
            role = lc.CATEGORY_ROLES[category][0]
            pool = sorted(teaching[s], key=lambda m: -self.modules[m]["_popularity"] * rng.random())
            want = rng.randint(3, 6)
            prerequisites = pool[:want]
            if len(prerequisites) < 3:
                same = [m for c in gen.skills_by_category[category] for m in teaching.get(c, ()) if m not in pool]
                prerequisites += list(dict.fromkeys(same))[: 3 - len(prerequisites)]
            title = f"{skill_name} Specialist"
            if title in titles:
                title = f"Advanced {skill_name} Specialist"
            titles.add(title)
            level = "INTERMEDIATE" if rng.random() < 0.6 else "ADVANCED"
            skills = [s] + rng.sample([p for p in gen.skills_by_category[category] if p != s],
                                      min(1, len(gen.skills_by_category[category]) - 1))
            badge = self._badge(rng, slug=f"{title} superbadge", title=f"{title} Superbadge", kind="SUPERBADGE",
                                description=f"Earned by completing the {title} superbadge.")
            self.superbadges.append({
                "id": gen._uuid(rng), "slug": self._slug(title, slugs), "title": title,
                "description": (f"Prove your {skill_name} skills on a real-world business scenario, "
                                f"after {len(prerequisites)} prerequisite modules."),
                "level": level, "roles": [role], "estimatedMinutes": rng.randrange(240, 750, 30),
                "points": rng.choice(SUPERBADGE_POINTS), "_skills": skills, "_badge": badge, "_role": role,
            })
            self.superbadge_modules.append(prerequisites)

    # -- certifications ---------------------------------------------------------------------------

    def _certifications(self, rng: random.Random) -> None:
        gen = self.gen
        skill_index = {s["slug"]: i for i, s in enumerate(gen.skills)}
        by_title = {spec.title: i for i, spec in enumerate(lc.CERTIFICATIONS)}
        teaching: dict[int, list[int]] = {}
        for m, module in enumerate(self.modules):
            for s in module["_skills"]:
                teaching.setdefault(s, []).append(m)
        self.certifications: list[dict[str, Any]] = []
        self.certification_requires: list[list[int]] = []
        self.certification_skills: list[list[int]] = []
        self.certification_recommends: list[list[tuple[str, int]]] = []
        slugs: set[str] = set()
        for spec in lc.CERTIFICATIONS:
            attests = [skill_index[s] for s in spec.attests]
            self.certifications.append({
                "id": gen._uuid(rng), "slug": self._slug(spec.title, slugs), "title": spec.title,
                "description": (f"Validates {lc.ROLE_TITLES[spec.role].lower()} skills in "
                                f"{', '.join(gen.skills[s]['name'] for s in attests)}."),
                "role": spec.role, "level": spec.level, "examFeeUsd": spec.fee,
                "requiresMaintenance": spec.level != "ASSOCIATE",
            })
            self.certification_requires.append([by_title[t] for t in spec.requires])
            self.certification_skills.append(attests)
            # The exam guide: modules teaching the attested skills (two per skill, easiest and most
            # popular first), then the superbadges teaching them.
            modules: list[int] = []
            for s in attests:
                ranked = sorted(teaching.get(s, ()), key=lambda m: (LEVEL_ORDER[self.modules[m]["level"]],
                                                                    -self.modules[m]["_popularity"]))
                modules.extend(m for m in ranked[:2] if m not in modules)
            superbadges = [b for b, sb in enumerate(self.superbadges) if set(sb["_skills"]) & set(attests)][:2]
            self.certification_recommends.append([("MODULE", m) for m in modules[:8]]
                                                 + [("SUPERBADGE", b) for b in superbadges])

    # -- the release calendar and maintenance -------------------------------------------------------

    def _releases(self, rng: random.Random) -> None:
        gen = self.gen
        now = gen.now
        dated = sorted((datetime(year, month, day, tzinfo=UTC), season, year)
                       for year in range(now.year - CALENDAR_YEARS - 1, now.year + 2)
                       for season, month, day in RELEASE_DAYS)
        earliest = now.replace(year=now.year - CALENDAR_YEARS) if not (now.month == 2 and now.day == 29) else \
            now - timedelta(days=365 * CALENDAR_YEARS)
        past = [d for d in dated if earliest < d[0] <= now]
        upcoming = [d for d in dated if d[0] > now][:1]
        self.releases: list[dict[str, Any]] = []
        for released, season, year in past + upcoming:
            self.releases.append({
                "id": gen._uuid(rng), "name": release_name(season, year), "releasedAt": released,
                "maintenanceDeadline": released.replace(year=released.year + MAINTENANCE_DEADLINE_YEARS),
            })
        maintained_roles = [role for role in lc.ROLES
                            if any(c["role"] == role and c["requiresMaintenance"] for c in self.certifications)]
        self.maintenance: list[tuple[int, int, list[int]]] = []  # (module, release, certifications)
        self.maintenance_module: dict[tuple[int, str], int] = {}
        slugs = self._slugs
        for r, release in enumerate(self.releases):
            for role in maintained_roles:
                title = f"Maintain Your {lc.ROLE_TITLES[role]} Certifications for {release['name']}"
                module_id = gen._uuid(rng)
                m = len(self.modules)
                start = len(self.units)
                units = [("QUIZ", f"What's New in {release['name']} for {lc.ROLE_NOUNS[role]}", 100, 15)]
                if rng.random() < 0.5:
                    units.append(("HANDS_ON", f"Maintenance Challenge: {release['name']}", 200, 25))
                for position, (kind, name, points, minutes) in enumerate(units, start=1):
                    self.units.append({"id": gen._uuid(rng), "moduleId": module_id, "title": name, "kind": kind,
                                       "position": position, "points": points, "estimatedMinutes": minutes})
                    self.unit_points.append(points)
                    self.unit_module.append(m)
                self.modules.append({
                    "id": module_id, "slug": self._slug(title, slugs), "title": title,
                    "description": (f"Learn what changed in {release['name']} and keep your "
                                    f"{lc.ROLE_TITLES[role].lower()} certifications current."),
                    "kind": "MAINTENANCE", "level": "INTERMEDIATE", "roles": [role],
                    "estimatedMinutes": sum(u[3] for u in units), "unitCount": len(units),
                    "points": sum(u[2] for u in units), "_skills": [], "_badge": -1, "_units": start,
                    "_popularity": 0.0,
                })
                maintained = [c for c, cert in enumerate(self.certifications)
                              if cert["role"] == role and cert["requiresMaintenance"]]
                self.maintenance.append((m, r, maintained))
                self.maintenance_module[(r, role)] = m

    # -- quests and dated badges ---------------------------------------------------------------------

    def _quests(self, rng: random.Random) -> None:
        gen = self.gen
        now = gen.now
        by_level: dict[str, list[int]] = {level: [] for level in lc.LEVELS}
        for m in range(self.module_count):
            if self.modules[m]["kind"] == "MODULE":
                by_level[self.modules[m]["level"]].append(m)
        self.quests: list[dict[str, Any]] = []
        self.quest_requires: list[list[int]] = []
        for back in range(QUEST_MONTHS - 1, -1, -1):
            starts = month_start(now.year, now.month - back)
            ends = month_start(starts.year, starts.month + 1)
            month = starts.strftime("%Y-%m")
            theme = lc.QUEST_THEMES[(starts.year * 12 + starts.month) % len(lc.QUEST_THEMES)]
            taken: set[int] = set()
            for band, band_slug, low, high, level in lc.QUEST_BANDS:
                pool = [m for m in by_level[level] if m not in taken]
                ranked = sorted(pool, key=lambda m: -self.modules[m]["_popularity"] * rng.random())
                requires = ranked[: rng.randint(2, 3)]
                taken.update(requires)
                title = f"{tx.MONTHS[starts.month - 1]} {starts.year} {theme}: {band}"
                slug = f"quest-{month}-{band_slug}"
                badge = self._badge(rng, slug=f"{slug}-badge", title=title, kind="LIMITED_EDITION",
                                    description=f"Completed the {theme} quest for {band.lower()} in "
                                                f"{tx.MONTHS[starts.month - 1]} {starts.year}.",
                                    available_from=starts, available_until=ends)
                self.quests.append({
                    "id": gen._uuid(rng), "slug": slug, "title": title,
                    "description": (f"Complete {len(requires)} modules during {tx.MONTHS[starts.month - 1]} "
                                    f"{starts.year} to earn a limited-edition badge and an entry into the "
                                    "monthly prize draw."),
                    "month": month, "minRank": low, "maxRank": high, "startsAt": starts, "endsAt": ends,
                    "_badge": badge,
                })
                self.quest_requires.append(requires)

    def _dated_badges(self) -> None:
        """Holiday limited editions over the calendar years (windowed) and yearly event badges."""
        gen = self.gen
        rng = gen._rng("learning-dated-badges")
        now = gen.now
        horizon = now - timedelta(days=365 * CALENDAR_YEARS)
        self.holiday_badges: list[int] = []
        self.event_badges: list[tuple[int, datetime]] = []
        for year in range(now.year - CALENDAR_YEARS, now.year + 1):
            for name, month, day, days in lc.HOLIDAY_BADGES:
                opens = datetime(year, month, day, tzinfo=UTC)
                closes = opens + timedelta(days=days)
                if closes > horizon and opens <= now + timedelta(days=60):
                    self.holiday_badges.append(self._badge(
                        rng, slug=f"{name} {year}", title=f"{name} {year}", kind="LIMITED_EDITION",
                        description=f"Completed a module during {name} {year}.",
                        available_from=opens, available_until=closes))
            for name, month, day in lc.EVENT_BADGES:
                held = datetime(year, month, day, 9, tzinfo=UTC)
                if horizon < held < now:
                    self.event_badges.append((self._badge(
                        rng, slug=f"{name} {year}", title=f"{name} {year}", kind="EVENT",
                        description=f"Attended {name} {year}."), held))


__all__ = ["CatalogBuilder", "month_start", "release_name"]
