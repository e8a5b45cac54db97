"""CommunityMutations: one input and one payload with `userErrors` per mutation."""

from __future__ import annotations

from typing import Any

import strawberry

from resolvers.community import service
from resolvers.community.validation import UserError as UserErrorData
from schema.community.types import Group, GroupKind, Member, ProfileVisibility, Skill, SkillRating, Topic
from schema.context import Info


# Every subgraph's payloads carry it: a value type they share.
@strawberry.federation.type(shareable=True, description="Why a mutation did nothing: the input field at fault, a message and a code.")
class UserError:
    field: str | None = strawberry.field(description="The input field at fault, as a dotted path.")
    message: str
    code: str = strawberry.field(description=(
        "BAD_USER_INPUT, NOT_FOUND, CONFLICT or FORBIDDEN, or a rule's own code: CANNOT_FOLLOW_SELF, LAST_LEADER, "
        "CANNOT_ENDORSE_SELF, CANNOT_VOTE_OWN, EVENT_ENDED, CAPACITY_BELOW_GOING."))


def _errors(errors: list[UserErrorData]) -> list[UserError]:
    return [UserError(field=e.field, message=e.message, code=e.code) for e in errors]


def _fields(value: Any) -> dict[str, Any]:
    """The input fields the client actually sent (unset ones are left out)."""
    return {k: v for k, v in vars(value).items() if v is not strawberry.UNSET}


@strawberry.input(description="Profile fields to change; leave out what stays the same.")
class UpdateProfileInput:
    display_name: str | None = strawberry.UNSET
    headline: str | None = strawberry.UNSET
    bio: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    country: str | None = strawberry.UNSET
    latitude: float | None = strawberry.UNSET
    longitude: float | None = strawberry.UNSET
    company: str | None = strawberry.UNSET
    job_title: str | None = strawberry.UNSET
    avatar_url: str | None = strawberry.UNSET
    visibility: ProfileVisibility | None = strawberry.UNSET


@strawberry.type
class UpdateProfilePayload:
    member: Member | None
    user_errors: list[UserError]


@strawberry.input
class FollowMemberInput:
    member_id: strawberry.ID


@strawberry.type
class FollowMemberPayload:
    member: Member | None = strawberry.field(description="The member now followed.")
    user_errors: list[UserError]


@strawberry.input
class UnfollowMemberInput:
    member_id: strawberry.ID


@strawberry.type
class UnfollowMemberPayload:
    member: Member | None = strawberry.field(description="The member no longer followed.")
    user_errors: list[UserError]


@strawberry.input
class FollowTopicInput:
    topic_id: strawberry.ID


@strawberry.type
class FollowTopicPayload:
    topic: Topic | None
    user_errors: list[UserError]


@strawberry.input
class UnfollowTopicInput:
    topic_id: strawberry.ID


@strawberry.type
class UnfollowTopicPayload:
    topic: Topic | None
    user_errors: list[UserError]


@strawberry.input
class JoinGroupInput:
    group_id: strawberry.ID


@strawberry.type
class JoinGroupPayload:
    group: Group | None
    user_errors: list[UserError]


@strawberry.input
class LeaveGroupInput:
    group_id: strawberry.ID


@strawberry.type
class LeaveGroupPayload:
    group: Group | None
    user_errors: list[UserError]


@strawberry.input(description="A new group; you become its first leader.")
class CreateGroupInput:
    slug: str = strawberry.field(description="Lower-case letters, digits and dashes; unique.")
    name: str
    kind: GroupKind
    description: str | None = None
    city: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    topic_ids: list[strawberry.ID] | None = None


@strawberry.type
class CreateGroupPayload:
    group: Group | None
    user_errors: list[UserError]


@strawberry.input(description="Group fields to change; leave out what stays the same. Leaders only.")
class UpdateGroupInput:
    group_id: strawberry.ID
    name: str | None = strawberry.UNSET
    kind: GroupKind | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    city: str | None = strawberry.UNSET
    country: str | None = strawberry.UNSET
    latitude: float | None = strawberry.UNSET
    longitude: float | None = strawberry.UNSET
    topic_ids: list[strawberry.ID] | None = strawberry.UNSET


@strawberry.type
class UpdateGroupPayload:
    group: Group | None
    user_errors: list[UserError]


@strawberry.input
class SetSkillInput:
    skill_id: strawberry.ID
    level: int = strawberry.field(description="1 (beginner) to 5 (expert).")


