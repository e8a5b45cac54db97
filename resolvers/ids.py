"""Opaque Relay global IDs: base64url of `<Type>:<application id>`."""

from __future__ import annotations

import base64
import binascii
from typing import NamedTuple

from resolvers.errors import BadUserInput

NODE_TYPES = (
    "Member", "Group", "Topic", "Skill", "Question", "Answer", "Event", "Company",
    "Trail", "Module", "Unit", "Superbadge", "Badge", "Certification", "Credential", "Quest", "LearningPlan", "PrizeDraw",
    "JobPosting", "Application", "SavedSearch",
    "Idea", "IdeaStatusChange", "IdeaComment", "PrioritizationRound",
    "MvpCycle", "MvpNomination", "MvpTerm", "CustomerHero",
)


class GlobalId(NamedTuple):
    type_name: str
    id: str


def to_global_id(type_name: str, local_id: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{local_id}".encode()).decode().rstrip("=")


def from_global_id(value: str, *, expect: str | None = None) -> GlobalId:
    """Decode a global ID; a malformed one, or one of another type than `expect`, is bad input."""
    try:
        padded = value + "=" * (-len(value) % 4)
        type_name, _, local_id = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8").partition(":")
    except (ValueError, UnicodeError, binascii.Error):
        raise BadUserInput(f"{value!r} is not a valid ID") from None
    if type_name not in NODE_TYPES or not local_id or len(local_id) > 64:
        raise BadUserInput(f"{value!r} is not a valid ID")
    if expect is not None and type_name != expect:
        raise BadUserInput(f"expected the ID of a {expect}, got the ID of a {type_name}")
    return GlobalId(type_name, local_id)


def id_argument(value: str | None, expect: str, argument: str) -> str | None:
    """The application id inside an argument's global ID; BAD_USER_INPUT naming the argument if malformed."""
    if value is None:
        return None
    try:
        return from_global_id(value, expect=expect).id
    except BadUserInput as error:
        raise BadUserInput(error.message, field=argument) from None
