"""Small helpers shared by the seed builders: time units, weighted draws, compact adjacency."""

from __future__ import annotations

import math
import random
from array import array
from bisect import bisect_right
from typing import Any, Iterable, Sequence

MINUTE = 60
HOUR = 3_600
DAY = 86_400
YEAR = 365 * DAY


def weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...]) -> Any:
    """One value of `(value, weight)` pairs, drawn by weight."""
    values = [value for value, _ in pairs]
    weights = [weight for _, weight in pairs]
    return rng.choices(values, weights=weights)[0]


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count (Knuth's method; a rounded normal above 30)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def pick(rng: random.Random, cumulative: Sequence[float]) -> int:
    """The index drawn from cumulative weights (as `itertools.accumulate` gives them)."""
    return min(len(cumulative) - 1, bisect_right(cumulative, rng.random() * cumulative[-1]))


def adjacency(n: int, keys: Iterable[int], values: Iterable[int]) -> tuple[array, array]:
    """Compressed rows: the values of key k are `out[offsets[k]:offsets[k + 1]]`, in input order.

    Two int arrays instead of n Python lists: about 4 bytes per pair (a million follows fit in 4 MB).
    """
    keys, values = array("i", keys), array("i", values)
    offsets = array("i", bytes(4 * (n + 1)))
    for k in keys:
        offsets[k + 1] += 1
    for i in range(n):
        offsets[i + 1] += offsets[i]
    out = array("i", bytes(4 * len(keys)))
    fill = array("i", offsets[:n])
    for k, v in zip(keys, values):
        out[fill[k]] = v
        fill[k] += 1
    return offsets, out
