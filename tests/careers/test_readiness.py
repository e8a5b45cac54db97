"""`viewer.readinessFor(jobId)`: the match and the skill-gap path to a posting, built by the learning
planner (certifications after their prerequisites, exam-guide preparation, modules and superbadges
for the skills lacking), with hours and fees, never listing what is done; errors and round trips."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

READINESS = """query($jobId: ID!) { viewer { readinessFor(jobId: $jobId) {
  job { id } isReady totalMinutes totalHours examFeesUsd untaughtSkills { id }
  match { eligible score job { id }
          missing { kind necessity skill { id } certification { id } neededLevel currentLevel } }
  steps { reason estimatedMinutes skills { id }
          item { __typename ... on Module { id title estimatedMinutes badge { id } } ... on Superbadge { id title }
                 ... on Certification { id examFeeUsd } } } } } }"""


async def readiness(client, headers, job) -> dict:
    body = await gql(client, READINESS, {"jobId": gid("JobPosting", job)}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["viewer"]["readinessFor"]


def step_ids(found) -> list[tuple[str, str, str]]:
    return [(s["reason"], s["item"]["__typename"], s["item"]["id"]) for s in found["steps"]]


async def test_the_path_closes_the_gap_in_the_planners_order(graph, client, token_for):
    now = datetime.now(timezone.utc)
    viewer = await f.member(graph)
    a, b, c, d, e = await f.skills(graph, 5)
    # Skills: a lacking; b held below the level asked; c held at it; d taught by a superbadge only;
    # e taught by nothing at all.
    await f.holdings(graph, [(viewer, b, 2), (viewer, c, 4)])
    teach_a = await lf.module(graph, skills=[a], units=2, minutes_per_unit=15)  # 30 minutes
    await lf.module(graph, skills=[a], units=4, minutes_per_unit=30)  # also teaches a, longer: not chosen
    teach_b = await lf.module(graph, skills=[b])
    unlock_d = await lf.module(graph, units=1, minutes_per_unit=20)
    teach_d = await lf.superbadge(graph, requires=[unlock_d], skills=[d], estimatedMinutes=240)
    # Certifications: x (REQUIRED) needs p first and recommends mx (done) and sx (unlocked by mx2);
    # y (NICE_TO_HAVE) is held ACTIVE; z (NICE_TO_HAVE) is not held.
    mx, mx2 = await lf.module(graph), await lf.module(graph, units=2, minutes_per_unit=10)
    sx = await lf.superbadge(graph, requires=[mx2], estimatedMinutes=120)
    p = await lf.certification(graph, exam_fee_usd=100, title="P cert")
    x = await lf.certification(graph, exam_fee_usd=200, requires=[p], recommends=[mx, sx], title="X cert")
    y = await lf.certification(graph, title="Y cert")
    z = await lf.certification(graph, exam_fee_usd=75, title="Z cert")
    await lf.credential(graph, viewer, y, earned_at=now - timedelta(days=3))
    await lf.complete_modules(graph, viewer, [mx, teach_b])  # learned b: the path needs nothing for it
    job = await cf.job(graph, await cf.company(graph),
                       skills=[(a, 2, 3, "REQUIRED"), (b, 4, 2, "REQUIRED"), (c, 3, 1, "REQUIRED"),
                               (d, 1, 1, "NICE_TO_HAVE"), (e, 1, 1, "NICE_TO_HAVE")],
                       certifications=[(x, "REQUIRED"), (y, "NICE_TO_HAVE"), (z, "NICE_TO_HAVE")])

    found = await readiness(client, token_for(viewer["id"]), job)
    assert found["job"]["id"] == gid("JobPosting", job) == found["match"]["job"]["id"]
    assert step_ids(found) == [
        ("PREREQUISITE_CERTIFICATION", "Certification", gid("Certification", p)),
        ("PREREQUISITE_CERTIFICATION", "Certification", gid("Certification", x)),
        ("PREREQUISITE_CERTIFICATION", "Certification", gid("Certification", z)),
        ("UNLOCKS_SUPERBADGE", "Module", gid("Module", mx2)),
        ("RECOMMENDED", "Superbadge", gid("Superbadge", sx)),
        ("TEACHES_SKILL", "Module", gid("Module", teach_a)),
        ("UNLOCKS_SUPERBADGE", "Module", gid("Module", unlock_d)),
        ("TEACHES_SKILL", "Superbadge", gid("Superbadge", teach_d)),
    ]
    skills_of = {s["item"]["id"]: [k["id"] for k in s["skills"]] for s in found["steps"]}
    assert skills_of[gid("Module", teach_a)] == [gid("Skill", a)]
    assert skills_of[gid("Superbadge", teach_d)] == [gid("Skill", d)]
    assert found["steps"][0]["estimatedMinutes"] is None  # exams carry no minutes
    assert found["steps"][5]["item"]["badge"] == {"id": gid("Badge", teach_a["badge"])}
    assert found["untaughtSkills"] == [{"id": gid("Skill", e)}]
    minutes = 20 + 120 + 30 + 20 + 240
    assert found["totalMinutes"] == minutes and found["totalHours"] == pytest.approx(round(minutes / 60, 1))
    assert found["examFeesUsd"] == 100 + 200 + 75
    # The match reads the profile: b is still held at 2, so it is missing, and the posting is not ready.
    assert not found["isReady"] and not found["match"]["eligible"]
    missing = {(m["kind"], (m["skill"] or m["certification"])["id"]): m for m in found["match"]["missing"]}
    assert set(missing) == {("SKILL", gid("Skill", a)), ("SKILL", gid("Skill", b)), ("SKILL", gid("Skill", d)),
                            ("SKILL", gid("Skill", e)), ("CERTIFICATION", gid("Certification", x)),
                            ("CERTIFICATION", gid("Certification", z))}
    below = missing[("SKILL", gid("Skill", b))]
    assert (below["neededLevel"], below["currentLevel"]) == (4, 2)


async def test_a_skill_held_below_the_level_asked_gets_a_step(graph, client, token_for):
    viewer = await f.member(graph)
    (skill,) = await f.skills(graph, 1)
    await f.holdings(graph, [(viewer, skill, 2)])
    teacher = await lf.module(graph, skills=[skill])
    job = await cf.job(graph, await cf.company(graph), skills=[(skill, 4, 1, "NICE_TO_HAVE")])
    found = await readiness(client, token_for(viewer["id"]), job)
    assert step_ids(found) == [("TEACHES_SKILL", "Module", gid("Module", teacher))]
    assert found["isReady"]  # a NICE_TO_HAVE gap does not make a posting out of reach
    assert found["examFeesUsd"] == 0 and found["totalMinutes"] == 45 and found["totalHours"] == 0.8


async def test_nothing_lacking_means_ready_with_no_steps(graph, client, token_for):
    now = datetime.now(timezone.utc)
    viewer = await f.member(graph)
    (skill,) = await f.skills(graph, 1)
    cert = await lf.certification(graph, requires=[await lf.certification(graph)])
    await f.holdings(graph, [(viewer, skill, 5)])
    await lf.credential(graph, viewer, cert, earned_at=now - timedelta(days=1))
    job = await cf.job(graph, await cf.company(graph), skills=[(skill, 3, 1, "REQUIRED")],
                       certifications=[(cert, "REQUIRED")])
    body = await gql(client, READINESS, {"jobId": gid("JobPosting", job)}, headers=token_for(viewer["id"]))
    found = body["data"]["viewer"]["readinessFor"]
    assert found["isReady"] and found["steps"] == [] and found["untaughtSkills"] == []
    assert (found["totalMinutes"], found["totalHours"], found["examFeesUsd"]) == (0, 0.0, 0)
    # The profile, posting, requirements and calendar at once; nothing lacking, so no path read.
    assert round_trips(body) == 5, body["extensions"]


async def test_an_expired_certification_is_on_the_path_again(graph, client, token_for):
    now = datetime.now(timezone.utc)
    await lf.release(graph, name="Old", released_at=now - timedelta(days=200),
                     maintenance_deadline=now - timedelta(days=100))
    viewer = await f.member(graph)
    cert = await lf.certification(graph, exam_fee_usd=400)
    await lf.credential(graph, viewer, cert, earned_at=now - timedelta(days=300))
    job = await cf.job(graph, await cf.company(graph), certifications=[(cert, "REQUIRED")])
    found = await readiness(client, token_for(viewer["id"]), job)
    assert step_ids(found) == [("PREREQUISITE_CERTIFICATION", "Certification", gid("Certification", cert))]
    assert found["examFeesUsd"] == 400 and not found["isReady"]


async def test_viewer_only_unknown_postings_and_bad_ids(graph, client, token_for):
    viewer, other = await f.member(graph), await f.member(graph)
    job = await cf.job(graph, await cf.company(graph))
    query = """query($member: ID!, $jobId: ID!) { node(id: $member) { ... on Member { readinessFor(jobId: $jobId) {
        isReady } } } }"""
    variables = {"member": gid("Member", other), "jobId": gid("JobPosting", job)}
    assert codes(await gql(client, query, variables)) == ["UNAUTHENTICATED"]
    assert codes(await gql(client, query, variables, headers=token_for(viewer["id"]))) == ["FORBIDDEN"]
    body = await gql(client, READINESS, {"jobId": gid("JobPosting", {"id": "missing"})},
                     headers=token_for(viewer["id"]))
    assert body["data"]["viewer"]["readinessFor"] is None and "errors" not in body
    body = await gql(client, READINESS, {"jobId": gid("Member", viewer)}, headers=token_for(viewer["id"]))
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "jobId"


async def test_readiness_costs_a_fixed_number_of_queries(graph, client, token_for):
    viewer = await f.member(graph)
    skills = await f.skills(graph, 6)
    for skill in skills:
        await lf.module(graph, skills=[skill])
        await lf.superbadge(graph, requires=[await lf.module(graph)], skills=[skill])
    prerequisite = await lf.certification(graph)
    certs = [await lf.certification(graph, requires=[prerequisite],
                                    recommends=[await lf.module(graph, skills=[skills[i]]),
                                                await lf.superbadge(graph, requires=[await lf.module(graph)])])
             for i in range(3)]
    job = await cf.job(graph, await cf.company(graph), minRank=2,
                       skills=[(s, 3, 1, "REQUIRED") for s in skills],
                       certifications=[(c, "REQUIRED") for c in certs])
    query = """query($jobId: ID!) { viewer { readinessFor(jobId: $jobId) { totalMinutes examFeesUsd
      job { title company { name } }
      match { score missing { skill { name } certification { title } neededRank { name } } }
      untaughtSkills { name }
      steps { reason skills { name } item { ... on Module { title badge { title } } ... on Superbadge { title }
                                             ... on Certification { title } } } } } }"""
    body = await gql(client, query, {"jobId": gid("JobPosting", job)}, headers=token_for(viewer["id"]))
    assert "errors" not in body, body
    # 4 certifications; per certification a recommended module and a superbadge after its module; 3 skills left
    assert len(body["data"]["viewer"]["readinessFor"]["steps"]) == 4 + 3 * 3 + 3
    # The viewer; the posting, its requirements, the profile and the calendar (at once); the path's
    # candidates; then ranks, skills, companies and badges (certifications, modules and superbadges
    # render from the rows the path read).
    assert round_trips(body) == 10, body["extensions"]
