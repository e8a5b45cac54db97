"""Questions, answers and votes of a generated community, and the reputation they earn.

Shapes the brief asks for (issue 3): about 0.3 questions per member, asked mostly by a few
active members about topics their persona cares about; most questions answered within 48
hours, some later, a tail never; answers written mostly by a few prolific experts who hold the
skills the question's topics cover (a power law: the top 1% of members write a large share);
about half of the answered questions with an accepted answer; a few votes per answer, more on
accepted ones, never on one's own answer. Reputation follows graph/MODEL.md exactly, with the
points of graph/qna/reputation.py.

Times are seconds before the generator's `now` ("ago"); nothing happens after `now`, so an
answer that would come later is not written (recent questions are often still open).
Answers and votes are kept in int arrays; texts are drawn when rows are emitted, from their own
random stream, so they cost no memory.
"""

from __future__ import annotations

import itertools
import math
from array import array
from typing import TYPE_CHECKING, Any, Iterator

from graph.qna.reputation import REPUTATION
from resolvers.seed import taxonomy as tx
from resolvers.seed.draw import DAY, HOUR, MINUTE, YEAR, pick, poisson, weighted

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator

QUESTIONS_PER_MEMBER = 0.3
QUESTION_SPAN = 2 * YEAR
TOPICS_PER_QUESTION = ((1, 55), (2, 33), (3, 12))
POSTED_IN_GROUP = 0.23  # of askers in a group: about 20% of all questions
# When a question gets its first answer: within 48 hours, later, or never.
FIRST_ANSWER = (("fast", 75), ("slow", 12), ("never", 13))
FAST_MEDIAN_HOURS = 4.0
SLOW_MEAN_DAYS = 6.0
ANSWERS_PER_QUESTION = ((1, 38), (2, 27), (3, 16), (4, 10), (5, 6), (6, 3))
SELF_ANSWER = 0.03  # the asker posts their own solution
ACCEPT = 0.5  # answered questions with an accepted answer
FROM_SKILL_POOL = 0.8  # answers by holders of a covered skill; the rest by anyone knowledgeable
LEVEL_WEIGHT = {1: 0.2, 2: 0.5, 3: 1.0, 4: 2.0, 5: 3.5}
# How much each persona asks and answers, relative to the others.
ASKING = {"learner": 2.5, "admin": 1.3, "consultant": 1.1, "marketer": 1.1, "developer": 1.0, "analyst": 1.0,
          "ai": 1.0, "designer": 0.8, "architect": 0.6}
ANSWERING = {"architect": 1.8, "developer": 1.3, "admin": 1.2, "consultant": 1.0, "ai": 1.0, "analyst": 1.0,
             "marketer": 0.8, "designer": 0.7, "learner": 0.05}
# Pareto shapes: asking is skewed, answering much more (a few members answer thousands).
ASK_SHAPE, ASK_CAP = 1.5, 40.0
ANSWER_SHAPE, ANSWER_CAP = 1.05, 5_000.0
PEOPLE_CATEGORIES = frozenset({"career", "community"})


