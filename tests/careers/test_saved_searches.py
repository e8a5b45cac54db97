"""Saved searches: recruiters only, at most 50, the owner alone sees them (node, _entities,
savedSearches), the stored filter echoed back, matches and newMatches (opted-in members only),
and round trips."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from tests import factories as f
from tests.careers import factories as cf
from tests.careers.test_talent_search import opted_out_members, seeker
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

SAVE = """mutation($input: SaveSearchInput!) { saveSearch(input: $input) {
  savedSearch { id name createdAt company { id }
    filter { skills { skillId minLevel mode } certifications { ids match includeExpired } minRank superbadges
             location { near { latitude longitude radiusKm } country } openToRemote search minYearsInCommunity } }
  userErrors { field message code } } }"""
DELETE = """mutation($id: ID!) { deleteSavedSearch(input: {id: $id}) { deletedId userErrors { field code } } }"""
LIST = """{ savedSearches(first: 100) { totalCount edges { node { id name } } } }"""
NODE = """query($id: ID!) { node(id: $id) { ... on SavedSearch { id name } } }"""
ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) { ... on SavedSearch { id name } } }"""
MATCHES = """query($id: ID!, $since: DateTime!) { node(id: $id) { ... on SavedSearch { lastRunAt
  matches { totalCount edges { node { score member { id } } } }
  newMatches(since: $since) { totalCount edges { node { member { id } } } } } } }"""
STORED = Query("test_stored_filter", "MATCH (s:SavedSearch {id: $id}) RETURN s.filter AS filter", "", __file__, 0)


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


