"""The recognition part of a generated community: the MVP program and customer hero stories.

`RecognitionBuilder(gen)` builds, after everything else, every kind of graph/seed/ideas_writer.py's
`RECOGNITION_KINDS` (in that write order) and yields their rows, shaped as graph/seed/ideas.cypher
reads them (graph/MODEL.md, "Recognition"). Three things land in other kinds' rows, all built before
any row is emitted: the `mvp` badge (a learning `badges` row, kind MVP) and each MVP's EARNED (an
`earned_badges` row at their first term's decision, with the member's `badgeCount` one higher), and
MVPs added as speakers of OFFICE_HOURS events (the `events` rows' speakerIds).

Sizes (`RECOGNITION_SIZES`: nominations per past cycle, nominations over the current window's
45 days, heroes), and what they gave (seeds 7, 11 and 1, `now` 2026-11-22, 30 days into the window):

| size | nominations (past, past, current) | citations | reviews | terms (current) | heroes | city tours | office hours |
|---|---|---|---|---|---|---|---|
| demo | 37 (16, 16, 5) | 21 | 77 | 10 (5) | 6 | 2 | 1 |
| small | 267 (120, 120, 27) | 115 | 576 | 74 (37) | 25 | 16 | 15 |
| medium | 2,000 (900, 900, 200) | 853 | 4,673 | 535 (271) | 120 | 94 | 116 |

- Cycles, nominations, evidence, reviews, decisions, terms, the badge and office hours:
  resolvers/seed/recognition_mvp.py.
- Hero stories and city tours: resolvers/seed/recognition_heroes.py.

Everything is dated relative to `now`, from random streams of its own (`recognition-...`).
`reviewCount` and `scoreTotal` are counted from the reviews yielded.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from graph.seed.ideas_writer import RECOGNITION_KINDS
from resolvers.seed.recognition_heroes import HeroStories
from resolvers.seed.recognition_mvp import MVP_BADGE, LedgerFacts, MvpProgram

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator


@dataclass(frozen=True)
class RecognitionSize:
    """How much recognition data one named seed has."""

    nominations: int  # per past cycle
    current_nominations: int  # over the whole current window (pro rata while it runs)
    heroes: int


RECOGNITION_SIZES: dict[str, RecognitionSize] = {
    "demo": RecognitionSize(nominations=16, current_nominations=8, heroes=6),
    "small": RecognitionSize(nominations=120, current_nominations=40, heroes=25),
    "medium": RecognitionSize(nominations=900, current_nominations=300, heroes=120),
}
_CITED = {"ANSWER", "EVENT", "GROUP"}


class RecognitionBuilder:
    """Builds and emits the recognition kinds for one `SeedGenerator` (after learning and ideas)."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen
        self.size = RECOGNITION_SIZES[gen.size]

    def build(self) -> None:
        gen = self.gen
        mvp = self.mvp = MvpProgram(gen, self.size)
        mvp.evidence()
        mvp.cycles()
        mvp.nominate()
        mvp.decide(LedgerFacts(gen, {x["nominee"] for x in mvp.nominations}))
        self._badge()
        mvp.office_hours()
        self.heroes = HeroStories(gen, self.size.heroes, mvp.admins)
        self.heroes.build(excluded={t["member"] for t in mvp.terms})

    def _badge(self) -> None:
        """The `mvp` badge joins the learning catalog, each MVP's EARNED their ledger (and their
        badgeCount), and the promotions it brought forward replace theirs."""
        gen = self.gen
        rng = gen._rng("recognition-badge")
        catalog = gen.learning.catalog
        ledger = gen.learning.progress.ledger
        if any(b["slug"] == MVP_BADGE["slug"] for b in catalog.badges):
            raise ValueError("the learning catalog already has a badge with the mvp slug")
        catalog.badges.append({"id": gen._uuid(rng), **MVP_BADGE,
                               "imageUrl": f"https://badges.example.com/{MVP_BADGE['slug']}.png",
                               "availableFrom": None, "availableUntil": None})
        badge = len(catalog.badges) - 1
        for m, ago in sorted(self.mvp.badge_earned.items()):
            ledger.eb_member.append(m)
            ledger.eb_badge.append(badge)
            ledger.eb_ago.append(ago)
            gen.members[m]["badgeCount"] += 1
        # Promotions the badge brought forward: each such member's REACHED history is replaced.
        recorded = self.mvp.ledger_facts.recorded
        changed = {m for m, promotions in self.mvp.promotions.items() if sorted(promotions) != sorted(recorded[m])}
        if changed:
            kept = [k for k, m in enumerate(ledger.rh_member) if m not in changed]
            members, ranks, agos = ledger.rh_member, ledger.rh_rank, ledger.rh_ago
            ledger.rh_member = array("i", (members[k] for k in kept))
            ledger.rh_rank = array("i", (ranks[k] for k in kept))
            ledger.rh_ago = array("q", (agos[k] for k in kept))
            for m in sorted(changed):
                for ago, position in self.mvp.promotions[m]:
                    ledger.rh_member.append(m)
                    ledger.rh_rank.append(position)
                    ledger.rh_ago.append(ago)
                gen.members[m]["rank"] = max((p for _, p in self.mvp.promotions[m]), default=1)

    # ------------------------------------------------------------------ public

    def totals(self) -> dict[str, int]:
        mvp = self.mvp
        return {
            "mvp_cycles": len(mvp.cycle_rows),
            "mvp_nominations": len(mvp.nominations),
            "mvp_citations": sum(len(x["cites"]) for x in mvp.nominations),
            "mvp_reviews": sum(len(x["reviews"]) for x in mvp.nominations),
            "mvp_terms": len(mvp.terms),
            "customer_heroes": len(self.heroes.heroes),
            "hero_speakers": len(self.heroes.speakers),
        }

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        emit: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
            "mvp_cycles": self._cycle_rows,
            "mvp_nominations": self._nomination_rows,
            "mvp_citations": self._citation_rows,
            "mvp_reviews": self._review_rows,
            "mvp_terms": self._term_rows,
            "customer_heroes": self._hero_rows,
            "hero_speakers": self._hero_speaker_rows,
        }
        if kind not in RECOGNITION_KINDS:
            raise ValueError(f"unknown row kind {kind!r}")
        return emit[kind]()

    # ------------------------------------------------------------------ emit

    def _cycle_rows(self) -> Iterator[dict[str, Any]]:
        for row in self.mvp.cycle_rows:
            yield dict(row)

    def _nomination_rows(self) -> Iterator[dict[str, Any]]:
        gen, mvp = self.gen, self.mvp
        for x in mvp.nominations:
            yield {
                "id": x["id"], "year": mvp.cycle_rows[x["cycle"]]["year"],
                "nominatorId": gen.members[x["nominator"]]["id"], "nomineeId": gen.members[x["nominee"]]["id"],
                "expertise": x["expertise"], "generosity": x["generosity"], "leadership": x["leadership"],
                "advocacy": x["advocacy"], "links": list(x["links"]), "status": x["status"],
                "reviewCount": len(x["reviews"]), "scoreTotal": sum(sum(r["scores"]) for r in x["reviews"]),
                "createdAt": gen.at(x["ago"]), "decidedAt": gen.at(x["decided"]) if x["decided"] is not None else None,
            }

    def _citation_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        ids = {"ANSWER": gen.qna.a_ids, "EVENT": [e["id"] for e in gen.event_builder.events],
               "GROUP": [g["id"] for g in gen.groups]}
        for x in self.mvp.nominations:
            for kind, target in x["cites"]:
                yield {"nominationId": x["id"], "targetId": ids[kind][target], "targetKind": kind}

    def _review_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for x in self.mvp.nominations:
            for r in x["reviews"]:
                expertise, generosity, leadership, advocacy = r["scores"]
                yield {"memberId": gen.members[r["member"]]["id"], "nominationId": x["id"], "expertise": expertise,
                       "generosity": generosity, "leadership": leadership, "advocacy": advocacy,
                       "comment": r["comment"], "at": gen.at(r["ago"])}

    def _term_rows(self) -> Iterator[dict[str, Any]]:
        gen, mvp = self.gen, self.mvp
        for t in mvp.terms:
            yield {"id": t["id"], "memberId": gen.members[t["member"]]["id"],
                   "year": mvp.cycle_rows[t["cycle"]]["year"],
                   "startsAt": gen.at(t["starts"]), "endsAt": gen.at(t["ends"]), "decidedAt": gen.at(t["starts"])}

    def _hero_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for hero in self.heroes.heroes:
            yield {"id": hero["id"], "memberId": gen.members[hero["member"]]["id"], "title": hero["title"],
                   "story": hero["story"], "featuredAt": gen.at(hero["ago"]), "featuredBy": hero["featuredBy"],
                   "companyId": hero["companyId"], "topicIds": [gen.topics[t]["id"] for t in hero["topics"]]}

    def _hero_speaker_rows(self) -> Iterator[dict[str, Any]]:
        heroes, events = self.heroes.heroes, self.gen.event_builder.events
        for h, e in self.heroes.speakers:
            yield {"heroId": heroes[h]["id"], "eventId": events[e]["id"]}


__all__ = ["RECOGNITION_SIZES", "RecognitionBuilder", "RecognitionSize"]
