"""The generated learning data (no database): catalog shape per size, the calendar, quests,
companies and plans, and progress and credentials exactly consistent with graph/MODEL.md and the
API's own rules (the rank ladder, the quest rule, the credential status rule, the prize draw),
recomputed here from the rows; distributions checked loosely on `small`.

The same checks against the engine (`counter_mismatches()` all zero) run on `demo` in
tests/seed/test_loader.py.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import pytest

from graph.seed import KINDS as WRITER_KINDS
from resolvers.learning.credentials import credential_state
from resolvers.learning.quests import draw_winners, entries_digest
from resolvers.seed import learning_catalog as lc
from resolvers.seed import taxonomy
from resolvers.seed.generator import KINDS, SeedGenerator
from resolvers.seed.learning import LEARNING_SIZES
from resolvers.seed.learning_items import CatalogBuilder
from tests.seed.sample import NOW, all_rows

SLUG = re.compile(r"^[a-z0-9-]+$")


@pytest.fixture(params=["demo", "small"])
def rows(request, demo, small) -> dict[str, list[dict]]:
    return {"demo": demo, "small": small}[request.param]


@pytest.fixture(params=["demo", "small"])
def sized(request, demo, small) -> tuple[str, dict[str, list[dict]]]:
    return request.param, {"demo": demo, "small": small}[request.param]


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["id"]: row for row in rows}


def _rank(points: int, badges: int) -> int:
    return lc.rank_for(points, badges).position


# kinds and determinism ------------------------------------------------------------------------------

def test_the_generator_yields_every_writer_kind_in_order():
    assert KINDS == WRITER_KINDS


def test_catalog_rows_do_not_depend_on_now(demo):
    moved = all_rows("demo", 7, now=NOW + timedelta(days=40))
    for kind in ("modules", "units", "module_skills", "trails", "trail_modules", "superbadges",
                 "superbadge_modules", "certifications", "certification_prerequisites", "certification_skills",
                 "certification_recommendations", "ranks", "companies", "employments"):
        if kind == "modules":  # maintenance modules follow the calendar
            assert [m for m in demo[kind] if m["kind"] != "MAINTENANCE"] == [
                m for m in moved[kind] if m["kind"] != "MAINTENANCE"]
        elif kind == "units":
            regular = {m["id"] for m in demo["modules"] if m["kind"] != "MAINTENANCE"}
            assert [u for u in demo[kind] if u["moduleId"] in regular] == [
                u for u in moved[kind] if u["moduleId"] in regular]
        else:
            assert demo[kind] == moved[kind], kind
    assert {q["month"] for q in moved["quests"]} != {q["month"] for q in demo["quests"]}


# catalog ----------------------------------------------------------------------------------------------

def _check_catalog(rows: dict[str, list[dict]], size: str) -> None:
    spec = LEARNING_SIZES[size]
    modules = rows["modules"]
    regular = [m for m in modules if m["kind"] != "MAINTENANCE"]
    assert len(regular) == spec.modules
    assert 0.07 < sum(m["kind"] == "PROJECT" for m in regular) / len(regular) < 0.13
    for table in ("modules", "trails", "superbadges", "certifications", "badges", "companies", "quests"):
        slugs = [row["slug"] for row in rows[table]]
        assert len(set(slugs)) == len(slugs) and all(SLUG.match(s) for s in slugs), table
    assert len({m["title"] for m in regular}) == len(regular)
    units = defaultdict(list)
    for unit in rows["units"]:
        units[unit["moduleId"]].append(unit)
    for m in modules:
        mine = sorted(units[m["id"]], key=lambda u: u["position"])
        assert [u["position"] for u in mine] == list(range(1, len(mine) + 1))
        assert m["unitCount"] == len(mine) and m["points"] == sum(u["points"] for u in mine)
        assert m["estimatedMinutes"] == sum(u["estimatedMinutes"] for u in mine)
        assert m["level"] in lc.LEVELS and m["roles"] and set(m["roles"]) <= set(lc.ROLES)
        if m["kind"] != "MAINTENANCE":
            assert 2 <= len(mine) <= 6
            assert all(100 <= u["points"] <= 500 and 10 <= u["estimatedMinutes"] <= 45 for u in mine)
        if m["kind"] == "PROJECT":
            assert {u["kind"] for u in mine} == {"HANDS_ON"}
    teaches = Counter(r["moduleId"] for r in rows["module_skills"])
    assert all(1 <= teaches[m["id"]] <= 3 for m in regular)
    assert not any(teaches[m["id"]] for m in modules if m["kind"] == "MAINTENANCE")
    # Modules teach skills their roles use (taxonomy categories -> lc.CATEGORY_ROLES).
    skills = {s["id"]: s for s in rows["skills"]}
    by_id = _by_id(modules)
    for r in rows["module_skills"]:
        assert set(by_id[r["moduleId"]]["roles"]) <= set(lc.CATEGORY_ROLES[skills[r["skillId"]]["category"]])
    assert {skills[r["skillId"]]["slug"] for r in rows["module_skills"]} == {s["slug"] for s in rows["skills"]}
    badges = _by_id(rows["badges"])
    awarded = {r["moduleId"]: badges[r["badgeId"]] for r in rows["module_badges"]}
    for m in modules:
        if m["kind"] == "MAINTENANCE":
            assert m["id"] not in awarded
        else:
            assert awarded[m["id"]]["kind"] == m["kind"]
    # Trails: 3-10 modules of the trail's role, at levels the trail's level allows, easiest first.
    assert len(rows["trails"]) == spec.trails
    included = defaultdict(list)
    for r in rows["trail_modules"]:
        included[r["trailId"]].append(r)
    order = {level: i for i, level in enumerate(lc.LEVELS)}
    allowed = {"BEGINNER": {"BEGINNER"}, "INTERMEDIATE": {"BEGINNER", "INTERMEDIATE"},
               "ADVANCED": {"INTERMEDIATE", "ADVANCED"}}
    for trail in rows["trails"]:
        mine = [by_id[r["moduleId"]] for r in sorted(included[trail["id"]], key=lambda r: r["position"])]
        assert 3 <= len(mine) <= 10 and trail["moduleCount"] == len(mine)
        assert trail["estimatedMinutes"] == sum(m["estimatedMinutes"] for m in mine)
        assert all(trail["roles"][0] in m["roles"] and m["level"] in allowed[trail["level"]] for m in mine)
        assert [order[m["level"]] for m in mine] == sorted(order[m["level"]] for m in mine)
        assert all(m["kind"] in ("MODULE", "PROJECT") for m in mine)
    # Superbadges: 3-6 prerequisite modules, their own badge.
    assert len(rows["superbadges"]) == spec.superbadges
    prerequisites = Counter(r["superbadgeId"] for r in rows["superbadge_modules"])
    assert all(3 <= prerequisites[s["id"]] <= 6 for s in rows["superbadges"])
    assert {badges[r["badgeId"]]["kind"] for r in rows["superbadge_badges"]} == {"SUPERBADGE"}
    assert len(rows["superbadge_badges"]) == len(rows["superbadges"])


def test_catalog_shape(sized):
    size, rows = sized
    _check_catalog(rows, size)
    assert [(r["name"], r["position"], r["minBadges"], r["minPoints"]) for r in rows["ranks"]] == [
        tuple(step) for step in lc.RANK_LADDER]


def test_medium_catalog_is_a_few_thousand_modules():
    gen = SeedGenerator("medium", 1, now=NOW)
    gen._build_taxonomy()
    catalog = CatalogBuilder(gen, LEARNING_SIZES["medium"])
    catalog.build()
    regular = catalog.modules[: catalog.module_count]
    assert len(regular) == 3_000 and 250 <= sum(m["kind"] == "PROJECT" for m in regular) <= 350
    assert len(catalog.trails) == 300 and len(catalog.superbadges) == 40
    assert all(3 <= len(ms) <= 10 for ms in catalog.trail_modules)
    assert all(3 <= len(ms) <= 6 for ms in catalog.superbadge_modules)
    assert len({m["title"] for m in regular}) == 3_000


def test_certifications_span_six_roles_and_four_levels(demo):
    certs = demo["certifications"]
    by_id = _by_id(certs)
    assert len(certs) >= 38
    assert {c["role"] for c in certs} == set(lc.ROLES)
    assert {c["level"] for c in certs} == {"ASSOCIATE", "PROFESSIONAL", "ADVANCED", "EXPERT"}
    assert all(Counter(c["role"] for c in certs)[role] >= 5 for role in lc.ROLES)
    titles = {c["title"] for c in certs}
    assert {"Certified Platform Administrator", "Certified Platform Developer II",
            "Certified Application Architect"} <= titles
    for c in certs:
        assert c["requiresMaintenance"] == (c["level"] != "ASSOCIATE")
        assert c["examFeeUsd"] == (75 if c["level"] == "ASSOCIATE" else 400 if c["role"] == "ARCHITECT" else 200)
    requires = defaultdict(set)
    for r in demo["certification_prerequisites"]:
        requires[r["certificationId"]].add(by_id[r["requiredId"]]["level"])
    for c in certs:
        if c["level"] == "ADVANCED":
            assert "PROFESSIONAL" in requires[c["id"]], c["title"]
        if c["level"] == "EXPERT":
            assert requires[c["id"]] and requires[c["id"]] <= {"ADVANCED", "EXPERT"}, c["title"]
    # Every certification attests skills and recommends modules and superbadges teaching them.
    attests = defaultdict(set)
    for r in demo["certification_skills"]:
        attests[r["certificationId"]].add(r["skillId"])
    taught = defaultdict(set)
    for r in demo["module_skills"]:
        taught[r["moduleId"]].add(r["skillId"])
    for r in demo["superbadge_skills"]:
        taught[r["superbadgeId"]].add(r["skillId"])
    recommended = defaultdict(list)
    for r in demo["certification_recommendations"]:
        recommended[r["certificationId"]].append(r)
    for c in certs:
        assert len(attests[c["id"]]) >= 2
        mine = sorted(recommended[c["id"]], key=lambda r: r["position"])
        assert mine and [r["position"] for r in mine] == list(range(1, len(mine) + 1))
        assert all(taught[r["targetId"]] & attests[c["id"]] for r in mine)


# the calendar and quests ---------------------------------------------------------------------------------

def test_releases_maintenance_and_quests(demo):
    releases = sorted(demo["releases"], key=lambda r: r["releasedAt"])
    released = [r for r in releases if r["releasedAt"] <= NOW]
    assert len(released) == 9 and len(releases) == 10 and releases[-1]["releasedAt"] > NOW
    assert all(re.fullmatch(r"(Spring|Summer|Winter) '\d\d", r["name"]) for r in releases)
    assert all(r["maintenanceDeadline"] == r["releasedAt"].replace(year=r["releasedAt"].year + 1) for r in releases)
    assert Counter(r["releasedAt"].year for r in released).most_common(1)[0][1] == 3
    modules = _by_id(demo["modules"])
    certs = _by_id(demo["certifications"])
    per_release = Counter(r["releaseId"] for r in demo["maintenance"])
    assert set(per_release) == {r["id"] for r in releases} and set(per_release.values()) == {6}
    for row in demo["maintenance"]:
        module = modules[row["moduleId"]]
        assert module["kind"] == "MAINTENANCE"
        maintained = [certs[c] for c in row["certificationIds"]]
        assert len(maintained) >= 2 and all(c["role"] == module["roles"][0] for c in maintained)
        assert {c["id"] for c in maintained} == {c["id"] for c in certs.values()
                                                if c["role"] == module["roles"][0] and c["requiresMaintenance"]}
    quests = demo["quests"]
    months = Counter(q["month"] for q in quests)
    assert len(months) == 7 and set(months.values()) == {3} and NOW.strftime("%Y-%m") in months
    badges = _by_id(demo["badges"])
    awarded = {r["questId"]: badges[r["badgeId"]] for r in demo["quest_badges"]}
    required = Counter(r["questId"] for r in demo["quest_requirements"])
    for q in quests:
        assert q["startsAt"].strftime("%Y-%m") == q["month"] and q["startsAt"].day == 1
        assert (q["endsAt"] - timedelta(days=1)).strftime("%Y-%m") == q["month"] and q["endsAt"].day == 1
        assert 2 <= required[q["id"]] <= 3
        badge = awarded[q["id"]]
        assert badge["kind"] == "LIMITED_EDITION"
        assert (badge["availableFrom"], badge["availableUntil"]) == (q["startsAt"], q["endsAt"])
    assert {(q["minRank"], q["maxRank"]) for q in quests} == {(1, 3), (4, 6), (7, 12)}
    kinds = Counter(b["kind"] for b in demo["badges"])
    assert kinds["EVENT"] >= 6 and kinds["LIMITED_EDITION"] > len(quests)
    for b in demo["badges"]:
        assert (b["availableFrom"] is not None) == (b["kind"] == "LIMITED_EDITION")


# companies and plans ------------------------------------------------------------------------------------

def test_companies_employments_and_plans(rows):
    members = _by_id(rows["members"])
    companies = _by_id(rows["companies"])
    employer = Counter(r["memberId"] for r in rows["employments"])
    assert set(employer.values()) == {1}
    staff = defaultdict(list)
    for r in rows["employments"]:
        staff[r["companyId"]].append(r)
        assert members[r["memberId"]]["company"] == companies[r["companyId"]]["name"]
        assert r["since"] <= datetime(2026, 1, 1, tzinfo=NOW.tzinfo)
    counts = Counter(m["company"] for m in rows["members"])
    for c in rows["companies"]:
        assert c["employeeCount"] == len(staff[c["id"]]) == counts[c["name"]]
        assert 1 <= sum(r["role"] == "ADMIN" for r in staff[c["id"]]) <= 3
        assert c["industry"] in taxonomy.INDUSTRIES
    biggest = sorted(counts.values(), reverse=True)
    assert min(c["employeeCount"] for c in rows["companies"]) >= biggest[len(rows["companies"]) + 3]
    admins = {(r["companyId"], r["memberId"]) for r in rows["employments"] if r["role"] == "ADMIN"}
    works_at = {r["memberId"]: r["companyId"] for r in rows["employments"]}
    plans = _by_id(rows["learning_plans"])
    assert plans
    for p in plans.values():
        assert (p["companyId"], p["assignedBy"]) in admins
        assert p["createdAt"] < p["dueAt"] and p["createdAt"] <= NOW
    for r in rows["plan_assignments"]:
        assert works_at[r["memberId"]] == plans[r["planId"]]["companyId"]
        assert plans[r["planId"]]["createdAt"] <= r["at"] <= NOW
    items = Counter(r["planId"] for r in rows["plan_items"])
    assert all(1 <= items[p] <= 3 for p in plans)
    assert any(p["dueAt"] < NOW for p in plans.values())


# progress: exactly the API's rules -------------------------------------------------------------------------

def test_progress_is_consistent_with_the_model(rows):
    members = _by_id(rows["members"])
    units = _by_id(rows["units"])
    modules = _by_id(rows["modules"])
    superbadges = _by_id(rows["superbadges"])
    quests = _by_id(rows["quests"])
    badges = _by_id(rows["badges"])
    ranks = _by_id(rows["ranks"])
    module_units = Counter(u["moduleId"] for u in rows["units"])
    module_badge = {r["moduleId"]: r["badgeId"] for r in rows["module_badges"]}
    superbadge_badge = {r["superbadgeId"]: r["badgeId"] for r in rows["superbadge_badges"]}
    quest_badge = {r["questId"]: r["badgeId"] for r in rows["quest_badges"]}
    prerequisites = defaultdict(list)
    for r in rows["superbadge_modules"]:
        prerequisites[r["superbadgeId"]].append(r["moduleId"])
    requirements = defaultdict(list)
    for r in rows["quest_requirements"]:
        requirements[r["questId"]].append(r["targetId"])

    points: Counter[str] = Counter()
    completed: dict[tuple[str, str], datetime] = {}
    units_done: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for c in rows["completions"]:
        key = (c["memberId"], c["targetId"])
        assert key not in completed, "completed twice"
        completed[key] = c["at"]
        points[c["memberId"]] += c["points"]
        assert members[c["memberId"]]["joinedAt"] < c["at"] <= NOW
        if c["targetKind"] == "UNIT":
            assert c["points"] == units[c["targetId"]]["points"]
            units_done[(c["memberId"], units[c["targetId"]]["moduleId"])].append(c["at"])
        elif c["targetKind"] == "SUPERBADGE":
            assert c["points"] == superbadges[c["targetId"]]["points"]
        else:
            assert c["points"] == 0
    earned: dict[tuple[str, str], datetime] = {}
    for e in rows["earned_badges"]:
        assert (e["memberId"], e["badgeId"]) not in earned
        earned[(e["memberId"], e["badgeId"])] = e["at"]
        badge = badges[e["badgeId"]]
        if badge["availableFrom"] is not None:
            assert badge["availableFrom"] <= e["at"] < badge["availableUntil"]
    assert len({e["id"] for e in rows["earned_badges"]}) == len(rows["earned_badges"])
    badge_count = Counter(member for member, _ in earned)
    for m in rows["members"]:
        assert m["points"] == points[m["id"]]
        assert m["badgeCount"] == badge_count[m["id"]]
        assert m["rank"] == _rank(m["points"], m["badgeCount"])
    # A module is COMPLETED exactly when all its units are, at the last one, with its badge then.
    for (member, module), times in units_done.items():
        whole = len(times) == module_units[module]
        assert ((member, module) in completed) == whole
        if whole:
            assert completed[(member, module)] == max(times)
            if module in module_badge:
                assert earned[(member, module_badge[module])] == max(times)
    for (member, target), at in completed.items():
        if target in modules:
            assert len(units_done[(member, target)]) == module_units[target]
        if target in superbadges:
            assert all(completed[(member, m)] < at for m in prerequisites[target])
            assert earned[(member, superbadge_badge[target])] == at
    # Rank history: one REACHED per rank passed, in order, the last being the member's rank.
    history = defaultdict(list)
    for r in rows["rank_history"]:
        history[r["memberId"]].append((r["at"], ranks[r["rankId"]]["position"]))
    for m in rows["members"]:
        reached = sorted(history[m["id"]])
        assert [p for _, p in reached] == list(range(2, m["rank"] + 1))
    # Quests: entered at a requirement's completion inside the window, every requirement inside it,
    # the member's rank before that completion inside the band; the badge earned then.
    finishing = defaultdict(set)  # when each member completed a module or a superbadge
    for (member, target), at in completed.items():
        if target in modules or target in superbadges:
            finishing[member].add(at)
    for (member, target), at in completed.items():
        if target not in quests:
            continue
        q = quests[target]
        assert q["startsAt"] <= at < q["endsAt"] and at in finishing[member]
        assert all(q["startsAt"] <= completed[(member, r)] <= at for r in requirements[target])
        before = max((p for t, p in history[member] if t < at), default=1)
        assert q["minRank"] <= before <= q["maxRank"]
        assert earned[(member, quest_badge[target])] == at


def test_quests_not_entered_were_not_finished_in_band(rows):
    """The converse of the quest rule: nobody who met a quest's conditions misses the entry."""
    quests = _by_id(rows["quests"])
    requirements = defaultdict(list)
    for r in rows["quest_requirements"]:
        requirements[r["questId"]].append(r["targetId"])
    completed = {(c["memberId"], c["targetId"]): c["at"] for c in rows["completions"]}
    modules_by_member = defaultdict(list)
    for c in rows["completions"]:
        if c["targetKind"] in ("MODULE", "SUPERBADGE"):
            modules_by_member[c["memberId"]].append(c["at"])
    history = defaultdict(list)
    ranks = {r["id"]: r["position"] for r in rows["ranks"]}
    for r in rows["rank_history"]:
        history[r["memberId"]].append((r["at"], ranks[r["rankId"]]))
    maintenance = {m["id"] for m in rows["modules"] if m["kind"] == "MAINTENANCE"}
    maintained = {(c["memberId"], c["at"]) for c in rows["completions"] if c["targetId"] in maintenance}
    for member, times in modules_by_member.items():
        for qid, q in quests.items():
            if (member, qid) in completed:
                continue
            inside = [completed.get((member, r)) for r in requirements[qid]]
            if not all(t is not None and q["startsAt"] <= t < q["endsAt"] for t in inside):
                continue
            finished = max(inside)
            for at in times:
                if at < finished or not q["startsAt"] <= at < q["endsAt"] or (member, at) in maintained:
                    continue
                before = max((p for t, p in history[member] if t < at), default=1)
                assert not q["minRank"] <= before <= q["maxRank"], (member, q["slug"])


