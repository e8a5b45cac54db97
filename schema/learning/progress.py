"""Learning progress: types, root fields and Member fields (filled in by the progress work)."""

from __future__ import annotations

import strawberry


@strawberry.type
class ProgressQueries:
    pass


@strawberry.type
class ProgressMutations:
    pass


@strawberry.type
class ProgressMemberFields:
    pass


ENTITIES: list[type] = []
