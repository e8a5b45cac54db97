"""IdeasMemberFields: the fields the ideas subgraph adds to `Member`."""

from __future__ import annotations

import strawberry

from schema.ideas.ideas import IdeaMemberFields
from schema.ideas.rounds import RoundMemberFields


@strawberry.type
class IdeasMemberFields(IdeaMemberFields, RoundMemberFields):
    pass
