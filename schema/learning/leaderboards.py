"""Learning leaderboards: members ranked by points, then badges, globally or within a country,
a group or a company; and the viewer's own position (`viewer.leaderboardPosition`).

The ranking rules (who is ranked, ties, positions) live in `resolvers/learning/leaderboards.py`;
this module only translates arguments and renders entries.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import Private

from resolvers.learning import leaderboards as service
from schema.context import Info
from schema.learning.catalog import Rank
from schema.relay import Connection, window

Row = dict[str, Any]
Member = Annotated["Member", strawberry.lazy("schema.community.types")]

RANKING_RULES = (
    "Members are ordered by points (most first), then by badges (most first), then by member id (an "
    "arbitrary but stable tie-breaker). Positions use standard competition ranking: members with the "
    "same points AND the same badge count share a position, and the next position skips as many places "
    "(1, 2, 2, 4). Only members with at least one point are ranked; PRIVATE profiles are never ranked "
    "(they opted out of public rankings). MEMBERS-only profiles are ranked but appear with a null "
    "`member` to anonymous callers, so positions are the same for every caller."
)


@strawberry.enum(description="Which members a leaderboard ranks.")
class LeaderboardScope(Enum):
    GLOBAL = strawberry.enum_value("GLOBAL", description="Every ranked member; takes no `scopeId`.")
    COUNTRY = strawberry.enum_value("COUNTRY", description=(
        "Members whose profile country is `scopeId`, an ISO 3166-1 alpha-2 code such as DE."))
    GROUP = strawberry.enum_value("GROUP", description="Members of the group whose global ID is `scopeId`.")
    COMPANY = strawberry.enum_value("COMPANY", description=(
        "Current employees (WORKS_AT) of the company whose global ID is `scopeId`."))


@strawberry.type(description="One place on a leaderboard. " + RANKING_RULES)
class LeaderboardEntry:
    position: int = strawberry.field(description=(
        "1-based place on this leaderboard; tied members (same points and badges) share it."))
    points: int = strawberry.field(description="The member's learning points.")
    badge_count: int = strawberry.field(description="The badges the member has earned.")
    row: Private[Row]

    @strawberry.field(description="The highest rank the member has reached.")
    async def rank(self, info: Info) -> Rank | None:
        position = self.row["member"].get("rank")
        ladder = await service.leaderboards(info.context.scope).ranks()
        found = ladder.by_position(position) if position is not None else None
        return Rank.from_row(found) if found else None

    @strawberry.field(description=(
        "The ranked member; null when you may not see their profile (a MEMBERS-only profile and you are "
        "not signed in). Their place is kept, so positions do not depend on who asks."))
    def member(self, info: Info) -> Member | None:
        from schema.community.types import Member as MemberType

        row = self.row["member"]
        return MemberType.from_row(row) if info.context.scope.can_view_member(row) else None

    @classmethod
    def from_row(cls, row: Row) -> "LeaderboardEntry":
        member = row["member"]
        return cls(position=row["position"], points=member.get("points") or 0,
                   badge_count=member.get("badgeCount") or 0, row=row)


def _scope_id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


@strawberry.type
class LeaderboardQueries:
    @strawberry.field(description="A leaderboard, best first. " + RANKING_RULES + " An unknown group or company "
                                  "gives an empty leaderboard; a missing or malformed `scopeId` is BAD_USER_INPUT.")
    async def leaderboard(
        self, info: Info, scope: LeaderboardScope,
        scope_id: Annotated[strawberry.ID | None, strawberry.argument(description=(
            "COUNTRY: an ISO 3166-1 alpha-2 code; GROUP: a Group ID; COMPANY: a Company ID; GLOBAL: omit it."))] = None,
        first: int | None = None, after: str | None = None, last: int | None = None, before: str | None = None,
    ) -> Connection[LeaderboardEntry]:
        fetched = await service.leaderboard(info.context.scope, scope_name=scope.value, scope_id=_scope_id(scope_id),
                                            win=window(first, after, last, before))
        return Connection.of(fetched, LeaderboardEntry.from_row)


@strawberry.type
class LeaderboardMutations:
    pass


@strawberry.type
class LeaderboardMemberFields:
    @strawberry.field(description=(
        "Your 1-based position on a leaderboard (the `position` of your entry in `leaderboard`), or null when "
        "you are not ranked there (no points yet, a PRIVATE profile, or not in that country, group or company). "
        "`scopeId` defaults to your own country (COUNTRY) and employer (COMPANY); GROUP needs it. Viewer only."))
    async def leaderboard_position(
        self, info: Info, scope: LeaderboardScope,
        scope_id: Annotated[strawberry.ID | None, strawberry.argument(description=(
            "As in `leaderboard`; COUNTRY and COMPANY default to your own, GLOBAL takes none."))] = None,
    ) -> int | None:
        return await service.leaderboard_position(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                  scope_name=scope.value, scope_id=_scope_id(scope_id))


ENTITIES: list[type] = []
