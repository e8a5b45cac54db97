"""Round trips are pinned for the application lists: an N+1 anywhere fails these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from graph.seed.writer import SeedWriter
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import gid, gql, round_trips


async def test_thirty_viewer_applications_with_job_and_company_cost_four_queries(graph, client, token_for):
    recruiters = [await cf.recruiter(graph) for _ in range(3)]
    jobs = [await cf.job(graph, recruiters[i % 3]["company"]) for i in range(30)]
    seeker = await f.member(graph)
    now = datetime.now(timezone.utc)
    rows = [{"id": f"application-{i:02d}", "memberId": seeker["id"], "jobId": job["id"], "status": "APPLIED",
             "coverNote": None, "appliedAt": now - timedelta(hours=i), "updatedAt": now, "hiredAt": None}
            for i, job in enumerate(jobs)]
    writer = SeedWriter(graph)
    await writer.applications(rows)
    await writer.recount_careers()
    body = await gql(client, """{ viewer { applications(first: 30) { totalCount edges { node {
        id status appliedAt applicant { handle } job { id title status company { id name } } } } } } }""",
                     headers=token_for(seeker["id"]))
    assert "errors" not in body, body
    edges = body["data"]["viewer"]["applications"]["edges"]
    assert len(edges) == 30 and body["data"]["viewer"]["applications"]["totalCount"] == 30
    assert [e["node"]["job"]["id"] for e in edges] == [gid("JobPosting", j) for j in jobs]
    assert {e["node"]["job"]["company"]["name"] for e in edges} == {r["company"]["name"] for r in recruiters}
    assert {e["node"]["applicant"]["handle"] for e in edges} == {seeker["handle"]}
    # viewer + applications (with their postings) + companies, whatever the page size; the
    # applicant is the viewer, already loaded.
    assert round_trips(body) == 3, body["extensions"]


async def test_thirty_job_applications_with_applicants_cost_a_fixed_number_of_queries(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    job = await cf.job(graph, recruiter["company"])
    seekers = await f.members(graph, 30)
    hidden = await f.members(graph, 5, visibility="PRIVATE")
    now = datetime.now(timezone.utc)
    rows = [{"id": f"application-{i:02d}", "memberId": m["id"], "jobId": job["id"], "status": "APPLIED",
             "coverNote": "Hello", "appliedAt": now - timedelta(hours=i), "updatedAt": now, "hiredAt": None}
            for i, m in enumerate([*hidden, *seekers])]
    writer = SeedWriter(graph)
    await writer.applications(rows)
    await writer.recount_careers()
    body = await gql(client, """query($id: ID!) { job(id: $id) { title company { name }
        applications(first: 30) { totalCount pageInfo { hasNextPage } nodes {
          id status coverNote applicant { handle visibility } job { title } } } } }""",
                     {"id": gid("JobPosting", job)}, headers=token_for(recruiter["id"], "member", "recruiter"))
    assert "errors" not in body, body
    connection = body["data"]["job"]["applications"]
    assert connection["totalCount"] == 35 and connection["pageInfo"]["hasNextPage"] is True
    assert len(connection["nodes"]) == 30
    assert [n["applicant"]["handle"] for n in connection["nodes"][:5]] == [m["handle"] for m in hidden]
    # posting + company + the viewer's recruiter companies + applications (with applicants) + one
    # write of the 30 profile views, whatever the page size.
    assert round_trips(body) == 5, body["extensions"]
