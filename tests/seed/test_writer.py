"""The seed writer's Q&A, endorsement and event kinds, through the test factories: links, counters
recomputed by `recount()`, and `counter_mismatches()` catching every kind of drift."""

from __future__ import annotations

import pytest

from graph.cypher import Query
from graph.errors import NotFound
from graph.seed import KINDS, MISMATCH_KINDS, SeedWriter
from tests import factories as f


def _q(text: str) -> Query:
    return Query("test", text, "", __file__, 0)


async def _one(graph, text: str, **params) -> dict:
    rows = await graph.read(_q(text), **params)
    return rows[0]


async def _mismatches(graph) -> dict[str, int]:
    result = await SeedWriter(graph).counter_mismatches()
    assert set(result) == set(MISMATCH_KINDS)
    return result


async def test_questions_answers_votes_and_reputation(graph):
    asker, alice, bob, carol = await f.members(graph, 4)
    topic_a, topic_b = await f.topics(graph, 2)
    [group] = await f.groups(graph, 1, leaders=[asker])
    q1, q2 = await f.questions(graph, [(asker, [topic_a, topic_b]), (alice, topic_a)])
    [q3] = await f.questions(graph, [(asker, topic_b)], group=group, title="Flow limits?")
    assert q2["createdAt"] > q1["createdAt"]

    links = await _one(graph, """MATCH (q:Question {id: $id})
        RETURN COUNT { (q)-[:TAGGED]->(:Topic) } AS topics, COUNT { (:Member {id: $author})-[:ASKED]->(q) } AS asked,
               COUNT { (q)-[:POSTED_IN]->(:Group) } AS posted, q.searchText AS search""",
                       id=q1["id"], author=asker["id"])
    assert links == {"topics": 2, "asked": 1, "posted": 0, "search": q1["title"].lower() + " " + q1["body"].lower()}
    posted = await _one(graph, "MATCH (q:Question {id: $id})-[:POSTED_IN]->(g:Group) RETURN g.id AS g", id=q3["id"])
    assert posted == {"g": group["id"]}

    [a_alice] = await f.answers(graph, [(alice, q1)], accepted=True)
    a_bob, a_carol = await f.answers(graph, [(bob, q1), (carol, q1)])
    [a_self] = await f.answers(graph, [(alice, q2)], accepted=True)  # self-accept: no reputation
    await f.votes(graph, [(bob, a_alice, 1), (carol, a_alice, "UP"), (asker, a_alice, 1), (asker, a_bob, "DOWN"),
                          (bob, a_self, 1)])

    q = await _one(graph, "MATCH (q:Question {id: $id}) RETURN q.answerCount AS n, q.acceptedAnswerId AS accepted",
                   id=q1["id"])
    assert q["n"] == 3 and q["accepted"] == a_alice["id"]
    first = await _one(graph, """MATCH (q:Question {id: $id}) MATCH (a:Answer {id: $a})
        RETURN q.firstAnsweredAt = a.createdAt AS same""", id=q1["id"], a=a_alice["id"])
    assert first["same"] is True
    unanswered = await _one(graph, "MATCH (q:Question {id: $id}) RETURN q.answerCount AS n, q.firstAnsweredAt AS first",
                            id=q3["id"])
    assert unanswered == {"n": 0, "first": None}
    scores = await _one(graph, "MATCH (a:Answer {id: $id}) RETURN a.upvotes AS up, a.downvotes AS down, "
                               "a.score AS score", id=a_alice["id"])
    assert scores == {"up": 3, "down": 0, "score": 3}
    reputation = {m["handle"]: (await _one(graph, "MATCH (m:Member {id: $id}) RETURN m.reputation AS r",
                                           id=m["id"]))["r"]
                  for m in (asker, alice, bob, carol)}
    # alice: 3 upvotes + an accepted answer on asker's question; her own accepted answer earns
    # only its upvote. bob: one downvote.
    assert reputation == {asker["handle"]: 0, alice["handle"]: 30 + 15 + 10, bob["handle"]: -2, carol["handle"]: 0}
    assert not any((await _mismatches(graph)).values())

    # Drift of each counter is reported.
    await graph.write(_q("MATCH (a:Answer {id: $id}) SET a.upvotes = 7"), id=a_carol["id"])
    await graph.write(_q("MATCH (m:Member {id: $id}) SET m.reputation = 1"), id=carol["id"])
    await graph.write(_q("MATCH (q:Question {id: $id}) SET q.answerCount = 9"), id=q2["id"])
    drift = await _mismatches(graph)
    assert drift["answers"] == 1 and drift["reputation"] == 1 and drift["questions"] == 1
    assert drift["members"] == drift["groups"] == drift["events"] == drift["endorsements"] == 0
    await SeedWriter(graph).recount()
    assert not any((await _mismatches(graph)).values())


