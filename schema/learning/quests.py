"""Learning quests: the `Quest` and `PrizeDraw` entities, `quests`, `quest`, `prizeDraw`,
`runPrizeDraw`, and the viewer's `quests` of a month on `Member`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Private

from graph.community.repository import Row
from resolvers.community.service import member_by_id
from resolvers.ids import to_global_id
from resolvers.learning import quests as service
from resolvers.learning.catalog import catalog
from schema.context import Info
from schema.learning.catalog import Badge, LearningItem, Rank, learning_item, reference_id, time_of
from schema.relay import Connection, Node, window

if TYPE_CHECKING:
    from schema.community.types import Member as MemberType

# Lazy: schema.community.types imports this module (through the Member field mixins).
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _member(row: Row | None) -> "MemberType | None":
    from schema.community.types import Member as MemberType

    return MemberType.from_row(row) if row else None


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


def _items(rows: list[Row]) -> list[LearningItem]:
    return [learning_item(r["kind"], r["item"]) for r in rows]


# -- quests --------------------------------------------------------------------------------------


@strawberry.type(description="The ranks a quest is offered to, both included.")
class QuestRankRange:
    min_rank: Rank | None = strawberry.field(description="The lowest rank offered it (null if not on the ladder).")
    max_rank: Rank | None = strawberry.field(description="The highest rank offered it (null if not on the ladder).")
    min_position: int = strawberry.field(description="`minRank`'s position on the ladder.")
    max_position: int = strawberry.field(description="`maxRank`'s position on the ladder.")


@strawberry.type(description="The signed-in viewer's progress on a quest.")
class QuestProgress:
    completed: bool = strawberry.field(description=(
        "Whether you completed the quest (earning its badge and one entry into the month's prize draw)."))
    completed_at: datetime | None
    requirements_done: int = strawberry.field(description="Requirements you completed inside the quest's window.")
    requirements_total: int
    done: list[LearningItem] = strawberry.field(description=(
        "Requirements you completed inside the window (earlier completions do not count), by title."))
    remaining: list[LearningItem] = strawberry.field(description="Requirements still to complete inside the window.")
    eligible: bool = strawberry.field(description="Whether the quest is offered to your current rank.")

    @classmethod
    def of(cls, progress: service.QuestProgress) -> "QuestProgress":
        return cls(completed=progress.completed_at is not None, completed_at=time_of(progress.completed_at),
                   requirements_done=len(progress.done), requirements_total=len(progress.done) + len(progress.remaining),
                   done=_items(progress.done), remaining=_items(progress.remaining), eligible=progress.eligible)


@strawberry.federation.type(keys=["id"], description=(
    "A monthly quest: complete its requirements inside its window to earn its limited-edition badge "
    "and one entry into the month's prize draw. Offered to a band of ranks."))
class Quest(Node):
    id: strawberry.ID
    slug: str
    title: str
    description: str
    month: str = strawberry.field(description="The month it belongs to, YYYY-MM (its prize draw's month).")
    starts_at: datetime = strawberry.field(description="The window opens.")
    ends_at: datetime = strawberry.field(description="The window closes (exclusive).")
    row: Private[Row]

    @strawberry.field(description="Whether the window is open now.")
    def is_open(self) -> bool:
        return service.is_open(self.row)

    @strawberry.field(description="The ranks it is offered to.")
    async def offered_to(self, info: Info) -> QuestRankRange:
        ladder = await service.quests_of(info.context.scope).ladder()
        low, high = ladder.by_position(self.row["minRank"]), ladder.by_position(self.row["maxRank"])
        return QuestRankRange(min_rank=Rank.from_row(low) if low else None,
                              max_rank=Rank.from_row(high) if high else None,
                              min_position=self.row["minRank"], max_position=self.row["maxRank"])

    @strawberry.field(description="The modules and superbadges to complete inside the window, by title.")
    async def requirements(self, info: Info) -> list[LearningItem]:
        return _items(await service.quests_of(info.context.scope).requirements_of_quest.load(self.row["id"]))

    @strawberry.field(description="Its limited-edition badge, earnable only inside the window.")
    async def badge(self, info: Info) -> Badge | None:
        badge_id = self.row.get("badgeId")
        row = await catalog(info.context.scope).badge_by_id.load(badge_id) if badge_id else None
        return Badge.from_row(row) if row else None

    @strawberry.field(description="How many members completed it: its entries into the prize draw.")
    async def completion_count(self, info: Info) -> int:
        return await service.quests_of(info.context.scope).completion_count.load(self.row["id"])

    @strawberry.field(description="Your progress on it; null when not signed in.")
    async def viewer_progress(self, info: Info) -> QuestProgress | None:
        progress = await service.viewer_progress(info.context.scope, self.row)
        return QuestProgress.of(progress) if progress else None

    @classmethod
    def from_row(cls, row: Row) -> "Quest":
        return cls(id=strawberry.ID(to_global_id("Quest", row["id"])), slug=row["slug"], title=row["title"],
                   description=row.get("description") or "", month=row["month"],
                   starts_at=time_of(row["startsAt"]), ends_at=time_of(row["endsAt"]), row=row)  # type: ignore[arg-type]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Quest | None":
        local = reference_id(id, "Quest")
        row = await service.quests_of(info.context.scope).quest_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


# -- prize draws ------------------------------------------------------------------------------------


@strawberry.type(description="One prize of a draw and who won it.")
class PrizeWinner:
    position: int = strawberry.field(description="1 for the first prize drawn, then upwards.")
    prize: str
    member: MemberRef | None = strawberry.field(description=(
        "The winner; null when their profile is not visible to you."))


@strawberry.federation.type(keys=["id"], description=(
    "A month's prize draw among the members who completed its quests (one entry per completed quest). "
    "Auditable: the winners are `draw_winners(entries, prizes, seed)` (resolvers/learning/quests.py) over "
    "the entries sorted by member id then quest id; `verified` recomputes them."))
class PrizeDraw(Node):
    id: strawberry.ID
    month: str = strawberry.field(description="The quests' month, YYYY-MM: one draw per month.")
    seed: str = strawberry.field(description="The random seed the winners were drawn with.")
    prizes: list[str] = strawberry.field(description="The prizes, in the order they were drawn.")
    entry_count: int = strawberry.field(description="How many entries there were when drawn.")
    drawn_at: datetime
    row: Private[Row]

    @strawberry.field(description="The admin who ran the draw; null when their profile is not visible to you.")
    async def drawn_by(self, info: Info) -> MemberRef | None:
        return _member(await member_by_id(info.context.scope, member_id=self.row["drawnBy"]))

    @strawberry.field(description="The winners by position; at most one prize per member.")
    async def winners(self, info: Info) -> list[PrizeWinner]:
        return [PrizeWinner(position=w.position, prize=w.prize, member=_member(w.member))
                for w in await service.winners(info.context.scope, self.row)]

    @strawberry.field(description=(
        "SHA-256 (hex) of the entries drawn from, recorded with the draw: one line `<member id> <quest id>` "
        "per entry, sorted, joined by newlines."))
    def entries_digest(self) -> str:
        return self.row["entriesDigest"]

    @strawberry.field(description=(
        "SHA-256 of the month's entries as they are now; equal to `entriesDigest` unless entries changed "
        "since the draw."))
    async def current_entries_digest(self, info: Info) -> str:
        return await service.current_digest(info.context.scope, self.row)

    @strawberry.field(description=(
        "Whether the month's entries are still those drawn from (`currentEntriesDigest` = `entriesDigest`) "
        "and re-running the draw from its seed and prizes over them gives the recorded winners."))
    async def verified(self, info: Info) -> bool:
        return await service.verified(info.context.scope, self.row)

    @classmethod
    def from_row(cls, row: Row) -> "PrizeDraw":
        return cls(id=strawberry.ID(to_global_id("PrizeDraw", row["id"])), month=row["month"], seed=row["seed"],
                   prizes=list(row.get("prizes") or []), entry_count=int(row.get("entryCount") or 0),
                   drawn_at=time_of(row["drawnAt"]), row=row)  # type: ignore[arg-type]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "PrizeDraw | None":
        local = reference_id(id, "PrizeDraw")
        row = await service.quests_of(info.context.scope).draw_by_id.load(local) if local else None
        return cls.from_row(row) if row else None


# -- root fields ------------------------------------------------------------------------------------


@strawberry.type
class QuestQueries:
    @strawberry.field(description="Quests, newest month first, then by title.")
    async def quests(self, info: Info,
                     month: Annotated[str | None, strawberry.argument(description="Only this month, YYYY-MM.")] = None,
                     open_only: Annotated[bool | None, strawberry.argument(description="Only quests open now.")] = False,
                     for_rank: Annotated[int | None, strawberry.argument(description=(
                         "Only quests offered to the rank at this position."))] = None,
                     first: int | None = None, after: str | None = None, last: int | None = None,
                     before: str | None = None) -> Connection[Quest]:
        fetched = await service.list_quests(info.context.scope, win=window(first, after, last, before), month=month,
                                            open_only=bool(open_only), for_rank=for_rank)
        return Connection.of(fetched, Quest.from_row)

    @strawberry.field(description="A quest by `id` or `slug`.")
    async def quest(self, info: Info, id: strawberry.ID | None = None, slug: str | None = None) -> Quest | None:
        row = await service.quest_by_id_or_slug(info.context.scope, global_id=id, slug=slug)
        return Quest.from_row(row) if row else None

    @strawberry.field(description="The prize draw of a month (YYYY-MM); null until it is drawn.")
    async def prize_draw(self, info: Info, month: str) -> PrizeDraw | None:
        row = await service.prize_draw_by_month(info.context.scope, month=month)
        return PrizeDraw.from_row(row) if row else None


@strawberry.input(description="Which month's quests to draw, and the prizes in the order they are drawn.")
class RunPrizeDrawInput:
    quest_month: str = strawberry.field(description="YYYY-MM; every quest of the month must have ended.")
    prizes: list[str] = strawberry.field(description="1 to 100 prizes, each 1 to 200 characters.")


@strawberry.type
class RunPrizeDrawPayload:
    prize_draw: PrizeDraw | None
    user_errors: list[UserErrorRef]


@strawberry.type
class QuestMutations:
    @strawberry.mutation(description=(
        "Admins: draw a month's prize winners among the members who completed its quests (one entry per "
        "completed quest; a member wins at most once), from a fresh recorded seed. Once per month. "
        "User error codes: ALREADY_DRAWN, DRAW_TOO_EARLY (a quest of the month has not ended), NO_ENTRIES."))
    async def run_prize_draw(self, info: Info, input: RunPrizeDrawInput) -> RunPrizeDrawPayload:
        out = await service.run_prize_draw(info.context.scope, month=input.quest_month, prizes=list(input.prizes))
        return RunPrizeDrawPayload(prize_draw=PrizeDraw.from_row(out.value) if out.value else None,
                                   user_errors=_errors(out.user_errors))


@strawberry.type
class QuestMemberFields:
    @strawberry.field(description=(
        "The quests of `month` (YYYY-MM; default: the current month, UTC) offered to your rank, by title; "
        "ask `viewerProgress` on each. Only on `viewer`."))
    async def quests(self, info: Info, month: str | None = None) -> list[Quest]:
        rows = await service.offered_quests(info.context.scope, month=month,
                                            member_id=self.row["id"])  # type: ignore[attr-defined]
        return [Quest.from_row(r) for r in rows]


ENTITIES: list[type] = [Quest, PrizeDraw]
