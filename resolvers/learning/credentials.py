"""Certification credentials: their status against the release calendar, recording them,
maintaining them release after release, verifying them by their public code, and listing them.

The status rule (graph/MODEL.md) lives in one pure function, `credential_state`: a status is
computed at read time from the credential's `coveredThrough`, whether its certification
requires maintenance, and the release calendar, against one "now" per request. It is never
stored, so it is never stale. Lists filter by status here, in Python: a member holds at most one
credential per certification (a few dozen), so no Cypher mirror of the rule is needed.

Privacy: a credential is public evidence (it verifies by its code), but who holds it is not.
`holder` is the holder's Member only when the viewer may see that profile, else null; the same
rule gives `verifyCredential` its `holderName`. A member's `credentials` and
`activeCertifications` are fields of Member, which exists only for a profile the viewer may see:
whoever sees the profile sees the full list, expired ones included (the holder sees the same).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from strawberry.dataloader import DataLoader

from graph.community.repository import Page, Row
from graph.errors import Conflict
from graph.learning.credentials import CredentialRepository
from resolvers.community.loaders import forget, keyed_loader
from resolvers.community.service import Outcome, _target, member_by_id
from resolvers.community.validation import UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.learning.catalog import catalog
from resolvers.pagination import Slice, Window, slice_of
from resolvers.scope import RequestScope

ACTIVE, MAINTENANCE_DUE, EXPIRED = "ACTIVE", "MAINTENANCE_DUE", "EXPIRED"
STATUSES = (ACTIVE, MAINTENANCE_DUE, EXPIRED)
VALID = frozenset({ACTIVE, MAINTENANCE_DUE})  # what verification calls valid and `activeCertifications` lists
ISSUER_ROLES = ("issuer", "admin")
MAX_CODE_LENGTH = 64
# Verification codes go into URLs and onto résumés: letters, digits, dots, dashes and underscores.
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
# Credential ids derive from (member, certification): two concurrent records of the same pair
# create the same id, and the id's unique constraint lets exactly one of them commit.
_CREDENTIAL_NAMESPACE = uuid.UUID("6f1c2a4e-9b7d-4c1e-8a53-2d0f7e9b4c61")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def utc_now() -> datetime:
    """Now, in UTC, to the millisecond (the precision the graph keeps)."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def as_time(value: Any) -> datetime | None:
    """A driver datetime as an aware Python one (naive values are taken as UTC); None stays None."""
    if value is None:
        return None
    value = value.to_native() if hasattr(value, "to_native") else value
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def epoch_millis(value: datetime) -> int:
    return (value - _EPOCH) // timedelta(milliseconds=1)


# -- the status rule ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CredentialState:
    """A credential's standing at one instant, from the release calendar.

    - `due`: the releases whose maintenance is due now, oldest first: released after
      `coveredThrough`, at or before now, deadline not passed. Empty unless MAINTENANCE_DUE.
    - `deadline`: the earliest deadline among `due` (maintain by then or the credential expires).
    - `expired_at`: EXPIRED only: the earliest maintenance deadline it missed.
    - `expires_at`: not EXPIRED: when it expires unless maintained: the earliest deadline of a
      release after `coveredThrough` (due now or already scheduled); None when no release is
      pending or the certification needs no maintenance.
    """

    status: str
    due: tuple[Row, ...] = ()
    deadline: datetime | None = None
    expired_at: datetime | None = None
    expires_at: datetime | None = None

    @property
    def valid(self) -> bool:
        return self.status in VALID


def credential_state(*, covered_through: datetime, requires_maintenance: bool, releases: Iterable[Row],
                     now: datetime) -> CredentialState:
    """The status rule of graph/MODEL.md, the only place it is written.

    For a certification that requires maintenance, the releases due are those with
    `coveredThrough < releasedAt <= now` (a release exactly at `coveredThrough` is covered). If
    one of them is past its `maintenanceDeadline` (`now > deadline`: on the deadline itself it
    is still due) the credential is EXPIRED; else if any is due it is MAINTENANCE_DUE; else
    ACTIVE. A certification without maintenance (associates) is always ACTIVE.
    """
    if not requires_maintenance:
        return CredentialState(ACTIVE)
    covered = as_time(covered_through)
    pending = sorted(
        ((as_time(r["releasedAt"]), as_time(r["maintenanceDeadline"]), r) for r in releases
         if as_time(r["releasedAt"]) > covered),
        key=lambda item: (item[0], item[1]))
    due = [item for item in pending if item[0] <= now]
    missed = [deadline for _, deadline, _ in due if now > deadline]
    if missed:
        return CredentialState(EXPIRED, expired_at=min(missed))
    expires_at = min((deadline for _, deadline, _ in pending), default=None)
    if due:
        return CredentialState(MAINTENANCE_DUE, due=tuple(r for _, _, r in due), deadline=min(d for _, d, _ in due),
                               expires_at=expires_at)
    return CredentialState(ACTIVE, expires_at=expires_at)


