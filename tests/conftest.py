"""Test session: one embedded engine for the whole run, a clean graph for every test.

The engine runs from a private data directory under pytest's temp root, so a developer's
own `.data` is never touched; migrations are applied once, and every test that uses the
graph starts from an empty one (all but the migration records are wiped first).
"""

from __future__ import annotations

from pathlib import Path
from typing import AsyncIterator

import httpx
import pytest

from graph.system import QUERIES as SYSTEM
from resolvers.auth import AuthSettings, issue_token
from resolvers.runtime import DatabaseSettings, Graph, apply_migrations, open_graph
from schema.app import AppSettings, create_app

TEST_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("engine")


@pytest.fixture(scope="session")
async def session_graph(data_dir: Path) -> AsyncIterator[Graph]:
    settings = DatabaseSettings(uri=None, user="", password=None, database="", data_dir=data_dir)
    async with open_graph(settings) as graph:
        await apply_migrations(graph)
        yield graph


@pytest.fixture
async def graph(session_graph: Graph) -> Graph:
    """The session's graph, emptied for this test."""
    await session_graph.write(SYSTEM["wipe_graph"])
    return session_graph


@pytest.fixture(scope="session")
def auth_settings() -> AuthSettings:
    return AuthSettings(secret=TEST_SECRET)


@pytest.fixture
def app_settings(auth_settings: AuthSettings, data_dir: Path) -> AppSettings:
    database = DatabaseSettings(uri=None, user="", password=None, database="", data_dir=data_dir)
    return AppSettings(database=database, auth=auth_settings, demo=False, debug=True)


@pytest.fixture
async def client(graph: Graph, app_settings: AppSettings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(app_settings, graph=graph)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def token_for(auth_settings: AuthSettings):
    """Build an Authorization header for a member id with the given roles."""

    def header(member_id: str, *roles: str) -> dict[str, str]:
        token = issue_token(auth_settings, member_id=member_id, roles=list(roles) or ["member"])
        return {"Authorization": f"Bearer {token}"}

    return header
