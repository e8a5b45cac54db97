"""Each talent search filter includes the members it should and excludes the others."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests import factories as f
from tests.careers import factories as cf
from tests.careers.test_talent_search import SEARCH, member_ids, search, seeker
from tests.gql import codes, gid, gql
from tests.learning import factories as lf

DAY = timedelta(days=1)


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def ids(*rows) -> set[str]:
    return {gid("Member", row) for row in rows}


async def _recruiter_headers(graph, token_for):
    recruiter = await cf.recruiter(graph)
    return recruiter, token_for(recruiter["id"], "recruiter")


async def test_skill_modes_must_can_and_not(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    apex, lwc, flows = await f.skills(graph, 3)
    both = await seeker(graph, skills=[(apex, 4), (lwc, 4)])
    apex_only = await seeker(graph, skills=[(apex, 4)])
    apex_and_flows = await seeker(graph, skills=[(apex, 4), (flows, 3)])
    apex_and_weak_flows = await seeker(graph, skills=[(apex, 4), (flows, 1)])
    await seeker(graph, skills=[(lwc, 5)])  # no MUST skill
    result = await search(client, headers, {"skills": [
        {"skillId": gid("Skill", apex), "minLevel": 3, "mode": "MUST"},
        {"skillId": gid("Skill", lwc), "minLevel": 3, "mode": "CAN"},
        {"skillId": gid("Skill", flows), "minLevel": 2, "mode": "NOT"}]}, SEARCH)
    # NOT excludes only at its level; CAN never excludes, it ranks.
    assert set(member_ids(result)) == ids(both, apex_only, apex_and_weak_flows)
    assert result["totalCount"] == 3
    assert member_ids(result)[0] == gid("Member", both)
    assert gid("Member", apex_and_flows) not in member_ids(result)
    matched = {edge["node"]["member"]["id"]: edge["node"]["explanation"]["matchedFilters"] for edge in result["edges"]}
    details = [m["detail"] for m in matched[gid("Member", apex_and_weak_flows)]]
    assert any("does not hold" in d and "holds level 1" in d for d in details), details
    assert any("(must have)" in m["detail"] for m in matched[gid("Member", both)])
    assert any("(can have)" in m["detail"] for m in matched[gid("Member", both)])
    assert not any("(can have)" in m["detail"] for m in matched[gid("Member", apex_only)])


async def test_not_with_level_one_excludes_any_holder(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    flows, = await f.skills(graph, 1)
    without = await seeker(graph)
    await seeker(graph, skills=[(flows, 1)])
    result = await search(client, headers, {"skills": [{"skillId": gid("Skill", flows), "mode": "NOT"}]})
    assert set(member_ids(result)) == ids(without)


async def _calendar(graph, now):
    """A release whose maintenance deadline has passed: credentials covered before it are EXPIRED."""
    return await lf.release(graph, name="Spring '26", released_at=now - 300 * DAY,
                            maintenance_deadline=now - 100 * DAY)


async def test_certifications_any_all_and_expired(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    now = _now()
    await _calendar(graph, now)
    admin, dev = await lf.certification(graph), await lf.certification(graph)
    associate = await lf.certification(graph, level="ASSOCIATE", requires_maintenance=False)
    holds_both = await seeker(graph)
    holds_admin = await seeker(graph)
    expired_admin = await seeker(graph)
    old_associate = await seeker(graph)
    await seeker(graph)  # holds nothing
    for member, cert, earned in [(holds_both, admin, now - 10 * DAY), (holds_both, dev, now - 10 * DAY),
                                 (holds_admin, admin, now - 20 * DAY), (expired_admin, admin, now - 400 * DAY),
                                 (expired_admin, dev, now - 5 * DAY), (old_associate, associate, now - 900 * DAY)]:
        await lf.credential(graph, member, cert, earned_at=earned)

    def certs(*rows, match="ANY", include_expired=False):
        return {"certifications": {"ids": [gid("Certification", c) for c in rows], "match": match,
                                   "includeExpired": include_expired}}

    any_ = await search(client, headers, certs(admin), SEARCH)
    assert set(member_ids(any_)) == ids(holds_both, holds_admin)
    statuses = {m["status"] for e in any_["edges"] for m in e["node"]["explanation"]["matchedFilters"]}
    assert statuses == {"ACTIVE"}
    all_ = await search(client, headers, certs(admin, dev, match="ALL"))
    assert set(member_ids(all_)) == ids(holds_both)
    either = await search(client, headers, certs(admin, dev))
    assert set(member_ids(either)) == ids(holds_both, holds_admin, expired_admin)  # expired_admin holds dev
    with_expired = await search(client, headers, certs(admin, include_expired=True), SEARCH)
    assert set(member_ids(with_expired)) == ids(holds_both, holds_admin, expired_admin)
    # an expired credential is found when asked for, but earns nothing: it ranks last
    assert member_ids(with_expired)[-1] == gid("Member", expired_admin)
    expired_edge = with_expired["edges"][-1]["node"]
    assert [m["status"] for m in expired_edge["explanation"]["matchedFilters"]] == ["EXPIRED"]
    cert_factor = next(x for x in expired_edge["explanation"]["factors"] if x["factor"] == "CERTIFICATIONS")
    assert cert_factor["value"] == 0
    # certifications without maintenance never expire
    assert set(member_ids(await search(client, headers, certs(associate)))) == ids(old_associate)


async def test_min_rank(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    ranger = await seeker(graph, rank=7)
    exactly = await seeker(graph, rank=5)
    await seeker(graph, rank=4)
    result = await search(client, headers, {"minRank": 5}, SEARCH)
    assert set(member_ids(result)) == ids(ranger, exactly)
    matched = {e["node"]["member"]["id"]: e["node"]["explanation"]["matchedFilters"] for e in result["edges"]}
    assert matched[gid("Member", exactly)] == [
        {"filter": "RANK", "detail": "rank 5 ≥ 5", "level": 5, "status": None, "distanceKm": None, "skill": None,
         "certification": None, "superbadge": None}]


async def test_superbadges_all_completed(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    first, second = (await lf.superbadge(graph, requires=[]), await lf.superbadge(graph, requires=[]))
    both = await seeker(graph)
    one = await seeker(graph)
    await seeker(graph)
    for member, badge in [(both, first), (both, second), (one, first)]:
        await lf.complete_superbadge(graph, member, badge)
    result = await search(client, headers, {"superbadges": [gid("Superbadge", first), gid("Superbadge", second)]},
                          SEARCH)
    assert member_ids(result) == [gid("Member", both)]
    matched = result["edges"][0]["node"]["explanation"]["matchedFilters"]
    assert [m["superbadge"]["id"] for m in matched] == [gid("Superbadge", first), gid("Superbadge", second)]
    assert set(member_ids(await search(client, headers, {"superbadges": [gid("Superbadge", first)]}))) == ids(both, one)


async def test_near_a_point(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    berlin = await seeker(graph)  # 52.52, 13.405
    potsdam = await seeker(graph, latitude=52.39, longitude=13.06, city="Potsdam")
    await seeker(graph, latitude=48.137, longitude=11.575, city="Munich")
    await seeker(graph, latitude=None, longitude=None)  # no coordinates: never near anything
    near = {"latitude": 52.52, "longitude": 13.405, "radiusKm": 50.0}
    result = await search(client, headers, {"location": {"near": near}}, SEARCH)
    assert member_ids(result) == [gid("Member", berlin), gid("Member", potsdam)]
    potsdam_match = result["edges"][1]["node"]["explanation"]["matchedFilters"][0]
    assert potsdam_match["filter"] == "LOCATION" and 25 < potsdam_match["distanceKm"] < 30
    assert "km from the point" in potsdam_match["detail"]


async def test_country_matches_where_members_live_or_want_to_work(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    lives = await seeker(graph, country="AT", city="Vienna")
    wants = await seeker(graph, country="DE", prefs={"countries": ["AT"]})
    await seeker(graph, country="DE")
    result = await search(client, headers, {"location": {"country": "at"}}, SEARCH)
    assert set(member_ids(result)) == ids(lives, wants)
    details = {e["node"]["member"]["id"]: e["node"]["explanation"]["matchedFilters"][0]["detail"]
               for e in result["edges"]}
    assert details == {gid("Member", lives): "lives in AT", gid("Member", wants): "wants to work in AT"}


async def test_open_to_remote_alone_and_with_a_place(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    remote_far = await seeker(graph, country="PT", latitude=38.72, longitude=-9.14, prefs={"remote": "REMOTE_ONLY"})
    open_far = await seeker(graph, country="ES", latitude=40.42, longitude=-3.70, prefs={"remote": "OPEN_TO_REMOTE"})
    onsite_here = await seeker(graph, prefs={"remote": "ON_SITE_ONLY"})  # Berlin
    await seeker(graph, country="FR", latitude=48.86, longitude=2.35, prefs={"remote": "ON_SITE_ONLY"})
    alone = await search(client, headers, {"openToRemote": True})
    assert set(member_ids(alone)) == ids(remote_far, open_far)
    near = {"latitude": 52.52, "longitude": 13.405, "radiusKm": 30.0}
    with_place = await search(client, headers, {"location": {"near": near}, "openToRemote": True}, SEARCH)
    assert set(member_ids(with_place)) == ids(remote_far, open_far, onsite_here)
    by_member = {e["node"]["member"]["id"]: [m["filter"] for m in e["node"]["explanation"]["matchedFilters"]]
                 for e in with_place["edges"]}
    assert by_member[gid("Member", onsite_here)] == ["LOCATION"]
    assert by_member[gid("Member", remote_far)] == ["REMOTE"]
    in_country = await search(client, headers, {"location": {"country": "DE"}, "openToRemote": False})
    assert set(member_ids(in_country)) == ids(onsite_here)


async def test_free_text_over_headline_and_job_title(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    headline = await seeker(graph, headline="Certified Apex Wizard", jobTitle="Developer")
    title = await seeker(graph, headline="Hello", jobTitle="Senior APEX engineer")
    await seeker(graph, headline="Admin", jobTitle="Admin", company="Apex Corp")  # company is not searched
    result = await search(client, headers, {"search": "  apex "}, SEARCH)
    assert set(member_ids(result)) == ids(headline, title)
    details = {e["node"]["member"]["id"]: e["node"]["explanation"]["matchedFilters"][0]["detail"]
               for e in result["edges"]}
    assert details[gid("Member", headline)] == 'headline contains "apex"'
    assert details[gid("Member", title)] == 'job title contains "apex"'
    # text that looks like Cypher is just text
    assert (await search(client, headers, {"search": "') RETURN 1 //"}))["totalCount"] == 0


async def test_min_years_in_community(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    now = _now()
    veteran = await seeker(graph, joinedAt=now - 6 * 365 * DAY)
    await seeker(graph, joinedAt=now - 2 * 365 * DAY)
    result = await search(client, headers, {"minYearsInCommunity": 5}, SEARCH)
    assert member_ids(result) == [gid("Member", veteran)]
    assert result["edges"][0]["node"]["explanation"]["matchedFilters"][0]["filter"] == "YEARS_IN_COMMUNITY"


async def test_bad_filters_are_bad_user_input_naming_the_field(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    skill, = await f.skills(graph, 1)
    cases = [
        ({"skills": [{"skillId": gid("Skill", skill), "minLevel": 6}]}, "filter.skills[0].minLevel"),
        ({"skills": [{"skillId": "nope"}]}, "filter.skills[0].skillId"),
        ({"skills": [{"skillId": gid("Member", skill)}]}, "filter.skills[0].skillId"),
        ({"skills": [{"skillId": gid("Skill", skill)}, {"skillId": gid("Skill", skill), "mode": "NOT"}]},
         "filter.skills[1].skillId"),
        ({"location": {"country": "XX"}}, "filter.location.country"),
        ({"location": {"country": "DE", "near": {"latitude": 1.0, "longitude": 1.0, "radiusKm": 5.0}}},
         "filter.location"),
        ({"location": {"near": {"latitude": 1.0, "longitude": 1.0, "radiusKm": 0.0}}}, "filter.location.near.radiusKm"),
        ({"minRank": 0}, "filter.minRank"),
        ({"search": "x" * 201}, "filter.search"),
        ({"certifications": {"ids": [gid("Certification", skill)] * 11}}, "filter.certifications.ids"),
    ]
    for filter, field in cases:
        body = await gql(client, SEARCH, {"filter": filter}, headers=headers)
        assert codes(body) == ["BAD_USER_INPUT"], (filter, body)
        assert body["errors"][0]["extensions"]["field"] == field, (filter, body)
    body = await gql(client, SEARCH, {"filter": {}, "first": 101}, headers=headers)
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_unknown_ids_match_nobody(graph, client, token_for):
    _, headers = await _recruiter_headers(graph, token_for)
    await seeker(graph)
    missing = {"id": "00000000-0000-0000-0000-000000000000"}
    assert (await search(client, headers, {"skills": [{"skillId": gid("Skill", missing)}]}))["totalCount"] == 0
    assert (await search(client, headers, {"certifications": {"ids": [gid("Certification", missing)]}}))[
        "totalCount"] == 0
    assert (await search(client, headers, {"superbadges": [gid("Superbadge", missing)]}))["totalCount"] == 0
    assert (await search(client, headers, {"skills": [{"skillId": gid("Skill", missing), "mode": "NOT"}]}))[
        "totalCount"] == 1
