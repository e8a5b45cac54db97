"""Customer heroes: admins feature members' stories; admins and group leaders make heroes speak at
CITY_TOUR events (idempotent, also under concurrent requests); `heroes` lists, filters and never
shows nor counts a hero whose member the viewer may not see."""

from __future__ import annotations

import asyncio
from typing import Any

from graph.cypher import Query
from tests import factories as f
from tests.gql import codes, gid, gql
from tests.learning import factories as lf

STORY = "We moved every support case into one console and cut our response time in half."
HERO_FIELDS = """id title story featuredAt member { handle } company { name } products { slug }
  cityTours(first: 10) { totalCount nodes { id title } }"""
FEATURE = """mutation($input: FeatureHeroInput!) { featureHero(input: $input) {
  hero { %s } userErrors { field message code } } }""" % HERO_FIELDS
ADD = """mutation($hero: ID!, $event: ID!) { addHeroToEvent(input: {heroId: $hero, eventId: $event}) {
  hero { id cityTours(first: 10) { totalCount nodes { id } } }
  event { id heroes { id } speakers { handle } } userErrors { field message code } } }"""
REMOVE = """mutation($hero: ID!, $event: ID!) { removeHeroFromEvent(input: {heroId: $hero, eventId: $event}) {
  hero { id cityTours(first: 10) { totalCount } } event { id heroes { id } } userErrors { field message code } } }"""
HEROES = """query($filter: HeroFilter, $first: Int, $after: String) { heroes(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id title member { handle } } } }"""
HERO = """query($id: ID!) { hero(id: $id) { id title member { handle } }
  node(id: $id) { ... on CustomerHero { id story } } }"""

HERO_NODES = Query("test_hero_nodes", """MATCH (h:CustomerHero)
RETURN h.id AS id, h.featuredBy AS featuredBy, h.featuredAt IS NOT NULL AS stamped,
       COUNT { (h)<-[:FEATURED_AS]-(:Member) } AS members, COUNT { (h)-[:AT]->(:Company) } AS companies,
       COUNT { (h)-[:USES]->(:Topic) } AS products""", "", __file__, 0)
SPEAKS_AT = Query("test_speaks_at", """MATCH (m:Member)-[:SPEAKS_AT]->(e:Event)
RETURN m.id AS memberId, e.id AS eventId ORDER BY m.id, e.id""", "", __file__, 0)
EVENT_STAMP = Query("test_event_stamp", """MATCH (e:Event {id: $id})
RETURN e.heroesChangedAt IS NOT NULL AS stamped""", "", __file__, 0)
SET_VISIBILITY = Query("test_set_visibility", """MATCH (m:Member {id: $id})
SET m.visibility = $visibility""", "", __file__, 0)


# -- helpers (the round-trip tests import them) ---------------------------------------------------


async def admin_headers(graph, token_for) -> dict[str, str]:
    admin = await f.member(graph)
    return token_for(admin["id"], "member", "admin")


def feature_input(member: dict, company: dict, topics: list[dict], **overrides: Any) -> dict[str, Any]:
    values = {"memberId": gid("Member", member), "title": "Support, reinvented", "story": STORY,
              "companyId": gid("Company", company), "productAreaIds": [gid("Topic", t) for t in topics]}
    values.update(overrides)
    return values


async def feature(client, headers, member: dict, company: dict, topics: list[dict], **overrides: Any) -> dict:
    """Feature a hero through the API; fails the test on any error."""
    body = await gql(client, FEATURE, {"input": feature_input(member, company, topics, **overrides)}, headers=headers)
    assert "errors" not in body, body
    payload = body["data"]["featureHero"]
    assert payload["userErrors"] == [], payload
    return payload["hero"]


async def city_tour(graph, *, past: bool = False, **props: Any) -> tuple[dict, dict, dict]:
    """A CITY_TOUR event and its hosting group's leader: (event, group, leader)."""
    leader = await f.member(graph)
    (group,) = await f.groups(graph, 1, leaders=[leader])
    (event,) = await f.events(graph, group, 1, past=past, kind="CITY_TOUR", **props)
    return event, group, leader


# -- featuring ----------------------------------------------------------------------------------


