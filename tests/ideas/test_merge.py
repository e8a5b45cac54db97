"""mergeIdeas: votes (a member who voted on both counts once; the survivor's author's vote is
dropped), followers, comments, coins and shortlists move to the survivor with exact counters; the
survivor may cross the review threshold; every refusal writes nothing; merges racing with votes,
follows, comments and each other keep every invariant of graph/MODEL.md "Ideas"."""

from __future__ import annotations

import asyncio

from graph.cypher import Query
from graph.seed.writer import SeedWriter
from tests import factories
from tests.gql import codes, gid, gql, round_trips
from tests.ideas import factories as idea_factories
from tests.ideas.test_lifecycle import (
    COMMENT, ERRORS, FOLLOW, PM_ROLES, VOTE, act, assert_invariants, footprint, local, post_idea, set_status, vote,
)

MERGE = """mutation($input: MergeIdeasInput!) { mergeIdeas(input: $input) {
  idea { id status points upVotes downVotes followerCount commentCount coins underReviewAt mergedInto { id }
    statusHistory { edges { node { from to comment changedBy { handle } } } } }
  merged { id status points upVotes downVotes followerCount commentCount coins mergedInto { id title } }
  statusChange { from to comment changedBy { handle } idea { id status } } %s } }""" % ERRORS
VIEWER_VOTE = """query($id: ID!) { idea(id: $id) { viewerVote viewerFollows } }"""
VOTES = Query("test_merge_votes", """MATCH (m:Member)-[v:VOTED]->(i:Idea {id: $id})
RETURN m.id AS member, v.value AS value, v.at AS at, v.trend AS trend ORDER BY member""", "", __file__, 0)
SHORTLISTS = Query("test_merge_shortlists", """MATCH (r:PrioritizationRound {id: $id})-[s:SHORTLISTS]->(i:Idea)
RETURN i.id AS idea, s.position AS position ORDER BY position""", "", __file__, 0)
ALLOCATIONS = Query("test_merge_allocations", """MATCH (m:Member)-[a:ALLOCATED]->(i:Idea {id: $id})
RETURN m.id + ' ' + a.roundId AS key, a.coins AS coins""", "", __file__, 0)


async def merge(client, token_for, pm: dict, from_id: str, into_id: str, comment: str | None = "Same request") -> dict:
    variables = {"fromId": from_id, "intoId": into_id}
    if comment is not None:
        variables["comment"] = comment
    return await gql(client, MERGE, {"input": variables}, headers=token_for(pm["id"], *PM_ROLES))


