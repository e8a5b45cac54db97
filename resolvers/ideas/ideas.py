"""Ideas: lookups, lists and the viewer's relations to ideas (reads; writes live in ideas_writes.py
and ideas_votes.py).

Ideas are public content; their authors, followers and commenters are members, so every member
goes through the community member loader and `can_view_member`: a hidden profile is null (or left
out of a list), never leaked.
"""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.ideas.ideas import IdeaRepository
from resolvers.community.loaders import keyed_loader, page_loader
from resolvers.community.service import member_by_id
from resolvers.community.validation import clean_search
from resolvers.errors import BadUserInput
from resolvers.ideas.context import ideas
from resolvers.ideas.rules import STATUSES
from resolvers.ideas.trending import decayed
from resolvers.ids import id_argument
from resolvers.pagination import Slice, Window, page_params, paginate, slice_of
from resolvers.scope import RequestScope

IDEA_ORDERS = ("POINTS", "TRENDING", "NEWEST", "COINS")
VOTE_VALUES = {"UP": 1, "DOWN": -1, "NONE": 0}


class IdeaActivityContext:
    """The request's idea repository and the loaders of what happens on ideas: comments,
    followers, the ideas members proposed, and the viewer's votes and follows."""

    def __init__(self, scope: RequestScope) -> None:
        repo = self.repository = IdeaRepository(scope.graph)
        visibility = scope.visibility
        viewer_id = scope.viewer.member_id if scope.viewer else None
        self.comment_by_id: DataLoader[str, Row | None] = keyed_loader(repo.comments_by_ids)
        self.ideas_by_member = page_loader(lambda ids, win, _: repo.ideas_of_members(ids, **page_params(win)))
        self.followers_by_idea = page_loader(
            lambda ids, win, _: repo.followers_of_ideas(ids, visibility=visibility, **page_params(win)))
        self.comments_by_idea = page_loader(lambda ids, win, _: repo.comments_of_ideas(ids, **page_params(win)))

        async def votes(ids: list[str]) -> dict[str, int]:
            return await repo.viewer_votes(viewer_id, ids) if viewer_id else {}

        async def follows(ids: list[str]) -> dict[str, bool]:
            found = await repo.viewer_follows(viewer_id, ids) if viewer_id else set()
            return {i: i in found for i in ids}

        self.viewer_vote: DataLoader[str, int] = keyed_loader(votes, default=0)
        self.viewer_follows: DataLoader[str, bool] = keyed_loader(follows, default=False)

    def forget_writes(self) -> None:
        """Drop everything cached before a write, so a payload shows the state after it."""
        for loader in (self.comment_by_id, self.ideas_by_member, self.followers_by_idea, self.comments_by_idea,
                       self.viewer_vote, self.viewer_follows):
            loader.clear_all()


def activity(scope: RequestScope) -> IdeaActivityContext:
    """The request's IdeaActivityContext."""
    return scope.per_request(IdeaActivityContext)


def prime_ideas(scope: RequestScope, rows: list[Row], *, written: bool = False) -> None:
    """Remember ideas a list or a write already returned, so their lookups cost nothing; rows a
    write returned replace what the request had cached."""
    loader = ideas(scope).idea_by_id
    for row in rows:
        loader.prime(row["id"], row, force=written)


# -- lookups ---------------------------------------------------------------------------


async def idea_by_id(scope: RequestScope, *, idea_id: str) -> Row | None:
    return await ideas(scope).idea_by_id.load(idea_id)


async def comment_by_id(scope: RequestScope, *, comment_id: str) -> Row | None:
    return await activity(scope).comment_by_id.load(comment_id)


async def author_of(scope: RequestScope, row: Row) -> Row | None:
    """The author of an idea or comment, when the viewer may see their profile."""
    author_id = row.get("authorId")
    return await member_by_id(scope, member_id=author_id) if author_id else None


async def product_area_of(scope: RequestScope, idea: Row) -> Row | None:
    return await scope.loaders.topic_by_id.load(idea["productAreaId"])


