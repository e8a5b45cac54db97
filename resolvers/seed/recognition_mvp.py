"""The MVP program of the generated community: yearly nomination windows, nominations with evidence,
reviews, decisions, terms and the `mvp` badge, and MVPs speaking at office hours.

- Cycles: the current year's window opened 30 days before `now` (on 1 January when the year is
  younger) and stays open 45 days; the two years before had the same window (same month and day),
  closed, with every nominee decided 4 weeks after it closed. Each is opened by an admin (the
  learning seed's staff: the three longest-standing members, who also draw the prize draws).
- Nominees are members with a record (`MvpProgram.evidence`): 3 per accepted answer (not on their
  own question), 1 per answer, 4 per event spoken at, 5 per group led, 1 per 5,000 learning points;
  drawn by that score among members who joined at least a year and two weeks before (so popular
  members collect several nominations, at most five a year), from a nominator who follows them
  (50%), shares a group they lead (30%) or is any active member, once per nominator and nominee a
  year. A nomination cites up
  to three of the nominee's accepted answers, two past events they spoke at and one group they lead
  (what existed then), links 0-2 pages of theirs, and states the four criteria from templates.
- Reviews: 2-4 per past nomination, 0-2 so far for 40% of the current ones; by admins and MVPs whose
  term covers the review (never the nominee or nominator); each criterion 1-5 around the nominee's
  standing (1 + 4 x their score's percentile among nominees, +- noise).
- Decisions: the best 35% of each past cycle's nominees by average review total are SELECTED (every
  nomination of theirs; the others NOT_SELECTED), one a minute 4 weeks after the window, with a
  one-year term from the decision, and earn the `mvp` badge with their first term. The badge is a
  learning badge (`badges`, `earned_badges`): it counts in badgeCount and may promote the member then
  or sooner than before (their REACHED history and rank are replayed with it, `LedgerFacts.replan`).
  A nominee whose rank the badge would move across the rank band of a quest open at one of their
  completions is passed over (quest entries, their badges and the prize draws were decided by the
  learning ledger), so the learning data stays exactly as consistent as it was: about one nominee in
  ten among those the reviews put first (8 of 73 on `small`), active learners near a rank threshold.
- Office hours: 60% of the MVPs (at least one when any can) speak at 1-2 OFFICE_HOURS events of
  groups they belong to that were announced during their term (only a current MVP may create one),
  where they neither speak already nor RSVPed: added to those events' speakers (the events rows).
"""

from __future__ import annotations

from array import array
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from resolvers.seed import learning_catalog as lc
from resolvers.seed import recognition_data as data
from resolvers.seed.draw import DAY, HOUR, MINUTE, YEAR, pick

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator
    from resolvers.seed.recognition import RecognitionSize

UTC = timezone.utc
WINDOW = 45 * DAY
CURRENT_OPENED = 30 * DAY
DECIDED_AFTER = 28 * DAY + 10 * HOUR
TERM = 365 * DAY
ELIGIBLE = YEAR + 14 * DAY
SELECTED_SHARE = 0.35
PER_NOMINEE = 5
PEOPLE_TOPICS = frozenset({"career", "community", "industry"})  # topic categories no one is an expert "in"  # nominations a nominee receives at most in one cycle
OFFICE_HOURS = 0.6
MVP_BADGE = {"slug": "mvp", "title": "Community MVP", "kind": "MVP",
             "description": "Named a Community MVP for expertise, generosity, leadership and advocacy."}


