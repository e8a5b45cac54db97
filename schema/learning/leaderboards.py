"""Learning leaderboards: types, root fields and Member fields (filled in by the leaderboards work)."""

from __future__ import annotations

import strawberry


@strawberry.type
class LeaderboardQueries:
    pass


@strawberry.type
class LeaderboardMutations:
    pass


@strawberry.type
class LeaderboardMemberFields:
    pass


ENTITIES: list[type] = []
