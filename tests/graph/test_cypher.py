"""Every named Cypher statement runs on the embedded engine and passes Neo4j's linter."""

import re
import subprocess
from pathlib import Path

import pytest

from graph.cypher import all_queries, parse_cypher_file
from resolvers.connections.ranking import ExpertWeights, SuggestionWeights

ROOT = Path(__file__).resolve().parents[2]
# Statements the session fixtures already run (migrations), or that empty the graph.
RUN_ELSEWHERE = re.compile(r"^(v\d+_|wipe_graph$)")
LIST_PARAMS = {"ids", "slugs", "skills", "visible", "topicIds", "rows"}


def sample_params(text: str) -> dict:
    params = {}
    for name in set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", text)):
        if name in LIST_PARAMS:
            params[name] = []
        elif name in ("skip", "version"):
            params[name] = 0
        elif name == "limit":
            params[name] = 10
        elif name == "props":
            params[name] = {"name": "sample"}
        elif name == "weights":  # the ranking weights, as the services pass them
            params[name] = SuggestionWeights().params() | ExpertWeights().params()
        else:
            params[name] = None
    return params


QUERIES = [q for q in all_queries() if not RUN_ELSEWHERE.match(q.name)]


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
async def test_statement_runs_on_the_embedded_engine(graph, query):
    await graph.write(query, **sample_params(query.text))


def test_every_statement_passes_the_neo4j_linter():
    linter = ROOT / "tools" / "lint-cypher.mjs"
    assert (ROOT / "tools" / "node_modules").is_dir(), "run `npm ci --prefix tools` first (scripts/test does)"
    result = subprocess.run(["node", str(linter), str(ROOT / "graph")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_blocks_are_named_documented_and_unique(tmp_path):
    sample = tmp_path / "sample.cypher"
    sample.write_text("// name: one\n// The first.\nRETURN 1 AS x\n\n// name: two\nRETURN 2 AS y\n")
    blocks = parse_cypher_file(sample)
    assert blocks["one"].doc == "The first." and blocks["one"].text == "RETURN 1 AS x"
    assert blocks["two"].line == 5
    sample.write_text("// name: one\nRETURN 1\n// name: one\nRETURN 2\n")
    with pytest.raises(ValueError, match="duplicate"):
        parse_cypher_file(sample)
    sample.write_text("RETURN 1\n")
    with pytest.raises(ValueError, match="before the first"):
        parse_cypher_file(sample)
