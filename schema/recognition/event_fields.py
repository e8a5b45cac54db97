"""RecognitionEventFields: the fields the recognition subgraph adds to `Event` (its hero speakers)."""

from __future__ import annotations

import strawberry

from schema.recognition.heroes import HeroEventFields


@strawberry.type
class RecognitionEventFields(HeroEventFields):
    pass
