"""Asking, answering, editing, voting and accepting through the API."""

from tests import factories
from tests.gql import codes, gid, gql
from tests.qna.helpers import (
    ANSWER,
    ASK,
    EDIT_ANSWER,
    EDIT_QUESTION,
    accept,
    answer,
    ask,
    vote,
)

QUESTION = """query($id: ID!) { question(id: $id) { title body answerCount isAnswered topics { slug }
  acceptedAnswer { id } answers(first: 10) { nodes { id isAccepted score } } } }"""
REPUTATION = "query($handle: String!) { member(handle: $handle) { reputation } }"


async def _reputation(client, member) -> int:
    body = await gql(client, REPUTATION, {"handle": member["handle"]})
    return body["data"]["member"]["reputation"]


async def _question(client, question_id):
    body = await gql(client, QUESTION, {"id": question_id})
    assert "errors" not in body, body
    return body["data"]["question"]


async def test_asking_creates_a_question_with_its_topics_group_and_author(graph, client, token_for):
    asker, = await factories.members(graph, 1)
    topics = await factories.topics(graph, 2)
    club, = await factories.groups(graph, 1, leaders=[asker])
    question = await ask(client, token_for, asker, topics, group=club, title="  How do I deploy metadata?  ")
    assert question["title"] == "How do I deploy metadata?"
    assert sorted(t["slug"] for t in question["topics"]) == sorted(t["slug"] for t in topics)
    assert question["group"] == {"slug": club["slug"]}
    assert question["author"] == {"handle": asker["handle"]}
    assert question["answerCount"] == 0 and question["isAnswered"] is False


async def test_asking_refuses_bad_input_and_writes_nothing(graph, client, token_for):
    asker, outsider = await factories.members(graph, 2)
    topics = await factories.topics(graph, 6)
    club, = await factories.groups(graph, 1, leaders=[outsider])
    good = {"title": "A fine title", "body": "Body", "topicIds": [gid("Topic", topics[0])]}
    cases = [
        ({"title": "Hey"}, "title", "BAD_USER_INPUT"),
        ({"title": "x" * 201}, "title", "BAD_USER_INPUT"),
        ({"body": "   "}, "body", "BAD_USER_INPUT"),
        ({"body": "x" * 20_001}, "body", "BAD_USER_INPUT"),
        ({"topicIds": []}, "topicIds", "BAD_USER_INPUT"),
        ({"topicIds": [gid("Topic", t) for t in topics]}, "topicIds", "BAD_USER_INPUT"),
        ({"topicIds": [gid("Topic", {"id": "no-such-topic"})]}, "topicIds", "NOT_FOUND"),
        ({"topicIds": ["not-an-id"]}, "topicIds[0]", "BAD_USER_INPUT"),
        ({"groupId": gid("Group", {"id": "no-such-group"})}, "groupId", "NOT_FOUND"),
        ({"groupId": gid("Group", club)}, "groupId", "FORBIDDEN"),  # not a member of it
    ]
    for change, field, code in cases:
        body = await gql(client, ASK, {"input": {**good, **change}}, headers=token_for(asker["id"]))
        assert "errors" not in body, body
        payload = body["data"]["askQuestion"]
        assert payload["question"] is None
        assert (payload["userErrors"][0]["field"], payload["userErrors"][0]["code"]) == (field, code), change
    count = await gql(client, "{ questions { totalCount } }")
    assert count["data"]["questions"]["totalCount"] == 0


async def test_answering_counts_the_answer_and_your_own_question_may_be_answered(graph, client, token_for):
    asker, helper = await factories.members(graph, 2)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    await answer(client, token_for, helper, question["id"])
    own = await gql(client, ANSWER, {"input": {"questionId": question["id"], "body": "Solved it myself."}},
                    headers=token_for(asker["id"]))
    payload = own["data"]["answerQuestion"]
    assert payload["userErrors"] == []
    assert payload["question"] == {"id": question["id"], "answerCount": 2, "isAnswered": True}
    stats = await gql(client, "{ answerStats { questionCount answeredCount } }")
    assert stats["data"]["answerStats"] == {"questionCount": 1, "answeredCount": 1}


