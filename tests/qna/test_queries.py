"""Reading questions and answers: filters, orders, nested lists, privacy, statistics, entities."""

from datetime import timedelta

from tests import factories
from tests.gql import gid, gql
from tests.qna.helpers import answer, ask, vote

TITLES = "query($f: QuestionFilter, $o: QuestionOrder) { questions(filter: $f, orderBy: $o, first: 50) { totalCount nodes { title } } }"


async def _titles(client, filter=None, order="NEWEST", headers=None):
    body = await gql(client, TITLES, {"f": filter, "o": order}, headers=headers)
    assert "errors" not in body, body
    page = body["data"]["questions"]
    assert page["totalCount"] == len(page["nodes"])
    return [n["title"] for n in page["nodes"]]


async def test_questions_filter_by_topic_group_author_answers_and_search(graph, client):
    alice, bob, carol = await factories.members(graph, 3)
    apex, flows = await factories.topics(graph, 2)
    club, = await factories.groups(graph, 1, leaders=[alice])
    q1, q2 = await factories.questions(graph, [(alice, apex), (bob, [apex, flows])], group=club)
    q3, = await factories.questions(graph, [(carol, flows)], title="Flow limits in loops")
    await factories.answers(graph, [(bob, q1)])

    assert await _titles(client) == [q3["title"], q2["title"], q1["title"]]
    assert await _titles(client, {"topic": gid("Topic", apex)}) == [q2["title"], q1["title"]]
    assert await _titles(client, {"group": gid("Group", club)}) == [q2["title"], q1["title"]]
    assert await _titles(client, {"authorId": gid("Member", carol)}) == [q3["title"]]
    assert await _titles(client, {"unanswered": True}) == [q3["title"], q2["title"]]
    assert await _titles(client, {"unanswered": False}) == [q1["title"]]
    assert await _titles(client, {"search": "FLOW LIMITS"}) == [q3["title"]]
    assert await _titles(client, {"topic": gid("Topic", flows), "group": gid("Group", club)}) == [q2["title"]]


async def test_questions_order_by_votes_and_unanswered_oldest(graph, client):
    people = await factories.members(graph, 4)
    topic, = await factories.topics(graph, 1)
    low, high, none_, negative = await factories.questions(graph, [(people[0], topic)] * 4)
    answers = await factories.answers(graph, [(people[1], low), (people[1], high), (people[1], negative),
                                              (people[2], high)])
    await factories.votes(graph, [(people[3], answers[0], "UP"), (people[3], answers[1], "UP"),
                                  (people[2], answers[1], "UP"), (people[3], answers[2], "DOWN")])
    assert await _titles(client, order="VOTES") == [high["title"], low["title"], none_["title"], negative["title"]]
    older, = await factories.questions(graph, [(people[0], topic)], createdAt=low["createdAt"] - timedelta(days=1))
    assert await _titles(client, order="UNANSWERED_OLDEST") == [older["title"], none_["title"]]
    assert await _titles(client, {"topic": gid("Topic", topic)}, order="UNANSWERED_OLDEST") == [
        older["title"], none_["title"]]


async def test_questions_page_forwards_and_backwards(graph, client):
    author, = await factories.members(graph, 1)
    topic, = await factories.topics(graph, 1)
    asked = await factories.questions(graph, [(author, topic)] * 5)
    newest_first = [q["title"] for q in reversed(asked)]
    page = await gql(client, "{ questions(first: 2) { pageInfo { hasNextPage endCursor } nodes { title } } }")
    first = page["data"]["questions"]
    assert [n["title"] for n in first["nodes"]] == newest_first[:2] and first["pageInfo"]["hasNextPage"]
    body = await gql(client, "query($a: String) { questions(first: 10, after: $a) { nodes { title } } }",
                     {"a": first["pageInfo"]["endCursor"]})
    assert [n["title"] for n in body["data"]["questions"]["nodes"]] == newest_first[2:]
    body = await gql(client, "{ questions(last: 2) { pageInfo { hasPreviousPage } nodes { title } } }")
    assert [n["title"] for n in body["data"]["questions"]["nodes"]] == newest_first[3:]


