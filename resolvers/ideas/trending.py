"""TRENDING: an idea's votes, each decaying with a half-life, summed.

    trending(idea, now) = Σ over its votes of value × 2^(−(now − votedAt) / HALF_LIFE)

with value +1 or −1 and HALF_LIFE seven days: a vote counts fully today, half a week later,
a quarter after two weeks. So a young idea with a burst of votes outranks an old one that
collected more votes long ago, and an idea nobody votes on sinks on its own.

Stored without a clock. The sum factors as 2^(−(now − EPOCH) / HALF_LIFE) × Σ value ×
growth(votedAt), where growth(t) = 2^((t − EPOCH) / HALF_LIFE) depends on the vote alone. Each
VOTED relationship keeps its `trend` = value × growth(at) and `Idea.trend` keeps their sum,
changed by the vote write itself (graph/MODEL.md, "Ideas"). The common factor is the same for
every idea at a given moment, so ordering ideas by `Idea.trend` IS ordering them by the decayed
score: TRENDING sorts on a stored number, with no per-read computation over votes.

The growth term doubles every HALF_LIFE: 2^k stays a finite float up to k = 1023, that is
1023 weeks (about 19.6 years) after EPOCH. Long before 2044 a migration must move EPOCH
forward, dividing every `trend` by the same power of two (order unchanged).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

EPOCH = datetime(2025, 1, 1, tzinfo=timezone.utc)
HALF_LIFE = timedelta(days=7)
_EPOCH_MS = int(EPOCH.timestamp() * 1000)
_HALF_LIFE_MS = HALF_LIFE.total_seconds() * 1000


def _millis(at: datetime | int) -> int:
    return at if isinstance(at, int) else int(at.timestamp() * 1000)


def growth(at: datetime | int) -> float:
    """2^((at − EPOCH) / HALF_LIFE): the stored weight of a +1 vote cast at `at` (epoch ms or aware datetime)."""
    return math.pow(2.0, (_millis(at) - _EPOCH_MS) / _HALF_LIFE_MS)


def vote_trend(value: int, at: datetime | int) -> float:
    """The `trend` a VOTED relationship stores: value (+1/−1) × growth(at)."""
    return value * growth(at)


def decayed(trend: float, now: datetime | int) -> float:
    """The TRENDING score at `now` of an idea whose stored `trend` is `trend`: its votes, each
    worth 2^(−age / HALF_LIFE). Votes cast after `now` would count more than 1; there are none."""
    return trend / growth(now)


__all__ = ["EPOCH", "HALF_LIFE", "decayed", "growth", "vote_trend"]
