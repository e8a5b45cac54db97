"""Customer hero stories of the generated community, and the CITY_TOUR events their heroes speak at.

Heroes (`RecognitionSize.heroes`) are members with a public profile who work at one of the seeded
companies (resolvers/seed/learning_companies.py), joined at least 90 days before, speak at no event
and hold no MVP term (a hero speaks only at CITY_TOUR events, graph/MODEL.md), drawn by 1 + points /
2,000 + reputation / 50 (accomplished members). Each story is featured by an admin (the learning
seed's staff) in the last two years, after the member joined, is AT their employer and USES the
product areas they follow (up to three), else one or two product areas by weight.

City tours: half of the heroes (the first one always, when a tour fits) speak at one or two
CITY_TOUR events that start after they were featured, in their country when there is one (the tour
may be past or upcoming); when no tour fits anyone, the longest-featured hero was featured two weeks
before the last tour and speaks there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resolvers.seed import ideas_data
from resolvers.seed import recognition_data as data
from resolvers.seed.draw import DAY, HOUR, YEAR, pick

if TYPE_CHECKING:
    from resolvers.seed.generator import SeedGenerator

FEATURE_SPAN = 2 * YEAR
TOURING = 0.5


class HeroStories:
    """Customer hero stories and their city tours for one `SeedGenerator` (after events and learning)."""

    def __init__(self, gen: "SeedGenerator", count: int, admins: list[int]) -> None:
        self.gen = gen
        self.count = count
        self.admins = admins
        self.rng = gen._rng("recognition-heroes")

    def build(self, excluded: set[int]) -> None:
        gen, rng = self.gen, self.rng
        companies = gen.learning.companies
        speaking = {member_id for event in gen.event_builder.events for member_id in event["speakerIds"]}
        keys = []
        for m, member in enumerate(gen.members):
            if (companies.employer[m] < 0 or member["visibility"] != "PUBLIC" or m in excluded
                    or member["id"] in speaking or gen.joined_ago[m] < 90 * DAY):
                continue
            weight = 1.0 + member.get("points", 0) / 2_000 + max(0, member.get("reputation", 0)) / 50
            keys.append((rng.random() ** (1.0 / weight), m))
        keys.sort(reverse=True)
        chosen = sorted(m for _, m in keys[: self.count])
        product_topics = {gen.topic_index[slug]: a for a, (slug, _, _) in enumerate(ideas_data.PRODUCT_AREAS)}
        area_cum = []
        total = 0.0
        for _, weight, _ in ideas_data.PRODUCT_AREAS:
            total += weight
            area_cum.append(total)
        self.heroes: list[dict[str, Any]] = []
        for m in chosen:
            member = gen.members[m]
            company = companies.companies[companies.employer[m]]
            span = min(FEATURE_SPAN, gen.joined_ago[m] - 30 * DAY)
            ago = HOUR + int(rng.random() * (span - HOUR))
            followed = [t for t, _ in gen.member_topics[m] if t in product_topics][:3]
            if not followed:
                followed = list(dict.fromkeys(gen.topic_index[ideas_data.PRODUCT_AREAS[pick(rng, area_cum)][0]]
                                              for _ in range(rng.randint(1, 2))))
            name = member["displayName"].split(" ")[0]
            product = gen.topics[followed[0]]["name"]
            fields = {"company": company["name"], "product": product, "name": name}
            self.heroes.append({
                "id": gen._uuid(rng), "member": m, "ago": ago,
                "title": rng.choice(data.HERO_TITLES).format(**fields),
                "story": rng.choice(data.HERO_STORIES).format(**fields),
                "featuredBy": gen.members[self.admins[len(self.heroes) % len(self.admins)]]["id"],
                "companyId": company["id"], "topics": followed,
            })
        self._tours()

    def _tours(self) -> None:
        gen, rng = self.gen, self.rng
        tours = [(e, gen.ago(event["startsAt"]), event["country"]) for e, event in enumerate(gen.event_builder.events)
                 if event["kind"] == "CITY_TOUR"]
        self.speakers: list[tuple[int, int]] = []  # (hero index, event index)
        for h, hero in enumerate(self.heroes):
            if h and rng.random() >= TOURING:
                continue
            later = [(e, country) for e, starts, country in tours if starts < hero["ago"]]
            if not later:
                continue
            home = [e for e, country in later if country == gen.members[hero["member"]]["country"]]
            pool = home or [e for e, _ in later]
            for e in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                self.speakers.append((h, e))
        if self.speakers or not tours or not self.heroes:
            return
        # No tour after any hero was featured: the longest-featured hero was featured before the last tour.
        e, starts, _ = max(tours, key=lambda t: (-t[1], t[0]))
        h = max(range(len(self.heroes)), key=lambda h: (self.heroes[h]["ago"], -h))
        earlier = starts + 14 * DAY
        if self.gen.joined_ago[self.heroes[h]["member"]] - 30 * DAY > earlier:
            self.heroes[h]["ago"] = earlier
            self.speakers.append((h, e))


__all__ = ["HeroStories"]
