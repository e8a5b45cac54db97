"""Experts: ranked by skill level, endorsements, accepted answers and recent answers, with evidence."""

from datetime import datetime, timedelta, timezone

import pytest

from tests import factories
from tests.gql import codes, gid, gql, round_trips

EXPERTS = """query($skill: ID, $topic: ID, $near: NearInput, $first: Int) {
  experts(skill: $skill, topic: $topic, near: $near, first: $first) {
    totalCount pageInfo { hasNextPage }
    edges { score node { handle } evidence { skillLevel endorsements acceptedAnswers recentAnswers distanceKm } } } }"""


async def _experts(graph):
    guru = await factories.member(graph, "guru")
    helper = await factories.member(graph, "helper", city="Paris", country="FR", latitude=48.86, longitude=2.35)
    novice = await factories.member(graph, "novice")
    private = await factories.member(graph, "private-guru", visibility="PRIVATE")
    asker, fan1, fan2 = await factories.members(graph, 3)
    (apex,) = await factories.skills(graph, 1)
    (topic,) = await factories.topics(graph, 1)
    await factories.topic_skills(graph, [(topic, apex)])
    await factories.holdings(graph, [(guru, apex, 5), (helper, apex, 3), (novice, apex, 1), (private, apex, 5)])
    await factories.endorsements(graph, [(fan1, guru, apex), (fan2, guru, apex), (fan1, helper, apex)])
    asked = await factories.questions(graph, [(asker, topic), (asker, topic), (asker, topic)])
    recent = datetime.now(timezone.utc) - timedelta(days=3)
    await factories.answers(graph, [(helper, q) for q in asked], accepted=True, createdAt=recent)
    return dict(apex=apex, topic=topic, guru=guru, helper=helper, asker=asker)


async def test_experts_for_a_skill_rank_by_evidence_and_hide_private_profiles(graph, client):
    world = await _experts(graph)
    body = await gql(client, EXPERTS, {"skill": gid("Skill", world["apex"])})
    assert "errors" not in body, body
    edges = body["data"]["experts"]["edges"]
    assert [e["node"]["handle"] for e in edges] == ["helper", "guru", "novice"]
    helper = edges[0]["evidence"]
    assert helper == {"skillLevel": 3, "endorsements": 1, "acceptedAnswers": 3, "recentAnswers": 3, "distanceKm": None}
    assert edges[1]["evidence"]["endorsements"] == 2 and edges[1]["evidence"]["skillLevel"] == 5
    assert body["data"]["experts"]["totalCount"] == 3
    # The query costs one round trip for the page, its evidence and the count.
    assert round_trips(body) == 1


async def test_experts_for_a_topic_near_a_point(graph, client):
    world = await _experts(graph)
    near_paris = {"latitude": 48.85, "longitude": 2.35, "radiusKm": 50}
    body = await gql(client, EXPERTS, {"topic": gid("Topic", world["topic"]), "near": near_paris})
    edges = body["data"]["experts"]["edges"]
    assert [e["node"]["handle"] for e in edges] == ["helper"]
    assert edges[0]["evidence"]["distanceKm"] < 5


async def test_experts_needs_a_skill_or_topic_and_valid_arguments(graph, client):
    await _experts(graph)
    assert codes(await gql(client, EXPERTS, {})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, EXPERTS, {"skill": "RETURN 1"})) == ["BAD_USER_INPUT"]
    bad_near = {"latitude": 91, "longitude": 0, "radiusKm": 10}
    assert codes(await gql(client, EXPERTS, {"skill": gid("Skill", {"id": "x"}), "near": bad_near})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, EXPERTS, {"skill": gid("Skill", {"id": "x"}), "first": 500})) == ["BAD_USER_INPUT"]
    nothing = await gql(client, EXPERTS, {"skill": gid("Skill", {"id": "no-such-skill"})})
    assert nothing["data"]["experts"]["totalCount"] == 0


def test_ranking_weights_are_configuration_and_bad_values_are_refused(monkeypatch):
    from resolvers.connections import ranking

    monkeypatch.setenv("COMMUNITY_SUGGESTION_WEIGHTS", '{"same_company": 4, "candidate_limit": 50}')
    ranking.suggestion_weights.cache_clear()
    try:
        params = ranking.suggestion_weights().params()
        assert params["sameCompany"] == 4.0 and params["candidateLimit"] == 50
        for bad in ('{"nope": 1}', '{"same_city": -1}', '[1]', '{"same_city": "x"}', 'not json'):
            monkeypatch.setenv("COMMUNITY_SUGGESTION_WEIGHTS", bad)
            ranking.suggestion_weights.cache_clear()
            with pytest.raises(ValueError, match="COMMUNITY_SUGGESTION_WEIGHTS"):
                ranking.check_ranking_weights()
    finally:
        monkeypatch.delenv("COMMUNITY_SUGGESTION_WEIGHTS")
        ranking.suggestion_weights.cache_clear()
