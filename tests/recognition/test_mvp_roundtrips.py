"""Round trips per MVP operation are pinned: an N+1 anywhere fails these tests."""

from __future__ import annotations

import asyncio
import uuid

from graph.seed import SeedWriter
from tests import factories
from tests.gql import gid, gql, round_trips
from tests.recognition.test_mvp import decide, nominate, program, review, veterans

SUMMARY = "acceptedAnswers answers eventsSpokenAt groupsLed points memberSince yearsActive"
CROWD = 30


async def _nominees_with_evidence(graph, count: int) -> tuple[list[dict], list[list[str]]]:
    """`count` eligible members, each with an answer, a talk and a group they lead, and those ids."""
    people = await veterans(graph, count)
    asker = (await veterans(graph, 1))[0]
    (topic,) = await factories.topics(graph, 1)
    asked = await factories.questions(graph, [(asker, topic)] * count)
    answers = await factories.answers(graph, list(zip(people, asked)), accepted=True)
    groups = await factories.groups(graph, count, leaders=people)
    # One event per group, each with its leader speaking: written at once (the factory gives every
    # event of a call the same speakers).
    (template,) = await factories.events(graph, groups[0], 1, past=True, speakers=[people[0]])
    talks = [template] + [{**template, "id": str(uuid.uuid4()), "title": f"Talk {i}", "groupId": group["id"],
                           "speakerIds": [person["id"]]}
                          for i, (person, group) in enumerate(zip(people[1:], groups[1:]), start=1)]
    writer = SeedWriter(graph)
    await writer.events(talks[1:])
    await writer.recount()
    evidence = [[gid("Answer", a), gid("Event", e), gid("Group", g)] for a, e, g in zip(answers, talks, groups)]
    return people, evidence


async def test_thirty_concurrent_nominations_and_their_listing_cost_a_fixed_number_of_queries(client, graph, token_for):
    await program(graph, client, token_for)
    reviewers = await veterans(graph, 2)
    nominators = await veterans(graph, CROWD)
    nominees, evidence = await _nominees_with_evidence(graph, CROWD)
    made = await asyncio.gather(*(
        nominate(client, token_for(nominator["id"]), nominee, evidence=cited, links=["https://example.com/a"])
        for nominator, nominee, cited in zip(nominators, nominees, evidence)))
    assert all(m["userErrors"] == [] for m in made), made
    for reviewer in reviewers:
        for m in made[::3]:
            body = await review(client, token_for(reviewer["id"], "member", "admin"), m["nomination"]["id"])
            assert body["data"]["reviewNomination"]["userErrors"] == []
    query = f"""{{ mvpCycle {{ year nominationCount nominations(first: {CROWD}) {{ totalCount edges {{ node {{
        id status reviewCount averageScore createdAt
        nominee {{ handle }} nominator {{ handle }}
        evidence {{ kind url answer {{ id body }} event {{ id title }} group {{ id name }} }}
        evidenceSummary {{ {SUMMARY} }}
        reviews {{ total reviewer {{ handle }} }} viewerReview {{ total }} }} }} }} }} }}"""
    body = await gql(client, query, headers=token_for(reviewers[0]["id"], "member", "admin"))
    assert "errors" not in body, body
    nodes = [e["node"] for e in body["data"]["mvpCycle"]["nominations"]["edges"]]
    assert len(nodes) == CROWD and body["data"]["mvpCycle"]["nominations"]["totalCount"] == CROWD
    assert all(len(n["evidence"]) == 4 and n["evidenceSummary"]["acceptedAnswers"] == 1 for n in nodes)
    assert sum(1 for n in nodes if n["reviews"]) == len(made[::3])
    # cycle + (admin: no MVP check) nominations page + evidence + answers + events + groups + evidence
    # summaries + reviews + the viewer's reviews: one query each, whatever the page size.
    assert round_trips(body) == 9, body["extensions"]


async def test_mvps_with_members_and_evidence_cost_a_fixed_number_of_queries(client, graph, token_for):
    _admin, admin_headers = await program(graph, client, token_for)
    nominator = (await veterans(graph, 1))[0]
    people, evidence = await _nominees_with_evidence(graph, CROWD + 2)
    for person, cited in zip(people, evidence):
        assert (await nominate(client, token_for(nominator["id"]), person, evidence=cited))["userErrors"] == []
        assert (await decide(client, admin_headers, person))["data"]["decideMvp"]["userErrors"] == []
    query = f"""{{ mvps(first: {CROWD}) {{ totalCount pageInfo {{ hasNextPage }} edges {{ node {{
        id year isCurrent startsAt
        member {{ handle isMvp mvpTerms {{ year isCurrent }} mvpEvidence {{ {SUMMARY} }} }} }} }} }} }}"""
    body = await gql(client, query)
    assert "errors" not in body, body
    page = body["data"]["mvps"]
    assert len(page["edges"]) == CROWD and page["totalCount"] == CROWD + 2 and page["pageInfo"]["hasNextPage"]
    assert all(e["node"]["member"]["isMvp"] and e["node"]["member"]["mvpEvidence"]["groupsLed"] == 1
               for e in page["edges"])
    # page + count + current MVPs + terms + evidence summaries.
    assert round_trips(body) == 5, body["extensions"]
    # The viewer's own nominations list is batched the same way.
    mine = f"""{{ viewer {{ mvpNominations(first: {CROWD}) {{ totalCount nodes {{ status nominee {{ handle isMvp }}
        evidenceSummary {{ answers }} evidence {{ kind }} }} }} }} }}"""
    body = await gql(client, mine, headers=token_for(nominator["id"]))
    assert "errors" not in body, body
    assert len(body["data"]["viewer"]["mvpNominations"]["nodes"]) == CROWD
    # viewer + nominations + current MVPs + summaries + evidence + answers + events + groups.
    assert round_trips(body) == 8, body["extensions"]
