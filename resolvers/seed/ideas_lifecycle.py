"""The lifecycle of generated ideas: product managers, the review threshold, status changes with
their history, expected releases, and merged duplicates.

- Product managers (`IdeasSize.managers`): members who joined two or more years ago with a public
  profile, each looking after some product areas (round robin, biggest areas first). The token
  role `product_manager` is not in the graph: sign in as one of `IdeasBuilder.managers` with it.
- An idea whose points reach the review threshold (`resolvers/ideas/rules.review_threshold()`) at
  some vote moves to UNDER_REVIEW then (`underReviewAt`, an IdeaStatusChange without a product
  manager and without a comment); every other idea stays NEW, below the threshold at every vote.
- Ideas on a round's shortlist follow the round (resolvers/seed/ideas_rounds.py). Every other idea
  under review follows a path its area's product manager walks (`PATHS`, by weight): it stays under
  review, is declined (NOT_PLANNED), shortlisted, or goes into development, testing and release;
  steps are 5-90 days apart (log-normal, median 3 weeks), each with the product manager's comment
  and, from SHORTLISTED on, the expected release (the first release of the calendar at least two,
  three or four months ahead; RELEASED happens on a release day, 0-2 days after it); a step that
  would come after `now` is not taken. The idea's `expectedRelease` is the last one given (cleared
  by NOT_PLANNED), `statusChangedAt` the last change, `updatedAt` the later of that and creation.
- Duplicates (`IdeasSize.merges`): ideas posted after an idea of the same area was, titled after
  it ("Feature request: ..."), merged into it by the area's product manager 1-30 days after posting
  (before `now`). They hold nothing of their own: their votes, follows and comments are already on
  the survivor (the author's follow moved there), as `mergeIdeas` leaves them.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from resolvers.seed import ideas_data as data
from resolvers.seed.draw import DAY, HOUR, YEAR, weighted
from resolvers.seed.learning_items import RELEASE_DAYS, release_name

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.ideas import IdeasSize
    from resolvers.seed.ideas_activity import IdeaActivity

UTC = timezone.utc
SH, DEV, TEST, REL, NP = "SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED", "NOT_PLANNED"
PATHS: tuple[tuple[tuple[str, ...], int], ...] = (
    ((), 30), ((NP,), 14), ((SH,), 8), ((SH, NP), 4), ((DEV,), 8), ((SH, DEV), 6), ((DEV, TEST), 6),
    ((DEV, TEST, REL), 12), ((SH, DEV, TEST, REL), 12),
)
# For the first ideas under review, in order of review (oldest first), so that even the demo's
# roadmap has every column and a declined idea.
FIRST_PATHS: tuple[tuple[str, ...], ...] = ((DEV, TEST, REL), (), (NP,), (DEV, TEST))
# Months of lead before the expected release, by the status that names it.
LEAD_DAYS = {SH: 120, DEV: 90, TEST: 30}
STEP_MEDIAN, STEP_MIN, STEP_MAX = 21 * DAY, 5 * DAY, 90 * DAY
MANAGER_TENURE = 2 * YEAR


class Lifecycle:
    """Statuses, status changes and merges of the ideas of one `IdeaActivity`."""

    def __init__(self, gen: "SeedGenerator", size: "IdeasSize", activity: "IdeaActivity") -> None:
        self.gen = gen
        self.size = size
        self.act = activity
        self.rng = gen._rng("ideas-lifecycle")
        n = len(activity.ids)
        self.status = ["NEW"] * n
        self.expected: list[str | None] = [None] * n
        self.changed = [-1] * n  # statusChangedAt, seconds before now
        self.merged_at = [-1] * n
        self.merged_into = [-1] * n
        self.changes: list[list[dict[str, Any]]] = [[] for _ in range(n)]
        self._calendar()

    # ------------------------------------------------------------------ people and calendar

    def pick_managers(self) -> None:
        gen, rng = self.gen, self.gen._rng("ideas-managers")
        tenured = [m for m, member in enumerate(gen.members)
                   if gen.joined_ago[m] > MANAGER_TENURE and member["visibility"] == "PUBLIC"]
        if not tenured:
            tenured = list(range(len(gen.members)))
        self.managers = rng.sample(tenured, min(self.size.managers, len(tenured)))
        by_weight = sorted(range(len(data.PRODUCT_AREAS)), key=lambda a: (-data.PRODUCT_AREAS[a][1], a))
        self.area_manager = [0] * len(data.PRODUCT_AREAS)
        for k, a in enumerate(by_weight):
            self.area_manager[a] = self.managers[k % len(self.managers)]

    def manager_of(self, i: int) -> int:
        return self.area_manager[self.act.area[i]]

    def _calendar(self) -> None:
        gen = self.gen
        self.releases: list[tuple[int, str, str]] = []  # (seconds before now, name, ISO date), oldest first
        for year in range(gen.now.year - 3, gen.now.year + 3):
            for season, month, day in RELEASE_DAYS:
                when = datetime(year, month, day, tzinfo=UTC)
                self.releases.append((gen.ago(when), release_name(season, year), when.date().isoformat()))
        self.releases.sort(key=lambda r: -r[0])

    def release_after(self, ago: int, lead: int) -> tuple[int, str, str]:
        """The first release at least `lead` seconds after the time `ago` seconds before now."""
        for release in self.releases:
            if release[0] <= ago - lead:
                return release
        return self.releases[-1]

    # ------------------------------------------------------------------ changes

    def move(self, i: int, to: str, ago: int, *, by: int, comment: str | None, expected: str | None) -> None:
        """Record one change of idea i (and its status fields), as `setIdeaStatus` would."""
        self.changes[i].append({"id": self.gen._uuid(self.rng), "from": self.status[i], "to": to, "comment": comment,
                                "expectedRelease": expected, "ago": ago, "by": by})
        self.status[i] = to
        self.changed[i] = ago
        if to == NP:
            self.expected[i] = None
        elif expected is not None:
            self.expected[i] = expected

    def review(self, i: int) -> None:
        """The automatic move to UNDER_REVIEW at the vote that reached the threshold."""
        self.move(i, "UNDER_REVIEW", self.act.crossed[i], by=-1, comment=None, expected=None)

    def pm_move(self, i: int, to: str, ago: int, *, release: tuple[int, str, str] | None = None,
                comment: str | None = None) -> None:
        rng = self.rng
        text = comment or rng.choice(data.PM_COMMENTS[to]).format(release=release[1] if release else "a future release")
        self.move(i, to, ago, by=self.manager_of(i), comment=text, expected=release[2] if release else None)

    def _step(self) -> int:
        rng = self.rng
        return int(min(STEP_MAX, max(STEP_MIN, rng.lognormvariate(math.log(STEP_MEDIAN), 0.7))))

    def walk(self, i: int, path: tuple[str, ...], start: int) -> None:
        """Idea i (under review since `start` seconds before now) walks `path`, as far as `now` allows."""
        rng = self.rng
        at = start
        release = None
        for to in path:
            if to == REL:
                if release is None:
                    return
                at = release[0] - int(rng.random() * 2 * DAY) - 9 * HOUR
                if at <= HOUR or at >= self.changed[i]:
                    return
                self.pm_move(i, REL, at, release=release)
                continue
            at -= self._step()
            if at <= HOUR:
                return
            if to == NP:
                self.pm_move(i, NP, at)
                return
            if to == TEST and release is not None and release[0] < at - 10 * DAY:
                pass  # the release named in development is still ahead: keep it
            else:
                release = self.release_after(at, LEAD_DAYS[to] * DAY)
            if to == SH and rng.random() < 0.5:
                self.pm_move(i, SH, at)  # shortlisted without a date yet
                release = None
                continue
            self.pm_move(i, to, at, release=release)

    def random_walks(self, ideas: list[int]) -> None:
        """Every idea under review that no round took: a path by weight (the first few fixed)."""
        rng = self.rng
        ordered = sorted(ideas, key=lambda i: (-self.act.crossed[i], i))
        for k, i in enumerate(ordered):
            path = FIRST_PATHS[k] if k < len(FIRST_PATHS) else weighted(rng, PATHS)
            self.walk(i, path, self.act.crossed[i])

    # ------------------------------------------------------------------ merges

    def choose_duplicates(self) -> dict[int, int]:
        """Duplicate -> survivor: `size.merges` ideas posted at least two days ago after an older idea
        of their area, which survives them (the better-voted of two candidates)."""
        act, rng = self.act, self.gen._rng("ideas-merges")
        by_area: dict[int, list[int]] = {}
        for i in sorted(range(len(act.ids)), key=lambda i: (-act.created[i], i)):
            by_area.setdefault(act.area[i], []).append(i)  # oldest first
        pairs: dict[int, int] = {}
        survivors: set[int] = set()
        candidates = [i for i in range(len(act.ids)) if act.created[i] > 2 * DAY]
        rng.shuffle(candidates)
        for d in candidates:
            if len(pairs) >= self.size.merges:
                break
            older = [s for s in by_area[act.area[d]] if act.created[s] > act.created[d] + DAY
                     and s not in pairs and s != d]
            if not older or d in survivors:
                continue
            a, b = rng.choice(older), rng.choice(older)
            survivor = a if act.target[a] >= act.target[b] else b
            pairs[d] = survivor
            survivors.add(survivor)
        return pairs

    def merge(self, d: int, survivor: int) -> None:
        """Record duplicate d as MERGED into `survivor` by the area's product manager."""
        act, rng = self.act, self.rng
        window = min(30 * DAY, act.created[d] - DAY)
        ago = act.created[d] - DAY - int(rng.random() * max(0, window - DAY))
        ago = max(ago, HOUR)
        self.pm_move(d, "MERGED", ago)
        self.merged_at[d] = ago
        self.merged_into[d] = survivor


__all__ = ["FIRST_PATHS", "Lifecycle", "PATHS"]
