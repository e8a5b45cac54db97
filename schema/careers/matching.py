"""Job matching: `viewer.jobMatches`, `job.candidates` and `viewer.readinessFor`."""

from __future__ import annotations

import strawberry


@strawberry.type
class MatchingMemberFields:
    pass


@strawberry.type
class MatchingJobFields:
    """Fields of JobPosting (it inherits this mixin)."""


ENTITIES: list[type] = []
