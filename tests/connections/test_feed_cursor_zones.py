"""Feed cursors on times the database stamped itself: paging moves on, never repeats an item.

The embedded engine stamps `datetime()` with the zone id `Etc/UTC` and holds an offset time of
the same instant (`+00:00`) unequal to it; a cursor that kept the offset made `after:` return
the item it ended on again, for ever (resolvers/connections/feed.py, `cursor_time`).
"""

from __future__ import annotations

import base64

from tests import factories
from tests.connections.test_feed import FEED
from tests.gql import codes, gid, gql

FOLLOW = "mutation($id: ID!) { followMember(input: {memberId: $id}) { userErrors { code } } }"


async def test_paging_through_followers_stamped_by_the_database_moves_on(graph, client, token_for):
    viewer = await factories.member(graph)
    followers = await factories.members(graph, 3)
    for follower in followers:  # `since` comes from the database's own clock
        body = await gql(client, FOLLOW, {"id": gid("Member", viewer)}, headers=token_for(follower["id"]))
        assert body["data"]["followMember"]["userErrors"] == []
    seen: list[str] = []
    after = None
    for _ in range(5):
        body = await gql(client, FEED, {"first": 1, "after": after}, headers=token_for(viewer["id"]))
        feed = body["data"]["viewer"]["feed"]
        seen += [edge["node"]["member"]["handle"] for edge in feed["edges"] if edge["node"]["kind"] == "NEW_FOLLOWER"]
        if not feed["pageInfo"]["hasNextPage"]:
            break
        after = feed["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(f["handle"] for f in followers)
    assert len(seen) == len(set(seen)) == 3


async def test_a_cursor_with_an_unknown_zone_is_bad_input(graph, client, token_for):
    viewer = await factories.member(graph)
    cursor = base64.urlsafe_b64encode(b"feed:v1:2026-11-23T02:29:08.446091915[Nowhere/Land]|x").decode().rstrip("=")
    body = await gql(client, FEED, {"first": 1, "after": cursor}, headers=token_for(viewer["id"]))
    assert codes(body) == ["BAD_USER_INPUT"]
