"""Career preferences: how a member opts in to being found by recruiters.

A member is findable (`searchable`) exactly when they are open to work AND let recruiters see
it (visibility RECRUITERS); every recruiter-facing read filters on that one flag. Preferences are
the member's own: `viewer.careerPreferences` reads them, `setCareerPreferences` changes only the
fields given (the first call starts from: not open to work, visible to recruiters, open to
remote, no roles, cities or countries, no seniority).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from graph.community.repository import Row
from resolvers.careers.talent import talent
from resolvers.community.loaders import forget
from resolvers.community.service import Outcome
from resolvers.community.validation import ISO_COUNTRIES, Checker
from resolvers.learning.credentials import epoch_millis
from resolvers.scope import RequestScope

VISIBILITIES = ("RECRUITERS", "ONLY_ME")
REMOTE_PREFERENCES = ("ON_SITE_ONLY", "OPEN_TO_REMOTE", "REMOTE_ONLY")
SENIORITIES = ("ENTRY", "JUNIOR", "MID", "SENIOR", "LEAD", "PRINCIPAL")
MAX_ROLES, MAX_CITIES, MAX_COUNTRIES = 10, 10, 30
MAX_ROLE_LENGTH, MAX_CITY_LENGTH = 100, 100
# Preferences created for a member get an id derived from theirs, so racing creations collide.
_PREFERENCES_NAMESPACE = uuid.UUID("6f1c7d3e-3b1e-4f43-9d7e-5a0f3c2b8e11")


def preferences_id(member_id: str) -> str:
    return str(uuid.uuid5(_PREFERENCES_NAMESPACE, member_id))


async def career_preferences(scope: RequestScope, *, member_id: str) -> Row | None:
    """The viewer's own preferences (FORBIDDEN on anyone else's Member); None when never set."""
    viewer_id = scope.require_self(member_id, "careerPreferences")
    return await talent(scope).preferences_of_member.load(viewer_id)


def _strings(check: Checker, field: str, values: list[str] | None, *, limit: int, max_length: int) -> list[str]:
    values = values or []
    if len(values) > limit:
        check.fail(field, f"give at most {limit}")
        return []
    cleaned: list[str] = []
    for i, value in enumerate(values):
        inner = Checker()
        inner.text(f"{field}[{i}]", "v", value, min_length=1, max_length=max_length)
        check.errors.extend(inner.errors)
        if not inner.errors and inner.values.get("v") and inner.values["v"].lower() not in {c.lower() for c in cleaned}:
            cleaned.append(inner.values["v"])
    return cleaned


def _choice(check: Checker, field: str, value: Any, allowed: tuple[str, ...], *, nullable: bool) -> None:
    if value is None:
        if nullable:
            check.values[field] = None
        else:
            check.fail(field, "cannot be cleared")
    elif value not in allowed:
        check.fail(field, f"must be one of {', '.join(allowed)}")
    else:
        check.values[field] = value


async def set_career_preferences(scope: RequestScope, *, changes: dict[str, Any]) -> Outcome[Row]:
    """Create or change the viewer's preferences; only the fields given change (null clears a list
    or the seniority). One write; one CareerPreferences per member even under concurrent calls."""
    viewer = scope.require_viewer()
    check = Checker()
    if "open_to_work" in changes:
        if changes["open_to_work"] is None:
            check.fail("openToWork", "cannot be cleared")
        else:
            check.values["openToWork"] = bool(changes["open_to_work"])
    if "visibility" in changes:
        _choice(check, "visibility", changes["visibility"], VISIBILITIES, nullable=False)
    if "remote" in changes:
        _choice(check, "remote", changes["remote"], REMOTE_PREFERENCES, nullable=False)
    if "seniority" in changes:
        _choice(check, "seniority", changes["seniority"], SENIORITIES, nullable=True)
    if "roles" in changes:
        check.values["roles"] = _strings(check, "roles", changes["roles"], limit=MAX_ROLES, max_length=MAX_ROLE_LENGTH)
    if "cities" in changes:
        check.values["cities"] = _strings(check, "cities", changes["cities"], limit=MAX_CITIES,
                                          max_length=MAX_CITY_LENGTH)
    if "countries" in changes:
        countries = changes["countries"] or []
        if len(countries) > MAX_COUNTRIES:
            check.fail("countries", f"give at most {MAX_COUNTRIES}")
        codes: list[str] = []
        for i, value in enumerate(countries[:MAX_COUNTRIES]):
            code = (value or "").strip().upper()
            if code not in ISO_COUNTRIES:
                check.fail(f"countries[{i}]", "must be an ISO 3166-1 alpha-2 country code, such as DE or US")
            elif code not in codes:
                codes.append(code)
        check.values["countries"] = codes
    if check.errors:
        return Outcome(None, check.errors)
    if not check.values:
        return Outcome.refused("input", "give at least one field to change")
    now = datetime.now(timezone.utc)
    row = await talent(scope).repository.set_career_preferences(
        viewer.member_id, new_id=preferences_id(viewer.member_id), values=check.values, now_ms=epoch_millis(now))
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    loader = talent(scope).preferences_of_member
    forget(loader, viewer.member_id)
    loader.prime(viewer.member_id, row)
    return Outcome(row)


__all__ = ["REMOTE_PREFERENCES", "SENIORITIES", "VISIBILITIES", "career_preferences", "preferences_id",
           "set_career_preferences"]
