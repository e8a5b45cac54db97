"""The talent search filter: checked input, its canonical JSON (how a saved search stores it), and
what it asks of the scoring model.

Filters (all optional; an empty filter finds every opted-in member, ranked):
- `skills`: each {skillId, minLevel 1-5 (default 1), mode}: MUST (held at minLevel or above; a
  REQUIRED skill for the score), CAN (only adds to the score: NICE_TO_HAVE), NOT (not held at
  minLevel or above; minLevel 1 means not held at all).
- `certifications`: {ids, match ANY | ALL, includeExpired}: hold any or all of them, in good
  standing (ACTIVE or MAINTENANCE_DUE) unless `includeExpired`. They score as REQUIRED with ALL,
  NICE_TO_HAVE with ANY; an expired one never earns score.
- `minRank`: rank position at least this (a REQUIRED rank for the score).
- `superbadges`: COMPLETED every one of them.
- `location`: `near` (lives within the circle: the member's profile coordinates) or `country`
  (lives there, or lists it among the countries they want to work in); with `openToRemote`,
  members open to remote work (OPEN_TO_REMOTE or REMOTE_ONLY) match as well. `openToRemote`
  alone keeps only them. `near` scores distance (an ON_SITE place for the scoring model).
- `search`: lower-cased text contained in the headline or the job title.
- `minYearsInCommunity`: joined at least that many years ago.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from resolvers.careers.scoring import (
    NICE_TO_HAVE, ON_SITE, REQUIRED, CertificationRequirement, Place, Requirements, SkillRequirement,
)
from resolvers.community.validation import ISO_COUNTRIES, MAX_RADIUS_KM, clean_search
from resolvers.errors import BadUserInput
from resolvers.ids import from_global_id

MUST, CAN, NOT = "MUST", "CAN", "NOT"
MODES = (MUST, CAN, NOT)
ANY, ALL = "ANY", "ALL"
MAX_SKILLS = 20
MAX_CERTIFICATIONS = 10
MAX_SUPERBADGES = 10
MAX_YEARS = 50
MAX_RANK = 100


@dataclass(frozen=True, slots=True)
class SkillCriterion:
    skill_id: str
    min_level: int = 1
    mode: str = MUST


@dataclass(frozen=True, slots=True)
class Near:
    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True)
class TalentFilter:
    """A checked talent search filter, with application (not global) ids."""

    skills: tuple[SkillCriterion, ...] = ()
    certification_ids: tuple[str, ...] = ()
    certification_match: str = ANY
    include_expired: bool = False
    min_rank: int | None = None
    superbadge_ids: tuple[str, ...] = ()
    near: Near | None = None
    country: str | None = None
    open_to_remote: bool = False
    search: str | None = None
    min_years_in_community: int | None = None

    def skills_of(self, mode: str) -> tuple[SkillCriterion, ...]:
        return tuple(s for s in self.skills if s.mode == mode)

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no spaces, defaults spelled out): equal filters, equal text."""
        data = {
            "skills": [{"skillId": s.skill_id, "minLevel": s.min_level, "mode": s.mode} for s in self.skills],
            "certifications": None if not self.certification_ids else {
                "ids": list(self.certification_ids), "match": self.certification_match,
                "includeExpired": self.include_expired},
            "minRank": self.min_rank,
            "superbadges": list(self.superbadge_ids),
            "location": None if self.near is None and self.country is None else {
                "near": None if self.near is None else {"latitude": self.near.latitude, "longitude": self.near.longitude,
                                                        "radiusKm": self.near.radius_km},
                "country": self.country},
            "openToRemote": self.open_to_remote,
            "search": self.search,
            "minYearsInCommunity": self.min_years_in_community,
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "TalentFilter":
        """Read a stored filter back (written by `to_json`, so already checked)."""
        data = json.loads(text or "{}")
        certifications = data.get("certifications") or {}
        location = data.get("location") or {}
        near = location.get("near")
        return cls(
            skills=tuple(SkillCriterion(s["skillId"], s.get("minLevel", 1), s.get("mode", MUST))
                         for s in data.get("skills") or ()),
            certification_ids=tuple(certifications.get("ids") or ()),
            certification_match=certifications.get("match", ANY),
            include_expired=bool(certifications.get("includeExpired", False)),
            min_rank=data.get("minRank"),
            superbadge_ids=tuple(data.get("superbadges") or ()),
            near=Near(near["latitude"], near["longitude"], near["radiusKm"]) if near else None,
            country=location.get("country"),
            open_to_remote=bool(data.get("openToRemote", False)),
            search=data.get("search"),
            min_years_in_community=data.get("minYearsInCommunity"),
        )

    def requirements(self) -> Requirements:
        """What the filter asks, as the scoring model's input (see the module docstring)."""
        skills = tuple(SkillRequirement(s.skill_id, s.min_level, 1, REQUIRED if s.mode == MUST else NICE_TO_HAVE)
                       for s in self.skills if s.mode != NOT)
        necessity = REQUIRED if self.certification_match == ALL else NICE_TO_HAVE
        certifications = tuple(CertificationRequirement(c, necessity) for c in self.certification_ids)
        place = None if self.near is None else Place(self.near.latitude, self.near.longitude)
        return Requirements(skills, certifications, self.min_rank or 0, ON_SITE if place else None, place)

    def joined_before(self, now: datetime) -> datetime | None:
        """The latest `joinedAt` that satisfies `minYearsInCommunity` (calendar years back from now)."""
        years = self.min_years_in_community
        if not years:
            return None
        try:
            return now.replace(year=now.year - years)
        except ValueError:  # 29 February
            return now.replace(year=now.year - years, day=28)


def _local_id(value: Any, expect: str, path: str) -> str:
    try:
        return from_global_id(str(value), expect=expect).id
    except BadUserInput as error:
        raise BadUserInput(error.message, field=path) from None


def _ids(values: list[Any] | None, expect: str, path: str, limit: int) -> tuple[str, ...]:
    values = list(values or [])
    if len(values) > limit:
        raise BadUserInput(f"`{path}` takes at most {limit} ids", field=path)
    return tuple(dict.fromkeys(_local_id(v, expect, f"{path}[{i}]") for i, v in enumerate(values)))


def _int_between(value: int | None, low: int, high: int, path: str) -> int | None:
    if value is None:
        return None
    if not low <= value <= high:
        raise BadUserInput(f"`{path}` must be between {low} and {high}", field=path)
    return value


def clean_filter(raw: dict[str, Any], path: str = "filter") -> TalentFilter:
    """Check a filter as the schema passes it (global ids, enum values as strings); BAD_USER_INPUT
    names the field at fault, such as `filter.skills[1].minLevel`."""
    skills: dict[str, SkillCriterion] = {}
    raw_skills = list(raw.get("skills") or [])
    if len(raw_skills) > MAX_SKILLS:
        raise BadUserInput(f"`{path}.skills` takes at most {MAX_SKILLS} skills", field=f"{path}.skills")
    for i, entry in enumerate(raw_skills):
        at = f"{path}.skills[{i}]"
        skill_id = _local_id(entry.get("skillId"), "Skill", f"{at}.skillId")
        level = 1 if entry.get("minLevel") is None else _int_between(entry["minLevel"], 1, 5, f"{at}.minLevel")
        mode = entry.get("mode") or MUST
        if mode not in MODES:
            raise BadUserInput(f"`{at}.mode` must be one of {', '.join(MODES)}", field=f"{at}.mode")
        if skill_id in skills:
            raise BadUserInput(f"`{at}.skillId` names a skill already in the filter", field=f"{at}.skillId")
        skills[skill_id] = SkillCriterion(skill_id, level, mode)

    certifications = raw.get("certifications") or {}
    certification_ids = _ids(certifications.get("ids"), "Certification", f"{path}.certifications.ids",
                             MAX_CERTIFICATIONS)
    match = certifications.get("match") or ANY
    if match not in (ANY, ALL):
        raise BadUserInput(f"`{path}.certifications.match` must be ANY or ALL", field=f"{path}.certifications.match")

    location = raw.get("location") or {}
    near, country = location.get("near"), location.get("country")
    if near is not None and country is not None:
        raise BadUserInput("give `near` or `country`, not both", field=f"{path}.location")
    checked_near = None
    if near is not None:
        latitude, longitude, radius = near
        if not -90.0 <= latitude <= 90.0:
            raise BadUserInput("must be between -90 and 90", field=f"{path}.location.near.latitude")
        if not -180.0 <= longitude <= 180.0:
            raise BadUserInput("must be between -180 and 180", field=f"{path}.location.near.longitude")
        if not 0 < radius <= MAX_RADIUS_KM:
            raise BadUserInput(f"must be more than 0 and at most {MAX_RADIUS_KM}", field=f"{path}.location.near.radiusKm")
        checked_near = Near(float(latitude), float(longitude), float(radius))
    if country is not None:
        country = country.strip().upper()
        if country not in ISO_COUNTRIES:
            raise BadUserInput("must be an ISO 3166-1 alpha-2 country code, such as DE",
                               field=f"{path}.location.country")
    try:
        search = clean_search(raw.get("search"))
    except BadUserInput as error:
        raise BadUserInput(error.message, field=f"{path}.search") from None

    return TalentFilter(
        skills=tuple(skills.values()),
        certification_ids=certification_ids,
        certification_match=match,
        include_expired=bool(certifications.get("includeExpired") or False),
        min_rank=_int_between(raw.get("minRank"), 1, MAX_RANK, f"{path}.minRank"),
        superbadge_ids=_ids(raw.get("superbadges"), "Superbadge", f"{path}.superbadges", MAX_SUPERBADGES),
        near=checked_near,
        country=country,
        open_to_remote=bool(raw.get("openToRemote") or False),
        search=search,
        min_years_in_community=_int_between(raw.get("minYearsInCommunity"), 0, MAX_YEARS,
                                            f"{path}.minYearsInCommunity") or None,
    )


__all__ = ["ALL", "ANY", "CAN", "MODES", "MUST", "NOT", "Near", "SkillCriterion", "TalentFilter", "clean_filter"]