MAINTAINED, ALREADY_CURRENT = "MAINTAINED", "ALREADY_CURRENT"
# Why a maintenance module cannot maintain a credential (`notMaintainable[].reason`).
REFUSED_EXPIRED = "EXPIRED"
REFUSED_NOT_REQUIRED = "MAINTENANCE_NOT_REQUIRED"
REFUSED_NOT_RELEASED = "RELEASE_NOT_YET_OUT"
REFUSED_EARLIER_DUE = "EARLIER_RELEASE_DUE"


def maintenance_outcome(*, state: CredentialState, covered_through: datetime, requires_maintenance: bool,
                        release: Row, now: datetime) -> str:
    """What completing `release`'s maintenance module does for one credential.

    MAINTAINED when that release is the earliest one due (its coveredThrough then moves to the
    release), ALREADY_CURRENT when the credential is covered through that release already, or the
    reason it cannot: EXPIRED (too late: it must be earned again), MAINTENANCE_NOT_REQUIRED,
    RELEASE_NOT_YET_OUT (nothing to maintain before the release), EARLIER_RELEASE_DUE (maintain
    the oldest due release first: coverage moves one release at a time, in order).
    """
    if state.status == EXPIRED:
        return REFUSED_EXPIRED
    if not requires_maintenance:
        return REFUSED_NOT_REQUIRED
    released_at = as_time(release["releasedAt"])
    if released_at <= as_time(covered_through):
        return ALREADY_CURRENT
    if released_at > now:
        return REFUSED_NOT_RELEASED
    if not state.due or state.due[0]["id"] != release["id"]:
        return REFUSED_EARLIER_DUE
    return MAINTAINED


# -- per-request loaders ----------------------------------------------------------------------


class CredentialContext:
    """The credential repository and loaders of one request (`scope.per_request`), and its "now":
    every status the request shows is computed against the same instant."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        self.repository = CredentialRepository(scope.graph)
        self.now = utc_now()
        self.credential_by_id: DataLoader[str, Row | None] = keyed_loader(self._by_ids)
        self.credentials_of_member: DataLoader[str, list[Row]] = keyed_loader(self._of_members, default=[])

    async def releases(self) -> list[Row]:
        """The release calendar (read once per request by the catalog)."""
        return await catalog(self.scope).releases()

    def prime(self, rows: Iterable[Row]) -> None:
        """Remember rows {credential, certification[, holder]} so their lookups cost nothing."""
        ctx = catalog(self.scope)
        for row in rows:
            ctx.certification_by_id.prime(row["certification"]["id"], row["certification"])
            self.credential_by_id.prime(row["credential"]["id"], row["credential"])
            if row.get("holder"):
                self.scope.loaders.prime_members([row["holder"]])

    async def _by_ids(self, ids: list[str]) -> dict[str, Row]:
        found = await self.repository.credentials_by_ids(ids)
        self.prime(found.values())
        return {key: row["credential"] for key, row in found.items()}

    async def _of_members(self, ids: list[str]) -> dict[str, list[Row]]:
        found = await self.repository.credentials_of_members(ids)
        for rows in found.values():
            self.prime(rows)
        return {key: [row["credential"] for row in rows] for key, rows in found.items()}


def credentials(scope: RequestScope) -> CredentialContext:
    return scope.per_request(CredentialContext)


async def state_of(scope: RequestScope, row: Row) -> CredentialState:
    """A credential row's status now (the calendar is read once per request)."""
    ctx = catalog(scope)
    certification = await ctx.certification_by_id.load(row["certificationId"])
    return credential_state(covered_through=row["coveredThrough"],
                            requires_maintenance=bool(certification and certification["requiresMaintenance"]),
                            releases=await credentials(scope).releases(), now=credentials(scope).now)


