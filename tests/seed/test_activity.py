"""The generated activity: questions, answers, votes, endorsements, events and RSVPs (no database).

Distributions are checked in bands on the `small` seed (3,000 questions, ~650 events), rules and
counters exactly on both `demo` and `small`.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from resolvers.seed import events as event_rules
from resolvers.seed import taxonomy
from resolvers.seed.generator import SIZES, SeedGenerator
from tests.seed.sample import NOW, all_rows


@pytest.fixture(params=["demo", "small"])
def rows(request, demo, small) -> dict[str, list[dict]]:
    return {"demo": demo, "small": small}[request.param]


def _reputation(rows: dict[str, list[dict]]) -> dict[str, int]:
    """graph/MODEL.md's rule, recomputed from the relationships."""
    asker = {q["id"]: q["authorId"] for q in rows["questions"]}
    answers = {a["id"]: a for a in rows["answers"]}
    points: Counter[str] = Counter()
    for v in rows["votes"]:
        points[answers[v["answerId"]]["authorId"]] += 10 if v["value"] == 1 else -2
    for a in rows["answers"]:
        if a["accepted"] and a["authorId"] != asker[a["questionId"]]:
            points[a["authorId"]] += 15
    return points


# taxonomy -------------------------------------------------------------------------------------

def test_topics_cover_known_skills_and_every_city_has_a_zone():
    skills = {slug for slug, _, _ in taxonomy.SKILLS}
    topics = {slug: category for slug, _, category in taxonomy.TOPICS}
    assert set(taxonomy.TOPIC_SKILLS) <= set(topics)
    for topic, covered in taxonomy.TOPIC_SKILLS.items():
        assert covered and set(covered) <= skills and len(set(covered)) == len(covered), topic
    technical = {slug for slug, category in topics.items() if category not in ("career", "community")}
    assert technical <= set(taxonomy.TOPIC_SKILLS)
    assert set(taxonomy.TOPIC_SUBJECTS) == set(topics)
    for city, country, *_ in taxonomy.CITIES:
        ZoneInfo(taxonomy.city_zone(city, country))
    for zone in (*taxonomy.REGION_ZONES.values(), *taxonomy.GLOBAL_ZONES):
        ZoneInfo(zone)


def test_topic_skill_rows_follow_the_taxonomy(demo):
    topics = {t["id"]: t["slug"] for t in demo["topics"]}
    skills = {s["id"]: s["slug"] for s in demo["skills"]}
    pairs = {(topics[r["topicId"]], skills[r["skillId"]]) for r in demo["topic_skills"]}
    assert pairs == {(t, s) for t, covered in taxonomy.TOPIC_SKILLS.items() for s in covered}
    assert len(pairs) == len(demo["topic_skills"])


# time --------------------------------------------------------------------------------------------

def test_now_moves_the_activity_not_the_community():
    base, moved = all_rows("demo", 5), all_rows("demo", 5, now=NOW + timedelta(days=40))
    for kind in ("topics", "skills", "topic_skills", "groups", "group_topics", "memberships", "topic_follows",
                 "follows"):
        assert base[kind] == moved[kind], kind
    strip = lambda rows, *keys: [{k: v for k, v in r.items() if k not in keys} for r in rows]  # noqa: E731
    # Reputation and the learning counters (points, badgeCount, rank) follow the dated activity.
    counters = ("reputation", "points", "badgeCount", "rank")
    assert strip(base["members"], *counters) == strip(moved["members"], *counters)
    assert strip(base["skills_held"], "endorsementCount") == strip(moved["skills_held"], "endorsementCount")
    assert [(q["id"], q["authorId"], q["topicIds"]) for q in base["questions"]] == [
        (q["id"], q["authorId"], q["topicIds"]) for q in moved["questions"]]
    later = max(q["createdAt"] for q in moved["questions"])
    assert NOW < later <= NOW + timedelta(days=40)
    assert max(e["startsAt"] for e in moved["events"]) > NOW + timedelta(days=40)


def test_now_defaults_to_the_start_of_today_and_must_be_zoned():
    generator = SeedGenerator("demo", 1)
    assert generator.now.time() == time(0) and generator.now.utcoffset() == timedelta(0)
    assert datetime.now(generator.now.tzinfo) - generator.now < timedelta(days=1)
    with pytest.raises(ValueError):
        SeedGenerator("demo", 1, now=datetime(2026, 11, 22))