async def save(client, headers, name="Apex devs", filter=None, **extra) -> dict:
    body = await gql(client, SAVE, {"input": {"name": name, "filter": filter or {}, **extra}}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["saveSearch"]


async def test_save_echoes_the_canonical_filter(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    skill, = await f.skills(graph, 1)
    cert = await lf.certification(graph)
    filter = {"skills": [{"skillId": gid("Skill", skill), "minLevel": 3, "mode": "CAN"}],
              "certifications": {"ids": [gid("Certification", cert)], "match": "ALL"},
              "location": {"country": "de"}, "search": " Apex ", "openToRemote": True}
    out = await save(client, headers, name="  Apex devs ", filter=filter)
    assert out["userErrors"] == []
    saved = out["savedSearch"]
    assert saved["name"] == "Apex devs" and saved["company"] == {"id": gid("Company", recruiter["company"])}
    assert saved["filter"] == {
        "skills": [{"skillId": gid("Skill", skill), "minLevel": 3, "mode": "CAN"}],
        "certifications": {"ids": [gid("Certification", cert)], "match": "ALL", "includeExpired": False},
        "minRank": None, "superbadges": [], "location": {"near": None, "country": "DE"}, "openToRemote": True,
        "search": "apex", "minYearsInCommunity": None}
    stored = (await graph.read(STORED, id=saved["id"] and _local(saved["id"])))[0]["filter"]
    assert stored == json.dumps(json.loads(stored), sort_keys=True, separators=(",", ":"))
    assert json.loads(stored)["skills"] == [{"minLevel": 3, "mode": "CAN", "skillId": skill["id"]}]


def _local(global_id: str) -> str:
    from resolvers.ids import from_global_id

    return from_global_id(global_id).id


async def test_save_rules(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    other = await cf.company(graph)
    assert [e["field"] for e in (await save(client, headers, name=" "))["userErrors"]] == ["name"]
    assert [e["field"] for e in (await save(client, headers, name="x" * 101))["userErrors"]] == ["name"]
    bad = await save(client, headers, filter={"minRank": 0})
    assert bad["savedSearch"] is None and bad["userErrors"][0]["field"] == "filter.minRank"
    body = await gql(client, SAVE, {"input": {"name": "n", "filter": {}, "companyId": gid("Company", other)}},
                     headers=headers)
    assert codes(body) == ["FORBIDDEN"]
    assert codes(await gql(client, SAVE, {"input": {"name": "n", "filter": {}}},
                           headers=token_for(recruiter["id"]))) == ["FORBIDDEN"]
    assert codes(await gql(client, SAVE, {"input": {"name": "n", "filter": {}}})) == ["UNAUTHENTICATED"]
    assert (await gql(client, LIST, headers=headers))["data"]["savedSearches"]["totalCount"] == 0


async def test_at_most_fifty_saved_searches_even_when_saved_at_once(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    for i in range(45):
        await cf.saved_search(graph, recruiter, name=f"old {i}")
    outs = await asyncio.gather(*(save(client, headers, name=f"new {i}") for i in range(8)))
    saved = [o for o in outs if o["savedSearch"] is not None]
    refused = [o for o in outs if o["savedSearch"] is None]
    assert len(saved) == 5
    assert all(o["userErrors"][0]["code"] == "LIMIT_REACHED" for o in refused)
    assert (await gql(client, LIST, headers=headers))["data"]["savedSearches"]["totalCount"] == 50


async def test_only_the_recruiter_who_saved_it_sees_it(graph, client, token_for):
    owner = await cf.recruiter(graph)
    colleague = await cf.recruiter(graph, company_row=owner["company"])
    mine = await cf.saved_search(graph, owner, name="Mine")
    theirs = await cf.saved_search(graph, colleague, name="Theirs")
    headers = token_for(owner["id"], "recruiter")
    listed = (await gql(client, LIST, headers=headers))["data"]["savedSearches"]
    assert [e["node"]["name"] for e in listed["edges"]] == ["Mine"] and listed["totalCount"] == 1
    assert (await gql(client, NODE, {"id": gid("SavedSearch", mine)}, headers=headers))["data"]["node"]["name"] == "Mine"
    for token in (token_for(colleague["id"], "recruiter"), token_for(owner["id"]), {}):
        body = await gql(client, NODE, {"id": gid("SavedSearch", mine)}, headers=token)
        assert body["data"]["node"] is None and "errors" not in body, body
    representations = [{"__typename": "SavedSearch", "id": gid("SavedSearch", row)} for row in (mine, theirs)]
    representations.append({"__typename": "SavedSearch", "id": "not-an-id"})
    entities = await gql(client, ENTITIES, {"r": representations}, headers=headers, path="/subgraphs/careers/graphql")
    assert entities["data"]["_entities"] == [{"id": gid("SavedSearch", mine), "name": "Mine"}, None, None], entities
    out = (await gql(client, DELETE, {"id": gid("SavedSearch", theirs)}, headers=headers))["data"]["deleteSavedSearch"]
    assert out == {"deletedId": None, "userErrors": [{"field": "id", "code": "NOT_FOUND"}]}
    out = (await gql(client, DELETE, {"id": gid("SavedSearch", mine)}, headers=headers))["data"]["deleteSavedSearch"]
    assert out == {"deletedId": gid("SavedSearch", mine), "userErrors": []}
    assert (await gql(client, LIST, headers=headers))["data"]["savedSearches"]["totalCount"] == 0
    assert codes(await gql(client, LIST, headers=token_for(owner["id"]))) == ["FORBIDDEN"]


async def test_matches_and_new_matches_show_opted_in_members_only(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    now = _now()
    since = now - timedelta(days=7)
    apex, lwc = await f.skills(graph, 2)
    cert = await lf.certification(graph)
    saved = await cf.saved_search(graph, recruiter, filter={
        "skills": [{"skillId": apex["id"], "minLevel": 3, "mode": "MUST"},
                   {"skillId": lwc["id"], "minLevel": 2, "mode": "CAN"}],
        "certifications": {"ids": [cert["id"]], "match": "ANY", "includeExpired": False}, "search": "apex"})
    old = now - timedelta(days=60)

    async def matching(opted_in_at, cert_earned=old, headline="Apex dev"):
        row = await seeker(graph, headline=headline, prefs={"optedInAt": opted_in_at})
        await f.holdings(graph, [(row, apex, 4)])
        await lf.credential(graph, row, cert, earned_at=cert_earned)
        return row

    long_ago = await matching(old)
    newly_opted = await matching(now - timedelta(days=1))
    new_cert = await matching(old, cert_earned=now - timedelta(days=2))
    new_skill = await matching(old)
    await f.holdings(graph, [(new_skill, lwc, 3)])  # HAS_SKILL.since of the factory is 2026-01-01: too old
    await graph.write(Query("test_new_skill", """MATCH (:Member {id: $id})-[h:HAS_SKILL]->(:Skill {id: $skill})
        SET h.since = datetime({epochMillis: $at}) RETURN 1 AS ok""", "", __file__, 0),
        id=new_skill["id"], skill=lwc["id"], at=int((now - timedelta(days=1)).timestamp() * 1000))
    await matching(now - timedelta(days=1), headline="Flow builder")  # new, but does not match
    hidden = await opted_out_members(graph, client, token_for, headline="Apex dev")  # left just now
    await f.holdings(graph, [(m, s, 5) for m in hidden for s in (apex, lwc)])
    for m in hidden:
        await lf.credential(graph, m, cert, earned_at=now - timedelta(days=1))
    body = await gql(client, MATCHES, {"id": gid("SavedSearch", saved), "since": since.isoformat()}, headers=headers)
    assert "errors" not in body, body
    node = body["data"]["node"]
    assert {e["node"]["member"]["id"] for e in node["matches"]["edges"]} == {
        gid("Member", m) for m in (long_ago, newly_opted, new_cert, new_skill)}
    assert node["matches"]["totalCount"] == 4
    assert {e["node"]["member"]["id"] for e in node["newMatches"]["edges"]} == {
        gid("Member", m) for m in (newly_opted, new_cert, new_skill)}
    assert node["newMatches"]["totalCount"] == 3
    assert datetime.fromisoformat(node["lastRunAt"]) <= _now()
    again = await gql(client, MATCHES, {"id": gid("SavedSearch", saved), "since": since.isoformat()}, headers=headers)
    assert datetime.fromisoformat(again["data"]["node"]["lastRunAt"]) >= datetime.fromisoformat(node["lastRunAt"])
    # without the recruiter role the search is not even shown
    body = await gql(client, MATCHES, {"id": gid("SavedSearch", saved), "since": since.isoformat()},
                     headers=token_for(recruiter["id"]))
    assert body["data"]["node"] is None and "errors" not in body


async def test_round_trips_for_saved_searches_with_matches(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    skills = await f.skills(graph, 10)
    for i, skill in enumerate(skills):
        await cf.saved_search(graph, recruiter, name=f"search {i}", filter={
            "skills": [{"skillId": skill["id"], "minLevel": 2, "mode": "MUST"}], "openToRemote": bool(i % 2)})
        for level in (2, 4):
            row = await seeker(graph)
            await f.holdings(graph, [(row, skill, level)])
    query = """query($since: DateTime!) { savedSearches(first: 10) { totalCount edges { node { name lastRunAt company { name }
      filter { skills { skillId } }
      matches(first: 5) { totalCount edges { node { score member { handle } explanation { matchedFilters { detail } } } } }
      newMatches(since: $since, first: 5) { totalCount } } } } }"""
    body = await gql(client, query, {"since": (_now() - timedelta(days=1)).isoformat()}, headers=headers)
    assert "errors" not in body, body
    searches = body["data"]["savedSearches"]["edges"]
    assert len(searches) == 10 and all(s["node"]["matches"]["totalCount"] == 2 for s in searches)
    # recruiter companies, saved searches page and total, companies, releases, anchor sizes,
    # candidates, profiles, member rows, skill names, the view write, lastRunAt
    assert round_trips(body) == 12, body["extensions"]
