"""assignLearningPlan and cancelLearningPlan: who may, employees only, all or nothing, bad input;
and who may see a plan (`node`, `_entities`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from graph.seed.writer import SeedWriter
from tests import factories
from tests.gql import codes, gid, gql
from tests.learning import factories as learning
from tests.learning.factories import Row

ASSIGN = """mutation($input: AssignLearningPlanInput!) { assignLearningPlan(input: $input) {
  plan { id title dueAt assigneeCount company { slug } assignedBy { handle }
         items { __typename ... on Trail { slug } ... on Module { slug } } }
  userErrors { field message code } } }"""
CANCEL = """mutation($id: ID!) { cancelLearningPlan(input: {planId: $id}) {
  cancelledPlanId userErrors { field message code } } }"""


@dataclass
class World:
    """Two companies, their admins and employees, someone who works nowhere, and a catalog."""

    acme: Row
    globex: Row
    admin: Row  # ADMIN of acme
    employees: list[Row]  # of acme: PUBLIC, MEMBERS, PRIVATE profiles
    other_admin: Row  # ADMIN of globex
    globex_employee: Row
    outsider: Row  # works nowhere
    platform_admin: Row  # works nowhere; their token has the role `admin`
    modules: list[Row]
    trail: Row  # modules[0] and modules[1]


async def world(graph) -> World:
    acme = await learning.company(graph, name="Acme")
    globex = await learning.company(graph, name="Globex")
    admin = await factories.member(graph, "acme-admin")
    employees = [await factories.member(graph, "emp-public"),
                 await factories.member(graph, "emp-members", visibility="MEMBERS"),
                 await factories.member(graph, "emp-private", visibility="PRIVATE")]
    other_admin = await factories.member(graph, "globex-admin")
    globex_employee = await factories.member(graph, "globex-emp")
    outsider = await factories.member(graph, "outsider")
    platform_admin = await factories.member(graph, "platform-admin")
    await learning.employ(graph, acme, admin, role="ADMIN")
    await learning.employ(graph, acme, employees)
    await learning.employ(graph, globex, other_admin, role="ADMIN")
    await learning.employ(graph, globex, globex_employee)
    modules = [await learning.module(graph, units=2) for _ in range(4)]
    trail = await learning.trail(graph, modules[:2])
    return World(acme, globex, admin, employees, other_admin, globex_employee, outsider, platform_admin, modules, trail)


def future(days: int = 30) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()


def assign_input(w: World, **changes) -> dict:
    return {"companyId": gid("Company", w.acme), "title": "Onboarding",
            "itemIds": [gid("Trail", w.trail), gid("Module", w.modules[2])],
            "memberIds": [gid("Member", e) for e in w.employees], "dueAt": future(), **changes}


async def plan_counts(graph) -> tuple[int, int, int]:
    counts = await SeedWriter(graph).learning_counts()
    return counts["learning_plans"], counts["plan_items"], counts["plan_assignments"]


async def test_a_company_admin_assigns_a_trail_and_a_module_to_employees(graph, client, token_for):
    w = await world(graph)
    due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=14)
    body = await gql(client, ASSIGN, {"input": assign_input(w, title="  Q3 onboarding ", dueAt=due.isoformat())},
                     headers=token_for(w.admin["id"]))
    out = body["data"]["assignLearningPlan"]
    assert out["userErrors"] == [], body
    plan = out["plan"]
    assert plan["title"] == "Q3 onboarding" and datetime.fromisoformat(plan["dueAt"]) == due
    assert plan["assigneeCount"] == 3 and plan["company"] == {"slug": w.acme["slug"]}
    assert plan["assignedBy"] == {"handle": "acme-admin"}
    assert plan["items"] == [{"__typename": "Trail", "slug": w.trail["slug"]},
                             {"__typename": "Module", "slug": w.modules[2]["slug"]}]
    assert await plan_counts(graph) == (1, 2, 3)
    # Each employee now has the plan's two items (the private one sees their own).
    for employee in w.employees:
        mine = await gql(client, "{ viewer { assignedLearning { totalCount nodes { plan { id } } } } }",
                         headers=token_for(employee["id"]))
        assert mine["data"]["viewer"]["assignedLearning"]["totalCount"] == 2
        assert {n["plan"]["id"] for n in mine["data"]["viewer"]["assignedLearning"]["nodes"]} == {plan["id"]}


async def test_who_may_assign_a_plan(graph, client, token_for):
    w = await world(graph)
    refused = {
        "admin of another company": token_for(w.other_admin["id"]),
        "employee": token_for(w.employees[0]["id"]),
        "works nowhere": token_for(w.outsider["id"]),
    }
    for who, headers in refused.items():
        body = await gql(client, ASSIGN, {"input": assign_input(w)}, headers=headers)
        assert codes(body) == ["FORBIDDEN"], who
        assert body["data"] is None or body["data"]["assignLearningPlan"] is None
    anonymous = await gql(client, ASSIGN, {"input": assign_input(w)})
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    assert await plan_counts(graph) == (0, 0, 0)

    for headers in (token_for(w.admin["id"]), token_for(w.platform_admin["id"], "admin")):
        body = await gql(client, ASSIGN, {"input": assign_input(w)}, headers=headers)
        assert body["data"]["assignLearningPlan"]["userErrors"] == [], body
    assert await plan_counts(graph) == (2, 4, 6)
    by_platform = await gql(client, "{ viewer { assignedLearning(first: 4) { nodes { plan { assignedBy { handle } } } } } }",
                            headers=token_for(w.employees[0]["id"]))
    assert {n["plan"]["assignedBy"]["handle"] for n in by_platform["data"]["viewer"]["assignedLearning"]["nodes"]} == {
        "acme-admin", "platform-admin"}


async def test_only_employees_of_that_company_can_be_assigned_and_then_nothing_is_written(graph, client, token_for):
    w = await world(graph)
    members = [w.employees[0], w.outsider, w.globex_employee, w.employees[1], {"id": "no-such-member"}]
    for headers in (token_for(w.admin["id"]), token_for(w.platform_admin["id"], "admin")):
        body = await gql(client, ASSIGN, {"input": assign_input(w, memberIds=[gid("Member", m) for m in members])},
                         headers=headers)
        out = body["data"]["assignLearningPlan"]
        assert out["plan"] is None
        assert [(e["field"], e["code"]) for e in out["userErrors"]] == [
            ("memberIds[1]", "NOT_AN_EMPLOYEE"), ("memberIds[2]", "NOT_AN_EMPLOYEE"), ("memberIds[4]", "NOT_AN_EMPLOYEE")]
        assert gid("Member", w.outsider) in out["userErrors"][0]["message"]
    # An admin's own employment does not extend to another company's employees either.
    other = await gql(client, ASSIGN, {"input": assign_input(w, companyId=gid("Company", w.globex))},
                      headers=token_for(w.other_admin["id"]))
    assert {e["code"] for e in other["data"]["assignLearningPlan"]["userErrors"]} == {"NOT_AN_EMPLOYEE"}
    assert len(other["data"]["assignLearningPlan"]["userErrors"]) == 3
    assert await plan_counts(graph) == (0, 0, 0)


async def test_repeated_ids_count_once_and_each_member_is_assigned_once(graph, client, token_for):
    w = await world(graph)
    module, trail, employee = w.modules[3], w.trail, w.employees[0]
    body = await gql(client, ASSIGN, {"input": assign_input(
        w, itemIds=[gid("Module", module), gid("Trail", trail), gid("Module", module)],
        memberIds=[gid("Member", employee), gid("Member", employee), gid("Member", w.employees[1])])},
        headers=token_for(w.admin["id"]))
    plan = body["data"]["assignLearningPlan"]["plan"]
    assert plan["assigneeCount"] == 2
    assert [i["slug"] for i in plan["items"]] == [module["slug"], trail["slug"]]
    assert await plan_counts(graph) == (1, 2, 2)


async def test_concurrent_assignments_each_assign_every_member_exactly_once(graph, client, token_for):
    w = await world(graph)
    headers = token_for(w.admin["id"])
    members = [gid("Member", e) for e in w.employees] * 2
    bodies = await asyncio.gather(*(gql(client, ASSIGN, {"input": assign_input(w, memberIds=members)}, headers=headers)
                                    for _ in range(6)))
    assert all(b["data"]["assignLearningPlan"]["userErrors"] == [] for b in bodies), bodies
    assert {b["data"]["assignLearningPlan"]["plan"]["assigneeCount"] for b in bodies} == {3}
    # Six plans (a double submission is a second plan), each assigned once per member.
    assert await plan_counts(graph) == (6, 12, 18)


async def test_bad_input_is_reported_per_field_and_writes_nothing(graph, client, token_for):
    w = await world(graph)
    headers = token_for(w.admin["id"])
    module_ids = [gid("Module", m) for m in w.modules]
    cases = {
        "companyId": [{"companyId": "not-an-id"}, {"companyId": gid("Member", w.admin)}],
        "title": [{"title": "   "}, {"title": "x" * 201}, {"title": "bad\u0007title"}],
        "itemIds": [{"itemIds": []}, {"itemIds": (module_ids * 13)[:51]}],
        "itemIds[1]": [{"itemIds": [module_ids[0], gid("Member", w.admin)]},
                       {"itemIds": [module_ids[0], "%%%"]},
                       {"itemIds": [module_ids[0], gid("Superbadge", {"id": "x"})]}],
        "memberIds": [{"memberIds": []}, {"memberIds": [gid("Member", w.employees[0])] * 501}],
        "memberIds[0]": [{"memberIds": [gid("Trail", w.trail)]}, {"memberIds": ["garbage"]}],
        "dueAt": [{"dueAt": (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()},
                  {"dueAt": future(days=365 * 11)}],
    }
    for field, changes in cases.items():
        for change in changes:
            body = await gql(client, ASSIGN, {"input": assign_input(w, **change)}, headers=headers)
            out = body["data"]["assignLearningPlan"]
            assert out["plan"] is None, (field, change)
            assert [(e["field"], e["code"]) for e in out["userErrors"]] == [(field, "BAD_USER_INPUT")], (change, out)
    # Several problems at once are all reported.
    many = await gql(client, ASSIGN, {"input": assign_input(w, title="", itemIds=[], dueAt="2020-01-01T00:00:00Z")},
                     headers=headers)
    assert {e["field"] for e in many["data"]["assignLearningPlan"]["userErrors"]} == {"title", "itemIds", "dueAt"}
    # Well-formed IDs of things that do not exist.
    missing = await gql(client, ASSIGN, {"input": assign_input(w, companyId=gid("Company", {"id": "nope"}))},
                        headers=headers)
    assert [(e["field"], e["code"]) for e in missing["data"]["assignLearningPlan"]["userErrors"]] == [
        ("companyId", "NOT_FOUND")]
    no_item = await gql(client, ASSIGN, {"input": assign_input(
        w, itemIds=[module_ids[0], gid("Trail", w.modules[1]), gid("Module", {"id": "gone"})])}, headers=headers)
    assert [(e["field"], e["code"]) for e in no_item["data"]["assignLearningPlan"]["userErrors"]] == [
        ("itemIds[1]", "NOT_FOUND"), ("itemIds[2]", "NOT_FOUND")]
    # Values of the wrong GraphQL type never reach the resolver.
    for change in ({"dueAt": "next tuesday"}, {"itemIds": {"a": 1}}, {"memberIds": None}, {"title": 42}):
        body = await gql(client, ASSIGN, {"input": assign_input(w, **change)}, headers=headers)
        assert codes(body) == ["BAD_USER_INPUT"] and body.get("data") is None, change
    assert await plan_counts(graph) == (0, 0, 0)

    # Text that looks like Cypher is stored as text; a due date without an offset is UTC.
    naive = (datetime.now(timezone.utc) + timedelta(days=3)).replace(microsecond=0, tzinfo=None)
    title = "x' }) MATCH (n) DETACH DELETE n //"
    ok = await gql(client, ASSIGN, {"input": assign_input(w, title=title, dueAt=naive.isoformat())}, headers=headers)
    plan = ok["data"]["assignLearningPlan"]["plan"]
    assert plan["title"] == title and datetime.fromisoformat(plan["dueAt"]) == naive.replace(tzinfo=timezone.utc)
    assert await plan_counts(graph) == (1, 2, 3)


async def test_cancelling_a_plan_is_for_its_company_admins(graph, client, token_for):
    w = await world(graph)
    plans = [await learning.learning_plan(graph, w.acme, items=[w.modules[0]], assignees=w.employees,
                                          due_at=datetime.now(timezone.utc) + timedelta(days=5), assigned_by=w.admin)
             for _ in range(2)]
    await learning.complete_modules(graph, w.employees[0], [w.modules[0]])
    completions = (await SeedWriter(graph).learning_counts())["completions"]
    first = gid("LearningPlan", plans[0])
    # Someone the plan is hidden from learns nothing about it; an assignee may see it but not cancel it.
    for headers in (token_for(w.other_admin["id"]), token_for(w.outsider["id"])):
        body = await gql(client, CANCEL, {"id": first}, headers=headers)
        assert [(e["field"], e["code"]) for e in body["data"]["cancelLearningPlan"]["userErrors"]] == [
            ("planId", "NOT_FOUND")]
    assert codes(await gql(client, CANCEL, {"id": first}, headers=token_for(w.employees[0]["id"]))) == ["FORBIDDEN"]
    assert codes(await gql(client, CANCEL, {"id": first})) == ["UNAUTHENTICATED"]
    malformed = await gql(client, CANCEL, {"id": gid("Company", w.acme)}, headers=token_for(w.admin["id"]))
    assert malformed["data"]["cancelLearningPlan"]["userErrors"][0]["field"] == "planId"
    assert await plan_counts(graph) == (2, 2, 6)

    done = await gql(client, CANCEL, {"id": first}, headers=token_for(w.admin["id"]))
    assert done["data"]["cancelLearningPlan"] == {"cancelledPlanId": first, "userErrors": []}
    assert await plan_counts(graph) == (1, 1, 3)
    again = await gql(client, CANCEL, {"id": first}, headers=token_for(w.admin["id"]))
    assert again["data"]["cancelLearningPlan"]["userErrors"][0]["code"] == "NOT_FOUND"
    by_platform = await gql(client, CANCEL, {"id": gid("LearningPlan", plans[1])},
                            headers=token_for(w.platform_admin["id"], "admin"))
    assert by_platform["data"]["cancelLearningPlan"]["userErrors"] == []
    assert await plan_counts(graph) == (0, 0, 0)
    # The employees' completions are theirs: cancelling a plan touches only the plan.
    assert (await SeedWriter(graph).learning_counts())["completions"] == completions > 0


async def test_a_plan_is_visible_to_its_company_admins_and_assignees_only(graph, client, token_for):
    w = await world(graph)
    plan = await learning.learning_plan(graph, w.acme, items=[w.trail, w.modules[3]], assignees=w.employees[:1],
                                        due_at=datetime.now(timezone.utc) + timedelta(days=5), assigned_by=w.admin,
                                        title="Security basics")
    plan_id = gid("LearningPlan", plan)
    query = "query($id: ID!) { node(id: $id) { id ... on LearningPlan { title assigneeCount items { __typename } } } }"
    sees = [token_for(w.admin["id"]), token_for(w.employees[0]["id"]), token_for(w.platform_admin["id"], "admin")]
    for headers in sees:
        body = await gql(client, query, {"id": plan_id}, headers=headers)
        assert body["data"]["node"] == {"id": plan_id, "title": "Security basics", "assigneeCount": 1,
                                        "items": [{"__typename": "Trail"}, {"__typename": "Module"}]}, body
    hidden = [token_for(w.employees[1]["id"]), token_for(w.other_admin["id"]), token_for(w.outsider["id"]), None]
    for headers in hidden:
        body = await gql(client, query, {"id": plan_id}, headers=headers)
        assert body["data"]["node"] is None and "errors" not in body

    representations = [{"__typename": "LearningPlan", "id": plan_id},
                       {"__typename": "LearningPlan", "id": gid("LearningPlan", {"id": "missing"})},
                       {"__typename": "LearningPlan", "id": "garbage"}]
    entities = "query($r: [_Any!]!) { _entities(representations: $r) { ... on LearningPlan { title } } }"
    as_assignee = await gql(client, entities, {"r": representations}, path="/subgraphs/learning/graphql",
                            headers=token_for(w.employees[0]["id"]))
    assert as_assignee["data"]["_entities"] == [{"title": "Security basics"}, None, None]
    as_other = await gql(client, entities, {"r": representations[:1]}, path="/subgraphs/learning/graphql",
                         headers=token_for(w.employees[1]["id"]))
    assert as_other["data"]["_entities"] == [None]
    # The community subgraph resolves `node` for every entity, plans included.
    community = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": plan_id},
                          path="/subgraphs/community/graphql", headers=token_for(w.admin["id"]))
    assert community["data"]["node"] == {"id": plan_id}
