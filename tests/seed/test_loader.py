"""Loading a generated data set into the embedded engine: counts, counters and types hold."""

from datetime import datetime, timezone

from graph.cypher import Query
from graph.seed import KINDS, MISMATCH_KINDS, SeedWriter
from resolvers.learning.credentials import credential_state, utc_now
from resolvers.seed.generator import KINDS as GENERATED
from resolvers.seed.generator import SeedGenerator
from resolvers.seed.loader import graph_is_empty, load_seed, reset_graph
from tests.gql import gql


def _q(text: str) -> Query:
    return Query("test", text, "", __file__, 0)


async def _learning_through_the_api(client, generator: SeedGenerator) -> None:
    """The loaded learning data reads back as generated: credential statuses by the API's own rule
    (one verified credential per status), reproducible prize draws, the leaderboard's top."""
    certifications = {c["id"]: c for c in generator.rows("certifications")}
    releases = list(generator.rows("releases"))
    by_status: dict[str, dict] = {}
    for row in generator.rows("credentials"):
        state = credential_state(covered_through=row["coveredThrough"], releases=releases, now=utc_now(),
                                 requires_maintenance=certifications[row["certificationId"]]["requiresMaintenance"])
        by_status.setdefault(state.status, row)
    assert set(by_status) == {"ACTIVE", "MAINTENANCE_DUE", "EXPIRED"}
    for status, row in by_status.items():
        body = await gql(client, "query($c: String!) { verifyCredential(credentialId: $c) { status valid } }",
                         {"c": row["credentialId"]})
        assert body["data"]["verifyCredential"] == {"status": status, "valid": status != "EXPIRED"}
    draws = list(generator.rows("prize_draws"))
    assert draws
    for draw in draws:
        body = await gql(client, "query($m: String!) { prizeDraw(month: $m) { verified entryCount } }",
                         {"m": draw["month"]})
        assert body["data"]["prizeDraw"] == {"verified": True, "entryCount": draw["entryCount"]}
    body = await gql(client, "{ certifications(first: 1) { totalCount } rankLadder { position } "
                             "leaderboard(scope: GLOBAL, first: 1) { nodes { points } } }")
    assert body["data"]["certifications"]["totalCount"] >= 38 and len(body["data"]["rankLadder"]) == 12
    top = max(m["points"] for m in generator.rows("members") if m["visibility"] != "PRIVATE")
    assert body["data"]["leaderboard"]["nodes"] == [{"points": top}]


async def test_the_demo_set_loads_consistently_and_resets(graph, client):
    assert await graph_is_empty(graph)
    progress = []
    now = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    summary = await load_seed(graph, size="demo", seed=3, now=now,
                              progress=lambda kind, done, total: progress.append(kind))
    writer = SeedWriter(graph)
    # The generator yields every kind the writer knows, in the writer's order, and all of it is written.
    assert GENERATED == KINDS
    counts = await writer.counts()
    assert counts == summary
    assert summary["members"] == 500 and summary["follows"] > 1000
    assert all(summary[kind] > 0 for kind in KINDS)
    assert list(dict.fromkeys(progress)) == list(KINDS)
    # Every counter the generator computed agrees with the written relationships: reputation, and the
    # learning ones (points, badges, ranks, module and trail counters, credentials, companies).
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
    await _learning_through_the_api(client, SeedGenerator("demo", 3, now=now))
    assert await reset_graph(graph, batch_size=200) >= 500
    assert await graph_is_empty(graph)
