"""Saved talent searches: a recruiter keeps up to 50 searches, each for one of their companies,
and runs them again (`matches`) or asks what is new since a time (`newMatches`).

A saved search is the recruiter's own: nobody else sees it (`node`/`_entities` give null), and
running it needs the recruiter to still recruit for its company. The filter is stored as the
canonical JSON of the checked filter (resolvers/careers/talent_filter.py), so it is echoed back
exactly as it will run.

New matches since a time: members who match the search now (opted in, every filter) AND, at or
after `since`, opted in (`CareerPreferences.optedInAt`), or gained one of the search's MUST or
CAN skills (`HAS_SKILL.since`: when the skill was added; raising the level of a skill already
held does not count), or earned one of its certifications (`Credential.earnedAt`, in the standing
the search accepts). Running `matches` or `newMatches` sets the search's `lastRunAt` (one write
for every saved search run in the request).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone
from typing import Any, Sequence

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from resolvers.careers.context import careers
from resolvers.careers.talent import acting_company, ranked_talent, talent
from resolvers.careers.talent_filter import TalentFilter, clean_filter
from resolvers.community.loaders import keyed_loader
from resolvers.community.service import Outcome
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import from_global_id
from resolvers.learning.credentials import epoch_millis
from resolvers.pagination import Slice, Window, paginate
from resolvers.scope import RequestScope

MAX_SAVED_SEARCHES = 50
MAX_NAME_LENGTH = 100


class SavedSearches:
    """The saved-search loaders of one request: `saved_searches(scope)`."""

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = talent(scope).repository
        self.by_id: DataLoader[str, Row | None] = keyed_loader(repo.saved_searches_by_ids)
        self.touch: DataLoader[str, None] = DataLoader(load_fn=self._touch)

    async def _touch(self, ids: Sequence[str]) -> list[None]:
        await self.repository.touch_saved_searches(list(dict.fromkeys(ids)),
                                                   now_ms=epoch_millis(datetime.now(timezone.utc)))
        return [None] * len(ids)


def saved_searches(scope: RequestScope) -> SavedSearches:
    return scope.per_request(SavedSearches)


async def saved_search_by_id(scope: RequestScope, *, search_id: str) -> Row | None:
    """A saved search, if the viewer saved it and still recruits for its company; None for anyone
    else (anonymous callers, other recruiters, the owner without the recruiter role)."""
    if scope.viewer is None:
        return None
    row, companies = await asyncio.gather(saved_searches(scope).by_id.load(search_id),
                                          careers(scope).recruiter_companies())
    if row is None or row["ownerId"] != scope.viewer.member_id or row["companyId"] not in companies:
        return None
    return row


async def list_saved_searches(scope: RequestScope, *, win: Window) -> Slice:
    """The viewer's own saved searches, newest first; recruiters only."""
    await careers(scope).require_recruiter()
    member_id = scope.viewer.member_id  # type: ignore[union-attr]  # require_recruiter checked it
    loader = saved_searches(scope).by_id
    repo = saved_searches(scope).repository

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.saved_searches_page(member_id, skip=skip, limit=limit)
        for row in rows:
            loader.prime(row["id"], row)
        return rows

    return await paginate(win, fetch_page, lambda: repo.saved_searches_total(member_id))


def _filter_errors(error: BadUserInput) -> list[UserError]:
    return [UserError(error.extensions.get("field") or "filter", error.message)]


async def save_search(scope: RequestScope, *, name: str | None, filter: dict[str, Any],
                      company_global_id: str | None) -> Outcome[Row]:
    """Save a talent search for one of the viewer's companies (their first by default); at most 50."""
    company_id = await acting_company(scope, company_global_id)
    viewer_id = scope.viewer.member_id  # type: ignore[union-attr]
    check = Checker()
    check.text("name", "name", name, min_length=1, max_length=MAX_NAME_LENGTH)
    if name is None:
        check.fail("name", "is required")
    try:
        checked = clean_filter(filter)
    except BadUserInput as error:
        check.errors.extend(_filter_errors(error))
        checked = None
    if check.errors or checked is None:
        return Outcome(None, check.errors)
    repo = saved_searches(scope).repository
    # The limit is the recruiter's `savedSearchCount`, a guarded counter (graph/careers/talent.cypher).
    row = await repo.save_search(viewer_id, search_id=str(uuid.uuid4()), company_id=company_id, name=check.values["name"],
                                 filter_json=checked.to_json(), limit=MAX_SAVED_SEARCHES,
                                 now_ms=epoch_millis(datetime.now(timezone.utc)))
    if row is None:
        if await repo.count_saved_searches(viewer_id) >= MAX_SAVED_SEARCHES:
            return Outcome.refused("input", f"you keep {MAX_SAVED_SEARCHES} saved searches already; delete one first",
                                   "LIMIT_REACHED")
        return Outcome.refused("companyId", "no such company", "NOT_FOUND")
    saved_searches(scope).by_id.prime(row["id"], row)
    return Outcome(row)


async def delete_saved_search(scope: RequestScope, *, search_global_id: str) -> Outcome[str]:
    """Delete one of the viewer's saved searches; NOT_FOUND for anyone else's (it is not shown to them)."""
    scope.require_viewer()
    try:
        search_id = from_global_id(search_global_id, expect="SavedSearch").id
    except BadUserInput as error:
        return Outcome.refused("id", error.message)
    if not await saved_searches(scope).repository.delete_saved_search(scope.viewer.member_id,  # type: ignore[union-attr]
                                                                      search_id):
        return Outcome.refused("id", "no such saved search", "NOT_FOUND")
    return Outcome(search_global_id)


def filter_of(row: Row) -> TalentFilter:
    return TalentFilter.from_json(row["filter"])


async def run_saved_search(scope: RequestScope, row: Row, *, win: Window, since: datetime | None = None) -> Slice:
    """A saved search's matches (or new matches since a time), as talentSearch ranks them.

    Only its owner gets here (the entity is hidden from others); they must still recruit for the
    search's company (FORBIDDEN otherwise)."""
    companies = await careers(scope).require_recruiter()
    if row["companyId"] not in companies:
        raise Forbidden("you no longer recruit for this saved search's company")
    fetched = await ranked_talent(scope, filter_of(row), company_id=row["companyId"], win=win, since=since)
    await saved_searches(scope).touch.load(row["id"])
    return fetched


__all__ = ["MAX_SAVED_SEARCHES", "SavedSearches", "delete_saved_search", "filter_of", "list_saved_searches",
           "run_saved_search", "save_search", "saved_search_by_id", "saved_searches"]
