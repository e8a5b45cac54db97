"""RecognitionMutations: the recognition subgraph's mutations, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.recognition.mvp import MvpMutations
from schema.recognition.heroes import HeroMutations


@strawberry.type
class RecognitionMutations(MvpMutations, HeroMutations):
    pass
