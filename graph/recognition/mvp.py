"""MvpRepository: the MVP program's reads and writes (graph/recognition/mvp.cypher).

Rows: a cycle is the MvpCycle's properties plus `nominationCount`; a nomination is the
MvpNomination's properties plus `nominatorId` and `nomineeId`; a term is the MvpTerm's properties
plus `memberId`; a review is the REVIEWED relationship's properties plus `reviewerId`.

Each mutation is ONE write transaction. Those that read state and then change it take their lock
first with a real write (a review counts itself on the nomination; a decision stamps the nominee's
nominations) and read afterwards; when what they read refuses the change, the transaction is rolled
back (`_Refused`), so a refused mutation writes nothing, the lock stamp included. Uniqueness (one
cycle a year, one nomination per nominator and nominee a year, one term per member a year, one `mvp`
badge) comes from the unique keys: a racing duplicate fails with a constraint error (Conflict),
the transaction is run again, and the retry finds the winner's node.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from graph.community.repository import Page, Row
from graph.database import Graph, Transaction
from graph.errors import GraphError
from graph.learning import QUERIES as LEARNING
from graph.recognition import QUERIES

# How many times a write that lost a race (a unique key, or the lock of a nomination) is run again
# before the client hears CONFLICT. Every attempt re-reads what it decides on.
CONTENDED_ATTEMPTS = 8

# The one MVP badge (graph/MODEL.md, "Recognition": kind MVP, slug `mvp`), created with the first term.
MVP_BADGE = {
    "slug": "mvp",
    "title": "Community MVP",
    "description": "Named a Community MVP: recognised for expertise, generosity, leadership and advocacy.",
    "imageUrl": "https://badges.example.com/mvp.png",
}


class _Refused(GraphError):
    """Raised inside a transaction function to roll it back: what it read after its lock refuses it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _nomination(row: Row) -> Row:
    return {**row["nomination"], "nominatorId": row["nominatorId"], "nomineeId": row["nomineeId"]}


def _cycle(row: Row) -> Row:
    return {**row["cycle"], "nominationCount": row["nominationCount"]}


@dataclass
class NominateResult:
    """What nominateMvp did: the nomination created, or why not (nothing written)."""

    nomination: Row | None = None
    reason: str | None = None  # NO_CYCLE, CLOSED, MISSING_NOMINATOR, MISSING_NOMINEE, ALREADY_NOMINATED, DECIDED
    invalid_evidence: list[str] = field(default_factory=list)  # the cited ids that are not the nominee's


@dataclass
class ReviewResult:
    nomination: Row | None = None
    reason: str | None = None  # NOT_FOUND, NOT_PENDING, MISSING_REVIEWER


@dataclass
class DecideResult:
    """What decideMvp did: the member (and the term, when SELECTED), or why not (nothing written)."""

    member: Row | None = None
    term: Row | None = None
    decided: int = 0
    badge_earned: bool = False
    reason: str | None = None  # NO_NOMINATION, ALREADY_DECIDED, NO_CYCLE


@dataclass(frozen=True)
class Evidence:
    """The application ids a nomination cites, by kind."""

    answers: list[str]
    events: list[str]
    groups: list[str]

    def params(self) -> dict[str, list[str]]:
        return {"answerIds": self.answers, "eventIds": self.events, "groupIds": self.groups}


def _pages(rows: list[Row], build) -> dict[str, Page]:
    return {row["id"]: Page(row["total"], [build(item) for item in row["page"]]) for row in rows}


def _listed_nomination(item: Row) -> Row:
    """A nomination of a list, with the Member rows it carries (`nominee`, and `nominator` when given)."""
    return {"nomination": _nomination(item), "nominee": item.get("nominee"), "nominator": item.get("nominator")}


class MvpRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- lookups (behind DataLoaders) ------------------------------------------------------

    async def cycles_by_years(self, years: list[int]) -> dict[int, Row]:
        rows = await self.graph.read(QUERIES["mvp_cycles_by_years"], ids=years)
        return {row["year"]: _cycle(row) for row in rows}

    async def cycles_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["mvp_cycles_by_ids"], ids=ids)
        return {row["id"]: _cycle(row) for row in rows}

    async def nominations_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["mvp_nominations_by_ids"], ids=ids)
        return {row["id"]: _nomination(row) for row in rows}

    async def nominations_of_cycles(self, ids: list[str], *, status: str | None, skip: int, limit: int) -> dict[str, Page]:
        """A page of each cycle's nominations; rows are {nomination, nominee, nominator} (Member rows)."""
        rows = await self.graph.read(QUERIES["mvp_nominations_of_cycles"], ids=ids, status=status, skip=skip,
                                     limit=limit)
        return _pages(rows, _listed_nomination)

    async def nominations_by_nominators(self, ids: list[str], *, skip: int, limit: int) -> dict[str, Page]:
        """A page of the nominations each member made; rows are {nomination, nominee, nominator: None}."""
        rows = await self.graph.read(QUERIES["mvp_nominations_by_nominators"], ids=ids, skip=skip, limit=limit)
        return {row["id"]: Page(row["total"], [_listed_nomination({**item, "nominatorId": row["id"]})
                                               for item in row["page"]]) for row in rows}

    async def evidence_of_nominations(self, ids: list[str]) -> dict[str, list[Row]]:
        """What each nomination CITES: [{kind, id}] by kind then id."""
        rows = await self.graph.read(QUERIES["mvp_evidence_of_nominations"], ids=ids)
        return {row["id"]: list(row["cited"]) for row in rows}

    async def reviews_of_nominations(self, ids: list[str]) -> dict[str, list[Row]]:
        """Every review of each nomination, newest first: [{review (with reviewerId), reviewer (Member row)}]."""
        rows = await self.graph.read(QUERIES["mvp_reviews_of_nominations"], ids=ids)
        return {row["id"]: [{"review": {**item["review"], "reviewerId": item["reviewerId"]},
                             "reviewer": item["reviewer"]} for item in row["reviews"]] for row in rows}

    async def reviews_by_reviewer(self, reviewer_id: str, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["mvp_reviews_by_reviewer"], ids=ids, reviewerId=reviewer_id)
        return {row["id"]: {**row["review"], "reviewerId": reviewer_id} for row in rows}

    async def terms_by_ids(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["mvp_terms_by_ids"], ids=ids)
        return {row["id"]: row["term"] for row in rows}

    async def terms_of_members(self, ids: list[str]) -> dict[str, list[Row]]:
        rows = await self.graph.read(QUERIES["mvp_terms_of_members"], ids=ids)
        return {row["id"]: [{**term, "memberId": row["id"]} for term in row["terms"]] for row in rows}

    async def terms_page(self, *, year: int, visibility: dict[str, Any], country: str | None, skill_id: str | None,
                         skip: int, limit: int) -> list[Row]:
        """A page of a year's terms: rows {term, member} (the member's properties)."""
        return await self.graph.read(QUERIES["mvp_terms_page"], year=year, country=country, skillId=skill_id,
                                     skip=skip, limit=limit, **visibility)

    async def terms_count(self, *, year: int, visibility: dict[str, Any], country: str | None,
                          skill_id: str | None) -> int:
        rows = await self.graph.read(QUERIES["mvp_terms_count"], year=year, country=country, skillId=skill_id,
                                     **visibility)
        return rows[0]["total"]

    async def evidence_summaries(self, ids: list[str]) -> dict[str, Row]:
        rows = await self.graph.read(QUERIES["mvp_evidence_summaries"], ids=ids)
        return {row["id"]: row for row in rows}

    # -- writes: one transaction each -------------------------------------------------------

    async def open_cycle(self, *, year: int, opens_ms: int, closes_ms: int, admin_id: str,
                         now_ms: int) -> tuple[Row | None, str | None]:
        """Open a year's nomination window: (the cycle, None), or (None, why not: ALREADY_OPENED or
        MISSING_ADMIN), nothing written then."""

        async def work(tx: Transaction) -> tuple[Row | None, str | None]:
            row = await tx.one(QUERIES["mvp_open_cycle"], id=str(uuid.uuid4()), year=year, opensAt=opens_ms,
                               closesAt=closes_ms, now=now_ms, adminId=admin_id)
            if row is not None:
                return {**row["cycle"], "nominationCount": 0}, None
            existing = await tx.rows(QUERIES["mvp_cycles_by_years"], ids=[year])
            return None, "ALREADY_OPENED" if existing else "MISSING_ADMIN"

        return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)

    async def nominate(self, *, year: int, nominator_id: str, nominee_id: str, statements: dict[str, str],
                       links: list[str], evidence: Evidence, now_ms: int,
                       eligible_before_ms: int) -> NominateResult:
        """Nominate, citing the evidence, in one transaction; the result says why not otherwise.

        The cycle must be open at `now_ms`; the nominee must have joined before `eligible_before_ms`
        (checked again here, on the stored joinedAt) and not be decided already that year.
        """
        key = f"{year}:{nominator_id}:{nominee_id}"

        async def work(tx: Transaction) -> NominateResult:
            state = await tx.one(QUERIES["mvp_nomination_state"], year=year, nominatorId=nominator_id,
                                 nomineeId=nominee_id, key=key, **evidence.params())
            assert state is not None  # OPTIONAL MATCHes always give a row
            refused = _nomination_refusal(state, evidence, now_ms=now_ms, eligible_before_ms=eligible_before_ms)
            if refused is not None:
                return refused
            nomination_id = str(uuid.uuid4())
            created = await tx.one(QUERIES["mvp_nominate"], id=nomination_id, key=key, year=year,
                                   nominatorId=nominator_id, nomineeId=nominee_id, links=links, now=now_ms,
                                   **statements)
            if created is None:  # the key appeared between the two statements: answer as a repeat
                raise _Refused("ALREADY_NOMINATED")
            await tx.rows(QUERIES["mvp_cite_evidence"], id=nomination_id, **evidence.params())
            return NominateResult(nomination=_nomination(created))

        try:
            return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)
        except _Refused as refused:
            return NominateResult(reason=refused.reason)

    async def review(self, *, nomination_id: str, reviewer_id: str, scores: dict[str, int], comment: str | None,
                     now_ms: int) -> ReviewResult:
        """Record (or replace) a reviewer's review of a PENDING nomination, keeping its counters exact."""

        async def work(tx: Transaction) -> ReviewResult:
            counted = await tx.one(QUERIES["mvp_review_count"], id=nomination_id, total=sum(scores.values()))
            if counted is None:
                return ReviewResult(reason="NOT_FOUND")  # nothing matched: nothing written
            if counted["status"] != "PENDING":
                raise _Refused("NOT_PENDING")
            written = await tx.one(QUERIES["mvp_review_write"], id=nomination_id, reviewerId=reviewer_id,
                                   comment=comment, now=now_ms, **scores)
            if written is None:
                raise _Refused("MISSING_REVIEWER")
            state = await tx.one(QUERIES["mvp_nominations_by_ids"], ids=[nomination_id])
            assert state is not None
            return ReviewResult(nomination=_nomination(state))

        try:
            return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)
        except _Refused as refused:
            return ReviewResult(reason=refused.reason)

    async def decide(self, *, nominee_id: str, year: int, status: str, now_ms: int, ends_ms: int) -> DecideResult:
        """Decide every nomination of a nominee in a year; SELECTED also starts a term and earns the badge."""

        async def work(tx: Transaction) -> DecideResult:
            locked = await tx.rows(QUERIES["mvp_decide_lock"], nomineeId=nominee_id, year=year, now=now_ms)
            if not locked:
                return DecideResult(reason="NO_NOMINATION")  # nothing matched: nothing written
            if any(row["status"] != "PENDING" for row in locked):
                raise _Refused("ALREADY_DECIDED")
            decided = await tx.one(QUERIES["mvp_decide"], nomineeId=nominee_id, year=year, status=status)
            result = DecideResult(decided=decided["decided"] if decided else 0)
            if status == "SELECTED":
                term = await tx.one(QUERIES["mvp_create_term"], id=str(uuid.uuid4()), key=f"{year}:{nominee_id}",
                                    year=year, memberId=nominee_id, now=now_ms, endsAt=ends_ms)
                if term is None:  # a term of that year exists already (or its cycle is gone)
                    raise _Refused("ALREADY_DECIDED")
                result.term = term["term"]
                earned = await tx.one(QUERIES["mvp_earn_badge"], memberId=nominee_id, now=now_ms,
                                      badgeId=str(uuid.uuid4()), assertionId=str(uuid.uuid4()), **MVP_BADGE)
                if earned is not None:
                    result.badge_earned = True
                    await tx.rows(LEARNING["promote_member_rank"], memberId=nominee_id, at=now_ms)
            member = await tx.one(QUERIES["mvp_member"], memberId=nominee_id)
            result.member = member["member"] if member else None
            return result

        try:
            return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)
        except _Refused as refused:
            return DecideResult(reason=refused.reason)