class QnaBuilder:
    """Builds questions, answers, votes and reputations for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen

    # ------------------------------------------------------------------ build

    def build(self) -> None:
        self._weights()
        self._questions()
        self._answers()

    def _weights(self) -> None:
        gen = self.gen
        rng = gen._rng("qna-activity")
        self.ask_cum: list[float] = []
        answer_weight: list[float] = []
        total = 0.0
        for m in range(len(gen.members)):
            persona = gen.member_persona[m]
            total += min(ASK_CAP, rng.paretovariate(ASK_SHAPE)) * ASKING[persona]
            self.ask_cum.append(total)
            # Long-time members know more; a learner rarely answers.
            years = gen.joined_ago[m] / YEAR
            answer_weight.append(min(ANSWER_CAP, rng.paretovariate(ANSWER_SHAPE)) * ANSWERING[persona]
                                 * (1.0 + years / 4.0))
        self.answer_cum = list(itertools.accumulate(answer_weight))
        # Per skill: its holders, drawn by answer weight times skill level.
        holders: list[list[int]] = [[] for _ in gen.skills]
        weights: list[list[float]] = [[] for _ in gen.skills]
        for m, held in enumerate(gen.member_skills):
            for s, level, _ in held:
                holders[s].append(m)
                weights[s].append(answer_weight[m] * LEVEL_WEIGHT[level])
        self.skill_holders = holders
        self.skill_cum = [list(itertools.accumulate(w)) for w in weights]
        skill_index = {s["slug"]: i for i, s in enumerate(gen.skills)}
        self.topic_skills = [
            tuple(skill_index[slug] for slug in tx.TOPIC_SKILLS.get(t["slug"], ())) for t in gen.topics
        ]

    def _questions(self) -> None:
        gen = self.gen
        rng = gen._rng("questions")
        count = round(len(gen.members) * QUESTIONS_PER_MEMBER)
        self.q_ids: list[str] = []
        self.q_author = array("i")
        self.q_group = array("i")
        self.q_ago = array("q")
        self.q_topics: list[tuple[int, ...]] = []
        n_topics = len(gen.topics)
        for _ in range(count):
            m = pick(rng, self.ask_cum)
            want = weighted(rng, TOPICS_PER_QUESTION)
            followed = [t for t, _ in gen.member_topics[m]]
            favoured = tx.PERSONAS[gen.member_persona[m]][3]
            chosen: dict[int, None] = {}
            while len(chosen) < want:
                r = rng.random()
                if r < 0.55 and followed:
                    chosen.setdefault(rng.choice(followed), None)
                elif r < 0.9:
                    chosen.setdefault(gen.topic_index[rng.choice(favoured)], None)
                else:
                    chosen.setdefault(rng.randrange(n_topics), None)
            groups = gen.groups_of(m)
            group = rng.choice(groups) if groups and rng.random() < POSTED_IN_GROUP else -1
            # Asked after joining, within the span, more of them recently (the community grows).
            span = min(QUESTION_SPAN, gen.joined_ago[m] - HOUR)
            ago = HOUR + int((span - HOUR) * rng.random() ** 1.4)
            self.q_ids.append(gen._uuid(rng))
            self.q_author.append(m)
            self.q_group.append(group)
            self.q_ago.append(ago)
            self.q_topics.append(tuple(chosen))

    def _answerer(self, rng, q: int, at_ago: int, taken: set[int]) -> int:
        """A member to answer question q at `at_ago`, or -1: a holder of a covered skill, mostly."""
        gen = self.gen
        skills = [s for t in self.q_topics[q] for s in self.topic_skills[t] if self.skill_holders[s]]
        asker = self.q_author[q]
        for _ in range(30):
            if skills and rng.random() < FROM_SKILL_POOL:
                s = rng.choice(skills)
                m = self.skill_holders[s][pick(rng, self.skill_cum[s])]
            else:
                m = pick(rng, self.answer_cum)
            if m != asker and m not in taken and gen.joined_ago[m] > at_ago:
                return m
        return -1

    def _voter(self, rng, author: int, at_ago: int, taken: set[int]) -> int:
        gen = self.gen
        for _ in range(12):
            m = pick(rng, self.ask_cum)  # voters are the active members
            if m != author and m not in taken and gen.joined_ago[m] > at_ago:
                return m
        return -1

    def _answers(self) -> None:
        gen = self.gen
        rng = gen._rng("answers")
        n_questions = len(self.q_ids)
        self.a_ids: list[str] = []
        self.a_question = array("i")
        self.a_author = array("i")
        self.a_ago = array("q")
        self.a_up = array("H")
        self.a_down = array("H")
        self.a_self = array("b")  # 1 when the asker answered their own question
        self.q_answers = array("H", bytes(2 * n_questions))
        self.q_first_ago = array("q", [-1]) * n_questions  # -1: not answered
        self.q_accepted = array("i", [-1]) * n_questions  # answer index
        self.v_member = array("i")
        self.v_answer = array("i")
        self.v_value = array("b")
        self.v_ago = array("q")
        reputation = [0] * len(gen.members)

        for q in range(n_questions):
            outcome = weighted(rng, FIRST_ANSWER)
            if outcome == "never":
                continue
            asked_ago = self.q_ago[q]
            if outcome == "fast":
                delay = 0.0
                for _ in range(20):
                    delay = rng.lognormvariate(math.log(FAST_MEDIAN_HOURS), 1.0) * HOUR
                    if delay < 48 * HOUR:
                        break
                delay = min(delay, 48 * HOUR - MINUTE)
            else:
                delay = 48 * HOUR + min(120 * DAY, rng.expovariate(1.0 / (SLOW_MEAN_DAYS * DAY)))
            delay = max(delay, 5 * MINUTE)
            times = [delay]
            for _ in range(weighted(rng, ANSWERS_PER_QUESTION) - 1):
                times.append(times[-1] + max(5 * MINUTE, rng.expovariate(1.0 / (18 * HOUR))))
            taken: set[int] = set()
            answers: list[tuple[int, float]] = []  # (answer index, quality)
            for after in times:
                at_ago = asked_ago - int(after)
                if at_ago <= 0:
                    break  # would come after `now`
                m = self._answerer(rng, q, at_ago, taken)
                if m < 0:
                    continue
                taken.add(m)
                answers.append((self._add_answer(rng, q, m, at_ago, False), rng.lognormvariate(0.0, 0.6)))
            if answers and len(answers) < ANSWERS_PER_QUESTION[-1][0] and rng.random() < SELF_ANSWER:
                at_ago = self.a_ago[answers[-1][0]] - int(rng.expovariate(1.0 / (12 * HOUR))) - MINUTE
                if at_ago > 0:
                    answers.append((self._add_answer(rng, q, self.q_author[q], at_ago, True), 3.0))
            if not answers:
                continue
            self.q_answers[q] = len(answers)
            self.q_first_ago[q] = max(self.a_ago[a] for a, _ in answers)
            accepted = -1
            if rng.random() < ACCEPT:
                qualities = list(itertools.accumulate(quality for _, quality in answers))
                accepted = answers[pick(rng, qualities)][0]
                self.q_accepted[q] = accepted
            for a, quality in answers:
                self._votes(rng, a, quality, a == accepted, reputation)
                if a == accepted and not self.a_self[a]:
                    reputation[self.a_author[a]] += REPUTATION.accepted
        for member, points in zip(gen.members, reputation):
            member["reputation"] = points

    def _add_answer(self, rng, q: int, m: int, at_ago: int, own: bool) -> int:
        self.a_ids.append(self.gen._uuid(rng))
        self.a_question.append(q)
        self.a_author.append(m)
        self.a_ago.append(at_ago)
        self.a_up.append(0)
        self.a_down.append(0)
        self.a_self.append(1 if own else 0)
        return len(self.a_ids) - 1

    def _votes(self, rng, a: int, quality: float, accepted: bool, reputation: list[int]) -> None:
        author = self.a_author[a]
        answered_ago = self.a_ago[a]
        ups = min(200, poisson(rng, 0.5 + 1.5 * quality + (2.5 if accepted else 0.0)))
        downs = min(5, poisson(rng, 0.12 / quality))
        taken: set[int] = set()
        for value, count in ((1, ups), (-1, downs)):
            for _ in range(count):
                after = rng.expovariate(1.0 / (3 * DAY))
                at_ago = int(answered_ago - after) if after < answered_ago else int(answered_ago * rng.random())
                m = self._voter(rng, author, at_ago, taken)
                if m < 0:
                    continue
                taken.add(m)
                self.v_member.append(m)
                self.v_answer.append(a)
                self.v_value.append(value)
                self.v_ago.append(at_ago)
                if value == 1:
                    self.a_up[a] += 1
                    reputation[author] += REPUTATION.upvote
                else:
                    self.a_down[a] += 1
                    reputation[author] += REPUTATION.downvote

    # ------------------------------------------------------------------ emit

    def _subjects(self, q: int) -> list[str]:
        """What question q is about: subjects of its topics of the same sort (people or technical) as its first."""
        topics = [self.gen.topics[t] for t in self.q_topics[q]]
        people = topics[0]["category"] in PEOPLE_CATEGORIES
        same = [t for t in topics if (t["category"] in PEOPLE_CATEGORIES) == people]
        return [s for t in same for s in tx.TOPIC_SUBJECTS[t["slug"]]]

    def question_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        rng = gen._rng("question-text")
        for q, question_id in enumerate(self.q_ids):
            topics = [gen.topics[t] for t in self.q_topics[q]]
            subjects = self._subjects(q)
            subject, other = rng.choice(subjects), rng.choice(subjects)
            topic = topics[0]["name"]
            people = topics[0]["category"] in PEOPLE_CATEGORIES
            fields = {"subject": subject, "other": other, "topic": topic, "users": rng.choice((40, 150, 800, 3000)),
                      "team": rng.choice(("two admins", "five developers", "one admin", "a dozen people")),
                      "years": rng.randint(1, 15)}
            if people:
                title = rng.choice(tx.PEOPLE_TITLES).format(**fields)
                body = rng.choice(tx.PEOPLE_BODIES).format(**fields)
            else:
                title = rng.choice(tx.QUESTION_TITLES).format(**fields)
                body = " ".join((rng.choice(tx.QUESTION_CONTEXTS), rng.choice(tx.QUESTION_ATTEMPTS),
                                 rng.choice(tx.QUESTION_ASKS))).format(**fields)
            title = title[0].upper() + title[1:]
            ago = self.q_ago[q]
            edited = ago - int(rng.random() * min(ago, 3 * DAY)) if rng.random() < 0.1 else ago
            first = self.q_first_ago[q]
            accepted = self.q_accepted[q]
            group = self.q_group[q]
            yield {
                "id": question_id,
                "title": title,
                "body": body,
                "createdAt": gen.at(ago),
                "updatedAt": gen.at(edited),
                "answerCount": self.q_answers[q],
                "acceptedAnswerId": self.a_ids[accepted] if accepted >= 0 else None,
                "firstAnsweredAt": gen.at(first) if first >= 0 else None,
                "searchText": f"{title} {body}".lower(),
                "authorId": gen.members[self.q_author[q]]["id"],
                "topicIds": [t["id"] for t in topics],
                "groupId": gen.groups[group]["id"] if group >= 0 else None,
            }

    def answer_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        rng = gen._rng("answer-text")
        for a, answer_id in enumerate(self.a_ids):
            q = self.a_question[a]
            subject = rng.choice(self._subjects(q))
            advice = rng.choice(tx.ANSWER_ADVICE).format(subject=subject)
            if self.a_self[a]:
                body = rng.choice(tx.SELF_ANSWERS).format(advice=advice)
            else:
                parts = (rng.choice(tx.ANSWER_OPENERS).format(subject=subject), advice, rng.choice(tx.ANSWER_CLOSERS))
                body = " ".join(p for p in parts if p)
            ago = self.a_ago[a]
            edited = ago - int(rng.random() * min(ago, DAY)) if rng.random() < 0.05 else ago
            up, down = self.a_up[a], self.a_down[a]
            yield {
                "id": answer_id,
                "body": body,
                "createdAt": gen.at(ago),
                "updatedAt": gen.at(edited),
                "upvotes": up,
                "downvotes": down,
                "score": up - down,
                "accepted": self.q_accepted[q] == a,
                "authorId": gen.members[self.a_author[a]]["id"],
                "questionId": self.q_ids[q],
            }

    def vote_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for m, a, value, ago in zip(self.v_member, self.v_answer, self.v_value, self.v_ago):
            yield {"memberId": gen.members[m]["id"], "answerId": self.a_ids[a], "value": value, "at": gen.at(ago)}
