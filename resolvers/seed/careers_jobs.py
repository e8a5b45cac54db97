"""Hiring companies, their recruiters, and job postings with their requirements.

Hiring: the biggest fifth of the companies (by members working there) hire, the rest with
probability 0.75. The postings of a data set (`CareersSize.postings`) are shared among them by
weight `employees ** 0.9` times a log-normal factor (sigma 0.6), each at least one: a few big
employers post hundreds, most a handful. Recruiters: `1 + log2(1 + postings / 10)` (plus 0-1,
at most 5 and at most the staff) members who WORK_AT the company, preferring members who have not
opted in to be recruited themselves; RECRUITS_FOR since 1 month to 3 years before `now` (never
before they joined the company).

A posting:
- role by market demand (careers_data.JOB_ROLES) leaning to the company's own staff (weight
  times 0.5 + 3 x the staff's share in that role: a consultancy hires consultants); title a stem
  of the role with its seniority prefix; seniority 8% ENTRY, 15% JUNIOR, 32% MID, 28% SENIOR,
  11% LEAD, 6% PRINCIPAL (architects MID and up); employment 78% full-time, 13% contract, 4%
  part-time, 3% internship (entry and junior only; otherwise full-time), 2% temporary; workplace
  45% on-site, 30% hybrid, 25% remote.
- place: the city of one of the company's employees (70%: companies hire where their people are)
  or a city drawn by how many members live there, at the city's coordinates; a remote posting
  names that country (70%) or nothing (worldwide).
- salary for 60%: the role's US pay at MID, times the seniority's and employment's factor,
  converted to the local currency with the local pay level (careers_data.COUNTRY_PAY), a range
  of -5..-15% to +8..+30% around it, rounded to two significant digits (at least thousands).
- posted uniformly over the last 6 months; CLOSED with probability 0.6 x age / 6 months (so 30%
  overall, the older the likelier), closed between a third of its age and now; 40% have a
  deadline 21-90 days after posting (open postings only one still ahead), a closed posting with a
  passed deadline closed on it.
- requirements: 2-6 skills (mostly 3-4), each REQUIRED with probability 0.6 (at least one),
  REQUIRED weighing 3-5 and nice-to-haves 1-3, minLevel 2-4 by seniority. Postings ask for
  skill combinations members really hold: the required skills come from an "archetype", a member
  of the posting's role (half the time one who is open to work) holding fitting skills at level 2
  or more, capped at the archetype's level; nice-to-haves from the role's skill mix (the role's
  persona in taxonomy.PERSONAS). 0-2 certifications (40% none, 42% one, 18% two) of the role at
  levels fitting the seniority, the archetype's own first when they hold one, REQUIRED 35% of the
  time. `minRank` for 8% (Hiker 60%, Explorer 25%, Adventurer 10%, Ranger 5%): most members are
  Scouts, so a rank bar is rare.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterator

from resolvers.seed import careers_data as cd
from resolvers.seed import taxonomy as tx
from resolvers.seed.careers_people import member_role
from resolvers.seed.draw import DAY, HOUR, YEAR, pick, weighted

if TYPE_CHECKING:
    from resolvers.seed.careers import CareersSize
    from resolvers.seed.careers_people import PeopleBuilder
    from resolvers.seed.generator import SeedGenerator

POSTING_SPAN = 182 * DAY
CLOSED_AT_END = 0.6  # probability a posting as old as POSTING_SPAN is closed
SALARY_SHARE = 0.6
DEADLINE_SHARE = 0.4
DEADLINE_DAYS = (21, 30, 45, 60, 90)
SKILL_COUNTS = ((2, 15), (3, 30), (4, 30), (5, 15), (6, 10))
CERT_COUNTS = ((0, 40), (1, 42), (2, 18))
MIN_RANK_SHARE = 0.08
MIN_RANKS = ((2, 60), (3, 25), (4, 10), (7, 5))
MIN_LEVELS = {"ENTRY": ((2, 1),), "JUNIOR": ((2, 4), (3, 1)), "MID": ((2, 1), (3, 1)), "SENIOR": ((3, 3), (4, 1)),
              "LEAD": ((3, 1), (4, 1)), "PRINCIPAL": ((3, 1), (4, 2))}
CERT_LEVELS = {"ENTRY": ("ASSOCIATE",), "JUNIOR": ("ASSOCIATE", "PROFESSIONAL"), "MID": ("PROFESSIONAL",),
               "SENIOR": ("PROFESSIONAL", "ADVANCED"), "LEAD": ("ADVANCED", "EXPERT", "PROFESSIONAL"),
               "PRINCIPAL": ("ADVANCED", "EXPERT")}


def round_pay(value: float) -> int:
    """Two significant digits, at least whole thousands (95,432 -> 95,000; 6,812,000 -> 6,800,000)."""
    digits = len(str(int(value)))
    step = max(1_000, 10 ** max(0, digits - 2))
    return max(step, int(round(value / step)) * step)


def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class JobBuilder:
    """Recruiters, postings and requirements for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator", size: "CareersSize", people: "PeopleBuilder") -> None:
        self.gen = gen
        self.size = size
        self.people = people

    def build(self) -> None:
        gen = self.gen
        self.rng = gen._rng("careers-jobs")
        cat = gen.learning.catalog
        self.certs_by_role_level: dict[tuple[str, str], list[int]] = {}
        for c, cert in enumerate(cat.certifications):
            self.certs_by_role_level.setdefault((cert["role"], cert["level"]), []).append(c)
        # Skills that fit a role: the categories of the role's persona mix, by weight.
        self.role_skills: dict[str, tuple[list[int], list[float]]] = {}
        for role, persona in cd.ROLE_PERSONA.items():
            mix = tx.PERSONAS[persona][2]
            skills = [s for s, (_, _, category) in enumerate(tx.SKILLS) if category in mix]
            self.role_skills[role] = (skills, list(itertools.accumulate(mix[tx.SKILLS[s][2]] for s in skills)))
        self.role_categories = {role: set(tx.PERSONAS[p][2]) for role, p in cd.ROLE_PERSONA.items()}
        self._archetypes()
        city_members = Counter(gen.member_city)
        self.cities = sorted(city_members)
        self.city_cum = list(itertools.accumulate(city_members[c] for c in self.cities))
        self._hiring()
        self._recruiters()
        self._postings()

    # ------------------------------------------------------------------ who postings are modelled on

    def _archetypes(self) -> None:
        """Per role, members holding 2+ fitting skills at level 2 or more; also those open to work."""
        gen, people = self.gen, self.people
        self.archetypes: dict[str, list[int]] = {role: [] for role in cd.ROLE_PERSONA}
        self.open_archetypes: dict[str, list[int]] = {role: [] for role in cd.ROLE_PERSONA}
        for m, skills in enumerate(gen.member_skills):
            role = member_role(gen, m)
            fitting = sum(1 for s, level, _ in skills if level >= 2 and tx.SKILLS[s][2] in self.role_categories[role])
            if fitting >= 2:
                self.archetypes[role].append(m)
                if people.open_to_work(m):
                    self.open_archetypes[role].append(m)

    # ------------------------------------------------------------------ companies and recruiters

    def _hiring(self) -> None:
        gen, rng = self.gen, self.rng
        co = gen.learning.companies
        order = sorted(range(len(co.companies)), key=lambda c: (-co.companies[c]["employeeCount"], c))
        top = max(1, len(order) // 5)
        self.hiring = sorted(c for i, c in enumerate(order) if i < top or rng.random() < 0.75)
        weights = [co.companies[c]["employeeCount"] ** 0.9 * rng.lognormvariate(0.0, 0.6) for c in self.hiring]
        counts = [1] * len(self.hiring)
        cum = list(itertools.accumulate(weights))
        for _ in range(self.size.postings - len(self.hiring)):
            counts[pick(rng, cum)] += 1
        self.posting_counts = dict(zip(self.hiring, counts))

    def _recruiters(self) -> None:
        gen, rng, people = self.gen, self.rng, self.people
        co = gen.learning.companies
        self.recruiters: list[tuple[int, int, Any]] = []  # (member, company, since)
        self.recruiters_of: dict[int, list[int]] = {}
        for c in self.hiring:
            staff = co.employees[c]
            wanted = 1 + int(math.log2(1 + self.posting_counts[c] / 10)) + rng.randint(0, 1)
            wanted = min(5, wanted, len(staff))
            ranked = sorted(range(len(staff)), key=lambda i: (bool(people.searchable[staff[i]]), rng.random()))
            for i in sorted(ranked[:wanted]):
                m = staff[i]
                employed_ago = gen.ago(co.employment_since[c][i])
                since_ago = min(employed_ago - DAY, 30 * DAY + int(rng.random() * 3 * YEAR))
                self.recruiters.append((m, c, gen.at(max(HOUR, since_ago))))
                self.recruiters_of.setdefault(c, []).append(m)

    # ------------------------------------------------------------------ postings

    def _postings(self) -> None:
        gen, rng = self.gen, self.rng
        co = gen.learning.companies
        self.postings: list[dict[str, Any]] = []
        self.skill_requirements: list[list[tuple[int, int, int, str]]] = []  # (skill, minLevel, weight, necessity)
        self.cert_requirements: list[list[tuple[int, str]]] = []  # (certification, necessity)
        roles = [r for r, _ in cd.JOB_ROLES]
        for c in self.hiring:
            staff = co.employees[c]
            shares = Counter(member_role(gen, m) for m in staff)
            role_weights = [w * (0.5 + 3.0 * shares[r] / len(staff)) for r, w in cd.JOB_ROLES]
            role_cum = list(itertools.accumulate(role_weights))
            for _ in range(self.posting_counts[c]):
                self._posting(c, roles[pick(rng, role_cum)], staff)

    def _posting(self, c: int, role: str, staff: list[int]) -> None:
        gen, rng = self.gen, self.rng
        company = gen.learning.companies.companies[c]
        seniority = weighted(rng, cd.ARCHITECT_SENIORITY_MIX if role == "ARCHITECT" else cd.SENIORITY_MIX)
        employment = weighted(rng, cd.EMPLOYMENT_MIX)
        if seniority == "ENTRY" and rng.random() < 0.15:
            employment = "INTERNSHIP"
        elif employment == "INTERNSHIP" and seniority not in ("ENTRY", "JUNIOR"):
            employment = "FULL_TIME"
        workplace = weighted(rng, cd.WORKPLACE_MIX)
        city_index = (gen.member_city[rng.choice(staff)] if rng.random() < 0.7
                      else self.cities[pick(rng, self.city_cum)])
        city, country, lat, lon, _ = tx.CITIES[city_index]
        if workplace == "REMOTE":
            city = lat = lon = None
            if rng.random() >= 0.7:
                country = None
        title = cd.SENIORITY_PREFIX[seniority] + rng.choice(cd.ROLE_JOB_TITLES[role])

        age = HOUR + int(rng.random() * (POSTING_SPAN - HOUR))
        closed = rng.random() < CLOSED_AT_END * age / POSTING_SPAN
        closed_ago = int(age * (1 - rng.uniform(1 / 3, 1.0))) if closed else None
        closes_ago = None
        if rng.random() < DEADLINE_SHARE:
            days = [d for d in DEADLINE_DAYS if closed or age - d * DAY < 0]
            if days:
                closes_ago = age - rng.choice(days) * DAY
                if closed and closes_ago >= 0:
                    closed_ago = max(closed_ago, closes_ago)  # closed on the deadline, or earlier when filled
        updated_ago = closed_ago if closed else age - int(rng.random() * min(age, 14 * DAY))

        salary = self._salary(role, seniority, employment, country) if rng.random() < SALARY_SHARE else None
        archetype = self._archetype(role)
        skills = self._skill_requirements(role, seniority, archetype)
        certs = self._cert_requirements(role, seniority, archetype)
        min_rank = weighted(rng, MIN_RANKS) if rng.random() < MIN_RANK_SHARE else 0

        place = {"ON_SITE": f"in {city}", "HYBRID": f"in {city} (hybrid)"}.get(
            workplace, f"(remote, {country})" if country else "(fully remote)")
        duties = rng.sample(cd.DUTIES[role], 2)
        description = rng.choice(cd.DESCRIPTIONS).format(
            company=company["name"], title=title, article="an" if title[0] in "AEIOU" else "a", where=place,
            duty=duties[0], duty2=duties[1], skills=listing([gen.skills[s]["name"] for s, _, _, _ in skills[:3]]),
            where_sentence=f"The role is based in {city}." if city else "The role is remote.")
        self.postings.append({
            "id": gen._uuid(rng), "companyId": company["id"], "title": title, "description": description,
            "seniority": seniority, "employmentType": employment, "workplace": workplace, "city": city,
            "country": country, "latitude": float(lat) if lat is not None else None,
            "longitude": float(lon) if lon is not None else None,
            "salaryMin": salary[0] if salary else None, "salaryMax": salary[1] if salary else None,
            "salaryCurrency": salary[2] if salary else None, "minRank": min_rank,
            "status": "CLOSED" if closed else "OPEN", "postedAt": gen.at(age), "updatedAt": gen.at(updated_ago),
            "closesAt": gen.at(closes_ago) if closes_ago is not None else None,
            "closedAt": gen.at(closed_ago) if closed else None, "applicationCount": 0,
            "_company": c, "_role": role, "_age": age, "_closed_ago": closed_ago,
        })
        self.skill_requirements.append(skills)
        self.cert_requirements.append(certs)

    def _salary(self, role: str, seniority: str, employment: str, country: str | None) -> tuple[int, int, str]:
        rng = self.rng
        currency, per_dollar, level = cd.COUNTRY_PAY[country] if country else cd.WORLDWIDE_PAY
        middle = (cd.US_BASE_PAY[role] * cd.SENIORITY_PAY[seniority] * cd.EMPLOYMENT_PAY[employment]
                  * per_dollar * level)
        low = round_pay(middle * rng.uniform(0.85, 0.95))
        high = round_pay(middle * rng.uniform(1.08, 1.3))
        if high <= low:
            high = round_pay(low * 1.2)
        return low, max(high, low + 1_000), currency

    def _archetype(self, role: str) -> int | None:
        """The member a posting's required skills are modelled on: half the time one open to work."""
        rng = self.rng
        pool = self.archetypes[role]
        if self.open_archetypes[role] and rng.random() < 0.5:
            pool = self.open_archetypes[role]
        return pool[rng.randrange(len(pool))] if pool else None

    def _skill_requirements(self, role: str, seniority: str, archetype: int | None) -> list[tuple[int, int, int, str]]:
        gen, rng = self.gen, self.rng
        count = weighted(rng, SKILL_COUNTS)
        necessities = ["REQUIRED" if rng.random() < 0.6 else "NICE_TO_HAVE" for _ in range(count)]
        if "REQUIRED" not in necessities:
            necessities[0] = "REQUIRED"
        necessities.sort(key=lambda x: x != "REQUIRED")
        held: list[tuple[int, int]] = []
        if archetype is not None:
            held = [(s, level) for s, level, _ in gen.member_skills[archetype]
                    if level >= 2 and tx.SKILLS[s][2] in self.role_categories[role]]
            rng.shuffle(held)
        skills, cum = self.role_skills[role]
        chosen: dict[int, tuple[int, int, int, str]] = {}
        for necessity in necessities:
            for _ in range(30):  # a few fitting skills are drawn again; try another
                min_level = weighted(rng, MIN_LEVELS[seniority])
                if necessity == "REQUIRED" and held:
                    s, level = held.pop()
                    min_level = min(min_level, level)
                else:
                    s = skills[pick(rng, cum)]
                if s not in chosen:
                    weight = rng.randint(3, 5) if necessity == "REQUIRED" else rng.randint(1, 3)
                    chosen[s] = (s, min_level, weight, necessity)
                    break
        return list(chosen.values())

    def _cert_requirements(self, role: str, seniority: str, archetype: int | None) -> list[tuple[int, str]]:
        rng = self.rng
        certs = self.gen.learning.catalog.certifications
        count = weighted(rng, CERT_COUNTS)
        if not count:
            return []
        fitting = [c for level in CERT_LEVELS[seniority] for c in self.certs_by_role_level.get((role, level), [])]
        held = self.people.good_certs[archetype] if archetype is not None else set()
        own = sorted(c for c in held if certs[c]["role"] == role)
        chosen: dict[int, str] = {}
        if own:
            chosen[rng.choice(own)] = "REQUIRED" if rng.random() < 0.5 else "NICE_TO_HAVE"
        others = [c for c in fitting if c not in chosen]
        rng.shuffle(others)
        for c in others[: max(0, count - len(chosen))]:
            chosen[c] = "REQUIRED" if rng.random() < 0.35 else "NICE_TO_HAVE"
        return list(chosen.items())

    # ------------------------------------------------------------------ rows

    def recruiter_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for m, c, since in self.recruiters:
            yield {"memberId": gen.members[m]["id"], "companyId": gen.learning.companies.companies[c]["id"],
                   "since": since}

    def posting_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.postings:
            yield {k: v for k, v in row.items() if not k.startswith("_")}

    def skill_requirement_rows(self) -> Iterator[dict[str, Any]]:
        skills = self.gen.skills
        for job, requirements in zip(self.postings, self.skill_requirements):
            for s, min_level, weight, necessity in requirements:
                yield {"jobId": job["id"], "skillId": skills[s]["id"], "minLevel": min_level, "weight": weight,
                       "necessity": necessity}

    def cert_requirement_rows(self) -> Iterator[dict[str, Any]]:
        certs = self.gen.learning.catalog.certifications
        for job, requirements in zip(self.postings, self.cert_requirements):
            for c, necessity in requirements:
                yield {"jobId": job["id"], "certificationId": certs[c]["id"], "necessity": necessity}


__all__ = ["JobBuilder", "round_pay"]
