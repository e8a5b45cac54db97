"""roadmap(productAreaId): the columns UNDER_REVIEW to RELEASED in order, each with its count and its
ideas by expected release (none last) then points; one product area or all; a fixed query cost."""

from __future__ import annotations

from tests import factories
from tests.gql import codes, gid, gql, round_trips
from tests.ideas.test_lifecycle import PM_ROLES, post_idea, set_status, vote

ROADMAP = """query($area: ID, $first: Int = 20) { roadmap(productAreaId: $area) { productArea { slug }
  columns { status totalCount ideas(first: $first) { title expectedRelease points status } } } }"""
COLUMNS = ["UNDER_REVIEW", "SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED"]


async def _plan(client, token_for, pm, author, voters, area, title: str, *, votes: int = 0, to: list[str] = (),
                release: str | None = None) -> str:
    """An idea with `votes` up votes, moved through the statuses `to` (the last one with `release`)."""
    idea = await post_idea(client, token_for, author, area, title)
    for voter in voters[:votes]:
        await vote(client, token_for, voter, idea)
    for n, status in enumerate(to):
        body = await set_status(client, token_for, pm, idea, status, "Planned",
                                release if n == len(to) - 1 else None)
        assert body["data"]["setIdeaStatus"]["userErrors"] == [], body
    return idea


async def test_the_roadmap_groups_ideas_by_status_in_release_order(graph, client, token_for, monkeypatch):
    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "20")
    pm, author = await factories.member(graph, "pm-paula"), await factories.member(graph, "author-ann")
    voters = await factories.members(graph, 4)
    area, elsewhere = await factories.topics(graph, 2)

    async def plan(title: str, **kwargs) -> str:
        return await _plan(client, token_for, pm, author, voters, kwargs.pop("area", area), title, **kwargs)

    await plan("Reviewed, more points", votes=4)
    await plan("Reviewed, fewer points", votes=2)
    await plan("Still new", votes=1)
    await plan("Shortlisted, no date, many points", votes=4, to=["SHORTLISTED"])
    await plan("Shortlisted for June, few points", votes=2, to=["SHORTLISTED"], release="2026-06-01")
    await plan("Shortlisted for June, more points", votes=3, to=["SHORTLISTED"], release="2026-06-01")
    await plan("Shortlisted for March", to=["SHORTLISTED"], release="2026-03-01")
    await plan("Being built", to=["SHORTLISTED", "IN_DEVELOPMENT"], release="2026-05-01")
    await plan("Shipped", to=["IN_DEVELOPMENT", "RELEASED"], release="2026-01-10")
    await plan("Not planned", to=["NOT_PLANNED"])
    dup = await plan("A duplicate", votes=2)
    merged = """mutation($input: MergeIdeasInput!) { mergeIdeas(input: $input) { userErrors { code } } }"""
    survivor = await plan("Shortlisted elsewhere", area=elsewhere, to=["SHORTLISTED"])
    assert (await gql(client, merged, {"input": {"fromId": dup, "intoId": survivor}},
                      headers=token_for(pm["id"], *PM_ROLES)))["data"]["mergeIdeas"]["userErrors"] == []

    body = await gql(client, ROADMAP, {"area": gid("Topic", area)})
    assert "errors" not in body, body
    roadmap = body["data"]["roadmap"]
    assert roadmap["productArea"] == {"slug": area["slug"]}
    columns = {c["status"]: c for c in roadmap["columns"]}
    assert [c["status"] for c in roadmap["columns"]] == COLUMNS
    assert {s: c["totalCount"] for s, c in columns.items()} == {
        "UNDER_REVIEW": 2, "SHORTLISTED": 4, "IN_DEVELOPMENT": 1, "IN_TESTING": 0, "RELEASED": 1}
    assert [i["title"] for i in columns["UNDER_REVIEW"]["ideas"]] == ["Reviewed, more points", "Reviewed, fewer points"]
    assert [(i["title"], i["expectedRelease"]) for i in columns["SHORTLISTED"]["ideas"]] == [
        ("Shortlisted for March", "2026-03-01"), ("Shortlisted for June, more points", "2026-06-01"),
        ("Shortlisted for June, few points", "2026-06-01"), ("Shortlisted, no date, many points", None)]
    assert [(i["title"], i["status"]) for i in columns["RELEASED"]["ideas"]] == [("Shipped", "RELEASED")]

    top = (await gql(client, ROADMAP, {"area": gid("Topic", area), "first": 1}))["data"]["roadmap"]
    assert [len(c["ideas"]) for c in top["columns"]] == [1, 1, 1, 0, 1]
    assert top["columns"][1]["totalCount"] == 4  # the count is the whole column's
    everywhere = (await gql(client, ROADMAP, {}))["data"]["roadmap"]
    assert everywhere["productArea"] is None
    assert [c["totalCount"] for c in everywhere["columns"]] == [2, 5, 1, 0, 1]
    unknown = (await gql(client, ROADMAP, {"area": gid("Topic", {"id": "no-such-area"})}))["data"]["roadmap"]
    assert unknown["productArea"] is None and all(c["totalCount"] == 0 and c["ideas"] == [] for c in unknown["columns"])
    assert codes(await gql(client, ROADMAP, {"area": gid("Idea", {"id": "x"})})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, ROADMAP, {"first": 101})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, ROADMAP, {"first": -1})) == ["BAD_USER_INPUT"]


async def test_the_roadmap_costs_a_fixed_number_of_queries(graph, client, token_for):
    pm, author = await factories.member(graph, "pm-paula"), await factories.member(graph, "author-ann")
    (area,) = await factories.topics(graph, 1)
    query = """query($area: ID) { roadmap(productAreaId: $area) { productArea { slug } columns { status totalCount
      ideas(first: 50) { title author { handle } productArea { slug } statusHistory(first: 2) { totalCount } } } } }"""

    async def grow(count: int) -> dict:
        for n in range(count):
            await _plan(client, token_for, pm, author, [], area, f"Idea number {n:03d}",
                        to=[["SHORTLISTED"], ["IN_DEVELOPMENT"], ["IN_TESTING"], ["RELEASED"]][n % 4])
        body = await gql(client, query, {"area": gid("Topic", area)})
        assert "errors" not in body, body
        return body

    small = await grow(4)
    big = await grow(24)
    assert sum(c["totalCount"] for c in big["data"]["roadmap"]["columns"]) == 28
    assert all(i["author"] == {"handle": "author-ann"} for c in big["data"]["roadmap"]["columns"] for i in c["ideas"])
    # the area's topic (the ideas' productArea then comes from the cache) + every column, counts and
    # ideas + authors + histories.
    assert round_trips(big) == round_trips(small) == 4, (small["extensions"], big["extensions"])
    assert big["extensions"]["graph"]["queries"] == ["topics_by_ids", "lifecycle_roadmap", "members_by_ids",
                                                     "lifecycle_history_of_ideas"]
