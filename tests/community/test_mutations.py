"""Community mutations as a user performs them: follows, groups, skills, profile."""

import asyncio

from graph.seed import SeedWriter
from tests import factories
from tests.gql import codes, gid, gql

FOLLOW = "mutation($id: ID!) { followMember(input: {memberId: $id}) { member { handle followerCount } userErrors { field code } } }"
UNFOLLOW = "mutation($id: ID!) { unfollowMember(input: {memberId: $id}) { member { followerCount } userErrors { code } } }"


async def test_following_a_member_is_idempotent_and_counted_once(client, graph, token_for):
    alice, bob = await factories.members(graph, 2)
    headers = token_for(alice["id"])
    for _ in range(2):
        body = await gql(client, FOLLOW, {"id": gid("Member", bob)}, headers=headers)
        assert body["data"]["followMember"] == {"member": {"handle": bob["handle"], "followerCount": 1}, "userErrors": []}
    following = await gql(client, "{ viewer { followingCount following { totalCount nodes { handle } } } }", headers=headers)
    assert following["data"]["viewer"]["following"] == {"totalCount": 1, "nodes": [{"handle": bob["handle"]}]}
    assert following["data"]["viewer"]["followingCount"] == 1
    for _ in range(2):
        body = await gql(client, UNFOLLOW, {"id": gid("Member", bob)}, headers=headers)
        assert body["data"]["unfollowMember"]["member"]["followerCount"] == 0


async def test_concurrent_follows_of_the_same_member_count_once(client, graph, token_for):
    alice, bob = await factories.members(graph, 2)
    headers = token_for(alice["id"])
    await asyncio.gather(*(gql(client, FOLLOW, {"id": gid("Member", bob)}, headers=headers) for _ in range(10)))
    body = await gql(client, "query($h: String!) { member(handle: $h) { followerCount followers { totalCount } } }",
                     {"h": bob["handle"]}, headers=headers)
    assert body["data"]["member"] == {"followerCount": 1, "followers": {"totalCount": 1}}
    assert not any((await SeedWriter(graph).counter_mismatches()).values())


async def test_you_cannot_follow_yourself_or_a_missing_member(client, graph, token_for):
    (alice,) = await factories.members(graph, 1)
    headers = token_for(alice["id"])
    body = await gql(client, FOLLOW, {"id": gid("Member", alice)}, headers=headers)
    assert body["data"]["followMember"]["userErrors"] == [{"field": "memberId", "code": "CANNOT_FOLLOW_SELF"}]
    body = await gql(client, FOLLOW, {"id": gid("Member", {"id": "no-such-member"})}, headers=headers)
    assert body["data"]["followMember"]["userErrors"] == [{"field": "memberId", "code": "NOT_FOUND"}]
    body = await gql(client, FOLLOW, {"id": "MATCH (n) DETACH DELETE n"}, headers=headers)
    assert body["data"]["followMember"]["userErrors"] == [{"field": "memberId", "code": "BAD_USER_INPUT"}]
    assert len(await factories.members_in(graph)) == 1


async def test_joining_and_leaving_a_group_keeps_the_count_and_a_leader(client, graph, token_for):
    leader, joiner = await factories.members(graph, 2)
    (club,) = await factories.groups(graph, 1, leaders=[leader])
    join = "mutation($id: ID!) { joinGroup(input: {groupId: $id}) { group { memberCount } userErrors { code } } }"
    leave = "mutation($id: ID!) { leaveGroup(input: {groupId: $id}) { group { memberCount } userErrors { code } } }"
    for _ in range(2):
        body = await gql(client, join, {"id": gid("Group", club)}, headers=token_for(joiner["id"]))
        assert body["data"]["joinGroup"] == {"group": {"memberCount": 2}, "userErrors": []}
    body = await gql(client, leave, {"id": gid("Group", club)}, headers=token_for(leader["id"]))
    assert body["data"]["leaveGroup"]["userErrors"] == [{"code": "LAST_LEADER"}]
    body = await gql(client, leave, {"id": gid("Group", club)}, headers=token_for(joiner["id"]))
    assert body["data"]["leaveGroup"] == {"group": {"memberCount": 1}, "userErrors": []}


async def test_creating_a_group_makes_the_creator_its_leader_and_slugs_are_unique(client, graph, token_for):
    (creator,) = await factories.members(graph, 1)
    (topic,) = await factories.topics(graph, 1)
    create = """mutation($t: [ID!]) { createGroup(input: {slug: "berlin-devs", name: "Berlin Developers",
        kind: REGIONAL, city: "Berlin", country: "de", latitude: 52.52, longitude: 13.405, topicIds: $t}) {
        group { slug country memberCount leaders { handle } topics { slug } } userErrors { field code } } }"""
    body = await gql(client, create, {"t": [gid("Topic", topic)]}, headers=token_for(creator["id"]))
    assert body["data"]["createGroup"] == {"group": {"slug": "berlin-devs", "country": "DE", "memberCount": 1,
        "leaders": [{"handle": creator["handle"]}], "topics": [{"slug": topic["slug"]}]}, "userErrors": []}
    again = await gql(client, create, {"t": []}, headers=token_for(creator["id"]))
    assert again["data"]["createGroup"] == {"group": None, "userErrors": [{"field": "slug", "code": "CONFLICT"}]}
    found = await gql(client, '{ groups(filter: {search: "berlin dev"}) { nodes { slug } } }')
    assert found["data"]["groups"]["nodes"] == [{"slug": "berlin-devs"}]


