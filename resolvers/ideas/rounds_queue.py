"""This process's lines for coin transactions: one per member and round, one per idea.

Correctness never depends on them: the guarded write on the member's `CoinBudget` keeps the
budget however requests interleave, across worker processes too (graph/ideas/rounds.py). What they
buy is throughput under a burst: overlapping transactions on one budget (one member clicking fast,
several tabs) or on one idea (`Idea.coins`, a popular idea) conflict, and a conflict costs a retry
with a pause. Queued in the process they commit one after the other instead; only requests served
by other worker processes still race, and those are retried.

A transaction holds its member's line, then its idea's: always in that order, so two transactions
never wait for each other's line.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator
from weakref import WeakValueDictionary

# A lock lives while someone holds or waits for it; keyed by event loop too, since a lock belongs
# to the loop it was first awaited on.
_locks: WeakValueDictionary[tuple[int, str], asyncio.Lock] = WeakValueDictionary()


def _lock(name: str) -> asyncio.Lock:
    key = (id(asyncio.get_running_loop()), name)
    lock = _locks.get(key)
    if lock is None:
        lock = _locks[key] = asyncio.Lock()
    return lock


@asynccontextmanager
async def coin_queue(round_id: str, member_id: str, idea_id: str) -> AsyncIterator[None]:
    """Hold the member's place in line for the round, then the idea's, for one transaction."""
    async with _lock(f"budget:{round_id}:{member_id}"):
        async with _lock(f"idea:{idea_id}"):
            yield


__all__ = ["coin_queue"]
