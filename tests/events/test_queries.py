"""Event queries: the filtered list, an event's people, and the events around a member."""

from datetime import datetime, timezone

from tests import factories
from tests.events.helpers import rsvp
from tests.gql import codes, gid, gql

EVENTS = """query($f: EventFilter, $o: EventOrder, $first: Int) {
  events(filter: $f, orderBy: $o, first: $first) { totalCount edges { distanceKm node { title } } } }"""


def _titles(body):
    assert "errors" not in body, body
    return [edge["node"]["title"] for edge in body["data"]["events"]["edges"]]


async def _setting(graph):
    leader = await factories.member(graph)
    berlin, online = await factories.groups(graph, 2, leaders=[leader, leader])
    topics = await factories.topics(graph, 2)
    return leader, berlin, online, topics


async def test_events_filter_by_time_kind_group_topic_and_text(client, graph):
    _, berlin, online, topics = await _setting(graph)
    (past,) = await factories.events(graph, berlin, 1, past=True, title="Past meetup")
    soon, later = await factories.events(graph, berlin, 2, topics=[topics[0]])
    (webinar,) = await factories.events(graph, online, 1, kind="WEBINAR", format="ONLINE", title="Apex webinar",
                                        city=None, country=None, latitude=None, longitude=None, topics=[topics[1]])
    everything = await gql(client, EVENTS)
    assert _titles(everything) == [past["title"], soon["title"], later["title"], webinar["title"]]
    assert everything["data"]["events"]["totalCount"] == 4
    assert _titles(await gql(client, EVENTS, {"f": {"upcoming": True}})) == [soon["title"], later["title"], "Apex webinar"]
    assert _titles(await gql(client, EVENTS, {"f": {"upcoming": False}})) == ["Past meetup"]
    assert _titles(await gql(client, EVENTS, {"f": {"kind": "WEBINAR"}})) == ["Apex webinar"]
    assert _titles(await gql(client, EVENTS, {"f": {"groupId": gid("Group", online)}})) == ["Apex webinar"]
    assert _titles(await gql(client, EVENTS, {"f": {"topic": gid("Topic", topics[0])}})) == [soon["title"], later["title"]]
    assert _titles(await gql(client, EVENTS, {"f": {"search": "APEX"}})) == ["Apex webinar"]
    window = {"from": soon["startsAt"].isoformat(), "to": later["startsAt"].isoformat()}
    assert _titles(await gql(client, EVENTS, {"f": window})) == [soon["title"]]
    newest = await gql(client, EVENTS, {"o": "NEWEST", "f": {"upcoming": True}})
    assert _titles(newest) == ["Apex webinar", later["title"], soon["title"]]  # created 30 days before each start


async def test_events_near_a_point_carry_their_distance(client, graph):
    _, berlin, online, _ = await _setting(graph)
    (in_berlin,) = await factories.events(graph, berlin, 1, title="In Berlin")
    (in_potsdam,) = await factories.events(graph, berlin, 1, title="In Potsdam", city="Potsdam",
                                           latitude=52.39, longitude=13.06)
    await factories.events(graph, berlin, 1, title="In Munich", city="Munich", latitude=48.14, longitude=11.58)
    await factories.events(graph, online, 1, title="Online", format="ONLINE", latitude=None, longitude=None)
    near = {"latitude": 52.40, "longitude": 13.07, "radiusKm": 50.0}
    body = await gql(client, EVENTS, {"f": {"near": near}, "o": "DISTANCE"})
    assert _titles(body) == ["In Potsdam", "In Berlin"]
    distances = [edge["distanceKm"] for edge in body["data"]["events"]["edges"]]
    assert distances[0] < 2 and 20 < distances[1] < 30
    by_time = await gql(client, EVENTS, {"f": {"near": near}})
    assert _titles(by_time) == ["In Berlin", "In Potsdam"]
    assert (await gql(client, EVENTS))["data"]["events"]["edges"][0]["distanceKm"] is None
    body = await gql(client, EVENTS, {"o": "DISTANCE"})
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "orderBy"


