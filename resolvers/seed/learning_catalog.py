"""Learning reference data kept as data: the rank ladder (graph/MODEL.md, `Rank`).

The seed generator and the test factories both write these rows, so the ladder the API ranks
members against is the real one everywhere.
"""

from __future__ import annotations

from typing import NamedTuple


class RankStep(NamedTuple):
    """One rung of the ladder; fields are named like the `Rank` node's properties."""

    name: str
    position: int
    minBadges: int
    minPoints: int


# The real ladder: a member holds the highest rank whose badge AND point thresholds they both reach.
RANK_LADDER: tuple[RankStep, ...] = (
    RankStep("Scout", 1, 0, 0),
    RankStep("Hiker", 2, 5, 6_000),
    RankStep("Explorer", 3, 10, 13_000),
    RankStep("Adventurer", 4, 25, 24_000),
    RankStep("Mountaineer", 5, 50, 35_000),
    RankStep("Expeditioner", 6, 75, 50_000),
    RankStep("Ranger", 7, 100, 50_000),
    RankStep("Double Star Ranger", 8, 200, 100_000),
    RankStep("Triple Star Ranger", 9, 300, 150_000),
    RankStep("Four Star Ranger", 10, 400, 200_000),
    RankStep("Five Star Ranger", 11, 500, 250_000),
    RankStep("All Star Ranger", 12, 600, 300_000),
)


def rank_for(points: int, badges: int) -> RankStep:
    """The highest rung whose thresholds `points` and `badges` both reach."""
    return max((step for step in RANK_LADDER if step.minPoints <= points and step.minBadges <= badges),
               key=lambda step: step.position)


__all__ = ["RANK_LADDER", "RankStep", "rank_for"]
