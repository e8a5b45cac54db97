"""Loading a generated data set into the embedded engine: counts, counters and types hold."""

from datetime import datetime

from graph.cypher import Query
from graph.seed import KINDS, MISMATCH_KINDS, SeedWriter
from resolvers.seed.generator import KINDS as GENERATED
from resolvers.seed.loader import graph_is_empty, load_seed, reset_graph
from tests.gql import gql


def _q(text: str) -> Query:
    return Query("test", text, "", __file__, 0)


async def test_the_demo_set_loads_consistently_and_resets(graph, client):
    assert await graph_is_empty(graph)
    progress = []
    summary = await load_seed(graph, size="demo", seed=3, progress=lambda kind, done, total: progress.append(kind))
    writer = SeedWriter(graph)
    # The writer knows more kinds than the generator yields yet (learning); those stay empty.
    counts = await writer.counts()
    assert set(summary) == set(GENERATED) and set(GENERATED) <= set(KINDS)
    assert {kind: counts[kind] for kind in GENERATED} == summary
    assert not any(counts[kind] for kind in KINDS if kind not in GENERATED)
    assert summary["members"] == 500 and summary["follows"] > 1000
    assert all(summary[kind] > 0 for kind in GENERATED)
    assert list(dict.fromkeys(progress)) == list(GENERATED)
    # Every counter the generator computed agrees with the written relationships, reputation included.
    assert await writer.counter_mismatches() == dict.fromkeys(MISMATCH_KINDS, 0)
    stored = await graph.read(_q("MATCH (m:Member) RETURN m.id AS id, m.reputation AS r ORDER BY id"))
    assert any(row["r"] > 0 for row in stored)
    await writer.recount()
    assert await graph.read(_q("MATCH (m:Member) RETURN m.id AS id, m.reputation AS r ORDER BY id")) == stored
    times = await graph.read(_q("""MATCH (e:Event)
        RETURN count(CASE WHEN e.startsAt > datetime() THEN 1 END) AS upcoming,
               count(CASE WHEN e.endsAt < datetime() THEN 1 END) AS past, count(e) AS events"""))
    upcoming, past, events = times[0]["upcoming"], times[0]["past"], times[0]["events"]
    assert upcoming > 0 and past > 0 and upcoming + past == events
    # Through the API, times come back as zoned datetimes and coordinates as floats.
    body = await gql(client, "{ members(first: 5, orderBy: NEWEST) { nodes { joinedAt latitude } } }")
    for node in body["data"]["members"]["nodes"]:
        assert datetime.fromisoformat(node["joinedAt"]).tzinfo is not None
        assert isinstance(node["latitude"], float)
    assert await reset_graph(graph, batch_size=200) >= 500
    assert await graph_is_empty(graph)
