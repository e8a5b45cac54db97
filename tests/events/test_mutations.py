"""Event mutations as leaders and members perform them: create, update, RSVP and the waitlist."""

from datetime import datetime

from tests import factories
from tests.events.helpers import CREATE, UPDATE, assert_consistent, create_event, event_input, rsvp, soon
from tests.gql import codes, gid, gql

# Fixed wall-clock dates next year: always in the future, and far from any DST change.
Y = datetime.now().year + 1


async def _leader_and_group(graph, **group_props):
    leader = await factories.member(graph)
    (group,) = await factories.groups(graph, 1, leaders=[leader], **group_props)
    return leader, group


async def test_a_leader_creates_an_event_shown_in_its_own_time_zone(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    speaker = await factories.member(graph)
    topics = await factories.topics(graph, 2)
    event = await create_event(
        client, token_for(leader["id"]), group, startsAt=f"{Y}-03-01T19:00:00", endsAt=f"{Y}-03-01T21:30:00",
        timeZone="America/New_York", topicIds=[gid("Topic", topics[1])], speakerIds=[gid("Member", speaker)])
    # A time without offset is wall-clock time in the event's zone, and comes back with its offset.
    assert event["startsAt"] == f"{Y}-03-01T19:00:00-05:00"
    assert event["endsAt"] == f"{Y}-03-01T21:30:00-05:00"
    assert event["timeZone"] == "America/New_York"
    assert (event["capacity"], event["goingCount"], event["waitlistCount"], event["spotsLeft"], event["isFull"]) == (
        50, 0, 0, 50, False)
    assert event["group"] == {"slug": group["slug"]}
    assert event["topics"] == [{"slug": topics[1]["slug"]}]
    assert event["speakers"] == [{"handle": speaker["handle"]}]
    # Summer time is the zone's business: the same wall-clock time in July has another offset.
    summer = await create_event(client, token_for(leader["id"]), group, startsAt=f"{Y}-07-01T19:00:00+02:00",
                                endsAt=f"{Y}-07-01T20:00:00+02:00", timeZone="America/New_York")
    assert summer["startsAt"] == f"{Y}-07-01T13:00:00-04:00"
    read = await gql(client, "query($id: ID!) { event(id: $id) { title startsAt } node(id: $id) { ... on Event { city } } }",
                     {"id": event["id"]})
    assert read["data"] == {"event": {"title": "Salesforce admins meetup", "startsAt": f"{Y}-03-01T19:00:00-05:00"},
                            "node": {"city": "Berlin"}}


async def test_an_event_without_topics_is_about_its_groups_topics(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    topics = await factories.topics(graph, 2)
    await factories.group_topics(graph, [(group, t) for t in topics])
    event = await create_event(client, token_for(leader["id"]), group, format="ONLINE", city=None, country=None,
                               latitude=None, longitude=None, venue=None)
    assert sorted(t["slug"] for t in event["topics"]) == sorted(t["slug"] for t in topics)
    assert (event["city"], event["latitude"], event["format"]) == (None, None, "ONLINE")


async def test_only_leaders_of_the_hosting_group_create_events(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    plain, outsider = await factories.members(graph, 2)
    await factories.memberships(graph, [(plain, group, "MEMBER")])
    for someone in (plain, outsider):
        body = await gql(client, CREATE, {"input": event_input(group)}, headers=token_for(someone["id"]))
        assert codes(body) == ["FORBIDDEN"]
        assert body["data"] is None or body["data"]["createEvent"] is None
    body = await gql(client, CREATE, {"input": event_input(group)})
    assert codes(body) == ["UNAUTHENTICATED"]
    assert (await gql(client, "{ events { totalCount } }"))["data"]["events"]["totalCount"] == 0


async def test_create_event_reports_every_bad_field(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    headers = token_for(leader["id"])
    past = (soon(days=-2)).isoformat()
    cases = [
        ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
        ({"timeZone": "../../etc/passwd"}, "timeZone"),
        ({"startsAt": past}, "startsAt"),
        ({"startsAt": soon(days=3).isoformat(), "endsAt": soon(days=2).isoformat()}, "endsAt"),
        ({"startsAt": soon(days=3).isoformat(), "endsAt": soon(days=3).isoformat()}, "endsAt"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 100_001}, "capacity"),
        ({"city": None}, "city"),
        ({"country": None}, "country"),
        ({"country": "Germany"}, "country"),
        ({"latitude": 91.0}, "latitude"),
        ({"longitude": None}, "latitude"),
        ({"title": "  "}, "title"),
        ({"topicIds": [gid("Topic", {"id": "missing"})]}, "topicIds"),
        ({"topicIds": ["not-an-id"]}, "topicIds[0]"),
        ({"speakerIds": [gid("Member", {"id": "missing"})]}, "speakerIds"),
        ({"speakerIds": [gid("Member", {"id": f"m{i}"}) for i in range(21)]}, "speakerIds"),
    ]
    for overrides, field in cases:
        body = await gql(client, CREATE, {"input": event_input(group, **overrides)}, headers=headers)
        assert "errors" not in body, (overrides, body)
        payload = body["data"]["createEvent"]
        assert payload["event"] is None, overrides
        assert field in [e["field"] for e in payload["userErrors"]], (overrides, payload)
    body = await gql(client, CREATE, {"input": event_input({"id": "x"}, groupId="MATCH (n) DETACH DELETE n")},
                     headers=headers)
    assert body["data"]["createEvent"]["userErrors"][0]["field"] == "groupId"
    assert (await gql(client, "{ events { totalCount } }"))["data"]["events"]["totalCount"] == 0


async def test_cypher_looking_text_is_stored_as_plain_text(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    nasty = "x' }) MATCH (n) DETACH DELETE n //"
    event = await create_event(client, token_for(leader["id"]), group, title=nasty,
                               description="$props RETURN 1; CALL db.labels()", venue="`Hall`", city="Berlin' OR 1=1")
    assert event["title"] == nasty and event["venue"] == "`Hall`" and event["city"] == "Berlin' OR 1=1"
    found = await gql(client, "query($s: String!) { events(filter: {search: $s}) { nodes { title description } } }",
                      {"s": "detach delete"})
    assert found["data"]["events"]["nodes"] == [{"title": nasty, "description": "$props RETURN 1; CALL db.labels()"}]
    assert len(await factories.members_in(graph)) == 1


async def test_rsvp_fills_places_then_the_waitlist_and_a_freed_place_goes_to_the_first_in_line(
        client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    event = await create_event(client, token_for(leader["id"]), group, capacity=2)
    people = await factories.members(graph, 5)
    results = [await rsvp(client, token_for(p["id"]), event["id"]) for p in people]
    assert [r["rsvp"] for r in results] == [
        {"status": "GOING", "waitlistPosition": None}, {"status": "GOING", "waitlistPosition": None},
        {"status": "WAITLISTED", "waitlistPosition": 1}, {"status": "WAITLISTED", "waitlistPosition": 2},
        {"status": "WAITLISTED", "waitlistPosition": 3}]
    assert results[-1]["event"] == {"goingCount": 2, "waitlistCount": 3, "spotsLeft": 0, "isFull": True}
    # Asking again changes nothing: no second place, no new ticket.
    again = await rsvp(client, token_for(people[3]["id"]), event["id"])
    assert again["rsvp"] == {"status": "WAITLISTED", "waitlistPosition": 2}
    assert again["event"]["waitlistCount"] == 3
    # The second in line gives up: the third moves up.
    gave_up = await rsvp(client, token_for(people[3]["id"]), event["id"], "NOT_GOING")
    assert gave_up["rsvp"] == {"status": "NOT_GOING", "waitlistPosition": None}
    assert gave_up["event"] == {"goingCount": 2, "waitlistCount": 2, "spotsLeft": 0, "isFull": True}
    # A going member cancels: the first in line gets the place in the same transaction.
    cancelled = await rsvp(client, token_for(people[0]["id"]), event["id"], "INTERESTED")
    assert cancelled["rsvp"] == {"status": "INTERESTED", "waitlistPosition": None}
    assert cancelled["event"] == {"goingCount": 2, "waitlistCount": 1, "spotsLeft": 0, "isFull": True}
    view = "query($id: ID!) { event(id: $id) { viewerRsvp { status waitlistPosition } } }"
    promoted = await gql(client, view, {"id": event["id"]}, headers=token_for(people[2]["id"]))
    assert promoted["data"]["event"]["viewerRsvp"] == {"status": "GOING", "waitlistPosition": None}
    last = await gql(client, view, {"id": event["id"]}, headers=token_for(people[4]["id"]))
    assert last["data"]["event"]["viewerRsvp"] == {"status": "WAITLISTED", "waitlistPosition": 1}
    # Nobody waits any more once a place frees up with an empty waitlist... after two cancellations.
    await rsvp(client, token_for(people[1]["id"]), event["id"], "NOT_GOING")
    freed = await rsvp(client, token_for(people[2]["id"]), event["id"], "NOT_GOING")
    assert freed["event"] == {"goingCount": 1, "waitlistCount": 0, "spotsLeft": 1, "isFull": False}
    await assert_consistent(graph)


async def test_interest_and_not_going_take_no_place(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    event = await create_event(client, token_for(leader["id"]), group, capacity=1)
    alice, bob = await factories.members(graph, 2)
    first = await rsvp(client, token_for(alice["id"]), event["id"], "INTERESTED")
    assert first["rsvp"] == {"status": "INTERESTED", "waitlistPosition": None}
    assert first["event"]["goingCount"] == 0
    going = await rsvp(client, token_for(alice["id"]), event["id"], "GOING")
    assert going["rsvp"]["status"] == "GOING" and going["event"]["goingCount"] == 1
    waiting = await rsvp(client, token_for(bob["id"]), event["id"], "GOING")
    assert waiting["rsvp"] == {"status": "WAITLISTED", "waitlistPosition": 1}
    for status in ("NOT_GOING", "INTERESTED", "INTERESTED"):
        body = await rsvp(client, token_for(bob["id"]), event["id"], status)
        assert body["rsvp"]["status"] == status and body["event"]["waitlistCount"] == 0
    await assert_consistent(graph)


async def test_rsvp_refuses_ended_and_missing_events_and_anonymous_callers(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    (past,) = await factories.events(graph, group, 1, past=True)
    member = await factories.member(graph)
    body = await gql(client, "mutation($id: ID!) { rsvp(input: {eventId: $id, status: GOING}) { rsvp { status } "
                             "userErrors { field code } } }", {"id": gid("Event", past)},
                     headers=token_for(member["id"]))
    assert body["data"]["rsvp"] == {"rsvp": None, "userErrors": [{"field": "eventId", "code": "EVENT_ENDED"}]}
    for bad, code in ((gid("Event", {"id": "missing"}), "NOT_FOUND"), (gid("Group", group), "BAD_USER_INPUT"),
                      ("%%%", "BAD_USER_INPUT")):
        body = await gql(client, "mutation($id: ID!) { rsvp(input: {eventId: $id, status: GOING}) { "
                                 "userErrors { field code } } }", {"id": bad}, headers=token_for(member["id"]))
        assert body["data"]["rsvp"]["userErrors"] == [{"field": "eventId", "code": code}]
    event = await create_event(client, token_for(leader["id"]), group)
    body = await gql(client, "mutation($id: ID!) { rsvp(input: {eventId: $id, status: GOING}) { rsvp { status } } }",
                     {"id": event["id"]})
    assert codes(body) == ["UNAUTHENTICATED"]
    await assert_consistent(graph)


async def test_raising_the_capacity_promotes_the_waitlist_in_ticket_order_and_lowering_is_bounded(
        client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    headers = token_for(leader["id"])
    event = await create_event(client, headers, group, capacity=2)
    people = await factories.members(graph, 6)
    for p in people:
        await rsvp(client, token_for(p["id"]), event["id"])
    body = await gql(client, UPDATE, {"input": {"eventId": event["id"], "capacity": 1}}, headers=headers)
    assert body["data"]["updateEvent"]["event"] is None
    assert body["data"]["updateEvent"]["userErrors"][0]["field"] == "capacity"
    assert body["data"]["updateEvent"]["userErrors"][0]["code"] == "CAPACITY_BELOW_GOING"
    body = await gql(client, UPDATE, {"input": {"eventId": event["id"], "capacity": 5, "title": "Bigger room"}},
                     headers=headers)
    updated = body["data"]["updateEvent"]
    assert updated["userErrors"] == []
    assert (updated["event"]["capacity"], updated["event"]["goingCount"], updated["event"]["waitlistCount"],
            updated["event"]["title"]) == (5, 5, 1, "Bigger room")
    found = await gql(client, '{ events(filter: {search: "bigger ROOM"}) { nodes { id } } }')
    assert found["data"]["events"]["nodes"] == [{"id": event["id"]}]  # the search text follows the title
    going = await gql(client, "query($id: ID!) { event(id: $id) { attendees(first: 10) { nodes { handle } } "
                              "waiting: attendees(status: WAITLISTED) { nodes { handle } } } }", {"id": event["id"]})
    assert sorted(m["handle"] for m in going["data"]["event"]["attendees"]["nodes"]) == sorted(
        p["handle"] for p in people[:5])
    assert going["data"]["event"]["waiting"]["nodes"] == [{"handle": people[5]["handle"]}]
    await assert_consistent(graph)


async def test_update_event_checks_leadership_and_input(client, graph, token_for):
    leader, group = await _leader_and_group(graph)
    headers = token_for(leader["id"])
    event = await create_event(client, headers, group, startsAt=f"{Y}-05-01T18:00:00", endsAt=f"{Y}-05-01T20:00:00")
    member = await factories.member(graph)
    body = await gql(client, UPDATE, {"input": {"eventId": event["id"], "title": "Mine now"}},
                     headers=token_for(member["id"]))
    assert codes(body) == ["FORBIDDEN"]
    for overrides, field in (({"endsAt": f"{Y}-05-01T17:00:00"}, "endsAt"), ({"timeZone": "Nowhere/Land"}, "timeZone"),
                             ({"capacity": 0}, "capacity"), ({"city": None}, "city"), ({"title": None}, "title"),
                             ({"latitude": 10.0}, "latitude"), ({"startsAt": "2020-01-01T00:00:00Z"}, "startsAt")):
        body = await gql(client, UPDATE, {"input": {"eventId": event["id"], **overrides}}, headers=headers)
        assert field in [e["field"] for e in body["data"]["updateEvent"]["userErrors"]], (overrides, body)
    topic = (await factories.topics(graph, 1))[0]
    speaker = await factories.member(graph)
    body = await gql(client, UPDATE, {"input": {
        "eventId": event["id"], "timeZone": "Asia/Tokyo", "format": "ONLINE", "city": None, "country": None,
        "latitude": None, "longitude": None, "topicIds": [gid("Topic", topic)], "speakerIds": [gid("Member", speaker)]}},
        headers=headers)
    updated = body["data"]["updateEvent"]
    assert updated["userErrors"] == []
    # The instant stays; it is shown in the new zone.
    assert updated["event"]["startsAt"] == f"{Y}-05-02T01:00:00+09:00"
    assert updated["event"]["city"] is None
    assert updated["event"]["topics"] == [{"slug": topic["slug"]}]
    assert updated["event"]["speakers"] == [{"handle": speaker["handle"]}]
    body = await gql(client, UPDATE, {"input": {"eventId": event["id"], "startsAt": f"{Y}-05-01T09:00:00",
                                                "endsAt": f"{Y}-05-01T10:00:00"}}, headers=headers)
    assert body["data"]["updateEvent"]["event"]["startsAt"] == f"{Y}-05-01T09:00:00+09:00"
