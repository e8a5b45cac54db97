"""An idea's lifecycle: its status history, who moved it, what it was merged into, and product
managers' status changes (`setIdeaStatus`). Merges: lifecycle_merge.py; the roadmap: lifecycle_roadmap.py.

Rules (resolvers/ideas/rules.py): a product manager moves an idea to one of PM_STATUSES, from any
status but MERGED (IDEA_MERGED: a merged idea lives on in its survivor) and never to the status it
already has (INVALID_TRANSITION). Each move carries a comment; a move to one of EXPECTS_RELEASE may
carry an expected release date, kept on the idea until another date replaces it; a move to
NOT_PLANNED clears it (nothing is expected to ship). Each move is one IdeaStatusChange in the
idea's history, made by the product manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from strawberry.dataloader import DataLoader

from graph.community.repository import Page, Row
from graph.ideas.lifecycle import LifecycleRepository
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.community.service import Outcome, member_by_id, new_id
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput
from resolvers.ideas.context import ideas
from resolvers.ideas.ideas import activity, prime_ideas
from resolvers.ideas.rules import EXPECTS_RELEASE, PM_STATUSES
from resolvers.ids import from_global_id
from resolvers.pagination import Slice, Window, slice_of
from resolvers.scope import RequestScope

COMMENT_LENGTH = (1, 2000)


class LifecycleContext:
    """The request's lifecycle repository and loaders: status histories, status changes by id,
    the survivors of merged ideas and the roadmap's columns."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = LifecycleRepository(scope.graph)
        self.history_by_idea = page_loader(
            lambda ids, win, _: repo.history_of_ideas(ids, skip=win.skip, limit=win.limit))
        self.status_change_by_id: DataLoader[str, Row | None] = keyed_loader(repo.status_changes_by_ids)
        self.survivor_by_idea: DataLoader[str, Row | None] = keyed_loader(repo.survivors_of_ideas)
        self.roadmap_column = _roadmap_loader(repo)

    def forget_writes(self) -> None:
        """Drop everything cached before a write, so a payload shows the state after it."""
        for loader in (self.history_by_idea, self.status_change_by_id, self.survivor_by_idea, self.roadmap_column):
            loader.clear_all()


RoadmapKey = tuple[str | None, str, int]  # (product area id or None for every area, status, how many ideas)


def _roadmap_loader(repo: LifecycleRepository) -> DataLoader[RoadmapKey, Page]:
    """Roadmap columns: every column a request asks for (its count, its first ideas) in one query
    per product area, at the largest size asked; each key gets its own cut."""

    async def load(keys: Sequence[RoadmapKey]) -> list[Page]:
        pages: dict[str | None, dict[str, Page]] = {}
        for area_id in dict.fromkeys(key[0] for key in keys):
            wanted = [key for key in keys if key[0] == area_id]
            pages[area_id] = await repo.roadmap(statuses=list(dict.fromkeys(status for _, status, _ in wanted)),
                                                product_area_id=area_id, limit=max(limit for *_, limit in wanted))
        found = [pages[area_id].get(status, Page(0, [])) for area_id, status, _ in keys]
        return [Page(page.total, page.rows[:limit]) for page, (*_, limit) in zip(found, keys)]

    return DataLoader(load_fn=load)


def lifecycle(scope: RequestScope) -> LifecycleContext:
    """The request's LifecycleContext."""
    return scope.per_request(LifecycleContext)


# -- reads -------------------------------------------------------------------------------


async def status_history(scope: RequestScope, *, idea_id: str, win: Window) -> Slice:
    """A page of an idea's status changes, newest first."""
    context = lifecycle(scope)
    fetched = slice_of(await context.history_by_idea.load((idea_id, win, None)), win)
    for row in fetched.rows:
        context.status_change_by_id.prime(row["id"], row)
    return fetched


async def status_change_by_id(scope: RequestScope, *, change_id: str) -> Row | None:
    return await lifecycle(scope).status_change_by_id.load(change_id)


async def idea_of_change(scope: RequestScope, change: Row) -> Row | None:
    return await ideas(scope).idea_by_id.load(change["ideaId"])


async def changed_by(scope: RequestScope, change: Row) -> Row | None:
    """The product manager who made a change, when the viewer may see their profile; None for the
    automatic move to UNDER_REVIEW."""
    member_id = change.get("changedById")
    return await member_by_id(scope, member_id=member_id) if member_id else None


async def merged_into(scope: RequestScope, idea: Row) -> Row | None:
    """The idea a MERGED idea lives on in; None for every other idea (no query for them)."""
    if idea.get("status") != "MERGED":
        return None
    survivor = await lifecycle(scope).survivor_by_idea.load(idea["id"])
    if survivor is not None:
        prime_ideas(scope, [survivor])
    return survivor


# -- writes ------------------------------------------------------------------------------


def idea_target(value: str, field_name: str) -> tuple[str | None, list[UserError]]:
    """The application id in an Idea's global ID, or the user error naming the field."""
    try:
        return from_global_id(value, expect="Idea").id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def check_comment(check: Checker, comment: str | None) -> None:
    low, high = COMMENT_LENGTH
    check.text("comment", "comment", comment, min_length=low, max_length=high, multiline=True)


def after_lifecycle_write(scope: RequestScope, ideas_written: list[Row]) -> None:
    """Forget what a write made stale and remember the ideas it returned."""
    activity(scope).forget_writes()
    lifecycle(scope).forget_writes()
    prime_ideas(scope, ideas_written, written=True)


@dataclass(frozen=True)
class StatusSet:
    idea: Row
    change: Row


async def set_idea_status(scope: RequestScope, *, idea_global_id: str, status: str, comment: str,
                          expected_release: date | None) -> Outcome[StatusSet]:
    """Move an idea to another status as a product manager, with a comment (and an expected release)."""
    member_id = ideas(scope).require_product_manager()
    idea_id, errors = idea_target(idea_global_id, "ideaId")
    check = Checker()
    check.errors.extend(errors)
    if status not in PM_STATUSES:
        check.fail("status", f"product managers move ideas to {', '.join(PM_STATUSES)}; NEW and UNDER_REVIEW "
                             "follow from votes, MERGED from mergeIdeas")
    check_comment(check, comment)
    if expected_release is not None and status not in EXPECTS_RELEASE:
        check.fail("expectedRelease", f"an expected release goes only with {', '.join(EXPECTS_RELEASE)}")
    if check.errors:
        return Outcome(None, check.errors)
    assert idea_id is not None
    done = await lifecycle(scope).repository.set_status(
        idea_id=idea_id, member_id=member_id, status=status, comment=check.values["comment"],
        expected_release=expected_release.isoformat() if expected_release else None, change_id=new_id())
    if done.refused == "NOT_FOUND":
        return Outcome.refused("ideaId", "no such idea", "NOT_FOUND")
    if done.refused == "IDEA_MERGED":
        return Outcome.refused("ideaId", "this idea was merged into another one; change that one instead", "IDEA_MERGED")
    if done.refused == "SAME_STATUS":
        return Outcome.refused("status", f"the idea already is {status}", "INVALID_TRANSITION")
    if done.refused == "MEMBER_NOT_FOUND":
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    assert done.idea is not None and done.change is not None
    after_lifecycle_write(scope, [done.idea])
    lifecycle(scope).status_change_by_id.prime(done.change["id"], done.change)
    return Outcome(StatusSet(done.idea, done.change))
