"""Community business rules: lookups with privacy applied, lists, and every mutation.

Mutations return an `Outcome`: the changed record, or the user errors that stopped it.
Each mutation is a single write transaction, so a refused one writes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graph.community.repository import Row
from graph.errors import Conflict
from resolvers.errors import BadUserInput, Forbidden
from resolvers.ids import from_global_id, id_argument
from resolvers.community.loaders import forget
from resolvers.pagination import Slice, Window, paginate, slice_of
from resolvers.community.validation import (
    HANDLE,
    ISO_COUNTRIES,
    SLUG,
    URL,
    Checker,
    UserError,
    checked_near,
    clean_search,
)
from resolvers.scope import RequestScope

T = TypeVar("T")
VISIBILITIES = ("PUBLIC", "MEMBERS", "PRIVATE")
GROUP_KINDS = ("REGIONAL", "PRODUCT", "ROLE", "INDUSTRY", "INTEREST")
MEMBER_ORDERS = ("HANDLE", "NAME", "NEWEST", "FOLLOWERS")
GROUP_ORDERS = ("MEMBER_COUNT", "NEWEST", "NAME", "DISTANCE")
MAX_LIST_FILTER = 20
CLEARABLE_PROFILE_FIELDS = {
    "headline": "headline", "bio": "bio", "city": "city", "company": "company",
    "job_title": "jobTitle", "avatar_url": "avatarUrl", "country": "country",
    "latitude": "latitude", "longitude": "longitude",
}


@dataclass
class Outcome(Generic[T]):
    """What a mutation did: a value, or the reasons it did nothing."""

    value: T | None = None
    user_errors: list[UserError] = field(default_factory=list)

    @classmethod
    def refused(cls, field_name: str, message: str, code: str = "BAD_USER_INPUT") -> "Outcome[T]":
        return cls(None, [UserError(field_name, message, code)])


# -- reads ---------------------------------------------------------------------------


async def member_by_id(scope: RequestScope, *, member_id: str) -> Row | None:
    """A member the viewer may see, or None."""
    row = await scope.loaders.member_by_id.load(member_id)
    return row if scope.can_view_member(row) else None


async def member_by_handle(scope: RequestScope, *, handle: str) -> Row | None:
    """A member by handle, if the viewer may see them."""
    if not HANDLE.match(handle.strip().lower()):
        return None
    row = await scope.community.member_by_handle(handle.strip().lower())
    if row is not None:
        scope.loaders.prime_members([row])
    return row if scope.can_view_member(row) else None


async def group_by_slug(scope: RequestScope, *, slug: str) -> Row | None:
    """A group by slug."""
    if not SLUG.match(slug.strip().lower()):
        return None
    row = await scope.community.group_by_slug(slug.strip().lower())
    if row is not None:
        scope.loaders.group_by_id.prime(row["id"], row)
    return row


def _country(value: str | None, argument: str = "country") -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in ISO_COUNTRIES:
        raise BadUserInput(f"`{argument}` must be an ISO 3166-1 alpha-2 country code, such as DE", field=argument)
    return code


def _bounded(value: str | None, argument: str, max_length: int = 80) -> str | None:
    if value is None:
        return None
    if len(value) > max_length:
        raise BadUserInput(f"`{argument}` must be at most {max_length} characters", field=argument)
    return value.strip()


def _choice(value: str | None, allowed: tuple[str, ...], argument: str) -> str | None:
    if value is not None and value not in allowed:
        raise BadUserInput(f"`{argument}` must be one of {', '.join(allowed)}", field=argument)
    return value


async def list_members(
    scope: RequestScope,
    *,
    win: Window,
    search: str | None = None,
    skills: list[str] | None = None,
    country: str | None = None,
    city: str | None = None,
    group_id: str | None = None,
    topic_id: str | None = None,
    order_by: str = "HANDLE",
) -> Slice:
    """A page of the members the viewer may see, filtered and in a stable order."""
    skills = [slug.strip().lower() for slug in skills or []]
    if len(skills) > MAX_LIST_FILTER:
        raise BadUserInput(f"`skills` takes at most {MAX_LIST_FILTER} slugs", field="skills")
    filters = dict(
        search=clean_search(search),
        skills=skills,
        country=_country(country),
        city=_bounded(city, "city"),
        groupId=id_argument(group_id, "Group", "groupId"),
        topicId=id_argument(topic_id, "Topic", "topicId"),
    )
    order = _choice(order_by, MEMBER_ORDERS, "orderBy")
    repo, visibility = scope.community, scope.visibility

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.members_page(visibility=visibility, skip=skip, limit=limit, orderBy=order, **filters)
        scope.loaders.prime_members(rows)
        return rows

    return await paginate(win, fetch_page, lambda: repo.members_count(visibility=visibility, **filters))


async def list_groups(
    scope: RequestScope,
    *,
    win: Window,
    search: str | None = None,
    kind: str | None = None,
    topic_id: str | None = None,
    country: str | None = None,
    city: str | None = None,
    near: tuple[float, float, float] | None = None,
    order_by: str = "MEMBER_COUNT",
) -> Slice:
    """A page of groups, filtered and in a stable order; DISTANCE needs `near`."""
    if order_by == "DISTANCE" and near is None:
        raise BadUserInput("ordering by DISTANCE needs the `near` filter", field="orderBy")
    latitude, longitude, radius = checked_near(near)
    filters = dict(
        search=clean_search(search),
        kind=_choice(kind, GROUP_KINDS, "kind"),
        topicId=id_argument(topic_id, "Topic", "topic"),
        country=_country(country),
        city=_bounded(city, "city"),
        nearLatitude=latitude,
        nearLongitude=longitude,
        radiusKm=radius,
    )
    order = _choice(order_by, GROUP_ORDERS, "orderBy")
    repo = scope.community

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.groups_page(skip=skip, limit=limit, orderBy=order, **filters)
        for row in rows:
            scope.loaders.group_by_id.prime(row["id"], row)
        return rows

    return await paginate(win, fetch_page, lambda: repo.groups_count(**filters))


async def list_topics(scope: RequestScope, *, win: Window, category: str | None, search: str | None) -> Slice:
    """A page of topics by name."""
    filters = dict(category=_bounded(category, "category"), search=clean_search(search))
    repo = scope.community
    return await paginate(win, lambda skip, limit: repo.topics_page(skip=skip, limit=limit, **filters),
                          lambda: repo.topics_count(**filters))


async def list_skills(scope: RequestScope, *, win: Window, category: str | None, search: str | None) -> Slice:
    """A page of skills by name."""
    filters = dict(category=_bounded(category, "category"), search=clean_search(search))
    repo = scope.community
    return await paginate(win, lambda skip, limit: repo.skills_page(skip=skip, limit=limit, **filters),
                          lambda: repo.skills_count(**filters))


async def _nested(loader, parent_id: str, win: Window, extra: str | None) -> Slice:
    """A nested list's page through its loader; refetched when a `before` cursor is past the end."""
    page = await loader.load((parent_id, win, extra))
    clamped = win.clamped(page.total)
    if clamped is not None:
        return slice_of(await loader.load((parent_id, clamped, extra)), clamped)
    return slice_of(page, win)


