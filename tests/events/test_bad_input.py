"""Bad input to event queries is BAD_USER_INPUT with the field at fault; nothing is ever interpolated."""

import pytest

from tests import factories
from tests.gql import codes, gid, gql


def _field(body):
    assert codes(body) == ["BAD_USER_INPUT"], body
    return body["errors"][0]["extensions"].get("field")


@pytest.mark.parametrize("bad_id", ["", "not base64 !!", "TUFUQ0ggKG4pIERFVEFDSCBERUxFVEUgbg",  # "MATCH (n) DETACH DELETE n"
                                    gid("Member", {"id": "someone"})])
async def test_event_by_a_malformed_or_foreign_id_is_bad_input(client, graph, bad_id):
    body = await gql(client, "query($id: ID!) { event(id: $id) { title } }", {"id": bad_id})
    assert _field(body) == "id"


async def test_a_missing_event_is_null(client, graph):
    body = await gql(client, "query($id: ID!) { event(id: $id) { title } node(id: $id) { id } }",
                     {"id": gid("Event", {"id": "no-such-event"})})
    assert body == {"data": {"event": None, "node": None}, "extensions": body["extensions"]}


@pytest.mark.parametrize(("arguments", "field"), [
    ({"filter": {"groupId": "garbage"}}, "groupId"),
    ({"filter": {"groupId": gid("Topic", {"id": "t"})}}, "groupId"),
    ({"filter": {"topic": "garbage"}}, "topic"),
    ({"filter": {"near": {"latitude": 91.0, "longitude": 0.0, "radiusKm": 5.0}}}, "near.latitude"),
    ({"filter": {"near": {"latitude": 0.0, "longitude": 0.0, "radiusKm": 0.0}}}, "near.radiusKm"),
    ({"filter": {"from": "2027-01-01T00:00:00"}}, "from"),
    ({"filter": {"search": "x" * 201}}, "search"),
    ({"orderBy": "DISTANCE"}, "orderBy"),
    ({"first": 101}, "first"),
    ({"last": -1}, "last"),
    ({"after": "bm90IGEgY3Vyc29y"}, "after"),
])
async def test_events_reject_bad_arguments(client, graph, arguments, field):
    body = await gql(client, """query($filter: EventFilter, $orderBy: EventOrder, $first: Int, $last: Int,
        $after: String) { events(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after) {
        totalCount } }""", arguments)
    assert _field(body) == field


async def test_nested_event_lists_cap_their_page_size(client, graph, token_for):
    leader = await factories.member(graph)
    (group,) = await factories.groups(graph, 1, leaders=[leader])
    (event,) = await factories.events(graph, group, 1)
    body = await gql(client, "query($id: ID!) { event(id: $id) { attendees(first: 500) { totalCount } } }",
                     {"id": gid("Event", event)})
    assert _field(body) == "first"
    body = await gql(client, "{ viewer { attendedEvents(first: 101) { totalCount } } }", headers=token_for(leader["id"]))
    assert _field(body) == "first"
    body = await gql(client, "{ viewer { upcomingEvents(last: 1000) { totalCount } } }", headers=token_for(leader["id"]))
    assert _field(body) == "last"


async def test_an_rsvp_answer_outside_the_enum_is_rejected_before_anything_runs(client, graph, token_for):
    member = await factories.member(graph)
    body = await gql(client, "mutation { rsvp(input: {eventId: \"x\", status: WAITLISTED}) { userErrors { code } } }",
                     headers=token_for(member["id"]))
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
