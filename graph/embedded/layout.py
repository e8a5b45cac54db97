"""Where the embedded engine keeps its files inside `COMMUNITY_DATA_DIR`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EngineLayout:
    data_dir: Path
    database: str = "community"

    @property
    def server_root(self) -> Path:
        return self.data_dir / "arcadedb"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "engine.password"

    @property
    def state_file(self) -> Path:
        """Written by the host once it is ready: pid and ports."""
        return self.data_dir / "engine.json"

    @property
    def ports_file(self) -> Path:
        """The ports of the last run, reused when free so a restarted engine keeps its address."""
        return self.data_dir / "engine.ports"

    @property
    def lock_file(self) -> Path:
        """Serialises starting, attaching to and stopping the engine."""
        return self.data_dir / "engine.lock"

    @property
    def users_file(self) -> Path:
        """Every attached process holds a shared lock on it for as long as it lives."""
        return self.data_dir / "engine.users"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "engine.log"