@strawberry.type
class SetSkillPayload:
    skill_rating: SkillRating | None
    user_errors: list[UserError]


@strawberry.input
class RemoveSkillInput:
    skill_id: strawberry.ID


@strawberry.type
class RemoveSkillPayload:
    skill: Skill | None
    user_errors: list[UserError]


def _member(row):
    return Member.from_row(row) if row else None


def _group(row):
    return Group.from_row(row) if row else None


def _topic(row):
    return Topic.from_row(row) if row else None


@strawberry.type
class CommunityMutations:
    @strawberry.mutation(description="Change your own profile.")
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> UpdateProfilePayload:
        changes = _fields(input)
        if isinstance(changes.get("visibility"), ProfileVisibility):
            changes["visibility"] = changes["visibility"].value
        out = await service.update_profile(info.context.scope, changes=changes)
        return UpdateProfilePayload(member=_member(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Follow a member; following twice is harmless; not yourself.")
    async def follow_member(self, info: Info, input: FollowMemberInput) -> FollowMemberPayload:
        out = await service.follow_member(info.context.scope, member_global_id=str(input.member_id), follow=True)
        return FollowMemberPayload(member=_member(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Stop following a member; harmless if you did not.")
    async def unfollow_member(self, info: Info, input: UnfollowMemberInput) -> UnfollowMemberPayload:
        out = await service.follow_member(info.context.scope, member_global_id=str(input.member_id), follow=False)
        return UnfollowMemberPayload(member=_member(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Follow a topic; following twice is harmless.")
    async def follow_topic(self, info: Info, input: FollowTopicInput) -> FollowTopicPayload:
        out = await service.follow_topic(info.context.scope, topic_global_id=str(input.topic_id), follow=True)
        return FollowTopicPayload(topic=_topic(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Stop following a topic; harmless if you did not.")
    async def unfollow_topic(self, info: Info, input: UnfollowTopicInput) -> UnfollowTopicPayload:
        out = await service.follow_topic(info.context.scope, topic_global_id=str(input.topic_id), follow=False)
        return UnfollowTopicPayload(topic=_topic(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Join a group as a member; joining twice is harmless.")
    async def join_group(self, info: Info, input: JoinGroupInput) -> JoinGroupPayload:
        out = await service.join_group(info.context.scope, group_global_id=str(input.group_id))
        return JoinGroupPayload(group=_group(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Leave a group; its last leader cannot.")
    async def leave_group(self, info: Info, input: LeaveGroupInput) -> LeaveGroupPayload:
        out = await service.leave_group(info.context.scope, group_global_id=str(input.group_id))
        return LeaveGroupPayload(group=_group(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Create a group and become its leader.")
    async def create_group(self, info: Info, input: CreateGroupInput) -> CreateGroupPayload:
        values = _fields(input)
        values["kind"] = input.kind.value
        values["topic_ids"] = [str(v) for v in input.topic_ids] if input.topic_ids is not None else None
        out = await service.create_group(info.context.scope, values=values)
        return CreateGroupPayload(group=_group(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Change a group you lead.")
    async def update_group(self, info: Info, input: UpdateGroupInput) -> UpdateGroupPayload:
        values = _fields(input)
        group_id = str(values.pop("group_id"))
        if isinstance(values.get("kind"), GroupKind):
            values["kind"] = values["kind"].value
        if values.get("topic_ids") is not None:
            values["topic_ids"] = [str(v) for v in values["topic_ids"]]
        out = await service.update_group(info.context.scope, group_global_id=group_id, values=values)
        return UpdateGroupPayload(group=_group(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Hold a skill at a level on your own profile.")
    async def set_skill(self, info: Info, input: SetSkillInput) -> SetSkillPayload:
        out = await service.set_skill(info.context.scope, skill_global_id=str(input.skill_id), level=input.level)
        viewer = info.context.scope.viewer
        rating = SkillRating.from_row(out.value, member_id=viewer.member_id) if out.value and viewer else None
        return SetSkillPayload(skill_rating=rating, user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Remove a skill from your own profile.")
    async def remove_skill(self, info: Info, input: RemoveSkillInput) -> RemoveSkillPayload:
        out = await service.remove_skill(info.context.scope, skill_global_id=str(input.skill_id))
        return RemoveSkillPayload(skill=Skill.from_row(out.value) if out.value else None,
                                  user_errors=_errors(out.user_errors))
