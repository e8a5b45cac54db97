"""Hero lists cost a fixed number of database round trips, however many heroes, events or members
they show: every per-hero field goes through a batching DataLoader, and a hero's member and
company come along with the hero rows (primed loaders)."""

from __future__ import annotations

from graph.cypher import Query
from tests import factories as f
from tests.gql import gql, round_trips
from tests.learning import factories as lf
from tests.recognition.test_heroes import admin_headers, feature

SPEAK = Query("test_rt_speak", """UNWIND $pairs AS pair
MATCH (m:Member {id: pair.memberId})
MATCH (e:Event {id: pair.eventId})
MERGE (m)-[:SPEAKS_AT]->(e)""", "", __file__, 0)

HEROES = """query($first: Int) { heroes(first: $first) { totalCount nodes {
  id title featuredAt member { handle displayName } company { name } products { slug name }
  cityTours(first: 5) { totalCount nodes { id title startsAt } } } } }"""
EVENTS = """query { events(first: 30, filter: {kind: CITY_TOUR}) { nodes {
  id title heroes { id title member { handle } company { name } products { slug } } } } }"""
MEMBERS = """query { members(first: 50) { nodes { handle heroStories { id title company { name } products { slug } } } } }"""


async def _world(graph, client, token_for, heroes: int, tours: int) -> list[dict]:
    """`heroes` heroes (each its own member and company, two products), and `tours` CITY_TOUR events
    at each of which the first three heroes speak; the heroes, as featured."""
    headers = await admin_headers(graph, token_for)
    products = await f.topics(graph, 3)
    members = await f.members(graph, heroes)
    featured = []
    for i, member in enumerate(members):
        company = await lf.company(graph)
        featured.append(await feature(client, headers, member, company, [products[i % 3], products[(i + 1) % 3]],
                                      title=f"Hero number {i}"))
    leader = await f.member(graph)
    (group,) = await f.groups(graph, 1, leaders=[leader])
    events = await f.events(graph, group, tours, kind="CITY_TOUR")
    await graph.write(SPEAK, pairs=[{"memberId": m["id"], "eventId": e["id"]} for e in events for m in members[:3]])
    return featured


async def _trips(client, query: str, variables: dict | None = None) -> tuple[int, dict]:
    body = await gql(client, query, variables)
    assert "errors" not in body, body
    return round_trips(body), body["data"]


async def test_heroes_with_member_company_products_and_city_tours_take_four_round_trips(graph, client, token_for):
    await _world(graph, client, token_for, heroes=30, tours=4)
    trips, data = await _trips(client, HEROES, {"first": 30})
    heroes = data["heroes"]["nodes"]
    assert data["heroes"]["totalCount"] == 30 and len(heroes) == 30
    assert all(h["member"] and h["company"] and len(h["products"]) == 2 for h in heroes)
    assert sorted(h["cityTours"]["totalCount"] for h in heroes) == [0] * 27 + [4] * 3
    assert all(len(h["cityTours"]["nodes"]) == h["cityTours"]["totalCount"] for h in heroes)
    # page + count + products + city tours; members and companies come with the page.
    assert trips == 4


async def test_hero_round_trips_do_not_grow_with_the_page(graph, client, token_for):
    await _world(graph, client, token_for, heroes=4, tours=1)
    few, data = await _trips(client, HEROES, {"first": 2})
    assert len(data["heroes"]["nodes"]) == 2
    many, data = await _trips(client, HEROES, {"first": 30})
    assert len(data["heroes"]["nodes"]) == 4
    assert few == many == 4


async def test_event_heroes_over_a_page_of_events_take_three_round_trips(graph, client, token_for):
    featured = await _world(graph, client, token_for, heroes=6, tours=12)
    trips, data = await _trips(client, EVENTS)
    events = data["events"]["nodes"]
    assert len(events) == 12
    speaking = {h["id"] for h in featured[:3]}
    assert all({h["id"] for h in e["heroes"]} == speaking for e in events)
    assert all(h["member"] and h["company"] and h["products"] for e in events for h in e["heroes"])
    # events page + heroes of the events + their products.
    assert trips == 3


async def test_member_hero_stories_over_a_page_of_members_take_three_round_trips(graph, client, token_for):
    featured = await _world(graph, client, token_for, heroes=10, tours=0)
    trips, data = await _trips(client, MEMBERS)
    stories = [s for m in data["members"]["nodes"] for s in m["heroStories"]]
    assert sorted(s["id"] for s in stories) == sorted(h["id"] for h in featured)
    assert all(s["company"]["name"] and len(s["products"]) == 2 for s in stories)
    # members page + hero stories of the members + their products.
    assert trips == 3


async def test_hero_by_id_with_everything_takes_four_round_trips(graph, client, token_for):
    featured = await _world(graph, client, token_for, heroes=3, tours=2)
    query = """query($id: ID!) { hero(id: $id) { title member { handle } company { name } products { slug }
      cityTours(first: 10) { totalCount nodes { id heroes { id } } } } }"""
    trips, data = await _trips(client, query, {"id": featured[0]["id"]})
    tours = data["hero"]["cityTours"]
    assert tours["totalCount"] == 2
    assert all(len(t["heroes"]) == 3 for t in tours["nodes"])
    assert data["hero"]["member"] and data["hero"]["company"]
    # the hero (with member and company) + products + city tours + the tours' heroes.
    assert trips == 4
