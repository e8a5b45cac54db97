"""The recognition domain (MVP program and customer heroes)'s graph access: one repository module per area, one set of named queries."""

from pathlib import Path

from graph.cypher import load_queries

QUERIES = load_queries(Path(__file__).parent)
