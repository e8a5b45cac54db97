"""The IdeaExchange part of a generated community: ideas, votes, follows, comments, the lifecycle and
the prioritisation rounds.

`IdeasBuilder(gen)` builds, after the community, its activity, learning and careers, every kind of
graph/seed/ideas_writer.py's `IDEAS_KINDS` (in that write order) and yields their rows, shaped as
graph/seed/ideas.cypher reads them (graph/MODEL.md, "Ideas"). Counters (points, upVotes, downVotes,
followerCount, commentCount, coins, trend, CoinBudget.spent) are computed from the very rows yielded,
so `counter_mismatches()` finds the invariants hold once everything is written.

Sizes (`IDEAS_SIZES`), and what they gave (seeds 7, 11 and 1, `now` 2026-11-22):

| size | ideas | votes (median, p90, max per idea; down) | reviewed (by votes alone) | follows | comments | changes | merged | budgets | allocations |
|---|---|---|---|---|---|---|---|---|---|
| demo | 60 | 4,130 (4, 305, 385; 4.6%) | 11 (0) | 1,109 | 133 | 30 | 3 | 135 | 282 |
| small | 300 | 7,624 (6, 24, 764; 7.5%) | 14 (2) | 2,142 | 305 | 40 | 8 | 1,050 | 2,244 |
| medium | 5,000 | 82,812 (4, 22, 3,000; 9.1%) | 40 (32) | 25,202 | 3,851 | 158 | 60 | 6,000 | 13,031 |

"Reviewed" counts the ideas whose points reached the 2,500-point threshold (UNDER_REVIEW or later);
in brackets those the Pareto draw took there on its own, the rest were forced (below). A community of
500 members cannot produce a roadmap by chance, so the demo's reviewed ideas each have 270-400 votes.
Budgets are the round participants (closed + open: 90 + 45, 700 + 350, 4,000 + 2,000). Building the
ideas of `medium` takes about 4 s; loading them is a few seconds of the whole load.

- Ideas, votes (Pareto: most ideas a handful, a few hundreds), follows and comments:
  resolvers/seed/ideas_activity.py.
- The review threshold, status changes, product managers, expected releases and merged duplicates:
  resolvers/seed/ideas_lifecycle.py. The threshold is `resolvers.ideas.rules.review_threshold()`
  (the environment's, as the app uses it), read when the generator is built.
- The closed and the open round, their shortlists, allocations, budgets and winners:
  resolvers/seed/ideas_rounds.py. Ideas the rounds and the roadmap need (`IdeasSize.crossers` under
  review at least; a round's shortlist in time) are made to cross the threshold if the Pareto draw
  did not, with front-loaded, mostly-up votes, so even the demo has a roadmap and two rounds.

Everything is dated relative to `now` (ideas over the last two years), from random streams of its
own (`ideas-...`), so the community, learning and careers rows are unchanged by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from graph.seed.ideas_writer import IDEAS_KINDS
from resolvers.ideas.rules import VOTE_POINTS, review_threshold
from resolvers.ideas.trending import vote_trend
from resolvers.seed.draw import DAY
from resolvers.seed.ideas_activity import IdeaActivity
from resolvers.seed.ideas_lifecycle import Lifecycle
from resolvers.seed.ideas_rounds import Rounds

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator


@dataclass(frozen=True)
class IdeasSize:
    """How much IdeaExchange data one named seed has."""

    ideas: int
    vote_scale: float  # Pareto scale (the fewest votes a drawn idea gets) ...
    vote_shape: float  # ... and shape of the votes per idea
    crossers: int  # at least this many ideas reach the review threshold
    shortlist: int  # ideas on each round's shortlist
    winners: int  # ideas the closed round selected
    closed_participants: int
    open_participants: int
    merges: int
    managers: int


IDEAS_SIZES: dict[str, IdeasSize] = {
    "demo": IdeasSize(ideas=60, vote_scale=2.5, vote_shape=1.0, crossers=11, shortlist=5, winners=2,
                      closed_participants=90, open_participants=45, merges=3, managers=3),
    "small": IdeasSize(ideas=300, vote_scale=3.5, vote_shape=1.0, crossers=14, shortlist=6, winners=2,
                       closed_participants=700, open_participants=350, merges=8, managers=5),
    "medium": IdeasSize(ideas=5_000, vote_scale=2.5, vote_shape=1.0, crossers=40, shortlist=8, winners=3,
                        closed_participants=4_000, open_participants=2_000, merges=60, managers=12),
}


class IdeasBuilder:
    """Builds and emits the ideas kinds for one `SeedGenerator` (after careers is built)."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen
        self.size = IDEAS_SIZES[gen.size]
        self.threshold = review_threshold()

    def build(self) -> None:
        gen, size = self.gen, self.size
        act = self.activity = IdeaActivity(gen, size, self.threshold)
        act.build_ideas()
        life = self.lifecycle = Lifecycle(gen, size, act)
        life.pick_managers()
        duplicates = life.choose_duplicates()
        for d in duplicates:
            act.target[d] = 0
        act.draw_all(skip=set(duplicates))
        rounds = self.rounds = Rounds(gen, size, act, life)
        rounds.plan(excluded=set(duplicates), anchored=set(duplicates.values()))
        self._enough_under_review(set(duplicates))
        crossers = [i for i in range(len(act.ids)) if act.crossed[i] >= 0]
        for i in sorted(crossers, key=lambda i: (-act.crossed[i], i)):
            life.review(i)
        rounds.build()
        life.random_walks([i for i in crossers if i not in rounds.taken])
        for d, survivor in sorted(duplicates.items()):
            life.merge(d, survivor)
        act.build_follows_and_comments(merged=set(duplicates))
        for d, survivor in sorted(duplicates.items()):  # the duplicate author's follow moved to the survivor
            if act.author[d] != act.author[survivor]:
                act.follows[survivor].setdefault(act.author[d], life.merged_at[d])
        self.duplicates = duplicates
        self._counters()

    def _enough_under_review(self, excluded: set[int]) -> None:
        """Force the oldest well-voted ideas across the threshold until `crossers` are under review."""
        act = self.activity
        have = sum(1 for c in act.crossed if c >= 0)
        candidates = sorted((i for i in range(len(act.ids)) if act.crossed[i] < 0 and i not in excluded
                             and act.created[i] > 30 * DAY),
                            key=lambda i: (act.created[i] < 150 * DAY, -act.target[i], i))
        for i in candidates:
            if have >= self.size.crossers:
                break
            if act.force(i, DAY):
                have += 1

    def _counters(self) -> None:
        act, gen = self.activity, self.gen
        n = len(act.ids)
        self.up = [sum(1 for _, _, v in act.votes[i] if v == 1) for i in range(n)]
        self.downs = [len(act.votes[i]) - self.up[i] for i in range(n)]
        self.trend = [sum((vote_trend(v, gen.at(ago)) for ago, _, v in act.votes[i]), 0.0) for i in range(n)]
        self.coins = [0] * n
        for allocations in self.rounds.allocations:
            for _, i, coins, _ in allocations:
                self.coins[i] += coins

    # ------------------------------------------------------------------ public

    @property
    def managers(self) -> list[str]:
        """The member ids of the product managers (sign in with the `product_manager` role)."""
        return [self.gen.members[m]["id"] for m in self.lifecycle.managers]

    def totals(self) -> dict[str, int]:
        act, life, rounds = self.activity, self.lifecycle, self.rounds
        return {
            "ideas": len(act.ids),
            "idea_votes": sum(len(v) for v in act.votes),
            "idea_follows": sum(len(f) for f in act.follows),
            "idea_comments": sum(len(c) for c in act.comments),
            "idea_status_changes": sum(len(c) for c in life.changes),
            "idea_merges": len(self.duplicates),
            "rounds": len(rounds.rounds),
            "round_shortlists": sum(len(s) for s in rounds.shortlists),
            "coin_budgets": sum(len(b) for b in rounds.budgets),
            "coin_allocations": sum(len(a) for a in rounds.allocations),
            "round_selections": len(rounds.selected),
        }

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        emit: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
            "ideas": self._idea_rows,
            "idea_votes": self._vote_rows,
            "idea_follows": self._follow_rows,
            "idea_comments": self._comment_rows,
            "idea_status_changes": self._change_rows,
            "idea_merges": self._merge_rows,
            "rounds": self._round_rows,
            "round_shortlists": self._shortlist_rows,
            "coin_budgets": self._budget_rows,
            "coin_allocations": self._allocation_rows,
            "round_selections": self._selection_rows,
        }
        if kind not in IDEAS_KINDS:
            raise ValueError(f"unknown row kind {kind!r}")
        return emit[kind]()

    # ------------------------------------------------------------------ emit

    def _idea_rows(self) -> Iterator[dict[str, Any]]:
        gen, act, life = self.gen, self.activity, self.lifecycle
        rng = gen._rng("ideas-duplicate-titles")
        for i, idea_id in enumerate(act.ids):
            survivor = life.merged_into[i]
            title = act.duplicate_title(rng, survivor) if survivor >= 0 else act.title[i]
            created = gen.at(act.created[i])
            changed = gen.at(life.changed[i]) if life.changed[i] >= 0 else None
            yield {
                "id": idea_id,
                "title": title,
                "description": act.description[i],
                "status": life.status[i],
                "points": VOTE_POINTS * (self.up[i] - self.downs[i]),
                "upVotes": self.up[i],
                "downVotes": self.downs[i],
                "followerCount": len(act.follows[i]),
                "commentCount": len(act.comments[i]),
                "coins": self.coins[i],
                "trend": self.trend[i],
                "expectedRelease": life.expected[i],
                "createdAt": created,
                "updatedAt": changed or created,
                "statusChangedAt": changed,
                "underReviewAt": gen.at(act.crossed[i]) if act.crossed[i] >= 0 else None,
                "mergedAt": gen.at(life.merged_at[i]) if life.merged_at[i] >= 0 else None,
                "version": 0,
                "searchText": f"{title} {act.description[i]}".lower(),
                "authorId": gen.members[act.author[i]]["id"],
                "productAreaId": gen.topics[act.areas[act.area[i]]]["id"],
            }

    def _vote_rows(self) -> Iterator[dict[str, Any]]:
        gen, act = self.gen, self.activity
        members = gen.members
        for i, votes in enumerate(act.votes):
            for ago, m, value in votes:
                at = gen.at(ago)
                yield {"memberId": members[m]["id"], "ideaId": act.ids[i], "value": value, "at": at,
                       "trend": vote_trend(value, at)}

    def _follow_rows(self) -> Iterator[dict[str, Any]]:
        gen, act = self.gen, self.activity
        for i, follows in enumerate(act.follows):
            for m, ago in follows.items():
                yield {"memberId": gen.members[m]["id"], "ideaId": act.ids[i], "since": gen.at(ago)}

    def _comment_rows(self) -> Iterator[dict[str, Any]]:
        gen, act = self.gen, self.activity
        rng = gen._rng("ideas-comment-text")
        for i, comments in enumerate(act.comments):
            for ago, m, reply in comments:
                yield {"id": gen._uuid(rng), "memberId": gen.members[m]["id"], "ideaId": act.ids[i],
                       "body": act.comment_text(rng, i, reply), "createdAt": gen.at(ago)}

    def _change_rows(self) -> Iterator[dict[str, Any]]:
        gen, act, life = self.gen, self.activity, self.lifecycle
        for i, changes in enumerate(life.changes):
            for change in changes:
                yield {"id": change["id"], "ideaId": act.ids[i], "from": change["from"], "to": change["to"],
                       "comment": change["comment"], "expectedRelease": change["expectedRelease"],
                       "at": gen.at(change["ago"]),
                       "changedById": gen.members[change["by"]]["id"] if change["by"] >= 0 else None}

    def _merge_rows(self) -> Iterator[dict[str, Any]]:
        act = self.activity
        for d, survivor in sorted(self.duplicates.items()):
            yield {"fromId": act.ids[d], "intoId": act.ids[survivor]}

    def _round_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.rounds.rounds:
            yield dict(row)

    def _shortlist_rows(self) -> Iterator[dict[str, Any]]:
        act = self.activity
        for row, shortlist in zip(self.rounds.rounds, self.rounds.shortlists):
            for position, i in enumerate(shortlist, start=1):
                yield {"roundId": row["id"], "ideaId": act.ids[i], "position": position}

    def _budget_rows(self) -> Iterator[dict[str, Any]]:
        members = self.gen.members
        for row, budgets in zip(self.rounds.rounds, self.rounds.budgets):
            for m, spent in budgets.items():
                yield {"roundId": row["id"], "memberId": members[m]["id"], "spent": spent}

    def _allocation_rows(self) -> Iterator[dict[str, Any]]:
        gen, act = self.gen, self.activity
        for row, allocations in zip(self.rounds.rounds, self.rounds.allocations):
            for m, i, coins, ago in allocations:
                yield {"memberId": gen.members[m]["id"], "ideaId": act.ids[i], "roundId": row["id"], "coins": coins,
                       "at": gen.at(ago)}

    def _selection_rows(self) -> Iterator[dict[str, Any]]:
        act = self.activity
        closed = self.rounds.rounds[0]
        for i, rank, coins in self.rounds.selected:
            yield {"roundId": closed["id"], "ideaId": act.ids[i], "rank": rank, "coins": coins}


__all__ = ["IDEAS_SIZES", "IdeasBuilder", "IdeasSize"]
