"""postIdea, editIdea, followIdea/unfollowIdea and commentOnIdea: what they write, and that every
refusal writes nothing. The helpers here create ideas the way a client does; the other
test_ideas_* modules use them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from graph.cypher import Query
from tests import factories
from tests.gql import codes, gid, gql

IDEA_FIELDS = """id title description status points upVotes downVotes voteCount coins followerCount commentCount
  trendingScore expectedRelease underReviewAt statusChangedAt createdAt updatedAt viewerVote viewerFollows
  viewerCanEdit productArea { id slug } author { handle }"""
POST = """mutation($input: PostIdeaInput!) { postIdea(input: $input) {
  idea { %s } userErrors { field message code } } }""" % IDEA_FIELDS
EDIT = """mutation($input: EditIdeaInput!) { editIdea(input: $input) {
  idea { %s } userErrors { field message code } } }""" % IDEA_FIELDS
VOTE = """mutation($input: VoteIdeaInput!) { voteIdea(input: $input) {
  idea { %s } userErrors { field message code } } }""" % IDEA_FIELDS
FOLLOW = """mutation($input: FollowIdeaInput!) { followIdea(input: $input) {
  idea { id followerCount viewerFollows } userErrors { field message code } } }"""
UNFOLLOW = """mutation($input: UnfollowIdeaInput!) { unfollowIdea(input: $input) {
  idea { id followerCount viewerFollows } userErrors { field message code } } }"""
COMMENT = """mutation($input: CommentOnIdeaInput!) { commentOnIdea(input: $input) {
  comment { id body createdAt author { handle } idea { id } }
  idea { id commentCount } userErrors { field message code } } }"""
IDEA = """query($id: ID!) { idea(id: $id) { %s } }""" % IDEA_FIELDS

# The stored state of one idea, for what the API does not show (version, searchText, trend).
STORED = Query("test_idea_stored", """MATCH (i:Idea {id: $id})
RETURN i {.*} AS idea,
  COUNT { MATCH (i)<-[:FOLLOWS]-(:Member) } AS follows,
  COUNT { MATCH (i)<-[:VOTED]-(:Member) } AS votes,
  COUNT { MATCH (i)<-[:ON]-(:IdeaComment) } AS comments,
  COUNT { MATCH (i)-[:HAD_STATUS]->(:IdeaStatusChange) } AS statusChanges""", "", __file__, 0)
# Everything the idea mutations can create, to prove a refusal created nothing.
FOOTPRINT = Query("test_idea_footprint", """
RETURN COUNT { MATCH (i:Idea) } AS ideas,
  COUNT { MATCH (:Member)-[:VOTED]->(:Idea) } AS votes,
  COUNT { MATCH (:Member)-[:FOLLOWS]->(:Idea) } AS follows,
  COUNT { MATCH (c:IdeaComment) } AS comments,
  COUNT { MATCH (c:IdeaStatusChange) } AS statusChanges,
  COLLECT { MATCH (i:Idea) RETURN [i.id, i.version, i.title, i.status] } AS versions""", "", __file__, 0)
SET_STATUS = Query("test_set_idea_status", "MATCH (i:Idea {id: $id}) SET i.status = $status RETURN i.id AS id",
                   "", __file__, 0)


def local(global_id: str) -> str:
    """The application id inside a global ID."""
    from resolvers.ids import from_global_id

    return from_global_id(global_id).id


async def post(client, token_for, author: dict, area: dict, *, title: str = "Dark mode for the setup pages",
               description: str = "Long admin sessions at night would be easier on the eyes.") -> dict[str, Any]:
    """Post an idea through the API and return it (fails the test on any error)."""
    variables = {"input": {"title": title, "description": description, "productAreaId": gid("Topic", area)}}
    body = await gql(client, POST, variables, headers=token_for(author["id"]))
    assert "errors" not in body, body
    payload = body["data"]["postIdea"]
    assert payload["userErrors"] == [], payload
    return payload["idea"]


async def vote(client, token_for, voter: dict, idea_id: str, value: str) -> dict[str, Any]:
    """Vote through the API and return the payload (userErrors included)."""
    body = await gql(client, VOTE, {"input": {"ideaId": idea_id, "value": value}}, headers=token_for(voter["id"]))
    assert "errors" not in body, body
    return body["data"]["voteIdea"]


async def comment(client, token_for, author: dict, idea_id: str, text: str = "Yes please!") -> dict[str, Any]:
    body = await gql(client, COMMENT, {"input": {"ideaId": idea_id, "body": text}}, headers=token_for(author["id"]))
    assert "errors" not in body, body
    return body["data"]["commentOnIdea"]


async def stored(graph, idea_id: str) -> dict[str, Any]:
    rows = await graph.read(STORED, id=local(idea_id))
    return rows[0]


async def footprint(graph) -> dict[str, Any]:
    row = (await graph.read(FOOTPRINT))[0]
    row["versions"] = sorted(row["versions"])
    return row


async def set_status(graph, idea_id: str, status: str) -> None:
    """Put an idea in a status directly (the lifecycle mutations are another area's)."""
    await graph.write(SET_STATUS, id=local(idea_id), status=status)


# -- postIdea ------------------------------------------------------------------------------


async def test_a_posted_idea_starts_new_with_zero_counters_and_its_author_following(graph, client, token_for):
    author = await factories.member(graph)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area, title="  Bulk edit for Flows  ",
                      description="Edit many\nflows at once.")
    assert idea["title"] == "Bulk edit for Flows" and idea["description"] == "Edit many\nflows at once."
    assert idea["status"] == "NEW"
    assert (idea["points"], idea["upVotes"], idea["downVotes"], idea["voteCount"], idea["coins"],
            idea["commentCount"]) == (0, 0, 0, 0, 0, 0)
    assert idea["followerCount"] == 1 and idea["viewerFollows"] is True
    assert idea["trendingScore"] == 0.0 and idea["viewerVote"] == "NONE" and idea["viewerCanEdit"] is True
    assert idea["expectedRelease"] is None and idea["underReviewAt"] is None and idea["statusChangedAt"] is None
    assert idea["productArea"] == {"id": gid("Topic", area), "slug": area["slug"]}
    assert idea["author"] == {"handle": author["handle"]}
    assert idea["createdAt"] == idea["updatedAt"]

    row = await stored(graph, idea["id"])
    assert row["follows"] == 1 and row["votes"] == 0 and row["comments"] == 0 and row["statusChanges"] == 0
    saved = row["idea"]
    assert saved["version"] == 0 and saved["trend"] == 0.0 and isinstance(saved["trend"], float)
    assert saved["searchText"] == "bulk edit for flows edit many\nflows at once."

    # Anyone, even anonymous, reads it back; the viewer relations are empty for them.
    again = (await gql(client, IDEA, {"id": idea["id"]}))["data"]["idea"]
    assert again["title"] == idea["title"] and again["viewerFollows"] is False and again["viewerVote"] == "NONE"
    assert again["viewerCanEdit"] is False


