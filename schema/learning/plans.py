"""Learning plans: types, root fields and Member fields (filled in by the plans work)."""

from __future__ import annotations

import strawberry


@strawberry.type
class PlanQueries:
    pass


@strawberry.type
class PlanMutations:
    pass


@strawberry.type
class PlanMemberFields:
    pass


ENTITIES: list[type] = []
