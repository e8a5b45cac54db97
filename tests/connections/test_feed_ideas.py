"""The home feed's idea source: status changes of the ideas a member follows or voted on (a
duplicate's merge into them included), not the changes they made themselves, with keyset pages
and a fixed cost."""

from __future__ import annotations

from tests import factories
from tests.gql import gql, round_trips
from tests.ideas.test_lifecycle import FOLLOW, PM_ROLES, act, post_idea, set_status, vote

FEED = """query($first: Int, $after: String) { viewer { feed(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id kind occurredAt reasons { kind message }
    ideaStatusChange { from to comment changedBy { handle } idea { title mergedInto { title } } } } } } } }"""
MERGE = """mutation($input: MergeIdeasInput!) { mergeIdeas(input: $input) { userErrors { code } } }"""


async def idea_items(client, token_for, member: dict, first: int = 50) -> list[dict]:
    body = await gql(client, FEED, {"first": first}, headers=token_for(member["id"]))
    assert "errors" not in body, body
    return [e["node"] for e in body["data"]["viewer"]["feed"]["edges"] if e["node"]["kind"] == "IDEA_STATUS_CHANGED"]


def summary(items: list[dict]) -> list[tuple]:
    return [(n["ideaStatusChange"]["idea"]["title"], n["ideaStatusChange"]["to"], sorted(r["kind"] for r in n["reasons"]))
            for n in items]


async def _world(graph, client, token_for):
    pm = await factories.member(graph, "pm-paula")
    author, follower, voter, both, stranger, dup_fan = [
        await factories.member(graph, h) for h in ("author-ann", "follower-fay", "voter-vic", "both-bo", "stranger-sam",
                                                   "dup-fan")]
    (area,) = await factories.topics(graph, 1)
    idea = await post_idea(client, token_for, author, area, "Dark mode for setup pages")
    for member in (follower, both, pm):
        await act(client, token_for, member, FOLLOW, "followIdea", {"ideaId": idea})
    return dict(pm=pm, author=author, follower=follower, voter=voter, both=both, stranger=stranger, dup_fan=dup_fan,
                area=area, idea=idea)


async def test_followers_and_voters_see_an_ideas_status_changes_and_nobody_else(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "20")
    w = await _world(graph, client, token_for)
    await vote(client, token_for, w["voter"], w["idea"])
    await vote(client, token_for, w["both"], w["idea"], "UP")  # the second vote moves it to UNDER_REVIEW
    await set_status(client, token_for, w["pm"], w["idea"], "SHORTLISTED", "On the list", "2026-09-01")

    title = "Dark mode for setup pages"
    newest_first = [(title, "SHORTLISTED"), (title, "UNDER_REVIEW")]
    follower = await idea_items(client, token_for, w["follower"])
    assert summary(follower) == [(*t, ["FOLLOWED_IDEA"]) for t in newest_first]
    assert follower[0]["reasons"][0]["message"] == "About an idea you follow"
    assert follower[0]["ideaStatusChange"] == {"from": "UNDER_REVIEW", "to": "SHORTLISTED", "comment": "On the list",
                                               "changedBy": {"handle": "pm-paula"},
                                               "idea": {"title": title, "mergedInto": None}}
    assert follower[1]["ideaStatusChange"]["changedBy"] is None and follower[1]["ideaStatusChange"]["comment"] is None
    assert follower[0]["occurredAt"] > follower[1]["occurredAt"]
    assert summary(await idea_items(client, token_for, w["voter"])) == [(*t, ["VOTED_ON_IDEA"]) for t in newest_first]
    # Following and voting: one item with both reasons.
    assert summary(await idea_items(client, token_for, w["both"])) == [
        (*t, ["FOLLOWED_IDEA", "VOTED_ON_IDEA"]) for t in newest_first]
    assert summary(await idea_items(client, token_for, w["author"])) == [(*t, ["FOLLOWED_IDEA"]) for t in newest_first]
    # The product manager follows it but made the move: only the automatic one is news to them.
    assert summary(await idea_items(client, token_for, w["pm"])) == [(title, "UNDER_REVIEW", ["FOLLOWED_IDEA"])]
    assert await idea_items(client, token_for, w["stranger"]) == []


async def test_a_merge_reaches_the_followers_of_both_ideas(graph, client, token_for):
    w = await _world(graph, client, token_for)
    dup = await post_idea(client, token_for, w["dup_fan"], w["area"], "Dark mode, please")
    await vote(client, token_for, w["stranger"], dup)
    merged = await gql(client, MERGE, {"input": {"fromId": dup, "intoId": w["idea"], "comment": "Same request"}},
                       headers=token_for(w["pm"]["id"], *PM_ROLES))
    assert merged["data"]["mergeIdeas"]["userErrors"] == []
    expected = [("Dark mode, please", "MERGED", ["FOLLOWED_IDEA"])]
    # The duplicate's author followed it: they now follow the survivor and learn of the merge.
    dup_fan = await idea_items(client, token_for, w["dup_fan"])
    assert summary(dup_fan) == expected
    assert dup_fan[0]["ideaStatusChange"]["idea"]["mergedInto"] == {"title": "Dark mode for setup pages"}
    assert summary(await idea_items(client, token_for, w["follower"])) == expected
    assert summary(await idea_items(client, token_for, w["stranger"])) == [("Dark mode, please", "MERGED",
                                                                           ["VOTED_ON_IDEA"])]
    assert await idea_items(client, token_for, w["voter"]) == []


async def test_idea_items_page_by_keyset_and_cost_a_fixed_number_of_queries(graph, client, token_for):
    w = await _world(graph, client, token_for)
    for status in ("SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING"):
        await set_status(client, token_for, w["pm"], w["idea"], status)
    headers = token_for(w["follower"]["id"])
    small = await gql(client, FEED, {"first": 20}, headers=headers)

    seen, after, arrived = [], None, False
    while True:
        body = await gql(client, FEED, {"first": 1, "after": after}, headers=headers)
        feed = body["data"]["viewer"]["feed"]
        seen += [e["node"] for e in feed["edges"] if e["node"]["kind"] == "IDEA_STATUS_CHANGED"]
        if seen and not arrived:  # a change arriving while the member reads on must not shift the pages
            await set_status(client, token_for, w["pm"], w["idea"], "RELEASED")
            arrived = True
        if not feed["pageInfo"]["hasNextPage"]:
            break
        after = feed["pageInfo"]["endCursor"]
    assert [n["ideaStatusChange"]["to"] for n in seen] == ["IN_TESTING", "IN_DEVELOPMENT", "SHORTLISTED"]

    more = [await post_idea(client, token_for, w["author"], w["area"], f"Idea {n}") for n in range(8)]
    for idea in more:
        await act(client, token_for, w["follower"], FOLLOW, "followIdea", {"ideaId": idea})
        await vote(client, token_for, w["follower"], idea)
        await set_status(client, token_for, w["pm"], idea, "SHORTLISTED")
    big = await gql(client, FEED, {"first": 20}, headers=headers)
    items = [e["node"] for e in big["data"]["viewer"]["feed"]["edges"] if e["node"]["kind"] == "IDEA_STATUS_CHANGED"]
    assert len(items) == 12
    # viewer + feed sources + suggestions + the product managers + the changes' ideas (their survivors: none).
    assert round_trips(big) == round_trips(small) == 5, (small["extensions"], big["extensions"])
    assert big["extensions"]["graph"]["queries"] == ["members_by_ids", "feed_sources", "people_you_may_know",
                                                     "members_by_ids", "ideas_by_ids"]
