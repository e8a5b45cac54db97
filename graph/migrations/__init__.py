"""Versioned, idempotent schema migrations, recorded as `(:Migration)` nodes and applied at start.

`migrations.cypher` holds the migrations of every database. `embedded/migrations.cypher` holds the
few that only the embedded engine needs (see its header); they share the version numbers and run
in order with the others, and a Neo4j server never sees them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from graph.cypher import Query, load_queries
from graph.database import Graph
from graph.errors import Conflict
from graph.system import QUERIES as SYSTEM

log = logging.getLogger(__name__)
MIGRATIONS = load_queries(Path(__file__).parent)
EMBEDDED_MIGRATIONS = load_queries(Path(__file__).parent / "embedded")
_VERSION = re.compile(r"^v(\d+)_")


def ordered_migrations(*, embedded: bool = False) -> list[tuple[int, Query]]:
    """All migrations with their version numbers, oldest first; with the engine-only ones if `embedded`."""
    numbered = []
    chosen = {**MIGRATIONS, **EMBEDDED_MIGRATIONS} if embedded else dict(MIGRATIONS)
    for name, query in chosen.items():
        match = _VERSION.match(name)
        if match is None:
            raise ValueError(f"migration {name!r} is not named v<number>_<what>")
        numbered.append((int(match.group(1)), query))
    numbered.sort(key=lambda pair: pair[0])
    versions = [version for version, _ in numbered]
    if len(set(versions)) != len(versions):
        raise ValueError("two migrations share a version number")
    return numbered


async def apply_migrations(graph: Graph) -> list[int]:
    """Apply every migration the graph has not recorded yet; return the versions applied."""
    applied = {row["version"] for row in await graph.read(SYSTEM["applied_migrations"])}
    done = []
    for version, query in ordered_migrations(embedded=graph.embedded):
        if version in applied:
            continue
        # Schema statements run on their own: Neo4j refuses them beside data writes.
        await graph.write(query)
        try:
            await graph.write(SYSTEM["record_migration"], version=version, name=query.name)
        except Conflict:  # another worker starting at the same moment recorded it first
            continue
        log.info("applied migration %s", query.name)
        done.append(version)
    return done
