"""Test data factories: rows shaped like the seed generator's, written by the seed writer.

Counters on the nodes (followerCount, memberCount, ...) are recomputed from the written
relationships, so every factory leaves the graph consistent, as a real one is.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

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