async def test_answering_a_missing_question_or_with_an_empty_body_is_refused(graph, client, token_for):
    helper, = await factories.members(graph, 1)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, helper, topics)
    missing = await gql(client, ANSWER, {"input": {"questionId": gid("Question", {"id": "gone"}), "body": "Hi"}},
                        headers=token_for(helper["id"]))
    assert missing["data"]["answerQuestion"]["userErrors"][0]["code"] == "NOT_FOUND"
    empty = await gql(client, ANSWER, {"input": {"questionId": question["id"], "body": ""}},
                      headers=token_for(helper["id"]))
    assert empty["data"]["answerQuestion"]["userErrors"][0]["field"] == "body"
    assert (await _question(client, question["id"]))["answerCount"] == 0


async def test_only_the_author_edits_a_question_or_an_answer(graph, client, token_for):
    asker, helper = await factories.members(graph, 2)
    topics = await factories.topics(graph, 3)
    question = await ask(client, token_for, asker, topics[:1])
    reply = await answer(client, token_for, helper, question["id"], body="First draft")

    edit = {"questionId": question["id"], "title": "A better title", "topicIds": [gid("Topic", t) for t in topics[1:]]}
    refused = await gql(client, EDIT_QUESTION, {"input": edit}, headers=token_for(helper["id"]))
    assert codes(refused) == ["FORBIDDEN"]
    done = await gql(client, EDIT_QUESTION, {"input": edit}, headers=token_for(asker["id"]))
    assert done["data"]["editQuestion"]["userErrors"] == []
    edited = await _question(client, question["id"])
    assert edited["title"] == "A better title" and edited["body"] == "Details of the problem."
    assert sorted(t["slug"] for t in edited["topics"]) == sorted(t["slug"] for t in topics[1:])
    search = await gql(client, '{ questions(filter: {search: "better"}) { totalCount } }')
    assert search["data"]["questions"]["totalCount"] == 1

    refused = await gql(client, EDIT_ANSWER, {"input": {"answerId": reply["id"], "body": "Hijacked"}},
                        headers=token_for(asker["id"]))
    assert codes(refused) == ["FORBIDDEN"]
    done = await gql(client, EDIT_ANSWER, {"input": {"answerId": reply["id"], "body": "Final"}},
                     headers=token_for(helper["id"]))
    assert done["data"]["editAnswer"]["answer"]["body"] == "Final"


async def test_editing_with_nothing_to_change_or_clearing_topics_is_refused(graph, client, token_for):
    asker, = await factories.members(graph, 1)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    for change, field in (({}, "input"), ({"topicIds": []}, "topicIds"), ({"title": None}, "title")):
        body = await gql(client, EDIT_QUESTION, {"input": {"questionId": question["id"], **change}},
                         headers=token_for(asker["id"]))
        assert body["data"]["editQuestion"]["userErrors"][0]["field"] == field, change


async def test_votes_move_counters_and_reputation_and_can_change_or_be_withdrawn(graph, client, token_for):
    asker, helper, voter = await factories.members(graph, 3)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    reply = await answer(client, token_for, helper, question["id"])

    up = await vote(client, token_for, voter, reply["id"], "UP")
    assert up["answer"] == {"id": reply["id"], "upvotes": 1, "downvotes": 0, "score": 1, "viewerVote": "UP",
                            "author": {"handle": helper["handle"], "reputation": 10}}
    again = await vote(client, token_for, voter, reply["id"], "UP")
    assert (again["answer"]["upvotes"], again["answer"]["author"]["reputation"]) == (1, 10)
    down = await vote(client, token_for, voter, reply["id"], "DOWN")
    assert down["answer"] == {"id": reply["id"], "upvotes": 0, "downvotes": 1, "score": -1, "viewerVote": "DOWN",
                              "author": {"handle": helper["handle"], "reputation": -2}}
    withdrawn = await vote(client, token_for, voter, reply["id"], "NONE")
    assert withdrawn["answer"] == {"id": reply["id"], "upvotes": 0, "downvotes": 0, "score": 0, "viewerVote": None,
                                   "author": {"handle": helper["handle"], "reputation": 0}}
    asker_vote = await vote(client, token_for, asker, reply["id"], "DOWN")
    assert asker_vote["answer"]["score"] == -1


