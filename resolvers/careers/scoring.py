"""The one scoring model of careers: how well a member fits a set of requirements, and why.

Job matching (`viewer.jobMatches`, `job.candidates`, job fairs) and talent search score with
this module; they differ only in the requirements they pass and in their weights.

Factors, each a value from 0 to 1:
- SKILLS: every skill requirement is worth its `weight` (1-5), doubled when REQUIRED. A member
  earns the full worth when their level reaches `minLevel`, a share `level / minLevel` below it,
  nothing without the skill. The factor is the worth earned over the worth asked (1 when no
  skill is asked).
- CERTIFICATIONS: a REQUIRED certification is worth 2, a NICE_TO_HAVE one 1; only a credential
  in good standing (ACTIVE or MAINTENANCE_DUE) earns it. An EXPIRED credential earns nothing and
  is reported as missing, marked expired.
- RANK: with a minimum rank, `rank / minRank` capped at 1; without one, `rank / top_rank`.
- LOCATION: a REMOTE posting fits 1, or 0.5 for a member who wants on-site work only. On-site
  and hybrid postings fit by distance: 1 within `near_km`, falling linearly to 0 at `far_km`
  (hybrid postings, visited less often, get twice those distances); without coordinates, the
  same country fits 0.5. A member who wants remote work only fits an on-site posting 0. With
  no place asked, the factor is 1.
- SENIORITY: 1 for the level the member seeks, 0.5 less per step away, 0.5 when either is
  unknown.
- ACTIVITY (talent search): recent learning, `recent / activity_target` capped at 1.

The score is the weighted sum of the factors, from 0 to 1 (the weights of a model sum to 1).

Eligibility is separate from the score: a member lacking a REQUIRED skill at its level, a
REQUIRED certification in good standing, or the minimum rank is NOT eligible, and the result
lists exactly what is missing. Rankings put eligible members first, then higher scores, then
the id, so an ineligible match is shown for what it is, never dropped or ranked silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

SENIORITY = ("ENTRY", "JUNIOR", "MID", "SENIOR", "LEAD", "PRINCIPAL")
GOOD_STANDING = frozenset({"ACTIVE", "MAINTENANCE_DUE"})
REQUIRED, NICE_TO_HAVE = "REQUIRED", "NICE_TO_HAVE"
REMOTE, HYBRID, ON_SITE = "REMOTE", "HYBRID", "ON_SITE"
REMOTE_ONLY, ON_SITE_ONLY = "REMOTE_ONLY", "ON_SITE_ONLY"
SKILLS, CERTIFICATIONS, RANK, LOCATION, SENIORITY_FACTOR, ACTIVITY = (
    "SKILLS", "CERTIFICATIONS", "RANK", "LOCATION", "SENIORITY", "ACTIVITY")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class SkillRequirement:
    skill_id: str
    min_level: int = 1
    weight: int = 1
    necessity: str = REQUIRED


@dataclass(frozen=True)
class CertificationRequirement:
    certification_id: str
    necessity: str = REQUIRED


@dataclass(frozen=True)
class Place:
    """Where the work is. `latitude`/`longitude` may be None (a country alone)."""

    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None


@dataclass(frozen=True)
class Requirements:
    """What is asked: a posting's requirements, or a recruiter's search turned into requirements."""

    skills: tuple[SkillRequirement, ...] = ()
    certifications: tuple[CertificationRequirement, ...] = ()
    min_rank: int = 0
    workplace: str | None = None  # ON_SITE, HYBRID, REMOTE, or None when no place is asked
    place: Place | None = None
    seniority: str | None = None


@dataclass(frozen=True)
class Candidate:
    """What a member brings. `credentials` maps certification id to credential status."""

    member_id: str
    skills: Mapping[str, int] = field(default_factory=dict)
    credentials: Mapping[str, str] = field(default_factory=dict)
    rank: int = 0
    place: Place | None = None
    remote: str | None = None  # the member's remote preference, when they set one
    seniority: str | None = None
    recent_activity: int = 0


@dataclass(frozen=True)
class Weights:
    skills: float = 0.0
    certifications: float = 0.0
    rank: float = 0.0
    location: float = 0.0
    seniority: float = 0.0
    activity: float = 0.0

    def of(self, factor: str) -> float:
        return {SKILLS: self.skills, CERTIFICATIONS: self.certifications, RANK: self.rank, LOCATION: self.location,
                SENIORITY_FACTOR: self.seniority, ACTIVITY: self.activity}[factor]


@dataclass(frozen=True)
class ScoringModel:
    weights: Weights
    top_rank: int = 12  # the rank ladder's top position; the seed's ladder has 12
    near_km: float = 25.0
    far_km: float = 200.0
    activity_target: int = 20  # completions in the activity window that count as fully active


# Job matching weighs what the posting asks; talent search adds recent activity instead of seniority.
JOB_MATCHING = ScoringModel(Weights(skills=0.45, certifications=0.25, rank=0.10, location=0.15, seniority=0.05))
TALENT_SEARCH = ScoringModel(Weights(skills=0.40, certifications=0.25, rank=0.10, location=0.10, activity=0.15))


@dataclass(frozen=True)
class Missing:
    """A requirement the member does not meet: kind SKILL, CERTIFICATION or RANK."""

    kind: str
    id: str | None
    necessity: str
    needed: int | None = None  # the level or rank asked
    has: int | None = None  # the member's level or rank, when they have some
    expired: bool = False  # a certification held but EXPIRED


@dataclass(frozen=True)
class Factor:
    name: str
    weight: float
    value: float
    detail: str

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True)
class Match:
    key: str  # what is ranked: the member (candidates, talent) or the posting (job matches)
    score: float
    eligible: bool
    factors: tuple[Factor, ...]
    missing: tuple[Missing, ...]
    matched_skills: tuple[str, ...]
    matched_certifications: tuple[str, ...]
    distance_km: float | None


def distance_km(a: Place | None, b: Place | None) -> float | None:
    """Great-circle distance (haversine), or None without coordinates on both sides."""
    if a is None or b is None or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _skills(asked: Sequence[SkillRequirement], held: Mapping[str, int]) -> tuple[float, list[Missing], list[str]]:
    worth = earned = 0.0
    missing: list[Missing] = []
    matched: list[str] = []
    for req in asked:
        value = req.weight * (2 if req.necessity == REQUIRED else 1)
        level = held.get(req.skill_id, 0)
        worth += value
        earned += value * min(1.0, level / max(req.min_level, 1))
        if level >= req.min_level:
            matched.append(req.skill_id)
        else:
            missing.append(Missing("SKILL", req.skill_id, req.necessity, req.min_level, level or None))
    return (earned / worth if worth else 1.0), missing, matched


def _certifications(asked: Sequence[CertificationRequirement],
                    held: Mapping[str, str]) -> tuple[float, list[Missing], list[str]]:
    worth = earned = 0.0
    missing: list[Missing] = []
    matched: list[str] = []
    for req in asked:
        value = 2 if req.necessity == REQUIRED else 1
        worth += value
        status = held.get(req.certification_id)
        if status in GOOD_STANDING:
            earned += value
            matched.append(req.certification_id)
        else:
            missing.append(Missing("CERTIFICATION", req.certification_id, req.necessity, expired=status is not None))
    return (earned / worth if worth else 1.0), missing, matched


def _rank(model: ScoringModel, min_rank: int, rank: int) -> tuple[float, list[Missing]]:
    if min_rank > 0:
        missing = [] if rank >= min_rank else [Missing("RANK", None, REQUIRED, min_rank, rank or None)]
        return min(1.0, rank / min_rank), missing
    return min(1.0, rank / model.top_rank), []


def _location(model: ScoringModel, asked: Requirements, candidate: Candidate) -> tuple[float, float | None, str]:
    if asked.workplace == REMOTE:
        if candidate.remote == ON_SITE_ONLY:
            return 0.5, None, "remote work; the member prefers on-site"
        return 1.0, None, "remote work"
    if asked.place is None:
        return 1.0, None, "no place asked"
    if asked.workplace in (ON_SITE, HYBRID) and candidate.remote == REMOTE_ONLY:
        return 0.0, None, "the member wants remote work only"
    km = distance_km(asked.place, candidate.place)
    if km is None:
        same = bool(asked.place.country) and candidate.place is not None and candidate.place.country == asked.place.country
        return (0.5 if same else 0.0), None, "same country" if same else "no distance known"
    stretch = 2.0 if asked.workplace == HYBRID else 1.0
    near, far = model.near_km * stretch, model.far_km * stretch
    value = 1.0 if km <= near else max(0.0, (far - km) / (far - near))
    return value, km, f"{km:.0f} km away"


def _seniority(asked: str | None, sought: str | None) -> tuple[float, str]:
    if asked not in SENIORITY or sought not in SENIORITY:
        return 0.5, "seniority unknown"
    steps = abs(SENIORITY.index(asked) - SENIORITY.index(sought))
    return max(0.0, 1.0 - 0.5 * steps), "the level sought" if steps == 0 else f"{steps} level(s) apart"


def score(model: ScoringModel, asked: Requirements, candidate: Candidate, key: str | None = None) -> Match:
    """Score one member against the requirements (see the module docstring).

    `key` names what is being ranked: the member by default, a posting's id when one member's
    fit is compared across postings.
    """
    skills, missing_skills, matched_skills = _skills(asked.skills, candidate.skills)
    certs, missing_certs, matched_certs = _certifications(asked.certifications, candidate.credentials)
    rank, missing_rank = _rank(model, asked.min_rank, candidate.rank)
    location, km, where = _location(model, asked, candidate)
    seniority, level = _seniority(asked.seniority, candidate.seniority)
    activity = min(1.0, candidate.recent_activity / model.activity_target) if model.activity_target else 0.0
    w = model.weights
    factors = tuple(f for f in (
        Factor(SKILLS, w.skills, skills, f"{len(matched_skills)} of {len(asked.skills)} skills at the level asked"),
        Factor(CERTIFICATIONS, w.certifications, certs,
               f"{len(matched_certs)} of {len(asked.certifications)} certifications in good standing"),
        Factor(RANK, w.rank, rank, f"rank {candidate.rank}" + (f", {asked.min_rank} asked" if asked.min_rank else "")),
        Factor(LOCATION, w.location, location, where),
        Factor(SENIORITY_FACTOR, w.seniority, seniority, level),
        Factor(ACTIVITY, w.activity, activity, f"{candidate.recent_activity} recent completions"),
    ) if f.weight > 0)
    missing = (*missing_skills, *missing_certs, *missing_rank)
    eligible = not any(m.necessity == REQUIRED for m in missing)
    total = round(sum(f.contribution for f in factors), 6)
    return Match(key or candidate.member_id, total, eligible, factors, missing, tuple(matched_skills), tuple(matched_certs), km)


def rank_key(match: Match) -> tuple[bool, float, str]:
    """Sort key: eligible first, then the higher score, then the key (stable across pages)."""
    return (not match.eligible, -match.score, match.key)


def ranked(matches: Iterable[Match]) -> list[Match]:
    return sorted(matches, key=rank_key)
