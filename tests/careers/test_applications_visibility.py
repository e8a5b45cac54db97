"""Who sees an application: the applicant and the recruiters of the posting's company, through
every path (`node`, `_entities`, `viewer.applications`, `job.applications`); null or FORBIDDEN for
everyone else. Recruiters see applicants whatever their profile visibility or opt-in, and that
records a profile view via APPLICATION."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql

NODE = """query($id: ID!) { node(id: $id) { ... on Application { id status applicant { handle } job { title } } } }"""
ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id status } } }"""
JOB_APPLICATIONS = """query($id: ID!, $status: ApplicationStatus) { job(id: $id) {
  applications(first: 10, status: $status) { totalCount nodes { id status applicant { handle visibility } } } } }"""
VIEWER_APPLICATIONS = """query($status: ApplicationStatus) { viewer { applications(first: 10, status: $status) {
  totalCount edges { cursor node { id status job { title company { name } } } } pageInfo { hasNextPage } } } }"""
VIEWS = Query("test_application_views", """MATCH (r:Member)-[v:VIEWED_PROFILE]->(m:Member)
RETURN r.id AS recruiterId, m.id AS memberId, v.via AS via, v.companyId AS companyId ORDER BY m.id""", "",
              __file__, 0)


def _recruiter_headers(token_for, recruiter):
    return token_for(recruiter["id"], "member", "recruiter")


async def _setup(graph):
    recruiter = await cf.recruiter(graph)
    job = await cf.job(graph, recruiter["company"])
    # A private, not-opted-in applicant: recruiters of the company still see them on the application.
    seeker = await f.member(graph, visibility="PRIVATE")
    await cf.preferences(graph, seeker, openToWork=False, visibility="ONLY_ME")
    application = await cf.application(graph, seeker, job)
    return recruiter, job, seeker, application


async def test_node_and_entities_show_an_application_to_its_applicant_and_the_companys_recruiters(
        graph, client, token_for):
    recruiter, job, seeker, application = await _setup(graph)
    other_recruiter = await cf.recruiter(graph)
    plain = await f.member(graph)
    app_id = gid("Application", application)
    for headers in (token_for(seeker["id"]), _recruiter_headers(token_for, recruiter)):
        body = await gql(client, NODE, {"id": app_id}, headers=headers)
        assert body["data"]["node"] == {"id": app_id, "status": "APPLIED", "applicant": {"handle": seeker["handle"]},
                                        "job": {"title": job["title"]}}, body
    for headers in ({}, token_for(plain["id"]), _recruiter_headers(token_for, other_recruiter),
                    token_for(recruiter["id"])):  # RECRUITS_FOR without the recruiter role
        body = await gql(client, NODE, {"id": app_id}, headers=headers)
        assert body["data"]["node"] is None and "errors" not in body, body
        entities = await gql(client, ENTITIES, {"r": [{"__typename": "Application", "id": app_id}]}, headers=headers,
                             path="/subgraphs/careers/graphql")
        assert entities["data"]["_entities"] == [None], entities
    entities = await gql(client, ENTITIES, {"r": [{"__typename": "Application", "id": app_id},
                                                  {"__typename": "Application", "id": "not-an-id"}]},
                         headers=token_for(seeker["id"]), path="/subgraphs/careers/graphql")
    assert entities["data"]["_entities"] == [{"id": app_id, "status": "APPLIED"}, None]


async def test_job_applications_are_for_the_companys_recruiters_and_show_hidden_applicants(graph, client, token_for):
    recruiter, job, seeker, application = await _setup(graph)
    public = await f.member(graph)
    rejected = await cf.application(graph, public, job, status="REJECTED",
                                    appliedAt=datetime.now(timezone.utc) - timedelta(days=2))
    body = await gql(client, JOB_APPLICATIONS, {"id": gid("JobPosting", job)},
                     headers=_recruiter_headers(token_for, recruiter))
    assert "errors" not in body, body
    connection = body["data"]["job"]["applications"]
    assert connection["totalCount"] == 2
    assert connection["nodes"] == [  # newest first
        {"id": gid("Application", application), "status": "APPLIED",
         "applicant": {"handle": seeker["handle"], "visibility": "PRIVATE"}},
        {"id": gid("Application", rejected), "status": "REJECTED",
         "applicant": {"handle": public["handle"], "visibility": "PUBLIC"}}]
    views = await graph.read(VIEWS)
    assert {(v["recruiterId"], v["memberId"], v["via"], v["companyId"]) for v in views} == {
        (recruiter["id"], m["id"], "APPLICATION", recruiter["company"]["id"]) for m in (seeker, public)}

    only = await gql(client, JOB_APPLICATIONS, {"id": gid("JobPosting", job), "status": "REJECTED"},
                     headers=_recruiter_headers(token_for, recruiter))
    assert [n["id"] for n in only["data"]["job"]["applications"]["nodes"]] == [gid("Application", rejected)]
    assert only["data"]["job"]["applications"]["totalCount"] == 1

    other_recruiter = await cf.recruiter(graph)
    for headers in (_recruiter_headers(token_for, other_recruiter), token_for(public["id"]),
                    token_for(seeker["id"])):
        assert codes(await gql(client, JOB_APPLICATIONS, {"id": gid("JobPosting", job)}, headers=headers)) == [
            "FORBIDDEN"]
    assert codes(await gql(client, JOB_APPLICATIONS, {"id": gid("JobPosting", job)})) == ["UNAUTHENTICATED"]
    assert len(await graph.read(VIEWS)) == 2  # refused reads record nothing


