"""Job fairs: recruiters make their company exhibit (idempotent, also under concurrent requests),
only at JOB_FAIR events that have not ended; `jobFair` lists the exhibitors and their open jobs."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from graph.seed.writer import SeedWriter
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql

EXHIBIT = """mutation($event: ID!, $company: ID!) { exhibitAtJobFair(input: {eventId: $event, companyId: $company}) {
  jobFair { event { id title kind } companies(first: 10) { totalCount nodes { id } } } company { id name }
  userErrors { field code message } } }"""
WITHDRAW = """mutation($event: ID!, $company: ID!) {
  withdrawFromJobFair(input: {eventId: $event, companyId: $company}) {
    jobFair { companies(first: 10) { totalCount } } company { id } userErrors { field code } } }"""
FAIR = """query($id: ID!) { jobFair(eventId: $id) { event { id kind }
  companies(first: 10) { totalCount edges { exhibitingSince node { id name } } }
  jobs(first: 10) { totalCount nodes { id title company { name } } } } }"""
EXHIBITS = Query("test_exhibits", """MATCH (c:Company)-[x:EXHIBITS_AT]->(e:Event)
RETURN c.id AS companyId, e.id AS eventId, x.since AS since ORDER BY c.id""", "", __file__, 0)


async def fair_event(graph, **props):
    leader = await f.member(graph)
    (group,) = await f.groups(graph, 1, leaders=[leader])
    (event,) = await f.events(graph, group, 1, kind="JOB_FAIR", **props)
    return event


def _recruiter_headers(token_for, recruiter):
    return token_for(recruiter["id"], "member", "recruiter")


async def test_a_recruiter_makes_the_company_exhibit_once_and_withdraws(graph, client, token_for):
    fair = await fair_event(graph)
    recruiter = await cf.recruiter(graph)
    company = recruiter["company"]
    variables = {"event": gid("Event", fair), "company": gid("Company", company)}
    body = await gql(client, EXHIBIT, variables, headers=_recruiter_headers(token_for, recruiter))
    payload = body["data"]["exhibitAtJobFair"]
    assert payload["userErrors"] == [], payload
    assert payload["jobFair"]["event"] == {"id": gid("Event", fair), "title": fair["title"], "kind": "JOB_FAIR"}
    assert payload["jobFair"]["companies"] == {"totalCount": 1, "nodes": [{"id": gid("Company", company)}]}
    assert payload["company"] == {"id": gid("Company", company), "name": company["name"]}
    first = await graph.read(EXHIBITS)
    again = await gql(client, EXHIBIT, variables, headers=_recruiter_headers(token_for, recruiter))
    assert again["data"]["exhibitAtJobFair"]["userErrors"] == []
    assert await graph.read(EXHIBITS) == first  # idempotent: same relationship, same `since`

    withdrawn = await gql(client, WITHDRAW, variables, headers=_recruiter_headers(token_for, recruiter))
    assert withdrawn["data"]["withdrawFromJobFair"] == {"jobFair": {"companies": {"totalCount": 0}},
                                                        "company": {"id": gid("Company", company)}, "userErrors": []}
    assert await graph.read(EXHIBITS) == []
    twice = await gql(client, WITHDRAW, variables, headers=_recruiter_headers(token_for, recruiter))
    assert twice["data"]["withdrawFromJobFair"]["userErrors"] == []
    assert (await SeedWriter(graph).counter_mismatches())["careers"] == 0


async def test_concurrent_exhibit_requests_leave_one_exhibitor_relationship(graph, client, token_for):
    fair = await fair_event(graph)
    recruiter = await cf.recruiter(graph)
    second = await cf.recruiter(graph, recruiter["company"])
    variables = {"event": gid("Event", fair), "company": gid("Company", recruiter["company"])}
    bodies = await asyncio.gather(*(gql(client, EXHIBIT, variables, headers=_recruiter_headers(token_for, r))
                                    for r in (recruiter, second) * 5))
    assert all(b["data"]["exhibitAtJobFair"]["userErrors"] == [] for b in bodies), bodies
    assert len(await graph.read(EXHIBITS)) == 1
    bodies = await asyncio.gather(*(gql(client, WITHDRAW, variables, headers=_recruiter_headers(token_for, r))
                                    for r in (recruiter, second) * 5))
    assert all(b["data"]["withdrawFromJobFair"]["userErrors"] == [] for b in bodies), bodies
    assert await graph.read(EXHIBITS) == []


async def test_only_job_fairs_that_have_not_ended_take_exhibitors(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = _recruiter_headers(token_for, recruiter)
    company = gid("Company", recruiter["company"])
    leader = await f.member(graph)
    (group,) = await f.groups(graph, 1, leaders=[leader])
    (meetup,) = await f.events(graph, group, 1)
    (ended,) = await f.events(graph, group, 1, kind="JOB_FAIR", past=True)
    cases = [
        (gid("Event", meetup), company, ("eventId", "NOT_A_JOB_FAIR")),
        (gid("Event", ended), company, ("eventId", "EVENT_ENDED")),
        (gid("Event", {"id": "no-such-event"}), company, ("eventId", "NOT_FOUND")),
        (gid("Member", leader), company, ("eventId", "BAD_USER_INPUT")),
        (gid("Event", meetup), gid("Company", {"id": "no-such-company"}), ("companyId", "NOT_FOUND")),
    ]
    for event_id, company_id, expected in cases:
        for mutation, name in ((EXHIBIT, "exhibitAtJobFair"), (WITHDRAW, "withdrawFromJobFair")):
            body = await gql(client, mutation, {"event": event_id, "company": company_id}, headers=headers)
            payload = body["data"][name]
            assert payload["jobFair"] is None
            assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [expected], (name, payload)
    assert await graph.read(EXHIBITS) == []


async def test_only_recruiters_of_the_company_change_its_exhibiting(graph, client, token_for):
    fair = await fair_event(graph)
    recruiter = await cf.recruiter(graph)
    other_recruiter = await cf.recruiter(graph)
    plain = await f.member(graph)
    variables = {"event": gid("Event", fair), "company": gid("Company", recruiter["company"])}
    for headers in (_recruiter_headers(token_for, other_recruiter), token_for(plain["id"]),
                    token_for(recruiter["id"])):  # RECRUITS_FOR without the recruiter role
        assert codes(await gql(client, EXHIBIT, variables, headers=headers)) == ["FORBIDDEN"]
        assert codes(await gql(client, WITHDRAW, variables, headers=headers)) == ["FORBIDDEN"]
    assert codes(await gql(client, EXHIBIT, variables)) == ["UNAUTHENTICATED"]
    assert await graph.read(EXHIBITS) == []


async def test_job_fair_lists_exhibitors_and_their_open_jobs(graph, client):
    fair = await fair_event(graph)
    now = datetime.now(timezone.utc)
    beta = await cf.company(graph, name="Beta Corp")
    alpha = await cf.company(graph, name="Alpha Inc")
    absent = await cf.company(graph, name="Absent Ltd")
    older = await cf.job(graph, beta, postedAt=now - timedelta(days=3))
    newer = await cf.job(graph, alpha, postedAt=now - timedelta(days=1))
    await cf.job(graph, alpha, status="CLOSED", closedAt=now - timedelta(days=1))
    await cf.job(graph, alpha, closesAt=now - timedelta(hours=1))  # deadline passed
    await cf.job(graph, absent)  # not exhibiting
    for company in (beta, alpha):
        await cf.exhibitor(graph, company, fair)
    body = await gql(client, FAIR, {"id": gid("Event", fair)})
    assert "errors" not in body, body
    job_fair = body["data"]["jobFair"]
    assert job_fair["event"] == {"id": gid("Event", fair), "kind": "JOB_FAIR"}
    assert job_fair["companies"]["totalCount"] == 2
    assert [e["node"]["name"] for e in job_fair["companies"]["edges"]] == ["Alpha Inc", "Beta Corp"]
    assert all(e["exhibitingSince"] for e in job_fair["companies"]["edges"])
    assert job_fair["jobs"] == {"totalCount": 2, "nodes": [
        {"id": gid("JobPosting", newer), "title": newer["title"], "company": {"name": "Alpha Inc"}},
        {"id": gid("JobPosting", older), "title": older["title"], "company": {"name": "Beta Corp"}}]}


async def test_job_fair_is_null_unless_the_event_is_a_job_fair(graph, client):
    leader = await f.member(graph)
    (group,) = await f.groups(graph, 1, leaders=[leader])
    (meetup,) = await f.events(graph, group, 1)
    assert (await gql(client, FAIR, {"id": gid("Event", meetup)}))["data"]["jobFair"] is None
    assert (await gql(client, FAIR, {"id": gid("Event", {"id": "missing"})}))["data"]["jobFair"] is None
    bad = await gql(client, FAIR, {"id": gid("Member", leader)})
    assert codes(bad) == ["BAD_USER_INPUT"]
    past_fair = await fair_event(graph, past=True)  # an ended fair can still be looked at
    body = await gql(client, FAIR, {"id": gid("Event", past_fair)})
    assert body["data"]["jobFair"]["event"]["kind"] == "JOB_FAIR"
