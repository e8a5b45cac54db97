"""Deterministic generator of a realistic community graph, streamed as batches of row dicts.

`generate(size, seed)` yields `Batch(kind, rows)` in write order (`KINDS`), where every row only
names nodes written before it: the taxonomy (topics, skills, the skills each topic covers),
members, groups, then the community's relationships (group topics, memberships, skills held,
topic follows, follows), then its activity (questions with their topics and group, answers,
votes, endorsements, events with their topics and speakers, RSVPs), then learning, in the order
of graph/seed/learning_writer.py's `LEARNING_KINDS`: companies and who works there, the rank
ladder, releases, the catalog (badges, modules, units, trails, superbadges, certifications,
maintenance modules, quests), completions, earned badges, rank history, credentials, learning
plans and prize draws; then careers (graph/seed/careers_writer.py's `CAREERS_KINDS`): recruiters,
job postings and their requirements, career preferences, applications, saved searches, profile
views, reported outcomes and job-fair exhibitors; then the IdeaExchange (graph/seed/ideas_writer.py's
`IDEAS_KINDS`): ideas, their votes, follows, comments, status changes and merges, and the
prioritisation rounds with their shortlists, coin budgets, allocations and winners; then
recognition (`RECOGNITION_KINDS`): MVP cycles, nominations, their evidence and reviews, MVP terms,
customer hero stories and the city tours their heroes speak at.

The same size, seed and `now` always give the same rows, value for value: every random choice
comes from `random.Random` streams derived from the seed, ids are UUIDs drawn from them, and
times are offsets before a reference time. Members, groups and their relationships are dated
before the fixed `BASE_TIME`, so they never depend on `now`. Activity (questions, answers,
votes, endorsements, events, RSVPs) is dated in the two years before `now` (by default the
start of the current UTC day), because the API's "upcoming" and "recent" mean relative to the
real now: upcoming events start at least a day after `now`. Another `now` keeps the community
and the ids, authors and topics of the questions; times, and what depends on them (who could
answer or vote by then, reputations, RSVPs), change. Learning is dated the same way: the
catalog (modules, trails, superbadges, certifications), the ladder and the companies stay; the
release calendar, quests (the current month and six before it), dated badges, every member's
learning history, credentials, plans and draws are placed before `now`, and so are careers, ideas
and recognition (the open prioritisation round and the current MVP window contain `now`).

Rows use the property names of graph/MODEL.md; relationship rows name their ends by id
(`followerId`/`followeeId`, `memberId`/`groupId`, `memberId`/`skillId`, `memberId`/`topicId`,
`groupId`/`topicId`, `topicId`/`skillId`, `endorserId`/`endorseeId`, `memberId`/`answerId`,
`memberId`/`eventId`); questions carry `authorId`, `topicIds` and `groupId`, answers `authorId`
and `questionId`, events `groupId`, `topicIds` and `speakerIds`. Counters (`followerCount`,
`followingCount`, `memberCount`, `leaderCount`, `reputation`, `endorsementCount`,
`answerCount`, `firstAnsweredAt`, `acceptedAnswerId`, `upvotes`, `downvotes`, `score`,
`goingCount`, `waitlistCount`, `waitlistSeq`, and the learning ones: member `points`,
`badgeCount`, `rank`, module `unitCount`/`points`, trail `moduleCount`/`estimatedMinutes`,
company `employeeCount`, draw `entryCount`) are computed here from the very relationships that
are yielded later, so they are consistent once everything is written.

The activity is built by `qna.py` (questions, answers, votes, reputation), `endorsements.py`
and `events.py` (events, RSVPs); learning by `learning.py` (catalog, companies, progress replayed
through the API's rules, credentials), careers by `careers.py`, the IdeaExchange by `ideas.py` and
recognition by `recognition.py` (which adds the `mvp` badge and its EARNED to the learning rows and
MVPs to OFFICE_HOURS events' speakers); see them for the distributions.

Memory: node rows are kept (about 2 KB a member); follows, answers, votes, endorsements, RSVPs,
completions, earned badges and promotions are kept as int arrays and turned into rows one batch
at a time; question and answer texts are drawn only when emitted.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import unicodedata
import uuid
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

from graph.seed.careers_writer import CAREERS_KINDS
from graph.seed.ideas_writer import IDEAS_KINDS, RECOGNITION_KINDS
from graph.seed.learning_writer import LEARNING_KINDS
from resolvers.seed import taxonomy as tx
from resolvers.seed.careers import CareersBuilder
from resolvers.seed.draw import DAY, YEAR, adjacency
from resolvers.seed.draw import weighted as _weighted
from resolvers.seed.endorsements import EndorsementBuilder
from resolvers.seed.events import EventBuilder
from resolvers.seed.ideas import IdeasBuilder
from resolvers.seed.learning import LearningBuilder
from resolvers.seed.qna import QnaBuilder
from resolvers.seed.recognition import RecognitionBuilder

UTC = timezone.utc
BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
MEMBER_SPAN = 8 * YEAR
GROUP_SPAN = 10 * YEAR

KINDS: tuple[str, ...] = (
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
    *LEARNING_KINDS,  # resolvers/seed/learning.py, in graph/seed/learning_writer.py's write order
    *CAREERS_KINDS,  # resolvers/seed/careers.py, in graph/seed/careers_writer.py's write order
    *IDEAS_KINDS,  # resolvers/seed/ideas.py, in graph/seed/ideas_writer.py's write order
    *RECOGNITION_KINDS,  # resolvers/seed/recognition.py, likewise
)
HANDLE = re.compile(r"^[a-z0-9][a-z0-9_-]{2,29}$")
VISIBILITY = (("PUBLIC", 80), ("MEMBERS", 15), ("PRIVATE", 5))
SKILL_LEVELS = ((1, 10), (2, 30), (3, 32), (4, 18), (5, 10))
# How many groups a member joins.
GROUPS_PER_MEMBER = ((0, 14), (1, 26), (2, 22), (3, 15), (4, 9), (5, 6), (6, 4), (7, 2), (8, 1), (10, 1))
# Caps one member's share of all follows (about 0.5% at medium size).
POPULARITY_CAP = 3_000.0
NO_EMPLOYER = frozenset({"Independent Consultant", "Freelance", "Open to Work"})


@dataclass(frozen=True)
class SizeSpec:
    """How big one named seed is."""

    members: int
    groups: dict[str, int]
    follows: int  # member-to-member follows, exactly


SIZES: dict[str, SizeSpec] = {
    "demo": SizeSpec(500, {"REGIONAL": 24, "PRODUCT": 6, "ROLE": 4, "INDUSTRY": 3, "INTEREST": 3}, 4_000),
    "small": SizeSpec(10_000, {"REGIONAL": 200, "PRODUCT": 40, "ROLE": 25, "INDUSTRY": 20, "INTEREST": 15}, 100_000),
    "medium": SizeSpec(
        100_000, {"REGIONAL": 950, "PRODUCT": 150, "ROLE": 80, "INDUSTRY": 60, "INTEREST": 60}, 1_050_000
    ),
}


@dataclass(frozen=True, slots=True)
class Batch:
    """Rows of one kind, ready for the matching `SeedWriter` method."""

    kind: str
    rows: list[dict[str, Any]]


_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "đ": "d", "Đ": "d", "ð": "d",
                          "þ": "th", "ł": "l", "Ł": "l", "ı": "i", "œ": "oe"})


def ascii_slug(text: str, separator: str = "") -> str:
    """Lower-case ASCII letters and digits of `text`; runs of anything else become `separator`."""
    plain = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", separator, plain).strip(separator)


class SeedGenerator:
    """Builds one seed's graph in memory (compactly) and streams it as batches."""

    def __init__(self, size: str, seed: int, *, batch_size: int = 5_000, now: datetime | None = None) -> None:
        if size not in SIZES:
            raise ValueError(f"unknown seed size {size!r}; choose one of {', '.join(SIZES)}")
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        if now is None:
            now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("now must carry a time zone")
        if now < BASE_TIME:
            raise ValueError(f"now must not be before {BASE_TIME.isoformat()}")
        self.size = size
        self.seed = seed
        self.spec = SIZES[size]
        self.batch_size = batch_size
        self.now = now.astimezone(UTC)
        # Seconds from BASE_TIME to now: turns "seconds before BASE_TIME" into "seconds before now".
        self.shift = int((self.now - BASE_TIME).total_seconds())
        self._built = False

    # ------------------------------------------------------------------ public

    def totals(self) -> dict[str, int]:
        """How many rows of each kind `batches()` yields."""
        self._build()
        return {
            "topics": len(self.topics),
            "skills": len(self.skills),
            "topic_skills": sum(len(skills) for skills in self.qna.topic_skills),
            "members": len(self.members),
            "groups": len(self.groups),
            "group_topics": sum(len(g["_topics"]) for g in self.groups),
            "memberships": sum(len(ms) for ms in self.group_members),
            "skills_held": sum(len(s) for s in self.member_skills),
            "topic_follows": sum(len(t) for t in self.member_topics),
            "follows": len(self.follow_src),
            "questions": len(self.qna.q_ids),
            "answers": len(self.qna.a_ids),
            "votes": len(self.qna.v_member),
            "endorsements": len(self.endorsements.e_from),
            "events": len(self.event_builder.events),
            "rsvps": len(self.event_builder.r_member),
        } | self.learning.totals() | self.careers.totals() | self.ideas.totals() | self.recognition.totals()

    def batches(self) -> Iterator[Batch]:
        """Every row, in write order, `batch_size` rows at a time (a batch never mixes kinds)."""
        self._build()
        for kind in KINDS:
            rows = self.rows(kind)
            while True:
                chunk = list(itertools.islice(rows, self.batch_size))
                if not chunk:
                    break
                yield Batch(kind, chunk)

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        """All rows of one kind; each call starts the kind over and yields the same rows."""
        self._build()
        if kind in LEARNING_KINDS:
            return self.learning.rows(kind)
        if kind in CAREERS_KINDS:
            return self.careers.rows(kind)
        if kind in IDEAS_KINDS:
            return self.ideas.rows(kind)
        if kind in RECOGNITION_KINDS:
            return self.recognition.rows(kind)
        emit = {
            "topics": self._topic_rows,
            "skills": self._skill_rows,
            "topic_skills": self._topic_skill_rows,
            "members": self._member_rows,
            "groups": self._group_rows,
            "group_topics": self._group_topic_rows,
            "memberships": self._membership_rows,
            "skills_held": self._skill_held_rows,
            "topic_follows": self._topic_follow_rows,
            "follows": self._follow_rows,
            "questions": self.qna.question_rows,
            "answers": self.qna.answer_rows,
            "votes": self.qna.vote_rows,
            "endorsements": self.endorsements.rows,
            "events": self.event_builder.event_rows,
            "rsvps": self.event_builder.rsvp_rows,
        }.get(kind)
        if emit is None:
            raise ValueError(f"unknown row kind {kind!r}")
        return emit()

    # ------------------------------------------------------------------ build

    def _rng(self, stream: str) -> random.Random:
        # String seeds are hashed with SHA-512 by `random`, independent of PYTHONHASHSEED.
        return random.Random(f"community-seed/{self.size}/{self.seed}/{stream}")

    @staticmethod
    def _uuid(rng: random.Random) -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def at(self, ago: int) -> datetime:
        """The time `ago` seconds before `now` (after it when negative)."""
        return self.now - timedelta(seconds=ago)

    def ago(self, when: datetime) -> int:
        """Whole seconds from `when` to `now` (negative for a time after `now`)."""
        return int((self.now - when).total_seconds())

    def groups_of(self, m: int) -> array:
        """The groups member m belongs to (indexes into `groups`)."""
        offsets, groups = self.member_groups
        return groups[offsets[m] : offsets[m + 1]]

    def _build(self) -> None:
        if self._built:
            return
        self._build_taxonomy()
        self._build_members()
        self._build_follows()
        self._build_groups()
        self._build_memberships()
        self._build_links()
        self.qna = QnaBuilder(self)
        self.qna.build()
        self.endorsements = EndorsementBuilder(self)
        self.endorsements.build()
        self.event_builder = EventBuilder(self)
        self.event_builder.build()
        self.learning = LearningBuilder(self)
        self.learning.build()
        self.careers = CareersBuilder(self)
        self.careers.build()
        self.ideas = IdeasBuilder(self)
        self.ideas.build()
        # Last: it adds the mvp badge and its EARNED to learning's rows and MVPs to events' speakers.
        self.recognition = RecognitionBuilder(self)
        self.recognition.build()
        self._built = True

    def _build_taxonomy(self) -> None:
        rng = self._rng("taxonomy")
        self.topics = [{"id": self._uuid(rng), "slug": s, "name": n, "category": c} for s, n, c in tx.TOPICS]
        self.skills = [{"id": self._uuid(rng), "slug": s, "name": n, "category": c} for s, n, c in tx.SKILLS]
        self.topic_index = {t["slug"]: i for i, t in enumerate(self.topics)}
        self.skills_by_category: dict[str, list[int]] = {}
        for i, (_, _, category) in enumerate(tx.SKILLS):
            self.skills_by_category.setdefault(category, []).append(i)

    # members -----------------------------------------------------------------

    def _build_members(self) -> None:
        rng = self._rng("members")
        n = self.spec.members
        cities = tx.CITIES
        city_weights = list(itertools.accumulate(c[4] for c in cities))
        # Every country gets at least one member (its biggest city), then cities by weight.
        biggest: dict[str, int] = {}
        for i, city in enumerate(cities):
            if city[1] not in biggest or city[4] > cities[biggest[city[1]]][4]:
                biggest[city[1]] = i
        first_cities = [biggest[c] for c in sorted(biggest)]
        rng.shuffle(first_cities)

        personas = tuple(tx.PERSONAS.items())
        persona_weights = list(itertools.accumulate(p[1][0] for p in personas))
        employers = [c for c in tx.COMPANIES if c not in NO_EMPLOYER]
        company_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(employers))))
        all_cultures = sorted(tx.NAMES)

        used_names: set[str] = set()
        used_handles: set[str] = set()
        self.members: list[dict[str, Any]] = []
        self.member_city: array = array("i")
        self.member_offset: array = array("q")  # seconds before BASE_TIME they joined
        self.member_persona: list[str] = []
        self.member_skills: list[list[tuple[int, int, int]]] = []  # (skill index, level, since offset)
        self.member_topics: list[list[tuple[int, int]]] = []  # (topic index, since offset)

        for i in range(n):
            city_index = first_cities[i] if i < len(first_cities) else bisect_right(
                city_weights, rng.random() * city_weights[-1]
            )
            city, country, lat, lon, _ = cities[city_index]
            persona_key, (_, titles, skill_mix, topic_slugs, _) = personas[
                bisect_right(persona_weights, rng.random() * persona_weights[-1])
            ]
            if rng.random() < 0.12:
                culture = all_cultures[rng.randrange(len(all_cultures))]
            else:
                culture = _weighted(rng, tx.COUNTRY_CULTURES.get(country, ((tx.DEFAULT_CULTURE, 1),)))
            display_name, first, last = self._display_name(rng, culture, used_names)
            handle = self._handle(rng, first, last, used_handles)
            offset = DAY + int((MEMBER_SPAN - DAY) * rng.random() ** 1.6)  # more recent joiners

            if persona_key == "learner" and rng.random() < 0.5:
                company = "Open to Work"
            elif rng.random() < 0.06:
                company = rng.choice(("Independent Consultant", "Freelance"))
            else:
                company = employers[bisect_right(company_weights, rng.random() * company_weights[-1])]
            seniority = "" if persona_key == "learner" else rng.choice(tx.SENIORITY)
            job_title = seniority + rng.choice(titles)

            skills = self._pick_skills(rng, skill_mix, offset)
            topics = self._pick_topics(rng, topic_slugs, offset)
            skill_names = [tx.SKILLS[s][1] for s, _, _ in sorted(skills, key=lambda s: -s[1])]
            while len(skill_names) < 3:
                skill_names.append(skill_names[-1] if skill_names else "CRM")
            years = max(1, round(offset / YEAR + rng.randint(0, 6)))
            fields = {
                "title": job_title,
                "company": company,
                "skill1": skill_names[0],
                "skill2": skill_names[1],
                "skill3": skill_names[2],
                "certs": 1 + min(11, int(offset / YEAR * 1.5) + rng.randint(0, 3)),
                "industry": rng.choice(tx.INDUSTRIES),
                "city": city,
                "years": years,
                "article": "an" if job_title[0] in "AEIOU" else "a",
            }
            headlines = [h for h in tx.HEADLINES if company not in NO_EMPLOYER or "{company}" not in h]
            headline = rng.choice(headlines).format(**fields)
            bios = [b for b in tx.BIOS if company not in NO_EMPLOYER or "{company}" not in b]
            bio = rng.choice(bios).format(**fields)

            member_id = self._uuid(rng)
            self.members.append(
                {
                    "id": member_id,
                    "handle": handle,
                    "displayName": display_name,
                    "headline": headline,
                    "bio": bio,
                    "city": city,
                    "country": country,
                    "latitude": round(lat + rng.gauss(0.0, 0.04), 5),
                    "longitude": round(lon + rng.gauss(0.0, 0.05), 5),
                    "company": company,
                    "jobTitle": job_title,
                    "avatarUrl": f"https://avatars.example.com/{member_id}.png",
                    "email": f"{handle}@example.com",
                    "visibility": _weighted(rng, VISIBILITY),
                    "joinedAt": BASE_TIME - timedelta(seconds=offset),
                    "followerCount": 0,
                    "followingCount": 0,
                    "searchText": " ".join((handle, display_name, headline, job_title, company)).lower(),
                }
            )
            self.member_city.append(city_index)
            self.member_offset.append(offset)
            self.member_persona.append(persona_key)
            self.member_skills.append(skills)
            self.member_topics.append(topics)

    @staticmethod
    def _display_name(rng: random.Random, culture: str, used: set[str]) -> tuple[str, str, str]:
        firsts, lasts = tx.NAMES[culture]
        for attempt in range(12):
            first, last = rng.choice(firsts), rng.choice(lasts)
            if attempt >= 4 and culture in ("es", "pt"):
                last = f"{last} {rng.choice(lasts)}"  # a second family name is customary there
            elif attempt >= 4:
                first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."  # a middle initial
            name = f"{first} {last}"
            if name not in used:
                used.add(name)
                return name, first, last
        used.add(name)  # rare: a shared name, as in real communities
        return name, first, last

    @staticmethod
    def _handle(rng: random.Random, first: str, last: str, used: set[str]) -> str:
        f = ascii_slug(first.split(" ")[0]) or "member"
        l_ = ascii_slug(last) or "user"
        pattern = rng.randrange(7)
        base = (
            f"{f}{l_}",
            f"{f}-{l_}",
            f"{f}_{l_}",
            f"{f[0]}{l_}",
            f"{f}{l_[0]}",
            f"{l_}{f[0]}",
            f"{l_}-{f}",
        )[pattern][:24]
        if len(base) < 3:
            base = f"{base}crm"
        handle = base
        while handle in used or not HANDLE.match(handle):
            handle = f"{base}{rng.randint(1, 9999)}"
        used.add(handle)
        return handle

    def _pick_skills(self, rng: random.Random, mix: dict[str, int], offset: int) -> list[tuple[int, int, int]]:
        count = min(8, max(1, round(rng.triangular(1, 8, 3))))
        categories = sorted(mix)
        weights = [mix[c] for c in categories]
        chosen: dict[int, None] = {}
        tries = 0
        while len(chosen) < count and tries < 60:
            tries += 1
            category = rng.choices(categories, weights=weights)[0]
            if rng.random() < 0.1:  # a skill outside the persona's usual mix
                category = tx.SKILLS[rng.randrange(len(tx.SKILLS))][2]
            chosen.setdefault(rng.choice(self.skills_by_category[category]), None)
        return [(s, _weighted(rng, SKILL_LEVELS), int(rng.random() * offset)) for s in chosen]

    def _pick_topics(self, rng: random.Random, favoured: tuple[str, ...], offset: int) -> list[tuple[int, int]]:
        count = min(6, int(rng.triangular(0, 7, 2)))
        chosen: dict[int, None] = {}
        while len(chosen) < count:
            if rng.random() < 0.7:
                chosen.setdefault(self.topic_index[rng.choice(favoured)], None)
            else:
                chosen.setdefault(rng.randrange(len(self.topics)), None)
        return [(t, int(rng.random() * offset)) for t in chosen]

    def _build_links(self) -> None:
        """Lookups the activity builders share: join times before `now`, groups per member, followers."""
        self.joined_ago = array("q", (offset + self.shift for offset in self.member_offset))
        n = len(self.members)
        keys = [m for ms in self.group_members for m in ms]
        values = [g for g, ms in enumerate(self.group_members) for _ in ms]
        self.member_groups = adjacency(n, keys, values)
        self.followers = adjacency(n, self.follow_dst, self.follow_src)

    # follows -------------------------------------------------------------------

    def _build_follows(self) -> None:
        rng = self._rng("follows")
        n = len(self.members)
        target = min(self.spec.follows, n * (n - 1) // 4)
        # Popularity: Pareto-distributed, boosted for long-time members, so a few members
        # collect thousands of followers and most collect a handful.
        popularity = [
            min(POPULARITY_CAP, rng.paretovariate(1.5) * (1.0 + self.member_offset[i] / (2 * YEAR)))
            for i in range(n)
        ]
        global_cum = list(itertools.accumulate(popularity))
        by_country: dict[str, list[int]] = {}
        for i, member in enumerate(self.members):
            by_country.setdefault(member["country"], []).append(i)
        country_cum = {
            c: (ids, list(itertools.accumulate(popularity[i] for i in ids))) for c, ids in by_country.items()
        }

        cap = max(1, min(n - 1, n // 5, 2_000))
        sigma = 1.1
        mu = math.log(target / n) - sigma * sigma / 2
        degrees = [min(cap, int(rng.lognormvariate(mu, sigma))) for _ in range(n)]
        total = sum(degrees)
        while total != target:  # nudge to the exact total, one random member at a time
            i = rng.randrange(n)
            if total < target and degrees[i] < cap:
                degrees[i] += 1
                total += 1
            elif total > target and degrees[i] > 0:
                degrees[i] -= 1
                total -= 1

        self.follow_src = array("i")
        self.follow_dst = array("i")
        followers = [0] * n
        population = range(n)
        for i in range(n):
            k = degrees[i]
            if k == 0:
                continue
            ids, cum = country_cum[self.members[i]["country"]]
            local = len(ids) > 4 * k and rng.random() < 0.35
            chosen: dict[int, None] = {}
            rounds = 0
            while len(chosen) < k:
                rounds += 1
                want = (k - len(chosen)) * 2 + 2
                if rounds > 40:  # a degree too large for the weights: fill uniformly
                    picks = [rng.randrange(n) for _ in range(want)]
                elif local:
                    picks = [ids[p] for p in rng.choices(range(len(ids)), cum_weights=cum, k=want)]
                else:
                    picks = rng.choices(population, cum_weights=global_cum, k=want)
                for p in picks:
                    if p != i and p not in chosen:
                        chosen[p] = None
                        if len(chosen) == k:
                            break
            for p in chosen:
                self.follow_src.append(i)
                self.follow_dst.append(p)
                followers[p] += 1
            self.members[i]["followingCount"] = k
        for i, count in enumerate(followers):
            self.members[i]["followerCount"] = count

    # groups --------------------------------------------------------------------

    def _build_groups(self) -> None:
        rng = self._rng("groups")
        self.groups: list[dict[str, Any]] = []
        taken_slugs: set[str] = set()

        def add(kind: str, name: str, description: str, topics: tuple[str, ...], city: int | None) -> None:
            slug = ascii_slug(name, "-")[:60]
            if slug in taken_slugs:
                slug = f"{slug}-{len(self.groups)}"
            taken_slugs.add(slug)
            count = rng.randint(1, 3)
            chosen = dict.fromkeys(self.topic_index[t] for t in topics[:count])
            while len(chosen) < count:
                chosen.setdefault(rng.randrange(len(self.topics)), None)
            location = tx.CITIES[city] if city is not None else None
            offset = 30 * DAY + int(rng.random() * (GROUP_SPAN - 30 * DAY))
            self.groups.append(
                {
                    "id": self._uuid(rng),
                    "slug": slug,
                    "name": name,
                    "description": description,
                    "kind": kind,
                    "city": location[0] if location else None,
                    "country": location[1] if location else None,
                    "latitude": float(location[2]) if location else None,
                    "longitude": float(location[3]) if location else None,
                    "createdAt": BASE_TIME - timedelta(seconds=offset),
                    "memberCount": 0,
                    "leaderCount": 0,
                    "searchText": f"{name} {description}".lower(),
                    "_topics": list(chosen),
                    "_offset": offset,
                    "_city": city,
                    "_popularity": rng.paretovariate(1.3),
                    "_base": "",
                    "_qualifier": "",
                }
            )

        # Regional: every (city, template) the city is big enough for, drawn by weight
        # without replacement (Efraimidis-Spirakis keys), so hubs get most groups.
        candidates = []
        for c, city in enumerate(tx.CITIES):
            for t, template in enumerate(tx.REGIONAL_GROUPS):
                if city[4] >= template[3]:
                    weight = city[4] / (1 + t)
                    candidates.append((rng.random() ** (1.0 / weight), c, t))
        candidates.sort(reverse=True)
        for _, c, t in sorted(candidates[: self.spec.groups["REGIONAL"]], key=lambda x: (x[1], x[2])):
            name, description, topics, _ = tx.REGIONAL_GROUPS[t]
            city_name = tx.CITIES[c][0]
            add("REGIONAL", name.format(city=city_name), description.format(city=city_name), topics, c)

        for kind, templates in (
            ("PRODUCT", tx.PRODUCT_GROUPS),
            ("ROLE", tx.ROLE_GROUPS),
            ("INDUSTRY", tx.INDUSTRY_GROUPS),
            ("INTEREST", tx.INTEREST_GROUPS),
        ):
            pool = [(base, q) for base in range(len(templates)) for q in tx.GROUP_QUALIFIERS[kind]]
            want = min(self.spec.groups[kind], len(pool))
            # Every base name first (so each product, role, ... has a group), then more qualifiers.
            firsts = [(b, tx.GROUP_QUALIFIERS[kind][0]) for b in range(len(templates))]
            rng.shuffle(firsts)
            rest = [p for p in pool if p not in firsts]
            rng.shuffle(rest)
            for b, qualifier in (firsts + rest)[:want]:
                base, about, topics = templates[b]
                name = f"{base} {qualifier}"
                scope = qualifier if qualifier in ("EMEA", "APAC", "LATAM", "North America", "Americas") else "global"
                description = (
                    f"A {scope} {kind.lower()} group for {about}. "
                    "Ask questions, share what works and meet peers at online events."
                )
                add(kind, name, description, topics, None)
                self.groups[-1]["_base"] = base
                self.groups[-1]["_qualifier"] = qualifier

    def _build_memberships(self) -> None:
        rng = self._rng("memberships")
        groups = self.groups
        by_city: dict[int, list[int]] = {}
        by_country: dict[str, list[int]] = {}
        role_groups: dict[str, list[int]] = {}
        others: list[int] = []
        for g, group in enumerate(groups):
            if group["kind"] == "REGIONAL":
                by_city.setdefault(group["_city"], []).append(g)
                by_country.setdefault(group["country"], []).append(g)
            else:
                others.append(g)
                if group["kind"] == "ROLE":
                    role_groups.setdefault(group["_base"], []).append(g)
        other_cum = list(itertools.accumulate(groups[g]["_popularity"] for g in others))

        def pick(candidates: list[int]) -> int:
            cum = list(itertools.accumulate(groups[g]["_popularity"] for g in candidates))
            return candidates[bisect_right(cum, rng.random() * cum[-1])]

        members_of: list[dict[int, None]] = [{} for _ in groups]
        for m, member in enumerate(self.members):
            count = _weighted(rng, GROUPS_PER_MEMBER)
            joined: dict[int, None] = {}
            role_base = tx.PERSONAS[self.member_persona[m]][4]
            for _ in range(count * 3):
                if len(joined) >= count:
                    break
                r = rng.random()
                local = by_city.get(self.member_city[m])
                national = by_country.get(member["country"])
                if r < 0.5 and local:
                    g = pick(local)
                elif r < 0.62 and national:
                    g = pick(national)
                elif r < 0.75 and role_groups.get(role_base):
                    g = rng.choice(role_groups[role_base])
                elif others:
                    g = others[bisect_right(other_cum, rng.random() * other_cum[-1])]
                else:
                    continue
                joined.setdefault(g, None)
            for g in joined:
                members_of[g].setdefault(m, None)

        # No empty group: recruit from the group's city, then its country, then anywhere.
        members_by_city: dict[int, list[int]] = {}
        members_by_country: dict[str, list[int]] = {}
        for m, member in enumerate(self.members):
            members_by_city.setdefault(self.member_city[m], []).append(m)
            members_by_country.setdefault(member["country"], []).append(m)
        everyone = list(range(len(self.members)))
        for g, group in enumerate(groups):
            if members_of[g]:
                continue
            pool = (
                members_by_city.get(group["_city"])
                or members_by_country.get(group["country"] or "")
                or everyone
            )
            for m in rng.sample(pool, min(len(pool), rng.randint(1, 4))):
                members_of[g].setdefault(m, None)

        self.group_members: list[list[int]] = []
        self.group_leaders: list[set[int]] = []
        for g, group in enumerate(groups):
            ms = list(members_of[g])
            size = len(ms)
            leaders = 1 if size < 15 else min(size, rng.choice((1, 2, 2, 3, 3)))
            chosen = rng.sample(ms, leaders)
            self.group_members.append(ms)
            self.group_leaders.append(set(chosen))
            group["memberCount"] = size
            group["leaderCount"] = leaders

    # ------------------------------------------------------------------ emit

    def _topic_rows(self) -> Iterator[dict[str, Any]]:
        for topic in self.topics:
            yield dict(topic)

    def _skill_rows(self) -> Iterator[dict[str, Any]]:
        for skill in self.skills:
            yield dict(skill)

    def _topic_skill_rows(self) -> Iterator[dict[str, Any]]:
        for t, skills in enumerate(self.qna.topic_skills):
            for s in skills:
                yield {"topicId": self.topics[t]["id"], "skillId": self.skills[s]["id"]}

    def _member_rows(self) -> Iterator[dict[str, Any]]:
        for member in self.members:
            yield dict(member)

    def _group_rows(self) -> Iterator[dict[str, Any]]:
        for group in self.groups:
            yield {k: v for k, v in group.items() if not k.startswith("_")}

    def _group_topic_rows(self) -> Iterator[dict[str, Any]]:
        for group in self.groups:
            for t in group["_topics"]:
                yield {"groupId": group["id"], "topicId": self.topics[t]["id"]}

    def _membership_rows(self) -> Iterator[dict[str, Any]]:
        rng = self._rng("membership-since")
        for g, group in enumerate(self.groups):
            leaders = self.group_leaders[g]
            for m in self.group_members[g]:
                window = min(self.member_offset[m], group["_offset"])
                yield {
                    "memberId": self.members[m]["id"],
                    "groupId": group["id"],
                    "role": "LEADER" if m in leaders else "MEMBER",
                    "since": BASE_TIME - timedelta(seconds=int(rng.random() * window)),
                }

    def _skill_held_rows(self) -> Iterator[dict[str, Any]]:
        counts = iter(self.endorsements.endorsement_counts)  # in this very order
        for m, skills in enumerate(self.member_skills):
            member_id = self.members[m]["id"]
            for s, level, offset in skills:
                yield {
                    "memberId": member_id,
                    "skillId": self.skills[s]["id"],
                    "level": level,
                    "since": BASE_TIME - timedelta(seconds=offset),
                    "endorsementCount": next(counts),
                }

    def _topic_follow_rows(self) -> Iterator[dict[str, Any]]:
        for m, topics in enumerate(self.member_topics):
            member_id = self.members[m]["id"]
            for t, offset in topics:
                yield {
                    "memberId": member_id,
                    "topicId": self.topics[t]["id"],
                    "since": BASE_TIME - timedelta(seconds=offset),
                }

    def _follow_rows(self) -> Iterator[dict[str, Any]]:
        rng = self._rng("follow-since")
        members, offsets = self.members, self.member_offset
        for a, b in zip(self.follow_src, self.follow_dst):
            window = min(offsets[a], offsets[b])
            yield {
                "followerId": members[a]["id"],
                "followeeId": members[b]["id"],
                "since": BASE_TIME - timedelta(seconds=int(rng.random() * window)),
            }


def generate(size: str, seed: int, *, batch_size: int = 5_000, now: datetime | None = None) -> Iterator[Batch]:
    """Yield the whole seed graph for `size` (`demo`, `small`, `medium`) in write order."""
    return SeedGenerator(size, seed, batch_size=batch_size, now=now).batches()
