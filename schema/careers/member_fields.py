"""CareersMemberFields: the fields the careers subgraph adds to `Member`, one mixin per area.

They are about the viewer alone (preferences, profile views, job matches, applications), so
each answers only on the viewer's own Member (`RequestScope.require_self`).
"""

from __future__ import annotations

import strawberry

from schema.careers.applications import ApplicationMemberFields
from schema.careers.matching import MatchingMemberFields
from schema.careers.talent import TalentMemberFields


@strawberry.type
class CareersMemberFields(TalentMemberFields, MatchingMemberFields, ApplicationMemberFields):
    pass
