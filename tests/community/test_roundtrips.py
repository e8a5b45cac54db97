"""Round trips per operation are pinned: an N+1 anywhere fails these tests."""

from tests import factories
from tests.gql import gid, gql, round_trips


async def _community(graph, members=60, groups=55):
    people = await factories.members(graph, members)
    skills = await factories.skills(graph, 5)
    clubs = await factories.groups(graph, groups, leaders=people[:groups])
    await factories.follows(graph, [(a, b) for i, a in enumerate(people) for b in people[i + 1 : i + 4]])
    await factories.memberships(graph, [(p, clubs[i % len(clubs)], "MEMBER") for i, p in enumerate(people)
                                         if p is not people[i % len(clubs)]])
    await factories.holdings(graph, [(p, skills[i % 5], 3) for i, p in enumerate(people)])
    return people, clubs


async def test_members_with_groups_skills_and_followers_cost_a_fixed_number_of_queries(graph, client):
    await _community(graph)
    body = await gql(client, """{ members(first: 50) { edges { node { handle
        groups { totalCount edges { role node { slug } } }
        skills { level skill { slug } }
        followers(first: 5) { totalCount nodes { handle } } } } } }""")
    assert "errors" not in body, body
    assert len(body["data"]["members"]["edges"]) == 50
    assert any(e["node"]["followers"]["totalCount"] > 0 for e in body["data"]["members"]["edges"])
    # members page + groups + skills + followers: one query each, whatever the page size.
    assert round_trips(body) == 4, body["extensions"]


async def test_groups_with_members_and_their_skills_cost_a_fixed_number_of_queries(graph, client):
    await _community(graph)
    body = await gql(client, """{ groups(first: 50) { edges { node { slug
        members(first: 10) { edges { role node { handle skills { level skill { name } } } } } } } } }""")
    assert "errors" not in body, body
    assert len(body["data"]["groups"]["edges"]) == 50
    assert round_trips(body) == 3, body["extensions"]


async def test_fifty_entity_representations_cost_one_query(graph, client):
    people = await factories.members(graph, 50)
    representations = [{"__typename": "Member", "id": gid("Member", p)} for p in people]
    body = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { handle } } }""",
                     {"r": representations}, path="/subgraphs/community/graphql")
    assert "errors" not in body, body
    assert [e["handle"] for e in body["data"]["_entities"]] == [p["handle"] for p in people]
    assert round_trips(body) == 1


async def test_top_level_lists_count_only_when_total_count_is_asked_for(graph, client):
    await factories.members(graph, 3)
    page_only = await gql(client, "{ members(first: 2) { edges { cursor } pageInfo { hasNextPage } } }")
    assert page_only["data"]["members"]["pageInfo"]["hasNextPage"] is True
    assert round_trips(page_only) == 1
    counted = await gql(client, "{ members(first: 2) { totalCount edges { cursor } } }")
    assert counted["data"]["members"]["totalCount"] == 3
    assert round_trips(counted) == 2
