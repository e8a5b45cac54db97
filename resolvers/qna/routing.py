"""Routing a question to likely answerers: the evidence that counts, and how much.

A candidate's score is a weighted sum of their evidence for the question's topics:

    score = accepted_answer * accepted answers on other questions tagged with those topics
          + skill_level     * their best level (1-5) in a skill the topics COVER
          + endorsement     * endorsements on those skills, counted up to `endorsement_cap`

An accepted answer in the topic is the strongest signal (peers judged the member right there),
so one is worth as much as a level-5 skill; endorsements are capped so a celebrity cannot drown
out members who actually answer. Only members active within `ACTIVE_WINDOW` (who asked or
answered something) are suggested: routing a question to someone gone quiet delays the answer.
Each candidate source (accepted answers per topic, holders per covered skill) is cut to its best
`candidates_per_source` members in Cypher before anything else is read, which bounds the work
for a popular topic; the sources are computed once per batch of questions (a page of questions
shares its topics). The pooled candidates' evidence comes back with them, and `rank` scores
each question's candidates here, in one place, with the same weights the pools were cut by.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

Row = dict[str, Any]

ACTIVE_WINDOW = timedelta(days=90)
DEFAULT_SUGGESTIONS = 5
MAX_SUGGESTIONS = 20


@dataclass(frozen=True, slots=True)
class RoutingWeights:
    """How much each kind of evidence counts towards a suggestion's score (see the module doc)."""

    accepted_answer: float = 10.0
    skill_level: float = 2.0
    endorsement: float = 0.5
    endorsement_cap: int = 20
    candidates_per_source: int = 50

    def score(self, accepted_answers: int, best_skill_level: int | None, endorsements: int) -> float:
        """A candidate's score from their evidence for one question."""
        return (self.accepted_answer * accepted_answers
                + self.skill_level * (best_skill_level or 0)
                + self.endorsement * min(endorsements, self.endorsement_cap))

    def params(self, *, now_millis: int | None = None) -> dict[str, Any]:
        """The statement parameters: the skill-pool weights, the per-source bound and the activity cut-off."""
        now = now_millis if now_millis is not None else int(time.time() * 1000)
        return {
            "skillLevelWeight": float(self.skill_level),
            "endorsementWeight": float(self.endorsement),
            "endorsementCap": int(self.endorsement_cap),
            "limit": int(self.candidates_per_source),  # the statement's per-source LIMIT
            "activeSinceMillis": now - int(ACTIVE_WINDOW.total_seconds() * 1000),
        }


ROUTING = RoutingWeights()


def _millis(value: Any) -> int:
    native = value.to_native() if hasattr(value, "to_native") else value
    return int(native.timestamp() * 1000) if isinstance(native, datetime) else 0


def rank(material: Row, weights: RoutingWeights = ROUTING) -> dict[str, list[Row]]:
    """Each question's suggestions, best first, from `routing_candidates` material.

    A question's candidates are the members of its topics' and covered skills' pools, less its
    asker and answerers; pooled members missing from `candidates` were hidden or inactive.
    Ties go to the more recently active member, then to the member id, so the order is stable.
    """
    candidates = {c["member"]["id"]: c for c in material["candidates"]}
    topic_pools = {p["topicId"]: p["memberIds"] for p in material["topicPools"]}
    skill_pools = {p["skillId"]: p["memberIds"] for p in material["skillPools"]}
    ranked: dict[str, list[Row]] = {}
    for question in material["questions"]:
        topics, skills = set(question["topicIds"]), set(question["skillIds"])
        pool = {m for t in topics for m in topic_pools.get(t, ())} | {m for s in skills for m in skill_pools.get(s, ())}
        suggestions = []
        for member_id in pool - set(question["excluded"]):
            candidate = candidates.get(member_id)
            if candidate is None:
                continue
            accepted = sum(1 for on in candidate["acceptedOn"]
                           if on and on[0] != question["id"] and topics.intersection(on[1:]))
            covered = [held for held in candidate["skills"] if held[0] in skills]
            best_level = max((held[1] for held in covered), default=None)
            endorsements = sum(held[2] or 0 for held in covered)
            if not accepted and best_level is None:
                continue
            suggestions.append({
                "member": candidate["member"], "score": weights.score(accepted, best_level, endorsements),
                "acceptedAnswers": accepted, "bestSkillLevel": best_level, "endorsements": endorsements,
                "lastActiveAt": candidate["lastActiveAt"],
            })
        suggestions.sort(key=lambda s: (-s["score"], -_millis(s["lastActiveAt"]), s["member"]["id"]))
        ranked[question["id"]] = suggestions
    return ranked
