"""Open Badges 3.0 documents and LinkedIn links, built from rows (no database): the validator
accepts what we build and rejects what is broken, the LinkedIn parameters read back exactly, the
settings come from the environment."""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pytest
import strawberry

from resolvers.ids import to_global_id
from resolvers.learning.open_badges import (
    OpenBadgesSettings, badge_achievement, certification_achievement, certification_credential,
    credential_valid_until, earned_badge_credential, identity_hash, issuer_profile, rfc3339, with_context,
)
from schema.learning.sharing import Sharing
from tests.learning.open_badges_validation import (
    achievement_problems, credential_problems, jsonld_problems, profile_problems, schema_problems,
)

SETTINGS = OpenBadgesSettings()
EARNED_AT = datetime(2026, 3, 1, 18, 30, tzinfo=timezone.utc)
ASSERTION_ID = "3f1c2a8e-0b1d-4c2e-9f3a-5a6b7c8d9e0f"


def earned_row(**overrides) -> dict:
    return {"assertionId": ASSERTION_ID, "earnedAt": EARNED_AT, "holderId": "0e2a1c9b-member",
            "holderVisibility": "PUBLIC", "holderName": "Ada Lovelace", "badgeId": "badge-1", "title": "Flow Basics",
            "description": "Automate with flows.", "kind": "MODULE", "imageUrl": "https://img.example.com/1.png",
            "availableFrom": None, "availableUntil": None, "awardedBy": "MODULE", "awardedByTitle": "Flow 101",
            **overrides}


def credential_row(**overrides) -> dict:
    return {"credentialId": "CRED-000001-ABCDEF", "earnedAt": EARNED_AT, "coveredThrough": EARNED_AT,
            "holderId": "0e2a1c9b-member", "holderVisibility": "PUBLIC", "holderName": "Ada Lovelace",
            "certificationId": "cert-1", "title": "Certified Administrator", "description": "Runs the org.",
            "role": "ADMINISTRATOR", "level": "PROFESSIONAL", "requiresMaintenance": True,
            "maintenanceDeadline": None, "dueRelease": None, "status": "ACTIVE", **overrides}


# -- what we build validates ---------------------------------------------------------------------

