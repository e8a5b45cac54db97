"""Learning plans: `assignLearningPlan` and `cancelLearningPlan`, `viewer.assignedLearning` and
`company.learningPlanReport` (the `PlanCompanyFields` mixin `Company` inherits, so the learning
subgraph serves that field). Who may see and do what: `resolvers/learning/plans.py`.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from graph.community.repository import Row
from resolvers.community.service import member_by_id
from resolvers.errors import BadUserInput
from resolvers.ids import from_global_id, to_global_id
from resolvers.learning import plans as service
from resolvers.learning.catalog import catalog
from schema.context import Info
from schema.relay import Connection, Node, SliceBacked, time_of, window

if TYPE_CHECKING:
    from schema.community.types import Member as MemberType
    from schema.learning.catalog import Module, Trail

# Lazy: schema.community.types and schema.community.companies import this module (Company
# inherits PlanCompanyFields) before any other schema module, so it must not import
# schema.learning.catalog at load time: that module's lazy alias `Skill` is named like its
# target and evaluates only after another module has resolved the same annotation (importing it
# this early fails with a RecursionError).
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
CompanyRef = Annotated["Company", strawberry.lazy("schema.community.companies")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]

# The `PlanItem` union (a trail or a module) is written out in each annotation that uses it:
# Strawberry resolves lazy union members only when they appear literally in the annotation.


def _reference_id(id: strawberry.ID, expect: str) -> str | None:
    """The application id inside an entity reference; None (it resolves to null) if malformed."""
    try:
        return from_global_id(str(id), expect=expect).id
    except BadUserInput:
        return None


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


async def _plan_items(info: Info, refs: list[Row]) -> "list[Trail | Module]":
    """The trails and modules of `refs` ({id, kind}) in order, through the catalog's loaders
    (loaded together, so they batch with every other item of the response)."""
    from schema.learning.catalog import Module, Trail

    ctx = catalog(info.context.scope)
    loads = [ctx.trail_by_id.load(r["id"]) if r["kind"] == "TRAIL" else ctx.module_by_id.load(r["id"]) for r in refs]
    rows = await asyncio.gather(*loads)
    return [(Trail if ref["kind"] == "TRAIL" else Module).from_row(row)  # type: ignore[attr-defined]
            for ref, row in zip(refs, rows) if row is not None]


async def _member(info: Info, member_id: str | None) -> "MemberType | None":
    from schema.community.types import Member as MemberType

    row = await member_by_id(info.context.scope, member_id=member_id) if member_id else None
    return MemberType.from_row(row) if row else None


# -- types ---------------------------------------------------------------------------------------


@strawberry.federation.type(keys=["id"], description=(
    "A company's learning plan: trails and modules assigned to some of its employees, due by a date. "
    "Visible to the company's admins and to the members it is assigned to."))
class LearningPlan(Node):
    id: strawberry.ID
    title: str
    due_at: datetime
    created_at: datetime
    assignee_count: int = strawberry.field(description="How many members it is assigned to.")
    row: Private[Row]

    @strawberry.field(description="The company whose plan this is.")
    async def company(self, info: Info) -> CompanyRef:
        from schema.community.companies import Company

        return await Company.by_id(info, self.row["companyId"])

    @strawberry.field(description="The admin who assigned it; null when their profile is hidden from you.")
    async def assigned_by(self, info: Info) -> MemberRef | None:
        return await _member(info, self.row.get("assignedBy"))

    @strawberry.field(description="Its trails and modules, in the order the plan lists them.")
    async def items(self, info: Info) -> list[Annotated[
            Annotated["Trail", strawberry.lazy("schema.learning.catalog")]
            | Annotated["Module", strawberry.lazy("schema.learning.catalog")],
            strawberry.union("PlanItem", description="What a learning plan assigns: a trail or a module.")]]:
        return await _plan_items(info, await service.plans(info.context.scope).items_of_plan.load(self.row["id"]))

    @classmethod
    def from_row(cls, row: Row) -> "LearningPlan":
        return cls(id=strawberry.ID(to_global_id("LearningPlan", row["id"])), title=row["title"],
                   due_at=time_of(row["dueAt"]), created_at=time_of(row["createdAt"]),  # type: ignore[arg-type]
                   assignee_count=row.get("assigneeCount", 0), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "LearningPlan | None":
        local = _reference_id(id, "LearningPlan")
        row = await service.plan_by_id(info.context.scope, plan_id=local) if local else None
        return cls.from_row(row) if row else None


@strawberry.type(description="Progress on an assigned trail or module, counted in modules.")
class PlanItemProgress:
    completed_modules: int = strawberry.field(description="Modules completed: 0 or 1 for a module.")
    total_modules: int = strawberry.field(description="1 for a module; a trail's module count.")
    percent: int = strawberry.field(description="0 to 100, floored: 100 only when complete.")


@strawberry.type(description="One trail or module a learning plan assigns to a member, with their progress.")
class AssignedLearning:
    due_at: datetime = strawberry.field(description="The plan's due date.")
    progress: PlanItemProgress
    is_complete: bool = strawberry.field(description="Every module of the item is completed.")
    is_overdue: bool = strawberry.field(description="The due date has passed and the item is not complete.")
    completed_at: datetime | None = strawberry.field(description=(
        "When the item's last module was completed; null until it is complete."))
    row: Private[Row]

    @strawberry.field(description="The plan that assigns it.")
    async def plan(self, info: Info) -> LearningPlan:
        return LearningPlan.from_row(await service.plans(info.context.scope).plan_by_id.load(self.row["planId"]))

    @strawberry.field(description="The trail or module.")
    async def item(self, info: Info) -> Annotated[
            Annotated["Trail", strawberry.lazy("schema.learning.catalog")]
            | Annotated["Module", strawberry.lazy("schema.learning.catalog")],
            strawberry.union("PlanItem", description="What a learning plan assigns: a trail or a module.")]:
        items = await _plan_items(info, [{"id": self.row["itemId"], "kind": self.row["itemKind"]}])
        return items[0]

    @classmethod
    def from_row(cls, row: Row) -> "AssignedLearning":
        done, total = row["completedModules"], row["totalModules"]
        return cls(due_at=time_of(row["dueAt"]),  # type: ignore[arg-type]
                   progress=PlanItemProgress(completed_modules=done, total_modules=total,
                                             percent=service.percent(done, total)),
                   is_complete=bool(row["isComplete"]), is_overdue=bool(row["isOverdue"]),
                   completed_at=time_of(row.get("completedAt")), row=row)


@strawberry.type(description=(
    "An employee's progress in a learning plan report. Shown for every employee assigned, but "
    "`member` follows profile visibility: it is null for a PRIVATE profile."))
class EmployeeLearningProgress:
    member_id: strawberry.ID = strawberry.field(description=(
        "The employee's global ID (the one `assignLearningPlan` takes), also when `member` is null."))
    progress: PlanItemProgress = strawberry.field(description="Summed over the employee's assigned items.")
    is_complete: bool = strawberry.field(description="Every assigned item is complete.")
    is_overdue: bool = strawberry.field(description="At least one assigned item is overdue.")
    assignments: list[AssignedLearning] = strawberry.field(description=(
        "Each assigned item with its progress, by due date, then plan, then the item's place in it."))
    local_id: Private[str]

    @strawberry.field(description="The employee; null when their profile is hidden from you (PRIVATE).")
    async def member(self, info: Info) -> MemberRef | None:
        return await _member(info, self.local_id)

    @classmethod
    def of(cls, row: service.EmployeeProgress) -> "EmployeeLearningProgress":
        done, total = row.completed_modules, row.total_modules
        return cls(member_id=strawberry.ID(to_global_id("Member", row.member_id)),
                   progress=PlanItemProgress(completed_modules=done, total_modules=total,
                                             percent=service.percent(done, total)),
                   is_complete=row.is_complete, is_overdue=row.is_overdue,
                   assignments=[AssignedLearning.from_row(a) for a in row.assignments], local_id=row.member_id)


@strawberry.type(description="Employees counted over the whole report, not just this page.")
class LearningPlanReportTotals:
    assigned: int = strawberry.field(description="Current employees assigned at least one item.")
    completed: int = strawberry.field(description="Of those, how many completed every item assigned.")
    overdue: int = strawberry.field(description="Of those, how many have at least one overdue item.")


@strawberry.type
class LearningPlanReportEdge:
    node: EmployeeLearningProgress
    cursor: str


@strawberry.type(description=(
    "Per-employee progress on a company's learning plans: employees whose profile you may see "
    "first, by handle, then the others."))
class LearningPlanReport(SliceBacked):
    edges: list[LearningPlanReportEdge]
    company_id: Private[str]
    plan_id: Private[str | None]

    @strawberry.field(description="The rows of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[EmployeeLearningProgress]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="Assigned, completed and overdue employees over the whole report.")
    async def totals(self, info: Info) -> LearningPlanReportTotals:
        totals = await service.report_totals(info.context.scope, company_id=self.company_id, plan_id=self.plan_id)
        return LearningPlanReportTotals(**totals)


# -- Company and Member fields ---------------------------------------------------------------


@strawberry.type
class PlanCompanyFields:
    """Fields the learning subgraph adds to `Company` (which inherits this mixin)."""

    @strawberry.field(description=(
        "Progress of the company's current employees on its learning plans (`planId` only, when "
        "given). The company's admins and platform admins only: FORBIDDEN for anyone else."))
    async def learning_plan_report(self, info: Info, plan_id: strawberry.ID | None = None, first: int | None = None,
                                   after: str | None = None, last: int | None = None,
                                   before: str | None = None) -> LearningPlanReport:
        scope = info.context.scope
        company_id = self.row["id"]  # type: ignore[attr-defined]
        plan = await service.report_plan_id(scope, company_id=company_id,
                                            plan_global_id=str(plan_id) if plan_id is not None else None)
        fetched = await service.report(scope, company_id=company_id, plan_id=plan,
                                       win=window(first, after, last, before))
        edges = [LearningPlanReportEdge(node=EmployeeLearningProgress.of(row), cursor=cursor)
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return LearningPlanReport(edges=edges, fetched=fetched, company_id=company_id, plan_id=plan)


@strawberry.type
class PlanMemberFields:
    @strawberry.field(description=(
        "Trails and modules your company's learning plans assign you, by due date, with your "
        "progress; completed ones only with `includeCompleted`. Only on `viewer`."))
    async def assigned_learning(self, info: Info, include_completed: bool = False, first: int | None = None,
                                after: str | None = None, last: int | None = None,
                                before: str | None = None) -> Connection[AssignedLearning]:
        fetched = await service.assigned_learning(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                  include_completed=include_completed,
                                                  win=window(first, after, last, before))
        return Connection.of(fetched, AssignedLearning.from_row)


# -- mutations -------------------------------------------------------------------------------


@strawberry.input(description="A learning plan: trails and modules for employees of one company, due by a date.")
class AssignLearningPlanInput:
    company_id: strawberry.ID
    title: str = strawberry.field(description="1 to 200 characters.")
    item_ids: list[strawberry.ID] = strawberry.field(description=(
        "Global IDs of trails or modules, 1 to 50, in the order the plan lists them; repeats count once."))
    member_ids: list[strawberry.ID] = strawberry.field(description=(
        "Global IDs of members who work at the company, 1 to 500; repeats count once."))
    due_at: datetime = strawberry.field(description="In the future (at most ten years ahead); UTC when no offset is given.")


@strawberry.type(description=(
    "The plan created, or why nothing was: NOT_FOUND (company, items), NOT_AN_EMPLOYEE (one error "
    "per member who does not work at the company) or BAD_USER_INPUT. Not a company admin: FORBIDDEN."))
class AssignLearningPlanPayload:
    plan: LearningPlan | None
    user_errors: list[UserErrorRef]


@strawberry.input
class CancelLearningPlanInput:
    plan_id: strawberry.ID


@strawberry.type(description="The ID of the plan deleted with its assignments, or why nothing was.")
class CancelLearningPlanPayload:
    cancelled_plan_id: strawberry.ID | None
    user_errors: list[UserErrorRef]


@strawberry.type
class PlanQueries:
    pass


@strawberry.type
class PlanMutations:
    @strawberry.mutation(description=(
        "Assign trails and modules, due by a date, to employees of a company, as a new learning "
        "plan. An admin of that company (or a platform admin) only. One transaction: all or nothing."))
    async def assign_learning_plan(self, info: Info, input: AssignLearningPlanInput) -> AssignLearningPlanPayload:
        out = await service.assign_plan(info.context.scope, company_global_id=str(input.company_id),
                                        title=input.title, item_ids=[str(i) for i in input.item_ids],
                                        member_ids=[str(m) for m in input.member_ids], due_at=input.due_at)
        return AssignLearningPlanPayload(plan=LearningPlan.from_row(out.value) if out.value else None,
                                         user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Delete a learning plan and its assignments (completions stay). An admin of its company "
        "(or a platform admin) only."))
    async def cancel_learning_plan(self, info: Info, input: CancelLearningPlanInput) -> CancelLearningPlanPayload:
        out = await service.cancel_plan(info.context.scope, plan_global_id=str(input.plan_id))
        return CancelLearningPlanPayload(
            cancelled_plan_id=strawberry.ID(to_global_id("LearningPlan", out.value)) if out.value else None,
            user_errors=_errors(out.user_errors))


ENTITIES: list[type] = [LearningPlan]
