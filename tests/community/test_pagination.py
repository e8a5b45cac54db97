"""Relay connections: cursors walk a stable order both ways; pages are capped at 100."""

from tests import factories
from tests.gql import codes, gql

PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  members(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { handle } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


async def test_cursors_walk_forward_and_backward_through_a_stable_order(client, graph):
    people = await factories.members(graph, 7)
    handles = sorted(p["handle"] for p in people)
    seen, after = [], None
    while True:
        page = (await gql(client, PAGE, {"first": 3, "after": after}))["data"]["members"]
        assert page["totalCount"] == 7
        seen += [e["node"]["handle"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == handles
    tail = (await gql(client, PAGE, {"last": 2}))["data"]["members"]
    assert [e["node"]["handle"] for e in tail["edges"]] == handles[-2:]
    assert tail["pageInfo"]["hasPreviousPage"] and not tail["pageInfo"]["hasNextPage"]
    before = (await gql(client, PAGE, {"last": 2, "before": tail["pageInfo"]["startCursor"]}))["data"]["members"]
    assert [e["node"]["handle"] for e in before["edges"]] == handles[-4:-2]


async def test_oversized_pages_and_bad_cursors_are_bad_input(client, graph):
    body = await gql(client, PAGE, {"first": 101})
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["maxPageSize"] == 100
    assert "100" in body["errors"][0]["message"]
    assert codes(await gql(client, PAGE, {"first": -1})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, PAGE, {"first": 2, "after": "garbage"})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, PAGE, {"first": 2, "last": 2})) == ["BAD_USER_INPUT"]
    nested = await gql(client, "{ members { nodes { followers(first: 500) { totalCount } } } }")
    assert codes(nested) in ([], ["BAD_USER_INPUT"])  # no members, so no nested field ran


async def test_nested_connections_page_from_either_end(client, graph):
    star, *fans = await factories.members(graph, 6)
    await factories.follows(graph, [(fan, star) for fan in fans])  # later follows are newer
    newest_first = [f["handle"] for f in reversed(fans)]
    query = """query($h: String!, $first: Int, $after: String, $last: Int) { member(handle: $h) {
        followers(first: $first, after: $after, last: $last) { totalCount nodes { handle }
          pageInfo { hasNextPage hasPreviousPage endCursor } } } }"""
    first = (await gql(client, query, {"h": star["handle"], "first": 2}))["data"]["member"]["followers"]
    assert first["totalCount"] == 5 and [n["handle"] for n in first["nodes"]] == newest_first[:2]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = (await gql(client, query, {"h": star["handle"], "first": 2, "after": first["pageInfo"]["endCursor"]}))
    assert [n["handle"] for n in second["data"]["member"]["followers"]["nodes"]] == newest_first[2:4]
    last = (await gql(client, query, {"h": star["handle"], "last": 2}))["data"]["member"]["followers"]
    assert [n["handle"] for n in last["nodes"]] == newest_first[-2:]
    assert last["pageInfo"]["hasPreviousPage"] and not last["pageInfo"]["hasNextPage"]
