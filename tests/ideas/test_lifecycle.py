"""setIdeaStatus, the status history and IdeaStatusChange: what a product manager's move writes,
every refusal (which writes nothing), who may move ideas, history order and paging, privacy, a
fixed query cost, and moves racing with votes. The helpers here are shared by test_merge*,
test_roadmap* and tests/connections/test_feed_ideas.py."""

from __future__ import annotations

import asyncio
from typing import Any

from graph.cypher import Query
from resolvers.ids import from_global_id
from tests import factories
from tests.gql import codes, gid, gql, round_trips

PM_ROLES = ("member", "product_manager")
ERRORS = "userErrors { field message code }"
POST = """mutation($input: PostIdeaInput!) { postIdea(input: $input) { idea { id } userErrors { field code } } }"""
VOTE = """mutation($input: VoteIdeaInput!) { voteIdea(input: $input) { idea { id points status } %s } }""" % ERRORS
FOLLOW = """mutation($input: FollowIdeaInput!) { followIdea(input: $input) { idea { id } %s } }""" % ERRORS
COMMENT = """mutation($input: CommentOnIdeaInput!) { commentOnIdea(input: $input) { idea { id } %s } }""" % ERRORS
CHANGE_FIELDS = """id from to comment expectedRelease at changedBy { handle } idea { id status }"""
SET_STATUS = """mutation($input: SetIdeaStatusInput!) { setIdeaStatus(input: $input) {
  idea { id status expectedRelease statusChangedAt updatedAt }
  statusChange { %s } %s } }""" % (CHANGE_FIELDS, ERRORS)
HISTORY = """query($id: ID!, $first: Int, $after: String) { idea(id: $id) { status
  statusHistory(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { %s } } } } }""" % CHANGE_FIELDS

# Everything a lifecycle write can touch, to prove that a refusal touched nothing (versions included).
FOOTPRINT = Query("test_lifecycle_footprint", """
RETURN COUNT { MATCH (:IdeaStatusChange) } AS changes,
  COUNT { MATCH (:Member)-[:CHANGED_STATUS]->(:IdeaStatusChange) } AS changedBy,
  COUNT { MATCH (:Idea)-[:MERGED_INTO]->(:Idea) } AS merges,
  COUNT { MATCH (:Member)-[:VOTED]->(:Idea) } AS votes,
  COUNT { MATCH (:Member)-[:FOLLOWS]->(:Idea) } AS follows,
  COUNT { MATCH (:IdeaComment)-[:ON]->(:Idea) } AS comments,
  COUNT { MATCH (:Member)-[:ALLOCATED]->(:Idea) } AS allocations,
  COLLECT { MATCH (i:Idea) RETURN properties(i) } AS ideas""", "", __file__, 0)

# Every invariant of graph/MODEL.md "Ideas" that an idea's lifecycle can break, measured per idea.
FACTS = Query("test_lifecycle_facts", """
MATCH (i:Idea)
OPTIONAL MATCH (i)-[:HAD_STATUS]->(c:IdeaStatusChange)
WITH i, c ORDER BY c.at DESC, c.id DESC
WITH i, collect(c.to) AS history, collect(c.from) AS froms
RETURN i {.*} AS idea, history, froms,
  COUNT { (:Member)-[:VOTED {value: 1}]->(i) } AS ups,
  COUNT { (:Member)-[:VOTED {value: -1}]->(i) } AS downs,
  COLLECT { MATCH (:Member)-[v:VOTED]->(i) RETURN v.trend } AS trends,
  COUNT { (:Member)-[:FOLLOWS]->(i) } AS follows,
  COUNT { (:IdeaComment)-[:ON]->(i) } AS comments,
  COLLECT { MATCH (:Member)-[a:ALLOCATED]->(i) RETURN a.coins } AS coins,
  COUNT { (i)-[:MERGED_INTO]->(:Idea) } AS mergedInto,
  COUNT { (a:Member)-[:PROPOSED]->(i) WHERE EXISTS { (a)-[:VOTED]->(i) } } AS ownVotes,
  COLLECT { MATCH (m:Member)-[:VOTED]->(i) RETURN m.id } AS voters,
  COLLECT { MATCH (m:Member)-[:FOLLOWS]->(i) RETURN m.id } AS followers,
  COLLECT { MATCH (m:Member)-[a:ALLOCATED]->(i) RETURN m.id + ' ' + a.roundId } AS allocations""", "", __file__, 0)
