"""The generated careers data: counts, graph/MODEL.md's careers invariants recomputed from the rows,
determinism, realistic mixes (loosely, on `small`), matches the scoring model finds on `demo`, and
the demo set loaded into the engine with `counter_mismatches()` all zero.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from graph.cypher import Query
from graph.seed import MISMATCH_KINDS, SeedWriter
from graph.seed.careers_writer import CAREERS_KINDS
from resolvers.careers.scoring import (
    JOB_MATCHING, Candidate, CertificationRequirement, Place, Requirements, SkillRequirement, score,
)
from resolvers.careers.talent_filter import TalentFilter
from resolvers.learning.credentials import credential_state
from resolvers.seed import careers_data as cd
from resolvers.seed.careers import CAREERS_SIZES
from resolvers.seed.generator import SeedGenerator
from resolvers.seed.learning_companies import size_band
from resolvers.seed.loader import load_seed
from tests.seed.sample import NOW, all_rows

SIZES = ("MICRO", "SMALL", "MEDIUM", "LARGE", "ENTERPRISE")


@pytest.fixture(params=["demo", "small"])
def sized(request, demo, small) -> tuple[str, dict[str, list[dict]]]:
    return request.param, {"demo": demo, "small": small}[request.param]


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["id"]: row for row in rows}


def _careers(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {kind: rows[kind] for kind in CAREERS_KINDS}


def _dump(rows: dict[str, list[dict]]) -> str:
    return json.dumps(rows, default=lambda value: value.isoformat(), sort_keys=True)


# counts and determinism ------------------------------------------------------------------------------

def test_counts_are_in_range(sized):
    size, rows = sized
    members = len(rows["members"])
    count = {kind: len(rows[kind]) for kind in CAREERS_KINDS}
    assert count["job_postings"] == CAREERS_SIZES[size].postings
    assert all(count[kind] > 0 for kind in CAREERS_KINDS), count
    assert count["career_preferences"] == round(0.2 * members)
    assert 0.02 * members <= count["career_outcomes"] <= 0.04 * members
    assert 2 * count["job_postings"] <= count["job_skill_requirements"] <= 6 * count["job_postings"]
    assert count["job_certification_requirements"] <= 2 * count["job_postings"]
    assert 1.5 * count["job_postings"] <= count["applications"] <= 15 * count["job_postings"]
    hiring = {r["companyId"] for r in rows["job_postings"]}
    assert len(hiring) <= count["recruiters"] <= 5 * len(hiring)


def test_medium_has_ten_thousand_postings_or_more():
    assert 10_000 <= CAREERS_SIZES["medium"].postings <= 12_000


def test_same_seed_gives_identical_careers_rows(demo):
    again = all_rows("demo", 7)
    assert _dump(_careers(again)) == _dump(_careers(demo))
    assert [c.get("size") for c in again["companies"]] == [c.get("size") for c in demo["companies"]]


def test_another_seed_gives_other_careers_rows(demo):
    other = all_rows("demo", 8)
    assert {j["id"] for j in other["job_postings"]}.isdisjoint({j["id"] for j in demo["job_postings"]})


# graph/MODEL.md invariants, from the rows ---------------------------------------------------------------

def test_postings_follow_the_model(sized):
    _, rows = sized
    companies = _by_id(rows["companies"])
    fairs = {e["id"] for e in rows["events"] if e["kind"] == "JOB_FAIR"}
    for job in rows["job_postings"]:
        assert job["companyId"] in companies
        assert job["seniority"] in cd.SENIORITIES
        assert job["employmentType"] in dict(cd.EMPLOYMENT_MIX)
        assert job["workplace"] in dict(cd.WORKPLACE_MIX) and job["status"] in ("OPEN", "CLOSED")
        if job["workplace"] == "REMOTE":
            assert job["city"] is None and job["latitude"] is None and job["longitude"] is None
        else:
            assert job["city"] and job["country"]
            assert isinstance(job["latitude"], float) and isinstance(job["longitude"], float)
        assert (job["salaryMin"] is None) == (job["salaryMax"] is None) == (job["salaryCurrency"] is None)
        if job["salaryMin"] is not None:
            assert 0 < job["salaryMin"] < job["salaryMax"] and len(job["salaryCurrency"]) == 3
        assert job["postedAt"] <= job["updatedAt"] <= NOW and job["postedAt"] >= NOW - timedelta(days=183)
        assert (job["closedAt"] is not None) == (job["status"] == "CLOSED")
        if job["closedAt"] is not None:
            assert job["postedAt"] <= job["closedAt"] <= NOW
        if job["closesAt"] is not None:
            assert job["closesAt"] > job["postedAt"]
            assert job["status"] == "CLOSED" or job["closesAt"] > NOW
        assert job["minRank"] in (0, 2, 3, 4, 7)
        assert job["title"] and job["description"]
    assert {c["size"] for c in rows["companies"]} <= set(SIZES) | {None}
    assert all(c["employeeCount"] <= {"MICRO": 10, "SMALL": 50, "MEDIUM": 200}.get(c["size"], 10**9)
               for c in rows["companies"])
    assert all(r["eventId"] in fairs for r in rows["job_fair_exhibitors"])
    exhibitors = {(r["companyId"], r["eventId"]) for r in rows["job_fair_exhibitors"]}
    assert len(exhibitors) == len(rows["job_fair_exhibitors"])


def test_requirements_fit_the_posting(sized):
    _, rows = sized
    jobs = _by_id(rows["job_postings"])
    certs = _by_id(rows["certifications"])
    skills = defaultdict(list)
    for r in rows["job_skill_requirements"]:
        assert 2 <= r["minLevel"] <= 4 and 1 <= r["weight"] <= 5 and r["necessity"] in ("REQUIRED", "NICE_TO_HAVE")
        skills[r["jobId"]].append(r)
    certifications = defaultdict(list)
    for r in rows["job_certification_requirements"]:
        certifications[r["jobId"]].append(r)
    for job_id, job in jobs.items():
        mine = skills[job_id]
        assert 2 <= len(mine) <= 6 and len({r["skillId"] for r in mine}) == len(mine)
        assert any(r["necessity"] == "REQUIRED" for r in mine)
        assert len(certifications[job_id]) <= 2
        assert len({r["certificationId"] for r in certifications[job_id]}) == len(certifications[job_id])
        stems = {title for role, titles in cd.ROLE_JOB_TITLES.items() for title in titles
                 if job["title"].endswith(title)}
        assert stems, job["title"]
        roles = {role for role, titles in cd.ROLE_JOB_TITLES.items() if any(t in stems for t in titles)}
        assert all(certs[r["certificationId"]]["role"] in roles for r in certifications[job_id])
    required = [r["necessity"] == "REQUIRED" for r in rows["job_skill_requirements"]]
    assert 0.5 < sum(required) / len(required) < 0.75


def test_recruiters_work_at_their_company(sized):
    _, rows = sized
    works_at = {r["memberId"]: (r["companyId"], r["since"]) for r in rows["employments"]}
    pairs = set()
    for r in rows["recruiters"]:
        company, employed_since = works_at[r["memberId"]]
        assert company == r["companyId"] and employed_since <= r["since"] <= NOW
        pairs.add((r["memberId"], r["companyId"]))
    assert len(pairs) == len(rows["recruiters"])
    per_company = Counter(r["companyId"] for r in rows["recruiters"])
    assert set(per_company) == {j["companyId"] for j in rows["job_postings"]}
    assert max(per_company.values()) <= 5


def test_preferences_follow_the_model(sized):
    _, rows = sized
    members = _by_id(rows["members"])
    assert len({p["memberId"] for p in rows["career_preferences"]}) == len(rows["career_preferences"])
    for p in rows["career_preferences"]:
        searchable = p["openToWork"] and p["visibility"] == "RECRUITERS"
        assert p["visibility"] in ("RECRUITERS", "ONLY_ME") and p["remote"] in dict(cd.REMOTE_PREFERENCE_MIX)
        assert (p["optedInAt"] is not None) == searchable
        if searchable:
            assert members[p["memberId"]]["joinedAt"] <= p["optedInAt"] <= p["updatedAt"] <= NOW
            assert p["optedInAt"] >= NOW - timedelta(days=366)
        assert p["seniority"] in (None, *cd.SENIORITIES)
        assert p["roles"] and p["cities"] and p["countries"]
        assert members[p["memberId"]]["city"] == p["cities"][0]
        assert members[p["memberId"]]["country"] == p["countries"][0]
    searchable = sum(p["openToWork"] and p["visibility"] == "RECRUITERS" for p in rows["career_preferences"])
    assert 0.6 <= searchable / len(rows["career_preferences"]) <= 0.8


def test_applications_are_consistent(sized):
    _, rows = sized
    jobs = _by_id(rows["job_postings"])
    members = _by_id(rows["members"])
    recruiters = {(r["memberId"], r["companyId"]) for r in rows["recruiters"]}
    keys = Counter((a["memberId"], a["jobId"]) for a in rows["applications"])
    assert set(keys.values()) == {1}
    per_job = Counter(a["jobId"] for a in rows["applications"])
    for job_id, job in jobs.items():
        assert job["applicationCount"] == per_job[job_id]
    for a in rows["applications"]:
        job = jobs[a["jobId"]]
        end = job["closedAt"] or NOW
        assert (a["memberId"], job["companyId"]) not in recruiters
        assert members[a["memberId"]]["joinedAt"] <= job["postedAt"] <= a["appliedAt"] <= a["updatedAt"] <= end
        assert (a["hiredAt"] is not None) == (a["status"] == "HIRED")
        if a["hiredAt"] is not None:
            assert a["appliedAt"] <= a["hiredAt"] <= end and a["updatedAt"] == a["hiredAt"]
        if job["status"] == "CLOSED":
            assert a["status"] in ("HIRED", "REJECTED", "APPLIED")
    statuses = Counter(a["status"] for a in rows["applications"])
    assert set(statuses) == {"APPLIED", "IN_REVIEW", "INTERVIEW", "OFFER", "HIRED", "REJECTED"}
    assert 0.02 <= statuses["HIRED"] / len(rows["applications"]) <= 0.06


def test_saved_searches_views_and_outcomes(sized):
    _, rows = sized
    members = _by_id(rows["members"])
    skills = _by_id(rows["skills"])
    certs = _by_id(rows["certifications"])
    since = {(r["memberId"], r["companyId"]): r["since"] for r in rows["recruiters"]}
    for s in rows["saved_searches"]:
        started = since[(s["memberId"], s["companyId"])]
        assert started <= s["createdAt"] <= s["lastRunAt"] <= NOW
        parsed = TalentFilter.from_json(s["filter"])
        assert s["filter"] == parsed.to_json()  # the API's canonical form, as saveSearch stores it
        assert parsed.skills and all(c.skill_id in skills and c.mode == "MUST" for c in parsed.skills)
        assert all(c in certs for c in parsed.certification_ids) and parsed.certification_match == "ANY"
        assert (parsed.near is None) == parsed.open_to_remote
        assert parsed.near is None or parsed.near.radius_km == 50.0
    opted_in = {p["memberId"]: p["optedInAt"] for p in rows["career_preferences"] if p["optedInAt"] is not None}
    applied = defaultdict(list)
    jobs = _by_id(rows["job_postings"])
    for a in rows["applications"]:
        applied[(a["memberId"], jobs[a["jobId"]]["companyId"])].append(a["appliedAt"])
    for v in rows["profile_views"]:
        assert v["recruiterId"] != v["memberId"] and since[(v["recruiterId"], v["companyId"])] <= v["at"] <= NOW
        if v["via"] == "APPLICATION":
            assert min(applied[(v["memberId"], v["companyId"])]) <= v["at"]
        else:  # only members who opted in, and only since they did
            assert opted_in[v["memberId"]] <= v["at"]
    assert {v["via"] for v in rows["profile_views"]} == {"TALENT_SEARCH", "CANDIDATES", "APPLICATION", "JOB_FAIR",
                                                          "PROFILE"}
    for o in rows["career_outcomes"]:
        assert o["kind"] in ("NEW_JOB", "PROMOTION") and o["title"] and o["companyName"]
        assert members[o["memberId"]]["joinedAt"] <= o["at"] <= NOW


# realistic mixes -----------------------------------------------------------------------------------------

def test_mixes_are_realistic(small):
    jobs = small["job_postings"]

    def share(key: str, value: str) -> float:
        return sum(j[key] == value for j in jobs) / len(jobs)

    assert 0.20 <= share("workplace", "REMOTE") <= 0.30 and 0.25 <= share("workplace", "HYBRID") <= 0.35
    assert 0.65 <= share("status", "OPEN") <= 0.75
    assert 0.55 <= sum(j["salaryMin"] is not None for j in jobs) / len(jobs) <= 0.65
    assert {j["seniority"] for j in jobs} == set(cd.SENIORITIES)
    assert 0.02 <= sum(j["minRank"] > 0 for j in jobs) / len(jobs) <= 0.15
    # Salaries in local currency: a German posting pays euros, an Indian one rupees.
    currencies = {(j["country"], j["salaryCurrency"]) for j in jobs if j["salaryCurrency"] and j["country"]}
    assert ("DE", "EUR") in currencies and ("IN", "INR") in currencies
    assert not {c for country, c in currencies if cd.COUNTRY_PAY[country][0] != c}
    # Heavy tails: a few postings draw many applications, most a handful; big employers post most.
    counts = sorted((j["applicationCount"] for j in jobs), reverse=True)
    assert counts[0] >= 10 * max(1, counts[len(counts) // 2])
    per_company = sorted(Counter(j["companyId"] for j in jobs).values(), reverse=True)
    assert per_company[0] >= 5 * per_company[len(per_company) // 2]
    # Members with a credential are likelier to set preferences.
    holders = {c["memberId"] for c in small["credentials"]}
    with_prefs = {p["memberId"] for p in small["career_preferences"]}
    assert len(holders & with_prefs) / len(holders) > 2 * len(with_prefs - holders) / len(small["members"])
    # Postings sit where members live.
    cities = {m["city"] for m in small["members"]}
    assert {j["city"] for j in jobs if j["city"]} <= cities


def test_size_bands():
    assert [size_band(n) for n in (1, 10, 11, 50, 51, 200, 201, 1000, 1001)] == [
        "MICRO", "MICRO", "SMALL", "SMALL", "MEDIUM", "MEDIUM", "LARGE", "LARGE", "ENTERPRISE"]


# the demo shows matches -----------------------------------------------------------------------------------

def test_demo_has_opted_in_members_and_open_postings_with_matches(demo):
    """By the API's own scoring model, opted-in demo members are eligible for open demo postings."""
    certs = _by_id(demo["certifications"])
    levels: dict[str, dict[str, int]] = defaultdict(dict)
    for r in demo["skills_held"]:
        levels[r["memberId"]][r["skillId"]] = r["level"]
    credentials: dict[str, dict[str, str]] = defaultdict(dict)
    for r in demo["credentials"]:
        maintained = certs[r["certificationId"]]["requiresMaintenance"]
        credentials[r["memberId"]][r["certificationId"]] = credential_state(
            covered_through=r["coveredThrough"], requires_maintenance=maintained, releases=demo["releases"],
            now=NOW).status
    members = _by_id(demo["members"])
    candidates = [
        Candidate(p["memberId"], levels[p["memberId"]], credentials[p["memberId"]], members[p["memberId"]]["rank"],
                  Place(members[p["memberId"]]["latitude"], members[p["memberId"]]["longitude"],
                        members[p["memberId"]]["country"]), p["remote"], p["seniority"])
        for p in demo["career_preferences"] if p["openToWork"] and p["visibility"] == "RECRUITERS"]
    skills, certifications = defaultdict(list), defaultdict(list)
    for r in demo["job_skill_requirements"]:
        skills[r["jobId"]].append(SkillRequirement(r["skillId"], r["minLevel"], r["weight"], r["necessity"]))
    for r in demo["job_certification_requirements"]:
        certifications[r["jobId"]].append(CertificationRequirement(r["certificationId"], r["necessity"]))
    open_jobs = [j for j in demo["job_postings"] if j["status"] == "OPEN"]
    assert len(candidates) >= 50 and len(open_jobs) >= 100
    matched_jobs, matched_members = set(), set()
    for job in open_jobs:
        asked = Requirements(tuple(skills[job["id"]]), tuple(certifications[job["id"]]), job["minRank"],
                             job["workplace"], Place(job["latitude"], job["longitude"], job["country"]),
                             job["seniority"])
        for candidate in candidates:
            if score(JOB_MATCHING, asked, candidate).eligible:
                matched_jobs.add(job["id"])
                matched_members.add(candidate.member_id)
    assert len(matched_jobs) >= 20 and len(matched_members) >= 20


# loaded into the engine -------------------------------------------------------------------------------------

async def test_the_demo_careers_load_consistently(graph):
    now = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    summary = await load_seed(graph, size="demo", seed=7, now=now)
    writer = SeedWriter(graph)
    generated = SeedGenerator("demo", 7, now=now).totals()
    assert await writer.careers_counts() == {kind: generated[kind] for kind in CAREERS_KINDS}
    assert {kind: summary[kind] for kind in CAREERS_KINDS} == await writer.careers_counts()
    assert await writer.counter_mismatches() == dict.fromkeys(MISMATCH_KINDS, 0)
    rows = await graph.read(Query("test", """
        MATCH (:Member)-[:PREFERS]->(p:CareerPreferences {searchable: true})
        WITH count(p) AS searchable
        MATCH (j:JobPosting {status: 'OPEN'})
        RETURN searchable, count(j) AS open,
               COUNT { MATCH (c:Company) WHERE c.size IS NOT NULL } AS sized""", "", __file__, 0))
    assert rows[0]["searchable"] >= 50 and rows[0]["open"] >= 100 and rows[0]["sized"] >= 15
