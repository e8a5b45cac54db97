"""ideas(filter, orderBy) and its pages, idea(id), Member.ideas, the followers and comments of an
idea, and the privacy of hidden members everywhere an idea shows one."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from graph.cypher import Query
from tests import factories
from tests.gql import codes, gid, gql
from tests.ideas.test_ideas_mutations import FOLLOW, comment, footprint, local, post, set_status, vote
from tests.ideas.test_ideas_votes import cast_votes_at

LIST = """query($filter: IdeaFilter, $order: IdeaOrder, $first: Int, $after: String, $last: Int, $before: String) {
  ideas(filter: $filter, orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { id title status points coins trendingScore author { handle } } } }"""
SET_COINS = Query("test_set_idea_coins", "MATCH (i:Idea {id: $id}) SET i.coins = $coins RETURN i.id AS id",
                  "", __file__, 0)


async def listed(client, headers=None, **variables):
    body = await gql(client, LIST, variables, headers=headers)
    assert "errors" not in body, body
    return body["data"]["ideas"]


def titles(connection) -> list[str]:
    return [n["title"] for n in connection["nodes"]]


async def test_orderings_points_trending_newest_and_coins(graph, client, token_for, monkeypatch):
    author, *voters = await factories.members(graph, 5)
    (area,) = await factories.topics(graph, 1)
    old = await post(client, token_for, author, area, title="Old favourite")
    fresh = await post(client, token_for, author, area, title="Fresh buzz")
    quiet = await post(client, token_for, author, area, title="Quiet one")
    now = datetime.now(timezone.utc)

    # Four weeks ago the old idea got three votes; today the fresh one got two.
    cast_votes_at(monkeypatch, now - timedelta(weeks=4))
    for voter in voters[:3]:
        await vote(client, token_for, voter, old["id"], "UP")
    cast_votes_at(monkeypatch, now)
    for voter in voters[:2]:
        await vote(client, token_for, voter, fresh["id"], "UP")
    await graph.write(SET_COINS, id=local(quiet["id"]), coins=40)
    await graph.write(SET_COINS, id=local(old["id"]), coins=5)

    by_points = await listed(client, order="POINTS")
    assert titles(by_points) == ["Old favourite", "Fresh buzz", "Quiet one"]
    assert [n["points"] for n in by_points["nodes"]] == [30, 20, 0]

    by_trend = await listed(client, order="TRENDING")
    assert titles(by_trend) == ["Fresh buzz", "Old favourite", "Quiet one"]
    scores = {n["title"]: n["trendingScore"] for n in by_trend["nodes"]}
    assert scores["Fresh buzz"] == pytest.approx(2.0, rel=1e-4)  # two votes, cast moments ago
    assert scores["Old favourite"] == pytest.approx(3 / 16, rel=1e-4)  # three votes, four half-lives old
    assert scores["Quiet one"] == 0.0

    assert titles(await listed(client, order="NEWEST")) == ["Quiet one", "Fresh buzz", "Old favourite"]
    assert titles(await listed(client, order="COINS")) == ["Quiet one", "Old favourite", "Fresh buzz"]
    assert titles(await listed(client)) == titles(by_points)  # POINTS is the default


async def test_ties_go_to_the_id_and_pages_walk_the_whole_list(graph, client, token_for):
    author = await factories.member(graph)
    (area,) = await factories.topics(graph, 1)
    posted = [await post(client, token_for, author, area, title=f"Idea number {i}") for i in range(7)]
    by_id = [p["id"] for p in sorted(posted, key=lambda p: local(p["id"]))]

    first = await listed(client, first=3)
    assert [n["id"] for n in first["nodes"]] == by_id[:3]  # every idea has 0 points: the id decides
    assert first["totalCount"] == 7 and first["pageInfo"]["hasNextPage"] is True
    second = await listed(client, first=3, after=first["pageInfo"]["endCursor"])
    third = await listed(client, first=3, after=second["pageInfo"]["endCursor"])
    assert [n["id"] for n in second["nodes"] + third["nodes"]] == by_id[3:]
    assert third["pageInfo"]["hasNextPage"] is False and third["pageInfo"]["hasPreviousPage"] is True
    tail = await listed(client, last=2)
    assert [n["id"] for n in tail["nodes"]] == by_id[5:]
    before = await listed(client, last=2, before=tail["pageInfo"]["startCursor"])
    assert [n["id"] for n in before["nodes"]] == by_id[3:5]
    too_many = await gql(client, LIST, {"first": 101})
    assert codes(too_many) == ["BAD_USER_INPUT"]


async def test_filters_by_status_area_author_and_search(graph, client, token_for):
    alice, bob = await factories.members(graph, 2)
    sales, service = await factories.topics(graph, 2)
    a1 = await post(client, token_for, alice, sales, title="Forecast rollups", description="Roll up forecasts.")
    a2 = await post(client, token_for, alice, service, title="Case swarming", description="Swarm on cases.")
    b1 = await post(client, token_for, bob, sales, title="Pipeline inspection", description="Inspect the pipeline.")
    b2 = await post(client, token_for, bob, service, title="Duplicate of swarming", description="Swarm again.")
    await set_status(graph, a2["id"], "UNDER_REVIEW")
    await set_status(graph, b2["id"], "MERGED")

    everything = await listed(client, first=10)
    assert sorted(titles(everything)) == ["Case swarming", "Forecast rollups", "Pipeline inspection"]
    assert everything["totalCount"] == 3  # the merged idea is left out
    merged = await listed(client, filter={"status": ["MERGED"]})
    assert titles(merged) == ["Duplicate of swarming"] and merged["totalCount"] == 1
    new_or_merged = await listed(client, filter={"status": ["NEW", "MERGED"]}, first=10)
    assert sorted(titles(new_or_merged)) == ["Duplicate of swarming", "Forecast rollups", "Pipeline inspection"]
    assert titles(await listed(client, filter={"status": ["UNDER_REVIEW"]})) == ["Case swarming"]

    in_sales = await listed(client, filter={"productAreaId": gid("Topic", sales)})
    assert sorted(titles(in_sales)) == ["Forecast rollups", "Pipeline inspection"] and in_sales["totalCount"] == 2
    by_bob = await listed(client, filter={"authorId": gid("Member", bob)})
    assert titles(by_bob) == ["Pipeline inspection"]
    both = await listed(client, filter={"authorId": gid("Member", alice), "productAreaId": gid("Topic", service)})
    assert titles(both) == ["Case swarming"]
    swarm = await listed(client, filter={"search": "  SWARM "}, first=10)
    assert titles(swarm) == ["Case swarming"] and swarm["totalCount"] == 1
    assert titles(await listed(client, filter={"search": "swarm", "status": ["MERGED", "UNDER_REVIEW"]},
                               first=10, order="NEWEST")) == ["Duplicate of swarming", "Case swarming"]
    assert a1["id"] and b1["id"]


async def test_cypher_looking_search_text_is_only_data(graph, client, token_for):
    author = await factories.member(graph)
    (area,) = await factories.topics(graph, 1)
    tricky = "x') MATCH (n) DETACH DELETE n //"
    await post(client, token_for, author, area, title="Quotes ' and \" and } braces", description=tricky)
    await post(client, token_for, author, area, title="An ordinary idea")
    before = await footprint(graph)
    for text in ["' OR 1=1 //", "\") RETURN n //", "MATCH (m) DETACH DELETE m", "$search", "}]) {"]:
        result = await listed(client, filter={"search": text})
        assert result["totalCount"] == 0, text
    found = await listed(client, filter={"search": "detach delete n //"})
    assert titles(found) == ["Quotes ' and \" and } braces"]
    assert titles(await listed(client, filter={"search": "' and \" and }"})) == ["Quotes ' and \" and } braces"]
    assert await footprint(graph) == before


async def test_bad_filters_and_ids_are_bad_user_input(graph, client):
    cases = [
        ({"filter": {"productAreaId": "nope"}}, "filter.productAreaId"),
        ({"filter": {"productAreaId": gid("Member", {"id": "x"})}}, "filter.productAreaId"),
        ({"filter": {"authorId": gid("Topic", {"id": "x"})}}, "filter.authorId"),
        ({"filter": {"search": "s" * 201}}, "search"),
        ({"after": "not-a-cursor"}, "after"),
    ]
    for variables, field in cases:
        body = await gql(client, LIST, variables)
        assert codes(body) == ["BAD_USER_INPUT"], variables
        assert body["errors"][0]["extensions"]["field"] == field, variables
    bad_id = await gql(client, "{ idea(id: \"garbage\") { id } }")
    assert codes(bad_id) == ["BAD_USER_INPUT"] and bad_id["errors"][0]["extensions"]["field"] == "id"
    missing = await gql(client, "query($id: ID!) { idea(id: $id) { id } }", {"id": gid("Idea", {"id": "none"})})
    assert missing == {"data": {"idea": None}, "extensions": missing["extensions"]}
    wrong_type = await gql(client, "query($id: ID!) { idea(id: $id) { id } }", {"id": gid("Topic", {"id": "x"})})
    assert codes(wrong_type) == ["BAD_USER_INPUT"]


async def test_member_ideas_lists_what_they_posted_newest_first_in_every_status(graph, client, token_for):
    author, other = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    first = await post(client, token_for, author, area, title="My first idea")
    second = await post(client, token_for, author, area, title="My second idea")
    await post(client, token_for, other, area, title="Someone else's idea")
    await set_status(graph, first["id"], "MERGED")
    body = await gql(client, """query($handle: String!) { member(handle: $handle) {
        ideas(first: 10) { totalCount nodes { title status } } } }""", {"handle": author["handle"]})
    ideas = body["data"]["member"]["ideas"]
    assert ideas["totalCount"] == 2
    assert ideas["nodes"] == [{"title": "My second idea", "status": "NEW"}, {"title": "My first idea", "status": "MERGED"}]
    assert second["id"]
    page = await gql(client, """query($handle: String!) { member(handle: $handle) {
        ideas(first: 1) { pageInfo { hasNextPage endCursor } nodes { title } } } }""", {"handle": author["handle"]})
    assert page["data"]["member"]["ideas"]["nodes"] == [{"title": "My second idea"}]
    assert page["data"]["member"]["ideas"]["pageInfo"]["hasNextPage"] is True


async def test_followers_newest_first_and_entities_resolve_by_id(graph, client, token_for):
    author, *fans = await factories.members(graph, 4)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    for fan in fans:
        await gql(client, FOLLOW, {"input": {"ideaId": idea["id"]}}, headers=token_for(fan["id"]))
    body = await gql(client, """query($id: ID!) { idea(id: $id) { followerCount
        followers(first: 10) { totalCount edges { followedAt node { handle } } } } }""", {"id": idea["id"]})
    data = body["data"]["idea"]
    assert data["followerCount"] == 4 and data["followers"]["totalCount"] == 4
    handles = [e["node"]["handle"] for e in data["followers"]["edges"]]
    assert handles == [fans[2]["handle"], fans[1]["handle"], fans[0]["handle"], author["handle"]]
    assert all(e["followedAt"] for e in data["followers"]["edges"])
    node = await gql(client, "query($id: ID!) { node(id: $id) { ... on Idea { title } } }", {"id": idea["id"]})
    assert node["data"]["node"] == {"title": idea["title"]}
    missing = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": gid("Idea", {"id": "gone"})})
    assert missing["data"]["node"] is None
    entities = await gql(client, """query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Idea { title followerCount } ... on IdeaComment { body } } }""",
                         {"reps": [{"__typename": "Idea", "id": idea["id"]},
                                   {"__typename": "Idea", "id": "garbage"}]}, path="/subgraphs/ideas/graphql")
    assert entities["data"]["_entities"] == [{"title": idea["title"], "followerCount": 4}, None]


async def test_hidden_members_never_show_through_ideas(graph, client, token_for):
    shy = await factories.member(graph, visibility="PRIVATE")
    members_only = await factories.member(graph, visibility="MEMBERS")
    viewer = await factories.member(graph)
    (area,) = await factories.topics(graph, 1)
    shy_idea = await post(client, token_for, shy, area, title="An idea from a private member")
    club_idea = await post(client, token_for, members_only, area, title="An idea from a members-only profile")
    for who in (shy, members_only):
        await gql(client, FOLLOW, {"input": {"ideaId": club_idea["id"]}}, headers=token_for(who["id"]))
    await comment(client, token_for, shy, club_idea["id"], "A private member's comment")

    query = """query($id: ID!) { idea(id: $id) { author { handle } followerCount
        followers(first: 10) { totalCount nodes { handle } }
        comments(first: 10) { nodes { body author { handle } } } } }"""
    anonymous = (await gql(client, query, {"id": club_idea["id"]}))["data"]["idea"]
    assert anonymous["author"] is None
    assert anonymous["followerCount"] == 2 and anonymous["followers"] == {"totalCount": 0, "nodes": []}
    assert anonymous["comments"]["nodes"] == [{"body": "A private member's comment", "author": None}]

    signed_in = (await gql(client, query, {"id": club_idea["id"]}, headers=token_for(viewer["id"])))["data"]["idea"]
    assert signed_in["author"] == {"handle": members_only["handle"]}
    assert signed_in["followers"] == {"totalCount": 1, "nodes": [{"handle": members_only["handle"]}]}
    assert signed_in["comments"]["nodes"][0]["author"] is None

    own = (await gql(client, query, {"id": shy_idea["id"]}, headers=token_for(shy["id"])))["data"]["idea"]
    assert own["author"] == {"handle": shy["handle"]}  # one always sees oneself

    # Filtering by a hidden author finds nothing, so the filter cannot reveal who wrote what.
    hidden = await listed(client, token_for(viewer["id"]), filter={"authorId": gid("Member", shy)})
    assert hidden["totalCount"] == 0 and hidden["nodes"] == []
    listed_all = await listed(client, token_for(viewer["id"]), first=10)
    assert {n["title"]: n["author"] for n in listed_all["nodes"]} == {
        "An idea from a private member": None,
        "An idea from a members-only profile": {"handle": members_only["handle"]},
    }
    mine = await listed(client, token_for(shy["id"]), filter={"authorId": gid("Member", shy)})
    assert titles(mine) == ["An idea from a private member"]