def _nomination_refusal(state: Row, evidence: Evidence, *, now_ms: int, eligible_before_ms: int) -> NominateResult | None:
    """Why the state read by `mvp_nomination_state` refuses the nomination, or None."""
    cycle = state["cycle"]
    if cycle is None:
        return NominateResult(reason="NO_CYCLE")
    if not _epoch_ms(cycle["opensAt"]) <= now_ms < _epoch_ms(cycle["closesAt"]):
        return NominateResult(reason="CLOSED")
    if not state["nominatorExists"]:
        return NominateResult(reason="MISSING_NOMINATOR")
    if not state["nomineeExists"]:
        return NominateResult(reason="MISSING_NOMINEE")
    joined = state["joinedAt"]
    if joined is None or _epoch_ms(joined) > eligible_before_ms:
        return NominateResult(reason="NOT_ELIGIBLE")
    if state["existingId"] is not None:
        return NominateResult(reason="ALREADY_NOMINATED")
    if state["decided"]:
        return NominateResult(reason="DECIDED")
    invalid = [i for cited, own in ((evidence.answers, state["answers"]), (evidence.events, state["events"]),
                                    (evidence.groups, state["groups"])) for i in cited if i not in set(own)]
    if invalid:
        return NominateResult(reason="INVALID_EVIDENCE", invalid_evidence=invalid)
    return None


def _epoch_ms(value: Any) -> int:
    """A driver (or Python) datetime as epoch milliseconds; a naive one is taken as UTC."""
    native = value.to_native() if hasattr(value, "to_native") else value
    if isinstance(native, datetime) and native.tzinfo is None:
        native = native.replace(tzinfo=timezone.utc)
    return int(native.timestamp() * 1000)