async def holder_of(scope: RequestScope, row: Row) -> Row | None:
    """The credential's holder, if the viewer may see their profile; else None."""
    return await member_by_id(scope, member_id=row["memberId"])


async def credential_by_id(scope: RequestScope, credential_id: str) -> Row | None:
    return await credentials(scope).credential_by_id.load(credential_id)


# -- member lists -----------------------------------------------------------------------------


def _window_of(rows: list[Row], win: Window) -> Slice:
    """A Relay window over a list already in memory, with the nested lists' semantics."""
    total = len(rows)
    clamped = win.clamped(total)
    if clamped is not None:
        win = clamped
    if win.from_end:  # `slice_of` expects a from-the-end page in reverse order
        fetched = list(reversed(rows))[: win.limit]
    else:
        fetched = rows[win.skip: win.skip + win.limit]
    return slice_of(Page(total, fetched), win)


async def member_credentials(scope: RequestScope, *, member_id: str, status: str | None, win: Window) -> Slice:
    """A member's credentials, newest first, optionally of one status."""
    if status is not None and status not in STATUSES:
        raise BadUserInput(f"`status` must be one of {', '.join(STATUSES)}", field="status")
    rows = await credentials(scope).credentials_of_member.load(member_id)
    if status is not None:
        rows = [row for row in rows if (await state_of(scope, row)).status == status]
    return _window_of(rows, win)


async def active_certifications(scope: RequestScope, *, member_id: str) -> list[Row]:
    """A member's credentials in good standing (ACTIVE or MAINTENANCE_DUE), newest first."""
    rows = await credentials(scope).credentials_of_member.load(member_id)
    return [row for row in rows if (await state_of(scope, row)).valid]


# -- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    credential: Row
    state: CredentialState
    holder: Row | None  # None when the viewer may not see the holder's profile


async def verify_credential(scope: RequestScope, *, credential_id: str) -> Verification | None:
    """A credential by its public code, for anyone (anonymous too); None for an unknown code.

    The code is only ever a query parameter: any string up to 64 characters is looked up as is
    (trimmed); longer ones are bad input.
    """
    code = credential_id.strip()
    if not code:
        raise BadUserInput("`credentialId` must not be empty", field="credentialId")
    if len(code) > MAX_CODE_LENGTH:
        raise BadUserInput(f"`credentialId` must be at most {MAX_CODE_LENGTH} characters", field="credentialId")
    ctx = credentials(scope)
    row = await ctx.repository.credential_by_code(code)
    if row is None:
        return None
    ctx.prime([row])
    credential = row["credential"]
    return Verification(credential, await state_of(scope, credential), await holder_of(scope, credential))


# -- recordCertification ------------------------------------------------------------------------


def credential_node_id(member_id: str, certification_id: str) -> str:
    """The id of a member's credential of a certification (see `_CREDENTIAL_NAMESPACE`)."""
    return str(uuid.uuid5(_CREDENTIAL_NAMESPACE, f"{member_id}/{certification_id}"))


def _check_code(value: str, errors: list[UserError]) -> str | None:
    code = value.strip()
    if not 4 <= len(code) <= MAX_CODE_LENGTH or not set(code) <= _CODE_CHARS:
        errors.append(UserError("credentialId", f"must be 4 to {MAX_CODE_LENGTH} letters, digits, dots, dashes or "
                                                "underscores"))
        return None
    return code


def _check_earned_at(value: datetime, now: datetime, errors: list[UserError]) -> datetime | None:
    earned = value if value.tzinfo is not None and value.utcoffset() is not None else value.replace(tzinfo=timezone.utc)
    earned = earned.astimezone(timezone.utc)
    if earned > now:
        errors.append(UserError("earnedAt", "must not be in the future"))
        return None
    if earned.year < 1999:  # before the first certification exams: a typo
        errors.append(UserError("earnedAt", "is too far in the past"))
        return None
    return earned


