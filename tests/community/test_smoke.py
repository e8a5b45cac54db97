async def test_empty_graph_lists(client):
    response = await client.post("/graphql", json={"query": "{ members(first: 5) { totalCount edges { cursor } pageInfo { hasNextPage } } topics { totalCount } groups { totalCount } }"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"]["members"]["totalCount"] == 0, body
    assert body["extensions"]["graph"]["roundTrips"] == 3, body
