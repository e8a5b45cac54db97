"""postJob, updateJob and closeJob: success, every refusal, validation codes, and nothing written
when refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from graph.seed.writer import SeedWriter
from tests import factories
from tests.careers import factories as careers
from tests.gql import codes, gid, gql
from tests.learning import factories as learning

POST = """mutation($input: PostJobInput!) { postJob(input: $input) {
  job { id title description seniority employmentType workplace status postedAt updatedAt closesAt closedAt
        location { city country latitude longitude } salary { min max currency } company { id }
        skillRequirements { skill { id } minLevel weight necessity }
        certificationRequirements { certification { id } necessity } minRank { position } }
  userErrors { field message code } } }"""
UPDATE = POST.replace("PostJobInput", "UpdateJobInput").replace("postJob", "updateJob")
CLOSE = """mutation($id: ID!) { closeJob(input: {jobId: $id}) { job { id status closedAt updatedAt }
  userErrors { field message code } } }"""
READ = """query($id: ID!) { job(id: $id) { title description seniority employmentType workplace status updatedAt
  closesAt closedAt location { city country latitude longitude } salary { min max currency }
  skillRequirements { skill { id } minLevel weight necessity } certificationRequirements { certification { id } necessity }
  minRank { position } } }"""


def future(**delta) -> str:
    return (datetime.now(timezone.utc) + timedelta(**delta)).isoformat()


def post_input(company: dict, **overrides) -> dict:
    return {"companyId": gid("Company", company), "title": "Salesforce Admin", "description": "Keep the org tidy.",
            "seniority": "MID", "employmentType": "FULL_TIME", "workplace": "ON_SITE", "city": "Berlin",
            "country": "DE", "latitude": 52.52, "longitude": 13.405, **overrides}


async def postings(graph) -> dict[str, int]:
    counts = await SeedWriter(graph).careers_counts()
    return {k: counts[k] for k in ("job_postings", "job_skill_requirements", "job_certification_requirements")}


async def consistent(graph) -> None:
    assert (await SeedWriter(graph).counter_mismatches())["careers"] == 0


# -- postJob ----------------------------------------------------------------------------------------


async def test_a_recruiter_posts_a_job_with_requirements(graph, client, token_for):
    await learning.ranks(graph)
    acme = await careers.company(graph, name="Acme Robotics")
    rec = await careers.recruiter(graph, acme)
    apex, flow = await factories.skills(graph, 2)
    cert = await learning.certification(graph)
    closes = future(days=30)
    body = await gql(client, POST, {"input": post_input(
        acme, title="  Apex Developer ", description="Triggers\nand flows", seniority="SENIOR",
        employmentType="CONTRACT", workplace="HYBRID", salaryMin=50000, salaryMax=70000, salaryCurrency="eur",
        closesAt=closes, minRank=2,
        skills=[{"skillId": gid("Skill", apex), "minLevel": 4, "weight": 5},
                {"skillId": gid("Skill", flow), "minLevel": 2, "weight": 1, "necessity": "NICE_TO_HAVE"}],
        certifications=[{"certificationId": gid("Certification", cert), "necessity": "NICE_TO_HAVE"}])},
        headers=token_for(rec["id"], "recruiter"))
    payload = body["data"]["postJob"]
    assert payload["userErrors"] == [], body
    job = payload["job"]
    assert (job["title"], job["description"], job["seniority"], job["employmentType"], job["workplace"]) == (
        "Apex Developer", "Triggers\nand flows", "SENIOR", "CONTRACT", "HYBRID")
    assert job["status"] == "OPEN" and job["closedAt"] is None and job["postedAt"] == job["updatedAt"]
    assert abs(datetime.fromisoformat(job["closesAt"]) - datetime.fromisoformat(closes)) < timedelta(seconds=1)
    assert job["location"] == {"city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.405}
    assert job["salary"] == {"min": 50000, "max": 70000, "currency": "EUR"}
    assert job["company"] == {"id": gid("Company", acme)}
    assert job["skillRequirements"] == [
        {"skill": {"id": gid("Skill", apex)}, "minLevel": 4, "weight": 5, "necessity": "REQUIRED"},
        {"skill": {"id": gid("Skill", flow)}, "minLevel": 2, "weight": 1, "necessity": "NICE_TO_HAVE"}]
    assert job["certificationRequirements"] == [{"certification": {"id": gid("Certification", cert)},
                                                 "necessity": "NICE_TO_HAVE"}]
    assert job["minRank"] == {"position": 2}
    # searchText covers the company's name; the posting is listed and counted
    body = await gql(client, """query($id: ID!) { jobs(filter: {search: "robotics"}) { nodes { id } }
                                                 company(id: $id) { openJobCount } }""", {"id": gid("Company", acme)})
    assert body["data"] == {"jobs": {"nodes": [{"id": job["id"]}]}, "company": {"openJobCount": 1}}
    assert await postings(graph) == {"job_postings": 1, "job_skill_requirements": 2,
                                     "job_certification_requirements": 1}
    await consistent(graph)


async def test_a_remote_posting_without_a_place_and_without_salary(graph, client, token_for):
    rec = await careers.recruiter(graph)
    body = await gql(client, POST, {"input": post_input(rec["company"], workplace="REMOTE", city=None, country=None,
                                                        latitude=None, longitude=None)},
                     headers=token_for(rec["id"], "recruiter"))
    job = body["data"]["postJob"]["job"]
    assert body["data"]["postJob"]["userErrors"] == []
    assert (job["location"], job["salary"], job["minRank"], job["closesAt"]) == (None, None, None, None)
    assert job["skillRequirements"] == [] and job["certificationRequirements"] == []


async def test_cypher_looking_input_is_stored_as_written(graph, client, token_for):
    rec = await careers.recruiter(graph)
    title = "x'}) DETACH DELETE j //"
    body = await gql(client, POST, {"input": post_input(rec["company"], title=title,
                                                        description="MATCH (n) DETACH DELETE n")},
                     headers=token_for(rec["id"], "recruiter"))
    job = body["data"]["postJob"]["job"]
    assert (job["title"], job["description"]) == (title, "MATCH (n) DETACH DELETE n")
    assert (await postings(graph))["job_postings"] == 1


async def test_post_job_refusals_write_nothing(graph, client, token_for):
    rec = await careers.recruiter(graph)
    acme = rec["company"]
    other = await careers.recruiter(graph)
    seatless = await careers.recruiter(graph, acme)  # RECRUITS_FOR, but no recruiter role in the token
    admin = await factories.member(graph)
    variables = {"input": post_input(acme)}
    body = await gql(client, POST, variables)
    assert codes(body) == ["UNAUTHENTICATED"]
    for headers in (token_for(other["id"], "recruiter"), token_for(seatless["id"]), token_for(admin["id"], "admin"),
                    token_for(rec["id"])):
        body = await gql(client, POST, variables, headers=headers)
        assert codes(body) == ["FORBIDDEN"], body
    body = await gql(client, POST, {"input": post_input({"id": "no-such-company"})},
                     headers=token_for(rec["id"], "recruiter"))
    assert body["data"]["postJob"]["userErrors"] == [{"field": "companyId", "message": "no such company",
                                                      "code": "NOT_FOUND"}]
    body = await gql(client, POST, {"input": {**post_input(acme), "companyId": "garbage"}},
                     headers=token_for(rec["id"], "recruiter"))
    assert [e["field"] for e in body["data"]["postJob"]["userErrors"]] == ["companyId"]
    assert await postings(graph) == {"job_postings": 0, "job_skill_requirements": 0,
                                     "job_certification_requirements": 0}


def _skills(*rows, **item) -> list[dict]:
    return [{"skillId": gid("Skill", row), **item} for row in rows]


@pytest.mark.parametrize("overrides, field, code", [
    ({"title": "ab"}, "title", "BAD_USER_INPUT"),
    ({"title": "x" * 201}, "title", "BAD_USER_INPUT"),
    ({"title": "bad\u0007title"}, "title", "BAD_USER_INPUT"),
    ({"description": "   "}, "description", "BAD_USER_INPUT"),
    ({"description": "x" * 20_001}, "description", "BAD_USER_INPUT"),
    ({"country": "Germany"}, "country", "BAD_USER_INPUT"),
    ({"latitude": 91.0}, "latitude", "BAD_USER_INPUT"),
    ({"longitude": -181.0}, "longitude", "BAD_USER_INPUT"),
    ({"longitude": None}, "latitude", "BAD_USER_INPUT"),
    ({"city": None}, "city", "BAD_USER_INPUT"),
    ({"workplace": "HYBRID", "country": None}, "country", "BAD_USER_INPUT"),
    ({"workplace": "REMOTE"}, "workplace", "BAD_USER_INPUT"),
    ({"salaryMin": 1, "salaryMax": 2, "salaryCurrency": "EURO"}, "salaryCurrency", "BAD_USER_INPUT"),
    ({"salaryMin": 1, "salaryMax": 2, "salaryCurrency": "ABC"}, "salaryCurrency", "BAD_USER_INPUT"),
    ({"salaryMin": 90_000, "salaryMax": 80_000, "salaryCurrency": "EUR"}, "salaryMin", "BAD_USER_INPUT"),
    ({"salaryMin": 90_000, "salaryCurrency": "EUR"}, "salaryMax", "BAD_USER_INPUT"),
    ({"salaryMax": 90_000, "salaryCurrency": "EUR"}, "salaryMin", "BAD_USER_INPUT"),
    ({"salaryMin": 1, "salaryMax": 2}, "salaryCurrency", "BAD_USER_INPUT"),
    ({"salaryCurrency": "EUR"}, "salaryCurrency", "BAD_USER_INPUT"),
    ({"salaryMin": -1, "salaryMax": 2, "salaryCurrency": "EUR"}, "salaryMin", "BAD_USER_INPUT"),
    ({"closesAt": "2001-01-01T00:00:00Z"}, "closesAt", "BAD_USER_INPUT"),
    ({"closesAt": future(days=400)}, "closesAt", "BAD_USER_INPUT"),
    ({"minRank": 99}, "minRank", "BAD_USER_INPUT"),
])
async def test_post_job_validation(graph, client, token_for, overrides, field, code):
    await learning.ranks(graph)
    rec = await careers.recruiter(graph)
    body = await gql(client, POST, {"input": post_input(rec["company"], **overrides)},
                     headers=token_for(rec["id"], "recruiter"))
    payload = body["data"]["postJob"]
    assert payload["job"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)], payload
    assert (await postings(graph))["job_postings"] == 0


async def test_post_job_requirement_validation(graph, client, token_for):
    rec = await careers.recruiter(graph)
    skills = await factories.skills(graph, 26)
    cert = await learning.certification(graph)
    missing_skill, missing_cert = {"id": "no-such-skill"}, {"id": "no-such-cert"}

    async def errors(**overrides) -> list[tuple[str, str]]:
        body = await gql(client, POST, {"input": post_input(rec["company"], **overrides)},
                         headers=token_for(rec["id"], "recruiter"))
        assert body["data"]["postJob"]["job"] is None, body
        return [(e["field"], e["code"]) for e in body["data"]["postJob"]["userErrors"]]

    assert await errors(skills=_skills(*skills)) == [("skills", "BAD_USER_INPUT")]
    assert await errors(skills=_skills(skills[0], skills[0])) == [("skills.1.skillId", "BAD_USER_INPUT")]
    assert await errors(skills=_skills(missing_skill)) == [("skills.0.skillId", "NOT_FOUND")]
    assert await errors(skills=[{"skillId": "garbage"}]) == [("skills.0.skillId", "BAD_USER_INPUT")]
    assert await errors(skills=_skills(skills[0], minLevel=0)) == [("skills.0.minLevel", "BAD_USER_INPUT")]
    assert await errors(skills=_skills(skills[0], minLevel=6)) == [("skills.0.minLevel", "BAD_USER_INPUT")]
    assert await errors(skills=_skills(skills[0], weight=0)) == [("skills.0.weight", "BAD_USER_INPUT")]
    assert await errors(skills=_skills(skills[0], weight=6)) == [("skills.0.weight", "BAD_USER_INPUT")]
    certs = [{"certificationId": gid("Certification", cert)}]
    assert await errors(certifications=certs * 11) == [("certifications", "BAD_USER_INPUT")]
    assert await errors(certifications=certs * 2) == [("certifications.1.certificationId", "BAD_USER_INPUT")]
    assert await errors(certifications=[{"certificationId": gid("Certification", missing_cert)}]) == [
        ("certifications.0.certificationId", "NOT_FOUND")]
    assert await errors(certifications=[{"certificationId": gid("Skill", skills[0])}]) == [
        ("certifications.0.certificationId", "BAD_USER_INPUT")]
    assert await postings(graph) == {"job_postings": 0, "job_skill_requirements": 0,
                                     "job_certification_requirements": 0}
    body = await gql(client, POST, {"input": post_input(rec["company"], skills=_skills(*skills[:25]),
                                                        certifications=certs)},
                     headers=token_for(rec["id"], "recruiter"))
    assert body["data"]["postJob"]["userErrors"] == []
    assert len(body["data"]["postJob"]["job"]["skillRequirements"]) == 25


async def test_several_problems_are_reported_together(graph, client, token_for):
    rec = await careers.recruiter(graph)
    body = await gql(client, POST, {"input": post_input(rec["company"], title="x", country="XX",
                                                        salaryMin=5, salaryMax=1, salaryCurrency="EUR")},
                     headers=token_for(rec["id"], "recruiter"))
    assert {e["field"] for e in body["data"]["postJob"]["userErrors"]} == {"title", "country", "salaryMin"}


# -- updateJob --------------------------------------------------------------------------------------


async def _read(client, job) -> dict:
    body = await gql(client, READ, {"id": gid("JobPosting", job)})
    assert "errors" not in body, body
    return body["data"]["job"]


async def test_a_recruiter_updates_fields_and_replaces_the_lists_given(graph, client, token_for):
    await learning.ranks(graph)
    rec = await careers.recruiter(graph)
    apex, flow, lwc = await factories.skills(graph, 3)
    cert = await learning.certification(graph)
    job = await careers.job(graph, rec["company"], title="Old title", salaryMin=1, salaryMax=2, salaryCurrency="EUR",
                            skills=[(apex, 3, 3, "REQUIRED"), (flow, 3, 3, "REQUIRED")],
                            certifications=[(cert, "REQUIRED")])
    before = await _read(client, job)
    body = await gql(client, UPDATE, {"input": {
        "jobId": gid("JobPosting", job), "title": "Lightning Developer", "seniority": "LEAD", "salaryMin": None,
        "salaryMax": None, "salaryCurrency": None, "closesAt": future(days=10), "minRank": 4,
        "skills": _skills(lwc, minLevel=5, weight=4)}}, headers=token_for(rec["id"], "recruiter"))
    payload = body["data"]["updateJob"]
    assert payload["userErrors"] == [], body
    after = await _read(client, job)
    assert (after["title"], after["seniority"], after["salary"], after["minRank"]) == (
        "Lightning Developer", "LEAD", None, {"position": 4})
    assert after["skillRequirements"] == [{"skill": {"id": gid("Skill", lwc)}, "minLevel": 5, "weight": 4,
                                           "necessity": "REQUIRED"}]
    assert after["certificationRequirements"] == before["certificationRequirements"]  # not given: kept
    assert (after["description"], after["location"], after["workplace"]) == (
        before["description"], before["location"], before["workplace"])
    assert after["updatedAt"] > before["updatedAt"] and after["closesAt"] is not None
    # searchText follows the new title
    body = await gql(client, '{ a: jobs(filter: {search: "lightning"}) { totalCount } b: jobs(filter: {search: "old title"}) { totalCount } }')
    assert body["data"] == {"a": {"totalCount": 1}, "b": {"totalCount": 0}}
    # clearing the deadline and the certifications
    body = await gql(client, UPDATE, {"input": {"jobId": gid("JobPosting", job), "closesAt": None,
                                                "certifications": []}}, headers=token_for(rec["id"], "recruiter"))
    assert body["data"]["updateJob"]["userErrors"] == []
    after = await _read(client, job)
    assert after["closesAt"] is None and after["certificationRequirements"] == []
    await consistent(graph)


async def test_a_platform_admin_may_update_and_close_to_moderate(graph, client, token_for):
    acme = await careers.company(graph)
    job = await careers.job(graph, acme, title="Spam spam spam")
    moderator = await factories.member(graph)
    body = await gql(client, UPDATE, {"input": {"jobId": gid("JobPosting", job), "title": "Removed by moderator"}},
                     headers=token_for(moderator["id"], "admin"))
    assert body["data"]["updateJob"]["userErrors"] == [] and body["data"]["updateJob"]["job"]["title"] == (
        "Removed by moderator")
    body = await gql(client, CLOSE, {"id": gid("JobPosting", job)}, headers=token_for(moderator["id"], "admin"))
    assert body["data"]["closeJob"]["job"]["status"] == "CLOSED"


async def test_update_job_refusals_write_nothing(graph, client, token_for):
    rec = await careers.recruiter(graph)
    other = await careers.recruiter(graph)
    member = await factories.member(graph)
    apex = (await factories.skills(graph, 1))[0]
    job = await careers.job(graph, rec["company"], skills=[(apex, 2, 2, "REQUIRED")])
    before, counts = await _read(client, job), await postings(graph)
    change = {"input": {"jobId": gid("JobPosting", job), "title": "Changed", "skills": []}}
    assert codes(await gql(client, UPDATE, change)) == ["UNAUTHENTICATED"]
    for headers in (token_for(other["id"], "recruiter"), token_for(member["id"], "recruiter"),
                    token_for(member["id"]), token_for(rec["id"])):
        assert codes(await gql(client, UPDATE, change, headers=headers)) == ["FORBIDDEN"]
    recruiter = token_for(rec["id"], "recruiter")
    for values, expected in (
        ({"title": None}, [("title", "BAD_USER_INPUT")]),
        ({"workplace": None}, [("workplace", "BAD_USER_INPUT")]),
        ({"title": "ab", "skills": []}, [("title", "BAD_USER_INPUT")]),
        ({"city": None}, [("city", "BAD_USER_INPUT")]),  # still ON_SITE
        ({"workplace": "REMOTE"}, [("workplace", "BAD_USER_INPUT")]),  # city and coordinates remain
        ({"salaryMax": 10}, [("salaryMin", "BAD_USER_INPUT")]),
        ({"latitude": 10.0, "longitude": 200.0}, [("longitude", "BAD_USER_INPUT")]),
        ({"skills": _skills({"id": "missing"})}, [("skills.0.skillId", "NOT_FOUND")]),
    ):
        body = await gql(client, UPDATE, {"input": {"jobId": gid("JobPosting", job), **values}}, headers=recruiter)
        assert [(e["field"], e["code"]) for e in body["data"]["updateJob"]["userErrors"]] == expected, (values, body)
    body = await gql(client, UPDATE, {"input": {"jobId": gid("JobPosting", {"id": "missing"}), "title": "Changed"}},
                     headers=recruiter)
    assert [e["code"] for e in body["data"]["updateJob"]["userErrors"]] == ["NOT_FOUND"]
    body = await gql(client, UPDATE, {"input": {"jobId": "garbage", "title": "Changed"}}, headers=recruiter)
    assert [e["field"] for e in body["data"]["updateJob"]["userErrors"]] == ["jobId"]
    assert await _read(client, job) == before and await postings(graph) == counts


async def test_switching_to_remote_needs_the_place_cleared(graph, client, token_for):
    rec = await careers.recruiter(graph)
    job = await careers.job(graph, rec["company"])
    body = await gql(client, UPDATE, {"input": {"jobId": gid("JobPosting", job), "workplace": "REMOTE", "city": None,
                                                "latitude": None, "longitude": None}},
                     headers=token_for(rec["id"], "recruiter"))
    assert body["data"]["updateJob"]["userErrors"] == []
    assert (await _read(client, job))["location"] == {"city": None, "country": "DE", "latitude": None,
                                                      "longitude": None}


async def test_closed_postings_cannot_be_updated(graph, client, token_for):
    rec = await careers.recruiter(graph)
    closed = await careers.job(graph, rec["company"], status="CLOSED", closedAt=careers._now())
    expired = await careers.job(graph, rec["company"], closesAt=careers._now() - timedelta(seconds=1))
    for job in (closed, expired):
        before = await _read(client, job)
        body = await gql(client, UPDATE, {"input": {"jobId": gid("JobPosting", job), "title": "Reopened?",
                                                    "closesAt": future(days=5)}},
                         headers=token_for(rec["id"], "recruiter"))
        assert [(e["field"], e["code"]) for e in body["data"]["updateJob"]["userErrors"]] == [("jobId", "JOB_CLOSED")]
        assert await _read(client, job) == before


# -- closeJob ---------------------------------------------------------------------------------------


async def test_a_recruiter_closes_a_posting_once(graph, client, token_for):
    rec = await careers.recruiter(graph)
    job = await careers.job(graph, rec["company"])
    await careers.job(graph, rec["company"])
    body = await gql(client, CLOSE, {"id": gid("JobPosting", job)}, headers=token_for(rec["id"], "recruiter"))
    payload = body["data"]["closeJob"]
    assert payload["userErrors"] == [] and payload["job"]["status"] == "CLOSED"
    assert payload["job"]["closedAt"] == payload["job"]["updatedAt"]
    body = await gql(client, """query($id: ID!) { company(id: $id) { openJobCount closed: jobs(status: CLOSED) { nodes { id } } } }""",
                     {"id": gid("Company", rec["company"])})
    assert body["data"]["company"] == {"openJobCount": 1, "closed": {"nodes": [{"id": gid("JobPosting", job)}]}}
    before = await _read(client, job)
    body = await gql(client, CLOSE, {"id": gid("JobPosting", job)}, headers=token_for(rec["id"], "recruiter"))
    assert body["data"]["closeJob"] == {"job": None, "userErrors": [
        {"field": "jobId", "message": "the posting is already closed", "code": "ALREADY_CLOSED"}]}
    assert await _read(client, job) == before


async def test_closing_a_posting_past_its_deadline_is_already_closed(graph, client, token_for):
    rec = await careers.recruiter(graph)
    job = await careers.job(graph, rec["company"], closesAt=careers._now() - timedelta(minutes=1))
    body = await gql(client, CLOSE, {"id": gid("JobPosting", job)}, headers=token_for(rec["id"], "recruiter"))
    assert [e["code"] for e in body["data"]["closeJob"]["userErrors"]] == ["ALREADY_CLOSED"]


async def test_close_job_refusals_write_nothing(graph, client, token_for):
    rec = await careers.recruiter(graph)
    other = await careers.recruiter(graph)
    member = await factories.member(graph)
    job = await careers.job(graph, rec["company"])
    before = await _read(client, job)
    assert codes(await gql(client, CLOSE, {"id": gid("JobPosting", job)})) == ["UNAUTHENTICATED"]
    for headers in (token_for(other["id"], "recruiter"), token_for(member["id"]), token_for(rec["id"])):
        assert codes(await gql(client, CLOSE, {"id": gid("JobPosting", job)}, headers=headers)) == ["FORBIDDEN"]
    body = await gql(client, CLOSE, {"id": gid("JobPosting", {"id": "missing"})},
                     headers=token_for(rec["id"], "recruiter"))
    assert [e["code"] for e in body["data"]["closeJob"]["userErrors"]] == ["NOT_FOUND"]
    assert await _read(client, job) == before
