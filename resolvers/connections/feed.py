"""The home feed: what concerns the viewer, newest first, each item with why it is there.

Sources (graph/connections/feed.cypher): questions in topics the viewer follows and in
their groups, answers to their questions, upcoming events of their groups, new followers,
status changes of the ideas they follow or voted on (made by someone else: a product manager,
or the automatic move to UNDER_REVIEW; a duplicate's merge into such an idea included);
plus, at the top of the first page, a few people-you-may-know suggestions.

Paging is by keyset, not by offset: the cursor is the last item's (time, id), and each page
asks every source for its newest `first + 1` items strictly after it in feed order (time
descending, then id descending). New activity therefore never shifts a page the client is
reading. Each source is cut on its own before the merge, so a page costs one query whose work
grows with the viewer's follows and groups one by one (linear), whatever the feed's length.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from graph.community.repository import Row
from resolvers.connections.context import connections
from resolvers.connections.service import people_you_may_know
from resolvers.errors import BadUserInput
from resolvers.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Window
from resolvers.scope import RequestScope

SUGGESTIONS_IN_FEED = 3
SUGGESTIONS_ID = "people-you-may-know"
_FIRST_PAGE = ("9999-12-31T23:59:59Z", "")
_PREFIX = "feed:v1:"
# A time named by its zone id, as the embedded engine stamps `datetime()`: `...[Etc/UTC]`.
_ZONED = re.compile(r"(?P<time>[^\[]+)\[(?P<zone>[A-Za-z][A-Za-z0-9_+\-/]{0,63})\]")
_OFFSET = re.compile(r"[+-]\d\d:\d\d$")


def cursor_time(at: Any) -> str:
    """An item's time as the cursor keeps it: ISO 8601 at full precision, with the zone id when
    the time carries one. The embedded engine stamps `datetime()` with the zone `Etc/UTC` and
    compares such a time with an offset time (`+00:00`) of the same instant as unequal (the zoned
    one is "less"), so a cursor written with the offset made the next page start with the very
    item it ended on, for ever. Written with its zone id, the cursor's time equals the item's.
    Times stored with an offset (or by Neo4j) keep the offset."""
    if not hasattr(at, "iso_format"):
        return at.isoformat()
    text = at.iso_format()
    zone = getattr(at.tzinfo, "zone", None)
    if zone and zone != "UTC" and _OFFSET.search(text):  # pytz's UTC is the offset form
        return f"{text[:-6]}[{zone}]"
    return text


@dataclass
class Reason:
    kind: str  # FOLLOWED_TOPIC, YOUR_GROUP, YOUR_QUESTION, FOLLOWS_YOU, FOLLOWED_IDEA, VOTED_ON_IDEA, SUGGESTED_FOR_YOU
    topic: Row | None = None
    group: Row | None = None


@dataclass
class FeedItem:
    kind: str  # NEW_QUESTION, NEW_ANSWER, UPCOMING_EVENT, NEW_FOLLOWER, IDEA_STATUS_CHANGED, PEOPLE_YOU_MAY_KNOW
    at: Any  # the neo4j DateTime (nanosecond precision: cursors must not round it)
    id: str
    reasons: list[Reason] = field(default_factory=list)
    question: Row | None = None
    answer: Row | None = None
    event: Row | None = None
    member: Row | None = None
    status_change: Row | None = None  # an IdeaStatusChange row: its properties plus ideaId, changedById
    suggestions: Any = None  # a Slice of people-you-may-know rows

    @property
    def cursor(self) -> str:
        at = cursor_time(self.at)
        return base64.urlsafe_b64encode(f"{_PREFIX}{at}|{self.id}".encode()).decode().rstrip("=")

    def sort_key(self) -> tuple:
        at = self.at.to_native() if hasattr(self.at, "to_native") else self.at
        return (at, self.id)


@dataclass
class FeedPage:
    items: list[FeedItem]
    has_next_page: bool
    has_previous_page: bool


def decode_cursor(cursor: str) -> tuple[str, str]:
    """A feed cursor's (ISO time, id); anything else is bad input."""
    try:
        text = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(cursor)
        at, _, item_id = text[len(_PREFIX):].partition("|")
        zoned = _ZONED.fullmatch(at)
        time = zoned.group("time") if zoned else at
        if zoned:
            ZoneInfo(zoned.group("zone"))  # a zone the database knows too (IANA), else bad input
        datetime.fromisoformat(time[:26].rstrip("Z"))  # a well-formed time (nanoseconds trimmed for the check)
    except (ValueError, UnicodeError, binascii.Error, ZoneInfoNotFoundError):
        raise BadUserInput("`after` is not a valid feed cursor", field="after") from None
    return at, item_id


def _page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadUserInput(f"`first` must be between 0 and {MAX_PAGE_SIZE}, got {first}", field="first",
                           maxPageSize=MAX_PAGE_SIZE)
    return first


def merge(sources: Row) -> list[FeedItem]:
    """One item per subject, with every reason it has; newest first."""
    items: dict[str, FeedItem] = {}

    def item(kind: str, row: Row, **subject: Any) -> FeedItem:
        found = items.get(row["id"])
        if found is None:
            found = items[row["id"]] = FeedItem(kind, row["at"], row["id"], **subject)
        return found

    for row in sources.get("topicQuestions", []):
        entry = item("NEW_QUESTION", row, question=row["question"])
        entry.reasons += [Reason("FOLLOWED_TOPIC", topic=topic) for topic in row["topics"]]
    for row in sources.get("groupQuestions", []):
        item("NEW_QUESTION", row, question=row["question"]).reasons.append(Reason("YOUR_GROUP", group=row["group"]))
    for row in sources.get("answers", []):
        item("NEW_ANSWER", row, answer=row["answer"], question=row["question"]).reasons.append(Reason("YOUR_QUESTION"))
    for row in sources.get("events", []):
        item("UPCOMING_EVENT", row, event=row["event"]).reasons.append(Reason("YOUR_GROUP", group=row["group"]))
    for row in sources.get("followers", []):
        item("NEW_FOLLOWER", row, member=row["member"]).reasons.append(Reason("FOLLOWS_YOU"))
    for source, reason in (("followedIdeaChanges", "FOLLOWED_IDEA"), ("votedIdeaChanges", "VOTED_ON_IDEA")):
        for row in sources.get(source, []):
            change = {**row["change"], "ideaId": row["ideaId"], "changedById": row["changedById"]}
            item("IDEA_STATUS_CHANGED", row, status_change=change).reasons.append(Reason(reason))
    return sorted(items.values(), key=FeedItem.sort_key, reverse=True)


async def home_feed(scope: RequestScope, *, member_id: str, first: int | None, after: str | None) -> FeedPage:
    viewer_id = scope.require_self(member_id, "feed")
    size = _page_size(first)
    before_at, before_id = decode_cursor(after) if after is not None else _FIRST_PAGE
    sources = await connections(scope).repository.feed_sources(
        viewer_id, visibility=scope.visibility, before_at=before_at, before_id=before_id, limit=size + 1)
    items = merge(sources)
    if after is None and size > 0:
        suggested = await people_you_may_know(scope, member_id=member_id, win=Window(0, SUGGESTIONS_IN_FEED))
        if suggested.rows:
            now = datetime.now(timezone.utc)
            items.insert(0, FeedItem("PEOPLE_YOU_MAY_KNOW", now, SUGGESTIONS_ID,
                                     [Reason("SUGGESTED_FOR_YOU")], suggestions=suggested))
    scope.loaders.prime_members([i.member for i in items if i.member])
    return FeedPage(items[:size], has_next_page=len(items) > size, has_previous_page=after is not None)
