"""Round trips per Q&A operation are pinned: an N+1 anywhere fails these tests."""

from datetime import datetime, timedelta, timezone

from tests import factories
from tests.gql import gid, gql, round_trips


async def _forum(graph, questions=30):
    """`questions` questions by six askers, three answers each by six other members, the second accepted."""
    people = await factories.members(graph, 12)
    askers, answerers = people[:6], people[6:]
    topics = await factories.topics(graph, 4)
    asked = await factories.questions(graph, [(askers[i % 6], [topics[i % 4], topics[(i + 1) % 4]])
                                              for i in range(questions)])
    first = await factories.answers(graph, [(answerers[i % 6], q) for i, q in enumerate(asked)])
    await factories.answers(graph, [(answerers[(i + 1) % 6], q) for i, q in enumerate(asked)], accepted=True,
                            after=timedelta(hours=2))
    await factories.answers(graph, [(answerers[(i + 2) % 6], q) for i, q in enumerate(asked)],
                            after=timedelta(hours=3))
    await factories.votes(graph, [(askers[i % 6], a, "UP") for i, a in enumerate(first[:5])])
    return people, topics, asked


async def test_a_page_of_questions_with_authors_topics_answers_and_acceptance_costs_five_queries(graph, client):
    await _forum(graph)
    body = await gql(client, """{ questions(first: 30) { nodes { title author { handle } topics { slug }
        acceptedAnswer { id body }
        answers(first: 3) { totalCount nodes { body isAccepted author { handle } } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["questions"]["nodes"]
    assert len(nodes) == 30
    assert all(len(n["topics"]) == 2 and n["author"] and n["acceptedAnswer"] for n in nodes)
    assert all(n["answers"]["totalCount"] == 3 and n["answers"]["nodes"][0]["isAccepted"] for n in nodes)
    assert all(a["author"] for n in nodes for a in n["answers"]["nodes"])
    # the page (topics ride along) + question authors + answers + accepted answers + answer authors
    assert round_trips(body) == 5, body["extensions"]


async def test_questions_and_answers_of_twenty_members_cost_four_queries(graph, client):
    people, _, asked = await _forum(graph, questions=40)
    # A late answer on the oldest question: a question no member's newest-three list has loaded.
    await factories.answers(graph, [(people[6], asked[0])], after=timedelta(days=30))
    body = await gql(client, """{ members(first: 20) { nodes { handle reputation
        questions(first: 3) { totalCount nodes { title topics { slug } } }
        answers(first: 3) { totalCount nodes { body score question { title } } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["members"]["nodes"]
    assert len(nodes) == 12  # every member of the forum
    by_handle = {n["handle"]: n for n in nodes}
    assert all(by_handle[p["handle"]]["questions"]["totalCount"] > 0 for p in people[:6])
    assert all(by_handle[p["handle"]]["answers"]["totalCount"] > 0 for p in people[6:])
    assert all(a["question"]["title"] for n in nodes for a in n["answers"]["nodes"])
    assert any(n["reputation"] > 0 for n in nodes)
    # members + their questions + their answers + the answers' questions
    assert round_trips(body) == 4, body["extensions"]


async def test_suggested_answerers_of_a_page_of_questions_cost_one_query(graph, client):
    people = await factories.members(graph, 30)
    topics = await factories.topics(graph, 3)
    skills = await factories.skills(graph, 3)
    await factories.topic_skills(graph, list(zip(topics, skills)))
    await factories.holdings(graph, [(p, skills[i % 3], 1 + i % 5) for i, p in enumerate(people)])
    recent = datetime.now(timezone.utc) - timedelta(days=3)
    older = await factories.questions(graph, [(people[i], topics[i % 3]) for i in range(10)],
                                      createdAt=recent - timedelta(days=1))
    await factories.answers(graph, [(people[10 + i], q) for i, q in enumerate(older)], accepted=True)
    await factories.questions(graph, [(people[i], topics[i % 3]) for i in range(20)], createdAt=recent)
    body = await gql(client, """{ questions(first: 20) { nodes { title
        suggestedAnswerers(first: 3) { score member { handle } evidence { acceptedAnswers bestSkillLevel endorsements lastActiveAt } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["questions"]["nodes"]
    assert len(nodes) == 20
    assert all(len(n["suggestedAnswerers"]) == 3 for n in nodes)
    # the page + one routing query for all twenty questions (members come with the suggestions)
    assert round_trips(body) == 2, body["extensions"]


async def test_one_question_with_its_answers_authors_and_votes_costs_five_queries(graph, client, token_for):
    people = await factories.members(graph, 12)
    topics = await factories.topics(graph, 1)
    (question,) = await factories.questions(graph, [(people[0], topics[0])])
    answers = await factories.answers(graph, [(p, question) for p in people[1:11]])
    await factories.votes(graph, [(people[11], a, "UP") for a in answers[:5]])
    body = await gql(client, """query($id: ID!) { question(id: $id) { title author { handle } viewerCanAccept
        answers(first: 10) { totalCount nodes { body score viewerVote author { handle } } } } }""",
                     {"id": gid("Question", question)}, headers=token_for(people[11]["id"]))
    assert "errors" not in body, body
    answers_page = body["data"]["question"]["answers"]
    assert answers_page["totalCount"] == 10
    assert [a["viewerVote"] for a in answers_page["nodes"]].count("UP") == 5
    # the question + its answers + the asker + the answerers (one batch) + the viewer's votes
    assert round_trips(body) == 5, body["extensions"]


async def test_answer_stats_cost_one_query(graph, client):
    await _forum(graph, questions=10)
    body = await gql(client, "{ answerStats { questionCount answeredCount answeredWithin48HoursCount "
                             "answeredWithin48HoursShare medianHoursToFirstAnswer } }")
    assert body["data"]["answerStats"]["questionCount"] == 10
    assert round_trips(body) == 1, body["extensions"]
