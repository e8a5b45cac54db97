"""Start or attach to the embedded engine for a data directory, shared by every local process.

Protocol (all under `data_dir`):
- `engine.lock`: held exclusively while a process starts or attaches to the engine, and
  by the host while it decides to stop, so attaching and stopping never interleave;
- `engine.users`: every attached process holds a shared lock on it until it exits; the host
  stops once nobody holds one, so a crashed API worker cannot leak a JVM;
- `engine.json`: the host's pid and ports, written once Bolt answers;
- `engine.password`: generated once, readable by the owner only.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from graph.embedded.layout import EngineLayout
from graph.errors import EngineStartError

ENGINE_USER = "root"


@dataclass
class EngineHandle:
    """An attachment to a running engine; the engine outlives it only while others are attached."""

    uri: str
    user: str
    password: str
    database: str
    _users: IO[str] | None = field(default=None, repr=False)

    def detach(self) -> None:
        if self._users is not None:
            self._users.close()  # releases the shared lock
            self._users = None


def _ensure_password(layout: EngineLayout) -> str:
    try:
        fd = os.open(layout.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return layout.password_file.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        password = secrets.token_urlsafe(24)
        out.write(password)
    return password


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _running_state(layout: EngineLayout) -> dict | None:
    try:
        state = json.loads(layout.state_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if _pid_alive(int(state["pid"])) and _port_open(int(state["bolt_port"])):
        return state
    return None


def _log_tail(layout: EngineLayout, lines: int = 20) -> str:
    try:
        return "\n".join(layout.log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no engine log)"


def _start_host(layout: EngineLayout, timeout: float) -> dict:
    layout.state_file.unlink(missing_ok=True)
    with open(layout.log_file, "ab") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "graph.embedded.host", str(layout.data_dir)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=str(layout.data_dir),  # the engine writes its own log/ folder into its working directory
        )
    try:
        status = launcher.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        launcher.terminate()  # it stops the half-started host too
        launcher.wait()
        raise EngineStartError(
            f"the embedded engine was not ready after {timeout:.0f}s; log {layout.log_file}:\n{_log_tail(layout)}"
        ) from None
    state = _running_state(layout) if status == 0 else None
    if state is None:
        raise EngineStartError(
            f"the embedded engine exited with status {status or 1} while starting; "
            f"log {layout.log_file}:\n{_log_tail(layout)}"
        )
    return state


def attach_engine(data_dir: Path, *, timeout: float = 120.0) -> EngineHandle:
    """Return a handle on the data directory's engine, starting it if nobody has."""
    layout = EngineLayout(data_dir.resolve())
    layout.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    password = _ensure_password(layout)
    with open(layout.lock_file, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        users = open(layout.users_file, "a+")
        fcntl.flock(users, fcntl.LOCK_SH)
        try:
            state = _running_state(layout) or _start_host(layout, timeout)
        except BaseException:
            users.close()
            raise
    return EngineHandle(
        uri=f"bolt://127.0.0.1:{state['bolt_port']}",
        user=ENGINE_USER,
        password=password,
        database=state["database"],
        _users=users,
    )
