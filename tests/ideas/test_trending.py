"""The TRENDING model (resolvers/ideas/trending.py): the stored sum orders ideas exactly as the
decayed score does, at any moment."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from resolvers.ideas.trending import EPOCH, HALF_LIFE, decayed, growth, vote_trend

NOW = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)


def direct(votes: list[tuple[int, datetime]], now: datetime) -> float:
    """The definition: each vote worth value × 2^(−age / HALF_LIFE)."""
    return sum(value * 2 ** (-((now - at) / HALF_LIFE)) for value, at in votes)


def test_a_vote_halves_every_half_life():
    trend = vote_trend(1, NOW)
    assert decayed(trend, NOW) == 1.0
    assert abs(decayed(trend, NOW + HALF_LIFE) - 0.5) < 1e-12
    assert abs(decayed(trend, NOW + 2 * HALF_LIFE) - 0.25) < 1e-12


def test_growth_is_one_at_the_epoch_and_accepts_epoch_millis():
    assert growth(EPOCH) == 1.0
    assert growth(int(NOW.timestamp() * 1000)) == growth(NOW)


def test_a_fresh_burst_outranks_more_votes_long_ago():
    old = [(1, NOW - timedelta(days=60))] * 100
    new = [(1, NOW - timedelta(hours=6))] * 10
    stored_old = sum(vote_trend(v, at) for v, at in old)
    stored_new = sum(vote_trend(v, at) for v, at in new)
    assert stored_new > stored_old  # what ORDER BY i.trend DESC sees
    assert decayed(stored_new, NOW) > decayed(stored_old, NOW)


def test_a_down_vote_subtracts_its_decayed_weight():
    votes = [(1, NOW - timedelta(days=1)), (-1, NOW)]
    stored = sum(vote_trend(v, at) for v, at in votes)
    assert abs(decayed(stored, NOW) - direct(votes, NOW)) < 1e-9


_times = st.integers(min_value=0, max_value=700).map(lambda h: NOW - timedelta(hours=h * 2))
_votes = st.lists(st.tuples(st.sampled_from([1, -1]), _times), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(_votes, min_size=2, max_size=6), st.integers(min_value=0, max_value=2000))
def test_ordering_by_the_stored_sum_is_ordering_by_the_decayed_score(ideas, hours_later):
    now = NOW + timedelta(hours=hours_later)
    stored = [sum(vote_trend(v, at) for v, at in votes) for votes in ideas]
    for votes, trend in zip(ideas, stored):
        expected = direct(votes, now)
        assert abs(decayed(trend, now) - expected) <= 1e-9 * max(1.0, sum(abs(v) for v, _ in votes))
    by_stored = sorted(range(len(ideas)), key=lambda i: stored[i])
    by_score = sorted(range(len(ideas)), key=lambda i: decayed(stored[i], now))
    assert by_stored == by_score
