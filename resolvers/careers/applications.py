"""Applications: applyToJob, the recruiters' status moves, withdrawal, and who sees what.

Who sees an application (`node`, `_entities`, the lists): its applicant, and the recruiters of
the posting's company (resolvers/careers/context.py: the `recruiter` role AND RECRUITS_FOR the
company). It is null for everyone else. The applicant's `Member` is shown to those recruiters
whatever the member's career opt-in or profile visibility (they applied), and showing it to
them records a profile view via APPLICATION (resolvers/careers/profile_views.py).

Once per member and posting. `Application.key` (`<member id>:<job id>`) is unique and the
posting's `applicationCount` is incremented in the same write transaction that creates the
application, guarded by "no application with this key yet" and "the posting is OPEN and its
closesAt has not passed". Two concurrent applies of one member conflict (the unique key, or the
counter both change); the loser is run again, re-reads, and answers ALREADY_APPLIED.

Status moves (`updateApplicationStatus`, recruiters of the company only): forward along
APPLIED -> IN_REVIEW -> INTERVIEW -> OFFER -> HIRED, skipping stages if the company does (a
referral may go straight to INTERVIEW, a contractor straight to OFFER), or REJECTED from any
status that is not final. HIRED, REJECTED and WITHDRAWN are final. Anything else (a backward
step, the same status again, a move of a final application, WITHDRAWN) is INVALID_TRANSITION. The
move to HIRED stamps `hiredAt`, which `careerOutcomes` counts. The write is guarded by the
status it moves from, so of two concurrent moves the second re-reads and is judged on the
status the first left.

Withdrawal (`withdrawApplication`, the applicant only): any status that is not final becomes
WITHDRAWN, which is final. The application stays (it is still counted in applicationCount,
whose invariant counts applications, whatever their status) and the member cannot apply to the
same posting again: "once per posting" holds for a withdrawn application too.
"""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.careers.applications import ApplicationRepository
from graph.community.repository import Row
from resolvers.careers.context import careers
from resolvers.careers.profile_views import record_profile_views
from resolvers.community.loaders import forget, keyed_loader, page_loader
from resolvers.community.service import Outcome, _nested, new_id
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import from_global_id
from resolvers.pagination import Slice, Window, page_params
from resolvers.scope import RequestScope

PIPELINE = ("APPLIED", "IN_REVIEW", "INTERVIEW", "OFFER", "HIRED")
REJECTED, WITHDRAWN, HIRED = "REJECTED", "WITHDRAWN", "HIRED"
STATUSES = (*PIPELINE, REJECTED, WITHDRAWN)
FINAL = frozenset({HIRED, REJECTED, WITHDRAWN})
WITHDRAWABLE = tuple(s for s in STATUSES if s not in FINAL)
MAX_COVER_NOTE = 5_000


def allowed_moves(status: str) -> tuple[str, ...]:
    """The statuses a recruiter may move an application in `status` to (see the module docstring)."""
    if status in FINAL or status not in PIPELINE:
        return ()
    return (*PIPELINE[PIPELINE.index(status) + 1:], REJECTED)


class ApplicationsContext:
    """The application repository and loaders of one request: `applications(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = ApplicationRepository(scope.graph)
        viewer_id = scope.viewer.member_id if scope.viewer else None

        async def viewer_applications(job_ids: list[str]) -> dict[str, Row]:
            return await repo.applications_of_member_for_jobs(viewer_id, job_ids) if viewer_id else {}

        self.application_by_id: DataLoader[str, Row | None] = keyed_loader(repo.applications_by_ids)
        self.viewer_application_for_job: DataLoader[str, Row | None] = keyed_loader(viewer_applications)
        self.applications_of_member = page_loader(
            lambda ids, win, status: repo.applications_of_members(ids, status=status, **page_params(win)))
        self.applications_of_job = page_loader(
            lambda ids, win, status: repo.applications_of_jobs(ids, status=status, **page_params(win)))

    def prime(self, rows: list[Row]) -> None:
        for row in rows:
            self.application_by_id.prime(row["id"], row)


def applications(scope: RequestScope) -> ApplicationsContext:
    return scope.per_request(ApplicationsContext)


# -- who may see what ------------------------------------------------------------------------


async def can_view_application(scope: RequestScope, row: Row | None) -> bool:
    """The applicant, or a recruiter of the posting's company."""
    if row is None or scope.viewer is None:
        return False
    if row["memberId"] == scope.viewer.member_id:
        return True
    return row["companyId"] in await careers(scope).recruiter_companies()


