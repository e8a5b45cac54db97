"""LearningQueries: the learning subgraph's root query fields, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.learning.catalog import CatalogQueries
from schema.learning.credentials import CredentialQueries
from schema.learning.leaderboards import LeaderboardQueries
from schema.learning.plans import PlanQueries
from schema.learning.progress import ProgressQueries
from schema.learning.quests import QuestQueries


@strawberry.type
class LearningQueries(CatalogQueries, ProgressQueries, CredentialQueries, LeaderboardQueries, QuestQueries,
                      PlanQueries):
    pass
