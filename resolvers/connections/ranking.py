"""The ranking models of peer discovery: weights as configuration, formulas documented here.

People you may know
-------------------
A candidate's score is the sum of:

- ``mutual_follow`` × the members the viewer follows who follow the candidate,
- ``shared_group`` × the groups both belong to,
- ``shared_skill`` × the skills both hold,

each count capped at ``count_cap`` (a hundred shared skills say no more than five); plus
``same_city`` when both live in the same city, ``same_company`` when both work for the same
company, and ``nearby`` × (1 − distance / ``nearby_km``) when both have a location within
``nearby_km`` of each other. Mutual follows weigh most: a friend of a friend is the classic
"may know" signal; a shared group says more than a shared skill because joining is a choice.
Ties break on the member id, so pages are stable.

Candidates come from friends of friends, co-members of the viewer's groups and, to stay
local, holders of the viewer's skills in the same city or company. All of them are scored on
follows, groups and place; the best ``candidate_limit`` of those are then scored with shared
skills too and make the list (so a list holds at most ``candidate_limit`` suggestions). That
bounds the per-candidate work, the costly part on the engine, whatever the viewer's hubs.

Experts
-------
A member's expert score for a skill or a topic is the sum of:

- ``level`` × their level in the skill (for a topic: their best level among the skills the
  topic covers),
- ``endorsement`` × endorsements of that skill (capped at ``endorsement_cap``),
- ``accepted_answer`` × their accepted answers on questions in the topic (or in the topics that
  cover the skill), capped at ``accepted_answer_cap``,
- ``recent_answer`` × their answers in the last ``recent_days`` days, capped at ``recent_answer_cap``.

Every weight can be overridden without a code change through the environment variables
``COMMUNITY_SUGGESTION_WEIGHTS`` and ``COMMUNITY_EXPERT_WEIGHTS``: a JSON object of the fields
to change, for example ``{"same_company": 1.5}``.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from typing import Any, TypeVar

W = TypeVar("W")


@dataclass(frozen=True)
class SuggestionWeights:
    mutual_follow: float = 3.0
    shared_group: float = 2.0
    shared_skill: float = 1.0
    same_city: float = 2.0
    same_company: float = 2.5
    nearby: float = 1.5
    nearby_km: float = 50.0
    count_cap: int = 5
    candidate_limit: int = 300
    sample_size: int = 3  # how many mutual follows, groups and skills a suggestion names

    def params(self) -> dict[str, Any]:
        return _camel_case(asdict(self))


@dataclass(frozen=True)
class ExpertWeights:
    level: float = 2.0
    endorsement: float = 0.5
    endorsement_cap: int = 20
    accepted_answer: float = 3.0
    accepted_answer_cap: int = 20
    recent_answer: float = 1.0
    recent_answer_cap: int = 10
    recent_days: int = 90

    def params(self) -> dict[str, Any]:
        return _camel_case(asdict(self))


def _camel_case(values: dict[str, Any]) -> dict[str, Any]:
    """Weights as Cypher parameters (camelCase, as every parameter in graph/)."""
    return {re.sub(r"_([a-z])", lambda m: m.group(1).upper(), key): value for key, value in values.items()}


def _from_env(defaults: W, variable: str) -> W:
    """Defaults overridden by a JSON object in `variable`; an unknown or ill-typed field is an error at startup."""
    raw = os.environ.get(variable)
    if not raw:
        return defaults
    try:
        changes = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValueError(f"{variable} is not valid JSON: {error}") from None
    known = {f.name: f.type for f in fields(defaults)}
    if not isinstance(changes, dict) or not set(changes) <= set(known):
        raise ValueError(f"{variable} must be a JSON object with fields among {', '.join(known)}")
    typed = {}
    for name, value in changes.items():
        wanted = int if known[name] in (int, "int") else float
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"{variable}.{name} must be a non-negative number")
        typed[name] = wanted(value)
    return replace(defaults, **typed)


@lru_cache(maxsize=1)
def suggestion_weights() -> SuggestionWeights:
    return _from_env(SuggestionWeights(), "COMMUNITY_SUGGESTION_WEIGHTS")


@lru_cache(maxsize=1)
def expert_weights() -> ExpertWeights:
    return _from_env(ExpertWeights(), "COMMUNITY_EXPERT_WEIGHTS")


def check_ranking_weights() -> None:
    """Read both weight sets now, so a bad environment variable is reported when the app starts."""
    suggestion_weights()
    expert_weights()