# questions and answers ---------------------------------------------------------------------------

def test_questions_follow_the_model(rows):
    members = {m["id"]: m for m in rows["members"]}
    topics = {t["id"] for t in rows["topics"]}
    groups_of = defaultdict(set)
    for r in rows["memberships"]:
        groups_of[r["memberId"]].add(r["groupId"])
    assert len(rows["questions"]) == round(len(rows["members"]) * 0.3)
    assert len({q["id"] for q in rows["questions"]}) == len(rows["questions"])
    for q in rows["questions"]:
        assert q["title"] and q["body"] and q["title"][0].isupper()
        assert q["searchText"] == f"{q['title']} {q['body']}".lower()
        assert 1 <= len(q["topicIds"]) <= 3 and len(set(q["topicIds"])) == len(q["topicIds"])
        assert set(q["topicIds"]) <= topics
        assert q["groupId"] is None or q["groupId"] in groups_of[q["authorId"]]
        assert members[q["authorId"]]["joinedAt"] < q["createdAt"] <= q["updatedAt"] <= NOW
        assert q["createdAt"] >= NOW - timedelta(days=2 * 365 + 1)


def test_answers_and_votes_are_consistent(rows):
    members = {m["id"]: m for m in rows["members"]}
    questions = {q["id"]: q for q in rows["questions"]}
    by_question = defaultdict(list)
    for a in rows["answers"]:
        q = questions[a["questionId"]]
        by_question[q["id"]].append(a)
        assert q["createdAt"] < a["createdAt"] <= a["updatedAt"] <= NOW
        assert members[a["authorId"]]["joinedAt"] < a["createdAt"]
    for q in rows["questions"]:
        answers = by_question[q["id"]]
        assert q["answerCount"] == len(answers) <= 6
        assert len({a["authorId"] for a in answers}) == len(answers)  # one answer per member
        assert q["firstAnsweredAt"] == (min(a["createdAt"] for a in answers) if answers else None)
        accepted = [a["id"] for a in answers if a["accepted"]]
        assert accepted == ([q["acceptedAnswerId"]] if q["acceptedAnswerId"] else [])

    answers = {a["id"]: a for a in rows["answers"]}
    pairs = [(v["memberId"], v["answerId"]) for v in rows["votes"]]
    assert len(set(pairs)) == len(pairs)
    ups, downs = Counter(), Counter()
    for v in rows["votes"]:
        a = answers[v["answerId"]]
        assert v["memberId"] != a["authorId"]  # never on one's own answer
        assert a["createdAt"] <= v["at"] <= NOW and members[v["memberId"]]["joinedAt"] < v["at"]
        (ups if v["value"] == 1 else downs)[a["id"]] += 1
        assert v["value"] in (1, -1)
    for a in rows["answers"]:
        up, down = ups[a["id"]], downs[a["id"]]
        assert (a["upvotes"], a["downvotes"], a["score"]) == (up, down, up - down)

    expected = _reputation(rows)
    assert {m["id"]: m["reputation"] for m in rows["members"]} == {m: expected[m] for m in members}


def test_answer_timing_has_the_requested_shape(small):
    questions = small["questions"]
    fast = sum(1 for q in questions
               if q["firstAnsweredAt"] and q["firstAnsweredAt"] - q["createdAt"] <= timedelta(hours=48))
    never = sum(1 for q in questions if q["firstAnsweredAt"] is None)
    answered = len(questions) - never
    accepted = sum(1 for q in questions if q["acceptedAnswerId"])
    assert 0.68 <= fast / len(questions) <= 0.82  # most answered within 48 hours
    assert 0.08 <= never / len(questions) <= 0.20  # a tail never answered
    assert fast < answered  # and some answered later
    assert 0.40 <= accepted / answered <= 0.60
    assert 0.14 <= sum(1 for q in questions if q["groupId"]) / len(questions) <= 0.26