async def test_an_admin_features_a_hero_with_company_and_products(graph, client, token_for):
    headers = await admin_headers(graph, token_for)
    member = await f.member(graph)
    company = await lf.company(graph, name="Acme Robotics")
    topics = await f.topics(graph, 3)
    hero = await feature(client, headers, member, company, [topics[2], topics[0]], title="  Support, reinvented  ")
    assert hero["title"] == "Support, reinvented"  # trimmed
    assert hero["story"] == STORY
    assert hero["featuredAt"] is not None
    assert hero["member"] == {"handle": member["handle"]}
    assert hero["company"] == {"name": "Acme Robotics"}
    assert hero["products"] == [{"slug": topics[0]["slug"]}, {"slug": topics[2]["slug"]}]  # by name
    assert hero["cityTours"] == {"totalCount": 0, "nodes": []}

    (node,) = await graph.read(HERO_NODES)
    assert node["stamped"] and (node["members"], node["companies"], node["products"]) == (1, 1, 2)

    read = await gql(client, HERO, {"id": hero["id"]})
    assert read["data"] == {"hero": {"id": hero["id"], "title": hero["title"], "member": {"handle": member["handle"]}},
                            "node": {"id": hero["id"], "story": STORY}}
    stories = await gql(client, """query($h: String!) { member(handle: $h) { heroStories { id title } } }""",
                        {"h": member["handle"]})
    assert stories["data"]["member"]["heroStories"] == [{"id": hero["id"], "title": hero["title"]}]


async def test_the_admin_id_is_stored_as_featured_by(graph, client, token_for):
    admin = await f.member(graph)
    member = await f.member(graph)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    await feature(client, token_for(admin["id"], "member", "admin"), member, company, [topic])
    (node,) = await graph.read(HERO_NODES)
    assert node["featuredBy"] == admin["id"]


async def test_feature_hero_refusals_write_nothing(graph, client, token_for):
    headers = await admin_headers(graph, token_for)
    member = await f.member(graph)
    hidden = await f.member(graph, visibility="PRIVATE")
    company = await lf.company(graph)
    topics = await f.topics(graph, 11)
    missing_topic = gid("Topic", {"id": "no-such-topic"})
    cases = [
        ({"title": "Hey"}, [("title", "BAD_USER_INPUT")]),
        ({"title": "x" * 201}, [("title", "BAD_USER_INPUT")]),
        ({"story": "Too short a story."}, [("story", "BAD_USER_INPUT")]),
        ({"story": "y" * 10_001}, [("story", "BAD_USER_INPUT")]),
        ({"productAreaIds": []}, [("productAreaIds", "BAD_USER_INPUT")]),
        ({"productAreaIds": [gid("Topic", t) for t in topics]}, [("productAreaIds", "BAD_USER_INPUT")]),
        ({"productAreaIds": [gid("Member", member)]}, [("productAreaIds[0]", "BAD_USER_INPUT")]),
        ({"memberId": gid("Topic", topics[0])}, [("memberId", "BAD_USER_INPUT")]),
        ({"memberId": gid("Member", {"id": "no-such-member"})}, [("memberId", "NOT_FOUND")]),
        ({"memberId": gid("Member", hidden)}, [("memberId", "NOT_FOUND")]),  # the admin may not see them
        ({"companyId": gid("Company", {"id": "no-such-company"})}, [("companyId", "NOT_FOUND")]),
        ({"productAreaIds": [gid("Topic", topics[0]), missing_topic]}, [("productAreaIds[1]", "NOT_FOUND")]),
        ({"memberId": gid("Member", {"id": "gone"}), "companyId": gid("Company", {"id": "gone"}),
          "productAreaIds": [missing_topic]},
         [("memberId", "NOT_FOUND"), ("companyId", "NOT_FOUND"), ("productAreaIds[0]", "NOT_FOUND")]),
    ]
    for overrides, expected in cases:
        body = await gql(client, FEATURE, {"input": feature_input(member, company, topics[:1], **overrides)},
                         headers=headers)
        payload = body["data"]["featureHero"]
        assert payload["hero"] is None, (overrides, payload)
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == expected, (overrides, payload)
    assert await graph.read(HERO_NODES) == []


