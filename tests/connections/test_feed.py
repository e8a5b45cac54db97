"""The home feed: what concerns the viewer, newest first, with reasons, keyset pages and a fixed cost."""

from datetime import timedelta

from tests import factories
from tests.factories import BASE
from tests.gql import codes, gql, round_trips

FEED = """query($first: Int, $after: String) { viewer { feed(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind occurredAt reasons { kind message topic { slug } group { slug } }
        question { title } answer { body } event { title } member { handle }
        suggestions { edges { node { handle } } } } } } } }"""


def _label(node):
    """What a feed item is about, in one word: a title, an answer's body or a handle."""
    if node["answer"]:
        return node["answer"]["body"]
    subject = node["question"] or node["event"] or {}
    return subject.get("title") or node["member"]["handle"]


async def _world(graph):
    viewer = await factories.member(graph, "viewer")
    asker, answerer, fan, stranger = [await factories.member(graph, h) for h in ("asker", "answerer", "fan", "stranger")]
    topics = await factories.topics(graph, 2)
    await factories.topic_follows(graph, [(viewer, topics[0])])
    (club,) = await factories.groups(graph, 1, leaders=[asker])
    await factories.memberships(graph, [(viewer, club, "MEMBER")])
    in_topic = await factories.questions(graph, [(asker, topics[0])], title="In a followed topic")
    in_group = await factories.questions(graph, [(asker, topics[1])], group=club, title="In your group")
    both = await factories.questions(graph, [(asker, topics[0])], group=club, title="Topic and group")
    await factories.questions(graph, [(asker, topics[1])], title="Elsewhere")  # neither: not in the feed
    own = await factories.questions(graph, [(viewer, topics[0])], title="My own question")
    await factories.answers(graph, [(answerer, own[0])], body="Here is how")
    await factories.events(graph, club, 1, title="Upcoming meetup", createdAt=BASE + timedelta(days=2))
    await factories.events(graph, club, 1, past=True, title="Past meetup")  # over: not in the feed
    hidden_fan = await factories.member(graph, "hidden-fan", visibility="PRIVATE")  # never shown to the viewer
    await factories.follows(graph, [(fan, viewer), (hidden_fan, viewer), (asker, stranger), (viewer, asker)])
    return dict(viewer=viewer, asker=asker, in_topic=in_topic, in_group=in_group, both=both, topics=topics, club=club)


async def test_the_feed_lists_what_concerns_the_viewer_newest_first_with_reasons(graph, client, token_for):
    world = await _world(graph)
    body = await gql(client, FEED, {"first": 20}, headers=token_for(world["viewer"]["id"]))
    assert "errors" not in body, body
    nodes = [edge["node"] for edge in body["data"]["viewer"]["feed"]["edges"]]
    assert nodes[0]["kind"] == "PEOPLE_YOU_MAY_KNOW"
    assert [e["node"]["handle"] for e in nodes[0]["suggestions"]["edges"]] == ["stranger"]
    rest = nodes[1:]
    times = [n["occurredAt"] for n in rest]
    assert times == sorted(times, reverse=True)
    kinds = {(n["kind"], _label(n)) for n in rest}
    assert kinds == {("NEW_QUESTION", "In a followed topic"), ("NEW_QUESTION", "In your group"),
                     ("NEW_QUESTION", "Topic and group"), ("NEW_ANSWER", "Here is how"),
                     ("UPCOMING_EVENT", "Upcoming meetup"), ("NEW_FOLLOWER", "fan")}
    both = next(n for n in rest if (n["question"] or {}).get("title") == "Topic and group")
    assert sorted(r["kind"] for r in both["reasons"]) == ["FOLLOWED_TOPIC", "YOUR_GROUP"]
    topic_reason = next(r for r in both["reasons"] if r["kind"] == "FOLLOWED_TOPIC")
    assert topic_reason["topic"] == {"slug": world["topics"][0]["slug"]}
    assert topic_reason["message"] == f"You follow {world['topics'][0]['name']}"
    answer = next(n for n in rest if n["kind"] == "NEW_ANSWER")
    assert answer["question"] == {"title": "My own question"} and answer["reasons"][0]["kind"] == "YOUR_QUESTION"


async def test_keyset_pages_neither_skip_nor_repeat_when_new_items_arrive(graph, client, token_for):
    world = await _world(graph)
    headers = token_for(world["viewer"]["id"])
    seen, after, pages = [], None, 0
    while True:
        body = await gql(client, FEED, {"first": 2, "after": after}, headers=headers)
        feed = body["data"]["viewer"]["feed"]
        seen += [edge["node"]["id"] for edge in feed["edges"]]
        pages += 1
        if pages == 1:  # something new arrives while the viewer reads on: it must not shift the pages
            await factories.questions(graph, [(world["asker"], world["topics"][0])], title="Brand new",
                                      createdAt=BASE + timedelta(days=400))
        if not feed["pageInfo"]["hasNextPage"]:
            break
        after = feed["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 7  # suggestions + 3 questions + answer + event + follower
    assert codes(await gql(client, FEED, {"after": "bm90IGEgY3Vyc29y"}, headers=headers)) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, FEED, {"first": 101}, headers=headers)) == ["BAD_USER_INPUT"]


async def test_a_feed_page_costs_a_fixed_number_of_queries_however_many_follows(graph, client, token_for):
    world = await _world(graph)
    headers = token_for(world["viewer"]["id"])
    small = await gql(client, FEED, {"first": 20}, headers=headers)
    more_topics = await factories.topics(graph, 10)
    await factories.topic_follows(graph, [(world["viewer"], t) for t in more_topics])
    await factories.questions(graph, [(world["asker"], t) for t in more_topics for _ in range(3)])
    big = await gql(client, FEED, {"first": 20}, headers=headers)
    assert len(big["data"]["viewer"]["feed"]["edges"]) == 20
    # viewer + feed sources + suggestions + the subjects' own fields (authors, ...) batched by type.
    assert round_trips(big) == round_trips(small), (small["extensions"], big["extensions"])
    other = await gql(client, """{ member(handle: "asker") { feed { edges { cursor } } } }""", headers=headers)
    assert codes(other) == ["FORBIDDEN"]
