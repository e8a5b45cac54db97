"""Loading a generated data set into the embedded engine: counts, counters and types hold."""

from datetime import datetime

from graph.seed import SeedWriter
from resolvers.seed.loader import graph_is_empty, load_seed, reset_graph
from tests.gql import gql


async def test_the_demo_set_loads_consistently_and_resets(graph, client):
    assert await graph_is_empty(graph)
    progress = []
    summary = await load_seed(graph, size="demo", seed=3, progress=lambda kind, done, total: progress.append(kind))
    writer = SeedWriter(graph)
    assert await writer.counts() == summary
    assert summary["members"] == 500 and summary["follows"] > 1000
    assert set(progress) == set(summary)
    assert await writer.counter_mismatches() == {"members": 0, "groups": 0}
    # Through the API, times come back as zoned datetimes and coordinates as floats.
    body = await gql(client, "{ members(first: 5, orderBy: NEWEST) { nodes { joinedAt latitude } } }")
    for node in body["data"]["members"]["nodes"]:
        assert datetime.fromisoformat(node["joinedAt"]).tzinfo is not None
        assert isinstance(node["latitude"], float)
    assert await reset_graph(graph, batch_size=200) >= 500
    assert await graph_is_empty(graph)
