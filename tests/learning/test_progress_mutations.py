"""completeUnit and completeSuperbadge over the API: points once, module badges, ranks, superbadge
prerequisites, quests and limited editions; the graph stays consistent after every scenario."""

from __future__ import annotations

import asyncio

from graph.seed import SeedWriter
from resolvers.seed.learning_catalog import RANK_LADDER
from tests import factories as f
from tests.gql import codes, gid, gql
from tests.learning import factories as lf
from tests.learning.progress_helpers import (
    COMPLETE_SUPERBADGE,
    COMPLETE_UNIT,
    assert_consistent,
    complete_superbadge,
    complete_unit,
    complete_units,
    completed_at,
    days,
    ladder,
    ledger,
    now,
    run,
)


# -- points, once ----------------------------------------------------------------------------------


async def test_a_unit_awards_its_points_once_whatever_the_retries(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=3, points=100)
    unit = module["units"][0]
    headers = token_for(member["id"])

    answers = [await complete_unit(client, headers, unit) for _ in range(4)]

    assert [a["pointsAwarded"] for a in answers] == [100, 0, 0, 0]
    assert [a["alreadyCompleted"] for a in answers] == [False, True, True, True]
    assert all(a["userErrors"] == [] and a["unit"]["id"] == gid("Unit", unit) for a in answers)
    assert all(a["module"]["id"] == gid("Module", module) and a["moduleCompleted"] is False for a in answers)
    assert all(a["member"]["points"] == 100 and a["member"]["id"] == gid("Member", member) for a in answers)
    state = await ledger(graph, member)
    assert state["points"] == state["recomputed"] == 100
    assert state["completed"] == {unit["id"]: 1}
    stored = await completed_at(graph, member, unit["id"])
    assert [r["points"] for r in stored] == [100]
    await assert_consistent(graph)


async def test_twenty_identical_requests_at_once_award_the_points_once(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=2, points=250)
    headers = token_for(member["id"])

    last = module["units"][1]
    await complete_unit(client, headers, module["units"][0])
    answers = await asyncio.gather(*(complete_unit(client, headers, last) for _ in range(20)))

    assert sorted(a["pointsAwarded"] for a in answers) == [0] * 19 + [250]
    assert sum(a["alreadyCompleted"] is False for a in answers) == 1
    # The module badge too: earned by the one request that completed the unit, never twice.
    assert sum(len(a["badgesEarned"]) for a in answers) == 1
    assert all(a["moduleCompleted"] and a["member"]["points"] == 500 for a in answers)
    state = await ledger(graph, member)
    assert state["points"] == state["recomputed"] == 500
    assert state["completed"] == {module["units"][0]["id"]: 1, last["id"]: 1, module["id"]: 1}
    assert state["earned"] == {module["badge"]["id"]: 1} and state["badgeCount"] == 1
    await assert_consistent(graph)


