"""viewer.leaderboardPosition: the viewer's place equals their entry's position, in every scope."""

from __future__ import annotations

import uuid

from tests.gql import codes, gid, gql, round_trips
from tests.learning.test_leaderboards import _board, _company, _group, _places, _world

POSITION = """query($scope: LeaderboardScope!, $scopeId: ID) {
  viewer { leaderboardPosition(scope: $scope, scopeId: $scopeId) } }"""


async def _position(client, headers, scope: str, scope_id: str | None = None) -> int | None:
    body = await gql(client, POSITION, {"scope": scope, "scopeId": scope_id}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["viewer"]["leaderboardPosition"]


async def _listed(client, headers, scope: str, scope_id: str | None = None) -> dict[str, int]:
    return {handle: position for position, handle in _places(await _board(client, scope, scope_id, headers=headers))}


async def test_each_viewers_position_equals_their_entry_in_every_scope(graph, client, token_for):
    world = await _world(graph)
    group = await _group(graph, [world[h] for h in ("hal", "eve", "fay", "gus", "cyd", "bob")])
    company = await _company(graph, [world[h] for h in ("bob", "cyd", "dee", "fay", "hal")])
    boards = {
        ("GLOBAL", None): None,
        ("COUNTRY", "DE"): None,
        ("COUNTRY", "FR"): None,
        ("GROUP", gid("Group", group)): None,
        ("COMPANY", gid("Company", company)): None,
    }
    anyone = token_for(world["gus"]["id"])
    for key in boards:
        boards[key] = await _listed(client, anyone, *key)
    assert boards[("GLOBAL", None)]["eve"] == 5
    for handle, member in world.items():
        headers = token_for(member["id"])
        for (scope, scope_id), listed in boards.items():
            assert await _position(client, headers, scope, scope_id) == listed.get(handle), (handle, scope, scope_id)


async def test_country_and_company_default_to_the_viewers_own(graph, client, token_for):
    world = await _world(graph)
    company = await _company(graph, [world[h] for h in ("dee", "hal", "ada")])
    hal, dee = token_for(world["hal"]["id"]), token_for(world["dee"]["id"])
    assert await _position(client, hal, "COUNTRY") == 2  # FR: cyd, hal
    assert await _position(client, dee, "COUNTRY") == 3  # DE: ada, bob, dee, eve
    assert await _position(client, hal, "COUNTRY", "DE") is None  # not ranked in a country not their own
    assert await _position(client, hal, "COMPANY") == 3  # ada, dee, hal
    assert await _position(client, hal, "COMPANY", gid("Company", company)) == 3
    other = await _company(graph, [world["bob"]])
    assert await _position(client, hal, "COMPANY", gid("Company", other)) is None
    assert await _position(client, token_for(world["bob"]["id"]), "COMPANY") == 1
    assert await _position(client, token_for(world["eve"]["id"]), "COMPANY") is None  # works nowhere


async def test_no_position_without_points_or_group_membership(graph, client, token_for):
    world = await _world(graph)
    group = await _group(graph, [world["ada"], world["gus"]])
    gus, bob = token_for(world["gus"]["id"]), token_for(world["bob"]["id"])
    for scope, scope_id in (("GLOBAL", None), ("COUNTRY", None), ("GROUP", gid("Group", group))):
        assert await _position(client, gus, scope, scope_id) is None  # no points yet
    assert await _position(client, bob, "GROUP", gid("Group", group)) is None  # not a member
    assert await _position(client, bob, "GROUP", gid("Group", {"id": str(uuid.uuid4())})) is None  # no such group


async def test_position_is_viewer_only_and_validates_its_scope_id(graph, client, token_for):
    world = await _world(graph)
    bob = token_for(world["bob"]["id"])
    on_other = """{ member(handle: "ada") { leaderboardPosition(scope: GLOBAL) } }"""
    assert codes(await gql(client, on_other, headers=bob)) == ["FORBIDDEN"]
    assert codes(await gql(client, on_other)) == ["UNAUTHENTICATED"]
    for scope, scope_id in (("GROUP", None), ("GROUP", "oops"), ("COUNTRY", "XX"), ("GLOBAL", "DE"),
                            ("COMPANY", gid("Group", {"id": str(uuid.uuid4())}))):
        body = await gql(client, POSITION, {"scope": scope, "scopeId": scope_id}, headers=bob)
        assert codes(body) == ["BAD_USER_INPUT"], (scope, scope_id, body)
        assert body["errors"][0]["extensions"]["field"] == "scopeId"


async def test_a_position_costs_one_round_trip_beyond_the_viewer(graph, client, token_for):
    world = await _world(graph)
    group = await _group(graph, [world["ada"], world["bob"]])
    bob = token_for(world["bob"]["id"])
    viewer_only = await gql(client, "{ viewer { handle } }", headers=bob)
    for scope, scope_id in (("GLOBAL", None), ("COUNTRY", None), ("GROUP", gid("Group", group)), ("COMPANY", None)):
        body = await gql(client, POSITION, {"scope": scope, "scopeId": scope_id}, headers=bob)
        assert round_trips(body) == round_trips(viewer_only) + 1, (scope, body)
