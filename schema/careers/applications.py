"""Applications and outcomes: applyToJob, status updates, `viewer.applications`, `careerOutcomes`."""

from __future__ import annotations

import strawberry


@strawberry.type
class ApplicationQueries:
    pass


@strawberry.type
class ApplicationMutations:
    pass


@strawberry.type
class ApplicationMemberFields:
    pass


@strawberry.type
class ApplicationJobFields:
    """Fields of JobPosting (it inherits this mixin)."""


ENTITIES: list[type] = []
