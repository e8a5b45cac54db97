"""Schema extensions every subgraph and the public schema share."""

from __future__ import annotations

import os
from typing import Any

from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from resolvers.runtime import current_round_trips
from schema.errors import ErrorCodes
from schema.limits import NodeLimit

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5_000


class GraphRoundTrips(SchemaExtension):
    """With COMMUNITY_DEBUG=1, report each operation's database round trips in `extensions.graph`."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        trips = current_round_trips()
        if trips is None or not getattr(context, "debug", False):
            return {}
        return {"graph": {"roundTrips": trips.count, "millis": round(trips.millis, 2), "queries": trips.names}}


def debug_enabled() -> bool:
    """COMMUNITY_DEBUG=1 turns on debug extensions in responses; never on by default."""
    return os.environ.get("COMMUNITY_DEBUG") == "1"


def shared_extensions() -> list:
    """Limits against abusive documents, caches for hot documents, and error codes."""
    extensions: list = [
        ErrorCodes,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        NodeLimit,
        GraphRoundTrips,
    ]
    return extensions
