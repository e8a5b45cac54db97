"""Career preferences: the member's own, partial updates, the derived `searchable` and
`optedInAt`, validation, and one preferences node per member under concurrent calls."""

from __future__ import annotations

import asyncio
from datetime import datetime

from graph.cypher import Query
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql

SET = """mutation($input: SetCareerPreferencesInput!) { setCareerPreferences(input: $input) {
  careerPreferences { openToWork visibility searchable roles cities countries remote seniority optedInAt updatedAt }
  userErrors { field message code } } }"""
READ = """{ viewer { careerPreferences { openToWork visibility searchable roles cities countries remote seniority optedInAt } } }"""
PREFERENCES = Query("test_preferences", """
MATCH (m:Member {id: $id})-[:PREFERS]->(p:CareerPreferences)
RETURN p.id AS id, p.searchable AS searchable, p.optedInAt AS optedInAt""", "", __file__, 0)


async def set_preferences(client, headers, **input) -> dict:
    body = await gql(client, SET, {"input": input}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["setCareerPreferences"]


async def test_first_set_creates_preferences_with_defaults_and_reads_back(graph, client, token_for):
    me = await f.member(graph)
    headers = token_for(me["id"])
    assert (await gql(client, READ, headers=headers))["data"]["viewer"]["careerPreferences"] is None
    out = await set_preferences(client, headers, roles=["Salesforce Developer", " salesforce developer ", "Architect"],
                                countries=["de", "AT"], seniority="SENIOR")
    assert out["userErrors"] == []
    prefs = out["careerPreferences"]
    assert prefs | {"updatedAt": None} == {
        "openToWork": False, "visibility": "RECRUITERS", "searchable": False,
        "roles": ["Salesforce Developer", "Architect"], "cities": [], "countries": ["DE", "AT"],
        "remote": "OPEN_TO_REMOTE", "seniority": "SENIOR", "optedInAt": None, "updatedAt": None}
    read = (await gql(client, READ, headers=headers))["data"]["viewer"]["careerPreferences"]
    assert read == {k: v for k, v in prefs.items() if k != "updatedAt"}


async def test_opted_in_at_is_set_on_opting_in_kept_while_in_and_cleared_on_leaving(graph, client, token_for):
    me = await f.member(graph)
    headers = token_for(me["id"])
    first = (await set_preferences(client, headers, openToWork=True))["careerPreferences"]
    assert first["searchable"] is True and first["optedInAt"] is not None
    kept = (await set_preferences(client, headers, cities=["Berlin"], remote="REMOTE_ONLY"))["careerPreferences"]
    assert kept["optedInAt"] == first["optedInAt"] and kept["openToWork"] is True  # untouched fields stay
    hidden = (await set_preferences(client, headers, visibility="ONLY_ME"))["careerPreferences"]
    assert hidden["searchable"] is False and hidden["optedInAt"] is None and hidden["openToWork"] is True
    back = (await set_preferences(client, headers, visibility="RECRUITERS"))["careerPreferences"]
    assert back["searchable"] is True
    assert datetime.fromisoformat(back["optedInAt"]) > datetime.fromisoformat(first["optedInAt"])
    closed = (await set_preferences(client, headers, openToWork=False))["careerPreferences"]
    assert closed["searchable"] is False and closed["optedInAt"] is None
    cleared = (await set_preferences(client, headers, cities=None, seniority=None))["careerPreferences"]
    assert cleared["cities"] == [] and cleared["seniority"] is None and cleared["remote"] == "REMOTE_ONLY"


async def test_existing_preferences_are_updated_not_duplicated(graph, client, token_for):
    me = await f.member(graph)
    seeded = await cf.preferences(graph, me, openToWork=False)
    await set_preferences(client, token_for(me["id"]), openToWork=True)
    rows = await graph.read(PREFERENCES, id=me["id"])
    assert [r["id"] for r in rows] == [seeded["id"]] and rows[0]["searchable"] is True


async def test_validation(graph, client, token_for):
    headers = token_for((await f.member(graph))["id"])
    cases = [
        ({"roles": [f"role {i}" for i in range(11)]}, "roles"),
        ({"roles": ["x" * 101]}, "roles[0]"),
        ({"roles": ["ok", "   "]}, "roles[1]"),
        ({"cities": [f"c{i}" for i in range(11)]}, "cities"),
        ({"countries": ["DE", "Germany"]}, "countries[1]"),
        ({"openToWork": None}, "openToWork"),
        ({"visibility": None}, "visibility"),
        ({"remote": None}, "remote"),
        ({}, "input"),
    ]
    for input, field in cases:
        out = await set_preferences(client, headers, **input)
        assert out["careerPreferences"] is None, input
        assert [e["field"] for e in out["userErrors"]] == [field], (input, out)
    assert codes(await gql(client, SET, {"input": {"remote": "SOMETIMES"}}, headers=headers)) == ["BAD_USER_INPUT"]
    assert (await gql(client, READ, headers=headers))["data"]["viewer"]["careerPreferences"] is None


async def test_viewer_only(graph, client, token_for):
    me, other = await f.members(graph, 2)
    await cf.preferences(graph, other)
    query = """query($id: ID!) { node(id: $id) { ... on Member { careerPreferences { openToWork } } } }"""
    body = await gql(client, query, {"id": gid("Member", other)}, headers=token_for(me["id"]))
    assert codes(body) == ["FORBIDDEN"]
    assert codes(await gql(client, SET, {"input": {"openToWork": True}})) == ["UNAUTHENTICATED"]


async def test_concurrent_first_calls_make_one_preferences_node(graph, client, token_for):
    me = await f.member(graph)
    headers = token_for(me["id"])
    outs = await asyncio.gather(*(set_preferences(client, headers, openToWork=i % 2 == 0, roles=[f"role {i}"])
                                  for i in range(10)))
    assert all(out["userErrors"] == [] for out in outs)
    rows = await graph.read(PREFERENCES, id=me["id"])
    assert len(rows) == 1
    assert rows[0]["searchable"] is (rows[0]["optedInAt"] is not None)
