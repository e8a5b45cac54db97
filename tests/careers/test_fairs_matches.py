"""`jobFair.matches`: the viewer gets the fair's jobs ranked by their fit; a recruiter of an
exhibiting company gets the fair's attendees who opted in, ranked by their best fit over the
company's jobs at the fair. A member who has not opted in never appears, nor is counted."""

from __future__ import annotations

from graph.cypher import Query
from tests import factories as f
from tests.careers import factories as cf
from tests.careers.test_fairs import fair_event
from tests.gql import codes, gid, gql

VIEWER_MATCHES = """query($id: ID!, $first: Int, $after: String) { jobFair(eventId: $id) {
  matches(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { attendance job { id } node { __typename ... on JobMatch { score eligible job { id title } } } } } } }"""
RECRUITER_MATCHES = """query($id: ID!, $company: ID) { jobFair(eventId: $id) {
  matches(first: 10, asCompany: $company) { totalCount
    edges { attendance job { id } node { __typename ... on CandidateMatch { score eligible member { id handle } } } } } } }"""
VIEWS = Query("test_fair_views", """MATCH (r:Member)-[v:VIEWED_PROFILE]->(m:Member)
RETURN r.id AS recruiterId, m.id AS memberId, v.via AS via, v.companyId AS companyId ORDER BY m.id""", "",
              __file__, 0)


def _recruiter_headers(token_for, recruiter):
    return token_for(recruiter["id"], "member", "recruiter")


async def _fair_with_jobs(graph):
    """A fair where two companies exhibit with three jobs asking for two skills, and a company
    that does not exhibit."""
    fair = await fair_event(graph)
    s1, s2 = await f.skills(graph, 2)
    alpha = await cf.recruiter(graph)
    beta = await cf.recruiter(graph)
    outsider = await cf.recruiter(graph)
    jobs = {
        "fits": await cf.job(graph, alpha["company"], skills=[(s1, 3, 5, "REQUIRED"), (s2, 3, 2, "NICE_TO_HAVE")]),
        "stretch": await cf.job(graph, alpha["company"], skills=[(s2, 5, 5, "REQUIRED")]),
        "partial": await cf.job(graph, beta["company"], skills=[(s1, 2, 3, "REQUIRED"), (s2, 4, 3, "NICE_TO_HAVE")]),
        "outside": await cf.job(graph, outsider["company"], skills=[(s1, 1, 1, "REQUIRED")]),
    }
    await cf.exhibitor(graph, alpha["company"], fair)
    await cf.exhibitor(graph, beta["company"], fair)
    return fair, (s1, s2), {"alpha": alpha, "beta": beta, "outsider": outsider}, jobs


async def test_the_viewer_gets_the_fairs_jobs_ranked_by_their_fit(graph, client, token_for):
    fair, (s1, s2), _, jobs = await _fair_with_jobs(graph)
    viewer = await f.member(graph)
    await f.holdings(graph, [(viewer, s1, 4), (viewer, s2, 2)])
    body = await gql(client, VIEWER_MATCHES, {"id": gid("Event", fair), "first": 10},
                     headers=token_for(viewer["id"]))
    assert "errors" not in body, body
    matches = body["data"]["jobFair"]["matches"]
    assert matches["totalCount"] == 3
    nodes = [e["node"] for e in matches["edges"]]
    assert all(n["__typename"] == "JobMatch" for n in nodes)
    assert all(e["attendance"] is None and e["job"]["id"] == e["node"]["job"]["id"] for e in matches["edges"])
    # Eligible first (both jobs asking s1 at a level the viewer has), by score; then the one asking s2 at 5.
    assert [n["job"]["id"] for n in nodes][2] == gid("JobPosting", jobs["stretch"])
    assert [n["eligible"] for n in nodes] == [True, True, False]
    assert {n["job"]["id"] for n in nodes[:2]} == {gid("JobPosting", jobs["fits"]), gid("JobPosting", jobs["partial"])}
    assert nodes[0]["score"] >= nodes[1]["score"]

    # The same ranking, page by page.
    first = await gql(client, VIEWER_MATCHES, {"id": gid("Event", fair), "first": 2}, headers=token_for(viewer["id"]))
    page = first["data"]["jobFair"]["matches"]
    assert [e["node"]["job"]["id"] for e in page["edges"]] == [n["job"]["id"] for n in nodes[:2]]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await gql(client, VIEWER_MATCHES, {"id": gid("Event", fair), "first": 2,
                                              "after": page["pageInfo"]["endCursor"]}, headers=token_for(viewer["id"]))
    assert [e["node"]["job"]["id"] for e in rest["data"]["jobFair"]["matches"]["edges"]] == [nodes[2]["job"]["id"]]
    assert rest["data"]["jobFair"]["matches"]["pageInfo"]["hasNextPage"] is False

    anonymous = await gql(client, VIEWER_MATCHES, {"id": gid("Event", fair), "first": 10})
    assert codes(anonymous) == ["UNAUTHENTICATED"]


