"""`viewer.jobMatches`: the scoring model explained through the API (factors, what is missing),
eligible postings before ineligible ones, which postings are listed, filters, paging, errors and
round trips."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from graph.cypher import Query
from resolvers.careers import matching
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

SET_RANK = Query("test_set_rank", "MATCH (m:Member {id: $id}) SET m.rank = $rank RETURN m.id AS id", "", __file__, 0)

MATCH_FIELDS = """score eligible distanceKm
  factors { factor weight value contribution detail }
  missing { kind necessity neededLevel currentLevel expired skill { id } certification { id }
            neededRank { position } currentRank { position } }
  matchedSkills { id } matchedCertifications { id }
  job { id title }"""

MATCHES = f"""query($first: Int, $after: String, $filter: JobMatchFilter) {{
  viewer {{ jobMatches(first: $first, after: $after, filter: $filter) {{
    totalCount pageInfo {{ hasNextPage endCursor }}
    edges {{ cursor node {{ {MATCH_FIELDS} }} }} }} }} }}"""


async def matches(client, headers, **variables):
    body = await gql(client, MATCHES, variables, headers=headers)
    assert "errors" not in body, body
    return body["data"]["viewer"]["jobMatches"]


def nodes(page) -> list[dict]:
    return [edge["node"] for edge in page["edges"]]


def by_job(page, job_row) -> dict:
    return next(n for n in nodes(page) if n["job"]["id"] == gid("JobPosting", job_row))


def factor(node, name) -> dict:
    return next(x for x in node["factors"] if x["factor"] == name)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


async def test_a_required_skill_weighs_more_than_a_nice_to_have_one(graph, client, token_for):
    viewer = await f.member(graph)
    a, b = await f.skills(graph, 2)
    await f.holdings(graph, [(viewer, a, 3)])
    company = await cf.company(graph)
    required = await cf.job(graph, company, skills=[(a, 3, 2, "REQUIRED"), (b, 3, 2, "NICE_TO_HAVE")])
    nice = await cf.job(graph, company, skills=[(a, 3, 2, "NICE_TO_HAVE"), (b, 3, 2, "REQUIRED")])

    page = await matches(client, token_for(viewer["id"]))
    first, second = nodes(page)
    assert first["job"]["id"] == gid("JobPosting", required) and second["job"]["id"] == gid("JobPosting", nice)
    assert factor(first, "SKILLS")["value"] == pytest.approx(2 / 3)  # 2 x 2 of (2 x 2 + 2)
    assert factor(second, "SKILLS")["value"] == pytest.approx(1 / 3)
    assert factor(first, "SKILLS")["detail"] == "1 of 2 skills at the level asked"
    assert first["eligible"] and not second["eligible"]
    assert first["matchedSkills"] == [{"id": gid("Skill", a)}] == second["matchedSkills"]
    assert [(m["kind"], m["necessity"], m["skill"], m["neededLevel"], m["currentLevel"])
            for m in second["missing"]] == [("SKILL", "REQUIRED", {"id": gid("Skill", b)}, 3, None)]
    assert [m["necessity"] for m in first["missing"]] == ["NICE_TO_HAVE"]
    # The score is the sum of the contributions, each weight x value.
    for node in (first, second):
        assert sum(x["contribution"] for x in node["factors"]) == pytest.approx(node["score"], abs=1e-5)
        assert all(x["contribution"] == pytest.approx(x["weight"] * x["value"], abs=1e-5) for x in node["factors"])
        assert {x["factor"] for x in node["factors"]} == {"SKILLS", "CERTIFICATIONS", "RANK", "LOCATION", "SENIORITY"}


async def test_a_skill_below_the_level_asked_earns_a_share_and_is_missing(graph, client, token_for):
    viewer = await f.member(graph)
    (a,) = await f.skills(graph, 1)
    await f.holdings(graph, [(viewer, a, 2)])
    job = await cf.job(graph, await cf.company(graph), skills=[(a, 4, 1, "REQUIRED")])
    node = nodes(await matches(client, token_for(viewer["id"])))[0]
    assert factor(node, "SKILLS")["value"] == pytest.approx(0.5)
    assert not node["eligible"] and node["matchedSkills"] == []
    assert [(m["kind"], m["neededLevel"], m["currentLevel"]) for m in node["missing"]] == [("SKILL", 4, 2)]
    assert node["job"]["id"] == gid("JobPosting", job)


async def test_active_and_maintenance_due_credentials_count_and_an_expired_one_is_reported(graph, client, token_for):
    now = _now()
    await lf.release(graph, name="Old", released_at=now - timedelta(days=200),
                     maintenance_deadline=now - timedelta(days=100))
    await lf.release(graph, name="New", released_at=now - timedelta(days=10),
                     maintenance_deadline=now + timedelta(days=80))
    viewer = await f.member(graph)
    active, due, expired = [await lf.certification(graph) for _ in range(3)]
    await lf.credential(graph, viewer, active, earned_at=now - timedelta(days=5))
    await lf.credential(graph, viewer, due, earned_at=now - timedelta(days=50))
    await lf.credential(graph, viewer, expired, earned_at=now - timedelta(days=300))
    company = await cf.company(graph)
    jobs = {name: await cf.job(graph, company, certifications=[(cert, "REQUIRED")])
            for name, cert in (("active", active), ("due", due), ("expired", expired))}

    page = await matches(client, token_for(viewer["id"]))
    assert page["totalCount"] == 3
    for name, cert in (("active", active), ("due", due)):
        node = by_job(page, jobs[name])
        assert node["eligible"] and node["missing"] == []
        assert factor(node, "CERTIFICATIONS")["value"] == 1.0
        assert node["matchedCertifications"] == [{"id": gid("Certification", cert)}]
    node = by_job(page, jobs["expired"])
    assert not node["eligible"] and factor(node, "CERTIFICATIONS")["value"] == 0.0
    assert node["matchedCertifications"] == []
    assert [(m["kind"], m["necessity"], m["expired"], m["certification"]) for m in node["missing"]] == [
        ("CERTIFICATION", "REQUIRED", True, {"id": gid("Certification", expired)})]
    assert nodes(page)[-1] == node  # not eligible: after the eligible ones


async def test_a_rank_below_the_minimum_is_missing(graph, client, token_for):
    await lf.ranks(graph)
    viewer = await f.member(graph)
    await graph.write(SET_RANK, id=viewer["id"], rank=3)
    company = await cf.company(graph)
    low = await cf.job(graph, company, minRank=2)  # postings asking nothing are listed
    high = await cf.job(graph, company, minRank=5)
    page = await matches(client, token_for(viewer["id"]))
    reached = by_job(page, low)
    assert reached["eligible"] and factor(reached, "RANK")["value"] == 1.0
    assert factor(reached, "RANK")["detail"] == "rank 3, 2 asked"
    short = by_job(page, high)
    assert not short["eligible"] and factor(short, "RANK")["value"] == pytest.approx(3 / 5)
    assert [(m["kind"], m["necessity"], m["neededRank"], m["currentRank"], m["skill"]) for m in short["missing"]] == [
        ("RANK", "REQUIRED", {"position": 5}, {"position": 3}, None)]


async def test_distance_and_remote_fit(graph, client, token_for):
    viewer = await f.member(graph, latitude=52.52, longitude=13.405, country="DE")  # Berlin
    await cf.preferences(graph, viewer, remote="OPEN_TO_REMOTE")
    company = await cf.company(graph)
    here = await cf.job(graph, company)  # on-site in Berlin
    hybrid = await cf.job(graph, company, workplace="HYBRID", city="Leipzig", latitude=51.34, longitude=12.37)
    far = await cf.job(graph, company, city="Munich", latitude=48.137, longitude=11.575)
    remote = await cf.job(graph, company, workplace="REMOTE", city=None, country=None, latitude=None, longitude=None)
    page = await matches(client, token_for(viewer["id"]))

    assert by_job(page, here)["distanceKm"] == 0.0 and factor(by_job(page, here), "LOCATION")["value"] == 1.0
    leipzig = by_job(page, hybrid)  # about 150 km: hybrid postings fit fully within 50 km, nothing past 400
    assert leipzig["distanceKm"] == pytest.approx(150, abs=5)
    assert 0.6 < factor(leipzig, "LOCATION")["value"] < 0.8
    munich = by_job(page, far)
    assert munich["distanceKm"] == pytest.approx(504, abs=3) and factor(munich, "LOCATION")["value"] == 0.0
    assert factor(munich, "LOCATION")["detail"] == "504 km away"
    anywhere = by_job(page, remote)
    assert anywhere["distanceKm"] is None and factor(anywhere, "LOCATION")["value"] == 1.0
    assert factor(anywhere, "LOCATION")["detail"] == "remote work"
    assert [n["job"]["id"] for n in nodes(page)][-1] == gid("JobPosting", far)  # all eligible: by score

    homebody = await f.member(graph, latitude=52.52, longitude=13.405)
    await cf.preferences(graph, homebody, remote="REMOTE_ONLY")
    page = await matches(client, token_for(homebody["id"]))
    assert factor(by_job(page, here), "LOCATION")["value"] == 0.0
    assert factor(by_job(page, remote), "LOCATION")["value"] == 1.0


async def test_seniority_fits_the_level_the_member_seeks(graph, client, token_for):
    viewer = await f.member(graph)
    await cf.preferences(graph, viewer, seniority="SENIOR")
    company = await cf.company(graph)
    jobs = {level: await cf.job(graph, company, seniority=level) for level in ("SENIOR", "MID", "ENTRY")}
    page = await matches(client, token_for(viewer["id"]))
    levels = ("SENIOR", "MID", "ENTRY")
    assert [n["job"]["id"] for n in nodes(page)] == [gid("JobPosting", jobs[level]) for level in levels]
    assert [factor(by_job(page, jobs[level]), "SENIORITY")["value"] for level in ("SENIOR", "MID", "ENTRY")] == [
        1.0, 0.5, 0.0]
    unknown = await f.member(graph)  # no preferences: seniority unknown
    page = await matches(client, token_for(unknown["id"]))
    assert {factor(n, "SENIORITY")["value"] for n in nodes(page)} == {0.5}


async def test_eligible_postings_come_first_even_when_an_ineligible_one_scores_higher(graph, client, token_for):
    viewer = await f.member(graph)
    a, b = await f.skills(graph, 2)
    await f.holdings(graph, [(viewer, a, 3)])
    company = await cf.company(graph)
    # Ineligible (lacks b), but almost every skill point earned: 10 of 12.
    strong = await cf.job(graph, company, skills=[(a, 3, 5, "REQUIRED"), (b, 1, 1, "REQUIRED")])
    # Eligible, but the one skill it asks for is held below its level: a share of 3 / 5.
    weak = await cf.job(graph, company, skills=[(a, 5, 1, "NICE_TO_HAVE")])
    page = await matches(client, token_for(viewer["id"]))
    first, second = nodes(page)
    assert first["job"]["id"] == gid("JobPosting", weak) and first["eligible"]
    assert second["job"]["id"] == gid("JobPosting", strong) and not second["eligible"]
    assert second["score"] > first["score"]
    assert [(m["kind"], m["skill"]["id"]) for m in second["missing"]] == [("SKILL", gid("Skill", b))]

    only = await matches(client, token_for(viewer["id"]), filter={"eligibleOnly": True})
    assert only["totalCount"] == 1 and [n["job"]["id"] for n in nodes(only)] == [gid("JobPosting", weak)]


async def test_which_postings_are_listed(graph, client, token_for):
    now = _now()
    viewer = await f.member(graph)
    held, other = await f.skills(graph, 2)
    cert, other_cert = await lf.certification(graph), await lf.certification(graph)
    await f.holdings(graph, [(viewer, held, 1)])
    await lf.credential(graph, viewer, cert, earned_at=now - timedelta(days=3))
    company = await cf.company(graph)
    listed = [
        await cf.job(graph, company, skills=[(held, 5, 1, "REQUIRED"), (other, 1, 1, "REQUIRED")]),
        await cf.job(graph, company, certifications=[(cert, "NICE_TO_HAVE"), (other_cert, "REQUIRED")]),
        await cf.job(graph, company),  # asks nothing
        await cf.job(graph, company, skills=[(held, 1, 1, "REQUIRED")], closesAt=now + timedelta(days=2)),
    ]
    # Asks only for what the viewer has none of; closed; past its closing date.
    await cf.job(graph, company, skills=[(other, 1, 1, "NICE_TO_HAVE")], certifications=[(other_cert, "REQUIRED")])
    await cf.job(graph, company, skills=[(held, 1, 1, "REQUIRED")], status="CLOSED", closedAt=now)
    await cf.job(graph, company, skills=[(held, 1, 1, "REQUIRED")], closesAt=now - timedelta(hours=1))
    page = await matches(client, token_for(viewer["id"]))
    assert page["totalCount"] == 4
    assert {n["job"]["id"] for n in nodes(page)} == {gid("JobPosting", j) for j in listed}


async def test_filters(graph, client, token_for):
    viewer = await f.member(graph)
    (skill,) = await f.skills(graph, 1)
    await f.holdings(graph, [(viewer, skill, 3)])
    acme, globex = await cf.company(graph, name="Acme"), await cf.company(graph, name="Globex")
    asks = {"skills": [(skill, 1, 1, "REQUIRED")]}
    berlin = await cf.job(graph, acme, title="Apex developer", **asks)
    paris = await cf.job(graph, acme, title="Flow builder", city="Paris", country="FR", latitude=48.85,
                         longitude=2.35, seniority="SENIOR", **asks)
    remote = await cf.job(graph, globex, title="Remote admin", workplace="REMOTE", city=None, country="FR",
                          latitude=None, longitude=None, seniority="JUNIOR", **asks)
    headers = token_for(viewer["id"])

    async def found(**flt) -> set[str]:
        page = await matches(client, headers, filter=flt)
        assert page["totalCount"] == len(page["edges"])
        return {n["job"]["id"] for n in nodes(page)}

    ids = {name: gid("JobPosting", row) for name, row in (("berlin", berlin), ("paris", paris), ("remote", remote))}
    assert await found() == set(ids.values())
    assert await found(country="fr") == {ids["paris"], ids["remote"]}
    assert await found(remote=True) == {ids["remote"]}
    assert await found(remote=False) == {ids["berlin"], ids["paris"]}
    assert await found(seniority=["SENIOR", "JUNIOR"]) == {ids["paris"], ids["remote"]}
    assert await found(companyId=gid("Company", globex)) == {ids["remote"]}
    assert await found(search="  FLOW ") == {ids["paris"]}
    assert await found(search="globex") == {ids["remote"]}  # the company's name is searched too
    assert await found(search="') RETURN 1 //") == set()  # just text
    assert await found(country="DE", remote=False, seniority=["MID"], companyId=gid("Company", acme)) == {ids["berlin"]}


async def test_pages_follow_the_ranking(graph, client, token_for):
    viewer = await f.member(graph)
    (skill,) = await f.skills(graph, 1)
    await f.holdings(graph, [(viewer, skill, 5)])
    company = await cf.company(graph)
    for level in range(1, 6):  # the viewer meets levels 1-5 fully: equal scores, ranked by id
        for _ in range(2):
            await cf.job(graph, company, skills=[(skill, level, 1, "REQUIRED")])
    headers = token_for(viewer["id"])
    everything = await matches(client, headers, first=100)
    assert everything["totalCount"] == 10 and not everything["pageInfo"]["hasNextPage"]
    order = [n["job"]["id"] for n in nodes(everything)]
    seen, after = [], None
    while True:
        page = await matches(client, headers, first=3, after=after)
        assert page["totalCount"] == 10
        seen += [n["job"]["id"] for n in nodes(page)]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == order


async def test_at_most_the_most_promising_postings_are_ranked(graph, client, token_for, monkeypatch):
    monkeypatch.setattr(matching, "MAX_SCORED", 3)
    viewer = await f.member(graph)
    a, b, c = await f.skills(graph, 3)
    await f.holdings(graph, [(viewer, a, 1), (viewer, b, 1)])
    company = await cf.company(graph)
    now = cf._now()
    both = await cf.job(graph, company, skills=[(a, 5, 1, "REQUIRED"), (b, 5, 1, "REQUIRED")])
    nothing = await cf.job(graph, company, postedAt=now - timedelta(days=9))  # asks nothing: the member meets it all
    newer = await cf.job(graph, company, skills=[(a, 1, 1, "REQUIRED"), (c, 1, 1, "REQUIRED")],
                         postedAt=now - timedelta(days=1))
    await cf.job(graph, company, skills=[(a, 1, 1, "REQUIRED"), (c, 1, 1, "REQUIRED")],
                 postedAt=now - timedelta(days=2))
    await cf.job(graph, company, skills=[(b, 1, 1, "NICE_TO_HAVE")])  # one nice-to-have: the least promising
    page = await matches(client, token_for(viewer["id"]))
    assert page["totalCount"] == 3
    assert {n["job"]["id"] for n in nodes(page)} == {gid("JobPosting", j) for j in (both, nothing, newer)}
    assert nodes(page)[0]["job"]["id"] == gid("JobPosting", nothing)  # eligible, the rest are not


async def test_viewer_only_and_bad_input(graph, client, token_for):
    viewer, other = await f.member(graph), await f.member(graph)
    body = await gql(client, "{ viewer { id } }")
    assert body["data"]["viewer"] is None
    body = await gql(client, "query($id: ID!) { node(id: $id) { ... on Member { jobMatches { totalCount } } } }",
                     {"id": gid("Member", other)})
    assert codes(body) == ["UNAUTHENTICATED"]
    body = await gql(client, "query($id: ID!) { node(id: $id) { ... on Member { jobMatches { totalCount } } } }",
                     {"id": gid("Member", other)}, headers=token_for(viewer["id"]))
    assert codes(body) == ["FORBIDDEN"]
    for flt, field in (({"country": "XX"}, "country"), ({"companyId": gid("Member", other)}, "companyId"),
                       ({"search": "x" * 201}, "search")):
        body = await gql(client, MATCHES, {"filter": flt}, headers=token_for(viewer["id"]))
        assert codes(body) == ["BAD_USER_INPUT"], body
        assert body["errors"][0]["extensions"]["field"] == field
    body = await gql(client, MATCHES, {"first": 101}, headers=token_for(viewer["id"]))
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_a_page_of_matches_costs_a_fixed_number_of_queries(graph, client, token_for):
    await lf.ranks(graph)
    viewer = await f.member(graph)
    skills = await f.skills(graph, 6)
    certs = [await lf.certification(graph) for _ in range(3)]
    await f.holdings(graph, [(viewer, s, 3) for s in skills[:4]])
    await lf.credential(graph, viewer, certs[0], earned_at=_now() - timedelta(days=2))
    for c in range(8):
        company = await cf.company(graph, size="SMALL")
        for n in range(5):
            i = c * 5 + n
            await cf.job(graph, company, minRank=i % 4,
                         skills=[(skills[i % 6], 1 + i % 5, 2, "REQUIRED"),
                                 (skills[(i + 1) % 6], 2, 1, "NICE_TO_HAVE")],
                         certifications=[(certs[i % 3], "REQUIRED" if i % 2 else "NICE_TO_HAVE")])
    query = f"""{{ viewer {{ jobMatches(first: 30) {{ totalCount edges {{ cursor node {{ {MATCH_FIELDS}
      job {{ title company {{ name size }} minRank {{ name }}
             skillRequirements {{ skill {{ name }} minLevel }}
             certificationRequirements {{ certification {{ title }} }} }}
      missing {{ skill {{ name }} certification {{ title }} neededRank {{ name }} }} }} }} }} }} }}"""
    body = await gql(client, query, headers=token_for(viewer["id"]))
    assert "errors" not in body, body
    page = body["data"]["viewer"]["jobMatches"]
    # Postings asking for skills 4 and 5 and certification 1 ask for nothing the viewer has: 6 of 40.
    assert page["totalCount"] == 34 and len(page["edges"]) == 30
    assert {n["node"]["eligible"] for n in page["edges"]} == {True, False}
    # The viewer; the release calendar, profile and candidates (at once); the scoring rows of the
    # candidates (with the requirements the postings render); the page's postings; companies;
    # certifications; ranks; skills, once for the matched and missing skills and once, a level
    # deeper, for the postings' requirements.
    assert round_trips(body) == 11, body["extensions"]
