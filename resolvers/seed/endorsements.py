"""Skill endorsements of a generated community.

Endorsers are people who know the endorsee: their followers, mostly, and members of their
groups. Higher skill levels and bigger audiences collect more endorsements. Never self, at most
one per endorser, endorsee and skill, only for held skills, and after both joined and the skill
was acquired; `endorsement_counts` holds HAS_SKILL.endorsementCount in the order the
generator emits its skills_held rows.
"""

from __future__ import annotations

import math
from array import array
from typing import TYPE_CHECKING, Any, Iterator

from resolvers.seed.draw import poisson

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator

# Expected endorsements of one held skill: RATE * level * (1 + ln(1 + followers) / 2).
RATE = 0.05
FROM_FOLLOWER = 0.6
MAX_PER_SKILL = 60


class EndorsementBuilder:
    """Builds ENDORSED relationships and endorsement counts for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen

    def build(self) -> None:
        gen = self.gen
        rng = gen._rng("endorsements")
        self.e_from = array("i")
        self.e_to = array("i")
        self.e_skill = array("H")
        self.e_ago = array("q")
        self.endorsement_counts = array("H")
        offsets, followers = gen.followers
        for m, held in enumerate(gen.member_skills):
            audience = offsets[m + 1] - offsets[m]
            groups = gen.groups_of(m)
            social = 1.0 + math.log1p(audience) / 2.0
            for s, level, since_offset in held:
                want = min(MAX_PER_SKILL, poisson(rng, RATE * level * social)) if audience or groups else 0
                chosen: dict[int, None] = {}
                for _ in range(want * 3):
                    if len(chosen) >= want:
                        break
                    if audience and (not groups or rng.random() < FROM_FOLLOWER):
                        e = followers[offsets[m] + rng.randrange(audience)]
                    else:
                        mates = gen.group_members[rng.choice(groups)]
                        e = mates[rng.randrange(len(mates))]
                    if e != m:
                        chosen.setdefault(e, None)
                held_ago = since_offset + gen.shift
                for e in chosen:
                    earliest = min(held_ago, gen.joined_ago[m], gen.joined_ago[e])
                    self.e_from.append(e)
                    self.e_to.append(m)
                    self.e_skill.append(s)
                    self.e_ago.append(int(earliest * rng.random()))
                self.endorsement_counts.append(len(chosen))

    def rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for a, b, s, ago in zip(self.e_from, self.e_to, self.e_skill, self.e_ago):
            yield {"endorserId": gen.members[a]["id"], "endorseeId": gen.members[b]["id"],
                   "skillId": gen.skills[s]["id"], "at": gen.at(ago)}
