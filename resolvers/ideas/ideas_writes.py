"""Ideas mutations: post, edit, follow, unfollow and comment (votes: ideas_votes.py).

Each returns an `Outcome`: the changed record, or the user errors that stopped it. Each is one
write transaction that takes the idea's lock first and decides on the state it then reads
(graph/ideas/ideas.py), so a refused mutation writes nothing and two racing ones cannot both
act on the same stale state.
"""

from __future__ import annotations

from typing import Any

from graph.community.repository import Row
from graph.ideas.ideas import LockedIdea, Written
from resolvers.community.service import Outcome, new_id
from resolvers.community.validation import Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ideas.ideas import activity, prime_ideas
from resolvers.ids import from_global_id
from resolvers.scope import RequestScope

TITLE_LENGTH = (5, 200)
DESCRIPTION_LENGTH = (1, 10_000)
COMMENT_LENGTH = (1, 5_000)

# Why a locked write was refused (graph/ideas/ideas.py `decide`), as the user error it becomes.
REFUSALS: dict[str, tuple[str, str]] = {
    "NOT_FOUND": ("no such idea", "NOT_FOUND"),
    "NO_MEMBER": ("your member profile does not exist", "NOT_FOUND"),
    "OWN_IDEA": ("you cannot vote on your own idea", "OWN_IDEA"),
    "IDEA_MERGED": ("this idea was merged into another one; act on that one instead", "IDEA_MERGED"),
    "NOT_EDITABLE": ("an idea can be edited only while it is NEW", "NOT_EDITABLE"),
    "AREA_MISSING": ("no such product area", "NOT_FOUND"),
}


def target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    """The application id in a global ID argument, or the user error naming the field."""
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def refusal(reason: str, field_name: str) -> Outcome[Any]:
    """The user error for a refused locked write; NO_MEMBER and AREA_MISSING name their own field."""
    message, code = REFUSALS[reason]
    field_name = {"NO_MEMBER": "viewer", "AREA_MISSING": "productAreaId"}.get(reason, field_name)
    return Outcome.refused(field_name, message, code)


def usual_refusal(state: LockedIdea | None, *, open_only: bool) -> str | None:
    """The refusals every write to an idea shares: it must exist, the member too, and a write
    that adds to an idea (`open_only`) may not go to a MERGED one."""
    if state is None:
        return "NOT_FOUND"
    if not state.member_exists:
        return "NO_MEMBER"
    if open_only and state.status == "MERGED":
        return "IDEA_MERGED"
    return None


def after_write(scope: RequestScope, written: Written, key: str = "idea") -> Row:
    """Forget what the write made stale and remember the idea it returned."""
    activity(scope).forget_writes()
    assert written.row is not None  # a write that returns nothing is refused (graph/ideas/ideas.py)
    idea = written.row[key]
    prime_ideas(scope, [idea], written=True)
    return idea


async def _area(scope: RequestScope, value: str, check: Checker) -> str | None:
    """An existing product area's id; problems go to `check`."""
    area_id, errors = target(value, "Topic", "productAreaId")
    check.errors.extend(errors)
    if area_id is not None and await scope.loaders.topic_by_id.load(area_id) is None:
        check.fail("productAreaId", "no such product area", "NOT_FOUND")
    return area_id


def _check_text(check: Checker, *, title: str | None, description: str | None) -> None:
    check.text("title", "title", title, min_length=TITLE_LENGTH[0], max_length=TITLE_LENGTH[1])
    check.text("description", "description", description, min_length=DESCRIPTION_LENGTH[0],
               max_length=DESCRIPTION_LENGTH[1], multiline=True)


