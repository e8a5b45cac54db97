"""Round trips per ideas operation are pinned: an N+1 anywhere fails these tests."""

from __future__ import annotations

from tests import factories
from tests.gql import gql, round_trips
from tests.ideas.test_ideas_mutations import FOLLOW, comment, post, vote


async def _exchange(graph, client, token_for, ideas: int = 30):
    """`ideas` ideas by six authors in three areas; each with two comments by other members, and
    the viewer (the last member) voting on every third and following every fourth."""
    people = await factories.members(graph, 10)
    authors, commenters, viewer = people[:6], people[6:9], people[9]
    areas = await factories.topics(graph, 3)
    posted = []
    for i in range(ideas):
        idea = await post(client, token_for, authors[i % 6], areas[i % 3], title=f"Idea {i:02d} for the roadmap")
        await comment(client, token_for, commenters[i % 3], idea["id"], f"Comment A on {i}")
        await comment(client, token_for, commenters[(i + 1) % 3], idea["id"], f"Comment B on {i}")
        if i % 3 == 0:
            await vote(client, token_for, viewer, idea["id"], "UP")
        if i % 4 == 0:
            await gql(client, FOLLOW, {"input": {"ideaId": idea["id"]}}, headers=token_for(viewer["id"]))
        posted.append(idea)
    return people, posted


async def test_a_page_of_thirty_ideas_with_authors_areas_comments_and_viewer_state_costs_seven_queries(
        graph, client, token_for):
    people, _ = await _exchange(graph, client, token_for)
    body = await gql(client, """{ ideas(first: 30, orderBy: NEWEST) { totalCount nodes { title points trendingScore
        author { handle } productArea { slug } viewerVote viewerFollows
        comments(first: 5) { totalCount nodes { body author { handle } } } } } }""",
                     headers=token_for(people[9]["id"]))
    assert "errors" not in body, body
    data = body["data"]["ideas"]
    assert data["totalCount"] == 30 and len(data["nodes"]) == 30
    assert all(n["author"] and n["productArea"] and n["comments"]["totalCount"] == 2 for n in data["nodes"])
    assert all(c["author"] for n in data["nodes"] for c in n["comments"]["nodes"])
    assert sum(n["viewerVote"] == "UP" for n in data["nodes"]) == 10
    assert sum(n["viewerFollows"] for n in data["nodes"]) == 8
    # page + count + authors + areas + viewer votes + viewer follows + comments (their authors ride along)
    assert round_trips(body) == 7, body["extensions"]


async def test_followers_and_comments_of_an_idea_cost_three_queries(graph, client, token_for):
    author, *others = await factories.members(graph, 25)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    for member in others:
        await gql(client, FOLLOW, {"input": {"ideaId": idea["id"]}}, headers=token_for(member["id"]))
        await comment(client, token_for, member, idea["id"], f"From {member['handle']}")
    body = await gql(client, """query($id: ID!) { idea(id: $id) { title
        followers(first: 30) { totalCount edges { followedAt node { handle } } }
        comments(first: 30) { totalCount nodes { body createdAt author { handle } idea { title } } } } }""",
                     {"id": idea["id"]})
    assert "errors" not in body, body
    data = body["data"]["idea"]
    assert data["followers"]["totalCount"] == 25 and len(data["followers"]["edges"]) == 25
    assert data["comments"]["totalCount"] == 24 and all(c["author"] for c in data["comments"]["nodes"])
    assert all(c["idea"]["title"] == data["title"] for c in data["comments"]["nodes"])
    # the idea + its followers + its comments (members ride along with both; the comments' idea is
    # the one already loaded)
    assert round_trips(body) == 3, body["extensions"]


async def test_ideas_of_twenty_members_cost_three_queries(graph, client, token_for):
    people = await factories.members(graph, 20)
    areas = await factories.topics(graph, 2)
    for i, member in enumerate(people):
        for j in range(i % 3):
            await post(client, token_for, member, areas[(i + j) % 2], title=f"Idea {j} of member {i}")
    body = await gql(client, """{ members(first: 20) { nodes { handle
        ideas(first: 5) { totalCount nodes { title productArea { slug } author { handle } } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["members"]["nodes"]
    assert sorted(n["ideas"]["totalCount"] for n in nodes) == sorted(i % 3 for i in range(20))
    assert all(i["productArea"] and i["author"] for n in nodes for i in n["ideas"]["nodes"])
    # members + their ideas + the areas (authors are the members already loaded)
    assert round_trips(body) == 3, body["extensions"]
