"""Community queries as front ends use them: filters, orders, lookups, nested fields, entities."""

import pytest

from tests import factories
from tests.gql import codes, gid, gql


@pytest.fixture
async def world(graph):
    """Three members in two cities, two groups (one regional near Berlin), topics and skills."""
    ada = await factories.member(graph, "ada", displayName="Ada Lovelace", headline="Apex developer",
                                 city="Berlin", country="DE", followerCount=0)
    bob = await factories.member(graph, "bob", displayName="Bob Builder", headline="Flow admin",
                                 city="Paris", country="FR", latitude=48.8566, longitude=2.3522)
    cy = await factories.member(graph, "cy", displayName="Cy Young", headline="Architect", city="Berlin", country="DE")
    apex, flow = await factories.skills(graph, 2)
    devops, release = await factories.topics(graph, 2)
    (berlin,) = await factories.groups(graph, 1, leaders=[ada], name="Berlin Admins", kind="REGIONAL", city="Berlin",
                                       country="DE", latitude=52.52, longitude=13.405)
    (paris,) = await factories.groups(graph, 1, leaders=[bob])
    await factories.memberships(graph, [(cy, berlin, "MEMBER"), (bob, berlin, "MEMBER")])
    await factories.holdings(graph, [(ada, apex, 5), (ada, flow, 2), (bob, flow, 4), (cy, apex, 3)])
    await factories.follows(graph, [(bob, ada), (cy, ada), (ada, bob)])
    await factories.topic_follows(graph, [(ada, devops), (cy, devops), (bob, release)])
    await factories.group_topics(graph, [(berlin, devops)])
    return dict(ada=ada, bob=bob, cy=cy, apex=apex, flow=flow, devops=devops, release=release,
                berlin=berlin, paris=paris)


def handles(body, field="members"):
    return [n["handle"] for n in body["data"][field]["nodes"]]


async def test_members_filters_combine(client, world):
    q = "query($f: MemberFilter, $o: MemberOrder) { members(filter: $f, orderBy: $o) { totalCount nodes { handle } } }"
    assert handles(await gql(client, q, {"f": {"country": "de"}})) == ["ada", "cy"]
    assert handles(await gql(client, q, {"f": {"skills": [world["apex"]["slug"]]}})) == ["ada", "cy"]
    assert handles(await gql(client, q, {"f": {"skills": [world["apex"]["slug"], world["flow"]["slug"]]}})) == ["ada"]
    assert handles(await gql(client, q, {"f": {"search": "FLOW"}})) == ["bob"]
    assert handles(await gql(client, q, {"f": {"city": "Berlin", "topicId": gid("Topic", world["devops"])}})) == ["ada", "cy"]
    assert handles(await gql(client, q, {"f": {"groupId": gid("Group", world["berlin"])}})) == ["ada", "bob", "cy"]
    assert handles(await gql(client, q, {"o": "FOLLOWERS"}))[0] == "ada"
    assert handles(await gql(client, q, {"o": "NAME"})) == ["ada", "bob", "cy"]
    assert codes(await gql(client, q, {"f": {"groupId": gid("Member", world["ada"])}})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, q, {"f": {"search": "x" * 201}})) == ["BAD_USER_INPUT"]


async def test_groups_filter_by_place_kind_topic_and_order_by_distance(client, world):
    q = """query($f: GroupFilter, $o: GroupOrder) { groups(filter: $f, orderBy: $o) {
        totalCount edges { distanceKm node { slug kind memberCount } } } }"""
    near = {"latitude": 52.0, "longitude": 13.0, "radiusKm": 100.0}
    body = await gql(client, q, {"f": {"near": near}, "o": "DISTANCE"})
    edges = body["data"]["groups"]["edges"]
    assert [e["node"]["slug"] for e in edges] == [world["berlin"]["slug"]]
    assert 60 < edges[0]["distanceKm"] < 70
    assert (await gql(client, q, {"f": {"kind": "REGIONAL"}}))["data"]["groups"]["totalCount"] == 1
    by_topic = await gql(client, q, {"f": {"topic": gid("Topic", world["devops"])}})
    assert [e["node"]["slug"] for e in by_topic["data"]["groups"]["edges"]] == [world["berlin"]["slug"]]
    biggest = await gql(client, q, {"o": "MEMBER_COUNT"})
    assert biggest["data"]["groups"]["edges"][0]["node"] == {"slug": world["berlin"]["slug"], "kind": "REGIONAL",
                                                            "memberCount": 3}
    assert codes(await gql(client, q, {"o": "DISTANCE"})) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, q, {"f": {"near": {**near, "radiusKm": -1.0}}})) == ["BAD_USER_INPUT"]


async def test_a_group_shows_members_by_role_leaders_and_topics(client, world):
    body = await gql(client, """query($s: String!) { group(slug: $s) { name leaders { handle } topics { slug }
        members { totalCount edges { role node { handle } } }
        onlyMembers: members(role: MEMBER) { totalCount } } }""", {"s": world["berlin"]["slug"]})
    group = body["data"]["group"]
    assert group["name"] == "Berlin Admins"
    assert group["leaders"] == [{"handle": "ada"}]
    assert group["topics"] == [{"slug": world["devops"]["slug"]}]
    assert group["members"]["edges"][0] == {"role": "LEADER", "node": {"handle": "ada"}}
    assert group["members"]["totalCount"] == 3 and group["onlyMembers"]["totalCount"] == 2
    assert (await gql(client, '{ group(slug: "no-such-group") { name } }'))["data"]["group"] is None