async def test_only_admins_feature_heroes(graph, client, token_for):
    member = await f.member(graph)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    variables = {"input": feature_input(member, company, [topic])}
    assert codes(await gql(client, FEATURE, variables)) == ["UNAUTHENTICATED"]
    for roles in (("member",), ("member", "product_manager", "recruiter", "issuer")):
        assert codes(await gql(client, FEATURE, variables, headers=token_for(member["id"], *roles))) == ["FORBIDDEN"]
    assert await graph.read(HERO_NODES) == []


# -- listing ------------------------------------------------------------------------------------


async def test_heroes_newest_first_filtered_by_country_and_product_area(graph, client, token_for):
    headers = await admin_headers(graph, token_for)
    berlin, boston, munich = (await f.member(graph, country="DE"), await f.member(graph, country="US"),
                              await f.member(graph, country="DE"))
    company = await lf.company(graph)
    service_cloud, sales_cloud = await f.topics(graph, 2)
    first = await feature(client, headers, berlin, company, [service_cloud], title="First hero")
    second = await feature(client, headers, boston, company, [sales_cloud], title="Second hero")
    third = await feature(client, headers, munich, company, [sales_cloud, service_cloud], title="Third hero")

    async def ids(filter_=None, **page) -> list[str]:
        body = await gql(client, HEROES, {"filter": filter_, **page})
        assert "errors" not in body, body
        connection = body["data"]["heroes"]
        assert connection["totalCount"] == len(connection["nodes"]) or page
        return [node["id"] for node in connection["nodes"]]

    assert await ids() == [third["id"], second["id"], first["id"]]
    assert await ids({"country": "DE"}) == [third["id"], first["id"]]
    assert await ids({"country": "de"}) == [third["id"], first["id"]]
    assert await ids({"country": "FR"}) == []
    assert await ids({"productAreaId": gid("Topic", sales_cloud)}) == [third["id"], second["id"]]
    assert await ids({"country": "US", "productAreaId": gid("Topic", service_cloud)}) == []
    assert await ids({"country": "DE", "productAreaId": gid("Topic", sales_cloud)}) == [third["id"]]

    page = (await gql(client, HEROES, {"first": 2}))["data"]["heroes"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    rest = (await gql(client, HEROES, {"first": 2, "after": page["pageInfo"]["endCursor"]}))["data"]["heroes"]
    assert [n["id"] for n in rest["nodes"]] == [first["id"]] and rest["pageInfo"]["hasNextPage"] is False

    for filter_, field in (({"country": "Germany"}, "filter.country"),
                           ({"productAreaId": gid("Member", berlin)}, "filter.productAreaId")):
        body = await gql(client, HEROES, {"filter": filter_})
        assert codes(body) == ["BAD_USER_INPUT"]
        assert body["errors"][0]["extensions"]["field"] == field
    assert codes(await gql(client, HEROES, {"first": 101})) == ["BAD_USER_INPUT"]


async def test_hidden_members_heroes_are_never_listed_nor_counted(graph, client, token_for):
    headers = await admin_headers(graph, token_for)
    public, members_only, private = await f.members(graph, 3)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    heroes = {}
    for member in (public, members_only, private):
        heroes[member["id"]] = await feature(client, headers, member, company, [topic], title=f"Hero {member['handle']}")
    await graph.write(SET_VISIBILITY, id=members_only["id"], visibility="MEMBERS")
    await graph.write(SET_VISIBILITY, id=private["id"], visibility="PRIVATE")
    event, _, leader = await city_tour(graph)
    for member in (public, members_only, private):
        body = await gql(client, ADD, {"hero": heroes[member["id"]]["id"], "event": gid("Event", event)},
                         headers=headers)
        if member is private:  # the admin may not see the profile: the hero is not found for them
            assert body["data"]["addHeroToEvent"]["userErrors"][0]["code"] == "NOT_FOUND"
        else:
            assert body["data"]["addHeroToEvent"]["userErrors"] == []
    # The PRIVATE member speaks too, as a regular speaker (through the events domain's writes).
    await graph.write(Query("test_speak", "MATCH (m:Member {id: $m}) MATCH (e:Event {id: $e}) "
                                          "MERGE (m)-[:SPEAKS_AT]->(e)", "", __file__, 0),
                      m=private["id"], e=event["id"])
    viewers = {
        "anonymous": ({}, [public]),
        "member": (token_for(leader["id"]), [public, members_only]),
        "the private member": (token_for(private["id"]), [public, members_only, private]),
    }
    query = """query($event: ID!, $filter: HeroFilter) { heroes(filter: $filter) { totalCount nodes { member { handle } } }
      event(id: $event) { heroes { id member { handle } } } }"""
    for who, (viewer_headers, visible) in viewers.items():
        for filter_ in (None, {"country": "DE"}, {"productAreaId": gid("Topic", topic)}):
            body = await gql(client, query, {"event": gid("Event", event), "filter": filter_}, headers=viewer_headers)
            assert "errors" not in body, body
            listed = body["data"]["heroes"]
            assert listed["totalCount"] == len(visible), (who, filter_, listed)
            assert sorted(n["member"]["handle"] for n in listed["nodes"]) == sorted(m["handle"] for m in visible)
            at_event = body["data"]["event"]["heroes"]
            assert sorted(h["member"]["handle"] for h in at_event) == sorted(m["handle"] for m in visible), who

    # A hero looked up by id: the story is public, the hidden profile is not.
    body = await gql(client, HERO, {"id": heroes[private["id"]]["id"]})
    assert body["data"]["hero"] == {"id": heroes[private["id"]]["id"], "title": f"Hero {private['handle']}",
                                    "member": None}
    hidden_profile = await gql(client, """query($h: String!) { member(handle: $h) { heroStories { id } } }""",
                               {"h": private["handle"]})
    assert hidden_profile["data"]["member"] is None
    reps = [{"__typename": "CustomerHero", "id": heroes[private["id"]]["id"]},
            {"__typename": "CustomerHero", "id": heroes[public["id"]]["id"]},
            {"__typename": "CustomerHero", "id": "garbage"}]
    entities = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on CustomerHero { id title member { id } } } }""", {"r": reps}, path="/subgraphs/recognition/graphql")
    assert entities["data"]["_entities"] == [
        {"id": heroes[private["id"]]["id"], "title": f"Hero {private['handle']}", "member": None},
        {"id": heroes[public["id"]]["id"], "title": f"Hero {public['handle']}", "member": {"id": gid("Member", public)}},
        None]


# -- speakers -----------------------------------------------------------------------------------


async def test_a_leader_adds_and_removes_a_hero_at_a_city_tour(graph, client, token_for):
    admin = await admin_headers(graph, token_for)
    member = await f.member(graph)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    hero = await feature(client, admin, member, company, [topic])
    event, _, leader = await city_tour(graph)
    leader_headers = token_for(leader["id"])
    variables = {"hero": hero["id"], "event": gid("Event", event)}

    body = await gql(client, ADD, variables, headers=leader_headers)
    payload = body["data"]["addHeroToEvent"]
    assert payload["userErrors"] == [], payload
    assert payload["hero"] == {"id": hero["id"], "cityTours": {"totalCount": 1, "nodes": [{"id": gid("Event", event)}]}}
    assert payload["event"] == {"id": gid("Event", event), "heroes": [{"id": hero["id"]}],
                                "speakers": [{"handle": member["handle"]}]}
    assert await graph.read(SPEAKS_AT) == [{"memberId": member["id"], "eventId": event["id"]}]
    assert await graph.read(EVENT_STAMP, id=event["id"]) == [{"stamped": True}]

    again = await gql(client, ADD, variables, headers=leader_headers)
    assert again["data"]["addHeroToEvent"]["userErrors"] == []
    assert len(await graph.read(SPEAKS_AT)) == 1  # idempotent

    removed = await gql(client, REMOVE, variables, headers=leader_headers)
    assert removed["data"]["removeHeroFromEvent"] == {
        "hero": {"id": hero["id"], "cityTours": {"totalCount": 0}}, "event": {"id": gid("Event", event), "heroes": []},
        "userErrors": []}
    assert await graph.read(SPEAKS_AT) == []
    twice = await gql(client, REMOVE, variables, headers=leader_headers)
    assert twice["data"]["removeHeroFromEvent"]["userErrors"] == []

    # An admin who leads nothing may do it too.
    by_admin = await gql(client, ADD, variables, headers=admin)
    assert by_admin["data"]["addHeroToEvent"]["userErrors"] == []
    assert len(await graph.read(SPEAKS_AT)) == 1


async def test_heroes_speak_only_at_city_tours_that_have_not_ended(graph, client, token_for):
    admin = await admin_headers(graph, token_for)
    member = await f.member(graph)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    hero = await feature(client, admin, member, company, [topic])
    tour, group, leader = await city_tour(graph)
    (meetup,) = await f.events(graph, group, 1)  # a MEETUP
    (ended,) = await f.events(graph, group, 1, past=True, kind="CITY_TOUR")
    headers = token_for(leader["id"])
    cases = [
        (hero["id"], gid("Event", meetup), ("eventId", "NOT_A_CITY_TOUR")),
        (hero["id"], gid("Event", ended), ("eventId", "EVENT_ENDED")),
        (hero["id"], gid("Event", {"id": "no-such-event"}), ("eventId", "NOT_FOUND")),
        (gid("CustomerHero", {"id": "no-such-hero"}), gid("Event", tour), ("heroId", "NOT_FOUND")),
        (gid("Member", member), gid("Event", tour), ("heroId", "BAD_USER_INPUT")),
        (hero["id"], gid("Group", group), ("eventId", "BAD_USER_INPUT")),
    ]
    for hero_id, event_id, expected in cases:
        for mutation, name in ((ADD, "addHeroToEvent"), (REMOVE, "removeHeroFromEvent")):
            body = await gql(client, mutation, {"hero": hero_id, "event": event_id}, headers=headers)
            payload = body["data"][name]
            assert (payload["hero"], payload["event"]) == (None, None), (expected, payload)
            assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [expected], (name, payload)
    assert await graph.read(SPEAKS_AT) == []
    for event in (tour, meetup, ended):
        assert await graph.read(EVENT_STAMP, id=event["id"]) == [{"stamped": False}]


async def test_only_admins_and_leaders_of_the_hosting_group_change_an_events_heroes(graph, client, token_for):
    admin = await admin_headers(graph, token_for)
    member = await f.member(graph)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    hero = await feature(client, admin, member, company, [topic])
    tour, group, _ = await city_tour(graph)
    plain, other_leader = await f.members(graph, 2)
    await f.memberships(graph, [(plain, group, "MEMBER")])
    await f.groups(graph, 1, leaders=[other_leader])  # leads another group
    variables = {"hero": hero["id"], "event": gid("Event", tour)}
    for mutation in (ADD, REMOVE):
        assert codes(await gql(client, mutation, variables)) == ["UNAUTHENTICATED"]
        for someone in (plain, other_leader, member):
            assert codes(await gql(client, mutation, variables, headers=token_for(someone["id"]))) == ["FORBIDDEN"]
    assert await graph.read(SPEAKS_AT) == []
    assert await graph.read(EVENT_STAMP, id=tour["id"]) == [{"stamped": False}]


async def test_concurrent_adds_leave_one_speaks_at(graph, client, token_for):
    admin = await admin_headers(graph, token_for)
    member = await f.member(graph)
    company = await lf.company(graph)
    (topic,) = await f.topics(graph, 1)
    hero = await feature(client, admin, member, company, [topic])
    tour, group, leader = await city_tour(graph)
    co_leader = await f.member(graph)
    await f.memberships(graph, [(co_leader, group, "LEADER")])
    crowd = [token_for(leader["id"]), token_for(co_leader["id"]), admin] * 3 + [admin]
    variables = {"hero": hero["id"], "event": gid("Event", tour)}

    bodies = await asyncio.gather(*(gql(client, ADD, variables, headers=h) for h in crowd))
    assert len(bodies) == 10
    assert all(b["data"]["addHeroToEvent"]["userErrors"] == [] for b in bodies), bodies
    assert await graph.read(SPEAKS_AT) == [{"memberId": member["id"], "eventId": tour["id"]}]

    bodies = await asyncio.gather(*(gql(client, REMOVE, variables, headers=h) for h in crowd))
    assert all(b["data"]["removeHeroFromEvent"]["userErrors"] == [] for b in bodies), bodies
    assert await graph.read(SPEAKS_AT) == []
