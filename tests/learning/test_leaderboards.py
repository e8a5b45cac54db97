"""Leaderboards: order and ties, scopes, privacy, pagination, scopeId validation, round trips.

Most tests write members with their points, badgeCount and rank directly (the seed writer's
member rows), and groups, companies and memberships without a recount, which would recompute
points from the (empty) completion ledger; `test_completions_put_a_member_on_the_board` goes
through real completions instead.
"""

from __future__ import annotations

import uuid
from typing import Any

from graph.seed import SeedWriter
from resolvers.seed.learning_catalog import rank_for
from tests import factories as f
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

BOARD = """query($scope: LeaderboardScope!, $scopeId: ID, $first: Int, $after: String, $last: Int, $before: String) {
  leaderboard(scope: $scope, scopeId: $scopeId, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { position points badgeCount rank { name position } member { handle displayName } } } } }"""

# handle: (points, badges, extra member properties)
LEARNERS: dict[str, tuple[int, int, dict[str, Any]]] = {
    "ada": (5000, 10, {}),
    "bob": (3000, 7, {}),
    "cyd": (3000, 7, {"country": "FR"}),
    "dee": (3000, 5, {}),
    "eve": (1000, 9, {"visibility": "MEMBERS"}),
    "fay": (800, 2, {"visibility": "PRIVATE"}),
    "gus": (0, 0, {}),
    "hal": (700, 1, {"country": "FR"}),
}


async def _learners(graph, specs: dict[str, tuple[int, int, dict[str, Any]]]) -> dict[str, dict]:
    """Members by handle with the given points and badges (and their rank), written as the seed writes them."""
    rows = {handle: f.member_row(handle, points=points, badgeCount=badges,
                                 rank=rank_for(points, badges).position, **props)
            for handle, (points, badges, props) in specs.items()}
    await SeedWriter(graph).members(list(rows.values()))
    return rows


async def _world(graph) -> dict[str, dict]:
    await lf.ranks(graph)  # first: its recount would zero points written without completions
    return await _learners(graph, LEARNERS)


async def _group(graph, members: list[dict]) -> dict:
    row = {"id": str(uuid.uuid4()), "slug": f"group-{uuid.uuid4().hex[:8]}", "name": "Learners", "description": "",
           "kind": "INTEREST", "city": None, "country": None, "latitude": None, "longitude": None,
           "createdAt": f.BASE, "memberCount": len(members), "leaderCount": 1}
    writer = SeedWriter(graph)
    await writer.groups([row])
    await writer.memberships([{"memberId": m["id"], "groupId": row["id"], "role": "LEADER" if i == 0 else "MEMBER",
                               "since": f.BASE} for i, m in enumerate(members)])
    return row


async def _company(graph, employees: list[dict]) -> dict:
    row = {"id": str(uuid.uuid4()), "slug": f"company-{uuid.uuid4().hex[:8]}", "name": "Acme", "industry": "Software",
           "country": "DE", "employeeCount": len(employees)}
    writer = SeedWriter(graph)
    await writer.companies([row])
    await writer.employments([{"memberId": m["id"], "companyId": row["id"], "role": "EMPLOYEE", "since": f.BASE}
                              for m in employees])
    return row