async def post_idea(scope: RequestScope, *, title: str, description: str, product_area_id: str) -> Outcome[Row]:
    """Post an idea in a product area; it starts NEW, and its author follows it."""
    viewer = scope.require_viewer()
    check = Checker()
    _check_text(check, title=title, description=description)
    area_id = await _area(scope, product_area_id, check)
    if check.errors:
        return Outcome(None, check.errors)
    assert area_id is not None
    props = {"id": new_id(), "title": check.values["title"], "description": check.values["description"]}
    row = await activity(scope).repository.create_idea(viewer.member_id, area_id, props)
    if row is None:
        if await scope.loaders.member_by_id.load(viewer.member_id) is None:
            return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
        return Outcome.refused("productAreaId", "no such product area", "NOT_FOUND")
    activity(scope).forget_writes()
    prime_ideas(scope, [row], written=True)
    return Outcome(row)


async def edit_idea(scope: RequestScope, *, idea_global_id: str, changes: dict[str, Any]) -> Outcome[Row]:
    """Change your own idea's title, description or product area while it is NEW."""
    viewer = scope.require_viewer()
    idea_id, errors = target(idea_global_id, "Idea", "id")
    check = Checker()
    check.errors.extend(errors)
    for key, field_name in (("title", "title"), ("description", "description"), ("product_area_id", "productAreaId")):
        if key in changes and changes[key] is None:
            check.fail(field_name, "cannot be cleared")
    _check_text(check, title=changes.get("title"), description=changes.get("description"))
    area_id = None
    if changes.get("product_area_id") is not None:
        area_id = await _area(scope, changes["product_area_id"], check)
    if check.errors:
        return Outcome(None, check.errors)
    if not check.values and area_id is None:
        return Outcome.refused("input", "give at least one field to change")
    assert idea_id is not None

    def decide(state: LockedIdea | None) -> str | None:
        reason = usual_refusal(state, open_only=False)
        if reason is not None or state is None:
            return reason
        if state.author_id != viewer.member_id:
            return "FORBIDDEN"
        return None if state.status == "NEW" else "NOT_EDITABLE"

    written = await activity(scope).repository.update_idea(
        idea_id, viewer.member_id, decide, props=check.values, product_area_id=area_id, area_missing="AREA_MISSING")
    if written.refused == "FORBIDDEN":
        raise Forbidden("only the author of this idea can edit it")
    if written.refused is not None:
        return refusal(written.refused, "id")
    return Outcome(after_write(scope, written))


async def follow_idea(scope: RequestScope, *, idea_global_id: str, follow: bool) -> Outcome[Row]:
    """Follow or unfollow an idea; both are idempotent. A MERGED idea takes no new followers."""
    viewer = scope.require_viewer()
    idea_id, errors = target(idea_global_id, "Idea", "ideaId")
    if errors:
        return Outcome(None, errors)
    assert idea_id is not None
    written = await activity(scope).repository.follow(
        idea_id, viewer.member_id, lambda state: usual_refusal(state, open_only=follow), follow=follow)
    if written.refused is not None:
        return refusal(written.refused, "ideaId")
    return Outcome(after_write(scope, written))


async def comment_on_idea(scope: RequestScope, *, idea_global_id: str, body: str) -> Outcome[dict[str, Row]]:
    """Comment on an idea (not a MERGED one); the value holds the `comment` and the `idea`."""
    viewer = scope.require_viewer()
    idea_id, errors = target(idea_global_id, "Idea", "ideaId")
    check = Checker()
    check.errors.extend(errors)
    check.text("body", "body", body, min_length=COMMENT_LENGTH[0], max_length=COMMENT_LENGTH[1], multiline=True)
    if check.errors:
        return Outcome(None, check.errors)
    assert idea_id is not None
    context = activity(scope)
    written = await context.repository.comment(
        idea_id, viewer.member_id, lambda state: usual_refusal(state, open_only=True),
        props={"id": new_id(), "body": check.values["body"]})
    if written.refused is not None:
        return refusal(written.refused, "ideaId")
    idea = after_write(scope, written)
    assert written.row is not None
    comment = written.row["comment"]
    context.comment_by_id.prime(comment["id"], comment)
    return Outcome({"comment": comment, "idea": idea})
