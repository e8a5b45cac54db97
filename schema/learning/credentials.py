"""Learning credentials: types, root fields and Member fields (filled in by the credentials work)."""

from __future__ import annotations

import strawberry


@strawberry.type
class CredentialQueries:
    pass


@strawberry.type
class CredentialMutations:
    pass


@strawberry.type
class CredentialMemberFields:
    pass


ENTITIES: list[type] = []
