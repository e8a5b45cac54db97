"""Migrations: one numbering across the shared and the engine-only files, and what the engine-only
ones are for (index-backed numeric order on Member.points)."""

from graph.cypher import Query
from graph.migrations import EMBEDDED_MIGRATIONS, MIGRATIONS, ordered_migrations
from tests import factories

TOP_POINTS = Query("top_points", """MATCH (m:Member) WHERE m.points > 0
RETURN m.points AS points ORDER BY m.points DESC LIMIT 5""", "", "", 0)


def test_versions_are_unique_across_both_files_and_neo4j_never_gets_the_engine_only_ones():
    everything = ordered_migrations(embedded=True)  # raises when two share a version
    assert len(everything) == len(MIGRATIONS) + len(EMBEDDED_MIGRATIONS)
    shared = ordered_migrations()
    assert {q.name for _, q in shared} == set(MIGRATIONS)
    assert [v for v, _ in everything] == sorted(v for v, _ in everything)


async def test_the_engine_orders_points_as_numbers_through_the_rebuilt_index(graph):
    assert graph.embedded
    # Values whose text order differs from their numeric order: a text-ordered index sorts 99,900 first.
    for points in (99_900, 600_000, 5, 1_000_000, 42_000, 7):
        await factories.member(graph, points=points)
    rows = await graph.read(TOP_POINTS)
    assert [r["points"] for r in rows] == [1_000_000, 600_000, 99_900, 42_000, 7]
