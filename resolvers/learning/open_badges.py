"""Open Badges 3.0 documents and "add to LinkedIn profile" links for earned badges and credentials.

Every earned badge and every certification credential has a public document at a stable URL,
an OpenBadgeCredential (Open Badges 3.0, which is a W3C Verifiable Credential 2.0), and every
`id` in it dereferences to a document of its own:

    <base>/open-badges/assertions/<EARNED id>             an earned badge (the stable assertion id)
    <base>/open-badges/credentials/<credentialId>         a certification credential (its public code)
    <base>/open-badges/achievements/badge/<badge id>      the Achievement a badge stands for
    <base>/open-badges/achievements/certification/<id>    the Achievement a certification stands for
    <base>/open-badges/issuer                             the issuer Profile

`<base>` is `COMMUNITY_PUBLIC_URL` (default http://localhost:8000). The documents are UNSIGNED:
they carry no `proof`, so they are "hosted" credentials whose authority is the issuer's URL;
signing them (Data Integrity or VC-JWT, with published keys) is future work.

Privacy. The documents are public to anyone holding the link, and a holder shares it on purpose
(an assertion id is a random UUID; a credential's code is what `verifyCredential` already
accepts). They name the holder only when the holder's profile is PUBLIC, and then only by
display name (an `identifier` of identityType `name`). Otherwise the subject is identified only
by a salted hash of the member's GraphQL ID (identityType `systemId`, `sha256$hex(id + salt)`,
salt = the assertion id or credential code): whoever already knows the member can check that
the badge is theirs, nobody can learn who it is from the document. No handle, email, avatar or
other profile data is ever read for these documents. `credentialSubject.id` is left out: the API
has no dereferenceable profile URL to put there, and VC 2.0 makes it optional.

Certification validity follows graph/MODEL.md (computed now, never stored): a credential whose
maintenance is due (MAINTENANCE_DUE) or missed (EXPIRED) gets `validUntil` = the earliest
maintenance deadline of the releases due, in the future or in the past; the document of an
EXPIRED credential is still served, truthfully expired. An ACTIVE credential, or one of a
certification that needs no maintenance, has no `validUntil`: nothing scheduled ends it yet.
The document is computed at each request, so completing the maintenance moves or removes it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping
from urllib.parse import quote, urlencode, urlsplit

from graph.community.repository import Row
from graph.learning.catalog import CatalogRepository
from graph.learning.sharing import SharingRepository
from resolvers.ids import to_global_id
from resolvers.learning.credentials import credential_state
from resolvers.runtime import Graph

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT = (VC_CONTEXT, OB_CONTEXT)
MEDIA_TYPE = "application/ld+json"
DEFAULT_PUBLIC_URL = "http://localhost:8000"
DEFAULT_ISSUER_NAME = "community-api"
LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"
ACHIEVEMENT_KINDS = ("badge", "certification")

# Path ids: RFC 3986 unreserved characters only (the URL needs no escaping and reads the same
# everywhere), at most 64 of them, as the GraphQL ids allow. Anything else names nothing.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,63}")


def is_document_id(value: str) -> bool:
    """Whether `value` can be the id in a document URL (assertion, credential code, badge...)."""
    return _ID.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class OpenBadgesSettings:
    """Where the documents live and who issues them."""

    public_url: str = DEFAULT_PUBLIC_URL
    issuer_name: str = DEFAULT_ISSUER_NAME
    linkedin_organization_id: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "OpenBadgesSettings":
        """COMMUNITY_PUBLIC_URL, COMMUNITY_OPEN_BADGES_ISSUER_NAME, COMMUNITY_LINKEDIN_ORGANIZATION_ID."""
        public_url = (environ.get("COMMUNITY_PUBLIC_URL") or "").strip().rstrip("/") or DEFAULT_PUBLIC_URL
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"COMMUNITY_PUBLIC_URL must be an http(s) URL without query or fragment, "
                             f"got {public_url!r}")
        issuer_name = (environ.get("COMMUNITY_OPEN_BADGES_ISSUER_NAME") or "").strip() or DEFAULT_ISSUER_NAME
        organization = (environ.get("COMMUNITY_LINKEDIN_ORGANIZATION_ID") or "").strip() or None
        if organization is not None and not organization.isdigit():
            raise ValueError(f"COMMUNITY_LINKEDIN_ORGANIZATION_ID must be LinkedIn's numeric company id, "
                             f"got {organization!r}")
        return cls(public_url, issuer_name, organization)

    @property
    def issuer_url(self) -> str:
        return f"{self.public_url}/open-badges/issuer"

    def assertion_url(self, assertion_id: str) -> str:
        return f"{self.public_url}/open-badges/assertions/{quote(assertion_id, safe='')}"

    def credential_url(self, credential_id: str) -> str:
        return f"{self.public_url}/open-badges/credentials/{quote(credential_id, safe='')}"

    def achievement_url(self, kind: str, achievement_id: str) -> str:
        if kind not in ACHIEVEMENT_KINDS:
            raise ValueError(f"no achievement kind {kind!r}")
        return f"{self.public_url}/open-badges/achievements/{kind}/{quote(achievement_id, safe='')}"


def open_badges_settings() -> OpenBadgesSettings:
    """The settings from the environment: the one place COMMUNITY_PUBLIC_URL is read."""
    return OpenBadgesSettings.from_env()


# -- values ------------------------------------------------------------------------------------

def _utc(value: Any) -> datetime:
    """A driver or Python datetime in UTC (a naive one is taken as UTC, as the graph stores UTC)."""
    native = value.to_native() if hasattr(value, "to_native") else value
    if not isinstance(native, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    return native.replace(tzinfo=timezone.utc) if native.tzinfo is None else native.astimezone(timezone.utc)


def rfc3339(value: Any) -> str:
    """A UTC timestamp as RFC 3339 with `Z`: whole seconds, milliseconds when there are some."""
    moment = _utc(value)
    spec = "milliseconds" if moment.microsecond else "seconds"
    return moment.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def _day(value: Any) -> str:
    return _utc(value).date().isoformat()


def _is_web_url(value: Any) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def identity_hash(value: str, salt: str) -> str:
    """An Open Badges IdentityHash: `sha256$` and the hex SHA-256 of the UTF-8 value followed by the salt."""
    return "sha256$" + hashlib.sha256((value + salt).encode("utf-8")).hexdigest()


def credential_valid_until(*, status: str, maintenance_deadline: Any) -> datetime | None:
    """When a credential stops (or stopped) being valid: the deadline of the maintenance due or
    missed (MAINTENANCE_DUE, EXPIRED), None while ACTIVE. The Credential `expiresAt` the LinkedIn
    link needs is this value."""
    if status in ("MAINTENANCE_DUE", "EXPIRED") and maintenance_deadline is not None:
        return _utc(maintenance_deadline)
    return None


# -- LinkedIn ----------------------------------------------------------------------------------

def linkedin_add_to_profile_url(settings: OpenBadgesSettings, *, name: str, issued_at: Any, cert_url: str,
                                cert_id: str, expires_at: Any = None) -> str:
    """LinkedIn's documented "Add to profile" link for a certification, prefilled.

    Parameters, in LinkedIn's order: startTask=CERTIFICATION_NAME, name, organizationId (when
    COMMUNITY_LINKEDIN_ORGANIZATION_ID is set, so LinkedIn links the company page) or else
    organizationName, issueYear, issueMonth, expirationYear and expirationMonth (only when the
    credential expires), certUrl (the Open Badges document) and certId. Months are 1-12, in UTC.
    """
    params: list[tuple[str, str]] = [("startTask", "CERTIFICATION_NAME"), ("name", name)]
    if settings.linkedin_organization_id:
        params.append(("organizationId", settings.linkedin_organization_id))
    else:
        params.append(("organizationName", settings.issuer_name))
    issued = _utc(issued_at)
    params += [("issueYear", str(issued.year)), ("issueMonth", str(issued.month))]
    if expires_at is not None:
        expires = _utc(expires_at)
        params += [("expirationYear", str(expires.year)), ("expirationMonth", str(expires.month))]
    params += [("certUrl", cert_url), ("certId", cert_id)]
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(params, quote_via=quote)}"


def earned_badge_links(settings: OpenBadgesSettings, *, assertion_id: str, earned_at: Any,
                       title: str) -> tuple[str, str]:
    """(Open Badges URL, LinkedIn add-to-profile URL) of an earned badge."""
    url = settings.assertion_url(assertion_id)
    return url, linkedin_add_to_profile_url(settings, name=title, issued_at=earned_at, cert_url=url,
                                            cert_id=assertion_id)


def credential_links(settings: OpenBadgesSettings, *, credential_id: str, earned_at: Any, title: str,
                     expires_at: Any = None) -> tuple[str, str]:
    """(Open Badges URL, LinkedIn add-to-profile URL) of a certification credential."""
    url = settings.credential_url(credential_id)
    return url, linkedin_add_to_profile_url(settings, name=title, issued_at=earned_at, cert_url=url,
                                            cert_id=credential_id, expires_at=expires_at)


# -- documents (pure: rows in, JSON-LD out) ----------------------------------------------------

def with_context(node: dict[str, Any]) -> dict[str, Any]:
    """A node as a standalone JSON-LD document."""
    return {"@context": list(CONTEXT), **node}


def issuer_profile(settings: OpenBadgesSettings) -> dict[str, Any]:
    """The issuer Profile (embedded in every credential and served at its own id)."""
    return {"id": settings.issuer_url, "type": ["Profile"], "name": settings.issuer_name,
            "url": settings.public_url}


_BADGE_CRITERIA = {
    "MODULE": 'Complete every unit of the module "{title}".',
    "PROJECT": 'Complete every step of the hands-on project "{title}".',
    "SUPERBADGE": 'Complete the superbadge "{title}", after completing each of its prerequisite modules.',
    "QUEST": 'Complete every requirement of the quest "{title}" inside the quest\'s window.',
}


def _badge_criteria(settings: OpenBadgesSettings, row: Row) -> str:
    template = _BADGE_CRITERIA.get(row.get("awardedBy") or "")
    if template and row.get("awardedByTitle"):
        narrative = template.format(title=row["awardedByTitle"])
    elif row.get("kind") == "EVENT":
        narrative = "Take part in the community event this badge is awarded for."
    else:
        narrative = f"Earn this badge on {settings.issuer_name}."
    if row.get("availableFrom") is not None and row.get("availableUntil") is not None:
        narrative += (f" This limited edition is awarded only from {_day(row['availableFrom'])} "
                      f"to {_day(row['availableUntil'])} (UTC).")
    return narrative


def badge_achievement(settings: OpenBadgesSettings, row: Row) -> dict[str, Any]:
    """The Achievement of a badge, from a `sharing_badge` (or `sharing_earned_badge`) row."""
    title = row.get("title") or "Badge"
    achievement: dict[str, Any] = {
        "id": settings.achievement_url("badge", row["badgeId"]),
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": title,
        "description": row.get("description") or title,
        "criteria": {"narrative": _badge_criteria(settings, row)},
        "creator": issuer_profile(settings),
    }
    if _is_web_url(row.get("imageUrl")):
        achievement["image"] = {"id": row["imageUrl"], "type": "Image", "caption": title}
    return achievement


def _certification_criteria(row: Row) -> str:
    narrative = f'Pass the "{row.get("title") or "certification"}" exam.'
    if row.get("requiresMaintenance"):
        return narrative + (" The credential stays valid while its holder completes each release's maintenance"
                            " module before that release's maintenance deadline; otherwise it expires.")
    return narrative + " The credential needs no maintenance."


def certification_achievement(settings: OpenBadgesSettings, row: Row) -> dict[str, Any]:
    """The Achievement of a certification, from a `sharing_certification` (or `sharing_credential`) row."""
    title = row.get("title") or "Certification"
    return {
        "id": settings.achievement_url("certification", row["certificationId"]),
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": title,
        "description": row.get("description") or title,
        "criteria": {"narrative": _certification_criteria(row)},
        "creator": issuer_profile(settings),
    }


def _subject(row: Row, *, salt: str, achievement: dict[str, Any]) -> dict[str, Any]:
    """The AchievementSubject: a salted hash of the holder's member ID, and their display name
    only when their profile is PUBLIC (see the module docstring)."""
    identifiers = [{"type": "IdentityObject", "identityType": "systemId", "hashed": True,
                    "identityHash": identity_hash(to_global_id("Member", row["holderId"]), salt), "salt": salt}]
    if row.get("holderVisibility") == "PUBLIC" and row.get("holderName"):
        identifiers.insert(0, {"type": "IdentityObject", "identityType": "name", "hashed": False,
                               "identityHash": row["holderName"]})
    return {"type": ["AchievementSubject"], "identifier": identifiers, "achievement": achievement}


def earned_badge_credential(settings: OpenBadgesSettings, row: Row) -> dict[str, Any]:
    """The OpenBadgeCredential of an earned badge, from a `sharing_earned_badge` row."""
    earned = rfc3339(row["earnedAt"])
    return with_context({
        "id": settings.assertion_url(row["assertionId"]),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": row.get("title") or "Badge",
        "issuer": issuer_profile(settings),
        "validFrom": earned,
        "awardedDate": earned,
        "credentialSubject": _subject(row, salt=row["assertionId"],
                                      achievement=badge_achievement(settings, row)),
    })


def _status_description(row: Row, valid_until: datetime | None) -> str:
    if not row.get("requiresMaintenance"):
        return "Active. This certification needs no maintenance."
    release = row.get("dueRelease") or "a release"
    if row.get("status") == "EXPIRED" and valid_until is not None:
        return f"Expired on {_day(valid_until)}: the {release} maintenance was not completed by its deadline."
    if row.get("status") == "MAINTENANCE_DUE" and valid_until is not None:
        return (f"Active, maintenance due: the {release} maintenance must be completed by {_day(valid_until)},"
                " or the credential expires.")
    return "Active: every maintenance due so far is complete."


def certification_credential(settings: OpenBadgesSettings, row: Row) -> dict[str, Any]:
    """The OpenBadgeCredential of a certification credential, from a `sharing_credential` row."""
    earned = rfc3339(row["earnedAt"])
    valid_until = credential_valid_until(status=row.get("status") or "ACTIVE",
                                         maintenance_deadline=row.get("maintenanceDeadline"))
    document: dict[str, Any] = {
        "id": settings.credential_url(row["credentialId"]),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": row.get("title") or "Certification",
        "description": _status_description(row, valid_until),
        "issuer": issuer_profile(settings),
        "validFrom": earned,
    }
    if valid_until is not None:
        document["validUntil"] = rfc3339(valid_until)
    document["awardedDate"] = earned
    document["credentialSubject"] = _subject(row, salt=row["credentialId"],
                                             achievement=certification_achievement(settings, row))
    return with_context(document)


# -- documents by id (one database round trip each) --------------------------------------------

class OpenBadgeDocuments:
    """The public documents, looked up by the id in their URL; None when the id names nothing."""

    def __init__(self, graph: Graph, settings: OpenBadgesSettings | None = None) -> None:
        self.repository = SharingRepository(graph)
        self.catalog = CatalogRepository(graph)
        self.settings = settings or open_badges_settings()

    async def earned_badge(self, assertion_id: str) -> dict[str, Any] | None:
        row = await self.repository.earned_badge(assertion_id)
        return earned_badge_credential(self.settings, row) if row else None

    async def credential(self, credential_id: str) -> dict[str, Any] | None:
        row = await self.repository.credential(credential_id)
        if row is None:
            return None
        # The status comes from the one rule every credential view uses, against the release calendar.
        state = credential_state(covered_through=row["coveredThrough"], requires_maintenance=row["requiresMaintenance"],
                                 releases=await self.catalog.releases(), now=datetime.now(timezone.utc))
        due = state.due[0]["name"] if state.due else None
        deadline = state.expired_at if state.status == "EXPIRED" else state.deadline
        return certification_credential(self.settings, {**row, "status": state.status, "dueRelease": due,
                                                        "maintenanceDeadline": deadline})

    async def achievement(self, kind: str, achievement_id: str) -> dict[str, Any] | None:
        if kind == "badge":
            row = await self.repository.badge(achievement_id)
            return with_context(badge_achievement(self.settings, row)) if row else None
        if kind == "certification":
            row = await self.repository.certification(achievement_id)
            return with_context(certification_achievement(self.settings, row)) if row else None
        return None

    def issuer(self) -> dict[str, Any]:
        return with_context(issuer_profile(self.settings))
