"""Concurrent requests against the running app keep the Q&A invariants."""

import asyncio

from graph.qna.repository import QnaRepository
from graph.qna.reputation import REPUTATION
from tests import factories
from tests.gql import gql
from tests.qna.helpers import ACCEPT, ANSWER, VOTE, answer, ask

STATE = """query($id: ID!) { question(id: $id) { answerCount acceptedAnswer { id }
  answers(first: 20) { nodes { id isAccepted upvotes downvotes score author { handle reputation } } } } }"""


async def _consistent(graph) -> None:
    repo = QnaRepository(graph)
    assert await repo.reputation_mismatches(REPUTATION.params()) == 0
    assert await repo.counter_mismatches() == {"answers": 0, "questions": 0}


async def test_twenty_identical_votes_at_once_count_once(graph, client, token_for):
    asker, helper, voter = await factories.members(graph, 3)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    reply = await answer(client, token_for, helper, question["id"])

    variables = {"input": {"answerId": reply["id"], "value": "UP"}}
    bodies = await asyncio.gather(*(gql(client, VOTE, variables, headers=token_for(voter["id"])) for _ in range(20)))
    assert all("errors" not in b and b["data"]["voteAnswer"]["userErrors"] == [] for b in bodies), bodies

    state = (await gql(client, STATE, {"id": question["id"]}))["data"]["question"]
    (only,) = state["answers"]["nodes"]
    assert (only["upvotes"], only["downvotes"], only["score"]) == (1, 0, 1)
    assert only["author"]["reputation"] == 10
    await _consistent(graph)


async def test_concurrent_changes_of_one_vote_leave_one_vote(graph, client, token_for):
    asker, helper, voter = await factories.members(graph, 3)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    reply = await answer(client, token_for, helper, question["id"])

    values = ["UP", "DOWN", "NONE", "UP", "DOWN"] * 4
    await asyncio.gather(*(gql(client, VOTE, {"input": {"answerId": reply["id"], "value": v}},
                               headers=token_for(voter["id"])) for v in values))
    state = (await gql(client, STATE, {"id": question["id"]}))["data"]["question"]
    (only,) = state["answers"]["nodes"]
    assert only["upvotes"] + only["downvotes"] <= 1
    await _consistent(graph)


async def test_concurrent_accepts_of_different_answers_leave_exactly_one_accepted(graph, client, token_for):
    asker, *helpers = await factories.members(graph, 7)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    replies = [await answer(client, token_for, h, question["id"]) for h in helpers]

    for _ in range(2):  # from no acceptance, then from an existing one
        bodies = await asyncio.gather(*(gql(client, ACCEPT, {"input": {"answerId": r["id"]}},
                                            headers=token_for(asker["id"])) for r in replies))
        assert all("errors" not in b and b["data"]["acceptAnswer"]["userErrors"] == [] for b in bodies), bodies
        state = (await gql(client, STATE, {"id": question["id"]}))["data"]["question"]
        accepted = [a for a in state["answers"]["nodes"] if a["isAccepted"]]
        assert len(accepted) == 1
        assert state["acceptedAnswer"] == {"id": accepted[0]["id"]}
        assert sorted(a["author"]["reputation"] for a in state["answers"]["nodes"]) == [0] * 5 + [15]
        await _consistent(graph)


async def test_concurrent_answers_are_all_counted(graph, client, token_for):
    asker, *helpers = await factories.members(graph, 11)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    bodies = await asyncio.gather(*(gql(client, ANSWER, {"input": {"questionId": question["id"], "body": "Me too"}},
                                        headers=token_for(h["id"])) for h in helpers))
    assert all(b["data"]["answerQuestion"]["userErrors"] == [] for b in bodies), bodies
    state = (await gql(client, STATE, {"id": question["id"]}))["data"]["question"]
    assert state["answerCount"] == 10 == len(state["answers"]["nodes"])
    await _consistent(graph)
