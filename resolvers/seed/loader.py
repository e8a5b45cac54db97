"""Load a generated seed into a graph, batch by batch, reporting progress."""

from __future__ import annotations

import asyncio
import fcntl
import logging
from datetime import datetime
from pathlib import Path
from typing import Callable

from graph.database import Graph
from graph.seed import SeedWriter
from graph.system import QUERIES as SYSTEM
from resolvers.seed.generator import KINDS, SeedGenerator

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
DEFAULT_BATCH_SIZE = 5_000


async def graph_is_empty(graph: Graph) -> bool:
    """True when the graph holds no Member node (migration records do not count)."""
    return await SeedWriter(graph).is_empty()


async def reset_graph(graph: Graph, *, batch_size: int = 10_000) -> int:
    """Delete every node but the migration records, in batches; return how many went."""
    deleted = 0
    while True:
        rows = await graph.write(SYSTEM["wipe_graph_batch"], limit=batch_size)
        count = rows[0]["deleted"] if rows else 0
        deleted += count
        if count < batch_size:
            return deleted


async def load_seed(
    graph: Graph,
    *,
    size: str,
    seed: int,
    progress: Progress | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> dict[str, int]:
    """Write the `size` seed generated from `seed` into `graph`; return the rows written per kind.

    Meant for an empty graph (see `graph_is_empty`, and the `wipe_graph` system query): nodes
    are created, so loading over existing seed nodes fails with `Conflict` on the first batch,
    and each batch is its own transaction, so a failure part-way leaves a partial seed.
    `progress(kind, done, total)` is called after each batch. Kinds are those of
    `generator.KINDS`, in write order: the community (topics, skills, topic_skills, members,
    groups, group_topics, memberships, skills_held, topic_follows, follows), its activity
    (questions, answers, votes, endorsements, events, rsvps), then learning (the writer's
    `LEARNING_KINDS`: companies and employments, the catalog, completions, badges, ranks reached,
    credentials, plans, prize draws). Activity and learning are dated relative to `now` (default:
    the start of the current UTC day, so upcoming events are upcoming when the load finishes).
    """
    generator = SeedGenerator(size, seed, batch_size=batch_size, now=now)
    totals = generator.totals()
    writer = SeedWriter(graph, batch_size=batch_size)
    written = dict.fromkeys(KINDS, 0)
    for batch in generator.batches():
        written[batch.kind] += await writer.write(batch.kind, batch.rows)
        if progress is not None:
            progress(batch.kind, written[batch.kind], totals[batch.kind])
    return written


async def seed_demo_if_empty(graph: Graph, *, lock_dir: Path) -> dict[str, int] | None:
    """Load the demo data set into an empty graph; workers starting together load it once."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / "seed.lock", "a+") as lock:
        await asyncio.to_thread(fcntl.flock, lock, fcntl.LOCK_EX)
        if not await graph_is_empty(graph):
            return None
        log.info("empty graph: loading the demo data set")
        summary = await load_seed(graph, size="demo", seed=1)
        log.info("demo data loaded: %s", summary)
        return summary
