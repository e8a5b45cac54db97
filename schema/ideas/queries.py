"""IdeasQueries: the ideas subgraph's root query fields, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.ideas.ideas import IdeaQueries
from schema.ideas.lifecycle import LifecycleQueries
from schema.ideas.rounds import RoundQueries


@strawberry.type
class IdeasQueries(IdeaQueries, LifecycleQueries, RoundQueries):
    pass
