"""The GraphQL HTTP endpoint: auth, GraphQL-over-HTTP media types and status codes.

- `application/graphql-response+json` is answered in kind when the client accepts it, and
  then a request error (unparsable or invalid document, bad variables) gets 400, as the
  GraphQL-over-HTTP spec asks; plain `application/json` clients always get 200 for a
  well-formed request, as the spec asks for them.
- A present but invalid bearer token is refused with 401 and UNAUTHENTICATED before any
  execution: it never falls back to anonymous access.
- Transport faults (bad JSON, wrong method) answer with a GraphQL-shaped JSON body too.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from starlette.requests import Request
from starlette.responses import Response
from strawberry.asgi import GraphQL
from cross_web import HTTPException
from strawberry.types import ExecutionResult

from resolvers.runtime import Graph, begin_round_trips
from resolvers.auth import AuthSettings, viewer_from_authorization
from resolvers.errors import Unauthenticated
from resolvers.scope import RequestScope
from schema.context import Context
from schema.errors import classify

GRAPHQL_RESPONSE = "application/graphql-response+json"
MAX_BODY_BYTES = 1_000_000  # a GraphQL document with its variables; uploads are not accepted
JSON = "application/json"


def preferred_media_type(accept: str | None) -> str:
    """The response media type for an Accept header; legacy JSON unless the new type is asked for."""
    if not accept:
        return JSON
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranked):
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*"):
            return JSON
    return JSON


def error_body(message: str, code: str, **extensions: Any) -> bytes:
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}).encode()


def is_request_error(result: ExecutionResult) -> bool:
    """A request error: the operation never ran, so there is no `data` at all."""
    return bool(result.errors) and result.data is None and all(e.path is None for e in result.errors)


class GraphQLEndpoint(GraphQL):
    """Strawberry's ASGI view with the project's auth, media types and status codes."""

    def __init__(self, schema, *, graph_provider: Callable[[Request], Graph], auth: AuthSettings,
                 debug: bool = False, **kwargs: Any) -> None:
        super().__init__(schema, **kwargs)
        self.graph_provider = graph_provider
        self.auth = auth
        self.debug = debug

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await super().__call__(scope, receive, send)
        request = Request(scope=scope, receive=receive)
        media = preferred_media_type(request.headers.get("accept"))
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            response = Response(error_body(f"the request body must be at most {MAX_BODY_BYTES} bytes", "BAD_REQUEST"),
                                status_code=413, media_type=media)
            return await response(scope, receive, send)
        try:
            request.state.viewer = viewer_from_authorization(request.headers.get("authorization"), self.auth)
            response = await self.run(request)
        except Unauthenticated as error:
            response = Response(error_body(error.message, error.code), status_code=401, media_type=media,
                                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        except HTTPException as error:
            response = Response(error_body(error.reason, "BAD_REQUEST"), status_code=error.status_code,
                                media_type=media)
        await response(scope, receive, send)

    async def get_context(self, request: Request, response: Response) -> Context:
        begin_round_trips()
        request.state.sub_response = response
        scope = RequestScope(graph=self.graph_provider(request), viewer=request.state.viewer)
        return Context(request=request, response=response, scope=scope, debug=self.debug)

    async def process_result(self, request: Request, result: ExecutionResult):
        media = preferred_media_type(request.headers.get("accept"))
        sub_response = request.state.sub_response
        sub_response.headers["content-type"] = media
        if result.errors:
            # Parse failures never reach the schema extensions; classify every error here too.
            result.errors = [classify(error) for error in result.errors]
        if media == GRAPHQL_RESPONSE and is_request_error(result):
            sub_response.status_code = 400
        return await super().process_result(request, result)

    def create_response(self, response_data, sub_response: Response) -> Response:
        media = sub_response.headers.get("content-type", JSON)
        response = Response(self.encode_json(response_data), status_code=sub_response.status_code or 200,
                            media_type=media)
        for name, value in sub_response.headers.items():
            if name.lower() not in ("content-type", "content-length"):
                response.headers[name] = value
        return response
