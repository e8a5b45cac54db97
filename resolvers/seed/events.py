"""Events of a generated community and the RSVPs to them.

Every group hosts a few events (more when it is bigger), of kinds that suit it: regional groups
meet in person in their city (MEETUP, some CITY_TOUR, JOB_FAIR and CONFERENCE); product, role,
industry and interest groups run ONLINE WEBINARs and OFFICE_HOURS and the odd in-person
CONFERENCE or JOB_FAIR in a hub city of their region. Start times are local wall-clock times
(a meetup at 18:30 in Berlin) in the IANA zone of the city, or of the group's region when
online, stored in UTC. About 70% of events lie in the two years before `now`, the rest start
between 2 and 120 days after it, so they are still upcoming for a day at least after `now`.

RSVPs come from the hosting group's members: GOING up to capacity in the order they answered,
later GOING answers on the waitlist (tickets 1, 2, ...), INTERESTED and NOT_GOING too. goingCount,
waitlistCount and waitlistSeq are counted from them.
"""

from __future__ import annotations

import itertools
import math
from array import array
from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterator
from zoneinfo import ZoneInfo

from resolvers.seed import taxonomy as tx
from resolvers.seed.draw import DAY, HOUR, MINUTE, pick, poisson, weighted

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator

KIND_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "REGIONAL": (("MEETUP", 55), ("CITY_TOUR", 8), ("JOB_FAIR", 7), ("CONFERENCE", 5), ("WEBINAR", 12),
                 ("OFFICE_HOURS", 13)),
    "PRODUCT": (("WEBINAR", 50), ("OFFICE_HOURS", 35), ("CONFERENCE", 10), ("MEETUP", 5)),
    "ROLE": (("WEBINAR", 40), ("OFFICE_HOURS", 25), ("MEETUP", 15), ("JOB_FAIR", 15), ("CONFERENCE", 5)),
    "INDUSTRY": (("WEBINAR", 45), ("OFFICE_HOURS", 20), ("CONFERENCE", 20), ("JOB_FAIR", 10), ("MEETUP", 5)),
    "INTEREST": (("WEBINAR", 40), ("MEETUP", 35), ("OFFICE_HOURS", 20), ("JOB_FAIR", 5)),
}
ALWAYS_ONLINE = frozenset({"WEBINAR", "OFFICE_HOURS"})
CITY_TOUR_MIN_WEIGHT = 10  # only big cities get a tour
START_TIMES = {
    "MEETUP": ((18, 0), (18, 30), (19, 0)),
    "CITY_TOUR": ((9, 0),),
    "WEBINAR": ((10, 0), (11, 0), (15, 0), (16, 0), (17, 0)),
    "OFFICE_HOURS": ((12, 0), (16, 0), (17, 0)),
    "JOB_FAIR": ((10, 0), (13, 0)),
    "CONFERENCE": ((8, 30), (9, 0)),
}
MINUTES = {
    "MEETUP": (120, 150, 180), "CITY_TOUR": (420, 480, 540), "WEBINAR": (60, 90), "OFFICE_HOURS": (60,),
    "JOB_FAIR": (240, 300, 360), "CONFERENCE": (480, 540),
}
WEEKDAYS = {  # Monday is 0
    "MEETUP": {1, 2, 3}, "CITY_TOUR": {3}, "WEBINAR": {1, 2, 3}, "OFFICE_HOURS": {0, 1, 2, 3, 4},
    "JOB_FAIR": {1, 2, 3}, "CONFERENCE": {4, 5},
}
CAPACITY = {
    "MEETUP": (20, 150), "CITY_TOUR": (250, 500), "WEBINAR": (100, 500), "OFFICE_HOURS": (20, 60),
    "JOB_FAIR": (100, 400), "CONFERENCE": (150, 500),
}
SPEAKERS = {
    "MEETUP": (1, 2), "CITY_TOUR": (2, 4), "WEBINAR": (1, 2), "OFFICE_HOURS": (1, 3), "JOB_FAIR": (0, 1),
    "CONFERENCE": (4, 8),
}
UPCOMING = 0.3
# The share of a group's members who answer an event's invitation (median; lognormal).
RESPONSE_MEDIAN = 0.15
PAST_DAYS = (3, 730)
AHEAD_DAYS = (2, 120)
RSVP_STATUS = (("GOING", 62), ("INTERESTED", 28), ("NOT_GOING", 10))
STATUS_CODES = ("GOING", "INTERESTED", "NOT_GOING", "WAITLISTED")
GOING, INTERESTED, NOT_GOING, WAITLISTED = range(4)
# Regions of global groups, as predicates on a city's (country, zone).
REGIONS = {
    "EMEA": lambda country, zone: zone.startswith(("Europe/", "Africa/", "Atlantic/"))
    or country in ("AE", "SA", "QA", "KW", "BH", "OM", "JO", "LB", "IL", "CY", "GE", "AM", "AZ"),
    "APAC": lambda country, zone: zone.startswith(("Asia/", "Australia/", "Pacific/", "Indian/"))
    and country not in ("AE", "SA", "QA", "KW", "BH", "OM", "JO", "LB", "IL", "CY", "GE", "AM", "AZ"),
    "LATAM": lambda country, zone: zone.startswith("America/") and country not in ("US", "CA"),
    "North America": lambda country, zone: country in ("US", "CA", "MX"),
    "Americas": lambda country, zone: zone.startswith("America/"),
}
STATUS = {name: code for code, name in enumerate(STATUS_CODES)}


