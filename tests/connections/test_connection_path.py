"""How am I connected: shortest introduction paths over follows, shared groups and attended events."""

from tests import factories
from tests.gql import codes, gid, gql, round_trips

PATH = """query($to: ID!, $max: Int) { viewer { connectionPath(to: $to, maxHops: $max) {
    length hops { kind from { handle } to { handle } group { slug } event { title } } } } }"""


async def _chain(graph):
    """viewer -> ann (follow), ann and bob share a group, bob and cat went to an event, dan follows cat."""
    viewer = await factories.member(graph, "viewer")
    ann, bob, cat, dan = [await factories.member(graph, handle) for handle in ("ann", "bob", "cat", "dan")]
    await factories.follows(graph, [(viewer, ann), (dan, cat)])
    (club,) = await factories.groups(graph, 1, leaders=[ann])
    await factories.memberships(graph, [(bob, club, "MEMBER")])
    (meetup,) = await factories.events(graph, club, 1, past=True, title="Past meetup")
    (future,) = await factories.events(graph, club, 1, title="Future meetup")
    await factories.rsvps(graph, [(bob, meetup, "GOING"), (cat, meetup, "GOING"),
                                  (viewer, future, "GOING"), (dan, future, "GOING")])
    return dict(viewer=viewer, ann=ann, bob=bob, cat=cat, dan=dan, club=club)


async def test_the_shortest_path_says_how_each_hop_links(graph, client, token_for):
    world = await _chain(graph)
    body = await gql(client, PATH, {"to": gid("Member", world["dan"])}, headers=token_for(world["viewer"]["id"]))
    assert "errors" not in body, body
    path = body["data"]["viewer"]["connectionPath"]
    assert path["length"] == 4
    assert path["hops"] == [
        {"kind": "FOLLOWS", "from": {"handle": "viewer"}, "to": {"handle": "ann"}, "group": None, "event": None},
        {"kind": "SHARED_GROUP", "from": {"handle": "ann"}, "to": {"handle": "bob"},
         "group": {"slug": world["club"]["slug"]}, "event": None},
        {"kind": "CO_ATTENDED_EVENT", "from": {"handle": "bob"}, "to": {"handle": "cat"}, "group": None,
         "event": {"title": "Past meetup"}},
        # dan follows cat, so walking from cat to dan the follow points back.
        {"kind": "FOLLOWED_BY", "from": {"handle": "cat"}, "to": {"handle": "dan"}, "group": None, "event": None},
    ]
    # Going to the same future event is not having met: that RSVP is no hop.
    queries = body["extensions"]["graph"]["queries"]
    # The viewer and the target, one query per search step (a 4-hop path meets after 4), then every
    # member, group and event on the path in one batched query each.
    assert queries.count("path_step") == 4
    assert round_trips(body) == 2 + 4 + 3, queries


async def test_no_path_within_max_hops_is_null_and_max_hops_is_capped(graph, client, token_for):
    world = await _chain(graph)
    headers = token_for(world["viewer"]["id"])
    body = await gql(client, PATH, {"to": gid("Member", world["dan"]), "max": 3}, headers=headers)
    assert body["data"]["viewer"]["connectionPath"] is None
    assert codes(await gql(client, PATH, {"to": gid("Member", world["dan"]), "max": 7}, headers=headers)) == [
        "BAD_USER_INPUT"]
    assert codes(await gql(client, PATH, {"to": gid("Member", world["dan"]), "max": 0}, headers=headers)) == [
        "BAD_USER_INPUT"]
    assert codes(await gql(client, PATH, {"to": "not an id"}, headers=headers)) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, PATH, {"to": gid("Member", {"id": "gone"})}, headers=headers)) == ["NOT_FOUND"]
    itself = await gql(client, PATH, {"to": gid("Member", world["viewer"])}, headers=headers)
    assert itself["data"]["viewer"]["connectionPath"] == {"length": 0, "hops": []}


async def test_hidden_members_never_introduce(graph, client, token_for):
    world = await _chain(graph)
    headers = token_for(world["viewer"]["id"])
    update = "mutation { updateProfile(input: {visibility: PRIVATE}) { userErrors { code } } }"
    await gql(client, update, headers=token_for(world["bob"]["id"]))
    body = await gql(client, PATH, {"to": gid("Member", world["dan"]), "max": 6}, headers=headers)
    assert body["data"]["viewer"]["connectionPath"] is None
    other = await gql(client, """query($h: String!, $to: ID!) { member(handle: $h) { connectionPath(to: $to) { length } } }""",
                      {"h": "ann", "to": gid("Member", world["dan"])}, headers=headers)
    assert codes(other) == ["FORBIDDEN"]
