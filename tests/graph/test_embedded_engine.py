"""The embedded engine: shared per data directory, private password, data survives a restart."""

import asyncio
import json
import os
import shutil
import stat
import time

from graph.embedded.layout import EngineLayout
from graph.embedded.supervisor import attach_engine
from graph.system import QUERIES as SYSTEM
from resolvers.runtime import DatabaseSettings, apply_migrations, open_graph


async def gone(pid: int, seconds: float) -> bool:
    """Whether a process (not our child: the engine host is a daemon) has exited within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        await asyncio.sleep(0.2)
    return False


def _settings(path):
    return DatabaseSettings(uri=None, user="", password=None, database="", data_dir=path)


async def test_data_survives_a_restart_and_the_host_stops_when_unused(tmp_path):
    layout = EngineLayout(tmp_path)
    async with open_graph(_settings(tmp_path)) as graph:
        applied = await apply_migrations(graph)
        assert applied, "a fresh data directory gets every migration"
        host = json.loads(layout.state_file.read_text())["pid"]
    # The last user detached: the host stops by itself, cleanly, within its grace period.
    assert await gone(host, 30)
    assert not layout.state_file.exists()
    assert "embedded engine stopped" in layout.log_file.read_text()
    async with open_graph(_settings(tmp_path)) as graph:
        assert await apply_migrations(graph) == [], "migrations are recorded in the graph and not applied twice"
        rows = await graph.read(SYSTEM["applied_migrations"])
        assert len(rows) == len(applied)
    mode = stat.S_IMODE(os.stat(layout.password_file).st_mode)
    assert mode == 0o600


async def test_the_host_stops_when_its_data_directory_is_deleted(tmp_path):
    data = tmp_path / "doomed"
    async with open_graph(_settings(data)) as graph:
        await graph.ping()
        host = json.loads(EngineLayout(data).state_file.read_text())["pid"]
    shutil.rmtree(data)  # as pytest does with old temporary directories
    assert await gone(host, 30)


def test_two_attachments_share_one_engine(data_dir):
    first = attach_engine(data_dir)
    second = attach_engine(data_dir)
    try:
        assert first.uri == second.uri
    finally:
        first.detach()
        second.detach()


async def test_the_api_recovers_after_the_engine_dies(tmp_path, app_settings):
    import signal

    import httpx

    from schema.app import create_app
    from tests.gql import codes, gql

    async with open_graph(_settings(tmp_path)) as graph:
        await apply_migrations(graph)
        app = create_app(app_settings, graph=graph)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            assert "errors" not in await gql(client, "{ topics { totalCount } }")
            host = json.loads(EngineLayout(tmp_path).state_file.read_text())["pid"]
            os.kill(host, signal.SIGKILL)  # the database goes away without a goodbye
            assert await gone(host, 10)
            assert codes(await gql(client, "{ topics { totalCount } }")) == ["UNAVAILABLE"]
            # That failure restarted the engine on the same address; the driver reconnects by itself.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if (await client.get("/readyz")).status_code == 200:
                    break
                await asyncio.sleep(1)
            assert (await client.get("/readyz")).status_code == 200
            assert "errors" not in await gql(client, "{ topics { totalCount } }")


def test_an_engine_that_cannot_start_gives_a_clear_error(tmp_path, monkeypatch):
    import pytest

    from graph.errors import EngineStartError

    monkeypatch.setenv("COMMUNITY_ENGINE_HEAP", "not-a-size")  # the JVM refuses to start
    with pytest.raises(EngineStartError, match="exited with status") as raised:
        attach_engine(tmp_path, timeout=60)
    assert str(EngineLayout(tmp_path).log_file) in str(raised.value)
