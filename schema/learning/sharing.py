"""Sharing earned badges and credentials outside the community: the `Sharing` value type, and the
public routes that serve their Open Badges 3.0 documents (resolvers/learning/open_badges.py
says what the documents hold and what they keep private).

    GET /open-badges/assertions/{assertionId}               an earned badge's OpenBadgeCredential
    GET /open-badges/credentials/{credentialId}             a certification credential's OpenBadgeCredential
    GET /open-badges/achievements/{badge|certification}/{id} the Achievement
    GET /open-badges/issuer                                 the issuer Profile

Documents are `application/ld+json`, anonymous, readable from any origin (verifiers run in
browsers) and cost one database round trip. A malformed id answers 400 and an unknown one 404,
both `{"error": ...}`.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Mapping

import strawberry
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from resolvers.errors import UnavailableError, from_graph_error
from resolvers.learning.open_badges import (
    ACHIEVEMENT_KINDS, MEDIA_TYPE, OpenBadgeDocuments, credential_links, earned_badge_links, is_document_id,
    open_badges_settings,
)
from resolvers.runtime import GraphError


@strawberry.type(description="Ways to show an earned badge or a credential outside the community.")
class Sharing:
    open_badge_url: str = strawberry.field(
        description="The public Open Badges 3.0 document (a W3C Verifiable Credential, JSON-LD) at a stable URL. "
                    "It names the holder only when their profile is PUBLIC. Unsigned for now.")
    linked_in_add_to_profile_url: str = strawberry.field(
        description="LinkedIn's \"Add to profile\" link, prefilled with the name, issuer, issue and expiry month, "
                    "and `openBadgeUrl` as the credential URL.")

    @classmethod
    def for_earned_badge(cls, row: Mapping[str, Any]) -> "Sharing":
        """From an earned badge: `row` holds the EARNED relationship's `id` (the assertion id) and `at`,
        and the badge's title as `badgeTitle`."""
        url, linkedin = earned_badge_links(open_badges_settings(), assertion_id=row["id"], earned_at=row["at"],
                                           title=row["badgeTitle"])
        return cls(open_badge_url=url, linked_in_add_to_profile_url=linkedin)

    @classmethod
    def for_credential(cls, row: Mapping[str, Any]) -> "Sharing":
        """From a credential: `row` holds the Credential's `credentialId` and `earnedAt`, the certification's
        title as `certificationTitle` and, optionally, `expiresAt`: when the credential expires or expired
        (`resolvers.learning.open_badges.credential_valid_until`; None or absent while ACTIVE)."""
        url, linkedin = credential_links(open_badges_settings(), credential_id=row["credentialId"],
                                         earned_at=row["earnedAt"], title=row["certificationTitle"],
                                         expires_at=row.get("expiresAt"))
        return cls(open_badge_url=url, linked_in_add_to_profile_url=linkedin)


# -- routes --------------------------------------------------------------------------------------

_OPEN = {"Access-Control-Allow-Origin": "*"}
# Credentials change with their holder's visibility and maintenance: always ask again. The issuer and
# achievements are catalog data.
_FRESH = {**_OPEN, "Cache-Control": "no-cache"}
_CATALOG = {**_OPEN, "Cache-Control": "public, max-age=3600"}


def _document(document: dict[str, Any], headers: dict[str, str]) -> Response:
    return JSONResponse(document, media_type=MEDIA_TYPE, headers=headers)


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=_OPEN)


def _documents(request: Request) -> OpenBadgeDocuments:
    return OpenBadgeDocuments(request.app.state.graph)


async def _lookup(document_id: str, what: str, load: Callable[[], Awaitable[dict[str, Any] | None]],
                  headers: dict[str, str]) -> Response:
    if not is_document_id(document_id):
        return _error(400, f"malformed {what} id: at most 64 letters, digits, '.', '_', '~' or '-'")
    try:
        document = await load()
    except GraphError as error:
        if isinstance(from_graph_error(error), UnavailableError):
            return _error(503, "the database is unavailable; try again shortly")
        raise
    if document is None:
        return _error(404, f"no {what} with this id")
    return _document(document, headers)


async def assertion(request: Request) -> Response:
    """An earned badge's OpenBadgeCredential."""
    assertion_id = request.path_params["assertionId"]
    return await _lookup(assertion_id, "assertion", lambda: _documents(request).earned_badge(assertion_id), _FRESH)


async def credential(request: Request) -> Response:
    """A certification credential's OpenBadgeCredential, by its public code."""
    credential_id = request.path_params["credentialId"]
    return await _lookup(credential_id, "credential", lambda: _documents(request).credential(credential_id), _FRESH)


async def achievement(request: Request) -> Response:
    """The Achievement of a badge or a certification."""
    kind, achievement_id = request.path_params["kind"], request.path_params["achievementId"]
    if kind not in ACHIEVEMENT_KINDS:
        return _error(404, f"no achievement kind {kind[:32]!r}: use {' or '.join(ACHIEVEMENT_KINDS)}")
    return await _lookup(achievement_id, kind, lambda: _documents(request).achievement(kind, achievement_id),
                         _CATALOG)


async def issuer(request: Request) -> Response:
    """The issuer Profile."""
    return _document(_documents(request).issuer(), _CATALOG)


def open_badge_routes() -> list[Route]:
    """The public Open Badges routes; a misconfigured COMMUNITY_PUBLIC_URL fails here, at start."""
    open_badges_settings()
    return [
        Route("/open-badges/issuer", issuer, methods=["GET"]),
        Route("/open-badges/assertions/{assertionId}", assertion, methods=["GET"]),
        Route("/open-badges/credentials/{credentialId}", credential, methods=["GET"]),
        Route("/open-badges/achievements/{kind}/{achievementId}", achievement, methods=["GET"]),
    ]
