"""The per-request GraphQL context: the request and its RequestScope (viewer, loaders)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from starlette.requests import Request

from resolvers.scope import RequestScope


@dataclass
class Context:
    request: Request | None
    response: Any
    scope: RequestScope
    debug: bool = False


Info = strawberry.Info[Context, None]
