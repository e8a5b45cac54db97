"""The `community` subgraph: members, groups, topics and skills, with the connect features built on them.

Questions and answers, events, peer discovery and the home feed live in their own packages
(`schema/qna`, `schema/events`, `schema/connections`) but are served by this subgraph: they
add fields to Member and their entities implement the Relay `Node` interface, which federation
would otherwise need to share across subgraphs through `@interfaceObject`.
"""

from __future__ import annotations

import strawberry

from schema.community.mutations import CommunityMutations
from schema.community.queries import CommunityQueries
from schema.connections.mutations import ConnectionMutations
from schema.connections.queries import ConnectionQueries
from schema.events.mutations import EventMutations
from schema.events.queries import EventQueries
from schema.extensions import shared_extensions
from schema.nodes import ENTITIES
from schema.qna.mutations import QnaMutations
from schema.qna.queries import QnaQueries

FEDERATION_VERSION = "2.11"


@strawberry.type
class Query(CommunityQueries, QnaQueries, EventQueries, ConnectionQueries):
    pass


@strawberry.type
class Mutation(CommunityMutations, QnaMutations, EventMutations, ConnectionMutations):
    pass


def build_schema() -> strawberry.federation.Schema:
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=ENTITIES,
        federation_version=FEDERATION_VERSION,
        extensions=shared_extensions(),
    )