async def test_you_cannot_vote_on_your_own_answer(graph, client, token_for):
    asker, = await factories.members(graph, 1)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    own = await answer(client, token_for, asker, question["id"])
    refused = await vote(client, token_for, asker, own["id"], "UP")
    assert refused["answer"] is None
    assert refused["userErrors"] == [{"field": "answerId", "message": "you cannot vote on your own answer",
                                      "code": "CANNOT_VOTE_OWN"}]
    assert await _reputation(client, asker) == 0


async def test_accepting_moves_the_acceptance_and_its_points(graph, client, token_for):
    asker, first, second = await factories.members(graph, 3)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    a1 = await answer(client, token_for, first, question["id"])
    a2 = await answer(client, token_for, second, question["id"])

    body = await accept(client, token_for, asker, a1["id"])
    assert body["data"]["acceptAnswer"]["answer"]["author"] == {"handle": first["handle"], "reputation": 15}
    assert body["data"]["acceptAnswer"]["question"]["acceptedAnswer"] == {"id": a1["id"]}
    assert (await accept(client, token_for, asker, a1["id"]))["data"]["acceptAnswer"]["userErrors"] == []
    assert await _reputation(client, first) == 15  # accepting twice counts once

    body = await accept(client, token_for, asker, a2["id"])
    assert body["data"]["acceptAnswer"]["question"]["acceptedAnswer"] == {"id": a2["id"]}
    assert (await _reputation(client, first), await _reputation(client, second)) == (0, 15)
    state = await _question(client, question["id"])
    assert [a["isAccepted"] for a in state["answers"]["nodes"]] == [True, False]
    assert state["answers"]["nodes"][0]["id"] == a2["id"]  # the accepted answer comes first

    body = await accept(client, token_for, asker, a2["id"], undo=True)
    assert body["data"]["unacceptAnswer"]["answer"]["isAccepted"] is False
    assert body["data"]["unacceptAnswer"]["question"]["acceptedAnswer"] is None
    assert await _reputation(client, second) == 0
    body = await accept(client, token_for, asker, a2["id"], undo=True)  # harmless when not accepted
    assert body["data"]["unacceptAnswer"]["userErrors"] == [] and await _reputation(client, second) == 0


async def test_accepting_your_own_answer_earns_nothing(graph, client, token_for):
    asker, = await factories.members(graph, 1)
    topics = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, topics)
    own = await answer(client, token_for, asker, question["id"])
    body = await accept(client, token_for, asker, own["id"])
    assert body["data"]["acceptAnswer"]["answer"] == {"id": own["id"], "isAccepted": True,
                                                      "author": {"handle": asker["handle"], "reputation": 0}}


async def test_a_group_leader_may_accept_but_other_members_may_not(graph, client, token_for):
    leader, asker, helper, bystander = await factories.members(graph, 4)
    topics = await factories.topics(graph, 1)
    club, = await factories.groups(graph, 1, leaders=[leader])
    await factories.memberships(graph, [(asker, club, "MEMBER"), (bystander, club, "MEMBER")])
    question = await ask(client, token_for, asker, topics, group=club)
    reply = await answer(client, token_for, helper, question["id"])

    for outsider in (bystander, helper):
        refused = await accept(client, token_for, outsider, reply["id"])
        assert codes(refused) == ["FORBIDDEN"]
        refused = await accept(client, token_for, outsider, reply["id"], undo=True)
        assert codes(refused) == ["FORBIDDEN"]
    assert (await _question(client, question["id"]))["acceptedAnswer"] is None

    can = """query($id: ID!) { question(id: $id) { viewerCanAccept } }"""
    for member, expected in ((leader, True), (asker, True), (bystander, False)):
        body = await gql(client, can, {"id": question["id"]}, headers=token_for(member["id"]))
        assert body["data"]["question"]["viewerCanAccept"] is expected
    assert (await gql(client, can, {"id": question["id"]}))["data"]["question"]["viewerCanAccept"] is False

    body = await accept(client, token_for, leader, reply["id"])
    assert body["data"]["acceptAnswer"]["answer"]["author"]["reputation"] == 15


async def test_accepting_a_missing_answer_is_not_found(graph, client, token_for):
    asker, = await factories.members(graph, 1)
    body = await accept(client, token_for, asker, gid("Answer", {"id": "gone"}))
    assert body["data"]["acceptAnswer"]["userErrors"][0]["code"] == "NOT_FOUND"
