"""`viewer.assignedLearning` and `company.learningPlanReport`: progress, complete and overdue
flags, ordering, paging, privacy and who may see the report."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests import factories
from tests.gql import codes, gid, gql
from tests.learning import factories as learning
from tests.learning.test_plans import world

ASSIGNED = """query($completed: Boolean!) { viewer { assignedLearning(includeCompleted: $completed) {
  totalCount nodes { dueAt isComplete isOverdue completedAt plan { title }
    progress { completedModules totalModules percent }
    item { __typename ... on Trail { slug } ... on Module { slug } } } } } }"""
REPORT = """query($id: ID!, $plan: ID, $first: Int, $after: String, $last: Int) { company(id: $id) {
  learningPlanReport(planId: $plan, first: $first, after: $after, last: $last) {
    totalCount totals { assigned completed overdue } pageInfo { hasNextPage hasPreviousPage }
    edges { cursor node { memberId member { handle } isComplete isOverdue
      progress { completedModules totalModules percent }
      assignments { isComplete isOverdue plan { title } progress { percent }
        item { ... on Trail { slug } ... on Module { slug } } } } } } } }"""


def now() -> datetime:
    return datetime.now(timezone.utc)


def ms(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


async def test_assigned_learning_shows_progress_and_flags_by_due_date(graph, client, token_for):
    w = await world(graph)
    me = w.employees[0]
    finished_at = ms(now() - timedelta(days=3))
    # A module of the trail and the standalone module are done; the trail's second module is not.
    await learning.complete_modules(graph, me, [w.modules[0], w.modules[2]], at=finished_at)
    overdue_due, later_due = ms(now() - timedelta(days=1)), ms(now() + timedelta(days=7))
    await learning.learning_plan(graph, w.acme, title="Later", items=[w.modules[3]], assignees=[me], due_at=later_due)
    await learning.learning_plan(graph, w.acme, title="Past due", items=[w.trail, w.modules[2]], assignees=[me],
                                 due_at=overdue_due)

    open_items = (await gql(client, ASSIGNED, {"completed": False}, headers=token_for(me["id"])))
    page = open_items["data"]["viewer"]["assignedLearning"]
    assert page["totalCount"] == 2
    trail, later = page["nodes"]
    assert trail == {"dueAt": overdue_due.isoformat(), "isComplete": False, "isOverdue": True, "completedAt": None,
                     "plan": {"title": "Past due"}, "progress": {"completedModules": 1, "totalModules": 2, "percent": 50},
                     "item": {"__typename": "Trail", "slug": w.trail["slug"]}}
    assert later["plan"]["title"] == "Later" and later["isOverdue"] is False and later["isComplete"] is False
    assert later["progress"] == {"completedModules": 0, "totalModules": 1, "percent": 0}

    everything = (await gql(client, ASSIGNED, {"completed": True}, headers=token_for(me["id"])))
    nodes = everything["data"]["viewer"]["assignedLearning"]["nodes"]
    assert [(n["plan"]["title"], n["item"]["slug"]) for n in nodes] == [
        ("Past due", w.trail["slug"]), ("Past due", w.modules[2]["slug"]), ("Later", w.modules[3]["slug"])]
    done = nodes[1]
    # Complete items are never overdue, even past their due date, and say when they were finished.
    assert done["isComplete"] is True and done["isOverdue"] is False
    assert datetime.fromisoformat(done["completedAt"]) == finished_at
    assert done["progress"] == {"completedModules": 1, "totalModules": 1, "percent": 100}

    # Finishing the trail completes it as of its last module, and the overdue flag goes.
    last_at = ms(now() - timedelta(hours=1))
    await learning.complete_modules(graph, me, [w.modules[1]], at=last_at)
    trail = (await gql(client, ASSIGNED, {"completed": True}, headers=token_for(me["id"])))[
        "data"]["viewer"]["assignedLearning"]["nodes"][0]
    assert trail["isComplete"] is True and trail["isOverdue"] is False
    assert datetime.fromisoformat(trail["completedAt"]) == last_at and trail["progress"]["percent"] == 100


async def test_assigned_learning_pages_and_is_for_the_viewer_only(graph, client, token_for):
    w = await world(graph)
    me, colleague = w.employees[0], w.employees[1]
    for day in range(1, 6):
        await learning.learning_plan(graph, w.acme, title=f"Day {day}", items=[w.modules[3]], assignees=[me, colleague],
                                     due_at=now() + timedelta(days=day))
    query = """query($after: String) { viewer { assignedLearning(first: 2, after: $after) {
        edges { cursor node { plan { title } } } pageInfo { hasNextPage } } } }"""
    titles, after = [], None
    while True:
        page = (await gql(client, query, {"after": after}, headers=token_for(me["id"])))[
            "data"]["viewer"]["assignedLearning"]
        titles += [e["node"]["plan"]["title"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["edges"][-1]["cursor"]
    assert titles == [f"Day {day}" for day in range(1, 6)]
    last = await gql(client, "{ viewer { assignedLearning(last: 2) { nodes { plan { title } } } } }",
                     headers=token_for(me["id"]))
    assert [n["plan"]["title"] for n in last["data"]["viewer"]["assignedLearning"]["nodes"]] == ["Day 4", "Day 5"]

    others = "query($h: String!) { member(handle: $h) { handle assignedLearning { totalCount } } }"
    assert codes(await gql(client, others, {"h": colleague["handle"]}, headers=token_for(me["id"]))) == ["FORBIDDEN"]
    assert codes(await gql(client, others, {"h": colleague["handle"]}, headers=token_for(w.admin["id"]))) == [
        "FORBIDDEN"]
    # `me` has a PUBLIC profile, so an anonymous caller gets as far as the field.
    assert codes(await gql(client, others, {"h": me["handle"]})) == ["UNAUTHENTICATED"]
    nothing = await gql(client, "{ viewer { assignedLearning { totalCount nodes { dueAt } } } }",
                        headers=token_for(w.outsider["id"]))
    assert nothing["data"]["viewer"]["assignedLearning"] == {"totalCount": 0, "nodes": []}
    too_big = await gql(client, "{ viewer { assignedLearning(first: 101) { totalCount } } }", headers=token_for(me["id"]))
    assert codes(too_big) == ["BAD_USER_INPUT"]


async def _report_world(graph):
    """Acme's employees on two plans: one overdue (a trail and a module), one due later."""
    w = await world(graph)
    public, members_only, private = w.employees
    past = await learning.learning_plan(graph, w.acme, title="Past due", items=[w.trail, w.modules[2]],
                                        assignees=w.employees, due_at=now() - timedelta(days=2), assigned_by=w.admin)
    later = await learning.learning_plan(graph, w.acme, title="Later", items=[w.modules[3]],
                                         assignees=[public, private], due_at=now() + timedelta(days=9))
    # public: everything done; members_only: half the trail; private: the standalone module only.
    await learning.complete_modules(graph, public, w.modules)
    await learning.complete_modules(graph, members_only, [w.modules[0]])
    await learning.complete_modules(graph, private, [w.modules[2]])
    # Someone assigned who no longer works at Acme is not Acme's to report on.
    leaver = await factories.member(graph, "leaver")
    await learning.learning_plan(graph, w.acme, title="Old", items=[w.modules[0]], assignees=[leaver],
                                 due_at=now() - timedelta(days=30))
    return w, past, later


