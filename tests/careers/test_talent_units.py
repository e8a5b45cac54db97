"""The talent search's pure parts: the filter's canonical JSON, what it asks of the scoring model,
and how a search picks the anchor it starts from."""

from __future__ import annotations

from datetime import datetime, timezone

from resolvers.careers.scoring import NICE_TO_HAVE, ON_SITE, REQUIRED
from resolvers.careers.talent import choose_anchor
from resolvers.careers.talent_filter import Near, SkillCriterion, TalentFilter, clean_filter
from resolvers.ids import to_global_id


def sizes(skills=None, certifications=None, superbadges=None, searchable=15_000):
    return {"skills": skills or {}, "certifications": certifications or {}, "superbadges": superbadges or {},
            "searchable": searchable}


def test_canonical_json_round_trips_and_ignores_input_order_of_keys():
    raw = {"search": " Apex ", "skills": [{"skillId": to_global_id("Skill", "s1"), "minLevel": 3, "mode": "CAN"}],
           "certifications": {"ids": [to_global_id("Certification", "c1")] * 2, "match": "ALL"},
           "location": {"near": (52.5, 13.4, 50)}, "openToRemote": None}
    f = clean_filter(raw)
    assert f.certification_ids == ("c1",) and f.search == "apex" and f.near == Near(52.5, 13.4, 50.0)
    text = f.to_json()
    assert TalentFilter.from_json(text) == f
    assert clean_filter(dict(reversed(list(raw.items())))).to_json() == text
    assert " " not in text and text.index('"certifications"') < text.index('"skills"')


def test_requirements_follow_the_modes():
    f = TalentFilter(skills=(SkillCriterion("a", 3, "MUST"), SkillCriterion("b", 2, "CAN"), SkillCriterion("c", 1, "NOT")),
                     certification_ids=("x",), certification_match="ALL", min_rank=4, near=Near(1.0, 2.0, 10.0))
    asked = f.requirements()
    assert [(s.skill_id, s.min_level, s.necessity) for s in asked.skills] == [("a", 3, REQUIRED), ("b", 2, NICE_TO_HAVE)]
    assert [c.necessity for c in asked.certifications] == [REQUIRED]
    assert asked.min_rank == 4 and asked.workplace == ON_SITE and asked.place.latitude == 1.0
    any_ = TalentFilter(certification_ids=("x", "y")).requirements()
    assert [c.necessity for c in any_.certifications] == [NICE_TO_HAVE, NICE_TO_HAVE]
    assert TalentFilter().requirements().place is None


def test_years_in_community_counts_calendar_years_even_from_29_february():
    leap = datetime(2028, 2, 29, 12, tzinfo=timezone.utc)
    assert TalentFilter(min_years_in_community=1).joined_before(leap) == datetime(2027, 2, 28, 12, tzinfo=timezone.utc)
    assert TalentFilter().joined_before(leap) is None


def test_the_anchor_is_the_smallest_starting_point():
    must = TalentFilter(skills=(SkillCriterion("popular", 1), SkillCriterion("rare", 4), SkillCriterion("no", 1, "NOT")))
    assert choose_anchor(must, sizes({"popular": 40_000, "rare": 900}))["skillId"] == "rare"
    assert choose_anchor(must, sizes({"popular": 40_000, "rare": 30_000}))["searchable"] is True
    certs = TalentFilter(skills=(SkillCriterion("popular", 1),), certification_ids=("c1", "c2"))
    assert choose_anchor(certs, sizes({"popular": 40_000}, {"c1": 800, "c2": 700}))["certificationIds"] == ["c1", "c2"]
    all_ = TalentFilter(certification_ids=("c1", "c2"), certification_match="ALL")
    assert choose_anchor(all_, sizes(certifications={"c1": 800, "c2": 700}))["certificationIds"] == ["c2"]
    badge = TalentFilter(superbadge_ids=("b",), certification_ids=("c1",))
    anchor = choose_anchor(badge, sizes(certifications={"c1": 800}, superbadges={"b": 50}))
    assert anchor == {"skillId": None, "minLevel": None, "certificationIds": [], "superbadgeId": "b", "searchable": None}
    # an id nobody holds is the best anchor of all: nothing to look at
    assert choose_anchor(must, sizes({"popular": 40_000}))["skillId"] == "rare"
    # CAN and NOT skills never anchor; nothing else: the opted-in members
    assert choose_anchor(TalentFilter(skills=(SkillCriterion("x", 1, "CAN"),)), None)["searchable"] is True