def test_an_earned_badge_document_is_a_valid_open_badge_credential():
    document = earned_badge_credential(SETTINGS, earned_row())

    assert credential_problems(document) == []
    assert document["@context"] == ["https://www.w3.org/ns/credentials/v2",
                                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == f"http://localhost:8000/open-badges/assertions/{ASSERTION_ID}"
    assert document["validFrom"] == document["awardedDate"] == "2026-03-01T18:30:00Z"
    assert "proof" not in document  # unsigned, as documented
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Badge"
    assert achievement["criteria"]["narrative"] == 'Complete every unit of the module "Flow 101".'
    assert achievement["image"] == {"id": "https://img.example.com/1.png", "type": "Image", "caption": "Flow Basics"}


@pytest.mark.parametrize("status,deadline,valid_until", [
    ("ACTIVE", None, None),
    ("MAINTENANCE_DUE", datetime(2030, 1, 31, tzinfo=timezone.utc), "2030-01-31T00:00:00Z"),
    ("EXPIRED", datetime(2026, 1, 31, tzinfo=timezone.utc), "2026-01-31T00:00:00Z"),
])
def test_a_credential_document_is_valid_until_its_maintenance_deadline_only_when_one_is_due(status, deadline,
                                                                                            valid_until):
    row = credential_row(status=status, maintenanceDeadline=deadline, dueRelease="Spring '26" if deadline else None)
    document = certification_credential(SETTINGS, row)

    assert credential_problems(document) == []
    assert document.get("validUntil") == valid_until
    assert document["credentialSubject"]["achievement"]["achievementType"] == "Certification"
    if status == "EXPIRED":
        assert document["description"].startswith("Expired on 2026-01-31: the Spring '26 maintenance")


def test_achievement_and_issuer_documents_are_valid():
    assert achievement_problems(with_context(badge_achievement(SETTINGS, earned_row()))) == []
    assert achievement_problems(with_context(certification_achievement(SETTINGS, credential_row()))) == []
    assert profile_problems(with_context(issuer_profile(SETTINGS))) == []


def test_a_limited_edition_badge_states_its_window_and_an_unusable_image_is_left_out():
    row = earned_row(kind="LIMITED_EDITION", awardedBy="QUEST", awardedByTitle="March Quest",
                     availableFrom=datetime(2026, 3, 1, tzinfo=timezone.utc),
                     availableUntil=datetime(2026, 3, 31, 23, 59, tzinfo=timezone.utc), imageUrl="badges/q.png")
    achievement = earned_badge_credential(SETTINGS, row)["credentialSubject"]["achievement"]

    assert "image" not in achievement
    assert achievement["criteria"]["narrative"] == (
        'Complete every requirement of the quest "March Quest" inside the quest\'s window. '
        "This limited edition is awarded only from 2026-03-01 to 2026-03-31 (UTC).")


# -- the validator can fail ----------------------------------------------------------------------

def _broken(change) -> dict:
    document = copy.deepcopy(earned_badge_credential(SETTINGS, earned_row()))
    change(document)
    return document


@pytest.mark.parametrize("change,expected", [
    (lambda d: d.update(badgeColour="gold"), "undefined term 'badgeColour'"),
    (lambda d: d["credentialSubject"]["achievement"].update(level="gold"), "undefined term 'level'"),
    (lambda d: d.pop("issuer"), "'issuer' is a required property"),
    (lambda d: d["credentialSubject"].pop("achievement"), "'achievement' is a required property"),
    (lambda d: d["credentialSubject"]["achievement"].pop("criteria"), "'criteria' is a required property"),
    (lambda d: d.update(type=["VerifiableCredential", "OpenBadge"]), "undefined type 'OpenBadge'"),
    (lambda d: d["credentialSubject"].update(type=["Achievement"]), "schema: credentialSubject/type"),
    (lambda d: d.update(validFrom="2026-02-30T10:00:00Z"), "is not a 'date-time'"),
    (lambda d: d.update(validFrom="2026-03-01T18:30:00"), "validFrom"),
    (lambda d: d["credentialSubject"]["achievement"]["image"].update(id="img/1.png"), "relative id 'img/1.png'"),
    (lambda d: d["credentialSubject"].pop("identifier"), "schema: credentialSubject"),
    (lambda d: d["credentialSubject"]["identifier"][1].update(identityHash="sha256$xyz"), "identityHash"),
    (lambda d: d["@context"].append("https://www.w3.org/ns/credentials/undefined-terms/v2"), "JSON-LD error"),
    (lambda d: d.update({"@context": d["@context"][:1]}), "schema: @context"),
])
def test_the_validator_rejects_a_broken_document(change, expected):
    problems = credential_problems(_broken(change))

    assert any(expected in problem for problem in problems), problems


def test_the_validator_rejects_a_standalone_achievement_without_its_context_or_name():
    achievement = badge_achievement(SETTINGS, earned_row())

    assert any("'@context' is a required property" in p for p in schema_problems(achievement, "AchievementDocument"))
    nameless = with_context({k: v for k, v in achievement.items() if k != "name"})
    assert any("'name' is a required property" in p for p in achievement_problems(nameless))
    assert jsonld_problems(with_context({**achievement, "type": ["Acheivement"]}))  # typo: an undefined type


# -- privacy ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("visibility", ["MEMBERS", "PRIVATE"])
def test_a_non_public_holder_is_identified_only_by_a_salted_hash(visibility):
    # The repository never returns a non-public name; the builder refuses it even if it did.
    document = earned_badge_credential(SETTINGS, earned_row(holderVisibility=visibility, holderName="Grace Hopper"))
    text = str(document)

    assert "Grace Hopper" not in text and "0e2a1c9b-member" not in text
    assert document["credentialSubject"]["identifier"] == [{
        "type": "IdentityObject", "identityType": "systemId", "hashed": True, "salt": ASSERTION_ID,
        "identityHash": identity_hash(to_global_id("Member", "0e2a1c9b-member"), ASSERTION_ID)}]
    assert credential_problems(document) == []


def test_the_identity_hash_is_the_open_badges_sha256_form():
    # sha256 of "abc" + "def" = sha256("abcdef")
    assert identity_hash("abc", "def") == (
        "sha256$bef57ec7f53a6d40beb640a780a639c83bc29ac8a9816f1fc6c5c6dcd93c4721")


# -- LinkedIn ----------------------------------------------------------------------------------

def _query(url: str) -> dict[str, list[str]]:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.linkedin.com/profile/add"
    return parse_qs(parts.query, strict_parsing=True)


def test_an_earned_badge_links_to_linkedin_with_the_documented_parameters(monkeypatch):
    monkeypatch.delenv("COMMUNITY_PUBLIC_URL", raising=False)
    monkeypatch.delenv("COMMUNITY_LINKEDIN_ORGANIZATION_ID", raising=False)
    monkeypatch.delenv("COMMUNITY_OPEN_BADGES_ISSUER_NAME", raising=False)
    sharing = Sharing.for_earned_badge({"id": ASSERTION_ID, "at": EARNED_AT, "badgeTitle": "R&D: Flows + 100% Ünïcode"})

    assert sharing.open_badge_url == f"http://localhost:8000/open-badges/assertions/{ASSERTION_ID}"
    assert _query(sharing.linked_in_add_to_profile_url) == {
        "startTask": ["CERTIFICATION_NAME"], "name": ["R&D: Flows + 100% Ünïcode"],
        "organizationName": ["community-api"], "issueYear": ["2026"], "issueMonth": ["3"],
        "certUrl": [sharing.open_badge_url], "certId": [ASSERTION_ID]}


def test_a_credential_links_to_linkedin_with_its_expiry_and_the_organization_id_when_configured(monkeypatch):
    monkeypatch.setenv("COMMUNITY_PUBLIC_URL", "https://community.example.org/")
    monkeypatch.setenv("COMMUNITY_LINKEDIN_ORGANIZATION_ID", "1337")
    expires = credential_valid_until(status="MAINTENANCE_DUE",
                                     maintenance_deadline=datetime(2027, 1, 15, tzinfo=timezone.utc))
    sharing = Sharing.for_credential({"credentialId": "CRED-000001-ABCDEF", "earnedAt": EARNED_AT,
                                      "certificationTitle": "Certified Administrator", "expiresAt": expires})

    assert sharing.open_badge_url == "https://community.example.org/open-badges/credentials/CRED-000001-ABCDEF"
    assert _query(sharing.linked_in_add_to_profile_url) == {
        "startTask": ["CERTIFICATION_NAME"], "name": ["Certified Administrator"], "organizationId": ["1337"],
        "issueYear": ["2026"], "issueMonth": ["3"], "expirationYear": ["2027"], "expirationMonth": ["1"],
        "certUrl": [sharing.open_badge_url], "certId": ["CRED-000001-ABCDEF"]}


def test_an_active_credential_has_no_expiry_on_linkedin(monkeypatch):
    monkeypatch.delenv("COMMUNITY_LINKEDIN_ORGANIZATION_ID", raising=False)
    assert credential_valid_until(status="ACTIVE", maintenance_deadline=None) is None
    sharing = Sharing.for_credential({"credentialId": "CRED-2", "earnedAt": EARNED_AT,
                                      "certificationTitle": "Certified Developer"})

    query = _query(sharing.linked_in_add_to_profile_url)
    assert "expirationYear" not in query and "expirationMonth" not in query


def test_sharing_is_a_graphql_type_with_camel_case_fields(monkeypatch):
    monkeypatch.delenv("COMMUNITY_PUBLIC_URL", raising=False)

    @strawberry.type
    class Query:
        @strawberry.field
        def sharing(self) -> Sharing:
            return Sharing.for_earned_badge({"id": ASSERTION_ID, "at": EARNED_AT, "badgeTitle": "Flow Basics"})

    result = strawberry.Schema(query=Query).execute_sync("{ sharing { openBadgeUrl linkedInAddToProfileUrl } }")

    assert result.errors is None
    assert result.data["sharing"]["openBadgeUrl"].endswith(f"/open-badges/assertions/{ASSERTION_ID}")
    assert result.data["sharing"]["linkedInAddToProfileUrl"].startswith("https://www.linkedin.com/profile/add?")


# -- settings and values -------------------------------------------------------------------------

def test_the_public_url_comes_from_the_environment_without_its_trailing_slash():
    settings = OpenBadgesSettings.from_env({"COMMUNITY_PUBLIC_URL": " https://example.org/community/ "})

    assert settings.issuer_url == "https://example.org/community/open-badges/issuer"
    assert OpenBadgesSettings.from_env({}).issuer_url == "http://localhost:8000/open-badges/issuer"
    assert OpenBadgesSettings.from_env({"COMMUNITY_OPEN_BADGES_ISSUER_NAME": "Trailhead Community"}).issuer_name \
        == "Trailhead Community"


@pytest.mark.parametrize("environ", [
    {"COMMUNITY_PUBLIC_URL": "community.example.org"},
    {"COMMUNITY_PUBLIC_URL": "ftp://community.example.org"},
    {"COMMUNITY_PUBLIC_URL": "https://community.example.org/?x=1"},
    {"COMMUNITY_LINKEDIN_ORGANIZATION_ID": "acme"},
])
def test_misconfigured_settings_are_refused(environ):
    with pytest.raises(ValueError):
        OpenBadgesSettings.from_env(environ)


def test_times_are_rfc3339_in_utc():
    assert rfc3339(datetime(2026, 3, 1, 20, 30, tzinfo=timezone.utc).astimezone()) == "2026-03-01T20:30:00Z"
    assert rfc3339(datetime(2026, 3, 1, 20, 30, 0, 250_000, tzinfo=timezone.utc)) == "2026-03-01T20:30:00.250Z"
    assert rfc3339(datetime(2026, 3, 1, 20, 30)) == "2026-03-01T20:30:00Z"  # naive: stored UTC
