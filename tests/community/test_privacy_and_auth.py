"""Auth and privacy rules, each checked as a client would meet it."""

import time

import jwt
import pytest

from tests import factories
from tests.conftest import TEST_SECRET
from tests.gql import codes, gid, gql

PROFILE = "query($h: String!) { member(handle: $h) { handle email } }"


@pytest.fixture
async def people(graph):
    public = await factories.member(graph, "pub-person", visibility="PUBLIC")
    members_only = await factories.member(graph, "members-only", visibility="MEMBERS")
    private = await factories.member(graph, "private-person", visibility="PRIVATE")
    return public, members_only, private


async def test_anonymous_callers_see_public_profiles_only_and_no_email(client, people):
    for handle, visible in (("pub-person", True), ("members-only", False), ("private-person", False)):
        body = await gql(client, PROFILE, {"h": handle})
        assert (body["data"]["member"] is not None) is visible, handle
    body = await gql(client, PROFILE, {"h": "pub-person"})
    assert body["data"]["member"]["email"] is None
    listed = await gql(client, "{ members { totalCount nodes { handle } } }")
    assert [n["handle"] for n in listed["data"]["members"]["nodes"]] == ["pub-person"]


async def test_signed_in_members_see_members_profiles_but_not_private_ones(client, graph, people, token_for):
    viewer = await factories.member(graph, "viewer-one")
    headers = token_for(viewer["id"])
    assert (await gql(client, PROFILE, {"h": "members-only"}, headers=headers))["data"]["member"]
    assert (await gql(client, PROFILE, {"h": "private-person"}, headers=headers))["data"]["member"] is None
    assert (await gql(client, PROFILE, {"h": "pub-person"}, headers=headers))["data"]["member"]["email"] is None
    node = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": gid("Member", people[2])},
                     headers=headers)
    assert node["data"]["node"] is None


async def test_owners_see_their_private_profile_and_email(client, people, token_for):
    headers = token_for(people[2]["id"])
    body = await gql(client, PROFILE, {"h": "private-person"}, headers=headers)
    assert body["data"]["member"] == {"handle": "private-person", "email": "private-person@example.com"}
    viewer = await gql(client, "{ viewer { handle } }", headers=headers)
    assert viewer["data"]["viewer"]["handle"] == "private-person"


async def test_admins_see_email(client, graph, people, token_for):
    admin = await factories.member(graph, "the-admin")
    body = await gql(client, PROFILE, {"h": "pub-person"}, headers=token_for(admin["id"], "admin"))
    assert body["data"]["member"]["email"] == "pub-person@example.com"


@pytest.mark.parametrize("token", [
    "not-a-jwt",
    jwt.encode({"sub": "x", "exp": int(time.time()) - 10}, TEST_SECRET, algorithm="HS256"),
    jwt.encode({"sub": "x", "exp": int(time.time()) + 600}, "another-secret-that-is-long-enough-000000", algorithm="HS256"),
    jwt.encode({"sub": "x"}, TEST_SECRET, algorithm="HS256"),
], ids=["malformed", "expired", "wrong-signature", "no-expiry"])
async def test_invalid_tokens_are_refused_never_treated_as_anonymous(client, people, token):
    response = await client.post("/graphql", json={"query": "{ members { totalCount } }"},
                                 headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert codes(response.json()) == ["UNAUTHENTICATED"]
    assert "data" not in response.json()


async def test_mutations_need_a_viewer(client, people):
    body = await gql(client, "mutation($id: ID!) { followMember(input: {memberId: $id}) { member { handle } } }",
                     {"id": gid("Member", people[0])})
    assert codes(body) == ["UNAUTHENTICATED"]


async def test_only_leaders_update_a_group(client, graph, token_for):
    leader, outsider = await factories.members(graph, 2)
    (club,) = await factories.groups(graph, 1, leaders=[leader])
    update = "mutation($id: ID!) { updateGroup(input: {groupId: $id, name: \"Renamed group\"}) { group { name } userErrors { code } } }"
    refused = await gql(client, update, {"id": gid("Group", club)}, headers=token_for(outsider["id"]))
    assert codes(refused) == ["FORBIDDEN"]
    done = await gql(client, update, {"id": gid("Group", club)}, headers=token_for(leader["id"]))
    assert done["data"]["updateGroup"]["group"]["name"] == "Renamed group"
