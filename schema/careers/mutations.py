"""CareersMutations: the careers subgraph's mutations, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.careers.applications import ApplicationMutations
from schema.careers.fairs import FairMutations
from schema.careers.jobs import JobsMutations
from schema.careers.talent import TalentMutations


@strawberry.type
class CareersMutations(JobsMutations, TalentMutations, ApplicationMutations, FairMutations):
    pass
