"""Job postings: lookups, the public `jobs` search, companies' postings and recruiters, and the
recruiters' writes (postJob, updateJob, closeJob).

Status. A posting is CLOSED when its stored `status` is CLOSED (closeJob) or when its `closesAt`
has passed; the second needs no write: every read computes it (`effective_status` here, the
`$open` condition of graph/careers/jobs.cypher), so a posting leaves `jobs`, `openJobCount` and
the OPEN lists the moment its deadline passes, and updateJob and closeJob treat it as closed.

Who writes. Recruiters of the company (`careers(scope).require_recruiter_of`: the `recruiter`
role and RECRUITS_FOR) post, update and close its postings. A platform `admin` may update and
close any posting (moderation) but not post: a posting speaks for a company. The write itself
checks the same rule again, so a recruiter removed meanwhile writes nothing.

Recruiters are shown like employees: only those whose profile the viewer may see, and
`totalCount` counts only those.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from strawberry.dataloader import DataLoader

from graph.careers.jobs import JobSearch, JobsRepository
from graph.community.repository import Row
from resolvers.careers.context import careers
from resolvers.community.companies import companies
from resolvers.community.loaders import forget, keyed_loader, page_loader
from resolvers.community.service import Outcome
from resolvers.community.validation import ISO_COUNTRIES, Checker, UserError, checked_near, clean_search
from resolvers.errors import BadUserInput
from resolvers.ids import from_global_id, id_argument
from resolvers.learning.catalog import catalog
from resolvers.learning.credentials import as_time, epoch_millis
from resolvers.pagination import Slice, Window, page_params, paginate, slice_of
from resolvers.scope import RequestScope

OPEN, CLOSED = "OPEN", "CLOSED"
SENIORITIES = ("ENTRY", "JUNIOR", "MID", "SENIOR", "LEAD", "PRINCIPAL")
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACT", "TEMPORARY", "INTERNSHIP")
WORKPLACES = ("ON_SITE", "HYBRID", "REMOTE")
NECESSITIES = ("REQUIRED", "NICE_TO_HAVE")
PLATFORM_ADMIN = "admin"
MAX_SKILLS = 25
MAX_CERTIFICATIONS = 10
MAX_FILTER_SKILLS = 20
MAX_TITLE, MIN_TITLE = 200, 3
MAX_DESCRIPTION = 20_000
MAX_SALARY = 1_000_000_000
MAX_CLOSES_IN = timedelta(days=365)

# ISO 4217 codes of the currencies in circulation.
ISO_CURRENCIES = frozenset(
    """AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD
    CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ
    GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR
    LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB
    TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG""".split()
)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def effective_status(row: Row, now: datetime) -> str:
    """OPEN or CLOSED by the rule of the module docstring."""
    if row.get("status") == CLOSED:
        return CLOSED
    closes_at = as_time(row.get("closesAt"))
    return CLOSED if closes_at is not None and closes_at <= now else OPEN


def closed_at(row: Row, now: datetime) -> datetime | None:
    """When the posting closed: closeJob's time, or its `closesAt` once that has passed."""
    if row.get("closedAt") is not None:
        return as_time(row["closedAt"])
    closes_at = as_time(row.get("closesAt"))
    return closes_at if closes_at is not None and closes_at <= now else None


class JobsContext:
    """The jobs repository and loaders of one request: `jobs(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = JobsRepository(scope.graph)
        self.now = utc_now()
        self.now_ms = now_ms = epoch_millis(self.now)
        visibility = scope.visibility
        # Nested lists: the extra key of a page is the status (True for OPEN).
        self.jobs_of_company = page_loader(
            lambda ids, win, open_: repo.jobs_of_companies(ids, open=open_, now_ms=now_ms, **page_params(win)))
        self.recruiters_of_company = page_loader(
            lambda ids, win, _: repo.recruiters_of_companies(ids, visibility=visibility, **page_params(win)))

        async def open_counts(ids: list[str]) -> dict[str, int]:
            return await repo.open_counts(ids, now_ms=now_ms)

        self.open_job_count: DataLoader[str, int] = keyed_loader(open_counts, default=0)

    def forget_company(self, company_id: str) -> None:
        """After a write: the company's counts and lists are stale."""
        forget(self.open_job_count, company_id)
        self.jobs_of_company.clear_all()


def jobs(scope: RequestScope) -> JobsContext:
    return scope.per_request(JobsContext)


def _prime_jobs(scope: RequestScope, rows: list[Row]) -> None:
    loader = careers(scope).job_by_id
    for row in rows:
        loader.prime(row["id"], row)


