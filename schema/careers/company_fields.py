"""CareersCompanyFields: the fields the careers subgraph adds to `Company` (size, recruiters, postings)."""

from __future__ import annotations

import strawberry

from schema.careers.jobs import JobsCompanyFields


@strawberry.type
class CareersCompanyFields(JobsCompanyFields):
    pass