async def test_post_idea_refusals_write_nothing(graph, client, token_for):
    author = await factories.member(graph)
    (area,) = await factories.topics(graph, 1)
    headers = token_for(author["id"])
    good = {"title": "A perfectly fine title", "description": "Fine.", "productAreaId": gid("Topic", area)}
    cases = [
        ({"title": "Tiny"}, "title", "BAD_USER_INPUT"),
        ({"title": "x" * 201}, "title", "BAD_USER_INPUT"),
        ({"title": "Bell \x07 title"}, "title", "BAD_USER_INPUT"),
        ({"description": "   "}, "description", "BAD_USER_INPUT"),
        ({"description": "y" * 10_001}, "description", "BAD_USER_INPUT"),
        ({"productAreaId": "not-an-id"}, "productAreaId", "BAD_USER_INPUT"),
        ({"productAreaId": gid("Member", author)}, "productAreaId", "BAD_USER_INPUT"),
        ({"productAreaId": gid("Topic", {"id": "no-such-topic"})}, "productAreaId", "NOT_FOUND"),
    ]
    for change, field, code in cases:
        body = await gql(client, POST, {"input": {**good, **change}}, headers=headers)
        payload = body["data"]["postIdea"]
        assert payload["idea"] is None, change
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)], change

    anonymous = await gql(client, POST, {"input": good})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    ghost = await gql(client, POST, {"input": good}, headers=token_for("no-such-member"))
    assert [(e["field"], e["code"]) for e in ghost["data"]["postIdea"]["userErrors"]] == [("viewer", "NOT_FOUND")]
    assert (await footprint(graph))["ideas"] == 0

    # The limits themselves pass.
    await post(client, token_for, author, area, title="x" * 5, description="y")
    await post(client, token_for, author, area, title="x" * 200, description="y" * 10_000)