# -- reads ------------------------------------------------------------------------------------


async def job_by_id(scope: RequestScope, job_id: str | None) -> Row | None:
    """A posting row (`careers(scope).job_by_id`: properties plus companyId, companyName), or None.
    Postings are public, open or closed."""
    return await careers(scope).job_by_id.load(job_id) if job_id else None


def _text(value: str | None, field: str, max_length: int = 100) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > max_length:
        raise BadUserInput(f"`{field}` must be at most {max_length} characters", field=field)
    return value.strip().lower()


def job_search(*, status: str = OPEN, search: str | None = None, skills: list[str] | None = None,
               certification: str | None = None, company_id: str | None = None, country: str | None = None,
               city: str | None = None, near: tuple[float, float, float] | None = None, remote: bool | None = None,
               seniority: list[str] | None = None, posted_since: datetime | None = None) -> JobSearch:
    """Check a `jobs` filter; BAD_USER_INPUT naming the field at fault."""
    if status not in (OPEN, CLOSED):
        raise BadUserInput("`status` must be OPEN or CLOSED", field="status")
    skill_ids: list[str] = []
    for i, value in enumerate(skills or []):
        skill_ids.append(id_argument(value, expect="Skill", argument=f"skills.{i}"))  # type: ignore[arg-type]
    if len(skill_ids) > MAX_FILTER_SKILLS:
        raise BadUserInput(f"`skills` takes at most {MAX_FILTER_SKILLS} skills", field="skills")
    code = None
    if country is not None:
        code = country.strip().upper()
        if code not in ISO_COUNTRIES:
            raise BadUserInput("`country` must be an ISO 3166-1 alpha-2 country code, such as DE", field="country")
    if seniority is not None and any(s not in SENIORITIES for s in seniority):
        raise BadUserInput(f"`seniority` takes {', '.join(SENIORITIES)}", field="seniority")
    latitude, longitude, radius = checked_near(near)
    since_ms = None
    if posted_since is not None:
        since = posted_since if posted_since.tzinfo else posted_since.replace(tzinfo=timezone.utc)
        since_ms = epoch_millis(since)
    return JobSearch(
        open=status == OPEN, search=clean_search(search), skill_ids=tuple(dict.fromkeys(skill_ids)),
        certification_id=id_argument(certification, expect="Certification", argument="certification"),
        company_id=id_argument(company_id, expect="Company", argument="companyId"), country=code,
        city=_text(city, "city"), near=(latitude, longitude, radius) if near is not None else None,  # type: ignore[arg-type]
        remote=remote, seniority=tuple(dict.fromkeys(seniority)) if seniority else None,
        posted_since_ms=since_ms)


async def search_jobs(scope: RequestScope, *, search: JobSearch, win: Window) -> Slice:
    """A page of `jobs`, newest first; posting and company rows are primed for later lookups."""
    ctx = jobs(scope)
    repo, now_ms = ctx.repository, ctx.now_ms

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        pairs = await repo.search(search, now_ms=now_ms, skip=skip, limit=limit)
        _prime_jobs(scope, [job for job, _ in pairs])
        companies(scope).prime([company for _, company in pairs])
        return [job for job, _ in pairs]

    return await paginate(win, fetch_page, lambda: repo.count(search, now_ms=now_ms))


async def _nested(scope: RequestScope, loader: DataLoader, parent_id: str, win: Window, extra: Any) -> Slice:
    page = await loader.load((parent_id, win, extra))
    clamped = win.clamped(page.total)
    if clamped is not None:
        page, win = await loader.load((parent_id, clamped, extra)), clamped
    return slice_of(page, win)


async def company_jobs(scope: RequestScope, *, company_id: str, status: str, win: Window) -> Slice:
    """A page of a company's postings with the given status, newest first."""
    fetched = await _nested(scope, jobs(scope).jobs_of_company, company_id, win, status == OPEN)
    _prime_jobs(scope, fetched.rows)
    return fetched


async def open_job_count(scope: RequestScope, *, company_id: str) -> int:
    return await jobs(scope).open_job_count.load(company_id)


async def company_recruiters(scope: RequestScope, *, company_id: str, win: Window) -> Slice:
    """A page of the company's recruiters the viewer may see, by handle; rows are {member, since}."""
    fetched = await _nested(scope, jobs(scope).recruiters_of_company, company_id, win, None)
    scope.loaders.prime_members([row["member"] for row in fetched.rows])
    return fetched


async def viewer_is_recruiter(scope: RequestScope, *, company_id: str) -> bool:
    """Whether the viewer may act for the company as a recruiter; false when anonymous."""
    return company_id in await careers(scope).recruiter_companies()


