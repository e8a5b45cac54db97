"""LearningMemberFields: the fields the learning subgraph adds to `Member`, one mixin per area.

A Member object exists only for a profile the viewer may see, so these fields never reveal a
hidden member's learning; fields about the viewer alone (assigned learning, the path to a
certification) answer only on the viewer's own Member.
"""

from __future__ import annotations

import strawberry

from schema.learning.credentials import CredentialMemberFields
from schema.learning.leaderboards import LeaderboardMemberFields
from schema.learning.plans import PlanMemberFields
from schema.learning.progress import ProgressMemberFields
from schema.learning.quests import QuestMemberFields


@strawberry.type
class LearningMemberFields(ProgressMemberFields, CredentialMemberFields, LeaderboardMemberFields, QuestMemberFields,
                           PlanMemberFields):
    pass
