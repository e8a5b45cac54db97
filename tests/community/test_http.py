"""GraphQL-over-HTTP: media types, status codes, error codes, probes, outages."""

import neo4j

from resolvers.runtime import Graph
from schema.app import create_app
from tests.gql import codes, gql

import httpx

NEW_TYPE = "application/graphql-response+json"


async def test_request_errors_are_400_for_the_graphql_response_media_type(client):
    response = await client.post("/graphql", json={"query": "{ members { "}, headers={"Accept": NEW_TYPE})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(NEW_TYPE)
    assert codes(response.json()) == ["GRAPHQL_PARSE_FAILED"]
    response = await client.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": NEW_TYPE})
    assert response.status_code == 400
    assert codes(response.json()) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_request_errors_are_200_for_legacy_json_clients(client):
    response = await client.post("/graphql", json={"query": "{ nope }"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert codes(response.json()) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_malformed_bodies_get_a_json_error(client):
    response = await client.post("/graphql", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


async def test_bad_variables_and_ids_are_bad_user_input(client):
    body = await gql(client, "query($f: Int) { members(first: $f) { totalCount } }", {"f": "ten"})
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": "' OR 1=1 //"})
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_unknown_ids_resolve_to_null(client):
    from resolvers.ids import to_global_id

    body = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id("Member", "missing")})
    assert body == {"data": {"node": None}, "extensions": body["extensions"]}


async def test_graphiql_is_served_to_browsers(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_unexpected_failures_are_masked_as_internal(client, monkeypatch):
    from resolvers.community import service

    async def explode(*args, **kwargs):
        raise RuntimeError("secret detail: bolt://user:password@host")

    monkeypatch.setattr(service, "list_topics", explode)
    body = await gql(client, "{ topics { totalCount } }")
    assert codes(body) == ["INTERNAL"]
    assert "secret" not in str(body)


async def test_health_and_readiness(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).status_code == 200


async def test_a_database_outage_is_unavailable_and_not_ready(app_settings):
    # A driver pointed at a port where nothing listens behaves like a database that went away.
    driver = neo4j.AsyncGraphDatabase.driver("bolt://127.0.0.1:9", auth=("x", "y"), connection_timeout=1.0,
                                             max_transaction_retry_time=0.5)
    down = Graph(driver, "community")
    app = create_app(app_settings, graph=down)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        assert (await http.get("/readyz")).status_code == 503
        body = await gql(http, "{ topics { totalCount } }")
        assert codes(body) == ["UNAVAILABLE"]
    await down.close()


async def test_debug_extensions_are_off_by_default(graph, auth_settings, data_dir):
    from schema.app import AppSettings
    from resolvers.runtime import DatabaseSettings

    settings = AppSettings(DatabaseSettings(uri=None, user="", password=None, database="", data_dir=data_dir),
                           auth_settings)
    app = create_app(settings, graph=graph)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        body = await gql(http, "{ topics { totalCount } }")
    assert "extensions" not in body


async def test_nodes_takes_at_most_a_hundred_ids(client):
    from resolvers.ids import to_global_id

    body = await gql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                     {"ids": [to_global_id("Topic", str(i)) for i in range(101)]})
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                     {"ids": [to_global_id("Topic", str(i)) for i in range(3)]})
    assert body["data"]["nodes"] == [None, None, None]


async def test_oversized_bodies_and_filter_strings_are_refused(client):
    response = await client.post("/graphql", content=b'{"query": "' + b" " * 1_000_001 + b'{ topics { totalCount } }"}',
                                 headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert codes(response.json()) == ["BAD_REQUEST"]
    body = await gql(client, 'query($c: String) { members(filter: {country: "Germany", city: $c}) { totalCount } }',
                     {"c": "x"})
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, "query($c: String) { members(filter: {city: $c}) { totalCount } }", {"c": "x" * 81})
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_operations_that_could_return_too_many_nodes_are_refused_before_running(client):
    deep = """query($n: Int) { members(first: 100) { nodes { followers(first: $n) { nodes {
        following(first: 100) { nodes { handle } } } } } } }"""
    response = await client.post("/graphql", json={"query": deep, "variables": {"n": 100}},
                                 headers={"Accept": NEW_TYPE})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["requestedNodes"] == 100 + 100 * 100 + 100 * 100 * 100
    assert "graph" not in response.json().get("extensions", {}) or \
        response.json()["extensions"]["graph"]["roundTrips"] == 0
    # The same shape through a fragment is counted the same way; small pages pass.
    spread = """query { members(first: 100) { ...F } } fragment F on MemberConnection { nodes {
        followers(first: 100) { nodes { following(first: 100) { nodes { handle } } } } } }"""
    assert codes(await gql(client, spread)) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, deep, {"n": 2})) == []


async def test_cors_is_off_by_default_and_allows_configured_origins(client, graph, app_settings):
    from dataclasses import replace

    preflight = {"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    assert "access-control-allow-origin" not in (await client.options("/graphql", headers=preflight)).headers
    app = create_app(replace(app_settings, cors_origins=("https://app.example.com",)), graph=graph)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
        response = await http.options("/graphql", headers=preflight)
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "https://app.example.com"
        other = await http.options("/graphql", headers={**preflight, "Origin": "https://evil.example"})
        assert other.status_code == 400
