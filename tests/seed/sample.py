"""Generated seed rows for the seed tests, with activity dated relative to a fixed `NOW`."""

from __future__ import annotations

from datetime import datetime, timezone

from resolvers.seed.generator import KINDS, generate

# Activity is dated relative to `now`; a fixed one keeps runs comparable across midnight.
NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)


def all_rows(size: str, seed: int, now: datetime = NOW) -> dict[str, list[dict]]:
    """Every row of a seed by kind, checking on the way that batches are 1..700 rows."""
    rows: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for batch in generate(size, seed, batch_size=700, now=now):
        assert 0 < len(batch.rows) <= 700
        rows[batch.kind].extend(batch.rows)
    return rows
