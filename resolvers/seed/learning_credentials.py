"""Certifications members hold, and the maintenance that keeps them current.

Holders are drawn among learners (more often the busier ones: 3% of light learners, 15% of
moderate, 40% of heavy, 60% of Rangers; half as often for career changers), and need to have been
learning for two weeks at least. Each holds a certification of their role with its prerequisite
certifications first (1 to 5 in all, mostly 1 to 3; a closure of more than five, such as the
Technical Architect's, is never drawn), sometimes one more of their role; each is earned 20 to 300
days after the previous one, the first inside their learning span and at most four years ago.

Maintenance follows graph/MODEL.md: 68% of holders keep maintaining every release after they
earned a certification needing maintenance, each release an hour to a few months after it came
out (exponential, mean 30 days, always before its deadline); the others stop at a random point
(and, so that even the demo set shows every status, the first holder who could have let one
expire stopped on earning it, and the first who earned one before the latest release has not
maintained that release yet). A maintenance
completion is the role's maintenance module for that release (all units and the module at one
instant, as `completeMaintenance` writes it). `coveredThrough` is then computed by replaying those
completions in time order through the API's own rule (`credential_state` and
`maintenance_outcome` of resolvers/learning/credentials.py): a completion that the rule would
refuse raises, so the generator cannot write a credential the API would disagree with. The
status at `now` comes from the same function; the mix (ACTIVE mostly, MAINTENANCE_DUE for recent
releases not maintained yet, EXPIRED for holders who stopped a year or more ago) depends on how
far `now` is from the last release.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterator

from resolvers.learning.credentials import (
    ALREADY_CURRENT,
    MAINTAINED,
    credential_node_id,
    credential_state,
    maintenance_outcome,
)
from resolvers.seed import learning_catalog as lc
from resolvers.seed.draw import DAY, HOUR, YEAR

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.learning_items import CatalogBuilder

HOLDERS = {"none": 0.0, "light": 0.03, "moderate": 0.15, "heavy": 0.4, "ranger": 0.6}
TARGET_LEVELS = {"ASSOCIATE": 25, "PROFESSIONAL": 50, "ADVANCED": 20, "EXPERT": 5}
MAX_HELD = 5
ANOTHER = 0.35
DILIGENT = 0.68
MAINTENANCE_DELAY_MEAN = 30 * DAY
EXPIRABLE = 490 * DAY  # earned longer ago than a release interval plus a deadline: it can have expired
CODE_CHARS = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"


class GeneratorError(RuntimeError):
    """The generator built something graph/MODEL.md forbids (a bug, not bad luck)."""


class CredentialPlanner:
    """Plans, per member, the credentials held and the maintenance completions; then rows."""

    def __init__(self, gen: "SeedGenerator", catalog: "CatalogBuilder") -> None:
        self.gen = gen
        self.catalog = catalog
        certs = catalog.certifications
        self.closures = [self._closure(c) for c in range(len(certs))]
        self.by_role: dict[str, list[int]] = {role: [] for role in lc.ROLES}
        for c, cert in enumerate(certs):
            if len(self.closures[c]) <= MAX_HELD:
                self.by_role[cert["role"]].append(c)
        self.release_ago = [gen.ago(r["releasedAt"]) for r in catalog.releases]
        self.deadline_ago = [gen.ago(r["maintenanceDeadline"]) for r in catalog.releases]
        released = [r for r, ago in enumerate(self.release_ago) if ago > 0]
        self.latest = released[-1] if released else -1
        self._lapsed = self._behind = False
        self.held: list[tuple[int, int, int, str]] = []  # (member, certification, earned ago, code)
        self.covered: list[Any] = []  # coveredThrough, as a datetime
        self.issuers: list[int] = []
        self._codes: set[str] = set()
        self.rng = gen._rng("learning-credentials")

    def _closure(self, c: int) -> list[int]:
        """Certification c with every prerequisite, prerequisites first."""
        out: dict[int, None] = {}

        def visit(x: int) -> None:
            for p in self.catalog.certification_requires[x]:
                visit(p)
            out.setdefault(x, None)

        visit(c)
        return list(out)

    def plan(self, rng: random.Random, m: int, tier: str, role: str, start: int, end: int
             ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Member m's credentials [(certification, earned ago)] and maintenance completions
        [(module, ago)], or two empty lists. `start`/`end`: their learning span (seconds before now)."""
        share = HOLDERS[tier] * (0.5 if self.gen.member_persona[m] == "learner" else 1.0)
        if start < 14 * DAY or rng.random() >= share or not self.by_role[role]:
            return [], []
        certs = self.catalog.certifications
        pool = self.by_role[role]
        weights = [TARGET_LEVELS[certs[c]["level"]] for c in pool]
        chosen = list(self.closures[rng.choices(pool, weights=weights)[0]])
        if rng.random() < ANOTHER:
            extra = rng.choice(pool)
            more = [c for c in self.closures[extra] if c not in chosen]
            if len(chosen) + len(more) <= MAX_HELD:
                chosen += more
        earned: list[tuple[int, int]] = []
        ago = int(rng.uniform(max(end, 14 * DAY), min(start, 4 * YEAR)))
        for c in chosen:
            if ago < 3 * DAY:
                break  # later ones not earned yet; prerequisites come first, so what is held stays valid
            earned.append((c, ago))
            ago -= int(rng.uniform(20, 300) * DAY)
        return earned, self._maintenance(rng, earned)

    def _maintenance(self, rng: random.Random, earned: list[tuple[int, int]]) -> list[tuple[int, int]]:
        cat = self.catalog
        certs = cat.certifications
        first: dict[str, int] = {}
        for c, ago in earned:
            if certs[c]["requiresMaintenance"]:
                role = certs[c]["role"]
                first[role] = max(first.get(role, 0), ago)
        if not first:
            return []
        # Diligent holders maintain every release; the others stop at a random point after earning.
        earliest = max(first.values())
        stop = 0 if rng.random() < DILIGENT else int(rng.random() * earliest)
        # So that every status shows up even in the demo set: the first holder who could have let a
        # certification expire did (stopped on earning it), and the first who earned one before the
        # latest release has not maintained that release yet.
        if not self._lapsed and earliest > EXPIRABLE:
            stop, self._lapsed = earliest, True
        elif not self._behind and self.latest >= 0 and earliest > self.release_ago[self.latest] > 0:
            stop, self._behind = self.release_ago[self.latest], True
        out: list[tuple[int, int]] = []
        for role in sorted(first):
            last = first[role]
            for r, released in enumerate(self.release_ago):
                if not (stop < released < first[role]):
                    continue  # released before earning, after stopping, or not out yet
                allowed = released - self.deadline_ago[r] - DAY
                delay = HOUR + min(int(rng.expovariate(1.0 / MAINTENANCE_DELAY_MEAN)), allowed)
                at = min(released - delay, last - HOUR)
                if at <= 0 or at <= self.deadline_ago[r]:
                    break  # not done yet (or too late): nothing after it either
                out.append((cat.maintenance_module[(r, role)], at))
                last = at
        return out

    def record(self, m: int, earned: list[tuple[int, int]], maintenance: list[tuple[int, int]]) -> None:
        """Store member m's credentials with coveredThrough replayed through the API's rule."""
        gen, cat = self.gen, self.catalog
        certs = cat.certifications
        releases = cat.releases
        covered = {c: gen.at(ago) for c, ago in earned}
        module_release = {m_: (r, role) for (r, role), m_ in cat.maintenance_module.items()}
        for module, at_ago in sorted(maintenance, key=lambda x: -x[1]):
            r, role = module_release[module]
            when = gen.at(at_ago)
            for c, earned_ago in earned:
                if certs[c]["role"] != role or not certs[c]["requiresMaintenance"] or earned_ago < at_ago:
                    continue
                state = credential_state(covered_through=covered[c], requires_maintenance=True, releases=releases,
                                         now=when)
                outcome = maintenance_outcome(state=state, covered_through=covered[c], requires_maintenance=True,
                                              release=releases[r], now=when)
                if outcome == MAINTAINED:
                    covered[c] = releases[r]["releasedAt"]
                elif outcome != ALREADY_CURRENT:
                    raise GeneratorError(f"maintenance of {certs[c]['title']} for {releases[r]['name']} "
                                         f"would be refused: {outcome}")
        for c, ago in earned:
            self.held.append((m, c, ago, self._code(certs[c]["role"], gen.at(ago).year)))
            self.covered.append(covered[c])

    def _code(self, role: str, year: int) -> str:
        while True:
            code = f"{role[:3]}-{year}-{''.join(self.rng.choice(CODE_CHARS) for _ in range(8))}"
            if code not in self._codes:
                self._codes.add(code)
                return code

    def statuses(self) -> Counter[str]:
        """How many credentials are in each status at `now`, by graph/MODEL.md's rule."""
        certs = self.catalog.certifications
        counts: Counter[str] = Counter()
        for (m, c, _, _), covered in zip(self.held, self.covered):
            counts[credential_state(covered_through=covered, requires_maintenance=certs[c]["requiresMaintenance"],
                                    releases=self.catalog.releases, now=self.gen.now).status] += 1
        return counts

    def rows(self, issuers: list[str]) -> Iterator[dict[str, Any]]:
        gen, certs = self.gen, self.catalog.certifications
        for i, ((m, c, ago, code), covered) in enumerate(zip(self.held, self.covered)):
            member_id, cert_id = gen.members[m]["id"], certs[c]["id"]
            yield {"id": credential_node_id(member_id, cert_id), "credentialId": code, "memberId": member_id,
                   "certificationId": cert_id, "earnedAt": gen.at(ago), "coveredThrough": covered,
                   "issuedBy": issuers[i % len(issuers)] if issuers else None}


__all__ = ["HOLDERS", "CredentialPlanner", "GeneratorError"]