async def record_certification(scope: RequestScope, *, member_global_id: str, certification_global_id: str,
                               earned_at: datetime, credential_id: str) -> Outcome[Row]:
    """Record that a member earned a certification: issuers and admins only.

    - One credential per member and certification: recording one the member holds and that is
      not EXPIRED is refused (ALREADY_HOLDS). Recording an EXPIRED one renews it in place (same
      credential, same Node id): a new `earnedAt` (which must be later than the old one), a new
      `coveredThrough` (= earnedAt) and a new public code; the old code no longer verifies.
    - The public code is unique (DUPLICATE_CREDENTIAL_ID), also against a concurrent record.
    - `earnedAt` is not in the future (and not absurdly old).
    - Every prerequisite certification must be held in good standing now (ACTIVE or
      MAINTENANCE_DUE: still valid): otherwise PREREQUISITES_MISSING, naming them.
    The checks and the write are one transaction under the member's lock.
    """
    viewer = scope.require_viewer()
    if not any(viewer.has_role(role) for role in ISSUER_ROLES):
        raise Forbidden("only an issuer or an admin can record a certification")
    ctx = credentials(scope)
    member_id, errors = _target(member_global_id, "Member", "memberId")
    certification_id, more = _target(certification_global_id, "Certification", "certificationId")
    errors += more
    earned = _check_earned_at(earned_at, ctx.now, errors)
    code = _check_code(credential_id, errors)
    if errors or member_id is None or certification_id is None or earned is None or code is None:
        return Outcome(None, errors)
    releases = await credentials(scope).releases()
    repo = ctx.repository
    values = {"memberId": member_id, "certificationId": certification_id, "credentialId": code,
              "earnedAt": epoch_millis(earned), "issuedBy": viewer.member_id}

    def status(credential: Row, certification: Row) -> CredentialState:
        return credential_state(covered_through=credential["coveredThrough"],
                                requires_maintenance=bool(certification["requiresMaintenance"]),
                                releases=releases, now=ctx.now)

    async def work(tx) -> Outcome[Row]:
        state = await repo.record_state(tx, member_id=member_id, certification_id=certification_id,
                                        credential_id=code)
        if state is None:
            return Outcome.refused("memberId", "no such member", "NOT_FOUND")
        certification = state["certification"]
        if certification is None:
            return Outcome.refused("certificationId", "no such certification", "NOT_FOUND")
        held = state["held"]
        if held is not None and status(held, certification).status != EXPIRED:
            return Outcome.refused("certificationId", "the member already holds this certification", "ALREADY_HOLDS")
        problems: list[UserError] = []
        if held is not None and earned <= as_time(held["earnedAt"]):
            problems.append(UserError("earnedAt", "a renewal must be earned after the expired credential was"))
        if state["codeTaken"]:
            problems.append(UserError("credentialId", "another credential has this code", "DUPLICATE_CREDENTIAL_ID"))
        good = {row["certificationId"] for row in state["prerequisiteCredentials"]
                if status(row["credential"], _by_id(state["prerequisites"], row["certificationId"])).valid}
        missing = [p for p in state["prerequisites"] if p["id"] not in good]
        if missing:
            names = ", ".join(p["title"] for p in missing)
            problems.append(UserError("certificationId", f"the member must first hold, in good standing: {names}",
                                      "PREREQUISITES_MISSING"))
        if problems:
            return Outcome(None, problems)
        if held is None:
            row = await repo.create(tx, id=credential_node_id(member_id, certification_id), **values)
        else:
            row = await repo.renew(tx, id=held["id"], previousCredentialId=held["credentialId"], **values)
        if row is None:  # lost a race the lock did not prevent
            return Outcome.refused("certificationId", "the member already holds this certification", "ALREADY_HOLDS")
        return Outcome({"credential": row, "certification": certification})

    try:
        out = await scope.graph.write_tx(work)
    except Conflict:
        out = await _after_conflict(scope, member_id=member_id, certification_id=certification_id, code=code)
    if out.value is None:
        return Outcome(None, out.user_errors)
    _forget_member(scope, member_id)
    ctx.prime([out.value])
    return Outcome(out.value["credential"])


def _by_id(rows: list[Row], key: str) -> Row:
    return next(row for row in rows if row["id"] == key)


