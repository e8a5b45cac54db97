"""The MVP program's reads: who sees a nomination, hidden profiles never leaking, the `mvps` list and
its filters, the Member fields (terms, isMvp, evidence summary, the viewer's nominations)."""

from __future__ import annotations

from datetime import datetime, timedelta

from graph.cypher import Query
from tests import factories
from tests.gql import codes, gid, gql
from tests.recognition.test_mvp import (
    decide,
    make_mvp,
    nominate,
    now,
    program,
    review,
    this_year,
    veteran,
    veterans,
)

NOMINATION = """query($id: ID!) {
  mvpNomination(id: $id) { id nominee { handle } nominator { handle } status }
  node(id: $id) { ... on MvpNomination { id } } }"""
ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on MvpNomination { id } ... on MvpCycle { year } ... on MvpTerm { year member { id } } } }"""
SET_VISIBILITY = Query("mvp_test_set_visibility", "MATCH (m:Member {id: $id}) SET m.visibility = $visibility",
                       "", "", 0)


async def _set_visibility(graph, member: dict, visibility: str) -> None:
    await graph.write(SET_VISIBILITY, id=member["id"], visibility=visibility)


async def test_a_nomination_is_visible_to_its_nominator_admins_and_current_mvps_only(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee, stranger, mvp_member, mvp_nominator = await veterans(graph, 5)
    await make_mvp(client, admin_headers, token_for, mvp_nominator, mvp_member)
    made = await nominate(client, token_for(nominator["id"]), nominee)
    nomination_id = made["nomination"]["id"]
    expected = {"id": nomination_id, "nominee": {"handle": nominee["handle"]},
                "nominator": {"handle": nominator["handle"]}, "status": "PENDING"}
    for headers in (token_for(nominator["id"]), admin_headers, token_for(mvp_member["id"])):
        body = await gql(client, NOMINATION, {"id": nomination_id}, headers=headers)
        assert body["data"] == {"mvpNomination": expected, "node": {"id": nomination_id}}, body
    # Anyone else, the nominee included, sees nothing.
    for headers in ({}, token_for(stranger["id"]), token_for(nominee["id"])):
        body = await gql(client, NOMINATION, {"id": nomination_id}, headers=headers)
        assert "errors" not in body and body["data"] == {"mvpNomination": None, "node": None}
    reps = {"r": [{"__typename": "MvpNomination", "id": nomination_id}]}
    assert (await gql(client, ENTITIES, reps, headers=token_for(stranger["id"]),
                      path="/subgraphs/recognition/graphql"))["data"]["_entities"] == [None]
    assert (await gql(client, ENTITIES, reps, headers=admin_headers,
                      path="/subgraphs/recognition/graphql"))["data"]["_entities"] == [{"id": nomination_id}]
    # Malformed or other-type ids resolve to null, not an error.
    for other_id in (gid("Member", nominee), "garbage", gid("MvpNomination", {"id": "gone"})):
        body = await gql(client, "query($id: ID!) { mvpNomination(id: $id) { id } }", {"id": other_id},
                         headers=admin_headers)
        assert body == {"data": {"mvpNomination": None}, "extensions": body.get("extensions")}


async def test_cycle_nominations_and_reviews_are_for_reviewers(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee, stranger, mvp_member, mvp_nominator = await veterans(graph, 5)
    await make_mvp(client, admin_headers, token_for, mvp_nominator, mvp_member)
    made = await nominate(client, token_for(nominator["id"]), nominee)
    nomination_id = made["nomination"]["id"]
    await review(client, token_for(mvp_member["id"]), nomination_id, (5, 5, 4, 4), comment="Yes.")
    listing = "{ mvpCycle { nominationCount nominations { totalCount nodes { id } } } }"
    for headers, code in (({}, "UNAUTHENTICATED"), (token_for(stranger["id"]), "FORBIDDEN"),
                          (token_for(nominator["id"]), "FORBIDDEN")):
        body = await gql(client, listing, headers=headers)
        assert codes(body) == [code] and body["data"]["mvpCycle"] is None
    # Everyone sees that the window exists and how many nominations it holds.
    assert (await gql(client, "{ mvpCycle { nominationCount } }"))["data"]["mvpCycle"] == {"nominationCount": 2}
    for headers in (admin_headers, token_for(mvp_member["id"])):
        body = await gql(client, listing, headers=headers)
        assert body["data"]["mvpCycle"]["nominations"]["totalCount"] == 2
    # The nominator sees their nomination, and their own (absent) review, but not the reviews.
    query = """query($id: ID!) { mvpNomination(id: $id) { reviewCount averageScore viewerReview { total }
                                 reviews { total comment reviewer { handle } } } }"""
    body = await gql(client, query, {"id": nomination_id}, headers=token_for(nominator["id"]))
    assert codes(body) == ["FORBIDDEN"]
    body = await gql(client, query, {"id": nomination_id}, headers=admin_headers)
    assert body["data"]["mvpNomination"] == {"reviewCount": 1, "averageScore": 18.0, "viewerReview": None,
                                             "reviews": [{"total": 18, "comment": "Yes.",
                                                          "reviewer": {"handle": mvp_member["handle"]}}]}
    body = await gql(client, query, {"id": nomination_id}, headers=token_for(mvp_member["id"]))
    assert body["data"]["mvpNomination"]["viewerReview"] == {"total": 18}


async def test_cycle_nominations_come_best_score_first_and_filter_by_status(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, low, high, unreviewed, rejected = await veterans(graph, 5)
    ids = {}
    for who in (low, high, unreviewed, rejected):
        ids[who["handle"]] = (await nominate(client, token_for(nominator["id"]), who))["nomination"]["id"]
    await review(client, admin_headers, ids[low["handle"]], (1, 2, 1, 2))
    await review(client, admin_headers, ids[high["handle"]], (5, 5, 5, 4))
    await review(client, admin_headers, ids[rejected["handle"]], (5, 5, 5, 5))
    await decide(client, admin_headers, rejected, "NOT_SELECTED")
    query = """query($s: NominationStatus, $after: String) { mvpCycle { nominations(status: $s, first: 2, after: $after) {
                 totalCount pageInfo { hasNextPage endCursor } nodes { nominee { handle } status } } } }"""
    body = await gql(client, query, {"s": None}, headers=admin_headers)
    page = body["data"]["mvpCycle"]["nominations"]
    assert [n["nominee"]["handle"] for n in page["nodes"]] == [rejected["handle"], high["handle"]]
    assert page["totalCount"] == 4 and page["pageInfo"]["hasNextPage"] is True
    body = await gql(client, query, {"s": None, "after": page["pageInfo"]["endCursor"]}, headers=admin_headers)
    assert [n["nominee"]["handle"] for n in body["data"]["mvpCycle"]["nominations"]["nodes"]] == [
        low["handle"], unreviewed["handle"]]
    body = await gql(client, query, {"s": "PENDING"}, headers=admin_headers)
    assert body["data"]["mvpCycle"]["nominations"]["totalCount"] == 3
    body = await gql(client, query, {"s": "NOT_SELECTED"}, headers=admin_headers)
    assert body["data"]["mvpCycle"]["nominations"]["nodes"] == [{"nominee": {"handle": rejected["handle"]},
                                                                 "status": "NOT_SELECTED"}]
    body = await gql(client, "{ mvpCycle { nominations(first: 101) { totalCount } } }", headers=admin_headers)
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_hidden_profiles_show_as_null(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee, reviewer_member, mvp_nominator = await veterans(graph, 4)
    term = await make_mvp(client, admin_headers, token_for, mvp_nominator, reviewer_member)
    made = await nominate(client, token_for(nominator["id"]), nominee)
    nomination_id = made["nomination"]["id"]
    await review(client, token_for(reviewer_member["id"]), nomination_id)
    # Everyone involved hides their profile after the fact.
    for member in (nominator, nominee, reviewer_member):
        await _set_visibility(graph, member, "PRIVATE")
    query = """query($id: ID!, $term: ID!) {
      mvpNomination(id: $id) { nominee { handle } nominator { handle } reviews { reviewer { handle } } }
      node(id: $term) { ... on MvpTerm { year member { id } } } }"""
    body = await gql(client, query, {"id": nomination_id, "term": term["id"]}, headers=admin_headers)
    assert body["data"] == {"mvpNomination": {"nominee": None, "nominator": None, "reviews": [{"reviewer": None}]},
                            "node": {"year": this_year(), "member": None}}
    # Their owners still see themselves.
    body = await gql(client, "query($id: ID!) { mvpNomination(id: $id) { nominee { handle } nominator { handle } } }",
                     {"id": nomination_id}, headers=token_for(nominator["id"]))
    assert body["data"]["mvpNomination"]["nominator"] == {"handle": nominator["handle"]}
    assert body["data"]["mvpNomination"]["nominee"] is None
    # A MEMBERS-only MVP is listed for members, not for anonymous callers; a PRIVATE one for nobody else.
    await _set_visibility(graph, reviewer_member, "MEMBERS")
    listing = "{ mvps { totalCount nodes { member { handle } } } }"
    assert (await gql(client, listing))["data"]["mvps"] == {"totalCount": 0, "nodes": []}
    signed_in = await gql(client, listing, headers=token_for(nominee["id"]))
    assert signed_in["data"]["mvps"] == {"totalCount": 1, "nodes": [{"member": {"handle": reviewer_member["handle"]}}]}
    await _set_visibility(graph, reviewer_member, "PRIVATE")
    assert (await gql(client, listing, headers=token_for(nominee["id"])))["data"]["mvps"]["totalCount"] == 0
    assert (await gql(client, listing, headers=token_for(reviewer_member["id"])))["data"]["mvps"]["totalCount"] == 1
    reps = {"r": [{"__typename": "MvpTerm", "id": term["id"]}]}
    body = await gql(client, ENTITIES, reps, path="/subgraphs/recognition/graphql")
    assert body["data"]["_entities"] == [{"year": this_year(), "member": None}]


async def test_mvps_lists_a_years_terms_by_name_with_filters(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator = await veteran(graph)
    skill, other_skill = await factories.skills(graph, 2)
    zoe = await veteran(graph, displayName="Zoe", country="FR")
    anna = await veteran(graph, displayName="Anna", country="DE")
    mia = await veteran(graph, displayName="Mia", country="DE")
    bob = await veteran(graph, displayName="Bob", country="DE")  # nominated, not selected
    await factories.holdings(graph, [(zoe, skill, 4), (mia, skill, 2), (anna, other_skill, 5)])
    for member in (zoe, anna, mia):
        await make_mvp(client, admin_headers, token_for, nominator, member)
    await nominate(client, token_for(nominator["id"]), bob)
    query = """query($year: Int, $country: String, $skill: ID, $first: Int, $after: String) {
      mvps(year: $year, country: $country, skillId: $skill, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { year isCurrent member { displayName } } } }"""

    async def names(**variables):
        body = await gql(client, query, variables)
        assert "errors" not in body, body
        return [n["member"]["displayName"] for n in body["data"]["mvps"]["nodes"]]

    assert await names() == ["Anna", "Mia", "Zoe"]
    assert await names(year=this_year()) == ["Anna", "Mia", "Zoe"]
    assert await names(year=this_year() - 1) == []
    assert await names(country="de") == ["Anna", "Mia"]
    assert await names(skill=gid("Skill", skill)) == ["Mia", "Zoe"]
    assert await names(country="DE", skill=gid("Skill", skill)) == ["Mia"]
    body = await gql(client, query, {"first": 2})
    page = body["data"]["mvps"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    assert await names(first=2, after=page["pageInfo"]["endCursor"]) == ["Zoe"]
    assert (await gql(client, query, {}))["data"]["mvps"]["nodes"][0] == {
        "year": this_year(), "isCurrent": True, "member": {"displayName": "Anna"}}
    for variables, field in (({"country": "XX"}, "country"), ({"skill": "nope"}, "skillId"),
                             ({"skill": gid("Member", zoe)}, "skillId"), ({"first": 101}, "first"),
                             ({"year": 12}, "year")):
        body = await gql(client, query, variables)
        assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == field, body


async def test_member_fields_show_terms_and_the_viewers_own_nominations(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, mvp_member, pending, other_nominator = await veterans(graph, 4)
    term = await make_mvp(client, admin_headers, token_for, nominator, mvp_member)
    await nominate(client, token_for(nominator["id"]), pending)
    await nominate(client, token_for(other_nominator["id"]), pending)
    query = """query($h: String!) { member(handle: $h) { isMvp mvpTerms { id year startsAt endsAt isCurrent } } }"""
    body = await gql(client, query, {"h": mvp_member["handle"]})
    assert body["data"]["member"]["isMvp"] is True
    assert [t["id"] for t in body["data"]["member"]["mvpTerms"]] == [term["id"]]
    body = await gql(client, query, {"h": pending["handle"]})
    assert body["data"]["member"] == {"isMvp": False, "mvpTerms": []}
    mine = """{ viewer { mvpNominations(first: 10) { totalCount nodes { status nominee { handle } nominator { handle } } } } }"""
    body = await gql(client, mine, headers=token_for(nominator["id"]))
    assert body["data"]["viewer"]["mvpNominations"] == {"totalCount": 2, "nodes": [
        {"status": "PENDING", "nominee": {"handle": pending["handle"]}, "nominator": {"handle": nominator["handle"]}},
        {"status": "SELECTED", "nominee": {"handle": mvp_member["handle"]}, "nominator": {"handle": nominator["handle"]}},
    ]}
    body = await gql(client, """query($h: String!) { member(handle: $h) { mvpNominations { totalCount } } }""",
                     {"h": nominator["handle"]}, headers=token_for(pending["id"]))
    assert codes(body) == ["FORBIDDEN"]


async def test_an_expired_term_is_history(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, former = await veterans(graph, 2)
    term = await make_mvp(client, admin_headers, token_for, nominator, former)
    past = Query("mvp_test_end_term", """MATCH (t:MvpTerm {year: $year})