async def test_concurrent_completions_of_different_units_add_up(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    modules = [await lf.module(graph, units=4, points=10 * (i + 1)) for i in range(3)]
    headers = token_for(member["id"])
    units = [u for m in modules for u in m["units"]]

    answers = await asyncio.gather(*(complete_unit(client, headers, u) for u in units + units))

    expected = sum(u["points"] for u in units)
    assert sum(a["pointsAwarded"] for a in answers) == expected
    state = await ledger(graph, member)
    assert state["points"] == state["recomputed"] == expected
    assert all(count == 1 for count in state["completed"].values()) and len(state["completed"]) == 12 + 3
    assert state["earned"] == {m["badge"]["id"]: 1 for m in modules}
    await assert_consistent(graph)


# -- modules and badges ----------------------------------------------------------------------------


async def test_the_last_unit_completes_the_module_and_earns_its_badge(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=3, points=100)
    headers = token_for(member["id"])

    # Out of order: the module is complete when its last missing unit is, whatever its position.
    first, third, second = await complete_units(client, headers, [module["units"][i] for i in (0, 2, 1)])

    assert [a["moduleCompleted"] for a in (first, third, second)] == [False, False, True]
    assert first["badgesEarned"] == [] and third["badgesEarned"] == []
    [earned] = second["badgesEarned"]
    assert earned["badge"] == {"id": gid("Badge", module["badge"]), "slug": module["badge"]["slug"], "kind": "MODULE"}
    assert second["member"]["badgeCount"] == 1 and second["member"]["points"] == 300
    stored = await completed_at(graph, member, module["id"])
    assert [r["points"] for r in stored] == [0]
    # The assertion id is stable: the member's badge list shows the same one.
    body = await gql(client, "{ viewer { badges { totalCount nodes { assertionId badge { id } } } } }", headers=headers)
    assert body["data"]["viewer"]["badges"] == {"totalCount": 1, "nodes": [
        {"assertionId": earned["assertionId"], "badge": {"id": earned["badge"]["id"]}}]}
    # Repeating the last unit: no second badge, no second module completion.
    again = await complete_unit(client, headers, module["units"][1])
    assert again["alreadyCompleted"] and again["moduleCompleted"] and again["badgesEarned"] == []
    state = await ledger(graph, member)
    assert state["completed"][module["id"]] == 1 and state["earned"] == {module["badge"]["id"]: 1}
    await assert_consistent(graph)


async def test_a_project_earns_a_project_badge(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    project = await lf.module(graph, kind="PROJECT", units=2, points=500)
    answers = await complete_units(client, token_for(member["id"]), project["units"])
    assert [b["badge"]["kind"] for b in answers[-1]["badgesEarned"]] == ["PROJECT"]
    await assert_consistent(graph)


async def test_a_maintenance_module_is_completed_without_a_badge(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    certification = await lf.certification(graph)
    release = await lf.release(graph, name="Winter '27", released_at=now() - days(10),
                               maintenance_deadline=now() + days(100))
    maintenance = await lf.maintenance_module(graph, release=release, maintains=certification, units=2, points=50)

    answers = await complete_units(client, token_for(member["id"]), maintenance["units"])

    assert answers[-1]["moduleCompleted"] is True and answers[-1]["badgesEarned"] == []
    state = await ledger(graph, member)
    assert state["completed"][maintenance["id"]] == 1 and state["earned"] == {} and state["points"] == 100
    await assert_consistent(graph)


# -- ranks --------------------------------------------------------------------------------------------


async def test_crossing_thresholds_promotes_and_records_each_rank_reached(graph, client, token_for):
    ranks = await ladder(graph, [("Scout", 0, 0), ("Hiker", 150, 0), ("Explorer", 250, 1), ("Ranger", 1000, 1)])
    member = await f.member(graph)
    module = await lf.module(graph, units=3, points=100)
    headers = token_for(member["id"])

    one, two, three = await complete_units(client, headers, module["units"])

    assert one["rankReached"] is None and one["member"]["rank"]["rank"]["name"] == "Scout"
    assert one["member"]["rank"]["pointsToNextRank"] == 50
    assert two["rankReached"] == {"name": "Hiker", "position": 2}
    # 300 points and the module badge: Explorer needs 250 and 1 badge.
    assert three["rankReached"] == {"name": "Explorer", "position": 3}
    assert three["member"]["rank"] == {"rank": {"name": "Explorer", "position": 3}, "nextRank": {"name": "Ranger"},
                                       "pointsToNextRank": 700, "badgesToNextRank": 0, "isRanger": False}
    state = await ledger(graph, member)
    assert state["rank"] == 3 and state["reached"] == [2, 3]
    # The promotions are in the activity feed, newest first: on the last unit, rank then badge then module.
    body = await gql(client, """{ viewer { learningActivity { totalCount nodes { kind rank { name } badge { id }
        module { id } } } } }""", headers=headers)
    activity = body["data"]["viewer"]["learningActivity"]
    assert activity["totalCount"] == 4
    assert [n["kind"] for n in activity["nodes"]] == ["RANK_REACHED", "BADGE_EARNED", "MODULE_COMPLETED", "RANK_REACHED"]
    assert [n["rank"]["name"] for n in activity["nodes"] if n["rank"]] == ["Explorer", "Hiker"]
    assert ranks[0]["position"] == 1
    await assert_consistent(graph)


async def test_a_big_completion_passes_several_ranks_at_once(graph, client, token_for):
    await ladder(graph, [("Scout", 0, 0), ("Hiker", 100, 0), ("Explorer", 200, 0), ("Ranger", 300, 0),
                         ("Star Ranger", 10_000, 0)])
    member = await f.member(graph)
    module = await lf.module(graph, units=2, points=350)
    headers = token_for(member["id"])

    first = await complete_unit(client, headers, module["units"][0])

    assert first["rankReached"] == {"name": "Ranger", "position": 4}
    assert first["member"]["rank"]["isRanger"] is True
    state = await ledger(graph, member)
    assert state["reached"] == [2, 3, 4] and state["rank"] == 4
    await assert_consistent(graph)


async def test_the_real_ladder_needs_badges_as_well_as_points(graph, client, token_for):
    await lf.ranks(graph)
    hiker = next(step for step in RANK_LADDER if step.name == "Hiker")
    member = await f.member(graph)
    # Enough points for Hiker from the first unit, but Hiker also needs five badges.
    modules = [await lf.module(graph, units=1, points=hiker.minPoints) for _ in range(hiker.minBadges)]
    headers = token_for(member["id"])

    answers = [await complete_unit(client, headers, m["units"][0]) for m in modules]

    assert [a["rankReached"] for a in answers[:-1]] == [None] * (hiker.minBadges - 1)
    assert answers[-1]["rankReached"] == {"name": "Hiker", "position": 2}
    assert answers[-2]["member"]["rank"]["badgesToNextRank"] == 1
    assert answers[-2]["member"]["rank"]["pointsToNextRank"] == 0
    await assert_consistent(graph)


# -- superbadges ------------------------------------------------------------------------------------


async def test_a_superbadge_is_refused_until_its_prerequisites_are_done(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    alpha = await lf.module(graph, units=2, points=100, title="Alpha Security")
    beta = await lf.module(graph, units=1, points=100, title="Beta Flows")
    superbadge = await lf.superbadge(graph, requires=[beta, alpha], points=2000)
    headers = token_for(member["id"])
    await complete_unit(client, headers, alpha["units"][0])
    before = await ledger(graph, member)

    refused = await complete_superbadge(client, headers, superbadge)

    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [("superbadgeId", "PREREQUISITES_MISSING")]
    assert "Alpha Security" in refused["userErrors"][0]["message"]
    assert "Beta Flows" in refused["userErrors"][0]["message"]
    assert refused["missing"] == [{"id": gid("Module", alpha), "title": "Alpha Security"},
                                  {"id": gid("Module", beta), "title": "Beta Flows"}]
    assert refused["pointsAwarded"] == 0 and refused["badgesEarned"] == [] and refused["member"] is None
    assert await ledger(graph, member) == before  # nothing written

    await complete_units(client, headers, [alpha["units"][1]])
    refused_again = await complete_superbadge(client, headers, superbadge)
    assert refused_again["missing"] == [{"id": gid("Module", beta), "title": "Beta Flows"}]

    await complete_units(client, headers, beta["units"])
    accepted = await complete_superbadge(client, headers, superbadge)
    assert accepted["userErrors"] == [] and accepted["missing"] == []
    assert accepted["pointsAwarded"] == 2000 and accepted["alreadyCompleted"] is False
    assert [b["badge"]["kind"] for b in accepted["badgesEarned"]] == ["SUPERBADGE"]
    assert accepted["member"]["points"] == 2300 and accepted["member"]["badgeCount"] == 3

    again = await complete_superbadge(client, headers, superbadge)
    assert again["userErrors"] == [] and again["alreadyCompleted"] is True
    assert again["pointsAwarded"] == 0 and again["badgesEarned"] == [] and again["member"]["points"] == 2300
    state = await ledger(graph, member)
    assert state["points"] == state["recomputed"] == 2300 and state["completed"][superbadge["id"]] == 1
    body = await gql(client, "{ viewer { learningActivity(first: 2) { nodes { kind superbadge { id } } } } }",
                     headers=headers)
    assert body["data"]["viewer"]["learningActivity"]["nodes"] == [
        {"kind": "BADGE_EARNED", "superbadge": None},
        {"kind": "SUPERBADGE_COMPLETED", "superbadge": {"id": gid("Superbadge", superbadge)}}]
    await assert_consistent(graph)


async def test_twenty_concurrent_superbadge_completions_award_it_once(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=1, points=100)
    superbadge = await lf.superbadge(graph, requires=[module], points=3000)
    headers = token_for(member["id"])
    await complete_units(client, headers, module["units"])

    answers = await asyncio.gather(*(complete_superbadge(client, headers, superbadge) for _ in range(20)))

    assert sum(a["pointsAwarded"] for a in answers) == 3000
    assert sum(len(a["badgesEarned"]) for a in answers) == 1
    state = await ledger(graph, member)
    assert state["points"] == state["recomputed"] == 3100 and state["completed"][superbadge["id"]] == 1
    await assert_consistent(graph)


# -- quests and limited editions ---------------------------------------------------------------------


async def test_finishing_a_quest_inside_its_window_earns_its_badge_and_a_draw_entry(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    first = await lf.module(graph, units=1, points=100)
    second = await lf.module(graph, units=2, points=100)
    quest = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[first, second],
                           starts_at=now() - days(1), ends_at=now() + days(1))
    headers = token_for(member["id"])

    [one] = await complete_units(client, headers, first["units"])
    assert [b["badge"]["kind"] for b in one["badgesEarned"]] == ["MODULE"]  # one requirement of two
    *_, last = await complete_units(client, headers, second["units"])

    kinds = sorted(b["badge"]["kind"] for b in last["badgesEarned"])
    assert kinds == ["LIMITED_EDITION", "MODULE"]
    assert {b["badge"]["id"] for b in last["badgesEarned"]} == {gid("Badge", second["badge"]),
                                                                 gid("Badge", quest["badge"])}
    assert last["member"]["badgeCount"] == 3
    state = await ledger(graph, member)
    assert state["completed"][quest["id"]] == 1
    assert [r["points"] for r in await completed_at(graph, member, quest["id"])] == [0]
    assert state["earned"][quest["badge"]["id"]] == 1
    await assert_consistent(graph)


async def test_a_quest_needs_a_superbadge_completed_inside_its_window(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=1, points=100)
    superbadge = await lf.superbadge(graph, requires=[module], points=1000)
    quest = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[superbadge],
                           starts_at=now() - days(2), ends_at=now() + days(2))
    headers = token_for(member["id"])

    [unit] = await complete_units(client, headers, module["units"])
    assert [b["badge"]["kind"] for b in unit["badgesEarned"]] == ["MODULE"]
    done = await complete_superbadge(client, headers, superbadge)

    assert sorted(b["badge"]["kind"] for b in done["badgesEarned"]) == ["LIMITED_EDITION", "SUPERBADGE"]
    assert (await ledger(graph, member))["completed"][quest["id"]] == 1
    await assert_consistent(graph)


async def test_quests_outside_their_window_give_nothing(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=1, points=100)
    past = await lf.quest(graph, month="2020-01", requires=[module], starts_at=now() - days(30),
                          ends_at=now() - days(10))
    future = await lf.quest(graph, month="2099-01", requires=[module], starts_at=now() + days(10),
                            ends_at=now() + days(30))

    [answer] = await complete_units(client, token_for(member["id"]), module["units"])

    assert [b["badge"]["kind"] for b in answer["badgesEarned"]] == ["MODULE"]
    state = await ledger(graph, member)
    assert past["id"] not in state["completed"] and future["id"] not in state["completed"]
    assert set(state["earned"]) == {module["badge"]["id"]}
    await assert_consistent(graph)


async def test_a_requirement_completed_before_the_window_does_not_count(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    early = await lf.module(graph, units=1, points=100)
    later = await lf.module(graph, units=1, points=100)
    await lf.complete_modules(graph, member, [early], at=now() - days(5))
    quest = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[early, later],
                           starts_at=now() - days(1), ends_at=now() + days(1))

    await complete_units(client, token_for(member["id"]), later["units"])

    state = await ledger(graph, member)
    assert quest["id"] not in state["completed"] and quest["badge"]["id"] not in state["earned"]
    await assert_consistent(graph)


async def test_a_quest_is_offered_only_to_its_ranks(graph, client, token_for):
    await ladder(graph, [("Scout", 0, 0), ("Hiker", 10_000, 0)])
    member = await f.member(graph)
    module = await lf.module(graph, units=1, points=100)
    for_hikers = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[module], min_rank=2, max_rank=2,
                                starts_at=now() - days(1), ends_at=now() + days(1))
    for_scouts = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[module], min_rank=1, max_rank=1,
                                starts_at=now() - days(1), ends_at=now() + days(1))

    await complete_units(client, token_for(member["id"]), module["units"])

    state = await ledger(graph, member)
    assert for_scouts["id"] in state["completed"] and for_hikers["id"] not in state["completed"]
    await assert_consistent(graph)


async def test_a_limited_edition_badge_is_never_earned_outside_its_window(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=1, points=100)
    quest = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[module],
                           starts_at=now() - days(3), ends_at=now() + days(3))
    # The badge's own window closed yesterday, although the quest's is still open.
    await run(graph, "MATCH (b:Badge {id: $id}) SET b.availableUntil = datetime({epochMillis: $until})",
              id=quest["badge"]["id"], until=int((now() - days(1)).timestamp() * 1000))

    [answer] = await complete_units(client, token_for(member["id"]), module["units"])

    assert [b["badge"]["kind"] for b in answer["badgesEarned"]] == ["MODULE"]
    state = await ledger(graph, member)
    assert state["completed"][quest["id"]] == 1  # the draw entry stands
    assert quest["badge"]["id"] not in state["earned"] and state["badgeCount"] == 1
    await assert_consistent(graph)