async def _after_conflict(scope: RequestScope, *, member_id: str, certification_id: str, code: str) -> Outcome[Row]:
    """A concurrent record committed first (the unique id or code clashed): say which."""
    repo = credentials(scope).repository
    held = await repo.credentials_of_members([member_id])
    if any(row["certification"]["id"] == certification_id for row in held.get(member_id, [])):
        return Outcome.refused("certificationId", "the member already holds this certification", "ALREADY_HOLDS")
    if await repo.credential_by_code(code) is not None:
        return Outcome.refused("credentialId", "another credential has this code", "DUPLICATE_CREDENTIAL_ID")
    return Outcome.refused("input", "a concurrent change got in the way; try again", "CONFLICT")


def _forget_member(scope: RequestScope, member_id: str) -> None:
    forget(credentials(scope).credentials_of_member, member_id)


# -- completeMaintenance ------------------------------------------------------------------------


@dataclass
class MaintenanceResult:
    """What completing a maintenance module did: credential rows by outcome, and the points it gave."""

    maintained: list[Row] = field(default_factory=list)
    already_current: list[Row] = field(default_factory=list)
    not_maintainable: list[tuple[Row, str]] = field(default_factory=list)
    points_awarded: int = 0
    module: Row | None = None


async def complete_maintenance(scope: RequestScope, *, module_global_id: str) -> Outcome[MaintenanceResult]:
    """The viewer completes a maintenance module: one write transaction, idempotent.

    The module must be kind MAINTENANCE (with its release). For every certification it MAINTAINS
    that the viewer holds, `maintenance_outcome` decides: the credentials for which the module's
    release is the earliest one due move their `coveredThrough` to that release (one module can
    maintain several certifications at once); the others are listed as already current or not
    maintainable, with the reason. The module is also completed like any module: each unit not yet
    completed gets a COMPLETED with its points (added to the viewer's points), then the module; the
    rank follows the points. A second call finds everything done and changes nothing.
    """
    viewer = scope.require_viewer()
    module_id, errors = _target(module_global_id, "Module", "moduleId")
    if errors or module_id is None:
        return Outcome(None, errors)
    ctx = credentials(scope)
    releases = await credentials(scope).releases()
    now, repo = ctx.now, ctx.repository

    async def work(tx) -> Outcome[MaintenanceResult]:
        state = await repo.maintenance_state(tx, member_id=viewer.member_id, module_id=module_id)
        if state is None:
            return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
        module, release = state["module"], state["release"]
        if module is None:
            return Outcome.refused("moduleId", "no such module", "NOT_FOUND")
        if module["kind"] != "MAINTENANCE" or release is None:
            return Outcome.refused("moduleId", "this is not a certification maintenance module",
                                   "NOT_MAINTENANCE_MODULE")
        result = MaintenanceResult(module=module)
        planned: dict[str, Row] = {}
        for held in state["held"]:
            certification = held["certification"]
            row = {**held["credential"], "memberId": viewer.member_id, "certificationId": certification["id"]}
            requires = bool(certification["requiresMaintenance"])
            st = credential_state(covered_through=row["coveredThrough"], requires_maintenance=requires,
                                  releases=releases, now=now)
            outcome = maintenance_outcome(state=st, covered_through=row["coveredThrough"],
                                          requires_maintenance=requires, release=release, now=now)
            if outcome == MAINTAINED:
                planned[row["id"]] = row
            elif outcome == ALREADY_CURRENT:
                result.already_current.append(row)
            else:
                result.not_maintainable.append((row, outcome))
        covered = epoch_millis(as_time(release["releasedAt"]))
        moved = await repo.cover_release(tx, [{"id": key, "coveredThrough": covered} for key in planned])
        result.maintained = moved
        moved_ids = {row["id"] for row in moved}
        result.already_current += [row for key, row in planned.items() if key not in moved_ids]
        at = epoch_millis(now)
        completion = await repo.complete_module(tx, member_id=viewer.member_id, module_id=module_id, at=at)
        result.points_awarded = int(completion["gained"]) if completion else 0
        if result.points_awarded:
            await repo.promote(tx, member_id=viewer.member_id, at=at)
        return Outcome(result)

    out = await scope.graph.write_tx(work)
    if out.value is not None:
        _forget_member(scope, viewer.member_id)
        forget(scope.loaders.member_by_id, viewer.member_id)
        for row in out.value.maintained:
            forget(ctx.credential_by_id, row["id"])
            ctx.credential_by_id.prime(row["id"], row)
    return out
