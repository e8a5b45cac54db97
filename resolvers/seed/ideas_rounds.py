"""The prioritisation rounds of the generated IdeaExchange: one CLOSED round and one OPEN round, both in
the product area with the most ideas under review (where a product manager would run them).

- Windows (times before `now`, the seed time; the demo is seeded at server start, so its open round
  is open then): the closed round was set up 65 days ago, opened 62 days ago at 09:00 UTC for 14 days
  and closed (`closeRound`) two days and six hours after its window; the open round was set up 7
  days ago and opened 5 days ago at 09:00 UTC for 14 days, so it stays open about 9 days after `now`.
  Names follow the month it opened ("Sales Cloud priorities, September 2026").
- Shortlists (`IdeasSize.shortlist` ideas, by points): the closed round's ideas were under review a
  day before it was set up and moved to SHORTLISTED then (the product manager's change); the open
  round shortlists the closed round's losers (still SHORTLISTED) and fresh ideas under review, which
  move to SHORTLISTED when it is set up. Ideas the area lacks are made to cross the threshold in time
  (`IdeaActivity.force`).
- Allocations: `closed_participants` and `open_participants` members (by activity, x3 for members
  who voted one of the shortlisted ideas up, x2 for followers of the area), who joined before the
  window. 60% (closed) or 45% (open, still running) spend their whole 100 coins, the others 5-95; on
  1-4 ideas (25/40/25/10%), drawn by the ideas' points^0.7, x3 for an idea they voted up, each at
  least 5 coins and every amount a multiple of 5 (the steps 5, 20, 50 reach any of them); each
  allocation at a uniform time inside the window (and before `now`). CoinBudget.spent is their sum.
- Winners: the closed round's top `winners` by coins (then position) are SELECTED ({rank, coins})
  and moved to IN_DEVELOPMENT at `closedAt` by its product manager with the expected release (the
  first at least 90 days later), as `closeRound` does; half of them moved on to IN_TESTING since.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

from resolvers.ideas.rules import ROUND_BUDGET
from resolvers.seed import ideas_data as data
from resolvers.seed.draw import DAY, HOUR, pick, weighted
from resolvers.seed.taxonomy import MONTHS

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.ideas import IdeasSize
    from resolvers.seed.ideas_activity import IdeaActivity
    from resolvers.seed.ideas_lifecycle import Lifecycle

# Seconds before now.
CLOSED_OPENS = 62 * DAY - 9 * HOUR
CLOSED_CREATED = CLOSED_OPENS + 3 * DAY
CLOSED_CLOSES = CLOSED_OPENS - 14 * DAY
CLOSED_AT = CLOSED_CLOSES - 2 * DAY - 6 * HOUR
OPEN_OPENS = 5 * DAY - 9 * HOUR
OPEN_CREATED = OPEN_OPENS + 2 * DAY
OPEN_CLOSES = OPEN_OPENS - 14 * DAY  # negative: after now
FULL_SPEND = {"closed": 0.6, "open": 0.45}
IDEAS_PER_MEMBER = ((1, 25), (2, 40), (3, 25), (4, 10))
TESTING_SINCE = 0.5
WINNER_LEAD = 90 * DAY


class Rounds:
    """The closed and the open round of one `IdeasBuilder` (see the module docstring)."""

    def __init__(self, gen: "SeedGenerator", size: "IdeasSize", activity: "IdeaActivity",
                 lifecycle: "Lifecycle") -> None:
        self.gen = gen
        self.size = size
        self.act = activity
        self.life = lifecycle
        self.rng = gen._rng("ideas-rounds")

    # ------------------------------------------------------------------ planning (before statuses)

    def _under_review_by(self, ideas, deadline: int) -> list[int]:
        return [i for i in ideas if self.act.crossed[i] > deadline + DAY]

    def plan(self, excluded: set[int], anchored: set[int]) -> None:
        """Choose the rounds' product area and make sure it has enough ideas under review in time:
        `shortlist` for the closed round, and `max(2, winners)` fresh ones for the open round (ideas
        of other areas are moved to it when it has too few of the right age). `excluded` ideas are never
        forced, `anchored` ones (survivors of a merge) never moved."""
        act, size = self.act, self.size
        in_area: dict[int, list[int]] = {}
        for i in range(len(act.ids)):
            if i not in excluded:
                in_area.setdefault(act.area[i], []).append(i)
        self.area = max(in_area, key=lambda a: (len(self._under_review_by(in_area[a], CLOSED_CREATED)),
                                                 len(in_area[a]), -a))
        self.excluded = excluded
        self.anchored = anchored
        self._fill(CLOSED_CREATED, size.shortlist, set(), lead=30 * DAY)
        ideas = [i for i in range(len(act.ids)) if act.area[i] == self.area and i not in excluded]
        early = set(sorted(self._under_review_by(ideas, CLOSED_CREATED), key=self._by_points)[: size.shortlist])
        # Fresh ideas for the open round: posted after the closed round was set up if possible.
        self._fill(OPEN_CREATED, max(2, size.winners), early, lead=5 * DAY, before=CLOSED_CREATED)
        self._fill(OPEN_CREATED, max(2, size.winners), early, lead=5 * DAY)

    def _by_points(self, i: int) -> tuple[int, int]:
        net = sum(v for _, _, v in self.act.votes[i])
        return (-net, i)

    def _fill(self, deadline: int, want: int, early: set[int], *, lead: int, before: int | None = None) -> None:
        """Force ideas of the round's area that are not in `early` across the threshold before
        `deadline` (biggest vote targets first; posted at least `lead` before it, and after `before`
        when given) until `want` of them are under review by then; then ideas of other areas, moved."""
        act = self.act
        ideas = [i for i in range(len(act.ids)) if act.area[i] == self.area and i not in early
                 and i not in self.excluded]
        have = len(self._under_review_by(ideas, deadline))
        fits = [i for i in range(len(act.ids)) if act.crossed[i] < 0 and i not in self.excluded
                and act.created[i] > deadline + lead and (before is None or act.created[i] < before)
                and (act.area[i] == self.area or i not in self.anchored)]
        fits.sort(key=lambda i: (act.area[i] != self.area, -act.target[i], i))
        for i in fits:
            if have >= want:
                break
            if act.force(i, deadline + DAY):
                if act.area[i] != self.area:
                    act.move_area(i, self.area)
                have += 1

    # ------------------------------------------------------------------ the rounds (after the reviews)

    def build(self) -> None:
        size, life, act = self.size, self.life, self.act
        manager = life.area_manager[self.area]
        area_ideas = [i for i in range(len(act.ids)) if act.area[i] == self.area and life.status[i] == "UNDER_REVIEW"]
        self.rounds: list[dict[str, Any]] = []
        self.shortlists: list[list[int]] = []
        self.allocations: list[list[tuple[int, int, int, int]]] = []  # (member, idea, coins, ago) per round
        self.budgets: list[dict[int, int]] = []  # member -> spent, per round
        self.selected: list[tuple[int, int, int]] = []  # (idea, rank, coins) of the closed round

        closed = sorted(self._under_review_by(area_ideas, CLOSED_CREATED), key=self._by_points)[: size.shortlist]
        self._round("closed", closed, CLOSED_CREATED, CLOSED_OPENS, CLOSED_CLOSES, CLOSED_AT, manager)
        coins = {i: 0 for i in closed}
        for _, i, c, _ in self.allocations[0]:
            coins[i] += c
        ranked = sorted(closed, key=lambda i: (-coins[i], closed.index(i)))
        winners = ranked[: size.winners]
        release = life.release_after(CLOSED_AT, WINNER_LEAD)
        name = self.rounds[0]["name"]
        for rank, i in enumerate(winners, start=1):
            self.selected.append((i, rank, coins[i]))
            life.pm_move(i, "IN_DEVELOPMENT", CLOSED_AT, release=release,
                         comment=data.ROUND_WINNER_COMMENT.format(round=name, release=release[1]))
            if self.rng.random() < TESTING_SINCE:
                at = CLOSED_AT - int(self.rng.uniform(25, 40) * DAY)
                if at > HOUR:
                    life.pm_move(i, "IN_TESTING", at, release=release)

        losers = ranked[size.winners:]
        fresh = [i for i in self._under_review_by(area_ideas, OPEN_CREATED) if i not in closed]
        fresh.sort(key=self._by_points)
        keep = losers[: max(0, size.shortlist - min(len(fresh), max(2, size.winners)))]
        listed = sorted(keep + fresh[: size.shortlist - len(keep)], key=self._by_points)
        self._round("open", listed, OPEN_CREATED, OPEN_OPENS, OPEN_CLOSES, None, manager)
        self.taken = set(closed) | set(listed)

    def _round(self, kind: str, shortlist: list[int], created: int, opens: int, closes: int, closed_at: int | None,
               manager: int) -> None:
        gen, life, rng = self.gen, self.life, self.rng
        opened = gen.at(opens)
        area = gen.topics[self.act.areas[self.area]]
        name = data.ROUND_NAME.format(area=area["name"], month=MONTHS[opened.month - 1], year=opened.year)
        self.rounds.append({
            "id": gen._uuid(rng), "name": name, "budget": ROUND_BUDGET, "opensAt": opened,
            "closesAt": gen.at(closes), "createdAt": gen.at(created),
            "closedAt": gen.at(closed_at) if closed_at is not None else None,
            "openedBy": gen.members[manager]["id"], "version": 0, "productAreaId": area["id"],
        })
        self.shortlists.append(list(shortlist))
        for i in shortlist:
            if life.status[i] == "UNDER_REVIEW":
                life.pm_move(i, "SHORTLISTED", created,
                             comment=data.ROUND_SHORTLIST_COMMENT.format(round=name))
        self._allocate(kind, shortlist, opens, max(closes, 0))

    def _allocate(self, kind: str, shortlist: list[int], opens: int, ends: int) -> None:
        gen, act, rng = self.gen, self.act, self.rng
        allocations: list[tuple[int, int, int, int]] = []
        budgets: dict[int, int] = {}
        self.allocations.append(allocations)
        self.budgets.append(budgets)
        if not shortlist:
            return
        want = self.size.closed_participants if kind == "closed" else self.size.open_participants
        voted_up: dict[int, set[int]] = {}
        for i in shortlist:
            for _, m, value in act.votes[i]:
                if value == 1:
                    voted_up.setdefault(m, set()).add(i)
        followers = set(act.area_members[self.area])
        eligible = [m for m in range(len(gen.members)) if gen.joined_ago[m] > opens]
        active = gen.qna.ask_cum
        keys = []
        for m in eligible:
            weight = (active[m] - (active[m - 1] if m else 0.0)) * (3.0 if m in voted_up else 1.0) * (
                2.0 if m in followers else 1.0)
            keys.append((rng.random() ** (1.0 / weight) if weight > 0 else 0.0, m))
        keys.sort(reverse=True)
        participants = sorted(m for _, m in keys[: min(want, len(keys) // 2 or len(keys))])
        appeal = [max(1.0, sum(v for _, _, v in act.votes[i])) ** 0.7 for i in shortlist]
        for m in participants:
            total = ROUND_BUDGET if rng.random() < FULL_SPEND[kind] else 5 * rng.randint(1, ROUND_BUDGET // 5 - 1)
            count = min(weighted(rng, IDEAS_PER_MEMBER), len(shortlist), total // 5)
            mine = voted_up.get(m, set())
            weights = [a * (3.0 if i in mine else 1.0) for a, i in zip(appeal, shortlist)]
            chosen: list[int] = []
            while len(chosen) < count:
                k = pick(rng, list(itertools.accumulate(weights)))
                if shortlist[k] not in chosen:
                    chosen.append(shortlist[k])
            for i, coins in zip(chosen, _split(rng, total, len(chosen))):
                ago = opens - 1 - int(rng.random() * (opens - ends - 1))
                allocations.append((m, i, coins, ago))
            budgets[m] = total


def _split(rng, total: int, parts: int) -> list[int]:
    """`total` coins (a multiple of 5) in `parts` amounts, each a positive multiple of 5."""
    steps = total // 5
    weights = [rng.expovariate(1.0) for _ in range(parts)]
    whole = sum(weights)
    amounts = [1 + math.floor((steps - parts) * w / whole) for w in weights]
    for k in range(steps - sum(amounts)):
        amounts[k % parts] += 1
    return [5 * a for a in amounts]


__all__ = ["CLOSED_AT", "CLOSED_CLOSES", "CLOSED_CREATED", "CLOSED_OPENS", "OPEN_CLOSES", "OPEN_CREATED",
           "OPEN_OPENS", "Rounds"]