async def test_the_report_shows_each_employees_progress_and_the_totals(graph, client, token_for):
    w, past, later = await _report_world(graph)
    public, members_only, private = w.employees
    body = await gql(client, REPORT, {"id": gid("Company", w.acme)}, headers=token_for(w.admin["id"]))
    report = body["data"]["company"]["learningPlanReport"]
    assert report["totalCount"] == 3
    assert report["totals"] == {"assigned": 3, "completed": 1, "overdue": 2}
    rows = [e["node"] for e in report["edges"]]
    # Visible profiles first, by handle; a PRIVATE employee's progress is shown without their profile.
    assert [r["memberId"] for r in rows] == [gid("Member", m) for m in (members_only, public, private)]
    assert [r["member"] for r in rows] == [{"handle": "emp-members"}, {"handle": "emp-public"}, None]
    halfway, done, hidden = rows
    assert done["isComplete"] is True and done["isOverdue"] is False
    assert done["progress"] == {"completedModules": 4, "totalModules": 4, "percent": 100}
    assert halfway["isComplete"] is False and halfway["isOverdue"] is True
    assert halfway["progress"] == {"completedModules": 1, "totalModules": 3, "percent": 33}
    assert [(a["plan"]["title"], a["item"]["slug"], a["progress"]["percent"], a["isOverdue"])
            for a in halfway["assignments"]] == [("Past due", w.trail["slug"], 50, True),
                                                 ("Past due", w.modules[2]["slug"], 0, True)]
    assert hidden["progress"] == {"completedModules": 1, "totalModules": 4, "percent": 25}
    assert [(a["item"]["slug"], a["isComplete"], a["isOverdue"]) for a in hidden["assignments"]] == [
        (w.trail["slug"], False, True), (w.modules[2]["slug"], True, False), (w.modules[3]["slug"], False, False)]

    one_plan = await gql(client, REPORT, {"id": gid("Company", w.acme), "plan": gid("LearningPlan", later)},
                         headers=token_for(w.admin["id"]))
    report = one_plan["data"]["company"]["learningPlanReport"]
    assert report["totals"] == {"assigned": 2, "completed": 1, "overdue": 0}
    assert [e["node"]["memberId"] for e in report["edges"]] == [gid("Member", public), gid("Member", private)]
    assert all(len(e["node"]["assignments"]) == 1 for e in report["edges"])


