"""QnaMemberFields: fields this domain adds to the Member type (mixed into it).

A Member object exists only for a profile the viewer may see, so these fields never reveal a
hidden member's activity.
"""

from __future__ import annotations

import strawberry

from resolvers.qna import service
from schema.context import Info
from schema.qna.types import Answer, Question
from schema.relay import Connection, window


@strawberry.type
class QnaMemberFields:
    @strawberry.field(description=(
        "Points earned from answers: +10 per up vote, -2 per down vote, +15 per answer accepted "
        "on someone else's question."))
    def reputation(self) -> int:
        return int(self.row.get("reputation") or 0)  # type: ignore[attr-defined]  # Member's row

    @strawberry.field(description="Questions this member asked, newest first.")
    async def questions(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Question]:
        fetched = await service.questions_of_member(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                    win=window(first, after, last, before))
        return Connection.of(fetched, Question.from_row)

    @strawberry.field(description="Answers this member wrote, newest first.")
    async def answers(
        self, info: Info, first: int | None = None, after: str | None = None,
        last: int | None = None, before: str | None = None,
    ) -> Connection[Answer]:
        fetched = await service.answers_of_member(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                  win=window(first, after, last, before))
        return Connection.of(fetched, Answer.from_row)
