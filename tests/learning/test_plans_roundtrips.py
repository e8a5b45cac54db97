"""Round trips of the learning plan lists are pinned: an N+1 anywhere fails these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests import factories
from tests.gql import gid, gql, round_trips
from tests.learning import factories as learning


async def _catalog(graph):
    modules = [await learning.module(graph, units=1) for _ in range(8)]
    trails = [await learning.trail(graph, modules[i:i + 3]) for i in (0, 3)]
    return modules, trails


async def test_assigned_learning_costs_a_fixed_number_of_queries(graph, client, token_for):
    acme = await learning.company(graph)
    admin, me = await factories.members(graph, 2)
    await learning.employ(graph, acme, admin, role="ADMIN")
    await learning.employ(graph, acme, me)
    modules, trails = await _catalog(graph)
    await learning.complete_modules(graph, me, modules[:4])
    for n in range(6):  # 6 plans of 2 trails and 2 modules: 24 assignments
        await learning.learning_plan(graph, acme, title=f"Plan {n}", items=[*trails, *modules[6 - n % 2:8 - n % 2]],
                                     assignees=[me], due_at=datetime.now(timezone.utc) + timedelta(days=n - 2),
                                     assigned_by=admin)
    body = await gql(client, """{ viewer { assignedLearning(first: 50, includeCompleted: true) {
        totalCount edges { cursor node { dueAt isComplete isOverdue completedAt
          progress { completedModules totalModules percent }
          plan { title dueAt assigneeCount company { name } assignedBy { handle }
                 items { __typename ... on Trail { slug } ... on Module { slug } } }
          item { __typename ... on Trail { slug modules { slug } } ... on Module { slug units { title } } } } } } } }""",
                     headers=token_for(me["id"]))
    assert "errors" not in body, body
    page = body["data"]["viewer"]["assignedLearning"]
    assert page["totalCount"] == 24 and len(page["edges"]) == 24
    assert {e["node"]["isOverdue"] for e in page["edges"]} == {True, False}
    # viewer, page, count, plans, companies, assigners, plan items, trails, modules,
    # trails' modules, modules' units: one query each, whatever the number of rows.
    assert round_trips(body) == 11, body["extensions"]


async def test_the_report_costs_a_fixed_number_of_queries(graph, client, token_for):
    acme = await learning.company(graph, name="Acme")
    admin = await factories.member(graph, "the-admin")
    staff = await factories.members(graph, 24)
    staff.append(await factories.member(graph, visibility="PRIVATE"))
    await learning.employ(graph, acme, admin, role="ADMIN")
    await learning.employ(graph, acme, staff)
    modules, trails = await _catalog(graph)
    for i, person in enumerate(staff):
        await learning.complete_modules(graph, person, modules[: i % 7])
    await learning.learning_plan(graph, acme, title="Overdue", items=[trails[0], modules[6]], assignees=staff,
                                 due_at=datetime.now(timezone.utc) - timedelta(days=1), assigned_by=admin)
    await learning.learning_plan(graph, acme, title="Later", items=[trails[1], modules[7]], assignees=staff[::2],
                                 due_at=datetime.now(timezone.utc) + timedelta(days=10), assigned_by=admin)
    body = await gql(client, """query($id: ID!) { company(id: $id) { name
        learningPlanReport(first: 50) { totalCount totals { assigned completed overdue }
          edges { cursor node { memberId isComplete isOverdue progress { percent }
            member { handle employer { name } }
            assignments { isOverdue completedAt progress { completedModules totalModules }
              plan { title assignedBy { handle } }
              item { __typename ... on Trail { slug } ... on Module { slug } } } } } } } }""",
                     {"id": gid("Company", acme)}, headers=token_for(admin["id"]))
    assert "errors" not in body, body
    report = body["data"]["company"]["learningPlanReport"]
    assert report["totalCount"] == 25 and len(report["edges"]) == 25
    assert report["edges"][-1]["node"]["member"] is None
    assert report["totals"]["assigned"] == 25 and report["totals"]["overdue"] > 0
    # company, the viewer's employment, report page, progress, members, employers, totals,
    # plans, assigners, trails, modules: one query each, whatever the number of employees.
    assert round_trips(body) == 11, body["extensions"]


async def test_plan_entities_cost_a_fixed_number_of_queries(graph, client, token_for):
    acme = await learning.company(graph)
    admin, employee = await factories.members(graph, 2)
    await learning.employ(graph, acme, admin, role="ADMIN")
    await learning.employ(graph, acme, employee)
    modules, _ = await _catalog(graph)
    plans = [await learning.learning_plan(graph, acme, title=f"Plan {n}", items=modules[n % 8:n % 8 + 1],
                                          assignees=[employee] if n % 2 else [], due_at=datetime.now(timezone.utc))
             for n in range(22)]
    representations = [{"__typename": "LearningPlan", "id": gid("LearningPlan", p)} for p in plans]
    query = """query($r: [_Any!]!) { _entities(representations: $r) { ... on LearningPlan { title
        items { ... on Module { slug } } } } }"""
    as_admin = await gql(client, query, {"r": representations}, path="/subgraphs/learning/graphql",
                         headers=token_for(admin["id"]))
    assert [e["title"] for e in as_admin["data"]["_entities"]] == [f"Plan {n}" for n in range(22)]
    # plans, the viewer's employment, plan items, modules.
    assert round_trips(as_admin) == 4, as_admin["extensions"]
    as_employee = await gql(client, query, {"r": representations}, path="/subgraphs/learning/graphql",
                            headers=token_for(employee["id"]))
    assert [e["title"] if e else None for e in as_employee["data"]["_entities"]] == [
        f"Plan {n}" if n % 2 else None for n in range(22)]
    # ...plus which of them are assigned to the viewer.
    assert round_trips(as_employee) == 5, as_employee["extensions"]


async def test_reports_of_many_companies_batch_together(graph, client, token_for):
    platform_admin = await factories.member(graph, "platform-admin")
    modules, trails = await _catalog(graph)
    for n in range(4):
        company = await learning.company(graph, name=f"Company {n}")
        staff = await factories.members(graph, 6)
        await learning.employ(graph, company, staff)
        await learning.complete_modules(graph, staff[0], modules[:n + 1])
        await learning.learning_plan(graph, company, title=f"Plan {n}", items=[trails[0], modules[n]], assignees=staff,
                                     due_at=datetime.now(timezone.utc) + timedelta(days=2 * n - 1))
    body = await gql(client, """{ companies(first: 10) { nodes { name
        learningPlanReport { totalCount totals { assigned completed overdue }
          nodes { member { handle } progress { percent } assignments { item { ... on Module { slug } } } } } } } }""",
                     headers=token_for(platform_admin["id"], "admin"))
    assert "errors" not in body, body
    reports = [c["learningPlanReport"] for c in body["data"]["companies"]["nodes"]]
    assert [r["totalCount"] for r in reports] == [6, 6, 6, 6]
    assert [r["totals"]["overdue"] for r in reports] == [6, 0, 0, 0]
    assert [r["totals"]["completed"] for r in reports] == [0, 0, 1, 1]
    # companies, report pages, progress, members, totals, trails, modules: the same for 4 companies as for 1.
    assert round_trips(body) == 7, body["extensions"]
