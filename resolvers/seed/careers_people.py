"""What members say about their careers: career preferences and reported outcomes.

Preferences go to `PREFERENCE_SHARE` of the members, drawn by weight without replacement
(Efraimidis-Spirakis keys, so the share is exact): weight 1, times 3 for a member holding a
credential (certified people manage their careers actively), times 4 for one whose profile says
"Open to Work", times 1.5 for a career changer. Of them 70% are open to work and visible to
recruiters (`searchable`), 15% open to work but visible only to themselves, 15% not open (their
visibility RECRUITERS or ONLY_ME). `optedInAt` (searchable only) lies in the last year and after
the member joined; `updatedAt` follows it. Wanted roles are 1-2 job titles of the member's role
(careers_data.ROLE_JOB_TITLES, with their seniority prefix, sometimes one level up: people look
for a promotion), cities the member's own and, for 30%, another city of their country, countries
theirs and for 15% another, remote preference 55% open to remote, 25% on-site only, 20% remote
only, seniority read from their job title (career changers ENTRY), 25% of the time one level up,
10% unset.

Outcomes: `OUTCOME_SHARE` of the members report one (10% of those two), weighted like
preferences (credential holders x3, opted-in members x2): 55% PROMOTION (the next seniority of
their title at their employer), 45% NEW_JOB (a title of their role at another employer), dated in
the two years before `now` and after joining.
"""

from __future__ import annotations

import itertools
from array import array
from typing import TYPE_CHECKING, Any, Iterator

from resolvers.learning.credentials import credential_state
from resolvers.seed import careers_data as cd
from resolvers.seed import learning_catalog as lc
from resolvers.seed import taxonomy as tx
from resolvers.seed.draw import DAY, HOUR, YEAR, weighted

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator

PREFERENCE_SHARE = 0.20
OUTCOME_SHARE = 0.03
GOOD_STANDING = frozenset({"ACTIVE", "MAINTENANCE_DUE"})
PROMOTION = {"ENTRY": "JUNIOR", "JUNIOR": "MID", "MID": "SENIOR", "SENIOR": "LEAD", "LEAD": "PRINCIPAL",
             "PRINCIPAL": "PRINCIPAL"}
# Preference states: (openToWork, visibility) by weight.
STATES = (((True, "RECRUITERS"), 70), ((True, "ONLY_ME"), 15), ((False, "RECRUITERS"), 6), ((False, "ONLY_ME"), 9))


def member_role(gen: "SeedGenerator", m: int) -> str:
    """The job role of member m: their persona's certification role."""
    return lc.PERSONA_ROLES[gen.member_persona[m]]


def member_seniority(gen: "SeedGenerator", m: int) -> str:
    """The seniority member m's job title states (no prefix: MID; career changers: ENTRY)."""
    if gen.member_persona[m] == "learner":
        return "ENTRY"
    title = gen.members[m]["jobTitle"]
    for prefix, level in cd.TITLE_SENIORITY:
        if title.startswith(prefix):
            return level
    return "MID"


def weighted_sample(rng, weights: list[float], k: int) -> list[int]:
    """k distinct indexes drawn by weight (Efraimidis-Spirakis keys), in index order."""
    keyed = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0), reverse=True)
    return sorted(i for _, i in keyed[:k])


