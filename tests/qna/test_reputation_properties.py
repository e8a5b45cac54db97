"""Random sequences of votes, accepts and unaccepts keep reputation recomputable and counters exact.

A seeded loop drives the API and keeps its own model of what every answer and member should
hold; after the sequence the graph must agree with the model, and with itself
(`reputation_mismatches`, `qna_counter_mismatches`).
"""

import random

import pytest

from graph.community.repository import CommunityRepository
from graph.qna.repository import QnaRepository
from graph.seed.writer import SeedWriter
from resolvers.ids import from_global_id
from graph.qna.reputation import REPUTATION
from tests import factories
from tests.gql import gid, gql
from tests.qna.helpers import answer, ask, vote

STATE = """query($id: ID!) { question(id: $id) { answerCount acceptedAnswer { id }
  answers(first: 20) { nodes { id isAccepted upvotes downvotes score } } } }"""
REPUTATIONS = "{ members(first: 20) { nodes { id reputation } } }"
ACCEPT = "mutation($id: ID!) { acceptAnswer(input: {answerId: $id}) { userErrors { code } } }"
UNACCEPT = "mutation($id: ID!) { unacceptAnswer(input: {answerId: $id}) { userErrors { code } } }"
POINTS = {1: REPUTATION.upvote, -1: REPUTATION.downvote}


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_votes_and_acceptances_keep_reputation_and_counters_exact(graph, client, token_for, seed):
    rng = random.Random(seed)
    people = await factories.members(graph, 6)
    topics = await factories.topics(graph, 1)
    questions, answers = [], []  # answers: (answer id, author index, question index)
    for q in range(3):
        asker = rng.randrange(6)
        questions.append((await ask(client, token_for, people[asker], topics), asker))
        for author in rng.sample(range(6), 3):  # the asker may answer too
            reply = await answer(client, token_for, people[author], questions[-1][0]["id"])
            answers.append((reply["id"], author, q))

    votes: dict[tuple[int, str], int] = {}  # (voter, answer id) -> 1 or -1
    accepted: dict[int, str | None] = {q: None for q in range(3)}
    for _ in range(60):
        answer_id, author, q = rng.choice(answers)
        roll = rng.random()
        if roll < 0.7:
            voter = rng.randrange(6)
            value = rng.choice(["UP", "DOWN", "NONE"])
            result = await vote(client, token_for, people[voter], answer_id, value)
            if voter == author:
                assert result["userErrors"][0]["code"] == "CANNOT_VOTE_OWN"
                continue
            assert result["userErrors"] == []
            numeric = {"UP": 1, "DOWN": -1, "NONE": 0}[value]
            if numeric:
                votes[(voter, answer_id)] = numeric
            else:
                votes.pop((voter, answer_id), None)
        else:
            asker = questions[q][1]
            undo = roll > 0.9
            body = await gql(client, UNACCEPT if undo else ACCEPT, {"id": answer_id}, headers=token_for(people[asker]["id"]))
            assert "errors" not in body, body
            if not undo:
                accepted[q] = answer_id
            elif accepted[q] == answer_id:
                accepted[q] = None

    expected = [0] * 6
    for answer_id, author, q in answers:
        for (voter, voted), value in votes.items():
            if voted == answer_id:
                expected[author] += POINTS[value]
        if accepted[q] == answer_id and author != questions[q][1]:
            expected[author] += REPUTATION.accepted
    body = await gql(client, REPUTATIONS)
    stored = {m["id"]: m["reputation"] for m in body["data"]["members"]["nodes"]}
    assert [stored[gid("Member", p)] for p in people] == expected

    for q, (question, _) in enumerate(questions):
        state = (await gql(client, STATE, {"id": question["id"]}))["data"]["question"]
        assert state["answerCount"] == 3
        assert state["acceptedAnswer"] == ({"id": accepted[q]} if accepted[q] else None)
        for node in state["answers"]["nodes"]:
            ups = sum(1 for (_, a), v in votes.items() if a == node["id"] and v == 1)
            downs = sum(1 for (_, a), v in votes.items() if a == node["id"] and v == -1)
            assert (node["upvotes"], node["downvotes"], node["score"]) == (ups, downs, ups - downs)
            assert node["isAccepted"] == (node["id"] == accepted[q])

    repo = QnaRepository(graph)
    assert await repo.reputation_mismatches(REPUTATION.params()) == 0
    assert await repo.counter_mismatches() == {"answers": 0, "questions": 0}


async def test_the_mismatch_check_sees_a_broken_reputation_and_the_recount_repairs_it(graph, client, token_for):
    asker, helper, voter = await factories.members(graph, 3)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    reply = await answer(client, token_for, helper, question["id"])
    await vote(client, token_for, voter, reply["id"], "UP")
    repo = QnaRepository(graph)
    assert await repo.reputation_mismatches(REPUTATION.params()) == 0
    await CommunityRepository(graph).update_member(helper["id"], {"reputation": 999})
    assert await repo.reputation_mismatches(REPUTATION.params()) == 1
    assert await repo.recompute_reputation(REPUTATION.params()) == 1
    assert await repo.reputation_mismatches(REPUTATION.params()) == 0
    body = await gql(client, "query($h: String!) { member(handle: $h) { reputation } }", {"h": helper["handle"]})
    assert body["data"]["member"]["reputation"] == 10


async def test_the_counter_check_sees_a_vote_its_answer_did_not_count(graph, client, token_for):
    asker, helper, voter = await factories.members(graph, 3)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    reply = await answer(client, token_for, helper, question["id"])
    repo = QnaRepository(graph)
    assert await repo.counter_mismatches() == {"answers": 0, "questions": 0}
    answer_id = from_global_id(reply["id"]).id
    await SeedWriter(graph).votes([{"memberId": voter["id"], "answerId": answer_id, "value": 1, "at": factories.BASE}])
    assert await repo.counter_mismatches() == {"answers": 1, "questions": 0}
    assert await repo.reputation_mismatches(REPUTATION.params()) == 1
