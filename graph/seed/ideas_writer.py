"""The ideas and recognition kinds of the seed writer (graph/MODEL.md, "Ideas" and "Recognition").

A mixin of `SeedWriter`, like `CareersSeedWriter`: one method per kind of `ideas.cypher`, the
recounts and the invariant checks of both sections. It relies on the host's `_write` and `graph`.
The `mvp` badge and its EARNED relationships are learning kinds (`badges`, `earned_badges`): a
term's badge counts in the member's badgeCount and rank like any other badge.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Iterable, Mapping

from graph.cypher import load_queries

QUERIES = load_queries(Path(__file__).parent)
Rows = Iterable[Mapping[str, Any]]

# In write order: each kind's rows only name nodes of earlier kinds (or of the community, learning
# and careers kinds).
IDEAS_KINDS = (
    "ideas",
    "idea_votes",
    "idea_follows",
    "idea_comments",
    "idea_status_changes",
    "idea_merges",
    "rounds",
    "round_shortlists",
    "coin_budgets",
    "coin_allocations",
    "round_selections",
)
RECOGNITION_KINDS = (
    "mvp_cycles",
    "mvp_nominations",
    "mvp_citations",
    "mvp_reviews",
    "mvp_terms",
    "customer_heroes",
    "hero_speakers",
)
IDEAS_MISMATCH_KINDS = ("ideas", "recognition")
# resolvers/ideas/rules.py's DEFAULT_REVIEW_THRESHOLD (the graph layer does not import resolvers).
DEFAULT_REVIEW_THRESHOLD = 2500


class IdeasSeedWriter:
    """Ideas and recognition kinds: every row names existing nodes, so every write raises NotFound
    on a missing end (ideas and rounds need their product area, nominations and terms their cycle)."""

    async def _write(self, query, rows, *, check: bool) -> int:  # provided by SeedWriter
        raise NotImplementedError

    async def _linked(self, name: str, rows: Rows) -> int:
        return await self._write(QUERIES[name], rows, check=True)

    # ideas

    async def ideas(self, rows: Rows) -> int:
        """Ideas: MODEL.md properties plus {authorId, productAreaId}; searchText is derived, missing
        counters are 0 (see `recount_ideas`)."""
        return await self._linked("seed_ideas", rows)

    async def idea_votes(self, rows: Rows) -> int:
        """{memberId, ideaId, value (1 or -1), at, trend (`vote_trend(value, at)`)}; counters untouched."""
        return await self._linked("seed_idea_votes", rows)

    async def idea_follows(self, rows: Rows) -> int:
        """{memberId, ideaId, since}; followerCount untouched."""
        return await self._linked("seed_idea_follows", rows)

    async def idea_comments(self, rows: Rows) -> int:
        """{id, memberId, ideaId, body, createdAt}; commentCount untouched."""
        return await self._linked("seed_idea_comments", rows)

    async def idea_status_changes(self, rows: Rows) -> int:
        """{id, ideaId, from, to, comment, expectedRelease, at, changedById (None: the automatic move)}."""
        return await self._linked("seed_idea_status_changes", rows)

    async def idea_merges(self, rows: Rows) -> int:
        """{fromId, intoId}: MERGED_INTO."""
        return await self._linked("seed_idea_merges", rows)

    async def rounds(self, rows: Rows) -> int:
        """{id, name, budget, opensAt, closesAt, createdAt, closedAt, openedBy, version, productAreaId}."""
        return await self._linked("seed_rounds", rows)

    async def round_shortlists(self, rows: Rows) -> int:
        """{roundId, ideaId, position}."""
        return await self._linked("seed_round_shortlists", rows)

    async def coin_budgets(self, rows: Rows) -> int:
        """{roundId, memberId, spent}; the key is derived; an existing budget is kept (see `recount_ideas`)."""
        return await self._linked("seed_coin_budgets", rows)

    async def coin_allocations(self, rows: Rows) -> int:
        """{memberId, ideaId, roundId, coins, at}; idea coins and budgets untouched."""
        return await self._linked("seed_coin_allocations", rows)

    async def round_selections(self, rows: Rows) -> int:
        """{roundId, ideaId, rank, coins}: SELECTED."""
        return await self._linked("seed_round_selections", rows)

    # recognition

    async def mvp_cycles(self, rows: Rows) -> int:
        """{id, year, opensAt, closesAt, createdAt, openedBy}."""
        return await self._write(QUERIES["seed_mvp_cycles"], rows, check=False)

    async def mvp_nominations(self, rows: Rows) -> int:
        """MvpNomination properties plus {nominatorId, nomineeId}; the key is derived, the cycle is
        the one of `year`; reviewCount and scoreTotal as given (see `recount_recognition`)."""
        return await self._linked("seed_mvp_nominations", rows)

    async def mvp_citations(self, rows: Rows) -> int:
        """{nominationId, targetId, targetKind (ANSWER, EVENT or GROUP)}: CITES."""
        return await self._linked("seed_mvp_citations", rows)

    async def mvp_reviews(self, rows: Rows) -> int:
        """{memberId, nominationId, expertise, generosity, leadership, advocacy (1-5), comment, at}."""
        return await self._linked("seed_mvp_reviews", rows)

    async def mvp_terms(self, rows: Rows) -> int:
        """{id, memberId, year, startsAt, endsAt, decidedAt}; the key is derived (earn the badge apart)."""
        return await self._linked("seed_mvp_terms", rows)

    async def customer_heroes(self, rows: Rows) -> int:
        """{id, memberId, title, story, featuredAt, featuredBy, companyId, topicIds (one or more)}."""
        return await self._linked("seed_customer_heroes", rows)

    async def hero_speakers(self, rows: Rows) -> int:
        """{heroId, eventId}: the hero's member SPEAKS_AT the event, which must be a CITY_TOUR."""
        return await self._linked("seed_hero_speakers", rows)

    async def mvp_badge(self) -> str:
        """The id of the `mvp` badge (kind MVP), created unless the graph has it (for test graphs)."""
        rows = await self.graph.write(QUERIES["seed_mvp_badge"], id=str(uuid.uuid4()))
        return rows[0]["id"]

    async def apply_idea_statuses(self, rows: Rows) -> int:
        """For test factories: {ideaId, to, expectedRelease, at} moves each idea to `to` (status,
        statusChangedAt, updatedAt, expectedRelease, underReviewAt or mergedAt); the generator writes
        ideas in their final state instead."""
        return await self._linked("seed_apply_idea_statuses", rows)

    async def earn_mvp_badge(self, rows: Rows) -> int:
        """For test factories: {id, memberId, at} EARNED the `mvp` badge (once per member; create it
        with `mvp_badge()` first). badgeCount and rank follow with `recount()`."""
        return await self._linked("seed_earn_mvp_badge", rows)

    # whole graph

    async def recount_ideas(self) -> None:
        """Recompute idea vote counters, points, followers, comments, coins and trend, coin budgets'
        spent and nominations' reviewCount and scoreTotal."""
        await self.graph.write(QUERIES["seed_recount_ideas"])
        await self.graph.write(QUERIES["seed_recount_recognition"])

    async def ideas_counts(self) -> dict[str, int]:
        rows = await self.graph.read(QUERIES["seed_ideas_counts"])
        return {kind: int(rows[0][kind]) for kind in IDEAS_KINDS + RECOGNITION_KINDS}

    async def ideas_mismatches(self, *, review_threshold: int = DEFAULT_REVIEW_THRESHOLD) -> dict[str, int]:
        ideas = await self.graph.read(QUERIES["seed_ideas_mismatches"], reviewThreshold=review_threshold)
        recognition = await self.graph.read(QUERIES["seed_recognition_mismatches"])
        return {"ideas": int(ideas[0]["ideas"]), "recognition": int(recognition[0]["recognition"])}


__all__ = ["DEFAULT_REVIEW_THRESHOLD", "IDEAS_KINDS", "IDEAS_MISMATCH_KINDS", "IdeasSeedWriter", "RECOGNITION_KINDS"]
