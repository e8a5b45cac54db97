"""Applications: once per member and posting (also under concurrent requests), only OPEN
postings, the recruiters' status moves, withdrawal, and who may see an application."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from graph.seed.writer import SeedWriter
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql

APPLY = """mutation($job: ID!, $note: String) { applyToJob(input: {jobId: $job, coverNote: $note}) {
  application { id status coverNote appliedAt hiredAt job { id title } applicant { id handle } }
  userErrors { field message code } } }"""
MOVE = """mutation($id: ID!, $status: ApplicationStatus!) {
  updateApplicationStatus(input: {applicationId: $id, status: $status}) {
    application { id status hiredAt updatedAt } userErrors { field code message } } }"""
WITHDRAW = """mutation($id: ID!) { withdrawApplication(input: {applicationId: $id}) {
  application { id status } userErrors { field code } } }"""
NODE = """query($id: ID!) { node(id: $id) { ... on Application { id status applicant { handle } job { title } } } }"""
COUNT = Query("test_application_count", """MATCH (j:JobPosting {id: $jobId})
RETURN j.applicationCount AS count, COUNT { (j)<-[:FOR]-(:Application) } AS applications""", "", __file__, 0)


async def _posting(graph, **props):
    recruiter = await cf.recruiter(graph)
    return recruiter, await cf.job(graph, recruiter["company"], **props)


def _recruiter_headers(token_for, recruiter):
    return token_for(recruiter["id"], "member", "recruiter")


async def test_applying_creates_an_application_the_applicant_sees(graph, client, token_for):
    _, job = await _posting(graph)
    seeker = await f.member(graph)
    body = await gql(client, APPLY, {"job": gid("JobPosting", job), "note": "  I build flows.\nHire me.  "},
                     headers=token_for(seeker["id"]))
    payload = body["data"]["applyToJob"]
    assert payload["userErrors"] == []
    application = payload["application"]
    assert application["status"] == "APPLIED" and application["coverNote"] == "I build flows.\nHire me."
    assert application["job"] == {"id": gid("JobPosting", job), "title": job["title"]}
    assert application["applicant"] == {"id": gid("Member", seeker), "handle": seeker["handle"]}
    assert application["hiredAt"] is None
    assert (await graph.read(COUNT, jobId=job["id"])) == [{"count": 1, "applications": 1}]

    again = await gql(client, APPLY, {"job": gid("JobPosting", job)}, headers=token_for(seeker["id"]))
    assert again["data"]["applyToJob"]["application"] is None
    assert [e["code"] for e in again["data"]["applyToJob"]["userErrors"]] == ["ALREADY_APPLIED"]
    assert (await graph.read(COUNT, jobId=job["id"])) == [{"count": 1, "applications": 1}]

    viewer_application = await gql(client, """query($id: ID!) { job(id: $id) { viewerApplication { id status } } }""",
                                   {"id": gid("JobPosting", job)}, headers=token_for(seeker["id"]))
    assert viewer_application["data"]["job"]["viewerApplication"] == {"id": application["id"], "status": "APPLIED"}


async def test_ten_concurrent_applies_of_one_member_make_one_application(graph, client, token_for):
    _, job = await _posting(graph)
    seeker = await f.member(graph)
    headers = token_for(seeker["id"])
    bodies = await asyncio.gather(*(gql(client, APPLY, {"job": gid("JobPosting", job)}, headers=headers)
                                    for _ in range(10)))
    assert all("errors" not in body for body in bodies), bodies
    payloads = [body["data"]["applyToJob"] for body in bodies]
    created = [p for p in payloads if p["application"] is not None]
    refused = [p for p in payloads if p["application"] is None]
    assert len(created) == 1 and created[0]["userErrors"] == []
    assert len(refused) == 9
    assert all([e["code"] for e in p["userErrors"]] == ["ALREADY_APPLIED"] for p in refused)
    assert (await graph.read(COUNT, jobId=job["id"])) == [{"count": 1, "applications": 1}]
    assert (await SeedWriter(graph).counter_mismatches())["careers"] == 0


async def test_many_members_applying_at_once_are_all_counted(graph, client, token_for):
    _, job = await _posting(graph)
    seekers = await f.members(graph, 10)
    bodies = await asyncio.gather(*(gql(client, APPLY, {"job": gid("JobPosting", job)}, headers=token_for(s["id"]))
                                    for s in seekers))
    assert all(body["data"]["applyToJob"]["userErrors"] == [] for body in bodies), bodies
    assert (await graph.read(COUNT, jobId=job["id"])) == [{"count": 10, "applications": 10}]
    assert (await SeedWriter(graph).counter_mismatches())["careers"] == 0


async def test_closed_postings_and_passed_deadlines_take_no_applications(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    now = datetime.now(timezone.utc)
    closed = await cf.job(graph, recruiter["company"], status="CLOSED", closedAt=now - timedelta(hours=1))
    past_deadline = await cf.job(graph, recruiter["company"], closesAt=now - timedelta(minutes=1))
    seeker = await f.member(graph)
    for job in (closed, past_deadline):
        body = await gql(client, APPLY, {"job": gid("JobPosting", job)}, headers=token_for(seeker["id"]))
        payload = body["data"]["applyToJob"]
        assert payload["application"] is None
        assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("jobId", "JOB_CLOSED")]
        assert (await graph.read(COUNT, jobId=job["id"])) == [{"count": 0, "applications": 0}]
    future_deadline = await cf.job(graph, recruiter["company"], closesAt=now + timedelta(days=3))
    body = await gql(client, APPLY, {"job": gid("JobPosting", future_deadline)}, headers=token_for(seeker["id"]))
    assert body["data"]["applyToJob"]["userErrors"] == []


async def test_apply_refuses_bad_input_and_anonymous_callers(graph, client, token_for):
    _, job = await _posting(graph)
    seeker = await f.member(graph)
    headers = token_for(seeker["id"])
    too_long = await gql(client, APPLY, {"job": gid("JobPosting", job), "note": "x" * 5001}, headers=headers)
    assert [(e["field"], e["code"]) for e in too_long["data"]["applyToJob"]["userErrors"]] == [
        ("coverNote", "BAD_USER_INPUT")]
    at_limit = await gql(client, APPLY, {"job": gid("JobPosting", job), "note": "x" * 5000}, headers=headers)
    assert at_limit["data"]["applyToJob"]["userErrors"] == []
    wrong_type = await gql(client, APPLY, {"job": gid("Member", seeker)}, headers=headers)
    assert [(e["field"], e["code"]) for e in wrong_type["data"]["applyToJob"]["userErrors"]] == [
        ("jobId", "BAD_USER_INPUT")]
    missing = await gql(client, APPLY, {"job": gid("JobPosting", {"id": "no-such-job"})}, headers=headers)
    assert [(e["field"], e["code"]) for e in missing["data"]["applyToJob"]["userErrors"]] == [("jobId", "NOT_FOUND")]
    injection = await gql(client, APPLY, {"job": gid("JobPosting", {"id": "x'}) DETACH DELETE (n) //"})},
                          headers=headers)
    assert [e["code"] for e in injection["data"]["applyToJob"]["userErrors"]] == ["NOT_FOUND"]
    anonymous = await gql(client, APPLY, {"job": gid("JobPosting", job)})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    assert (await graph.read(COUNT, jobId=job["id"])) == [{"count": 1, "applications": 1}]


async def test_recruiters_move_applications_forward_only(graph, client, token_for):
    recruiter, job = await _posting(graph)
    seeker = await f.member(graph)
    application = await cf.application(graph, seeker, job)
    app_id = gid("Application", application)
    headers = _recruiter_headers(token_for, recruiter)

    async def move(status):
        return (await gql(client, MOVE, {"id": app_id, "status": status}, headers=headers))["data"][
            "updateApplicationStatus"]

    for status in ("IN_REVIEW", "OFFER"):  # OFFER skips INTERVIEW: allowed, companies skip stages
        moved = await move(status)
        assert moved["userErrors"] == [] and moved["application"]["status"] == status
        assert moved["application"]["hiredAt"] is None
    backwards = await move("INTERVIEW")
    assert backwards["application"] is None
    assert [(e["field"], e["code"]) for e in backwards["userErrors"]] == [("status", "INVALID_TRANSITION")]
    same = await move("OFFER")
    assert [e["code"] for e in same["userErrors"]] == ["INVALID_TRANSITION"]
    withdrawn_by_recruiter = await move("WITHDRAWN")
    assert [e["code"] for e in withdrawn_by_recruiter["userErrors"]] == ["INVALID_TRANSITION"]
    hired = await move("HIRED")
    assert hired["userErrors"] == [] and hired["application"]["status"] == "HIRED"
    hired_at = datetime.fromisoformat(hired["application"]["hiredAt"])
    assert abs(hired_at - datetime.now(timezone.utc)) < timedelta(minutes=5)
    for status in ("REJECTED", "OFFER"):  # HIRED is final
        final = await move(status)
        assert [e["code"] for e in final["userErrors"]] == ["INVALID_TRANSITION"]
    assert (await SeedWriter(graph).counter_mismatches())["careers"] == 0


async def test_rejection_is_allowed_from_any_open_status_and_is_final(graph, client, token_for):
    recruiter, job = await _posting(graph)
    headers = _recruiter_headers(token_for, recruiter)
    for status in ("APPLIED", "IN_REVIEW", "INTERVIEW", "OFFER"):
        application = await cf.application(graph, await f.member(graph), job, status=status)
        rejected = await gql(client, MOVE, {"id": gid("Application", application), "status": "REJECTED"},
                             headers=headers)
        assert rejected["data"]["updateApplicationStatus"]["application"]["status"] == "REJECTED"
        again = await gql(client, MOVE, {"id": gid("Application", application), "status": "IN_REVIEW"},
                          headers=headers)
        assert [e["code"] for e in again["data"]["updateApplicationStatus"]["userErrors"]] == ["INVALID_TRANSITION"]


async def test_only_recruiters_of_the_postings_company_move_applications(graph, client, token_for):
    recruiter, job = await _posting(graph)
    other_recruiter = await cf.recruiter(graph)  # of another company
    seeker, plain = await f.members(graph, 2)
    application = await cf.application(graph, seeker, job)
    variables = {"id": gid("Application", application), "status": "IN_REVIEW"}
    for headers in (_recruiter_headers(token_for, other_recruiter), token_for(plain["id"]),
                    token_for(seeker["id"]),  # the applicant
                    token_for(recruiter["id"])):  # RECRUITS_FOR the company but no recruiter seat (role)
        body = await gql(client, MOVE, variables, headers=headers)
        assert codes(body) == ["FORBIDDEN"], body
    assert codes(await gql(client, MOVE, variables)) == ["UNAUTHENTICATED"]
    missing = await gql(client, MOVE, {"id": gid("Application", {"id": "nope"}), "status": "IN_REVIEW"},
                        headers=_recruiter_headers(token_for, recruiter))
    assert [e["code"] for e in missing["data"]["updateApplicationStatus"]["userErrors"]] == ["NOT_FOUND"]
    node = await gql(client, NODE, {"id": gid("Application", application)}, headers=token_for(seeker["id"]))
    assert node["data"]["node"]["status"] == "APPLIED"  # nothing moved


async def test_concurrent_moves_of_one_application_let_one_through(graph, client, token_for):
    recruiter, job = await _posting(graph)
    second = await cf.recruiter(graph, recruiter["company"])
    application = await cf.application(graph, await f.member(graph), job)
    variables = {"id": gid("Application", application), "status": "IN_REVIEW"}
    bodies = await asyncio.gather(*(gql(client, MOVE, variables, headers=_recruiter_headers(token_for, r))
                                    for r in (recruiter, second) * 3))
    payloads = [b["data"]["updateApplicationStatus"] for b in bodies]
    assert sum(p["application"] is not None for p in payloads) == 1
    assert all([e["code"] for e in p["userErrors"]] == ["INVALID_TRANSITION"] for p in payloads
               if p["application"] is None)


async def test_the_applicant_withdraws_and_cannot_apply_again(graph, client, token_for):
    recruiter, job = await _posting(graph)
    seeker, other = await f.members(graph, 2)
    application = await cf.application(graph, seeker, job, status="INTERVIEW")
    app_id = gid("Application", application)
    assert codes(await gql(client, WITHDRAW, {"id": app_id}, headers=token_for(other["id"]))) == ["FORBIDDEN"]
    assert codes(await gql(client, WITHDRAW, {"id": app_id},
                           headers=_recruiter_headers(token_for, recruiter))) == ["FORBIDDEN"]
    body = await gql(client, WITHDRAW, {"id": app_id}, headers=token_for(seeker["id"]))
    assert body["data"]["withdrawApplication"] == {"application": {"id": app_id, "status": "WITHDRAWN"},
                                                   "userErrors": []}
    again = await gql(client, WITHDRAW, {"id": app_id}, headers=token_for(seeker["id"]))
    assert [e["code"] for e in again["data"]["withdrawApplication"]["userErrors"]] == ["INVALID_TRANSITION"]
    moved = await gql(client, MOVE, {"id": app_id, "status": "REJECTED"},
                      headers=_recruiter_headers(token_for, recruiter))
    assert [e["code"] for e in moved["data"]["updateApplicationStatus"]["userErrors"]] == ["INVALID_TRANSITION"]
    reapply = await gql(client, APPLY, {"job": gid("JobPosting", job)}, headers=token_for(seeker["id"]))
    assert [e["code"] for e in reapply["data"]["applyToJob"]["userErrors"]] == ["ALREADY_APPLIED"]
    hired = await cf.application(graph, other, job, status="HIRED")
    final = await gql(client, WITHDRAW, {"id": gid("Application", hired)}, headers=token_for(other["id"]))
    assert [e["code"] for e in final["data"]["withdrawApplication"]["userErrors"]] == ["INVALID_TRANSITION"]
    assert (await SeedWriter(graph).counter_mismatches())["careers"] == 0
