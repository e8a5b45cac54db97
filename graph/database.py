"""The one database code path: an async neo4j driver over Bolt, with error translation."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any, Awaitable, Callable, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.cypher import Query
from graph.errors import Conflict, GraphError, Unavailable
from graph.stats import current_round_trips
from graph.system import QUERIES as SYSTEM

log = logging.getLogger(__name__)
T = TypeVar("T")

_UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.AuthError,
    OSError,
)


# The embedded engine reports an exhausted query-memory budget as a transient "deadlock"; it is
# an overload, not a lost race, so callers get UNAVAILABLE (try again later), not CONFLICT.
_ENGINE_OUT_OF_QUERY_MEMORY = "query heap budget exceeded"


def translate(error: Exception) -> GraphError:
    """Map a driver exception onto the domain error a caller can act on."""
    if isinstance(error, neo4j_errors.ConstraintError):
        return Conflict("a record with the same unique value already exists")
    if isinstance(error, _UNAVAILABLE):
        return Unavailable("the database is unavailable")
    if isinstance(error, neo4j_errors.TransientError):
        if _ENGINE_OUT_OF_QUERY_MEMORY in str(error).lower():
            return Unavailable("the database is out of query memory")
        return Conflict("a concurrent write conflicted; try again")
    if isinstance(error, neo4j_errors.DriverError) and "closed" in str(error).lower():
        return Unavailable("the database is unavailable")
    return GraphError(f"database error: {type(error).__name__}")


class Transaction:
    """A managed transaction, with round trips counted like any other statement."""

    def __init__(self, tx: neo4j.AsyncManagedTransaction) -> None:
        self._tx = tx

    async def rows(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        started = time.perf_counter()
        try:
            result = await self._tx.run(query.text, params)
            return [record.data() for record in await result.fetch(1_000_000)]
        finally:
            trips = current_round_trips()
            if trips is not None:
                trips.record(query.name, (time.perf_counter() - started) * 1000)

    async def one(self, query: Query, **params: Any) -> dict[str, Any] | None:
        rows = await self.rows(query, **params)
        return rows[0] if rows else None


class Graph:
    """Runs named queries in read or write transactions on one driver."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str, *,
                 recover: Callable[[], Awaitable[None]] | None = None, embedded: bool = False) -> None:
        self.driver = driver
        self.database = database
        # True on the embedded engine: the migrations of graph/migrations/embedded/ apply to it only.
        self.embedded = embedded
        # Called when the database is found unavailable: the embedded engine restarts its host
        # here. A real Neo4j needs nothing: the driver reconnects once the server is back.
        self._recover = recover

    async def _execute(self, mode: str, work: Callable[[Transaction], Awaitable[T]]) -> T:
        try:
            async with self.driver.session(database=self.database) as session:
                run = session.execute_read if mode == "read" else session.execute_write
                return await run(lambda tx: work(Transaction(tx)))
        except GraphError:
            raise
        except Exception as error:  # every driver failure leaves as a domain error
            translated = translate(error)
            if type(translated) is GraphError:
                log.exception("unexpected database error")
            if isinstance(translated, Unavailable):
                await self.recover()
            raise translated from error

    async def recover(self) -> None:
        """Give the connection a chance to come back after an outage; never raises."""
        if self._recover is None:
            return
        try:
            await self._recover()
        except Exception:  # recovery is best effort; the next request tries again
            log.warning("database recovery attempt failed", exc_info=True)

    async def read(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        """Run one query in a read transaction and return its rows."""
        return await self._execute("read", lambda tx: tx.rows(query, **params))

    async def write(self, query: Query, **params: Any) -> list[dict[str, Any]]:
        """Run one query in a write transaction and return its rows."""
        return await self._execute("write", lambda tx: tx.rows(query, **params))

    async def read_tx(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run several statements in one read transaction."""
        return await self._execute("read", work)

    async def write_tx(self, work: Callable[[Transaction], Awaitable[T]], *, attempts: int = 1) -> T:
        """Run several statements in one write transaction: all of them happen, or none.

        With `attempts` > 1 a transaction that lost a race (Conflict) is run again, after a short
        random pause, up to that many times: for writes that a crowd may hit at once (one event's
        RSVPs, one member's completions), whose bursts can outlast the driver's own few seconds of
        retries. That is safe because a failed attempt wrote nothing and `work` re-reads everything
        it decides on.
        """
        for attempt in range(1, attempts + 1):
            try:
                return await self._execute("write", work)
            except Conflict:
                if attempt >= attempts:
                    raise
                await asyncio.sleep(random.uniform(0.01, 0.1) * attempt)
        raise AssertionError("unreachable")

    async def ping(self) -> bool:
        """Whether the database answers a trivial statement now."""
        try:
            async with self.driver.session(database=self.database) as session:
                result = await session.run(SYSTEM["ping"].text)
                record = await result.single()
                return record is not None and record["ok"] == 1
        except Exception:  # readiness probes report, they do not raise
            await self.recover()
            return False

    async def close(self) -> None:
        await self.driver.close()
