"""Daemon that hosts one ArcadeDB server for one data directory.

Run as `python -m graph.embedded.host DATA_DIR`. That process is only a launcher: it forks
the host into a session of its own (so it belongs to no API process and leaves no zombie),
waits until the host is ready or has died, and exits 0 or 1 accordingly. The JVM lives in
the host and nowhere else:
embedded calls after Bolt traffic have crashed the JVM when they shared a process
with the driver, so every statement, DDL included, reaches it over Bolt.

The server stays up while any process holds a shared lock on `engine.users`
(see `supervisor.py`) and stops cleanly once the last one has gone, however it died.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from graph.embedded.layout import EngineLayout

IDLE_GRACE_SECONDS = 3.0
POLL_SECONDS = 1.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the JVM's listeners do: connections of the previous run in TIME_WAIT do not block the port.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def stable_ports(layout: EngineLayout) -> tuple[int, int]:
    """The ports of the previous run when they are still free, so clients reconnect after a restart."""
    try:
        previous = json.loads(layout.ports_file.read_text(encoding="utf-8"))
        if port_free(previous["bolt_port"]) and port_free(previous["http_port"]):
            return previous["bolt_port"], previous["http_port"]
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        pass
    ports = free_port(), free_port()
    layout.ports_file.write_text(json.dumps({"bolt_port": ports[0], "http_port": ports[1]}), encoding="utf-8")
    return ports


def users_gone(layout: EngineLayout) -> bool:
    """True when no client process holds its shared lock on the users file."""
    with open(layout.users_file, "a+") as users:
        try:
            fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(users, fcntl.LOCK_UN)
        return True


def main(data_dir: str) -> int:
    layout = EngineLayout(Path(data_dir))
    heap = os.environ.get("COMMUNITY_ENGINE_HEAP", "2g")
    password = layout.password_file.read_text(encoding="utf-8").strip()
    bolt_port, http_port = stable_ports(layout)

    import arcadedb_embedded  # imported late: it starts a JVM

    server = arcadedb_embedded.ArcadeDBServer(
        str(layout.server_root),
        password,
        config={
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": bolt_port,
            "http_port": http_port,
            "host": "127.0.0.1",
        },
        jvm_kwargs={"heap_size": heap},
    )
    server.start()
    try:
        server.get_database(layout.database)
    except Exception:  # the wrapper raises its own error for a missing database
        server.create_database(layout.database)

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())

    layout.state_file.write_text(
        json.dumps({"pid": os.getpid(), "bolt_port": bolt_port, "http_port": http_port, "database": layout.database}),
        encoding="utf-8",
    )
    print(f"embedded engine ready on bolt://127.0.0.1:{bolt_port}", flush=True)

    try:
        wait_until_unused(layout, stop)
    finally:
        # Always stop the JVM: its threads would otherwise keep this process alive after an error.
        layout.state_file.unlink(missing_ok=True)
        server.stop()
        print("embedded engine stopped", flush=True)
    return 0


def wait_until_unused(layout: EngineLayout, stop: threading.Event) -> None:
    """Return once no client has held the users file for the grace period, on a signal, or once
    the data directory is gone (a deleted test directory must not leave an engine running)."""
    idle_since: float | None = None
    while not stop.wait(POLL_SECONDS):
        if not layout.users_file.parent.is_dir():
            return
        # Decide under the start-up lock, so no client can attach between the check and the stop.
        try:
            with open(layout.lock_file, "a+") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if users_gone(layout):
                    idle_since = idle_since or time.monotonic()
                    if time.monotonic() - idle_since >= IDLE_GRACE_SECONDS:
                        return
                else:
                    idle_since = None
        except FileNotFoundError:  # the directory was removed between the check and the open
            return


def launch(data_dir: str) -> int:
    """Fork the host and report how its start went: 0 once it is ready, 1 if it died."""
    layout = EngineLayout(Path(data_dir))
    host = os.fork()
    if host == 0:
        os.setsid()
        os._exit(main(data_dir))  # never return into the launcher's code
    # A launcher stopped while waiting (the starter gave up) takes the half-started host with it.
    signal.signal(signal.SIGTERM, lambda *_: (os.kill(host, signal.SIGTERM), os._exit(1)))
    while True:
        finished, status = os.waitpid(host, os.WNOHANG)
        if finished:
            return 1 if os.waitstatus_to_exitcode(status) != 0 else 0
        try:
            if json.loads(layout.state_file.read_text(encoding="utf-8")).get("pid") == host:
                return 0
        except (FileNotFoundError, ValueError):
            pass
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(launch(sys.argv[1]))
