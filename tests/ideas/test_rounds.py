"""Prioritisation rounds: openRound, allocateCoins, withdrawCoins, closeRound, the round queries and
`coinsLeft`; every refusal writes nothing. The helpers here (ideas and rounds written directly, the
mutations' documents) are shared with test_rounds_concurrency.py.

Ideas are written per graph/MODEL.md through Cypher, so any status can be set up; rounds are opened
through the API, except rounds whose window lies in the past or that must already be closed (openRound
refuses the past): `round_node` writes those, and `move_window` moves an open round's window.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

from graph.cypher import Query
from graph.ideas.rounds import RoundsRepository
from tests import factories
from tests.gql import codes, gid, gql, round_trips

PM = "product_manager"
DAY = timedelta(days=1)

ROUND_FIELDS = """id name status budget opensAt closesAt closedAt createdAt productArea { id }
  shortlist { id title status } participantCount coinsAllocated
  results { rank coins memberCount idea { id } }
  winners { rank coins memberCount idea { id status expectedRelease } }
  viewerCoinsLeft viewerAllocations { coins idea { id } }"""
ROUND = "query($id: ID!) { round(id: $id) { %s } }" % ROUND_FIELDS
OPEN = """mutation($input: OpenRoundInput!) { openRound(input: $input) {
  round { %s } userErrors { field message code } } }""" % ROUND_FIELDS
_COINS = """round { id coinsAllocated participantCount viewerCoinsLeft } idea { id coins }
  allocation { coins idea { id } } coinsLeft userErrors { field message code }"""
ALLOCATE = "mutation($input: AllocateCoinsInput!) { allocateCoins(input: $input) { %s } }" % _COINS
WITHDRAW = "mutation($input: WithdrawCoinsInput!) { withdrawCoins(input: $input) { %s } }" % _COINS
CLOSE = """mutation($input: CloseRoundInput!) { closeRound(input: $input) {
  round { id status closedAt } winners { rank coins memberCount idea { id status expectedRelease } }
  userErrors { field message code } } }"""
COINS_LEFT = "query($id: ID!) { viewer { coinsLeft(roundId: $id) } }"


def _q(name: str, text: str) -> Query:
    return Query(name, text, "", __file__, 0)


IDEA_NODE = _q("test_rounds_idea", """MATCH (a:Member {id: $authorId})
MATCH (t:Topic {id: $topicId})
CREATE (i:Idea)
SET i = $props, i.createdAt = datetime(), i.updatedAt = datetime()
SET i.searchText = toLower(i.title + ' ' + i.description)
CREATE (a)-[:PROPOSED]->(i)
CREATE (i)-[:IN_AREA]->(t)
CREATE (a)-[:FOLLOWS {since: datetime()}]->(i)
RETURN i.id AS id""")
ROUND_NODE = _q("test_rounds_round", """MATCH (t:Topic {id: $topicId})
CREATE (r:PrioritizationRound)
SET r = $props, r.opensAt = datetime({epochMillis: $opensAt}), r.closesAt = datetime({epochMillis: $closesAt}),
  r.createdAt = datetime(), r.version = 0
SET r.closedAt = CASE WHEN $closedAt IS NULL THEN null ELSE datetime({epochMillis: $closedAt}) END
CREATE (r)-[:IN_AREA]->(t)
WITH r
UNWIND $rows AS row
MATCH (i:Idea {id: row.ideaId})
CREATE (r)-[:SHORTLISTS {position: row.position}]->(i)
RETURN count(*) AS shortlisted""")
MOVE_WINDOW = _q("test_rounds_move_window", """MATCH (r:PrioritizationRound {id: $id})
SET r.opensAt = datetime({epochMillis: $opensAt}), r.closesAt = datetime({epochMillis: $closesAt})""")
# Everything the round mutations can write, to prove a refusal wrote nothing.
FOOTPRINT = _q("test_rounds_footprint", """
RETURN COUNT { MATCH (r:PrioritizationRound) } AS rounds,
  COUNT { MATCH (:PrioritizationRound)-[:SHORTLISTS]->(:Idea) } AS shortlisted,
  COUNT { MATCH (:PrioritizationRound)-[:SELECTED]->(:Idea) } AS selected,
  COUNT { MATCH (b:CoinBudget) } AS budgets,
  COUNT { MATCH (:Member)-[:HAS_BUDGET]->(:CoinBudget) } AS hasBudget,
  COUNT { MATCH (:CoinBudget)-[:FOR_ROUND]->(:PrioritizationRound) } AS forRound,
  COLLECT { MATCH (b:CoinBudget) RETURN [b.key, b.spent] } AS spent,
  COLLECT { MATCH (m:Member)-[a:ALLOCATED]->(i:Idea) RETURN [m.id, i.id, a.roundId, a.coins] } AS allocations,
  COUNT { MATCH (c:IdeaStatusChange) } AS statusChanges,
  COLLECT { MATCH (i:Idea) RETURN [i.id, i.status, i.version, i.coins, coalesce(i.expectedRelease, '')] } AS ideas,
  COLLECT { MATCH (r:PrioritizationRound) RETURN [r.id, r.version, r.closedAt IS NULL] } AS roundStates""")
CHANGES = _q("test_rounds_changes", """MATCH (i:Idea {id: $id})-[:HAD_STATUS]->(c:IdeaStatusChange)
OPTIONAL MATCH (pm:Member)-[:CHANGED_STATUS]->(c)
RETURN c {.*} AS change, pm.id AS changedBy ORDER BY c.at""")
STORED_IDEA = _q("test_rounds_stored_idea", "MATCH (i:Idea {id: $id}) RETURN i {.*} AS idea")


def local(global_id: str) -> str:
    from resolvers.ids import from_global_id

    return from_global_id(global_id).id


def millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def now() -> datetime:
    return datetime.now(timezone.utc)


async def idea(graph, author: dict, area: dict, *, status: str = "NEW", title: str | None = None,
               **props: Any) -> dict[str, Any]:
    """An Idea node as postIdea (and the lifecycle) leave it; returns its row with `gid`."""
    n = uuid.uuid4().hex[:8]
    row = {"id": str(uuid.uuid4()), "title": title or f"Idea {n}", "description": f"Description {n}",
           "status": status, "points": 0, "upVotes": 0, "downVotes": 0, "followerCount": 1, "commentCount": 0,
           "coins": 0, "trend": 0.0, "version": 0, **props}
    await graph.write(IDEA_NODE, authorId=author["id"], topicId=area["id"], props=row)
    return {**row, "gid": gid("Idea", row)}


async def ideas_in(graph, author: dict, area: dict, count: int, **props: Any) -> list[dict[str, Any]]:
    return [await idea(graph, author, area, title=f"Idea {n + 1}", **props) for n in range(count)]


async def round_node(graph, area: dict, shortlist: list[dict], *, opens_at: datetime, closes_at: datetime,
                     closed_at: datetime | None = None, name: str = "Spring round",
                     opened_by: str = "someone") -> dict[str, Any]:
    """A round written directly (any window, even one in the past); returns its row with `gid`."""
    row = {"id": str(uuid.uuid4()), "name": name, "budget": 100, "openedBy": opened_by}
    await graph.write(ROUND_NODE, topicId=area["id"], props=row, opensAt=millis(opens_at),
                      closesAt=millis(closes_at), closedAt=millis(closed_at) if closed_at else None,
                      rows=[{"ideaId": i["id"], "position": n} for n, i in enumerate(shortlist, start=1)])
    return {**row, "gid": gid("PrioritizationRound", row)}


async def move_window(graph, round_gid: str, *, opens_at: datetime, closes_at: datetime) -> None:
    await graph.write(MOVE_WINDOW, id=local(round_gid), opensAt=millis(opens_at), closesAt=millis(closes_at))


async def end_window(graph, round_gid: str) -> None:
    """Move an open round's window into the past: it is ENDED, ready for closeRound."""
    await move_window(graph, round_gid, opens_at=now() - 15 * DAY, closes_at=now() - timedelta(seconds=1))