SET t.startsAt = datetime({epochMillis: $starts}), t.endsAt = datetime({epochMillis: $ends})""", "", "", 0)
    ends = now() - timedelta(days=1)
    await graph.write(past, year=this_year(), starts=int((ends - timedelta(days=365)).timestamp() * 1000),
                      ends=int(ends.timestamp() * 1000))
    body = await gql(client, """query($h: String!, $t: ID!) { member(handle: $h) { isMvp mvpTerms { isCurrent } }
                               node(id: $t) { ... on MvpTerm { isCurrent } } }""",
                     {"h": former["handle"], "t": term["id"]})
    assert body["data"] == {"member": {"isMvp": False, "mvpTerms": [{"isCurrent": False}]},
                            "node": {"isCurrent": False}}
    # A former MVP reviews no more.
    other, nominee = await veterans(graph, 2)
    made = await nominate(client, token_for(other["id"]), nominee)
    assert codes(await review(client, token_for(former["id"]), made["nomination"]["id"])) == ["FORBIDDEN"]


async def test_the_evidence_summary_is_computed_from_the_graph(client, graph, token_for):
    from tests.learning import factories as learning

    _admin, admin_headers = await program(graph, client, token_for)
    nominator = await veteran(graph)
    joined = now() - timedelta(days=730)
    nominee = (await factories.members(graph, 1, joinedAt=joined))[0]
    other = await veteran(graph)
    (topic,) = await factories.topics(graph, 1)
    theirs = await factories.questions(graph, [(nominee, topic)])
    others = await factories.questions(graph, [(other, topic), (other, topic), (other, topic)])
    await factories.answers(graph, [(nominee, others[0])], accepted=True)
    await factories.answers(graph, [(nominee, others[1])], accepted=True)
    await factories.answers(graph, [(nominee, others[2])])
    await factories.answers(graph, [(nominee, theirs[0])], accepted=True)  # self-accepted: not counted as accepted
    led = await factories.groups(graph, 2, leaders=[nominee, nominee])
    (joined_group,) = await factories.groups(graph, 1, leaders=[other])
    await factories.memberships(graph, [(nominee, joined_group, "MEMBER")])
    await factories.events(graph, led[0], 2, past=True, speakers=[nominee])
    await factories.events(graph, joined_group, 1, past=True, speakers=[other])
    await learning.complete_modules(graph, nominee, [await learning.module(graph, units=2, points=150)])
    made = await nominate(client, token_for(nominator["id"]), nominee)
    fields = "acceptedAnswers answers eventsSpokenAt groupsLed points memberSince yearsActive"
    body = await gql(client, f"""query($id: ID!, $h: String!) {{
      mvpNomination(id: $id) {{ evidenceSummary {{ {fields} }} }}
      member(handle: $h) {{ mvpEvidence {{ {fields} }} }} }}""",
                     {"id": made["nomination"]["id"], "h": nominee["handle"]}, headers=admin_headers)
    assert "errors" not in body, body
    summary = body["data"]["member"]["mvpEvidence"]
    assert body["data"]["mvpNomination"]["evidenceSummary"] == summary
    assert {k: summary[k] for k in ("acceptedAnswers", "answers", "eventsSpokenAt", "groupsLed", "points")} == {
        "acceptedAnswers": 2, "answers": 4, "eventsSpokenAt": 2, "groupsLed": 2, "points": 300}
    assert abs(datetime.fromisoformat(summary["memberSince"]) - joined) < timedelta(seconds=1)
    assert 1.99 <= summary["yearsActive"] <= 2.0
    # A member who never learned or answered anything has zeros.
    body = await gql(client, "query($h: String!) { member(handle: $h) { mvpEvidence { answers points groupsLed } } }",
                     {"h": nominator["handle"]})
    assert body["data"]["member"]["mvpEvidence"] == {"answers": 0, "points": 0, "groupsLed": 0}


async def test_cycles_and_terms_resolve_as_entities(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, member = await veterans(graph, 2)
    term = await make_mvp(client, admin_headers, token_for, nominator, member)
    cycle = (await gql(client, "{ mvpCycle { id } }"))["data"]["mvpCycle"]["id"]
    reps = {"r": [{"__typename": "MvpCycle", "id": cycle}, {"__typename": "MvpTerm", "id": term["id"]},
                  {"__typename": "MvpCycle", "id": "garbage"}]}
    body = await gql(client, ENTITIES, reps, path="/subgraphs/recognition/graphql")
    assert body["data"]["_entities"] == [{"year": this_year()}, {"year": this_year(), "member": {"id": gid("Member", member)}},
                                         None]
    node = await gql(client, """query($id: ID!) { node(id: $id) { ... on MvpCycle { year isOpen nominationCount } } }""",
                               {"id": cycle})
    assert node["data"]["node"] == {"year": this_year(), "isOpen": True, "nominationCount": 1}
    # The decided nomination's cycle is reachable from it.
    body = await gql(client, "{ viewer { mvpNominations { nodes { cycle { id } } } } }", headers=token_for(nominator["id"]))
    assert body["data"]["viewer"]["mvpNominations"]["nodes"] == [{"cycle": {"id": cycle}}]
