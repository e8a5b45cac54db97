"""The monthly prize draw: the pure `draw_winners`, `runPrizeDraw` (admins only, once per month,
also under concurrency, refused too early or without entries), the stored and auditable result
(`prizeDraw`: seed, winners with privacy, entriesDigest, verified) and round-trip pins."""

from __future__ import annotations

import asyncio
import hashlib
import random
import re

from resolvers.learning.quests import Winner, canonical_entries, draw_winners, entries_digest
from tests import factories
from tests.gql import codes, gid, gql, round_trips
from tests.learning.test_quests import draw_counts, ended_quest, enter, entries, open_quest, won, withdraw

MONTH = "2025-06"
RUN = """mutation($input: RunPrizeDrawInput!) { runPrizeDraw(input: $input) {
  prizeDraw { id month seed prizes entryCount drawnAt drawnBy { id } entriesDigest verified
              winners { position prize member { id } } }
  userErrors { field message code } } }"""
DRAW = """query($month: String!) { prizeDraw(month: $month) { id month seed prizes entryCount drawnAt
  drawnBy { handle } entriesDigest currentEntriesDigest verified winners { position prize member { id handle } } } }"""


def _run(prizes, month=MONTH):
    return {"input": {"questMonth": month, "prizes": prizes}}


# -- draw_winners: a pure function anyone can re-run --------------------------------------------------


def test_the_same_entries_prizes_and_seed_give_the_same_winners_whatever_the_entry_order():
    entries_ = [(f"m{i % 7}", f"q{i % 3}") for i in range(21)]
    prizes = ["Hoodie", "Backpack", "Sticker"]
    first = draw_winners(entries_, prizes, "5eed")
    shuffled = entries_[:]
    random.Random(1).shuffle(shuffled)
    assert draw_winners(shuffled, prizes, "5eed") == first
    assert [(w.position, w.prize) for w in first] == [(1, "Hoodie"), (2, "Backpack"), (3, "Sticker")]
    # Some seed gives another result: the seed, not the entry order, decides.
    assert any(draw_winners(entries_, prizes, f"seed-{i}") != first for i in range(20))


def test_the_algorithm_is_pinned_so_recorded_draws_stay_reproducible():
    # A golden vector: changing the algorithm would make recorded draws unverifiable.
    entries_ = [("alice", "q1"), ("bob", "q1"), ("carol", "q1"), ("alice", "q2"), ("dave", "q2")]
    assert draw_winners(entries_, ["A", "B", "C"], "0123456789abcdef0123456789abcdef") == [
        Winner(1, "A", "carol"), Winner(2, "B", "alice"), Winner(3, "C", "dave")]


def test_a_member_with_many_entries_wins_at_most_once():
    entries_ = [("heavy", f"q{i}") for i in range(50)] + [("light-1", "q0"), ("light-2", "q0")]
    for seed in (f"s{i}" for i in range(50)):
        winners = draw_winners(entries_, ["a", "b", "c"], seed)
        assert sorted(w.member_id for w in winners) == ["heavy", "light-1", "light-2"]


def test_fewer_members_than_prizes_leaves_the_last_prizes_undrawn():
    winners = draw_winners([("x", "q1"), ("x", "q2"), ("y", "q1")], ["1st", "2nd", "3rd", "4th"], "abc")
    assert [(w.position, w.prize) for w in winners] == [(1, "1st"), (2, "2nd")]
    assert {w.member_id for w in winners} == {"x", "y"}
    assert draw_winners([], ["1st"], "abc") == []


def test_each_entry_is_a_ticket_so_more_entries_mean_better_odds():
    entries_ = [("nine", f"q{i}") for i in range(9)] + [("one", "q0")]
    wins = sum(draw_winners(entries_, ["prize"], f"seed-{i}")[0].member_id == "nine" for i in range(2000))
    assert 0.85 < wins / 2000 < 0.95


def test_the_entries_digest_is_sha256_of_the_canonical_lines():
    entries_ = [("m2", "q1"), ("m1", "q2"), ("m1", "q1")]
    assert canonical_entries(entries_) == [("m1", "q1"), ("m1", "q2"), ("m2", "q1")]
    assert entries_digest(entries_) == hashlib.sha256(b"m1 q1\nm1 q2\nm2 q1").hexdigest()
    assert entries_digest(reversed(entries_)) == entries_digest(entries_)


# -- runPrizeDraw ---------------------------------------------------------------------------------