async def test_attendees_and_speakers_show_only_profiles_the_viewer_may_see(client, graph, token_for):
    leader, group, _, _ = await _setting(graph)
    public = await factories.member(graph)
    members_only = await factories.member(graph, visibility="MEMBERS")
    private = await factories.member(graph, visibility="PRIVATE")
    (event,) = await factories.events(graph, group, 1, speakers=[public, private])
    await factories.rsvps(graph, [(public, event, "GOING"), (members_only, event, "GOING"), (private, event, "GOING"),
                                  (leader, event, "INTERESTED")])
    query = """query($id: ID!) { event(id: $id) { goingCount speakers { handle }
        attendees { totalCount edges { status node { handle } } }
        interested: attendees(status: INTERESTED) { totalCount nodes { handle } } } }"""
    anonymous = (await gql(client, query, {"id": gid("Event", event)}))["data"]["event"]
    assert anonymous["goingCount"] == 3  # the place count is not a profile
    assert anonymous["speakers"] == [{"handle": public["handle"]}]
    assert anonymous["attendees"] == {"totalCount": 1, "edges": [{"status": "GOING", "node": {"handle": public["handle"]}}]}
    signed_in = (await gql(client, query, {"id": gid("Event", event)}, headers=token_for(leader["id"])))["data"]["event"]
    assert signed_in["attendees"]["totalCount"] == 2
    assert {e["node"]["handle"] for e in signed_in["attendees"]["edges"]} == {public["handle"], members_only["handle"]}
    assert signed_in["interested"] == {"totalCount": 1, "nodes": [{"handle": leader["handle"]}]}
    own = (await gql(client, query, {"id": gid("Event", event)}, headers=token_for(private["id"])))["data"]["event"]
    assert own["attendees"]["totalCount"] == 3
    assert {s["handle"] for s in own["speakers"]} == {public["handle"], private["handle"]}


async def test_attendees_page_forwards_and_backwards_in_answer_order(client, graph, token_for):
    leader, group, _, _ = await _setting(graph)
    (event,) = await factories.events(graph, group, 1, capacity=10)
    people = await factories.members(graph, 7)
    await factories.rsvps(graph, [(p, event, "GOING") for p in people])
    page = """query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { event(id: $id) {
        attendees(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { handle } } } }"""
    handles = [p["handle"] for p in people]
    first = (await gql(client, page, {"id": gid("Event", event), "first": 3}))["data"]["event"]["attendees"]
    assert [n["handle"] for n in first["nodes"]] == handles[:3]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = (await gql(client, page, {"id": gid("Event", event), "first": 3, "after": first["pageInfo"]["endCursor"]}))
    assert [n["handle"] for n in second["data"]["event"]["attendees"]["nodes"]] == handles[3:6]
    last = (await gql(client, page, {"id": gid("Event", event), "last": 2}))["data"]["event"]["attendees"]
    assert [n["handle"] for n in last["nodes"]] == handles[5:]
    assert last["totalCount"] == 7


async def test_a_member_attended_only_past_events_they_were_going_to_newest_first(client, graph, token_for):
    _, group, _, _ = await _setting(graph)
    member, other = await factories.members(graph, 2)
    older, newer = await factories.events(graph, group, 2, past=True)  # the second starts further back
    skipped, = await factories.events(graph, group, 1, past=True)
    upcoming, = await factories.events(graph, group, 1)
    await factories.rsvps(graph, [(member, older, "GOING"), (member, newer, "GOING"), (member, skipped, "INTERESTED"),
                                  (member, upcoming, "GOING"), (other, older, "GOING")])
    query = """query($h: String!) { member(handle: $h) { attendedEvents(first: 10) { totalCount
        nodes { title endsAt } } } }"""
    body = await gql(client, query, {"h": member["handle"]})
    attended = body["data"]["member"]["attendedEvents"]
    assert attended["totalCount"] == 2
    assert [n["title"] for n in attended["nodes"]] == [older["title"], newer["title"]]
    assert all(datetime.fromisoformat(n["endsAt"]) < datetime.now(timezone.utc) for n in attended["nodes"])