async def application_by_id(scope: RequestScope, *, application_id: str | None) -> Row | None:
    """An application the viewer may see, or None (`node`, `_entities`)."""
    if application_id is None:
        return None
    row = await applications(scope).application_by_id.load(application_id)
    return row if await can_view_application(scope, row) else None


async def applicant(scope: RequestScope, application: Row) -> Row | None:
    """The applicant's Member row, for the applicant and the company's recruiters (whatever the
    member's profile visibility or opt-in); showing it to a recruiter records a profile view."""
    viewer = scope.viewer
    if viewer is None:
        return None
    member_id = application["memberId"]
    if member_id != viewer.member_id:
        if application["companyId"] not in await careers(scope).recruiter_companies():
            return None
        await record_profile_views(scope, [member_id], via="APPLICATION", company_id=application["companyId"])
    return await scope.loaders.member_by_id.load(member_id)


async def member_applications(scope: RequestScope, *, member_id: str, win: Window, status: str | None) -> Slice:
    """The viewer's own applications (only `status`, when given), newest first; rows are
    application rows. Viewer only: FORBIDDEN on anyone else's Member."""
    viewer_id = scope.require_self(member_id, "applications")
    fetched = await _nested(applications(scope).applications_of_member, viewer_id, win, _status(status))
    jobs = careers(scope).job_by_id
    for item in fetched.rows:
        jobs.prime(item["job"]["id"], item["job"])
    rows = [item["application"] for item in fetched.rows]
    applications(scope).prime(rows)
    return Slice(rows, fetched.offset, total=await fetched.total(), has_next=fetched.has_next)


async def job_applications(scope: RequestScope, *, job: Row, win: Window, status: str | None) -> Slice:
    """A posting's applications (only `status`, when given), newest first; recruiters of the
    posting's company only (FORBIDDEN for anyone else, UNAUTHENTICATED when anonymous)."""
    company_id = job.get("companyId")
    if company_id is None:  # a bare posting row: look its company up
        full = await careers(scope).job_by_id.load(job["id"])
        company_id = full["companyId"] if full else None
    if company_id is None:
        raise Forbidden("only the company's recruiters may see a posting's applications")
    await careers(scope).require_recruiter_of(company_id)
    fetched = await _nested(applications(scope).applications_of_job, job["id"], win, _status(status))
    scope.loaders.prime_members([item["member"] for item in fetched.rows])
    rows = [item["application"] for item in fetched.rows]
    applications(scope).prime(rows)
    return Slice(rows, fetched.offset, total=await fetched.total(), has_next=fetched.has_next)


async def viewer_application(scope: RequestScope, *, job_id: str) -> Row | None:
    """The viewer's own application to the posting; None when anonymous or when they have none."""
    if scope.viewer is None:
        return None
    return await applications(scope).viewer_application_for_job.load(job_id)


def _status(value: str | None) -> str | None:
    if value is not None and value not in STATUSES:
        raise BadUserInput(f"`status` must be one of {', '.join(STATUSES)}", field="status")
    return value


# -- writes ----------------------------------------------------------------------------------


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def _forget(scope: RequestScope, row: Row) -> None:
    """Drop what a write changed from this request's loaders and remember the new row."""
    context = applications(scope)
    forget(context.application_by_id, row["id"])
    context.application_by_id.prime(row["id"], row)
    forget(context.viewer_application_for_job, row["jobId"])
    forget(careers(scope).job_by_id, row["jobId"])  # applicationCount changed


