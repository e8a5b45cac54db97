"""Pure rules that need no database: pagination windows, global IDs, tokens, media types."""

import time

import jwt
import pytest

from resolvers.auth import AuthSettings, issue_token, viewer_from_authorization
from resolvers.errors import BadUserInput, Unauthenticated
from resolvers.ids import from_global_id, to_global_id
from resolvers.pagination import Window, encode_cursor, window
from schema.http import GRAPHQL_RESPONSE, JSON, preferred_media_type

SECRET = "unit-test-secret-long-enough-for-hs256-000000"


def test_windows_from_relay_arguments():
    assert window() == Window(0, 20)
    assert window(first=5, after=encode_cursor(9)) == Window(10, 5)
    assert window(last=3) == Window(0, 3, from_end=True, after=0)
    assert window(last=3, before=encode_cursor(10)) == Window(7, 3, before=10, last=3)
    assert window(last=30, before=encode_cursor(10)) == Window(0, 10, before=10, last=30)
    assert window(first=5, after=encode_cursor(3), before=encode_cursor(6)) == Window(4, 2)
    with pytest.raises(BadUserInput, match="between 0 and 100"):
        window(first=101)


def test_global_ids_round_trip_and_reject_junk():
    assert from_global_id(to_global_id("Member", "abc")) == ("Member", "abc")
    for junk in ("", "%%%", to_global_id("Member", ""), "TWF0Y2g6eA", "TWVtYmVyOnh4"[:-3]):
        with pytest.raises(BadUserInput):
            from_global_id(junk)
    with pytest.raises(BadUserInput, match="expected the ID of a Group"):
        from_global_id(to_global_id("Member", "abc"), expect="Group")


def test_tokens_carry_member_and_roles():
    settings = AuthSettings(secret=SECRET)
    viewer = viewer_from_authorization(f"Bearer {issue_token(settings, member_id='m1', roles=['recruiter'])}", settings)
    assert viewer.member_id == "m1" and viewer.roles == {"member", "recruiter"}
    assert viewer_from_authorization(None, settings) is None
    with pytest.raises(Unauthenticated):
        viewer_from_authorization("Basic abc", settings)
    unsigned = jwt.encode({"sub": "m1", "exp": int(time.time()) + 60}, None, algorithm="none")
    with pytest.raises(Unauthenticated):
        viewer_from_authorization(f"Bearer {unsigned}", settings)


def test_rs256_tokens_verify_with_a_configured_public_key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    settings = AuthSettings(secret=SECRET, public_keys=(public,))
    token = jwt.encode({"sub": "m2", "roles": ["admin"], "exp": int(time.time()) + 60}, key, algorithm="RS256")
    assert viewer_from_authorization(f"Bearer {token}", settings).roles == {"member", "admin"}
    with pytest.raises(Unauthenticated):
        viewer_from_authorization(f"Bearer {token}", AuthSettings(secret=SECRET))


def test_media_type_negotiation():
    assert preferred_media_type(None) == JSON
    assert preferred_media_type("application/graphql-response+json, application/json;q=0.9") == GRAPHQL_RESPONSE
    assert preferred_media_type("application/json, application/graphql-response+json;q=0.5") == JSON
    assert preferred_media_type("*/*") == JSON


def test_auth_settings_read_a_jwks_file_and_refuse_short_secrets(tmp_path):
    import json

    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}))
    settings = AuthSettings.from_env({"COMMUNITY_JWT_SECRET": SECRET,
                                      "COMMUNITY_JWT_JWKS_FILE": str(tmp_path / "jwks.json")})
    token = jwt.encode({"sub": "m3", "exp": int(time.time()) + 60}, key, algorithm="RS256")
    assert viewer_from_authorization(f"Bearer {token}", settings).member_id == "m3"
    with pytest.raises(ValueError, match="at least 32"):
        AuthSettings.from_env({"COMMUNITY_JWT_SECRET": "short"})
    generated = AuthSettings.from_env({"COMMUNITY_DATA_DIR": str(tmp_path / "data")})
    assert generated.secret == AuthSettings.from_env({"COMMUNITY_DATA_DIR": str(tmp_path / "data")}).secret
    assert oct((tmp_path / "data" / "jwt.secret").stat().st_mode & 0o777) == "0o600"


def test_graph_errors_reach_clients_as_codes_and_internals_are_masked():
    from graphql import GraphQLError

    from graph.errors import Conflict, GraphError, NotFound, Unavailable
    from schema.errors import classify

    def code(original):
        return classify(GraphQLError("x", original_error=original, path=["f"])).extensions["code"]

    assert code(Conflict("c")) == "CONFLICT"
    assert code(NotFound("n")) == "NOT_FOUND"
    assert code(Unavailable("u")) == "UNAVAILABLE"
    masked = classify(GraphQLError("x", original_error=GraphError("database error: boom"), path=["f"]))
    assert masked.extensions["code"] == "INTERNAL" and masked.message == "Internal server error"


def test_driver_errors_become_domain_errors_an_overload_is_not_a_conflict():
    from neo4j import exceptions as driver

    from graph.database import translate
    from graph.errors import Conflict, Unavailable

    overload = driver.TransientError("Query heap budget exceeded: the in-heap GROUP BY needs 3.24MB more")
    assert isinstance(translate(overload), Unavailable)
    assert isinstance(translate(driver.TransientError("write-write conflict")), Conflict)
    assert isinstance(translate(driver.ConstraintError("already exists")), Conflict)
    assert isinstance(translate(driver.ServiceUnavailable("gone")), Unavailable)
