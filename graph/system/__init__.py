"""Queries that belong to no domain: readiness, migration records, test isolation."""

from pathlib import Path

from graph.cypher import load_queries

QUERIES = load_queries(Path(__file__).parent)
