"""Database settings read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DatabaseSettings:
    """`NEO4J_URI` selects a real Neo4j 5; without it the embedded engine serves `data_dir`."""

    uri: str | None
    user: str
    password: str | None
    database: str
    data_dir: Path

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "DatabaseSettings":
        env = os.environ if environ is None else environ
        return cls(
            uri=env.get("NEO4J_URI") or None,
            user=env.get("NEO4J_USER", "neo4j"),
            password=env.get("NEO4J_PASSWORD"),
            database=env.get("NEO4J_DATABASE", "neo4j"),
            data_dir=Path(env.get("COMMUNITY_DATA_DIR", ".data")),
        )

    @property
    def embedded(self) -> bool:
        return self.uri is None
