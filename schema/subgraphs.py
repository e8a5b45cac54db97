"""Every subgraph this service serves, by name, and the public schema built from them.

There is one set of Strawberry classes. Each subgraph is a view of it: a field belongs to the
subgraph of the package that defines it (`schema.learning.*` to `learning`, every other package
under `schema` to `community`), so the fields `LearningMemberFields` mixes into `Member` are
served by the learning subgraph only, and a learning entity appears in the community subgraph
as its key alone. The community subgraph resolves `node(id:)` for every entity (the Relay node
resolver of the supergraph) and the router fetches the rest of an object from its owner.

The public `/graphql` schema is what a router would expose from the composed subgraphs: the
same root fields and types, without the federation machinery. A test compares it with the API
schema that `@apollo/composition` derives from the subgraph SDLs, so the two cannot drift.
"""

from __future__ import annotations

import warnings
from typing import Any, Callable

import strawberry
from graphql import build_client_schema, lexicographic_sort_schema, print_schema
from strawberry.annotation import StrawberryAnnotation
from strawberry.federation import schema as federation_schema
from strawberry.federation.schema_directives import Key
from strawberry.schema.name_converter import NameConverter
from strawberry.types.base import StrawberryContainer, get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.lazy_type import LazyType
from strawberry.types.union import StrawberryUnion

from schema.extensions import shared_extensions
from schema.nodes import CAREERS_ENTITIES, ENTITIES, IDEAS_ENTITIES, LEARNING_ENTITIES, RECOGNITION_ENTITIES
from schema.root import Mutation, Query

FEDERATION_VERSION = "2.11"
FEDERATION_DIRECTIVES = {"key", "shareable", "external", "requires", "provides", "link", "inaccessible", "override"}
FEDERATION_SCALARS = ("_FieldSet", "link__Import", "link__Purpose")
ROOT_TYPES = ("Query", "Mutation")
_NAMES = NameConverter()

# Packages whose fields another subgraph than `community` serves.
OWNERS = {"schema.learning": "learning", "schema.careers": "careers", "schema.ideas": "ideas",
          "schema.recognition": "recognition"}


def owner_of(field: StrawberryField) -> str | None:
    """The subgraph serving `field`, or None for machinery every subgraph has (federation, relay)."""
    module = getattr(field.origin, "__module__", "") or ""
    if not module.startswith("schema.") or module == "schema.relay":
        return None
    package = module.rsplit(".", 1)[0]
    return OWNERS.get(package, "community")


def _key_fields(definition: Any) -> set[str]:
    return {name for d in definition.directives or () if isinstance(d, Key) for name in str(d.fields).split()}


class SubgraphSchema(strawberry.federation.Schema):
    """A federation schema serving only the fields its subgraph owns (see the module docstring).

    Value types (inputs, payloads, edges, enums) keep all their fields; entities keep their key
    and the fields the subgraph owns; the root types keep the root fields the subgraph owns.
    """

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.subgraph = name  # read by get_fields while the base class builds the schema
        super().__init__(**kwargs)

    def get_fields(self, type_definition: Any) -> list[StrawberryField]:
        fields = type_definition.fields
        keys = _key_fields(type_definition)
        if not keys and type_definition.name not in ROOT_TYPES:
            return fields
        return [f for f in fields if owner_of(f) in (None, self.subgraph) or _NAMES.from_field(f) in keys]

    def _get_federation_query_type(self, query, mutation, subscription, additional_types, name_converter):  # type: ignore[no-untyped-def]
        # The base class lists in `_Entity` every entity reachable through any field (a private
        # module function decides). A subgraph must list only those reachable through the fields
        # it serves, or foreign entities would appear in it as key-only stubs it claims to resolve;
        # the function is swapped for this schema's own walk while the base class runs.
        original = federation_schema._get_entity_type
        federation_schema._get_entity_type = lambda q, m, s, types: self._entity_union([q, m, s, *types])
        try:
            return super()._get_federation_query_type(query, mutation, subscription, additional_types, name_converter)
        finally:
            federation_schema._get_entity_type = original

    def _entity_union(self, roots: list[Any]) -> StrawberryUnion | None:
        entities = sorted(self._reachable_entities(roots), key=lambda t: t.__strawberry_definition__.name)
        if not entities:
            return None
        return StrawberryUnion("_Entity", type_annotations=tuple(StrawberryAnnotation(t) for t in entities))

    def _reachable_entities(self, roots: list[Any]) -> set[type]:
        found: set[type] = set()
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            type_ = stack.pop()
            while isinstance(type_, (StrawberryContainer, LazyType)):
                type_ = type_.resolve_type() if isinstance(type_, LazyType) else type_.of_type
            definition = get_object_definition(type_, strict=False) if type_ is not None else None
            if definition is None or id(definition) in seen:
                continue
            seen.add(id(definition))
            if definition.is_object_type and _key_fields(definition):
                found.add(type_)
            stack.extend(field.type for field in self.get_fields(definition))
        return found


def _subgraph(name: str, types: list[type]) -> Callable[[], strawberry.federation.Schema]:
    def build() -> strawberry.federation.Schema:
        # A subgraph without mutations of its own has no Mutation type (GraphQL forbids an empty one).
        owns_mutations = any(owner_of(f) == name for f in Mutation.__strawberry_definition__.fields)
        return SubgraphSchema(name, query=Query, mutation=Mutation if owns_mutations else None, types=types,
                              federation_version=FEDERATION_VERSION, extensions=shared_extensions())
    return build


SUBGRAPHS: dict[str, Callable[[], strawberry.federation.Schema]] = {
    # The node resolver: it lists every entity, those of the other subgraphs as their key.
    "community": _subgraph("community", ENTITIES),
    "learning": _subgraph("learning", LEARNING_ENTITIES),
    "careers": _subgraph("careers", CAREERS_ENTITIES),
    "ideas": _subgraph("ideas", IDEAS_ENTITIES),
    "recognition": _subgraph("recognition", RECOGNITION_ENTITIES),
}


def build_public_schema() -> strawberry.Schema:
    # Entities carry @key for the subgraphs; the public schema deliberately is not a
    # federation schema (no _service, no _entities), so Strawberry's hint does not apply.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Federation directive found in schema")
        schema = strawberry.Schema(query=Query, mutation=Mutation, types=ENTITIES, extensions=shared_extensions())
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
