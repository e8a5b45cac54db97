"""The learning factories leave a consistent graph, and every learning mismatch kind catches drift."""

from __future__ import annotations

from datetime import timedelta

import pytest

from graph.cypher import Query
from graph.errors import NotFound
from graph.seed import KINDS, MISMATCH_KINDS, SeedWriter
from resolvers.seed.learning_catalog import RANK_LADDER, rank_for
from tests import factories as f
from tests.learning import factories as lf


def _q(text: str) -> Query:
    return Query("test", text, "", __file__, 0)


async def _one(graph, text: str, **params) -> dict:
    return (await graph.read(_q(text), **params))[0]


async def _mismatches(graph) -> dict[str, int]:
    result = await SeedWriter(graph).counter_mismatches()
    assert set(result) == set(MISMATCH_KINDS)
    return result


async def _clean(graph) -> None:
    assert await _mismatches(graph) == dict.fromkeys(MISMATCH_KINDS, 0)


async def _member_state(graph, member) -> dict:
    return await _one(graph, "MATCH (m:Member {id: $id}) RETURN m.points AS points, m.badgeCount AS badges, m.rank AS rank",
                      id=member["id"])


def test_the_ladder_is_the_real_one():
    assert [s.name for s in RANK_LADDER][:3] == ["Scout", "Hiker", "Explorer"]
    assert [s.position for s in RANK_LADDER] == list(range(1, 13))
    assert rank_for(0, 0).name == "Scout"
    assert rank_for(50_000, 99).name == "Expeditioner" and rank_for(50_000, 100).name == "Ranger"
    assert rank_for(300_000, 600).name == "All Star Ranger"


async def test_modules_units_trails_and_completions(graph):
    await lf.ranks(graph)
    member, other = await f.members(graph, 2)
    [skill] = await f.skills(graph, 1)
    first = await lf.module(graph, units=3, points=100, skills=[skill])
    project = await lf.module(graph, kind="PROJECT", units=2, points=500, minutes_per_unit=30)
    path = await lf.trail(graph, [first, project], title="Admin Beginner")
    assert [u["position"] for u in first["units"]] == [1, 2, 3]
    assert first["badge"]["kind"] == "MODULE" and project["badge"]["kind"] == "PROJECT"
    stored = await _one(graph, """MATCH (t:Trail {id: $id})
        RETURN t.moduleCount AS modules, t.estimatedMinutes AS minutes,
               [(t)-[i:INCLUDES]->(m:Module) | [i.position, m.id]] AS included""", id=path["id"])
    assert stored["modules"] == 2 and stored["minutes"] == 45 + 60
    assert sorted(stored["included"]) == [[1, first["id"]], [2, project["id"]]]
    await _clean(graph)

    # Two units: points, no module completion yet.
    written = await lf.complete_units(graph, member, first["units"][:2])
    assert [r["targetKind"] for r in written] == ["UNIT", "UNIT"]
    assert await _member_state(graph, member) == {"points": 200, "badges": 0, "rank": 1}
    await _clean(graph)
    # The last unit completes the module and earns its badge; repeating it writes nothing.
    written = await lf.complete_units(graph, member, first["units"])
    assert [r.get("targetKind") for r in written] == ["UNIT", "MODULE", None]
    assert written[-1]["badgeId"] == first["badge"]["id"]
    assert await lf.complete_units(graph, member, first["units"]) == []
    assert await _member_state(graph, member) == {"points": 300, "badges": 1, "rank": 1}
    await lf.complete_modules(graph, other, [first, project])
    assert await _member_state(graph, other) == {"points": 1300, "badges": 2, "rank": 1}
    await _clean(graph)
    counts = await SeedWriter(graph).counts()
    assert counts["modules"] == 2 and counts["units"] == 5 and counts["trail_modules"] == 2
    assert counts["completions"] == 3 + 1 + 5 + 2 and counts["earned_badges"] == 3 and counts["ranks"] == 12


async def test_ranks_follow_points_and_badges(graph):
    [member] = await f.members(graph, 1)
    big = await lf.module(graph, units=1, points=6_000)
    small = [await lf.module(graph, units=1, points=1) for _ in range(4)]
    await lf.complete_modules(graph, member, [big, *small])
    assert await _member_state(graph, member) == {"points": 6_004, "badges": 5, "rank": 1}  # no ladder yet
    await _clean(graph)
    await lf.ranks(graph)
    assert (await _member_state(graph, member))["rank"] == 2  # Hiker: 5 badges and 6,000 points
    await _clean(graph)
    await graph.write(_q("MATCH (m:Member {id: $id}) SET m.rank = 3"), id=member["id"])
    assert (await _mismatches(graph))["ranks"] == 1


