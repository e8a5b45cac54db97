"""Companies: lookups, the filtered list, members' employers and companies' employees.

Companies are public (anyone may list them); who works where is shown only for members whose
profile the viewer may see: `Member.employer` exists only on a visible Member, and a company's
`employees` never include a hidden profile, nor count one in `totalCount` (`employeeCount`
on the company counts everyone: a number, not who).
"""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from graph.community.companies import CompanyRepository
from graph.community.repository import Row
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.community.validation import ISO_COUNTRIES, SLUG, clean_search
from resolvers.errors import BadUserInput
from resolvers.ids import id_argument
from resolvers.pagination import Slice, Window, page_params, paginate, slice_of
from resolvers.scope import RequestScope

ADMIN = "ADMIN"


@dataclass(frozen=True)
class Employment:
    """Where the viewer works and as what; `company_id` is None when they work nowhere."""

    company_id: str | None
    role: str | None

    def is_admin_of(self, company_id: str) -> bool:
        return self.company_id == company_id and self.role == ADMIN


NO_EMPLOYMENT = Employment(None, None)


class CompanyContext:
    """The company repository and loaders of one request: `companies(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = CompanyRepository(scope.graph)
        self._viewer_id = scope.viewer.member_id if scope.viewer else None

        async def employments(ids: list[str]) -> dict[str, Employment]:
            found = {i: await repo.employment_of(i) for i in ids}  # one id: the viewer's
            return {i: Employment(row["companyId"], row["role"]) if row else NO_EMPLOYMENT for i, row in found.items()}

        # A loader, so that concurrent resolvers asking at once share one query.
        self._employment: DataLoader[str, Employment] = keyed_loader(employments, default=NO_EMPLOYMENT)
        self.company_by_id: DataLoader[str, Row | None] = keyed_loader(repo.companies_by_ids)
        self.company_by_slug: DataLoader[str, Row | None] = keyed_loader(repo.companies_by_slugs)
        self.employer_of_member: DataLoader[str, Row | None] = keyed_loader(repo.employers_of_members)
        visibility = scope.visibility
        self.employees_of_company = page_loader(
            lambda ids, win, _: repo.employees_of_companies(ids, visibility=visibility, **page_params(win)))

    def prime(self, rows: list[Row]) -> None:
        for row in rows:
            self.company_by_id.prime(row["id"], row)

    async def viewer_employment(self) -> Employment:
        """The viewer's employment, read at most once per request (a member has one employer)."""
        if self._viewer_id is None:
            return NO_EMPLOYMENT
        return await self._employment.load(self._viewer_id)


def companies(scope: RequestScope) -> CompanyContext:
    return scope.per_request(CompanyContext)


async def viewer_is_company_admin(scope: RequestScope, company_id: str) -> bool:
    """Whether the viewer administers this company (WORKS_AT it with role ADMIN); false when anonymous."""
    if scope.viewer is None:
        return False
    return (await companies(scope).viewer_employment()).is_admin_of(company_id)


# -- reads ------------------------------------------------------------------------------------


async def company_by_id_or_slug(scope: RequestScope, *, global_id: str | None, slug: str | None) -> Row | None:
    """One company by `id` or `slug` (exactly one of them); None when there is none."""
    if (global_id is None) == (slug is None):
        raise BadUserInput("give exactly one of `id` and `slug`", field="id")
    ctx = companies(scope)
    if slug is not None:
        cleaned = slug.strip().lower()
        return await ctx.company_by_slug.load(cleaned) if SLUG.match(cleaned) else None
    return await ctx.company_by_id.load(id_argument(global_id, expect="Company", argument="id"))


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in ISO_COUNTRIES:
        raise BadUserInput("`country` must be an ISO 3166-1 alpha-2 country code, such as DE", field="country")
    return code


async def list_companies(scope: RequestScope, *, win: Window, search: str | None, country: str | None) -> Slice:
    """A page of companies by name; rows are primed for later lookups."""
    ctx = companies(scope)
    filters = dict(search=clean_search(search), country=_country(country))

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await ctx.repository.page(skip=skip, limit=limit, **filters)
        ctx.prime(rows)
        return rows

    return await paginate(win, fetch_page, lambda: ctx.repository.count(**filters))


async def employer_of(scope: RequestScope, *, member_id: str) -> Row | None:
    """The current employer of a member (whose Member object the viewer already may see)."""
    row = await companies(scope).employer_of_member.load(member_id)
    if row is not None:
        companies(scope).company_by_id.prime(row["id"], row)
    return row


async def employees(scope: RequestScope, *, company_id: str, win: Window) -> Slice:
    """A page of a company's employees the viewer may see; rows are `{member, role, since}`."""
    loader = companies(scope).employees_of_company
    page = await loader.load((company_id, win, None))
    clamped = win.clamped(page.total)
    if clamped is not None:
        page, win = await loader.load((company_id, clamped, None)), clamped
    scope.loaders.prime_members([row["member"] for row in page.rows])
    return slice_of(page, win)
