"""Talent: career preferences, recruiters' talent search, saved searches and profile views."""

from __future__ import annotations

import strawberry


@strawberry.type
class TalentQueries:
    pass


@strawberry.type
class TalentMutations:
    pass


@strawberry.type
class TalentMemberFields:
    pass


ENTITIES: list[type] = []