async def test_points_and_badge_drift_is_reported(graph):
    member, other = await f.members(graph, 2)
    mod = await lf.module(graph, units=2)
    await lf.complete_modules(graph, member, [mod])
    await graph.write(_q("MATCH (m:Member {id: $id}) SET m.points = 1"), id=member["id"])
    await graph.write(_q("MATCH (m:Member {id: $id}) SET m.badgeCount = 4"), id=other["id"])
    drift = await _mismatches(graph)
    assert drift["points"] == 1 and drift["badges"] == 1 and drift["learning"] == 0
    await SeedWriter(graph).recount()
    await _clean(graph)


async def test_module_invariants_are_reported(graph):
    a, b, c, d = await f.members(graph, 4)
    mod = await lf.module(graph, units=2)
    writer = SeedWriter(graph)
    at = f.BASE
    # a: the module COMPLETED with one unit of two.
    await writer.completions([{"memberId": a["id"], "targetId": u["id"], "targetKind": kind, "at": at, "points": 0}
                              for u, kind in ((mod["units"][0], "UNIT"), (mod, "MODULE"))])
    # b: every unit, no module completion.
    await writer.completions([{"memberId": b["id"], "targetId": u["id"], "targetKind": "UNIT", "at": at, "points": 0}
                              for u in mod["units"]])
    # c: the module COMPLETED and no unit at all.
    await writer.completions([{"memberId": c["id"], "targetId": mod["id"], "targetKind": "MODULE", "at": at,
                               "points": 0}])
    await writer.recount()
    assert (await _mismatches(graph))["learning"] == 3
    # d: everything completed but the badge missing; then a unit completed twice.
    await writer.completions([{"memberId": d["id"], "targetId": u["id"], "targetKind": k, "at": at, "points": 0}
                              for u, k in ((mod["units"][0], "UNIT"), (mod["units"][1], "UNIT"), (mod, "MODULE"))])
    assert (await _mismatches(graph))["learning"] == 4
    await lf.earn_badge(graph, d, mod["badge"])
    assert (await _mismatches(graph))["learning"] == 3
    await writer.completions([{"memberId": d["id"], "targetId": mod["units"][0]["id"], "targetKind": "UNIT",
                               "at": at, "points": 0}])
    await lf.earn_badge(graph, d, mod["badge"])
    assert (await _mismatches(graph))["learning"] == 4  # d now has duplicates (counted once per member)
    with pytest.raises(ValueError):
        await writer.completions([{"memberId": d["id"], "targetId": mod["id"], "targetKind": "TRAIL", "at": at,
                                   "points": 0}])


async def test_superbadges_and_quests(graph):
    ready, early = await f.members(graph, 2)
    [skill] = await f.skills(graph, 1)
    mods = [await lf.module(graph) for _ in range(2)]
    sb = await lf.superbadge(graph, requires=mods, points=1000, skills=[skill])
    assert sb["badge"]["kind"] == "SUPERBADGE"
    await lf.complete_modules(graph, ready, mods)
    await lf.complete_superbadge(graph, ready, sb)
    assert await _member_state(graph, ready) == {"points": 1600, "badges": 3, "rank": 1}
    await _clean(graph)
    await lf.complete_superbadge(graph, early, sb)  # prerequisites missing, on purpose
    assert (await _mismatches(graph))["learning"] == 1

    starts = f.BASE
    q = await lf.quest(graph, month="2026-01", requires=[mods[0], sb], starts_at=starts,
                       ends_at=starts + timedelta(days=31))
    assert q["badge"]["kind"] == "LIMITED_EDITION"
    window = await _one(graph, """MATCH (q:Quest {id: $id})-[:AWARDS]->(b:Badge)
        RETURN b.availableFrom = q.startsAt AND b.availableUntil = q.endsAt AS same,
               COUNT { (q)-[:REQUIRES]->() } AS requires""", id=q["id"])
    assert window == {"same": True, "requires": 2}
    await lf.earn_badge(graph, ready, q["badge"], at=starts + timedelta(days=3))
    assert (await _mismatches(graph))["learning"] == 1
    await lf.earn_badge(graph, ready, await lf.badge(graph, kind="EVENT"))
    await lf.earn_badge(graph, early, q["badge"], at=starts + timedelta(days=40))  # outside the window
    assert (await _mismatches(graph))["learning"] == 2


