"""completeUnit hit concurrently against the running app: the ledger still awards everything once.

The real server (`python -m schema.cli serve --workers 2`) runs in a child process attached to the
test session's engine, as in tests/events/test_concurrency.py; two workers means requests of one
member race in the database (each worker queues its own), not only on one event loop.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from graph.errors import Conflict
from graph.learning.progress import Completion, ProgressRepository
from tests import factories as f
from tests.gql import gid
from tests.learning import factories as lf
from tests.learning.progress_helpers import COMPLETE_UNIT, assert_consistent, ledger
from tests.live_server import running_server

WORKERS = 2
MEMBERS = 4
REPEATS = 5  # every request is sent this many times at once


@pytest.fixture(scope="module")
def server(session_graph, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app in its own process, sharing the test session's engine; stopped after the module."""
    with running_server(data_dir, tmp_path_factory.mktemp("progress-server") / "serve.log",
                        workers=WORKERS) as base_url:
        yield base_url


async def _send(http: httpx.AsyncClient, headers: dict[str, str], unit: dict) -> dict:
    response = await http.post("/graphql", json={"query": COMPLETE_UNIT, "variables": {"id": gid("Unit", unit)}},
                               headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    payload = body["data"]["completeUnit"]
    assert payload["userErrors"] == [], payload
    return payload


@pytest.mark.slow
async def test_concurrent_completions_over_http_keep_the_ledger_exact(graph, server, token_for):
    await lf.ranks(graph)
    members = await f.members(graph, MEMBERS)
    modules = [await lf.module(graph, units=3, points=2_000 + 500 * i) for i in range(3)]
    units = [u for m in modules for u in m["units"]]
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)

    async with httpx.AsyncClient(base_url=server, timeout=120, limits=limits) as http:
        answers = await asyncio.gather(*(_send(http, token_for(m["id"]), u)
                                         for m in members for u in units for _ in range(REPEATS)))

    per_unit = sum(u["points"] for u in units)
    assert sum(a["pointsAwarded"] for a in answers) == per_unit * MEMBERS
    assert sum(a["alreadyCompleted"] is False for a in answers) == len(units) * MEMBERS
    assert sum(len(a["badgesEarned"]) for a in answers) == len(modules) * MEMBERS
    for member in members:
        state = await ledger(graph, member)
        assert state["points"] == state["recomputed"] == per_unit
        assert state["completed"] == {**{u["id"]: 1 for u in units}, **{m["id"]: 1 for m in modules}}
        assert state["earned"] == {m["badge"]["id"]: 1 for m in modules} and state["badgeCount"] == 3
        # 3 badges and 22,500 points: Hiker needs 5 badges, so everyone is still a Scout.
        assert state["rank"] == 1 and state["reached"] == []
    await assert_consistent(graph)


async def test_the_transaction_alone_awards_once_without_the_in_process_queue(graph):
    """The database keeps the rule by itself: twenty unqueued transactions of one member at once.

    A transaction that keeps losing the race leaves with Conflict (having written nothing); the
    ledger must hold after every round, and the losers ask again, as a client would.
    """
    await lf.ranks(graph)
    member = await f.member(graph)
    module = await lf.module(graph, units=2, points=700)
    repository = ProgressRepository(graph)
    pending = [u for u in module["units"] for _ in range(10)]
    awarded = 0
    for _ in range(5):
        results = await asyncio.gather(*(repository.complete_unit(member["id"], u["id"]) for u in pending),
                                       return_exceptions=True)
        assert all(isinstance(r, (Completion, Conflict)) for r in results), results
        awarded += sum(r.points for r in results if isinstance(r, Completion))
        pending = [u for u, r in zip(pending, results) if isinstance(r, Conflict)]
        state = await ledger(graph, member)
        assert state["points"] == state["recomputed"] == awarded
        await assert_consistent(graph)
        if not pending:
            break
    assert pending == []
    state = await ledger(graph, member)
    assert awarded == 1_400 and state["earned"] == {module["badge"]["id"]: 1}
    assert state["completed"] == {**{u["id"]: 1 for u in module["units"]}, module["id"]: 1}
