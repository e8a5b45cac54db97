"""An idea's lifecycle: status changes by product managers (`setIdeaStatus`), the status history, duplicates (`mergeIdeas`) and the roadmap."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.community.validation import UserError as UserErrorData
from resolvers.ideas import lifecycle as service
from resolvers.ideas import lifecycle_roadmap as roadmap_service
from resolvers.ideas.lifecycle_merge import merge_ideas
from resolvers.ideas.lifecycle_roadmap import DEFAULT_COLUMN_SIZE, RoadmapColumn as ColumnData
from resolvers.ids import to_global_id
from schema.context import Info
from schema.relay import Connection, Node, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.mutations import UserError
    from schema.community.types import Member, Topic
    from schema.ideas.ideas import Idea, IdeaStatus

Row = dict[str, Any]
# The Idea module imports this one (Idea inherits LifecycleIdeaFields): refer to its types lazily.
LazyIdea = Annotated["Idea", strawberry.lazy("schema.ideas.ideas")]
LazyIdeaStatus = Annotated["IdeaStatus", strawberry.lazy("schema.ideas.ideas")]
LazyMember = Annotated["Member", strawberry.lazy("schema.community.types")]
LazyTopic = Annotated["Topic", strawberry.lazy("schema.community.types")]
LazyUserError = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _idea(row: Row | None):
    from schema.ideas.ideas import Idea

    return Idea.from_row(row) if row else None


def _status(value: str):
    from schema.ideas.ideas import IdeaStatus

    return IdeaStatus(value)


def _errors(errors: list[UserErrorData]) -> list:
    from schema.community.mutations import UserError

    return [UserError(field=e.field, message=e.message, code=e.code) for e in errors]


@strawberry.federation.type(keys=["id"], description=(
    "One change of an idea's status: a product manager's move (with their comment and, where it applies, an "
    "expected release), a merge into another idea, or the automatic move to UNDER_REVIEW when its points "
    "reached the review threshold."))
class IdeaStatusChange(Node):
    id: strawberry.ID
    from_: LazyIdeaStatus = strawberry.field(name="from", description="The status before the change.")
    to: LazyIdeaStatus = strawberry.field(description="The status after it.")
    comment: str | None = strawberry.field(description="The product manager's comment; null for the automatic move.")
    expected_release: date | None = strawberry.field(description="The expected release given with the change, if any.")
    at: datetime
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "IdeaStatusChange":
        release = row.get("expectedRelease")
        return cls(
            id=strawberry.ID(to_global_id("IdeaStatusChange", row["id"])),
            from_=_status(row["from"]),
            to=_status(row["to"]),
            comment=row.get("comment"),
            expected_release=date.fromisoformat(release) if release else None,
            at=time_of(row["at"]),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "IdeaStatusChange | None":
        local = reference_id(id, "IdeaStatusChange")
        row = await service.status_change_by_id(info.context.scope, change_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="The idea whose status changed.")
    async def idea(self, info: Info) -> LazyIdea:
        return _idea(await service.idea_of_change(info.context.scope, self.row))

    @strawberry.field(description=(
        "The product manager who made the change; null for the automatic move to UNDER_REVIEW, or when "
        "their profile is hidden from you."))
    async def changed_by(self, info: Info) -> LazyMember | None:
        from schema.community.types import Member

        row = await service.changed_by(info.context.scope, self.row)
        return Member.from_row(row) if row else None


@strawberry.type
class LifecycleIdeaFields:
    @strawberry.field(description="Its status changes, newest first.")
    async def status_history(self, info: Info, first: int | None = None,
                             after: str | None = None) -> Connection[IdeaStatusChange]:
        fetched = await service.status_history(info.context.scope, idea_id=self.row["id"],  # type: ignore[attr-defined]
                                               win=window(first, after, None, None))
        return Connection.of(fetched, IdeaStatusChange.from_row)

    @strawberry.field(description="For a MERGED idea, the idea it was merged into (its votes, followers, comments "
                                  "and coins live on there); null for every other idea.")
    async def merged_into(self, info: Info) -> LazyIdea | None:
        return _idea(await service.merged_into(info.context.scope, self.row))  # type: ignore[attr-defined]


@strawberry.type(description="The ideas of one status on the roadmap.")
class RoadmapColumn:
    status: LazyIdeaStatus
    data: Private[ColumnData]

    @strawberry.field(description="How many ideas have this status.")
    async def total_count(self, info: Info) -> int:
        return await roadmap_service.column_count(info.context.scope, self.data)

    @strawberry.field(description=(
        "The first ideas of the column (at most 100): by expected release, the earliest first and those "
        "without one last, then by points."))
    async def ideas(self, info: Info, first: int = DEFAULT_COLUMN_SIZE) -> list[LazyIdea]:
        rows = await roadmap_service.column_ideas(info.context.scope, self.data, first=first)
        return [_idea(row) for row in rows]


@strawberry.type(description="The ideas product managers have taken on, by status, with their expected releases.")
class Roadmap:
    product_area: LazyTopic | None = strawberry.field(description="The product area; null for the roadmap of every area (and for an unknown one).")
    columns: list[RoadmapColumn] = strawberry.field(
        description="UNDER_REVIEW, SHORTLISTED, IN_DEVELOPMENT, IN_TESTING and RELEASED, in that order.")


@strawberry.type
class LifecycleQueries:
    @strawberry.field(description="The roadmap of a product area (a topic), or of every area when none is given.")
    async def roadmap(self, info: Info, product_area_id: strawberry.ID | None = None) -> Roadmap:
        from schema.community.types import Topic

        area_id, area = await roadmap_service.roadmap_area(
            info.context.scope, product_area_global_id=str(product_area_id) if product_area_id is not None else None)
        columns = [RoadmapColumn(status=_status(c.status), data=c) for c in roadmap_service.roadmap_columns(area_id)]
        return Roadmap(product_area=Topic.from_row(area) if area else None, columns=columns)


@strawberry.input(description="A product manager's move of an idea to another status.")
class SetIdeaStatusInput:
    idea_id: strawberry.ID
    status: LazyIdeaStatus = strawberry.field(description="SHORTLISTED, IN_DEVELOPMENT, IN_TESTING, RELEASED or NOT_PLANNED.")
    comment: str = strawberry.field(description="Why, for the idea's followers and voters: 1 to 2,000 characters.")
    expected_release: date | None = strawberry.field(default=None, description=(
        "When it is expected to ship; only with SHORTLISTED, IN_DEVELOPMENT, IN_TESTING or RELEASED. Left out, "
        "the idea keeps the date it had (a move to NOT_PLANNED clears it)."))


@strawberry.type
class SetIdeaStatusPayload:
    idea: LazyIdea | None
    status_change: IdeaStatusChange | None
    user_errors: list[LazyUserError]


@strawberry.input(description="A product manager's merge of a duplicate idea into the idea that survives it.")
class MergeIdeasInput:
    from_id: strawberry.ID = strawberry.field(description="The duplicate: it becomes MERGED.")
    into_id: strawberry.ID = strawberry.field(description="The survivor: it gets the duplicate's votes, followers, "
                                                          "comments and coins.")
    comment: str | None = strawberry.field(default=None, description="Why, in the duplicate's history: 1 to 2,000 characters.")


@strawberry.type
class MergeIdeasPayload:
    idea: LazyIdea | None = strawberry.field(description="The survivor.")
    merged: LazyIdea | None = strawberry.field(description="The duplicate, now MERGED.")
    status_change: IdeaStatusChange | None = strawberry.field(description="The duplicate's change to MERGED.")
    user_errors: list[LazyUserError]


@strawberry.type
class LifecycleMutations:
    @strawberry.mutation(description=(
        "Move an idea to SHORTLISTED, IN_DEVELOPMENT, IN_TESTING, RELEASED or NOT_PLANNED, with a comment; product "
        "managers only. Not a MERGED idea (IDEA_MERGED), not to the status it has (INVALID_TRANSITION). Its "
        "followers and voters see the change in their feeds."))
    async def set_idea_status(self, info: Info, input: SetIdeaStatusInput) -> SetIdeaStatusPayload:
        out = await service.set_idea_status(info.context.scope, idea_global_id=str(input.idea_id),
                                            status=input.status.value, comment=input.comment,
                                            expected_release=input.expected_release)
        done = out.value
        return SetIdeaStatusPayload(idea=_idea(done.idea) if done else None,
                                    status_change=IdeaStatusChange.from_row(done.change) if done else None,
                                    user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Merge a duplicate idea into another; product managers only. Votes, followers, comments and coins move to "
        "the survivor; a member who voted on both counts once. Neither may be MERGED already (IDEA_MERGED); not an "
        "idea into itself (SAME_IDEA)."))
    async def merge_ideas(self, info: Info, input: MergeIdeasInput) -> MergeIdeasPayload:
        out = await merge_ideas(info.context.scope, from_global_id=str(input.from_id),
                                into_global_id=str(input.into_id), comment=input.comment)
        done = out.value
        return MergeIdeasPayload(idea=_idea(done.survivor) if done else None,
                                 merged=_idea(done.merged) if done else None,
                                 status_change=IdeaStatusChange.from_row(done.change) if done else None,
                                 user_errors=_errors(out.user_errors))


ENTITIES: list[type] = [IdeaStatusChange]