async def _month_with_entries(graph):
    """Two ended quests of MONTH; three members entered (the first in both quests), one did not."""
    first, second = await ended_quest(graph, month=MONTH), await ended_quest(graph, month=MONTH)
    people = await factories.members(graph, 4)
    await enter(graph, [(people[0], first), (people[0], second), (people[1], first), (people[2], second)])
    admin = await factories.member(graph)
    return (first, second), people, admin


async def test_an_admin_draws_a_month_and_the_stored_draw_is_reproducible(graph, client, token_for):
    _, people, admin = await _month_with_entries(graph)
    prizes = ["Hoodie", "Backpack", "Sticker", "Mug"]
    body = await gql(client, RUN, _run([" Hoodie ", "Backpack", "Sticker", "Mug"]), headers=token_for(admin["id"], "admin"))
    assert "errors" not in body, body
    payload = body["data"]["runPrizeDraw"]
    assert payload["userErrors"] == []
    draw = payload["prizeDraw"]
    assert (draw["month"], draw["prizes"], draw["entryCount"]) == (MONTH, prizes, 4)
    assert re.fullmatch(r"[0-9a-f]{32}", draw["seed"])
    assert draw["drawnBy"] == {"id": gid("Member", admin)} and draw["verified"] is True
    # Three distinct members entered: three winners, the first three prizes, the fourth undrawn.
    assert [(w["position"], w["prize"]) for w in draw["winners"]] == [(1, "Hoodie"), (2, "Backpack"), (3, "Sticker")]
    assert {w["member"]["id"] for w in draw["winners"]} == {gid("Member", p) for p in people[:3]}

    # Anyone can recompute the winners from the recorded seed and the entries.
    month_entries = await entries(graph, MONTH)
    recomputed = draw_winners(month_entries, draw["prizes"], draw["seed"])
    assert [(w.position, w.prize, w.member_id) for w in recomputed] == [
        (r["position"], r["prize"], r["memberId"]) for r in await won(graph, MONTH)]
    assert draw["entriesDigest"] == entries_digest(month_entries)
    assert await draw_counts(graph, MONTH) == (1, 3)

    # The stored draw reads back the same, for anyone.
    stored = (await gql(client, DRAW, {"month": MONTH}))["data"]["prizeDraw"]
    assert {k: stored[k] for k in ("id", "seed", "prizes", "entryCount", "drawnAt", "entriesDigest", "verified")} == {
        k: draw[k] for k in ("id", "seed", "prizes", "entryCount", "drawnAt", "entriesDigest", "verified")}
    assert [w["member"]["id"] for w in stored["winners"]] == [w["member"]["id"] for w in draw["winners"]]
    assert stored["drawnBy"] == {"handle": admin["handle"]}
    node = await gql(client, "query($id: ID!) { node(id: $id) { __typename ... on PrizeDraw { month seed } } }",
                     {"id": draw["id"]})
    assert node["data"]["node"] == {"__typename": "PrizeDraw", "month": MONTH, "seed": draw["seed"]}
    assert (await gql(client, DRAW, {"month": "2025-07"}))["data"]["prizeDraw"] is None


async def test_a_month_is_drawn_once(graph, client, token_for):
    _, _, admin = await _month_with_entries(graph)
    headers = token_for(admin["id"], "admin")
    first = await gql(client, RUN, _run(["Hoodie"]), headers=headers)
    again = await gql(client, RUN, _run(["Hoodie", "Mug"]), headers=headers)
    assert first["data"]["runPrizeDraw"]["prizeDraw"] is not None
    assert again["data"]["runPrizeDraw"] == {"prizeDraw": None, "userErrors": [
        {"field": "questMonth", "message": f"{MONTH} has been drawn already", "code": "ALREADY_DRAWN"}]}
    assert await draw_counts(graph, MONTH) == (1, 1)
    stored = (await gql(client, DRAW, {"month": MONTH}))["data"]["prizeDraw"]
    assert stored["seed"] == first["data"]["runPrizeDraw"]["prizeDraw"]["seed"] and stored["prizes"] == ["Hoodie"]