async def test_profile_updates_are_validated_field_by_field_and_write_nothing_when_refused(client, graph, token_for):
    (me,) = await factories.members(graph, 1)
    update = """mutation($i: UpdateProfileInput!) { updateProfile(input: $i) {
        member { displayName country headline } userErrors { field code } } }"""
    bad = await gql(client, update, {"i": {"displayName": "New Name", "country": "XX", "latitude": 91.0,
                                            "longitude": 0.0, "headline": "x" * 161}}, headers=token_for(me["id"]))
    assert {e["field"] for e in bad["data"]["updateProfile"]["userErrors"]} == {"country", "latitude", "headline"}
    unchanged = await gql(client, "{ viewer { displayName } }", headers=token_for(me["id"]))
    assert unchanged["data"]["viewer"]["displayName"] == me["displayName"]
    good = await gql(client, update, {"i": {"displayName": "New Name", "country": "fr", "headline": "Admin"}},
                     headers=token_for(me["id"]))
    assert good["data"]["updateProfile"] == {"member": {"displayName": "New Name", "country": "FR", "headline": "Admin"},
                                             "userErrors": []}


async def test_skills_are_set_changed_and_removed_on_your_own_profile(client, graph, token_for):
    (me,) = await factories.members(graph, 1)
    (skill,) = await factories.skills(graph, 1)
    headers = token_for(me["id"])
    set_skill = "mutation($id: ID!, $l: Int!) { setSkill(input: {skillId: $id, level: $l}) { skillRating { level } userErrors { field } } }"
    assert (await gql(client, set_skill, {"id": gid("Skill", skill), "l": 6}, headers=headers))["data"]["setSkill"] == {
        "skillRating": None, "userErrors": [{"field": "level"}]}
    await gql(client, set_skill, {"id": gid("Skill", skill), "l": 2}, headers=headers)
    await gql(client, set_skill, {"id": gid("Skill", skill), "l": 4}, headers=headers)
    mine = await gql(client, "{ viewer { skills { level skill { slug } } } }", headers=headers)
    assert mine["data"]["viewer"]["skills"] == [{"level": 4, "skill": {"slug": skill["slug"]}}]
    await gql(client, "mutation($id: ID!) { removeSkill(input: {skillId: $id}) { skill { slug } } }",
              {"id": gid("Skill", skill)}, headers=headers)
    assert (await gql(client, "{ viewer { skills { level } } }", headers=headers))["data"]["viewer"]["skills"] == []


async def test_following_topics_is_idempotent(client, graph, token_for):
    (me,) = await factories.members(graph, 1)
    (topic,) = await factories.topics(graph, 1)
    headers = token_for(me["id"])
    for _ in range(2):
        await gql(client, "mutation($id: ID!) { followTopic(input: {topicId: $id}) { topic { slug } } }",
                  {"id": gid("Topic", topic)}, headers=headers)
    body = await gql(client, "{ viewer { followedTopics { slug } } }", headers=headers)
    assert body["data"]["viewer"]["followedTopics"] == [{"slug": topic["slug"]}]
    assert codes(await gql(client, "mutation($id: ID!) { followTopic(input: {topicId: $id}) { topic { slug } } }",
                           {"id": gid("Topic", topic)})) == ["UNAUTHENTICATED"]


async def test_two_leaders_leaving_at_once_never_leave_a_group_leaderless(client, graph, token_for):
    first, second, third = await factories.members(graph, 3)
    (club,) = await factories.groups(graph, 1, leaders=[first])
    await factories.memberships(graph, [(second, club, "LEADER"), (third, club, "MEMBER")])
    leave = "mutation($id: ID!) { leaveGroup(input: {groupId: $id}) { userErrors { code } } }"
    results = await asyncio.gather(*(gql(client, leave, {"id": gid("Group", club)}, headers=token_for(m["id"]))
                                     for m in (first, second)))
    refusals = [r["data"]["leaveGroup"]["userErrors"] for r in results]
    assert sorted(map(len, refusals)) == [0, 1], refusals
    body = await gql(client, "query($s: String!) { group(slug: $s) { memberCount leaders { handle } } }",
                     {"s": club["slug"]})
    assert body["data"]["group"]["memberCount"] == 2
    assert len(body["data"]["group"]["leaders"]) == 1
    assert not any((await SeedWriter(graph).counter_mismatches()).values())


async def test_concurrent_joins_count_every_member_once(client, graph, token_for):
    leader, *joiners = await factories.members(graph, 9)
    (club,) = await factories.groups(graph, 1, leaders=[leader])
    join = "mutation($id: ID!) { joinGroup(input: {groupId: $id}) { userErrors { code } } }"
    await asyncio.gather(*(gql(client, join, {"id": gid("Group", club)}, headers=token_for(m["id"]))
                           for m in joiners for _ in range(2)))
    body = await gql(client, "query($s: String!) { group(slug: $s) { memberCount members { totalCount } } }",
                     {"s": club["slug"]})
    assert body["data"]["group"] == {"memberCount": 9, "members": {"totalCount": 9}}
    assert not any((await SeedWriter(graph).counter_mismatches()).values())
