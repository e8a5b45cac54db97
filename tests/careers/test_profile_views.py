"""The profile-view log: one write per request tick, at most one view per recruiter, member,
source and UTC day (also under concurrent requests), never the recruiter themself, and the
member reads who viewed them on `viewer.profileViews`."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from graph.stats import begin_round_trips
from resolvers.auth import Viewer
from resolvers.careers.profile_views import record_profile_views
from resolvers.scope import RequestScope
from tests import factories as f
from tests.careers import factories as cf
from tests.gql import codes, gid, gql, round_trips

VIEWS = Query("test_views", """
MATCH (r:Member)-[v:VIEWED_PROFILE]->(m:Member)
RETURN r.id AS recruiterId, m.id AS memberId, v.via AS via, v.companyId AS companyId, v.at AS at
ORDER BY m.id, v.via""", "", __file__, 0)


def scope_of(graph, member_id: str) -> RequestScope:
    return RequestScope(graph, Viewer(member_id, frozenset({"member", "recruiter"})))


async def test_a_page_of_members_shown_one_by_one_costs_one_write(graph):
    recruiter = await cf.recruiter(graph)
    shown = await f.members(graph, 50)
    scope = scope_of(graph, recruiter["id"])
    trips = begin_round_trips()
    # Each result's field resolver records its own member, in the same tick; the recruiter's own
    # profile among them is not logged.
    await asyncio.gather(*(record_profile_views(scope, [m["id"]], via="TALENT_SEARCH",
                                                company_id=recruiter["company"]["id"])
                           for m in [*shown, recruiter]))
    assert trips.count == 1
    views = await graph.read(VIEWS)
    assert len(views) == 50
    assert {v["memberId"] for v in views} == {m["id"] for m in shown}
    assert {(v["recruiterId"], v["via"], v["companyId"]) for v in views} == {
        (recruiter["id"], "TALENT_SEARCH", recruiter["company"]["id"])}


async def test_a_view_is_logged_once_per_source_and_utc_day(graph):
    recruiter = await cf.recruiter(graph)
    seeker = await f.member(graph)
    company_id = recruiter["company"]["id"]
    for _ in range(3):  # paging back and forth, in separate requests
        await record_profile_views(scope_of(graph, recruiter["id"]), [seeker["id"], seeker["id"]],
                                   via="TALENT_SEARCH", company_id=company_id)
    await record_profile_views(scope_of(graph, recruiter["id"]), [seeker["id"]], via="CANDIDATES",
                               company_id=company_id)
    views = await graph.read(VIEWS)
    assert [v["via"] for v in views] == ["CANDIDATES", "TALENT_SEARCH"]


async def test_yesterdays_view_does_not_hide_todays(graph):
    recruiter = await cf.recruiter(graph)
    seeker = await f.member(graph)
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    await cf.profile_view(graph, recruiter, seeker, at=today - timedelta(minutes=1))
    await record_profile_views(scope_of(graph, recruiter["id"]), [seeker["id"]], via="TALENT_SEARCH",
                               company_id=recruiter["company"]["id"])
    assert len(await graph.read(VIEWS)) == 2


async def test_concurrent_requests_of_one_recruiter_log_one_view(graph):
    recruiter = await cf.recruiter(graph)
    seekers = await f.members(graph, 3)
    ids = [m["id"] for m in seekers]
    await asyncio.gather(*(record_profile_views(scope_of(graph, recruiter["id"]), ids, via="TALENT_SEARCH",
                                                company_id=recruiter["company"]["id"]) for _ in range(10)))
    views = await graph.read(VIEWS)
    assert sorted(v["memberId"] for v in views) == sorted(ids)


async def test_anonymous_callers_log_nothing(graph):
    seeker = await f.member(graph)
    await record_profile_views(RequestScope(graph, None), [seeker["id"]], via="PROFILE", company_id="x")
    assert await graph.read(VIEWS) == []


PROFILE_VIEWS = """query($first: Int, $after: String) { viewer { profileViews(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { recruiterName via at recruiter { id handle } company { id name } } } } } }"""


async def test_the_member_sees_who_viewed_them_newest_first_even_hidden_recruiters(graph, client, token_for):
    seeker = await f.member(graph)
    public = await cf.recruiter(graph, displayName="Pat Public")
    private = await cf.recruiter(graph, displayName="Hidden Hana", visibility="PRIVATE")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    await cf.profile_view(graph, public, seeker, via="CANDIDATES", at=now - timedelta(days=3))
    await cf.profile_view(graph, private, seeker, via="TALENT_SEARCH", at=now - timedelta(hours=1))
    await cf.profile_view(graph, public, seeker, via="APPLICATION", at=now - timedelta(days=1))
    body = await gql(client, PROFILE_VIEWS, {"first": 2}, headers=token_for(seeker["id"]))
    assert "errors" not in body, body
    views = body["data"]["viewer"]["profileViews"]
    assert views["totalCount"] == 3 and views["pageInfo"]["hasNextPage"]
    first, second = (e["node"] for e in views["edges"])
    assert first["recruiterName"] == "Hidden Hana" and first["recruiter"] is None
    assert first["company"]["id"] == gid("Company", private["company"]) and first["via"] == "TALENT_SEARCH"
    assert datetime.fromisoformat(first["at"]) == now - timedelta(hours=1)
    assert second["recruiter"] == {"id": gid("Member", public), "handle": public["handle"]}
    assert second["via"] == "APPLICATION"
    rest = await gql(client, PROFILE_VIEWS, {"first": 2, "after": views["pageInfo"]["endCursor"]},
                     headers=token_for(seeker["id"]))
    assert [e["node"]["via"] for e in rest["data"]["viewer"]["profileViews"]["edges"]] == ["CANDIDATES"]


async def test_a_duplicate_of_the_same_day_is_shown_once(graph, client, token_for):
    seeker = await f.member(graph)
    recruiter = await cf.recruiter(graph)
    noon = datetime.now(timezone.utc).replace(hour=12, minute=0, second=0, microsecond=0)
    for minutes in (0, 5):  # as a race might leave them
        await cf.profile_view(graph, recruiter, seeker, at=noon + timedelta(minutes=minutes))
    await cf.profile_view(graph, recruiter, seeker, at=noon - timedelta(days=1))
    views = (await gql(client, PROFILE_VIEWS, {}, headers=token_for(seeker["id"])))["data"]["viewer"]["profileViews"]
    assert views["totalCount"] == 2
    assert [datetime.fromisoformat(e["node"]["at"]) for e in views["edges"]] == [noon, noon - timedelta(days=1)]


async def test_profile_views_are_the_viewers_own(graph, client, token_for):
    me, other = await f.members(graph, 2)
    query = """query($id: ID!) { node(id: $id) { ... on Member { profileViews { totalCount } } } }"""
    assert codes(await gql(client, query, {"id": gid("Member", other)}, headers=token_for(me["id"]))) == ["FORBIDDEN"]
    anonymous = await gql(client, PROFILE_VIEWS, {})
    assert anonymous["data"]["viewer"] is None and "errors" not in anonymous


async def test_round_trips_for_profile_views(graph, client, token_for):
    seeker = await f.member(graph)
    for i in range(30):
        recruiter = await cf.recruiter(graph, visibility="PRIVATE" if i % 3 == 0 else "PUBLIC")
        await cf.profile_view(graph, recruiter, seeker, at=datetime.now(timezone.utc) - timedelta(hours=i))
    body = await gql(client, PROFILE_VIEWS, {"first": 30}, headers=token_for(seeker["id"]))
    assert len(body["data"]["viewer"]["profileViews"]["edges"]) == 30
    # the viewer's member row, the views page (with its total), the companies
    assert round_trips(body) == 3, body["extensions"]
