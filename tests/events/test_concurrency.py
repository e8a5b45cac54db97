"""The capacity is never exceeded, even when 100 members RSVP at the same moment.

The main test runs the real server (`community-api serve`) in a child process attached to the
test session's engine and fires the RSVPs as concurrent HTTP requests, as clients would. The
in-process variant sends the same burst through the ASGI app on one event loop.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from graph.cypher import Query
from graph.errors import Conflict
from graph.events.repository import EventsRepository, RsvpResult
from tests import factories
from tests.events.helpers import RSVP
from tests.gql import gid
from tests.live_server import running_server

CAPACITY = 10
CROWD = 100
# Two worker processes: each queues its own requests to an event, and the two race in the database.
WORKERS = 2
TICKETS = Query("event_tickets", """MATCH (m:Member)-[r:RSVPED]->(:Event {id: $eventId})
RETURN m.id AS memberId, r.status AS status, r.ticket AS ticket""", "", "", 0)


@pytest.fixture(scope="module")
def server(session_graph, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app in its own process, sharing the test session's engine; stopped after the module."""
    # `session_graph` first: the engine is running and migrated before the server attaches to it.
    with running_server(data_dir, tmp_path_factory.mktemp("server") / "serve.log", workers=WORKERS) as base_url:
        yield base_url


async def _crowd(graph):
    leader = await factories.member(graph)
    (group,) = await factories.groups(graph, 1, leaders=[leader])
    (event,) = await factories.events(graph, group, 1, capacity=CAPACITY)
    people = await factories.members(graph, CROWD)
    return event, people


def _headers(token_for, member) -> dict[str, str]:
    return token_for(member["id"])


async def _burst(http: httpx.AsyncClient, token_for, event, people, status: str) -> list[dict]:
    """Every member of `people` answers at the same moment; returns each rsvp payload."""
    async def one(member):
        response = await http.post("/graphql", json={"query": RSVP, "variables": {"id": gid("Event", event),
                                                                                 "status": status}},
                                   headers=token_for(member["id"]))
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        return body["data"]["rsvp"]

    return list(await asyncio.gather(*(one(member) for member in people)))


async def _tickets(graph, event) -> dict[str, tuple[str, int | None]]:
    rows = await graph.read(TICKETS, eventId=event["id"])
    return {row["memberId"]: (row["status"], row["ticket"]) for row in rows}


async def _assert_capacity_held(graph, http, token_for, event, people) -> None:
    answers = await _burst(http, token_for, event, people, "GOING")
    statuses = [a["rsvp"]["status"] for a in answers]
    assert statuses.count("GOING") == CAPACITY and statuses.count("WAITLISTED") == CROWD - CAPACITY
    assert all(a["userErrors"] == [] for a in answers)
    tickets = await _tickets(graph, event)
    going = [m for m, (status, _) in tickets.items() if status == "GOING"]
    waiting = sorted((ticket, m) for m, (status, ticket) in tickets.items() if status == "WAITLISTED")
    assert len(going) == CAPACITY and len(waiting) == CROWD - CAPACITY
    assert len({ticket for ticket, _ in waiting}) == CROWD - CAPACITY and all(t >= 1 for t, _ in waiting)
    assert await EventsRepository(graph).event_counter_mismatches() == []

    # Five going members cancel at the same moment: the five lowest tickets get their places.
    by_id = {p["id"]: p for p in people}
    leaving = [by_id[m] for m in going[:5]]
    cancelled = await _burst(http, token_for, event, leaving, "NOT_GOING")
    assert [c["rsvp"]["status"] for c in cancelled] == ["NOT_GOING"] * 5
    after = await _tickets(graph, event)
    promoted = {m for _, m in waiting[:5]}
    assert {m for m, (status, _) in after.items() if status == "GOING"} == set(going[5:]) | promoted
    assert sorted((t, m) for m, (s, t) in after.items() if s == "WAITLISTED") == waiting[5:]
    assert await EventsRepository(graph).event_counter_mismatches() == []
    body = (await http.post("/graphql", json={"query": "query($id: ID!) { event(id: $id) { goingCount waitlistCount "
                                                        "attendees(status: WAITLISTED, first: 1) { nodes { id } } } }",
                                              "variables": {"id": gid("Event", event)}})).json()
    assert body["data"]["event"]["goingCount"] == CAPACITY
    assert body["data"]["event"]["waitlistCount"] == CROWD - CAPACITY - 5
    assert body["data"]["event"]["attendees"]["nodes"] == [{"id": gid("Member", {"id": waiting[5][1]})}]


@pytest.mark.slow
async def test_a_hundred_simultaneous_rsvps_over_http_never_exceed_the_capacity(graph, server, token_for):
    event, people = await _crowd(graph)
    limits = httpx.Limits(max_connections=CROWD, max_keepalive_connections=CROWD)
    async with httpx.AsyncClient(base_url=server, timeout=120, limits=limits) as http:
        await _assert_capacity_held(graph, http, token_for, event, people)


@pytest.mark.slow
async def test_a_hundred_simultaneous_rsvps_in_process_never_exceed_the_capacity(graph, client, token_for):
    event, people = await _crowd(graph)
    await _assert_capacity_held(graph, client, token_for, event, people)


@pytest.mark.slow
async def test_the_guarded_writes_alone_hold_the_capacity_without_the_in_process_queue(graph):
    """The database keeps the rules by itself: a hundred unqueued RSVP transactions at once.

    A transaction that keeps losing the race leaves with Conflict (and wrote nothing); the rules
    must hold after every round, and the losers simply ask again, as a client would.
    """
    event, people = await _crowd(graph)
    repository = EventsRepository(graph)
    pending, answered = list(people), {}
    for _ in range(5):
        results = await asyncio.gather(*(repository.rsvp(p["id"], event["id"], "GOING") for p in pending),
                                       return_exceptions=True)
        for member, result in zip(pending, results):
            if isinstance(result, Conflict):
                continue
            assert isinstance(result, RsvpResult), result
            answered[member["id"]] = result.status
        assert await repository.event_counter_mismatches() == []
        pending = [p for p in pending if p["id"] not in answered]
        if not pending:
            break
    assert pending == []
    statuses = list(answered.values())
    assert statuses.count("GOING") == CAPACITY and statuses.count("WAITLISTED") == CROWD - CAPACITY
    tickets = await _tickets(graph, event)
    waiting = [ticket for status, ticket in tickets.values() if status == "WAITLISTED"]
    assert len(set(waiting)) == CROWD - CAPACITY


async def test_one_member_answering_differently_at_once_keeps_one_rsvp(graph):
    """No queue and no counter to guard: INTERESTED and NOT_GOING at once still leave one RSVP.

    Two transactions creating the same member's RSVP to one event conflict on the engine (both
    change the two nodes' relationship lists) and, on Neo4j, queue on the event's write lock.
    """
    event, people = await _crowd(graph)
    member = people[0]
    repository = EventsRepository(graph)
    for _ in range(3):
        results = await asyncio.gather(*(repository.rsvp(member["id"], event["id"], status)
                                         for status in ("INTERESTED", "NOT_GOING") * 5), return_exceptions=True)
        assert all(isinstance(r, (RsvpResult, Conflict)) for r in results), results
        assert await repository.event_counter_mismatches() == []


async def test_the_consistency_check_reports_a_second_rsvp(graph):
    event, people = await _crowd(graph)
    await factories.rsvps(graph, [(people[0], event, "INTERESTED"), (people[0], event, "NOT_GOING")])
    assert [row["id"] for row in await EventsRepository(graph).event_counter_mismatches()] == [event["id"]]
