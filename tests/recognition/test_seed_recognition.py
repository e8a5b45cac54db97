"""Seed data for recognition: the factories and the writer's invariant check (against the engine), and
the generated MVP cycles, nominations, reviews, terms and hero stories (no database): counts,
graph/MODEL.md's invariants recomputed from the rows, determinism, and the badge and rank bookkeeping
of the `mvp` badge.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import timedelta

import pytest

from graph.cypher import Query
from graph.seed.ideas_writer import RECOGNITION_KINDS
from graph.seed.writer import SeedWriter
from resolvers.seed import learning_catalog as lc
from resolvers.seed.recognition import RECOGNITION_SIZES
from tests import factories as f
from tests.learning import factories as lf
from tests.recognition import factories as rf
from tests.seed.sample import NOW, all_rows


def _q(text: str) -> Query:
    return Query("test", text, "", __file__, 0)


async def _recognition_off(graph) -> int:
    return (await SeedWriter(graph).counter_mismatches())["recognition"]


async def _scene(graph) -> dict:
    """A consistent recognition graph: a closed and an open cycle, nominations with evidence, reviews,
    a term, and a hero speaking at a city tour."""
    admin, nominator = await f.members(graph, 2)
    nominee, hero_member = await f.members(graph, 2, joinedAt=rf.ELIGIBLE - timedelta(days=400))
    group, = await f.groups(graph, 1, leaders=[nominee])
    topic, = await f.topics(graph, 1)
    question, = await f.questions(graph, [(nominator, topic)])
    answer, = await f.answers(graph, [(nominee, question)], accepted=True)
    talk, = await f.events(graph, group, 1, past=True, speakers=[nominee])
    tour, = await f.events(graph, group, 1, kind="CITY_TOUR")
    now = rf._now()
    last = await rf.cycle(graph, now.year - 1, is_open=False, opens_at=now - timedelta(days=60),
                          closes_at=now - timedelta(days=30), opened_by=admin)
    current = await rf.cycle(graph, now.year, opened_by=admin)
    won = await rf.nomination(graph, last, nominator, nominee, status="SELECTED",
                              created_at=now - timedelta(days=45), decided_at=now - timedelta(days=20),
                              evidence=[("Answer", answer), ("Event", talk), ("Group", group)],
                              links=["https://blog.example.com/post"])
    await rf.review(graph, admin, won, (5, 4, 4, 5))
    term = await rf.term(graph, nominee, last, starts_at=now - timedelta(days=20))
    pending = await rf.nomination(graph, current, nominator, nominee)
    await rf.review(graph, admin, pending, (3, 3, 3, 3))
    company = await lf.company(graph)
    hero = await rf.hero(graph, hero_member, company, [topic], featured_by=admin)
    await rf.hero_speaker(graph, hero, tour)
    return {"admin": admin, "nominee": nominee, "won": won, "pending": pending, "term": term, "hero": hero,
            "talk": talk, "cycle": last}


async def test_recognition_factories_leave_a_consistent_graph(graph):
    scene = await _scene(graph)
    writer = SeedWriter(graph)
    counts = await writer.counts()
    assert {k: counts[k] for k in ("mvp_cycles", "mvp_nominations", "mvp_citations", "mvp_reviews", "mvp_terms",
                                   "customer_heroes", "hero_speakers")} == {
        "mvp_cycles": 2, "mvp_nominations": 2, "mvp_citations": 3, "mvp_reviews": 2, "mvp_terms": 1,
        "customer_heroes": 1, "hero_speakers": 1}
    assert await writer.counter_mismatches() == dict.fromkeys(await _kinds(), 0)
    stored = (await graph.read(_q("""MATCH (n:MvpNomination {id: $id})-[:NOMINEE]->(m:Member)
        RETURN n.reviewCount AS reviews, n.scoreTotal AS total, n.key AS key, m.badgeCount AS badges,
               COUNT { (m)-[:EARNED]->(:Badge {kind: 'MVP'}) } AS mvp"""), id=scene["won"]["id"]))[0]
    assert stored == {"reviews": 1, "total": 18, "key": f"{scene['cycle']['year']}:{scene['won']['nominatorId']}:"
                      f"{scene['nominee']['id']}", "badges": 1, "mvp": 1}
    # A second term (another year) earns no second badge.
    now = rf._now()
    before = await rf.cycle(graph, scene["cycle"]["year"] - 1, is_open=False, opens_at=now - timedelta(days=420),
                            closes_at=now - timedelta(days=390))
    await rf.nomination(graph, before, scene["admin"], scene["nominee"], status="SELECTED",
                        created_at=now - timedelta(days=400), decided_at=now - timedelta(days=380))
    await rf.term(graph, scene["nominee"], before, starts_at=now - timedelta(days=380))
    assert await writer.counter_mismatches() == dict.fromkeys(await _kinds(), 0)
    assert (await graph.read(_q("MATCH (m:Member {id: $id}) RETURN m.badgeCount AS badges, "
                                "COUNT { (m)-[:HAS_TERM]->(:MvpTerm) } AS terms"), id=scene["nominee"]["id"])) == [
        {"badges": 1, "terms": 2}]


async def _kinds() -> tuple[str, ...]:
    from graph.seed import MISMATCH_KINDS
    return MISMATCH_KINDS


BREAKS = {
    "review count": "MATCH (n:MvpNomination) SET n.reviewCount = n.reviewCount + 1",
    "score total": "MATCH (n:MvpNomination) SET n.scoreTotal = n.scoreTotal + 1",
    "score out of range": "MATCH ()-[r:REVIEWED]->() SET r.expertise = 6",
    "self nomination": "MATCH (n:MvpNomination)-[r:NOMINEE]->(:Member) DELETE r "
                       "WITH n MATCH (n)<-[:NOMINATED]-(m:Member) CREATE (n)-[:NOMINEE]->(m)",
    "nominee too new": "MATCH (:MvpNomination)-[:NOMINEE]->(m:Member) SET m.joinedAt = datetime()",
    "second term a year": "MATCH (m:Member)-[:HAS_TERM]->(t:MvpTerm)-[:IN_CYCLE]->(c:MvpCycle) "
                          "CREATE (m)-[:HAS_TERM]->(:MvpTerm {id: 'x', key: 'x', year: t.year, startsAt: t.startsAt, "
                          "endsAt: t.endsAt})-[:IN_CYCLE]->(c)",
    "term without a selected nomination": "MATCH (n:MvpNomination {status: 'SELECTED'}) SET n.status = 'NOT_SELECTED'",
    "term without the badge": "MATCH (:Member)-[e:EARNED]->(:Badge {slug: 'mvp'}) DELETE e",
    "badge without a term": "MATCH (t:MvpTerm) DETACH DELETE t",
    "decided yet pending": "MATCH (n:MvpNomination {status: 'PENDING'}) SET n.decidedAt = datetime()",
    "hero at a meetup": "MATCH (m:Member)-[:FEATURED_AS]->(:CustomerHero) MATCH (e:Event {kind: 'MEETUP'}) "
                        "CREATE (m)-[:SPEAKS_AT]->(e)",
    "hero without a product": "MATCH (:CustomerHero)-[u:USES]->() DELETE u",
}


async def test_the_recognition_check_notices_each_broken_invariant(graph):
    for name, statement in BREAKS.items():
        await graph.write(_q("MATCH (n) WHERE NOT n:Migration DETACH DELETE n"))
        await _scene(graph)
        assert await _recognition_off(graph) == 0, name
        await graph.write(_q(statement))
        assert await _recognition_off(graph) >= 1, name


# the generated recognition data (no database) -------------------------------------------------------





@pytest.fixture(scope="module")
def demo_rows() -> dict[str, list[dict]]:
    return all_rows("demo", 7)


@pytest.fixture(scope="module")
def small_rows() -> dict[str, list[dict]]:
    return all_rows("small", 11)


@pytest.fixture(params=["demo", "small"])
def sized(request, demo_rows, small_rows) -> tuple[str, dict[str, list[dict]]]:
    return request.param, {"demo": demo_rows, "small": small_rows}[request.param]


def _year_before(when):
    try:
        return when.replace(year=when.year - 1)
    except ValueError:
        return when.replace(year=when.year - 1, day=28)


def test_counts_and_cycles(sized):
    size, rows = sized
    spec = RECOGNITION_SIZES[size]
    assert all(rows[kind] for kind in RECOGNITION_KINDS)
    cycles = sorted(rows["mvp_cycles"], key=lambda c: c["year"])
    assert [c["year"] for c in cycles] == [NOW.year - 2, NOW.year - 1, NOW.year]
    assert cycles[-1]["opensAt"] <= NOW < cycles[-1]["closesAt"]
    assert all(c["closesAt"] < NOW for c in cycles[:2])
    per_year = Counter(n["year"] for n in rows["mvp_nominations"])
    assert per_year[NOW.year - 2] > 0.8 * spec.nominations and per_year[NOW.year - 1] > 0.8 * spec.nominations
    assert 0 < per_year[NOW.year] <= spec.current_nominations
    assert len(rows["customer_heroes"]) == spec.heroes
    terms = Counter(t["year"] for t in rows["mvp_terms"])
    assert terms[NOW.year - 2] > 0 and terms[NOW.year - 1] > 0 and not terms[NOW.year]


def test_same_seed_gives_identical_recognition_rows(demo_rows):
    dump = lambda rows: json.dumps({k: rows[k] for k in RECOGNITION_KINDS}, sort_keys=True,
                                   default=lambda value: value.isoformat())
    assert dump(all_rows("demo", 7)) == dump(demo_rows)


def test_nominations_follow_the_model(sized):
    _, rows = sized
    members = {m["id"]: m for m in rows["members"]}
    cycles = {c["year"]: c for c in rows["mvp_cycles"]}
    answers = {a["id"]: a for a in rows["answers"]}
    events = {e["id"]: e for e in rows["events"]}
    leaders = {(r["memberId"], r["groupId"]) for r in rows["memberships"] if r["role"] == "LEADER"}
    cites = defaultdict(list)
    for c in rows["mvp_citations"]:
        cites[c["nominationId"]].append(c)
    reviews = defaultdict(list)
    for r in rows["mvp_reviews"]:
        reviews[r["nominationId"]].append(r)
    keys = [(n["year"], n["nominatorId"], n["nomineeId"]) for n in rows["mvp_nominations"]]
    assert len(set(keys)) == len(keys)
    admins = {c["openedBy"] for c in rows["mvp_cycles"]}
    terms = defaultdict(list)
    for t in rows["mvp_terms"]:
        terms[t["memberId"]].append(t)
    for n in rows["mvp_nominations"]:
        cycle = cycles[n["year"]]
        nominee = members[n["nomineeId"]]
        assert n["nominatorId"] != n["nomineeId"] and n["nominatorId"] in members
        assert cycle["opensAt"] <= n["createdAt"] < min(cycle["closesAt"], NOW)
        assert nominee["joinedAt"] <= _year_before(n["createdAt"])
        assert members[n["nominatorId"]]["joinedAt"] < n["createdAt"]
        assert all(n[k] for k in ("expertise", "generosity", "leadership", "advocacy"))
        assert all(link.startswith("https://") for link in n["links"])
        for c in cites[n["id"]]:
            if c["targetKind"] == "ANSWER":
                answer = answers[c["targetId"]]
                assert answer["authorId"] == n["nomineeId"] and answer["accepted"]
                assert answer["createdAt"] < n["createdAt"]
            elif c["targetKind"] == "EVENT":
                event = events[c["targetId"]]
                assert n["nomineeId"] in event["speakerIds"] and event["startsAt"] < n["createdAt"]
            else:
                assert c["targetKind"] == "GROUP" and (n["nomineeId"], c["targetId"]) in leaders
        mine = reviews[n["id"]]
        assert n["reviewCount"] == len(mine)
        assert n["scoreTotal"] == sum(r["expertise"] + r["generosity"] + r["leadership"] + r["advocacy"] for r in mine)
        assert len({r["memberId"] for r in mine}) == len(mine)
        for r in mine:
            assert r["memberId"] not in (n["nomineeId"], n["nominatorId"])
            assert all(1 <= r[k] <= 5 for k in ("expertise", "generosity", "leadership", "advocacy"))
            assert n["createdAt"] < r["at"] <= (n["decidedAt"] or NOW)
            # Reviewers are admins or MVPs serving then.
            assert r["memberId"] in admins or any(t["startsAt"] <= r["at"] < t["endsAt"] for t in terms[r["memberId"]])
        if n["year"] == NOW.year:
            assert n["status"] == "PENDING" and n["decidedAt"] is None
        else:
            assert n["status"] in ("SELECTED", "NOT_SELECTED") and cycle["closesAt"] < n["decidedAt"] < NOW
        served = [t for t in terms[n["nomineeId"]] if t["year"] == n["year"]]
        assert (n["status"] == "SELECTED") == bool(served)
        if served:
            assert n["decidedAt"] == served[0]["decidedAt"]


def test_terms_and_the_mvp_badge(sized):
    _, rows = sized
    members = {m["id"]: m for m in rows["members"]}
    per_year = Counter((t["memberId"], t["year"]) for t in rows["mvp_terms"])
    assert max(per_year.values()) == 1
    for t in rows["mvp_terms"]:
        assert t["startsAt"] == t["decidedAt"] and (t["endsAt"] - t["startsAt"]).days == 365
    assert any(t["startsAt"] <= NOW < t["endsAt"] for t in rows["mvp_terms"])  # current MVPs
    badge, = [b for b in rows["badges"] if b["kind"] == "MVP"]
    assert badge["slug"] == "mvp" and badge["availableFrom"] is None
    earned = {e["memberId"]: e["at"] for e in rows["earned_badges"] if e["badgeId"] == badge["id"]}
    first = {}
    for t in sorted(rows["mvp_terms"], key=lambda t: t["startsAt"]):
        first.setdefault(t["memberId"], t["startsAt"])
    assert earned == first
    # The badge counts like any other: badgeCount is the EARNED count and the rank still the ladder's.
    counted = Counter(e["memberId"] for e in rows["earned_badges"])
    for m in first:
        assert members[m]["badgeCount"] == counted[m]
        assert members[m]["rank"] == lc.rank_for(members[m]["points"], members[m]["badgeCount"]).position


def test_mvps_speak_at_office_hours(small_rows):
    """MVPs host office hours announced during their term (the demo's few MVPs may belong to no group
    that runs any, so this is checked on `small`)."""
    rows = small_rows
    terms = defaultdict(list)
    for t in rows["mvp_terms"]:
        terms[t["memberId"]].append(t)
    talks = [(m, e) for e in rows["events"] if e["kind"] == "OFFICE_HOURS" for m in e["speakerIds"] if m in terms
             and any(t["startsAt"] <= e["createdAt"] < t["endsAt"] for t in terms[m])]
    assert talks


def test_heroes_follow_the_model(sized):
    _, rows = sized
    members = {m["id"]: m for m in rows["members"]}
    works_at = {r["memberId"]: r["companyId"] for r in rows["employments"]}
    product_topics = {t["id"] for t in rows["topics"] if t["category"] in ("product", "admin", "developer", "data",
                                                                             "ai", "architect", "community")}
    events = {e["id"]: e for e in rows["events"]}
    speakers = {m for e in rows["events"] for m in e["speakerIds"]}
    mvps = {t["memberId"] for t in rows["mvp_terms"]}
    heroes = {h["id"]: h for h in rows["customer_heroes"]}
    for h in rows["customer_heroes"]:
        member = members[h["memberId"]]
        assert member["visibility"] == "PUBLIC" and works_at[h["memberId"]] == h["companyId"]
        assert member["joinedAt"] < h["featuredAt"] <= NOW and h["featuredBy"] in members
        assert 1 <= len(h["topicIds"]) <= 3 and set(h["topicIds"]) <= product_topics
        assert h["title"] and h["story"]
        assert h["memberId"] not in speakers and h["memberId"] not in mvps
    assert len({(s["heroId"], s["eventId"]) for s in rows["hero_speakers"]}) == len(rows["hero_speakers"])
    for s in rows["hero_speakers"]:
        event = events[s["eventId"]]
        assert event["kind"] == "CITY_TOUR" and event["startsAt"] > heroes[s["heroId"]]["featuredAt"]