async def test_recruiters_get_only_opted_in_attendees_ranked_by_their_best_fit(graph, client, token_for):
    fair, (s1, s2), recruiters, jobs = await _fair_with_jobs(graph)
    best, good, weak, hidden, private, not_going, absent = await f.members(graph, 7)
    await f.holdings(graph, [(best, s1, 5), (best, s2, 5), (good, s1, 3), (weak, s1, 1),
                             (hidden, s1, 5), (hidden, s2, 5), (private, s1, 5), (private, s2, 5),
                             (not_going, s1, 5), (absent, s1, 5)])
    for member in (best, good, weak, not_going, absent):
        await cf.preferences(graph, member)
    await cf.preferences(graph, private, openToWork=True, visibility="ONLY_ME")  # open to work, but not to recruiters
    # `hidden` fits best of all and never set preferences: never opted in.
    await f.rsvps(graph, [(best, fair, "GOING"), (good, fair, "INTERESTED"), (weak, fair, "WAITLISTED"),
                          (hidden, fair, "GOING"), (private, fair, "GOING"), (not_going, fair, "NOT_GOING")])
    alpha = recruiters["alpha"]
    body = await gql(client, RECRUITER_MATCHES, {"id": gid("Event", fair), "company": gid("Company", alpha["company"])},
                     headers=_recruiter_headers(token_for, alpha))
    assert "errors" not in body, body
    matches = body["data"]["jobFair"]["matches"]
    assert matches["totalCount"] == 3
    edges = matches["edges"]
    assert [e["node"]["member"]["id"] for e in edges] == [gid("Member", m) for m in (best, good, weak)]
    assert [e["attendance"] for e in edges] == ["GOING", "INTERESTED", "WAITLISTED"]
    assert all(e["node"]["__typename"] == "CandidateMatch" for e in edges)
    assert [e["node"]["eligible"] for e in edges] == [True, True, False]
    # Each attendee's best fit among alpha's jobs at the fair: `fits` for those with s1 but not s2
    # at 5 (best has both: both of alpha's jobs fit them fully, and the posting's id decides).
    assert edges[1]["job"]["id"] == gid("JobPosting", jobs["fits"])
    assert all(e["job"]["id"] in {gid("JobPosting", jobs["fits"]), gid("JobPosting", jobs["stretch"])} for e in edges)

    views = await graph.read(VIEWS)
    assert {(v["recruiterId"], v["memberId"], v["via"], v["companyId"]) for v in views} == {
        (alpha["id"], m["id"], "JOB_FAIR", alpha["company"]["id"]) for m in (best, good, weak)}


async def test_fair_matches_as_a_company_need_a_recruiter_of_an_exhibitor(graph, client, token_for):
    fair, _, recruiters, _ = await _fair_with_jobs(graph)
    plain = await f.member(graph)
    alpha, beta, outsider = recruiters["alpha"], recruiters["beta"], recruiters["outsider"]
    cases = [
        (_recruiter_headers(token_for, outsider), outsider["company"]),  # the company does not exhibit
        (_recruiter_headers(token_for, beta), alpha["company"]),  # another exhibitor's recruiter
        (token_for(plain["id"]), alpha["company"]),
        (token_for(alpha["id"]), alpha["company"]),  # RECRUITS_FOR without the recruiter role
    ]
    for headers, company in cases:
        body = await gql(client, RECRUITER_MATCHES, {"id": gid("Event", fair), "company": gid("Company", company)},
                         headers=headers)
        assert codes(body) == ["FORBIDDEN"], body
    anonymous = await gql(client, RECRUITER_MATCHES, {"id": gid("Event", fair),
                                                      "company": gid("Company", alpha["company"])})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    bad = await gql(client, RECRUITER_MATCHES, {"id": gid("Event", fair), "company": gid("Member", plain)},
                    headers=_recruiter_headers(token_for, alpha))
    assert codes(bad) == ["BAD_USER_INPUT"]
    assert await graph.read(VIEWS) == []


async def test_an_exhibitor_without_open_jobs_at_the_fair_has_no_matches(graph, client, token_for):
    fair, (s1, _), _, _ = await _fair_with_jobs(graph)
    gamma = await cf.recruiter(graph)
    await cf.job(graph, gamma["company"], status="CLOSED", skills=[(s1, 1, 1, "REQUIRED")])
    await cf.exhibitor(graph, gamma["company"], fair)
    attendee = await f.member(graph)
    await f.holdings(graph, [(attendee, s1, 5)])
    await cf.preferences(graph, attendee)
    await f.rsvps(graph, [(attendee, fair, "GOING")])
    body = await gql(client, RECRUITER_MATCHES, {"id": gid("Event", fair), "company": gid("Company", gamma["company"])},
                     headers=_recruiter_headers(token_for, gamma))
    assert body["data"]["jobFair"]["matches"] == {"totalCount": 0, "edges": []}
