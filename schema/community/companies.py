"""Companies: the Company entity, its root queries and the employer field of Member (filled in by the companies work)."""

from __future__ import annotations

import strawberry


@strawberry.type
class CompanyQueries:
    pass


@strawberry.type
class CompanyMemberFields:
    pass


ENTITIES: list[type] = []
