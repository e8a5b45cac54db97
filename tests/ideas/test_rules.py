"""The review threshold's configuration (resolvers/ideas/rules.py) and the app refusing a bad one."""

from __future__ import annotations

import pytest

from resolvers.ideas.rules import DEFAULT_REVIEW_THRESHOLD, review_threshold


def test_the_classic_threshold_is_the_default():
    assert review_threshold({}) == DEFAULT_REVIEW_THRESHOLD == 2500
    assert review_threshold({"COMMUNITY_IDEA_REVIEW_THRESHOLD": ""}) == 2500


def test_a_configured_threshold_is_used():
    assert review_threshold({"COMMUNITY_IDEA_REVIEW_THRESHOLD": "1000"}) == 1000


@pytest.mark.parametrize("bad", ["abc", "0", "-10", "2505", "2.5e3"])
def test_a_bad_threshold_is_refused(bad):
    with pytest.raises(ValueError, match="COMMUNITY_IDEA_REVIEW_THRESHOLD"):
        review_threshold({"COMMUNITY_IDEA_REVIEW_THRESHOLD": bad})


def test_the_app_does_not_start_with_a_bad_threshold(monkeypatch, app_settings):
    from schema.app import create_app

    monkeypatch.setenv("COMMUNITY_IDEA_REVIEW_THRESHOLD", "twelve")
    with pytest.raises(ValueError, match="COMMUNITY_IDEA_REVIEW_THRESHOLD"):
        create_app(app_settings)
