"""Every error leaves with `extensions.code`; unexpected ones are logged and masked as INTERNAL."""

from __future__ import annotations

import logging
import uuid
from typing import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from resolvers.errors import ApiError, from_graph_error
from resolvers.runtime import GraphError

log = logging.getLogger("community_api.errors")
# Strawberry logs every GraphQL error with its stack, user errors included. Internal errors are
# logged by `classify` below, once, with an incident id that the client also sees.
logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)


def classify(error: GraphQLError) -> GraphQLError:
    """Return the error as clients should see it: a code, and no internals."""
    original = error.original_error
    if isinstance(original, GraphError):
        original = from_graph_error(original) or original
    if isinstance(original, ApiError):
        return GraphQLError(
            original.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={**original.extensions, "code": original.code},
        )
    if original is None or isinstance(original, GraphQLError):  # graphql-core's own, e.g. coercion
        code = (error.extensions or {}).get("code")
        if code:
            return error
        # Errors graphql-core raises itself: syntax, validation, variable coercion.
        if error.message.startswith("Syntax Error"):
            code = "GRAPHQL_PARSE_FAILED"
        elif error.path is None and error.message.startswith("Variable"):
            code = "BAD_USER_INPUT"
        elif error.path is None:
            code = "GRAPHQL_VALIDATION_FAILED"
        else:
            code = "BAD_USER_INPUT"
        return GraphQLError(
            error.message, nodes=error.nodes, source=error.source, positions=error.positions,
            path=error.path, extensions={**(error.extensions or {}), "code": code},
        )
    incident = uuid.uuid4().hex[:12]
    log.error("internal error %s at %s", incident, error.path, exc_info=original)
    return GraphQLError(
        "Internal server error",
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "INTERNAL", "incident": incident},
    )


class ErrorCodes(SchemaExtension):
    """Rewrite the operation's errors into their client-facing form."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and getattr(result, "errors", None):
            result.errors = [classify(error) for error in result.errors]
