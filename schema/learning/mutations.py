"""LearningMutations: the learning subgraph's mutations, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.learning.credentials import CredentialMutations
from schema.learning.plans import PlanMutations
from schema.learning.progress import ProgressMutations
from schema.learning.quests import QuestMutations


@strawberry.type
class LearningMutations(ProgressMutations, CredentialMutations, QuestMutations, PlanMutations):
    pass
