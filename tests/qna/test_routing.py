"""suggestedAnswerers: evidence-ranked, recently active, never the asker or an answerer, never hidden."""

from datetime import datetime, timedelta, timezone

from resolvers.qna.routing import ACTIVE_WINDOW, ROUTING
from tests import factories
from tests.gql import codes, gid, gql

SUGGESTIONS = """query($id: ID!, $first: Int!) { question(id: $id) { suggestedAnswerers(first: $first) {
  score member { handle } evidence { acceptedAnswers bestSkillLevel endorsements lastActiveAt } } } }"""


def _now():
    return datetime.now(timezone.utc).replace(microsecond=0)


async def _suggest(client, question, first=10, headers=None):
    body = await gql(client, SUGGESTIONS, {"id": gid("Question", question), "first": first}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["question"]["suggestedAnswerers"]


async def test_members_with_evidence_in_the_topics_are_suggested_best_first(graph, client):
    asker, answerer, expert, holder, endorser, prior, stale, bystander = await factories.members(graph, 8)
    private_row, = await factories.members(graph, 1, visibility="PRIVATE")
    topic, unrelated = await factories.topics(graph, 2)
    skill, other_skill = await factories.skills(graph, 2)
    await factories.topic_skills(graph, [(topic, skill), (unrelated, other_skill)])
    await factories.holdings(graph, [(holder, skill, 5), (expert, skill, 2), (stale, skill, 5),
                                     (private_row, skill, 5), (bystander, other_skill, 5), (endorser, skill, 1)])
    await factories.endorsements(graph, [(endorser, holder, skill), (asker, holder, skill)])
    recent = _now() - timedelta(days=10)
    # The expert has two accepted answers on earlier questions of the topic, the prior answerer one.
    earlier = await factories.questions(graph, [(asker, topic), (bystander, topic), (asker, topic)],
                                        createdAt=recent)
    await factories.answers(graph, [(expert, earlier[0]), (expert, earlier[1]), (prior, earlier[2])], accepted=True)
    # Activity: the holder and the endorser asked something recently; the stale holder long ago.
    await factories.questions(graph, [(holder, unrelated), (endorser, unrelated), (private_row, unrelated)],
                              createdAt=recent)
    await factories.questions(graph, [(stale, unrelated)], createdAt=_now() - ACTIVE_WINDOW - timedelta(days=5))
    question, = await factories.questions(graph, [(asker, topic)], createdAt=_now() - timedelta(days=1))
    await factories.answers(graph, [(answerer, question), (prior, question)])
    await factories.holdings(graph, [(answerer, skill, 5), (asker, skill, 5)])

    suggestions = await _suggest(client, question)
    handles = [s["member"]["handle"] for s in suggestions]
    assert handles == [expert["handle"], holder["handle"], endorser["handle"]]
    by_handle = {s["member"]["handle"]: s for s in suggestions}
    assert by_handle[expert["handle"]]["evidence"]["acceptedAnswers"] == 2
    assert by_handle[expert["handle"]]["evidence"]["bestSkillLevel"] == 2
    assert by_handle[expert["handle"]]["score"] == 2 * ROUTING.accepted_answer + 2 * ROUTING.skill_level
    assert by_handle[holder["handle"]]["evidence"] == {
        "acceptedAnswers": 0, "bestSkillLevel": 5, "endorsements": 2,
        "lastActiveAt": by_handle[holder["handle"]]["evidence"]["lastActiveAt"]}
    assert by_handle[holder["handle"]]["score"] == 5 * ROUTING.skill_level + 2 * ROUTING.endorsement
    assert datetime.fromisoformat(by_handle[holder["handle"]]["evidence"]["lastActiveAt"]) == recent
    # Never: the asker, anyone who answered (the prior answerer did), the stale holder, the private
    # profile, or the bystander whose skill the topic does not cover.
    assert (await _suggest(client, question, first=1)) == suggestions[:1]


async def test_a_private_member_sees_themselves_suggested(graph, client, token_for):
    asker, = await factories.members(graph, 1)
    private, = await factories.members(graph, 1, visibility="PRIVATE")
    topic, = await factories.topics(graph, 1)
    skill, = await factories.skills(graph, 1)
    await factories.topic_skills(graph, [(topic, skill)])
    await factories.holdings(graph, [(private, skill, 4)])
    await factories.questions(graph, [(private, topic)], createdAt=_now() - timedelta(days=2))
    question, = await factories.questions(graph, [(asker, topic)], createdAt=_now() - timedelta(days=1))
    assert await _suggest(client, question, headers=token_for(asker["id"])) == []
    own = await _suggest(client, question, headers=token_for(private["id"]))
    assert [s["member"]["handle"] for s in own] == [private["handle"]]


async def test_a_popular_topic_still_yields_its_strongest_members(graph, client):
    people = await factories.members(graph, 90)
    asker = people[0]
    topic, = await factories.topics(graph, 1)
    skill, = await factories.skills(graph, 1)
    await factories.topic_skills(graph, [(topic, skill)])
    # More holders than one candidate source keeps; only the three level-5 ones are strongest.
    await factories.holdings(graph, [(p, skill, 5 if i in (17, 42, 88) else 1 + i % 4) for i, p in enumerate(people)])
    await factories.questions(graph, [(p, topic) for p in people[1:]], createdAt=_now() - timedelta(days=3))
    question, = await factories.questions(graph, [(asker, topic)], createdAt=_now() - timedelta(days=1))
    assert len(people) - 1 > ROUTING.candidates_per_source
    suggestions = await _suggest(client, question, first=3)
    assert sorted(s["member"]["handle"] for s in suggestions) == sorted(people[i]["handle"] for i in (17, 42, 88))


async def test_suggestion_counts_are_bounded(graph, client):
    asker, = await factories.members(graph, 1)
    topic, = await factories.topics(graph, 1)
    question, = await factories.questions(graph, [(asker, topic)])
    for first in (21, -1):
        body = await gql(client, SUGGESTIONS, {"id": gid("Question", question), "first": first})
        assert codes(body) == ["BAD_USER_INPUT"]
    assert await _suggest(client, question, first=0) == []