async def _board(client, scope: str = "GLOBAL", scope_id: str | None = None, headers=None, **window) -> dict:
    body = await gql(client, BOARD, {"scope": scope, "scopeId": scope_id, **window}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["leaderboard"]


def _places(board: dict) -> list[tuple[int, str | None]]:
    return [(e["node"]["position"], (e["node"]["member"] or {}).get("handle")) for e in board["edges"]]


def _tied(world: dict, *handles: str) -> list[str]:
    """Tied members in the board's tie-break order (member id ascending)."""
    return sorted(handles, key=lambda h: world[h]["id"])


# -- order, ties and who is ranked ---------------------------------------------------------------


async def test_order_ties_and_who_is_ranked(graph, client, token_for):
    world = await _world(graph)
    signed_in = token_for(world["gus"]["id"])
    board = await _board(client, headers=signed_in)
    first, second = _tied(world, "bob", "cyd")
    # Points, then badges; bob and cyd tie on both and share 2nd, so dee is 4th (competition ranking).
    assert _places(board) == [(1, "ada"), (2, first), (2, second), (4, "dee"), (5, "eve"), (6, "hal")]
    assert board["totalCount"] == 6  # fay is PRIVATE, gus has no points
    ada = board["edges"][0]["node"]
    assert (ada["points"], ada["badgeCount"]) == (5000, 10)
    assert ada["rank"] == {"name": rank_for(5000, 10).name, "position": rank_for(5000, 10).position}
    assert ada["member"]["displayName"] == world["ada"]["displayName"]


async def test_anonymous_callers_see_a_null_member_for_members_only_profiles_at_the_same_place(graph, client):
    await _world(graph)
    board = await _board(client)
    assert [p for p, _ in _places(board)] == [1, 2, 2, 4, 5, 6]
    eve = board["edges"][4]["node"]
    assert eve["member"] is None and (eve["points"], eve["badgeCount"]) == (1000, 9)
    assert _places(board)[5] == (6, "hal")
    assert board["totalCount"] == 6


async def test_a_private_member_is_not_ranked_even_for_themselves(graph, client, token_for):
    world = await _world(graph)
    board = await _board(client, headers=token_for(world["fay"]["id"]))
    assert "fay" not in [h for _, h in _places(board)]
    body = await gql(client, "{ viewer { leaderboardPosition(scope: GLOBAL) } }", headers=token_for(world["fay"]["id"]))
    assert body["data"]["viewer"]["leaderboardPosition"] is None


async def test_completions_put_a_member_on_the_board(graph, client, token_for):
    """Through the real ledger: completing modules sets points, badges and rank, and the board follows."""
    await lf.ranks(graph)
    leader, runner = await f.members(graph, 2)
    big = await lf.module(graph, units=2, points=300)
    small = await lf.module(graph, units=1, points=100)
    await lf.complete_modules(graph, leader, [big, small])
    await lf.complete_modules(graph, runner, [big])
    board = await _board(client)
    assert [(e["node"]["position"], e["node"]["member"]["handle"], e["node"]["points"], e["node"]["badgeCount"])
            for e in board["edges"]] == [(1, leader["handle"], 700, 2), (2, runner["handle"], 600, 1)]
    body = await gql(client, "{ viewer { leaderboardPosition(scope: GLOBAL) } }", headers=token_for(runner["id"]))
    assert body["data"]["viewer"]["leaderboardPosition"] == 2


# -- scopes -------------------------------------------------------------------------------------


async def test_country_group_and_company_scopes(graph, client, token_for):
    world = await _world(graph)
    signed_in = token_for(world["gus"]["id"])
    france = await _board(client, "COUNTRY", "fr", headers=signed_in)
    assert _places(france) == [(1, "cyd"), (2, "hal")] and france["totalCount"] == 2
    germany = await _board(client, "COUNTRY", "DE", headers=signed_in)
    assert [h for _, h in _places(germany)] == ["ada", "bob", "dee", "eve"]
    group = await _group(graph, [world[h] for h in ("hal", "eve", "fay", "gus", "cyd")])
    in_group = await _board(client, "GROUP", gid("Group", group), headers=signed_in)
    assert _places(in_group) == [(1, "cyd"), (2, "eve"), (3, "hal")] and in_group["totalCount"] == 3
    company = await _company(graph, [world[h] for h in ("bob", "cyd", "dee", "fay")])
    at_company = await _board(client, "COMPANY", gid("Company", company), headers=signed_in)
    first, second = _tied(world, "bob", "cyd")
    assert _places(at_company) == [(1, first), (1, second), (3, "dee")] and at_company["totalCount"] == 3


async def test_an_unknown_group_or_company_ranks_nobody(graph, client):
    await _world(graph)
    for scope, type_name in (("GROUP", "Group"), ("COMPANY", "Company")):
        board = await _board(client, scope, gid(type_name, {"id": str(uuid.uuid4())}))
        assert board["edges"] == [] and board["totalCount"] == 0


async def test_scope_id_is_validated(graph, client):
    world = await _world(graph)
    group = await _group(graph, [world["ada"]])
    cases = [
        ("COUNTRY", None), ("GROUP", None), ("COMPANY", None),  # missing
        ("COUNTRY", "ZZ"), ("COUNTRY", "DEU"), ("COUNTRY", "RETURN 1"),  # not a country code
        ("GROUP", "not-an-id"), ("COMPANY", "MATCH (n) DETACH DELETE n"),  # malformed
        ("GROUP", gid("Company", {"id": str(uuid.uuid4())})), ("COMPANY", gid("Group", group)),  # wrong type
        ("GLOBAL", "DE"),  # GLOBAL takes none
    ]
    for scope, scope_id in cases:
        body = await gql(client, BOARD, {"scope": scope, "scopeId": scope_id})
        assert codes(body) == ["BAD_USER_INPUT"], (scope, scope_id, body)
        assert body["errors"][0]["extensions"]["field"] == "scopeId"
    assert codes(await gql(client, BOARD, {"scope": "PLANET"})) != []  # not an enum value: rejected by the schema
    assert (await _board(client))["totalCount"] == 6  # nothing was harmed


# -- pagination ---------------------------------------------------------------------------------


async def test_pages_follow_on_and_keep_shared_positions_across_a_page_boundary(graph, client, token_for):
    world = await _world(graph)
    signed_in = token_for(world["gus"]["id"])
    whole = _places(await _board(client, headers=signed_in))
    pages, after = [], None
    for _ in range(3):
        page = await _board(client, headers=signed_in, first=2, after=after)
        pages += _places(page)
        after = page["pageInfo"]["endCursor"]
    # The second page starts inside the bob/cyd tie: it still says 2, not 3.
    assert pages == whole
    assert page["pageInfo"]["hasNextPage"] is False and page["pageInfo"]["hasPreviousPage"] is True
    tail = await _board(client, headers=signed_in, last=3)
    assert _places(tail) == whole[-3:]
    before = await _board(client, headers=signed_in, last=2, before=tail["edges"][0]["cursor"])
    assert _places(before) == whole[1:3]


async def test_page_sizes_are_capped_at_100(graph, client):
    await _world(graph)
    assert codes(await gql(client, BOARD, {"scope": "GLOBAL", "first": 101})) == ["BAD_USER_INPUT"]
    assert len((await _board(client, first=100))["edges"]) == 6


async def test_deep_pages_of_a_larger_board_match_the_whole_order(graph, client):
    """150 members with many ties; every page of 40 agrees with the order and positions computed here.

    Points of 1 to 6 digits: an index that compared them as text (the embedded engine's index on a
    property of undeclared type) would put 99,900 above 600,000 if a plan trusted its order.
    """
    await lf.ranks(graph)
    points = (5, 40, 300, 99_900, 1_000, 25_000, 600_000)
    specs = {f"learner-{i:03d}": (points[i % 7], i % 3, {}) for i in range(150)}
    world = await _learners(graph, specs)
    ordered = sorted(world.values(), key=lambda r: (-r["points"], -r["badgeCount"], r["id"]))
    expected, previous = [], None
    for offset, row in enumerate(ordered):
        standing = (row["points"], row["badgeCount"])
        expected.append((expected[-1][0] if standing == previous else offset + 1, row["handle"]))
        previous = standing
    seen, after = [], None
    while True:
        page = await _board(client, first=40, after=after)
        seen += _places(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected


async def test_a_page_of_50_with_members_and_ranks_costs_a_fixed_number_of_round_trips(graph, client, token_for):
    await lf.ranks(graph)
    specs = {f"learner-{i:03d}": (100 * (i + 1), i % 5, {"country": "DE"}) for i in range(60)}
    world = await _learners(graph, specs)
    query = """query($scope: LeaderboardScope!, $scopeId: ID) { leaderboard(scope: $scope, scopeId: $scopeId, first: 50) {
        edges { node { position points rank { name } member { displayName } } } } }"""
    headers = token_for(world["learner-000"]["id"])
    global_page = await gql(client, query, {"scope": "GLOBAL"}, headers=headers)
    assert len(global_page["data"]["leaderboard"]["edges"]) == 50
    # The floor of the window, the page with its member rows, the rank ladder.
    assert round_trips(global_page) == 3
    country_page = await gql(client, query, {"scope": "COUNTRY", "scopeId": "DE"}, headers=headers)
    assert len(country_page["data"]["leaderboard"]["edges"]) == 50
    assert round_trips(country_page) == 2  # the page, the rank ladder
    counted = await gql(client, query.replace("edges {", "totalCount edges {"), {"scope": "COUNTRY", "scopeId": "DE"})
    assert round_trips(counted) == 3
