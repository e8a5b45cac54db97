"""The MVP program's mutations: openMvpNominations, nominateMvp, reviewNomination, decideMvp.

Each is ONE write transaction (graph/recognition/mvp.py), so a refused one writes nothing. The
rules, with the code a refusal carries:
- openMvpNominations (admins): the current or the next year, `closesAt` after `opensAt` (default
  now), a window of at most 92 days; one cycle a year (ALREADY_OPENED, also when two admins race).
- nominateMvp (signed-in members): the current year's cycle must be open now (NOMINATIONS_CLOSED);
  the nominee must exist and be visible to the nominator (NOT_FOUND), not be the nominator
  (SELF_NOMINATION), have joined at least 365 days ago (NOT_ELIGIBLE) and not be decided already
  that year (ALREADY_DECIDED: a late nomination would leave a decided nominee half PENDING); the
  four criterion statements are required (1 to 2,000 characters each); evidence is up to 20 global
  IDs of Answers the nominee wrote, Events the nominee speaks at and Groups the nominee leads, each
  checked (INVALID_EVIDENCE naming `evidence[i]`); links are up to 10 absolute http(s) URLs; one
  nomination per nominator and nominee a year (ALREADY_NOMINATED, also when ten identical calls race).
- reviewNomination (admins and current MVPs, FORBIDDEN for others, and for the nominee and the
  nominator of that nomination): PENDING nominations only (ALREADY_DECIDED); four scores from 1 to
  5 and an optional comment (up to 2,000 characters); a reviewer's second review replaces the first,
  and `reviewCount`/`scoreTotal` stay exact under concurrency (the review's real write on the
  nomination comes first).
- decideMvp (admins): every nomination of the nominee that year (NO_NOMINATION when none) moves
  from PENDING (ALREADY_DECIDED otherwise, also for the loser of two concurrent decisions) to
  SELECTED or NOT_SELECTED. SELECTED starts a one-year term (from now) and earns the `mvp` badge
  once, with badgeCount and rank kept as the learning code keeps them.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from graph.community.repository import Row
from graph.recognition.mvp import Evidence
from resolvers.community.loaders import forget
from resolvers.community.service import Outcome
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import from_global_id
from resolvers.learning.credentials import as_time, epoch_millis
from resolvers.recognition.context import recognition
from resolvers.recognition.mvp import (
    MvpContext,
    checked_year,
    mvp,
    require_reviewer,
    visible_member,
)
from resolvers.scope import RequestScope

MAX_WINDOW = timedelta(days=92)
ELIGIBLE_AFTER = timedelta(days=365)
CRITERIA = ("expertise", "generosity", "leadership", "advocacy")
MAX_STATEMENT = 2_000
MAX_COMMENT = 2_000
MAX_EVIDENCE = 20
MAX_LINKS = 10
MAX_URL = 2_000
EVIDENCE_TYPES = {"Answer": "answers", "Event": "events", "Group": "groups"}
DECISIONS = ("SELECTED", "NOT_SELECTED")


def _require_admin(scope: RequestScope, what: str) -> str:
    viewer = scope.require_viewer()
    if not recognition(scope).is_admin():
        raise Forbidden(f"only admins {what}")
    return viewer.member_id


def _utc(value: datetime) -> datetime:
    """An input time as an aware UTC datetime (naive input is taken as UTC)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def one_year_after(value: datetime) -> datetime:
    """The same moment a year later (29 February becomes 28 February)."""
    try:
        return value.replace(year=value.year + 1)
    except ValueError:
        return value.replace(year=value.year + 1, day=28)


# -- openMvpNominations --------------------------------------------------------------------------


async def open_nominations(scope: RequestScope, *, year: int, opens_at: datetime | None,
                           closes_at: datetime) -> Outcome[Row]:
    admin_id = _require_admin(scope, "open the MVP nominations")
    context = mvp(scope)
    now = context.now
    check = Checker()
    if year not in (now.year, now.year + 1):
        check.fail("year", f"must be the current year ({now.year}) or the next ({now.year + 1})")
    opens = _utc(opens_at) if opens_at is not None else now
    closes = _utc(closes_at)
    if closes <= opens:
        check.fail("closesAt", "must be after opensAt")
    elif closes - opens > MAX_WINDOW:
        check.fail("closesAt", f"the window may last at most {MAX_WINDOW.days} days")
    if check.errors:
        return Outcome(None, check.errors)
    row, reason = await context.repository.open_cycle(year=year, opens_ms=epoch_millis(opens),
                                                      closes_ms=epoch_millis(closes), admin_id=admin_id,
                                                      now_ms=epoch_millis(now))
    if reason == "MISSING_ADMIN":
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    if row is None:
        return Outcome.refused("year", f"the nominations of {year} are open already", "ALREADY_OPENED")
    forget(context.cycle_by_year, year)
    context.cycle_by_year.prime(year, row)
    context.cycle_by_id.prime(row["id"], row)
    return Outcome(row)