async def apply_to_job(scope: RequestScope, *, job_global_id: str, cover_note: str | None) -> Outcome[Row]:
    """Apply to an OPEN posting, once (see the module docstring)."""
    viewer = scope.require_viewer()
    job_id, errors = _target(job_global_id, "JobPosting", "jobId")
    check = Checker()
    check.errors.extend(errors)
    check.text("coverNote", "coverNote", cover_note, max_length=MAX_COVER_NOTE, multiline=True)
    if check.errors:
        return Outcome(None, check.errors)
    result = await applications(scope).repository.apply(viewer.member_id, job_id, application_id=new_id(),
                                                        cover_note=check.values.get("coverNote"))
    if result.application is not None:
        _forget(scope, result.application)
        return Outcome(result.application)
    if result.job_missing:
        return Outcome.refused("jobId", "no such job posting", "NOT_FOUND")
    if result.member_missing:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    if result.existing_id is not None:
        return Outcome.refused("jobId", "you have already applied to this posting", "ALREADY_APPLIED")
    return Outcome.refused("jobId", "this posting is closed: it takes no more applications", "JOB_CLOSED")


def _invalid(current: str, target: str) -> Outcome[Row]:
    allowed = allowed_moves(current)
    hint = f"it can move to {' or '.join(allowed)}" if allowed else f"{current} is final"
    return Outcome.refused("status", f"an application cannot move from {current} to {target}: {hint}",
                           "INVALID_TRANSITION")


async def update_application_status(scope: RequestScope, *, application_global_id: str,
                                    status: str) -> Outcome[Row]:
    """Move an application along its pipeline; recruiters of the posting's company only."""
    viewer = scope.require_viewer()
    application_id, errors = _target(application_global_id, "Application", "applicationId")
    if errors:
        return Outcome(None, errors)
    if status not in STATUSES:
        return Outcome.refused("status", f"must be one of {', '.join(STATUSES)}")
    context = applications(scope)
    current = await context.application_by_id.load(application_id)
    if current is None:
        return Outcome.refused("applicationId", "no such application", "NOT_FOUND")
    await careers(scope).require_recruiter_of(current["companyId"])
    for _ in range(2):  # once more when a concurrent move changed the status under us
        if status not in allowed_moves(current["status"]):
            return _invalid(current["status"], status)
        moved = await context.repository.move(application_id, recruiter_id=viewer.member_id,
                                              from_status=current["status"], to_status=status)
        if moved is not None:
            _forget(scope, moved)
            return Outcome(moved)
        forget(context.application_by_id, application_id)
        fresh = await context.application_by_id.load(application_id)
        if fresh is None:
            return Outcome.refused("applicationId", "no such application", "NOT_FOUND")
        if fresh["status"] == current["status"]:  # the status held: the viewer stopped recruiting for it
            raise Forbidden("only the company's recruiters may do this")
        current = fresh
    return _invalid(current["status"], status)


async def withdraw_application(scope: RequestScope, *, application_global_id: str) -> Outcome[Row]:
    """The applicant withdraws their application (WITHDRAWN is final)."""
    viewer = scope.require_viewer()
    application_id, errors = _target(application_global_id, "Application", "applicationId")
    if errors:
        return Outcome(None, errors)
    context = applications(scope)
    current = await context.application_by_id.load(application_id)
    if current is None:
        return Outcome.refused("applicationId", "no such application", "NOT_FOUND")
    if current["memberId"] != viewer.member_id:
        raise Forbidden("only the applicant may withdraw an application")
    if current["status"] in FINAL:
        return _withdraw_refused(current["status"])
    withdrawn = await context.repository.withdraw(application_id, member_id=viewer.member_id,
                                                  from_statuses=list(WITHDRAWABLE))
    if withdrawn is None:  # a recruiter made it final meanwhile
        forget(context.application_by_id, application_id)
        fresh = await context.application_by_id.load(application_id)
        return _withdraw_refused(fresh["status"] if fresh else "unknown")
    _forget(scope, withdrawn)
    return Outcome(withdrawn)


def _withdraw_refused(status: str) -> Outcome[Row]:
    return Outcome.refused("applicationId", f"the application is {status}, which is final", "INVALID_TRANSITION")


__all__ = ["FINAL", "PIPELINE", "STATUSES", "ApplicationsContext", "allowed_moves", "applicant",
           "application_by_id", "applications", "apply_to_job", "can_view_application", "job_applications",
           "member_applications", "update_application_status", "viewer_application", "withdraw_application"]
