"""Bearer JWTs: who the viewer is and which roles they hold.

HS256 with `COMMUNITY_JWT_SECRET` by default. RS256 tokens are accepted when a public key
(`COMMUNITY_JWT_PUBLIC_KEY_FILE`, PEM) or a JWKS file (`COMMUNITY_JWT_JWKS_FILE`) is configured.
Without a configured secret, a development secret is generated once into the data
directory (owner-only) so `community-api token` and the server agree out of the box.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt

from resolvers.errors import Unauthenticated

ROLES = ("member", "recruiter", "admin", "issuer", "product_manager")
DEFAULT_TTL_SECONDS = 12 * 3600


@dataclass(frozen=True)
class Viewer:
    """The authenticated caller: a member id and the roles the token grants."""

    member_id: str
    roles: frozenset[str] = field(default_factory=lambda: frozenset({"member"}))

    def has_role(self, role: str) -> bool:
        return role in self.roles


def _dev_secret(data_dir: Path) -> str:
    path = data_dir / "jwt.secret"
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        secret = secrets.token_urlsafe(48)
        out.write(secret)
    return secret


@dataclass(frozen=True)
class AuthSettings:
    secret: str
    public_keys: tuple[Any, ...] = ()
    issuer: str | None = None
    audience: str | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "AuthSettings":
        env = os.environ if environ is None else environ
        secret = env.get("COMMUNITY_JWT_SECRET") or _dev_secret(Path(env.get("COMMUNITY_DATA_DIR", ".data")))
        if len(secret) < 32:
            raise ValueError("COMMUNITY_JWT_SECRET must be at least 32 characters")
        keys: list[Any] = []
        if env.get("COMMUNITY_JWT_PUBLIC_KEY_FILE"):
            keys.append(Path(env["COMMUNITY_JWT_PUBLIC_KEY_FILE"]).read_bytes())
        if env.get("COMMUNITY_JWT_JWKS_FILE"):
            jwks = jwt.PyJWKSet.from_json(Path(env["COMMUNITY_JWT_JWKS_FILE"]).read_text(encoding="utf-8"))
            keys.extend(key.key for key in jwks.keys)
        return cls(secret, tuple(keys), env.get("COMMUNITY_JWT_ISSUER"), env.get("COMMUNITY_JWT_AUDIENCE"))


def issue_token(settings: AuthSettings, *, member_id: str, roles: list[str], ttl_seconds: int = DEFAULT_TTL_SECONDS) -> str:
    """Sign an HS256 token for a member: for development and tests, not a login flow."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {', '.join(sorted(unknown))}")
    now = int(time.time())
    claims: dict[str, Any] = {"sub": member_id, "roles": sorted(set(roles)), "iat": now, "exp": now + ttl_seconds}
    if settings.issuer:
        claims["iss"] = settings.issuer
    if settings.audience:
        claims["aud"] = settings.audience
    return jwt.encode(claims, settings.secret, algorithm="HS256")


def _decode(token: str, settings: AuthSettings) -> dict[str, Any]:
    options = {"require": ["sub", "exp"]}
    common = {"issuer": settings.issuer, "audience": settings.audience, "options": options}
    algorithm = jwt.get_unverified_header(token).get("alg")
    if algorithm == "HS256":
        return jwt.decode(token, settings.secret, algorithms=["HS256"], **common)
    if algorithm == "RS256" and settings.public_keys:
        last: Exception | None = None
        for key in settings.public_keys:
            try:
                return jwt.decode(token, key, algorithms=["RS256"], **common)
            except jwt.InvalidSignatureError as error:
                last = error
        raise last or jwt.InvalidSignatureError("no key matched")
    raise jwt.InvalidAlgorithmError(f"algorithm {algorithm!r} is not accepted")


def viewer_from_authorization(header: str | None, settings: AuthSettings) -> Viewer | None:
    """The viewer for an `Authorization` header; None when absent, UNAUTHENTICATED when invalid."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be `Bearer <token>`")
    try:
        claims = _decode(token.strip(), settings)
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired") from None
    except jwt.PyJWTError:
        raise Unauthenticated("the token is invalid") from None
    roles = claims.get("roles", ["member"])
    if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
        raise Unauthenticated("the token's roles claim is invalid")
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject or len(subject) > 64:
        raise Unauthenticated("the token's subject is invalid")
    return Viewer(subject, frozenset(roles) | {"member"})
