"""RecognitionQueries: the recognition subgraph's root query fields, one mixin per area."""

from __future__ import annotations

import strawberry

from schema.recognition.mvp import MvpQueries
from schema.recognition.heroes import HeroQueries


@strawberry.type
class RecognitionQueries(MvpQueries, HeroQueries):
    pass
