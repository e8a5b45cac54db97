"""The public Open Badges routes against the engine: documents of earned badges and credentials
validate offline, every `id` in them dereferences through the app, the holder's privacy holds,
unknown and malformed ids are refused, and each document costs one round trip."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Iterator
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from resolvers.ids import to_global_id
from resolvers.learning.open_badges import OpenBadgeDocuments, rfc3339
from resolvers.runtime import begin_round_trips
from schema.learning.sharing import Sharing
from tests import factories
from tests.gql import gql
from tests.learning import factories as learning
from tests.learning.open_badges_validation import achievement_problems, credential_problems, profile_problems

BASE = "http://localhost:8000"
LD_JSON = "application/ld+json"
EXPECTED_TYPE = {"assertions": "OpenBadgeCredential", "credentials": "OpenBadgeCredential",
                 "achievements": "Achievement", "issuer": "Profile"}


@pytest.fixture(autouse=True)
def default_settings(monkeypatch):
    for name in ("COMMUNITY_PUBLIC_URL", "COMMUNITY_LINKEDIN_ORGANIZATION_ID", "COMMUNITY_OPEN_BADGES_ISSUER_NAME"):
        monkeypatch.delenv(name, raising=False)


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


async def _get(client: httpx.AsyncClient, url: str) -> httpx.Response:
    """GET one of our public URLs through the ASGI app, whatever host it names."""
    assert url.startswith(f"{BASE}/open-badges/"), url
    return await client.get(urlsplit(url).path)


def _ids(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for item in node:
            yield from _ids(item)


async def _document(client: httpx.AsyncClient, url: str) -> dict:
    response = await _get(client, url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == LD_JSON
    assert response.headers["access-control-allow-origin"] == "*"
    return response.json()


async def _assert_every_id_dereferences(client: httpx.AsyncClient, document: dict) -> None:
    """Each id in the document (but external images) answers with a valid document of its type and id."""
    ours = [i for i in dict.fromkeys(_ids(document)) if i.startswith(BASE)]
    assert {urlsplit(i).path.split("/")[2] for i in ours} >= {"issuer", "achievements"}
    for url in ours:
        served = await _document(client, url)
        assert served["id"] == url
        assert EXPECTED_TYPE[urlsplit(url).path.split("/")[2]] in served["type"]
        check = {"Achievement": achievement_problems, "Profile": profile_problems}.get(served["type"][-1],
                                                                                    credential_problems)
        assert check(served) == [], url


# -- earned badges -------------------------------------------------------------------------------

async def test_an_earned_badge_is_served_as_a_valid_open_badge_credential_whose_ids_all_resolve(graph, client):
    holder = await factories.member(graph, displayName="Ada Lovelace", visibility="PUBLIC")
    module = await learning.module(graph, title="Flow Basics")
    earned_at = _now() - timedelta(days=3)
    earned = await learning.earn_badge(graph, holder, module["badge"], at=earned_at)
    sharing = Sharing.for_earned_badge({"id": earned["id"], "at": earned_at, "badgeTitle": module["badge"]["title"]})

    document = await _document(client, sharing.open_badge_url)

    assert credential_problems(document) == []
    assert document["id"] == sharing.open_badge_url == f"{BASE}/open-badges/assertions/{earned['id']}"
    assert document["validFrom"] == document["awardedDate"] == rfc3339(earned_at)
    assert document["issuer"]["id"] == f"{BASE}/open-badges/issuer"
    subject = document["credentialSubject"]
    assert subject["identifier"][0] == {"type": "IdentityObject", "identityType": "name", "hashed": False,
                                        "identityHash": "Ada Lovelace"}
    achievement = subject["achievement"]
    assert achievement["id"] == f"{BASE}/open-badges/achievements/badge/{module['badge']['id']}"
    assert (achievement["name"], achievement["achievementType"]) == (module["badge"]["title"], "Badge")
    assert achievement["criteria"]["narrative"] == 'Complete every unit of the module "Flow Basics".'
    await _assert_every_id_dereferences(client, document)


async def test_a_superbadge_badge_says_what_earns_it(graph, client):
    holder = await factories.member(graph)
    prerequisite = await learning.module(graph)
    superbadge = await learning.superbadge(graph, requires=[prerequisite], title="Security Specialist")
    earned = await learning.earn_badge(graph, holder, superbadge["badge"])

    document = await _document(client, f"{BASE}/open-badges/assertions/{earned['id']}")

    assert credential_problems(document) == []
    assert document["credentialSubject"]["achievement"]["criteria"]["narrative"] == (
        'Complete the superbadge "Security Specialist", after completing each of its prerequisite modules.')


# -- credentials ---------------------------------------------------------------------------------

async def _credential(graph, *, requires_maintenance: bool = True, releases: list[tuple[int, int]] = (),
                      visibility: str = "PUBLIC", credential_id: str | None = None,
                      now: datetime | None = None) -> tuple[dict, dict, dict]:
    """A credential earned 400 days ago; `releases` are (released, deadline) in days from `now`."""
    now = now or _now()
    holder = await factories.member(graph, displayName="Grace Hopper", visibility=visibility)
    certification = await learning.certification(graph, title="Certified Platform Developer",
                                                 requires_maintenance=requires_maintenance)
    for n, (released, deadline) in enumerate(releases):
        await learning.release(graph, name=f"Release {n}", released_at=now + timedelta(days=released),
                               maintenance_deadline=now + timedelta(days=deadline))
    credential = await learning.credential(graph, holder, certification, earned_at=now - timedelta(days=400),
                                           credential_id=credential_id)
    return holder, certification, credential


async def test_an_active_credential_has_no_valid_until_and_its_ids_all_resolve(graph, client):
    # A release before it was earned is covered; a future release is not due yet.
    _, certification, credential = await _credential(graph, releases=[(-500, -450), (30, 90)])

    document = await _document(client, f"{BASE}/open-badges/credentials/{credential['credentialId']}")

    assert credential_problems(document) == []
    assert "validUntil" not in document
    assert document["description"] == "Active: every maintenance due so far is complete."
    assert document["validFrom"] == rfc3339(credential["earnedAt"])
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["id"] == f"{BASE}/open-badges/achievements/certification/{certification['id']}"
    assert (achievement["name"], achievement["achievementType"]) == ("Certified Platform Developer", "Certification")
    await _assert_every_id_dereferences(client, document)


async def test_a_credential_with_maintenance_due_is_valid_until_the_deadline(graph, client):
    now = _now()
    _, _, credential = await _credential(graph, releases=[(-10, 20), (-5, 40)], now=now)

    document = await _document(client, f"{BASE}/open-badges/credentials/{credential['credentialId']}")

    assert credential_problems(document) == []
    assert document["validUntil"] == rfc3339(now + timedelta(days=20))
    assert document["description"].startswith("Active, maintenance due: the Release 0 maintenance must be completed")


async def test_an_expired_credential_is_still_served_with_valid_until_in_the_past(graph, client):
    now = _now()
    _, _, credential = await _credential(graph, releases=[(-100, -5), (-10, 20)], now=now)

    document = await _document(client, f"{BASE}/open-badges/credentials/{credential['credentialId']}")

    assert credential_problems(document) == []
    assert document["validUntil"] == rfc3339(now - timedelta(days=5))
    assert datetime.fromisoformat(document["validUntil"]) < datetime.now(timezone.utc)
    assert document["description"].startswith("Expired on ")


async def test_a_certification_without_maintenance_never_expires(graph, client):
    _, _, credential = await _credential(graph, requires_maintenance=False, releases=[(-100, -5)])

    document = await _document(client, f"{BASE}/open-badges/credentials/{credential['credentialId']}")

    assert credential_problems(document) == []
    assert "validUntil" not in document


# -- privacy -------------------------------------------------------------------------------------

@pytest.mark.parametrize("visibility", ["MEMBERS", "PRIVATE"])
async def test_a_non_public_holder_never_appears_in_the_documents(graph, client, visibility):
    holder, _, credential = await _credential(graph, visibility=visibility)
    module = await learning.module(graph)
    earned = await learning.earn_badge(graph, holder, module["badge"])

    for url in (f"{BASE}/open-badges/assertions/{earned['id']}",
                f"{BASE}/open-badges/credentials/{credential['credentialId']}"):
        response = await _get(client, url)
        assert response.status_code == 200
        for private in ("Grace Hopper", holder["handle"], holder["email"], holder["id"],
                        to_global_id("Member", holder["id"]), holder["city"], holder["headline"]):
            assert private.encode() not in response.content, (url, private)
        assert credential_problems(response.json()) == []
        assert [i["identityType"] for i in response.json()["credentialSubject"]["identifier"]] == ["systemId"]


async def test_a_public_holder_is_named_but_nothing_else_of_their_profile_is_shown(graph, client):
    holder, _, credential = await _credential(graph, visibility="PUBLIC")

    response = await _get(client, f"{BASE}/open-badges/credentials/{credential['credentialId']}")

    assert b"Grace Hopper" in response.content
    for private in (holder["handle"], holder["email"], holder["id"], holder["city"], holder["headline"]):
        assert private.encode() not in response.content, private


# -- refusals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/open-badges/assertions/0b7e2c4a-0000-4000-8000-000000000000",
    "/open-badges/credentials/CRED-NOPE",
    "/open-badges/achievements/badge/0b7e2c4a-0000-4000-8000-000000000000",
    "/open-badges/achievements/certification/0b7e2c4a-0000-4000-8000-000000000000",
    "/open-badges/achievements/trail/0b7e2c4a-0000-4000-8000-000000000000",
])
async def test_unknown_ids_are_not_found(graph, client, path):
    await learning.module(graph)

    response = await client.get(path)

    assert response.status_code == 404
    assert set(response.json()) == {"error"}


@pytest.mark.parametrize("document_id", [
    "x" * 65,
    "' OR 1=1 --",
    "a}) DETACH DELETE n",
    "MATCH (n) RETURN n",
    "CRED\u00e9",
    "-leading-dash",
])
async def test_malformed_ids_are_refused_and_are_just_data(graph, client, document_id):
    holder = await factories.member(graph)
    module = await learning.module(graph)
    await learning.earn_badge(graph, holder, module["badge"])
    segment = quote(document_id, safe="")

    for path in (f"/open-badges/assertions/{segment}", f"/open-badges/credentials/{segment}",
                 f"/open-badges/achievements/badge/{segment}"):
        response = await client.get(path)
        assert response.status_code == 400, path
        assert "error" in response.json()
    assert (await client.get(f"/open-badges/achievements/badge/{module['badge']['id']}")).status_code == 200


async def test_a_credential_code_made_of_cypher_looking_but_allowed_characters_is_only_looked_up(graph, client):
    _, _, credential = await _credential(graph, credential_id="n.id--DETACH_DELETE~n")

    response = await client.get("/open-badges/credentials/n.id--DETACH_DELETE~n")

    assert response.status_code == 200
    assert response.json()["id"] == f"{BASE}/open-badges/credentials/{credential['credentialId']}"


# -- configuration and cost ----------------------------------------------------------------------

async def test_documents_use_the_configured_public_url(graph, client, monkeypatch):
    monkeypatch.setenv("COMMUNITY_PUBLIC_URL", "https://community.example.org/")
    monkeypatch.setenv("COMMUNITY_OPEN_BADGES_ISSUER_NAME", "Example Community")
    holder = await factories.member(graph)
    module = await learning.module(graph)
    earned = await learning.earn_badge(graph, holder, module["badge"])

    document = (await client.get(f"/open-badges/assertions/{earned['id']}")).json()
    issuer = (await client.get("/open-badges/issuer")).json()

    assert document["id"] == f"https://community.example.org/open-badges/assertions/{earned['id']}"
    assert document["issuer"] == {"id": "https://community.example.org/open-badges/issuer", "type": ["Profile"],
                                  "name": "Example Community", "url": "https://community.example.org"}
    assert issuer["id"] == document["issuer"]["id"] and profile_problems(issuer) == []


async def test_each_document_costs_one_round_trip_a_credential_two(graph):
    holder = await factories.member(graph)
    module = await learning.module(graph)
    earned = await learning.earn_badge(graph, holder, module["badge"])
    _, certification, credential = await _credential(graph, releases=[(-100, -5), (-10, 20)])
    documents = OpenBadgeDocuments(graph)

    # A credential's status also reads the release calendar, with the rule every credential view uses.
    for load, expected in ((lambda: documents.earned_badge(earned["id"]), 1),
                           (lambda: documents.credential(credential["credentialId"]), 2),
                           (lambda: documents.achievement("badge", module["badge"]["id"]), 1),
                           (lambda: documents.achievement("certification", certification["id"]), 1)):
        trips = begin_round_trips()
        assert await load() is not None
        assert trips.count == expected, trips.names


async def test_earned_badges_and_credentials_share_their_documents_through_the_api(graph, client, token_for):
    await learning.ranks(graph)
    holder = await factories.member(graph)
    module = await learning.module(graph)
    await learning.complete_modules(graph, holder, [module])
    certification = await learning.certification(graph, requires_maintenance=False)
    credential = await learning.credential(graph, holder, certification, earned_at=_now() - timedelta(days=30))
    body = await gql(client, """{ viewer { badges { nodes { assertionId badge { title }
        sharing { openBadgeUrl linkedInAddToProfileUrl } } }
      credentials { nodes { credentialId sharing { openBadgeUrl linkedInAddToProfileUrl } } } } }""",
                     headers=token_for(holder["id"]))
    assert "errors" not in body, body
    (earned,) = body["data"]["viewer"]["badges"]["nodes"]
    (held,) = body["data"]["viewer"]["credentials"]["nodes"]
    badge_document = await _document(client, earned["sharing"]["openBadgeUrl"])
    assert badge_document["id"] == earned["sharing"]["openBadgeUrl"] and earned["assertionId"] in badge_document["id"]
    assert badge_document["credentialSubject"]["achievement"]["name"] == earned["badge"]["title"]
    credential_document = await _document(client, held["sharing"]["openBadgeUrl"])
    assert credential["credentialId"] in credential_document["id"]
    for shared in (earned["sharing"], held["sharing"]):
        query = parse_qs(urlsplit(shared["linkedInAddToProfileUrl"]).query)
        assert query["certUrl"] == [shared["openBadgeUrl"]] and query["startTask"] == ["CERTIFICATION_NAME"]