def trending_score(scope: RequestScope, idea: Row) -> float:
    """The idea's TRENDING score now: its votes, each halved every week since it was cast."""
    return decayed(float(idea.get("trend") or 0.0), ideas(scope).now)


async def viewer_vote(scope: RequestScope, *, idea_id: str) -> int:
    """The viewer's vote on an idea: 1, -1, or 0 for none (and for anonymous viewers)."""
    return await activity(scope).viewer_vote.load(idea_id)


async def viewer_follows(scope: RequestScope, *, idea_id: str) -> bool:
    return await activity(scope).viewer_follows.load(idea_id)


def viewer_can_edit(scope: RequestScope, idea: Row) -> bool:
    """Whether the viewer may edit the idea: its author, while it is NEW."""
    return scope.viewer is not None and idea.get("authorId") == scope.viewer.member_id and idea.get("status") == "NEW"


# -- lists -----------------------------------------------------------------------------


def _statuses(values: list[str] | None) -> list[str] | None:
    if not values:
        return None  # no status filter: every status but MERGED
    unknown = [v for v in values if v not in STATUSES]
    if unknown:
        raise BadUserInput(f"`filter.status` must be among {', '.join(STATUSES)}", field="filter.status")
    return list(dict.fromkeys(values))


async def list_ideas(
    scope: RequestScope,
    *,
    win: Window,
    statuses: list[str] | None = None,
    product_area_id: str | None = None,
    search: str | None = None,
    author_id: str | None = None,
    order_by: str = "POINTS",
) -> Slice:
    """A page of ideas, filtered and in a stable order; MERGED ones only when asked for by status."""
    if order_by not in IDEA_ORDERS:
        raise BadUserInput(f"`orderBy` must be one of {', '.join(IDEA_ORDERS)}", field="orderBy")
    filters = dict(
        statuses=_statuses(statuses),
        productAreaId=id_argument(product_area_id, "Topic", "filter.productAreaId"),
        authorId=id_argument(author_id, "Member", "filter.authorId"),
        search=clean_search(search),
    )
    repo, visibility = activity(scope).repository, scope.visibility

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        rows = await repo.ideas_page(visibility=visibility, order_by=order_by, skip=skip, limit=limit, **filters)
        prime_ideas(scope, rows)
        return rows

    return await paginate(win, fetch_page, lambda: repo.ideas_count(visibility=visibility, **filters))


async def _nested(loader, parent_id: str, win: Window) -> Slice:
    """A nested list's page through its loader; refetched when a `before` cursor is past the end."""
    page = await loader.load((parent_id, win, None))
    clamped = win.clamped(page.total)
    if clamped is not None:
        return slice_of(await loader.load((parent_id, clamped, None)), clamped)
    return slice_of(page, win)


async def ideas_of_member(scope: RequestScope, *, member_id: str, win: Window) -> Slice:
    """A page of the ideas a member proposed (every status), newest first."""
    fetched = await _nested(activity(scope).ideas_by_member, member_id, win)
    prime_ideas(scope, fetched.rows)
    return fetched


async def followers_of_idea(scope: RequestScope, *, idea_id: str, win: Window) -> Slice:
    """A page of an idea's followers the viewer may see, newest follow first (rows carry `followedAt`)."""
    fetched = await _nested(activity(scope).followers_by_idea, idea_id, win)
    scope.loaders.prime_members(fetched.rows)
    return fetched


async def comments_of_idea(scope: RequestScope, *, idea_id: str, win: Window) -> Slice:
    """A page of an idea's comments, oldest first."""
    context = activity(scope)
    fetched = await _nested(context.comments_by_idea, idea_id, win)
    for row in fetched.rows:
        context.comment_by_id.prime(row["id"], row)
    # Their authors came along: `author_of` then finds them in the member loader (and applies privacy).
    scope.loaders.prime_members([row["author"] for row in fetched.rows if row.get("author")])
    return fetched
