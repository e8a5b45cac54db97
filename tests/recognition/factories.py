"""Recognition test data: MVP cycles, nominations with their evidence, reviews, terms (with the
`mvp` badge) and customer hero stories with the CITY_TOUR events their heroes speak at.

Rows are shaped like the seed writer's (graph/seed/ideas_writer.py) and written through it; every
function returns the rows it wrote (with their ids). Nominations' reviewCount and scoreTotal, and
members' badgeCount and rank (after an `mvp` badge), are recomputed (`SeedWriter.recount`), so the
factories leave a graph `counter_mismatches()` finds consistent when used as documented: nominees
joined a year before their nomination (`tests.factories.member(graph, joinedAt=...)`), a term goes
to a nominee with a SELECTED nomination that year. Members, groups, answers and events come from
`tests.factories`, companies from `tests.learning.factories`.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from graph.seed.writer import SeedWriter
from tests.factories import Row, _n

__all__ = ["ELIGIBLE", "cycle", "hero", "hero_speaker", "mvp_badge", "nomination", "review", "term"]

# A joinedAt that makes a member eligible for a nomination made now (a year and a month ago).
ELIGIBLE = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=400)
_KINDS = {"Answer": "ANSWER", "Event": "EVENT", "Group": "GROUP"}


def _id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


async def cycle(graph, year: int | None = None, *, is_open: bool = True, opened_by: Row | None = None,
                opens_at: datetime | None = None, closes_at: datetime | None = None) -> Row:
    """The MVP nomination window of `year` (default the current one): open now (a day ago to 30 days
    ahead) or, with `is_open=False`, closed (60 to 30 days ago). `opened_by`: the admin's member row."""
    now = _now()
    year = year or now.year
    opens = opens_at or (now - timedelta(days=1) if is_open else now - timedelta(days=60))
    closes = closes_at or (now + timedelta(days=30) if is_open else now - timedelta(days=30))
    row = {"id": _id(), "year": year, "opensAt": opens, "closesAt": closes, "createdAt": opens,
           "openedBy": opened_by["id"] if opened_by else None}
    await SeedWriter(graph).mvp_cycles([row])
    return row


async def nomination(graph, cycle_row: Row, nominator: Row, nominee: Row, *, evidence: Iterable[tuple[str, Row]] = (),
                     links: Iterable[str] = (), status: str = "PENDING", created_at: datetime | None = None,
                     decided_at: datetime | None = None, **props: Any) -> Row:
    """`nominator` nominates `nominee` in the cycle (its year), citing `evidence`: (kind, row) pairs
    with kind "Answer", "Event" or "Group" (the nominee's answers, events spoken at, groups led; not
    checked). Created now (or `created_at`); SELECTED/NOT_SELECTED ones are decided then unless
    `decided_at` says otherwise. `props` override the criteria texts. The row has an extra key
    "evidence" (the written CITES rows)."""
    n = _n()
    created = created_at or _now()
    row = {"id": _id(), "year": cycle_row["year"], "nominatorId": nominator["id"], "nomineeId": nominee["id"],
           "expertise": f"Answers hard questions ({n}).", "generosity": "Helps newcomers every week.",
           "leadership": "Leads the local group.", "advocacy": "Speaks at community events.",
           "links": list(links), "status": status, "reviewCount": 0, "scoreTotal": 0, "createdAt": created,
           "decidedAt": decided_at or (None if status == "PENDING" else created), **props}
    cites = [{"nominationId": row["id"], "targetId": target["id"], "targetKind": _KINDS.get(kind, kind)}
             for kind, target in evidence]
    writer = SeedWriter(graph)
    await writer.mvp_nominations([row])
    await writer.mvp_citations(cites)
    return {**row, "evidence": cites}


async def review(graph, reviewer: Row, nomination_row: Row, scores: tuple[int, int, int, int] = (4, 4, 4, 4), *,
                 comment: str | None = "Strong case.", at: datetime | None = None) -> Row:
    """`reviewer` (an admin or current MVP) REVIEWED the nomination with scores (expertise,
    generosity, leadership, advocacy); reviewCount and scoreTotal follow."""
    expertise, generosity, leadership, advocacy = scores
    row = {"memberId": reviewer["id"], "nominationId": nomination_row["id"], "expertise": expertise,
           "generosity": generosity, "leadership": leadership, "advocacy": advocacy, "comment": comment,
           "at": at or _now()}
    writer = SeedWriter(graph)
    await writer.mvp_reviews([row])
    await writer.recount()
    return row


async def mvp_badge(graph) -> str:
    """The id of the `mvp` badge (kind MVP), created unless the graph has it."""
    return await SeedWriter(graph).mvp_badge()


async def term(graph, member: Row, cycle_row: Row, *, starts_at: datetime | None = None,
               ends_at: datetime | None = None, decided_at: datetime | None = None) -> Row:
    """A one-year MVP term of the cycle's year for `member`, current by default (started a day ago),
    and the `mvp` badge EARNED then unless already earned; badgeCount and rank follow. For a
    consistent graph the member has a SELECTED nomination of that year (`nomination(...,
    status="SELECTED")`)."""
    starts = starts_at or _now() - timedelta(days=1)
    row = {"id": _id(), "memberId": member["id"], "year": cycle_row["year"], "startsAt": starts,
           "endsAt": ends_at or starts + timedelta(days=365), "decidedAt": decided_at or starts}
    writer = SeedWriter(graph)
    await writer.mvp_badge()
    await writer.mvp_terms([row])
    await writer.earn_mvp_badge([{"id": _id(), "memberId": member["id"], "at": row["decidedAt"]}])
    await writer.recount()
    return row


async def hero(graph, member: Row, company: Row, products: Iterable[Row], *, title: str | None = None,
               story: str | None = None, featured_at: datetime | None = None, featured_by: Row | None = None) -> Row:
    """A customer hero story featuring `member`, AT `company`, USES each product area of `products`
    (topics, at least one)."""
    n = _n()
    row = {"id": _id(), "memberId": member["id"], "title": title or f"How team {n} automated onboarding",
           "story": story or f"Story {n}: three admins rebuilt onboarding with Flow and cut it to a day.",
           "featuredAt": featured_at or _now(), "featuredBy": featured_by["id"] if featured_by else None,
           "companyId": company["id"], "topicIds": [t["id"] for t in products]}
    await SeedWriter(graph).customer_heroes([row])
    return row


async def hero_speaker(graph, hero_row: Row, event: Row) -> Row:
    """The hero's member SPEAKS_AT `event`, which must be a CITY_TOUR (else NotFound)."""
    row = {"heroId": hero_row["id"], "eventId": event["id"]}
    await SeedWriter(graph).hero_speakers([row])
    return row
