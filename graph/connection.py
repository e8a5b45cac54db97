"""Open the process-wide driver: on a configured Neo4j, or on the embedded engine."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

import neo4j

from graph.database import Graph
from graph.embedded.supervisor import attach_engine
from graph.settings import DatabaseSettings


@asynccontextmanager
async def open_graph(settings: DatabaseSettings) -> AsyncIterator[Graph]:
    """Yield a `Graph` for the settings and close everything it opened on exit."""
    handle = None
    if settings.embedded:
        handle = attach_engine(settings.data_dir)
        uri, auth, database = handle.uri, (handle.user, handle.password), handle.database
    else:
        uri, auth, database = settings.uri, (settings.user, settings.password or ""), settings.database
    driver = neo4j.AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        max_connection_pool_size=50,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=10.0,
    )
    graph = Graph(driver, database)
    try:
        yield graph
    finally:
        await graph.close()
        if handle is not None:
            handle.detach()