async def test_a_merge_moves_votes_followers_comments_and_coins_with_exact_counters(graph, client, token_for):
    pm = await factories.member(graph, "pm-paula")
    a, b = await factories.member(graph, "author-a"), await factories.member(graph, "author-b")
    v1, v2, v3, v4, fan = [await factories.member(graph, h) for h in ("voter-1", "voter-2", "voter-3", "voter-4", "fan")]
    (area,) = await factories.topics(graph, 1)
    dup = await post_idea(client, token_for, a, area, "Dark mode, please")
    keep = await post_idea(client, token_for, b, area, "Dark mode for setup pages")
    for voter, value in ((v1, "UP"), (v2, "UP"), (b, "UP"), (v3, "UP"), (v4, "DOWN")):
        await vote(client, token_for, voter, dup, value)
    for voter, value in ((v1, "UP"), (v2, "DOWN"), (a, "UP")):
        await vote(client, token_for, voter, keep, value)
    for member, idea in ((v1, dup), (v1, keep), (fan, dup)):
        await act(client, token_for, member, FOLLOW, "followIdea", {"ideaId": idea})
    for member, idea in ((v1, dup), (v1, dup), (v2, keep)):
        await act(client, token_for, member, COMMENT, "commentOnIdea", {"ideaId": idea, "body": "Yes!"})
    dup_row, keep_row = {"id": local(dup)}, {"id": local(keep)}
    both = await idea_factories.round(graph, area, opened_by=pm, shortlist=[dup_row, keep_row])
    only_dup = await idea_factories.round(graph, area, opened_by=pm, shortlist=[dup_row])
    await idea_factories.allocation(graph, v1, both, dup_row, 20)
    await idea_factories.allocation(graph, v1, both, keep_row, 50)
    await idea_factories.allocation(graph, v3, both, dup_row, 5)
    await idea_factories.allocation(graph, v3, only_dup, dup_row, 50)
    moved_votes = {row["member"]: row for row in await graph.read(VOTES, id=dup_row["id"])}
    kept_votes = {row["member"]: row for row in await graph.read(VOTES, id=keep_row["id"])}
    await assert_invariants(graph, 2500)

    body = await merge(client, token_for, pm, dup, keep, "Duplicate of the older request")
    assert "errors" not in body, body
    payload = body["data"]["mergeIdeas"]
    assert payload["userErrors"] == []
    survivor, merged = payload["idea"], payload["merged"]
    # v1 and v2 voted on both: their survivor votes stay (v2's DOWN too); b wrote the survivor: dropped.
    assert (survivor["upVotes"], survivor["downVotes"], survivor["points"]) == (3, 2, 10)  # v1, a, v3 / v2, v4
    assert survivor["followerCount"] == 4  # b, v1 (once), a, fan
    assert survivor["commentCount"] == 3
    assert survivor["coins"] == 125  # v1: 20 + 50 in one allocation; v3: 5 and 50
    assert survivor["status"] == "NEW" and survivor["mergedInto"] is None
    assert merged == {"id": dup, "status": "MERGED", "points": 0, "upVotes": 0, "downVotes": 0, "followerCount": 0,
                      "commentCount": 0, "coins": 0, "mergedInto": {"id": keep, "title": "Dark mode for setup pages"}}
    assert payload["statusChange"] == {"from": "NEW", "to": "MERGED", "comment": "Duplicate of the older request",
                                       "changedBy": {"handle": "pm-paula"}, "idea": {"id": dup, "status": "MERGED"}}

    after = {row["member"]: row for row in await graph.read(VOTES, id=keep_row["id"])}
    assert set(after) == {v1["id"], v2["id"], a["id"], v3["id"], v4["id"]}
    for member in (v1["id"], v2["id"], a["id"]):
        assert after[member] == kept_votes[member]  # the survivor's votes did not change
    for member in (v3["id"], v4["id"]):
        assert after[member] == {**moved_votes[member]}  # moved with their value, time and trend
    viewer = await gql(client, VIEWER_VOTE, {"id": keep}, headers=token_for(v2["id"]))
    assert viewer["data"]["idea"] == {"viewerVote": "DOWN", "viewerFollows": False}
    allocations = {row["key"]: row["coins"] for row in await graph.read(ALLOCATIONS, id=keep_row["id"])}
    assert allocations == {f"{v1['id']} {both['id']}": 70, f"{v3['id']} {both['id']}": 5,
                           f"{v3['id']} {only_dup['id']}": 50}
    assert await graph.read(SHORTLISTS, id=both["id"]) == [{"idea": keep_row["id"], "position": 2}]
    assert await graph.read(SHORTLISTS, id=only_dup["id"]) == [{"idea": keep_row["id"], "position": 1}]
    await assert_invariants(graph, 2500)
    assert (await SeedWriter(graph).ideas_mismatches())["ideas"] == 0

    # A merged idea takes no more votes, and is no merge target.
    late = await gql(client, VOTE, {"input": {"ideaId": dup, "value": "UP"}}, headers=token_for(fan["id"]))
    assert [e["code"] for e in late["data"]["voteIdea"]["userErrors"]] == ["IDEA_MERGED"]


async def test_the_survivor_crosses_the_review_threshold_through_the_merge(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "50")
    pm = await factories.member(graph, "pm-paula")
    a, b = await factories.member(graph, "author-a"), await factories.member(graph, "author-b")
    voters = await factories.members(graph, 6)
    (area,) = await factories.topics(graph, 1)
    dup = await post_idea(client, token_for, a, area, "Dark mode, please")
    keep = await post_idea(client, token_for, b, area, "Dark mode for setup pages")
    for voter in voters[:3]:
        await vote(client, token_for, voter, dup)
    for voter in voters[3:]:
        await vote(client, token_for, voter, keep)

    payload = (await merge(client, token_for, pm, dup, keep, None))["data"]["mergeIdeas"]
    assert payload["userErrors"] == []
    survivor = payload["idea"]
    assert survivor["points"] == 60 and survivor["status"] == "UNDER_REVIEW" and survivor["underReviewAt"]
    assert [e["node"] for e in survivor["statusHistory"]["edges"]] == [
        {"from": "NEW", "to": "UNDER_REVIEW", "comment": None, "changedBy": None}]
    assert payload["statusChange"]["comment"] is None  # the comment is optional
    await assert_invariants(graph, 50)
    assert (await SeedWriter(graph).ideas_mismatches(review_threshold=50))["ideas"] == 0

    # Already past NEW: a later merge changes no status.
    third = await post_idea(client, token_for, a, area, "Darker dark mode")
    await vote(client, token_for, voters[0], third)
    again = (await merge(client, token_for, pm, third, keep))["data"]["mergeIdeas"]
    assert again["idea"]["status"] == "UNDER_REVIEW" and len(again["idea"]["statusHistory"]["edges"]) == 1
    assert again["idea"]["points"] == 60  # voters[0] already voted on the survivor
    await assert_invariants(graph, 50)


