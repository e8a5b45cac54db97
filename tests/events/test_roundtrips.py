"""Round trips per operation are pinned for every event list: an N+1 anywhere fails these tests."""

from tests import factories
from tests.events.helpers import RSVP
from tests.gql import gid, gql, round_trips


async def _calendar(graph, *, events=30, people=40):
    members = await factories.members(graph, people)
    topics = await factories.topics(graph, 3)
    groups = await factories.groups(graph, 3, leaders=members[:3])
    upcoming, past = [], []
    for i, group in enumerate(groups):  # a few factory calls: each one recounts the whole graph
        upcoming += await factories.events(graph, group, events // 3, topics=[topics[i]],
                                           speakers=[members[i], members[i + 3]])
        past += await factories.events(graph, group, 10 // 3 + (i == 0), past=True, topics=[topics[i]])
    rsvps = [(m, e, "GOING") for i, e in enumerate(upcoming + past) for m in members[i % 7 : i % 7 + 8]]
    await factories.rsvps(graph, rsvps)
    return members, topics, groups, upcoming, past


async def test_thirty_events_with_group_topics_speakers_attendees_and_viewer_rsvp_cost_six_queries(
        graph, client, token_for):
    members, *_ = await _calendar(graph)
    body = await gql(client, """{ events(first: 30, filter: {upcoming: true}) { edges { node { title
        group { slug } topics { slug } speakers { handle }
        attendees(first: 5) { totalCount nodes { handle } }
        viewerRsvp { status waitlistPosition } } } } }""", headers=token_for(members[0]["id"]))
    assert "errors" not in body, body
    edges = body["data"]["events"]["edges"]
    assert len(edges) == 30
    assert all(len(e["node"]["speakers"]) == 2 and e["node"]["group"] and e["node"]["topics"] for e in edges)
    assert all(e["node"]["attendees"]["totalCount"] == 8 and len(e["node"]["attendees"]["nodes"]) == 5 for e in edges)
    assert sum(e["node"]["viewerRsvp"] is not None for e in edges) == 5  # members[0] goes to every 7th
    # page + groups + topics + speakers + attendees + viewer's RSVPs, whatever the page size.
    assert round_trips(body) == 6, body["extensions"]


async def test_attended_events_of_twenty_members_cost_three_queries(graph, client):
    await _calendar(graph)
    body = await gql(client, """{ members(first: 20) { nodes { handle
        attendedEvents(first: 3) { totalCount nodes { title group { slug } } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["members"]["nodes"]
    assert len(nodes) == 20
    assert sum(n["attendedEvents"]["totalCount"] for n in nodes) == 10 * 8
    # members page + attended events + their groups.
    assert round_trips(body) == 3, body["extensions"]


async def test_viewer_upcoming_events_cost_five_queries(graph, client, token_for):
    members, topics, groups, upcoming, _ = await _calendar(graph)
    viewer = members[20]
    await factories.memberships(graph, [(viewer, groups[0], "MEMBER")])
    await factories.topic_follows(graph, [(viewer, topics[1])])
    body = await gql(client, """{ viewer { upcomingEvents(first: 30) { totalCount edges { reasons node { title
        group { slug } topics { slug } viewerRsvp { status } } } } } }""", headers=token_for(viewer["id"]))
    assert "errors" not in body, body
    connection = body["data"]["viewer"]["upcomingEvents"]
    assert connection["totalCount"] == 20 and len(connection["edges"]) == 20
    # viewer + upcoming events + groups + topics + viewer's RSVPs.
    assert round_trips(body) == 5, body["extensions"]


async def test_thirty_event_representations_cost_one_query(graph, client):
    _, _, _, upcoming, _ = await _calendar(graph)
    representations = [{"__typename": "Event", "id": gid("Event", e)} for e in upcoming]
    body = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { title } } }""",
                     {"r": representations}, path="/subgraphs/community/graphql")
    assert "errors" not in body, body
    assert [e["title"] for e in body["data"]["_entities"]] == [e["title"] for e in upcoming]
    assert round_trips(body) == 1


async def test_an_rsvp_is_one_transaction_of_a_fixed_number_of_statements(graph, client, token_for):
    leader, alice, bob = await factories.members(graph, 3)
    (group,) = await factories.groups(graph, 1, leaders=[leader])
    (event,) = await factories.events(graph, group, 1, capacity=1)
    going = await gql(client, RSVP, {"id": gid("Event", event), "status": "GOING"}, headers=token_for(alice["id"]))
    assert going["data"]["rsvp"]["rsvp"]["status"] == "GOING"
    assert going["extensions"]["graph"]["queries"] == ["rsvp_state", "take_place", "rsvp_outcome"]
    waiting = await gql(client, RSVP, {"id": gid("Event", event), "status": "GOING"}, headers=token_for(bob["id"]))
    assert waiting["extensions"]["graph"]["queries"] == ["rsvp_state", "take_place", "join_waitlist", "rsvp_outcome"]
    left = await gql(client, RSVP, {"id": gid("Event", event), "status": "NOT_GOING"}, headers=token_for(alice["id"]))
    assert left["data"]["rsvp"]["event"]["goingCount"] == 1
    assert left["extensions"]["graph"]["queries"] == ["rsvp_state", "leave_place", "promote_waitlisted", "rsvp_outcome"]


async def test_create_event_checks_topics_and_speakers_in_one_query_each(graph, client, token_for):
    from tests.events.helpers import CREATE, event_input

    leader, *speakers = await factories.members(graph, 6)
    hidden = await factories.member(graph, visibility="PRIVATE")
    topics = await factories.topics(graph, 3)
    (group,) = await factories.groups(graph, 1, leaders=[leader])
    body = await gql(client, CREATE, {"input": event_input(
        group, topicIds=[gid("Topic", t) for t in topics], speakerIds=[gid("Member", m) for m in speakers])},
        headers=token_for(leader["id"]))
    assert body["data"]["createEvent"]["userErrors"] == []
    assert len(body["data"]["createEvent"]["event"]["speakers"]) == 5
    queries = body["extensions"]["graph"]["queries"]
    assert queries[:5] == ["groups_by_ids", "viewer_roles_in_groups", "topics_by_ids", "members_by_ids", "create_event"]
    # The payload's topics and speakers resolve concurrently: one query each, in either order.
    assert sorted(queries[5:]) == ["speakers_of_events", "topics_of_events"]
    # A speaker whose profile the leader cannot see is reported like a missing one.
    body = await gql(client, CREATE, {"input": event_input(group, speakerIds=[gid("Member", hidden)])},
                     headers=token_for(leader["id"]))
    assert body["data"]["createEvent"]["userErrors"] == [
        {"field": "speakerIds", "message": f"no such member: {hidden['id']}", "code": "NOT_FOUND"}]
