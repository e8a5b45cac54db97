"""`job.candidates`: opted-in members only (in every field and count), recruiters of the posting's
company only, ranked with what each candidate lacks, profile views logged, round trips pinned;
and the ranking functions the job-fair area reuses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from graph.careers.matching import MemberCandidates
from resolvers.auth import Viewer
from resolvers.careers.matching import match_jobs_for_member, match_members_for_jobs, most_promising_members
from resolvers.scope import RequestScope
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

CANDIDATES = """query($id: ID!, $first: Int, $after: String, $eligibleOnly: Boolean! = false) {
  job(id: $id) { candidates(first: $first, after: $after, eligibleOnly: $eligibleOnly) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { score eligible distanceKm member { id handle }
      factors { factor value } missing { kind necessity skill { id } neededLevel currentLevel }
      matchedSkills { id } } } } } }"""

VIEWS = "{ viewer { profileViews { totalCount edges { node { via company { id } recruiter { id } } } } } }"


async def candidates(client, headers, job, **variables):
    body = await gql(client, CANDIDATES, {"id": gid("JobPosting", job), **variables}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["job"]["candidates"]


def handles(page) -> list[str]:
    return [edge["node"]["member"]["handle"] for edge in page["edges"]]


async def _posting(graph):
    recruiter = await cf.recruiter(graph)
    a, b = await f.skills(graph, 2)
    job = await cf.job(graph, recruiter["company"], skills=[(a, 3, 2, "REQUIRED"), (b, 2, 1, "NICE_TO_HAVE")])
    return recruiter, job, a, b


async def test_only_opted_in_members_appear_and_count(graph, client, token_for):
    recruiter, job, a, b = await _posting(graph)
    fits = await f.member(graph, handle="fits")  # opted in, meets everything
    await f.holdings(graph, [(fits, a, 3), (fits, b, 2)])
    await cf.preferences(graph, fits)
    private = await f.member(graph, handle="private-fit", visibility="PRIVATE")  # opted in, hidden profile
    await f.holdings(graph, [(private, a, 4)])
    await cf.preferences(graph, private)
    lacking = await f.member(graph, handle="lacking")  # opted in, only the nice-to-have
    await f.holdings(graph, [(lacking, b, 5)])
    await cf.preferences(graph, lacking)
    # Better fits than anyone, but not opted in: no preferences, open to work for nobody, not open to work.
    hidden = []
    for handle, prefs in (("silent", None), ("only-me", {"visibility": "ONLY_ME"}),
                          ("not-looking", {"openToWork": False})):
        row = await f.member(graph, handle=handle, rank=12)
        await f.holdings(graph, [(row, a, 5), (row, b, 5)])
        if prefs is not None:
            await cf.preferences(graph, row, **prefs)
        hidden.append(row)
    await cf.job(graph, recruiter["company"])  # another posting of the company: irrelevant
    unrelated = await f.member(graph, handle="unrelated")  # opted in, holds nothing asked
    await cf.preferences(graph, unrelated)

    body = await gql(client, CANDIDATES, {"id": gid("JobPosting", job)},
                     headers=token_for(recruiter["id"], "recruiter"))
    assert "errors" not in body, body
    page = body["data"]["job"]["candidates"]
    assert page["totalCount"] == 3
    assert handles(page) == ["fits", "private-fit", "lacking"]
    assert [e["node"]["eligible"] for e in page["edges"]] == [True, True, False]
    last = page["edges"][2]["node"]
    assert [(m["kind"], m["necessity"], m["skill"]["id"], m["neededLevel"], m["currentLevel"])
            for m in last["missing"]] == [("SKILL", "REQUIRED", gid("Skill", a), 3, None)]
    for row in [*hidden, unrelated]:  # not in any field
        assert row["id"] not in str(body) and gid("Member", row) not in str(body)

    only = await candidates(client, token_for(recruiter["id"], "recruiter"), job, eligibleOnly=True)
    assert only["totalCount"] == 2 and handles(only) == ["fits", "private-fit"]


async def test_recruiters_of_the_company_only(graph, client, token_for):
    recruiter, job, a, _ = await _posting(graph)
    member = await f.member(graph)
    await f.holdings(graph, [(member, a, 3)])
    await cf.preferences(graph, member)
    elsewhere = await cf.recruiter(graph)  # recruits for another company
    variables = {"id": gid("JobPosting", job)}
    body = await gql(client, CANDIDATES, variables)
    assert codes(body) == ["UNAUTHENTICATED"]
    for headers in (token_for(member["id"]), token_for(member["id"], "recruiter"),
                    token_for(recruiter["id"]),  # the relationship without the recruiter role
                    token_for(elsewhere["id"], "recruiter")):
        body = await gql(client, CANDIDATES, variables, headers=headers)
        assert codes(body) == ["FORBIDDEN"], body
        assert member["handle"] not in str(body)
    body = await gql(client, CANDIDATES, variables, headers=token_for(recruiter["id"], "recruiter"))
    assert handles(body["data"]["job"]["candidates"]) == [member["handle"]]


async def test_showing_a_candidate_logs_a_profile_view(graph, client, token_for):
    recruiter, job, a, _ = await _posting(graph)
    shown, unseen = await f.member(graph, handle="shown"), await f.member(graph, handle="unseen")
    await f.holdings(graph, [(shown, a, 3), (unseen, a, 2)])
    for row in (shown, unseen):
        await cf.preferences(graph, row)
    headers = token_for(recruiter["id"], "recruiter")
    page = await candidates(client, headers, job, first=1)
    assert handles(page) == ["shown"] and page["totalCount"] == 2
    # Scores only, no member: nothing is logged for the second page.
    body = await gql(client, """query($id: ID!, $after: String) { job(id: $id) { candidates(first: 1, after: $after) {
        edges { node { score } } } } }""", {"id": gid("JobPosting", job), "after": page["pageInfo"]["endCursor"]},
                     headers=headers)
    assert len(body["data"]["job"]["candidates"]["edges"]) == 1

    views = (await gql(client, VIEWS, headers=token_for(shown["id"])))["data"]["viewer"]["profileViews"]
    assert views["totalCount"] == 1
    assert views["edges"][0]["node"] == {"via": "CANDIDATES", "company": {"id": gid("Company", recruiter["company"])},
                                         "recruiter": {"id": gid("Member", recruiter)}}
    views = (await gql(client, VIEWS, headers=token_for(unseen["id"])))["data"]["viewer"]["profileViews"]
    assert views["totalCount"] == 0


async def test_pages_follow_the_ranking(graph, client, token_for):
    recruiter, job, a, b = await _posting(graph)
    for level in range(1, 6):
        for _ in range(2):
            row = await f.member(graph)
            await f.holdings(graph, [(row, a, level), (row, b, level)])
            await cf.preferences(graph, row)
    headers = token_for(recruiter["id"], "recruiter")
    everything = await candidates(client, headers, job, first=100)
    assert everything["totalCount"] == 10
    scores = [e["node"]["score"] for e in everything["edges"]]
    assert scores == sorted(scores, reverse=True)
    assert [e["node"]["eligible"] for e in everything["edges"]] == [True] * 6 + [False] * 4  # level 3 and up
    seen, after = [], None
    while True:
        page = await candidates(client, headers, job, first=4, after=after)
        seen += handles(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == handles(everything)


async def test_a_page_of_candidates_costs_a_fixed_number_of_queries(graph, client, token_for):
    await lf.ranks(graph)
    recruiter = await cf.recruiter(graph)
    skills = await f.skills(graph, 4)
    cert = await lf.certification(graph)
    job = await cf.job(graph, recruiter["company"], minRank=3,
                       skills=[(skills[0], 3, 2, "REQUIRED"), (skills[1], 2, 1, "NICE_TO_HAVE")],
                       certifications=[(cert, "REQUIRED")])
    now = datetime.now(timezone.utc)
    for i in range(44):
        row = await f.member(graph, visibility=("PUBLIC", "MEMBERS", "PRIVATE")[i % 3], rank=1 + i % 6)
        await f.holdings(graph, [(row, skills[i % 4], 1 + i % 5)])
        if i % 2:
            await lf.credential(graph, row, cert, earned_at=now - timedelta(days=i))
        await cf.preferences(graph, row)
    query = """query($id: ID!) { job(id: $id) { title candidates(first: 30) { totalCount edges { cursor node {
        score eligible distanceKm factors { factor weight value contribution detail }
        missing { kind necessity expired skill { name } certification { title }
                  neededRank { name } currentRank { name } }
        matchedSkills { name } matchedCertifications { title }
        member { handle displayName skills { skill { name } level } } } } } } }"""
    body = await gql(client, query, {"id": gid("JobPosting", job)}, headers=token_for(recruiter["id"], "recruiter"))
    assert "errors" not in body, body
    page = body["data"]["job"]["candidates"]
    # Members holding skill 2 without a credential hold nothing the posting asks for: 11 of 44.
    assert page["totalCount"] == 33 and len(page["edges"]) == 30
    # The posting; the recruiter's companies; the release calendar, requirements and candidates (at
    # once); the candidates' scoring rows; the page's members; skills, certifications and ranks of
    # the matches; the profile-view write; the members' own skills.
    assert round_trips(body) == 12, body["extensions"]


# -- the functions job fairs reuse ------------------------------------------------------------------


async def test_ranking_functions_for_job_fairs(graph):
    recruiter = await cf.recruiter(graph)
    a, b = await f.skills(graph, 2)
    company = recruiter["company"]
    ask_a = await cf.job(graph, company, skills=[(a, 3, 1, "REQUIRED")])
    ask_b = await cf.job(graph, company, skills=[(b, 3, 1, "REQUIRED")])
    ask_both = await cf.job(graph, company, skills=[(a, 3, 1, "REQUIRED"), (b, 5, 1, "REQUIRED")])
    holds_a, holds_b, silent = await f.member(graph), await f.member(graph), await f.member(graph)
    await f.holdings(graph, [(holds_a, a, 3), (holds_b, b, 5), (silent, a, 5), (silent, b, 5)])
    for row in (holds_a, holds_b):
        await cf.preferences(graph, row)
    scope = RequestScope(graph, Viewer(recruiter["id"], frozenset({"member", "recruiter"})))

    ranked = await match_jobs_for_member(scope, holds_a["id"], [ask_b, ask_both, ask_a])
    assert [m.key for m in ranked] == [ask_a["id"], ask_both["id"], ask_b["id"]]
    assert [m.eligible for m in ranked] == [True, False, False]
    assert await match_jobs_for_member(scope, "no-such-member", [ask_a]) == []

    best = await match_members_for_jobs(scope, [ask_a, ask_b, ask_both], [silent["id"], holds_b["id"], holds_a["id"]])
    # Each opted-in member with their best posting (`silent` did not opt in), members ranked.
    assert {m.key: job_id for m, job_id in best} == {holds_a["id"]: ask_a["id"], holds_b["id"]: ask_b["id"]}
    assert all(m.eligible for m, _ in best)
    assert [m.score for m, _ in best] == sorted((m.score for m, _ in best), reverse=True)
    assert await match_members_for_jobs(scope, [], [holds_a["id"]]) == []


def test_the_most_promising_members_are_scored_first():
    found = MemberCandidates(ids=["d", "c", "b", "a"], promises=[1, 4, 4, 4], ranks=[12, 2, 5, 2])
    assert most_promising_members(found, 3) == ["b", "a", "c"]  # promise, then rank, then id
    assert most_promising_members(found, 10) == ["b", "a", "c", "d"]
