"""`jobs(filter:, first:, after:)`: each filter shown to include and to exclude, the order, paging
and bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests import factories
from tests.careers import factories as careers
from tests.gql import codes, gid, gql
from tests.learning import factories as learning

QUERY = """query($filter: JobFilter, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { title status } } pageInfo { hasNextPage endCursor } } }"""


async def titles(client, filter: dict | None = None, **variables) -> list[str]:
    body = await gql(client, QUERY, {"filter": filter, "first": 100, **variables})
    assert "errors" not in body, body
    page = body["data"]["jobs"]
    got = [edge["node"]["title"] for edge in page["edges"]]
    assert page["totalCount"] == len(got)
    return got


def ago(**delta) -> object:
    return careers._now() - timedelta(**delta)


async def test_open_postings_newest_first_by_default(graph, client):
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Older", postedAt=ago(days=3))
    await careers.job(graph, acme, title="Newest", postedAt=ago(hours=1))
    await careers.job(graph, acme, title="Closed", status="CLOSED", closedAt=ago(hours=2), postedAt=ago(days=2))
    await careers.job(graph, acme, title="Deadline passed", postedAt=ago(days=2, hours=1), closesAt=ago(minutes=1))
    await careers.job(graph, acme, title="Deadline ahead", postedAt=ago(days=1), closesAt=ago(days=-3))
    assert await titles(client) == ["Newest", "Deadline ahead", "Older"]
    assert await titles(client, {"status": "OPEN"}) == ["Newest", "Deadline ahead", "Older"]
    assert await titles(client, {"status": "CLOSED"}) == ["Closed", "Deadline passed"]


async def test_ties_on_posted_at_are_broken_by_id_and_pages_are_stable(graph, client):
    acme = await careers.company(graph)
    at = ago(days=1)
    made = [await careers.job(graph, acme, title=f"Same time {i}", postedAt=at) for i in range(5)]
    expected = [row["title"] for row in sorted(made, key=lambda r: r["id"])]
    body = await gql(client, QUERY, {"first": 2})
    page = body["data"]["jobs"]
    seen = [e["node"]["title"] for e in page["edges"]]
    while page["pageInfo"]["hasNextPage"]:
        body = await gql(client, QUERY, {"first": 2, "after": page["pageInfo"]["endCursor"]})
        page = body["data"]["jobs"]
        seen += [e["node"]["title"] for e in page["edges"]]
    assert seen == expected and page["totalCount"] == 5


async def test_search_matches_title_description_city_and_company_name(graph, client):
    acme = await careers.company(graph, name="Acme Robotics")
    other = await careers.company(graph, name="Globex")
    await careers.job(graph, other, title="Flow Builder", description="Automate approvals", city="Lisbon",
                      country="PT")
    await careers.job(graph, other, title="Marketer", description="Journeys and flows", city="Porto", country="PT")
    await careers.job(graph, acme, title="Architect", description="Design the org", city="Flowtown")
    await careers.job(graph, other, title="Analyst", description="Dashboards", city="Madrid", country="ES")
    assert sorted(await titles(client, {"search": "  FLOW "})) == ["Architect", "Flow Builder", "Marketer"]
    assert await titles(client, {"search": "robotics"}) == ["Architect"]
    assert await titles(client, {"search": "nothing like this"}) == []


async def test_cypher_looking_text_is_plain_data(graph, client):
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="') MATCH (n) DETACH DELETE n //")
    await careers.job(graph, acme, title="Plain")
    assert await titles(client, {"search": "') match (n) detach delete n //"}) == ["') MATCH (n) DETACH DELETE n //"]
    assert await titles(client, {"search": "' OR 1=1 //", "city": "x' OR true //"}) == []
    assert len(await titles(client)) == 2


async def test_skills_must_all_be_asked_for_required_or_nice_to_have(graph, client):
    apex, flow, lwc = await factories.skills(graph, 3)
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Both", skills=[(apex, 3, 2, "REQUIRED"), (flow, 1, 1, "NICE_TO_HAVE")])
    await careers.job(graph, acme, title="Apex only", skills=[(apex, 3, 2, "NICE_TO_HAVE")])
    await careers.job(graph, acme, title="None")
    await careers.job(graph, acme, title="Closed both", status="CLOSED", closedAt=ago(days=1),
                      skills=[(apex, 3, 2, "REQUIRED"), (flow, 1, 1, "REQUIRED")])
    assert sorted(await titles(client, {"skills": [gid("Skill", apex)]})) == ["Apex only", "Both"]
    assert await titles(client, {"skills": [gid("Skill", apex), gid("Skill", flow)]}) == ["Both"]
    assert await titles(client, {"skills": [gid("Skill", flow), gid("Skill", apex)]}) == ["Both"]
    assert await titles(client, {"skills": [gid("Skill", lwc)]}) == []
    assert await titles(client, {"skills": [gid("Skill", apex), gid("Skill", lwc)]}) == []
    assert await titles(client, {"skills": [gid("Skill", {"id": "no-such-skill"})]}) == []
    assert await titles(client, {"skills": [gid("Skill", apex), gid("Skill", flow)], "status": "CLOSED"}) == [
        "Closed both"]


async def test_certification_filter(graph, client):
    admin_cert = await learning.certification(graph)
    dev_cert = await learning.certification(graph, role="DEVELOPER")
    apex = (await factories.skills(graph, 1))[0]
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Admin", certifications=[(admin_cert, "REQUIRED")],
                      skills=[(apex, 1, 1, "REQUIRED")])
    await careers.job(graph, acme, title="Admin nice", certifications=[(admin_cert, "NICE_TO_HAVE")])
    await careers.job(graph, acme, title="Developer", certifications=[(dev_cert, "REQUIRED")],
                      skills=[(apex, 1, 1, "REQUIRED")])
    assert sorted(await titles(client, {"certification": gid("Certification", admin_cert)})) == ["Admin", "Admin nice"]
    assert await titles(client, {"certification": gid("Certification", admin_cert),
                                 "skills": [gid("Skill", apex)]}) == ["Admin"]
    assert await titles(client, {"certification": gid("Certification", {"id": "missing"})}) == []


async def test_company_filter_alone_and_with_other_anchors(graph, client):
    """The search starts from whichever named node has fewer postings; the others are checked."""
    apex = (await factories.skills(graph, 1))[0]
    acme = await careers.company(graph)
    globex = await careers.company(graph)
    await careers.job(graph, acme, title="Acme apex", skills=[(apex, 1, 1, "REQUIRED")])
    await careers.job(graph, acme, title="Acme other")
    for i in range(3):
        await careers.job(graph, globex, title=f"Globex apex {i}", skills=[(apex, 1, 1, "REQUIRED")])
    assert sorted(await titles(client, {"companyId": gid("Company", acme)})) == ["Acme apex", "Acme other"]
    # acme (2 postings) is the anchor, the skill (4) is checked
    assert await titles(client, {"companyId": gid("Company", acme), "skills": [gid("Skill", apex)]}) == ["Acme apex"]
    for i in range(5):
        await careers.job(graph, acme, title=f"Acme more {i}")
    # now the skill (4 postings) is the anchor and acme (7) is checked
    assert await titles(client, {"companyId": gid("Company", acme), "skills": [gid("Skill", apex)]}) == ["Acme apex"]
    assert sorted(await titles(client, {"companyId": gid("Company", globex), "skills": [gid("Skill", apex)]})) == [
        "Globex apex 0", "Globex apex 1", "Globex apex 2"]
    assert await titles(client, {"companyId": gid("Company", {"id": "missing"})}) == []
    assert await titles(client, {"companyId": gid("Company", {"id": "missing"}), "skills": [gid("Skill", apex)]}) == []


async def test_country_and_city(graph, client):
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Berlin", city="Berlin", country="DE")
    await careers.job(graph, acme, title="Munich", city="Munich", country="DE", latitude=48.137, longitude=11.575)
    await careers.job(graph, acme, title="Paris", city="Paris", country="FR", latitude=48.857, longitude=2.352)
    await careers.job(graph, acme, title="Remote DE", workplace="REMOTE", city=None, country="DE", latitude=None,
                      longitude=None)
    assert sorted(await titles(client, {"country": "de"})) == ["Berlin", "Munich", "Remote DE"]
    assert await titles(client, {"country": "FR"}) == ["Paris"]
    assert await titles(client, {"city": "  munich"}) == ["Munich"]
    assert await titles(client, {"city": "Munich", "country": "FR"}) == []


async def test_near_keeps_postings_within_the_radius(graph, client):
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Berlin")  # 52.52, 13.405
    await careers.job(graph, acme, title="Potsdam", city="Potsdam", latitude=52.39, longitude=13.06)
    await careers.job(graph, acme, title="Munich", city="Munich", latitude=48.137, longitude=11.575)
    await careers.job(graph, acme, title="Remote", workplace="REMOTE", city=None, country=None, latitude=None,
                      longitude=None)
    berlin = {"latitude": 52.52, "longitude": 13.405}
    assert sorted(await titles(client, {"near": {**berlin, "radiusKm": 50}})) == ["Berlin", "Potsdam"]
    assert await titles(client, {"near": {**berlin, "radiusKm": 5}}) == ["Berlin"]
    assert sorted(await titles(client, {"near": {**berlin, "radiusKm": 600}})) == ["Berlin", "Munich", "Potsdam"]


async def test_remote_true_keeps_only_remote_false_leaves_remote_out(graph, client):
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Office", workplace="ON_SITE")
    await careers.job(graph, acme, title="Hybrid", workplace="HYBRID")
    await careers.job(graph, acme, title="Remote", workplace="REMOTE", city=None, latitude=None, longitude=None)
    assert await titles(client, {"remote": True}) == ["Remote"]
    assert sorted(await titles(client, {"remote": False})) == ["Hybrid", "Office"]
    assert len(await titles(client, {"remote": None})) == 3


async def test_seniority_and_posted_since(graph, client):
    acme = await careers.company(graph)
    await careers.job(graph, acme, title="Junior", seniority="JUNIOR", postedAt=ago(days=10))
    await careers.job(graph, acme, title="Senior", seniority="SENIOR", postedAt=ago(days=2))
    await careers.job(graph, acme, title="Lead", seniority="LEAD", postedAt=ago(hours=1))
    assert sorted(await titles(client, {"seniority": ["SENIOR", "LEAD"]})) == ["Lead", "Senior"]
    assert await titles(client, {"seniority": ["PRINCIPAL"]}) == []
    since = ago(days=3).isoformat()
    assert await titles(client, {"postedSince": since}) == ["Lead", "Senior"]
    assert await titles(client, {"postedSince": since, "seniority": ["JUNIOR"]}) == []


async def test_filters_combine_on_the_anchored_search_too(graph, client):
    apex = (await factories.skills(graph, 1))[0]
    acme = await careers.company(graph)
    req = [(apex, 1, 1, "REQUIRED")]
    await careers.job(graph, acme, title="Match", skills=req, seniority="SENIOR", country="DE", postedAt=ago(days=1))
    await careers.job(graph, acme, title="Wrong level", skills=req, seniority="JUNIOR", postedAt=ago(days=1))
    await careers.job(graph, acme, title="Wrong country", skills=req, seniority="SENIOR", country="AT", city="Vienna",
                      latitude=48.21, longitude=16.37, postedAt=ago(days=1))
    await careers.job(graph, acme, title="Too old", skills=req, seniority="SENIOR", postedAt=ago(days=30))
    await careers.job(graph, acme, title="Remote", skills=req, seniority="SENIOR", workplace="REMOTE", city=None,
                      latitude=None, longitude=None, postedAt=ago(days=1))
    got = await titles(client, {"skills": [gid("Skill", apex)], "seniority": ["SENIOR"], "country": "DE",
                                "postedSince": ago(days=7).isoformat(), "remote": False, "search": "match",
                                "near": {"latitude": 52.52, "longitude": 13.405, "radiusKm": 10}})
    assert got == ["Match"]


async def test_total_count_and_pages_of_a_filtered_search(graph, client):
    apex = (await factories.skills(graph, 1))[0]
    acme = await careers.company(graph)
    for i in range(7):
        await careers.job(graph, acme, title=f"Apex {i}", postedAt=ago(hours=i), skills=[(apex, 1, 1, "REQUIRED")])
    await careers.job(graph, acme, title="Other")
    body = await gql(client, QUERY, {"filter": {"skills": [gid("Skill", apex)]}, "first": 3})
    page = body["data"]["jobs"]
    assert page["totalCount"] == 7 and [e["node"]["title"] for e in page["edges"]] == ["Apex 0", "Apex 1", "Apex 2"]
    body = await gql(client, QUERY, {"filter": {"skills": [gid("Skill", apex)]}, "first": 3,
                                     "after": page["pageInfo"]["endCursor"]})
    assert [e["node"]["title"] for e in body["data"]["jobs"]["edges"]] == ["Apex 3", "Apex 4", "Apex 5"]


@pytest.mark.parametrize("filter, field", [
    ({"skills": ["garbage"]}, "skills.0"),
    ({"certification": "garbage"}, "certification"),
    ({"companyId": "garbage"}, "companyId"),
    ({"country": "Germany"}, "country"),
    ({"near": {"latitude": 52.5, "longitude": 13.4, "radiusKm": 0}}, "near.radiusKm"),
    ({"near": {"latitude": 52.5, "longitude": 13.4, "radiusKm": 20001}}, "near.radiusKm"),
    ({"near": {"latitude": 91, "longitude": 13.4, "radiusKm": 10}}, "near.latitude"),
    ({"search": "x" * 201}, "search"),
])
async def test_bad_filters_are_bad_user_input_naming_the_field(graph, client, filter, field):
    body = await gql(client, QUERY, {"filter": filter, "first": 10})
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert body["errors"][0]["extensions"]["field"] == field


async def test_a_skill_id_of_another_type_and_unknown_enums_are_bad_input(graph, client):
    acme = await careers.company(graph)
    body = await gql(client, QUERY, {"filter": {"skills": [gid("Company", acme)]}})
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "skills.0"
    body = await gql(client, QUERY, {"filter": {"seniority": ["WIZARD"]}})
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, QUERY, {"filter": {"status": "ARCHIVED"}})
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_page_size_is_capped_at_100(graph, client):
    body = await gql(client, QUERY, {"first": 101})
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "first"
    body = await gql(client, QUERY, {"first": 100})
    assert "errors" not in body
