"""The careers scoring model (resolvers/careers/scoring.py) and the credential cut-off Cypher
filters with, as pure functions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolvers.careers.context import good_standing_cutoff, to_requirements
from resolvers.careers.scoring import (
    JOB_MATCHING, NICE_TO_HAVE, REQUIRED, TALENT_SEARCH, Candidate, CertificationRequirement, Place, Requirements,
    SkillRequirement, distance_km, ranked, score,
)
from resolvers.learning.credentials import EXPIRED, credential_state

BERLIN = Place(52.52, 13.405, "DE")
POTSDAM = Place(52.39, 13.06, "DE")  # about 27 km from Berlin
MUNICH = Place(48.137, 11.575, "DE")  # about 500 km


def factor(match, name):
    return next(f for f in match.factors if f.name == name)


def test_distance_is_the_great_circle():
    assert distance_km(BERLIN, MUNICH) == pytest.approx(504, abs=3)
    assert distance_km(BERLIN, Place(country="DE")) is None


def test_a_required_skill_weighs_twice_a_nice_to_have_one_of_the_same_weight():
    asked = Requirements(skills=(SkillRequirement("a", 3, 2, REQUIRED), SkillRequirement("b", 3, 2, NICE_TO_HAVE)))
    has_required = score(JOB_MATCHING, asked, Candidate("x", {"a": 3}))
    has_nice = score(JOB_MATCHING, asked, Candidate("y", {"b": 3}))
    assert factor(has_required, "SKILLS").value == pytest.approx(2 / 3)
    assert factor(has_nice, "SKILLS").value == pytest.approx(1 / 3)
    assert has_required.eligible and not has_nice.eligible
    assert [(m.kind, m.id, m.necessity, m.needed, m.has) for m in has_nice.missing] == [("SKILL", "a", REQUIRED, 3, None)]


def test_a_level_below_the_one_asked_earns_a_share_and_is_missing():
    asked = Requirements(skills=(SkillRequirement("a", 4, 1, REQUIRED),))
    got = score(JOB_MATCHING, asked, Candidate("x", {"a": 2}))
    assert factor(got, "SKILLS").value == pytest.approx(0.5)
    assert not got.eligible and got.missing[0].has == 2 and got.missing[0].needed == 4


def test_only_credentials_in_good_standing_count_and_expired_ones_are_reported():
    asked = Requirements(certifications=(CertificationRequirement("c", REQUIRED), CertificationRequirement("d", NICE_TO_HAVE)))
    due = score(JOB_MATCHING, asked, Candidate("x", credentials={"c": "MAINTENANCE_DUE", "d": EXPIRED}))
    assert due.eligible and factor(due, "CERTIFICATIONS").value == pytest.approx(2 / 3)
    assert [(m.id, m.expired) for m in due.missing] == [("d", True)]
    expired = score(JOB_MATCHING, asked, Candidate("y", credentials={"c": EXPIRED}))
    assert not expired.eligible and expired.missing[0].expired


def test_rank_below_the_minimum_is_missing_and_without_one_counts_toward_the_top():
    asked = Requirements(min_rank=4)
    low = score(JOB_MATCHING, asked, Candidate("x", rank=2))
    assert not low.eligible and factor(low, "RANK").value == pytest.approx(0.5)
    assert [(m.kind, m.needed, m.has) for m in low.missing] == [("RANK", 4, 2)]
    assert factor(score(JOB_MATCHING, Requirements(), Candidate("y", rank=6)), "RANK").value == pytest.approx(0.5)


def test_location_fits_by_distance_remote_preference_and_workplace():
    on_site = Requirements(workplace="ON_SITE", place=BERLIN)
    assert factor(score(JOB_MATCHING, on_site, Candidate("a", place=BERLIN)), "LOCATION").value == 1.0
    near = score(JOB_MATCHING, on_site, Candidate("b", place=POTSDAM))
    assert 0.9 < factor(near, "LOCATION").value < 1.0 and near.distance_km == pytest.approx(27, abs=2)
    assert factor(score(JOB_MATCHING, on_site, Candidate("c", place=MUNICH)), "LOCATION").value == 0.0
    hybrid = Requirements(workplace="HYBRID", place=BERLIN)
    assert factor(score(JOB_MATCHING, hybrid, Candidate("d", place=POTSDAM)), "LOCATION").value == 1.0
    assert factor(score(JOB_MATCHING, on_site, Candidate("e", place=BERLIN, remote="REMOTE_ONLY")), "LOCATION").value == 0.0
    assert factor(score(JOB_MATCHING, on_site, Candidate("f", place=Place(country="DE"))), "LOCATION").value == 0.5
    remote = Requirements(workplace="REMOTE")
    assert factor(score(JOB_MATCHING, remote, Candidate("g", remote="ON_SITE_ONLY")), "LOCATION").value == 0.5
    assert factor(score(JOB_MATCHING, remote, Candidate("h")), "LOCATION").value == 1.0


def test_seniority_fits_the_level_sought():
    asked = Requirements(seniority="SENIOR")
    assert factor(score(JOB_MATCHING, asked, Candidate("a", seniority="SENIOR")), "SENIORITY").value == 1.0
    assert factor(score(JOB_MATCHING, asked, Candidate("b", seniority="MID")), "SENIORITY").value == 0.5
    assert factor(score(JOB_MATCHING, asked, Candidate("c", seniority="ENTRY")), "SENIORITY").value == 0.0
    assert factor(score(JOB_MATCHING, asked, Candidate("d")), "SENIORITY").value == 0.5


def test_talent_search_weighs_activity_instead_of_seniority():
    names = {f.name for f in score(TALENT_SEARCH, Requirements(), Candidate("a", recent_activity=10)).factors}
    assert names == {"SKILLS", "CERTIFICATIONS", "RANK", "LOCATION", "ACTIVITY"}
    assert factor(score(TALENT_SEARCH, Requirements(), Candidate("a", recent_activity=10)), "ACTIVITY").value == 0.5


def test_rankings_put_eligible_first_then_score_then_key():
    asked = Requirements(skills=(SkillRequirement("a", 1, 1, REQUIRED), SkillRequirement("b", 1, 5, NICE_TO_HAVE)))
    strong_but_ineligible = score(JOB_MATCHING, asked, Candidate("z", {"b": 5}))
    weak = score(JOB_MATCHING, asked, Candidate("y", {"a": 1}))
    tied = score(JOB_MATCHING, asked, Candidate("x", {"a": 1}))
    assert strong_but_ineligible.score > weak.score
    assert [m.key for m in ranked([strong_but_ineligible, weak, tied])] == ["x", "y", "z"]


weights = st.integers(1, 5)
levels = st.integers(0, 5)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(levels, weights, st.booleans(), levels), max_size=6), st.integers(0, 12), st.integers(0, 12))
def test_scores_stay_between_0_and_1_and_eligibility_matches_the_missing_list(skills, min_rank, rank):
    asked = Requirements(skills=tuple(SkillRequirement(f"s{i}", max(need, 1), w, REQUIRED if req else NICE_TO_HAVE)
                                      for i, (need, w, req, _) in enumerate(skills)), min_rank=min_rank)
    candidate = Candidate("m", {f"s{i}": has for i, (*_, has) in enumerate(skills) if has}, rank=rank)
    got = score(JOB_MATCHING, asked, candidate)
    assert 0.0 <= got.score <= 1.0
    meets = all(has >= max(need, 1) for need, _, req, has in skills if req) and rank >= min_rank
    assert got.eligible == meets


def test_posting_rows_become_requirements():
    job = {"id": "j", "workplace": "HYBRID", "city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.4,
           "minRank": 3, "seniority": "LEAD"}
    rows = [{"kind": "SKILL", "targetId": "s", "minLevel": 3, "weight": 4, "necessity": REQUIRED},
            {"kind": "CERTIFICATION", "targetId": "c", "minLevel": None, "weight": None, "necessity": NICE_TO_HAVE}]
    got = to_requirements(job, rows)
    assert got.skills == (SkillRequirement("s", 3, 4, REQUIRED),)
    assert got.certifications == (CertificationRequirement("c", NICE_TO_HAVE),)
    assert (got.min_rank, got.workplace, got.place, got.seniority) == (3, "HYBRID", Place(52.52, 13.4, "DE"), "LEAD")
    assert to_requirements({**job, "workplace": "REMOTE"}, []).place is None


NOW = datetime(2027, 3, 1, tzinfo=timezone.utc)
days = st.integers(-400, 400).map(lambda d: NOW + timedelta(days=d))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(days, st.integers(1, 120)), max_size=5), days)
def test_the_cypher_cut_off_agrees_with_the_status_rule(releases, covered):
    """`coveredThrough >= cutoff` (or no cut-off) is exactly 'not EXPIRED' for certifications that need maintenance."""
    rows = [{"id": str(i), "releasedAt": at, "maintenanceDeadline": at + timedelta(days=grace)}
            for i, (at, grace) in enumerate(releases)]
    cutoff = good_standing_cutoff(rows, NOW)
    in_good_standing = cutoff is None or covered >= cutoff
    status = credential_state(covered_through=covered, requires_maintenance=True, releases=rows, now=NOW).status
    assert in_good_standing == (status != EXPIRED)
