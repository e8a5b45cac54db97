"""Learning progress: `completeUnit` and `completeSuperbadge`, and the Member fields `points`,
`badgeCount`, `rank`, `badges`, `trailProgress` and `learningActivity`.

A Member object exists only for a profile the viewer may see, so these fields are public
wherever the member is. Mutations act for the signed-in viewer only.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from graph.community.repository import Row
from graph.learning.progress import Completion
from graph.learning.progress import EarnedBadge as EarnedBadgeData
from resolvers.learning import progress as service
from resolvers.learning.catalog import catalog
from schema.context import Info
from schema.learning.catalog import Badge, BadgeKind, Module, Rank, Superbadge, Trail, Unit, time_of
from schema.learning.sharing import Sharing
from schema.relay import Connection, window

if TYPE_CHECKING:
    from schema.community.mutations import UserError
    from schema.community.types import Member

# Lazy: schema.community.types imports this module (through the Member field mixins).
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _member(row: Row | None) -> Member | None:
    from schema.community.types import Member

    return Member.from_row(row) if row else None


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


# -- types ---------------------------------------------------------------------------------------


@strawberry.type(description="A badge a member earned: when, and its Open Badges assertion id.")
class EarnedBadge:
    badge: Badge
    earned_at: datetime
    assertion_id: str = strawberry.field(description=(
        "The stable id of this award (its Open Badges assertion); the same whenever it is read."))

    @strawberry.field(description=(
        "Share it: its Open Badges 3.0 document (public, unsigned) and a LinkedIn add-to-profile link."))
    def sharing(self) -> Sharing:
        return Sharing.for_earned_badge({"id": self.assertion_id, "at": self.earned_at, "badgeTitle": self.badge.title})

    @classmethod
    def from_row(cls, row: Row) -> "EarnedBadge":
        return cls(badge=Badge.from_row(row["badge"]), earned_at=time_of(row["earnedAt"]),  # type: ignore[arg-type]
                   assertion_id=row["assertionId"])

    @classmethod
    def of(cls, earned: EarnedBadgeData) -> "EarnedBadge":
        return cls.from_row({"badge": earned.badge, "earnedAt": earned.earned_at, "assertionId": earned.assertion_id})


@strawberry.type(description="Where a member stands on the rank ladder and what the next rank still needs.")
class RankStatus:
    rank: Rank | None = strawberry.field(description="The member's rank; null only when the ladder is empty.")
    next_rank: Rank | None = strawberry.field(description="The rank above; null at the top of the ladder.")
    points_to_next_rank: int = strawberry.field(description="Points still missing for the next rank (0 at the top).")
    badges_to_next_rank: int = strawberry.field(description="Badges still missing for the next rank (0 at the top).")
    is_ranger: bool = strawberry.field(description="Whether the rank is Ranger or one of the star Ranger ranks above it.")


@strawberry.type(description="A member's progress on one trail they started.")
class TrailProgress:
    trail: Trail
    completed_modules: int = strawberry.field(description="How many of the trail's modules the member completed.")
    total_modules: int
    percent: float = strawberry.field(description="completedModules / totalModules, as a percentage from 0 to 100.")
    is_complete: bool
    completed_at: datetime | None = strawberry.field(description=(
        "When the member completed the trail's last module; null while the trail is not complete."))
    last_completed_at: datetime = strawberry.field(description="When the member last completed one of its modules.")

    @classmethod
    def from_row(cls, row: Row) -> "TrailProgress":
        total = int(row["trail"].get("moduleCount") or 0)
        done = min(int(row["completedModules"]), total) if total else int(row["completedModules"])
        complete = total > 0 and done >= total
        last = time_of(row["lastCompletedAt"])
        return cls(trail=Trail.from_row(row["trail"]), completed_modules=done, total_modules=total,
                   percent=round(100.0 * done / total, 1) if total else 0.0, is_complete=complete,
                   completed_at=last if complete else None, last_completed_at=last)  # type: ignore[arg-type]


@strawberry.enum(description="What happened in a learning activity entry.")
class LearningActivityKind(Enum):
    BADGE_EARNED = strawberry.enum_value("BADGE_EARNED", description="`badge` was earned.")
    RANK_REACHED = strawberry.enum_value("RANK_REACHED", description="The member was promoted to `rank`.")
    SUPERBADGE_COMPLETED = strawberry.enum_value("SUPERBADGE_COMPLETED", description="`superbadge` was completed.")
    MODULE_COMPLETED = strawberry.enum_value("MODULE_COMPLETED", description=(
        "`module` (a module, project or maintenance module) was completed."))


@strawberry.type(description=(
    "One entry of a member's learning activity. `kind` says which one field is set: `badge` for "
    "BADGE_EARNED, `rank` for RANK_REACHED, `superbadge` for SUPERBADGE_COMPLETED, `module` for "
    "MODULE_COMPLETED; the others are null."))
class LearningActivity:
    kind: LearningActivityKind
    at: datetime
    badge: Badge | None
    rank: Rank | None
    superbadge: Superbadge | None
    module: Module | None

    @classmethod
    def from_row(cls, row: Row) -> "LearningActivity":
        kind, target = LearningActivityKind(row["kind"]), row["target"]
        return cls(kind=kind, at=time_of(row["at"]),  # type: ignore[arg-type]
                   badge=Badge.from_row(target) if kind is LearningActivityKind.BADGE_EARNED else None,
                   rank=Rank.from_row(target) if kind is LearningActivityKind.RANK_REACHED else None,
                   superbadge=Superbadge.from_row(target) if kind is LearningActivityKind.SUPERBADGE_COMPLETED else None,
                   module=Module.from_row(target) if kind is LearningActivityKind.MODULE_COMPLETED else None)


# -- mutations -----------------------------------------------------------------------------------


@strawberry.input(description="The unit you completed.")
class CompleteUnitInput:
    unit_id: strawberry.ID


@strawberry.type(description=(
    "What completing a unit did. Completing a unit again (a retry, a double submission) is not an "
    "error: it answers the same shape with nothing awarded and `alreadyCompleted` true."))
class CompleteUnitPayload:
    unit: Unit | None
    member: MemberRef | None = strawberry.field(description="You, with your points, badges and rank after this.")
    points_awarded: int = strawberry.field(description="Points this request added: the unit's, or 0.")
    badges_earned: list[EarnedBadge] = strawberry.field(description=(
        "Badges this request earned: the module's when this was its last unit, and a quest's "
        "limited-edition badge when this finished a quest."))
    rank_reached: Rank | None = strawberry.field(description="Your new rank when this promoted you, else null.")
    module_completed: bool | None = strawberry.field(description=(
        "Whether you have now completed the unit's whole module (also on a repeated request)."))
    already_completed: bool | None = strawberry.field(description=(
        "True when you had completed this unit before this request, which then awarded nothing."))
    user_errors: list[UserErrorRef]
    module_id: Private[str | None] = None

    @strawberry.field(description="The unit's module.")
    async def module(self, info: Info) -> Module | None:
        row = await catalog(info.context.scope).module_by_id.load(self.module_id) if self.module_id else None
        return Module.from_row(row) if row else None


@strawberry.input(description="The superbadge you completed.")
class CompleteSuperbadgeInput:
    superbadge_id: strawberry.ID


@strawberry.type(description=(
    "What completing a superbadge did. Refused with PREREQUISITES_MISSING (and `missing`) until "
    "every prerequisite module is completed; completing it again is not an error."))
class CompleteSuperbadgePayload:
    superbadge: Superbadge | None
    member: MemberRef | None = strawberry.field(description="You, with your points, badges and rank after this.")
    points_awarded: int
    badges_earned: list[EarnedBadge]
    rank_reached: Rank | None
    already_completed: bool | None
    missing: list[Module] = strawberry.field(description=(
        "The prerequisite modules you still have to complete, by title (with PREREQUISITES_MISSING)."))
    user_errors: list[UserErrorRef]


def _awards(done: Completion | None) -> dict:
    if done is None or done.already or done.missing:
        return dict(points_awarded=0, badges_earned=[], rank_reached=None)
    return dict(points_awarded=done.points, badges_earned=[EarnedBadge.of(b) for b in done.badges],
                rank_reached=Rank.from_row(done.rank_reached) if done.rank_reached else None)


@strawberry.type
class ProgressQueries:
    pass


@strawberry.type
class ProgressMutations:
    @strawberry.mutation(description=(
        "Complete a unit: awards its points once however often it is sent; the module's last unit "
        "completes the module and earns its badge; finishing a quest's requirements inside its "
        "window enters you in its prize draw and earns its limited-edition badge; crossing a rank's "
        "thresholds promotes you. Signed-in members only."))
    async def complete_unit(self, info: Info, input: CompleteUnitInput) -> CompleteUnitPayload:
        out = await service.complete_unit(info.context.scope, unit_global_id=str(input.unit_id))
        done = out.value
        return CompleteUnitPayload(
            unit=Unit.from_row(done.target) if done else None, member=_member(done.member if done else None),
            module_completed=done.module_completed if done else None,
            already_completed=done.already if done else None, user_errors=_errors(out.user_errors),
            module_id=done.module_id if done else None, **_awards(done))

    @strawberry.mutation(description=(
        "Complete a superbadge: refused with PREREQUISITES_MISSING until its prerequisite modules "
        "are completed; then awards its points and badge once, enters finished quests and promotes "
        "you when a rank is reached. Signed-in members only."))
    async def complete_superbadge(self, info: Info, input: CompleteSuperbadgeInput) -> CompleteSuperbadgePayload:
        scope = info.context.scope
        out = await service.complete_superbadge(scope, superbadge_global_id=str(input.superbadge_id))
        done = out.value
        missing = await service.missing_modules(scope, done) if done and done.missing else []
        return CompleteSuperbadgePayload(
            superbadge=Superbadge.from_row(done.target) if done else None,
            member=_member(done.member if done and not done.missing else None),
            already_completed=done.already if done and not done.missing else None,
            missing=[Module.from_row(m) for m in missing], user_errors=_errors(out.user_errors), **_awards(done))


@strawberry.type
class ProgressMemberFields:
    @strawberry.field(description="Points earned: the sum of the member's completions (the points ledger).")
    async def points(self, info: Info) -> int:
        return (await service.counters(info.context.scope, self.row))["points"]  # type: ignore[attr-defined]

    @strawberry.field(description="How many badges the member earned.")
    async def badge_count(self, info: Info) -> int:
        return (await service.counters(info.context.scope, self.row))["badgeCount"]  # type: ignore[attr-defined]

    @strawberry.field(description="The member's rank, the next one and what is missing to reach it.")
    async def rank(self, info: Info) -> RankStatus:
        standing = await service.rank_standing(info.context.scope, self.row)  # type: ignore[attr-defined]
        return RankStatus(rank=Rank.from_row(standing.rank) if standing.rank else None,
                          next_rank=Rank.from_row(standing.next_rank) if standing.next_rank else None,
                          points_to_next_rank=standing.points_needed, badges_to_next_rank=standing.badges_needed,
                          is_ranger=standing.is_ranger)

    @strawberry.field(description="Badges the member earned (of `kind` when given), newest first.")
    async def badges(self, info: Info, kind: BadgeKind | None = None, first: int | None = None,
                     after: str | None = None, last: int | None = None,
                     before: str | None = None) -> Connection[EarnedBadge]:
        fetched = await service.badges_of(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                          win=window(first, after, last, before), kind=kind.value if kind else None)
        return Connection.of(fetched, EarnedBadge.from_row)

    @strawberry.field(description=(
        "The trails the member started (completed at least one of their modules), the most recently "
        "progressed first."))
    async def trail_progress(self, info: Info, first: int | None = None, after: str | None = None,
                             last: int | None = None, before: str | None = None) -> Connection[TrailProgress]:
        fetched = await service.trail_progress(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                               win=window(first, after, last, before))
        return Connection.of(fetched, TrailProgress.from_row)

    @strawberry.field(description=(
        "The member's learning activity, newest first: badges earned, ranks reached, superbadges and "
        "modules completed. Facts of one moment list the later step first (rank, badge, superbadge, module)."))
    async def learning_activity(self, info: Info, first: int | None = None, after: str | None = None,
                                last: int | None = None, before: str | None = None) -> Connection[LearningActivity]:
        fetched = await service.learning_activity(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                  win=window(first, after, last, before))
        return Connection.of(fetched, LearningActivity.from_row)


ENTITIES: list[type] = []
