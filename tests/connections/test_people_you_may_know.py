"""People you may know: candidates, exclusions, ranking with reasons, dismissal, privacy, cost."""

from tests import factories
from tests.gql import codes, gid, gql, round_trips

PYMK = """query($first: Int, $after: String) { viewer { peopleYouMayKnow(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { score node { handle } reasons { mutualFollowCount mutualFollows { handle } sharedGroupCount
            sharedGroups { slug } sharedSkillCount sharedSkills { slug } sameCity sameCompany distanceKm } } } } }"""


async def _neighbourhood(graph):
    """A viewer in Berlin with friends-of-friends, group mates and skill mates around them."""
    viewer, friend1, friend2 = await factories.members(graph, 3)
    fof_two = await factories.member(graph, "fof-two", city="Munich", company="Initech", latitude=48.14, longitude=11.58)
    fof_one = await factories.member(graph, "fof-one", city="Paris", country="FR", company="Globex",
                                     latitude=48.86, longitude=2.35)
    mate = await factories.member(graph, "group-mate", city="Hamburg", company="Umbrella", latitude=53.55, longitude=10.0)
    colleague = await factories.member(graph, "skill-mate")  # Berlin and Acme, like the viewer
    hidden = await factories.member(graph, "hidden-fof", visibility="PRIVATE")
    followed = await factories.member(graph, "already-followed")
    await factories.follows(graph, [(viewer, friend1), (viewer, friend2), (viewer, followed),
                                    (friend1, fof_two), (friend2, fof_two), (friend1, fof_one),
                                    (friend1, hidden), (friend1, followed)])
    (club,) = await factories.groups(graph, 1, leaders=[viewer])
    await factories.memberships(graph, [(mate, club, "MEMBER")])
    skills = await factories.skills(graph, 2)
    await factories.holdings(graph, [(viewer, skills[0], 3), (viewer, skills[1], 2),
                                     (colleague, skills[0], 4), (colleague, skills[1], 1)])
    return dict(viewer=viewer, friend1=friend1, friend2=friend2, fof_two=fof_two, fof_one=fof_one, mate=mate,
                colleague=colleague, hidden=hidden, followed=followed, club=club, skills=skills)


async def test_suggestions_are_ranked_with_their_reasons(graph, client, token_for):
    world = await _neighbourhood(graph)
    body = await gql(client, PYMK, {"first": 10}, headers=token_for(world["viewer"]["id"]))
    assert "errors" not in body, body
    connection = body["data"]["viewer"]["peopleYouMayKnow"]
    by_handle = {edge["node"]["handle"]: edge for edge in connection["edges"]}
    # Friends of friends, group mates and local skill mates; never the viewer, a followed or a private member.
    assert set(by_handle) == {"fof-two", "fof-one", "group-mate", "skill-mate"}
    assert connection["totalCount"] == 4
    scores = [edge["score"] for edge in connection["edges"]]
    assert scores == sorted(scores, reverse=True)
    two = by_handle["fof-two"]["reasons"]
    assert two["mutualFollowCount"] == 2
    assert {m["handle"] for m in two["mutualFollows"]} == {world["friend1"]["handle"], world["friend2"]["handle"]}
    assert 480 < two["distanceKm"] < 520  # Berlin to Munich
    colleague = by_handle["skill-mate"]["reasons"]
    assert colleague["sharedSkillCount"] == 2 and colleague["sameCity"] and colleague["sameCompany"]
    assert by_handle["group-mate"]["reasons"]["sharedGroups"] == [{"slug": world["club"]["slug"]}]
    # Two mutual follows beat one; the local colleague (same city, company and two skills) ranks high too.
    assert by_handle["fof-two"]["score"] > by_handle["fof-one"]["score"]


async def test_pages_are_stable_and_dismissal_is_for_good(graph, client, token_for):
    world = await _neighbourhood(graph)
    headers = token_for(world["viewer"]["id"])
    first = await gql(client, PYMK, {"first": 2}, headers=headers)
    page = first["data"]["viewer"]["peopleYouMayKnow"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await gql(client, PYMK, {"first": 10, "after": page["pageInfo"]["endCursor"]}, headers=headers)
    handles = [e["node"]["handle"] for e in page["edges"] + rest["data"]["viewer"]["peopleYouMayKnow"]["edges"]]
    assert len(handles) == len(set(handles)) == 4
    dismiss = """mutation($id: ID!) { dismissSuggestion(input: {memberId: $id}) { member { handle } userErrors { code } } }"""
    body = await gql(client, dismiss, {"id": gid("Member", world["fof_two"])}, headers=headers)
    assert body["data"]["dismissSuggestion"] == {"member": {"handle": "fof-two"}, "userErrors": []}
    again = await gql(client, PYMK, {"first": 10}, headers=headers)
    assert "fof-two" not in [e["node"]["handle"] for e in again["data"]["viewer"]["peopleYouMayKnow"]["edges"]]
    body = await gql(client, dismiss, {"id": gid("Member", world["viewer"])}, headers=headers)
    assert body["data"]["dismissSuggestion"]["userErrors"] == [{"code": "BAD_USER_INPUT"}]


async def test_suggestions_are_personal_and_cost_one_query(graph, client, token_for):
    world = await _neighbourhood(graph)
    body = await gql(client, PYMK, {"first": 10}, headers=token_for(world["viewer"]["id"]))
    # The viewer, then one query for every suggestion with its reasons, members and groups included.
    assert round_trips(body) == 2, body["extensions"]
    other = await gql(client, """query($h: String!) { member(handle: $h) { peopleYouMayKnow { totalCount } } }""",
                      {"h": "fof-two"}, headers=token_for(world["viewer"]["id"]))
    assert codes(other) == ["FORBIDDEN"]
    anonymous = await gql(client, """query($h: String!) { member(handle: $h) { peopleYouMayKnow { totalCount } } }""",
                          {"h": "fof-two"})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    too_many = await gql(client, PYMK, {"first": 101}, headers=token_for(world["viewer"]["id"]))
    assert codes(too_many) == ["BAD_USER_INPUT"]
