"""Bulk writes of seed rows: one method per node or relationship kind, usable as test factories.

Rows are plain dicts shaped like `resolvers/seed/generator.py` yields them (graph/MODEL.md
property names; relationships name their ends by id). Each method writes its rows in
`UNWIND $rows` batches of `batch_size`, one write transaction per batch, and returns how many
it wrote. Methods whose rows name other nodes (relationships, and questions, answers and events,
which are written with their links) raise `NotFound` when a row names a node that does not exist.

Counters are written as given (missing ones as 0): the seed generator computes them from the
relationships it yields. After writing relationships with other counters in mind (test
factories), call `recount()` to make every counter match the relationships again.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping

from graph.cypher import Query, load_queries
from graph.database import Graph
from graph.errors import NotFound
from graph.qna.reputation import REPUTATION
from graph.seed.careers_writer import CAREERS_KINDS, CAREERS_MISMATCH_KINDS, CareersSeedWriter
from graph.seed.ideas_writer import (
    DEFAULT_REVIEW_THRESHOLD, IDEAS_KINDS, IDEAS_MISMATCH_KINDS, RECOGNITION_KINDS, IdeasSeedWriter,
)
from graph.seed.learning_writer import LEARNING_KINDS, LEARNING_MISMATCH_KINDS, LearningSeedWriter

QUERIES = load_queries(Path(__file__).parent)

# Times travel as epoch milliseconds and `seed.cypher` turns them into zoned datetimes. Two
# reasons, both measured: the driver's own datetime encoding was over half of the client's CPU
# time in a bulk load, and the embedded engine stores a datetime parameter with a fixed offset
# (datetime.timezone.utc) as a LOCAL DATETIME, unlike the ZONED DATETIME `datetime()` gives.
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLISECOND = timedelta(milliseconds=1)
_FLOATS = frozenset({"latitude", "longitude"})
_DERIVED = frozenset({"searchText"})  # computed by the statements themselves
# Every kind the writer knows, in an order where each kind's rows only name nodes of earlier kinds
# (questions and events carry their own ASKED/TAGGED/POSTED_IN and HOSTS/ABOUT/SPEAKS_AT links).
KINDS = (
    "topics",
    "skills",
    "topic_skills",
    "members",
    "groups",
    "group_topics",
    "memberships",
    "skills_held",
    "topic_follows",
    "follows",
    "questions",
    "answers",
    "votes",
    "endorsements",
    "events",
    "rsvps",
    *LEARNING_KINDS,  # graph/seed/learning_writer.py
    *CAREERS_KINDS,  # graph/seed/careers_writer.py
    *IDEAS_KINDS,  # graph/seed/ideas_writer.py
    *RECOGNITION_KINDS,  # graph/seed/ideas_writer.py
)
# What `counter_mismatches()` reports, each a count of records that break graph/MODEL.md.
MISMATCH_KINDS = (
    "members", "groups", "questions", "answers", "reputation", "endorsements", "events", *LEARNING_MISMATCH_KINDS,
    *CAREERS_MISMATCH_KINDS, *IDEAS_MISMATCH_KINDS,
)
DEFAULT_BATCH_SIZE = 5_000


def epoch_millis(value: datetime) -> int:
    """Milliseconds since the Unix epoch of a time-zone-aware datetime."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("seed datetimes must carry a time zone (UTC)")
    return (value - _EPOCH) // _MILLISECOND