async def footprint(graph) -> dict[str, Any]:
    row = (await graph.read(FOOTPRINT))[0]
    for key in ("spent", "allocations", "ideas", "roundStates"):
        row[key] = sorted(row[key])
    return row


async def world(graph, *, ideas: int = 3):
    """A product manager, three members, a product area and `ideas` NEW ideas in it."""
    pm, *people = await factories.members(graph, 4)
    (area,) = await factories.topics(graph, 1)
    author = await factories.member(graph)
    return pm, people, area, await ideas_in(graph, author, area, ideas)


def open_input(area: dict, shortlist: list[dict], **overrides: Any) -> dict[str, Any]:
    values = {"name": "Spring round", "productAreaId": gid("Topic", area),
              "closesAt": (now() + 14 * DAY).isoformat(), "ideaIds": [i["gid"] for i in shortlist]}
    values.update(overrides)
    return {"input": values}


async def open_round(client, token_for, pm: dict, area: dict, shortlist: list[dict], **overrides: Any) -> dict:
    """Open a round through the API (fails the test on any error) and return it."""
    body = await gql(client, OPEN, open_input(area, shortlist, **overrides), headers=token_for(pm["id"], "member", PM))
    assert "errors" not in body, body
    payload = body["data"]["openRound"]
    assert payload["userErrors"] == [], payload
    return payload["round"]


async def allocate(client, headers: dict, round_gid: str, idea_gid: str, coins: int) -> dict:
    body = await gql(client, ALLOCATE, {"input": {"roundId": round_gid, "ideaId": idea_gid, "coins": coins}},
                     headers=headers)
    assert "errors" not in body, body
    return body["data"]["allocateCoins"]


