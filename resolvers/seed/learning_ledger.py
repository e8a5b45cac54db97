"""The points ledger of the generated community: each member's facts replayed in time order
exactly as the progress transactions record them (graph/learning/progress.py), and the prize
draws of the quest months.

`Ledger.replay(member, events)` takes one member's facts as (seconds before now, sequence, code,
subject) and applies them in order: a unit adds its points; the module's last unit completes the
module and earns its badge; a module or superbadge completion enters every quest open at that
instant whose rank band holds the member's rank *before* this completion's promotion and whose
requirements were all completed inside its window (`award_completed_quests`), earning its
limited edition; a maintenance completion (`completeMaintenance`: every unit and the module at
one instant) enters no quest; an event or holiday badge is just earned; after each fact the
member is promoted to the highest rank both thresholds allow, with a REACHED per rank passed
(`progress_promote_member`). With `record`, every fact is appended to int arrays (member,
subject, seconds before now) that become rows one batch at a time.
"""

from __future__ import annotations

from array import array
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterator

from resolvers.learning.quests import draw_winners, entries_digest
from resolvers.seed import learning_catalog as lc

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.learning_items import CatalogBuilder

# What one fact is (the `code` of an event).
UNIT, UNIT_LAST, MAINTAIN, SUPERBADGE, BADGE = range(5)
Event = tuple[int, int, int, int]  # (seconds before now, sequence, code, subject)