async def test_a_member_shows_followers_following_groups_skills_and_topics(client, world):
    body = await gql(client, """{ member(handle: "ADA") { displayName followerCount followingCount
        followers { totalCount nodes { handle } } following { nodes { handle } }
        groups { totalCount edges { role node { slug } } } skills { level skill { slug } }
        followedTopics { slug } } }""")
    ada = body["data"]["member"]
    assert ada["displayName"] == "Ada Lovelace"
    assert ada["followerCount"] == 2 and ada["followers"]["totalCount"] == 2
    assert sorted(n["handle"] for n in ada["followers"]["nodes"]) == ["bob", "cy"]
    assert ada["following"]["nodes"] == [{"handle": "bob"}]
    assert ada["groups"]["edges"] == [{"role": "LEADER", "node": {"slug": world["berlin"]["slug"]}}]
    assert ada["skills"] == [{"level": 5, "skill": {"slug": world["apex"]["slug"]}},
                             {"level": 2, "skill": {"slug": world["flow"]["slug"]}}]
    assert ada["followedTopics"] == [{"slug": world["devops"]["slug"]}]


async def test_topics_and_skills_list_and_search(client, world):
    body = await gql(client, """query($s: String) { topics { totalCount nodes { slug } }
        skills(search: $s) { totalCount nodes { slug name category } } }""", {"s": world["flow"]["name"]})
    assert body["data"]["topics"]["totalCount"] == 2
    assert body["data"]["skills"]["nodes"] == [{"slug": world["flow"]["slug"], "name": world["flow"]["name"],
                                                "category": "developer"}]


async def test_node_resolves_every_type_and_entities_resolve_through_the_subgraph(client, world):
    ids = [gid("Member", world["ada"]), gid("Group", world["berlin"]), gid("Topic", world["devops"]),
           gid("Skill", world["apex"])]
    body = await gql(client, """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Member { handle } ... on Group { slug } ... on Topic { slug } ... on Skill { slug } } }""", {"ids": ids})
    assert [n["__typename"] for n in body["data"]["nodes"]] == ["Member", "Group", "Topic", "Skill"]
    assert [n["id"] for n in body["data"]["nodes"]] == ids
    reps = [{"__typename": t, "id": i} for t, i in zip(["Member", "Group", "Topic", "Skill"], ids)]
    reps.append({"__typename": "Member", "id": "garbage"})
    entities = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Member { handle } ... on Group { slug } ... on Topic { slug } ... on Skill { slug } } }""",
                         {"r": reps}, path="/subgraphs/community/graphql")
    assert entities["data"]["_entities"][:4] == [{"handle": "ada"}, {"slug": world["berlin"]["slug"]},
                                                 {"slug": world["devops"]["slug"]}, {"slug": world["apex"]["slug"]}]
    assert entities["data"]["_entities"][4] is None


async def test_viewer_relations_drive_follow_and_join_buttons_in_one_query_each(client, world, token_for):
    query = """query($g: String!) { members { nodes { handle viewerIsFollowing } }
        topics { nodes { slug viewerIsFollowing } } group(slug: $g) { viewerRole } }"""
    body = await gql(client, query, {"g": world["berlin"]["slug"]}, headers=token_for(world["bob"]["id"]))
    assert {n["handle"]: n["viewerIsFollowing"] for n in body["data"]["members"]["nodes"]} == {
        "ada": True, "bob": False, "cy": False}
    assert {n["slug"]: n["viewerIsFollowing"] for n in body["data"]["topics"]["nodes"]} == {
        world["devops"]["slug"]: False, world["release"]["slug"]: True}
    assert body["data"]["group"]["viewerRole"] == "MEMBER"
    # members page, topics page, group, and one batched query per relation
    assert body["extensions"]["graph"]["roundTrips"] == 6
    anonymous = await gql(client, query, {"g": world["berlin"]["slug"]})
    assert not any(n["viewerIsFollowing"] for n in anonymous["data"]["members"]["nodes"])
    assert anonymous["data"]["group"]["viewerRole"] is None


async def test_strings_that_look_like_cypher_are_only_data(client, graph, world, token_for):
    injection = "') MATCH (n) DETACH DELETE n //"
    body = await gql(client, "query($s: String) { members(filter: {search: $s}) { totalCount } }", {"s": injection})
    assert body["data"]["members"]["totalCount"] == 0
    create = """mutation($n: String!) { createGroup(input: {slug: "quoted-name", name: $n, kind: INTEREST}) {
        group { name } userErrors { field } } }"""
    made = await gql(client, create, {"n": "x' }) DETACH DELETE g //"}, headers=token_for(world["ada"]["id"]))
    assert made["data"]["createGroup"]["group"]["name"] == "x' }) DETACH DELETE g //"
    assert len(await factories.members_in(graph)) == 3  # nothing was deleted
