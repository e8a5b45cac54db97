"""The ASGI app: the public `/graphql`, one endpoint per subgraph, and health probes.

The driver (and the embedded engine, when no NEO4J_URI is set) is opened once per
process in the lifespan, migrations are applied, and with `demo=True` an empty graph
gets the demo data set.
"""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from resolvers.auth import AuthSettings
from resolvers.connections.ranking import check_ranking_weights
from resolvers.ideas.rules import review_threshold
from resolvers.runtime import DatabaseSettings, Graph, apply_migrations, open_graph
from resolvers.seed.loader import seed_demo_if_empty
from schema.extensions import debug_enabled
from schema.http import GraphQLEndpoint
from schema.learning.sharing import open_badge_routes
from schema.subgraphs import SUBGRAPHS, build_public_schema

log = logging.getLogger("community_api")


@dataclass(frozen=True)
class AppSettings:
    database: DatabaseSettings
    auth: AuthSettings
    demo: bool = False
    debug: bool = False
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, *, demo: bool = False) -> "AppSettings":
        origins = tuple(o.strip() for o in os.environ.get("COMMUNITY_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(DatabaseSettings.from_env(), AuthSettings.from_env(), demo, debug_enabled(), origins)


def _graph(request: Request) -> Graph:
    return request.app.state.graph


async def healthz(request: Request) -> JSONResponse:
    """The process is up."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """The database answers; 503 while it does not."""
    graph: Graph | None = getattr(request.app.state, "graph", None)
    if graph is not None and await graph.ping():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def create_app(settings: AppSettings | None = None, *, graph: Graph | None = None) -> Starlette:
    """Build the app; pass `graph` to share an already open database (tests do)."""
    settings = settings or AppSettings.from_env()
    check_ranking_weights()  # a mistyped COMMUNITY_*_WEIGHTS fails the start, not the first request
    review_threshold()  # likewise a bad COMMUNITY_IDEA_REVIEW_THRESHOLD

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if graph is not None:
            app.state.graph = graph
            yield
            return
        async with open_graph(settings.database) as opened:
            await apply_migrations(opened)
            if settings.demo:
                await seed_demo_if_empty(opened, lock_dir=settings.database.data_dir)
            app.state.graph = opened
            yield

    debug = settings.debug
    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/graphql", GraphQLEndpoint(build_public_schema(), graph_provider=_graph, auth=settings.auth,
                                          debug=debug), methods=["GET", "POST"]),
        *open_badge_routes(),  # public Open Badges 3.0 documents of earned badges and credentials
    ]
    for name, build in SUBGRAPHS.items():
        endpoint = GraphQLEndpoint(build(), graph_provider=_graph, auth=settings.auth, debug=debug, graphql_ide=None)
        routes.append(Route(f"/subgraphs/{name}/graphql", endpoint, methods=["GET", "POST"]))
    middleware = []
    if settings.cors_origins:
        # Browser front ends on other origins; bearer tokens travel in a header, never cookies.
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                                     max_age=600))
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    if graph is not None:
        app.state.graph = graph  # usable without running the lifespan, as test clients do
    return app


def app_from_env() -> Starlette:
    """The app as configured by the environment: the factory uvicorn workers import."""
    if not logging.getLogger().handlers:  # worker processes start without the CLI's logging setup
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return create_app(AppSettings.from_env(demo=os.environ.get("COMMUNITY_DEMO") == "1"))
