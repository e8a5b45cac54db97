"""A recruiter opening a profile directly (`member(handle:)`, `node(id:)`) is a PROFILE view the
member sees in `viewer.profileViews`; nobody else's look is logged."""

from tests import factories as f
from tests.careers import factories as cf
from tests.gql import gid, gql

VIEWS = "{ viewer { profileViews(first: 10) { totalCount edges { node { via recruiterName company { name } } } } } }"


async def views_of(client, token_for, member):
    body = await gql(client, VIEWS, headers=token_for(member["id"]))
    assert "errors" not in body, body
    return body["data"]["viewer"]["profileViews"]


async def test_opening_a_profile_by_handle_or_id_is_logged_for_recruiters_only(graph, client, token_for):
    recruiter = await cf.recruiter(graph, displayName="Rita Recruiter")
    seat_without_company = await f.member(graph)
    colleague = await f.member(graph)
    target = await f.member(graph, visibility="MEMBERS")

    by_handle = "query($h: String!) { member(handle: $h) { handle } }"
    by_id = "query($id: ID!) { node(id: $id) { id } }"
    for headers in (token_for(colleague["id"]), token_for(seat_without_company["id"], "recruiter"),
                    token_for(recruiter["id"])):  # a plain member; a seat without a company; a company without the seat
        assert (await gql(client, by_handle, {"h": target["handle"]}, headers=headers))["data"]["member"]
    assert (await views_of(client, token_for, target))["totalCount"] == 0

    seat = token_for(recruiter["id"], "recruiter")
    assert (await gql(client, by_handle, {"h": target["handle"]}, headers=seat))["data"]["member"]
    assert (await gql(client, by_id, {"id": gid("Member", target)}, headers=seat))["data"]["node"]
    views = await views_of(client, token_for, target)
    # Both opens fall on one UTC day and one source: one view.
    assert views["totalCount"] == 1
    assert views["edges"][0]["node"] == {"via": "PROFILE", "recruiterName": "Rita Recruiter",
                                         "company": {"name": recruiter["company"]["name"]}}


async def test_a_recruiter_opening_their_own_profile_or_a_hidden_one_logs_nothing(graph, client, token_for):
    recruiter = await cf.recruiter(graph)
    hidden = await f.member(graph, visibility="PRIVATE")
    seat = token_for(recruiter["id"], "recruiter")
    body = await gql(client, "query($h: String!) { member(handle: $h) { handle } }", {"h": hidden["handle"]}, headers=seat)
    assert body["data"]["member"] is None
    await gql(client, "query($h: String!) { member(handle: $h) { handle } }", {"h": recruiter["handle"]}, headers=seat)
    assert (await views_of(client, token_for, hidden))["totalCount"] == 0
    assert (await views_of(client, token_for, recruiter))["totalCount"] == 0