BUDGETS = Query("test_lifecycle_budgets", """
MATCH (m:Member)-[:HAS_BUDGET]->(b:CoinBudget)-[:FOR_ROUND]->(r:PrioritizationRound)
RETURN b.key AS key, b.spent AS spent, r.budget AS budget,
  COLLECT { MATCH (m)-[a:ALLOCATED]->(:Idea) WHERE a.roundId = r.id RETURN a.coins } AS allocated""",
                "", __file__, 0)


def local(global_id: str) -> str:
    """The application id inside a global ID."""
    return from_global_id(global_id).id


async def post_idea(client, token_for, author: dict, area: dict, title: str = "Dark mode for setup pages") -> str:
    """Post an idea through the API; its global ID."""
    body = await gql(client, POST, {"input": {"title": title, "description": "Easier on the eyes at night.",
                                              "productAreaId": gid("Topic", area)}}, headers=token_for(author["id"]))
    assert "errors" not in body and body["data"]["postIdea"]["userErrors"] == [], body
    return body["data"]["postIdea"]["idea"]["id"]


async def act(client, token_for, member: dict, mutation: str, name: str, variables: dict[str, Any]) -> dict:
    """Run an idea mutation as `member`; its payload (the test fails on GraphQL errors or user errors)."""
    body = await gql(client, mutation, {"input": variables}, headers=token_for(member["id"]))
    assert "errors" not in body and body["data"][name]["userErrors"] == [], body
    return body["data"][name]


async def vote(client, token_for, voter: dict, idea_id: str, value: str = "UP") -> dict:
    return await act(client, token_for, voter, VOTE, "voteIdea", {"ideaId": idea_id, "value": value})


async def set_status(client, token_for, pm: dict, idea_id: str, status: str, comment: str = "Moving on",
                     expected_release: str | None = None) -> dict[str, Any]:
    """setIdeaStatus as a product manager; the whole response body."""
    variables = {"ideaId": idea_id, "status": status, "comment": comment}
    if expected_release is not None:
        variables["expectedRelease"] = expected_release
    return await gql(client, SET_STATUS, {"input": variables}, headers=token_for(pm["id"], *PM_ROLES))


async def footprint(graph) -> dict[str, Any]:
    rows = await graph.read(FOOTPRINT)
    row = dict(rows[0])
    row["ideas"] = sorted(row["ideas"], key=lambda idea: idea["id"])
    return row


async def assert_invariants(graph, threshold: int) -> dict[str, dict]:
    """Check every invariant of graph/MODEL.md "Ideas" the lifecycle can break, on every idea;
    the facts by idea id."""
    facts = {row["idea"]["id"]: row for row in await graph.read(FACTS)}
    for idea_id, row in facts.items():
        idea = row["idea"]
        assert idea["upVotes"] == row["ups"] and idea["downVotes"] == row["downs"], row
        assert idea["points"] == 10 * (idea["upVotes"] - idea["downVotes"]), row
        assert isinstance(idea["trend"], float) and abs(idea["trend"] - sum(row["trends"])) < 1e-6 * max(
            1.0, abs(idea["trend"])), row
        assert idea["followerCount"] == row["follows"], row
        assert idea["commentCount"] == row["comments"], row
        assert idea["coins"] == sum(row["coins"]), row
        assert row["ownVotes"] == 0, row
        assert len(row["voters"]) == len(set(row["voters"])), row
        assert len(row["followers"]) == len(set(row["followers"])), row
        assert len(row["allocations"]) == len(set(row["allocations"])), row
        # Every status change after creation is one IdeaStatusChange, chained from NEW.
        chain = list(reversed(row["history"]))
        assert idea["status"] == (chain[-1] if chain else "NEW"), row
        assert list(reversed(row["froms"])) == (["NEW", *chain[:-1]] if chain else []), row
        if idea["status"] == "NEW":
            assert idea["points"] < threshold, row
        if idea["status"] == "MERGED":
            assert row["mergedInto"] == 1 and idea.get("mergedAt") is not None, row
            assert (row["ups"], row["downs"], row["follows"], row["comments"], row["coins"]) == (0, 0, 0, 0, []), row
        else:
            assert row["mergedInto"] == 0, row
    for budget in await graph.read(BUDGETS):
        assert budget["spent"] == sum(budget["allocated"]) <= budget["budget"], budget
    return facts


