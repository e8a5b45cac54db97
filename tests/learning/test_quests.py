"""Monthly quests: listing and filters, the open window, lookups, the viewer's progress (only
completions inside the window count), the viewer's quests of a month, and round-trip pins.

The helpers at the top (quests whose window has closed, quest completions written with the seed
writer's statement, raw reads of draws) are shared with test_quests_draw.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterable

from graph.cypher import Query
from graph.seed.writer import SeedWriter
from tests import factories
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as learning

Row = dict


# -- helpers (also used by test_quests_draw.py) -------------------------------------------------


def utc_now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def this_month() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m")


async def ended_quest(graph, *, month: str, requires: Iterable[Row] = (), days_ago: int = 10, **props) -> Row:
    """A quest of `month` whose 30-day window closed `days_ago` days ago."""
    ends = utc_now() - timedelta(days=days_ago)
    return await learning.quest(graph, month=month, requires=list(requires), starts_at=ends - timedelta(days=30),
                                ends_at=ends, **props)


async def open_quest(graph, *, requires: Iterable[Row] = (), **props) -> Row:
    """A quest of the current month whose window is open now (it opened 10 days ago, closes in 10)."""
    now = utc_now()
    return await learning.quest(graph, month=props.pop("month", this_month()), requires=list(requires),
                                starts_at=now - timedelta(days=10), ends_at=now + timedelta(days=10), **props)


async def enter(graph, pairs: Iterable[tuple[Row, Row]], *, at: datetime | None = None) -> None:
    """(Member)-[:COMPLETED {points: 0}]->(Quest) per (member, quest): one prize-draw entry each,
    at `at` (default: a minute before the quest's window closes). Written with the seed writer's
    completion statement, as the progress transactions' result would be."""
    rows = [{"memberId": m["id"], "targetId": q["id"], "targetKind": "QUEST",
             "at": at or q["endsAt"] - timedelta(minutes=1), "points": 0} for m, q in pairs]
    await SeedWriter(graph).completions(rows)


def _q(name: str, text: str) -> Query:
    return Query(name, text, "", __file__, 0)


_WITHDRAW = _q("test_withdraw_entry", """
MATCH (:Member {id: $memberId})-[c:COMPLETED]->(:Quest {id: $questId})
DELETE c
RETURN count(*) AS deleted""")

_COUNTS = _q("test_draw_counts", """
RETURN COUNT { MATCH (:PrizeDraw {month: $month}) } AS draws,
       COUNT { MATCH (:PrizeDraw {month: $month})-[:WON]->(:Member) } AS won""")

_WON = _q("test_won", """
MATCH (d:PrizeDraw {month: $month})-[w:WON]->(m:Member)
RETURN w.position AS position, w.prize AS prize, m.id AS memberId
ORDER BY position""")

_ENTRIES = _q("test_entries", """
MATCH (q:Quest {month: $month})<-[:COMPLETED]-(m:Member)
RETURN m.id AS memberId, q.id AS questId""")


async def withdraw(graph, member: Row, quest: Row) -> None:
    """Delete a member's quest completion behind the API's back (tampering with the entries)."""
    await graph.write(_WITHDRAW, memberId=member["id"], questId=quest["id"])


async def draw_counts(graph, month: str) -> tuple[int, int]:
    """(PrizeDraw nodes of the month, WON relationships from them)."""
    row = (await graph.read(_COUNTS, month=month))[0]
    return int(row["draws"]), int(row["won"])


async def won(graph, month: str) -> list[Row]:
    return await graph.read(_WON, month=month)


async def entries(graph, month: str) -> list[tuple[str, str]]:
    return [(r["memberId"], r["questId"]) for r in await graph.read(_ENTRIES, month=month)]


# -- listing --------------------------------------------------------------------------------------


LIST = """query($month: String, $openOnly: Boolean, $forRank: Int, $first: Int, $after: String) {
  quests(month: $month, openOnly: $openOnly, forRank: $forRank, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { title month isOpen offeredTo { minRank { name position } maxRank { name } minPosition maxPosition } } } }"""


async def _titles(client, **variables) -> list[str]:
    body = await gql(client, LIST, variables)
    assert "errors" not in body, body
    got = body["data"]["quests"]
    assert got["totalCount"] >= len(got["nodes"])
    return [n["title"] for n in got["nodes"]]


async def test_quests_list_newest_month_first_then_by_title_and_filter(graph, client):
    await learning.ranks(graph)
    await ended_quest(graph, month="2025-01", title="Beta")
    await ended_quest(graph, month="2025-01", title="Alpha")
    await ended_quest(graph, month="2025-02", title="Gamma", days_ago=5)
    await open_quest(graph, title="Now", min_rank=3, max_rank=5)

    assert await _titles(client) == ["Now", "Gamma", "Alpha", "Beta"]
    assert await _titles(client, month="2025-01") == ["Alpha", "Beta"]
    assert await _titles(client, openOnly=True) == ["Now"]
    assert await _titles(client, forRank=4) == ["Now", "Gamma", "Alpha", "Beta"]
    assert await _titles(client, forRank=2) == ["Gamma", "Alpha", "Beta"]
    assert await _titles(client, forRank=2, openOnly=True) == []

    body = await gql(client, LIST, {"first": 2})
    first = body["data"]["quests"]
    assert [n["title"] for n in first["nodes"]] == ["Now", "Gamma"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"]
    rest = await _titles(client, first=2, after=first["pageInfo"]["endCursor"])
    assert rest == ["Alpha", "Beta"]

    now, gamma = first["nodes"]
    assert now["isOpen"] is True and gamma["isOpen"] is False
    assert now["month"] == this_month() and gamma["month"] == "2025-02"
    assert now["offeredTo"] == {"minRank": {"name": "Explorer", "position": 3}, "maxRank": {"name": "Mountaineer"},
                                "minPosition": 3, "maxPosition": 5}


async def test_a_quest_whose_window_has_not_opened_is_not_open(graph, client):
    later = utc_now() + timedelta(days=3)
    await learning.quest(graph, month="2099-01", requires=[], starts_at=later, ends_at=later + timedelta(days=30),
                         title="Soon")
    body = await gql(client, "{ quests { nodes { title isOpen } } open: quests(openOnly: true) { totalCount } }")
    assert body["data"]["quests"]["nodes"] == [{"title": "Soon", "isOpen": False}]
    assert body["data"]["open"]["totalCount"] == 0


async def test_month_and_rank_arguments_are_checked(graph, client):
    for month in ("2025-13", "2025-1", "25-01", "2025-01-01", "' OR 1=1 //"):
        body = await gql(client, "query($m: String) { quests(month: $m) { totalCount } }", {"m": month})
        assert codes(body) == ["BAD_USER_INPUT"], month
        assert body["errors"][0]["extensions"]["field"] == "month"
    body = await gql(client, "{ quests(forRank: 0) { totalCount } }")
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "forRank"
    body = await gql(client, "{ quests(first: 101) { totalCount } }")
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, '{ prizeDraw(month: "2025-00") { seed } }')
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_a_quest_by_id_slug_and_node_with_requirements_badge_and_completions(graph, client):
    module = await learning.module(graph, title="Flow Basics")
    prerequisite = await learning.module(graph, title="Apex Basics")
    superbadge = await learning.superbadge(graph, requires=[prerequisite], title="Apex Specialist")
    quest = await ended_quest(graph, month="2025-03", requires=[superbadge, module], title="Spring Quest")
    fans = await factories.members(graph, 3)
    await enter(graph, [(fans[0], quest), (fans[1], quest)])

    fields = """title slug month completionCount badge { kind title availableFrom availableUntil }
                requirements { __typename ... on Module { title } ... on Superbadge { title } }"""
    by_slug = await gql(client, f"query($s: String!) {{ quest(slug: $s) {{ id {fields} }} }}", {"s": quest["slug"]})
    assert "errors" not in by_slug, by_slug
    got = by_slug["data"]["quest"]
    assert got["id"] == gid("Quest", quest)
    assert got["completionCount"] == 2
    assert got["badge"]["kind"] == "LIMITED_EDITION"
    assert got["badge"]["availableUntil"] == quest["endsAt"].isoformat()
    assert got["requirements"] == [{"__typename": "Superbadge", "title": "Apex Specialist"},
                                   {"__typename": "Module", "title": "Flow Basics"}]

    by_id = await gql(client, f"query($id: ID!) {{ quest(id: $id) {{ {fields} }} }}", {"id": gid("Quest", quest)})
    node = await gql(client, f"query($id: ID!) {{ node(id: $id) {{ __typename ... on Quest {{ {fields} }} }} }}",
                     {"id": gid("Quest", quest)})
    assert by_id["data"]["quest"] == {k: v for k, v in got.items() if k != "id"}
    assert node["data"]["node"] == {"__typename": "Quest", **by_id["data"]["quest"]}
    # The community subgraph knows the entity by its key; the learning one serves its fields.
    key = await gql(client, "query($id: ID!) { node(id: $id) { __typename id } }", {"id": gid("Quest", quest)},
                    path="/subgraphs/community/graphql")
    assert key["data"]["node"] == {"__typename": "Quest", "id": gid("Quest", quest)}
    entities = await gql(client, "query($r: [_Any!]!) { _entities(representations: $r) { ... on Quest { title } } }",
                         {"r": [{"__typename": "Quest", "id": gid("Quest", quest)},
                                {"__typename": "Quest", "id": "not-an-id"}]}, path="/subgraphs/learning/graphql")
    assert entities["data"]["_entities"] == [{"title": "Spring Quest"}, None]

    missing = await gql(client, 'query($id: ID!) { quest(id: $id) { title } }', {"id": gid("Quest", {"id": "gone"})})
    assert missing["data"]["quest"] is None and "errors" not in missing
    assert codes(await gql(client, "{ quest { title } }")) == ["BAD_USER_INPUT"]
    assert codes(await gql(client, 'query($id: ID!) { quest(id: $id, slug: "x") { title } }',
                           {"id": gid("Quest", quest)})) == ["BAD_USER_INPUT"]
    wrong = await gql(client, "query($id: ID!) { quest(id: $id) { title } }", {"id": gid("Module", module)})
    assert codes(wrong) == ["BAD_USER_INPUT"] and wrong["errors"][0]["extensions"]["field"] == "id"


# -- the viewer's progress ---------------------------------------------------------------------------


PROGRESS = """query($id: ID!) { quest(id: $id) { viewerProgress {
  completed completedAt requirementsDone requirementsTotal eligible
  done { __typename ... on Module { title } ... on Superbadge { title } }
  remaining { __typename ... on Module { title } ... on Superbadge { title } } } } }"""


async def test_viewer_progress_counts_only_completions_inside_the_window(graph, client, token_for):
    await learning.ranks(graph)
    early, inside, later = [await learning.module(graph, title=t) for t in ("A early", "B inside", "C later")]
    superbadge = await learning.superbadge(graph, requires=[inside], title="D superbadge")
    quest = await open_quest(graph, requires=[early, inside, later, superbadge])
    member = await factories.member(graph)
    headers = token_for(member["id"])

    await learning.complete_modules(graph, member, [early], at=quest["startsAt"] - timedelta(days=1))
    await learning.complete_modules(graph, member, [inside], at=quest["startsAt"] + timedelta(hours=1))
    body = await gql(client, PROGRESS, {"id": gid("Quest", quest)}, headers=headers)
    assert "errors" not in body, body
    progress = body["data"]["quest"]["viewerProgress"]
    assert progress == {
        "completed": False, "completedAt": None, "requirementsDone": 1, "requirementsTotal": 4, "eligible": True,
        "done": [{"__typename": "Module", "title": "B inside"}],
        "remaining": [{"__typename": "Module", "title": "A early"}, {"__typename": "Module", "title": "C later"},
                      {"__typename": "Superbadge", "title": "D superbadge"}],
    }

    await learning.complete_superbadge(graph, member, superbadge, at=quest["startsAt"] + timedelta(hours=2))
    await learning.complete_modules(graph, member, [later], at=quest["startsAt"] + timedelta(hours=3))
    body = await gql(client, PROGRESS, {"id": gid("Quest", quest)}, headers=headers)
    progress = body["data"]["quest"]["viewerProgress"]
    assert progress["requirementsDone"] == 3 and [r["title"] for r in progress["remaining"]] == ["A early"]
    assert progress["completed"] is False

    # Someone else's completions are not the viewer's; anonymous callers get no progress.
    other = await factories.member(graph)
    body = await gql(client, PROGRESS, {"id": gid("Quest", quest)}, headers=token_for(other["id"]))
    assert body["data"]["quest"]["viewerProgress"]["requirementsDone"] == 0
    body = await gql(client, PROGRESS, {"id": gid("Quest", quest)})
    assert body["data"]["quest"]["viewerProgress"] is None and "errors" not in body


async def test_viewer_progress_shows_a_completed_quest_and_eligibility_by_rank(graph, client, token_for):
    await learning.ranks(graph)
    module = await learning.module(graph)
    quest = await open_quest(graph, requires=[module])
    senior_only = await open_quest(graph, requires=[module], min_rank=2)
    member = await factories.member(graph)
    at = quest["startsAt"] + timedelta(days=1)
    await learning.complete_modules(graph, member, [module], at=at)
    await enter(graph, [(member, quest)], at=at)

    body = await gql(client, """query($a: ID!, $b: ID!) {
        a: quest(id: $a) { completionCount viewerProgress { completed completedAt requirementsDone eligible } }
        b: quest(id: $b) { viewerProgress { completed requirementsDone eligible } } }""",
                     {"a": gid("Quest", quest), "b": gid("Quest", senior_only)}, headers=token_for(member["id"]))
    assert "errors" not in body, body
    assert body["data"]["a"] == {"completionCount": 1, "viewerProgress": {
        "completed": True, "completedAt": at.isoformat(), "requirementsDone": 1, "eligible": True}}
    # Rank 1 (Scout) is not offered a quest from rank 2 up; the work done still shows.
    assert body["data"]["b"]["viewerProgress"] == {"completed": False, "requirementsDone": 1, "eligible": False}


async def test_a_signed_in_caller_without_a_profile_gets_no_progress(graph, client, token_for):
    quest = await open_quest(graph, requires=[])
    body = await gql(client, PROGRESS, {"id": gid("Quest", quest)}, headers=token_for("no-such-member"))
    assert "errors" not in body and body["data"]["quest"]["viewerProgress"] is None


# -- the viewer's quests of a month -------------------------------------------------------------------


VIEWER_QUESTS = """query($month: String) { viewer { quests(month: $month) { title month
  viewerProgress { requirementsDone requirementsTotal eligible } } } }"""


async def test_viewer_quests_are_the_months_quests_offered_to_their_rank(graph, client, token_for):
    await learning.ranks(graph)
    module = await learning.module(graph)
    await open_quest(graph, requires=[module], title="Open to all")
    await open_quest(graph, requires=[module], title="Rangers only", min_rank=7)
    await ended_quest(graph, month="2025-04", requires=[module], title="April")
    member = await factories.member(graph)
    headers = token_for(member["id"])
    await learning.complete_modules(graph, member, [module])

    body = await gql(client, VIEWER_QUESTS, {}, headers=headers)
    assert "errors" not in body, body
    assert body["data"]["viewer"]["quests"] == [{"title": "Open to all", "month": this_month(), "viewerProgress": {
        "requirementsDone": 1, "requirementsTotal": 1, "eligible": True}}]
    body = await gql(client, VIEWER_QUESTS, {"month": "2025-04"}, headers=headers)
    # Completed now, after April's window: it does not count for April.
    assert body["data"]["viewer"]["quests"] == [{"title": "April", "month": "2025-04", "viewerProgress": {
        "requirementsDone": 0, "requirementsTotal": 1, "eligible": True}}]
    assert (await gql(client, VIEWER_QUESTS, {"month": "2025-05"}, headers=headers))["data"]["viewer"]["quests"] == []

    bad = await gql(client, VIEWER_QUESTS, {"month": "April"}, headers=headers)
    assert codes(bad) == ["BAD_USER_INPUT"] and bad["errors"][0]["extensions"]["field"] == "month"


async def test_viewer_quests_are_only_on_viewer(graph, client, token_for):
    member, other = await factories.members(graph, 2)
    query = "query($h: String!) { member(handle: $h) { quests { title } } }"
    body = await gql(client, query, {"h": other["handle"]}, headers=token_for(member["id"]))
    assert codes(body) == ["FORBIDDEN"]
    body = await gql(client, query, {"h": other["handle"]})
    assert codes(body) == ["UNAUTHENTICATED"]
    body = await gql(client, query, {"h": member["handle"]}, headers=token_for(member["id"]))
    assert "errors" not in body and body["data"]["member"]["quests"] == []


# -- round trips ------------------------------------------------------------------------------------------


PAGE = """query($first: Int) { quests(first: $first) { totalCount nodes {
  title isOpen completionCount offeredTo { minRank { name } maxRank { name } }
  badge { title kind }
  requirements { __typename ... on Module { title badge { title } } ... on Superbadge { title badge { title } } }
  viewerProgress { completed requirementsDone requirementsTotal eligible
    done { ... on Module { title } ... on Superbadge { title } }
    remaining { ... on Module { title } ... on Superbadge { title } } } } } }"""


async def _quest_page(graph, count: int) -> tuple[Row, list[Row]]:
    await learning.ranks(graph)
    member = await factories.member(graph)
    quests = []
    for i in range(count):
        module = await learning.module(graph, units=1)
        superbadge = await learning.superbadge(graph, requires=[module])
        quest = await open_quest(graph, requires=[module, superbadge], title=f"Quest {i:02d}")
        if i % 2 == 0:
            await learning.complete_modules(graph, member, [module])
        if i == 0:
            await learning.complete_superbadge(graph, member, superbadge)
            await enter(graph, [(member, quest)])
        quests.append(quest)
    return member, quests


async def test_a_page_of_20_quests_with_requirements_badges_and_progress_costs_a_fixed_number_of_queries(
        graph, client, token_for):
    member, _ = await _quest_page(graph, 20)
    body = await gql(client, PAGE, {"first": 20}, headers=token_for(member["id"]))
    assert "errors" not in body, body
    nodes = body["data"]["quests"]["nodes"]
    assert len(nodes) == 20 and body["data"]["quests"]["totalCount"] == 20
    titles = [[r["title"] for r in n["requirements"]] for n in nodes]
    assert nodes[0]["viewerProgress"] == {"completed": True, "requirementsDone": 2, "requirementsTotal": 2,
                                          "eligible": True, "done": [{"title": t} for t in titles[0]], "remaining": []}
    assert nodes[2]["viewerProgress"] == {"completed": False, "requirementsDone": 1, "requirementsTotal": 2,
                                          "eligible": True, "done": [{"title": titles[2][0]}],
                                          "remaining": [{"title": titles[2][1]}]}
    assert nodes[1]["viewerProgress"]["requirementsDone"] == 0
    assert [n["completionCount"] for n in nodes] == [1] + [0] * 19
    assert all(n["badge"]["kind"] == "LIMITED_EDITION" and n["requirements"][1]["badge"] for n in nodes)
    # page, count, ladder, quest badges, completion counts, requirements, their badges, the viewer's
    # row and their progress: the same for 20 quests as for 2.
    assert round_trips(body) == 9, body["extensions"]
    small = await gql(client, PAGE, {"first": 2}, headers=token_for(member["id"]))
    assert round_trips(small) == round_trips(body)


async def test_the_viewers_quests_of_a_month_cost_a_fixed_number_of_queries(graph, client, token_for):
    member, _ = await _quest_page(graph, 12)
    query = """{ viewer { quests { title badge { title } requirements { ... on Module { title } }
        viewerProgress { requirementsDone done { ... on Module { title } } } } } }"""
    body = await gql(client, query, {}, headers=token_for(member["id"]))
    assert "errors" not in body, body
    assert len(body["data"]["viewer"]["quests"]) == 12
    assert round_trips(body) == 5, body["extensions"]
