"""The home feed's types: items with their kind, time, subject and reasons."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from resolvers.connections.feed import FeedItem as FeedItemData, FeedPage
from schema.connections.types import SuggestionConnection, _community
from schema.relay import PageInfo, time_of

if TYPE_CHECKING:
    from schema.community.types import Group, Member, Topic
    from schema.events.types import Event
    from schema.ideas.lifecycle import IdeaStatusChange
    from schema.qna.types import Answer, Question

MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
GroupRef = Annotated["Group", strawberry.lazy("schema.community.types")]
TopicRef = Annotated["Topic", strawberry.lazy("schema.community.types")]
QuestionRef = Annotated["Question", strawberry.lazy("schema.qna.types")]
AnswerRef = Annotated["Answer", strawberry.lazy("schema.qna.types")]
EventRef = Annotated["Event", strawberry.lazy("schema.events.types")]
IdeaStatusChangeRef = Annotated["IdeaStatusChange", strawberry.lazy("schema.ideas.lifecycle")]


@strawberry.enum(description="What a feed item is about.")
class FeedItemKind(Enum):
    NEW_QUESTION = "NEW_QUESTION"
    NEW_ANSWER = "NEW_ANSWER"
    UPCOMING_EVENT = "UPCOMING_EVENT"
    NEW_FOLLOWER = "NEW_FOLLOWER"
    IDEA_STATUS_CHANGED = "IDEA_STATUS_CHANGED"
    PEOPLE_YOU_MAY_KNOW = "PEOPLE_YOU_MAY_KNOW"


@strawberry.enum(description="Why an item is in your feed.")
class FeedReasonKind(Enum):
    FOLLOWED_TOPIC = "FOLLOWED_TOPIC"
    YOUR_GROUP = "YOUR_GROUP"
    YOUR_QUESTION = "YOUR_QUESTION"
    FOLLOWS_YOU = "FOLLOWS_YOU"
    FOLLOWED_IDEA = "FOLLOWED_IDEA"
    VOTED_ON_IDEA = "VOTED_ON_IDEA"
    SUGGESTED_FOR_YOU = "SUGGESTED_FOR_YOU"


_MESSAGES = {
    "FOLLOWED_TOPIC": "You follow {topic}",
    "YOUR_GROUP": "From your group {group}",
    "YOUR_QUESTION": "An answer to your question",
    "FOLLOWS_YOU": "Started following you",
    "FOLLOWED_IDEA": "About an idea you follow",
    "VOTED_ON_IDEA": "About an idea you voted on",
    "SUGGESTED_FOR_YOU": "People you may know",
}


@strawberry.type(description="One reason an item is in your feed.")
class FeedReason:
    kind: FeedReasonKind
    topic: TopicRef | None = strawberry.field(description="The followed topic, for FOLLOWED_TOPIC.")
    group: GroupRef | None = strawberry.field(description="Your group, for YOUR_GROUP.")
    message: str = strawberry.field(description="The reason in words, ready to show.")


@strawberry.type(description="An item of the home feed. Which subject field is set depends on `kind`.")
class FeedItem:
    id: strawberry.ID = strawberry.field(description="Stable for the same subject; not a node ID.")
    kind: FeedItemKind
    occurred_at: datetime
    reasons: list[FeedReason]
    question: QuestionRef | None = strawberry.field(description="NEW_QUESTION, and the question NEW_ANSWER answers.")
    answer: AnswerRef | None = strawberry.field(description="NEW_ANSWER.")
    event: EventRef | None = strawberry.field(description="UPCOMING_EVENT.")
    member: MemberRef | None = strawberry.field(description="NEW_FOLLOWER: who followed you.")
    idea_status_change: IdeaStatusChangeRef | None = strawberry.field(
        description="IDEA_STATUS_CHANGED: the change, with its idea (for a merge, the duplicate; see its `mergedInto`).")
    suggestions: SuggestionConnection | None = strawberry.field(description="PEOPLE_YOU_MAY_KNOW: a few suggestions.")

    @classmethod
    def of(cls, data: FeedItemData) -> "FeedItem":
        community = _community()
        from schema.events.types import Event
        from schema.ideas.lifecycle import IdeaStatusChange
        from schema.qna.types import Answer, Question

        def reason(r) -> FeedReason:
            topic = community.Topic.from_row(r.topic) if r.topic else None
            group = community.Group.from_row(r.group) if r.group else None
            message = _MESSAGES[r.kind].format(topic=topic.name if topic else "", group=group.name if group else "")
            return FeedReason(kind=FeedReasonKind(r.kind), topic=topic, group=group, message=message)

        return cls(
            id=strawberry.ID(f"{data.kind}:{data.id}"),
            kind=FeedItemKind(data.kind),
            occurred_at=time_of(data.at),
            reasons=[reason(r) for r in data.reasons],
            question=Question.from_row(data.question) if data.question else None,
            answer=Answer.from_row(data.answer) if data.answer else None,
            event=Event.from_row(data.event) if data.event else None,
            member=community.Member.from_row(data.member) if data.member else None,
            idea_status_change=IdeaStatusChange.from_row(data.status_change) if data.status_change else None,
            suggestions=SuggestionConnection.of(data.suggestions) if data.suggestions is not None else None,
        )


@strawberry.type(description="A feed item and its cursor.")
class FeedEdge:
    node: FeedItem
    cursor: str = strawberry.field(description="Pass as `after` to read on from here.")


@strawberry.type(description="A page of the home feed, newest first. Cursors are keyset cursors: new items never shift pages.")
class FeedConnection:
    edges: list[FeedEdge]
    page_info: PageInfo

    @strawberry.field(description="The items of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[FeedItem]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, page: FeedPage) -> "FeedConnection":
        edges = [FeedEdge(node=FeedItem.of(item), cursor=item.cursor) for item in page.items]
        return cls(edges=edges, page_info=PageInfo(
            has_next_page=page.has_next_page, has_previous_page=page.has_previous_page,
            start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None))
