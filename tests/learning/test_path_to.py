"""The skill-gap path: the pure ordering (`plan_path`) and `viewer.pathTo` through the API."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from resolvers.learning.paths import (
    CERTIFICATION,
    MODULE,
    PREREQUISITE,
    RECOMMENDED,
    SUPERBADGE,
    TEACHES_SKILL,
    UNLOCKS_SUPERBADGE,
    PathGoal,
    PathItem,
    PathProgress,
    cadence,
    missing_skills,
    plan_path,
    total_minutes,
)
from tests import factories as f
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

DAY = timedelta(days=1)


def module(key: str, minutes: int = 30, teaches: tuple[str, ...] = ()) -> PathItem:
    return PathItem(MODULE, key, minutes, (), frozenset(teaches))


def superbadge(key: str, requires: tuple[str, ...], minutes: int = 240, teaches: tuple[str, ...] = ()) -> PathItem:
    return PathItem(SUPERBADGE, key, minutes, requires, frozenset(teaches))


def cert(key: str, requires: tuple[str, ...] = ()) -> PathItem:
    return PathItem(CERTIFICATION, key, None, requires)


def goal(*items: PathItem, **kwargs) -> PathGoal:
    return PathGoal(items={i.id: i for i in items}, **kwargs)


def plan(g: PathGoal, **done) -> list[tuple[str, str]]:
    return [(s.item.id, s.reason) for s in plan_path(g, PathProgress(**{k: frozenset(v) for k, v in done.items()}))]


# -- plan_path ----------------------------------------------------------------------------------


def test_prerequisites_come_first_deepest_first_and_once():
    g = goal(cert("A", ("C",)), cert("B", ("C",)), cert("C"), certifications=("A", "B"))
    assert plan(g) == [("C", PREREQUISITE), ("A", PREREQUISITE), ("B", PREREQUISITE)]
    # A held: C is still needed for B
    assert plan(g, certifications={"A"}) == [("C", PREREQUISITE), ("B", PREREQUISITE)]
    # C held: nothing below A and B
    assert plan(g, certifications={"C"}) == [("A", PREREQUISITE), ("B", PREREQUISITE)]
    assert plan(g, certifications={"A", "B"}) == []


def test_a_prerequisite_cycle_in_the_data_does_not_loop():
    g = goal(cert("A", ("B",)), cert("B", ("A",)), certifications=("A",))
    assert plan(g) == [("B", PREREQUISITE), ("A", PREREQUISITE)]


def test_recommended_in_order_with_each_superbadge_after_its_modules():
    g = goal(module("M1"), module("M2"), module("M3"), superbadge("S1", ("M3", "M1")), module("M4"),
             recommended=("M1", "S1", "M4", "M2"))
    assert plan(g) == [("M1", RECOMMENDED), ("M3", UNLOCKS_SUPERBADGE), ("S1", RECOMMENDED), ("M4", RECOMMENDED),
                       ("M2", RECOMMENDED)]
    assert plan(g, completed={"M3"}) == [("M1", RECOMMENDED), ("S1", RECOMMENDED), ("M4", RECOMMENDED),
                                         ("M2", RECOMMENDED)]
    # a completed superbadge needs nothing more
    assert plan(g, completed={"S1", "M1"}) == [("M4", RECOMMENDED), ("M2", RECOMMENDED)]


def test_a_module_unlocking_a_superbadge_and_recommended_later_appears_once():
    g = goal(module("M1"), superbadge("S1", ("M1",)), recommended=("S1", "M1"))
    assert plan(g) == [("M1", UNLOCKS_SUPERBADGE), ("S1", RECOMMENDED)]


def test_missing_skills_get_the_module_covering_most_of_them():
    g = goal(module("X", 20, ("s3",)), module("Y", 90, ("s3", "s4")), module("Z", 10, ("s4",)),
             module("R", 30, ("s2",)),
             recommended=("R",), skills=("s1", "s2", "s3", "s4"),
             teachers={"s3": ("X", "Y"), "s4": ("Z", "Y"), "s2": ("R",)})
    # s1 held; s2 taught by the recommended R; Y covers s3 and s4 at once
    assert plan(g, skills={"s1"}) == [("R", RECOMMENDED), ("Y", TEACHES_SKILL)]
    # with s4 learned, the best teacher of s3 alone is the first listed
    assert plan(g, skills={"s1", "s4"}) == [("R", RECOMMENDED), ("X", TEACHES_SKILL)]
    # a completed teacher is never suggested (its skill would count as learned anyway)
    assert plan(g, skills={"s1", "s2", "s4"}, completed={"R", "X"}) == [("Y", TEACHES_SKILL)]


def test_a_skill_nothing_teaches_stays_missing():
    g = goal(module("X", 20, ("s1",)), skills=("s1", "s2"), teachers={"s1": ("X",)})
    progress = PathProgress()
    assert [(s.item.id, s.skills) for s in plan_path(g, progress)] == [("X", ("s1",))]
    assert missing_skills(g, progress) == ["s1", "s2"]
    assert missing_skills(g, PathProgress(skills=frozenset({"s1", "s2"}))) == []


def test_steps_name_the_missing_skills_they_teach_and_minutes_add_up():
    g = goal(cert("P"), module("M1", 45, ("s1", "s2")), superbadge("S", ("M1",), 300, ("s2",)),
             certifications=("P",), recommended=("S",), skills=("s1", "s2"))
    steps = plan_path(g, PathProgress(skills=frozenset({"s1"})))
    assert [(s.item.id, s.reason, s.skills) for s in steps] == [
        ("P", PREREQUISITE, ()), ("M1", UNLOCKS_SUPERBADGE, ("s2",)), ("S", RECOMMENDED, ("s2",))]
    assert total_minutes(steps) == 345


def test_cadence_reads_the_calendar():
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    releases = [{"releasedAt": base + i * 120 * DAY, "maintenanceDeadline": base + i * 120 * DAY + 360 * DAY}
                for i in range(4)]
    assert cadence(False, releases).startswith("No maintenance")
    text = cadence(True, releases)
    assert "about 3 releases a year" in text and "about 12 months" in text
    assert cadence(True, []).startswith("Complete each release's maintenance module")


# -- viewer.pathTo --------------------------------------------------------------------------------

PATH = """query($id: ID!) { viewer { pathTo(certificationId: $id) {
    certification { slug } isReady totalMinutes examFeeUsd totalExamFeesUsd
    missingSkills { slug }
    maintenance { requiresMaintenance cadence nextReleases { name } }
    credential { credentialId status }
    steps { reason estimatedMinutes skills { slug }
      item { __typename ... on Module { slug } ... on Superbadge { slug } ... on Certification { slug examFeeUsd } } } } } }"""


async def _catalog(graph):
    now = datetime.now(timezone.utc)
    await lf.release(graph, name="Winter '27", released_at=now - 30 * DAY, maintenance_deadline=now + 300 * DAY)
    await lf.release(graph, name="Summer '27", released_at=now + 90 * DAY, maintenance_deadline=now + 420 * DAY)
    sk1, sk2, sk3, sk4 = await f.skills(graph, 4)
    m1 = await lf.module(graph, units=2, minutes_per_unit=15, skills=[sk1])  # 30 min
    m2 = await lf.module(graph, units=1, minutes_per_unit=20)
    m3 = await lf.module(graph, units=2, minutes_per_unit=25)  # 50 min
    sb = await lf.superbadge(graph, requires=[m2, m3], skills=[sk2], estimatedMinutes=240)
    # teachers of sk3: the admin-role one wins over a shorter developer one; maintenance never counts
    m4 = await lf.module(graph, units=3, minutes_per_unit=20, skills=[sk3], roles=("ADMINISTRATOR",))  # 60 min
    await lf.module(graph, units=1, minutes_per_unit=10, skills=[sk3], roles=("DEVELOPER",))
    base = await lf.certification(graph, level="ASSOCIATE", requires_maintenance=False, exam_fee_usd=75)
    target = await lf.certification(graph, exam_fee_usd=200, requires=[base], attests=[sk1, sk2, sk3, sk4],
                                    recommends=[m1, sb])
    release = await lf.release(graph, name="Spring '27", released_at=now - 10 * DAY,
                               maintenance_deadline=now + 200 * DAY)
    await lf.maintenance_module(graph, release=release, maintains=target)
    return {"skills": (sk1, sk2, sk3, sk4), "m1": m1, "m2": m2, "m3": m3, "m4": m4, "sb": sb, "base": base,
            "target": target}


async def test_path_lists_what_is_missing_in_order_with_totals(graph, client, token_for):
    c = await _catalog(graph)
    sk1, sk2, sk3, _ = c["skills"]
    member = await f.member(graph)
    await lf.complete_modules(graph, member, [c["m2"]])
    body = await gql(client, PATH, {"id": gid("Certification", c["target"])}, headers=token_for(member["id"]))
    assert "errors" not in body, body
    path = body["data"]["viewer"]["pathTo"]
    assert [(s["reason"], s["item"]["__typename"], s["item"]["slug"], s["estimatedMinutes"]) for s in path["steps"]] == [
        ("PREREQUISITE_CERTIFICATION", "Certification", c["base"]["slug"], None),
        ("RECOMMENDED", "Module", c["m1"]["slug"], 30),
        ("UNLOCKS_SUPERBADGE", "Module", c["m3"]["slug"], 50),
        ("RECOMMENDED", "Superbadge", c["sb"]["slug"], 240),
        ("TEACHES_SKILL", "Module", c["m4"]["slug"], 60),
    ]
    assert [s["skills"] for s in path["steps"]] == [[], [{"slug": sk1["slug"]}], [], [{"slug": sk2["slug"]}],
                                                    [{"slug": sk3["slug"]}]]
    assert path["totalMinutes"] == 30 + 50 + 240 + 60
    assert path["examFeeUsd"] == 200 and path["totalExamFeesUsd"] == 275
    assert path["steps"][0]["item"]["examFeeUsd"] == 75
    assert sorted(s["slug"] for s in path["missingSkills"]) == sorted(s["slug"] for s in c["skills"])
    assert path["isReady"] is False and path["credential"] is None
    assert path["maintenance"]["requiresMaintenance"] is True
    assert path["maintenance"]["nextReleases"] == [{"name": "Summer '27"}]
    assert "maintenance deadline" in path["maintenance"]["cadence"]
    assert path["certification"]["slug"] == c["target"]["slug"]
    # candidates + the viewer's progress + the calendar, after the viewer's own lookup
    assert round_trips(body) == 4, body["extensions"]


async def test_path_is_empty_when_ready(graph, client, token_for):
    c = await _catalog(graph)
    _, _, sk3, sk4 = c["skills"]
    member = await f.member(graph)
    now = datetime.now(timezone.utc)
    await lf.credential(graph, member, c["base"], earned_at=now - 400 * DAY)  # associates never expire
    await lf.complete_modules(graph, member, [c["m1"], c["m2"], c["m3"]])
    await lf.complete_superbadge(graph, member, c["sb"])
    await f.holdings(graph, [(member, sk3, 2)])
    body = await gql(client, PATH, {"id": gid("Certification", c["target"])}, headers=token_for(member["id"]))
    path = body["data"]["viewer"]["pathTo"]
    # sk4 is attested but nothing teaches it: not ready until the member holds it
    assert path["steps"] == [] and path["missingSkills"] == [{"slug": sk4["slug"]}] and path["isReady"] is False
    await f.holdings(graph, [(member, sk4, 1)])
    body = await gql(client, PATH, {"id": gid("Certification", c["target"])}, headers=token_for(member["id"]))
    path = body["data"]["viewer"]["pathTo"]
    assert path["steps"] == [] and path["missingSkills"] == [] and path["isReady"] is True
    assert path["totalMinutes"] == 0 and path["totalExamFeesUsd"] == 200

    # An associate certification: no maintenance ahead, and the member's own credential shows.
    body = await gql(client, PATH, {"id": gid("Certification", c["base"])}, headers=token_for(member["id"]))
    path = body["data"]["viewer"]["pathTo"]
    assert path["maintenance"]["requiresMaintenance"] is False and path["maintenance"]["nextReleases"] == []
    assert path["credential"]["status"] == "ACTIVE" and path["isReady"] is True


async def test_path_is_for_the_viewer_only(graph, client, token_for):
    c = await _catalog(graph)
    me, other = await f.members(graph, 2)
    query = """query($handle: String!, $id: ID!) { member(handle: $handle) { pathTo(certificationId: $id) { isReady } } }"""
    variables = {"handle": other["handle"], "id": gid("Certification", c["target"])}
    body = await gql(client, query, variables, headers=token_for(me["id"]))
    assert codes(body) == ["FORBIDDEN"]
    body = await gql(client, query, variables)
    assert codes(body) == ["UNAUTHENTICATED"]
    headers = token_for(me["id"])
    body = await gql(client, PATH, {"id": gid("Module", c["m1"])}, headers=headers)
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "certificationId"
    body = await gql(client, PATH, {"id": gid("Certification", {"id": "missing"})}, headers=headers)
    assert "errors" not in body and body["data"]["viewer"]["pathTo"] is None