async def _world(graph):
    pm = await factories.member(graph, "pm-paula")
    author, fan = await factories.member(graph, "author-ann"), await factories.member(graph, "fan-fred")
    (area,) = await factories.topics(graph, 1)
    return pm, author, fan, area


async def test_a_product_manager_moves_an_idea_and_its_history_keeps_each_move(graph, client, token_for):
    pm, author, _, area = await _world(graph)
    idea = await post_idea(client, token_for, author, area)

    body = await set_status(client, token_for, pm, idea, "SHORTLISTED", "  On the list for summer  ", "2026-09-01")
    assert "errors" not in body, body
    payload = body["data"]["setIdeaStatus"]
    assert payload["userErrors"] == []
    assert payload["idea"]["status"] == "SHORTLISTED" and payload["idea"]["expectedRelease"] == "2026-09-01"
    assert payload["idea"]["statusChangedAt"] == payload["statusChange"]["at"] == payload["idea"]["updatedAt"]
    change = payload["statusChange"]
    assert (change["from"], change["to"], change["comment"], change["expectedRelease"]) == (
        "NEW", "SHORTLISTED", "On the list for summer", "2026-09-01")
    assert change["changedBy"] == {"handle": "pm-paula"} and change["idea"] == {"id": idea, "status": "SHORTLISTED"}

    # Without a date the idea keeps the one it has; NOT_PLANNED clears it.
    kept = (await set_status(client, token_for, pm, idea, "IN_DEVELOPMENT", "Started"))["data"]["setIdeaStatus"]
    assert kept["idea"]["expectedRelease"] == "2026-09-01" and kept["statusChange"]["expectedRelease"] is None
    dropped = (await set_status(client, token_for, pm, idea, "NOT_PLANNED", "Dropped"))["data"]["setIdeaStatus"]
    assert dropped["idea"]["status"] == "NOT_PLANNED" and dropped["idea"]["expectedRelease"] is None
    back = (await set_status(client, token_for, pm, idea, "IN_TESTING", "Back on", "2027-01-15"))["data"]["setIdeaStatus"]
    assert back["statusChange"]["from"] == "NOT_PLANNED" and back["idea"]["expectedRelease"] == "2027-01-15"

    history = (await gql(client, HISTORY, {"id": idea}))["data"]["idea"]["statusHistory"]
    assert history["totalCount"] == 4
    assert [(e["node"]["from"], e["node"]["to"]) for e in history["edges"]] == [
        ("NOT_PLANNED", "IN_TESTING"), ("IN_DEVELOPMENT", "NOT_PLANNED"), ("SHORTLISTED", "IN_DEVELOPMENT"),
        ("NEW", "SHORTLISTED")]
    stored = (await footprint(graph))["ideas"][0]
    assert stored["version"] == 4 and stored["expectedRelease"] == "2027-01-15"  # one lock per move
    assert (await footprint(graph))["changedBy"] == 4
    await assert_invariants(graph, 2500)