async def withdraw(client, headers: dict, round_gid: str, idea_gid: str, coins: int | None = None) -> dict:
    values: dict[str, Any] = {"roundId": round_gid, "ideaId": idea_gid}
    if coins is not None:
        values["coins"] = coins
    body = await gql(client, WITHDRAW, {"input": values}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["withdrawCoins"]


async def close(client, headers: dict, round_gid: str, winners: int, *, release: str | None = None,
                comment: str | None = None) -> dict:
    values: dict[str, Any] = {"roundId": round_gid, "winners": winners,
                              "expectedRelease": release or (date.today() + timedelta(days=90)).isoformat()}
    if comment is not None:
        values["comment"] = comment
    body = await gql(client, CLOSE, {"input": values}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["closeRound"]


async def get_round(client, round_gid: str, headers: dict | None = None) -> dict:
    body = await gql(client, ROUND, {"id": round_gid}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["round"]


def refusal(payload: dict) -> tuple[str | None, str]:
    (error,) = payload["userErrors"]
    return error["field"], error["code"]


# -- openRound -----------------------------------------------------------------------------


async def test_a_product_manager_opens_a_round_and_new_ideas_move_to_shortlisted(graph, client, token_for):
    pm, _, area, (new, reviewed, building) = await world(graph)
    await graph.write(_q("t", "MATCH (i:Idea {id: $id}) SET i.status = 'UNDER_REVIEW'"), id=reviewed["id"])
    await graph.write(_q("t", "MATCH (i:Idea {id: $id}) SET i.status = 'IN_DEVELOPMENT', "
                              "i.expectedRelease = '2027-02-01'"), id=building["id"])
    opened = await open_round(client, token_for, pm, area, [building, new, reviewed], name="  Summer '27 round ")

    assert opened["name"] == "Summer '27 round" and opened["status"] == "OPEN" and opened["budget"] == 100
    assert opened["closedAt"] is None and opened["productArea"] == {"id": gid("Topic", area)}
    opens_at = datetime.fromisoformat(opened["opensAt"])
    assert abs(opens_at - now()) < timedelta(minutes=1)
    assert [i["id"] for i in opened["shortlist"]] == [building["gid"], new["gid"], reviewed["gid"]]
    assert [i["status"] for i in opened["shortlist"]] == ["IN_DEVELOPMENT", "SHORTLISTED", "SHORTLISTED"]
    assert [r["idea"]["id"] for r in opened["results"]] == [building["gid"], new["gid"], reviewed["gid"]]
    assert [(r["rank"], r["coins"], r["memberCount"]) for r in opened["results"]] == [(1, 0, 0), (2, 0, 0), (3, 0, 0)]
    assert opened["winners"] == [] and opened["participantCount"] == 0 and opened["coinsAllocated"] == 0
    assert opened["viewerCoinsLeft"] == 100 and opened["viewerAllocations"] == []

    for moved, was in ((new, "NEW"), (reviewed, "UNDER_REVIEW")):
        (change,) = await graph.read(CHANGES, id=moved["id"])
        assert change["changedBy"] == pm["id"]
        assert {k: change["change"][k] for k in ("from", "to", "comment")} == {
            "from": was, "to": "SHORTLISTED", "comment": "Shortlisted for Summer '27 round"}
        saved = (await graph.read(STORED_IDEA, id=moved["id"]))[0]["idea"]
        assert saved["status"] == "SHORTLISTED" and saved["version"] == 1 and saved["statusChangedAt"] is not None
    assert await graph.read(CHANGES, id=building["id"]) == []
    kept = (await graph.read(STORED_IDEA, id=building["id"]))[0]["idea"]
    assert kept["status"] == "IN_DEVELOPMENT" and kept["expectedRelease"] == "2027-02-01"
    stored = (await graph.read(_q("t", "MATCH (r:PrioritizationRound) RETURN r {.*} AS r")))[0]["r"]
    assert stored["openedBy"] == pm["id"] and stored["version"] == 0 and stored["budget"] == 100


async def test_a_round_opening_later_is_upcoming(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    opened = await open_round(client, token_for, pm, area, shortlist, opensAt=(now() + 2 * DAY).isoformat(),
                              closesAt=(now() + 16 * DAY).isoformat())
    assert opened["status"] == "UPCOMING"
    before = await footprint(graph)
    payload = await allocate(client, token_for(member["id"]), opened["id"], shortlist[0]["gid"], 5)
    assert refusal(payload) == ("roundId", "ROUND_NOT_OPEN") and payload["round"] is None
    assert await footprint(graph) == before


async def test_open_round_refusals_write_nothing(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    (other_area,) = await factories.topics(graph, 1)
    author = await factories.member(graph)
    elsewhere = await idea(graph, author, other_area)
    finished = {s: await idea(graph, author, area, status=s) for s in ("MERGED", "RELEASED", "NOT_PLANNED")}
    headers = token_for(pm["id"], "member", PM)
    before = await footprint(graph)
    soon = now() + timedelta(minutes=5)
    cases = [
        ({"name": "ab"}, "name", "BAD_USER_INPUT"),
        ({"name": "x" * 121}, "name", "BAD_USER_INPUT"),
        ({"productAreaId": gid("Topic", {"id": "missing"})}, "productAreaId", "NOT_FOUND"),
        ({"productAreaId": gid("Idea", shortlist[0])}, "productAreaId", "BAD_USER_INPUT"),
        ({"opensAt": (now() - timedelta(minutes=5)).isoformat()}, "opensAt", "BAD_USER_INPUT"),
        ({"opensAt": soon.isoformat(), "closesAt": soon.isoformat()}, "closesAt", "BAD_USER_INPUT"),
        ({"opensAt": soon.isoformat(), "closesAt": (soon - DAY).isoformat()}, "closesAt", "BAD_USER_INPUT"),
        ({"opensAt": soon.isoformat(), "closesAt": (soon + timedelta(hours=23)).isoformat()}, "closesAt",
         "BAD_USER_INPUT"),
        ({"opensAt": soon.isoformat(), "closesAt": (soon + 31 * DAY + timedelta(minutes=1)).isoformat()},
         "closesAt", "BAD_USER_INPUT"),
        ({"ideaIds": [shortlist[0]["gid"]]}, "ideaIds", "BAD_USER_INPUT"),
        ({"ideaIds": [shortlist[0]["gid"], shortlist[0]["gid"]]}, "ideaIds", "BAD_USER_INPUT"),
        ({"ideaIds": [shortlist[0]["gid"]] * 51}, "ideaIds", "BAD_USER_INPUT"),
        ({"ideaIds": [shortlist[0]["gid"], "not-an-id"]}, "ideaIds", "BAD_USER_INPUT"),
        ({"ideaIds": [shortlist[0]["gid"], gid("Idea", {"id": "missing"})]}, "ideaIds", "NOT_FOUND"),
        ({"ideaIds": [shortlist[0]["gid"], elsewhere["gid"]]}, "ideaIds", "WRONG_PRODUCT_AREA"),
        *(({"ideaIds": [shortlist[0]["gid"], finished[s]["gid"]]}, "ideaIds", "BAD_USER_INPUT") for s in finished),
    ]
    for overrides, field, code in cases:
        body = await gql(client, OPEN, open_input(area, shortlist, **overrides), headers=headers)
        assert "errors" not in body, body
        payload = body["data"]["openRound"]
        assert payload["round"] is None, overrides
        assert (payload["userErrors"][0]["field"], payload["userErrors"][0]["code"]) == (field, code), \
            (overrides, payload)
    # 51 distinct ideas are too many as well.
    many = await ideas_in(graph, author, area, 51)
    body = await gql(client, OPEN, open_input(area, many), headers=headers)
    assert [(e["field"], e["code"]) for e in body["data"]["openRound"]["userErrors"]] == [("ideaIds", "BAD_USER_INPUT")]
    assert (await footprint(graph))["rounds"] == before["rounds"] == 0

    anonymous = await gql(client, OPEN, open_input(area, shortlist))
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    not_a_pm = await gql(client, OPEN, open_input(area, shortlist), headers=token_for(member["id"], "member", "admin"))
    assert codes(not_a_pm) == ["FORBIDDEN"]
    after = await footprint(graph)
    assert after["rounds"] == 0 and after["statusChanges"] == 0
    assert all(status in ("NEW", "MERGED", "RELEASED", "NOT_PLANNED") for _, status, *_ in after["ideas"])


async def test_the_window_may_last_from_one_to_thirty_one_days(graph, client, token_for):
    pm, _, area, shortlist = await world(graph, ideas=2)
    start = now() + timedelta(minutes=10)
    for length in (DAY, 31 * DAY):
        opened = await open_round(client, token_for, pm, area, shortlist, opensAt=start.isoformat(),
                                  closesAt=(start + length).isoformat())
        span = datetime.fromisoformat(opened["closesAt"]) - datetime.fromisoformat(opened["opensAt"])
        assert span == length and opened["status"] == "UPCOMING"
    # opensAt up to a minute in the past is accepted (a form filled in a moment ago).
    opened = await open_round(client, token_for, pm, area, shortlist,
                              opensAt=(now() - timedelta(seconds=30)).isoformat())
    assert opened["status"] == "OPEN"


# -- allocateCoins --------------------------------------------------------------------------


async def test_a_member_spends_exactly_the_budget_in_steps(graph, client, token_for):
    pm, (first, second, third), area, (a, b, c) = await world(graph)
    opened = await open_round(client, token_for, pm, area, [a, b, c])
    me = token_for(first["id"])

    payload = await allocate(client, me, opened["id"], a["gid"], 50)
    assert payload["userErrors"] == [] and payload["coinsLeft"] == 50
    assert payload["allocation"] == {"coins": 50, "idea": {"id": a["gid"]}}
    assert payload["idea"] == {"id": a["gid"], "coins": 50}
    assert payload["round"] == {"id": opened["id"], "coinsAllocated": 50, "participantCount": 1, "viewerCoinsLeft": 50}
    payload = await allocate(client, me, opened["id"], a["gid"], 50)
    assert payload["coinsLeft"] == 0 and payload["allocation"]["coins"] == 100 and payload["idea"]["coins"] == 100

    before = await footprint(graph)
    for coins in (5, 20, 50):
        assert refusal(await allocate(client, me, opened["id"], b["gid"], coins)) == ("coins", "BUDGET_EXCEEDED")
    assert await footprint(graph) == before

    # Another member: twenty steps of 5 over three ideas reach exactly 100 too.
    other = token_for(second["id"])
    for n in range(20):
        payload = await allocate(client, other, opened["id"], (a, b, c)[n % 3]["gid"], 5)
        assert payload["userErrors"] == [] and payload["coinsLeft"] == 100 - 5 * (n + 1)
    assert refusal(await allocate(client, other, opened["id"], c["gid"], 5)) == ("coins", "BUDGET_EXCEEDED")
    # 20 + 20 + 50 + 5 + 5 = 100 for a third.
    for coins in (20, 20, 50, 5, 5):
        assert (await allocate(client, token_for(third["id"]), opened["id"], b["gid"], coins))["userErrors"] == []
    body = await gql(client, COINS_LEFT, {"id": opened["id"]}, headers=token_for(third["id"]))
    assert body["data"]["viewer"]["coinsLeft"] == 0

    spent = {key: value for key, value in (await footprint(graph))["spent"]}
    round_id = local(opened["id"])
    assert spent == {f"{round_id}:{first['id']}": 100, f"{round_id}:{second['id']}": 100,
                     f"{round_id}:{third['id']}": 100}
    assert await RoundsRepository(graph).budget_mismatches() == []
    board = await get_round(client, opened["id"])
    assert board["coinsAllocated"] == 300 and board["participantCount"] == 3


async def test_coins_come_only_in_steps_of_5_20_or_50(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    opened = await open_round(client, token_for, pm, area, shortlist)
    before = await footprint(graph)
    for coins in (0, -5, 1, 10, 25, 100, 45):
        payload = await allocate(client, token_for(member["id"]), opened["id"], shortlist[0]["gid"], coins)
        assert refusal(payload) == ("coins", "INVALID_COINS"), coins
    assert await footprint(graph) == before


async def test_allocate_refusals_write_nothing(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    author = await factories.member(graph)
    outsider = await idea(graph, author, area)
    opened = await open_round(client, token_for, pm, area, shortlist)
    ended = await round_node(graph, area, shortlist, opens_at=now() - 20 * DAY, closes_at=now() - 6 * DAY)
    closed = await round_node(graph, area, shortlist, opens_at=now() - 40 * DAY, closes_at=now() - 26 * DAY,
                              closed_at=now() - 25 * DAY)
    me = token_for(member["id"])
    before = await footprint(graph)
    cases = [
        (gid("PrioritizationRound", {"id": "missing"}), shortlist[0]["gid"], ("roundId", "NOT_FOUND")),
        ("garbage", shortlist[0]["gid"], ("roundId", "BAD_USER_INPUT")),
        (opened["id"], gid("Topic", {"id": "x"}), ("ideaId", "BAD_USER_INPUT")),
        (opened["id"], gid("Idea", {"id": "missing"}), ("ideaId", "NOT_FOUND")),
        (opened["id"], outsider["gid"], ("ideaId", "NOT_SHORTLISTED")),
        (ended["gid"], shortlist[0]["gid"], ("roundId", "ROUND_NOT_OPEN")),
        (closed["gid"], shortlist[0]["gid"], ("roundId", "ROUND_NOT_OPEN")),
    ]
    for round_gid, idea_gid, expected in cases:
        payload = await allocate(client, me, round_gid, idea_gid, 20)
        assert refusal(payload) == expected, (round_gid, idea_gid, payload)
        assert payload["round"] is None and payload["allocation"] is None and payload["coinsLeft"] is None
    ghost = token_for(str(uuid.uuid4()))  # a token whose member does not exist
    assert refusal(await allocate(client, ghost, opened["id"], shortlist[0]["gid"], 5)) == ("viewer", "NOT_FOUND")
    assert codes(await gql(client, ALLOCATE, {"input": {"roundId": opened["id"], "ideaId": shortlist[0]["gid"],
                                                        "coins": 5}})) == ["UNAUTHENTICATED"]
    assert await footprint(graph) == before


async def test_no_coins_after_the_window_closes(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    opened = await open_round(client, token_for, pm, area, shortlist)
    me = token_for(member["id"])
    assert (await allocate(client, me, opened["id"], shortlist[0]["gid"], 20))["userErrors"] == []
    await end_window(graph, opened["id"])
    assert (await get_round(client, opened["id"]))["status"] == "ENDED"
    before = await footprint(graph)
    assert refusal(await allocate(client, me, opened["id"], shortlist[0]["gid"], 5)) == ("roundId", "ROUND_NOT_OPEN")
    assert refusal(await withdraw(client, me, opened["id"], shortlist[0]["gid"])) == ("roundId", "ROUND_NOT_OPEN")
    assert await footprint(graph) == before
    # The coins spent stay: coinsLeft still says what is left of the round's budget.
    body = await gql(client, COINS_LEFT, {"id": opened["id"]}, headers=me)
    assert body["data"]["viewer"]["coinsLeft"] == 80


# -- withdrawCoins ---------------------------------------------------------------------------


async def test_withdraw_part_or_all_then_allocate_again(graph, client, token_for):
    pm, (member, *_), area, (a, b, _c) = await world(graph)
    opened = await open_round(client, token_for, pm, area, [a, b, _c])
    me = token_for(member["id"])
    for coins in (50, 20, 5):
        await allocate(client, me, opened["id"], a["gid"], coins)
    await allocate(client, me, opened["id"], b["gid"], 20)

    payload = await withdraw(client, me, opened["id"], a["gid"], 20)
    assert payload["userErrors"] == [] and payload["allocation"]["coins"] == 55 and payload["coinsLeft"] == 25
    assert payload["idea"]["coins"] == 55
    payload = await withdraw(client, me, opened["id"], a["gid"])  # all of it
    assert payload["userErrors"] == [] and payload["allocation"] is None and payload["coinsLeft"] == 80
    assert payload["idea"] == {"id": a["gid"], "coins": 0}
    assert payload["round"]["coinsAllocated"] == 20 and payload["round"]["participantCount"] == 1
    allocations = (await footprint(graph))["allocations"]
    assert allocations == [[member["id"], b["id"], local(opened["id"]), 20]]  # the relationship went at 0

    payload = await allocate(client, me, opened["id"], a["gid"], 50)
    assert payload["allocation"]["coins"] == 50 and payload["coinsLeft"] == 30
    payload = await withdraw(client, me, opened["id"], b["gid"], 20)
    assert payload["allocation"] is None and payload["coinsLeft"] == 50
    payload = await allocate(client, me, opened["id"], b["gid"], 50)
    assert payload["allocation"]["coins"] == 50 and payload["coinsLeft"] == 0
    board = await get_round(client, opened["id"], me)
    assert board["viewerCoinsLeft"] == 0
    assert sorted((x["idea"]["id"], x["coins"]) for x in board["viewerAllocations"]) == sorted(
        [(a["gid"], 50), (b["gid"], 50)])
    assert await RoundsRepository(graph).budget_mismatches() == []


async def test_withdraw_refusals_write_nothing(graph, client, token_for):
    pm, (member, other, _), area, (a, b, c) = await world(graph)
    opened = await open_round(client, token_for, pm, area, [a, b, c])
    me = token_for(member["id"])
    await allocate(client, me, opened["id"], a["gid"], 20)
    await allocate(client, token_for(other["id"]), opened["id"], b["gid"], 50)
    before = await footprint(graph)
    cases = [
        (b["gid"], None, ("ideaId", "NOTHING_ALLOCATED")),  # the other member's coins are theirs
        (c["gid"], 5, ("ideaId", "NOTHING_ALLOCATED")),
        (a["gid"], 50, ("coins", "BAD_USER_INPUT")),  # more than allocated
        (a["gid"], 10, ("coins", "BAD_USER_INPUT")),  # not a step
        (a["gid"], 0, ("coins", "BAD_USER_INPUT")),
        (gid("Idea", {"id": "missing"}), None, ("ideaId", "NOT_FOUND")),
    ]
    for idea_gid, coins, expected in cases:
        assert refusal(await withdraw(client, me, opened["id"], idea_gid, coins)) == expected, (idea_gid, coins)
    assert refusal(await withdraw(client, me, gid("PrioritizationRound", {"id": "nope"}), a["gid"])) == \
        ("roundId", "NOT_FOUND")
    assert codes(await gql(client, WITHDRAW, {"input": {"roundId": opened["id"], "ideaId": a["gid"]}})) == \
        ["UNAUTHENTICATED"]
    assert await footprint(graph) == before


# -- budgets per round, coinsLeft ---------------------------------------------------------------


async def test_nothing_carries_over_to_the_next_round(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    first = await open_round(client, token_for, pm, area, shortlist, name="First round")
    second = await open_round(client, token_for, pm, area, shortlist[:2], name="Second round")
    me = token_for(member["id"])
    for coins in (50, 50):
        await allocate(client, me, first["id"], shortlist[0]["gid"], coins)
    left = await gql(client, "query($a: ID!, $b: ID!) { viewer { a: coinsLeft(roundId: $a) b: coinsLeft(roundId: $b) } }",
                     {"a": first["id"], "b": second["id"]}, headers=me)
    assert left["data"]["viewer"] == {"a": 0, "b": 100}
    payload = await allocate(client, me, second["id"], shortlist[0]["gid"], 50)
    assert payload["userErrors"] == [] and payload["coinsLeft"] == 50 and payload["idea"]["coins"] == 150
    assert (await get_round(client, first["id"]))["results"][0]["coins"] == 100
    assert (await get_round(client, second["id"]))["results"][0]["coins"] == 50
    assert await RoundsRepository(graph).budget_mismatches() == []


async def test_coins_left_is_for_the_viewer_only(graph, client, token_for):
    pm, (member, other, _), area, shortlist = await world(graph)
    opened = await open_round(client, token_for, pm, area, shortlist)
    me = token_for(member["id"])
    assert (await gql(client, COINS_LEFT, {"id": opened["id"]}, headers=me))["data"]["viewer"]["coinsLeft"] == 100
    mine = "query($h: String!, $id: ID!) { member(handle: $h) { coinsLeft(roundId: $id) } }"
    assert (await gql(client, mine, {"h": member["handle"], "id": opened["id"]}, headers=me))["data"] == \
        {"member": {"coinsLeft": 100}}
    assert codes(await gql(client, mine, {"h": other["handle"], "id": opened["id"]}, headers=me)) == ["FORBIDDEN"]
    assert codes(await gql(client, mine, {"h": member["handle"], "id": opened["id"]})) == ["UNAUTHENTICATED"]
    unknown = await gql(client, COINS_LEFT, {"id": gid("PrioritizationRound", {"id": "nope"})}, headers=me)
    assert codes(unknown) == ["NOT_FOUND"]
    malformed = await gql(client, COINS_LEFT, {"id": "nope"}, headers=me)
    assert codes(malformed) == ["BAD_USER_INPUT"] and malformed["errors"][0]["extensions"]["field"] == "roundId"


# -- results and the round's fields -------------------------------------------------------------


async def test_results_rank_by_coins_with_ties_by_position_and_count_members(graph, client, token_for):
    pm, people, area, _ = await world(graph, ideas=0)
    author = await factories.member(graph)
    a, b, c, d = await ideas_in(graph, author, area, 4)
    opened = await open_round(client, token_for, pm, area, [a, b, c, d])
    first, second, third = people
    spends = [(first, c, 50), (first, b, 20), (first, d, 20), (second, b, 50), (second, d, 50),
              (third, d, 5), (third, c, 20), (third, b, 5), (first, b, 5)]
    for member, target, coins in spends:
        assert (await allocate(client, token_for(member["id"]), opened["id"], target["gid"], coins))["userErrors"] == []
    # b: 20 + 50 + 5 + 5 = 80 (3 members); d: 20 + 50 + 5 = 75 (3); c: 50 + 20 = 70 (2); a: 0.
    board = await get_round(client, opened["id"], token_for(first["id"]))
    assert [(r["rank"], r["idea"]["id"], r["coins"], r["memberCount"]) for r in board["results"]] == [
        (1, b["gid"], 80, 3), (2, d["gid"], 75, 3), (3, c["gid"], 70, 2), (4, a["gid"], 0, 0)]
    assert board["participantCount"] == 3 and board["coinsAllocated"] == 225
    assert board["viewerCoinsLeft"] == 5
    assert board["viewerAllocations"] == [{"coins": 50, "idea": {"id": c["gid"]}},
                                          {"coins": 25, "idea": {"id": b["gid"]}},
                                          {"coins": 20, "idea": {"id": d["gid"]}}]
    assert [i["id"] for i in board["shortlist"]] == [a["gid"], b["gid"], c["gid"], d["gid"]]

    # Ties go to the earlier shortlist position: d catches up with b.
    await allocate(client, token_for(third["id"]), opened["id"], d["gid"], 5)
    board = await get_round(client, opened["id"])
    assert [(r["idea"]["id"], r["coins"]) for r in board["results"][:2]] == [(b["gid"], 80), (d["gid"], 80)]
    assert board["viewerCoinsLeft"] is None and board["viewerAllocations"] == []  # anonymous


async def test_a_round_resolves_as_a_node_and_a_bad_id_is_refused(graph, client, token_for):
    pm, _, area, shortlist = await world(graph)
    opened = await open_round(client, token_for, pm, area, shortlist, name="Node round")
    body = await gql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on PrioritizationRound { name } } }",
                     {"ids": [opened["id"], gid("PrioritizationRound", {"id": "missing"})]})
    assert body["data"]["nodes"] == [{"__typename": "PrioritizationRound", "name": "Node round"}, None]
    missing = await gql(client, ROUND, {"id": gid("PrioritizationRound", {"id": "missing"})})
    assert missing["data"] == {"round": None}
    bad = await gql(client, ROUND, {"id": gid("Idea", shortlist[0])})
    assert codes(bad) == ["BAD_USER_INPUT"] and bad["errors"][0]["extensions"]["field"] == "id"


async def test_rounds_list_newest_first_by_status_and_product_area(graph, client, token_for):
    pm, _, area, shortlist = await world(graph)
    (other_area,) = await factories.topics(graph, 1)
    author = await factories.member(graph)
    elsewhere = await ideas_in(graph, author, other_area, 2)
    closed = await round_node(graph, area, shortlist, opens_at=now() - 60 * DAY, closes_at=now() - 46 * DAY,
                              closed_at=now() - 45 * DAY, name="Closed")
    ended = await round_node(graph, area, shortlist, opens_at=now() - 20 * DAY, closes_at=now() - 6 * DAY,
                             name="Ended")
    running = await open_round(client, token_for, pm, area, shortlist, name="Open",
                               opensAt=now().isoformat())
    upcoming = await open_round(client, token_for, pm, area, shortlist, name="Upcoming",
                                opensAt=(now() + 3 * DAY).isoformat(), closesAt=(now() + 17 * DAY).isoformat())
    other = await open_round(client, token_for, pm, other_area, elsewhere, name="Elsewhere",
                             opensAt=(now() - timedelta(seconds=20)).isoformat())

    query = """query($area: ID, $status: RoundStatus, $first: Int, $after: String) {
      rounds(productAreaId: $area, status: $status, first: $first, after: $after) {
        totalCount nodes { id name status } pageInfo { hasNextPage endCursor } } }"""
    everything = (await gql(client, query, {}))["data"]["rounds"]
    assert [n["name"] for n in everything["nodes"]] == ["Upcoming", "Open", "Elsewhere", "Ended", "Closed"]
    assert [n["status"] for n in everything["nodes"]] == ["UPCOMING", "OPEN", "OPEN", "ENDED", "CLOSED"]
    assert everything["totalCount"] == 5
    expected = {"UPCOMING": [upcoming["id"]], "OPEN": [running["id"], other["id"]], "ENDED": [ended["gid"]],
                "CLOSED": [closed["gid"]]}
    for status, ids in expected.items():
        page = (await gql(client, query, {"status": status}))["data"]["rounds"]
        assert [n["id"] for n in page["nodes"]] == ids and page["totalCount"] == len(ids), status
    in_area = (await gql(client, query, {"area": gid("Topic", area), "status": "OPEN"}))["data"]["rounds"]
    assert [n["id"] for n in in_area["nodes"]] == [running["id"]]
    first = (await gql(client, query, {"first": 2}))["data"]["rounds"]
    assert [n["name"] for n in first["nodes"]] == ["Upcoming", "Open"] and first["pageInfo"]["hasNextPage"]
    rest = (await gql(client, query, {"first": 2, "after": first["pageInfo"]["endCursor"]}))["data"]["rounds"]
    assert [n["name"] for n in rest["nodes"]] == ["Elsewhere", "Ended"]
    too_many = await gql(client, query, {"first": 101})
    assert codes(too_many) == ["BAD_USER_INPUT"]
    bad_area = await gql(client, query, {"area": gid("Idea", shortlist[0])})
    assert codes(bad_area) == ["BAD_USER_INPUT"] and bad_area["errors"][0]["extensions"]["field"] == "productAreaId"


# -- closeRound ---------------------------------------------------------------------------------


async def test_close_round_selects_the_winners_and_puts_them_on_the_roadmap(graph, client, token_for):
    pm, people, area, _ = await world(graph, ideas=0)
    author = await factories.member(graph)
    a, b, c, d, e = await ideas_in(graph, author, area, 5)
    opened = await open_round(client, token_for, pm, area, [a, b, c, d, e], name="Autumn round")
    await graph.write(_q("t", "MATCH (i:Idea {id: $id}) SET i.status = 'RELEASED', i.expectedRelease = '2026-01-01'"),
                      id=c["id"])
    first, second, third = people
    for member, target, coins in [(first, b, 50), (second, b, 20), (first, c, 50), (second, d, 50), (third, d, 20),
                                  (third, a, 5)]:
        assert (await allocate(client, token_for(member["id"]), opened["id"], target["gid"], coins))["userErrors"] == []
    # b 70 (2 members), d 70 (2), c 50 (1), a 5 (1), e 0.
    headers = token_for(pm["id"], "member", PM)
    before = await footprint(graph)
    early = await close(client, headers, opened["id"], 2)
    assert refusal(early) == ("roundId", "ROUND_NOT_ENDED") and early["round"] is None and early["winners"] == []
    assert await footprint(graph) == before

    await end_window(graph, opened["id"])
    release = (date.today() + timedelta(days=120)).isoformat()
    payload = await close(client, headers, opened["id"], 3, release=release)
    assert payload["userErrors"] == []
    assert payload["round"]["status"] == "CLOSED" and payload["round"]["closedAt"] is not None
    assert [(w["rank"], w["idea"]["id"], w["coins"], w["memberCount"]) for w in payload["winners"]] == [
        (1, b["gid"], 70, 2), (2, d["gid"], 70, 2), (3, c["gid"], 50, 1)]
    assert [(w["idea"]["status"], w["idea"]["expectedRelease"]) for w in payload["winners"]] == [
        ("IN_DEVELOPMENT", release), ("IN_DEVELOPMENT", release), ("RELEASED", "2026-01-01")]
    for winner in (b, d):
        changes = await graph.read(CHANGES, id=winner["id"])
        last = changes[-1]
        assert last["changedBy"] == pm["id"]
        assert {k: last["change"].get(k) for k in ("from", "to", "comment", "expectedRelease")} == {
            "from": "SHORTLISTED", "to": "IN_DEVELOPMENT", "comment": "Selected in Autumn round",
            "expectedRelease": release}
    # c was released meanwhile: it is only SELECTED, its one change is still the shortlisting.
    assert [row["change"]["to"] for row in await graph.read(CHANGES, id=c["id"])] == ["SHORTLISTED"]
    board = await get_round(client, opened["id"])
    assert board["status"] == "CLOSED" and board["winners"] == payload["winners"]
    selected = await graph.read(_q("t", "MATCH (:PrioritizationRound)-[s:SELECTED]->(i:Idea) "
                                        "RETURN i.id AS id, s.rank AS rank, s.coins AS coins ORDER BY rank"))
    assert selected == [{"id": b["id"], "rank": 1, "coins": 70}, {"id": d["id"], "rank": 2, "coins": 70},
                        {"id": c["id"], "rank": 3, "coins": 50}]
    listed = await gql(client, "{ rounds(status: CLOSED) { nodes { id } } }")
    assert listed["data"]["rounds"]["nodes"] == [{"id": opened["id"]}]

    before = await footprint(graph)
    again = await close(client, headers, opened["id"], 1)
    assert refusal(again) == ("roundId", "ALREADY_CLOSED")
    assert await footprint(graph) == before


async def test_only_ideas_with_coins_win_and_a_comment_is_kept(graph, client, token_for):
    pm, (member, *_), area, (a, b, c) = await world(graph)
    opened = await open_round(client, token_for, pm, area, [a, b, c])
    await allocate(client, token_for(member["id"]), opened["id"], c["gid"], 5)
    await end_window(graph, opened["id"])
    payload = await close(client, token_for(pm["id"], "member", PM), opened["id"], 3, comment="Building it in Q3")
    assert [(w["rank"], w["idea"]["id"]) for w in payload["winners"]] == [(1, c["gid"])]
    (change,) = [row for row in await graph.read(CHANGES, id=c["id"]) if row["change"]["to"] == "IN_DEVELOPMENT"]
    assert change["change"]["comment"] == "Building it in Q3"
    statuses = {i["id"]: i["status"] for i in (await get_round(client, opened["id"]))["shortlist"]}
    assert statuses == {a["gid"]: "SHORTLISTED", b["gid"]: "SHORTLISTED", c["gid"]: "IN_DEVELOPMENT"}


async def test_close_round_refusals_write_nothing(graph, client, token_for):
    pm, (member, *_), area, shortlist = await world(graph)
    ended = await round_node(graph, area, shortlist, opens_at=now() - 20 * DAY, closes_at=now() - 6 * DAY)
    headers = token_for(pm["id"], "member", PM)
    before = await footprint(graph)
    past = (date.today() - timedelta(days=1)).isoformat()
    cases = [
        (dict(round_gid=ended["gid"], winners=0), ("winners", "BAD_USER_INPUT")),
        (dict(round_gid=ended["gid"], winners=4), ("winners", "BAD_USER_INPUT")),
        (dict(round_gid=ended["gid"], winners=1, release=past), ("expectedRelease", "BAD_USER_INPUT")),
        (dict(round_gid=ended["gid"], winners=1, comment="x" * 2001), ("comment", "BAD_USER_INPUT")),
        (dict(round_gid=gid("PrioritizationRound", {"id": "nope"}), winners=1), ("roundId", "NOT_FOUND")),
        (dict(round_gid="nope", winners=1), ("roundId", "BAD_USER_INPUT")),
    ]
    for args, expected in cases:
        assert refusal(await close(client, headers, **args)) == expected, args
    body = await gql(client, CLOSE, {"input": {"roundId": ended["gid"], "winners": 1, "expectedRelease": "2099-01-01"}},
                     headers=token_for(member["id"]))
    assert codes(body) == ["FORBIDDEN"]
    body = await gql(client, CLOSE, {"input": {"roundId": ended["gid"], "winners": 1, "expectedRelease": "2099-01-01"}})
    assert codes(body) == ["UNAUTHENTICATED"]
    assert await footprint(graph) == before
    # With nobody's coins on any idea, a round closes without winners.
    payload = await close(client, headers, ended["gid"], 2)
    assert payload["userErrors"] == [] and payload["winners"] == [] and payload["round"]["status"] == "CLOSED"


# -- round trips ---------------------------------------------------------------------------------


ROUNDS_PAGE = """query { rounds(first: 20) { totalCount nodes {
  id name status budget productArea { name } participantCount coinsAllocated viewerCoinsLeft
  shortlist { id title status coins }
  results { rank coins memberCount idea { id title } }
  winners { rank coins idea { id } }
  viewerAllocations { coins idea { id title } } } } }"""


async def _rounds_with_coins(graph, client, token_for, count: int):
    pm, people, area, shortlist = await world(graph, ideas=4)
    for n in range(count):
        opened = await open_round(client, token_for, pm, area, shortlist, name=f"Round {n + 1}")
        for member in people:
            await allocate(client, token_for(member["id"]), opened["id"], shortlist[n % 4]["gid"], 20)
    return people


async def test_a_page_of_rounds_with_shortlists_and_results_costs_a_fixed_number_of_round_trips(
        graph, client, token_for):
    people = await _rounds_with_coins(graph, client, token_for, 2)
    small = await gql(client, ROUNDS_PAGE, headers=token_for(people[0]["id"]))
    assert "errors" not in small, small
    await graph.write(_q("t", "MATCH (n) DETACH DELETE n"))
    people = await _rounds_with_coins(graph, client, token_for, 20)
    big = await gql(client, ROUNDS_PAGE, headers=token_for(people[0]["id"]))
    assert "errors" not in big, big
    nodes = big["data"]["rounds"]["nodes"]
    assert len(nodes) == 20 and all(len(n["shortlist"]) == 4 and n["coinsAllocated"] == 60 for n in nodes)
    assert all(n["viewerAllocations"][0]["coins"] == 20 for n in nodes)
    assert round_trips(big) == round_trips(small)
    # The page, its count, the tallies and the viewer's budgets (both with their ideas), the product areas.
    assert round_trips(big) == 5, round_trips(big)


async def test_a_rounds_results_cost_a_fixed_number_of_round_trips(graph, client, token_for):
    pm, people, area, _ = await world(graph, ideas=0)
    author = await factories.member(graph)
    many = await ideas_in(graph, author, area, 30)
    opened = await open_round(client, token_for, pm, area, many)
    for n, member in enumerate(people):
        for target in many[n::3][:5]:
            await allocate(client, token_for(member["id"]), opened["id"], target["gid"], 20)
    query = """query($id: ID!) { round(id: $id) { results { rank coins memberCount idea { id title coins } }
      winners { rank idea { id } } participantCount coinsAllocated } }"""
    body = await gql(client, query, {"id": opened["id"]})
    assert "errors" not in body, body
    results = body["data"]["round"]["results"]
    assert len(results) == 30 and sum(r["coins"] for r in results) == 300
    assert [r["rank"] for r in results] == list(range(1, 31))
    assert all(r["coins"] == r["idea"]["coins"] for r in results)
    # The round and its tallies (which bring the ideas along).
    assert round_trips(body) == 2, round_trips(body)