class PeopleBuilder:
    """Career preferences and reported outcomes for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen

    def build(self) -> None:
        gen = self.gen
        n = len(gen.members)
        learning = gen.learning
        certs = learning.catalog.certifications
        releases = learning.catalog.releases
        # Certifications each member holds in good standing at `now` (the API's status rule).
        self.good_certs: list[set[int]] = [set() for _ in range(n)]
        self.holds_credential = bytearray(n)
        for (m, c, _, _), covered in zip(learning.credentials.held, learning.credentials.covered):
            self.holds_credential[m] = 1
            state = credential_state(covered_through=covered, requires_maintenance=certs[c]["requiresMaintenance"],
                                     releases=releases, now=gen.now)
            if state.status in GOOD_STANDING:
                self.good_certs[m].add(c)
        self.cities_by_country: dict[str, list[int]] = {}
        for c, city in enumerate(tx.CITIES):
            self.cities_by_country.setdefault(city[1], []).append(c)
        self._preferences()
        self._outcomes()

    # ------------------------------------------------------------------ preferences

    def _preferences(self) -> None:
        gen = self.gen
        rng = gen._rng("careers-preferences")
        n = len(gen.members)
        weights = [(3.0 if self.holds_credential[m] else 1.0)
                   * (4.0 if gen.members[m]["company"] == "Open to Work" else 1.0)
                   * (1.5 if gen.member_persona[m] == "learner" else 1.0) for m in range(n)]
        chosen = weighted_sample(rng, weights, round(PREFERENCE_SHARE * n))
        self.preferences: list[dict[str, Any]] = []
        self.preference_of = array("i", [-1]) * n
        self.searchable = bytearray(n)
        self.opted_in_ago = array("q", [0]) * n  # seconds before now a searchable member opted in
        countries = sorted(self.cities_by_country)
        for m in chosen:
            member = gen.members[m]
            open_to_work, visibility = weighted(rng, STATES)
            if member["company"] == "Open to Work" and not open_to_work:
                open_to_work = True
            searchable = open_to_work and visibility == "RECRUITERS"
            window = max(HOUR, min(YEAR, gen.joined_ago[m] - HOUR))
            changed = HOUR + int(rng.random() * (window - HOUR))
            updated = int(changed * rng.random() * 0.3) if rng.random() < 0.3 else changed
            role = member_role(gen, m)
            seniority = member_seniority(gen, m)
            if rng.random() < 0.25:
                seniority = PROMOTION[seniority]
            titles = rng.sample(cd.ROLE_JOB_TITLES[role], rng.choice((1, 1, 2)))
            roles = [cd.SENIORITY_PREFIX[seniority] + t if rng.random() < 0.5 else t for t in titles]
            city = tx.CITIES[gen.member_city[m]]
            cities = [city[0]]
            others = [c for c in self.cities_by_country[city[1]] if c != gen.member_city[m]]
            if others and rng.random() < 0.3:
                cities.append(tx.CITIES[rng.choice(others)][0])
            wanted = [city[1]]
            if rng.random() < 0.15:
                other = rng.choice(countries)
                if other != city[1]:
                    wanted.append(other)
            self.preference_of[m] = len(self.preferences)
            self.searchable[m] = searchable
            if searchable:
                self.opted_in_ago[m] = changed
            self.preferences.append({
                "id": gen._uuid(rng), "memberId": member["id"], "openToWork": open_to_work, "visibility": visibility,
                "roles": list(dict.fromkeys(roles)), "cities": cities, "countries": wanted,
                "remote": weighted(rng, cd.REMOTE_PREFERENCE_MIX),
                "seniority": None if rng.random() < 0.1 else seniority,
                "optedInAt": gen.at(changed) if searchable else None, "updatedAt": gen.at(updated),
                "_member": m,
            })

    def searchable_members(self) -> list[int]:
        return [m for m in range(len(self.gen.members)) if self.searchable[m]]

    def open_to_work(self, m: int) -> bool:
        p = self.preference_of[m]
        return p >= 0 and self.preferences[p]["openToWork"]

    # ------------------------------------------------------------------ outcomes

    def _outcomes(self) -> None:
        gen = self.gen
        rng = gen._rng("careers-outcomes")
        n = len(gen.members)
        weights = [(3.0 if self.holds_credential[m] else 1.0) * (2.0 if self.searchable[m] else 1.0) for m in range(n)]
        self.outcomes: list[dict[str, Any]] = []
        for m in weighted_sample(rng, weights, round(OUTCOME_SHARE * n)):
            member = gen.members[m]
            role = member_role(gen, m)
            seniority = member_seniority(gen, m)
            for _ in range(2 if rng.random() < 0.1 else 1):
                window = max(DAY, min(2 * YEAR, gen.joined_ago[m] - DAY))
                ago = HOUR + int(rng.random() * (window - HOUR))
                if rng.random() < 0.55:
                    seniority = PROMOTION[seniority]
                    kind, employer = "PROMOTION", member["company"]
                    if employer in ("Open to Work", "Independent Consultant", "Freelance"):
                        employer = rng.choice(cd.OTHER_EMPLOYERS)
                else:
                    kind = "NEW_JOB"
                    employer = rng.choice([c for c in itertools.islice(tx.COMPANIES, 60) if c != member["company"]]
                                          + list(cd.OTHER_EMPLOYERS))
                title = cd.SENIORITY_PREFIX[seniority] + rng.choice(cd.ROLE_JOB_TITLES[role])
                self.outcomes.append({"id": gen._uuid(rng), "memberId": member["id"], "kind": kind, "title": title,
                                      "companyName": employer, "at": gen.at(ago)})

    # ------------------------------------------------------------------ rows

    def preference_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.preferences:
            yield {k: v for k, v in row.items() if not k.startswith("_")}

    def outcome_rows(self) -> Iterator[dict[str, Any]]:
        yield from (dict(o) for o in self.outcomes)


__all__ = ["PeopleBuilder", "member_role", "member_seniority", "weighted_sample"]
