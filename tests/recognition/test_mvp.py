"""The MVP program's mutations as admins, nominators and reviewers perform them: opening the yearly
window, nominating (eligibility, evidence, one per nominee a year), reviewing and deciding, with
every refusal writing nothing and the invariants holding under concurrent calls.

The helpers at the top are shared by the other tests/recognition/test_mvp_*.py modules.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from typing import Any

from graph.cypher import Query
from graph.seed import SeedWriter
from tests import factories
from tests.gql import codes, gid, gql

OPEN = """mutation($input: OpenMvpNominationsInput!) { openMvpNominations(input: $input) {
  cycle { id year opensAt closesAt isOpen nominationCount } userErrors { field message code } } }"""
NOMINATE = """mutation($input: NominateMvpInput!) { nominateMvp(input: $input) {
  nomination { id year status reviewCount averageScore createdAt decidedAt expertise generosity leadership advocacy
    nominee { handle } nominator { handle }
    evidence { kind url answer { id } event { id } group { id } } }
  userErrors { field message code } } }"""
REVIEW = """mutation($input: ReviewNominationInput!) { reviewNomination(input: $input) {
  nomination { id reviewCount averageScore viewerReview { expertise generosity leadership advocacy total comment } }
  userErrors { field message code } } }"""
DECIDE = """mutation($input: DecideMvpInput!) { decideMvp(input: $input) {
  member { handle isMvp } term { id year startsAt endsAt isCurrent member { handle } }
  userErrors { field message code } } }"""

# What the graph holds, read directly: the tests check the invariants of graph/MODEL.md on it.
COUNTS = Query("mvp_test_counts", """
RETURN COUNT { MATCH (:MvpCycle) } AS cycles,
       COUNT { MATCH (:MvpNomination) } AS nominations,
       COUNT { MATCH (:MvpTerm) } AS terms,
       COUNT { MATCH ()-[:REVIEWED]->(:MvpNomination) } AS reviews,
       COUNT { MATCH (:MvpNomination)-[:CITES]->() } AS citations,
       COUNT { MATCH (:Badge {slug: 'mvp'}) } AS badges,
       COUNT { MATCH (:Member)-[:EARNED]->(:Badge {slug: 'mvp'}) } AS earned""", "", "", 0)
REVIEW_TOTALS = Query("mvp_test_review_totals", """
MATCH (n:MvpNomination)
RETURN n.id AS id, n.reviewCount AS reviewCount, n.scoreTotal AS scoreTotal,
       COUNT { (:Member)-[:REVIEWED]->(n) } AS reviewed,
       reduce(t = 0, r IN [(:Member)-[r:REVIEWED]->(n) | r] | t + r.expertise + r.generosity + r.leadership + r.advocacy)
         AS reviewedTotal""", "", "", 0)
STATEMENTS = {"expertise": "Answers the hardest Flow questions.", "generosity": "Mentors newcomers every week.",
              "leadership": "Runs the Berlin user group.", "advocacy": "Speaks at every city tour."}


def now() -> datetime:
    return datetime.now(timezone.utc)


def this_year() -> int:
    return now().year


async def veterans(graph, count: int, **props: Any) -> list[dict]:
    """Members who joined well over a year ago: eligible for a nomination."""
    return await factories.members(graph, count, joinedAt=now() - timedelta(days=800), **props)


async def veteran(graph, **props: Any) -> dict:
    return (await veterans(graph, 1, **props))[0]


async def counts(graph) -> dict[str, int]:
    return (await graph.read(COUNTS))[0]


def admin_of(token_for, member: dict) -> dict[str, str]:
    return token_for(member["id"], "member", "admin")


async def open_cycle(client, headers, *, year: int | None = None, opens_at: datetime | None = None,
                     closes_at: datetime | None = None) -> dict:
    """Open the current year's window (now to 30 days from now unless given); returns the payload."""
    given: dict[str, Any] = {"year": year or this_year(), "closesAt": (closes_at or now() + timedelta(days=30)).isoformat()}
    if opens_at is not None:
        given["opensAt"] = opens_at.isoformat()
    body = await gql(client, OPEN, {"input": given}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["openMvpNominations"]


async def nominate(client, headers, nominee: dict, **overrides: Any) -> dict:
    """Nominate `nominee` with the standard statements (overridden by `overrides`); returns the payload."""
    given: dict[str, Any] = {"nomineeId": gid("Member", nominee), **STATEMENTS, **overrides}
    body = await gql(client, NOMINATE, {"input": given}, headers=headers)
    assert "errors" not in body, body
    return body["data"]["nominateMvp"]


async def review(client, headers, nomination_id: str, scores: tuple[int, int, int, int] = (4, 4, 4, 4),
                 comment: str | None = None) -> dict:
    body = await gql(client, REVIEW, {"input": {"nominationId": nomination_id, "expertise": scores[0],
                                                "generosity": scores[1], "leadership": scores[2],
                                                "advocacy": scores[3], "comment": comment}}, headers=headers)
    return body


async def decide(client, headers, nominee: dict, decision: str = "SELECTED", year: int | None = None) -> dict:
    return await gql(client, DECIDE, {"input": {"nomineeId": gid("Member", nominee), "year": year or this_year(),
                                                "decision": decision}}, headers=headers)


async def program(graph, client, token_for) -> tuple[dict, dict[str, str]]:
    """An admin (returned with their headers) and the current year's open window."""
    admin = await veteran(graph)
    headers = admin_of(token_for, admin)
    opened = await open_cycle(client, headers)
    assert opened["userErrors"] == [], opened
    return admin, headers


async def make_mvp(client, admin_headers, token_for, nominator: dict, nominee: dict) -> dict:
    """`nominee` nominated by `nominator` and SELECTED by the admin: a current MVP. Returns the term."""
    made = await nominate(client, token_for(nominator["id"]), nominee)
    assert made["userErrors"] == [], made
    body = await decide(client, admin_headers, nominee)
    assert "errors" not in body and body["data"]["decideMvp"]["userErrors"] == [], body
    return body["data"]["decideMvp"]["term"]


# -- openMvpNominations ------------------------------------------------------------------------------


async def test_an_admin_opens_one_window_a_year(client, graph, token_for):
    admin = await veteran(graph)
    headers = admin_of(token_for, admin)
    closes = now() + timedelta(days=45)
    opened = await open_cycle(client, headers, closes_at=closes)
    assert opened["userErrors"] == []
    cycle = opened["cycle"]
    assert cycle["year"] == this_year() and cycle["isOpen"] is True and cycle["nominationCount"] == 0
    again = await open_cycle(client, headers)
    assert again == {"cycle": None, "userErrors": [
        {"field": "year", "message": f"the nominations of {this_year()} are open already", "code": "ALREADY_OPENED"}]}
    body = await gql(client, "{ mvpCycle { id year isOpen closesAt } }")
    assert body["data"]["mvpCycle"]["id"] == cycle["id"] and body["data"]["mvpCycle"]["isOpen"] is True
    assert datetime.fromisoformat(body["data"]["mvpCycle"]["closesAt"]) == closes.replace(
        microsecond=closes.microsecond // 1000 * 1000)
    assert (await gql(client, "{ mvpCycle(year: 2031) { id } }"))["data"]["mvpCycle"] is None
    # Next year's window may be opened ahead.
    ahead = await open_cycle(client, headers, year=this_year() + 1, opens_at=now() + timedelta(days=60),
                             closes_at=now() + timedelta(days=90))
    assert ahead["userErrors"] == [] and ahead["cycle"]["isOpen"] is False
    assert (await counts(graph))["cycles"] == 2


async def test_opening_is_for_admins_and_checks_the_window(client, graph, token_for):
    member = await veteran(graph)
    admin = admin_of(token_for, await veteran(graph))
    closes = (now() + timedelta(days=10)).isoformat()
    body = await gql(client, OPEN, {"input": {"year": this_year(), "closesAt": closes}}, headers=token_for(member["id"]))
    assert codes(body) == ["FORBIDDEN"]
    body = await gql(client, OPEN, {"input": {"year": this_year(), "closesAt": closes}})
    assert codes(body) == ["UNAUTHENTICATED"]
    refused = [
        ({"year": this_year() - 1, "closesAt": closes}, "year"),
        ({"year": this_year() + 2, "closesAt": closes}, "year"),
        ({"year": this_year(), "opensAt": closes, "closesAt": closes}, "closesAt"),
        ({"year": this_year(), "closesAt": (now() - timedelta(days=1)).isoformat()}, "closesAt"),
        ({"year": this_year(), "closesAt": (now() + timedelta(days=93)).isoformat()}, "closesAt"),
    ]
    for given, field in refused:
        body = await gql(client, OPEN, {"input": given}, headers=admin)
        payload = body["data"]["openMvpNominations"]
        assert payload["cycle"] is None and [(e["field"], e["code"]) for e in payload["userErrors"]] == [
            (field, "BAD_USER_INPUT")], (given, payload)
    # Exactly 92 days is allowed.
    opens = now() + timedelta(days=1)
    ok = await open_cycle(client, admin, opens_at=opens, closes_at=opens + timedelta(days=92))
    assert ok["userErrors"] == []
    assert (await counts(graph))["cycles"] == 1


async def test_concurrent_opens_make_one_window(client, graph, token_for):
    admins = [admin_of(token_for, a) for a in await veterans(graph, 6)]
    payloads = await asyncio.gather(*(open_cycle(client, headers) for headers in admins))
    assert sum(1 for p in payloads if p["cycle"] is not None) == 1
    assert sorted(e["code"] for p in payloads for e in p["userErrors"]) == ["ALREADY_OPENED"] * 5
    assert (await counts(graph))["cycles"] == 1


# -- nominateMvp -----------------------------------------------------------------------------------------


async def _evidence_of(graph, nominee: dict) -> dict[str, dict]:
    """An accepted answer the nominee wrote, an event they speak at, a group they lead, and look-alikes
    that are not theirs (someone else's answer, an event they only attend, a group they only joined)."""
    other = await veteran(graph)
    (topic,) = await factories.topics(graph, 1)
    asked = await factories.questions(graph, [(other, topic), (other, topic)])
    (theirs,) = await factories.answers(graph, [(nominee, asked[0])], accepted=True)
    (not_theirs,) = await factories.answers(graph, [(other, asked[1])])
    led, joined = await factories.groups(graph, 2, leaders=[nominee, other])
    await factories.memberships(graph, [(nominee, joined, "MEMBER")])
    (talk,) = await factories.events(graph, led, 1, past=True, speakers=[nominee])
    (attended,) = await factories.events(graph, joined, 1, past=True, speakers=[other])
    return {"answer": theirs, "event": talk, "group": led, "otherAnswer": not_theirs, "otherEvent": attended,
            "otherGroup": joined, "other": other}


async def test_a_member_nominates_an_eligible_member_with_evidence(client, graph, token_for):
    await program(graph, client, token_for)
    nominator, nominee = await veterans(graph, 2)
    evidence = await _evidence_of(graph, nominee)
    made = await nominate(client, token_for(nominator["id"]), nominee,
                          evidence=[gid("Group", evidence["group"]), gid("Answer", evidence["answer"]),
                                    gid("Event", evidence["event"]), gid("Answer", evidence["answer"])],
                          links=["https://blog.example.com/flows", "http://example.org/talk?id=1"],
                          expertise="  Knows Flow inside out.  ")
    assert made["userErrors"] == []
    nomination = made["nomination"]
    assert nomination["status"] == "PENDING" and nomination["year"] == this_year()
    assert nomination["reviewCount"] == 0 and nomination["averageScore"] is None and nomination["decidedAt"] is None
    assert nomination["expertise"] == "Knows Flow inside out."
    assert nomination["nominee"] == {"handle": nominee["handle"]}
    assert nomination["nominator"] == {"handle": nominator["handle"]}
    assert nomination["evidence"] == [
        {"kind": "ANSWER", "url": None, "answer": {"id": gid("Answer", evidence["answer"])}, "event": None, "group": None},
        {"kind": "EVENT", "url": None, "answer": None, "event": {"id": gid("Event", evidence["event"])}, "group": None},
        {"kind": "GROUP", "url": None, "answer": None, "event": None, "group": {"id": gid("Group", evidence["group"])}},
        {"kind": "LINK", "url": "https://blog.example.com/flows", "answer": None, "event": None, "group": None},
        {"kind": "LINK", "url": "http://example.org/talk?id=1", "answer": None, "event": None, "group": None},
    ]
    assert (await counts(graph))["citations"] == 3
    body = await gql(client, "{ mvpCycle { nominationCount } }")
    assert body["data"]["mvpCycle"]["nominationCount"] == 1


async def test_nominations_need_an_open_window(client, graph, token_for):
    admin = admin_of(token_for, await veteran(graph))
    nominator, nominee = await veterans(graph, 2)
    headers = token_for(nominator["id"])
    closed = {"field": None, "message": "the MVP nominations of this year are not open", "code": "NOMINATIONS_CLOSED"}
    assert (await nominate(client, headers, nominee))["userErrors"] == [closed]
    # Next year's window does not take this year's nominations.
    await open_cycle(client, admin, year=this_year() + 1, closes_at=now() + timedelta(days=30))
    assert (await nominate(client, headers, nominee))["userErrors"] == [closed]
    # A window that closed (or has not opened yet) refuses them too.
    await open_cycle(client, admin, opens_at=now() - timedelta(days=40), closes_at=now() - timedelta(seconds=1))
    refused = await nominate(client, headers, nominee)
    assert [e["code"] for e in refused["userErrors"]] == ["NOMINATIONS_CLOSED"]
    assert (await counts(graph))["nominations"] == 0


async def test_a_window_not_open_yet_refuses_nominations(client, graph, token_for):
    admin = admin_of(token_for, await veteran(graph))
    nominator, nominee = await veterans(graph, 2)
    await open_cycle(client, admin, opens_at=now() + timedelta(hours=1), closes_at=now() + timedelta(days=3))
    refused = await nominate(client, token_for(nominator["id"]), nominee)
    assert [e["code"] for e in refused["userErrors"]] == ["NOMINATIONS_CLOSED"]
    assert (await counts(graph))["nominations"] == 0


async def test_nomination_refusals_write_nothing(client, graph, token_for):
    await program(graph, client, token_for)
    nominator, nominee = await veterans(graph, 2)
    hidden = await veteran(graph, visibility="PRIVATE")
    headers = token_for(nominator["id"])
    body = await gql(client, NOMINATE, {"input": {"nomineeId": gid("Member", nominee), **STATEMENTS}})
    assert codes(body) == ["UNAUTHENTICATED"]

    def refusal(payload):
        assert payload["nomination"] is None
        return [(e["field"], e["code"]) for e in payload["userErrors"]]

    assert refusal(await nominate(client, headers, nominator)) == [("nomineeId", "SELF_NOMINATION")]
    assert refusal(await nominate(client, headers, {"id": "no-such-member"})) == [("nomineeId", "NOT_FOUND")]
    assert refusal(await nominate(client, headers, hidden)) == [("nomineeId", "NOT_FOUND")]
    assert refusal(await nominate(client, headers, nominee, nomineeId="MATCH (n) DETACH DELETE n")) == [
        ("nomineeId", "BAD_USER_INPUT")]
    assert refusal(await nominate(client, headers, nominee, nomineeId=gid("Group", nominee))) == [
        ("nomineeId", "BAD_USER_INPUT")]
    assert refusal(await nominate(client, headers, nominee, expertise="  ", advocacy="")) == [
        ("expertise", "BAD_USER_INPUT"), ("advocacy", "BAD_USER_INPUT")]
    assert refusal(await nominate(client, headers, nominee, generosity="x" * 2001)) == [("generosity", "BAD_USER_INPUT")]
    assert refusal(await nominate(client, headers, nominee, leadership="bad\x00byte")) == [("leadership", "BAD_USER_INPUT")]
    bad_links = ["ftp://example.com/file", "/relative/path", "https://", "https://exa mple.com", "javascript:alert(1)",
                 "https://example.com:99999/", "https://ok.example.com/" + "a" * 2000]
    assert refusal(await nominate(client, headers, nominee, links=bad_links)) == [
        (f"links[{i}]", "BAD_USER_INPUT") for i in range(len(bad_links))]
    eleven = [f"https://example.com/{i}" for i in range(11)]
    assert refusal(await nominate(client, headers, nominee, links=eleven)) == [("links", "BAD_USER_INPUT")]
    assert (await counts(graph))["nominations"] == 0
    # Exactly 2,000 characters and ten links are fine.
    ok = await nominate(client, headers, nominee, generosity="x" * 2000, links=eleven[:10])
    assert ok["userErrors"] == [] and len(ok["nomination"]["evidence"]) == 10


async def test_nominees_must_have_joined_at_least_a_year_ago(client, graph, token_for):
    await program(graph, client, token_for)
    nominator = await veteran(graph)
    newcomer = (await factories.members(graph, 1, joinedAt=now() - timedelta(days=364)))[0]
    almost = (await factories.members(graph, 1, joinedAt=now() - timedelta(days=365) + timedelta(minutes=5)))[0]
    old_enough = (await factories.members(graph, 1, joinedAt=now() - timedelta(days=365, minutes=5)))[0]
    headers = token_for(nominator["id"])
    for member in (newcomer, almost):
        refused = await nominate(client, headers, member)
        assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [("nomineeId", "NOT_ELIGIBLE")]
    assert (await counts(graph))["nominations"] == 0
    assert (await nominate(client, headers, old_enough))["userErrors"] == []


async def test_evidence_must_be_the_nominees_own(client, graph, token_for):
    await program(graph, client, token_for)
    nominator, nominee = await veterans(graph, 2)
    evidence = await _evidence_of(graph, nominee)
    headers = token_for(nominator["id"])
    cited = [gid("Answer", evidence["answer"]), gid("Answer", evidence["otherAnswer"]), gid("Event", evidence["otherEvent"]),
             gid("Group", evidence["otherGroup"]), gid("Event", evidence["event"]), gid("Answer", {"id": "gone"})]
    refused = await nominate(client, headers, nominee, evidence=cited)
    assert refused["nomination"] is None
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [
        ("evidence[1]", "INVALID_EVIDENCE"), ("evidence[2]", "INVALID_EVIDENCE"),
        ("evidence[3]", "INVALID_EVIDENCE"), ("evidence[5]", "INVALID_EVIDENCE")]
    wrong_kinds = [gid("Member", nominee), "not an id", gid("Topic", {"id": "t"})]
    refused = await nominate(client, headers, nominee, evidence=wrong_kinds)
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [
        ("evidence[0]", "INVALID_EVIDENCE"), ("evidence[1]", "INVALID_EVIDENCE"), ("evidence[2]", "INVALID_EVIDENCE")]
    too_many = [gid("Answer", {"id": f"a{i}"}) for i in range(21)]
    refused = await nominate(client, headers, nominee, evidence=too_many)
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [("evidence", "INVALID_EVIDENCE")]
    assert await counts(graph) == {"cycles": 1, "nominations": 0, "terms": 0, "reviews": 0,
                                                  "citations": 0, "badges": 0, "earned": 0}


async def test_one_nomination_per_nominator_and_nominee_a_year(client, graph, token_for):
    await program(graph, client, token_for)
    first, second, nominee = await veterans(graph, 3)
    assert (await nominate(client, token_for(first["id"]), nominee))["userErrors"] == []
    again = await nominate(client, token_for(first["id"]), nominee, expertise="Another try.")
    assert again == {"nomination": None, "userErrors": [{
        "field": "nomineeId", "message": "you nominated this member this year already", "code": "ALREADY_NOMINATED"}]}
    assert (await nominate(client, token_for(second["id"]), nominee))["userErrors"] == []
    assert (await counts(graph))["nominations"] == 2


async def test_ten_identical_concurrent_nominations_make_one(client, graph, token_for):
    await program(graph, client, token_for)
    nominator, nominee = await veterans(graph, 2)
    evidence = await _evidence_of(graph, nominee)
    headers = token_for(nominator["id"])
    payloads = await asyncio.gather(*(nominate(client, headers, nominee, evidence=[gid("Answer", evidence["answer"])])
                                      for _ in range(10)))
    made = [p["nomination"] for p in payloads if p["nomination"] is not None]
    assert len(made) == 1
    assert sorted(e["code"] for p in payloads for e in p["userErrors"]) == ["ALREADY_NOMINATED"] * 9
    assert await counts(graph) == {"cycles": 1, "nominations": 1, "terms": 0, "reviews": 0,
                                                  "citations": 1, "badges": 0, "earned": 0}


# -- reviewNomination ------------------------------------------------------------------------------------


async def test_admins_and_current_mvps_review_and_a_second_review_replaces_the_first(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee, mvp_member, mvp_nominator = await veterans(graph, 4)
    await make_mvp(client, admin_headers, token_for, mvp_nominator, mvp_member)
    made = await nominate(client, token_for(nominator["id"]), nominee)
    nomination_id = made["nomination"]["id"]

    body = await review(client, admin_headers, nomination_id, (5, 4, 3, 2), comment="Strong on expertise.")
    assert body["data"]["reviewNomination"] == {"userErrors": [], "nomination": {
        "id": nomination_id, "reviewCount": 1, "averageScore": 14.0,
        "viewerReview": {"expertise": 5, "generosity": 4, "leadership": 3, "advocacy": 2, "total": 14,
                         "comment": "Strong on expertise."}}}
    body = await review(client, token_for(mvp_member["id"]), nomination_id, (3, 3, 3, 2))
    assert body["data"]["reviewNomination"]["nomination"]["reviewCount"] == 2
    assert body["data"]["reviewNomination"]["nomination"]["averageScore"] == 12.5
    # The admin changes their mind: the review is replaced, not added.
    body = await review(client, admin_headers, nomination_id, (1, 1, 1, 1))
    payload = body["data"]["reviewNomination"]["nomination"]
    assert payload["reviewCount"] == 2 and payload["averageScore"] == 7.5
    assert payload["viewerReview"] == {"expertise": 1, "generosity": 1, "leadership": 1, "advocacy": 1, "total": 4,
                                       "comment": None}
    totals = {row["id"]: row for row in await graph.read(REVIEW_TOTALS)}[gid_local(nomination_id)]
    assert (totals["reviewCount"], totals["scoreTotal"]) == (2, 15) == (totals["reviewed"], totals["reviewedTotal"])


def gid_local(global_id: str) -> str:
    from resolvers.ids import from_global_id

    return from_global_id(global_id).id


async def test_review_refusals_write_nothing(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee, member, other_nominee = await veterans(graph, 4)
    made = await nominate(client, token_for(nominator["id"]), nominee)
    nomination_id = made["nomination"]["id"]
    # Not a reviewer: FORBIDDEN; anonymous: UNAUTHENTICATED.
    assert codes(await review(client, token_for(member["id"]), nomination_id)) == ["FORBIDDEN"]
    assert codes(await review(client, {}, nomination_id)) == ["UNAUTHENTICATED"]
    # An admin who nominated, or who is the nominee, may not review that nomination.
    assert codes(await review(client, admin_of(token_for, nominator), nomination_id)) == ["FORBIDDEN"]
    assert codes(await review(client, admin_of(token_for, nominee), nomination_id)) == ["FORBIDDEN"]

    def refusal(body):
        assert "errors" not in body, body
        payload = body["data"]["reviewNomination"]
        assert payload["nomination"] is None
        return [(e["field"], e["code"]) for e in payload["userErrors"]]

    assert refusal(await review(client, admin_headers, nomination_id, (0, 5, 6, 3))) == [
        ("expertise", "BAD_USER_INPUT"), ("leadership", "BAD_USER_INPUT")]
    assert refusal(await review(client, admin_headers, nomination_id, comment="y" * 2001)) == [("comment", "BAD_USER_INPUT")]
    assert refusal(await review(client, admin_headers, gid("MvpNomination", {"id": "gone"}))) == [
        ("nominationId", "NOT_FOUND")]
    assert refusal(await review(client, admin_headers, gid("Member", nominee))) == [("nominationId", "BAD_USER_INPUT")]
    assert (await counts(graph))["reviews"] == 0
    # A decided nomination takes no more reviews.
    other = await nominate(client, token_for(nominator["id"]), other_nominee)
    assert (await decide(client, admin_headers, other_nominee, "NOT_SELECTED"))["data"]["decideMvp"]["userErrors"] == []
    assert refusal(await review(client, admin_headers, other["nomination"]["id"])) == [("nominationId", "ALREADY_DECIDED")]
    rows = await graph.read(REVIEW_TOTALS)
    assert all((r["reviewCount"], r["scoreTotal"], r["reviewed"]) == (0, 0, 0) for r in rows)


async def test_concurrent_reviews_keep_the_counters_exact(client, graph, token_for):
    await program(graph, client, token_for)
    nominator, nominee = await veterans(graph, 2)
    reviewers = [admin_of(token_for, r) for r in await veterans(graph, 6)]
    made = await nominate(client, token_for(nominator["id"]), nominee)
    nomination_id = made["nomination"]["id"]
    calls = [review(client, headers, nomination_id, (1 + i % 5, 2, 3, 4)) for i, headers in enumerate(reviewers)]
    # The first reviewer also re-reviews several times at once: only one review of theirs may stay.
    calls += [review(client, reviewers[0], nomination_id, (5, 5, 5, score)) for score in (1, 2, 3, 4, 5)]
    bodies = await asyncio.gather(*calls)
    assert all("errors" not in b and b["data"]["reviewNomination"]["userErrors"] == [] for b in bodies), bodies
    (row,) = await graph.read(REVIEW_TOTALS)
    assert row["reviewCount"] == row["reviewed"] == 6
    assert row["scoreTotal"] == row["reviewedTotal"]


# -- decideMvp ------------------------------------------------------------------------------------------


async def test_selecting_a_nominee_starts_a_term_and_earns_the_mvp_badge(client, graph, token_for):
    from tests.learning import factories as learning

    _admin, admin_headers = await program(graph, client, token_for)
    first, second, nominee, bystander = await veterans(graph, 4)
    await learning.ranks(graph)
    # 6,000 points and four badges: one badge short of Hiker (rank 2), which the MVP badge completes.
    lesson = await learning.module(graph, units=1, points=6000)
    await learning.complete_modules(graph, nominee, [lesson])
    for _ in range(3):
        await learning.earn_badge(graph, nominee, await learning.badge(graph))
    made = [await nominate(client, token_for(who["id"]), nominee) for who in (first, second)]
    other = await nominate(client, token_for(first["id"]), bystander)
    before = now()
    body = await decide(client, admin_headers, nominee)
    assert "errors" not in body, body
    payload = body["data"]["decideMvp"]
    assert payload["userErrors"] == [] and payload["member"] == {"handle": nominee["handle"], "isMvp": True}
    term = payload["term"]
    starts, ends = datetime.fromisoformat(term["startsAt"]), datetime.fromisoformat(term["endsAt"])
    assert before - timedelta(seconds=5) <= starts <= now() and ends == starts.replace(year=starts.year + 1)
    assert term["year"] == this_year() and term["isCurrent"] is True and term["member"] == {"handle": nominee["handle"]}

    query = """query($ids: [ID!]!, $h: String!) {
      nodes(ids: $ids) { ... on MvpNomination { status decidedAt } }
      member(handle: $h) { isMvp badgeCount rank { rank { position } } mvpTerms { id year isCurrent }
        badges { nodes { badge { slug kind title } } } } }"""
    ids = [m["nomination"]["id"] for m in made] + [other["nomination"]["id"]]
    body = await gql(client, query, {"ids": ids, "h": nominee["handle"]}, headers=admin_headers)
    assert "errors" not in body, body
    statuses = body["data"]["nodes"]
    assert [s["status"] for s in statuses] == ["SELECTED", "SELECTED", "PENDING"]
    assert all(s["decidedAt"] is not None for s in statuses[:2]) and statuses[2]["decidedAt"] is None
    member = body["data"]["member"]
    assert member["isMvp"] is True and member["badgeCount"] == 5 and member["rank"]["rank"]["position"] == 2
    assert member["mvpTerms"] == [{"id": term["id"], "year": this_year(), "isCurrent": True}]
    assert {"slug": "mvp", "kind": "MVP", "title": "Community MVP"} in [n["badge"] for n in member["badges"]["nodes"]]
    assert not any((await SeedWriter(graph).counter_mismatches()).values())
    assert (await counts(graph))["terms"] == 1


async def test_the_mvp_badge_is_earned_once(client, graph, token_for):
    """A member who holds the badge from an earlier term (written here as the seed would) gets a new
    term but not the badge a second time; a member without it earns the existing badge."""
    from tests.learning import factories as learning

    _admin, admin_headers = await program(graph, client, token_for)
    nominator, returning, newcomer = await veterans(graph, 3)
    existing = await learning.badge(graph, kind="MVP", slug="mvp", title="Community MVP")
    await learning.earn_badge(graph, returning, existing, at=now() - timedelta(days=400))
    for nominee in (returning, newcomer):
        await make_mvp(client, admin_headers, token_for, nominator, nominee)
    held = await counts(graph)
    assert held["badges"] == 1 and held["earned"] == 2 and held["terms"] == 2
    body = await gql(client, """query($a: String!, $b: String!) { a: member(handle: $a) { badgeCount }
                                b: member(handle: $b) { badgeCount } }""",
                     {"a": returning["handle"], "b": newcomer["handle"]}, headers=admin_headers)
    assert body["data"] == {"a": {"badgeCount": 1}, "b": {"badgeCount": 1}}
    assert not any((await SeedWriter(graph).counter_mismatches()).values())


async def test_not_selected_moves_the_nominations_only(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee = await veterans(graph, 2)
    made = await nominate(client, token_for(nominator["id"]), nominee)
    body = await decide(client, admin_headers, nominee, "NOT_SELECTED")
    assert body["data"]["decideMvp"] == {"member": {"handle": nominee["handle"], "isMvp": False}, "term": None,
                                         "userErrors": []}
    body = await gql(client, "query($id: ID!) { mvpNomination(id: $id) { status decidedAt } }",
                     {"id": made["nomination"]["id"]}, headers=admin_headers)
    assert body["data"]["mvpNomination"]["status"] == "NOT_SELECTED"
    assert body["data"]["mvpNomination"]["decidedAt"] is not None
    held = await counts(graph)
    assert (held["terms"], held["earned"]) == (0, 0)
    # Decided: no more nominations of that nominee this year.
    late = await nominate(client, token_for((await veteran(graph))["id"]), nominee)
    assert [(e["field"], e["code"]) for e in late["userErrors"]] == [("nomineeId", "ALREADY_DECIDED")]


async def test_decision_refusals_write_nothing(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, nominee, never = await veterans(graph, 3)
    await nominate(client, token_for(nominator["id"]), nominee)
    assert codes(await decide(client, token_for(nominator["id"]), nominee)) == ["FORBIDDEN"]
    assert codes(await decide(client, {}, nominee)) == ["UNAUTHENTICATED"]

    def refusal(body):
        assert "errors" not in body, body
        payload = body["data"]["decideMvp"]
        assert payload["member"] is None and payload["term"] is None
        return [(e["field"], e["code"]) for e in payload["userErrors"]]

    assert refusal(await decide(client, admin_headers, never)) == [("nomineeId", "NO_NOMINATION")]
    assert refusal(await decide(client, admin_headers, nominee, year=this_year() - 1)) == [("nomineeId", "NO_NOMINATION")]
    assert refusal(await decide(client, admin_headers, nominee, year=1999)) == [("year", "BAD_USER_INPUT")]
    assert refusal(await gql(client, DECIDE, {"input": {"nomineeId": "nope", "year": this_year(), "decision": "SELECTED"}},
                             headers=admin_headers)) == [("nomineeId", "BAD_USER_INPUT")]
    assert (await decide(client, admin_headers, nominee))["data"]["decideMvp"]["userErrors"] == []
    held = await counts(graph)
    for decision in ("SELECTED", "NOT_SELECTED"):
        assert refusal(await decide(client, admin_headers, nominee, decision)) == [("nomineeId", "ALREADY_DECIDED")]
    assert await counts(graph) == held
    body = await gql(client, "{ mvpCycle { nominations { nodes { status } } } }", headers=admin_headers)
    assert body["data"]["mvpCycle"]["nominations"]["nodes"] == [{"status": "SELECTED"}]


async def test_two_concurrent_decisions_make_one_term(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    other_admin = admin_of(token_for, await veteran(graph))
    nominator, twice, mixed = await veterans(graph, 3)
    for nominee in (twice, mixed):
        await nominate(client, token_for(nominator["id"]), nominee)
    # The same decision twice at once: one term, one badge.
    bodies = await asyncio.gather(decide(client, admin_headers, twice), decide(client, other_admin, twice))
    outcomes = sorted([e["code"] for e in b["data"]["decideMvp"]["userErrors"]] for b in bodies)
    assert outcomes == [[], ["ALREADY_DECIDED"]]
    # Opposite decisions at once: exactly one of them holds.
    bodies = await asyncio.gather(decide(client, admin_headers, mixed, "SELECTED"),
                                  decide(client, other_admin, mixed, "NOT_SELECTED"))
    outcomes = [[e["code"] for e in b["data"]["decideMvp"]["userErrors"]] for b in bodies]
    assert sorted(outcomes) == [[], ["ALREADY_DECIDED"]]
    selected = outcomes[0] == []
    held = await counts(graph)
    assert held["terms"] == held["earned"] == (2 if selected else 1) and held["badges"] == 1
    body = await gql(client, "query($h: String!) { member(handle: $h) { isMvp mvpTerms { year } } }",
                     {"h": mixed["handle"]})
    assert body["data"]["member"]["isMvp"] is selected
    assert not any((await SeedWriter(graph).counter_mismatches()).values())


async def test_concurrent_first_terms_create_one_mvp_badge(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator, *nominees = await veterans(graph, 5)
    for nominee in nominees:
        await nominate(client, token_for(nominator["id"]), nominee)
    bodies = await asyncio.gather(*(decide(client, admin_headers, nominee) for nominee in nominees))
    assert all(b["data"]["decideMvp"]["userErrors"] == [] for b in bodies), bodies
    held = await counts(graph)
    assert (held["badges"], held["earned"], held["terms"]) == (1, 4, 4)
    assert not any((await SeedWriter(graph).counter_mismatches()).values())
