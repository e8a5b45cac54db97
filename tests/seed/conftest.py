"""Seed rows shared by the seed tests: generated once per session (small takes seconds)."""

import pytest

from tests.seed.sample import all_rows


@pytest.fixture(scope="session")
def demo() -> dict[str, list[dict]]:
    return all_rows("demo", 7)


@pytest.fixture(scope="session")
def small() -> dict[str, list[dict]]:
    return all_rows("small", 11)
