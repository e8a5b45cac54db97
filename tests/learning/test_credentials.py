"""Credentials through the API: statuses across the release calendar, recording (issuers only),
maintenance, public verification with privacy, concurrency, and round trips."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from graph.cypher import Query
from graph.seed import SeedWriter
from tests import factories as f
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as lf

DAY = timedelta(days=1)


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat()


def _same_time(text: str | None, value: datetime) -> bool:
    return text is not None and datetime.fromisoformat(text) == value


async def _one(graph, text: str, **params) -> dict:
    return (await graph.read(Query("test", text, "", __file__, 0), **params))[0]


async def _calendar(graph, now: datetime) -> dict[str, dict]:
    """A past release (deadline gone), one due now (deadline ahead) and a scheduled one."""
    return {
        "past": await lf.release(graph, name="Spring '26", released_at=now - 400 * DAY,
                                 maintenance_deadline=now - 200 * DAY),
        "due": await lf.release(graph, name="Winter '27", released_at=now - 30 * DAY,
                                maintenance_deadline=now + 60 * DAY),
        "future": await lf.release(graph, name="Summer '27", released_at=now + 60 * DAY,
                                   maintenance_deadline=now + 300 * DAY),
    }


CREDENTIAL_FIELDS = """id credentialId status earnedAt coveredThrough maintenanceDeadline expiresAt expiredAt
    maintenanceDue { name } certification { slug } holder { handle }"""


# -- statuses -------------------------------------------------------------------------------


async def test_statuses_follow_the_release_calendar(graph, client, token_for):
    now = _now()
    cal = await _calendar(graph, now)
    member = await f.member(graph)
    admin_cert = await lf.certification(graph)
    dev_cert = await lf.certification(graph, role="DEVELOPER")
    old_cert = await lf.certification(graph, role="ARCHITECT")
    associate = await lf.certification(graph, level="ASSOCIATE", requires_maintenance=False)
    active = await lf.credential(graph, member, admin_cert, earned_at=now - 300 * DAY,
                                 covered_through=cal["due"]["releasedAt"])
    due = await lf.credential(graph, member, dev_cert, earned_at=now - 100 * DAY)
    expired = await lf.credential(graph, member, old_cert, earned_at=now - 500 * DAY)
    forever = await lf.credential(graph, member, associate, earned_at=now - 500 * DAY)

    body = await gql(client, f"{{ viewer {{ credentials {{ totalCount nodes {{ {CREDENTIAL_FIELDS} }} }} }} }}",
                     headers=token_for(member["id"]))
    assert "errors" not in body, body
    got = {n["credentialId"]: n for n in body["data"]["viewer"]["credentials"]["nodes"]}
    assert body["data"]["viewer"]["credentials"]["totalCount"] == 4

    a = got[active["credentialId"]]
    assert a["status"] == "ACTIVE" and a["maintenanceDue"] == [] and a["maintenanceDeadline"] is None
    assert _same_time(a["expiresAt"], cal["future"]["maintenanceDeadline"]) and a["expiredAt"] is None
    assert _same_time(a["coveredThrough"], cal["due"]["releasedAt"])
    assert a["certification"]["slug"] == admin_cert["slug"] and a["holder"]["handle"] == member["handle"]

    d = got[due["credentialId"]]
    assert d["status"] == "MAINTENANCE_DUE" and d["maintenanceDue"] == [{"name": "Winter '27"}]
    assert _same_time(d["maintenanceDeadline"], cal["due"]["maintenanceDeadline"])
    assert _same_time(d["expiresAt"], cal["due"]["maintenanceDeadline"])

    e = got[expired["credentialId"]]
    assert e["status"] == "EXPIRED" and e["maintenanceDue"] == [] and e["expiresAt"] is None
    assert _same_time(e["expiredAt"], cal["past"]["maintenanceDeadline"])

    g = got[forever["credentialId"]]
    assert g["status"] == "ACTIVE" and g["expiresAt"] is None and g["maintenanceDue"] == []

    # newest first
    earned = [n["earnedAt"] for n in body["data"]["viewer"]["credentials"]["nodes"]]
    assert earned == sorted(earned, reverse=True)

    body = await gql(client, """query($handle: String!) { member(handle: $handle) {
        expired: credentials(status: EXPIRED) { totalCount nodes { credentialId } }
        due: credentials(status: MAINTENANCE_DUE) { nodes { credentialId } }
        activeCertifications { credentialId status } } }""", {"handle": member["handle"]})
    assert "errors" not in body, body
    m = body["data"]["member"]
    assert m["expired"] == {"totalCount": 1, "nodes": [{"credentialId": expired["credentialId"]}]}
    assert m["due"]["nodes"] == [{"credentialId": due["credentialId"]}]
    assert {c["credentialId"]: c["status"] for c in m["activeCertifications"]} == {
        active["credentialId"]: "ACTIVE", due["credentialId"]: "MAINTENANCE_DUE", forever["credentialId"]: "ACTIVE"}


async def test_credentials_page_both_ways(graph, client):
    now = _now()
    member = await f.member(graph)
    certs = [await lf.certification(graph, requires_maintenance=False) for _ in range(5)]
    made = [await lf.credential(graph, member, c, earned_at=now - (i + 1) * DAY) for i, c in enumerate(certs)]
    newest_first = [c["credentialId"] for c in made]
    query = """query($handle: String!, $first: Int, $after: String, $last: Int, $before: String) {
        member(handle: $handle) { credentials(first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { credentialId } } } }"""
    body = await gql(client, query, {"handle": member["handle"], "first": 2})
    page = body["data"]["member"]["credentials"]
    assert [n["credentialId"] for n in page["nodes"]] == newest_first[:2] and page["pageInfo"]["hasNextPage"]
    body = await gql(client, query, {"handle": member["handle"], "first": 2, "after": page["pageInfo"]["endCursor"]})
    assert [n["credentialId"] for n in body["data"]["member"]["credentials"]["nodes"]] == newest_first[2:4]
    body = await gql(client, query, {"handle": member["handle"], "last": 2})
    page = body["data"]["member"]["credentials"]
    assert [n["credentialId"] for n in page["nodes"]] == newest_first[3:] and page["pageInfo"]["hasPreviousPage"]
    body = await gql(client, query, {"handle": member["handle"], "last": 2, "before": page["pageInfo"]["startCursor"]})
    assert [n["credentialId"] for n in body["data"]["member"]["credentials"]["nodes"]] == newest_first[1:3]
    body = await gql(client, query, {"handle": member["handle"], "first": 101})
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_a_credential_node_hides_a_private_holder(graph, client, token_for):
    now = _now()
    hidden = await f.member(graph, visibility="PRIVATE")
    stranger = await f.member(graph)
    cert = await lf.certification(graph, requires_maintenance=False)
    cred = await lf.credential(graph, hidden, cert, earned_at=now - DAY)
    query = """query($id: ID!) { node(id: $id) { ... on Credential { credentialId status holder { handle } } } }"""
    for headers in ({}, token_for(stranger["id"])):
        body = await gql(client, query, {"id": gid("Credential", cred)}, headers=headers)
        assert body["data"]["node"] == {"credentialId": cred["credentialId"], "status": "ACTIVE", "holder": None}
    body = await gql(client, query, {"id": gid("Credential", cred)}, headers=token_for(hidden["id"]))
    assert body["data"]["node"]["holder"] == {"handle": hidden["handle"]}
    body = await gql(client, query, {"id": gid("Credential", {"id": "no-such-credential"})})
    assert body["data"]["node"] is None


# -- recordCertification ------------------------------------------------------------------------

RECORD = """mutation($input: RecordCertificationInput!) { recordCertification(input: $input) {
    credential { id credentialId status earnedAt coveredThrough certification { slug } holder { handle } }
    userErrors { field code message } } }"""


def _record_input(member, cert, code: str, earned_at: datetime) -> dict:
    return {"memberId": gid("Member", member), "certificationId": gid("Certification", cert),
            "earnedAt": _iso(earned_at), "credentialId": code}


async def test_only_issuers_and_admins_record_certifications(graph, client, token_for):
    now = _now()
    member, issuer, admin = await f.members(graph, 3)
    cert = await lf.certification(graph)
    other = await lf.certification(graph)
    variables = {"input": _record_input(member, cert, "CODE-0001", now - DAY)}
    body = await gql(client, RECORD, variables)
    assert codes(body) == ["UNAUTHENTICATED"]
    body = await gql(client, RECORD, variables, headers=token_for(member["id"]))
    assert codes(body) == ["FORBIDDEN"] and body["data"] is None
    body = await gql(client, RECORD, variables, headers=token_for(member["id"], "recruiter"))
    assert codes(body) == ["FORBIDDEN"]
    assert (await _one(graph, "MATCH (k:Credential) RETURN count(k) AS n"))["n"] == 0

    body = await gql(client, RECORD, variables, headers=token_for(issuer["id"], "issuer"))
    assert "errors" not in body, body
    out = body["data"]["recordCertification"]
    assert out["userErrors"] == []
    assert out["credential"]["credentialId"] == "CODE-0001" and out["credential"]["status"] == "ACTIVE"
    assert out["credential"]["holder"] == {"handle": member["handle"]}
    assert out["credential"]["earnedAt"] == out["credential"]["coveredThrough"]
    stored = await _one(graph, """MATCH (m:Member {id: $id})-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification)
        RETURN k.issuedBy AS issuedBy, c.id AS cert, count(*) AS n""", id=member["id"])
    assert stored == {"issuedBy": issuer["id"], "cert": cert["id"], "n": 1}

    body = await gql(client, RECORD, {"input": _record_input(member, other, "CODE-0002", now - DAY)},
                     headers=token_for(admin["id"], "admin"))
    assert body["data"]["recordCertification"]["userErrors"] == []


async def test_record_refuses_bad_input_and_duplicates(graph, client, token_for):
    now = _now()
    member, other, issuer = await f.members(graph, 3)
    cert = await lf.certification(graph)
    headers = token_for(issuer["id"], "issuer")

    async def record(input_: dict) -> dict:
        body = await gql(client, RECORD, {"input": input_}, headers=headers)
        assert "errors" not in body, body
        return body["data"]["recordCertification"]

    def errors(out: dict) -> list[tuple[str, str]]:
        return [(e["field"], e["code"]) for e in out["userErrors"]]

    assert errors(await record(_record_input(member, cert, "C1", now + DAY))) == [
        ("earnedAt", "BAD_USER_INPUT"), ("credentialId", "BAD_USER_INPUT")]
    assert errors(await record({**_record_input(member, cert, "CODE-0001", now), "memberId": "not-an-id"})) == [
        ("memberId", "BAD_USER_INPUT")]
    assert errors(await record({**_record_input(member, cert, "CODE-0001", now),
                                "certificationId": gid("Module", cert)})) == [("certificationId", "BAD_USER_INPUT")]
    assert errors(await record(_record_input({"id": "nobody"}, cert, "CODE-0001", now))) == [("memberId", "NOT_FOUND")]
    assert errors(await record(_record_input(member, {"id": "nothing"}, "CODE-0001", now))) == [
        ("certificationId", "NOT_FOUND")]
    injection = "x' OR 1=1 MATCH (n) DETACH DELETE n //"
    assert errors(await record(_record_input(member, cert, injection, now))) == [("credentialId", "BAD_USER_INPUT")]
    assert errors(await record(_record_input(member, cert, "C" * 65, now))) == [("credentialId", "BAD_USER_INPUT")]
    assert (await _one(graph, "MATCH (k:Credential) RETURN count(k) AS n"))["n"] == 0

    assert errors(await record(_record_input(member, cert, "CODE-0001", now - DAY))) == []
    assert errors(await record(_record_input(member, cert, "CODE-0002", now - DAY))) == [
        ("certificationId", "ALREADY_HOLDS")]
    assert errors(await record(_record_input(other, cert, "CODE-0001", now - DAY))) == [
        ("credentialId", "DUPLICATE_CREDENTIAL_ID")]
    assert (await _one(graph, "MATCH (k:Credential) RETURN count(k) AS n"))["n"] == 1
    assert (await _one(graph, "MATCH (m:Member) WHERE m.points <> 0 RETURN count(m) AS n"))["n"] == 0


async def test_prerequisites_must_be_held_in_good_standing(graph, client, token_for):
    now = _now()
    cal = await _calendar(graph, now)
    member, issuer = await f.members(graph, 2)
    base = await lf.certification(graph, title="Base Admin")
    other_base = await lf.certification(graph, title="Other Base")
    advanced = await lf.certification(graph, level="ADVANCED", requires=[base, other_base])
    headers = token_for(issuer["id"], "issuer")
    body = await gql(client, RECORD, {"input": _record_input(member, advanced, "ADV-0001", now - DAY)}, headers=headers)
    [error] = body["data"]["recordCertification"]["userErrors"]
    assert error["code"] == "PREREQUISITES_MISSING" and "Base Admin" in error["message"]
    assert "Other Base" in error["message"]

    # An EXPIRED prerequisite does not count; MAINTENANCE_DUE (still valid) does.
    await lf.credential(graph, member, base, earned_at=now - 500 * DAY)
    await lf.credential(graph, member, other_base, earned_at=now - 100 * DAY)
    body = await gql(client, RECORD, {"input": _record_input(member, advanced, "ADV-0001", now - DAY)}, headers=headers)
    [error] = body["data"]["recordCertification"]["userErrors"]
    assert error["code"] == "PREREQUISITES_MISSING" and "Base Admin" in error["message"]
    assert "Other Base" not in error["message"]
    assert cal["due"]["releasedAt"] > now - 100 * DAY  # other_base is MAINTENANCE_DUE indeed

    await graph.write(Query("t", """MATCH (:Member {id: $id})-[:HOLDS]->(k:Credential)-[:OF]->(:Certification {id: $c})
        SET k.coveredThrough = datetime({epochMillis: $at})""", "", "", 0),
        id=member["id"], c=base["id"], at=int(cal["due"]["releasedAt"].timestamp() * 1000))
    body = await gql(client, RECORD, {"input": _record_input(member, advanced, "ADV-0001", now - DAY)}, headers=headers)
    assert body["data"]["recordCertification"]["userErrors"] == []
    assert body["data"]["recordCertification"]["credential"]["status"] == "ACTIVE"


async def test_recording_an_expired_certification_renews_it(graph, client, token_for):
    now = _now()
    await _calendar(graph, now)
    member, issuer = await f.members(graph, 2)
    cert = await lf.certification(graph)
    old = await lf.credential(graph, member, cert, earned_at=now - 500 * DAY, credential_id="OLD-CODE-1")
    headers = token_for(issuer["id"], "issuer")
    body = await gql(client, RECORD, {"input": _record_input(member, cert, "NEW-CODE-1", now - 600 * DAY)},
                     headers=headers)
    assert [e["field"] for e in body["data"]["recordCertification"]["userErrors"]] == ["earnedAt"]
    body = await gql(client, RECORD, {"input": _record_input(member, cert, "OLD-CODE-1", now - DAY)}, headers=headers)
    assert [e["code"] for e in body["data"]["recordCertification"]["userErrors"]] == ["DUPLICATE_CREDENTIAL_ID"]

    body = await gql(client, RECORD, {"input": _record_input(member, cert, "NEW-CODE-1", now - DAY)}, headers=headers)
    out = body["data"]["recordCertification"]
    assert out["userErrors"] == [] and out["credential"]["status"] == "ACTIVE"
    assert out["credential"]["id"] == gid("Credential", old)  # the same credential, renewed
    assert _same_time(out["credential"]["coveredThrough"], now - DAY)
    verify = "query($code: String!) { verifyCredential(credentialId: $code) { status valid } }"
    assert (await gql(client, verify, {"code": "OLD-CODE-1"}))["data"]["verifyCredential"] is None
    assert (await gql(client, verify, {"code": "NEW-CODE-1"}))["data"]["verifyCredential"] == {
        "status": "ACTIVE", "valid": True}
    # now it is not expired: a second record is refused
    body = await gql(client, RECORD, {"input": _record_input(member, cert, "NEW-CODE-2", now)}, headers=headers)
    assert [e["code"] for e in body["data"]["recordCertification"]["userErrors"]] == ["ALREADY_HOLDS"]
    assert (await _one(graph, "MATCH (k:Credential) RETURN count(k) AS n"))["n"] == 1


async def test_concurrent_records_of_one_certification_make_one_credential(graph, client, token_for):
    now = _now()
    member, issuer = await f.members(graph, 2)
    cert = await lf.certification(graph)
    headers = token_for(issuer["id"], "issuer")
    bodies = await asyncio.gather(*(
        gql(client, RECORD, {"input": _record_input(member, cert, f"RACE-{i:04d}", now - DAY)}, headers=headers)
        for i in range(10)))
    assert all("errors" not in b for b in bodies), bodies
    outs = [b["data"]["recordCertification"] for b in bodies]
    assert sum(1 for o in outs if o["credential"]) == 1
    assert sorted({e["code"] for o in outs for e in o["userErrors"]}) == ["ALREADY_HOLDS"]
    held = await _one(graph, """MATCH (:Member {id: $id})-[:HOLDS]->(k:Credential)-[:OF]->(:Certification)
        RETURN count(k) AS n""", id=member["id"])
    assert held["n"] == 1


async def test_concurrent_records_with_one_code_keep_it_unique(graph, client, token_for):
    now = _now()
    members = await f.members(graph, 8)
    issuer = await f.member(graph)
    cert = await lf.certification(graph)
    headers = token_for(issuer["id"], "issuer")
    bodies = await asyncio.gather(*(
        gql(client, RECORD, {"input": _record_input(m, cert, "SHARED-CODE", now - DAY)}, headers=headers)
        for m in members))
    assert all("errors" not in b for b in bodies), bodies
    outs = [b["data"]["recordCertification"] for b in bodies]
    assert sum(1 for o in outs if o["credential"]) == 1
    assert {e["code"] for o in outs for e in o["userErrors"]} == {"DUPLICATE_CREDENTIAL_ID"}
    assert (await _one(graph, "MATCH (k:Credential) RETURN count(k) AS n"))["n"] == 1


# -- completeMaintenance ------------------------------------------------------------------------

MAINTAIN = """mutation($input: CompleteMaintenanceInput!) { completeMaintenance(input: $input) {
    maintained { credentialId status coveredThrough certification { slug } }
    alreadyCurrent { credentialId status }
    notMaintainable { reason credential { credentialId status } }
    pointsAwarded module { slug }
    userErrors { field code } } }"""


async def _member_points(graph, member) -> dict:
    return await _one(graph, """MATCH (m:Member {id: $id})
        RETURN m.points AS points, m.rank AS rank, COUNT { (m)-[:COMPLETED]->() } AS completions""", id=member["id"])


async def test_one_module_maintains_two_certifications_once(graph, client, token_for):
    now = _now()
    cal = await _calendar(graph, now)
    member = await f.member(graph)
    first = await lf.certification(graph)
    second = await lf.certification(graph, role="DEVELOPER")
    unrelated = await lf.certification(graph, role="MARKETER")
    module = await lf.maintenance_module(graph, release=cal["due"], maintains=[first, second], units=2, points=50)
    a = await lf.credential(graph, member, first, earned_at=now - 100 * DAY)
    b = await lf.credential(graph, member, second, earned_at=now - 200 * DAY)
    await lf.credential(graph, member, unrelated, earned_at=now - 100 * DAY)
    headers = token_for(member["id"])
    variables = {"input": {"moduleId": gid("Module", module)}}

    body = await gql(client, MAINTAIN, variables, headers=headers)
    assert "errors" not in body, body
    out = body["data"]["completeMaintenance"]
    assert out["userErrors"] == [] and out["pointsAwarded"] == 100 and out["module"]["slug"] == module["slug"]
    assert sorted(c["credentialId"] for c in out["maintained"]) == sorted([a["credentialId"], b["credentialId"]])
    assert all(c["status"] == "ACTIVE" and _same_time(c["coveredThrough"], cal["due"]["releasedAt"])
               for c in out["maintained"])
    assert out["alreadyCurrent"] == [] and out["notMaintainable"] == []
    assert await _member_points(graph, member) == {"points": 100, "rank": 1, "completions": 3}

    # Idempotent: nothing changes the second time.
    body = await gql(client, MAINTAIN, variables, headers=headers)
    out = body["data"]["completeMaintenance"]
    assert out["maintained"] == [] and out["pointsAwarded"] == 0 and out["userErrors"] == []
    assert sorted(c["credentialId"] for c in out["alreadyCurrent"]) == sorted([a["credentialId"], b["credentialId"]])
    assert await _member_points(graph, member) == {"points": 100, "rank": 1, "completions": 3}
    mismatches = await SeedWriter(graph).counter_mismatches()
    assert mismatches["points"] == 0 and mismatches["ranks"] == 0 and mismatches["credentials"] == 0


async def test_expired_and_out_of_order_credentials_are_not_maintained(graph, client, token_for):
    now = _now()
    cal = await _calendar(graph, now)
    newer = await lf.release(graph, name="Spring '27", released_at=now - 5 * DAY, maintenance_deadline=now + 120 * DAY)
    member = await f.member(graph)
    gone, lagging, current = (await lf.certification(graph), await lf.certification(graph),
                              await lf.certification(graph))
    associate = await lf.certification(graph, level="ASSOCIATE", requires_maintenance=False)
    module = await lf.maintenance_module(graph, release=newer, maintains=[gone, lagging, current, associate])
    expired = await lf.credential(graph, member, gone, earned_at=now - 500 * DAY)
    behind = await lf.credential(graph, member, lagging, earned_at=now - 100 * DAY)  # Winter '27 due first
    done = await lf.credential(graph, member, current, earned_at=now - 100 * DAY, covered_through=now - 2 * DAY)
    free = await lf.credential(graph, member, associate, earned_at=now - 100 * DAY)
    assert cal["due"]["releasedAt"] < newer["releasedAt"]
    body = await gql(client, MAINTAIN, {"input": {"moduleId": gid("Module", module)}}, headers=token_for(member["id"]))
    out = body["data"]["completeMaintenance"]
    assert out["maintained"] == [] and out["pointsAwarded"] == 100
    assert [c["credentialId"] for c in out["alreadyCurrent"]] == [done["credentialId"]]
    assert {c["credential"]["credentialId"]: (c["reason"], c["credential"]["status"]) for c in out["notMaintainable"]} \
        == {expired["credentialId"]: ("EXPIRED", "EXPIRED"), behind["credentialId"]: ("EARLIER_RELEASE_DUE",
                                                                                      "MAINTENANCE_DUE"),
            free["credentialId"]: ("MAINTENANCE_NOT_REQUIRED", "ACTIVE")}


async def test_maintenance_refuses_other_modules_and_bad_input(graph, client, token_for):
    member = await f.member(graph)
    plain = await lf.module(graph)
    headers = token_for(member["id"])

    async def errors(module_id: str) -> list[tuple[str, str]]:
        body = await gql(client, MAINTAIN, {"input": {"moduleId": module_id}}, headers=headers)
        return [(e["field"], e["code"]) for e in body["data"]["completeMaintenance"]["userErrors"]]

    assert await errors(gid("Module", plain)) == [("moduleId", "NOT_MAINTENANCE_MODULE")]
    assert await errors(gid("Module", {"id": "missing"})) == [("moduleId", "NOT_FOUND")]
    assert await errors("' OR 1=1 //") == [("moduleId", "BAD_USER_INPUT")]
    assert await errors(gid("Certification", plain)) == [("moduleId", "BAD_USER_INPUT")]
    body = await gql(client, MAINTAIN, {"input": {"moduleId": gid("Module", plain)}})
    assert codes(body) == ["UNAUTHENTICATED"]
    assert await _member_points(graph, member) == {"points": 0, "rank": 1, "completions": 0}


async def test_maintenance_points_can_promote(graph, client, token_for):
    now = _now()
    await lf.ranks(graph)
    cal = await _calendar(graph, now)
    member = await f.member(graph)
    big = await lf.module(graph, units=1, points=5900)
    await lf.complete_modules(graph, member, [big])
    for _ in range(4):
        await lf.earn_badge(graph, member, await lf.badge(graph))
    cert = await lf.certification(graph)
    await lf.credential(graph, member, cert, earned_at=now - 100 * DAY)
    module = await lf.maintenance_module(graph, release=cal["due"], maintains=cert, units=1, points=100)
    body = await gql(client, MAINTAIN, {"input": {"moduleId": gid("Module", module)}}, headers=token_for(member["id"]))
    assert body["data"]["completeMaintenance"]["pointsAwarded"] == 100
    state = await _one(graph, """MATCH (m:Member {id: $id})
        RETURN m.points AS points, m.rank AS rank, [(m)-[:REACHED]->(r:Rank) | r.name] AS reached""", id=member["id"])
    assert state == {"points": 6000, "rank": 2, "reached": ["Hiker"]}


async def test_concurrent_maintenance_awards_points_once(graph, client, token_for):
    now = _now()
    cal = await _calendar(graph, now)
    member = await f.member(graph)
    first, second = await lf.certification(graph), await lf.certification(graph)
    module = await lf.maintenance_module(graph, release=cal["due"], maintains=[first, second], units=3, points=40)
    await lf.credential(graph, member, first, earned_at=now - 100 * DAY)
    await lf.credential(graph, member, second, earned_at=now - 100 * DAY)
    headers = token_for(member["id"])
    bodies = await asyncio.gather(*(gql(client, MAINTAIN, {"input": {"moduleId": gid("Module", module)}},
                                        headers=headers) for _ in range(10)))
    assert all("errors" not in b for b in bodies), bodies
    outs = [b["data"]["completeMaintenance"] for b in bodies]
    assert sum(o["pointsAwarded"] for o in outs) == 120
    assert sum(len(o["maintained"]) for o in outs) == 2
    assert await _member_points(graph, member) == {"points": 120, "rank": 1, "completions": 4}
    units = await _one(graph, """MATCH (m:Member {id: $id})-[c:COMPLETED]->(:Unit) RETURN count(c) AS n,
        sum(c.points) AS points""", id=member["id"])
    assert units == {"n": 3, "points": 120}


# -- verifyCredential ---------------------------------------------------------------------------

VERIFY = """query($code: String!) { verifyCredential(credentialId: $code) {
    credentialId valid status earnedAt certification { slug } holderName holder { handle email } } }"""


async def test_verification_names_the_holder_only_when_their_profile_is_visible(graph, client, token_for):
    now = _now()
    cert = await lf.certification(graph, requires_maintenance=False)
    public = await f.member(graph, visibility="PUBLIC", displayName="Pat Public")
    members_only = await f.member(graph, visibility="MEMBERS", displayName="Mo Members")
    private = await f.member(graph, visibility="PRIVATE", displayName="Priv Private")
    viewer = await f.member(graph)
    creds = {m["id"]: await lf.credential(graph, m, cert, earned_at=now - DAY) for m in (public, members_only, private)}

    async def verify(member, headers) -> dict:
        body = await gql(client, VERIFY, {"code": creds[member["id"]]["credentialId"]}, headers=headers)
        assert "errors" not in body, body
        found = body["data"]["verifyCredential"]
        assert found["valid"] is True and found["status"] == "ACTIVE" and found["certification"]["slug"] == cert["slug"]
        return {"name": found["holderName"], "holder": found["holder"]}

    anonymous, signed_in = {}, token_for(viewer["id"])
    assert await verify(public, anonymous) == {"name": "Pat Public", "holder": {"handle": public["handle"],
                                                                                "email": None}}
    assert await verify(members_only, anonymous) == {"name": None, "holder": None}
    assert await verify(private, anonymous) == {"name": None, "holder": None}
    assert (await verify(members_only, signed_in))["name"] == "Mo Members"
    assert (await verify(members_only, signed_in))["holder"]["email"] is None
    assert await verify(private, signed_in) == {"name": None, "holder": None}
    assert (await verify(private, token_for(private["id"])))["name"] == "Priv Private"


async def test_verification_of_expired_unknown_and_odd_codes(graph, client):
    now = _now()
    await _calendar(graph, now)
    member = await f.member(graph)
    cert = await lf.certification(graph)
    cred = await lf.credential(graph, member, cert, earned_at=now - 500 * DAY)
    body = await gql(client, VERIFY, {"code": f"  {cred['credentialId']} "})
    found = body["data"]["verifyCredential"]
    assert found["valid"] is False and found["status"] == "EXPIRED"
    for code in ("NO-SUCH-CODE", "' OR 1=1 WITH k MATCH (n) RETURN n //", "}) RETURN k //"):
        body = await gql(client, VERIFY, {"code": code})
        assert "errors" not in body and body["data"]["verifyCredential"] is None, body
    body = await gql(client, VERIFY, {"code": "X" * 65})
    assert codes(body) == ["BAD_USER_INPUT"] and body["errors"][0]["extensions"]["field"] == "credentialId"
    body = await gql(client, VERIFY, {"code": "   "})
    assert codes(body) == ["BAD_USER_INPUT"]


# -- round trips ---------------------------------------------------------------------------------


async def test_credentials_of_twenty_members_cost_a_fixed_number_of_queries(graph, client):
    now = _now()
    await _calendar(graph, now)
    people = await f.members(graph, 20)
    certs = [await lf.certification(graph), await lf.certification(graph, level="ASSOCIATE",
                                                                    requires_maintenance=False)]
    for i, person in enumerate(people):
        await lf.credential(graph, person, certs[0], earned_at=now - (50 + 25 * i) * DAY)
        await lf.credential(graph, person, certs[1], earned_at=now - 10 * DAY)
    body = await gql(client, """{ members(first: 20) { nodes { handle
        credentials(first: 5) { totalCount nodes { credentialId status maintenanceDue { name } expiresAt
          certification { slug requiresMaintenance } holder { handle } } }
        activeCertifications { credentialId status certification { title } holder { handle } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["members"]["nodes"]
    assert len(nodes) == 20 and all(n["credentials"]["totalCount"] == 2 for n in nodes)
    assert all(c["holder"]["handle"] == n["handle"] for n in nodes for c in n["credentials"]["nodes"])
    assert {c["status"] for n in nodes for c in n["credentials"]["nodes"]} == {"ACTIVE", "MAINTENANCE_DUE", "EXPIRED"}
    # members page + their credentials + the release calendar: one query each, whatever the page size.
    assert round_trips(body) == 3, body["extensions"]


async def test_credential_entities_resolve_through_the_learning_subgraph_in_one_batch(graph, client):
    now = _now()
    people = await f.members(graph, 10)
    hidden = await f.member(graph, visibility="PRIVATE")
    cert = await lf.certification(graph, requires_maintenance=False)
    creds = [await lf.credential(graph, p, cert, earned_at=now - DAY) for p in [*people, hidden]]
    reps = [{"__typename": "Credential", "id": gid("Credential", c)} for c in creds]
    reps.append({"__typename": "Credential", "id": "garbage"})
    body = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Credential { credentialId status holder { id } certification { slug } } } }""",
                     {"r": reps}, path="/subgraphs/learning/graphql")
    assert "errors" not in body, body
    got = body["data"]["_entities"]
    assert [e["credentialId"] for e in got[:11]] == [c["credentialId"] for c in creds]
    assert [e["holder"] for e in got[:10]] == [{"id": gid("Member", p)} for p in people]
    assert got[10]["holder"] is None and got[11] is None
    # the credentials (with their certifications and holders) and the calendar
    assert round_trips(body) == 2, body["extensions"]
