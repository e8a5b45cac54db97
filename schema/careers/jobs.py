"""Jobs: the JobPosting entity, the careers fields of Company, `jobs`/`job`, and postJob, updateJob, closeJob."""

from __future__ import annotations

import strawberry


@strawberry.type
class JobsCompanyFields:
    pass


@strawberry.type
class JobsQueries:
    pass


@strawberry.type
class JobsMutations:
    pass


ENTITIES: list[type] = []
