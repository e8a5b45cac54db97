"""A node limit on every operation, like the GitHub GraphQL API's.

Depth and token limits do not stop `members(first: 100) { followers(first: 100) {
followers(first: 100) { ... } } }`: a million rows from a small document. Before execution
this multiplies the page sizes (`first`/`last`, or the default page size) along each path
of nested connections and refuses an operation whose worst case exceeds `MAX_NODES`.
"""

from __future__ import annotations

from typing import Any, Iterator

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension

from resolvers.errors import BadUserInput
from resolvers.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

MAX_NODES = 25_000


def _is_connection(named_type: Any) -> bool:
    fields = getattr(named_type, "fields", None) or {}
    return "edges" in fields and "pageInfo" in fields


def _page_size(field: FieldNode, variables: dict[str, Any]) -> int:
    for argument in field.arguments or ():
        if argument.name.value not in ("first", "last"):
            continue
        value = argument.value
        if isinstance(value, VariableNode):
            raw = variables.get(value.name.value)
        elif isinstance(value, IntValueNode):
            raw = int(value.value)
        else:
            raw = None
        if isinstance(raw, int):
            return max(0, min(raw, MAX_PAGE_SIZE))  # larger pages are refused on their own
    return DEFAULT_PAGE_SIZE


class NodeCounter:
    """Worst-case number of connection nodes an operation can return."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: dict[str, Any]) -> None:
        self.schema, self.fragments, self.variables = schema, fragments, variables

    def count(self, selection_set: SelectionSetNode, parent: Any, multiplier: int) -> int:
        total = 0
        for selection, parent_type in self._fields(selection_set, parent):
            field_def = getattr(parent_type, "fields", {}).get(selection.name.value)
            if field_def is None:
                continue  # __typename and introspection
            named = get_named_type(field_def.type)
            inner = multiplier
            if _is_connection(named):
                inner = multiplier * _page_size(selection, self.variables)
                total += inner
            if selection.selection_set is not None:
                total += self.count(selection.selection_set, named, inner)
        return total

    def _fields(self, selection_set: SelectionSetNode, parent: Any) -> Iterator[tuple[FieldNode, Any]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                yield from self._fields(selection.selection_set, target)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    target = self.schema.get_type(fragment.type_condition.name.value)
                    yield from self._fields(fragment.selection_set, target)


def estimated_nodes(schema: GraphQLSchema, document: Any, operation_name: str | None,
                    variables: dict[str, Any] | None) -> int:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    if not isinstance(root, (GraphQLObjectType, GraphQLInterfaceType)):
        return 0
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return NodeCounter(schema, fragments, variables or {}).count(operation.selection_set, root, 1)


class NodeLimit(SchemaExtension):
    """Refuse, before any database work, an operation that could return too many nodes."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            nodes = estimated_nodes(context.schema._schema, context.graphql_document, context.operation_name,
                                    context.variables)
            if nodes > MAX_NODES:
                raise BadUserInput(
                    f"this operation could return up to {nodes:,} nodes; the limit is {MAX_NODES:,}. "
                    "Ask for smaller pages or fewer nested connections.",
                    maxNodes=MAX_NODES,
                    requestedNodes=nodes,
                )
        yield