async def test_the_report_pages_forwards_and_backwards(graph, client, token_for):
    w, _, _ = await _report_world(graph)
    variables = {"id": gid("Company", w.acme), "first": 2}
    first = (await gql(client, REPORT, variables, headers=token_for(w.admin["id"])))["data"]["company"][
        "learningPlanReport"]
    assert len(first["edges"]) == 2 and first["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": False}
    assert first["totals"]["assigned"] == 3 and first["totalCount"] == 3
    rest = (await gql(client, REPORT, {**variables, "after": first["edges"][-1]["cursor"]},
                      headers=token_for(w.admin["id"])))["data"]["company"]["learningPlanReport"]
    assert [e["node"]["member"] for e in rest["edges"]] == [None]
    last = (await gql(client, REPORT, {"id": gid("Company", w.acme), "last": 2}, headers=token_for(w.admin["id"])))[
        "data"]["company"]["learningPlanReport"]
    assert [e["node"]["memberId"] for e in last["edges"]] == [
        first["edges"][1]["node"]["memberId"], rest["edges"][0]["node"]["memberId"]]
    assert last["pageInfo"]["hasPreviousPage"] is True


async def test_who_may_see_the_report(graph, client, token_for):
    w, past, _ = await _report_world(graph)
    variables = {"id": gid("Company", w.acme)}
    for headers in (token_for(w.admin["id"]), token_for(w.platform_admin["id"], "admin")):
        body = await gql(client, REPORT, variables, headers=headers)
        assert body["data"]["company"]["learningPlanReport"]["totalCount"] == 3, body
    for who in (w.other_admin, w.employees[0], w.outsider):
        body = await gql(client, REPORT, variables, headers=token_for(who["id"]))
        assert codes(body) == ["FORBIDDEN"] and body["data"]["company"] is None, who["handle"]
    assert codes(await gql(client, REPORT, variables)) == ["UNAUTHENTICATED"]
    # Through the learning subgraph's `_entities` the same rules hold.
    entities = """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Company { learningPlanReport { totalCount } } } }"""
    representation = {"r": [{"__typename": "Company", "id": gid("Company", w.acme)}]}
    allowed = await gql(client, entities, representation, path="/subgraphs/learning/graphql",
                        headers=token_for(w.admin["id"]))
    assert allowed["data"]["_entities"] == [{"learningPlanReport": {"totalCount": 3}}]
    refused = await gql(client, entities, representation, path="/subgraphs/learning/graphql",
                        headers=token_for(w.other_admin["id"]))
    assert codes(refused) == ["FORBIDDEN"]

    # A plan of another company, or a malformed ID, is bad input (for those allowed to ask).
    globex_plan = await learning.learning_plan(graph, w.globex, items=[w.modules[0]], assignees=[w.globex_employee],
                                               due_at=now() + timedelta(days=1))
    for plan in (gid("LearningPlan", globex_plan), gid("Company", w.acme), "garbage",
                 gid("LearningPlan", {"id": "missing"})):
        body = await gql(client, REPORT, {**variables, "plan": plan}, headers=token_for(w.admin["id"]))
        assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "planId", plan
    # ...and the company's other admins see the same report.
    second_admin = await factories.member(graph, "acme-admin-2")
    await learning.employ(graph, w.acme, second_admin, role="ADMIN")
    body = await gql(client, REPORT, {**variables, "plan": gid("LearningPlan", past)},
                     headers=token_for(second_admin["id"]))
    assert body["data"]["company"]["learningPlanReport"]["totals"]["assigned"] == 3


async def test_an_empty_report(graph, client, token_for):
    w = await world(graph)
    body = await gql(client, REPORT, {"id": gid("Company", w.acme)}, headers=token_for(w.admin["id"]))
    assert body["data"]["company"]["learningPlanReport"] == {
        "totalCount": 0, "totals": {"assigned": 0, "completed": 0, "overdue": 0},
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False}, "edges": []}
