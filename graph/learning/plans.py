"""PlanRepository: learning plans (a company's trails and modules, assigned to its employees),
their assignees' progress, computed at read time, and the writes that create and cancel them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.community.repository import Page, Row, Visibility
from graph.database import Graph, Transaction
from graph.learning import QUERIES


@dataclass(frozen=True)
class AssignCheck:
    """What stops an assignment, read inside its write transaction."""

    viewer_is_admin: bool
    missing_items: list[str]
    not_employees: list[str]


@dataclass(frozen=True)
class CancelCheck:
    company_id: str
    viewer_is_admin: bool
    viewer_is_assigned: bool


def _plan(row: Row) -> Row:
    """A plan row: the node's properties plus `companyId` and `assigneeCount`."""
    return {**row["plan"], "companyId": row["companyId"], "assigneeCount": row["assigneeCount"]}


class PlanRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups (behind DataLoaders) ------------------------------------------------------

    async def plans_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["plans_by_ids"], ids=ids)
        return {row["id"]: _plan(row) for row in rows}

    async def items_of_plans(self, ids: list[str]) -> dict[str, list[Row]]:
        """Each plan's items in order, as `{id, kind}` (kind TRAIL or MODULE)."""
        out: dict[str, list[Row]] = defaultdict(list)
        for row in await self.graph.read(QUERIES["plan_items_of_plans"], ids=ids):
            out[row["id"]].append({"id": row["itemId"], "kind": row["kind"]})
        return dict(out)

    async def plans_assigned_to(self, member_id: str, ids: list[str]) -> set[str]:
        rows = await self.graph.read(QUERIES["plans_assigned_to_member"], memberId=member_id, ids=ids)
        return {row["id"] for row in rows}

    # -- progress ------------------------------------------------------------------------
    # Progress rows: {planId, itemId, itemKind, dueAt, totalModules, completedModules, isComplete,
    # completedAt, isOverdue}.

    async def assignments_of(self, member_id: str, *, include_completed: bool, skip: int, limit: int) -> list[Row]:
        return await self.graph.read(QUERIES["plan_assignments_of_member"], memberId=member_id,
                                     includeCompleted=include_completed, skip=skip, limit=limit)

    async def assignment_count(self, member_id: str, *, include_completed: bool) -> int:
        rows = await self.graph.read(QUERIES["plan_assignments_of_member_count"], memberId=member_id,
                                     includeCompleted=include_completed)
        return int(rows[0]["total"]) if rows else 0

    async def report_pages(self, company_ids: list[str], *, plan_id: str | None, visibility: Visibility,
                           **window: Any) -> dict[str, Page]:
        """A page of each company's assigned employees (member ids), with the total."""
        rows = await self.graph.read(QUERIES["plan_report_pages"], ids=company_ids, planId=plan_id, **window,
                                     **visibility.params())
        return {row["id"]: Page(row["total"], row["page"]) for row in rows}

    async def progress_of_employees(self, member_ids: list[str], *, plan_id: str | None) -> dict[str, list[Row]]:
        """Each member's progress rows on their employer's plans assigned to them (`plan_id` only, when given)."""
        out: dict[str, list[Row]] = defaultdict(list)
        rows = await self.graph.read(QUERIES["plan_progress_of_employees"], ids=member_ids, planId=plan_id)
        for row in rows:
            out[row["id"]].append(row)
        return dict(out)

    async def report_totals(self, company_ids: list[str], *, plan_id: str | None) -> dict[str, Row]:
        """`{assigned, completed, overdue}` per company that has anyone assigned."""
        rows = await self.graph.read(QUERIES["plan_report_totals"], ids=company_ids, planId=plan_id)
        return {row["id"]: {"assigned": row["assigned"], "completed": row["completed"] or 0,
                            "overdue": row["overdue"] or 0} for row in rows}

    # -- writes: each method is one write transaction ----------------------------------------

    async def assign(self, *, plan_id: str, company_id: str, viewer_id: str, viewer_is_platform_admin: bool,
                     title: str, due_at_ms: int, items: list[Row], member_ids: list[str]) -> AssignCheck | Row | None:
        """Create a plan and its assignments, or write nothing.

        Returns None when the company does not exist, the `AssignCheck` when something stops the
        assignment (the viewer may not, items are missing, members do not work there), else the
        new plan's row.
        """

        async def work(tx: Transaction) -> AssignCheck | Row | None:
            found = await tx.one(QUERIES["plan_assign_check"], companyId=company_id, viewerId=viewer_id,
                                 items=items, memberIds=member_ids)
            if found is None:
                return None
            check = AssignCheck(bool(found["viewerIsAdmin"]), list(found["missingItems"]), list(found["notEmployees"]))
            if not (check.viewer_is_admin or viewer_is_platform_admin) or check.missing_items or check.not_employees:
                return check
            created = await tx.one(QUERIES["plan_create"], id=plan_id, companyId=company_id, title=title,
                                   dueAt=due_at_ms, viewerId=viewer_id, items=items, memberIds=member_ids)
            return _plan(created) if created else None

        return await self.graph.write_tx(work)

    async def cancel(self, *, plan_id: str, viewer_id: str, viewer_is_platform_admin: bool) -> CancelCheck | None:
        """Delete a plan if the viewer may (see `CancelCheck`), in one transaction; None if there is none."""

        async def work(tx: Transaction) -> CancelCheck | None:
            found = await tx.one(QUERIES["plan_cancel_check"], planId=plan_id, viewerId=viewer_id)
            if found is None:
                return None
            check = CancelCheck(found["companyId"], bool(found["viewerIsAdmin"]), bool(found["viewerIsAssigned"]))
            if check.viewer_is_admin or viewer_is_platform_admin:
                await tx.rows(QUERIES["plan_delete"], planId=plan_id)
            return check

        return await self.graph.write_tx(work)