class EventBuilder:
    """Builds events, their speakers and RSVPs for one `SeedGenerator`."""

    def __init__(self, gen: "SeedGenerator") -> None:
        self.gen = gen

    def build(self) -> None:
        gen = self.gen
        rng = gen._rng("events")
        self.events: list[dict[str, Any]] = []
        self.r_member = array("i")
        self.r_event = array("i")
        self.r_status = array("b")
        self.r_ago = array("q")
        self.r_ticket = array("i")
        self.zones: dict[str, ZoneInfo] = {}
        employers = [c for c in tx.COMPANIES if c not in ("Independent Consultant", "Freelance", "Open to Work")]
        hubs = {region: [c for c, city in enumerate(tx.CITIES) if test(city[1], tx.city_zone(city[0], city[1]))]
                for region, test in REGIONS.items()}
        hubs[""] = list(range(len(tx.CITIES)))
        hub_cum = {region: list(itertools.accumulate(tx.CITIES[c][4] for c in cities))
                   for region, cities in hubs.items()}
        for g, group in enumerate(gen.groups):
            size = group["memberCount"]
            for _ in range(min(12, poisson(rng, 1.0 + 0.7 * math.log10(1 + size)))):
                kind = weighted(rng, KIND_MIX[group["kind"]])
                regional = group["kind"] == "REGIONAL"
                if kind == "CITY_TOUR" and (not regional or tx.CITIES[group["_city"]][4] < CITY_TOUR_MIN_WEIGHT):
                    kind = "MEETUP"
                online = kind in ALWAYS_ONLINE or (kind == "MEETUP" and not regional)
                if online:
                    city = None
                    if regional:
                        zone = tx.city_zone(tx.CITIES[group["_city"]][0], group["country"])
                    else:
                        zone = tx.REGION_ZONES.get(group["_qualifier"]) or rng.choice(tx.GLOBAL_ZONES)
                else:
                    if regional:
                        city = group["_city"]
                    else:
                        region = group["_qualifier"] if group["_qualifier"] in hubs else ""
                        city = hubs[region][pick(rng, hub_cum[region])]
                    zone = tx.city_zone(tx.CITIES[city][0], tx.CITIES[city][1])
                self._event(rng, g, kind, city, zone, employers)

    def _zone(self, name: str) -> ZoneInfo:
        if name not in self.zones:
            self.zones[name] = ZoneInfo(name)
        return self.zones[name]

    def _start(self, rng, kind: str, zone: str, created_ago: int) -> datetime:
        """A local wall-clock start on a fitting weekday, in UTC (upcoming if the group is too young for a past one)."""
        gen = self.gen
        today = gen.now.date()
        max_past = min(PAST_DAYS[1], created_ago // DAY - 14)
        if rng.random() < UPCOMING or max_past < PAST_DAYS[0] + 7:
            day, step = today + timedelta(days=rng.randint(*AHEAD_DAYS)), 1
        else:
            days = PAST_DAYS[0] + int((max_past - PAST_DAYS[0]) * rng.random() ** 1.3)
            day, step = today - timedelta(days=days), -1
        while day.weekday() not in WEEKDAYS[kind]:
            day += timedelta(days=step)
        hour, minute = rng.choice(START_TIMES[kind])
        local = datetime.combine(day, time(hour, minute), tzinfo=self._zone(zone))
        return local.astimezone(timezone.utc)

    def _event(self, rng, g: int, kind: str, city: int | None, zone: str, employers: list[str]) -> None:
        gen = self.gen
        group = gen.groups[g]
        group_ago = group["_offset"] + gen.shift
        starts = self._start(rng, kind, zone, group_ago)
        ends = starts + timedelta(minutes=rng.choice(MINUTES[kind]))
        start_ago = gen.ago(starts)  # negative: upcoming
        created_ago = min(group_ago, start_ago + rng.randint(14, 90) * DAY)
        if created_ago < HOUR:
            created_ago = HOUR + int(rng.random() * 3 * DAY)
        # Rooms and webinar seats fit the group: a share of its members, within the kind's range.
        members = gen.group_members[g]
        lo, hi = CAPACITY[kind]
        capacity = max(20, min(500, round(min(hi, max(lo, len(members) * rng.uniform(0.05, 0.4))), -1)))
        topics = group["_topics"][: rng.randint(1, 2)]

        # Speakers: a leader often, then members, all of them members before the event was announced.
        speakers: list[int] = []
        want = rng.randint(*SPEAKERS[kind])
        leaders = sorted(gen.group_leaders[g])
        candidates = ([rng.choice(leaders)] if leaders and rng.random() < 0.5 else []) + [
            members[rng.randrange(len(members))] for _ in range(want * 3)
        ]
        for m in candidates:
            if len(speakers) >= want:
                break
            if m not in speakers and gen.joined_ago[m] > created_ago:
                speakers.append(m)

        e = len(self.events)
        location = tx.CITIES[city] if city is not None else None
        topic = gen.topics[topics[0]]
        local = starts.astimezone(self._zone(zone))
        subject = rng.choice(tx.TOPIC_SUBJECTS[topic["slug"]])
        fields = {
            "city": location[0] if location else (group["city"] or ""),
            "group": group["name"],
            "topic": topic["name"],
            "subject": subject,
            "Subject": subject[0].upper() + subject[1:],
            "month": tx.MONTHS[local.month - 1],
            "year": local.year,
        }
        title = rng.choice(tx.EVENT_TITLES[kind]).format(**fields)
        description = rng.choice(tx.EVENT_DESCRIPTIONS[kind]).format(**fields)
        venue = rng.choice(tx.VENUES).format(company=rng.choice(employers), city=location[0]) if location else None
        going = waitlisted = 0
        self._rsvps(rng, e, members, set(speakers), capacity, created_ago, max(start_ago, 0))
        for status in self.r_status[self._first_rsvp:]:
            going += status == GOING
            waitlisted += status == WAITLISTED
        self.events.append(
            {
                "id": gen._uuid(rng),
                "title": title,
                "description": description,
                "kind": kind,
                "format": "IN_PERSON" if location else "ONLINE",
                "venue": venue,
                "city": location[0] if location else None,
                "country": location[1] if location else None,
                "latitude": round(location[2] + rng.gauss(0.0, 0.01), 5) if location else None,
                "longitude": round(location[3] + rng.gauss(0.0, 0.01), 5) if location else None,
                "startsAt": starts,
                "endsAt": ends,
                "timeZone": zone,
                "capacity": capacity,
                "goingCount": going,
                "waitlistCount": waitlisted,
                "waitlistSeq": waitlisted,
                "createdAt": gen.at(created_ago),
                "searchText": f"{title} {description}".lower(),
                "groupId": group["id"],
                "topicIds": [gen.topics[t]["id"] for t in topics],
                "speakerIds": [gen.members[m]["id"] for m in speakers],
            }
        )

    def _rsvps(self, rng, e: int, members: list[int], speakers: set[int], capacity: int,
               created_ago: int, closed_ago: int) -> None:
        """RSVPs between the announcement (`created_ago`) and the start or now (`closed_ago`)."""
        gen = self.gen
        self._first_rsvp = len(self.r_status)
        rate = min(0.9, rng.lognormvariate(math.log(RESPONSE_MEDIAN), 1.0))
        count = min(len(members), int(len(members) * rate) + 1, int(capacity * 1.6) + 20)
        window = max(MINUTE, created_ago - closed_ago - MINUTE)
        answers = []
        for m in rng.sample(members, count):
            ago = closed_ago + MINUTE + int(window * rng.random())
            status = STATUS[weighted(rng, RSVP_STATUS)]
            if m not in speakers and gen.joined_ago[m] > ago:
                answers.append((-ago, m, status))
        answers.sort()  # in the order they answered
        going = ticket = 0
        for negative_ago, m, status in answers:
            if status == GOING:
                if going < capacity:
                    going += 1
                else:
                    status = WAITLISTED
            ticket += status == WAITLISTED
            self.r_member.append(m)
            self.r_event.append(e)
            self.r_status.append(status)
            self.r_ago.append(-negative_ago)
            self.r_ticket.append(ticket if status == WAITLISTED else 0)

    # ------------------------------------------------------------------ emit

    def event_rows(self) -> Iterator[dict[str, Any]]:
        for event in self.events:
            yield dict(event)

    def rsvp_rows(self) -> Iterator[dict[str, Any]]:
        gen = self.gen
        for m, e, status, ago, ticket in zip(self.r_member, self.r_event, self.r_status, self.r_ago, self.r_ticket):
            yield {
                "memberId": gen.members[m]["id"],
                "eventId": self.events[e]["id"],
                "status": STATUS_CODES[status],
                "at": gen.at(ago),
                "ticket": ticket or None,
            }
