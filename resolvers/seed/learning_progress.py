"""Members' learning: what each member completes and earns, and when (the plan of their history).

Each member gets a learning tier (drawn by these weights, adjusted: members who joined under two years
ago are rarely Rangers, career changers rarely heavy learners, admins, developers and architects
a bit more often):

| tier | weight | modules completed | learning span | active in the last 20 days |
|---|---|---|---|---|
| none | 65 | 0 (some still earn event badges or follow a learning plan) | | |
| light | 22 | 1-4 (mostly 1-2) | up to 4 years | 25% |
| moderate | 8 | 5-20 (log-uniform) | up to 4 years | 40% |
| heavy | 2 | 20-99 (log-uniform) | up to 5 years | 60% |
| ranger | 2.4 | 100 x Pareto(7): median ~110, 1% over 190 | 3-6 years | 80% |

Measured (seed 11, `small`; `medium` alike): ~39% of members have points, the median member has
none, the top 10% hold ~85% of all points, ~2.2% are Rangers (100+ badges and 50,000+ points),
a handful Double Star Rangers; `medium` has ~1.8 million unit completions.

Modules come mostly from trails of the member's role (its modules in order, often left
unfinished), some picked singly by popularity (Pareto, beginners' material favoured), 20% of
trails from another role. Completion times are spread over the member's span; a module's units
are done one after the other (the unit's minutes at the member's pace) and the module is
COMPLETED, with its badge EARNED, at its last unit. Besides: 1-2 partly done modules for many
learners; superbadges aimed at by heavy learners and Rangers (their prerequisites added to the
picks; 85% then complete it, 1 hour to 45 days after the last prerequisite) or completed
incidentally (25% of members who happen to hold every prerequisite); learning-plan work for
assignees (45-85% by tier start; modules in plan order, ~6 days apart, 12% quit at each step,
so some are late or never finish); maintenance for credential holders
(resolvers/seed/learning_credentials.py); quests: a member active during a quest month takes
the quest of their rank band with probability 4-30% by tier, completing its missing
requirements inside the window; holiday limited editions, earned at a module completion inside
their window (30-75% of learners active then); yearly event badges (1% of non-learners, up to 30%
of Rangers).

Everything is then replayed in time order, per member, exactly as the progress transactions
do it (resolvers/seed/learning_ledger.py), which decides the quest entries, the badges earned,
the rank history and `points`, `badgeCount` and `rank`: consistent by construction.
"""

from __future__ import annotations

import math
import random
from array import array
from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterator

from resolvers.seed import learning_catalog as lc
from resolvers.seed.draw import DAY, HOUR, YEAR, pick, weighted
from resolvers.seed.learning_ledger import BADGE, MAINTAIN, SUPERBADGE, UNIT, UNIT_LAST, Event, Ledger

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.learning_companies import CompanyBuilder
    from resolvers.seed.learning_credentials import CredentialPlanner
    from resolvers.seed.learning_items import CatalogBuilder

TIERS = ("none", "light", "moderate", "heavy", "ranger")
TIER_WEIGHTS = (65.0, 22.0, 8.0, 2.0, 2.4)
LIGHT_MODULES = ((1, 45), (2, 30), (3, 15), (4, 10))
LEARNING_YEARS = {"light": 4, "moderate": 4, "heavy": 5, "ranger": 6}
START_SHARE = {"light": (0.0, 1.0), "moderate": (0.05, 1.0), "heavy": (0.3, 1.0), "ranger": (0.5, 1.0)}
RECENT = {"light": 0.25, "moderate": 0.4, "heavy": 0.6, "ranger": 0.8}
PARTIAL = {"light": 0.4, "moderate": 0.5, "heavy": 0.6, "ranger": 0.7}
SUPERBADGE_TARGETS = {"light": ((0, 1),), "moderate": ((0, 90), (1, 10)), "heavy": ((0, 40), (1, 40), (2, 20)),
                      "ranger": ((1, 25), (2, 25), (3, 20), (4, 15), (5, 15))}
TARGET_COMPLETES = 0.85
INCIDENTAL_SUPERBADGE = 0.25
QUEST_TAKE = {"none": 0.0, "light": 0.04, "moderate": 0.1, "heavy": 0.2, "ranger": 0.3}
HOLIDAY = {"none": 0.0, "light": 0.3, "moderate": 0.45, "heavy": 0.6, "ranger": 0.75}
EVENT = {"none": 0.01, "light": 0.04, "moderate": 0.08, "heavy": 0.15, "ranger": 0.3}
PLAN_WORK = {"none": 0.45, "light": 0.6, "moderate": 0.7, "heavy": 0.8, "ranger": 0.85}
PLAN_QUIT = 0.12
PLAN_GAP_MEAN = 6 * DAY
SINGLE_PICK = 0.25
OTHER_ROLE = 0.2
MAX_SHARE_OF_CATALOG = 0.8


