"""The `community` subgraph: its root types and its federation schema."""

from __future__ import annotations

import strawberry

from schema.community.mutations import CommunityMutations
from schema.community.queries import CommunityQueries
from schema.community.types import Group, Member, Skill, Topic
from schema.extensions import shared_extensions

FEDERATION_VERSION = "2.11"
ENTITIES = [Member, Group, Topic, Skill]


@strawberry.type
class Query(CommunityQueries):
    pass


@strawberry.type
class Mutation(CommunityMutations):
    pass


def build_schema() -> strawberry.federation.Schema:
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=ENTITIES,
        federation_version=FEDERATION_VERSION,
        extensions=shared_extensions(),
    )