def test_prize_draws_are_reproducible(rows):
    entries = defaultdict(list)
    quests = _by_id(rows["quests"])
    for c in rows["completions"]:
        if c["targetKind"] == "QUEST":
            entries[quests[c["targetId"]]["month"]].append((c["memberId"], c["targetId"]))
    winners = defaultdict(list)
    for w in rows["prize_winners"]:
        winners[w["month"]].append((w["position"], w["prize"], w["memberId"]))
    assert rows["prize_draws"]
    for draw in rows["prize_draws"]:
        month = draw["month"]
        assert all(q["endsAt"] < draw["drawnAt"] < NOW for q in quests.values() if q["month"] == month)
        assert draw["entryCount"] == len(entries[month]) and draw["entriesDigest"] == entries_digest(entries[month])
        assert sorted(winners[month]) == [tuple(w) for w in draw_winners(entries[month], draw["prizes"], draw["seed"])]
    assert not any(m == NOW.strftime("%Y-%m") for m in (d["month"] for d in rows["prize_draws"]))


# credentials -----------------------------------------------------------------------------------------------

def test_credentials_follow_the_status_rule(rows):
    certs = _by_id(rows["certifications"])
    releases = rows["releases"]
    release_at = {r["releasedAt"] for r in releases}
    prerequisites = defaultdict(list)
    for r in rows["certification_prerequisites"]:
        prerequisites[r["certificationId"]].append(r["requiredId"])
    held = {(c["memberId"], c["certificationId"]): c for c in rows["credentials"]}
    assert len(held) == len(rows["credentials"])
    codes = [c["credentialId"] for c in rows["credentials"]]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"[A-Za-z0-9._-]{4,64}", c) for c in codes)
    assert len({c["id"] for c in rows["credentials"]}) == len(codes)
    # Maintenance modules completed, per member: (role, releasedAt) -> when.
    modules = _by_id(rows["modules"])
    release_of = {r["moduleId"]: r["releaseId"] for r in rows["maintenance"]}
    released = {r["id"]: r["releasedAt"] for r in releases}
    deadline = {r["id"]: r["maintenanceDeadline"] for r in releases}
    maintained = {}
    for c in rows["completions"]:
        if c["targetKind"] == "MODULE" and c["targetId"] in release_of:
            rid = release_of[c["targetId"]]
            assert released[rid] < c["at"] <= deadline[rid]
            maintained[(c["memberId"], modules[c["targetId"]]["roles"][0], released[rid])] = c["at"]
    statuses = Counter()
    for (member, cert_id), c in held.items():
        cert = certs[cert_id]
        for p in prerequisites[cert_id]:
            assert held[(member, p)]["earnedAt"] < c["earnedAt"]
        assert c["earnedAt"] <= c["coveredThrough"] <= NOW
        if c["coveredThrough"] != c["earnedAt"]:
            assert cert["requiresMaintenance"] and c["coveredThrough"] in release_at
            assert (member, cert["role"], c["coveredThrough"]) in maintained
        statuses[credential_state(covered_through=c["coveredThrough"], releases=releases, now=NOW,
                                  requires_maintenance=cert["requiresMaintenance"]).status] += 1
    assert all(statuses[s] > 0 for s in ("ACTIVE", "MAINTENANCE_DUE", "EXPIRED")), statuses
    assert statuses["ACTIVE"] > statuses["EXPIRED"]


