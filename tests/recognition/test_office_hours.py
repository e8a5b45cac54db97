"""MVPs hold office hours (DOMAIN): creating an OFFICE_HOURS event, or turning an event into one,
takes a current MVP term (or the admin role) besides leading the hosting group; anyone else gets
NOT_AN_MVP on `kind` and nothing is written."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from tests import factories as f
from tests.events.helpers import CREATE, UPDATE, create_event, event_input
from tests.gql import codes, gql

# An MVP term as graph/MODEL.md ("Recognition") has it: the member HAS_TERM, the term is IN_CYCLE
# of its year's MvpCycle (created here when the year has none).
MVP_TERM = Query("test_mvp_term", """MERGE (c:MvpCycle {year: $year})
ON CREATE SET c.id = $cycleId, c.opensAt = datetime({epochMillis: $opensAt}),
              c.closesAt = datetime({epochMillis: $closesAt}), c.createdAt = datetime(), c.openedBy = $memberId
WITH c
MATCH (m:Member {id: $memberId})
CREATE (m)-[:HAS_TERM]->(t:MvpTerm {id: $termId, key: $key, year: $year})
SET t.startsAt = datetime({epochMillis: $startsAt}), t.endsAt = datetime({epochMillis: $endsAt}),
    t.decidedAt = datetime({epochMillis: $startsAt})