async def test_five_concurrent_draws_of_a_month_record_exactly_one(graph, client, token_for):
    _, _, admin = await _month_with_entries(graph)
    headers = token_for(admin["id"], "admin")
    bodies = await asyncio.gather(*(gql(client, RUN, _run(["Hoodie", "Mug"]), headers=headers) for _ in range(5)))
    assert all("errors" not in b for b in bodies), bodies
    payloads = [b["data"]["runPrizeDraw"] for b in bodies]
    drawn = [p["prizeDraw"] for p in payloads if p["prizeDraw"] is not None]
    refused = [p["userErrors"] for p in payloads if p["prizeDraw"] is None]
    assert len(drawn) == 1 and len(refused) == 4
    assert all([e["code"] for e in errors] == ["ALREADY_DRAWN"] for errors in refused)
    assert await draw_counts(graph, MONTH) == (1, 2)
    stored = (await gql(client, DRAW, {"month": MONTH}))["data"]["prizeDraw"]
    assert stored["seed"] == drawn[0]["seed"] and stored["verified"] is True


async def test_a_month_is_drawn_only_once_every_quest_ended_and_with_entries(graph, client, token_for):
    admin, fan = await factories.members(graph, 2)
    headers = token_for(admin["id"], "admin")
    ended = await ended_quest(graph, month="2025-08")
    still_open = await open_quest(graph, month="2025-08")
    await enter(graph, [(fan, ended), (fan, still_open)])
    early = await gql(client, RUN, _run(["Hoodie"], month="2025-08"), headers=headers)
    assert [e["code"] for e in early["data"]["runPrizeDraw"]["userErrors"]] == ["DRAW_TOO_EARLY"]

    await ended_quest(graph, month="2025-09")
    for month in ("2025-09", "2025-10"):  # ended quests nobody completed; no quests at all
        body = await gql(client, RUN, _run(["Hoodie"], month=month), headers=headers)
        assert body["data"]["runPrizeDraw"]["prizeDraw"] is None
        assert [e["code"] for e in body["data"]["runPrizeDraw"]["userErrors"]] == ["NO_ENTRIES"], month
    for month in ("2025-08", "2025-09", "2025-10"):
        assert await draw_counts(graph, month) == (0, 0)


async def test_only_admins_may_draw(graph, client, token_for):
    _, people, _ = await _month_with_entries(graph)
    anonymous = await gql(client, RUN, _run(["Hoodie"]))
    assert codes(anonymous) == ["UNAUTHENTICATED"]
    member = await gql(client, RUN, _run(["Hoodie"]), headers=token_for(people[0]["id"]))
    assert codes(member) == ["FORBIDDEN"]
    recruiter = await gql(client, RUN, _run(["Hoodie"]), headers=token_for(people[0]["id"], "recruiter"))
    assert codes(recruiter) == ["FORBIDDEN"]
    # Authorization comes before input checks: a non-admin learns nothing about the month.
    bad = await gql(client, RUN, _run([], month="nope"), headers=token_for(people[0]["id"]))
    assert codes(bad) == ["FORBIDDEN"]
    assert await draw_counts(graph, MONTH) == (0, 0)


async def test_bad_input_is_refused_field_by_field_and_writes_nothing(graph, client, token_for):
    _, _, admin = await _month_with_entries(graph)
    headers = token_for(admin["id"], "admin")
    cases = [
        (_run(["Hoodie"], month="2025-6"), ["questMonth"]),
        (_run(["Hoodie"], month="June 2025"), ["questMonth"]),
        (_run(["Hoodie"], month="2025-13"), ["questMonth"]),
        (_run([]), ["prizes"]),
        (_run([f"Prize {i}" for i in range(101)]), ["prizes"]),
        (_run(["Hoodie", "  "]), ["prizes[1]"]),
        (_run(["x" * 201]), ["prizes[0]"]),
        (_run(["Hoo\u0000die"]), ["prizes[0]"]),
        (_run(["", "ok"], month="2025"), ["questMonth", "prizes[0]"]),
    ]
    for variables, fields in cases:
        body = await gql(client, RUN, variables, headers=headers)
        assert "errors" not in body, body
        payload = body["data"]["runPrizeDraw"]
        assert payload["prizeDraw"] is None
        assert [e["field"] for e in payload["userErrors"]] == fields, variables
        assert {e["code"] for e in payload["userErrors"]} == {"BAD_USER_INPUT"}
    assert await draw_counts(graph, MONTH) == (0, 0)
    # The limits themselves are fine; prizes that look like Cypher are just text.
    body = await gql(client, RUN, _run(["x" * 200] + ["' }) DETACH DELETE (n) //"] * 99), headers=headers)
    assert body["data"]["runPrizeDraw"]["userErrors"] == []
    assert body["data"]["runPrizeDraw"]["prizeDraw"]["winners"][0]["prize"] == "x" * 200


