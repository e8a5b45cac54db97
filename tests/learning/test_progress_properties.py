"""Property test: any sequence of completeUnit / completeSuperbadge requests, some sent at once,
keeps the ledger exact and every learning invariant (`counter_mismatches()` all zero), and agrees
with a plain model of the rules."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.system import QUERIES as SYSTEM
from tests import factories as f
from tests.learning import factories as lf
from tests.learning.progress_helpers import (
    assert_consistent,
    complete_superbadge,
    complete_unit,
    days,
    ladder,
    ledger,
    now,
)

UNITS_PER_MODULE = (1, 2, 3)
# An operation: (member index, "unit" with a unit index | "superbadge", 0).
OPERATION = st.tuples(st.integers(0, 1), st.sampled_from(["unit", "unit", "unit", "superbadge"]), st.integers(0, 5))
# Batches of operations; the operations of one batch are sent at the same time.
BATCHES = st.lists(st.lists(OPERATION, min_size=1, max_size=4), min_size=1, max_size=6)


@dataclass
class Model:
    """What the rules say a member should have, from the requests that succeeded."""

    units: set[str] = field(default_factory=set)
    superbadge: bool = False


async def _world(graph):
    await graph.write(SYSTEM["wipe_graph"])
    await ladder(graph, [("Scout", 0, 0), ("Hiker", 150, 1), ("Explorer", 400, 2), ("Ranger", 1_200, 4)])
    members = await f.members(graph, 2)
    modules = [await lf.module(graph, units=n, points=50 * n) for n in UNITS_PER_MODULE]
    superbadge = await lf.superbadge(graph, requires=modules[:2], points=500)
    quest = await lf.quest(graph, month=now().strftime("%Y-%m"), requires=[modules[2], superbadge],
                           starts_at=now() - days(1), ends_at=now() + days(1))
    return members, modules, superbadge, quest


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=BATCHES)
async def test_random_completion_sequences_keep_the_graph_consistent(graph, client, token_for, batches):
    members, modules, superbadge, quest = await _world(graph)
    units = [u for m in modules for u in m["units"]]
    models = [Model(), Model()]

    async def send(member_index: int, kind: str, index: int):
        headers = token_for(members[member_index]["id"])
        if kind == "unit":
            unit = units[index % len(units)]
            return member_index, kind, unit, await complete_unit(client, headers, unit)
        return member_index, kind, superbadge, await complete_superbadge(client, headers, superbadge)

    prerequisites = {u["id"] for m in modules[:2] for u in m["units"]}
    for batch in batches:
        # Requests of one batch run in any order: check what the batch as a whole did.
        before = [Model(set(m.units), m.superbadge) for m in models]
        awarded: dict[tuple[int, str], int] = {}
        for member_index, kind, target, payload in await asyncio.gather(*(send(*op) for op in batch)):
            model, key = models[member_index], (member_index, target["id"])
            awarded[key] = awarded.get(key, 0) + payload["pointsAwarded"]
            if kind == "unit":
                assert payload["userErrors"] == []
                model.units.add(target["id"])
            elif payload["userErrors"]:
                assert [e["code"] for e in payload["userErrors"]] == ["PREREQUISITES_MISSING"]
                assert not prerequisites <= before[member_index].units  # refused only when not ready before
            else:
                model.superbadge = True
        for (member_index, target_id), points in awarded.items():
            done_before = (before[member_index].superbadge if target_id == superbadge["id"]
                           else target_id in before[member_index].units)
            full = superbadge["points"] if target_id == superbadge["id"] else next(
                u["points"] for u in units if u["id"] == target_id)
            completed_now = models[member_index].superbadge if target_id == superbadge["id"] else True
            assert points == (full if completed_now and not done_before else 0)
        for member_index, model in enumerate(models):
            if model.superbadge:  # accepted only once the prerequisites were done (by the end of the batch)
                assert prerequisites <= model.units
        await assert_consistent(graph)

    for member, model in zip(members, models):
        state = await ledger(graph, member)
        finished = [m for m in modules if {u["id"] for u in m["units"]} <= model.units]
        quest_done = modules[2] in finished and model.superbadge
        expected_points = sum(u["points"] for u in units if u["id"] in model.units) + (
            superbadge["points"] if model.superbadge else 0)
        assert state["points"] == state["recomputed"] == expected_points
        assert set(state["earned"]) == ({m["badge"]["id"] for m in finished}
                                        | ({superbadge["badge"]["id"]} if model.superbadge else set())
                                        | ({quest["badge"]["id"]} if quest_done else set()))
        assert (quest["id"] in state["completed"]) == quest_done
        assert all(count == 1 for count in state["completed"].values())
