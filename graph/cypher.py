"""Named Cypher blocks kept in `graph/**/*.cypher`, loaded once at import.

A file holds blocks headed `// name: some_name`; the `//` lines directly under the
header are the block's docstring. Parameters are always `$named`; nothing is ever
formatted into a statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

_HEADER = re.compile(r"^//\s*name:\s*([a-z][a-z0-9_]*)\s*$")
GRAPH_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Query:
    """One named, parameterised Cypher statement."""

    name: str
    text: str
    doc: str
    source: str
    line: int

    def __str__(self) -> str:  # the driver accepts str; keep the query text as the value
        return self.text


def parse_cypher_file(path: Path) -> dict[str, Query]:
    """Split one `.cypher` file into its named blocks."""
    blocks: dict[str, Query] = {}
    name: str | None = None
    start = 0
    doc: list[str] = []
    body: list[str] = []
    in_doc = False

    def flush() -> None:
        if name is None:
            return
        text = "\n".join(body).strip()
        if not text:
            raise ValueError(f"{path}:{start}: block {name!r} has no statement")
        if name in blocks:
            raise ValueError(f"{path}:{start}: duplicate block name {name!r}")
        blocks[name] = Query(name, text, " ".join(doc).strip(), str(path), start)

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = _HEADER.match(line.strip())
        if header:
            flush()
            name, start, doc, body, in_doc = header.group(1), number, [], [], True
            continue
        if name is None:
            if line.strip() and not line.strip().startswith("//"):
                raise ValueError(f"{path}:{number}: statement text before the first '// name:' header")
            continue
        if in_doc and line.strip().startswith("//"):
            doc.append(line.strip()[2:].strip())
            continue
        in_doc = False
        body.append(line)
    flush()
    return blocks


def load_queries(directory: Path) -> Mapping[str, Query]:
    """Load every named block of the `.cypher` files in one domain folder."""
    queries: dict[str, Query] = {}
    for path in sorted(directory.glob("*.cypher")):
        for name, query in parse_cypher_file(path).items():
            if name in queries:
                raise ValueError(f"{path}: block {name!r} is also defined in {queries[name].source}")
            queries[name] = query
    return MappingProxyType(queries)


def all_queries() -> list[Query]:
    """Every named block under `graph/`, for the tests that run and lint them all."""
    found: list[Query] = []
    for path in sorted(GRAPH_DIR.rglob("*.cypher")):
        found.extend(parse_cypher_file(path).values())
    return found