async def test_self_votes_and_two_accepted_answers_are_reported(graph):
    asker, alice, bob = await f.members(graph, 3)
    [topic] = await f.topics(graph, 1)
    [q] = await f.questions(graph, [(asker, topic)])
    await f.answers(graph, [(alice, q), (bob, q)], accepted=True)
    [a] = await f.answers(graph, [(bob, q)])
    await f.votes(graph, [(bob, a, 1)])
    drift = await _mismatches(graph)
    assert drift["questions"] == 1 and drift["answers"] == 1


async def test_endorsements_count_per_held_skill(graph):
    ann, ben, cat = await f.members(graph, 3)
    python, sql = await f.skills(graph, 2)
    await f.holdings(graph, [(ann, python, 3), (ann, sql, 2), (ben, python, 4)])
    await f.endorsements(graph, [(ben, ann, python), (cat, ann, python), (cat, ann, sql), (ann, ben, python)])
    counts = await graph.read(_q("""MATCH (m:Member)-[h:HAS_SKILL]->(s:Skill)
        RETURN m.id AS m, s.id AS s, h.endorsementCount AS n ORDER BY m, s"""))
    got = {(r["m"], r["s"]): r["n"] for r in counts}
    assert got == {(ann["id"], python["id"]): 2, (ann["id"], sql["id"]): 1, (ben["id"], python["id"]): 1}
    assert not any((await _mismatches(graph)).values())
    with pytest.raises(NotFound):  # cat holds no skill: nothing to endorse
        await f.endorsements(graph, [(ann, cat, python)])
    await SeedWriter(graph).endorsements([{"endorserId": ann["id"], "endorseeId": ann["id"], "skillId": sql["id"],
                                           "at": f.BASE}])
    assert (await _mismatches(graph))["endorsements"] == 2  # a self-endorsement, and sql's count is off


async def test_events_rsvps_and_topic_skills(graph):
    leader, speaker, *others = await f.members(graph, 6)
    [group] = await f.groups(graph, 1, leaders=[leader])
    topic_a, topic_b = await f.topics(graph, 2)
    [skill] = await f.skills(graph, 1)
    await f.topic_skills(graph, [(topic_a, skill), (topic_b, skill)])
    upcoming = await f.events(graph, group, 2, topics=[topic_a, topic_b], speakers=[speaker], capacity=2)
    [past] = await f.events(graph, group, 1, past=True, kind="WEBINAR", format="ONLINE", venue=None, city=None,
                            country=None, latitude=None, longitude=None)
    e = upcoming[0]
    await f.rsvps(graph, [(others[0], e, "GOING"), (others[1], e, "GOING"), (others[2], e, "WAITLISTED"),
                          (others[3], e, "WAITLISTED"), (leader, e, "INTERESTED"), (speaker, past, "NOT_GOING")])
    row = await _one(graph, """MATCH (e:Event {id: $id})
        RETURN e.goingCount AS going, e.waitlistCount AS waitlist, e.waitlistSeq > 0 AS seq,
               e.startsAt > datetime() AS future, COUNT { (e)-[:ABOUT]->(:Topic) } AS topics,
               COUNT { (:Member {id: $speaker})-[:SPEAKS_AT]->(e) } AS speaks,
               COUNT { (:Group {id: $group})-[:HOSTS]->(e) } AS hosted""",
                     id=e["id"], speaker=speaker["id"], group=group["id"])
    assert row == {"going": 2, "waitlist": 2, "seq": True, "future": True, "topics": 2, "speaks": 1, "hosted": 1}
    tickets = await graph.read(_q("""MATCH (m:Member)-[r:RSVPED {status: 'WAITLISTED'}]->(:Event {id: $id})
        RETURN m.id AS m ORDER BY r.ticket"""), id=e["id"])
    assert [r["m"] for r in tickets] == [others[2]["id"], others[3]["id"]]
    before = await _one(graph, "MATCH (e:Event {id: $id}) RETURN e.startsAt < datetime() AS before", id=past["id"])
    assert before == {"before": True}
    assert not any((await _mismatches(graph)).values())
    covers = await _one(graph, "RETURN COUNT { (:Topic)-[:COVERS]->(:Skill) } AS n")
    assert covers == {"n": 2}

    # Going over capacity, or a waitlist on an event with free places, is reported.
    await f.rsvps(graph, [(others[3], upcoming[1], "WAITLISTED")])
    assert (await _mismatches(graph))["events"] == 1
    await f.rsvps(graph, [(speaker, e, "GOING")])
    assert (await _mismatches(graph))["events"] == 2


async def test_counts_cover_every_kind(graph):
    writer = SeedWriter(graph)
    counts = await writer.counts()
    assert set(counts) == set(KINDS)
    assert not any(counts.values())
    with pytest.raises(ValueError):
        await writer.write("nonsense", [])
