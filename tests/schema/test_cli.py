"""The `community-api` command: schema, seed (with --reset) and token."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import jwt

from resolvers.seed.generator import SeedGenerator
from schema.cli import main
from schema.subgraphs import public_sdl, subgraph_sdl

SECRET = "cli-test-secret-that-is-long-enough-0123456789"


def test_schema_prints_the_public_or_a_subgraph_sdl(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == public_sdl()
    assert main(["schema", "--subgraph", "community"]) == 0
    assert capsys.readouterr().out == subgraph_sdl("community")
    assert main(["schema", "--subgraph", "nope"]) == 2


def test_seed_refuses_a_full_graph_unless_reset_and_token_signs_for_a_handle(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COMMUNITY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COMMUNITY_JWT_SECRET", SECRET)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["seed", "--size", "demo", "--seed", "7"]) == 0
    summary = capsys.readouterr().out
    assert "members" in summary and "500" in summary
    assert main(["seed", "--size", "demo", "--seed", "7"]) == 1
    assert main(["seed", "--size", "demo", "--seed", "7", "--reset"]) == 0
    first = next(SeedGenerator("demo", 7).rows("members"))
    capsys.readouterr()
    assert main(["token", "--member", first["handle"], "--role", "recruiter"]) == 0
    claims = jwt.decode(capsys.readouterr().out.strip(), SECRET, algorithms=["HS256"])
    assert claims["sub"] == first["id"] and claims["roles"] == ["recruiter"]
    assert main(["token", "--member", "nobody-at-all"]) == 1


def _serve_until_ready(args: list[str], env: dict, log_path) -> tuple[subprocess.Popen, str]:
    """Start `community-api serve` on a free port and wait for /readyz.

    The engine host also takes free ports while it starts, so the port picked here can be
    taken by it in between; a server that exits before it is ready is retried on another port.
    """
    for _ in range(3):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with open(log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            server = subprocess.Popen([sys.executable, "-m", "schema.cli", "serve", "--port", str(port), *args],
                                      env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200:
                    return server, f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(1)
        if server.poll() is None:
            server.kill()
            break
    raise AssertionError("the server did not become ready:\n" + open(log_path, encoding="utf-8").read()[-3000:])


def test_serve_with_two_workers_shares_one_engine_and_loads_the_demo_once(tmp_path):
    env = {**os.environ, "COMMUNITY_DATA_DIR": str(tmp_path / "data"), "COMMUNITY_JWT_SECRET": SECRET}
    env.pop("NEO4J_URI", None)
    server, base = _serve_until_ready(["--workers", "2", "--demo"], env, tmp_path / "serve.log")
    try:
        request = urllib.request.Request(f"{base}/graphql", data=json.dumps(
            {"query": "{ members { totalCount } }"}).encode(), headers={"Content-Type": "application/json"})
        totals = {json.load(urllib.request.urlopen(request, timeout=10))["data"]["members"]["totalCount"]
                  for _ in range(6)}
        assert len(totals) == 1 and totals.pop() > 300  # the demo set, loaded once, seen by both workers
        state = json.loads((tmp_path / "data" / "engine.json").read_text())
        hosts = subprocess.run(["pgrep", "-f", f"graph.embedded.host {tmp_path / 'data'}"],
                               capture_output=True, text=True)
        assert hosts.stdout.split() == [str(state["pid"])]
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0