# -- editIdea ------------------------------------------------------------------------------


async def test_the_author_edits_a_new_idea_and_search_follows_the_new_text(graph, client, token_for):
    author = await factories.member(graph)
    area, other_area = await factories.topics(graph, 2)
    idea = await post(client, token_for, author, area, title="Original wording", description="First draft.")
    body = await gql(client, EDIT, {"input": {"id": idea["id"], "title": "Quantum entanglement reports",
                                              "productAreaId": gid("Topic", other_area)}},
                     headers=token_for(author["id"]))
    payload = body["data"]["editIdea"]
    assert payload["userErrors"] == []
    edited = payload["idea"]
    assert edited["title"] == "Quantum entanglement reports" and edited["description"] == "First draft."
    assert edited["productArea"]["slug"] == other_area["slug"]
    assert datetime.fromisoformat(edited["updatedAt"]) > datetime.fromisoformat(idea["updatedAt"]) and edited["createdAt"] == idea["createdAt"]
    saved = (await stored(graph, idea["id"]))["idea"]
    assert saved["searchText"] == "quantum entanglement reports first draft."
    assert saved["version"] == 1

    search = """query($s: String) { ideas(filter: {search: $s}) { totalCount nodes { id } } }"""
    assert (await gql(client, search, {"s": "ENTANGLEMENT"}))["data"]["ideas"]["totalCount"] == 1
    assert (await gql(client, search, {"s": "original"}))["data"]["ideas"]["totalCount"] == 0

    # Only the description this time: the title stays.
    body = await gql(client, EDIT, {"input": {"id": idea["id"], "description": "Second draft."}},
                     headers=token_for(author["id"]))
    assert body["data"]["editIdea"]["idea"]["title"] == "Quantum entanglement reports"
    assert (await stored(graph, idea["id"]))["idea"]["searchText"] == "quantum entanglement reports second draft."


async def test_edit_idea_refusals_write_nothing(graph, client, token_for):
    author, other = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    moved_on = await post(client, token_for, author, area, title="Already under review")
    await set_status(graph, moved_on["id"], "UNDER_REVIEW")
    before = await footprint(graph)
    mine = token_for(author["id"])

    cases = [
        ({"id": idea["id"], "title": "abc"}, "title", "BAD_USER_INPUT"),
        ({"id": idea["id"], "title": None}, "title", "BAD_USER_INPUT"),
        ({"id": idea["id"], "description": ""}, "description", "BAD_USER_INPUT"),
        ({"id": idea["id"], "productAreaId": None}, "productAreaId", "BAD_USER_INPUT"),
        ({"id": idea["id"], "productAreaId": gid("Topic", {"id": "gone"})}, "productAreaId", "NOT_FOUND"),
        ({"id": idea["id"]}, "input", "BAD_USER_INPUT"),
        ({"id": "garbage", "title": "Valid title"}, "id", "BAD_USER_INPUT"),
        ({"id": gid("Idea", {"id": "missing"}), "title": "Valid title"}, "id", "NOT_FOUND"),
        ({"id": moved_on["id"], "title": "Valid title"}, "id", "NOT_EDITABLE"),
    ]
    for variables, field, code in cases:
        body = await gql(client, EDIT, {"input": variables}, headers=mine)
        payload = body["data"]["editIdea"]
        assert payload["idea"] is None, variables
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)], variables

    someone_else = await gql(client, EDIT, {"input": {"id": idea["id"], "title": "Hijacked title"}},
                             headers=token_for(other["id"]))
    assert codes(someone_else) == ["FORBIDDEN"]
    anonymous = await gql(client, EDIT, {"input": {"id": idea["id"], "title": "Hijacked title"}})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    assert await footprint(graph) == before  # not even a version moved


# -- followIdea / unfollowIdea ---------------------------------------------------------------


async def test_follow_and_unfollow_are_idempotent_and_count_exactly(graph, client, token_for):
    author, fan = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    variables = {"input": {"ideaId": idea["id"]}}
    for _ in range(2):
        payload = (await gql(client, FOLLOW, variables, headers=token_for(fan["id"])))["data"]["followIdea"]
        assert payload == {"idea": {"id": idea["id"], "followerCount": 2, "viewerFollows": True}, "userErrors": []}
    for _ in range(2):
        payload = (await gql(client, UNFOLLOW, variables, headers=token_for(fan["id"])))["data"]["unfollowIdea"]
        assert payload == {"idea": {"id": idea["id"], "followerCount": 1, "viewerFollows": False}, "userErrors": []}
    # The author may stop following their own idea too.
    payload = (await gql(client, UNFOLLOW, variables, headers=token_for(author["id"])))["data"]["unfollowIdea"]
    assert payload["idea"]["followerCount"] == 0
    assert (await stored(graph, idea["id"]))["follows"] == 0


