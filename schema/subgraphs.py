"""Every subgraph this service serves, by name, and the public schema built from them.

The public `/graphql` schema is what a router would expose from the composed subgraphs:
the same root fields and types, without the federation machinery. With one subgraph that
is its own Query and Mutation; a test compares it with the API schema that
`@apollo/composition` derives, so the two cannot drift.
"""

from __future__ import annotations

import warnings
from typing import Callable

import strawberry
from graphql import build_client_schema, lexicographic_sort_schema, print_schema

from schema.community import subgraph as community
from schema.extensions import shared_extensions

FEDERATION_DIRECTIVES = {"key", "shareable", "external", "requires", "provides", "link", "inaccessible", "override"}
FEDERATION_SCALARS = ("_FieldSet", "link__Import", "link__Purpose")

SUBGRAPHS: dict[str, Callable[[], strawberry.federation.Schema]] = {
    "community": community.build_schema,
}


@strawberry.type
class Query(community.Query):
    pass


@strawberry.type
class Mutation(community.Mutation):
    pass


def build_public_schema() -> strawberry.Schema:
    # Entities carry @key for the subgraphs; the public schema deliberately is not a
    # federation schema (no _service, no _entities), so Strawberry's hint does not apply.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Federation directive found in schema")
        schema = strawberry.Schema(query=Query, mutation=Mutation, types=community.ENTITIES,
                                   extensions=shared_extensions())
    # ...and a router's API schema has no federation directives or their scalars either.
    graphql_schema = schema._schema
    graphql_schema.directives = tuple(d for d in graphql_schema.directives if d.name not in FEDERATION_DIRECTIVES)
    for name in FEDERATION_SCALARS:
        graphql_schema.type_map.pop(name, None)
    return schema


def subgraph_sdl(name: str) -> str:
    """The subgraph's SDL as a router reads it from `_service { sdl }`."""
    return SUBGRAPHS[name]().as_str() + "\n"


def public_sdl() -> str:
    """The public schema's SDL, sorted, without federation directives."""
    # Through introspection, which is what clients see: no applied directives, defaults serialised.
    client_schema = build_client_schema(build_public_schema().introspect())
    return print_schema(lexicographic_sort_schema(client_schema)) + "\n"
