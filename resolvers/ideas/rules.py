"""The IdeaExchange's rules and numbers, in one place (../shared/DOMAIN.md, "IdeaExchange").

- A vote is worth VOTE_POINTS points up or down; one per member and idea, changeable, never on
  one's own idea.
- An idea stays NEW below the review threshold (`COMMUNITY_IDEA_REVIEW_THRESHOLD`, the classic
  2,500 points). The vote that first makes its points reach it moves it to UNDER_REVIEW and
  records the moment (`underReviewAt`); losing points later does not move it back.
- Product managers (token role `product_manager`) move ideas on with `setIdeaStatus`
  (PM_STATUSES), each move with a comment and, where it applies (EXPECTS_RELEASE), an expected
  release date. MERGED is set only by `mergeIdeas`; NEW and UNDER_REVIEW only by votes.
- A prioritisation round gives each member ROUND_BUDGET coins, spent in COIN_STEPS; nothing
  carries over: every round has its own budget per member.
"""

from __future__ import annotations

import os

VOTE_POINTS = 10
DEFAULT_REVIEW_THRESHOLD = 2500
PRODUCT_MANAGER = "product_manager"

STATUSES = ("NEW", "UNDER_REVIEW", "SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED", "NOT_PLANNED", "MERGED")
PM_STATUSES = ("SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED", "NOT_PLANNED")
# The statuses a product manager's move may give an expected release date with.
EXPECTS_RELEASE = ("SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED")
# No status change leaves these: a merged idea lives on in its survivor.
FINAL_STATUSES = ("MERGED",)
# The roadmap's columns, in order.
ROADMAP_STATUSES = ("UNDER_REVIEW", "SHORTLISTED", "IN_DEVELOPMENT", "IN_TESTING", "RELEASED")

ROUND_BUDGET = 100
COIN_STEPS = (5, 20, 50)


def review_threshold(environ: dict[str, str] | None = None) -> int:
    """The points at which a NEW idea moves to UNDER_REVIEW: `COMMUNITY_IDEA_REVIEW_THRESHOLD`
    (a positive multiple of VOTE_POINTS), else 2,500. A bad value raises ValueError, which stops
    the app at start (schema/app.py reads it once there)."""
    env = os.environ if environ is None else environ
    raw = env.get("COMMUNITY_IDEA_REVIEW_THRESHOLD")
    if raw is None or raw == "":
        return DEFAULT_REVIEW_THRESHOLD
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"COMMUNITY_IDEA_REVIEW_THRESHOLD must be an integer, got {raw!r}") from None
    if value <= 0 or value % VOTE_POINTS:
        raise ValueError(f"COMMUNITY_IDEA_REVIEW_THRESHOLD must be a positive multiple of {VOTE_POINTS}, got {value}")
    return value


__all__ = ["COIN_STEPS", "DEFAULT_REVIEW_THRESHOLD", "EXPECTS_RELEASE", "FINAL_STATUSES", "PM_STATUSES",
           "PRODUCT_MANAGER", "ROADMAP_STATUSES", "ROUND_BUDGET", "STATUSES", "VOTE_POINTS", "review_threshold"]
