"""A real Apollo Gateway in front of the served subgraphs: queries planned across them work.

The app runs as `community-api serve` in a child process on the test session's engine, and
`tools/gateway.mjs` composes the committed subgraph SDLs and routes each query to the subgraph
endpoints over HTTP, as a router would in production.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests import factories
from tests.gql import gid
from tests.learning import factories as learning
from tests.live_server import ROOT, running_server, stop

SDL_DIR = ROOT / "schema" / "sdl"


@pytest.fixture(scope="module")
def gateway(session_graph, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from schema.subgraphs import SUBGRAPHS

    with running_server(data_dir, tmp_path_factory.mktemp("gateway") / "serve.log") as service_url:
        args = ["node", str(ROOT / "tools" / "gateway.mjs"), "--service-url", service_url]
        for name in SUBGRAPHS:
            args += ["--subgraph", f"{name}={SDL_DIR / f'{name}.graphql'}"]
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            line = process.stdout.readline()  # type: ignore[union-attr]
            assert line.startswith("gateway ready: "), line + process.stdout.read()  # type: ignore[union-attr]
            yield line.removeprefix("gateway ready: ").strip()
        finally:
            stop(process)
            process.stdout.close()  # type: ignore[union-attr]


async def _ask(url: str, query: str, variables: dict | None = None, headers: dict | None = None) -> dict:
    async with httpx.AsyncClient(timeout=60) as http:
        response = await http.post(url, json={"query": query, "variables": variables or {}}, headers=headers or {})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


@pytest.mark.slow
async def test_a_catalog_query_takes_skills_from_the_community_subgraph(graph, gateway):
    skill = (await factories.skills(graph, 1))[0]
    module = await learning.module(graph, skills=[skill], title="Flow Basics")
    await learning.trail(graph, [module], title="Automate")
    data = await _ask(gateway, "{ trails(first: 5) { nodes { title modules { title skills { name category } } } } }")
    assert data["trails"]["nodes"] == [{"title": "Automate", "modules": [
        {"title": "Flow Basics", "skills": [{"name": skill["name"], "category": skill["category"]}]}]}]


@pytest.mark.slow
async def test_node_resolves_learning_entities_through_the_community_subgraph(graph, gateway):
    module = await learning.module(graph, title="Data Modeling")
    trail = await learning.trail(graph, [module], title="Admin Beginner")
    member = await factories.member(graph)
    data = await _ask(gateway, """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Trail { title modules { title } } ... on Member { handle } } }""",
                      {"ids": [gid("Trail", trail), gid("Member", member), gid("Trail", {"id": "missing"})]})
    assert data["nodes"] == [
        {"__typename": "Trail", "id": gid("Trail", trail), "title": "Admin Beginner", "modules": [{"title": "Data Modeling"}]},
        {"__typename": "Member", "id": gid("Member", member), "handle": member["handle"]},
        None,
    ]


@pytest.mark.slow
async def test_the_viewer_is_the_same_on_both_sides_of_the_gateway(graph, gateway, token_for):
    member = await factories.member(graph)
    data = await _ask(gateway, "{ viewer { handle } }", headers=token_for(member["id"]))
    assert data["viewer"] == {"handle": member["handle"]}


@pytest.mark.slow
async def test_a_member_joins_fields_of_both_subgraphs_and_a_learning_mutation_goes_through(graph, gateway, token_for):
    await learning.ranks(graph)
    member = await factories.member(graph)
    module = await learning.module(graph, units=1, points=250)
    await learning.trail(graph, [module], title="Quick Start")
    (unit,) = module["units"]
    headers = token_for(member["id"])
    done = await _ask(gateway, """mutation($id: ID!) { completeUnit(input: {unitId: $id}) {
        pointsAwarded badgesEarned { badge { title } } member { handle points } userErrors { code } } }""",
                      {"id": gid("Unit", unit)}, headers=headers)
    assert done["completeUnit"]["pointsAwarded"] == 250 and done["completeUnit"]["userErrors"] == []
    assert done["completeUnit"]["member"] == {"handle": member["handle"], "points": 250}
    # community fields (handle, followers) and learning fields (points, rank, trail progress) in one query
    data = await _ask(gateway, """{ viewer { handle followerCount points badgeCount rank { rank { name } }
        trailProgress { nodes { trail { title } percent } } } }""", headers=headers)
    assert data["viewer"] == {"handle": member["handle"], "followerCount": 0, "points": 250, "badgeCount": 1,
                              "rank": {"rank": {"name": "Scout"}},
                              "trailProgress": {"nodes": [{"trail": {"title": "Quick Start"}, "percent": 100.0}]}}


@pytest.mark.slow
async def test_careers_fields_join_the_other_subgraphs_and_apply_goes_through(graph, gateway, token_for):
    from tests.careers import factories as careers

    await learning.ranks(graph)
    (skill,) = await factories.skills(graph, 1)
    cert = await learning.certification(graph, title="Platform Developer")
    recruiter = await careers.recruiter(graph)
    job = await careers.job(graph, recruiter["company"], title="Apex Developer", minRank=1,
                            skills=[(skill, 2, 5, "REQUIRED")], certifications=[(cert, "NICE_TO_HAVE")])
    seeker = await factories.member(graph)
    await factories.holdings(graph, [(seeker, skill, 3)])
    # careers (postings, requirements) with community (company, skill) and learning (certification, rank) fields
    data = await _ask(gateway, """{ jobs(first: 5) { nodes { title company { name recruiters { nodes { handle } } }
        skillRequirements { skill { name } minLevel } certificationRequirements { certification { title } }
        minRank { name } } } }""")
    assert data["jobs"]["nodes"] == [{
        "title": "Apex Developer", "company": {"name": recruiter["company"]["name"], "recruiters": {"nodes": [
            {"handle": recruiter["handle"]}]}},
        "skillRequirements": [{"skill": {"name": skill["name"]}, "minLevel": 2}],
        "certificationRequirements": [{"certification": {"title": "Platform Developer"}}],
        "minRank": {"name": "Scout"}}]
    headers = token_for(seeker["id"])
    applied = await _ask(gateway, """mutation($id: ID!) { applyToJob(input: {jobId: $id}) {
        application { status job { title } applicant { handle } } userErrors { code } } }""",
                         {"id": gid("JobPosting", job)}, headers=headers)
    assert applied["applyToJob"] == {"application": {"status": "APPLIED", "job": {"title": "Apex Developer"},
                                                     "applicant": {"handle": seeker["handle"]}}, "userErrors": []}
    data = await _ask(gateway, """{ viewer { handle points jobMatches(first: 5) { nodes { eligible job { title } } }
        applications { nodes { status } } } }""", headers=headers)
    assert data["viewer"]["handle"] == seeker["handle"]
    assert data["viewer"]["jobMatches"]["nodes"] == [{"eligible": True, "job": {"title": "Apex Developer"}}]
    assert data["viewer"]["applications"]["nodes"] == [{"status": "APPLIED"}]
