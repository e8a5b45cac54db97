"""Bulk writes of seed data (and test fixtures): `SeedWriter` over the statements in `seed.cypher`."""

from graph.seed.writer import KINDS, MISMATCH_KINDS, QUERIES, SeedWriter, to_parameters

__all__ = ["KINDS", "MISMATCH_KINDS", "QUERIES", "SeedWriter", "to_parameters"]
