"""Ideas of the generated IdeaExchange and what members do with them: votes, follows and comments.

Ideas are posted over the two years before `now`, more of them recently, in product areas drawn by
weight (`ideas_data.PRODUCT_AREAS`), by active members (the question askers' Pareto weights of
resolvers/seed/qna.py, so a few members post many ideas), each after joining.

Votes per idea: min(cap, scale x Pareto(shape)) — with scale 2.5 (3.5 on `small`) and shape 1.0 the median idea has
5 votes, one in ten 25 or more, one in a hundred about 250 or more, which at `medium` (5,000 ideas)
makes a few dozen ideas cross the 2,500-point review threshold on their own; the cap is 3,000 votes
or 80% of the members. Each idea has a share of down votes of 4% + 22% x U^3 (most ideas 4-8%, a few
controversial ones up to 26%). A vote comes in the idea's launch buzz (60%: exponential, mean 7 days
after posting) or any time since (40%: uniform), before `now`; voters are members following the
idea's product area (40%) or active members (60%), never the author, once per idea, after joining.
`force` draws an idea's votes again, front-loaded (90% in the buzz), for ideas that must cross the
threshold before a deadline (the prioritisation rounds' shortlists).

Follows: the author from the start; 25% of up voters and 5% of down voters when they vote; 40% of
commenters when they comment. Comments: Poisson(0.25 + 0.05 x votes^0.9) (at most 60), 10% replies
by the author, 75% by someone who had voted, the rest by any active member; dated like votes with
a mean delay of 20 days.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from resolvers.ideas.rules import VOTE_POINTS
from resolvers.seed import ideas_data as data
from resolvers.seed.draw import DAY, HOUR, MINUTE, YEAR, pick, poisson

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.ideas import IdeasSize

IDEA_SPAN = 2 * YEAR
VOTE_CAP, VOTE_CAP_SHARE = 3_000, 0.8
DOWN_BASE, DOWN_SPREAD = 0.04, 0.22
BUZZ, FORCED_BUZZ, BUZZ_MEAN = 0.6, 0.9, 7 * DAY
AREA_VOTERS = 0.4
FOLLOW_UP, FOLLOW_DOWN, FOLLOW_COMMENT = 0.25, 0.05, 0.4
COMMENT_MEAN = 20 * DAY
COMMENT_CAP = 60
AUTHOR_REPLY, VOTER_COMMENT = 0.1, 0.75
DUPLICATE_PREFIXES = ("Feature request: ", "Request: ", "Idea: ")

Vote = tuple[int, int, int]  # (seconds before now, member, value)


class IdeaActivity:
    """Ideas (who, where, when, what) and their votes, follows and comments for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator", size: "IdeasSize", threshold: int) -> None:
        self.gen = gen
        self.size = size
        self.threshold = threshold
        self.cap = max(1, min(VOTE_CAP, int(VOTE_CAP_SHARE * len(gen.members))))
        self.rng = gen._rng("ideas-votes")

    # ------------------------------------------------------------------ ideas

    def build_ideas(self) -> None:
        gen, size = self.gen, self.size
        rng = gen._rng("ideas")
        slugs = [slug for slug, _, _ in data.PRODUCT_AREAS]
        self.areas = [gen.topic_index[slug] for slug in slugs]  # product area -> topic index
        self.features = [features for _, _, features in data.PRODUCT_AREAS]
        area_cum = list(itertools.accumulate(weight for _, weight, _ in data.PRODUCT_AREAS))
        followers: list[list[int]] = [[] for _ in gen.topics]
        for m, topics in enumerate(gen.member_topics):
            for t, _ in topics:
                followers[t].append(m)
        self.area_members = [followers[t] for t in self.areas]
        active = gen.qna.ask_cum
        self.ids: list[str] = []
        self.area: list[int] = []
        self.author: list[int] = []
        self.created: list[int] = []  # seconds before now
        self.title: list[str] = []
        self.description: list[str] = []
        self.target: list[int] = []
        self.down: list[float] = []
        for _ in range(size.ideas):
            a = pick(rng, area_cum)
            created = HOUR + int((IDEA_SPAN - HOUR) * rng.random() ** 1.2)
            author = -1
            for _ in range(50):
                m = pick(rng, active)
                if gen.joined_ago[m] > created + DAY:
                    author = m
                    break
            if author < 0:  # everyone drawn is too new: the longest-standing member posts it
                author = max(range(len(gen.members)), key=lambda m: (gen.joined_ago[m], -m))
                created = min(created, gen.joined_ago[author] - DAY)
            title, description = self._texts(rng, a)
            self.ids.append(gen._uuid(rng))
            self.area.append(a)
            self.author.append(author)
            self.created.append(created)
            self.title.append(title)
            self.description.append(description)
            self.target.append(min(self.cap, int(size.vote_scale * rng.paretovariate(size.vote_shape))))
            self.down.append(DOWN_BASE + DOWN_SPREAD * rng.random() ** 3)
        self.votes: list[list[Vote]] = [[] for _ in self.ids]
        self.crossed = [-1] * len(self.ids)  # seconds before now of the vote that reached the threshold

    def _texts(self, rng, a: int) -> tuple[str, str]:
        """A title and a description of an idea about one of product area a's features."""
        feature = rng.choice(self.features[a])
        title = rng.choice(data.TITLES).format(feature=feature)
        description = rng.choice(data.DESCRIPTIONS).format(
            feature=feature, hours=rng.randint(2, 20), team=rng.choice(data.TEAMS),
            users=rng.choice((40, 150, 800, 3000, 12000)))
        return title[0].upper() + title[1:], description

    def move_area(self, i: int, a: int) -> None:
        """Idea i is about product area a instead (a new title and description to match): for a round
        whose area has too few ideas of the right age (a small community)."""
        self.area[i] = a
        self.title[i], self.description[i] = self._texts(self.rng, a)

    def duplicate_title(self, rng, survivor: int) -> str:
        return rng.choice(DUPLICATE_PREFIXES) + self.title[survivor]

    # ------------------------------------------------------------------ votes

    def _voter(self, rng, i: int, ago: int, taken: set[int]) -> int:
        gen = self.gen
        local = self.area_members[self.area[i]]
        for _ in range(20):
            if local and rng.random() < AREA_VOTERS:
                m = local[rng.randrange(len(local))]
            else:
                m = pick(rng, gen.qna.ask_cum)
            if m not in taken and gen.joined_ago[m] > ago:
                taken.add(m)
                return m
        n = len(gen.members)  # a well-voted idea in a small community: anyone still free
        start = rng.randrange(n)
        for k in range(n):
            m = (start + k) % n
            if m not in taken and gen.joined_ago[m] > ago:
                taken.add(m)
                return m
        return -1

    def draw_votes(self, i: int, count: int, *, buzz: float = BUZZ, scale: float = 1.0) -> None:
        """Idea i's votes (replacing any), oldest first, and when it crossed the threshold.
        `scale` shrinks the delays (a forced idea that must cross earlier)."""
        rng = self.rng
        created = self.created[i]
        taken = {self.author[i]}
        votes: list[Vote] = []
        for _ in range(count):
            if rng.random() < buzz:
                delay = rng.expovariate(1.0 / BUZZ_MEAN) * scale
            else:
                delay = rng.random() * created * scale
            ago = created - MINUTE - int(delay)
            if ago < MINUTE:
                ago = MINUTE + int(rng.random() * (created - 2 * MINUTE))
            m = self._voter(rng, i, ago, taken)
            if m < 0:
                break
            votes.append((ago, m, -1 if rng.random() < self.down[i] else 1))
        votes.sort(key=lambda v: (-v[0], v[1]))
        self.votes[i] = votes
        self.crossed[i] = self.crossing(votes)

    def crossing(self, votes: list[Vote]) -> int:
        """When the points first reached the threshold (the vote's seconds before now), or -1."""
        net = 0
        for ago, _, value in votes:
            net += value
            if net * VOTE_POINTS >= self.threshold:
                return ago
        return -1

    def draw_all(self, skip: set[int]) -> None:
        for i in range(len(self.ids)):
            if i not in skip:
                self.draw_votes(i, self.target[i])

    def force(self, i: int, deadline: int) -> bool:
        """Make idea i cross the threshold before `deadline` (seconds before now): mostly up votes,
        front-loaded; False when its age or the community cannot make it."""
        rng = self.rng
        self.down[i] = 0.02 + 0.05 * rng.random()
        need = math.ceil(self.threshold / VOTE_POINTS / (1 - 2 * self.down[i])) + 10
        if need > self.cap or self.created[i] <= deadline + DAY:
            return False
        self.target[i] = min(self.cap, max(self.target[i], need + int(need * 0.4 * rng.random() ** 2)))
        scale = 1.0
        for _ in range(8):
            self.draw_votes(i, self.target[i], buzz=FORCED_BUZZ, scale=scale)
            if self.crossed[i] > deadline:
                return True
            scale *= 0.6
        return False

    # ------------------------------------------------------------------ follows and comments

    def build_follows_and_comments(self, merged: set[int]) -> None:
        """Follows and comments of every idea but the merged ones (theirs moved to the survivor)."""
        gen = self.gen
        rng = gen._rng("ideas-follows")
        self.follows: list[dict[int, int]] = [{} for _ in self.ids]  # member -> since (seconds before now)
        self.comments: list[list[tuple[int, int, bool]]] = [[] for _ in self.ids]  # (ago, member, author reply)
        for i in range(len(self.ids)):
            if i in merged:
                continue
            follows = self.follows[i]
            follows[self.author[i]] = self.created[i]
            for ago, m, value in self.votes[i]:
                if rng.random() < (FOLLOW_UP if value == 1 else FOLLOW_DOWN):
                    follows.setdefault(m, ago)
            count = min(COMMENT_CAP, poisson(rng, 0.25 + 0.05 * len(self.votes[i]) ** 0.9))
            created = self.created[i]
            comments = []
            for _ in range(count):
                ago = created - MINUTE - int(min(rng.expovariate(1.0 / COMMENT_MEAN), created))
                if ago < MINUTE:
                    ago = MINUTE + int(rng.random() * (created - 2 * MINUTE))
                r = rng.random()
                earlier = [m for when, m, _ in self.votes[i] if when > ago]
                if r < AUTHOR_REPLY:
                    m, reply = self.author[i], True
                elif r < AUTHOR_REPLY + VOTER_COMMENT and earlier:
                    m, reply = rng.choice(earlier), False
                else:
                    m, reply = pick(rng, gen.qna.ask_cum), False
                    if gen.joined_ago[m] <= ago:
                        continue
                comments.append((ago, m, reply))
                if not reply and rng.random() < FOLLOW_COMMENT:
                    follows.setdefault(m, ago)
            comments.sort(key=lambda c: (-c[0], c[1]))
            self.comments[i] = comments

    def comment_text(self, rng, i: int, reply: bool) -> str:
        if reply:
            return rng.choice(data.AUTHOR_REPLIES)
        return rng.choice(data.COMMENTS).format(team=rng.choice(data.TEAMS), users=rng.choice((40, 150, 800, 3000)))


__all__ = ["IdeaActivity", "Vote"]