async def test_certifications_releases_and_credentials(graph):
    holder, other = await f.members(graph, 2)
    [skill] = await f.skills(graph, 1)
    mod = await lf.module(graph)
    sb = await lf.superbadge(graph, requires=[mod])
    associate = await lf.certification(graph, level="ASSOCIATE", requires_maintenance=False, exam_fee_usd=75)
    admin = await lf.certification(graph, requires=[associate], attests=[skill], recommends=[sb, mod])
    recommended = await graph.read(_q("""MATCH (:Certification {id: $id})-[r:RECOMMENDS]->(x)
        RETURN x.id AS id, r.position AS position ORDER BY position"""), id=admin["id"])
    assert recommended == [{"id": sb["id"], "position": 1}, {"id": mod["id"], "position": 2}]
    winter = await lf.release(graph, name="Winter '27", released_at=f.BASE, maintenance_deadline=f.BASE + timedelta(days=300))
    upkeep = await lf.maintenance_module(graph, release=winter, maintains=[admin, associate])
    assert upkeep["badge"] is None and upkeep["kind"] == "MAINTENANCE"
    links = await _one(graph, """MATCH (m:Module {id: $id})
        RETURN COUNT { (m)-[:MAINTAINS]->(:Certification) } AS maintains, COUNT { (m)-[:FOR_RELEASE]->(:Release) } AS release,
               COUNT { (m)-[:AWARDS]->() } AS awards""", id=upkeep["id"])
    assert links == {"maintains": 2, "release": 1, "awards": 0}
    cred = await lf.credential(graph, holder, admin, earned_at=f.BASE - timedelta(days=10), issued_by=other["id"])
    stored = await _one(graph, """MATCH (:Member {id: $m})-[:HOLDS]->(k:Credential)-[:OF]->(:Certification {id: $c})
        RETURN k.credentialId AS code, k.coveredThrough = k.earnedAt AS covered, k.issuedBy AS by""",
                        m=holder["id"], c=admin["id"])
    assert stored == {"code": cred["credentialId"], "covered": True, "by": other["id"]}
    await _clean(graph)
    await lf.credential(graph, holder, admin, earned_at=f.BASE)  # a second credential of one certification
    assert (await _mismatches(graph))["credentials"] == 1
    await graph.write(_q("MATCH (k:Credential {id: $id})-[r:OF]->() DELETE r"), id=cred["id"])
    assert (await _mismatches(graph))["credentials"] == 1  # now it is the orphan that is off
    await graph.write(_q("MATCH (k:Credential {id: $id}) MATCH (m:Member {id: $m}) CREATE (m)-[:HOLDS]->(k)"),
                      id=cred["id"], m=other["id"])
    assert (await _mismatches(graph))["credentials"] == 1
    with pytest.raises(NotFound):
        await lf.certification(graph, recommends=[{"id": "missing"}])


async def test_companies_and_learning_plans(graph):
    boss, *staff = await f.members(graph, 3)
    acme = await lf.company(graph, name="Acme")
    await lf.employ(graph, acme, boss, role="ADMIN")
    await lf.employ(graph, acme, staff)
    mod = await lf.module(graph)
    path = await lf.trail(graph, [mod])
    plan = await lf.learning_plan(graph, acme, items=[path, mod], assignees=staff, due_at=f.BASE + timedelta(days=30),
                                  assigned_by=boss)
    stored = await _one(graph, """MATCH (c:Company {id: $c})-[:HAS_PLAN]->(p:LearningPlan {id: $p})
        RETURN c.employeeCount AS employees, p.assignedBy AS by, COUNT { (p)-[:INCLUDES]->() } AS items,
               COUNT { (p)-[:ASSIGNED_TO]->(:Member) } AS assigned""", c=acme["id"], p=plan["id"])
    assert stored == {"employees": 3, "by": boss["id"], "items": 2, "assigned": 2}
    await _clean(graph)
    await graph.write(_q("MATCH (c:Company {id: $id}) SET c.employeeCount = 9"), id=acme["id"])
    assert (await _mismatches(graph))["companies"] == 1
    other = await lf.company(graph)
    await lf.employ(graph, other, boss)  # a second employer; recount fixes the counter, not this
    assert (await _mismatches(graph))["companies"] == 1


async def test_catalog_counters_drift_and_every_kind_is_written(graph):
    mod = await lf.module(graph, units=2)
    path = await lf.trail(graph, [mod])
    await graph.write(_q("MATCH (m:Module {id: $id}) SET m.points = 1"), id=mod["id"])
    await graph.write(_q("MATCH (t:Trail {id: $id}) SET t.moduleCount = 5"), id=path["id"])
    assert (await _mismatches(graph))["catalog"] == 2
    await SeedWriter(graph).recount()
    await _clean(graph)

    writer = SeedWriter(graph)
    [member] = await f.members(graph, 1)
    ranks = await lf.ranks(graph)
    await writer.rank_history([{"memberId": member["id"], "rankId": ranks[0]["id"], "at": f.BASE}])
    await writer.prize_draws([{"id": "draw-1", "month": "2026-01", "seed": "42", "prizes": ["Hoodie"], "entryCount": 1,
                               "drawnAt": f.BASE, "drawnBy": member["id"]}])
    await writer.prize_winners([{"month": "2026-01", "memberId": member["id"], "position": 1, "prize": "Hoodie"}])
    q = await lf.quest(graph, month="2026-01", requires=[mod], starts_at=f.BASE, ends_at=f.BASE + timedelta(days=30))
    await writer.completions([{"memberId": member["id"], "targetId": q["id"], "targetKind": "QUEST", "at": f.BASE,
                               "points": 0}])
    counts = await writer.counts()
    assert set(counts) == set(KINDS)
    assert counts["rank_history"] == counts["prize_draws"] == counts["prize_winners"] == 1
    assert counts["quest_requirements"] == counts["quest_badges"] == 1 and counts["completions"] == 1