async def test_upcoming_events_come_from_your_groups_and_topics_with_the_reasons(client, graph, token_for):
    leader, mine, other_group, topics = await _setting(graph)
    viewer = await factories.member(graph)
    await factories.memberships(graph, [(viewer, mine, "MEMBER")])
    await factories.topic_follows(graph, [(viewer, topics[0])])
    (group_only,) = await factories.events(graph, mine, 1)
    (both,) = await factories.events(graph, mine, 1, topics=[topics[0]])
    (topic_only,) = await factories.events(graph, other_group, 1, topics=[topics[0]])
    await factories.events(graph, other_group, 1, topics=[topics[1]])  # neither
    await factories.events(graph, mine, 1, past=True)  # over already
    query = """{ viewer { upcomingEvents(first: 10) { totalCount edges { reasons node { title } } } } }"""
    body = await gql(client, query, headers=token_for(viewer["id"]))
    assert body["data"]["viewer"]["upcomingEvents"] == {"totalCount": 3, "edges": [
        {"reasons": ["YOUR_GROUP"], "node": {"title": group_only["title"]}},
        {"reasons": ["YOUR_GROUP", "FOLLOWED_TOPIC"], "node": {"title": both["title"]}},
        {"reasons": ["FOLLOWED_TOPIC"], "node": {"title": topic_only["title"]}}]}
    page = await gql(client, "{ viewer { upcomingEvents(first: 1, after: \"Y3Vyc29yOnYxOjA\") { nodes { title } } } }",
                     headers=token_for(viewer["id"]))
    assert page["data"]["viewer"]["upcomingEvents"]["nodes"] == [{"title": both["title"]}]
    # Personal: on any other member it is FORBIDDEN, and the rest of the member still resolves.
    other = await gql(client, "query($h: String!) { member(handle: $h) { handle upcomingEvents { totalCount } } }",
                      {"h": viewer["handle"]}, headers=token_for(leader["id"]))
    assert codes(other) == ["FORBIDDEN"]
    assert other["data"]["member"] == {"handle": viewer["handle"], "upcomingEvents": None}
    anonymous = await gql(client, "query($h: String!) { member(handle: $h) { upcomingEvents { totalCount } } }",
                          {"h": viewer["handle"]})
    assert codes(anonymous) == ["UNAUTHENTICATED"]


async def test_viewer_rsvp_is_yours_only(client, graph, token_for):
    _, group, _, _ = await _setting(graph)
    (event,) = await factories.events(graph, group, 1, capacity=1)
    alice, bob = await factories.members(graph, 2)
    await rsvp(client, token_for(alice["id"]), gid("Event", event))
    await rsvp(client, token_for(bob["id"]), gid("Event", event))
    query = "query($id: ID!) { event(id: $id) { viewerRsvp { status waitlistPosition } } }"
    assert (await gql(client, query, {"id": gid("Event", event)}))["data"]["event"]["viewerRsvp"] is None
    bobs = await gql(client, query, {"id": gid("Event", event)}, headers=token_for(bob["id"]))
    assert bobs["data"]["event"]["viewerRsvp"] == {"status": "WAITLISTED", "waitlistPosition": 1}
    stranger = await factories.member(graph)
    theirs = await gql(client, query, {"id": gid("Event", event)}, headers=token_for(stranger["id"]))
    assert theirs["data"]["event"]["viewerRsvp"] is None


async def test_an_event_row_without_its_group_id_still_finds_its_host(graph):
    """Other domains may build an Event from `properties(e)` (the home feed does)."""
    from resolvers.events import service
    from resolvers.scope import RequestScope

    _, group, _, _ = await _setting(graph)
    (event,) = await factories.events(graph, group, 1)
    scope = RequestScope(graph=graph, viewer=None)
    host = await service.group_of_event(scope, event={"id": event["id"], "title": event["title"]})
    assert host["slug"] == group["slug"]
