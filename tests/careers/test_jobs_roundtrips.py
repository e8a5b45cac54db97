"""Round trips of the posting lists are pinned: an N+1 anywhere fails these tests."""

from __future__ import annotations

from datetime import timedelta

from tests import factories
from tests.careers import factories as careers
from tests.gql import gql, round_trips
from tests.learning import factories as learning

POSTING = """title status location { city } salary { currency } company { name size openJobCount }
  skillRequirements { skill { name slug } minLevel necessity }
  certificationRequirements { certification { title } necessity } minRank { name position }"""


async def _market(graph, companies: int, jobs_each: int) -> list[dict]:
    await learning.ranks(graph)
    skills = await factories.skills(graph, 6)
    certs = [await learning.certification(graph) for _ in range(3)]
    made = []
    for c in range(companies):
        company = await careers.company(graph, name=f"Company {c}", size="SMALL")
        for r in range(3):
            await careers.recruiter(graph, company, visibility="PRIVATE" if r == 2 else "PUBLIC")
        for n in range(jobs_each):
            i = c * jobs_each + n
            await careers.job(graph, company, title=f"Job {i}", minRank=i % 4,
                              postedAt=careers._now() - timedelta(hours=i),
                              salaryMin=1000, salaryMax=2000, salaryCurrency="EUR",
                              skills=[(skills[i % 6], 2, 3, "REQUIRED"), (skills[(i + 1) % 6], 1, 1, "NICE_TO_HAVE")],
                              certifications=[(certs[i % 3], "REQUIRED")])
        made.append(company)
    return made


async def test_jobs_with_companies_and_requirements_cost_a_fixed_number_of_queries(graph, client):
    await _market(graph, companies=6, jobs_each=6)
    body = await gql(client, f"{{ jobs(first: 30) {{ totalCount edges {{ cursor node {{ {POSTING} }} }} }} }}")
    assert "errors" not in body, body
    page = body["data"]["jobs"]
    assert page["totalCount"] == 36 and len(page["edges"]) == 30
    node = page["edges"][0]["node"]
    assert len(node["skillRequirements"]) == 2 and len(node["certificationRequirements"]) == 1
    assert {e["node"]["minRank"] is None for e in page["edges"]} == {True, False}
    # page (companies primed), count, requirements, skills, certifications, ranks, open counts
    assert round_trips(body) == 7, body["extensions"]


async def test_companies_with_jobs_and_recruiters_cost_a_fixed_number_of_queries(graph, client):
    await _market(graph, companies=8, jobs_each=4)
    body = await gql(client, f"""{{ companies(first: 20) {{ nodes {{ name size viewerIsRecruiter openJobCount
        jobs(first: 10) {{ totalCount nodes {{ {POSTING} }} }}
        recruiters(first: 10) {{ totalCount nodes {{ handle }} edges {{ since }} }} }} }} }}""")
    assert "errors" not in body, body
    nodes = body["data"]["companies"]["nodes"]
    assert len(nodes) == 8
    assert all(n["jobs"]["totalCount"] == 4 and len(n["jobs"]["nodes"]) == 4 for n in nodes)
    assert all(n["recruiters"]["totalCount"] == 2 for n in nodes)  # PRIVATE profiles are left out
    # companies page, postings of the companies, recruiters of the companies, open counts,
    # requirements, skills, certifications, ranks
    assert round_trips(body) == 8, body["extensions"]
