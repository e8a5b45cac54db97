"""Endorsements: once per endorser and skill, never yourself, only for held skills; counts stay true."""

import asyncio

from graph.seed.writer import SeedWriter
from tests import factories
from tests.gql import codes, gid, gql

ENDORSE = """mutation($m: ID!, $s: ID!) { endorseSkill(input: {memberId: $m, skillId: $s}) {
    member { handle } skill { endorsementCount viewerHasEndorsed skill { slug } } userErrors { field code } } }"""
WITHDRAW = """mutation($m: ID!, $s: ID!) { withdrawEndorsement(input: {memberId: $m, skillId: $s}) {
    skill { endorsementCount viewerHasEndorsed } userErrors { field code } } }"""
SKILLS = """query($h: String!) { member(handle: $h) { skills { endorsementCount viewerHasEndorsed skill { slug } } } }"""


async def test_an_endorsement_counts_once_even_when_sent_concurrently(graph, client, token_for):
    expert, fan, other = await factories.members(graph, 3)
    (apex,) = await factories.skills(graph, 1)
    await factories.holdings(graph, [(expert, apex, 5)])
    variables = {"m": gid("Member", expert), "s": gid("Skill", apex)}
    results = await asyncio.gather(*(gql(client, ENDORSE, variables, headers=token_for(fan["id"])) for _ in range(10)))
    assert all(r["data"]["endorseSkill"]["userErrors"] == [] for r in results)
    await gql(client, ENDORSE, variables, headers=token_for(other["id"]))
    seen_by_fan = await gql(client, SKILLS, {"h": expert["handle"]}, headers=token_for(fan["id"]))
    assert seen_by_fan["data"]["member"]["skills"] == [
        {"endorsementCount": 2, "viewerHasEndorsed": True, "skill": {"slug": apex["slug"]}}]
    assert not any((await SeedWriter(graph).counter_mismatches()).values())
    body = await gql(client, WITHDRAW, variables, headers=token_for(fan["id"]))
    assert body["data"]["withdrawEndorsement"] == {
        "skill": {"endorsementCount": 1, "viewerHasEndorsed": False}, "userErrors": []}
    body = await gql(client, WITHDRAW, variables, headers=token_for(fan["id"]))  # idempotent
    assert body["data"]["withdrawEndorsement"]["skill"]["endorsementCount"] == 1
    anonymous = await gql(client, SKILLS, {"h": expert["handle"]})
    assert anonymous["data"]["member"]["skills"][0]["viewerHasEndorsed"] is False


async def test_endorsements_are_refused_for_yourself_unheld_skills_and_bad_ids(graph, client, token_for):
    expert, fan = await factories.members(graph, 2)
    apex, lwc = await factories.skills(graph, 2)
    await factories.holdings(graph, [(expert, apex, 5), (fan, apex, 2)])
    headers = token_for(fan["id"])

    async def errors(member, skill):
        body = await gql(client, ENDORSE, {"m": member, "s": skill}, headers=headers)
        return body["data"]["endorseSkill"]["userErrors"]

    assert await errors(gid("Member", fan), gid("Skill", apex)) == [{"field": "memberId", "code": "CANNOT_ENDORSE_SELF"}]
    assert await errors(gid("Member", expert), gid("Skill", lwc)) == [{"field": "skillId", "code": "NOT_FOUND"}]
    assert await errors(gid("Member", expert), "MATCH (n) DETACH DELETE n") == [
        {"field": "skillId", "code": "BAD_USER_INPUT"}]
    assert await errors(gid("Skill", apex), gid("Skill", apex)) == [{"field": "memberId", "code": "BAD_USER_INPUT"}]
    anonymous = await gql(client, ENDORSE, {"m": gid("Member", expert), "s": gid("Skill", apex)})
    assert codes(anonymous) == ["UNAUTHENTICATED"]


async def test_removing_a_skill_drops_its_endorsements(graph, client, token_for):
    expert, fan = await factories.members(graph, 2)
    (apex,) = await factories.skills(graph, 1)
    await factories.holdings(graph, [(expert, apex, 5)])
    await factories.endorsements(graph, [(fan, expert, apex)])
    remove = "mutation($s: ID!) { removeSkill(input: {skillId: $s}) { userErrors { code } } }"
    await gql(client, remove, {"s": gid("Skill", apex)}, headers=token_for(expert["id"]))
    set_skill = "mutation($s: ID!) { setSkill(input: {skillId: $s, level: 3}) { skillRating { endorsementCount } } }"
    body = await gql(client, set_skill, {"s": gid("Skill", apex)}, headers=token_for(expert["id"]))
    assert body["data"]["setSkill"]["skillRating"]["endorsementCount"] == 0
    assert not any((await SeedWriter(graph).counter_mismatches()).values())