async def test_a_quest_is_entered_once(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    first = await lf.module(graph, units=1, points=100)
    second = await lf.module(graph, units=1, points=100)
    quest = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[first],
                           starts_at=now() - days(1), ends_at=now() + days(1))
    headers = token_for(member["id"])

    await complete_units(client, headers, first["units"])
    [answer] = await complete_units(client, headers, second["units"])  # the quest is done already

    assert [b["badge"]["kind"] for b in answer["badgesEarned"]] == ["MODULE"]
    assert (await ledger(graph, member))["completed"][quest["id"]] == 1
    await assert_consistent(graph)


# -- bad input and authorization ---------------------------------------------------------------------


async def test_malformed_ids_are_bad_input_unknown_ones_not_found_and_nothing_is_written(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=1, points=100)
    superbadge = await lf.superbadge(graph, requires=[module])
    headers = token_for(member["id"])
    counts = await SeedWriter(graph).counts()
    missing_unit = gid("Unit", {"id": "00000000-0000-0000-0000-000000000000"})

    for bad in ("nope", "", "MATCH (n) DETACH DELETE n", gid("Module", module), gid("Member", member), missing_unit,
                gid("Superbadge", superbadge)):
        body = await gql(client, COMPLETE_UNIT, {"id": bad}, headers=headers)
        assert "errors" not in body, body
        payload = body["data"]["completeUnit"]
        code = "NOT_FOUND" if bad == missing_unit else "BAD_USER_INPUT"
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("unitId", code)]
        assert payload["unit"] is None and payload["member"] is None and payload["pointsAwarded"] == 0
        assert payload["moduleCompleted"] is None and payload["alreadyCompleted"] is None

    for bad in ("nope", gid("Module", module), gid("Superbadge", {"id": "missing"})):
        body = await gql(client, COMPLETE_SUPERBADGE, {"id": bad}, headers=headers)
        payload = body["data"]["completeSuperbadge"]
        code = "BAD_USER_INPUT" if bad in ("nope", gid("Module", module)) else "NOT_FOUND"
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("superbadgeId", code)]
        assert payload["superbadge"] is None and payload["missing"] == []

    assert await SeedWriter(graph).counts() == counts
    await assert_consistent(graph)


