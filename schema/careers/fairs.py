"""Job fairs: companies exhibiting at JOB_FAIR events, their jobs, and `jobFair.matches`."""

from __future__ import annotations

import strawberry


@strawberry.type
class FairQueries:
    pass


@strawberry.type
class FairMutations:
    pass


ENTITIES: list[type] = []
