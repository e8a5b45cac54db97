"""The credential status rule and the maintenance decision, as pure functions, at their boundaries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from resolvers.learning.credentials import (
    ACTIVE,
    ALREADY_CURRENT,
    EXPIRED,
    MAINTAINED,
    MAINTENANCE_DUE,
    REFUSED_EARLIER_DUE,
    REFUSED_EXPIRED,
    REFUSED_NOT_RELEASED,
    REFUSED_NOT_REQUIRED,
    credential_state,
    maintenance_outcome,
)

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def release(name: str, released_at: datetime, deadline: datetime) -> dict:
    return {"id": name, "name": name, "releasedAt": released_at, "maintenanceDeadline": deadline}


def state(covered: datetime, releases: list[dict], *, requires: bool = True, now: datetime = NOW):
    return credential_state(covered_through=covered, requires_maintenance=requires, releases=releases, now=now)


def test_no_release_after_coverage_is_active():
    earlier = release("spring", NOW - 100 * DAY, NOW - 10 * DAY)  # its deadline passed, but it was covered
    got = state(NOW - 50 * DAY, [earlier])
    assert got.status == ACTIVE and got.due == () and got.deadline is None and got.expires_at is None


def test_a_release_exactly_at_coverage_is_covered():
    same = release("summer", NOW - 30 * DAY, NOW - DAY)  # deadline passed: it would expire if it were due
    assert state(NOW - 30 * DAY, [same]).status == ACTIVE
    assert state(NOW - 30 * DAY - SECOND, [same]).status == EXPIRED


def test_a_released_release_makes_maintenance_due_until_its_deadline():
    due = release("summer", NOW - 30 * DAY, NOW + 60 * DAY)
    got = state(NOW - 100 * DAY, [due])
    assert got.status == MAINTENANCE_DUE and got.valid
    assert [r["id"] for r in got.due] == ["summer"]
    assert got.deadline == NOW + 60 * DAY and got.expires_at == NOW + 60 * DAY and got.expired_at is None


def test_on_the_deadline_it_is_still_due_and_a_second_later_it_expired():
    deadline = NOW
    due = release("summer", NOW - 30 * DAY, deadline)
    assert state(NOW - 100 * DAY, [due], now=deadline).status == MAINTENANCE_DUE
    late = state(NOW - 100 * DAY, [due], now=deadline + SECOND)
    assert late.status == EXPIRED and not late.valid
    assert late.expired_at == deadline and late.due == () and late.deadline is None and late.expires_at is None


def test_a_release_out_exactly_now_is_due_and_one_a_second_ahead_is_not():
    now_release = release("now", NOW, NOW + 90 * DAY)
    assert state(NOW - DAY, [now_release]).status == MAINTENANCE_DUE
    ahead = release("ahead", NOW + SECOND, NOW + 90 * DAY)
    assert state(NOW - DAY, [ahead]).status == ACTIVE


def test_future_releases_are_not_due_but_give_the_expiry():
    future = [release("winter", NOW + 30 * DAY, NOW + 200 * DAY), release("spring", NOW + 120 * DAY, NOW + 300 * DAY)]
    got = state(NOW - DAY, future)
    assert got.status == ACTIVE and got.due == () and got.expires_at == NOW + 200 * DAY


def test_two_due_releases_oldest_first_and_the_earliest_deadline():
    older = release("summer", NOW - 60 * DAY, NOW + 10 * DAY)
    newer = release("winter", NOW - 5 * DAY, NOW + 100 * DAY)
    got = state(NOW - 90 * DAY, [newer, older])
    assert got.status == MAINTENANCE_DUE
    assert [r["id"] for r in got.due] == ["summer", "winter"] and got.deadline == NOW + 10 * DAY


def test_one_missed_deadline_among_due_releases_expires_it_at_that_deadline():
    missed = release("summer", NOW - 200 * DAY, NOW - 3 * DAY)
    open_one = release("winter", NOW - 20 * DAY, NOW + 100 * DAY)
    got = state(NOW - 300 * DAY, [missed, open_one])
    assert got.status == EXPIRED and got.expired_at == NOW - 3 * DAY


def test_associates_are_never_due():
    missed = release("summer", NOW - 200 * DAY, NOW - 3 * DAY)
    due = release("winter", NOW - 20 * DAY, NOW + 100 * DAY)
    got = state(NOW - 300 * DAY, [missed, due], requires=False)
    assert got.status == ACTIVE and got.due == () and got.expires_at is None and got.expired_at is None


def test_driver_like_and_naive_times_compare_as_utc():
    class DriverTime:  # what the neo4j driver returns: converted with to_native()
        def __init__(self, value: datetime) -> None:
            self.value = value

        def to_native(self) -> datetime:
            return self.value

    due = {"id": "x", "releasedAt": DriverTime(NOW - 10 * DAY), "maintenanceDeadline": (NOW + DAY).replace(tzinfo=None)}
    assert state(DriverTime(NOW - 20 * DAY), [due]).status == MAINTENANCE_DUE


# -- which credential a maintenance module maintains ------------------------------------------


def outcome(covered: datetime, releases: list[dict], module_release: dict, *, requires: bool = True) -> str:
    st = state(covered, releases, requires=requires)
    return maintenance_outcome(state=st, covered_through=covered, requires_maintenance=requires,
                               release=module_release, now=NOW)


def test_the_earliest_due_release_is_maintained():
    older = release("summer", NOW - 60 * DAY, NOW + 10 * DAY)
    newer = release("winter", NOW - 5 * DAY, NOW + 100 * DAY)
    assert outcome(NOW - 90 * DAY, [older, newer], older) == MAINTAINED
    assert outcome(NOW - 90 * DAY, [older, newer], newer) == REFUSED_EARLIER_DUE
    # once covered through the older one, the newer one is next
    assert outcome(NOW - 60 * DAY, [older, newer], newer) == MAINTAINED
    assert outcome(NOW - 60 * DAY, [older, newer], older) == ALREADY_CURRENT


def test_expired_not_required_and_not_yet_released():
    missed = release("summer", NOW - 200 * DAY, NOW - 3 * DAY)
    assert outcome(NOW - 300 * DAY, [missed], missed) == REFUSED_EXPIRED
    due = release("winter", NOW - 20 * DAY, NOW + 100 * DAY)
    assert outcome(NOW - 300 * DAY, [due], due, requires=False) == REFUSED_NOT_REQUIRED
    future = release("spring", NOW + 20 * DAY, NOW + 200 * DAY)
    assert outcome(NOW - 300 * DAY, [future], future) == REFUSED_NOT_RELEASED