# -- writes -------------------------------------------------------------------------------------


def _target(value: str, expect: str, field: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field, error.message)]


def _merged(values: dict[str, Any], current: Row | None, key: str, prop: str) -> Any:
    """The value after the write: the input's when given, else the posting's."""
    if key in values:
        return values[key]
    return current.get(prop) if current else None


class PostingChecker:
    """Checks postJob/updateJob input (snake_case keys; updateJob gives only what changes) against
    the posting as it would be after the write, and collects the MODEL.md properties to set."""

    REQUIRED = (("title", "title"), ("description", "description"), ("seniority", "seniority"),
                ("employment_type", "employmentType"), ("workplace", "workplace"))

    def __init__(self, values: dict[str, Any], current: Row | None, now: datetime) -> None:
        self.values, self.current, self.now = values, current, now
        self.check = Checker()
        self.closes_at: tuple[bool, int | None] = (False, None)
        self.skills: list[Row] | None = None
        self.certifications: list[Row] | None = None

    @property
    def errors(self) -> list[UserError]:
        return self.check.errors

    @property
    def props(self) -> dict[str, Any]:
        return self.check.values

    def fail(self, field: str, message: str, code: str = "BAD_USER_INPUT") -> None:
        self.check.fail(field, message, code)

    async def run(self, scope: RequestScope) -> "PostingChecker":
        self._basics()
        self._place()
        self._salary()
        self._closes_at()
        await self._min_rank(scope)
        await self._skills(scope)
        await self._certifications(scope)
        return self

    def _basics(self) -> None:
        v, check, creating = self.values, self.check, self.current is None
        for key, prop in self.REQUIRED:
            if (creating or key in v) and v.get(key) is None:
                self.fail(prop, "is required" if creating else "cannot be cleared")
        check.text("title", "title", v.get("title"), min_length=MIN_TITLE, max_length=MAX_TITLE)
        check.text("description", "description", v.get("description"), min_length=1, max_length=MAX_DESCRIPTION,
                   multiline=True)
        for key, prop, allowed in (("seniority", "seniority", SENIORITIES),
                                   ("employment_type", "employmentType", EMPLOYMENT_TYPES),
                                   ("workplace", "workplace", WORKPLACES)):
            if v.get(key) is not None:
                if v[key] in allowed:
                    self.props[prop] = v[key]
                else:
                    self.fail(prop, f"must be one of {', '.join(allowed)}")

    def _place(self) -> None:
        v, check = self.values, self.check
        if "city" in v:
            if v["city"] is None or not v["city"].strip():
                self.props["city"] = None
            else:
                check.text("city", "city", v["city"], max_length=100)
        if "country" in v:
            if v["country"] is None:
                self.props["country"] = None
            else:
                check.country("country", "country", v["country"])
        if "latitude" in v or "longitude" in v:
            latitude = _merged(v, self.current, "latitude", "latitude")
            longitude = _merged(v, self.current, "longitude", "longitude")
            if latitude is None and longitude is None:
                self.props["latitude"] = self.props["longitude"] = None
            else:
                check.coordinates(latitude, longitude)
        if any(e.field in ("city", "country", "latitude", "longitude", "workplace") for e in self.errors):
            return
        workplace = _merged(self.props, self.current, "workplace", "workplace")
        city = _merged(self.props, self.current, "city", "city")
        country = _merged(self.props, self.current, "country", "country")
        latitude = _merged(self.props, self.current, "latitude", "latitude")
        if workplace in ("ON_SITE", "HYBRID"):
            if not city:
                self.fail("city", f"an {workplace} posting needs a city")
            if not country:
                self.fail("country", f"an {workplace} posting needs a country")
        elif workplace == "REMOTE" and (city or latitude is not None):
            self.fail("workplace", "a REMOTE posting names no city or coordinates, at most the country it hires in; "
                                   "clear `city`, `latitude` and `longitude`")

    def _salary(self) -> None:
        v = self.values
        for key, prop in (("salary_min", "salaryMin"), ("salary_max", "salaryMax")):
            if key in v:
                if v[key] is not None and not 0 <= v[key] <= MAX_SALARY:
                    self.fail(prop, f"must be between 0 and {MAX_SALARY}")
                else:
                    self.props[prop] = v[key]
        if "salary_currency" in v:
            code = v["salary_currency"].strip().upper() if v["salary_currency"] is not None else None
            if code is not None and code not in ISO_CURRENCIES:
                self.fail("salaryCurrency", "must be an ISO 4217 currency code, such as EUR or USD")
            else:
                self.props["salaryCurrency"] = code
        if any(e.field.startswith("salary") for e in self.errors):
            return
        low = _merged(self.props, self.current, "salaryMin", "salaryMin")
        high = _merged(self.props, self.current, "salaryMax", "salaryMax")
        currency = _merged(self.props, self.current, "salaryCurrency", "salaryCurrency")
        if (low is None) != (high is None):
            self.fail("salaryMax" if high is None else "salaryMin", "give both salaryMin and salaryMax, or neither")
        elif low is not None and low > high:
            self.fail("salaryMin", "must not be more than salaryMax")
        elif low is not None and currency is None:
            self.fail("salaryCurrency", "is required with a salary range")
        elif low is None and currency is not None:
            self.fail("salaryCurrency", "goes with a salary range only; give salaryMin and salaryMax, or clear it")

    def _closes_at(self) -> None:
        if "closes_at" not in self.values:
            return
        value = self.values["closes_at"]
        if value is None:
            self.closes_at = (True, None)
            return
        when = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        if when <= self.now:
            self.fail("closesAt", "must be in the future")
        elif when > self.now + MAX_CLOSES_IN:
            self.fail("closesAt", "must be within a year from now")
        else:
            self.closes_at = (True, epoch_millis(when))

    async def _min_rank(self, scope: RequestScope) -> None:
        if "min_rank" not in self.values:
            return
        position = self.values["min_rank"] or 0
        if position != 0:
            ladder = await catalog(scope).ranks()
            if ladder.by_position(position) is None:
                top = max((r["position"] for r in ladder.ranks), default=0)
                self.fail("minRank", f"must be the position of a rank on the ladder (1 to {top}), or 0 for none")
                return
        self.props["minRank"] = position

    def _ids(self, items: list[dict[str, Any]], key: str, expect: str, list_field: str, id_field: str) -> list[str | None]:
        ids: list[str | None] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            local, errors = _target(str(item[key]), expect, f"{list_field}.{i}.{id_field}")
            self.check.errors.extend(errors)
            if local is not None and local in seen:
                self.fail(f"{list_field}.{i}.{id_field}", f"lists the same {expect.lower()} twice")
                local = None
            if local is not None:
                seen.add(local)
            ids.append(local)
        return ids

    async def _skills(self, scope: RequestScope) -> None:
        items = self.values.get("skills")
        if items is None:
            if self.current is None:
                self.skills = []
            return
        if len(items) > MAX_SKILLS:
            self.fail("skills", f"a posting asks for at most {MAX_SKILLS} skills")
            return
        ids = self._ids(items, "skill_id", "Skill", "skills", "skillId")
        found = await scope.loaders.skill_by_id.load_many([i for i in ids if i is not None])
        known = {row["id"] for row in found if row is not None}
        rows: list[Row] = []
        for i, (item, local) in enumerate(zip(items, ids)):
            for key, prop in (("min_level", "minLevel"), ("weight", "weight")):
                if not 1 <= item[key] <= 5:
                    self.fail(f"skills.{i}.{prop}", "must be between 1 and 5")
            if local is not None and local not in known:
                self.fail(f"skills.{i}.skillId", "no such skill", "NOT_FOUND")
            rows.append({"skillId": local, "minLevel": item["min_level"], "weight": item["weight"],
                         "necessity": item["necessity"]})
        self.skills = rows

    async def _certifications(self, scope: RequestScope) -> None:
        items = self.values.get("certifications")
        if items is None:
            if self.current is None:
                self.certifications = []
            return
        if len(items) > MAX_CERTIFICATIONS:
            self.fail("certifications", f"a posting asks for at most {MAX_CERTIFICATIONS} certifications")
            return
        ids = self._ids(items, "certification_id", "Certification", "certifications", "certificationId")
        found = await catalog(scope).certification_by_id.load_many([i for i in ids if i is not None])
        known = {row["id"] for row in found if row is not None}
        for i, local in enumerate(ids):
            if local is not None and local not in known:
                self.fail(f"certifications.{i}.certificationId", "no such certification", "NOT_FOUND")
        self.certifications = [{"certificationId": local, "necessity": item["necessity"]}
                               for item, local in zip(items, ids)]