# -- nominateMvp -----------------------------------------------------------------------------------


def _statements(values: dict[str, str], check: Checker) -> dict[str, str]:
    for name in CRITERIA:
        value = values.get(name)
        if value is None or not value.strip():
            check.fail(name, "is required")
        else:
            check.text(name, name, value, min_length=1, max_length=MAX_STATEMENT, multiline=True)
    return {name: check.values[name] for name in CRITERIA if check.values.get(name)}


def _evidence(values: list[str], check: Checker) -> tuple[Evidence, dict[str, str]]:
    """The cited ids by kind, and the input field of each id (to name it when it is refused)."""
    found: dict[str, list[str]] = {"answers": [], "events": [], "groups": []}
    fields: dict[str, str] = {}
    if len(values) > MAX_EVIDENCE:
        check.fail("evidence", f"cite at most {MAX_EVIDENCE} answers, events and groups", "INVALID_EVIDENCE")
        return Evidence([], [], []), fields
    for index, value in enumerate(values):
        field = f"evidence[{index}]"
        try:
            type_name, local_id = from_global_id(value)
        except BadUserInput:
            check.fail(field, "is not a valid ID", "INVALID_EVIDENCE")
            continue
        kind = EVIDENCE_TYPES.get(type_name)
        if kind is None:
            check.fail(field, "must be the ID of an Answer, an Event or a Group", "INVALID_EVIDENCE")
        elif local_id not in fields:
            found[kind].append(local_id)
            fields[local_id] = field
    return Evidence(found["answers"], found["events"], found["groups"]), fields


def _links(values: list[str], check: Checker) -> list[str]:
    if len(values) > MAX_LINKS:
        check.fail("links", f"give at most {MAX_LINKS} links")
        return []
    cleaned: list[str] = []
    for index, value in enumerate(values):
        url = value.strip()
        if not _is_web_url(url):
            check.fail(f"links[{index}]", "must be an absolute http or https URL")
        elif url not in cleaned:
            cleaned.append(url)
    return cleaned


def _is_web_url(url: str) -> bool:
    if not url or len(url) > MAX_URL or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


_NOMINATION_REFUSALS = {
    "NO_CYCLE": (None, "the MVP nominations of this year are not open", "NOMINATIONS_CLOSED"),
    "CLOSED": (None, "the MVP nominations of this year are closed", "NOMINATIONS_CLOSED"),
    "MISSING_NOMINATOR": ("viewer", "your member profile does not exist", "NOT_FOUND"),
    "MISSING_NOMINEE": ("nomineeId", "no such member", "NOT_FOUND"),
    "NOT_ELIGIBLE": ("nomineeId", "members can be nominated once they joined at least a year ago", "NOT_ELIGIBLE"),
    "ALREADY_NOMINATED": ("nomineeId", "you nominated this member this year already", "ALREADY_NOMINATED"),
    "DECIDED": ("nomineeId", "this member's nominations of this year are decided already", "ALREADY_DECIDED"),
}


async def nominate(scope: RequestScope, *, nominee_global_id: str, statements: dict[str, str],
                   evidence: list[str], links: list[str]) -> Outcome[Row]:
    viewer = scope.require_viewer()
    context = mvp(scope)
    check = Checker()
    nominee_id = None
    try:
        nominee_id = from_global_id(nominee_global_id, expect="Member").id
    except BadUserInput as error:
        check.fail("nomineeId", error.message)
    texts = _statements(statements, check)
    cited, fields = _evidence(evidence, check)
    urls = _links(links, check)
    if check.errors:
        return Outcome(None, check.errors)
    assert nominee_id is not None
    if nominee_id == viewer.member_id:
        return Outcome.refused("nomineeId", "you cannot nominate yourself", "SELF_NOMINATION")
    nominee = await visible_member(scope, nominee_id)
    if nominee is None:
        return Outcome.refused("nomineeId", "no such member", "NOT_FOUND")
    now = context.now
    eligible_before = now - ELIGIBLE_AFTER
    joined = as_time(nominee.get("joinedAt"))
    if joined is None or joined > eligible_before:
        return _refusal("NOT_ELIGIBLE")
    result = await context.repository.nominate(
        year=context.year, nominator_id=viewer.member_id, nominee_id=nominee_id, statements=texts, links=urls,
        evidence=cited, now_ms=epoch_millis(now), eligible_before_ms=epoch_millis(eligible_before))
    if result.reason == "INVALID_EVIDENCE":
        refused = sorted((fields[i] for i in result.invalid_evidence), key=lambda f: int(f[len("evidence["):-1]))
        return Outcome(None, [UserError(f, "is not an answer the nominee wrote, an event they speak at or a group "
                                           "they lead", "INVALID_EVIDENCE") for f in refused])
    if result.reason is not None or result.nomination is None:
        return _refusal(result.reason or "MISSING_NOMINEE")
    row = result.nomination
    context.nomination_by_id.prime(row["id"], row)
    forget(context.cycle_by_year, context.year)
    return Outcome(row)


