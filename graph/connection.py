"""Open the process-wide driver: on a configured Neo4j, or on the embedded engine."""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import neo4j

from graph.database import Graph
from graph.embedded.supervisor import EngineHandle, attach_engine
from graph.settings import DatabaseSettings

log = logging.getLogger(__name__)
RECOVERY_INTERVAL_SECONDS = 5.0


class EngineKeeper:
    """Holds this process's attachment to the embedded engine and restarts the engine if it died.

    The host keeps its Bolt port across restarts (graph/embedded/host.py), so the driver's
    pooled address stays right and it reconnects on its own once the engine is back.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.handle: EngineHandle = attach_engine(data_dir)
        self._last_attempt = 0.0
        self._lock = asyncio.Lock()

    async def recover(self) -> None:
        async with self._lock:
            if time.monotonic() - self._last_attempt < RECOVERY_INTERVAL_SECONDS:
                return
            self._last_attempt = time.monotonic()
            fresh = await asyncio.to_thread(attach_engine, self.data_dir)
            if fresh.uri != self.handle.uri:
                log.warning("the embedded engine came back on a new address %s; restart the API", fresh.uri)
            self.handle.detach()
            self.handle = fresh

    def detach(self) -> None:
        self.handle.detach()


@asynccontextmanager
async def open_graph(settings: DatabaseSettings) -> AsyncIterator[Graph]:
    """Yield a `Graph` for the settings and close everything it opened on exit."""
    keeper = None
    if settings.embedded:
        keeper = EngineKeeper(settings.data_dir)
        handle = keeper.handle
        uri, auth, database = handle.uri, (handle.user, handle.password), handle.database
    else:
        uri, auth, database = settings.uri, (settings.user, settings.password or ""), settings.database
    driver = neo4j.AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        max_connection_pool_size=50,
        connection_acquisition_timeout=10.0,
        # Retry transient failures briefly; past that a client is better served by UNAVAILABLE.
        max_transaction_retry_time=3.0,
    )
    graph = Graph(driver, database, recover=keeper.recover if keeper else None, embedded=settings.embedded)
    try:
        yield graph
    finally:
        await graph.close()
        if keeper is not None:
            keeper.detach()