async def test_every_refusal_writes_nothing(graph, client, token_for):
    pm, author, fan, area = await _world(graph)
    idea = await post_idea(client, token_for, author, area)
    other = await post_idea(client, token_for, author, area, "Keyboard shortcuts everywhere")
    await set_status(client, token_for, pm, idea, "SHORTLISTED")
    merge = """mutation($input: MergeIdeasInput!) { mergeIdeas(input: $input) { userErrors { code } } }"""
    merged = await gql(client, merge, {"input": {"fromId": other, "intoId": idea, "comment": "Same thing"}},
                       headers=token_for(pm["id"], *PM_ROLES))
    assert merged["data"]["mergeIdeas"]["userErrors"] == []
    before = await footprint(graph)

    async def refused(variables: dict, *, headers=None) -> tuple[list[str], list[tuple[str, str]]]:
        body = await gql(client, SET_STATUS, {"input": variables},
                         headers=headers if headers is not None else token_for(pm["id"], *PM_ROLES))
        payload = (body.get("data") or {}).get("setIdeaStatus") or {"userErrors": []}
        errors = [(e["field"], e["code"]) for e in payload["userErrors"]]
        assert await footprint(graph) == before, variables
        return codes(body), errors

    ok = {"ideaId": idea, "status": "IN_DEVELOPMENT", "comment": "Go"}
    assert await refused(ok, headers={}) == (["UNAUTHENTICATED"], [])
    assert await refused(ok, headers=token_for(fan["id"])) == (["FORBIDDEN"], [])
    assert await refused(ok, headers=token_for(fan["id"], "member", "admin")) == (["FORBIDDEN"], [])
    assert await refused({**ok, "ideaId": "not-an-id"}) == ([], [("ideaId", "BAD_USER_INPUT")])
    assert await refused({**ok, "ideaId": gid("Topic", area)}) == ([], [("ideaId", "BAD_USER_INPUT")])
    assert await refused({**ok, "ideaId": gid("Idea", {"id": "no-such-idea"})}) == ([], [("ideaId", "NOT_FOUND")])
    for status in ("NEW", "UNDER_REVIEW", "MERGED"):
        assert await refused({**ok, "status": status}) == ([], [("status", "BAD_USER_INPUT")])
    assert await refused({**ok, "comment": "   "}) == ([], [("comment", "BAD_USER_INPUT")])
    assert await refused({**ok, "comment": "x" * 2001}) == ([], [("comment", "BAD_USER_INPUT")])
    assert await refused({**ok, "comment": "bad\x00char"}) == ([], [("comment", "BAD_USER_INPUT")])
    assert await refused({**ok, "status": "NOT_PLANNED", "expectedRelease": "2026-10-01"}) == (
        [], [("expectedRelease", "BAD_USER_INPUT")])
    assert (await refused({**ok, "expectedRelease": "2026-13-01"}))[0] == ["BAD_USER_INPUT"]  # not a Date
    assert await refused({**ok, "status": "SHORTLISTED"}) == ([], [("status", "INVALID_TRANSITION")])
    assert await refused({**ok, "ideaId": other}) == ([], [("ideaId", "IDEA_MERGED")])
    ghost = {"id": "pm-without-a-profile"}
    assert await refused(ok, headers=token_for(ghost["id"], *PM_ROLES)) == ([], [("viewer", "NOT_FOUND")])
    # Strings that look like Cypher are just data.
    odd = "x' }) DETACH DELETE i //"
    body = await set_status(client, token_for, pm, idea, "IN_DEVELOPMENT", odd)
    assert body["data"]["setIdeaStatus"]["statusChange"]["comment"] == odd


async def test_the_history_pages_newest_first_and_shows_the_automatic_move(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "20")
    pm, author, fan, area = await _world(graph)
    other_fan = await factories.member(graph, "fan-flo")
    idea = await post_idea(client, token_for, author, area)
    await vote(client, token_for, fan, idea)
    reviewed = await vote(client, token_for, other_fan, idea)
    assert reviewed["idea"]["status"] == "UNDER_REVIEW"
    moves = ["SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED", "NOT_PLANNED", "SHORTLISTED"]
    for status in moves:
        assert (await set_status(client, token_for, pm, idea, status))["data"]["setIdeaStatus"]["userErrors"] == []

    seen, after = [], None
    while True:
        page = (await gql(client, HISTORY, {"id": idea, "first": 3, "after": after}))["data"]["idea"]["statusHistory"]
        assert page["totalCount"] == 7
        seen += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert [n["to"] for n in seen] == list(reversed(["UNDER_REVIEW", *moves]))
    assert [n["at"] for n in seen] == sorted((n["at"] for n in seen), reverse=True)
    automatic = seen[-1]
    assert (automatic["from"], automatic["comment"], automatic["changedBy"]) == ("NEW", None, None)
    assert {n["changedBy"]["handle"] for n in seen[:-1]} == {"pm-paula"}
    too_many = await gql(client, HISTORY, {"id": idea, "first": 101})
    assert codes(too_many) == ["BAD_USER_INPUT"]
    await assert_invariants(graph, 20)


