"""No member who has not opted in reaches a recruiter through careers: not in any result, any
count, `node`, `nodes` or a subgraph's `_entities`.

One graph, built so that the members who did NOT opt in are the best fit for everything a
recruiter can ask (they hold every skill at level 5 and the certification, live next door, attend
the fair and were recently active), while one weaker member opted in. Every recruiter-facing read
is then run, and the raw response text is searched for anything that names a hidden member: their
id, global ID, handle or display name.
"""

from __future__ import annotations

import json

from tests import factories as f
from tests.careers import factories as cf
from tests.careers.test_fairs import fair_event
from tests.gql import gid, gql
from tests.learning import factories as lf

TALENT = """query($filter: TalentSearchFilter!) { talentSearch(filter: $filter, first: 50) { totalCount
  edges { node { score member { id handle displayName } explanation { matchedFilters { detail } } } } } }"""
SAVED = """query { savedSearches(first: 10) { nodes { matches(first: 50) { totalCount nodes { member { id handle } } } }
  nodes { newMatches(since: "2000-01-01T00:00:00Z", first: 50) { totalCount nodes { member { id handle } } } } } }"""
CANDIDATES = """query($id: ID!) { job(id: $id) { candidates(first: 50) { totalCount
  nodes { eligible member { id handle displayName } } } } }"""
FAIR = """query($id: ID!, $company: ID) { jobFair(eventId: $id) { matches(first: 50, asCompany: $company) { totalCount
  nodes { ... on CandidateMatch { member { id handle displayName } } } } } }"""
PREFERENCES_BY_ENTITY = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Member { id careerPreferences { openToWork } } } }"""


SET_PREFERENCES = """mutation($input: SetCareerPreferencesInput!) { setCareerPreferences(input: $input) {
  careerPreferences { searchable } userErrors { code } } }"""


async def _world(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    skills = await f.skills(graph, 3)
    cert = await lf.certification(graph)
    job = await cf.job(graph, recruiter["company"], skills=[(s, 2, 3, "REQUIRED") for s in skills],
                       certifications=[(cert, "REQUIRED")])
    fair = await fair_event(graph)
    await cf.exhibitor(graph, recruiter["company"], fair)

    opted_in = await f.member(graph, displayName="Opted In")
    hidden = {
        "no preferences": await f.member(graph, displayName="Hidden NoPrefs"),
        "not open to work": await f.member(graph, displayName="Hidden NotOpen"),
        "only me": await f.member(graph, displayName="Hidden OnlyMe"),
        "opted out again": await f.member(graph, displayName="Hidden OptedOut"),
    }
    await cf.preferences(graph, opted_in)
    await cf.preferences(graph, hidden["not open to work"], openToWork=False)
    await cf.preferences(graph, hidden["only me"], visibility="ONLY_ME")
    again = token_for(hidden["opted out again"]["id"])
    for open_to_work, searchable in ((True, True), (False, False)):
        body = await gql(client, SET_PREFERENCES, {"input": {"openToWork": open_to_work, "visibility": "RECRUITERS"}},
                         headers=again)
        assert body["data"]["setCareerPreferences"]["careerPreferences"]["searchable"] is searchable, body
    await f.holdings(graph, [(opted_in, s, 2) for s in skills] + [(h, s, 5) for h in hidden.values() for s in skills])
    for m in hidden.values():
        await lf.credential(graph, m, cert, earned_at=lf.BASE)
    await lf.credential(graph, opted_in, cert, earned_at=lf.BASE)
    await f.rsvps(graph, [(m, fair, "GOING") for m in (opted_in, *hidden.values())])
    return recruiter, skills, cert, job, fair, opted_in, hidden


def _names(members) -> list[str]:
    return [value for m in members for value in (m["id"], gid("Member", m), m["handle"], m["displayName"])]


async def test_members_who_did_not_opt_in_never_reach_a_recruiter(graph, client, token_for):
    recruiter, skills, cert, job, fair, opted_in, hidden = await _world(graph, client, token_for)
    seat = token_for(recruiter["id"], "recruiter")
    filter_ = {"skills": [{"skillId": gid("Skill", s), "minLevel": 2, "mode": "MUST"} for s in skills],
               "certifications": {"ids": [gid("Certification", cert)], "match": "ALL"},
               "location": {"near": {"latitude": 52.52, "longitude": 13.405, "radiusKm": 50}}}
    await cf.saved_search(graph, recruiter, filter={})
    responses = {
        "talent, every filter": await gql(client, TALENT, {"filter": filter_}, headers=seat),
        "talent, no filter": await gql(client, TALENT, {"filter": {}}, headers=seat),
        "saved search": await gql(client, SAVED, headers=seat),
        "candidates": await gql(client, CANDIDATES, {"id": gid("JobPosting", job)}, headers=seat),
        "fair attendees": await gql(client, FAIR, {"id": gid("Event", fair), "company": gid("Company", recruiter["company"])},
                                    headers=seat),
    }
    for name, body in responses.items():
        assert "errors" not in body, (name, body)
        text = json.dumps(body)
        assert opted_in["handle"] in text, name  # the search works: the weaker, opted-in member is found
        for needle in _names(hidden.values()):
            assert needle not in text, (name, needle)
        assert '"totalCount": 1' in text and '"totalCount": 2' not in text, (name, text)

    # Career preferences are their owner's alone, on every path.
    representations = [{"__typename": "Member", "id": gid("Member", m)} for m in (opted_in, *hidden.values())]
    for path in ("/subgraphs/careers/graphql",):
        body = await gql(client, PREFERENCES_BY_ENTITY, {"r": representations}, headers=seat, path=path)
        assert all(error["extensions"]["code"] == "FORBIDDEN" for error in body["errors"])
        assert "openToWork" not in json.dumps(body.get("data"))
    for m in hidden.values():
        body = await gql(client, "query($id: ID!) { node(id: $id) { ... on Member { careerPreferences { openToWork } } } }",
                         {"id": gid("Member", m)}, headers=seat)
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
        assert "openToWork" not in json.dumps(body.get("data"))
