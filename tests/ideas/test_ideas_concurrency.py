"""Concurrent requests against the app keep the idea invariants: one vote per member and idea,
counters equal to their relationships, one automatic move to UNDER_REVIEW."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from graph.cypher import Query
from resolvers.ideas.trending import growth
from tests import factories
from tests.gql import gql
from tests.ideas.test_ideas_mutations import COMMENT, FOLLOW, UNFOLLOW, VOTE, local, post

# Every idea's counters next to what its relationships say they should be.
RECOUNT = Query("test_idea_recount", """MATCH (i:Idea)
RETURN i.id AS id, i.upVotes AS upVotes, i.downVotes AS downVotes, i.points AS points,
  i.followerCount AS followerCount, i.commentCount AS commentCount, i.trend AS trend, i.status AS status,
  COUNT { MATCH (i)<-[v:VOTED]-(:Member) WHERE v.value = 1 } AS ups,
  COUNT { MATCH (i)<-[v:VOTED]-(:Member) WHERE v.value = -1 } AS downs,
  COUNT { MATCH (i)<-[:FOLLOWS]-(:Member) } AS follows,
  COUNT { MATCH (i)<-[:ON]-(:IdeaComment) } AS comments,
  COUNT { MATCH (i)-[:HAD_STATUS]->(:IdeaStatusChange) } AS statusChanges,
  [(i)<-[v:VOTED]-(:Member) | v.trend] AS trends""", "", __file__, 0)


async def consistent(graph) -> dict[str, dict]:
    """Check every idea's counters against its relationships; return the rows by id."""
    rows = await graph.read(RECOUNT)
    now = datetime.now(timezone.utc)
    for row in rows:
        assert (row["upVotes"], row["downVotes"]) == (row["ups"], row["downs"]), row
        assert row["points"] == 10 * (row["ups"] - row["downs"]), row
        assert row["followerCount"] == row["follows"] and row["commentCount"] == row["comments"], row
        # Float sums drift by ~1e-16 of a vote's weight: compare the decayed scores to a billionth of a vote.
        assert row["trend"] == pytest.approx(sum(row["trends"]), rel=0, abs=1e-9 * growth(now)), row
        assert row["trend"] == 0.0 or row["trends"], row  # no votes, no trend
    return {row["id"]: row for row in rows}


async def test_ten_identical_votes_at_once_leave_one_vote(graph, client, token_for):
    author, voter = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    variables = {"input": {"ideaId": idea["id"], "value": "UP"}}
    bodies = await asyncio.gather(*(gql(client, VOTE, variables, headers=token_for(voter["id"])) for _ in range(10)))
    assert all("errors" not in b and b["data"]["voteIdea"]["userErrors"] == [] for b in bodies), bodies
    row = (await consistent(graph))[local(idea["id"])]
    assert (row["ups"], row["downs"], row["points"]) == (1, 0, 10)


async def test_concurrent_changes_of_one_members_vote_leave_at_most_one_vote(graph, client, token_for):
    author, voter = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    values = ["UP", "DOWN", "NONE", "UP", "DOWN"] * 3
    bodies = await asyncio.gather(*(gql(client, VOTE, {"input": {"ideaId": idea["id"], "value": v}},
                                        headers=token_for(voter["id"])) for v in values))
    assert all("errors" not in b for b in bodies), bodies
    row = (await consistent(graph))[local(idea["id"])]
    assert row["ups"] + row["downs"] <= 1


async def test_twenty_members_voting_at_once_are_all_counted(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "100")
    author, *voters = await factories.members(graph, 21)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    values = ["UP"] * 15 + ["DOWN"] * 5
    bodies = await asyncio.gather(*(gql(client, VOTE, {"input": {"ideaId": idea["id"], "value": value}},
                                        headers=token_for(voter["id"])) for voter, value in zip(voters, values)))
    assert all("errors" not in b and b["data"]["voteIdea"]["userErrors"] == [] for b in bodies), bodies
    row = (await consistent(graph))[local(idea["id"])]
    assert (row["ups"], row["downs"], row["points"]) == (15, 5, 100)
    # Points end at the threshold (they may have reached it earlier too, in whatever order the votes
    # landed): the idea moved to UNDER_REVIEW exactly once.
    assert row["status"] == "UNDER_REVIEW" and row["statusChanges"] == 1


async def test_concurrent_follows_and_unfollows_count_exactly(graph, client, token_for):
    author, *fans = await factories.members(graph, 13)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    variables = {"input": {"ideaId": idea["id"]}}
    # Twelve members follow at once, the first of them five times over.
    requests = [gql(client, FOLLOW, variables, headers=token_for(fan["id"])) for fan in fans]
    requests += [gql(client, FOLLOW, variables, headers=token_for(fans[0]["id"])) for _ in range(4)]
    bodies = await asyncio.gather(*requests)
    assert all("errors" not in b and b["data"]["followIdea"]["userErrors"] == [] for b in bodies), bodies
    row = (await consistent(graph))[local(idea["id"])]
    assert row["follows"] == 13 == row["followerCount"]

    # Half of them leave at once, each asking twice.
    leaving = fans[:6] * 2
    bodies = await asyncio.gather(*(gql(client, UNFOLLOW, variables, headers=token_for(f["id"])) for f in leaving))
    assert all("errors" not in b for b in bodies), bodies
    row = (await consistent(graph))[local(idea["id"])]
    assert row["follows"] == 7 == row["followerCount"]


async def test_concurrent_comments_are_all_counted(graph, client, token_for):
    author, *fans = await factories.members(graph, 11)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    bodies = await asyncio.gather(*(gql(client, COMMENT, {"input": {"ideaId": idea["id"], "body": f"Comment {i}"}},
                                        headers=token_for(fan["id"])) for i, fan in enumerate(fans)))
    assert all(b["data"]["commentOnIdea"]["userErrors"] == [] for b in bodies), bodies
    row = (await consistent(graph))[local(idea["id"])]
    assert row["comments"] == 10 == row["commentCount"]