def _after_write(scope: RequestScope, row: Row) -> Row:
    ctx = careers(scope)
    forget(ctx.job_by_id, row["id"])
    ctx.job_by_id.prime(row["id"], row)
    forget(ctx.requirements_of_job, row["id"])
    jobs(scope).forget_company(row["companyId"])
    return row


async def post_job(scope: RequestScope, *, company_global_id: str, values: dict[str, Any]) -> Outcome[Row]:
    """Post a job for a company the viewer recruits for; FORBIDDEN for anyone else."""
    viewer = scope.require_viewer()
    company_id, errors = _target(company_global_id, "Company", "companyId")
    if errors:
        return Outcome(None, errors)
    if await companies(scope).company_by_id.load(company_id) is None:
        return Outcome.refused("companyId", "no such company", "NOT_FOUND")
    await careers(scope).require_recruiter_of(company_id)  # type: ignore[arg-type]
    ctx = jobs(scope)
    checked = await PostingChecker(values, None, ctx.now).run(scope)
    if checked.errors:
        return Outcome(None, checked.errors)
    row = await ctx.repository.create(member_id=viewer.member_id, company_id=company_id,  # type: ignore[arg-type]
                                      job_id=str(uuid.uuid4()), props=checked.props,
                                      closes_at_ms=checked.closes_at[1], skills=checked.skills or [],
                                      certifications=checked.certifications or [], now_ms=ctx.now_ms)
    if row is None:  # the viewer stopped recruiting for the company meanwhile
        return Outcome.refused("companyId", "you no longer recruit for this company", "FORBIDDEN")
    return Outcome(_after_write(scope, row))


