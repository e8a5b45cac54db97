"""Ideas: the Idea and IdeaComment entities, posting, editing, voting, following and commenting, and the `ideas`/`idea` queries."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.ideas import ideas as service
from resolvers.ideas.ideas_votes import vote_idea
from resolvers.ideas.ideas_writes import comment_on_idea, edit_idea, follow_idea, post_idea
from resolvers.community.validation import UserError as UserErrorData
from resolvers.ids import id_argument, to_global_id
from schema.context import Info
from schema.ideas.lifecycle import LifecycleIdeaFields
from schema.relay import Connection, Node, SliceBacked, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.mutations import UserError
    from schema.community.types import Member, Topic

Row = dict[str, Any]
# Member's module imports this one (through the Member mixins): refer to community types lazily.
LazyMember = Annotated["Member", strawberry.lazy("schema.community.types")]
LazyTopic = Annotated["Topic", strawberry.lazy("schema.community.types")]
LazyUserError = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _member(row: Row | None):
    from schema.community.types import Member

    return Member.from_row(row) if row else None


def _errors(errors: list[UserErrorData]) -> list:
    from schema.community.mutations import UserError

    return [UserError(field=e.field, message=e.message, code=e.code) for e in errors]


def _fields(value: Any) -> dict[str, Any]:
    """The input fields the client actually sent (unset ones are left out)."""
    return {k: v for k, v in vars(value).items() if v is not strawberry.UNSET}


@strawberry.enum(description="Where an idea is in its lifecycle.")
class IdeaStatus(Enum):
    NEW = strawberry.enum_value("NEW", description="Posted; collecting votes below the review threshold.")
    UNDER_REVIEW = strawberry.enum_value("UNDER_REVIEW", description=(
        "Its points reached the review threshold (the classic 2,500); product managers look at it."))
    SHORTLISTED = "SHORTLISTED"
    IN_DEVELOPMENT = "IN_DEVELOPMENT"
    IN_TESTING = "IN_TESTING"
    RELEASED = "RELEASED"
    NOT_PLANNED = "NOT_PLANNED"
    MERGED = strawberry.enum_value("MERGED", description=(
        "A duplicate: its votes, coins, followers and comments moved to the idea it was merged into."))


@strawberry.enum(description="A member's vote on an idea: UP (+10 points), DOWN (-10 points) or NONE (no vote).")
class IdeaVoteValue(Enum):
    UP = "UP"
    DOWN = "DOWN"
    NONE = "NONE"


@strawberry.enum(description="Orders for `ideas`; ties go to the idea's id, so pages are stable.")
class IdeaOrder(Enum):
    POINTS = strawberry.enum_value("POINTS", description="Most points first.")
    TRENDING = strawberry.enum_value("TRENDING", description=(
        "Highest `trendingScore` first: votes count fully when cast and half as much every week after."))
    NEWEST = strawberry.enum_value("NEWEST", description="Newest first.")
    COINS = strawberry.enum_value("COINS", description="Most coins from prioritisation rounds first.")


_VOTE_OF = {1: IdeaVoteValue.UP, -1: IdeaVoteValue.DOWN}


@strawberry.federation.type(keys=["id"], description=(
    "A product idea a member posted in a product area, which members vote on, follow and discuss."))
class Idea(Node, LifecycleIdeaFields):
    id: strawberry.ID
    title: str
    description: str
    status: IdeaStatus
    created_at: datetime
    updated_at: datetime
    points: int = strawberry.field(description="10 per up vote minus 10 per down vote.")
    up_votes: int
    down_votes: int
    coins: int = strawberry.field(description="Coins members allocated to it in every prioritisation round.")
    follower_count: int = strawberry.field(description="How many members follow it (its author from the start).")
    comment_count: int
    expected_release: date | None = strawberry.field(description="When it is expected to ship, once planned.")
    under_review_at: datetime | None = strawberry.field(
        description="When its points first reached the review threshold; null before that.")
    status_changed_at: datetime | None = strawberry.field(description="When its status last changed; null while NEW.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "Idea":
        release = row.get("expectedRelease")
        return cls(
            id=strawberry.ID(to_global_id("Idea", row["id"])),
            title=row["title"],
            description=row["description"],
            status=IdeaStatus(row["status"]),
            created_at=time_of(row["createdAt"]),
            updated_at=time_of(row.get("updatedAt") or row["createdAt"]),
            points=row.get("points", 0),
            up_votes=row.get("upVotes", 0),
            down_votes=row.get("downVotes", 0),
            coins=row.get("coins", 0),
            follower_count=row.get("followerCount", 0),
            comment_count=row.get("commentCount", 0),
            expected_release=date.fromisoformat(release) if release else None,
            under_review_at=time_of(row.get("underReviewAt")),
            status_changed_at=time_of(row.get("statusChangedAt")),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Idea | None":
        local = reference_id(id, "Idea")
        row = await service.idea_by_id(info.context.scope, idea_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="Up votes plus down votes.")
    def vote_count(self) -> int:
        return self.up_votes + self.down_votes

    @strawberry.field(description=(
        "The TRENDING score now: the sum of its votes (+1 up, -1 down), each halved for every week since "
        "it was cast (a half-life of seven days)."))
    def trending_score(self, info: Info) -> float:
        return service.trending_score(info.context.scope, self.row)

    @strawberry.field(description="The product area (a topic) it belongs to.")
    async def product_area(self, info: Info) -> LazyTopic:
        from schema.community.types import Topic

        return Topic.from_row(await service.product_area_of(info.context.scope, self.row))

    @strawberry.field(description="Who posted it; null when their profile is hidden from you.")
    async def author(self, info: Info) -> LazyMember | None:
        return _member(await service.author_of(info.context.scope, self.row))

    @strawberry.field(description="Members following it whose profiles you may see, newest follow first.")
    async def followers(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> IdeaFollowerConnection:
        fetched = await service.followers_of_idea(info.context.scope, idea_id=self.row["id"],
                                                  win=window(first, after, last, before))
        return IdeaFollowerConnection.of(fetched)

    @strawberry.field(description="Its comments, oldest first.")
    async def comments(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[IdeaComment]:
        fetched = await service.comments_of_idea(info.context.scope, idea_id=self.row["id"],
                                                 win=window(first, after, last, before))
        return Connection.of(fetched, IdeaComment.from_row)

    @strawberry.field(description="Your vote on it; NONE when you have not voted or are not signed in.")
    async def viewer_vote(self, info: Info) -> IdeaVoteValue:
        value = await service.viewer_vote(info.context.scope, idea_id=self.row["id"])
        return _VOTE_OF.get(value, IdeaVoteValue.NONE)

    @strawberry.field(description="Whether you follow it; false when not signed in.")
    async def viewer_follows(self, info: Info) -> bool:
        return await service.viewer_follows(info.context.scope, idea_id=self.row["id"])

    @strawberry.field(description="Whether you may edit it: you posted it and it is still NEW.")
    def viewer_can_edit(self, info: Info) -> bool:
        return service.viewer_can_edit(info.context.scope, self.row)


@strawberry.federation.type(keys=["id"], description="A comment on an idea.")
class IdeaComment(Node):
    id: strawberry.ID
    body: str
    created_at: datetime
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "IdeaComment":
        return cls(id=strawberry.ID(to_global_id("IdeaComment", row["id"])), body=row["body"],
                   created_at=time_of(row["createdAt"]), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "IdeaComment | None":
        local = reference_id(id, "IdeaComment")
        row = await service.comment_by_id(info.context.scope, comment_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="Who wrote it; null when their profile is hidden from you.")
    async def author(self, info: Info) -> LazyMember | None:
        return _member(await service.author_of(info.context.scope, self.row))

    @strawberry.field(description="The idea it is on.")
    async def idea(self, info: Info) -> Idea:
        return Idea.from_row(await service.idea_by_id(info.context.scope, idea_id=self.row["ideaId"]))


@strawberry.type(description="A member following an idea, with when they started.")
class IdeaFollowerEdge:
    node: LazyMember
    cursor: str
    followed_at: datetime | None


@strawberry.type(description="Members following an idea.")
class IdeaFollowerConnection(SliceBacked):
    edges: list[IdeaFollowerEdge]

    @classmethod
    def of(cls, fetched) -> "IdeaFollowerConnection":
        edges = [IdeaFollowerEdge(node=_member(row), cursor=cursor, followed_at=time_of(row.get("followedAt")))
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return cls(edges=edges, fetched=fetched)

    @strawberry.field(description="The members of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[LazyMember]:
        return [edge.node for edge in self.edges]


@strawberry.input(description="Narrows `ideas`; all given conditions must hold.")
class IdeaFilter:
    status: list[IdeaStatus] | None = strawberry.field(default=None, description=(
        "Any of these statuses. Without it every status but MERGED is listed: merged ideas only when asked for."))
    product_area_id: strawberry.ID | None = strawberry.field(default=None, description="The product area (a topic).")
    search: str | None = strawberry.field(default=None, description="Words in the title or description.")
    author_id: strawberry.ID | None = strawberry.field(default=None, description=(
        "The member who posted it (matches nothing when their profile is hidden from you)."))


@strawberry.type
class IdeaQueries:
    @strawberry.field(description="Ideas, filtered and ordered (POINTS unless told otherwise).")
    async def ideas(
        self, info: Info, filter: IdeaFilter | None = None, order_by: IdeaOrder = IdeaOrder.POINTS,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[Idea]:
        f = filter or IdeaFilter()
        fetched = await service.list_ideas(
            info.context.scope, win=window(first, after, last, before),
            statuses=[s.value for s in f.status] if f.status is not None else None,
            product_area_id=str(f.product_area_id) if f.product_area_id is not None else None,
            search=f.search,
            author_id=str(f.author_id) if f.author_id is not None else None,
            order_by=order_by.value,
        )
        return Connection.of(fetched, Idea.from_row)

    @strawberry.field(description="An idea by its ID, or null if there is none.")
    async def idea(self, info: Info, id: strawberry.ID) -> Idea | None:
        idea_id = id_argument(str(id), "Idea", "id")  # a malformed ID is BAD_USER_INPUT
        row = await service.idea_by_id(info.context.scope, idea_id=idea_id)
        return Idea.from_row(row) if row else None


@strawberry.input(description="A new idea.")
class PostIdeaInput:
    title: str = strawberry.field(description="5 to 200 characters.")
    description: str = strawberry.field(description="1 to 10,000 characters.")
    product_area_id: strawberry.ID = strawberry.field(description="The product area (a topic) it is for.")


@strawberry.type
class PostIdeaPayload:
    idea: Idea | None
    user_errors: list[LazyUserError]


@strawberry.input(description="Idea fields to change; leave out what stays the same. Its author only, while NEW.")
class EditIdeaInput:
    id: strawberry.ID
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    product_area_id: strawberry.ID | None = strawberry.UNSET


@strawberry.type
class EditIdeaPayload:
    idea: Idea | None
    user_errors: list[LazyUserError]


@strawberry.input
class VoteIdeaInput:
    idea_id: strawberry.ID
    value: IdeaVoteValue = strawberry.field(description="UP or DOWN to vote or change your vote; NONE to withdraw it.")


@strawberry.type
class VoteIdeaPayload:
    idea: Idea | None
    user_errors: list[LazyUserError]


@strawberry.input
class FollowIdeaInput:
    idea_id: strawberry.ID


@strawberry.type
class FollowIdeaPayload:
    idea: Idea | None
    user_errors: list[LazyUserError]


@strawberry.input
class UnfollowIdeaInput:
    idea_id: strawberry.ID


@strawberry.type
class UnfollowIdeaPayload:
    idea: Idea | None
    user_errors: list[LazyUserError]


@strawberry.input
class CommentOnIdeaInput:
    idea_id: strawberry.ID
    body: str = strawberry.field(description="1 to 5,000 characters.")


@strawberry.type
class CommentOnIdeaPayload:
    comment: IdeaComment | None
    idea: Idea | None
    user_errors: list[LazyUserError]


def _idea(row: Row | None) -> Idea | None:
    return Idea.from_row(row) if row else None


@strawberry.type
class IdeaMutations:
    @strawberry.mutation(description="Post an idea in a product area; it starts NEW and you follow it.")
    async def post_idea(self, info: Info, input: PostIdeaInput) -> PostIdeaPayload:
        out = await post_idea(info.context.scope, title=input.title, description=input.description,
                              product_area_id=str(input.product_area_id))
        return PostIdeaPayload(idea=_idea(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Change your own idea while it is NEW (NOT_EDITABLE after that).")
    async def edit_idea(self, info: Info, input: EditIdeaInput) -> EditIdeaPayload:
        changes = _fields(input)
        idea_id = str(changes.pop("id"))
        if changes.get("product_area_id") is not None:
            changes["product_area_id"] = str(changes["product_area_id"])
        out = await edit_idea(info.context.scope, idea_global_id=idea_id, changes=changes)
        return EditIdeaPayload(idea=_idea(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Vote an idea UP or DOWN, change your vote, or withdraw it with NONE; not your own idea (OWN_IDEA), "
        "not a merged one (IDEA_MERGED). The vote that brings a NEW idea to the review threshold moves it "
        "to UNDER_REVIEW."))
    async def vote_idea(self, info: Info, input: VoteIdeaInput) -> VoteIdeaPayload:
        out = await vote_idea(info.context.scope, idea_global_id=str(input.idea_id), value=input.value.value)
        return VoteIdeaPayload(idea=_idea(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Follow an idea; following twice is harmless.")
    async def follow_idea(self, info: Info, input: FollowIdeaInput) -> FollowIdeaPayload:
        out = await follow_idea(info.context.scope, idea_global_id=str(input.idea_id), follow=True)
        return FollowIdeaPayload(idea=_idea(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Stop following an idea; harmless if you did not.")
    async def unfollow_idea(self, info: Info, input: UnfollowIdeaInput) -> UnfollowIdeaPayload:
        out = await follow_idea(info.context.scope, idea_global_id=str(input.idea_id), follow=False)
        return UnfollowIdeaPayload(idea=_idea(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Comment on an idea.")
    async def comment_on_idea(self, info: Info, input: CommentOnIdeaInput) -> CommentOnIdeaPayload:
        out = await comment_on_idea(info.context.scope, idea_global_id=str(input.idea_id), body=input.body)
        value = out.value or {}
        comment = value.get("comment")
        return CommentOnIdeaPayload(comment=IdeaComment.from_row(comment) if comment else None,
                                    idea=_idea(value.get("idea")), user_errors=_errors(out.user_errors))


@strawberry.type
class IdeaMemberFields:
    @strawberry.field(description="Ideas this member posted (every status), newest first.")
    async def ideas(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Idea]:
        fetched = await service.ideas_of_member(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                win=window(first, after, last, before))
        return Connection.of(fetched, Idea.from_row)


ENTITIES: list[type] = [Idea, IdeaComment]
