"""voteIdea: the arithmetic of casting, changing and withdrawing votes, what each vote stores for
TRENDING, the move to UNDER_REVIEW at the review threshold, and the refusals."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from graph.cypher import Query
from resolvers.ideas.trending import vote_trend
from tests import factories
from tests.gql import codes, gid, gql
from tests.ideas.test_ideas_mutations import EDIT, footprint, local, post, set_status, stored, vote

VOTES = Query("test_idea_votes", """MATCH (m:Member)-[v:VOTED]->(:Idea {id: $id})
RETURN m.id AS memberId, v.value AS value, v.at AS at, v.trend AS trend ORDER BY memberId""", "", __file__, 0)
CHANGES = Query("test_idea_status_changes", """MATCH (i:Idea {id: $id})-[:HAD_STATUS]->(c:IdeaStatusChange)
RETURN c {.*} AS change, COUNT { MATCH (c)<-[:CHANGED_STATUS]-(:Member) } AS changedBy""", "", __file__, 0)
CAST_AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def cast_votes_at(monkeypatch, when: datetime) -> None:
    """Make the API cast every vote at `when`."""
    monkeypatch.setattr("resolvers.ideas.ideas_votes.clock", lambda: when)


async def test_a_vote_is_cast_changed_and_withdrawn_with_exact_arithmetic(graph, client, token_for, monkeypatch):
    author, voter = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    cast_votes_at(monkeypatch, CAST_AT)

    up = (await vote(client, token_for, voter, idea["id"], "UP"))["idea"]
    assert (up["points"], up["upVotes"], up["downVotes"], up["voteCount"], up["viewerVote"]) == (10, 1, 0, 1, "UP")
    (row,) = await graph.read(VOTES, id=local(idea["id"]))
    assert row["value"] == 1 and row["at"].to_native() == CAST_AT
    assert row["trend"] == pytest.approx(vote_trend(1, CAST_AT))
    assert (await stored(graph, idea["id"]))["idea"]["trend"] == pytest.approx(vote_trend(1, CAST_AT))

    again = (await vote(client, token_for, voter, idea["id"], "UP"))["idea"]  # the same vote twice counts once
    assert (again["points"], again["upVotes"]) == (10, 1)

    later = CAST_AT + timedelta(days=3)
    cast_votes_at(monkeypatch, later)
    down = (await vote(client, token_for, voter, idea["id"], "DOWN"))["idea"]
    assert (down["points"], down["upVotes"], down["downVotes"], down["voteCount"], down["viewerVote"]) == (
        -10, 0, 1, 1, "DOWN")
    (row,) = await graph.read(VOTES, id=local(idea["id"]))
    assert row["value"] == -1 and row["at"].to_native() == later
    assert row["trend"] == pytest.approx(vote_trend(-1, later))
    assert (await stored(graph, idea["id"]))["idea"]["trend"] == pytest.approx(vote_trend(-1, later))

    gone = (await vote(client, token_for, voter, idea["id"], "NONE"))["idea"]
    assert (gone["points"], gone["upVotes"], gone["downVotes"], gone["voteCount"], gone["viewerVote"]) == (
        0, 0, 0, 0, "NONE")
    assert await graph.read(VOTES, id=local(idea["id"])) == []
    assert (await stored(graph, idea["id"]))["idea"]["trend"] == 0.0  # exactly: no float residue left
    nothing = (await vote(client, token_for, voter, idea["id"], "NONE"))["idea"]  # withdrawing twice is harmless
    assert (nothing["points"], nothing["voteCount"]) == (0, 0)


async def test_points_sum_every_members_vote(graph, client, token_for, monkeypatch):
    author, *voters = await factories.members(graph, 6)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    values = ["UP", "UP", "UP", "DOWN", "UP"]
    moments = [CAST_AT + timedelta(days=i) for i in range(5)]
    for voter, value, moment in zip(voters, values, moments):
        cast_votes_at(monkeypatch, moment)
        await vote(client, token_for, voter, idea["id"], value)
    state = (await gql(client, "query($id: ID!) { idea(id: $id) { points upVotes downVotes voteCount } }",
                       {"id": idea["id"]}))["data"]["idea"]
    assert state == {"points": 30, "upVotes": 4, "downVotes": 1, "voteCount": 5}
    expected = sum(vote_trend(1 if v == "UP" else -1, m) for v, m in zip(values, moments))
    assert (await stored(graph, idea["id"]))["idea"]["trend"] == pytest.approx(expected)
    # Each voter sees their own vote.
    for voter, value in zip(voters, values):
        mine = await gql(client, "query($id: ID!) { idea(id: $id) { viewerVote } }", {"id": idea["id"]},
                         headers=token_for(voter["id"]))
        assert mine["data"]["idea"]["viewerVote"] == value


async def test_the_vote_that_reaches_the_threshold_moves_the_idea_to_under_review_once(
        graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "30")
    author, *voters = await factories.members(graph, 6)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    for i, voter in enumerate(voters[:2]):
        cast_votes_at(monkeypatch, CAST_AT + timedelta(hours=i))
        assert (await vote(client, token_for, voter, idea["id"], "UP"))["idea"]["status"] == "NEW"
    assert await graph.read(CHANGES, id=local(idea["id"])) == []

    crossing_at = CAST_AT + timedelta(hours=5)
    cast_votes_at(monkeypatch, crossing_at)
    moved = (await vote(client, token_for, voters[2], idea["id"], "UP"))["idea"]
    assert moved["points"] == 30 and moved["status"] == "UNDER_REVIEW"
    assert datetime.fromisoformat(moved["underReviewAt"]) == crossing_at
    assert datetime.fromisoformat(moved["statusChangedAt"]) == crossing_at
    (change,) = await graph.read(CHANGES, id=local(idea["id"]))
    assert change["changedBy"] == 0  # nobody made it: no CHANGED_STATUS
    record = change["change"]
    assert (record["from"], record["to"], record["at"].to_native()) == ("NEW", "UNDER_REVIEW", crossing_at)
    assert record.get("comment") is None and record.get("expectedRelease") is None and record["id"]

    # Losing points does not move it back, and reaching the threshold again records nothing new.
    cast_votes_at(monkeypatch, crossing_at + timedelta(days=1))
    for voter in voters[:3]:
        dropped = (await vote(client, token_for, voter, idea["id"], "DOWN"))["idea"]
    assert dropped["points"] == -30 and dropped["status"] == "UNDER_REVIEW"
    assert datetime.fromisoformat(dropped["underReviewAt"]) == crossing_at
    for voter in voters:
        back = (await vote(client, token_for, voter, idea["id"], "UP"))["idea"]
    assert back["points"] == 50 and back["status"] == "UNDER_REVIEW"
    assert datetime.fromisoformat(back["underReviewAt"]) == crossing_at
    assert len(await graph.read(CHANGES, id=local(idea["id"]))) == 1

    # And the author can no longer edit it.
    body = await gql(client, EDIT, {"input": {"id": idea["id"], "title": "Too late to change"}},
                     headers=token_for(author["id"]))
    assert [e["code"] for e in body["data"]["editIdea"]["userErrors"]] == ["NOT_EDITABLE"]


async def test_the_default_threshold_keeps_a_popular_idea_new(graph, client, token_for, monkeypatch):
    monkeypatch.delenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", raising=False)
    author, *voters = await factories.members(graph, 4)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    for voter in voters:
        last = (await vote(client, token_for, voter, idea["id"], "UP"))["idea"]
    assert last["points"] == 30 and last["status"] == "NEW" and last["underReviewAt"] is None


async def test_votes_on_ideas_past_review_count_but_never_move_the_status(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "10")
    author, voter = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    await set_status(graph, idea["id"], "SHORTLISTED")
    voted = (await vote(client, token_for, voter, idea["id"], "UP"))["idea"]
    assert voted["points"] == 10 and voted["status"] == "SHORTLISTED" and voted["underReviewAt"] is None
    assert await graph.read(CHANGES, id=local(idea["id"])) == []


async def test_vote_refusals_write_nothing(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "10")
    author, voter = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    idea = await post(client, token_for, author, area)
    merged = await post(client, token_for, author, area, title="The duplicate of it")
    await set_status(graph, merged["id"], "MERGED")
    before = await footprint(graph)

    cases = [
        (author, idea["id"], "UP", "OWN_IDEA"),
        (author, idea["id"], "DOWN", "OWN_IDEA"),
        (author, idea["id"], "NONE", "OWN_IDEA"),
        (voter, merged["id"], "UP", "IDEA_MERGED"),
        (voter, merged["id"], "NONE", "IDEA_MERGED"),
        (voter, gid("Idea", {"id": "missing"}), "UP", "NOT_FOUND"),
        (voter, "not-base64!", "UP", "BAD_USER_INPUT"),
        (voter, gid("Answer", {"id": "x"}), "UP", "BAD_USER_INPUT"),
    ]
    for who, idea_id, value, code in cases:
        payload = await vote(client, token_for, who, idea_id, value)
        assert payload["idea"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("ideaId", code)], (value, code)
    ghost = await gql(client, """mutation($input: VoteIdeaInput!) { voteIdea(input: $input) {
        userErrors { field code } } }""", {"input": {"ideaId": idea["id"], "value": "UP"}},
                      headers=token_for("no-such-member"))
    assert ghost["data"]["voteIdea"]["userErrors"] == [{"field": "viewer", "code": "NOT_FOUND"}]
    anonymous = await gql(client, """mutation($input: VoteIdeaInput!) { voteIdea(input: $input) { idea { id } } }""",
                          {"input": {"ideaId": idea["id"], "value": "UP"}})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    bad_value = await gql(client, """mutation { voteIdea(input: {ideaId: "x", value: SIDEWAYS}) { idea { id } } }""",
                          headers=token_for(voter["id"]))
    assert "errors" in bad_value and bad_value.get("data") is None
    assert await footprint(graph) == before