async def test_a_status_change_is_a_node_and_hides_a_hidden_product_manager(graph, client, token_for):
    pm = await factories.member(graph, "pm-private", visibility="MEMBERS")
    author, fan = await factories.member(graph, "author-ann"), await factories.member(graph, "fan-fred")
    (area,) = await factories.topics(graph, 1)
    idea = await post_idea(client, token_for, author, area)
    change = (await set_status(client, token_for, pm, idea, "SHORTLISTED"))["data"]["setIdeaStatus"]["statusChange"]
    query = """query($id: ID!) { node(id: $id) { ... on IdeaStatusChange { id to changedBy { handle }
      idea { id } } } }"""
    as_member = await gql(client, query, {"id": change["id"]}, headers=token_for(fan["id"]))
    assert as_member["data"]["node"] == {"id": change["id"], "to": "SHORTLISTED", "changedBy": {"handle": "pm-private"},
                                         "idea": {"id": idea}}
    anonymous = await gql(client, query, {"id": change["id"]})
    assert anonymous["data"]["node"]["changedBy"] is None and anonymous["data"]["node"]["idea"] == {"id": idea}
    missing = await gql(client, query, {"id": gid("IdeaStatusChange", {"id": "nope"})})
    assert missing["data"]["node"] is None
    entities = """query($reps: [_Any!]!) { _entities(representations: $reps) { ... on IdeaStatusChange { to } } }"""
    fetched = await gql(client, entities, {"reps": [{"__typename": "IdeaStatusChange", "id": change["id"]}]},
                        path="/subgraphs/ideas/graphql")
    assert fetched["data"]["_entities"] == [{"to": "SHORTLISTED"}], fetched


async def test_status_histories_of_a_list_cost_a_fixed_number_of_queries(graph, client, token_for):
    pm, author, _, area = await _world(graph)
    query = """{ ideas(first: 50) { edges { node { id mergedInto { id }
      statusHistory(first: 5) { totalCount edges { node { to changedBy { handle } idea { id status } } } } } } } }"""

    async def grow(count: int) -> dict:
        for n in range(count):
            idea = await post_idea(client, token_for, author, area, f"Idea number {n:03d}")
            await set_status(client, token_for, pm, idea, "SHORTLISTED")
            await set_status(client, token_for, pm, idea, "IN_DEVELOPMENT")
        body = await gql(client, query)
        assert "errors" not in body, body
        return body

    small = await grow(2)
    big = await grow(28)
    edges = big["data"]["ideas"]["edges"]
    assert len(edges) == 30 and all(e["node"]["statusHistory"]["totalCount"] == 2 for e in edges)
    assert edges[0]["node"]["statusHistory"]["edges"][0]["node"]["changedBy"] == {"handle": "pm-paula"}
    # ideas page + histories + members (the changes' idea rows are the page's, already loaded).
    assert round_trips(big) == round_trips(small) == 3, (small["extensions"], big["extensions"])


async def test_moves_racing_with_votes_keep_every_counter_exact(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "100")
    pm, author, _, area = await _world(graph)
    voters = await factories.members(graph, 16)
    idea = await post_idea(client, token_for, author, area)
    moves = ["SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED"]

    async def move(status: str) -> dict:
        return await set_status(client, token_for, pm, idea, status)

    async def cast(voter: dict, value: str) -> dict:
        return await gql(client, VOTE, {"input": {"ideaId": idea, "value": value}}, headers=token_for(voter["id"]))

    results = await asyncio.gather(*(cast(v, "UP" if n % 4 else "DOWN") for n, v in enumerate(voters)),
                                   *(move(status) for status in moves))
    assert all("errors" not in body for body in results), [b for b in results if "errors" in b]
    assert all(body["data"]["voteIdea"]["userErrors"] == [] for body in results[:16])
    assert all(body["data"]["setIdeaStatus"]["userErrors"] == [] for body in results[16:])
    facts = await assert_invariants(graph, 100)
    stored = facts[local(idea)]
    assert (stored["idea"]["upVotes"], stored["idea"]["downVotes"], stored["idea"]["points"]) == (12, 4, 80)
    # Each move happened once, whatever order the races gave them (plus none automatic: 80 < 100).
    assert sorted(stored["history"]) == sorted(moves)
    assert stored["idea"]["version"] == 16 + 4