async def test_every_refusal_writes_nothing(graph, client, token_for):
    pm, member = await factories.member(graph, "pm-paula"), await factories.member(graph, "member-mo")
    (area,) = await factories.topics(graph, 1)
    one = await post_idea(client, token_for, member, area, "First idea")
    two = await post_idea(client, token_for, member, area, "Second idea")
    gone = await post_idea(client, token_for, member, area, "Merged idea")
    await vote(client, token_for, pm, one)
    assert (await merge(client, token_for, pm, gone, two))["data"]["mergeIdeas"]["userErrors"] == []
    before = await footprint(graph)
    missing = gid("Idea", {"id": "no-such-idea"})

    async def refused(variables: dict, headers=None) -> tuple[list[str], list[tuple[str, str]]]:
        body = await gql(client, MERGE, {"input": variables},
                         headers=headers if headers is not None else token_for(pm["id"], *PM_ROLES))
        payload = (body.get("data") or {}).get("mergeIdeas") or {"userErrors": []}
        assert await footprint(graph) == before, variables
        return codes(body), [(e["field"], e["code"]) for e in payload["userErrors"]]

    ok = {"fromId": one, "intoId": two, "comment": "Same"}
    assert await refused(ok, headers={}) == (["UNAUTHENTICATED"], [])
    assert await refused(ok, headers=token_for(member["id"])) == (["FORBIDDEN"], [])
    assert await refused({**ok, "fromId": "nope"}) == ([], [("fromId", "BAD_USER_INPUT")])
    assert await refused({**ok, "intoId": gid("Topic", area)}) == ([], [("intoId", "BAD_USER_INPUT")])
    assert await refused({**ok, "intoId": one}) == ([], [("intoId", "SAME_IDEA")])
    assert await refused({**ok, "fromId": missing}) == ([], [("fromId", "NOT_FOUND")])
    assert await refused({**ok, "intoId": missing}) == ([], [("intoId", "NOT_FOUND")])
    assert await refused({**ok, "fromId": gone}) == ([], [("fromId", "IDEA_MERGED")])
    assert await refused({**ok, "intoId": gone}) == ([], [("intoId", "IDEA_MERGED")])
    assert await refused({**ok, "comment": ""}) == ([], [("comment", "BAD_USER_INPUT")])
    assert await refused({**ok, "comment": "x" * 2001}) == ([], [("comment", "BAD_USER_INPUT")])
    ghost = {"id": "pm-without-a-profile"}
    assert await refused(ok, headers=token_for(ghost["id"], *PM_ROLES)) == ([], [("viewer", "NOT_FOUND")])


