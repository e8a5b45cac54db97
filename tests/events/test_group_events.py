"""A group's events: upcoming soonest first, past most recent first, batched across groups."""

from tests import factories
from tests.gql import gql, round_trips

GROUP_EVENTS = """query($slug: String!, $upcoming: Boolean!) { group(slug: $slug) {
    events(upcoming: $upcoming, first: 10) { totalCount nodes { title } } } }"""


async def test_a_group_lists_its_upcoming_and_past_events_in_order(graph, client):
    (leader,) = await factories.members(graph, 1)
    club, other = await factories.groups(graph, 2, leaders=[leader, leader])
    soon, later = await factories.events(graph, club, 2)  # later factory events start later
    old, older = await factories.events(graph, club, 2, past=True)  # ...and past ones started earlier
    await factories.events(graph, other, 1)
    upcoming = await gql(client, GROUP_EVENTS, {"slug": club["slug"], "upcoming": True})
    assert upcoming["data"]["group"]["events"] == {
        "totalCount": 2, "nodes": [{"title": soon["title"]}, {"title": later["title"]}]}
    past = await gql(client, GROUP_EVENTS, {"slug": club["slug"], "upcoming": False})
    assert past["data"]["group"]["events"] == {
        "totalCount": 2, "nodes": [{"title": old["title"]}, {"title": older["title"]}]}


async def test_events_of_many_groups_cost_one_query(graph, client):
    leaders = await factories.members(graph, 12)
    clubs = await factories.groups(graph, 12, leaders=leaders)
    for club in clubs:
        await factories.events(graph, club, 2)
    body = await gql(client, "{ groups(first: 12) { nodes { slug events(first: 3) { totalCount nodes { title } } } } }")
    assert "errors" not in body, body
    assert all(g["events"]["totalCount"] == 2 for g in body["data"]["groups"]["nodes"])
    assert round_trips(body) == 2  # the groups page, then every group's events in one batch