class MvpProgram:
    """Cycles, nominations, citations, reviews and terms for one `SeedGenerator` (after learning)."""

    def __init__(self, gen: "SeedGenerator", size: "RecognitionSize") -> None:
        self.gen = gen
        self.size = size
        self.rng = gen._rng("recognition-mvp")
        self.admins = list(gen.learning.progress.ledger.staff)

    # ------------------------------------------------------------------ evidence

    def evidence(self) -> None:
        """Each member's accepted answers, answers, talks and groups led, and their score."""
        gen, qna = self.gen, self.gen.qna
        n = len(gen.members)
        self.index = {member["id"]: m for m, member in enumerate(gen.members)}
        self.accepted: list[list[int]] = [[] for _ in range(n)]  # answer indexes
        self.answers = array("i", bytes(4 * n))
        for m in qna.a_author:
            self.answers[m] += 1
        for a in qna.q_accepted:
            if a >= 0 and not qna.a_self[a]:
                self.accepted[qna.a_author[a]].append(a)
        self.talks: list[list[int]] = [[] for _ in range(n)]  # event indexes
        for e, event in enumerate(gen.event_builder.events):
            for member_id in event["speakerIds"]:
                self.talks[self.index[member_id]].append(e)
        self.leads: list[list[int]] = [[] for _ in range(n)]
        for g, leaders in enumerate(gen.group_leaders):
            for m in sorted(leaders):
                self.leads[m].append(g)
        self.score = [3 * len(self.accepted[m]) + self.answers[m] + 4 * len(self.talks[m]) + 5 * len(self.leads[m])
                      + gen.members[m].get("points", 0) / 5_000 for m in range(n)]

    # ------------------------------------------------------------------ cycles

    def cycles(self) -> None:
        gen = self.gen
        rng = self.rng
        year = gen.now.year
        opens = max(datetime(year, 1, 1, tzinfo=UTC), gen.now - timedelta(seconds=CURRENT_OPENED))
        self.cycle_rows: list[dict[str, Any]] = []
        self.windows: list[tuple[int, int, int | None]] = []  # (opens, closes, decided), seconds before now
        for back in (2, 1, 0):
            start = _years_before(opens, back)
            opens_ago = gen.ago(start)
            closes_ago = opens_ago - WINDOW
            decided = closes_ago - DECIDED_AFTER if back else None
            self.windows.append((opens_ago, closes_ago, decided))
            self.cycle_rows.append({"id": gen._uuid(rng), "year": year - back, "opensAt": start,
                                    "closesAt": gen.at(closes_ago), "createdAt": gen.at(opens_ago + 2 * DAY),
                                    "openedBy": gen.members[self.admins[back % len(self.admins)]]["id"]})

    # ------------------------------------------------------------------ nominations

    def nominate(self) -> None:
        gen, rng, size = self.gen, self.rng, self.size
        n = len(gen.members)
        self.nominations: list[dict[str, Any]] = []  # {id, cycle, nominator, nominee, ago, cites, links, ...}
        candidates = [m for m in range(n) if self.score[m] >= 4]
        weights = [self.score[m] for m in candidates]
        cum = list(_accumulate(weights))
        for c, (opens, closes, _) in enumerate(self.windows):
            end = max(closes, 0)
            if opens - end < HOUR or not candidates:
                continue
            elapsed = min(1.0, (opens - end) / WINDOW)  # the current window: nominations so far
            want = size.nominations if c < 2 else max(1, round(size.current_nominations * elapsed))
            keys: set[tuple[int, int]] = set()
            received: dict[int, int] = {}
            for _ in range(want * 4):
                if len(keys) >= want:
                    break
                ago = end + HOUR + int(rng.random() * (opens - end - HOUR))
                nominee = candidates[pick(rng, cum)]
                if gen.joined_ago[nominee] < ago + ELIGIBLE or received.get(nominee, 0) >= PER_NOMINEE:
                    continue
                nominator = self._nominator(nominee, ago)
                if nominator < 0 or (nominator, nominee) in keys:
                    continue
                keys.add((nominator, nominee))
                received[nominee] = received.get(nominee, 0) + 1
                self.nominations.append(self._nomination(c, nominator, nominee, ago))

    def _nominator(self, nominee: int, ago: int) -> int:
        gen, rng = self.gen, self.rng
        offsets, followers = gen.followers
        fans = followers[offsets[nominee]:offsets[nominee + 1]]
        led = self.leads[nominee]
        for _ in range(20):
            r = rng.random()
            if r < 0.5 and len(fans):
                m = fans[rng.randrange(len(fans))]
            elif r < 0.8 and led:
                members = gen.group_members[rng.choice(led)]
                m = members[rng.randrange(len(members))]
            else:
                m = pick(rng, gen.qna.ask_cum)
            if m != nominee and gen.joined_ago[m] > ago:
                return m
        return -1

    def _nomination(self, c: int, nominator: int, nominee: int, ago: int) -> dict[str, Any]:
        gen, rng, qna = self.gen, self.rng, self.gen.qna
        answers = [a for a in self.accepted[nominee] if qna.a_ago[a] > ago]
        talks = [e for e in self.talks[nominee] if gen.ago(gen.event_builder.events[e]["startsAt"]) > ago]
        cites = [("ANSWER", a) for a in rng.sample(answers, min(len(answers), rng.randint(0, 3)))]
        cites += [("EVENT", e) for e in rng.sample(talks, min(len(talks), rng.randint(0, 2)))]
        if self.leads[nominee] and rng.random() < 0.8:
            cites.append(("GROUP", rng.choice(self.leads[nominee])))
        member = gen.members[nominee]
        name = member["displayName"].split(" ")[0]
        followed = [gen.topics[t] for t, _ in gen.member_topics[nominee]]
        topics = [t["name"] for t in followed if t["category"] not in PEOPLE_TOPICS] or ["the platform"]
        group = gen.groups[self.leads[nominee][0]]["name"] if self.leads[nominee] else "a local user group"
        answered, talked = self.answers[nominee], len(self.talks[nominee])
        fields = {"name": name, "answers": "a question" if answered == 1 else f"{answered} questions",
                  "accepted": len(self.accepted[nominee]), "topic": rng.choice(topics), "group": group,
                  "talks": "a community event" if talked <= 1 else f"{talked} community events"}
        links = [rng.choice(data.LINKS).format(handle=member["handle"]) for _ in range(rng.choice((0, 0, 1, 2)))]
        return {"id": gen._uuid(rng), "cycle": c, "nominator": nominator, "nominee": nominee, "ago": ago,
                "cites": cites, "links": list(dict.fromkeys(links)),
                "expertise": (data.EXPERTISE_RECORD if answered >= 3 and fields["accepted"] else
                              rng.choice(data.EXPERTISE)).format(**fields),
                "generosity": rng.choice(data.GENEROSITY).format(**fields),
                "leadership": rng.choice(data.LEADERSHIP).format(**fields),
                "advocacy": rng.choice(data.ADVOCACY).format(**fields),
                "reviews": [], "status": "PENDING", "decided": None}

    # ------------------------------------------------------------------ reviews and decisions

    def decide(self, ledger_facts: "LedgerFacts") -> None:
        """Review every nomination, decide the past cycles, and record terms (cycle by cycle, so the
        earlier cycles' MVPs review the later ones)."""
        gen, rng = self.gen, self.rng
        self.ledger_facts = ledger_facts
        self.terms: list[dict[str, Any]] = []  # {id, member, cycle, starts (ago), ends (ago)}
        self.badge_earned: dict[int, int] = {}  # member -> seconds before now
        self.promotions: dict[int, list[tuple[int, int]]] = {}  # member -> rank history with the badge
        nominated = sorted({x["nominee"] for x in self.nominations})
        ranked = sorted(nominated, key=lambda m: (self.score[m], m))
        percentile = {m: (k + 0.5) / len(ranked) for k, m in enumerate(ranked)}
        for c, (_, _, decided) in enumerate(self.windows):
            mine = [x for x in self.nominations if x["cycle"] == c]
            for x in mine:
                until = decided + DAY if decided is not None else 0
                count = rng.randint(2, 4) if decided is not None else (rng.randint(1, 2) if rng.random() < 0.4 else 0)
                for _ in range(count):
                    at = until + int(rng.random() * max(MINUTE, x["ago"] - until - MINUTE))
                    reviewer = self._reviewer(x, at)
                    if reviewer < 0 or any(r["member"] == reviewer for r in x["reviews"]):
                        continue
                    q = percentile[x["nominee"]]
                    scores = [min(5, max(1, round(1 + 4 * q + rng.gauss(0.0, 0.8)))) for _ in range(4)]
                    x["reviews"].append({"member": reviewer, "scores": scores, "ago": at,
                                         "comment": rng.choice(data.REVIEW_COMMENTS)})
            if decided is None:
                continue
            totals: dict[int, list[int]] = {}
            for x in mine:
                for r in x["reviews"]:
                    totals.setdefault(x["nominee"], []).append(sum(r["scores"]))
            nominees = sorted({x["nominee"] for x in mine},
                              key=lambda m: (-(sum(totals.get(m, [0])) / max(1, len(totals.get(m, [])))),
                                             -self.score[m], m))
            quota = max(1, round(SELECTED_SHARE * len(nominees)))
            selected: list[int] = []
            for m in nominees:
                if len(selected) >= quota:
                    break
                if m in self.badge_earned:
                    selected.append(m)
                    continue
                promotions = ledger_facts.replan(m, decided - len(selected) * MINUTE)
                if promotions is not None:
                    self.promotions[m] = promotions
                    selected.append(m)
            for k, m in enumerate(selected):  # decided one a minute, in the order chosen
                at = decided - k * MINUTE
                self.terms.append({"id": gen._uuid(rng), "member": m, "cycle": c, "starts": at, "ends": at - TERM})
                self.badge_earned.setdefault(m, at)
            chosen = set(selected)
            when = {t["member"]: t["starts"] for t in self.terms if t["cycle"] == c}
            for x in mine:
                x["status"] = "SELECTED" if x["nominee"] in chosen else "NOT_SELECTED"
                x["decided"] = when.get(x["nominee"], decided)

    def _reviewer(self, x: dict[str, Any], at: int) -> int:
        rng = self.rng
        pool = list(self.admins) + [t["member"] for t in self.terms if t["starts"] > at > t["ends"]]
        pool = [m for m in pool if m not in (x["nominee"], x["nominator"])]
        return rng.choice(pool) if pool else -1

    # ------------------------------------------------------------------ office hours

    def office_hours(self) -> None:
        """MVPs speak at OFFICE_HOURS events of their groups during their term (see the docstring)."""
        gen = self.gen
        rng = gen._rng("recognition-office-hours")
        events = gen.event_builder.events
        by_group: dict[str, list[int]] = {}
        for e, event in enumerate(events):
            if event["kind"] == "OFFICE_HOURS":
                by_group.setdefault(event["groupId"], []).append(e)
        mvps = sorted({t["member"] for t in self.terms})
        rsvped: set[tuple[int, int]] = set()
        wanted = set(mvps)
        for m, e in zip(gen.event_builder.r_member, gen.event_builder.r_event):
            if m in wanted:
                rsvped.add((m, e))
        self.hosted: list[tuple[int, int]] = []
        fallback: tuple[int, int] | None = None
        for m in mvps:
            spans = [(t["starts"], t["ends"]) for t in self.terms if t["member"] == m]
            member_id = gen.members[m]["id"]
            options = [e for g in gen.groups_of(m) for e in by_group.get(gen.groups[g]["id"], ())
                       if member_id not in events[e]["speakerIds"] and (m, e) not in rsvped
                       and any(start > gen.ago(events[e]["createdAt"]) > end for start, end in spans)]
            if options and fallback is None:
                fallback = (m, options[0])
            if rng.random() >= OFFICE_HOURS:
                continue
            for e in rng.sample(options, min(len(options), rng.randint(1, 2))):
                events[e]["speakerIds"].append(member_id)
                self.hosted.append((m, e))
        if not self.hosted and fallback is not None:  # a small community: at least one MVP hosts
            m, e = fallback
            events[e]["speakerIds"].append(gen.members[m]["id"])
            self.hosted.append((m, e))


