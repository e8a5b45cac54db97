"""The coin budget holds under concurrency: a member never holds more than the round's 100 coins,
their CoinBudget's `spent` always equals their ALLOCATED coins, and every idea's `coins` equals its
ALLOCATED sum, even when 50 allocations of one member arrive at the same moment; and a round closes
once, however many product managers close it at once.

The main tests run the real server (`community-api serve --workers 2`) in a child process attached
to the test session's engine and fire the requests as concurrent HTTP requests, as clients would:
each worker queues its own requests of one member, and the two workers race in the database. The
in-process variants send the same bursts through the ASGI app; the repository variant sends
unqueued transactions straight to the database.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from graph.cypher import Query
from graph.errors import Conflict
from graph.ideas.rounds import CoinsResult, Refused, RoundsRepository
from tests import factories
from tests.ideas.test_rounds import (ALLOCATE, CLOSE, DAY, PM, end_window, ideas_in, now, open_round,
                                     round_node)
from tests.live_server import running_server

WORKERS = 2
BURST = 50
# 50 allocations of 5, 20 and 50 coins: 850 coins asked for, at most 100 granted.
STEPS = [(5, 20, 50)[n % 3] for n in range(BURST)]
LEDGER = Query("test_rounds_ledger", """MATCH (b:CoinBudget {key: $key})
RETURN b.spent AS spent,
  COUNT { MATCH (:Member)-[:HAS_BUDGET]->(b) } AS owners,
  COUNT { MATCH (b)-[:FOR_ROUND]->(:PrioritizationRound) } AS rounds,
  COUNT { MATCH (c:CoinBudget) WHERE c.key = $key } AS budgets,
  COLLECT { MATCH (:Member {id: $memberId})-[a:ALLOCATED]->(i:Idea) WHERE a.roundId = $roundId
            RETURN a.coins } AS allocations""", "", __file__, 0)
IDEA_COINS = Query("test_rounds_idea_coins", "UNWIND $ids AS id MATCH (i:Idea {id: id}) RETURN sum(i.coins) AS coins",
                   "", __file__, 0)
CLOSE_STATE = Query("test_rounds_close_state", """MATCH (r:PrioritizationRound {id: $id})
RETURN r.closedAt IS NOT NULL AS closed,
  COUNT { MATCH (r)-[:SELECTED]->(:Idea) } AS selected,
  COUNT { MATCH (c:IdeaStatusChange) WHERE c.to = 'IN_DEVELOPMENT' } AS moved""", "", __file__, 0)


@pytest.fixture(scope="module")
def server(session_graph, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app in its own process, sharing the test session's engine; stopped after the module."""
    with running_server(data_dir, tmp_path_factory.mktemp("rounds-server") / "serve.log",
                        workers=WORKERS) as base_url:
        yield base_url


async def _open(graph, ideas: int = 3):
    """An open round (written directly: its window opened a minute ago) on `ideas` new ideas."""
    pm, member = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    author = await factories.member(graph)
    shortlist = await ideas_in(graph, author, area, ideas)
    opened = await round_node(graph, area, shortlist, opens_at=now() - timedelta(minutes=1),
                              closes_at=now() + 14 * DAY)
    return pm, member, area, shortlist, opened


