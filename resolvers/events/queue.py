"""One queue per event for this process's RSVP and update transactions.

Correctness never depends on it: the guarded writes in `graph/events/rsvps.cypher` keep the
capacity rules however requests interleave, across processes too. What it buys is throughput under
a crowd: transactions on one event that overlap conflict, and a conflict costs a retry with a pause
(write locks on Neo4j, a failed commit and the driver's backoff on the embedded engine). Queued in
the process, a burst of RSVPs to one event commits one after the other instead, each in a few
milliseconds; only requests served by other worker processes still race, and those are retried.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator
from weakref import WeakValueDictionary

# A lock lives while someone holds or waits for it; keyed by event loop too, since a lock
# belongs to the loop it was first awaited on.
_locks: WeakValueDictionary[tuple[int, str], asyncio.Lock] = WeakValueDictionary()


@asynccontextmanager
async def event_queue(event_id: str) -> AsyncIterator[None]:
    """Hold the event's place in line for the duration of one write transaction."""
    key = (id(asyncio.get_running_loop()), event_id)
    lock = _locks.get(key)
    if lock is None:
        lock = _locks[key] = asyncio.Lock()
    async with lock:
        yield
