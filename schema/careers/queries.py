"""CareersQueries: the careers subgraph's root query fields, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.careers.applications import ApplicationQueries
from schema.careers.fairs import FairQueries
from schema.careers.jobs import JobsQueries
from schema.careers.talent import TalentQueries


@strawberry.type
class CareersQueries(JobsQueries, TalentQueries, ApplicationQueries, FairQueries):
    pass