async def test_a_question_lists_its_answers_accepted_first_then_by_score_then_oldest(graph, client, token_for):
    asker, *others = await factories.members(graph, 6)
    topic, = await factories.topics(graph, 1)
    question = await ask(client, token_for, asker, [topic])
    replies = [await answer(client, token_for, others[i], question["id"], body=f"answer {i}") for i in range(4)]
    await vote(client, token_for, others[4], replies[2]["id"], "UP")
    await vote(client, token_for, others[4], replies[3]["id"], "DOWN")
    body = await gql(client, "mutation($id: ID!) { acceptAnswer(input: {answerId: $id}) { userErrors { code } } }",
                     {"id": replies[1]["id"]}, headers=token_for(asker["id"]))
    assert body["data"]["acceptAnswer"]["userErrors"] == []
    query = """query($id: ID!, $first: Int, $last: Int, $after: String) { question(id: $id) { answerCount
      answers(first: $first, last: $last, after: $after) { totalCount pageInfo { endCursor } nodes { body } } } }"""
    everything = await gql(client, query, {"id": question["id"], "first": 10})
    order = [n["body"] for n in everything["data"]["question"]["answers"]["nodes"]]
    assert order == ["answer 1", "answer 2", "answer 0", "answer 3"]
    tail = await gql(client, query, {"id": question["id"], "last": 2})
    assert [n["body"] for n in tail["data"]["question"]["answers"]["nodes"]] == order[2:]
    head = await gql(client, query, {"id": question["id"], "first": 2})
    cursor = head["data"]["question"]["answers"]["pageInfo"]["endCursor"]
    rest = await gql(client, query, {"id": question["id"], "first": 5, "after": cursor})
    assert [n["body"] for n in rest["data"]["question"]["answers"]["nodes"]] == order[2:]


async def test_member_questions_answers_and_reputation(graph, client):
    alice, bob, carol = await factories.members(graph, 3)
    topic, = await factories.topics(graph, 1)
    q1, q2 = await factories.questions(graph, [(alice, topic), (alice, topic)])
    a1, a2 = await factories.answers(graph, [(bob, q1), (bob, q2)])
    await factories.votes(graph, [(carol, a1, "UP"), (alice, a2, "DOWN")])
    body = await gql(client, """query($h: String!) { member(handle: $h) { reputation
        questions(first: 5) { totalCount nodes { title } } answers(first: 5) { totalCount nodes { body question { title } } } } }""",
                     {"h": bob["handle"]})
    bob_view = body["data"]["member"]
    assert bob_view["reputation"] == 10 - 2
    assert bob_view["questions"] == {"totalCount": 0, "nodes": []}
    assert [a["question"]["title"] for a in bob_view["answers"]["nodes"]] == [q2["title"], q1["title"]]
    body = await gql(client, """query($h: String!) { member(handle: $h) { questions(first: 1) { totalCount nodes { title } } } }""",
                     {"h": alice["handle"]})
    assert body["data"]["member"]["questions"] == {"totalCount": 2, "nodes": [{"title": q2["title"]}]}


async def test_hidden_authors_are_null_and_cannot_be_filtered_on(graph, client, token_for):
    public, = await factories.members(graph, 1)
    private, = await factories.members(graph, 1, visibility="PRIVATE")
    members_only, = await factories.members(graph, 1, visibility="MEMBERS")
    topic, = await factories.topics(graph, 1)
    question, = await factories.questions(graph, [(private, topic)])
    await factories.answers(graph, [(members_only, question)])
    query = """query($id: ID!) { question(id: $id) { author { handle } answers { nodes { author { handle } } } } }"""
    anonymous = await gql(client, query, {"id": gid("Question", question)})
    assert anonymous["data"]["question"] == {"author": None, "answers": {"nodes": [{"author": None}]}}
    signed_in = await gql(client, query, {"id": gid("Question", question)}, headers=token_for(public["id"]))
    assert signed_in["data"]["question"] == {"author": None,
                                             "answers": {"nodes": [{"author": {"handle": members_only["handle"]}}]}}
    own = await gql(client, query, {"id": gid("Question", question)}, headers=token_for(private["id"]))
    assert own["data"]["question"]["author"] == {"handle": private["handle"]}
    assert await _titles(client, {"authorId": gid("Member", private)}, headers=token_for(public["id"])) == []
    assert await _titles(client, {"authorId": gid("Member", private)}, headers=token_for(private["id"])) == [
        question["title"]]


