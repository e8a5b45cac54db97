"""Learning quests: types, root fields and Member fields (filled in by the quests work)."""

from __future__ import annotations

import strawberry


@strawberry.type
class QuestQueries:
    pass


@strawberry.type
class QuestMutations:
    pass


@strawberry.type
class QuestMemberFields:
    pass


ENTITIES: list[type] = []
