"""Input rules for the community domain: lengths, formats and enums, reported per field."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from resolvers.errors import BadUserInput

HANDLE = re.compile(r"^[a-z0-9][a-z0-9_-]{2,29}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
URL = re.compile(r"^https://[^\s/$.?#][^\s]*$")

# ISO 3166-1 alpha-2 codes in use.
ISO_COUNTRIES = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
    BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER
    ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID
    IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV
    LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR
    NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC
    VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split()
)


@dataclass(frozen=True, slots=True)
class UserError:
    """A problem with one input field, shown to the user next to that field."""

    field: str
    message: str
    code: str = "BAD_USER_INPUT"


class Checker:
    """Collects field errors and the cleaned values that passed."""

    def __init__(self) -> None:
        self.errors: list[UserError] = []
        self.values: dict[str, Any] = {}

    def fail(self, field: str, message: str, code: str = "BAD_USER_INPUT") -> None:
        self.errors.append(UserError(field, message, code))

    def text(self, field: str, key: str, value: str | None, *, max_length: int, min_length: int = 0,
             multiline: bool = False, pattern: re.Pattern[str] | None = None, hint: str = "") -> None:
        """Check a string: trimmed, length-limited, no control characters, optional format."""
        if value is None:
            return
        cleaned = value.strip()
        allowed = {"\n", "\t"} if multiline else set()
        if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in cleaned):
            self.fail(field, "must not contain control characters")
        elif len(cleaned) < min_length:
            self.fail(field, f"must be at least {min_length} characters")
        elif len(cleaned) > max_length:
            self.fail(field, f"must be at most {max_length} characters")
        elif pattern is not None and cleaned and not pattern.match(cleaned):
            self.fail(field, f"has an invalid format{': ' + hint if hint else ''}")
        else:
            self.values[key] = cleaned or None

    def country(self, field: str, key: str, value: str | None) -> None:
        if value is None:
            return
        code = value.strip().upper()
        if code not in ISO_COUNTRIES:
            self.fail(field, "must be an ISO 3166-1 alpha-2 country code, such as DE or US")
        else:
            self.values[key] = code

    def coordinates(self, latitude: float | None, longitude: float | None, prefix: str = "") -> None:
        if latitude is None and longitude is None:
            return
        if latitude is None or longitude is None:
            self.fail(f"{prefix}latitude", "latitude and longitude go together")
            return
        if not -90.0 <= latitude <= 90.0:
            self.fail(f"{prefix}latitude", "must be between -90 and 90")
        elif not -180.0 <= longitude <= 180.0:
            self.fail(f"{prefix}longitude", "must be between -180 and 180")
        else:
            self.values["latitude"], self.values["longitude"] = float(latitude), float(longitude)


MAX_RADIUS_KM = 20_000


def checked_near(near: tuple[float, float, float] | None) -> tuple[float | None, float | None, float | None]:
    """A `near` filter's (latitude, longitude, radiusKm), checked; all None without one."""
    if near is None:
        return None, None, None
    latitude, longitude, radius = near
    check = Checker()
    check.coordinates(latitude, longitude, prefix="near.")
    if not 0 < radius <= MAX_RADIUS_KM:
        check.fail("near.radiusKm", f"must be more than 0 and at most {MAX_RADIUS_KM}")
    if check.errors:
        raise BadUserInput(check.errors[0].message, field=check.errors[0].field)
    return float(latitude), float(longitude), float(radius)


def clean_search(value: str | None) -> str | None:
    """Search text as the queries compare it: trimmed, lower-cased, bounded."""
    if value is None or not value.strip():
        return None
    if len(value) > 200:
        raise BadUserInput("`search` must be at most 200 characters", field="search")
    return value.strip().lower()
