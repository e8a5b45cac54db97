"""The real server (`community-api serve`) in a child process, attached to the test session's engine.

Tests that must prove something across processes (concurrent writers in several workers, a
router in front of the subgraphs) start it through `running_server`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.conftest import TEST_SECRET

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Interrupt a child (as Ctrl-C would), killing it if it does not stop within 30 s."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def wait_until_ready(process: subprocess.Popen, url: str, *, timeout: float = 120) -> bool:
    """Poll `url` until it answers 200; False when the process exits or time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return True
        except OSError:
            time.sleep(0.5)
    return False


def start_server(data_dir: Path, log_path: Path, *, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """`community-api serve` on a free port, attached to the session's engine; waits for /readyz.

    A port picked here can be taken before the server binds it, so a server that exits before it
    is ready is retried on another port.
    """
    env = {**os.environ, "COMMUNITY_DATA_DIR": str(data_dir), "COMMUNITY_JWT_SECRET": TEST_SECRET,
           "COMMUNITY_DEBUG": "1"}
    env.pop("NEO4J_URI", None)
    for _ in range(3):
        port = free_port()
        with open(log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            server = subprocess.Popen([sys.executable, "-m", "schema.cli", "serve", "--port", str(port),
                                       "--workers", str(workers)],
                                      cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        if wait_until_ready(server, f"http://127.0.0.1:{port}/readyz"):
            return server, f"http://127.0.0.1:{port}"
        stop(server)
    raise AssertionError("the server did not become ready:\n" + log_path.read_text(errors="replace")[-3000:])


@contextmanager
def running_server(data_dir: Path, log_path: Path, *, workers: int = 1) -> Iterator[str]:
    """The server's base URL while the block runs; stopped afterwards."""
    process, base_url = start_server(data_dir, log_path, workers=workers)
    try:
        yield base_url
    finally:
        stop(process)