# distributions ----------------------------------------------------------------------------------------------

def test_learning_is_heavy_tailed_with_a_few_percent_rangers(small):
    members = small["members"]
    n = len(members)
    points = sorted((m["points"] for m in members), reverse=True)
    assert statistics.median(points) == 0  # most members do little or no learning
    assert 0.25 < sum(p > 0 for p in points) / n < 0.6
    assert sum(points[: n // 10]) > 0.7 * sum(points)  # the top 10% hold most points
    assert points[0] > 20 * points[n // 10]
    rangers = [m for m in members if m["rank"] >= 7]
    assert 0.01 < len(rangers) / n < 0.05
    assert all(m["badgeCount"] >= 100 and m["points"] >= 50_000 for m in rangers)
    ranks = Counter(m["rank"] for m in members)
    assert all(ranks[r] > 0 for r in range(1, 8))  # every rank up to Ranger is held by someone
    modules_done = Counter(c["memberId"] for c in small["completions"] if c["targetKind"] == "MODULE")
    # Rangers complete 100+ modules (a few heavy learners get there with 90-odd and other badges).
    assert sum(modules_done[m["id"]] >= 100 for m in rangers) > 0.9 * len(rangers)
    assert min(modules_done[m["id"]] for m in rangers) >= 80
    kinds = Counter(c["targetKind"] for c in small["completions"])
    assert kinds["SUPERBADGE"] > 100 and kinds["QUEST"] > 100 and kinds["UNIT"] > 3 * kinds["MODULE"]
    quest_months = Counter(c["at"].strftime("%Y-%m") for c in small["completions"] if c["targetKind"] == "QUEST")
    assert len(quest_months) == 7
    holders = Counter(c["memberId"] for c in small["credentials"])
    assert 0.02 < len(holders) / n < 0.1 and max(holders.values()) <= 5
    assert Counter(holders.values()).most_common(1)[0][0] == 1