CREATE (t)-[:IN_CYCLE]->(c)""", "", __file__, 0)
EVENTS = Query("test_events_by_kind", "MATCH (e:Event) RETURN e.title AS title, e.kind AS kind ORDER BY e.title",
               "", __file__, 0)


def _ms(value: datetime) -> int:
    return int(value.timestamp() * 1000)


async def mvp_term(graph, member: dict, *, starts: datetime, ends: datetime) -> None:
    """Give `member` an MVP term from `starts` to `ends` (its year is the start's)."""
    year = starts.year
    await graph.write(MVP_TERM, year=year, cycleId=str(uuid.uuid4()), termId=str(uuid.uuid4()),
                      key=f"{year}:{member['id']}", memberId=member["id"],
                      opensAt=_ms(starts - timedelta(days=60)), closesAt=_ms(starts - timedelta(days=30)),
                      startsAt=_ms(starts), endsAt=_ms(ends))


async def _leader_and_group(graph):
    leader = await f.member(graph)
    (group,) = await f.groups(graph, 1, leaders=[leader])
    return leader, group


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


async def test_a_current_mvp_creates_office_hours(graph, client, token_for):
    leader, group = await _leader_and_group(graph)
    now = _now()
    await mvp_term(graph, leader, starts=now - timedelta(days=100), ends=now + timedelta(days=265))
    event = await create_event(client, token_for(leader["id"]), group, kind="OFFICE_HOURS", title="Ask an MVP")
    assert event["kind"] == "OFFICE_HOURS"
    assert await graph.read(EVENTS) == [{"title": "Ask an MVP", "kind": "OFFICE_HOURS"}]


async def test_an_admin_creates_office_hours_without_a_term(graph, client, token_for):
    leader, group = await _leader_and_group(graph)
    event = await create_event(client, token_for(leader["id"], "member", "admin"), group, kind="OFFICE_HOURS")
    assert event["kind"] == "OFFICE_HOURS"


async def test_office_hours_are_refused_without_a_current_term_and_nothing_is_written(graph, client, token_for):
    now = _now()
    never, group = await _leader_and_group(graph)
    expired, past_group = await _leader_and_group(graph)
    await mvp_term(graph, expired, starts=now - timedelta(days=400), ends=now - timedelta(days=35))
    future, future_group = await _leader_and_group(graph)
    await mvp_term(graph, future, starts=now + timedelta(days=10), ends=now + timedelta(days=375))
    for leader, hosting, roles in ((never, group, ("member",)), (expired, past_group, ("member",)),
                                   (future, future_group, ("member", "product_manager", "recruiter"))):
        body = await gql(client, CREATE, {"input": event_input(hosting, kind="OFFICE_HOURS")},
                         headers=token_for(leader["id"], *roles))
        payload = body["data"]["createEvent"]
        assert payload["event"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("kind", "NOT_AN_MVP")], payload
    assert await graph.read(EVENTS) == []
    # Other kinds need no term.
    meetup = await create_event(client, token_for(never["id"]), group, kind="MEETUP")
    assert meetup["kind"] == "MEETUP"


async def test_not_an_mvp_is_reported_with_the_other_input_errors(graph, client, token_for):
    leader, group = await _leader_and_group(graph)
    body = await gql(client, CREATE, {"input": event_input(group, kind="OFFICE_HOURS", title="No")},
                     headers=token_for(leader["id"]))
    errors = {(e["field"], e["code"]) for e in body["data"]["createEvent"]["userErrors"]}
    assert errors == {("title", "BAD_USER_INPUT"), ("kind", "NOT_AN_MVP")}
    assert await graph.read(EVENTS) == []


async def test_mvps_and_admins_still_need_to_lead_the_hosting_group(graph, client, token_for):
    _, group = await _leader_and_group(graph)
    mvp = await f.member(graph)
    now = _now()
    await mvp_term(graph, mvp, starts=now - timedelta(days=1), ends=now + timedelta(days=364))
    for headers in (token_for(mvp["id"]), token_for(mvp["id"], "member", "admin")):
        body = await gql(client, CREATE, {"input": event_input(group, kind="OFFICE_HOURS")}, headers=headers)
        assert codes(body) == ["FORBIDDEN"]
    assert await graph.read(EVENTS) == []


async def test_turning_an_event_into_office_hours_takes_a_current_mvp(graph, client, token_for):
    leader, group = await _leader_and_group(graph)
    co_leader = await f.member(graph)
    await f.memberships(graph, [(co_leader, group, "LEADER")])
    event = await create_event(client, token_for(leader["id"]), group, kind="MEETUP", title="Monthly meetup")

    refused = await gql(client, UPDATE, {"input": {"eventId": event["id"], "kind": "OFFICE_HOURS", "title": "Ask us"}},
                        headers=token_for(leader["id"]))
    payload = refused["data"]["updateEvent"]
    assert payload["event"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("kind", "NOT_AN_MVP")]
    assert await graph.read(EVENTS) == [{"title": "Monthly meetup", "kind": "MEETUP"}]

    now = _now()
    await mvp_term(graph, leader, starts=now - timedelta(days=5), ends=now + timedelta(days=360))
    changed = await gql(client, UPDATE, {"input": {"eventId": event["id"], "kind": "OFFICE_HOURS"}},
                        headers=token_for(leader["id"]))
    assert changed["data"]["updateEvent"]["userErrors"] == []
    assert await graph.read(EVENTS) == [{"title": "Monthly meetup", "kind": "OFFICE_HOURS"}]

    # Already OFFICE_HOURS: a co-leader who is no MVP may still edit it, the kind included unchanged.
    edited = await gql(client, UPDATE, {"input": {"eventId": event["id"], "title": "Office hours", "kind": "OFFICE_HOURS"}},
                       headers=token_for(co_leader["id"]))
    assert edited["data"]["updateEvent"]["userErrors"] == []
    assert await graph.read(EVENTS) == [{"title": "Office hours", "kind": "OFFICE_HOURS"}]
    back = await gql(client, UPDATE, {"input": {"eventId": event["id"], "kind": "WEBINAR"}},
                     headers=token_for(co_leader["id"]))
    assert back["data"]["updateEvent"]["userErrors"] == []
    assert await graph.read(EVENTS) == [{"title": "Office hours", "kind": "WEBINAR"}]


async def test_an_admin_turns_an_event_into_office_hours(graph, client, token_for):
    leader, group = await _leader_and_group(graph)
    event = await create_event(client, token_for(leader["id"]), group, kind="WEBINAR", title="Webinar")
    body = await gql(client, UPDATE, {"input": {"eventId": event["id"], "kind": "OFFICE_HOURS"}},
                     headers=token_for(leader["id"], "member", "admin"))
    assert body["data"]["updateEvent"]["userErrors"] == []
    assert await graph.read(EVENTS) == [{"title": "Webinar", "kind": "OFFICE_HOURS"}]