class LedgerFacts:
    """Members' learning facts read back from the learning ledger (points and badges over time, rank
    promotions, completions that can enter a quest), to replay their rank with one more badge."""

    def __init__(self, gen: "SeedGenerator", members: set[int]) -> None:
        ledger = gen.learning.progress.ledger
        cat = gen.learning.catalog
        self.ledger = ledger
        facts: dict[int, list[tuple[int, int, int]]] = {m: [] for m in members}  # (ago, points, badges)
        for m, u, ago in zip(ledger.uc_member, ledger.uc_unit, ledger.uc_ago):
            if m in facts:
                facts[m].append((ago, cat.unit_points[u], 0))
        for m, b, ago in zip(ledger.sc_member, ledger.sc_superbadge, ledger.sc_ago):
            if m in facts:
                facts[m].append((ago, cat.superbadges[b]["points"], 0))
        for m, _, ago in zip(ledger.eb_member, ledger.eb_badge, ledger.eb_ago):
            if m in facts:
                facts[m].append((ago, 0, 1))
        self.facts = facts
        # Completions that can enter quests (of regular modules and superbadges, inside a quest window),
        # with the rank bands of the quests open then.
        maintenance = {x for x, module in enumerate(cat.modules) if module["kind"] == "MAINTENANCE"}
        quests = [(start, end, q["minRank"], q["maxRank"]) for (start, end), q in zip(ledger.quest_window, cat.quests)]
        self.entering: dict[int, dict[int, list[tuple[int, int]]]] = {m: {} for m in members}

        def enter(m: int, ago: int) -> None:
            bands = [(low, high) for start, end, low, high in quests if start >= ago > end]
            if bands:
                self.entering[m][ago] = bands

        for m, x, ago in zip(ledger.mc_member, ledger.mc_module, ledger.mc_ago):
            if m in facts and x not in maintenance:
                enter(m, ago)
        for m, ago in zip(ledger.sc_member, ledger.sc_ago):
            if m in facts:
                enter(m, ago)
        self.recorded: dict[int, list[tuple[int, int]]] = {m: [] for m in members}
        for m, position, ago in zip(ledger.rh_member, ledger.rh_rank, ledger.rh_ago):
            if m in facts:
                self.recorded[m].append((ago, position))

    def _states(self, m: int, extra: int | None) -> list[tuple[int, int]]:
        """(ago, rank) after each distinct moment of member m's history, oldest first, with one more
        badge from `extra` (seconds before now) on when given."""
        moments: dict[int, list[int]] = {}
        for ago, p, b in self.facts.get(m, []):
            delta = moments.setdefault(ago, [0, 0])
            delta[0] += p
            delta[1] += b
        if extra is not None:
            moments.setdefault(extra, [0, 0])[1] += 1
        points = badges = 0
        out = []
        for ago in sorted(moments, reverse=True):
            points += moments[ago][0]
            badges += moments[ago][1]
            out.append((ago, _rank(points, badges)))
        return out

    @staticmethod
    def _promotions(states: list[tuple[int, int]]) -> list[tuple[int, int]]:
        rank, out = 1, []
        for ago, reached in states:
            out.extend((ago, position) for position in range(rank + 1, reached + 1))
            rank = max(rank, reached)
        return out

    def replan(self, m: int, at: int) -> list[tuple[int, int]] | None:
        """Member m's promotions [(ago, rank position)] with one more badge from `at` on (the ladder
        applied after every moment, as the progress transactions do), or None when that badge would
        move their rank across the band of a quest open at a completion that could enter it (so the
        quest entries, their limited editions and the prize draws stay exactly as the ledger replayed
        them), or when the ledger's own promotions cannot be reproduced from the facts."""
        before, after = self._states(m, None), self._states(m, at)
        if sorted(self._promotions(before)) != sorted(self.recorded.get(m, [])):
            return None
        old, new = dict(before), dict(after)
        entering = self.entering.get(m, {})
        old_rank = new_rank = previous_old = previous_new = 1
        for ago, _ in after:
            old_rank = old.get(ago, old_rank)
            new_rank = new[ago]
            for low, high in entering.get(ago, ()):
                # The same quests open to the member around this completion, with the badge or without.
                for was, now in ((previous_old, previous_new), (old_rank, new_rank)):
                    if (low <= was <= high) != (low <= now <= high):
                        return None
            previous_old, previous_new = old_rank, new_rank
        return self._promotions(after)


def _rank(points: int, badges: int) -> int:
    return lc.rank_for(points, badges).position


def _accumulate(weights):
    total = 0.0
    for w in weights:
        total += w
        yield total


def _years_before(when: datetime, years: int) -> datetime:
    try:
        return when.replace(year=when.year - years)
    except ValueError:  # 29 February
        return when.replace(year=when.year - years, day=28)


__all__ = ["MVP_BADGE", "LedgerFacts", "MvpProgram"]
