"""Round trips per operation are pinned for every progress field: an N+1 anywhere fails these tests."""

from __future__ import annotations

from tests import factories as f
from tests.gql import gql, round_trips
from tests.learning import factories as lf
from tests.learning.progress_helpers import days, now

MEMBERS_WITH_PROGRESS = """query($n: Int!) { members(first: $n) { nodes { handle
  points badgeCount
  rank { rank { name } nextRank { name } pointsToNextRank badgesToNextRank isRanger }
  badges(first: 3) { totalCount edges { cursor node { assertionId earnedAt badge { slug kind } } } }
  trailProgress(first: 3) { totalCount nodes { trail { slug } completedModules totalModules percent isComplete completedAt } }
  learningActivity(first: 5) { totalCount nodes { kind at badge { slug } rank { name } module { slug } superbadge { slug } } }
} } }"""


async def _learners(graph, count: int) -> list[dict]:
    """`count` members, each with a different share of two trails, badges, a superbadge and ranks."""
    await lf.ranks(graph)
    members = await f.members(graph, count)
    modules = [await lf.module(graph, units=2, points=3_000) for _ in range(6)]
    await lf.trail(graph, modules[:3])
    await lf.trail(graph, modules[2:])
    superbadge = await lf.superbadge(graph, requires=modules[:2], points=5_000)
    for i, member in enumerate(members):
        done = modules[: 1 + i % 6]
        await lf.complete_modules(graph, member, done, at=now() - days(30 - i))
        if len(done) >= 2 and i % 2:
            await lf.complete_superbadge(graph, member, superbadge, at=now() - days(1))
    return members


async def test_progress_of_twenty_members_costs_a_fixed_number_of_queries(graph, client):
    members = await _learners(graph, 20)

    body = await gql(client, MEMBERS_WITH_PROGRESS, {"n": 20})

    assert "errors" not in body, body
    nodes = body["data"]["members"]["nodes"]
    assert len(nodes) == 20
    assert {n["handle"] for n in nodes} == {m["handle"] for m in members}
    assert all(n["badges"]["totalCount"] == n["badgeCount"] >= 1 for n in nodes)
    assert all(n["trailProgress"]["totalCount"] >= 1 and n["learningActivity"]["nodes"] for n in nodes)
    assert any(n["rank"]["rank"]["name"] != "Scout" for n in nodes)
    # members page + rank ladder + badges + trail progress + activity, whatever the page size.
    assert round_trips(body) == 5, body["extensions"]

    few = await gql(client, MEMBERS_WITH_PROGRESS, {"n": 3})
    assert "errors" not in few, few
    assert round_trips(few) == round_trips(body)


async def test_the_viewer_fields_with_their_catalog_items_cost_a_fixed_number_of_queries(graph, client, token_for):
    [member, *_] = await _learners(graph, 6)

    body = await gql(client, """{ viewer { points
        trailProgress(first: 100) { nodes { trail { slug modules { slug } } } }
        learningActivity(first: 100) { nodes { kind module { slug units { title } badge { slug } } } } } }""",
                     headers=token_for(member["id"]))

    assert "errors" not in body, body
    viewer = body["data"]["viewer"]
    assert viewer["points"] == 6_000 and len(viewer["trailProgress"]["nodes"]) == 1
    assert [n["kind"] for n in viewer["learningActivity"]["nodes"]] == ["BADGE_EARNED", "MODULE_COMPLETED"]
    assert viewer["learningActivity"]["nodes"][1]["module"]["badge"] is not None
    # viewer + trail progress + the trails' modules + activity + the modules' units and badges.
    assert round_trips(body) == 6, body["extensions"]


async def test_completing_a_unit_costs_a_fixed_number_of_queries(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=2, points=100)
    await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[module], starts_at=now() - days(1),
                   ends_at=now() + days(1))
    query = """mutation($id: ID!) { completeUnit(input: {unitId: $id}) { pointsAwarded
        badgesEarned { badge { slug } } module { slug } member { points rank { rank { name } } } } }"""
    from tests.gql import gid

    first = await gql(client, query, {"id": gid("Unit", module["units"][0])}, headers=token_for(member["id"]))
    last = await gql(client, query, {"id": gid("Unit", module["units"][1])}, headers=token_for(member["id"]))

    assert "errors" not in first and "errors" not in last, (first, last)
    assert len(last["data"]["completeUnit"]["badgesEarned"]) == 2
    # lock, record, module check, promote, member read; then the module and the ladder for the payload.
    assert round_trips(first) == 7, first["extensions"]
    # ... plus the quests entered and the badges earned.
    assert round_trips(last) == 9, last["extensions"]
