"""Customer heroes: featured member stories, and heroes speaking at CITY_TOUR events.

Rules and privacy: resolvers/recognition/heroes.py. Member, Topic, Company and Event are referred
to lazily (their modules import this package through the Member and Event field mixins).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import Private

from resolvers.ids import to_global_id
from resolvers.recognition import heroes as service
from schema.context import Info
from schema.relay import Connection, Node, SliceBacked, reference_id, time_of, window

if TYPE_CHECKING:
    from schema.community.companies import Company
    from schema.community.mutations import UserError
    from schema.community.types import Member, Topic
    from schema.events.types import Event

Row = dict[str, Any]
MemberRef = Annotated["Member", strawberry.lazy("schema.community.types")]
TopicRef = Annotated["Topic", strawberry.lazy("schema.community.types")]
CompanyRef = Annotated["Company", strawberry.lazy("schema.community.companies")]
EventRef = Annotated["Event", strawberry.lazy("schema.events.types")]
UserErrorRef = Annotated["UserError", strawberry.lazy("schema.community.mutations")]


def _errors(errors: list) -> list:
    from schema.community.mutations import _errors as user_errors

    return user_errors(errors)


@strawberry.type(description="A CITY_TOUR event a customer hero speaks at.")
class HeroCityTourEdge:
    node: EventRef
    cursor: str = strawberry.field(description="Pass as `after` to page from here.")


@strawberry.type(description="The CITY_TOUR events a customer hero speaks at, by start time.")
class HeroCityTourConnection(SliceBacked):
    edges: list[HeroCityTourEdge]

    @strawberry.field(description="The events of `edges`, for clients that need no cursors.")
    def nodes(self) -> list[EventRef]:
        return [edge.node for edge in self.edges]


@strawberry.federation.type(keys=["id"], description=(
    "A customer hero: a member's story an admin featured (what they built at their company with the "
    "products they use). Heroes speak at CITY_TOUR events."))
class CustomerHero(Node):
    id: strawberry.ID
    title: str
    story: str
    featured_at: datetime = strawberry.field(description="When an admin featured the story.")
    row: Private[Row]

    @classmethod
    def from_row(cls, row: Row) -> "CustomerHero":
        featured_at = time_of(row.get("featuredAt"))
        assert featured_at is not None
        return cls(id=strawberry.ID(to_global_id("CustomerHero", row["id"])), title=row["title"],
                   story=row["story"], featured_at=featured_at, row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "CustomerHero | None":
        local = reference_id(id, "CustomerHero")
        row = await service.hero_by_id(info.context.scope, hero_id=local) if local else None
        return cls.from_row(row) if row else None

    @strawberry.field(description="The member featured; null when you may not see their profile.")
    async def member(self, info: Info) -> MemberRef | None:
        from schema.community.types import Member

        row = await service.member_of(info.context.scope, hero=self.row)
        return Member.from_row(row) if row else None

    @strawberry.field(description="The company the story is about.")
    async def company(self, info: Info) -> CompanyRef:
        from schema.community.companies import Company

        row = await service.company_of(info.context.scope, hero=self.row)
        assert row is not None, "every hero is AT a company"
        return Company.from_row(row)

    @strawberry.field(description="The products (product-area topics) the hero uses, by name.")
    async def products(self, info: Info) -> list[TopicRef]:
        from schema.community.types import Topic

        rows = await service.products_of(info.context.scope, hero_id=self.row["id"])
        return [Topic.from_row(row) for row in rows]

    @strawberry.field(description="The CITY_TOUR events the hero speaks at (past and upcoming), by start time.")
    async def city_tours(self, info: Info, first: int | None = None,
                         after: str | None = None) -> HeroCityTourConnection:
        from schema.events.types import Event

        fetched = await service.city_tours(info.context.scope, hero_id=self.row["id"],
                                           win=window(first, after, None, None))
        edges = [HeroCityTourEdge(node=Event.from_row(row), cursor=cursor)
                 for row, cursor in zip(fetched.rows, fetched.cursors())]
        return HeroCityTourConnection(edges=edges, fetched=fetched)


@strawberry.input(description="Narrows `heroes`; all given conditions must hold.")
class HeroFilter:
    country: str | None = strawberry.field(
        default=None, description="The hero member's country (ISO 3166-1 alpha-2, such as DE).")
    product_area_id: strawberry.ID | None = strawberry.field(
        default=None, description="A product area (Topic) the hero uses.")


@strawberry.type
class HeroQueries:
    @strawberry.field(description=(
        "Customer heroes, newest featured first; only heroes whose member profile you may see are listed "
        "and counted."))
    async def heroes(self, info: Info, filter: HeroFilter | None = None, first: int | None = None,
                     after: str | None = None) -> Connection[CustomerHero]:
        f = filter or HeroFilter()
        fetched = await service.list_heroes(
            info.context.scope, win=window(first, after, None, None), country=f.country,
            product_area_global_id=str(f.product_area_id) if f.product_area_id is not None else None)
        return Connection.of(fetched, CustomerHero.from_row)

    @strawberry.field(description="A customer hero by its global ID; null when there is none.")
    async def hero(self, info: Info, id: strawberry.ID) -> CustomerHero | None:
        row = await service.hero_by_global_id(info.context.scope, global_id=str(id))
        return CustomerHero.from_row(row) if row else None


# -- mutations -------------------------------------------------------------------------------


@strawberry.input(description="A member's story to feature. Admins only.")
class FeatureHeroInput:
    member_id: strawberry.ID
    title: str = strawberry.field(description="5 to 200 characters.")
    story: str = strawberry.field(description="20 to 10000 characters.")
    company_id: strawberry.ID = strawberry.field(description="The company the story is about.")
    product_area_ids: list[strawberry.ID] = strawberry.field(
        description="The products used: 1 to 10 product-area topics.")


@strawberry.type(description="The hero featured, or why not: BAD_USER_INPUT or NOT_FOUND on the field at fault.")
class FeatureHeroPayload:
    hero: CustomerHero | None
    user_errors: list[UserErrorRef]


@strawberry.input(description="A hero, and the CITY_TOUR event they should speak at.")
class AddHeroToEventInput:
    hero_id: strawberry.ID
    event_id: strawberry.ID


@strawberry.type(description=(
    "The hero and the event they now speak at, or why not: NOT_FOUND, NOT_A_CITY_TOUR or EVENT_ENDED. "
    "Neither an admin nor a leader of the hosting group: FORBIDDEN."))
class AddHeroToEventPayload:
    hero: CustomerHero | None
    event: EventRef | None
    user_errors: list[UserErrorRef]


@strawberry.input(description="A hero, and the CITY_TOUR event they should no longer speak at.")
class RemoveHeroFromEventInput:
    hero_id: strawberry.ID
    event_id: strawberry.ID


@strawberry.type(description=(
    "The hero and the event they no longer speak at, or why not: NOT_FOUND, NOT_A_CITY_TOUR or "
    "EVENT_ENDED. Neither an admin nor a leader of the hosting group: FORBIDDEN."))
class RemoveHeroFromEventPayload:
    hero: CustomerHero | None
    event: EventRef | None
    user_errors: list[UserErrorRef]


async def _speaking(info: Info, input: AddHeroToEventInput | RemoveHeroFromEventInput, *,
                    speaking: bool) -> tuple[CustomerHero | None, Any, list]:
    from schema.events.types import Event

    out = await service.set_hero_speaking(info.context.scope, hero_global_id=str(input.hero_id),
                                          event_global_id=str(input.event_id), speaking=speaking)
    if out.value is None:
        return None, None, _errors(out.user_errors)
    event = out.value["event"]
    return CustomerHero.from_row(out.value["hero"]), Event.from_row(event) if event else None, []


@strawberry.type
class HeroMutations:
    @strawberry.mutation(description="Feature a member's story as a customer hero. Admins only (FORBIDDEN otherwise).")
    async def feature_hero(self, info: Info, input: FeatureHeroInput) -> FeatureHeroPayload:
        out = await service.feature_hero(info.context.scope, values={
            "member_id": str(input.member_id), "title": input.title, "story": input.story,
            "company_id": str(input.company_id), "product_area_ids": [str(v) for v in input.product_area_ids],
        })
        return FeatureHeroPayload(hero=CustomerHero.from_row(out.value) if out.value else None,
                                  user_errors=_errors(out.user_errors))

    @strawberry.mutation(description=(
        "Make a hero speak at a CITY_TOUR event that has not ended; admins and leaders of the hosting group "
        "only. Adding a hero twice is harmless."))
    async def add_hero_to_event(self, info: Info, input: AddHeroToEventInput) -> AddHeroToEventPayload:
        hero, event, errors = await _speaking(info, input, speaking=True)
        return AddHeroToEventPayload(hero=hero, event=event, user_errors=errors)

    @strawberry.mutation(description=(
        "Stop a hero speaking at a CITY_TOUR event that has not ended (their member's speaker slot goes); "
        "admins and leaders of the hosting group only. Harmless if they did not speak there."))
    async def remove_hero_from_event(self, info: Info, input: RemoveHeroFromEventInput) -> RemoveHeroFromEventPayload:
        hero, event, errors = await _speaking(info, input, speaking=False)
        return RemoveHeroFromEventPayload(hero=hero, event=event, user_errors=errors)


@strawberry.type
class HeroMemberFields:
    @strawberry.field(description="The member's customer hero stories, newest featured first.")
    async def hero_stories(self, info: Info) -> list[CustomerHero]:
        rows = await service.hero_stories(info.context.scope, member=self.row)  # type: ignore[attr-defined]
        return [CustomerHero.from_row(row) for row in rows]


@strawberry.type
class HeroEventFields:
    @strawberry.field(description=(
        "The customer heroes speaking at this event (CITY_TOUR events only; empty for other kinds) whose member "
        "profile you may see, newest featured first."))
    async def heroes(self, info: Info) -> list[CustomerHero]:
        rows = await service.heroes_at_event(info.context.scope, event_id=self.row["id"])  # type: ignore[attr-defined]
        return [CustomerHero.from_row(row) for row in rows]


ENTITIES: list[type] = [CustomerHero]
