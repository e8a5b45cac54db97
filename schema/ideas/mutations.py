"""IdeasMutations: the ideas subgraph's mutations, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.ideas.ideas import IdeaMutations
from schema.ideas.lifecycle import LifecycleMutations
from schema.ideas.rounds import RoundMutations


@strawberry.type
class IdeasMutations(IdeaMutations, LifecycleMutations, RoundMutations):
    pass
