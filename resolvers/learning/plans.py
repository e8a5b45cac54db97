"""Learning plans: a company admin assigns trails and modules, due by a date, to employees of
their company; employees follow their own assignments; the company's admins see a report.

Who may do what:
- assign or cancel a plan: an admin of THAT company (WORKS_AT {role: ADMIN}) or a token with the
  platform role `admin`; anyone else signed in is FORBIDDEN, anonymous callers UNAUTHENTICATED;
- see a plan (`node`, `_entities`): those, plus the members it is assigned to; it is null for
  everyone else (a plan is company-internal);
- `viewer.assignedLearning`: the viewer only (`RequestScope.require_self`);
- `company.learningPlanReport`: the company's admins and platform admins only. It covers the
  company's CURRENT employees assigned to its plans (someone who has left is no longer the
  company's to report on). Each row's progress is shown whatever the employee's profile
  visibility (the employer assigned that learning and is entitled to follow it), but the
  `member` object still follows the visibility rules: for a PRIVATE profile it is null and the
  row carries only the member's opaque global ID, which the admin already used to assign them.
  Hidden employees are listed after the visible ones, by id, so their handle is never revealed
  by the order either.

Progress (MODEL.md): a module is done when the member has COMPLETED it; a trail's progress is
its COMPLETED modules over its modules. An item is complete when all its modules are (a trail
without modules never is), overdue when its plan's `dueAt` has passed and it is not complete.
Percentages are floored, so 100 means complete.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Awaitable, Callable, Hashable, Sequence

from strawberry.dataloader import DataLoader

from graph.community.repository import Page, Row
from graph.learning.plans import AssignCheck, PlanRepository
from resolvers.community.companies import viewer_is_company_admin
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.community.service import Outcome, new_id
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import from_global_id, id_argument
from resolvers.pagination import Slice, Window, page_params, paginate, slice_of
from resolvers.scope import RequestScope

MAX_ITEMS = 50
MAX_MEMBERS = 500
MAX_TITLE = 200
MAX_DUE_AHEAD = timedelta(days=3653)  # ten years: a due date, not a typo for the year 9999
ITEM_KINDS = {"Trail": "TRAIL", "Module": "MODULE"}
PLATFORM_ADMIN = "admin"


def _grouped_loader(fetch: Callable[[list[str], Any], Awaitable[dict[str, Any]]], *,
                    default: Any) -> DataLoader[tuple[str, Hashable], Any]:
    """A loader keyed by (id, extra): one fetch per distinct `extra`, for all its ids."""

    async def load(keys: Sequence[tuple[str, Hashable]]) -> list[Any]:
        groups: dict[Hashable, list[str]] = defaultdict(list)
        for key, extra in keys:
            groups[extra].append(key)
        found = {extra: await fetch(list(dict.fromkeys(ids)), extra) for extra, ids in groups.items()}
        return [found[extra].get(key, default) for key, extra in keys]

    return DataLoader(load_fn=load)


class PlanContext:
    """The plan repository and loaders of one request: `plans(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = PlanRepository(scope.graph)
        viewer_id = scope.viewer.member_id if scope.viewer else None
        visibility = scope.visibility

        async def assigned(ids: list[str]) -> dict[str, bool]:
            found = await repo.plans_assigned_to(viewer_id, ids) if viewer_id else set()
            return {i: i in found for i in ids}

        self.plan_by_id: DataLoader[str, Row | None] = keyed_loader(repo.plans_by_ids)
        self.items_of_plan: DataLoader[str, list[Row]] = keyed_loader(repo.items_of_plans, default=[])
        self.viewer_is_assigned: DataLoader[str, bool] = keyed_loader(assigned, default=False)
        self.report_page = page_loader(
            lambda ids, win, plan_id: repo.report_pages(ids, plan_id=plan_id, visibility=visibility,
                                                        **page_params(win)))
        # Keyed by (member id, plan id or None): the report covers current employees, so the
        # company is each member's employer and reports of many companies batch together.
        self.progress_of_employee = _grouped_loader(
            lambda ids, plan_id: repo.progress_of_employees(ids, plan_id=plan_id), default=[])
        self.report_totals = _grouped_loader(
            lambda ids, plan_id: repo.report_totals(ids, plan_id=plan_id),
            default={"assigned": 0, "completed": 0, "overdue": 0})


def plans(scope: RequestScope) -> PlanContext:
    return scope.per_request(PlanContext)


def percent(done: int, total: int) -> int:
    """Floored, so only a complete item (or employee) reaches 100."""
    return (100 * done) // total if total > 0 else 0


# -- who may see what ----------------------------------------------------------------------


async def can_administer(scope: RequestScope, company_id: str) -> bool:
    """Whether the signed-in viewer may assign, cancel and report on the company's plans."""
    if scope.viewer is not None and scope.viewer.has_role(PLATFORM_ADMIN):
        return True
    return await viewer_is_company_admin(scope, company_id)


async def can_view_plan(scope: RequestScope, row: Row | None) -> bool:
    if row is None or scope.viewer is None:
        return False
    if await can_administer(scope, row["companyId"]):
        return True
    return await plans(scope).viewer_is_assigned.load(row["id"])


async def plan_by_id(scope: RequestScope, *, plan_id: str) -> Row | None:
    """A plan the viewer may see, or None."""
    row = await plans(scope).plan_by_id.load(plan_id)
    return row if await can_view_plan(scope, row) else None


# -- the viewer's assignments ----------------------------------------------------------------


async def assigned_learning(scope: RequestScope, *, member_id: str, include_completed: bool, win: Window) -> Slice:
    """A page of the viewer's assignments (one row per plan and item), by due date."""
    viewer_id = scope.require_self(member_id, "assignedLearning")
    repo = plans(scope).repository
    return await paginate(
        win,
        lambda skip, limit: repo.assignments_of(viewer_id, include_completed=include_completed, skip=skip, limit=limit),
        lambda: repo.assignment_count(viewer_id, include_completed=include_completed),
    )


# -- the company report ----------------------------------------------------------------------


@dataclass(frozen=True)
class EmployeeProgress:
    """One report row: an employee's assignments in the report's scope, with their progress."""

    member_id: str
    assignments: list[Row]

    @property
    def completed_modules(self) -> int:
        return sum(row["completedModules"] for row in self.assignments)

    @property
    def total_modules(self) -> int:
        return sum(row["totalModules"] for row in self.assignments)

    @property
    def is_complete(self) -> bool:
        return bool(self.assignments) and all(row["isComplete"] for row in self.assignments)

    @property
    def is_overdue(self) -> bool:
        return any(row["isOverdue"] for row in self.assignments)


async def _require_report_access(scope: RequestScope, company_id: str) -> None:
    scope.require_viewer()
    if not await can_administer(scope, company_id):
        raise Forbidden("only an admin of this company can see its learning plan report")


async def report_plan_id(scope: RequestScope, *, company_id: str, plan_global_id: str | None) -> str | None:
    """Check access to the company's report and its `planId` argument; the plan's application id."""
    await _require_report_access(scope, company_id)
    plan_id = id_argument(plan_global_id, expect="LearningPlan", argument="planId")
    if plan_id is None:
        return None
    row = await plans(scope).plan_by_id.load(plan_id)
    if row is None or row["companyId"] != company_id:
        raise BadUserInput("`planId` is not a learning plan of this company", field="planId")
    return plan_id


async def report(scope: RequestScope, *, company_id: str, plan_id: str | None, win: Window) -> Slice:
    """A page of `EmployeeProgress` rows of the company's report (access already checked)."""
    ctx = plans(scope)
    page = await ctx.report_page.load((company_id, win, plan_id))
    clamped = win.clamped(page.total)
    if clamped is not None:
        page, win = await ctx.report_page.load((company_id, clamped, plan_id)), clamped
    progress = await ctx.progress_of_employee.load_many([(member_id, plan_id) for member_id in page.rows])
    rows = [EmployeeProgress(member_id, assignments) for member_id, assignments in zip(page.rows, progress)]
    return slice_of(Page(page.total, rows), win)


async def report_totals(scope: RequestScope, *, company_id: str, plan_id: str | None) -> Row:
    """`{assigned, completed, overdue}`: employees assigned, done with everything, behind."""
    return await plans(scope).report_totals.load((company_id, plan_id))


# -- writes ----------------------------------------------------------------------------------


def _due_at(value: datetime | None, check: Checker) -> int | None:
    if value is None:
        check.fail("dueAt", "is required")
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=timezone.utc)  # stored times are UTC; never guess another zone
    now = datetime.now(timezone.utc)
    if value <= now:
        check.fail("dueAt", "must be in the future")
        return None
    if value > now + MAX_DUE_AHEAD:
        check.fail("dueAt", "must be at most ten years ahead")
        return None
    return int(value.timestamp() * 1000)


def _ids(values: list[str], check: Checker, *, argument: str, kinds: dict[str, str], most: int,
         what: str) -> tuple[list[Row], dict[str, int]]:
    """Decode a list of global IDs into unique `{id, kind}` rows (first occurrence kept, in order),
    and the index each application id was first given at (for errors naming the entry)."""
    if not values:
        check.fail(argument, f"give at least one {what}")
        return [], {}
    if len(values) > most:
        check.fail(argument, f"give at most {most} IDs, got {len(values)}")
        return [], {}
    rows: list[Row] = []
    index: dict[str, int] = {}
    names = " or ".join(f"a {name}" for name in kinds)
    for i, value in enumerate(values):
        try:
            decoded = from_global_id(str(value))
        except BadUserInput as error:
            check.fail(f"{argument}[{i}]", error.message)
            continue
        if decoded.type_name not in kinds:
            check.fail(f"{argument}[{i}]", f"expected the ID of {names}, got the ID of a {decoded.type_name}")
            continue
        if decoded.id not in index:
            index[decoded.id] = i
            rows.append({"id": decoded.id, "kind": kinds[decoded.type_name]})
    return rows, index


async def assign_plan(scope: RequestScope, *, company_global_id: str, title: str | None, item_ids: list[str],
                      member_ids: list[str], due_at: datetime | None) -> Outcome[Row]:
    """Create a plan of the company's trails and modules, due `due_at`, assigned to its employees.

    Repeated IDs count once. Nothing is written unless every item exists and every member works
    at the company (those who do not are listed, NOT_AN_EMPLOYEE). One write transaction.
    """
    viewer = scope.require_viewer()
    check = Checker()
    company_id: str | None = None
    try:
        company_id = from_global_id(str(company_global_id), expect="Company").id
    except BadUserInput as error:
        check.fail("companyId", error.message)
    check.text("title", "title", title if title is not None else "", min_length=1, max_length=MAX_TITLE)
    items, item_index = _ids(item_ids, check, argument="itemIds", kinds=ITEM_KINDS, most=MAX_ITEMS,
                             what="trail or module")
    members, member_index = _ids(member_ids, check, argument="memberIds", kinds={"Member": "MEMBER"},
                                 most=MAX_MEMBERS, what="member")
    due_ms = _due_at(due_at, check)
    if check.errors:
        return Outcome(None, check.errors)
    assert company_id is not None and due_ms is not None
    positioned = [{**item, "position": position} for position, item in enumerate(items, start=1)]
    result = await plans(scope).repository.assign(
        plan_id=new_id(), company_id=company_id, viewer_id=viewer.member_id,
        viewer_is_platform_admin=viewer.has_role(PLATFORM_ADMIN), title=check.values["title"], due_at_ms=due_ms,
        items=positioned, member_ids=[m["id"] for m in members])
    if result is None:
        return Outcome.refused("companyId", "no such company", "NOT_FOUND")
    if isinstance(result, AssignCheck):
        if not (result.viewer_is_admin or viewer.has_role(PLATFORM_ADMIN)):
            raise Forbidden("only an admin of this company can assign learning plans")
        errors = [UserError(f"itemIds[{item_index[i]}]", f"no such trail or module: {item_ids[item_index[i]]}",
                            "NOT_FOUND") for i in result.missing_items]
        errors += [UserError(f"memberIds[{member_index[m]}]",
                             f"{member_ids[member_index[m]]} does not work at this company", "NOT_AN_EMPLOYEE")
                   for m in result.not_employees]
        return Outcome(None, errors)
    plans(scope).plan_by_id.prime(result["id"], result)
    return Outcome(result)


async def cancel_plan(scope: RequestScope, *, plan_global_id: str) -> Outcome[str]:
    """Delete a plan and its assignments (its company's admins, platform admins); the plan's id.

    A plan the viewer cannot see is NOT_FOUND; one assigned to them, which they may not
    cancel, FORBIDDEN.
    """
    viewer = scope.require_viewer()
    try:
        plan_id = from_global_id(str(plan_global_id), expect="LearningPlan").id
    except BadUserInput as error:
        return Outcome.refused("planId", error.message)
    result = await plans(scope).repository.cancel(plan_id=plan_id, viewer_id=viewer.member_id,
                                                  viewer_is_platform_admin=viewer.has_role(PLATFORM_ADMIN))
    allowed = result is not None and (result.viewer_is_admin or viewer.has_role(PLATFORM_ADMIN))
    if result is None or not (allowed or result.viewer_is_assigned):
        return Outcome.refused("planId", "no such learning plan", "NOT_FOUND")
    if not allowed:
        raise Forbidden("only an admin of this company can cancel its learning plans")
    return Outcome(plan_id)