async def _send(http: httpx.AsyncClient, document: str, variables: dict, headers: dict) -> dict:
    response = await http.post("/graphql", json={"query": document, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def _assert_budget_held(graph, http: httpx.AsyncClient, token_for) -> None:
    _, member, _, shortlist, opened = await _open(graph)
    headers = token_for(member["id"])
    requests = [(shortlist[n % len(shortlist)], coins) for n, coins in enumerate(STEPS)]
    answers = await asyncio.gather(*(
        _send(http, ALLOCATE, {"input": {"roundId": opened["gid"], "ideaId": target["gid"], "coins": coins}}, headers)
        for target, coins in requests))
    payloads = [a["allocateCoins"] for a in answers]

    granted = [coins for (_, coins), p in zip(requests, payloads) if p["userErrors"] == []]
    refused = [(coins, p["userErrors"]) for (_, coins), p in zip(requests, payloads) if p["userErrors"]]
    assert all([e["code"] for e in errors] == ["BUDGET_EXCEEDED"] for _, errors in refused), refused
    ledger = (await graph.read(LEDGER, key=f"{opened['id']}:{member['id']}", memberId=member["id"],
                               roundId=opened["id"]))[0]
    spent = ledger["spent"]
    assert spent <= 100 and spent == sum(granted) == sum(ledger["allocations"])
    assert ledger["budgets"] == 1 and ledger["owners"] == 1 and ledger["rounds"] == 1
    assert len(ledger["allocations"]) <= len(shortlist)  # one allocation per idea, however many requests
    # Only what no longer fitted was refused: spent only grows, so every refused step exceeded
    # what was left at the end.
    assert all(coins > 100 - spent for coins, _ in refused), (spent, refused)
    assert min(p["coinsLeft"] for p in payloads if p["coinsLeft"] is not None) == 100 - spent
    assert (await graph.read(IDEA_COINS, ids=[i["id"] for i in shortlist]))[0]["coins"] == spent
    assert await RoundsRepository(graph).budget_mismatches() == []


@pytest.mark.slow
async def test_fifty_simultaneous_allocations_over_http_never_exceed_the_budget(graph, server, token_for):
    limits = httpx.Limits(max_connections=BURST, max_keepalive_connections=BURST)
    async with httpx.AsyncClient(base_url=server, timeout=120, limits=limits) as http:
        await _assert_budget_held(graph, http, token_for)


@pytest.mark.slow
async def test_fifty_simultaneous_allocations_in_process_never_exceed_the_budget(graph, client, token_for):
    await _assert_budget_held(graph, client, token_for)


async def _many_on_one_idea(graph, http: httpx.AsyncClient, token_for, crowd: int) -> None:
    _, _, _, shortlist, opened = await _open(graph, ideas=2)
    people = await factories.members(graph, crowd)
    target = shortlist[1]
    answers = await asyncio.gather(*(
        _send(http, ALLOCATE, {"input": {"roundId": opened["gid"], "ideaId": target["gid"], "coins": coins}},
              token_for(member["id"]))
        for member in people for coins in (5, 20)))
    assert all(a["allocateCoins"]["userErrors"] == [] for a in answers), answers
    assert (await graph.read(IDEA_COINS, ids=[target["id"]]))[0]["coins"] == 25 * crowd
    body = await _send(http, "query($id: ID!) { round(id: $id) { coinsAllocated participantCount "
                             "results { idea { id coins } coins memberCount } } }", {"id": opened["gid"]}, {})
    board = body["round"]
    assert board["coinsAllocated"] == 25 * crowd and board["participantCount"] == crowd
    assert board["results"][0] == {"idea": {"id": target["gid"], "coins": 25 * crowd}, "coins": 25 * crowd,
                                   "memberCount": crowd}
    assert await RoundsRepository(graph).budget_mismatches() == []


@pytest.mark.slow
async def test_many_members_on_one_idea_over_http_give_exact_coins(graph, server, token_for):
    limits = httpx.Limits(max_connections=60, max_keepalive_connections=60)
    async with httpx.AsyncClient(base_url=server, timeout=120, limits=limits) as http:
        await _many_on_one_idea(graph, http, token_for, crowd=25)


async def test_many_members_on_one_idea_in_process_give_exact_coins(graph, client, token_for):
    await _many_on_one_idea(graph, client, token_for, crowd=20)


async def test_the_guarded_write_alone_holds_the_budget_without_the_in_process_queue(graph):
    """The database keeps the rule by itself: thirty unqueued transactions of one member at once.

    A transaction that keeps losing the race leaves with Conflict (having written nothing); the
    invariants must hold after every round, and the losers ask again, as a client would.
    """
    _, member, _, shortlist, opened = await _open(graph)
    repository = RoundsRepository(graph)
    pending = [(shortlist[n % 3]["id"], coins) for n, coins in enumerate(STEPS[:30])]
    granted: list[int] = []
    for _ in range(5):
        results = await asyncio.gather(*(repository.allocate(round_id=opened["id"], idea_id=idea_id,
                                                             member_id=member["id"], coins=coins)
                                          for idea_id, coins in pending), return_exceptions=True)
        retry = []
        for request, result in zip(pending, results):
            if isinstance(result, Conflict):
                retry.append(request)
                continue
            assert isinstance(result, (CoinsResult, Refused)), result
            if isinstance(result, CoinsResult):
                granted.append(result.moved)
            else:
                assert result.code == "BUDGET_EXCEEDED"
        assert await repository.budget_mismatches() == []
        pending = retry
        if not pending:
            break
    assert pending == []
    budget = (await repository.member_budgets(member["id"], [opened["id"]]))[opened["id"]]
    assert budget.spent == sum(granted) <= 100


async def _assert_closes_once(graph, http: httpx.AsyncClient, token_for, callers: int) -> None:
    pm, member, _, shortlist, opened = await _open(graph)
    me = token_for(member["id"])
    for target, coins in ((shortlist[0], 50), (shortlist[2], 20)):
        data = await _send(http, ALLOCATE, {"input": {"roundId": opened["gid"], "ideaId": target["gid"],
                                                      "coins": coins}}, me)
        assert data["allocateCoins"]["userErrors"] == []
    await end_window(graph, opened["gid"])
    release = (now() + 90 * DAY).date().isoformat()
    answers = await asyncio.gather(*(
        _send(http, CLOSE, {"input": {"roundId": opened["gid"], "winners": 2, "expectedRelease": release}},
              token_for(pm["id"], "member", PM))
        for _ in range(callers)))
    payloads = [a["closeRound"] for a in answers]
    closed = [p for p in payloads if p["userErrors"] == []]
    assert len(closed) == 1, payloads
    assert [[e["code"] for e in p["userErrors"]] for p in payloads if p["userErrors"]] == \
        [["ALREADY_CLOSED"]] * (callers - 1)
    assert [w["idea"]["id"] for w in closed[0]["winners"]] == [shortlist[0]["gid"], shortlist[2]["gid"]]
    state = (await graph.read(CLOSE_STATE, id=opened["id"]))[0]
    assert state == {"closed": True, "selected": 2, "moved": 2}


@pytest.mark.slow
async def test_simultaneous_close_round_over_http_closes_once(graph, server, token_for):
    async with httpx.AsyncClient(base_url=server, timeout=120) as http:
        await _assert_closes_once(graph, http, token_for, callers=6)


async def test_simultaneous_close_round_in_process_closes_once(graph, client, token_for):
    await _assert_closes_once(graph, client, token_for, callers=6)


async def test_open_round_through_the_api_then_a_burst_keeps_the_budget(graph, client, token_for):
    """The round opened by openRound (not written directly) behaves the same under a burst."""
    pm, member = await factories.members(graph, 2)
    (area,) = await factories.topics(graph, 1)
    shortlist = await ideas_in(graph, await factories.member(graph), area, 2)
    opened = await open_round(client, token_for, pm, area, shortlist)
    answers = await asyncio.gather(*(
        _send(client, ALLOCATE, {"input": {"roundId": opened["id"], "ideaId": shortlist[n % 2]["gid"], "coins": 20}},
              token_for(member["id"]))
        for n in range(10)))
    assert sum(a["allocateCoins"]["userErrors"] == [] for a in answers) == 5
    assert await RoundsRepository(graph).budget_mismatches() == []
