"""ConnectionMutations: endorsements and dismissing suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers.connections import service
from schema.community.mutations import UserError, _errors
from schema.connections.types import MemberRef, _community
from schema.context import Info

if TYPE_CHECKING:
    from schema.community.types import SkillRating


@strawberry.input
class EndorseSkillInput:
    member_id: strawberry.ID
    skill_id: strawberry.ID


@strawberry.type
class EndorseSkillPayload:
    member: MemberRef | None = strawberry.field(description="The member endorsed.")
    skill: Annotated["SkillRating", strawberry.lazy("schema.community.types")] | None = strawberry.field(
        description="Their skill, with its endorsement count after this change.")
    user_errors: list[UserError]


@strawberry.input
class WithdrawEndorsementInput(EndorseSkillInput):
    pass


@strawberry.type
class WithdrawEndorsementPayload(EndorseSkillPayload):
    pass


@strawberry.input
class DismissSuggestionInput:
    member_id: strawberry.ID


@strawberry.type
class DismissSuggestionPayload:
    member: MemberRef | None = strawberry.field(description="The member no longer suggested to you.")
    user_errors: list[UserError]


async def _endorse(info: Info, input: EndorseSkillInput, endorse: bool, payload: type[EndorseSkillPayload]):
    outcome = await service.endorse_skill(info.context.scope, member_global_id=str(input.member_id),
                                          skill_global_id=str(input.skill_id), endorse=endorse)
    if outcome.value is None:
        return payload(member=None, skill=None, user_errors=_errors(outcome.user_errors))
    member, skill = outcome.value
    types = _community()
    return payload(member=types.Member.from_row(member),
                               skill=types.SkillRating.from_row(skill, member_id=member["id"]), user_errors=[])


@strawberry.type
class ConnectionMutations:
    @strawberry.mutation(description="Endorse a member for a skill they hold. Counts once; never yourself.")
    async def endorse_skill(self, info: Info, input: EndorseSkillInput) -> EndorseSkillPayload:
        return await _endorse(info, input, True, EndorseSkillPayload)

    @strawberry.mutation(description="Withdraw your endorsement of a member's skill; idempotent.")
    async def withdraw_endorsement(self, info: Info, input: WithdrawEndorsementInput) -> WithdrawEndorsementPayload:
        return await _endorse(info, input, False, WithdrawEndorsementPayload)

    @strawberry.mutation(description="Hide a member from your people-you-may-know suggestions for good.")
    async def dismiss_suggestion(self, info: Info, input: DismissSuggestionInput) -> DismissSuggestionPayload:
        outcome = await service.dismiss_suggestion(info.context.scope, member_global_id=str(input.member_id))
        member = _community().Member.from_row(outcome.value) if outcome.value else None
        return DismissSuggestionPayload(member=member, user_errors=_errors(outcome.user_errors))
