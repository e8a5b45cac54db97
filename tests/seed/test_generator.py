"""The seed generator: deterministic, realistic and consistent with graph/MODEL.md (no database)."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from datetime import datetime, timezone

import pytest

from resolvers.seed import taxonomy
from resolvers.seed.generator import BASE_TIME, KINDS, SIZES, SeedGenerator
from tests.seed.sample import NOW
from tests.seed.sample import all_rows as _all_rows

HANDLE = re.compile(r"^[a-z0-9][a-z0-9_-]{2,29}$")
SLUG = re.compile(r"^[a-z0-9-]+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def _dump(rows: dict[str, list[dict]]) -> str:
    return json.dumps(rows, default=lambda value: value.isoformat(), sort_keys=True)


def test_same_seed_gives_identical_rows(demo):
    assert _dump(_all_rows("demo", 7)) == _dump(demo)


def test_another_seed_gives_other_rows(demo):
    other = _all_rows("demo", 8)
    assert {m["id"] for m in other["members"]}.isdisjoint({m["id"] for m in demo["members"]})
    assert [m["handle"] for m in other["members"]] != [m["handle"] for m in demo["members"]]


def test_batches_come_in_write_order_and_match_totals():
    generator = SeedGenerator("demo", 3, batch_size=1000, now=NOW)
    order: list[str] = []
    counted: Counter[str] = Counter()
    for batch in generator.batches():
        if not order or order[-1] != batch.kind:
            order.append(batch.kind)
        counted[batch.kind] += len(batch.rows)
    assert order == list(KINDS)
    assert dict(counted) == generator.totals()


def test_unknown_size_is_refused():
    with pytest.raises(ValueError):
        SeedGenerator("huge", 1)


def test_taxonomy_is_big_and_well_formed():
    assert len(taxonomy.CITIES) >= 150
    assert len({city[1] for city in taxonomy.CITIES}) >= 95
    for name, country, lat, lon, weight in taxonomy.CITIES:
        assert COUNTRY.match(country) and isinstance(lat, float) and isinstance(lon, float)
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and weight >= 1
    for table in (taxonomy.SKILLS, taxonomy.TOPICS):
        slugs = [slug for slug, _, _ in table]
        assert len(slugs) == len(set(slugs)) and all(SLUG.match(slug) for slug in slugs)
    assert len(taxonomy.SKILLS) >= 55 and len(taxonomy.TOPICS) >= 40
    assert len(set(taxonomy.COMPANIES)) >= 190


def test_demo_size_and_reach(demo):
    assert len(demo["members"]) == SIZES["demo"].members
    assert len({m["country"] for m in demo["members"]}) >= 90
    assert len(demo["groups"]) == sum(SIZES["demo"].groups.values())


def test_members_follow_the_model(demo):
    members = demo["members"]
    handles = [m["handle"] for m in members]
    assert len(set(handles)) == len(handles)
    assert len({m["id"] for m in members}) == len(members)
    for m in members:
        assert HANDLE.match(m["handle"]), m["handle"]
        assert m["email"] == f"{m['handle']}@example.com"
        assert COUNTRY.match(m["country"])
        assert isinstance(m["latitude"], float) and isinstance(m["longitude"], float)
        assert m["visibility"] in ("PUBLIC", "MEMBERS", "PRIVATE")
        assert m["joinedAt"].tzinfo is not None and m["joinedAt"] <= BASE_TIME
        assert m["joinedAt"] >= datetime(2017, 12, 1, tzinfo=timezone.utc)
        expected = " ".join((m["handle"], m["displayName"], m["headline"], m["jobTitle"], m["company"])).lower()
        assert m["searchText"] == expected


def test_visibility_is_mostly_public(small):
    share = Counter(m["visibility"] for m in small["members"])
    total = len(small["members"])
    assert 0.75 < share["PUBLIC"] / total < 0.85
    assert 0.11 < share["MEMBERS"] / total < 0.19
    assert 0.02 < share["PRIVATE"] / total < 0.08


def test_follows_have_no_self_or_duplicate_pairs(small):
    pairs = [(f["followerId"], f["followeeId"]) for f in small["follows"]]
    assert all(a != b for a, b in pairs)
    assert len(set(pairs)) == len(pairs)
    assert len(pairs) == SIZES["small"].follows


def test_counters_match_relationships(small):
    followers = Counter(f["followeeId"] for f in small["follows"])
    following = Counter(f["followerId"] for f in small["follows"])
    for m in small["members"]:
        assert m["followerCount"] == followers[m["id"]]
        assert m["followingCount"] == following[m["id"]]
    members = Counter(r["groupId"] for r in small["memberships"])
    leaders = Counter(r["groupId"] for r in small["memberships"] if r["role"] == "LEADER")
    for g in small["groups"]:
        assert g["memberCount"] == members[g["id"]]
        assert g["leaderCount"] == leaders[g["id"]]


def test_follower_counts_are_heavy_tailed(small):
    counts = [m["followerCount"] for m in small["members"]]
    assert max(counts) >= 20 * max(1, statistics.median(counts))


def test_every_group_has_leaders_among_its_members(demo):
    memberships = Counter((r["groupId"], r["memberId"]) for r in demo["memberships"])
    assert all(count == 1 for count in memberships.values())
    assert {r["role"] for r in demo["memberships"]} == {"MEMBER", "LEADER"}
    for g in demo["groups"]:
        leaders = [r for r in demo["memberships"] if r["groupId"] == g["id"] and r["role"] == "LEADER"]
        assert 1 <= len(leaders) <= 3


def test_groups_follow_the_model(demo):
    groups = demo["groups"]
    assert {g["kind"] for g in groups} == set(taxonomy.GROUP_KINDS)
    assert len({g["slug"] for g in groups}) == len(groups)
    about = Counter(r["groupId"] for r in demo["group_topics"])
    assert len(set(map(tuple, (r.values() for r in demo["group_topics"])))) == len(demo["group_topics"])
    for g in groups:
        assert SLUG.match(g["slug"])
        assert 1 <= about[g["id"]] <= 3
        assert g["searchText"] == f"{g['name']} {g['description']}".lower()
        if g["kind"] == "REGIONAL":
            assert g["city"] and COUNTRY.match(g["country"])
            assert isinstance(g["latitude"], float) and isinstance(g["longitude"], float)
        else:
            assert g["city"] is None and g["country"] is None
            assert g["latitude"] is None and g["longitude"] is None


def test_regional_groups_span_many_cities(small):
    regional = [g for g in small["groups"] if g["kind"] == "REGIONAL"]
    assert len({g["city"] for g in regional}) >= 60
    per_city = Counter(g["city"] for g in regional)
    assert per_city["San Francisco"] > 1 and per_city["London"] > 1


def test_group_sizes_are_heavy_tailed(small):
    sizes = [g["memberCount"] for g in small["groups"]]
    assert max(sizes) >= 5 * statistics.median(sizes)


def test_skills_and_topics_per_member(demo):
    skills = Counter(r["memberId"] for r in demo["skills_held"])
    topics = Counter(r["memberId"] for r in demo["topic_follows"])
    levels = Counter(r["level"] for r in demo["skills_held"])
    for m in demo["members"]:
        assert 1 <= skills[m["id"]] <= 8
        assert 0 <= topics[m["id"]] <= 6
    assert set(levels) <= {1, 2, 3, 4, 5}
    assert levels[2] + levels[3] > levels[1] + levels[4] + levels[5]
    assert len({(r["memberId"], r["skillId"]) for r in demo["skills_held"]}) == len(demo["skills_held"])


def test_relationship_times_follow_both_ends(demo):
    joined = {m["id"]: m["joinedAt"] for m in demo["members"]}
    created = {g["id"]: g["createdAt"] for g in demo["groups"]}
    for f in demo["follows"]:
        assert max(joined[f["followerId"]], joined[f["followeeId"]]) <= f["since"] <= BASE_TIME
    for r in demo["memberships"]:
        assert max(joined[r["memberId"]], created[r["groupId"]]) <= r["since"] <= BASE_TIME
    for r in demo["skills_held"] + demo["topic_follows"]:
        assert joined[r["memberId"]] <= r["since"] <= BASE_TIME


def test_relationship_ends_exist(demo):
    members = {m["id"] for m in demo["members"]}
    groups = {g["id"] for g in demo["groups"]}
    skills = {s["id"] for s in demo["skills"]}
    topics = {t["id"] for t in demo["topics"]}
    assert all(f["followerId"] in members and f["followeeId"] in members for f in demo["follows"])
    assert all(r["memberId"] in members and r["groupId"] in groups for r in demo["memberships"])
    assert all(r["memberId"] in members and r["skillId"] in skills for r in demo["skills_held"])
    assert all(r["memberId"] in members and r["topicId"] in topics for r in demo["topic_follows"])
    assert all(r["groupId"] in groups and r["topicId"] in topics for r in demo["group_topics"])
