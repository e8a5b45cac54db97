"""Career outcomes: members report new jobs and promotions, and `careerOutcomes(since:)` counts
them with the hires made through applications, in one query."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gql, round_trips

REPORT = """mutation($kind: CareerOutcomeKind!, $title: String!, $company: String!, $at: DateTime!) {
  reportCareerOutcome(input: {kind: $kind, title: $title, companyName: $company, at: $at}) {
    outcome { kind title companyName at } userErrors { field code message } } }"""
OUTCOMES = """query($since: DateTime!) { careerOutcomes(since: $since) { since hires promotions newJobs total } }"""


def _iso(value: datetime) -> str:
    return value.isoformat()


async def test_outcomes_are_counted_since_the_instant_asked(graph, client):
    now = datetime.now(timezone.utc)
    recruiter = await cf.recruiter(graph)
    job = await cf.job(graph, recruiter["company"])
    people = await f.members(graph, 8)
    # Hires through applications, by hiredAt: two recent, one old; an OFFER is no hire.
    await cf.application(graph, people[0], job, status="HIRED", hiredAt=now - timedelta(days=2))
    await cf.application(graph, people[1], job, status="HIRED", hiredAt=now - timedelta(days=5))
    await cf.application(graph, people[2], job, status="HIRED", hiredAt=now - timedelta(days=60))
    await cf.application(graph, people[3], job, status="OFFER")
    # Reported outcomes, by `at`.
    await cf.outcome(graph, people[4], kind="PROMOTION", at=now - timedelta(days=1))
    await cf.outcome(graph, people[5], kind="PROMOTION", at=now - timedelta(days=40))
    await cf.outcome(graph, people[6], kind="NEW_JOB", at=now - timedelta(days=3))
    await cf.outcome(graph, people[7], kind="NEW_JOB", at=now - timedelta(days=9))

    month = await gql(client, OUTCOMES, {"since": _iso(now - timedelta(days=30))})
    assert "errors" not in month, month
    counts = month["data"]["careerOutcomes"]
    assert {k: counts[k] for k in ("hires", "promotions", "newJobs", "total")} == {
        "hires": 2, "promotions": 1, "newJobs": 2, "total": 5}
    assert datetime.fromisoformat(counts["since"]) == now - timedelta(days=30)
    assert round_trips(month) == 1

    week = (await gql(client, OUTCOMES, {"since": _iso(now - timedelta(days=7))}))["data"]["careerOutcomes"]
    assert (week["hires"], week["promotions"], week["newJobs"], week["total"]) == (2, 1, 1, 4)
    ever = (await gql(client, OUTCOMES, {"since": "2000-01-01T00:00:00Z"}))["data"]["careerOutcomes"]
    assert (ever["hires"], ever["promotions"], ever["newJobs"], ever["total"]) == (3, 2, 2, 7)
    future = (await gql(client, OUTCOMES, {"since": _iso(now + timedelta(days=1))}))["data"]["careerOutcomes"]
    assert future["total"] == 0
    # Without an offset the instant is UTC.
    naive = (await gql(client, OUTCOMES, {"since": (now - timedelta(days=4)).replace(tzinfo=None).isoformat()}))
    assert naive["data"]["careerOutcomes"]["hires"] == 1


async def test_a_reported_outcome_is_counted(graph, client, token_for):
    now = datetime.now(timezone.utc)
    member = await f.member(graph, joinedAt=now - timedelta(days=400))
    body = await gql(client, REPORT, {"kind": "PROMOTION", "title": " Lead Architect ", "company": "Acme",
                                      "at": _iso(now - timedelta(days=10))}, headers=token_for(member["id"]))
    payload = body["data"]["reportCareerOutcome"]
    assert payload["userErrors"] == []
    assert payload["outcome"]["kind"] == "PROMOTION" and payload["outcome"]["title"] == "Lead Architect"
    counts = (await gql(client, OUTCOMES, {"since": _iso(now - timedelta(days=30))}))["data"]["careerOutcomes"]
    assert (counts["promotions"], counts["newJobs"], counts["total"]) == (1, 0, 1)


async def test_reports_in_the_future_or_before_joining_are_refused(graph, client, token_for):
    now = datetime.now(timezone.utc)
    member = await f.member(graph, joinedAt=now - timedelta(days=100))
    headers = token_for(member["id"])
    cases = [
        ({"at": _iso(now + timedelta(days=1))}, [("at", "BAD_USER_INPUT")]),
        ({"at": _iso(now - timedelta(days=101))}, [("at", "BAD_USER_INPUT")]),
        ({"title": "   "}, [("title", "BAD_USER_INPUT")]),
        ({"company": "x" * 201}, [("companyName", "BAD_USER_INPUT")]),
    ]
    for change, expected in cases:
        variables = {"kind": "NEW_JOB", "title": "Developer", "company": "Acme", "at": _iso(now - timedelta(days=1)),
                     **change}
        body = await gql(client, REPORT, variables, headers=headers)
        payload = body["data"]["reportCareerOutcome"]
        assert payload["outcome"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == expected, payload
    counts = (await gql(client, OUTCOMES, {"since": "2000-01-01T00:00:00Z"}))["data"]["careerOutcomes"]
    assert counts["total"] == 0
    anonymous = await gql(client, REPORT, {"kind": "NEW_JOB", "title": "Dev", "company": "Acme",
                                           "at": _iso(now - timedelta(days=1))})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