async def test_follow_refusals_write_nothing(graph, client, token_for):
    author, fan = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    merged = await post(client, token_for, author, area)
    await set_status(graph, merged["id"], "MERGED")
    before = await footprint(graph)
    cases = [
        (FOLLOW, merged["id"], "IDEA_MERGED"),
        (FOLLOW, gid("Idea", {"id": "missing"}), "NOT_FOUND"),
        (UNFOLLOW, gid("Idea", {"id": "missing"}), "NOT_FOUND"),
        (FOLLOW, gid("Topic", {"id": "x"}), "BAD_USER_INPUT"),
    ]
    for query, idea_id, code in cases:
        body = await gql(client, query, {"input": {"ideaId": idea_id}}, headers=token_for(fan["id"]))
        payload = next(iter(body["data"].values()))
        assert payload["idea"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("ideaId", code)], (query, code)
    assert codes(await gql(client, FOLLOW, {"input": {"ideaId": merged["id"]}})) == ["UNAUTHENTICATED"]
    assert await footprint(graph) == before


# -- commentOnIdea ---------------------------------------------------------------------------


async def test_comments_are_counted_and_listed_oldest_first(graph, client, token_for):
    author, fan = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    first = await comment(client, token_for, fan, idea["id"], "  First!  ")
    assert first["userErrors"] == []
    assert first["comment"]["body"] == "First!" and first["comment"]["author"] == {"handle": fan["handle"]}
    assert first["comment"]["idea"] == {"id": idea["id"]} and first["idea"]["commentCount"] == 1
    second = await comment(client, token_for, author, idea["id"], "Thanks.\nMore soon.")
    assert second["idea"]["commentCount"] == 2

    listed = await gql(client, """query($id: ID!) { idea(id: $id) { commentCount
        comments(first: 10) { totalCount nodes { id body } } } }""", {"id": idea["id"]})
    data = listed["data"]["idea"]
    assert data["comments"]["totalCount"] == 2
    assert [n["body"] for n in data["comments"]["nodes"]] == ["First!", "Thanks.\nMore soon."]
    newest = await gql(client, """query($id: ID!) { idea(id: $id) {
        comments(last: 1) { pageInfo { hasPreviousPage } nodes { body } } } }""", {"id": idea["id"]})
    assert newest["data"]["idea"]["comments"] == {"pageInfo": {"hasPreviousPage": True},
                                                  "nodes": [{"body": "Thanks.\nMore soon."}]}
    node = await gql(client, "query($id: ID!) { node(id: $id) { ... on IdeaComment { body idea { title } } } }",
                     {"id": first["comment"]["id"]})
    assert node["data"]["node"] == {"body": "First!", "idea": {"title": idea["title"]}}


async def test_comment_refusals_write_nothing(graph, client, token_for):
    author, fan = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    merged = await post(client, token_for, author, area, title="A duplicate idea")
    await set_status(graph, merged["id"], "MERGED")
    before = await footprint(graph)
    cases = [
        (idea["id"], "", "body", "BAD_USER_INPUT"),
        (idea["id"], "z" * 5001, "body", "BAD_USER_INPUT"),
        (merged["id"], "Me too", "ideaId", "IDEA_MERGED"),
        (gid("Idea", {"id": "missing"}), "Me too", "ideaId", "NOT_FOUND"),
        ("%%%", "Me too", "ideaId", "BAD_USER_INPUT"),
    ]
    for idea_id, text, field, code in cases:
        payload = await comment(client, token_for, fan, idea_id, text)
        assert payload["comment"] is None and payload["idea"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)], (text[:10], code)
    assert codes(await gql(client, COMMENT, {"input": {"ideaId": idea["id"], "body": "Hi"}})) == ["UNAUTHENTICATED"]
    assert await footprint(graph) == before
    assert (await comment(client, token_for, fan, idea["id"], "z" * 5000))["idea"]["commentCount"] == 1
