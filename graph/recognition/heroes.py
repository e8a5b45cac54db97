"""HeroRepository: customer heroes (graph/recognition/heroes.cypher): lookups, the filtered list,
the per-member, per-event and per-hero lists, and the featuring and speaker writes.

Every hero read comes back as a `HeroRow`: the hero's properties plus `memberId` and `companyId`,
with the member's and the company's own properties alongside, so callers can prime those loaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.community.repository import Page, Row, Visibility
from graph.database import Graph, Transaction
from graph.recognition import QUERIES

# A speaker write that a crowd of leaders may send for one event at once is run again when it
# loses a race (the retry re-reads and finds the relationship the winner wrote).
CONTENDED_ATTEMPTS = 8


@dataclass(frozen=True)
class HeroRow:
    """A hero (properties with memberId, companyId) with its member's and company's properties."""

    hero: Row
    member: Row
    company: Row


def _hero(hero: Row, member: Row, company: Row) -> HeroRow:
    return HeroRow({**hero, "memberId": member["id"], "companyId": company["id"]}, member, company)


@dataclass(frozen=True)
class FeatureState:
    """What stopped featuring a hero: a member the admin cannot see, a missing company or topics."""

    member_found: bool
    company_found: bool
    missing_topic_ids: list[str]


@dataclass(frozen=True)
class SpeakerState:
    """What a hero speaker write depends on, read in its transaction when it did not happen."""

    event_exists: bool
    city_tour: bool
    ended: bool
    leads: bool


class HeroRepository:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- reads ----------------------------------------------------------------------------

    async def heroes_by_ids(self, ids: list[str]) -> dict[str, HeroRow]:
        rows = await self.graph.read(QUERIES["heroes_by_ids"], ids=ids)
        return {row["id"]: _hero(row["hero"], row["member"], row["company"]) for row in rows}

    async def heroes_page(self, *, visibility: Visibility, country: str | None, product_area_id: str | None,
                          skip: int, limit: int) -> list[HeroRow]:
        rows = await self.graph.read(QUERIES["heroes_page"], country=country, productAreaId=product_area_id,
                                     skip=skip, limit=limit, **visibility.params())
        return [_hero(row["hero"], row["member"], row["company"]) for row in rows]

    async def heroes_count(self, *, visibility: Visibility, country: str | None, product_area_id: str | None) -> int:
        rows = await self.graph.read(QUERIES["heroes_count"], country=country, productAreaId=product_area_id,
                                     **visibility.params())
        return rows[0]["total"] if rows else 0

    async def products_of_heroes(self, ids: list[str]) -> dict[str, list[Row]]:
        rows = await self.graph.read(QUERIES["heroes_products_of_heroes"], ids=ids)
        return {row["id"]: row["topics"] for row in rows}

    async def heroes_of_members(self, ids: list[str]) -> dict[str, list[HeroRow]]:
        """Each member's stories, newest first (whoever may see them: callers check the member)."""
        rows = await self.graph.read(QUERIES["heroes_of_members"], ids=ids)
        return {row["id"]: [_hero(item["hero"], row["member"], item["company"]) for item in row["heroes"]]
                for row in rows}

    async def heroes_of_events(self, ids: list[str], *, visibility: Visibility) -> dict[str, list[HeroRow]]:
        """The heroes speaking at each CITY_TOUR event whose member the viewer may see."""
        rows = await self.graph.read(QUERIES["heroes_of_events"], ids=ids, **visibility.params())
        return {row["id"]: [_hero(item["hero"], item["member"], item["company"]) for item in row["heroes"]]
                for row in rows}

    async def city_tours_of_heroes(self, ids: list[str], **window: Any) -> dict[str, Page]:
        """A page of the CITY_TOUR events each hero's member speaks at; rows are event rows with groupId."""
        rows = await self.graph.read(QUERIES["heroes_city_tours_of_heroes"], ids=ids, **window)
        return {row["id"]: Page(row["total"], row["page"]) for row in rows}

    # -- writes: one transaction each ----------------------------------------------------------

    async def feature(self, *, hero_id: str, member_id: str, company_id: str, product_area_ids: list[str],
                      title: str, story: str, admin_id: str, visibility: Visibility) -> HeroRow | FeatureState:
        """Create the hero, or (writing nothing) the state that stopped it."""
        params = {"memberId": member_id, "companyId": company_id, "productAreaIds": product_area_ids}

        async def work(tx: Transaction) -> HeroRow | FeatureState:
            state = await tx.one(QUERIES["heroes_feature_state"], **params, **visibility.params())
            assert state is not None  # OPTIONAL MATCHes always give a row
            if not state["memberFound"] or not state["companyFound"] or state["missingTopicIds"]:
                return FeatureState(state["memberFound"], state["companyFound"], list(state["missingTopicIds"]))
            row = await tx.one(QUERIES["heroes_feature"], **params, id=hero_id, title=title, story=story,
                               adminId=admin_id)
            assert row is not None  # the state above found the member and the company
            return _hero(row["hero"], row["member"], row["company"])

        return await self.graph.write_tx(work)

    async def _speaker_write(self, name: str, *, hero_id: str, event_id: str, viewer_id: str,
                             admin: bool) -> SpeakerState | None:
        params = {"heroId": hero_id, "eventId": event_id, "viewerId": viewer_id}

        async def work(tx: Transaction) -> SpeakerState | None:
            if await tx.rows(QUERIES[name], **params, admin=admin):
                return None
            state = await tx.one(QUERIES["heroes_event_state"], eventId=event_id, viewerId=viewer_id)
            assert state is not None  # OPTIONAL MATCH always gives a row
            return SpeakerState(event_exists=state["eventExists"], city_tour=state["cityTour"],
                                ended=state["ended"], leads=state["leads"])

        return await self.graph.write_tx(work, attempts=CONTENDED_ATTEMPTS)

    async def attach(self, *, hero_id: str, event_id: str, viewer_id: str, admin: bool) -> SpeakerState | None:
        """The hero's member speaks at the event: None when done, else the state that stopped it."""
        return await self._speaker_write("heroes_attach", hero_id=hero_id, event_id=event_id,
                                         viewer_id=viewer_id, admin=admin)

    async def detach(self, *, hero_id: str, event_id: str, viewer_id: str, admin: bool) -> SpeakerState | None:
        """The hero's member no longer speaks at the event: None when done, else the state that stopped it."""
        return await self._speaker_write("heroes_detach", hero_id=hero_id, event_id=event_id,
                                         viewer_id=viewer_id, admin=admin)


__all__ = ["CONTENDED_ATTEMPTS", "FeatureState", "HeroRepository", "HeroRow", "SpeakerState"]
