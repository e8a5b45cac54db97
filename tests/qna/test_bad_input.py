"""Bad input, missing records, anonymous writes and Cypher-looking text in the Q&A API."""

import pytest

from tests import factories
from tests.gql import codes, gid, gql
from tests.qna.helpers import ask

QUESTION = "query($id: ID!) { question(id: $id) { title } }"
MUTATIONS = {
    "askQuestion": ('mutation($t: ID!) { askQuestion(input: {title: "Hello there", body: "b", topicIds: [$t]}) '
                    "{ question { id } } }"),
    "answerQuestion": 'mutation($q: ID!) { answerQuestion(input: {questionId: $q, body: "b"}) { answer { id } } }',
    "editQuestion": 'mutation($q: ID!) { editQuestion(input: {questionId: $q, title: "Hello again"}) { question { id } } }',
    "editAnswer": 'mutation($a: ID!) { editAnswer(input: {answerId: $a, body: "b"}) { answer { id } } }',
    "voteAnswer": "mutation($a: ID!) { voteAnswer(input: {answerId: $a, value: UP}) { answer { id } } }",
    "acceptAnswer": "mutation($a: ID!) { acceptAnswer(input: {answerId: $a}) { answer { id } } }",
    "unacceptAnswer": "mutation($a: ID!) { unacceptAnswer(input: {answerId: $a}) { answer { id } } }",
}


@pytest.mark.parametrize("value", ["not-an-id", "", "%%%", gid("Member", {"id": "m1"})])
async def test_a_malformed_or_wrong_type_question_id_is_bad_user_input(graph, client, value):
    body = await gql(client, QUESTION, {"id": value})
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "id"


async def test_a_missing_question_is_null(graph, client):
    body = await gql(client, QUESTION, {"id": gid("Question", {"id": "no-such-question"})})
    assert body == {"data": {"question": None}, "extensions": body["extensions"]}


async def test_oversized_pages_and_malformed_filters_are_bad_user_input(graph, client):
    for query, field in (
        ("{ questions(first: 101) { totalCount } }", "first"),
        ('{ questions(filter: {topic: "nope"}) { totalCount } }', "filter.topic"),
        ('{ questions(filter: {authorId: "nope"}) { totalCount } }', "filter.authorId"),
        ("{ questions(after: \"garbage\") { totalCount } }", "after"),
        ('{ answerStats(group: "nope") { questionCount } }', "group"),
    ):
        body = await gql(client, query)
        assert codes(body) == ["BAD_USER_INPUT"], query
        assert body["errors"][0]["extensions"]["field"] == field, query
    author, = await factories.members(graph, 1)
    topic, = await factories.topics(graph, 1)
    question, = await factories.questions(graph, [(author, topic)])
    body = await gql(client, "query($id: ID!) { question(id: $id) { answers(first: 500) { totalCount } } }",
                     {"id": gid("Question", question)})
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["maxPageSize"] == 100


@pytest.mark.parametrize("name", sorted(MUTATIONS))
async def test_anonymous_mutations_are_unauthenticated_and_write_nothing(graph, client, name):
    author, = await factories.members(graph, 1)
    topic, = await factories.topics(graph, 1)
    question, = await factories.questions(graph, [(author, topic)])
    reply, = await factories.answers(graph, [(author, question)])
    variables = {"t": gid("Topic", topic), "q": gid("Question", question), "a": gid("Answer", reply)}
    used = {k: v for k, v in variables.items() if f"${k}" in MUTATIONS[name]}
    body = await gql(client, MUTATIONS[name], used)
    assert codes(body) == ["UNAUTHENTICATED"]
    state = await gql(client, "{ questions { totalCount nodes { title answerCount } } }")
    assert state["data"]["questions"] == {"totalCount": 1, "nodes": [{"title": question["title"], "answerCount": 1}]}


async def test_malformed_ids_in_mutations_are_user_errors(graph, client, token_for):
    member, = await factories.members(graph, 1)
    for name, variables in (("answerQuestion", {"q": "garbage"}), ("voteAnswer", {"a": "garbage"}),
                            ("acceptAnswer", {"a": gid("Question", {"id": "x"})}), ("editAnswer", {"a": "garbage"})):
        body = await gql(client, MUTATIONS[name].replace("{ answer { id } }", "{ answer { id } userErrors { field code } }"),
                         variables, headers=token_for(member["id"]))
        assert "errors" not in body, body
        errors = body["data"][name]["userErrors"]
        assert errors and errors[0]["code"] == "BAD_USER_INPUT" and errors[0]["field"] in ("questionId", "answerId")


async def test_cypher_looking_text_is_stored_as_plain_text(graph, client, token_for):
    member, = await factories.members(graph, 1)
    topic, = await factories.topics(graph, 1)
    title = "x'}) MATCH (n) DETACH DELETE n //"
    body = "MATCH (m:Member) SET m.reputation = 1000000 RETURN m\n$props {.*}"
    question = await ask(client, token_for, member, [topic], title=title, body=body)
    assert (question["title"], question["body"]) == (title, body)
    found = await gql(client, 'query($s: String) { questions(filter: {search: $s}) { nodes { title body } } }',
                      {"s": "DETACH DELETE n //"})
    assert found["data"]["questions"]["nodes"] == [{"title": title, "body": body}]
    state = await gql(client, "query($h: String!) { member(handle: $h) { reputation } }", {"h": member["handle"]})
    assert state["data"]["member"]["reputation"] == 0
    assert (await gql(client, "{ topics { totalCount } }"))["data"]["topics"]["totalCount"] == 1
