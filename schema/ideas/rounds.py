"""Prioritisation rounds: opening and closing them, coin allocations, results and `viewer.coinsLeft`.

Thin types and root fields over `resolvers.ideas.rounds`. Idea lives in `schema.ideas.ideas`, Topic
and Member in `schema.community.types` (which imports this module through the Member mixins), so
they are referred to lazily.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.ideas import rounds as service
from resolvers.ideas.context import ideas
from resolvers.ideas.rules import ROUND_BUDGET
from resolvers.ids import to_global_id
from schema.context import Info
from schema.relay import Connection, Node, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.mutations import UserError
    from schema.community.types import Topic
    from schema.ideas.ideas import Idea

Row = dict[str, Any]
LazyIdea = Annotated["Idea", strawberry.lazy("schema.ideas.ideas")]
LazyTopic = Annotated["Topic", strawberry.lazy("schema.community.types")]
LazyUserError = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _idea(row: Row) -> "Idea":
    from schema.ideas.ideas import Idea

    return Idea.from_row(row)


def _errors(errors) -> list:
    from schema.community.mutations import UserError

    return [UserError(field=e.field, message=e.message, code=e.code) for e in errors]


@strawberry.enum(description="Where a prioritisation round is, by the clock.")
class RoundStatus(Enum):
    UPCOMING = strawberry.enum_value("UPCOMING", description="Its window has not opened yet.")
    OPEN = strawberry.enum_value("OPEN", description="Inside its window: members allocate coins.")
    ENDED = strawberry.enum_value("ENDED", description="Its window is over; `closeRound` has not run yet.")
    CLOSED = strawberry.enum_value("CLOSED", description="`closeRound` selected its winners.")


@strawberry.type(description="An idea's line in a round's results: its rank by coins and who spent on it.")
class RoundResult:
    rank: int = strawberry.field(description="1 for the most coins; ties go to the earlier shortlist position.")
    idea: LazyIdea
    coins: int = strawberry.field(description="The coins members hold on it in this round.")
    member_count: int = strawberry.field(description="How many members spent coins on it in this round.")

    @classmethod
    def of(cls, line: service.RankedIdea) -> "RoundResult":
        return cls(rank=line.rank, idea=_idea(line.idea), coins=line.coins, member_count=line.member_count)


@strawberry.type(description="Coins you hold on one idea in a round.")
class CoinAllocation:
    idea: LazyIdea
    coins: int


@strawberry.federation.type(keys=["id"], description=(
    "A prioritisation round: for a window of about two weeks each member spends "
    f"{ROUND_BUDGET} coins on a shortlist of ideas of one product area; the ideas with the most "
    "coins go onto the roadmap."))
class PrioritizationRound(Node):
    id: strawberry.ID
    name: str
    opens_at: datetime = strawberry.field(description="When coins can first be allocated.")
    closes_at: datetime = strawberry.field(description="When the window ends; no coins after it.")
    closed_at: datetime | None = strawberry.field(description="When `closeRound` ran; null before.")
    created_at: datetime | None
    budget: int = strawberry.field(description="Coins each member has to spend in this round.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "PrioritizationRound":
        return cls(
            id=strawberry.ID(to_global_id("PrioritizationRound", row["id"])),
            name=row["name"],
            opens_at=time_of(row["opensAt"]),
            closes_at=time_of(row["closesAt"]),
            closed_at=time_of(row.get("closedAt")),
            created_at=time_of(row.get("createdAt")),
            budget=row["budget"],
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "PrioritizationRound | None":
        local = reference_id(id, "PrioritizationRound")
        row = await service.round_by_id(info.context.scope, round_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="UPCOMING, OPEN, ENDED or CLOSED, now.")
    def status(self, info: Info) -> RoundStatus:
        return RoundStatus(service.round_status(self.row, ideas(info.context.scope).now))

    @strawberry.field(description="The product area (a topic) whose ideas it prioritises.")
    async def product_area(self, info: Info) -> LazyTopic:
        from schema.community.types import Topic

        return Topic.from_row(await info.context.scope.loaders.topic_by_id.load(self.row["productAreaId"]))

    @strawberry.field(description="The ideas coins can go to, in shortlist order.")
    async def shortlist(self, info: Info) -> list[LazyIdea]:
        return [_idea(row) for row in await service.shortlist(info.context.scope, round_id=self.row["id"])]

    @strawberry.field(description=(
        "Every shortlisted idea ranked by coins, most first (ties by shortlist position), with how many "
        "members spent on it."))
    async def results(self, info: Info) -> list[RoundResult]:
        return [RoundResult.of(line) for line in await service.results(info.context.scope, round_id=self.row["id"])]

    @strawberry.field(description="How many members hold coins in this round.")
    async def participant_count(self, info: Info) -> int:
        return (await service.tally(info.context.scope, round_id=self.row["id"])).participant_count

    @strawberry.field(description="How many coins members hold in this round, all ideas together.")
    async def coins_allocated(self, info: Info) -> int:
        return (await service.tally(info.context.scope, round_id=self.row["id"])).coins_allocated

    @strawberry.field(description="The ideas `closeRound` moved onto the roadmap, by rank; empty before.")
    async def winners(self, info: Info) -> list[RoundResult]:
        return [RoundResult.of(line) for line in await service.round_winners(info.context.scope, round_id=self.row["id"])]

    @strawberry.field(description="The coins you still have to spend in this round; null when anonymous.")
    async def viewer_coins_left(self, info: Info) -> int | None:
        budget = await service.viewer_budget(info.context.scope, round_id=self.row["id"])
        return None if budget is None else budget.budget - budget.spent

    @strawberry.field(description="Your coins on each idea in this round, most first; empty when anonymous.")
    async def viewer_allocations(self, info: Info) -> list[CoinAllocation]:
        lines = await service.viewer_allocations(info.context.scope, round_id=self.row["id"])
        return [CoinAllocation(idea=_idea(row), coins=coins) for row, coins in lines]


def _round(row: Row | None) -> PrioritizationRound | None:
    return PrioritizationRound.from_row(row) if row else None


@strawberry.type
class RoundQueries:
    @strawberry.field(description="A prioritisation round by its global ID; null when there is none.")
    async def round(self, info: Info, id: strawberry.ID) -> PrioritizationRound | None:
        return _round(await service.round_by_global_id(info.context.scope, str(id)))

    @strawberry.field(description="Prioritisation rounds, the newest window first.")
    async def rounds(
        self, info: Info,
        product_area_id: Annotated[strawberry.ID | None, strawberry.argument(description="A product area (topic).")] = None,
        status: RoundStatus | None = None,
        first: int | None = None, after: str | None = None,
    ) -> Connection[PrioritizationRound]:
        fetched = await service.list_rounds(
            info.context.scope, win=window(first, after, None, None),
            product_area_id=str(product_area_id) if product_area_id is not None else None,
            status=status.value if status else None)
        return Connection.of(fetched, PrioritizationRound.from_row)


@strawberry.input(description="A new prioritisation round. Product managers only.")
class OpenRoundInput:
    name: str = strawberry.field(description="3 to 120 characters.")
    product_area_id: strawberry.ID = strawberry.field(description="The product area (a topic).")
    closes_at: datetime = strawberry.field(description=(
        "The end of the window: 1 to 31 days after opensAt (about two weeks is usual). Without a UTC offset, UTC."))
    idea_ids: list[strawberry.ID] = strawberry.field(description=(
        "The shortlist, in order: 2 to 50 distinct ideas of the product area, none MERGED, RELEASED or "
        "NOT_PLANNED. NEW and UNDER_REVIEW ones move to SHORTLISTED."))
    opens_at: datetime | None = strawberry.field(default=None, description="The start of the window; now when left out.")


@strawberry.type
class OpenRoundPayload:
    round: PrioritizationRound | None
    user_errors: list[LazyUserError]


@strawberry.input(description="Coins to spend on a shortlisted idea in an open round.")
class AllocateCoinsInput:
    round_id: strawberry.ID
    idea_id: strawberry.ID
    coins: int = strawberry.field(description="5, 20 or 50.")


@strawberry.input(description="Coins to take back from an idea in an open round.")
class WithdrawCoinsInput:
    round_id: strawberry.ID
    idea_id: strawberry.ID
    coins: int | None = strawberry.field(default=None, description="5, 20 or 50; all your coins on it when left out.")


@strawberry.type(description="Your coins after allocateCoins or withdrawCoins.")
class CoinsPayload:
    round: PrioritizationRound | None
    idea: LazyIdea | None
    allocation: CoinAllocation | None = strawberry.field(
        description="Your coins on the idea in this round now; null when none are left.")
    coins_left: int | None = strawberry.field(description="The coins you still have to spend in this round.")
    user_errors: list[LazyUserError]


@strawberry.type(description="Your coins after allocateCoins.")
class AllocateCoinsPayload(CoinsPayload):
    pass


@strawberry.type(description="Your coins after withdrawCoins.")
class WithdrawCoinsPayload(CoinsPayload):
    pass


@strawberry.input(description="Close a round after its window and put its winners on the roadmap. Product managers only.")
class CloseRoundInput:
    round_id: strawberry.ID
    winners: int = strawberry.field(description=(
        "How many of the top ideas win: 1 to the shortlist's size. Only ideas with coins win."))
    expected_release: date = strawberry.field(description="The winners' expected release; not in the past.")
    comment: str | None = strawberry.field(default=None, description=(
        "The status change's comment; `Selected in <round name>` when left out."))


@strawberry.type
class CloseRoundPayload:
    round: PrioritizationRound | None
    winners: list[RoundResult]
    user_errors: list[LazyUserError]


def _coins_payload(cls, out):
    value = out.value
    if value is None:
        return cls(round=None, idea=None, allocation=None, coins_left=None, user_errors=_errors(out.user_errors))
    idea = _idea(value.idea)
    return cls(round=_round(value.round), idea=idea,
               allocation=CoinAllocation(idea=idea, coins=value.coins) if value.coins else None,
               coins_left=value.coins_left, user_errors=[])


@strawberry.type
class RoundMutations:
    @strawberry.mutation(description=(
        "Open a prioritisation round on a shortlist of a product area's ideas. Product managers only."))
    async def open_round(self, info: Info, input: OpenRoundInput) -> OpenRoundPayload:
        out = await service.open_round(info.context.scope, values={
            "name": input.name, "product_area_id": str(input.product_area_id), "opens_at": input.opens_at,
            "closes_at": input.closes_at, "idea_ids": [str(i) for i in input.idea_ids]})
        return OpenRoundPayload(round=_round(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Spend coins (5, 20 or 50) on a shortlisted idea while the round is open; at most the round's budget "
        "in all."))
    async def allocate_coins(self, info: Info, input: AllocateCoinsInput) -> AllocateCoinsPayload:
        out = await service.allocate_coins(info.context.scope, round_global_id=str(input.round_id),
                                           idea_global_id=str(input.idea_id), coins=input.coins)
        return _coins_payload(AllocateCoinsPayload, out)

    @strawberry.mutation(description="Take coins back from an idea while the round is open.")
    async def withdraw_coins(self, info: Info, input: WithdrawCoinsInput) -> WithdrawCoinsPayload:
        out = await service.withdraw_coins(info.context.scope, round_global_id=str(input.round_id),
                                           idea_global_id=str(input.idea_id), coins=input.coins)
        return _coins_payload(WithdrawCoinsPayload, out)

    @strawberry.mutation(description=(
        "Close a round after its window, once: its top ideas are SELECTED and move to IN_DEVELOPMENT with the "
        "expected release (ideas already in development, testing or released keep their status). "
        "Product managers only."))
    async def close_round(self, info: Info, input: CloseRoundInput) -> CloseRoundPayload:
        out = await service.close_round(info.context.scope, round_global_id=str(input.round_id),
                                        winners=input.winners, expected_release=input.expected_release,
                                        comment=input.comment)
        value = out.value
        return CloseRoundPayload(round=_round(value.round) if value else None,
                                 winners=[RoundResult.of(line) for line in value.winners] if value else [],
                                 user_errors=_errors(out.user_errors))


@strawberry.type
class RoundMemberFields:
    @strawberry.field(description=(
        "The coins you still have to spend in a round (its whole budget before your first allocation). "
        "Viewer only: FORBIDDEN on anyone else."))
    async def coins_left(self, info: Info, round_id: strawberry.ID) -> int:
        return await service.coins_left(info.context.scope, member_id=self.row["id"], round_global_id=str(round_id))


ENTITIES: list[type] = [PrioritizationRound]
