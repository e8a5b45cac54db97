"""The MVP program: the yearly nomination window, nominations with evidence, reviews, decisions and terms.

Rules and privacy: resolvers/recognition/mvp.py (reads, who sees what) and
resolvers/recognition/mvp_writes.py (the mutations). Member, Answer, Event, Group and UserError are
referred to lazily: their modules import this one through the Member and Event field mixins.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.ids import to_global_id
from resolvers.recognition import mvp as service
from resolvers.recognition import mvp_writes as writes
from schema.context import Info
from schema.relay import Connection, Node, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.mutations import UserError
    from schema.community.types import Group, Member
    from schema.events.types import Event
    from schema.qna.types import Answer

Row = dict[str, Any]
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
GroupRef = Annotated["Group", strawberry.lazy("schema.community.types")]
EventRef = Annotated["Event", strawberry.lazy("schema.events.types")]
AnswerRef = Annotated["Answer", strawberry.lazy("schema.qna.types")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


def _member(row: Row | None) -> "Member | None":
    from schema.community.types import Member

    return Member.from_row(row) if row else None


async def _visible_member(info: Info, member_id: str | None) -> "Member | None":
    return _member(await service.visible_member(info.context.scope, member_id))


@strawberry.enum(description="Where a nomination stands.")
class NominationStatus(Enum):
    PENDING = strawberry.enum_value("PENDING", description="Waiting for reviews and an admin's decision.")
    SELECTED = strawberry.enum_value("SELECTED", description="The nominee was named an MVP.")
    NOT_SELECTED = "NOT_SELECTED"


@strawberry.enum(description="An admin's decision on a nominee.")
class MvpDecision(Enum):
    SELECTED = strawberry.enum_value("SELECTED", description=(
        "Name the nominee an MVP: a one-year term from now and the MVP badge (earned once)."))
    NOT_SELECTED = "NOT_SELECTED"


@strawberry.enum(description="What a piece of nomination evidence is.")
class NominationEvidenceKind(Enum):
    ANSWER = strawberry.enum_value("ANSWER", description="An answer the nominee wrote.")
    EVENT = strawberry.enum_value("EVENT", description="An event the nominee speaks at.")
    GROUP = strawberry.enum_value("GROUP", description="A group the nominee leads.")
    LINK = strawberry.enum_value("LINK", description="A web page the nominator linked.")


@strawberry.type(description=(
    "A member's MVP evidence, computed from the graph when asked (never stored): their community "
    "activity and learning."))
class MvpEvidenceSummary:
    accepted_answers: int = strawberry.field(description=(
        "Their answers accepted on someone else's question (self-accepted ones do not count)."))
    answers: int = strawberry.field(description="Answers they wrote.")
    events_spoken_at: int = strawberry.field(description="Events they speak (or spoke) at.")
    groups_led: int = strawberry.field(description="Groups they lead.")
    points: int = strawberry.field(description="Their learning points.")
    member_since: datetime = strawberry.field(description="When they joined.")
    years_active: float = strawberry.field(description="Years since they joined (two decimals).")

    @classmethod
    def from_row(cls, row: Row) -> "MvpEvidenceSummary":
        return cls(accepted_answers=row["acceptedAnswers"], answers=row["answers"],
                   events_spoken_at=row["eventsSpokenAt"], groups_led=row["groupsLed"], points=row["points"],
                   member_since=row["memberSince"], years_active=row["yearsActive"])


@strawberry.type(description="One piece of a nomination's evidence: the field of its `kind` is set.")
class NominationEvidence:
    kind: NominationEvidenceKind
    url: str | None = strawberry.field(description="LINK: the absolute http(s) URL.")
    row: Private[Row]

    @strawberry.field(description="ANSWER: the answer.")
    def answer(self) -> AnswerRef | None:
        from schema.qna.types import Answer

        return Answer.from_row(self.row["answer"]) if self.row.get("answer") else None

    @strawberry.field(description="EVENT: the event.")
    def event(self) -> EventRef | None:
        from schema.events.types import Event

        return Event.from_row(self.row["event"]) if self.row.get("event") else None

    @strawberry.field(description="GROUP: the group.")
    def group(self) -> GroupRef | None:
        from schema.community.types import Group

        return Group.from_row(self.row["group"]) if self.row.get("group") else None


@strawberry.type(description="A reviewer's scores of a nomination, 1 to 5 on each criterion.")
class MvpReview:
    expertise: int
    generosity: int
    leadership: int
    advocacy: int
    comment: str | None
    at: datetime = strawberry.field(description="When it was written (or last replaced).")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "MvpReview":
        return cls(expertise=row["expertise"], generosity=row["generosity"], leadership=row["leadership"],
                   advocacy=row["advocacy"], comment=row.get("comment"), at=time_of(row["at"]),  # type: ignore[arg-type]
                   row=row)

    @strawberry.field(description="The four scores' sum, 4 to 20.")
    def total(self) -> int:
        return self.expertise + self.generosity + self.leadership + self.advocacy

    @strawberry.field(description="Who reviewed; null when you may not see their profile.")
    async def reviewer(self, info: Info) -> MemberRef | None:
        return await _visible_member(info, self.row["reviewerId"])


@strawberry.federation.type(keys=["id"], description=(
    "A nomination of a member for the MVP program, with the nominator's case on each criterion and "
    "the evidence. Visible to its nominator, admins and current MVPs only: null for anyone else."))
class MvpNomination(Node):
    id: strawberry.ID
    year: int
    expertise: str = strawberry.field(description="The nominator's case for the nominee's expertise.")
    generosity: str
    leadership: str
    advocacy: str
    status: NominationStatus
    created_at: datetime
    decided_at: datetime | None = strawberry.field(description="When an admin decided; null while PENDING.")
    review_count: int
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "MvpNomination":
        return cls(id=strawberry.ID(to_global_id("MvpNomination", row["id"])), year=row["year"],
                   expertise=row["expertise"], generosity=row["generosity"], leadership=row["leadership"],
                   advocacy=row["advocacy"], status=NominationStatus(row["status"]),
                   created_at=time_of(row["createdAt"]),  # type: ignore[arg-type]
                   decided_at=time_of(row.get("decidedAt")) if row["status"] != "PENDING" else None,
                   review_count=row.get("reviewCount", 0), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "MvpNomination | None":
        row = await service.nomination_by_id(info.context.scope, nomination_id=reference_id(id, "MvpNomination"))
        return cls.from_row(row) if row else None

    @strawberry.field(description="Who is nominated; null when you may not see their profile.")
    async def nominee(self, info: Info) -> MemberRef | None:
        return await _visible_member(info, self.row["nomineeId"])

    @strawberry.field(description="Who nominated; null when you may not see their profile.")
    async def nominator(self, info: Info) -> MemberRef | None:
        return await _visible_member(info, self.row["nominatorId"])

    @strawberry.field(description="The nominee's answers, events and groups cited, then the links.")
    async def evidence(self, info: Info) -> list[NominationEvidence]:
        rows = await service.nomination_evidence(info.context.scope, self.row)
        return [NominationEvidence(kind=NominationEvidenceKind(row["kind"]), url=row.get("url"), row=row)
                for row in rows]

    @strawberry.field(description="The nominee's evidence summary, computed from the graph now.")
    async def evidence_summary(self, info: Info) -> MvpEvidenceSummary:
        row = await service.evidence_summary(info.context.scope, member_id=self.row["nomineeId"])
        return MvpEvidenceSummary.from_row(row)

    @strawberry.field(description=(
        "The mean over its reviews of the four scores' sum (4 to 20); null before the first review."))
    def average_score(self) -> float | None:
        return service.average_score(self.row)

    @strawberry.field(description="Every review, newest first. Admins and current MVPs only: FORBIDDEN for others.")
    async def reviews(self, info: Info) -> list[MvpReview]:
        return [MvpReview.from_row(row) for row in await service.nomination_reviews(info.context.scope, self.row)]

    @strawberry.field(description="Your own review; null when you have not reviewed it.")
    async def viewer_review(self, info: Info) -> MvpReview | None:
        row = await service.viewer_review(info.context.scope, self.row)
        return MvpReview.from_row(row) if row else None

    @strawberry.field(description="The nomination window it was made in.")
    async def cycle(self, info: Info) -> "MvpCycle | None":
        return _cycle(await service.cycle_of_year(info.context.scope, year=self.row["year"]))


@strawberry.federation.type(keys=["id"], description=(
    "A year's MVP nomination window, which an admin opens. Nominations go to the current year's "
    "cycle while it is open."))
class MvpCycle(Node):
    id: strawberry.ID
    year: int
    opens_at: datetime
    closes_at: datetime = strawberry.field(description="Nominations close at this moment (exclusive).")
    nomination_count: int
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "MvpCycle":
        return cls(id=strawberry.ID(to_global_id("MvpCycle", row["id"])), year=row["year"],
                   opens_at=time_of(row["opensAt"]), closes_at=time_of(row["closesAt"]),  # type: ignore[arg-type]
                   nomination_count=row.get("nominationCount", 0), row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "MvpCycle | None":
        row = await service.cycle_by_id(info.context.scope, cycle_id=reference_id(id, "MvpCycle"))
        return cls.from_row(row) if row else None

    @strawberry.field(description="Whether nominations are accepted now.")
    def is_open(self, info: Info) -> bool:
        return service.is_open(self.row, service.mvp(info.context.scope).now)

    @strawberry.field(description=(
        "The cycle's nominations (only `status`, when given), best average score first, unreviewed "
        "ones last. Admins and current MVPs only: FORBIDDEN for others."))
    async def nominations(self, info: Info, first: int | None = None, after: str | None = None,
                          status: NominationStatus | None = None) -> Connection[MvpNomination]:
        fetched = await service.cycle_nominations(info.context.scope, cycle_id=self.row["id"],
                                                  status=status.value if status else None,
                                                  win=window(first, after, None, None))
        return Connection.of(fetched, MvpNomination.from_row)


@strawberry.federation.type(keys=["id"], description="A member's one-year MVP term.")
class MvpTerm(Node):
    id: strawberry.ID
    year: int = strawberry.field(description="The nomination year it was decided in.")
    starts_at: datetime
    ends_at: datetime = strawberry.field(description="One year after it started (exclusive).")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "MvpTerm":
        return cls(id=strawberry.ID(to_global_id("MvpTerm", row["id"])), year=row["year"],
                   starts_at=time_of(row["startsAt"]), ends_at=time_of(row["endsAt"]),  # type: ignore[arg-type]
                   row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "MvpTerm | None":
        row = await service.term_by_id(info.context.scope, term_id=reference_id(id, "MvpTerm"))
        return cls.from_row(row) if row else None

    @strawberry.field(description="The MVP; null when you may not see their profile.")
    async def member(self, info: Info) -> MemberRef | None:
        return await _visible_member(info, self.row["memberId"])

    @strawberry.field(description="Whether the term covers now.")
    def is_current(self, info: Info) -> bool:
        return service.is_current(self.row, service.mvp(info.context.scope).now)


def _cycle(row: Row | None) -> MvpCycle | None:
    return MvpCycle.from_row(row) if row else None


def _nomination(row: Row | None) -> MvpNomination | None:
    return MvpNomination.from_row(row) if row else None


# -- queries ----------------------------------------------------------------------------------------


@strawberry.type
class MvpQueries:
    @strawberry.field(description="A year's MVP nomination window (default: the current year); null when none.")
    async def mvp_cycle(self, info: Info, year: int | None = None) -> MvpCycle | None:
        return _cycle(await service.cycle_of_year(info.context.scope, year=year))

    @strawberry.field(description=(
        "A year's MVPs (default: the current year), by display name: the terms whose member you may "
        "see, of members in `country` (ISO 3166-1 alpha-2) or holding skill `skillId` when given."))
    async def mvps(self, info: Info, year: int | None = None, country: str | None = None,
                   skill_id: strawberry.ID | None = None, first: int | None = None,
                   after: str | None = None) -> Connection[MvpTerm]:
        fetched = await service.mvps(info.context.scope, year=year, country=country,
                                     skill_global_id=str(skill_id) if skill_id is not None else None,
                                     win=window(first, after, None, None))
        return Connection.of(fetched, MvpTerm.from_row)

    @strawberry.field(description="A nomination; null when missing or not visible to you (see MvpNomination).")
    async def mvp_nomination(self, info: Info, id: strawberry.ID) -> MvpNomination | None:
        return await MvpNomination.resolve_reference(info, id)


# -- mutations --------------------------------------------------------------------------------------


@strawberry.input(description="A year's nomination window: at most 92 days, for the current or the next year.")
class OpenMvpNominationsInput:
    year: int
    closes_at: datetime = strawberry.field(description="After `opensAt`. UTC when no offset is given.")
    opens_at: datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.type(description=(
    "The cycle opened, or why not: ALREADY_OPENED (one a year) or BAD_USER_INPUT. Not an admin: FORBIDDEN."))
class OpenMvpNominationsPayload:
    cycle: MvpCycle | None
    user_errors: list[UserErrorRef]


@strawberry.input(description=(
    "A nomination: the case on each criterion (1 to 2,000 characters each) and the evidence."))
class NominateMvpInput:
    nominee_id: strawberry.ID
    expertise: str
    generosity: str
    leadership: str
    advocacy: str
    evidence: list[strawberry.ID] | None = strawberry.field(default=None, description=(
        "Up to 20 global IDs of Answers the nominee wrote, Events they speak at and Groups they lead."))
    links: list[str] | None = strawberry.field(default=None, description="Up to 10 absolute http(s) URLs.")


@strawberry.type(description=(
    "The nomination made, or why not: NOMINATIONS_CLOSED, NOT_FOUND, SELF_NOMINATION, NOT_ELIGIBLE "
    "(joined less than a year ago), ALREADY_NOMINATED (once per nominee a year), ALREADY_DECIDED, "
    "INVALID_EVIDENCE or BAD_USER_INPUT. Anonymous: UNAUTHENTICATED."))
class NominateMvpPayload:
    nomination: MvpNomination | None
    user_errors: list[UserErrorRef]


@strawberry.input(description="Your scores of a nomination, 1 to 5 on each criterion; a second review replaces the first.")
class ReviewNominationInput:
    nomination_id: strawberry.ID
    expertise: int
    generosity: int
    leadership: int
    advocacy: int
    comment: str | None = strawberry.field(default=None, description="Up to 2,000 characters.")


@strawberry.type(description=(
    "The nomination reviewed, or why not: NOT_FOUND, ALREADY_DECIDED or BAD_USER_INPUT. Not an admin "
    "or a current MVP, or the nomination's nominee or nominator: FORBIDDEN."))
class ReviewNominationPayload:
    nomination: MvpNomination | None
    user_errors: list[UserErrorRef]


@strawberry.input(description="An admin's decision on every nomination of a nominee in a year.")
class DecideMvpInput:
    nominee_id: strawberry.ID
    year: int
    decision: MvpDecision


@strawberry.type(description=(
    "The member decided on (and their new term when SELECTED), or why not: NO_NOMINATION, "
    "ALREADY_DECIDED or BAD_USER_INPUT. Not an admin: FORBIDDEN."))
class DecideMvpPayload:
    member: MemberRef | None
    term: MvpTerm | None
    user_errors: list[UserErrorRef]


@strawberry.type
class MvpMutations:
    @strawberry.mutation(description="Open a year's MVP nomination window. Admins.")
    async def open_mvp_nominations(self, info: Info, input: OpenMvpNominationsInput) -> OpenMvpNominationsPayload:
        out = await writes.open_nominations(info.context.scope, year=input.year, opens_at=input.opens_at,
                                            closes_at=input.closes_at)
        return OpenMvpNominationsPayload(cycle=_cycle(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Nominate a member who joined at least a year ago for this year's MVP program, while its window "
        "is open; once per nominee a year. Signed-in members."))
    async def nominate_mvp(self, info: Info, input: NominateMvpInput) -> NominateMvpPayload:
        statements = {"expertise": input.expertise, "generosity": input.generosity,
                      "leadership": input.leadership, "advocacy": input.advocacy}
        out = await writes.nominate(info.context.scope, nominee_global_id=str(input.nominee_id),
                                    statements=statements, evidence=[str(v) for v in input.evidence or []],
                                    links=list(input.links or []))
        return NominateMvpPayload(nomination=_nomination(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description="Score a PENDING nomination. Admins and current MVPs.")
    async def review_nomination(self, info: Info, input: ReviewNominationInput) -> ReviewNominationPayload:
        scores = {"expertise": input.expertise, "generosity": input.generosity, "leadership": input.leadership,
                  "advocacy": input.advocacy}
        out = await writes.review(info.context.scope, nomination_global_id=str(input.nomination_id), scores=scores,
                                  comment=input.comment)
        return ReviewNominationPayload(nomination=_nomination(out.value), user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Decide a nominee's nominations of a year. SELECTED starts a one-year MVP term and earns the MVP "
        "badge (once). Admins."))
    async def decide_mvp(self, info: Info, input: DecideMvpInput) -> DecideMvpPayload:
        out = await writes.decide(info.context.scope, nominee_global_id=str(input.nominee_id), year=input.year,
                                  decision=input.decision.value)
        value = out.value or {}
        term = value.get("term")
        return DecideMvpPayload(member=_member(value.get("member")), term=MvpTerm.from_row(term) if term else None,
                                user_errors=_errors(out.user_errors))


# -- fields of Member ---------------------------------------------------------------------------------


@strawberry.type
class MvpMemberFields:
    @strawberry.field(description="Their MVP terms, newest first.")
    async def mvp_terms(self, info: Info) -> list[MvpTerm]:
        rows = await service.terms_of_member(info.context.scope, member_id=self.row["id"])  # type: ignore[attr-defined]
        return [MvpTerm.from_row(row) for row in rows]

    @strawberry.field(description="Whether they serve an MVP term now.")
    async def is_mvp(self, info: Info) -> bool:
        return await service.is_mvp(info.context.scope, member_id=self.row["id"])  # type: ignore[attr-defined]

    @strawberry.field(description="Their MVP evidence summary, computed from the graph now.")
    async def mvp_evidence(self, info: Info) -> MvpEvidenceSummary:
        row = await service.evidence_summary(info.context.scope, member_id=self.row["id"])  # type: ignore[attr-defined]
        return MvpEvidenceSummary.from_row(row)

    @strawberry.field(description="The MVP nominations you made, newest first. Only on `viewer`.")
    async def mvp_nominations(self, info: Info, first: int | None = None,
                              after: str | None = None) -> Connection[MvpNomination]:
        fetched = await service.member_nominations(info.context.scope, member_id=self.row["id"],  # type: ignore[attr-defined]
                                                   win=window(first, after, None, None))
        return Connection.of(fetched, MvpNomination.from_row)


ENTITIES: list[type] = [MvpCycle, MvpNomination, MvpTerm]