class ProgressBuilder:
    """Builds every member's completions, badges, rank history and quest entries (see the docstring)."""

    def __init__(self, gen: "SeedGenerator", catalog: "CatalogBuilder", companies: "CompanyBuilder",
                 credentials: "CredentialPlanner") -> None:
        self.gen = gen
        self.cat = catalog
        self.companies = companies
        self.credentials = credentials

    # ------------------------------------------------------------------ indexes

    def _indexes(self) -> None:
        gen, cat = self.gen, self.cat
        regular = range(cat.module_count)
        popularity = [cat.modules[m]["_popularity"] for m in regular]
        self.role_modules: dict[str, tuple[list[int], list[float]]] = {}
        self.role_trails: dict[str, tuple[list[int], list[float]]] = {}
        for role in lc.ROLES:
            mods = [m for m in regular if role in cat.modules[m]["roles"]]
            self.role_modules[role] = (mods, _cumulative(popularity[m] for m in mods))
            trails = [t for t, trail in enumerate(cat.trails) if trail["_role"] == role]
            self.role_trails[role] = (trails, _cumulative(cat.trails[t]["_popularity"] for t in trails))
        self.all_modules = (list(regular), _cumulative(popularity))
        self.all_trails = (list(range(len(cat.trails))), _cumulative(t["_popularity"] for t in cat.trails))
        self.by_popularity = sorted(regular, key=lambda m: (-popularity[m], m))
        self.unit_seconds = array("i", (u["estimatedMinutes"] * 60 for u in cat.units))
        self.sb_requires = [tuple(ms) for ms in cat.superbadge_modules]
        self.sb_by_role: dict[str, list[int]] = {role: [] for role in lc.ROLES}
        for b, sb in enumerate(cat.superbadges):
            self.sb_by_role[sb["_role"]].append(b)
        self.holidays = [(b, gen.ago(cat.badges[b]["availableFrom"]), gen.ago(cat.badges[b]["availableUntil"]))
                         for b in cat.holiday_badges]
        self.events = [(b, gen.ago(held)) for b, held in cat.event_badges]
        self.plans_of: dict[int, list[int]] = {}
        for p, assignees in enumerate(self.companies.plan_assignees):
            for m in assignees:
                self.plans_of.setdefault(m, []).append(p)

    # ------------------------------------------------------------------ build

    def build(self) -> None:
        self.ledger = ledger = Ledger(self.gen, self.cat)
        self.mod_start, self.mod_units = ledger.mod_start, ledger.mod_units
        self._indexes()
        gen = self.gen
        rng = gen._rng("learning-progress")
        self.tiers: Counter[str] = Counter()
        for m in range(len(gen.members)):
            self._member(rng, m)
        ledger.draw_prizes()

    def _tier(self, rng: random.Random, persona: str, joined: int) -> str:
        w = list(TIER_WEIGHTS)
        if joined < 2 * YEAR:
            w[4] *= 0.25
            w[3] *= 0.6
        if persona == "learner":
            w[1] *= 1.4
            w[3] *= 0.6
            w[4] *= 0.3
        elif persona in ("admin", "developer", "architect"):
            w[3] *= 1.15
            w[4] *= 1.25
        return rng.choices(TIERS, weights=w)[0]

    def _count(self, rng: random.Random, tier: str) -> int:
        if tier == "light":
            count = weighted(rng, LIGHT_MODULES)
        elif tier == "moderate":
            count = round(math.exp(rng.uniform(math.log(5), math.log(20))))
        elif tier == "heavy":
            count = round(math.exp(rng.uniform(math.log(20), math.log(99))))
        else:
            count = int(100 * rng.paretovariate(7.0))
        return min(count, int(MAX_SHARE_OF_CATALOG * self.cat.module_count))

    def _picks(self, rng: random.Random, role: str, count: int) -> dict[int, None]:
        """`count` distinct modules: trails of the role in order, and single popular modules."""
        picks: dict[int, None] = {}
        trails, trail_cum = self.role_trails[role]
        mods, mod_cum = self.role_modules[role]
        for _ in range(count * 4 + 20):
            if len(picks) >= count:
                break
            if rng.random() < SINGLE_PICK or not trails:
                pool, cum = (mods, mod_cum) if mods and rng.random() >= OTHER_ROLE else self.all_modules
                picks.setdefault(pool[pick(rng, cum)], None)
            else:
                pool, cum = (trails, trail_cum) if rng.random() >= OTHER_ROLE else self.all_trails
                for module in self.cat.trail_modules[pool[pick(rng, cum)]]:
                    if len(picks) >= count:
                        break
                    picks.setdefault(module, None)
        for module in self.by_popularity:  # a pool worked through: the most popular of the rest
            if len(picks) >= count:
                break
            picks.setdefault(module, None)
        return picks

    def _member(self, rng: random.Random, m: int) -> None:
        gen, cat = self.gen, self.cat
        persona = gen.member_persona[m]
        role = lc.PERSONA_ROLES[persona]
        joined = gen.joined_ago[m]
        tier = self._tier(rng, persona, joined)
        span = min(joined - DAY, LEARNING_YEARS.get(tier, 0) * YEAR)
        if tier != "none" and span < 3 * DAY:
            tier = "none"
        self.tiers[tier] += 1
        pace = rng.uniform(0.7, 1.6)
        done: dict[int, int] = {}  # module -> completion, seconds before now
        targets: list[int] = []
        start = end = 0
        if tier != "none":
            low, high = START_SHARE[tier]
            start = max(2 * DAY, int(span * rng.uniform(low, high)))
            recent = rng.random() < RECENT[tier]
            end = int(rng.uniform(0, min(20 * DAY, start / 2)) if recent else start * rng.uniform(0, 0.9))
            picks = self._picks(rng, role, self._count(rng, tier))
            order = list(picks)
            for _ in range(weighted(rng, SUPERBADGE_TARGETS[tier])):
                pool = self.sb_by_role[role] if self.sb_by_role[role] and rng.random() < 0.7 else \
                    range(len(cat.superbadges))
                if not pool:
                    break
                b = rng.choice(list(pool))
                if b in targets:
                    continue
                targets.append(b)
                for module in self.sb_requires[b]:
                    if module not in picks:
                        picks[module] = None
                        order.insert(rng.randrange(len(order) + 1), module)
            times = sorted((int(rng.uniform(end, start)) for _ in order), reverse=True)
            done.update(zip(order, times))
        earned, maintenance = self.credentials.plan(rng, m, tier, role, start, end) if tier != "none" else ([], [])
        for p in self.plans_of.get(m, ()):
            self._plan_work(rng, m, tier, p, done)
        superbadges = self._superbadges(rng, done, targets)
        partial = self._partial(rng, tier, role, done, start, end) if tier != "none" else []
        if tier != "none" and end < self.ledger.quest_horizon:
            self._quests(rng, m, tier, done, partial, superbadges, maintenance, pace, start, end)
        badges = self._badges(rng, tier, joined, done)
        events = self._events(done, partial, superbadges, maintenance, badges, pace)
        points, count, rank, _ = self.ledger.replay(m, events, record=True)
        member = gen.members[m]
        member["points"], member["badgeCount"], member["rank"] = points, count, rank
        if earned:
            self.credentials.record(m, earned, maintenance)

    def _plan_work(self, rng: random.Random, m: int, tier: str, p: int, done: dict[int, int]) -> None:
        """Assignee m works through plan p's modules in order, or not at all."""
        if rng.random() >= PLAN_WORK[tier]:
            return
        _, assigned, _ = self.companies.plan_times[p]
        at = min(assigned, self.gen.joined_ago[m] - DAY)
        for module in self.companies.plan_modules(p):
            at -= HOUR + int(rng.expovariate(1.0 / PLAN_GAP_MEAN))
            if at <= 0 or rng.random() < PLAN_QUIT:
                return
            done.setdefault(module, at)

    def _superbadges(self, rng: random.Random, done: dict[int, int], targets: list[int]) -> dict[int, int]:
        """Superbadges completed: aimed at ones mostly, others sometimes, after every prerequisite."""
        out: dict[int, int] = {}
        if len(done) < 3:
            return out
        for b, requires in enumerate(self.sb_requires):
            if not all(r in done for r in requires):
                continue
            if rng.random() >= (TARGET_COMPLETES if b in targets else INCIDENTAL_SUPERBADGE):
                continue
            last = min(done[r] for r in requires)
            if last > 2 * HOUR:
                out[b] = last - int(rng.uniform(HOUR, min(45 * DAY, last - HOUR)))
        return out

    def _partial(self, rng: random.Random, tier: str, role: str, done: dict[int, int], start: int,
                 end: int) -> list[tuple[int, int]]:
        """Modules started and left unfinished: (unit, ago) for their first few units."""
        out: list[tuple[int, int]] = []
        if rng.random() >= PARTIAL[tier]:
            return out
        mods, cum = self.role_modules[role] if self.role_modules[role][0] else self.all_modules
        started: set[int] = set()
        for _ in range(rng.randint(1, 2)):
            module = mods[pick(rng, cum)]
            if module in done or module in started:
                continue
            started.add(module)
            at = int(rng.uniform(end, min(start, end + 30 * DAY)))
            first = self.mod_start[module]
            for j in range(rng.randint(1, self.mod_units[module] - 1)):
                out.append((first + j, at))
                at -= self.unit_seconds[first + j] + 60
            if at <= 0:
                out = [(u, t) for u, t in out if t > 0]
        return out

    def _quests(self, rng: random.Random, m: int, tier: str, done: dict[int, int], partial: list[tuple[int, int]],
                superbadges: dict[int, int], maintenance: list[tuple[int, int]], pace: float, start: int,
                end: int) -> None:
        """Quests the member sets out to do: their missing requirements completed inside the window."""
        promotions: list[tuple[int, int]] | None = None
        started = {self.cat.unit_module[u] for u, _ in partial}
        for quests in self.ledger.quests_by_month.values():
            window_start, window_end = self.ledger.quest_window[quests[0]]
            low, high = max(window_end, end, 0) + HOUR, min(window_start, start) - HOUR
            if high - low < 2 * HOUR or rng.random() >= QUEST_TAKE[tier]:
                continue
            if promotions is None:
                events = self._events(done, partial, superbadges, maintenance, [], pace)
                promotions = self.ledger.replay(m, events, record=False)[3]
            rank = max((r for t, r in promotions if t >= window_start), default=1)
            chosen = [q for q in quests if self.cat.quests[q]["minRank"] <= rank <= self.cat.quests[q]["maxRank"]]
            if not chosen:
                continue
            requires = self.cat.quest_requires[chosen[0]]
            if any(r in started or (r in done and not window_start >= done[r] > window_end) for r in requires):
                continue
            for r in requires:
                done.setdefault(r, int(rng.uniform(low, high)))

    def _badges(self, rng: random.Random, tier: str, joined: int, done: dict[int, int]) -> list[tuple[int, int]]:
        """Holiday limited editions (at a module completion inside the window) and event badges."""
        out: list[tuple[int, int]] = []
        if done and HOLIDAY[tier]:
            times = sorted(done.values())
            for b, opens, closes in self.holidays:
                # Completions inside [availableFrom, availableUntil): closes < ago <= opens.
                i = bisect_left(times, opens + 1) - 1
                if i >= 0 and times[i] > closes and rng.random() < HOLIDAY[tier]:
                    out.append((b, times[i]))
        for b, held in self.events:
            if held < joined - HOUR and rng.random() < EVENT[tier]:
                at = held - rng.randint(HOUR, 9 * HOUR)
                if at > 0:
                    out.append((b, at))
        return out

    def _events(self, done: dict[int, int], partial: list[tuple[int, int]], superbadges: dict[int, int],
                maintenance: list[tuple[int, int]], badges: list[tuple[int, int]], pace: float
                ) -> list[Event]:
        """Every fact as (ago, sequence, code, subject), in the order to replay them."""
        events: list[Event] = []
        seq = 0
        for module, at in done.items():
            first, n = self.mod_start[module], self.mod_units[module]
            t = at
            for j in range(n - 1, -1, -1):  # the last unit at `at`, earlier ones before it
                events.append((t, seq + j, UNIT_LAST if j == n - 1 else UNIT, first + j))
                t += int(self.unit_seconds[first + j] * pace) + 60
            seq += n
        for unit, at in partial:
            events.append((at, seq, UNIT, unit))
            seq += 1
        for module, at in maintenance:
            events.append((at, seq, MAINTAIN, module))
            seq += 1
        for b, at in superbadges.items():
            events.append((at, seq, SUPERBADGE, b))
            seq += 1
        for b, at in badges:
            events.append((at, seq, BADGE, b))
            seq += 1
        events.sort(key=lambda e: (-e[0], e[1]))
        return events


def _cumulative(weights: Iterator[float] | Any) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


__all__ = ["TIERS", "ProgressBuilder"]