def _refusal(reason: str) -> Outcome[Row]:
    field, message, code = _NOMINATION_REFUSALS[reason]
    return Outcome(None, [UserError(field, message, code)])  # type: ignore[arg-type]


# -- reviewNomination ----------------------------------------------------------------------------------


async def review(scope: RequestScope, *, nomination_global_id: str, scores: dict[str, int],
                 comment: str | None) -> Outcome[Row]:
    reviewer_id = await require_reviewer(scope)
    context = mvp(scope)
    check = Checker()
    nomination_id = None
    try:
        nomination_id = from_global_id(nomination_global_id, expect="MvpNomination").id
    except BadUserInput as error:
        check.fail("nominationId", error.message)
    for name in CRITERIA:
        if not 1 <= scores[name] <= 5:
            check.fail(name, "must be between 1 and 5")
    check.text("comment", "comment", comment, max_length=MAX_COMMENT, multiline=True)
    if check.errors:
        return Outcome(None, check.errors)
    assert nomination_id is not None
    nomination = await context.nomination_by_id.load(nomination_id)
    if nomination is None:
        return Outcome.refused("nominationId", "no such nomination", "NOT_FOUND")
    if reviewer_id in (nomination["nomineeId"], nomination["nominatorId"]):
        raise Forbidden("you cannot review a nomination you made or received")
    if nomination["status"] != "PENDING":
        return Outcome.refused("nominationId", "this nomination is decided already", "ALREADY_DECIDED")
    result = await context.repository.review(nomination_id=nomination_id, reviewer_id=reviewer_id,
                                             scores={name: scores[name] for name in CRITERIA},
                                             comment=check.values.get("comment"), now_ms=epoch_millis(context.now))
    if result.reason == "NOT_PENDING":
        return Outcome.refused("nominationId", "this nomination is decided already", "ALREADY_DECIDED")
    if result.reason == "MISSING_REVIEWER":
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    if result.nomination is None:
        return Outcome.refused("nominationId", "no such nomination", "NOT_FOUND")
    for loader in (context.nomination_by_id, context.reviews_of_nomination, context.viewer_review):
        forget(loader, nomination_id)
    context.nomination_by_id.prime(nomination_id, result.nomination)
    return Outcome(result.nomination)


# -- decideMvp -----------------------------------------------------------------------------------------


async def decide(scope: RequestScope, *, nominee_global_id: str, year: int, decision: str) -> Outcome[dict[str, Any]]:
    """Decide a nominee's nominations of a year; the value is {member (if visible), term (SELECTED)}."""
    _require_admin(scope, "decide who becomes an MVP")
    context: MvpContext = mvp(scope)
    check = Checker()
    nominee_id = None
    try:
        nominee_id = from_global_id(nominee_global_id, expect="Member").id
    except BadUserInput as error:
        check.fail("nomineeId", error.message)
    try:
        year = checked_year(year, context)
    except BadUserInput as error:
        check.fail("year", error.message)
    if decision not in DECISIONS:
        check.fail("decision", f"must be one of {', '.join(DECISIONS)}")
    if check.errors:
        return Outcome(None, check.errors)
    assert nominee_id is not None
    now = context.now
    result = await context.repository.decide(nominee_id=nominee_id, year=year, status=decision,
                                             now_ms=epoch_millis(now), ends_ms=epoch_millis(one_year_after(now)))
    if result.reason == "NO_NOMINATION":
        return Outcome.refused("nomineeId", f"this member has no nomination in {year}", "NO_NOMINATION")
    if result.reason is not None:
        return Outcome.refused("nomineeId", f"this member's nominations of {year} are decided already",
                               "ALREADY_DECIDED")
    loaders = scope.loaders
    forget(loaders.member_by_id, nominee_id)
    if result.member is not None:
        loaders.member_by_id.prime(nominee_id, result.member)
    forget(context.terms_of_member, nominee_id)
    forget(recognition(scope).is_current_mvp, nominee_id)
    if result.term is not None:
        context.term_by_id.prime(result.term["id"], result.term)
    member = result.member if scope.can_view_member(result.member) else None
    return Outcome({"member": member, "term": result.term})
