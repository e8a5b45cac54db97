"""Test data factories: rows shaped like the seed generator's, written by the seed writer.

Counters (followerCount, memberCount, answerCount, upvotes, reputation, endorsementCount,
goingCount, ...) are recomputed from the written relationships (`SeedWriter.recount`), so every
factory that writes relationships leaves the graph consistent, as a real one is.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from graph.seed.writer import SeedWriter

_counter = itertools.count(1)
BASE = datetime(2026, 1, 1, tzinfo=timezone.utc)
Row = dict[str, Any]


def _n() -> int:
    return next(_counter)


def member_row(handle: str | None = None, **props: Any) -> Row:
    n = _n()
    handle = handle or f"member-{n:05d}"
    row = {
        "id": str(uuid.uuid4()), "handle": handle, "displayName": f"Member {n}", "headline": "Salesforce admin",
        "bio": "", "city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.405, "company": "Acme",
        "jobTitle": "Administrator", "avatarUrl": None, "email": f"{handle}@example.com", "visibility": "PUBLIC",
        "joinedAt": BASE - timedelta(days=n), "followerCount": 0, "followingCount": 0,
    }
    row.update(props)
    row["searchText"] = " ".join(str(row.get(k) or "") for k in ("handle", "displayName", "headline", "jobTitle", "company")).lower()
    return row


async def member(graph, handle: str | None = None, **props: Any) -> Row:
    row = member_row(handle, **props)
    await SeedWriter(graph).members([row])
    return row


async def members(graph, count: int, **props: Any) -> list[Row]:
    rows = [member_row(**props) for _ in range(count)]
    await SeedWriter(graph).members(rows)
    return rows


async def members_in(graph) -> list[Row]:
    from graph.community.repository import CommunityRepository, Visibility

    return await CommunityRepository(graph).members_page(
        visibility=Visibility(("PUBLIC", "MEMBERS", "PRIVATE"), None), skip=0, limit=1000, search=None, skills=[],
        country=None, city=None, groupId=None, topicId=None, orderBy="HANDLE")


def _taxonomy_rows(kind: str, count: int) -> list[Row]:
    rows = []
    for _ in range(count):
        n = _n()
        rows.append({"id": str(uuid.uuid4()), "slug": f"{kind}-{n}", "name": f"{kind.title()} {n}", "category": "developer"})
    return rows


async def topics(graph, count: int) -> list[Row]:
    rows = _taxonomy_rows("topic", count)
    await SeedWriter(graph).topics(rows)
    return rows


async def skills(graph, count: int) -> list[Row]:
    rows = _taxonomy_rows("skill", count)
    await SeedWriter(graph).skills(rows)
    return rows


async def groups(graph, count: int, *, leaders: list[Row], **props: Any) -> list[Row]:
    """Groups each led by the matching member of `leaders` (who is also counted as a member)."""
    rows = []
    for i in range(count):
        n = _n()
        rows.append({
            "id": str(uuid.uuid4()), "slug": f"group-{n}", "name": f"Group {n:05d}", "description": "A group",
            "kind": "INTEREST", "city": None, "country": None, "latitude": None, "longitude": None,
            "createdAt": BASE - timedelta(days=n), "memberCount": 0, "leaderCount": 0, **props,
        })
    writer = SeedWriter(graph)
    await writer.groups(rows)
    await memberships(graph, [(leaders[i], row, "LEADER") for i, row in enumerate(rows)])
    return rows


async def follows(graph, pairs: list[tuple[Row, Row]]) -> None:
    rows = [{"followerId": a["id"], "followeeId": b["id"], "since": BASE + timedelta(minutes=i)}
            for i, (a, b) in enumerate(pairs)]
    writer = SeedWriter(graph)
    await writer.follows(rows)
    await writer.recount()


async def memberships(graph, triples: list[tuple[Row, Row, str]]) -> None:
    rows = [{"memberId": m["id"], "groupId": g["id"], "role": role, "since": BASE + timedelta(minutes=i)}
            for i, (m, g, role) in enumerate(triples)]
    writer = SeedWriter(graph)
    await writer.memberships(rows)
    await writer.recount()


async def holdings(graph, triples: list[tuple[Row, Row, int]]) -> None:
    rows = [{"memberId": m["id"], "skillId": s["id"], "level": level, "since": BASE} for m, s, level in triples]
    await SeedWriter(graph).skills_held(rows)


async def topic_follows(graph, pairs: list[tuple[Row, Row]]) -> None:
    rows = [{"memberId": m["id"], "topicId": t["id"], "since": BASE} for m, t in pairs]
    await SeedWriter(graph).topic_follows(rows)


async def group_topics(graph, pairs: list[tuple[Row, Row]]) -> None:
    await SeedWriter(graph).group_topics([{"groupId": g["id"], "topicId": t["id"]} for g, t in pairs])


async def topic_skills(graph, pairs: list[tuple[Row, Row]]) -> None:
    """(Topic)-[:COVERS]->(Skill) for each (topic, skill)."""
    await SeedWriter(graph).topic_skills([{"topicId": t["id"], "skillId": s["id"]} for t, s in pairs])


# Questions and answers ------------------------------------------------------------------------
# Rows are returned as written; their counters (answerCount, upvotes, reputation, ...) are then
# recomputed in the graph by `recount()`, so read counters back through the API, not the rows.

async def questions(graph, asked: list[tuple[Row, Row | list[Row]]], *, group: Row | None = None,
                    **props: Any) -> list[Row]:
    """One question per (author, topic or list of topics), optionally all POSTED_IN `group`.

    Each is created a minute after the previous one (createdAt = BASE + n minutes, so later
    calls give newer questions); `props` override any property (title, body, createdAt, ...),
    and updatedAt follows an overridden createdAt.
    """
    rows = []
    for author, topics_ in asked:
        n = _n()
        topic_list = topics_ if isinstance(topics_, list) else [topics_]
        created = BASE + timedelta(minutes=n)
        row = {
            "id": str(uuid.uuid4()), "title": f"Question {n}: how do I configure this?",
            "body": f"Body of question {n}.", "createdAt": created, "updatedAt": created,
            "answerCount": 0, "acceptedAnswerId": None, "firstAnsweredAt": None,
            "authorId": author["id"], "topicIds": [t["id"] for t in topic_list],
            "groupId": group["id"] if group else None,
        }
        row.update(props)
        if "updatedAt" not in props:
            row["updatedAt"] = row["createdAt"]
        rows.append(row)
    writer = SeedWriter(graph)
    await writer.questions(rows)
    await writer.recount()
    return rows


async def answers(graph, pairs: list[tuple[Row, Row]], *, accepted: bool = False,
                  after: timedelta = timedelta(hours=1), **props: Any) -> list[Row]:
    """One answer per (author, question), created `after` the question (plus i minutes).

    `accepted=True` marks every answer of this call accepted: pass one pair per question then
    (at most one accepted answer per question); the question's acceptedAnswerId follows.
    `props` override any property; updatedAt follows an overridden createdAt.
    """
    rows = []
    for i, (author, question) in enumerate(pairs):
        n = _n()
        created = question["createdAt"] + after + timedelta(minutes=i)
        row = {
            "id": str(uuid.uuid4()), "body": f"Answer {n}: check the setup first.", "createdAt": created,
            "updatedAt": created, "upvotes": 0, "downvotes": 0, "score": 0, "accepted": accepted,
            "authorId": author["id"], "questionId": question["id"],
        }
        row.update(props)
        if "updatedAt" not in props:
            row["updatedAt"] = row["createdAt"]
        rows.append(row)
    writer = SeedWriter(graph)
    await writer.answers(rows)
    await writer.recount()
    return rows


_VOTE_VALUES = {"UP": 1, "DOWN": -1, 1: 1, -1: -1}


async def votes(graph, triples: list[tuple[Row, Row, int | str]]) -> None:
    """(voter, answer, value) with value 1/-1 (or "UP"/"DOWN"); counters and reputation follow."""
    rows = [{"memberId": m["id"], "answerId": a["id"], "value": _VOTE_VALUES[value], "at": BASE + timedelta(minutes=i)}
            for i, (m, a, value) in enumerate(triples)]
    writer = SeedWriter(graph)
    await writer.votes(rows)
    await writer.recount()


async def endorsements(graph, triples: list[tuple[Row, Row, Row]]) -> None:
    """(endorser, endorsee, skill); the endorsee must hold the skill (see `holdings`), else NotFound."""
    rows = [{"endorserId": a["id"], "endorseeId": b["id"], "skillId": s["id"], "at": BASE + timedelta(minutes=i)}
            for i, (a, b, s) in enumerate(triples)]
    writer = SeedWriter(graph)
    await writer.endorsements(rows)
    await writer.recount()


# Events -----------------------------------------------------------------------------------------

async def events(graph, group: Row, count: int, *, past: bool = False, topics: Iterable[Row] = (),
                 speakers: Iterable[Row] = (), **props: Any) -> list[Row]:
    """`count` events hosted by `group`: IN_PERSON MEETUPs in Berlin, capacity 50, two hours long.

    They start n days after the real now (n grows with every factory call, so later events
    start later), or n days before it with `past=True`. Each is ABOUT every topic of `topics`
    with every member of `speakers` speaking; `props` override any property. Unless given,
    endsAt is two hours after startsAt and createdAt 30 days before it.
    """
    now = datetime.now(timezone.utc).replace(microsecond=0)
    topic_ids, speaker_ids = [t["id"] for t in topics], [m["id"] for m in speakers]
    rows = []
    for _ in range(count):
        n = _n()
        starts = now - timedelta(days=n) if past else now + timedelta(days=n)
        row = {
            "id": str(uuid.uuid4()), "title": f"Event {n}", "description": f"Meetup number {n}.",
            "kind": "MEETUP", "format": "IN_PERSON", "venue": "Community Hall", "city": "Berlin", "country": "DE",
            "latitude": 52.52, "longitude": 13.405, "startsAt": starts,
            "timeZone": "Europe/Berlin", "capacity": 50, "goingCount": 0, "waitlistCount": 0, "waitlistSeq": 0,
            "groupId": group["id"], "topicIds": list(topic_ids), "speakerIds": list(speaker_ids),
        }
        row.update(props)
        row.setdefault("endsAt", row["startsAt"] + timedelta(hours=2))
        row.setdefault("createdAt", row["startsAt"] - timedelta(days=30))
        rows.append(row)
    writer = SeedWriter(graph)
    await writer.events(rows)
    await writer.recount()
    return rows


async def rsvps(graph, triples: list[tuple[Row, Row, str]]) -> None:
    """(member, event, status) with status GOING, INTERESTED, NOT_GOING or WAITLISTED.

    Written as given (capacity is not checked here; `counter_mismatches()` would report an
    overfull event). WAITLISTED ones get increasing tickets in the order given, and the event's
    goingCount, waitlistCount and waitlistSeq are recomputed.
    """
    rows = []
    for i, (m, e, status) in enumerate(triples):
        rows.append({"memberId": m["id"], "eventId": e["id"], "status": status, "at": BASE + timedelta(minutes=i),
                     "ticket": _n() if status == "WAITLISTED" else None})
    writer = SeedWriter(graph)
    await writer.rsvps(rows)
    await writer.recount()