class Ledger:
    """Replays members' facts (see the module docstring) and keeps what was recorded."""

    def __init__(self, gen: "SeedGenerator", catalog: "CatalogBuilder") -> None:
        self.gen = gen
        self.cat = catalog
        self.mod_start = array("i", (mod["_units"] for mod in catalog.modules))
        self.mod_units = array("i", (mod["unitCount"] for mod in catalog.modules))
        self.mod_badge = array("i", (mod["_badge"] for mod in catalog.modules))
        self.quest_window = [(gen.ago(q["startsAt"]), gen.ago(q["endsAt"])) for q in catalog.quests]
        self.quest_horizon = max((start for start, _ in self.quest_window), default=-1)
        self.quests_by_month: dict[str, list[int]] = {}
        for q, quest in enumerate(catalog.quests):
            self.quests_by_month.setdefault(quest["month"], []).append(q)
        self.ladder = sorted(((s.position, s.minPoints, s.minBadges) for s in lc.RANK_LADDER), reverse=True)
        self.uc_member, self.uc_unit, self.uc_ago = array("i"), array("i"), array("q")
        self.mc_member, self.mc_module, self.mc_ago = array("i"), array("i"), array("q")
        self.sc_member, self.sc_superbadge, self.sc_ago = array("i"), array("i"), array("q")
        self.qc_member, self.qc_quest, self.qc_ago = array("i"), array("i"), array("q")
        self.eb_member, self.eb_badge, self.eb_ago = array("i"), array("i"), array("q")
        self.rh_member, self.rh_rank, self.rh_ago = array("i"), array("i"), array("q")
        self.staff: list[int] = []
        self.draws: list[dict[str, Any]] = []
        self.winners: list[dict[str, Any]] = []

    def _rank_of(self, points: int, badges: int) -> int:
        for position, min_points, min_badges in self.ladder:
            if min_points <= points and min_badges <= badges:
                return position
        return 1

    def replay(self, m: int, events: list[Event], *, record: bool) -> tuple[int, int, int, list[tuple[int, int]]]:
        """Replay member m's facts, sorted, as the progress transactions do (see the module docstring).

        Returns points, badgeCount, rank and the promotions [(ago, rank position)]; with `record`,
        appends every completion, earned badge and promotion to the ledger's arrays."""
        cat = self.cat
        unit_points, unit_module, mod_badge = cat.unit_points, cat.unit_module, self.mod_badge
        points = badges = 0
        rank = 1
        done: dict[int, int] = {}  # module -> ago; superbadge b -> key -(b + 1)
        earned: set[int] = set()
        entered: set[int] = set()
        promotions: list[tuple[int, int]] = []

        def earn(b: int, at: int) -> int:
            if b < 0 or b in earned:
                return 0
            earned.add(b)
            if record:
                self.eb_member.append(m)
                self.eb_badge.append(b)
                self.eb_ago.append(at)
            return 1

        for at, _, code, x in events:
            before = rank
            if code == UNIT or code == UNIT_LAST:
                points += unit_points[x]
                if record:
                    self.uc_member.append(m)
                    self.uc_unit.append(x)
                    self.uc_ago.append(at)
                if code == UNIT_LAST:
                    module = unit_module[x]
                    done[module] = at
                    if record:
                        self.mc_member.append(m)
                        self.mc_module.append(module)
                        self.mc_ago.append(at)
                    badges += earn(mod_badge[module], at)
                    if at <= self.quest_horizon:
                        badges += self._enter_quests(m, at, before, done, entered, earn, record)
            elif code == MAINTAIN:
                first, n = self.mod_start[x], self.mod_units[x]
                for u in range(first, first + n):
                    points += unit_points[u]
                    if record:
                        self.uc_member.append(m)
                        self.uc_unit.append(u)
                        self.uc_ago.append(at)
                done[x] = at
                if record:
                    self.mc_member.append(m)
                    self.mc_module.append(x)
                    self.mc_ago.append(at)
            elif code == SUPERBADGE:
                points += cat.superbadges[x]["points"]
                done[-(x + 1)] = at
                if record:
                    self.sc_member.append(m)
                    self.sc_superbadge.append(x)
                    self.sc_ago.append(at)
                badges += earn(cat.superbadges[x]["_badge"], at)
                if at <= self.quest_horizon:
                    badges += self._enter_quests(m, at, before, done, entered, earn, record)
            else:
                badges += earn(x, at)
            reached = self._rank_of(points, badges)
            if reached > rank:
                for position in range(rank + 1, reached + 1):
                    promotions.append((at, position))
                    if record:
                        self.rh_member.append(m)
                        self.rh_rank.append(position)
                        self.rh_ago.append(at)
                rank = reached
        return points, badges, rank, promotions

    def _enter_quests(self, m: int, at: int, rank: int, done: dict[int, int], entered: set[int],
                      earn: Callable[[int, int], int], record: bool) -> int:
        """`award_completed_quests` at `at`: quests open then, offered to `rank`, requirements done inside."""
        gained = 0
        for q, (window_start, window_end) in enumerate(self.quest_window):
            if q in entered or not window_start >= at > window_end:
                continue
            quest = self.cat.quests[q]
            if not quest["minRank"] <= rank <= quest["maxRank"]:
                continue
            if all(r in done and window_start >= done[r] > window_end for r in self.cat.quest_requires[q]):
                entered.add(q)
                if record:
                    self.qc_member.append(m)
                    self.qc_quest.append(q)
                    self.qc_ago.append(at)
                gained += earn(quest["_badge"], at)
        return gained

    # ------------------------------------------------------------------ prize draws

    def draw_prizes(self) -> None:
        """A draw for each past quest month with entries, run 2-6 days after the month by staff."""
        gen, cat = self.gen, self.cat
        rng = gen._rng("learning-draws")
        entries: dict[str, list[tuple[str, str]]] = {}
        for m, q in zip(self.qc_member, self.qc_quest):
            entries.setdefault(cat.quests[q]["month"], []).append((gen.members[m]["id"], cat.quests[q]["id"]))
        self.staff = sorted(range(len(gen.members)), key=lambda m: (-gen.member_offset[m], m))[:3]
        self.draws: list[dict[str, Any]] = []
        self.winners: list[dict[str, Any]] = []
        for month, quests in self.quests_by_month.items():
            ends = max(cat.quests[q]["endsAt"] for q in quests)
            drawn = ends + timedelta(days=rng.randint(2, 6), hours=15)
            seed = f"{rng.getrandbits(128):032x}"
            prizes = list(lc.PRIZES[: rng.randint(3, len(lc.PRIZES))])
            if drawn >= gen.now or not entries.get(month):
                continue
            self.draws.append({"id": gen._uuid(rng), "month": month, "seed": seed, "prizes": prizes,
                               "entryCount": len(entries[month]), "entriesDigest": entries_digest(entries[month]),
                               "drawnAt": drawn,
                               "drawnBy": gen.members[self.staff[len(self.draws) % len(self.staff)]]["id"]})
            for w in draw_winners(entries[month], prizes, seed):
                self.winners.append({"month": month, "memberId": w.member_id, "position": w.position,
                                     "prize": w.prize})

    # ------------------------------------------------------------------ emit

    def completion_rows(self) -> Iterator[dict[str, Any]]:
        gen, cat = self.gen, self.cat
        members = gen.members
        for m, u, ago in zip(self.uc_member, self.uc_unit, self.uc_ago):
            yield {"memberId": members[m]["id"], "targetId": cat.units[u]["id"], "targetKind": "UNIT",
                   "at": gen.at(ago), "points": cat.unit_points[u]}
        for m, x, ago in zip(self.mc_member, self.mc_module, self.mc_ago):
            yield {"memberId": members[m]["id"], "targetId": cat.modules[x]["id"], "targetKind": "MODULE",
                   "at": gen.at(ago), "points": 0}
        for m, b, ago in zip(self.sc_member, self.sc_superbadge, self.sc_ago):
            yield {"memberId": members[m]["id"], "targetId": cat.superbadges[b]["id"], "targetKind": "SUPERBADGE",
                   "at": gen.at(ago), "points": cat.superbadges[b]["points"]}
        for m, q, ago in zip(self.qc_member, self.qc_quest, self.qc_ago):
            yield {"memberId": members[m]["id"], "targetId": cat.quests[q]["id"], "targetKind": "QUEST",
                   "at": gen.at(ago), "points": 0}

    def earned_rows(self) -> Iterator[dict[str, Any]]:
        gen, cat = self.gen, self.cat
        rng = gen._rng("learning-assertions")
        for m, b, ago in zip(self.eb_member, self.eb_badge, self.eb_ago):
            yield {"id": gen._uuid(rng), "memberId": gen.members[m]["id"], "badgeId": cat.badges[b]["id"],
                   "at": gen.at(ago)}

    def rank_rows(self) -> Iterator[dict[str, Any]]:
        gen, cat = self.gen, self.cat
        for m, position, ago in zip(self.rh_member, self.rh_rank, self.rh_ago):
            yield {"memberId": gen.members[m]["id"], "rankId": cat.ranks[position - 1]["id"], "at": gen.at(ago)}

    def totals(self) -> dict[str, int]:
        return {"completions": len(self.uc_member) + len(self.mc_member) + len(self.sc_member) + len(self.qc_member),
                "earned_badges": len(self.eb_member), "rank_history": len(self.rh_member),
                "prize_draws": len(self.draws), "prize_winners": len(self.winners)}


__all__ = ["BADGE", "MAINTAIN", "SUPERBADGE", "UNIT", "UNIT_LAST", "Event", "Ledger"]
