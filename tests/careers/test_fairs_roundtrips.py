"""Round trips are pinned for the job fair lists: an N+1 anywhere fails these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from graph.seed.writer import SeedWriter
from tests import factories as f
from tests.careers import factories as cf
from tests.careers.test_fairs import fair_event
from tests.gql import gid, gql, round_trips


async def _big_fair(graph, *, companies=6, jobs_per_company=6, attendees=40):
    """A fair with `companies` exhibitors posting jobs that ask for three skills, and attendees
    who hold them, every other one opted in."""
    fair = await fair_event(graph, capacity=500)
    skills = await f.skills(graph, 3)
    recruiters = [await cf.recruiter(graph) for _ in range(companies)]
    now = datetime.now(timezone.utc)
    rows, requirements = [], []
    for i, recruiter in enumerate(recruiters):
        for k in range(jobs_per_company):
            job_id = f"fair-job-{i:02d}-{k:02d}"
            rows.append({"id": job_id, "companyId": recruiter["company"]["id"], "title": f"Developer {i}.{k}",
                         "description": "Build", "seniority": "MID", "employmentType": "FULL_TIME",
                         "workplace": "ON_SITE", "city": "Berlin", "country": "DE", "latitude": 52.52,
                         "longitude": 13.405, "salaryMin": None, "salaryMax": None, "salaryCurrency": None,
                         "minRank": 0, "status": "OPEN", "postedAt": now - timedelta(hours=i * 10 + k),
                         "closesAt": None, "closedAt": None})
            requirements += [{"jobId": job_id, "skillId": s["id"], "minLevel": 3 + (i + k + n) % 3, "weight": 3,
                              "necessity": "REQUIRED" if n == 0 else "NICE_TO_HAVE"} for n, s in enumerate(skills)]
    writer = SeedWriter(graph)
    await writer.job_postings(rows)
    await writer.job_skill_requirements(requirements)
    await writer.job_fair_exhibitors([{"companyId": r["company"]["id"], "eventId": fair["id"], "since": now}
                                      for r in recruiters])
    people = await f.members(graph, attendees)
    await f.holdings(graph, [(m, s, 1 + (i + n) % 5) for i, m in enumerate(people) for n, s in enumerate(skills)])
    for m in people[::2]:
        await cf.preferences(graph, m)
    await f.rsvps(graph, [(m, fair, "GOING") for m in people])
    return fair, recruiters, people


async def test_thirty_fair_jobs_with_their_companies_cost_three_queries(graph, client):
    fair, recruiters, _ = await _big_fair(graph)
    body = await gql(client, """query($id: ID!) { jobFair(eventId: $id) {
        event { title } jobs(first: 30) { totalCount nodes { id title status company { name } } } } }""",
                     {"id": gid("Event", fair)})
    assert "errors" not in body, body
    jobs = body["data"]["jobFair"]["jobs"]
    assert jobs["totalCount"] == 36 and len(jobs["nodes"]) == 30
    assert jobs["nodes"][0]["id"] == gid("JobPosting", {"id": "fair-job-00-00"})  # newest first
    assert {n["company"]["name"] for n in jobs["nodes"]} == {r["company"]["name"] for r in recruiters[:5]}
    # the event + the fair's jobs (with their postings) + companies, whatever the page size.
    assert round_trips(body) == 3, body["extensions"]


async def test_fair_companies_cost_two_queries(graph, client):
    fair, recruiters, _ = await _big_fair(graph)
    body = await gql(client, """query($id: ID!) { jobFair(eventId: $id) {
        companies(first: 30) { totalCount edges { exhibitingSince node { id name } } } } }""",
                     {"id": gid("Event", fair)})
    assert "errors" not in body, body
    assert body["data"]["jobFair"]["companies"]["totalCount"] == len(recruiters)
    assert round_trips(body) == 2, body["extensions"]  # the event + the exhibitors (with their rows)


async def test_a_page_of_the_viewers_fair_matches_costs_a_fixed_number_of_queries(graph, client, token_for):
    fair, _, people = await _big_fair(graph)
    body = await gql(client, """query($id: ID!) { jobFair(eventId: $id) { matches(first: 30) { totalCount
        edges { job { id } node { ... on JobMatch { score eligible factors { factor value }
          missing { kind skill { name } } job { title company { name } } } } } } } }""",
                     {"id": gid("Event", fair)}, headers=token_for(people[0]["id"]))
    assert "errors" not in body, body
    matches = body["data"]["jobFair"]["matches"]
    assert matches["totalCount"] == 36 and len(matches["edges"]) == 30
    ranks = [(not e["node"]["eligible"], -e["node"]["score"]) for e in matches["edges"]]
    assert ranks == sorted(ranks)
    assert any(e["node"]["missing"] for e in matches["edges"])
    assert all(e["job"]["id"] for e in matches["edges"])
    # the event + the fair's jobs + the release calendar, the viewer's profile and the postings'
    # requirements (together) + the missing skills + the companies, whatever the page size.
    assert round_trips(body) == 7, body["extensions"]


async def test_a_page_of_a_recruiters_fair_matches_costs_a_fixed_number_of_queries(graph, client, token_for):
    fair, recruiters, people = await _big_fair(graph)
    recruiter = recruiters[0]
    body = await gql(client, """query($id: ID!, $company: ID!) { jobFair(eventId: $id) {
        matches(first: 30, asCompany: $company) { totalCount edges { attendance job { title }
          node { ... on CandidateMatch { score eligible member { handle } missing { kind skill { name } } } } } } } }""",
                     {"id": gid("Event", fair), "company": gid("Company", recruiter["company"])},
                     headers=token_for(recruiter["id"], "member", "recruiter"))
    assert "errors" not in body, body
    matches = body["data"]["jobFair"]["matches"]
    opted_in = {m["handle"] for m in people[::2]}
    assert matches["totalCount"] == len(opted_in) == 20
    assert {e["node"]["member"]["handle"] for e in matches["edges"]} == opted_in
    assert {e["attendance"] for e in matches["edges"]} == {"GOING"}
    # the event + the viewer's recruiter companies + the company's jobs at the fair + the opted-in
    # attendees + the release calendar, their profiles and the postings' requirements (together) +
    # the page's members + the missing skills + one write of the profile views.
    assert any(e["node"]["missing"] for e in matches["edges"])
    assert round_trips(body) == 10, " ".join(body["extensions"]["graph"]["queries"])