async def test_answer_stats_count_questions_and_time_to_first_answer(graph, client):
    asker, helper = await factories.members(graph, 2)
    topic, other = await factories.topics(graph, 2)
    club, = await factories.groups(graph, 1, leaders=[asker])
    fast, slow, late, waiting = await factories.questions(graph, [(asker, topic)] * 4, group=club)
    await factories.answers(graph, [(helper, fast)], after=timedelta(hours=1))
    await factories.answers(graph, [(helper, slow)], after=timedelta(hours=10))
    await factories.answers(graph, [(helper, late)], after=timedelta(hours=72))
    await factories.answers(graph, [(asker, fast)], after=timedelta(hours=5))  # not the first answer
    await factories.questions(graph, [(asker, other)], createdAt=waiting["createdAt"] + timedelta(days=10))
    query = """query($t: ID, $g: ID, $s: DateTime) { answerStats(topic: $t, group: $g, since: $s) {
      questionCount answeredCount answeredWithin48HoursCount answeredWithin48HoursShare medianHoursToFirstAnswer } }"""
    body = await gql(client, query, {"t": gid("Topic", topic)})
    assert body["data"]["answerStats"] == {"questionCount": 4, "answeredCount": 3, "answeredWithin48HoursCount": 2,
                                           "answeredWithin48HoursShare": 0.5, "medianHoursToFirstAnswer": 10.0}
    body = await gql(client, query, {"g": gid("Group", club)})
    assert body["data"]["answerStats"]["questionCount"] == 4
    assert (await gql(client, query, {}))["data"]["answerStats"]["questionCount"] == 5
    since = (waiting["createdAt"] + timedelta(days=1)).isoformat()
    body = await gql(client, query, {"s": since})
    assert body["data"]["answerStats"] == {"questionCount": 1, "answeredCount": 0, "answeredWithin48HoursCount": 0,
                                           "answeredWithin48HoursShare": 0.0, "medianHoursToFirstAnswer": None}
    body = await gql(client, query, {"t": gid("Topic", topic), "s": since})
    assert body["data"]["answerStats"] == {"questionCount": 0, "answeredCount": 0, "answeredWithin48HoursCount": 0,
                                           "answeredWithin48HoursShare": None, "medianHoursToFirstAnswer": None}


async def test_the_median_of_an_even_count_lies_between_the_middle_two(graph, client):
    asker, helper = await factories.members(graph, 2)
    topic, = await factories.topics(graph, 1)
    first, second = await factories.questions(graph, [(asker, topic)] * 2)
    await factories.answers(graph, [(helper, first)], after=timedelta(hours=2))
    await factories.answers(graph, [(helper, second)], after=timedelta(hours=7))
    body = await gql(client, "{ answerStats { medianHoursToFirstAnswer answeredWithin48HoursShare } }")
    assert body["data"]["answerStats"] == {"medianHoursToFirstAnswer": 4.5, "answeredWithin48HoursShare": 1.0}


async def test_questions_and_answers_resolve_as_nodes_and_entities(graph, client):
    author, = await factories.members(graph, 1)
    topic, = await factories.topics(graph, 1)
    question, = await factories.questions(graph, [(author, topic)])
    reply, = await factories.answers(graph, [(author, question)])
    body = await gql(client, """query($ids: [ID!]!) { nodes(ids: $ids) {
        ... on Question { title } ... on Answer { body question { title } } } }""",
                     {"ids": [gid("Question", question), gid("Answer", reply), gid("Answer", {"id": "gone"})]})
    assert body["data"]["nodes"] == [{"title": question["title"]},
                                     {"body": reply["body"], "question": {"title": question["title"]}}, None]
    representations = [{"__typename": "Question", "id": gid("Question", question)},
                       {"__typename": "Answer", "id": gid("Answer", reply)},
                       {"__typename": "Question", "id": "garbage"}]
    body = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Question { title } ... on Answer { body } } }""", {"r": representations},
                     path="/subgraphs/community/graphql")
    assert body["data"]["_entities"] == [{"title": question["title"]}, {"body": reply["body"]}, None]