async def test_anonymous_callers_are_unauthenticated(graph, client):
    module = await lf.module(graph, units=1, points=100)
    superbadge = await lf.superbadge(graph, requires=[module])
    counts = await SeedWriter(graph).counts()

    body = await gql(client, COMPLETE_UNIT, {"id": gid("Unit", module["units"][0])})
    assert codes(body) == ["UNAUTHENTICATED"] and body["data"] is None
    body = await gql(client, COMPLETE_SUPERBADGE, {"id": gid("Superbadge", superbadge)})
    assert codes(body) == ["UNAUTHENTICATED"]
    assert await SeedWriter(graph).counts() == counts


async def test_a_token_for_a_member_that_does_not_exist_writes_nothing(graph, client, token_for):
    module = await lf.module(graph, units=1, points=100)
    counts = await SeedWriter(graph).counts()

    answer = await complete_unit(client, token_for("ghost"), module["units"][0])

    assert [(e["field"], e["code"]) for e in answer["userErrors"]] == [("viewer", "NOT_FOUND")]
    assert await SeedWriter(graph).counts() == counts


async def test_the_payload_member_is_the_viewer_even_with_a_private_profile(graph, client, token_for):
    await lf.ranks(graph)
    member = await f.member(graph, visibility="PRIVATE")
    module = await lf.module(graph, units=1, points=100)
    [answer] = await complete_units(client, token_for(member["id"]), module["units"])
    assert answer["member"]["id"] == gid("Member", member) and answer["member"]["points"] == 100
    # Others do not see a private profile, so its learning stays hidden too.
    other = await f.member(graph)
    body = await gql(client, "query($h: String!) { member(handle: $h) { points badges { totalCount } } }",
                     {"h": member["handle"]}, headers=token_for(other["id"]))
    assert body["data"]["member"] is None