def test_a_few_prolific_answerers_write_a_large_share(small):
    per_author = sorted(Counter(a["authorId"] for a in small["answers"]).values(), reverse=True)
    top = len(small["members"]) // 100
    assert sum(per_author[:top]) >= 0.25 * len(small["answers"])
    assert per_author[0] >= 20 * statistics.median(per_author)
    # They answer what they know: most answers come from holders of a skill the topics cover.
    held = defaultdict(set)
    for r in small["skills_held"]:
        held[r["memberId"]].add(r["skillId"])
    covers = defaultdict(set)
    for r in small["topic_skills"]:
        covers[r["topicId"]].add(r["skillId"])
    questions = {q["id"]: q for q in small["questions"]}
    relevant = [a for a in small["answers"] if any(covers[t] for t in questions[a["questionId"]]["topicIds"])]
    skilled = sum(1 for a in relevant
                  if held[a["authorId"]] & set().union(*(covers[t] for t in questions[a["questionId"]]["topicIds"])))
    assert skilled >= 0.7 * len(relevant)


def test_askers_rarely_answer_and_self_accepts_earn_nothing(small):
    asker = {q["id"]: q["authorId"] for q in small["questions"]}
    own = [a for a in small["answers"] if a["authorId"] == asker[a["questionId"]]]
    assert 0 < len(own) <= 0.05 * len(small["answers"])
    assert any(a["accepted"] for a in own)  # covered by _reputation's rule in the consistency test


# endorsements ------------------------------------------------------------------------------------

def test_endorsements_are_for_held_skills_never_self_and_counted(rows):
    members = {m["id"]: m for m in rows["members"]}
    held = {(r["memberId"], r["skillId"]): r for r in rows["skills_held"]}
    triples = [(e["endorserId"], e["endorseeId"], e["skillId"]) for e in rows["endorsements"]]
    assert triples and len(set(triples)) == len(triples)
    counts = Counter((b, s) for _, b, s in triples)
    for a, b, s in triples:
        assert a != b and (b, s) in held
    for e in rows["endorsements"]:
        holding = held[(e["endorseeId"], e["skillId"])]
        earliest = max(members[e["endorserId"]]["joinedAt"], members[e["endorseeId"]]["joinedAt"], holding["since"])
        assert earliest <= e["at"] <= NOW
    assert all(r["endorsementCount"] == counts[(r["memberId"], r["skillId"])] for r in rows["skills_held"])


def test_endorsers_know_the_endorsee(small):
    followers = defaultdict(set)
    for f in small["follows"]:
        followers[f["followeeId"]].add(f["followerId"])
    groups_of = defaultdict(set)
    for r in small["memberships"]:
        groups_of[r["memberId"]].add(r["groupId"])
    for e in small["endorsements"]:
        assert e["endorserId"] in followers[e["endorseeId"]] or groups_of[e["endorserId"]] & groups_of[e["endorseeId"]]
    # Higher levels collect more.
    by_level = defaultdict(list)
    for r in small["skills_held"]:
        by_level[r["level"]].append(r["endorsementCount"])
    mean = {level: sum(v) / len(v) for level, v in by_level.items()}
    assert mean[5] > 2 * mean[1]


# events --------------------------------------------------------------------------------------------

def test_events_follow_the_model(rows):
    groups = {g["id"]: g for g in rows["groups"]}
    members_of = defaultdict(set)
    for r in rows["memberships"]:
        members_of[r["groupId"]].add(r["memberId"])
    topics = {t["id"] for t in rows["topics"]}
    group_topics = defaultdict(set)
    for r in rows["group_topics"]:
        group_topics[r["groupId"]].add(r["topicId"])
    assert rows["events"]
    for e in rows["events"]:
        group = groups[e["groupId"]]
        assert e["kind"] in event_rules.START_TIMES and e["format"] in ("ONLINE", "IN_PERSON")
        assert 20 <= e["capacity"] <= 500
        assert e["createdAt"] <= min(e["startsAt"], NOW) and e["createdAt"] >= group["createdAt"]
        assert e["startsAt"] < e["endsAt"] and e["startsAt"].utcoffset() == timedelta(0)
        assert e["startsAt"] > NOW + timedelta(days=1) or e["endsAt"] < NOW - timedelta(days=1)
        assert e["searchText"] == f"{e['title']} {e['description']}".lower()
        assert 1 <= len(e["topicIds"]) <= 2 and set(e["topicIds"]) <= group_topics[e["groupId"]] <= topics
        assert set(e["speakerIds"]) <= members_of[e["groupId"]] and len(set(e["speakerIds"])) == len(e["speakerIds"])
        # Local wall-clock starts in the event's zone, on the kind's schedule.
        local = e["startsAt"].astimezone(ZoneInfo(e["timeZone"]))
        assert (local.hour, local.minute) in event_rules.START_TIMES[e["kind"]], (e["title"], local)
        assert local.weekday() in event_rules.WEEKDAYS[e["kind"]]
        if e["format"] == "IN_PERSON":
            assert e["venue"] and e["city"] and e["country"]
            assert isinstance(e["latitude"], float) and isinstance(e["longitude"], float)
            assert e["timeZone"] == taxonomy.city_zone(e["city"], e["country"])
            if group["kind"] == "REGIONAL":
                assert (e["city"], e["country"]) == (group["city"], group["country"])
        else:
            assert e["venue"] is e["city"] is e["latitude"] is e["longitude"] is None
        if group["kind"] != "REGIONAL":
            assert e["kind"] != "CITY_TOUR"
            assert e["format"] == "ONLINE" or e["kind"] in ("CONFERENCE", "JOB_FAIR")


