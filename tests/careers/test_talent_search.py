"""talentSearch through the API: recruiters only, opted-in members only, every filter, the
ranking and its explanation, profile views, and round trips."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

SEARCH = """query($filter: TalentSearchFilter!, $first: Int, $after: String, $companyId: ID) {
  talentSearch(filter: $filter, first: $first, after: $after, companyId: $companyId) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { score member { id handle }
      explanation { matchedFilters { filter detail level status distanceKm skill { id } certification { id } superbadge { id } }
                    factors { factor weight value contribution detail }
                    connection { employeesFollowing followedEmployees sharedGroups degree } } } }
  }
}"""

IDS = """query($filter: TalentSearchFilter!, $first: Int, $after: String) {
  talentSearch(filter: $filter, first: $first, after: $after) { totalCount edges { node { member { id } } } }
}"""


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def seeker(graph, *, skills: list[tuple[dict, int]] = (), prefs: dict[str, Any] | None = None,
                 opted_in: bool = True, **member_props: Any) -> dict:
    """A member holding `skills` [(skill, level)]; opted in unless `opted_in` is False (then no preferences
    at all, unless `prefs` says otherwise)."""
    row = await f.member(graph, **member_props)
    await f.holdings(graph, [(row, s, level) for s, level in skills])
    if opted_in or prefs is not None:
        await cf.preferences(graph, row, **(prefs or {}))
    return row


async def search(client, headers, filter: dict, query: str = IDS, **variables) -> dict:
    body = await gql(client, query, {"filter": filter, **variables}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["talentSearch"]


def member_ids(result: dict) -> list[str]:
    return [edge["node"]["member"]["id"] for edge in result["edges"]]


async def test_a_must_skill_finds_opted_in_holders_at_the_level_best_first(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    apex, = await f.skills(graph, 1)
    good = await seeker(graph, skills=[(apex, 3)], rank=2)
    expert = await seeker(graph, skills=[(apex, 5)], rank=6)  # equal skill fit (the level is met), higher rank
    await seeker(graph, skills=[(apex, 2)])  # below the level
    await seeker(graph, skills=[(apex, 5)], opted_in=False)  # better, but never opted in
    headers = token_for(recruiter["id"], "recruiter")
    result = await search(client, headers, {"skills": [{"skillId": gid("Skill", apex), "minLevel": 3}]}, SEARCH)
    assert result["totalCount"] == 2
    assert member_ids(result) == [gid("Member", expert), gid("Member", good)]
    top = result["edges"][0]["node"]
    assert top["explanation"]["matchedFilters"][0]["filter"] == "SKILL"
    assert top["explanation"]["matchedFilters"][0]["level"] == 5
    assert "level 5 ≥ 3" in top["explanation"]["matchedFilters"][0]["detail"]
    assert {f["factor"] for f in top["explanation"]["factors"]} == {"SKILLS", "CERTIFICATIONS", "RANK", "LOCATION",
                                                                   "ACTIVITY"}
    assert abs(sum(f["contribution"] for f in top["explanation"]["factors"]) - top["score"]) < 1e-5
    assert top["explanation"]["connection"] == {"employeesFollowing": 0, "followedEmployees": 0, "sharedGroups": 0,
                                                "degree": None}


async def opted_out_members(graph, client, token_for, **member_props) -> list[dict]:
    """Members who have not opted in, each a different way: no preferences, not open to work, visible
    only to themselves, and opted out (through the API) after opting in."""
    never = await f.member(graph, **member_props)
    closed = await f.member(graph, **member_props)
    await cf.preferences(graph, closed, openToWork=False)
    hidden = await f.member(graph, **member_props)
    await cf.preferences(graph, hidden, visibility="ONLY_ME")
    left = await f.member(graph, **member_props)
    for value in (True, False):
        body = await gql(client, """mutation($v: Boolean!) { setCareerPreferences(input: {openToWork: $v, visibility: RECRUITERS}) {
          careerPreferences { searchable } userErrors { message } } }""", {"v": value}, headers=token_for(left["id"]))
        assert body["data"]["setCareerPreferences"]["careerPreferences"]["searchable"] is value
    return [never, closed, hidden, left]


async def test_members_who_did_not_opt_in_never_appear_even_when_they_match_best(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    now = datetime.now(timezone.utc)
    apex, lwc = await f.skills(graph, 2)
    cert = await lf.certification(graph)
    badge = await lf.superbadge(graph, requires=[])
    strong = dict(rank=1, headline="Apex architect", jobTitle="Architect", joinedAt=now - timedelta(days=3000))
    hidden = await opted_out_members(graph, client, token_for, **strong)
    opted = await seeker(graph, skills=[(apex, 3)], headline="Apex dev", joinedAt=now - timedelta(days=3000),
                         visibility="PRIVATE")  # a private profile: opting in is consent to be found
    await f.holdings(graph, [(m, s, 5) for m in hidden for s in (apex, lwc)] + [(opted, lwc, 1)])
    for m in [*hidden, opted]:
        await lf.credential(graph, m, cert, earned_at=now - timedelta(days=2))
        await lf.complete_superbadge(graph, m, badge)
    filters = [
        {},
        {"skills": [{"skillId": gid("Skill", apex), "minLevel": 3}, {"skillId": gid("Skill", lwc), "mode": "CAN"}]},
        {"certifications": {"ids": [gid("Certification", cert)], "match": "ALL"}},
        {"superbadges": [gid("Superbadge", badge)]},
        {"search": "apex", "minYearsInCommunity": 5, "location": {"country": "DE"}},
        {"location": {"near": {"latitude": 52.52, "longitude": 13.405, "radiusKm": 10.0}}, "openToRemote": True},
        {"skills": [{"skillId": gid("Skill", apex), "minLevel": 1}],
         "certifications": {"ids": [gid("Certification", cert)], "includeExpired": True},
         "superbadges": [gid("Superbadge", badge)], "openToRemote": True, "search": "apex"},
    ]
    for filter in filters:
        result = await search(client, headers, filter, SEARCH)
        assert member_ids(result) == [gid("Member", opted)], filter
        assert result["totalCount"] == 1, filter


async def test_recruiters_only(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    other_company = await cf.company(graph)
    role_only = await f.member(graph)  # the recruiter role, but recruits for no company
    seat_only = await cf.recruiter(graph)  # recruits for a company, without the role
    await seeker(graph)
    variables = {"filter": {}}
    assert codes(await gql(client, SEARCH, variables)) == ["UNAUTHENTICATED"]
    assert codes(await gql(client, SEARCH, variables, headers=token_for(recruiter["id"]))) == ["FORBIDDEN"]
    assert codes(await gql(client, SEARCH, variables, headers=token_for(role_only["id"], "recruiter"))) == ["FORBIDDEN"]
    assert codes(await gql(client, SEARCH, variables, headers=token_for(seat_only["id"], "member"))) == ["FORBIDDEN"]
    headers = token_for(recruiter["id"], "recruiter")
    assert codes(await gql(client, SEARCH, {**variables, "companyId": gid("Company", other_company)},
                           headers=headers)) == ["FORBIDDEN"]
    assert codes(await gql(client, SEARCH, {**variables, "companyId": "bad"}, headers=headers)) == ["BAD_USER_INPUT"]
    ok = await gql(client, SEARCH, {**variables, "companyId": gid("Company", recruiter["company"])}, headers=headers)
    assert ok["data"]["talentSearch"]["totalCount"] == 1


async def test_pages_follow_the_ranking(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    rows = [await seeker(graph, rank=rank) for rank in (3, 9, 1, 7, 5)]
    expected = [gid("Member", rows[i]) for i in (1, 3, 4, 0, 2)]
    first = await search(client, headers, {}, SEARCH, first=2)  # rank counts as rank / top rank
    assert member_ids(first) == expected[:2] and first["pageInfo"]["hasNextPage"]
    rest = await search(client, headers, {}, SEARCH, first=10, after=first["pageInfo"]["endCursor"])
    assert member_ids(rest) == expected[2:] and not rest["pageInfo"]["hasNextPage"]
    assert rest["totalCount"] == 5
    scores = [e["node"]["score"] for e in first["edges"] + rest["edges"]]
    assert scores == sorted(scores, reverse=True)


async def test_connection_to_the_company_searching(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    employee, colleague = await f.members(graph, 2)
    await lf.employ(graph, recruiter["company"], [employee, colleague])
    followed = await seeker(graph, handle="followed")
    follower = await seeker(graph, handle="follower")
    grouped = await seeker(graph, handle="grouped")
    stranger = await seeker(graph, handle="stranger")
    leader = await f.member(graph)
    shared, other = await f.groups(graph, 2, leaders=[leader, leader])
    await f.follows(graph, [(employee, followed), (recruiter, followed), (follower, colleague)])
    await f.memberships(graph, [(employee, shared, "MEMBER"), (grouped, shared, "MEMBER"),
                                (grouped, other, "MEMBER"), (stranger, other, "MEMBER")])
    result = await search(client, headers, {}, SEARCH)
    by_handle = {e["node"]["member"]["handle"]: e["node"]["explanation"]["connection"] for e in result["edges"]}
    assert by_handle == {
        "followed": {"employeesFollowing": 2, "followedEmployees": 0, "sharedGroups": 0, "degree": 1},
        "follower": {"employeesFollowing": 0, "followedEmployees": 1, "sharedGroups": 0, "degree": 1},
        "grouped": {"employeesFollowing": 0, "followedEmployees": 0, "sharedGroups": 1, "degree": 2},
        "stranger": {"employeesFollowing": 0, "followedEmployees": 0, "sharedGroups": 0, "degree": None},
    }


VIEWS = """{ viewer { profileViews { totalCount edges { node { recruiterName via at recruiter { id } company { id } } } } } }"""


async def test_showing_a_result_records_a_profile_view_the_member_sees(graph, client, token_for):
    recruiter = await cf.recruiter(graph, displayName="Rita Recruiter")
    headers = token_for(recruiter["id"], "recruiter")
    shown, not_shown = await seeker(graph, rank=5), await seeker(graph, rank=1)
    scores_only = await gql(client, """query { talentSearch(filter: {}) { edges { node { score } } } }""",
                            headers=headers)
    assert len(scores_only["data"]["talentSearch"]["edges"]) == 2
    assert (await gql(client, VIEWS, headers=token_for(shown["id"])))["data"]["viewer"]["profileViews"]["totalCount"] == 0
    for _ in range(2):  # the same page again the same day: one view
        await search(client, headers, {}, first=1)
    views = (await gql(client, VIEWS, headers=token_for(shown["id"])))["data"]["viewer"]["profileViews"]
    assert views["totalCount"] == 1
    assert views["edges"][0]["node"]["recruiterName"] == "Rita Recruiter"
    assert views["edges"][0]["node"]["via"] == "TALENT_SEARCH"
    assert views["edges"][0]["node"]["recruiter"] == {"id": gid("Member", recruiter)}
    assert views["edges"][0]["node"]["company"] == {"id": gid("Company", recruiter["company"])}
    unseen = (await gql(client, VIEWS, headers=token_for(not_shown["id"])))["data"]["viewer"]["profileViews"]
    assert unseen["totalCount"] == 0


async def test_round_trips_for_a_page_of_thirty_with_explanations_and_member_fields(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    now = datetime.now(timezone.utc)
    apex, lwc = await f.skills(graph, 2)
    cert = await lf.certification(graph)
    badge = await lf.superbadge(graph, requires=[])
    rows = [await seeker(graph, skills=[(apex, 1 + i % 5), (lwc, 2)], headline="Apex dev") for i in range(35)]
    for row in rows:
        await lf.credential(graph, row, cert, earned_at=now - timedelta(days=3))
    await lf.complete_superbadge(graph, rows[0], badge)
    await f.follows(graph, [(recruiter, row) for row in rows[:5]])
    query = SEARCH.replace("member { id handle }", "member { id handle displayName followerCount skills { level } }")
    filter = {"skills": [{"skillId": gid("Skill", apex), "minLevel": 1}, {"skillId": gid("Skill", lwc), "mode": "CAN"}],
              "certifications": {"ids": [gid("Certification", cert)]}, "search": "apex", "openToRemote": True,
              "location": {"near": {"latitude": 52.5, "longitude": 13.4, "radiusKm": 100.0}}}
    body = await gql(client, query, {"filter": filter, "first": 30}, headers=headers)
    assert "errors" not in body, body
    assert len(body["data"]["talentSearch"]["edges"]) == 30
    assert body["data"]["talentSearch"]["totalCount"] == 35
    # recruiter companies, releases, anchor sizes, candidates, profiles, member rows, the view
    # write, connections, skill names, certification names, Member.skills
    assert round_trips(body) == 11, body["extensions"]


async def test_only_the_capped_best_by_pre_score_are_ranked_but_all_are_counted(graph, client, token_for, monkeypatch):
    from resolvers.careers import talent

    monkeypatch.setattr(talent, "CANDIDATE_CAP", 3)
    recruiter = await cf.recruiter(graph)
    headers = token_for(recruiter["id"], "recruiter")
    rows = [await seeker(graph, rank=rank) for rank in (2, 8, 4, 10, 6)]
    result = await search(client, headers, {}, SEARCH, first=10)
    assert result["totalCount"] == 5
    assert member_ids(result) == [gid("Member", rows[i]) for i in (3, 1, 4)]
    assert result["pageInfo"]["hasNextPage"] is False