async def followers(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    return await _nested(scope.loaders.followers_by_member, member_id, win, None)


async def following(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    return await _nested(scope.loaders.following_by_member, member_id, win, None)


async def groups_of_member(scope: RequestScope, *, member_id: str, win: Window, role: str | None) -> Slice:
    return await _nested(scope.loaders.groups_by_member, member_id, win, _choice(role, ("MEMBER", "LEADER"), "role"))


async def members_of_group(scope: RequestScope, *, group_id: str, win: Window, role: str | None) -> Slice:
    return await _nested(scope.loaders.members_by_group, group_id, win, _choice(role, ("MEMBER", "LEADER"), "role"))


async def leaders_of_group(scope: RequestScope, *, group_id: str) -> list[Row]:
    """A group's visible leaders (at most a page's worth; groups have a handful)."""
    page = await scope.loaders.members_by_group.load((group_id, Window(0, 100), "LEADER"))
    return page.rows


# -- writes ----------------------------------------------------------------------------


async def update_profile(scope: RequestScope, *, changes: dict[str, Any]) -> Outcome[Row]:
    """Change the viewer's own profile; only the fields given change."""
    viewer = scope.require_viewer()
    check = Checker()
    check.text("displayName", "displayName", changes.get("display_name"), min_length=1, max_length=80)
    check.text("headline", "headline", changes.get("headline"), max_length=160)
    check.text("bio", "bio", changes.get("bio"), max_length=2000, multiline=True)
    check.text("city", "city", changes.get("city"), max_length=80)
    check.text("company", "company", changes.get("company"), max_length=120)
    check.text("jobTitle", "jobTitle", changes.get("job_title"), max_length=120)
    check.text("avatarUrl", "avatarUrl", changes.get("avatar_url"), max_length=500, pattern=URL, hint="an https URL")
    check.country("country", "country", changes.get("country"))
    check.coordinates(changes.get("latitude"), changes.get("longitude"))
    if ("latitude" in changes) != ("longitude" in changes):
        check.fail("latitude", "latitude and longitude change together")
    if changes.get("visibility") is not None:
        check.values["visibility"] = _choice(changes["visibility"], VISIBILITIES, "visibility")
    for field_name, key in CLEARABLE_PROFILE_FIELDS.items():
        if field_name in changes and changes[field_name] is None:
            check.values[key] = None  # an explicit null clears the field
    if "display_name" in changes and changes["display_name"] is None:
        check.fail("displayName", "cannot be cleared")
    if check.errors:
        return Outcome(None, check.errors)
    if not check.values:
        return Outcome.refused("input", "give at least one field to change")
    row = await scope.community.update_member(viewer.member_id, check.values)
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    forget(scope.loaders.member_by_id, viewer.member_id)
    scope.loaders.member_by_id.prime(viewer.member_id, row)
    return Outcome(row)


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


async def follow_member(scope: RequestScope, *, member_global_id: str, follow: bool) -> Outcome[Row]:
    """Follow or unfollow a member the viewer can see; idempotent, never yourself."""
    viewer = scope.require_viewer()
    member_id, errors = _target(member_global_id, "Member", "memberId")
    if errors:
        return Outcome(None, errors)
    if member_id == viewer.member_id:
        return Outcome.refused("memberId", "you cannot follow yourself", "CANNOT_FOLLOW_SELF")
    if await member_by_id(scope, member_id=member_id) is None:
        return Outcome.refused("memberId", "no such member", "NOT_FOUND")
    repo = scope.community
    row = await (repo.follow_member if follow else repo.unfollow_member)(viewer.member_id, member_id)
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    return Outcome(row)


async def follow_topic(scope: RequestScope, *, topic_global_id: str, follow: bool) -> Outcome[Row]:
    """Follow or unfollow a topic; idempotent."""
    viewer = scope.require_viewer()
    topic_id, errors = _target(topic_global_id, "Topic", "topicId")
    if errors:
        return Outcome(None, errors)
    topic = await scope.loaders.topic_by_id.load(topic_id)
    if topic is None:
        return Outcome.refused("topicId", "no such topic", "NOT_FOUND")
    if follow:
        await scope.community.follow_topic(viewer.member_id, topic_id)
    else:
        await scope.community.unfollow_topic(viewer.member_id, topic_id)
    return Outcome(topic)


async def set_skill(scope: RequestScope, *, skill_global_id: str, level: int) -> Outcome[Row]:
    """Hold a skill at a level from 1 to 5 on the viewer's own profile."""
    viewer = scope.require_viewer()
    skill_id, errors = _target(skill_global_id, "Skill", "skillId")
    if errors:
        return Outcome(None, errors)
    if not 1 <= level <= 5:
        return Outcome.refused("level", "must be between 1 and 5")
    row = await scope.community.set_skill(viewer.member_id, skill_id, level)
    if row is None:
        return Outcome.refused("skillId", "no such skill", "NOT_FOUND")
    return Outcome(row)


async def remove_skill(scope: RequestScope, *, skill_global_id: str) -> Outcome[Row]:
    """Drop a skill from the viewer's own profile; idempotent."""
    viewer = scope.require_viewer()
    skill_id, errors = _target(skill_global_id, "Skill", "skillId")
    if errors:
        return Outcome(None, errors)
    skill = await scope.loaders.skill_by_id.load(skill_id)
    if skill is None:
        return Outcome.refused("skillId", "no such skill", "NOT_FOUND")
    await scope.community.remove_skill(viewer.member_id, skill_id)
    return Outcome(skill)


async def join_group(scope: RequestScope, *, group_global_id: str) -> Outcome[Row]:
    """Join a group as a member; idempotent."""
    viewer = scope.require_viewer()
    group_id, errors = _target(group_global_id, "Group", "groupId")
    if errors:
        return Outcome(None, errors)
    row = await scope.community.join_group(viewer.member_id, group_id)
    if row is None:
        return Outcome.refused("groupId", "no such group", "NOT_FOUND")
    return Outcome(row["group"])


async def leave_group(scope: RequestScope, *, group_global_id: str) -> Outcome[Row]:
    """Leave a group; its last leader cannot leave it leaderless."""
    viewer = scope.require_viewer()
    group_id, errors = _target(group_global_id, "Group", "groupId")
    if errors:
        return Outcome(None, errors)
    row = await scope.community.leave_group(viewer.member_id, group_id)
    if row is None:
        return Outcome.refused("groupId", "no such group", "NOT_FOUND")
    if row["lastLeader"]:
        return Outcome.refused("groupId", "you are this group's last leader; name another leader first", "LAST_LEADER")
    return Outcome(row["group"])


def _group_checker(values: dict[str, Any], *, creating: bool) -> Checker:
    check = Checker()
    check.text("name", "name", values.get("name"), min_length=3, max_length=100)
    check.text("description", "description", values.get("description"), max_length=5000, multiline=True)
    check.text("city", "city", values.get("city"), max_length=80)
    check.country("country", "country", values.get("country"))
    check.coordinates(values.get("latitude"), values.get("longitude"))
    if creating:
        check.text("slug", "slug", values.get("slug"), min_length=2, max_length=63, pattern=SLUG,
                   hint="lower-case letters, digits and dashes")
        if values.get("name") is None:
            check.fail("name", "is required")
        if values.get("slug") is None:
            check.fail("slug", "is required")
    kind = values.get("kind")
    if kind is not None:
        if kind not in GROUP_KINDS:
            check.fail("kind", f"must be one of {', '.join(GROUP_KINDS)}")
        else:
            check.values["kind"] = kind
    elif creating:
        check.fail("kind", "is required")
    return check


async def _topic_ids(scope: RequestScope, values: list[str] | None, check: Checker) -> list[str] | None:
    if values is None:
        return None
    if len(values) > 10:
        check.fail("topicIds", "a group can be about at most 10 topics")
        return None
    ids = []
    for index, value in enumerate(values):
        topic_id, errors = _target(value, "Topic", f"topicIds[{index}]")
        check.errors.extend(errors)
        if topic_id is not None:
            ids.append(topic_id)
    found = await scope.loaders.topic_by_id.load_many(ids)
    for topic_id, topic in zip(ids, found):
        if topic is None:
            check.fail("topicIds", f"no such topic: {topic_id}", "NOT_FOUND")
    return list(dict.fromkeys(ids))


async def create_group(scope: RequestScope, *, values: dict[str, Any]) -> Outcome[Row]:
    """Create a group; its creator becomes its first leader."""
    viewer = scope.require_viewer()
    check = _group_checker(values, creating=True)
    topic_ids = await _topic_ids(scope, values.get("topic_ids"), check)
    if check.errors:
        return Outcome(None, check.errors)
    props = {key: value for key, value in check.values.items() if value is not None}
    props["id"] = new_id()
    try:
        row = await scope.community.create_group(viewer.member_id, props, topic_ids or [])
    except Conflict:
        return Outcome.refused("slug", "a group with this slug already exists", "CONFLICT")
    if row is None:
        return Outcome.refused("viewer", "your member profile does not exist", "NOT_FOUND")
    return Outcome(row)


async def update_group(scope: RequestScope, *, group_global_id: str, values: dict[str, Any]) -> Outcome[Row]:
    """Change a group the viewer leads; FORBIDDEN for anyone else."""
    viewer = scope.require_viewer()
    group_id, errors = _target(group_global_id, "Group", "groupId")
    if errors:
        return Outcome(None, errors)
    check = _group_checker(values, creating=False)
    topic_ids = await _topic_ids(scope, values.get("topic_ids"), check)
    if check.errors:
        return Outcome(None, check.errors)
    if await scope.loaders.group_by_id.load(group_id) is None:
        return Outcome.refused("groupId", "no such group", "NOT_FOUND")
    row = await scope.community.update_group(viewer.member_id, group_id, check.values, topic_ids)
    if row is None:
        raise Forbidden("only a leader of this group can change it")
    forget(scope.loaders.group_by_id, group_id)
    forget(scope.loaders.topics_by_group, group_id)
    return Outcome(row)


def new_id() -> str:
    """A fresh application id for a new record."""
    return str(uuid.uuid4())