async def _writable(scope: RequestScope, job_global_id: str) -> tuple[Row | None, bool, list[UserError]]:
    """The posting an update or close names, whether the viewer acts as a moderator, or the
    errors that stop it. UNAUTHENTICATED when anonymous, FORBIDDEN unless a recruiter of its
    company or a platform admin."""
    viewer = scope.require_viewer()
    job_id, errors = _target(job_global_id, "JobPosting", "jobId")
    if errors:
        return None, False, errors
    row = await job_by_id(scope, job_id)
    if row is None:
        return None, False, [UserError("jobId", "no such posting", "NOT_FOUND")]
    if row["companyId"] in await careers(scope).recruiter_companies():
        return row, False, []
    if not viewer.has_role(PLATFORM_ADMIN):
        await careers(scope).require_recruiter_of(row["companyId"])  # FORBIDDEN
    return row, True, []


async def update_job(scope: RequestScope, *, job_global_id: str, values: dict[str, Any]) -> Outcome[Row]:
    """Change an OPEN posting; requirement lists given replace the posting's."""
    current, moderator, errors = await _writable(scope, job_global_id)
    if current is None:
        return Outcome(None, errors)
    ctx = jobs(scope)
    if effective_status(current, ctx.now) == CLOSED:
        return Outcome.refused("jobId", "the posting is closed; closed postings cannot be changed", "JOB_CLOSED")
    checked = await PostingChecker(values, current, ctx.now).run(scope)
    if checked.errors:
        return Outcome(None, checked.errors)
    row = await ctx.repository.update(job_id=current["id"], member_id=scope.viewer.member_id,  # type: ignore[union-attr]
                                      moderator=moderator, props=checked.props, closes_at=checked.closes_at,
                                      skills=checked.skills, certifications=checked.certifications,
                                      now_ms=ctx.now_ms)
    if row is None:  # closed, or the viewer's recruiting ended, since it was read
        return Outcome.refused("jobId", "the posting was closed meanwhile, or you may no longer change it", "CONFLICT")
    return Outcome(_after_write(scope, row))


async def close_job(scope: RequestScope, *, job_global_id: str) -> Outcome[Row]:
    """Close an OPEN posting; closing a CLOSED one (closed before, or past its deadline) is refused."""
    current, moderator, errors = await _writable(scope, job_global_id)
    if current is None:
        return Outcome(None, errors)
    ctx = jobs(scope)
    if effective_status(current, ctx.now) == CLOSED:
        return Outcome.refused("jobId", "the posting is already closed", "ALREADY_CLOSED")
    row = await ctx.repository.close(job_id=current["id"], member_id=scope.viewer.member_id,  # type: ignore[union-attr]
                                     moderator=moderator, now_ms=ctx.now_ms)
    if row is None:
        return Outcome.refused("jobId", "the posting is already closed", "ALREADY_CLOSED")
    return Outcome(_after_write(scope, row))


__all__ = ["CLOSED", "ISO_CURRENCIES", "JobsContext", "OPEN", "PostingChecker", "close_job", "closed_at",
           "company_jobs", "company_recruiters", "effective_status", "job_by_id", "job_search", "jobs",
           "open_job_count", "post_job", "search_jobs", "update_job", "utc_now", "viewer_is_recruiter"]