async def test_winners_show_only_members_the_viewer_may_see(graph, client, token_for):
    quest = await ended_quest(graph, month=MONTH)
    public = await factories.member(graph, visibility="PUBLIC")
    members_only = await factories.member(graph, visibility="MEMBERS")
    private = await factories.member(graph, visibility="PRIVATE")
    admin = await factories.member(graph, visibility="PRIVATE")
    await enter(graph, [(public, quest), (members_only, quest), (private, quest)])
    body = await gql(client, RUN, _run(["a", "b", "c"]), headers=token_for(admin["id"], "admin"))
    assert body["data"]["runPrizeDraw"]["userErrors"] == []

    async def seen(headers=None):
        draw = (await gql(client, DRAW, {"month": MONTH}, headers=headers))["data"]["prizeDraw"]
        assert [w["position"] for w in draw["winners"]] == [1, 2, 3] and draw["verified"] is True
        return {w["member"]["handle"] for w in draw["winners"] if w["member"]}, draw["drawnBy"]

    assert await seen() == ({public["handle"]}, None)
    outsider = await factories.member(graph)
    assert await seen(token_for(outsider["id"])) == ({public["handle"], members_only["handle"]}, None)
    assert await seen(token_for(private["id"])) == (
        {public["handle"], members_only["handle"], private["handle"]}, None)
    # An admin token grants no view of private profiles.
    assert await seen(token_for(outsider["id"], "admin")) == ({public["handle"], members_only["handle"]}, None)
    assert (await seen(token_for(admin["id"])))[1] == {"handle": admin["handle"]}


async def test_verified_turns_false_when_the_entries_change_after_the_draw(graph, client, token_for):
    quest = await ended_quest(graph, month=MONTH)
    winner, latecomer, admin = await factories.members(graph, 3)
    await enter(graph, [(winner, quest)])
    body = await gql(client, RUN, _run(["Hoodie"]), headers=token_for(admin["id"], "admin"))
    draw = body["data"]["runPrizeDraw"]["prizeDraw"]
    assert draw["verified"] is True and draw["winners"][0]["member"] == {"id": gid("Member", winner)}
    before = draw["entriesDigest"]

    # Replace the one entry with another member's: same count, another winner on recomputation.
    await withdraw(graph, winner, quest)
    await enter(graph, [(latecomer, quest)])
    stored = (await gql(client, DRAW, {"month": MONTH}))["data"]["prizeDraw"]
    assert stored["entryCount"] == 1 and stored["verified"] is False
    assert stored["entriesDigest"] == before  # recorded with the draw, it never changes
    assert stored["currentEntriesDigest"] == entries_digest([(latecomer["id"], quest["id"])])

    # Put it back: verified again. An extra entry (the count differs) is caught too.
    await withdraw(graph, latecomer, quest)
    await enter(graph, [(winner, quest)])
    assert (await gql(client, DRAW, {"month": MONTH}))["data"]["prizeDraw"]["verified"] is True
    await enter(graph, [(latecomer, quest)])
    assert (await gql(client, DRAW, {"month": MONTH}))["data"]["prizeDraw"]["verified"] is False


async def test_a_draw_with_30_winners_costs_a_fixed_number_of_queries(graph, client, token_for):
    quests = [await ended_quest(graph, month=MONTH) for _ in range(2)]
    people = await factories.members(graph, 30)
    admin = await factories.member(graph)
    await enter(graph, [(p, q) for p in people for q in quests])
    body = await gql(client, RUN, _run([f"Prize {i}" for i in range(30)]), headers=token_for(admin["id"], "admin"))
    assert body["data"]["runPrizeDraw"]["userErrors"] == []

    small_query = """query($month: String!) { prizeDraw(month: $month) { seed winners { position prize
        member { handle } } } }"""
    small = await gql(client, small_query, {"month": MONTH})
    assert len(small["data"]["prizeDraw"]["winners"]) == 30
    assert all(w["member"] for w in small["data"]["prizeDraw"]["winners"])
    # The draw by month, then its winners with their member rows.
    assert round_trips(small) == 2, small["extensions"]
    full = await gql(client, DRAW, {"month": MONTH})
    assert full["data"]["prizeDraw"]["entryCount"] == 60 and full["data"]["prizeDraw"]["verified"] is True
    # ... plus the admin who drew it and the month's entries (digest and verification share them).
    assert round_trips(full) == 4, full["extensions"]