async def test_viewer_applications_are_the_viewers_own_newest_first(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    jobs = [await cf.job(graph, recruiter["company"]) for _ in range(3)]
    seeker, other = await f.members(graph, 2)
    now = datetime.now(timezone.utc)
    mine = [await cf.application(graph, seeker, job, appliedAt=now - timedelta(days=i),
                                 status="HIRED" if i == 2 else "APPLIED")
            for i, job in enumerate(jobs)]
    await cf.application(graph, other, jobs[0])
    body = await gql(client, VIEWER_APPLICATIONS, headers=token_for(seeker["id"]))
    connection = body["data"]["viewer"]["applications"]
    assert connection["totalCount"] == 3
    assert [e["node"]["id"] for e in connection["edges"]] == [gid("Application", a) for a in mine]
    assert [e["node"]["job"] for e in connection["edges"]] == [
        {"title": j["title"], "company": {"name": recruiter["company"]["name"]}} for j in jobs]
    hired = await gql(client, VIEWER_APPLICATIONS, {"status": "HIRED"}, headers=token_for(seeker["id"]))
    assert [e["node"]["id"] for e in hired["data"]["viewer"]["applications"]["edges"]] == [gid("Application", mine[2])]

    # Paging forwards with the cursor.
    first = await gql(client, """{ viewer { applications(first: 2) { edges { cursor node { id } }
        pageInfo { hasNextPage endCursor } } } }""", headers=token_for(seeker["id"]))
    page = first["data"]["viewer"]["applications"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await gql(client, """query($after: String) { viewer { applications(first: 2, after: $after) {
        nodes { id } pageInfo { hasNextPage } } } }""", {"after": page["pageInfo"]["endCursor"]},
                     headers=token_for(seeker["id"]))
    assert rest["data"]["viewer"]["applications"] == {"nodes": [{"id": gid("Application", mine[2])}],
                                                      "pageInfo": {"hasNextPage": False}}

    on_someone_else = await gql(client, """query($id: ID!) { node(id: $id) { ... on Member {
        applications(first: 5) { totalCount } } } }""", {"id": gid("Member", seeker)}, headers=token_for(other["id"]))
    assert codes(on_someone_else) == ["FORBIDDEN"]
    assert (await gql(client, VIEWER_APPLICATIONS))["data"]["viewer"] is None  # anonymous: no viewer


async def test_viewer_application_is_the_viewers_own_only(graph, client, token_for):
    recruiter, job, seeker, application = await _setup(graph)
    query = """query($id: ID!) { job(id: $id) { viewerApplication { id } } }"""
    mine = await gql(client, query, {"id": gid("JobPosting", job)}, headers=token_for(seeker["id"]))
    assert mine["data"]["job"]["viewerApplication"] == {"id": gid("Application", application)}
    for headers in ({}, _recruiter_headers(token_for, recruiter), token_for((await f.member(graph))["id"])):
        body = await gql(client, query, {"id": gid("JobPosting", job)}, headers=headers)
        assert body["data"]["job"]["viewerApplication"] is None, body


async def test_bad_status_filters_and_page_sizes_are_bad_input(graph, client, token_for):
    _, _, seeker, _ = await _setup(graph)
    body = await gql(client, "{ viewer { applications(first: 101) { totalCount } } }", headers=token_for(seeker["id"]))
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, "{ viewer { applications(status: MAYBE) { totalCount } } }",
                     headers=token_for(seeker["id"]))
    assert body.get("errors")  # not an enum value: GraphQL validation refuses it