async def test_merges_racing_with_votes_follows_and_comments_keep_every_invariant(graph, client, token_for,
                                                                                monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "100")
    pm, a, b = [await factories.member(graph, h) for h in ("pm-paula", "author-a", "author-b")]
    crowd = await factories.members(graph, 12)
    (area,) = await factories.topics(graph, 1)
    dup = await post_idea(client, token_for, a, area, "Dark mode, please")
    keep = await post_idea(client, token_for, b, area, "Dark mode for setup pages")
    for voter in crowd[:4]:  # some vote on both before the race
        await vote(client, token_for, voter, dup)
        await vote(client, token_for, voter, keep, "DOWN")

    async def run(member: dict, mutation: str, name: str, variables: dict) -> list[str]:
        body = await gql(client, mutation, {"input": variables}, headers=token_for(member["id"]))
        assert "errors" not in body, body
        return [e["code"] for e in body["data"][name]["userErrors"]]

    racing = []
    for n, member in enumerate(crowd):
        target = dup if n % 2 else keep
        racing += [run(member, VOTE, "voteIdea", {"ideaId": dup, "value": "UP"}),
                   run(member, VOTE, "voteIdea", {"ideaId": keep, "value": "UP"}),
                   run(member, FOLLOW, "followIdea", {"ideaId": target}),
                   run(member, COMMENT, "commentOnIdea", {"ideaId": target, "body": f"Comment {n}"})]
    results = await asyncio.gather(merge(client, token_for, pm, dup, keep), *racing)
    assert results[0]["data"]["mergeIdeas"]["userErrors"] == [], results[0]
    assert all(codes_ in ([], ["IDEA_MERGED"]) for codes_ in results[1:]), results[1:]
    facts = await assert_invariants(graph, 100)
    assert facts[local(dup)]["idea"]["status"] == "MERGED"
    survivor = facts[local(keep)]["idea"]
    assert survivor["upVotes"] + survivor["downVotes"] == 12  # everyone voted on the survivor, once
    assert (await SeedWriter(graph).ideas_mismatches(review_threshold=100))["ideas"] == 0


async def test_two_opposite_merges_at_once_leave_one_survivor(graph, client, token_for):
    pm, author = await factories.member(graph, "pm-paula"), await factories.member(graph, "author-a")
    voters = await factories.members(graph, 3)
    (area,) = await factories.topics(graph, 1)
    one = await post_idea(client, token_for, author, area, "First idea")
    two = await post_idea(client, token_for, author, area, "Second idea")
    for voter in voters:
        await vote(client, token_for, voter, one)
        await vote(client, token_for, voter, two)
    first, second = await asyncio.gather(merge(client, token_for, pm, one, two), merge(client, token_for, pm, two, one))
    outcomes = sorted([[e["code"] for e in first["data"]["mergeIdeas"]["userErrors"]],
                       [e["code"] for e in second["data"]["mergeIdeas"]["userErrors"]]])
    assert outcomes == [[], ["IDEA_MERGED"]]
    facts = await assert_invariants(graph, 2500)
    statuses = sorted(row["idea"]["status"] for row in facts.values())
    assert statuses == ["MERGED", "NEW"]
    assert [row["idea"]["upVotes"] for row in facts.values() if row["idea"]["status"] == "NEW"] == [3]
    # The survivor can still be moved on; the merged idea cannot.
    survivor = one if facts[local(one)]["idea"]["status"] == "NEW" else two
    moved = await set_status(client, token_for, pm, survivor, "SHORTLISTED")
    assert moved["data"]["setIdeaStatus"]["userErrors"] == []


async def test_merged_ideas_of_a_list_find_their_survivors_in_a_fixed_number_of_queries(graph, client, token_for):
    pm, author = await factories.member(graph, "pm-paula"), await factories.member(graph, "author-a")
    (area,) = await factories.topics(graph, 1)
    keep = await post_idea(client, token_for, author, area, "The survivor")
    query = """{ ideas(filter: {status: [MERGED]}, first: 50) { edges { node { title mergedInto { title author { handle } }
      statusHistory(first: 1) { edges { node { to comment changedBy { handle } } } } } } } }"""

    async def grow(count: int) -> dict:
        for n in range(count):
            dup = await post_idea(client, token_for, author, area, f"Duplicate {n:02d}")
            assert (await merge(client, token_for, pm, dup, keep))["data"]["mergeIdeas"]["userErrors"] == []
        body = await gql(client, query)
        assert "errors" not in body, body
        return body

    small = await grow(1)
    big = await grow(9)
    nodes = [e["node"] for e in big["data"]["ideas"]["edges"]]
    assert len(nodes) == 10 and all(n["mergedInto"] == {"title": "The survivor", "author": {"handle": "author-a"}}
                                    for n in nodes)
    assert all(n["statusHistory"]["edges"][0]["node"] == {"to": "MERGED", "comment": "Same request",
                                                         "changedBy": {"handle": "pm-paula"}} for n in nodes)
    # ideas page + survivors + histories + members at most twice: the survivors' authors and the
    # product managers share one batch when both lists come back in the same tick, else take two.
    # The bound is the same for 1 duplicate as for 9, which is what an N+1 would break.
    assert round_trips(small) <= 5 and round_trips(big) <= 5, (small["extensions"], big["extensions"])
    await assert_invariants(graph, 2500)