def to_parameters(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row as statement parameters: datetimes as epoch milliseconds, coordinates as floats."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _DERIVED:
            continue
        if isinstance(value, datetime):
            value = epoch_millis(value)
        elif key in _FLOATS and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        out[key] = value
    return out


class SeedWriter(LearningSeedWriter, CareersSeedWriter, IdeasSeedWriter):
    """Writes seed rows into a graph; one public method per node and relationship kind.

    The learning kinds (catalog, progress, companies, plans, credentials) come from `LearningSeedWriter`,
    the careers kinds (recruiters, postings, preferences, applications, fairs) from `CareersSeedWriter`,
    the ideas and recognition kinds (ideas, votes, rounds, MVP cycles, nominations, terms, heroes) from
    `IdeasSeedWriter`.
    """

    def __init__(self, graph: Graph, *, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        self.graph = graph
        self.batch_size = batch_size

    async def _write(self, query: Query, rows: Iterable[Mapping[str, Any]], *, check: bool) -> int:
        pending = [to_parameters(row) for row in rows]
        written = 0
        for start in range(0, len(pending), self.batch_size):
            chunk = pending[start : start + self.batch_size]
            result = await self.graph.write(query, rows=chunk)
            count = int(result[0]["written"]) if result else 0
            if check and count != len(chunk):
                raise NotFound(f"{query.name}: {len(chunk) - count} of {len(chunk)} rows name a missing node")
            written += count
        return written

    # nodes

    async def topics(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Topics: {id, slug, name, category}."""
        return await self._write(QUERIES["seed_topics"], rows, check=False)

    async def skills(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Skills: {id, slug, name, category}."""
        return await self._write(QUERIES["seed_skills"], rows, check=False)

    async def members(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Members: MODEL.md properties; searchText is derived, missing counters are 0."""
        return await self._write(QUERIES["seed_members"], rows, check=False)

    async def groups(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Groups: MODEL.md properties; searchText is derived, missing counters are 0."""
        return await self._write(QUERIES["seed_groups"], rows, check=False)

    # relationships

    async def group_topics(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Group)-[:ABOUT]->(Topic): {groupId, topicId}."""
        return await self._write(QUERIES["seed_group_topics"], rows, check=True)

    async def memberships(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:MEMBER_OF]->(Group): {memberId, groupId, role, since}."""
        return await self._write(QUERIES["seed_memberships"], rows, check=True)

    async def skills_held(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:HAS_SKILL]->(Skill): {memberId, skillId, level, since}."""
        return await self._write(QUERIES["seed_skills_held"], rows, check=True)

    async def topic_follows(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:FOLLOWS]->(Topic): {memberId, topicId, since}."""
        return await self._write(QUERIES["seed_topic_follows"], rows, check=True)

    async def follows(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:FOLLOWS]->(Member): {followerId, followeeId, since}; counters untouched."""
        return await self._write(QUERIES["seed_follows"], rows, check=True)

    async def topic_skills(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Topic)-[:COVERS]->(Skill): {topicId, skillId}."""
        return await self._write(QUERIES["seed_topic_skills"], rows, check=True)

    # questions and answers

    async def questions(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Questions: MODEL.md properties plus {authorId, topicIds, groupId (or None)}.

        Writes the node, ASKED, one TAGGED per topic id and POSTED_IN when groupId is set;
        searchText is derived, missing counters are 0 (see `recount`).
        """
        return await self._write(QUERIES["seed_questions"], rows, check=True)

    async def answers(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Answers: MODEL.md properties plus {authorId, questionId}; writes ANSWERED and ANSWERS."""
        return await self._write(QUERIES["seed_answers"], rows, check=True)

    async def votes(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:VOTED]->(Answer): {memberId, answerId, value (1 or -1), at}; counters untouched."""
        return await self._write(QUERIES["seed_votes"], rows, check=True)

    async def endorsements(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:ENDORSED]->(Member): {endorserId, endorseeId, skillId, at}; the endorsee must hold the skill."""
        return await self._write(QUERIES["seed_endorsements"], rows, check=True)

    # events

    async def events(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Events: MODEL.md properties plus {groupId, topicIds, speakerIds}.

        Writes the node, HOSTS from the group, ABOUT per topic and SPEAKS_AT per speaker;
        searchText is derived, missing counters are 0 (see `recount`).
        """
        return await self._write(QUERIES["seed_events"], rows, check=True)

    async def rsvps(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """(Member)-[:RSVPED]->(Event): {memberId, eventId, status, at, ticket (None unless WAITLISTED)}."""
        return await self._write(QUERIES["seed_rsvps"], rows, check=True)

    async def write(self, kind: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Write rows of a kind named as in `KINDS` (the generator's batch kinds)."""
        if kind not in KINDS:
            raise ValueError(f"unknown seed kind {kind!r}")
        return await getattr(self, kind)(rows)

    # whole graph

    async def recount(self) -> None:
        """Recompute every counter of graph/MODEL.md from the relationships.

        followerCount/followingCount, memberCount/leaderCount, answer votes and score, question
        answerCount/firstAnsweredAt/acceptedAnswerId (from the answer with accepted = true),
        reputation, HAS_SKILL.endorsementCount and event goingCount/waitlistCount/waitlistSeq;
        then the learning ones (`recount_learning`): member points/badgeCount/rank, module
        unitCount/points, trail moduleCount/estimatedMinutes, company employeeCount; then careers, and
        ideas and recognition (`recount_ideas`): idea counters, points, coins and trend, coin budgets,
        nominations' reviewCount and scoreTotal.
        Answers are recounted before reputation, which reads only relationships and `accepted`.
        Each statement scans its whole label: meant for test graphs, not for a seeded one.
        """
        await self.graph.write(QUERIES["seed_recount_members"])
        await self.graph.write(QUERIES["seed_recount_groups"], leader="LEADER")
        await self.graph.write(QUERIES["seed_recount_answers"])
        await self.graph.write(QUERIES["seed_recount_questions"])
        await self.graph.write(QUERIES["seed_recount_reputation"], **REPUTATION.params())
        await self.graph.write(QUERIES["seed_recount_endorsements"])
        await self.graph.write(QUERIES["seed_recount_events"])
        await self.recount_learning()
        await self.recount_careers()
        await self.recount_ideas()

    async def is_empty(self) -> bool:
        """True when the graph holds no member."""
        return not await self.graph.read(QUERIES["seed_any_member"])

    async def counts(self) -> dict[str, int]:
        """Nodes and relationships of each seeded kind in the graph, keyed like `KINDS`."""
        rows = await self.graph.read(QUERIES["seed_counts"])
        own = LEARNING_KINDS + CAREERS_KINDS + IDEAS_KINDS + RECOGNITION_KINDS
        counts = {kind: int(rows[0][kind]) for kind in KINDS if kind not in own}
        return counts | await self.learning_counts() | await self.careers_counts() | await self.ideas_counts()

    async def counter_mismatches(self, *, review_threshold: int = DEFAULT_REVIEW_THRESHOLD) -> dict[str, int]:
        """How many records break each kind of counter or invariant (`MISMATCH_KINDS`); all 0 when consistent.

        members: follow counters; groups: member/leader counters; questions: answerCount,
        firstAnsweredAt, acceptedAnswerId, more than one accepted answer; answers: vote counters,
        score, self-votes; reputation: stored differs from recomputed; endorsements: wrong
        endorsementCount, self-endorsements, endorsements of a skill not held; events: RSVP
        counters, goingCount over capacity, a waitlist with free places, waitlistSeq below a
        ticket, not exactly one hosting group. Learning (`seed_learning_mismatches`): points,
        badges and ranks: stored vs recomputed; learning: module completions out of step with unit
        completions or badges, superbadges before their prerequisites, duplicate COMPLETED or
        EARNED, limited editions earned outside their window; catalog: module and trail counters,
        units not in one module; credentials: not one holder and certification, two credentials
        of one certification; companies: employeeCount, members with two employers. Careers
        (`seed_careers_mismatches`): applicationCount, searchable, PREFERS and application links,
        salary ranges, exhibitors of events that are not job fairs. Ideas (`seed_ideas_mismatches`, NEW
        ideas checked against `review_threshold` points): idea counters, points, coins and trend,
        authors, self-votes, repeated votes, follows and allocations, status histories, merged ideas,
        coin budgets and allocations; recognition (`seed_recognition_mismatches`): nominations (shape,
        key, the nominee's year of membership, review counters), reviews, one term a year, terms of
        SELECTED nominees, the mvp badge of every term holder, hero stories, heroes speaking only at
        CITY_TOUR events.
        """
        rows = await self.graph.read(QUERIES["seed_counter_mismatches"], **REPUTATION.params())
        skip = LEARNING_MISMATCH_KINDS + CAREERS_MISMATCH_KINDS + IDEAS_MISMATCH_KINDS
        mismatches = {kind: int(rows[0][kind]) for kind in MISMATCH_KINDS if kind not in skip}
        return (mismatches | await self.learning_mismatches() | await self.careers_mismatches()
                | await self.ideas_mismatches(review_threshold=review_threshold))


__all__ = ["KINDS", "MISMATCH_KINDS", "QUERIES", "SeedWriter", "epoch_millis", "to_parameters"]
