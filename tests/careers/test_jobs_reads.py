"""JobPosting's fields, `job(id:)`, `node`/`_entities`, and the careers fields of Company."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests import factories
from tests.careers import factories as careers
from tests.gql import codes, gid, gql
from tests.learning import factories as learning

POSTING = """
  id title description seniority employmentType workplace status postedAt updatedAt closesAt closedAt
  location { city country latitude longitude }
  salary { min max currency }
  company { id name }
  skillRequirements { skill { id slug name } minLevel weight necessity }
  certificationRequirements { certification { id slug title } necessity }
  minRank { name position }
"""


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def test_every_field_of_a_posting(graph, client):
    await learning.ranks(graph)
    acme = await careers.company(graph, name="Acme")
    apex, flow = await factories.skills(graph, 2)
    admin_cert = await learning.certification(graph)
    closes = (_now() + timedelta(days=30)).replace(microsecond=0)
    posted = careers._now() - timedelta(days=2)
    job = await careers.job(graph, acme, title="Apex Developer", description="Write triggers", seniority="SENIOR",
                            employmentType="CONTRACT", workplace="HYBRID", city="Munich", country="DE",
                            latitude=48.137, longitude=11.575, salaryMin=60000, salaryMax=80000, salaryCurrency="EUR",
                            minRank=3, postedAt=posted, closesAt=closes,
                            skills=[(apex, 4, 5, "REQUIRED"), (flow, 2, 1, "NICE_TO_HAVE")],
                            certifications=[(admin_cert, "REQUIRED")])
    body = await gql(client, f"query($id: ID!) {{ job(id: $id) {{ {POSTING} }} }}", {"id": gid("JobPosting", job)})
    assert "errors" not in body, body
    got = body["data"]["job"]
    assert got["id"] == gid("JobPosting", job)
    assert (got["title"], got["description"], got["seniority"], got["employmentType"], got["workplace"]) == (
        "Apex Developer", "Write triggers", "SENIOR", "CONTRACT", "HYBRID")
    assert got["status"] == "OPEN" and got["closedAt"] is None
    assert datetime.fromisoformat(got["closesAt"]) == closes
    assert datetime.fromisoformat(got["postedAt"]) == posted == datetime.fromisoformat(got["updatedAt"])
    assert got["location"] == {"city": "Munich", "country": "DE", "latitude": 48.137, "longitude": 11.575}
    assert got["salary"] == {"min": 60000, "max": 80000, "currency": "EUR"}
    assert got["company"] == {"id": gid("Company", acme), "name": "Acme"}
    assert got["skillRequirements"] == [
        {"skill": {"id": gid("Skill", apex), "slug": apex["slug"], "name": apex["name"]}, "minLevel": 4, "weight": 5,
         "necessity": "REQUIRED"},
        {"skill": {"id": gid("Skill", flow), "slug": flow["slug"], "name": flow["name"]}, "minLevel": 2, "weight": 1,
         "necessity": "NICE_TO_HAVE"}]
    assert got["certificationRequirements"] == [
        {"certification": {"id": gid("Certification", admin_cert), "slug": admin_cert["slug"],
                           "title": admin_cert["title"]}, "necessity": "REQUIRED"}]
    assert got["minRank"]["position"] == 3 and got["minRank"]["name"]


async def test_optional_parts_are_null_when_absent(graph, client):
    acme = await careers.company(graph)
    remote = await careers.job(graph, acme, workplace="REMOTE", city=None, country=None, latitude=None, longitude=None)
    remote_de = await careers.job(graph, acme, workplace="REMOTE", city=None, country="DE", latitude=None,
                                  longitude=None)
    query = "query($id: ID!) { job(id: $id) { location { city country latitude longitude } salary { min } minRank { name } skillRequirements { minLevel } certificationRequirements { necessity } } }"
    body = await gql(client, query, {"id": gid("JobPosting", remote)})
    assert body["data"]["job"] == {"location": None, "salary": None, "minRank": None, "skillRequirements": [],
                                   "certificationRequirements": []}
    body = await gql(client, query, {"id": gid("JobPosting", remote_de)})
    assert body["data"]["job"]["location"] == {"city": None, "country": "DE", "latitude": None, "longitude": None}


async def test_a_posting_past_its_closes_at_reads_as_closed(graph, client):
    acme = await careers.company(graph)
    deadline = careers._now() - timedelta(hours=1)
    expired = await careers.job(graph, acme, postedAt=careers._now() - timedelta(days=20), closesAt=deadline)
    closed = await careers.job(graph, acme, status="CLOSED", closedAt=careers._now() - timedelta(days=1))
    query = "query($id: ID!) { job(id: $id) { status closesAt closedAt } }"
    got = (await gql(client, query, {"id": gid("JobPosting", expired)}))["data"]["job"]
    assert got["status"] == "CLOSED"
    assert datetime.fromisoformat(got["closedAt"]) == deadline == datetime.fromisoformat(got["closesAt"])
    got = (await gql(client, query, {"id": gid("JobPosting", closed)}))["data"]["job"]
    assert got["status"] == "CLOSED" and got["closedAt"] is not None


async def test_job_by_id_is_null_when_missing_and_bad_input_when_malformed(graph, client):
    body = await gql(client, "query($id: ID!) { job(id: $id) { id } }",
                     {"id": gid("JobPosting", {"id": "00000000-0000-0000-0000-000000000000"})})
    assert body["data"]["job"] is None and "errors" not in body
    body = await gql(client, "query($id: ID!) { job(id: $id) { id } }", {"id": "not-an-id"})
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "id"
    acme = await careers.company(graph)
    body = await gql(client, "query($id: ID!) { job(id: $id) { id } }", {"id": gid("Company", acme)})
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_node_and_entities_resolve_postings(graph, client):
    acme = await careers.company(graph, name="Acme")
    job = await careers.job(graph, acme, title="Admin wanted")
    missing = gid("JobPosting", {"id": "00000000-0000-0000-0000-000000000000"})
    body = await gql(client, """query($id: ID!, $missing: ID!) {
        node(id: $id) { __typename id ... on JobPosting { title company { name } } }
        gone: node(id: $missing) { id } bad: node(id: "garbage") { id } }""",
                     {"id": gid("JobPosting", job), "missing": missing})
    assert body["data"] == {"node": {"__typename": "JobPosting", "id": gid("JobPosting", job), "title": "Admin wanted",
                                     "company": {"name": "Acme"}}, "gone": None, "bad": None}, body
    body = await gql(client, """query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on JobPosting { id title status } } }""",
                     {"reps": [{"__typename": "JobPosting", "id": gid("JobPosting", job)},
                               {"__typename": "JobPosting", "id": missing}]},
                     path="/subgraphs/careers/graphql")
    assert body["data"]["_entities"] == [{"id": gid("JobPosting", job), "title": "Admin wanted", "status": "OPEN"},
                                         None], body


# -- Company fields ---------------------------------------------------------------------------------


async def test_company_size_and_open_job_count(graph, client):
    acme = await careers.company(graph, size="LARGE")
    unknown = await careers.company(graph)
    for _ in range(3):
        await careers.job(graph, acme)
    await careers.job(graph, acme, status="CLOSED", closedAt=careers._now())
    await careers.job(graph, acme, closesAt=careers._now() - timedelta(minutes=5))
    body = await gql(client, """query($a: ID!, $b: ID!) { a: company(id: $a) { size openJobCount }
                                                        b: company(id: $b) { size openJobCount } }""",
                     {"a": gid("Company", acme), "b": gid("Company", unknown)})
    assert body["data"] == {"a": {"size": "LARGE", "openJobCount": 3}, "b": {"size": None, "openJobCount": 0}}, body


async def test_company_jobs_by_status_newest_first_and_paged(graph, client):
    acme = await careers.company(graph)
    other = await careers.company(graph)
    now = careers._now()
    open_jobs = [await careers.job(graph, acme, title=f"Open {i}", postedAt=now - timedelta(days=i)) for i in range(5)]
    expired = await careers.job(graph, acme, title="Expired", postedAt=now - timedelta(days=40),
                                closesAt=now - timedelta(days=1))
    closed = await careers.job(graph, acme, title="Closed", status="CLOSED", postedAt=now - timedelta(days=50),
                               closedAt=now - timedelta(days=3))
    await careers.job(graph, other, title="Elsewhere")
    query = """query($id: ID!, $status: JobStatus!, $after: String) { company(id: $id) {
        jobs(status: $status, first: 2, after: $after) { totalCount edges { cursor node { title status } }
                                                        pageInfo { hasNextPage endCursor } }
        all: jobs(first: 10) { totalCount nodes { title } } } }"""
    body = await gql(client, query, {"id": gid("Company", acme), "status": "OPEN"})
    page = body["data"]["company"]["jobs"]
    assert page["totalCount"] == 5 and [e["node"]["title"] for e in page["edges"]] == ["Open 0", "Open 1"]
    assert page["pageInfo"]["hasNextPage"] is True
    assert [n["title"] for n in body["data"]["company"]["all"]["nodes"]] == [j["title"] for j in open_jobs]
    body = await gql(client, query, {"id": gid("Company", acme), "status": "OPEN", "after": page["pageInfo"]["endCursor"]})
    assert [e["node"]["title"] for e in body["data"]["company"]["jobs"]["edges"]] == ["Open 2", "Open 3"]
    body = await gql(client, query, {"id": gid("Company", acme), "status": "CLOSED"})
    page = body["data"]["company"]["jobs"]
    assert page["totalCount"] == 2
    assert [e["node"] for e in page["edges"]] == [{"title": expired["title"], "status": "CLOSED"},
                                                   {"title": closed["title"], "status": "CLOSED"}]


async def test_recruiters_show_only_visible_profiles_and_count_only_those(graph, client, token_for):
    acme = await careers.company(graph)
    alice = await careers.recruiter(graph, acme, handle="alice-recruits")
    await careers.recruiter(graph, acme, handle="bob-recruits", visibility="MEMBERS")
    hidden = await careers.recruiter(graph, acme, handle="carol-recruits", visibility="PRIVATE")
    await careers.recruiter(graph, handle="dave-elsewhere")
    query = """query($id: ID!) { company(id: $id) { recruiters(first: 10) {
        totalCount edges { cursor since node { handle } } nodes { handle } } } }"""
    body = await gql(client, query, {"id": gid("Company", acme)})
    page = body["data"]["company"]["recruiters"]
    assert page["totalCount"] == 1 and [e["node"]["handle"] for e in page["edges"]] == ["alice-recruits"]
    assert page["edges"][0]["since"] is not None
    body = await gql(client, query, {"id": gid("Company", acme)}, headers=token_for(alice["id"]))
    assert body["data"]["company"]["recruiters"]["totalCount"] == 2
    body = await gql(client, query, {"id": gid("Company", acme)}, headers=token_for(hidden["id"]))
    page = body["data"]["company"]["recruiters"]
    assert page["totalCount"] == 3
    assert [n["handle"] for n in page["nodes"]] == ["alice-recruits", "bob-recruits", "carol-recruits"]


async def test_viewer_is_recruiter_needs_the_role_and_the_relationship(graph, client, token_for):
    acme = await careers.company(graph)
    other = await careers.company(graph)
    rec = await careers.recruiter(graph, acme)
    query = """query($a: ID!, $b: ID!) { a: company(id: $a) { viewerIsRecruiter } b: company(id: $b) { viewerIsRecruiter } }"""
    ids = {"a": gid("Company", acme), "b": gid("Company", other)}
    body = await gql(client, query, ids, headers=token_for(rec["id"], "recruiter"))
    assert body["data"] == {"a": {"viewerIsRecruiter": True}, "b": {"viewerIsRecruiter": False}}
    body = await gql(client, query, ids, headers=token_for(rec["id"]))  # no recruiter seat
    assert body["data"]["a"] == {"viewerIsRecruiter": False}
    body = await gql(client, query, ids)
    assert body["data"]["a"] == {"viewerIsRecruiter": False}