def test_rsvps_respect_capacity_and_the_waitlist(rows):
    members = {m["id"]: m for m in rows["members"]}
    events = {e["id"]: e for e in rows["events"]}
    members_of = defaultdict(set)
    for r in rows["memberships"]:
        members_of[r["groupId"]].add(r["memberId"])
    pairs = [(r["memberId"], r["eventId"]) for r in rows["rsvps"]]
    assert len(set(pairs)) == len(pairs)
    per_event = defaultdict(list)
    for r in rows["rsvps"]:
        e = events[r["eventId"]]
        per_event[e["id"]].append(r)
        assert r["memberId"] in members_of[e["groupId"]] and r["memberId"] not in e["speakerIds"]
        assert max(e["createdAt"], members[r["memberId"]]["joinedAt"]) <= r["at"] <= min(e["startsAt"], NOW)
        assert (r["ticket"] is not None) == (r["status"] == "WAITLISTED")
    for e in rows["events"]:
        status = Counter(r["status"] for r in per_event[e["id"]])
        assert e["goingCount"] == status["GOING"] <= e["capacity"]
        assert e["waitlistCount"] == status["WAITLISTED"]
        waitlist = sorted((r for r in per_event[e["id"]] if r["status"] == "WAITLISTED"), key=lambda r: r["ticket"])
        assert [r["ticket"] for r in waitlist] == list(range(1, len(waitlist) + 1))
        assert e["waitlistSeq"] == len(waitlist)
        if waitlist:  # only while full, and the first to ask waits first
            assert e["goingCount"] == e["capacity"]
            assert [r["at"] for r in waitlist] == sorted(r["at"] for r in waitlist)
            going = [r["at"] for r in per_event[e["id"]] if r["status"] == "GOING"]
            assert max(going) <= waitlist[0]["at"]


def test_event_mix_is_realistic(small):
    events = small["events"]
    groups = {g["id"]: g for g in small["groups"]}
    total_groups = sum(SIZES["small"].groups.values())
    assert 1.5 * total_groups <= len(events) <= 3.5 * total_groups
    upcoming = [e for e in events if e["startsAt"] > NOW]
    assert 0.2 <= len(upcoming) / len(events) <= 0.4
    kinds = Counter(e["kind"] for e in events)
    assert set(kinds) == set(event_rules.START_TIMES)
    regional = Counter(e["kind"] for e in events if groups[e["groupId"]]["kind"] == "REGIONAL")
    product = Counter(e["kind"] for e in events if groups[e["groupId"]]["kind"] == "PRODUCT")
    assert regional.most_common(1)[0][0] == "MEETUP"
    assert product["WEBINAR"] + product["OFFICE_HOURS"] > 0.7 * sum(product.values())
    waitlisted = [e for e in events if e["waitlistCount"]]
    assert 0.01 * len(events) <= len(waitlisted) <= 0.15 * len(events)  # some popular events fill up
    statuses = Counter(r["status"] for r in small["rsvps"])
    assert statuses["GOING"] > statuses["INTERESTED"] > statuses["NOT_GOING"] > 0
    assert len({e["timeZone"] for e in events}) >= 40
