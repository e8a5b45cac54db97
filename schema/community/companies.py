"""Companies: the Company entity, its root queries and the employer field of Member.

`Company` inherits `PlanCompanyFields` from the learning package, so its `learningPlanReport`
is served by the learning subgraph (where Company appears as its key and that field), and
`CareersCompanyFields` (size, recruiters, postings) from careers.
Privacy: `resolvers/community/companies.py`.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import Private

from resolvers.community import companies as service
from resolvers.ids import to_global_id
from schema.context import Info
from schema.careers.company_fields import CareersCompanyFields
from schema.learning.plans import PlanCompanyFields
from schema.relay import Connection, Node, SliceBacked, reference_id, time_of, window

Row = dict[str, Any]
# Lazy: schema.community.types imports this module (Member inherits CompanyMemberFields).
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]


@strawberry.enum(description="A member's role at the company they work at.")
class CompanyRole(Enum):
    EMPLOYEE = "EMPLOYEE"
    ADMIN = strawberry.enum_value("ADMIN", description="Assigns learning plans to the company's employees.")


@strawberry.type(description="An employee of a company, with their role there.")
class EmployeeEdge:
    node: MemberRef
    cursor: str
    role: CompanyRole
    since: datetime | None = strawberry.field(description="When they started working there, when known.")


@strawberry.type(description="Employees of a company whose profile you may see.")
class EmployeeConnection(SliceBacked):
    edges: list[EmployeeEdge]

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[MemberRef]:
        return [edge.node for edge in self.edges]


@strawberry.federation.type(keys=["id"], description="A company members work at.")
class Company(Node, PlanCompanyFields, CareersCompanyFields):
    id: strawberry.ID
    slug: str
    name: str
    industry: str | None
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    employee_count: int = strawberry.field(description=(
        "How many members work there, hidden profiles included (`employees` lists only those you may see)."))
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Company":
        return cls(id=strawberry.ID(to_global_id("Company", row["id"])), slug=row["slug"], name=row["name"],
                   industry=row.get("industry"), country=row.get("country"),
                   employee_count=row.get("employeeCount") or 0, row=row)

    @classmethod
    async def by_id(cls, info: Info, company_id: str) -> "Company | None":
        row = await service.companies(info.context.scope).company_by_id.load(company_id)
        return cls.from_row(row) if row else None

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Company | None":
        local = reference_id(id, "Company")
        return await cls.by_id(info, local) if local else None

    @strawberry.field(description=(
        "Its employees whose profile you may see, by handle; `totalCount` counts those only."))
    async def employees(self, info: Info, first: int | None = None, after: str | None = None,
                        last: int | None = None, before: str | None = None) -> EmployeeConnection:
        from schema.community.types import Member

        fetched = await service.employees(info.context.scope, company_id=self.row["id"],
                                          win=window(first, after, last, before))
        edges = [EmployeeEdge(node=Member.from_row(row["member"]), cursor=cursor, role=CompanyRole(row["role"]),
                              since=time_of(row.get("since")))
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return EmployeeConnection(edges=edges, fetched=fetched)

    @strawberry.field(description=(
        "Whether you are an admin of this company (you work there with the ADMIN role); false when anonymous."))
    async def viewer_is_admin(self, info: Info) -> bool:
        return await service.viewer_is_company_admin(info.context.scope, self.row["id"])


@strawberry.type
class CompanyQueries:
    @strawberry.field(description="A company by `id` or `slug` (give exactly one).")
    async def company(self, info: Info, id: strawberry.ID | None = None, slug: str | None = None) -> Company | None:
        row = await service.company_by_id_or_slug(info.context.scope, global_id=str(id) if id is not None else None,
                                                  slug=slug)
        return Company.from_row(row) if row else None

    @strawberry.field(description="Companies by name; `search` matches name and industry, `country` an ISO code.")
    async def companies(self, info: Info, search: str | None = None, country: str | None = None,
                        first: int | None = None, after: str | None = None, last: int | None = None,
                        before: str | None = None) -> Connection[Company]:
        fetched = await service.list_companies(info.context.scope, win=window(first, after, last, before),
                                               search=search, country=country)
        return Connection.of(fetched, Company.from_row)


@strawberry.type
class CompanyMemberFields:
    @strawberry.field(description="The company the member currently works at; null when none.")
    async def employer(self, info: Info) -> Company | None:
        row = await service.employer_of(info.context.scope, member_id=self.row["id"])  # type: ignore[attr-defined]
        return Company.from_row(row) if row else None


ENTITIES: list[type] = [Company]
