"""RecognitionMemberFields: the fields the recognition subgraph adds to `Member` (MVP terms, hero stories)."""

from __future__ import annotations

import strawberry

from schema.recognition.mvp import MvpMemberFields
from schema.recognition.heroes import HeroMemberFields


@strawberry.type
class RecognitionMemberFields(MvpMemberFields, HeroMemberFields):
    pass
