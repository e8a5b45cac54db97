"""Shared pieces of the progress tests: the operations as a client sends them, small ladders,
and the ledger checks every scenario ends with."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from graph.cypher import Query
from graph.learning.progress import ProgressRepository
from graph.seed import MISMATCH_KINDS, SeedWriter
from tests.gql import gid, gql

EARNED_FIELDS = "assertionId earnedAt badge { id slug kind }"
MEMBER_FIELDS = "id points badgeCount rank { rank { name position } nextRank { name } pointsToNextRank badgesToNextRank isRanger }"

COMPLETE_UNIT = f"""mutation($id: ID!) {{ completeUnit(input: {{unitId: $id}}) {{
  unit {{ id }} module {{ id }} member {{ {MEMBER_FIELDS} }}
  pointsAwarded badgesEarned {{ {EARNED_FIELDS} }} rankReached {{ name position }}
  moduleCompleted alreadyCompleted userErrors {{ field message code }} }} }}"""

COMPLETE_SUPERBADGE = f"""mutation($id: ID!) {{ completeSuperbadge(input: {{superbadgeId: $id}}) {{
  superbadge {{ id }} member {{ {MEMBER_FIELDS} }} missing {{ id title }}
  pointsAwarded badgesEarned {{ {EARNED_FIELDS} }} rankReached {{ name position }}
  alreadyCompleted userErrors {{ field message code }} }} }}"""


def _q(text: str) -> Query:
    return Query("progress_test", text, "", __file__, 0)


def now() -> datetime:
    value = datetime.now(timezone.utc)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def days(n: float) -> timedelta:
    return timedelta(days=n)


async def complete_unit(client, headers: dict[str, str], unit: dict[str, Any]) -> dict[str, Any]:
    """completeUnit for a unit row; asserts no GraphQL error and returns the payload."""
    body = await gql(client, COMPLETE_UNIT, {"id": gid("Unit", unit)}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["completeUnit"]


async def complete_units(client, headers: dict[str, str], units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [await complete_unit(client, headers, unit) for unit in units]


async def complete_superbadge(client, headers: dict[str, str], superbadge: dict[str, Any]) -> dict[str, Any]:
    body = await gql(client, COMPLETE_SUPERBADGE, {"id": gid("Superbadge", superbadge)}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["completeSuperbadge"]


async def ladder(graph, steps: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """A custom rank ladder: (name, minPoints, minBadges) per rank, positions 1, 2, ... in order."""
    rows = [{"id": str(uuid.uuid4()), "name": name, "position": i, "minPoints": points, "minBadges": badges}
            for i, (name, points, badges) in enumerate(steps, start=1)]
    writer = SeedWriter(graph)
    await writer.ranks(rows)
    await writer.recount()
    return rows


async def assert_consistent(graph) -> None:
    """Every learning (and community) invariant holds: counters equal their recomputation."""
    assert await SeedWriter(graph).counter_mismatches() == dict.fromkeys(MISMATCH_KINDS, 0)


async def ledger(graph, member: dict[str, Any]) -> dict[str, Any]:
    """The member's stored counters next to the ledger: points, recomputed points, completions by
    target id (how many COMPLETED each), badges earned by badge id (how many EARNED each)."""
    state = (await graph.read(_q("""MATCH (m:Member {id: $id})
        RETURN m.points AS points, m.badgeCount AS badgeCount, m.rank AS rank,
               [(m)-[:COMPLETED]->(x) | x.id] AS completed,
               [(m)-[:EARNED]->(b:Badge) | b.id] AS earned,
               [(m)-[:REACHED]->(r:Rank) | r.position] AS reached"""), id=member["id"]))[0]
    recomputed = (await ProgressRepository(graph).recomputed_points([member["id"]]))[member["id"]]
    counts = lambda ids: {i: ids.count(i) for i in ids}
    return {"points": state["points"], "recomputed": recomputed, "badgeCount": state["badgeCount"],
            "rank": state["rank"], "completed": counts(state["completed"]), "earned": counts(state["earned"]),
            "reached": sorted(state["reached"])}


async def completed_at(graph, member: dict[str, Any], target_id: str) -> list[Any]:
    rows = await graph.read(_q("MATCH (:Member {id: $m})-[c:COMPLETED]->(x {id: $x}) RETURN c.at AS at, c.points AS points"),
                            m=member["id"], x=target_id)
    return rows


async def run(graph, text: str, **params: Any) -> list[dict[str, Any]]:
    """A test-only write (to bend catalog data a factory wrote)."""
    return await graph.write(_q(text), **params)
