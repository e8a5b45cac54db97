"""Customer heroes: members whose story an admin features, and who speak at CITY_TOUR events.

Featuring (`featureHero`) is for the `admin` token role: a title (5 to 200 characters), a story
(20 to 10,000), the company the story is about and the products used (1 to 10 product-area
Topics). A member, company or topic that does not exist is a NOT_FOUND user error on its field,
and nothing is written (the checks and the write share one transaction). A member the admin may
not see counts as missing, as everywhere else.

Speakers. `addHeroToEvent` / `removeHeroFromEvent` give the hero's member a `SPEAKS_AT` to a
CITY_TOUR event, or take it away, while the event has not ended (NOT_A_CITY_TOUR, EVENT_ENDED),
for admins and the leaders of the hosting group (FORBIDDEN for anyone else). Both are idempotent;
concurrent adds leave one relationship because each write first stamps the event
(`Event.heroesChangedAt`, a real write: see graph/recognition/heroes.cypher).

Privacy. Heroes are public stories, but their members are members: a hero's `member` is null when
the viewer may not see the profile, and every list (`heroes`, `Event.heroes`) leaves out, and never
counts, heroes whose member is hidden (filtered in Cypher). `Member.heroStories` exists only on a
Member the viewer may see. `hero(id)` answers with the story and a null member for a hidden one:
the story was published by an admin, the profile was not.
"""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader

from graph.community.repository import Row
from graph.recognition.heroes import FeatureState, HeroRepository, HeroRow, SpeakerState
from resolvers.community.companies import companies
from resolvers.community.loaders import forget, keyed_loader, page_loader
from resolvers.community.service import Outcome, _nested, new_id
from resolvers.community.validation import ISO_COUNTRIES, Checker, UserError
from resolvers.errors import BadUserInput, Forbidden
from resolvers.events import service as events
from resolvers.ids import from_global_id, id_argument
from resolvers.pagination import Slice, Window, page_params, paginate
from resolvers.recognition.context import recognition
from resolvers.scope import RequestScope

TITLE_LENGTH = (5, 200)
STORY_LENGTH = (20, 10_000)
PRODUCT_AREAS = (1, 10)


class HeroesContext:
    """The hero repository and loaders of one request: `heroes(scope)`.

    Every loader that reads heroes primes the member and company loaders with the rows that came
    back along, so a hero's `member` and `company` cost no trip of their own.
    """

    def __init__(self, scope: RequestScope) -> None:
        self.scope = scope
        repo = self.repository = HeroRepository(scope.graph)
        visibility = scope.visibility

        async def by_ids(ids: list[str]) -> dict[str, Row]:
            found = await repo.heroes_by_ids(ids)
            return {hero_id: self.remember([row])[0] for hero_id, row in found.items()}

        async def of_members(ids: list[str]) -> dict[str, list[Row]]:
            return {key: self.remember(rows) for key, rows in (await repo.heroes_of_members(ids)).items()}

        async def of_events(ids: list[str]) -> dict[str, list[Row]]:
            found = await repo.heroes_of_events(ids, visibility=visibility)
            return {key: self.remember(rows) for key, rows in found.items()}

        async def products(ids: list[str]) -> dict[str, list[Row]]:
            found = await repo.products_of_heroes(ids)
            for topics in found.values():
                for topic in topics:
                    scope.loaders.topic_by_id.prime(topic["id"], topic)
            return found

        self.hero_by_id: DataLoader[str, Row | None] = keyed_loader(by_ids)
        self.heroes_by_member: DataLoader[str, list[Row]] = keyed_loader(of_members, default=[])
        self.heroes_by_event: DataLoader[str, list[Row]] = keyed_loader(of_events, default=[])
        self.products_by_hero: DataLoader[str, list[Row]] = keyed_loader(products, default=[])
        self.city_tours_by_hero = page_loader(lambda ids, win, _: repo.city_tours_of_heroes(ids, **page_params(win)))

    def remember(self, rows: list[HeroRow]) -> list[Row]:
        """Prime the hero, member and company loaders with what a read returned; the hero rows."""
        company_loader = companies(self.scope).company_by_id
        for row in rows:
            self.hero_by_id.prime(row.hero["id"], row.hero)
            self.scope.loaders.member_by_id.prime(row.member["id"], row.member)
            company_loader.prime(row.company["id"], row.company)
        return [row.hero for row in rows]


def heroes(scope: RequestScope) -> HeroesContext:
    """The request's HeroesContext."""
    return scope.per_request(HeroesContext)


# -- reads -------------------------------------------------------------------------------------


async def hero_by_id(scope: RequestScope, *, hero_id: str) -> Row | None:
    """A hero by application id (stories are public; see `member_of` for the member)."""
    return await heroes(scope).hero_by_id.load(hero_id)


async def hero_by_global_id(scope: RequestScope, *, global_id: str) -> Row | None:
    """`hero(id:)`: BAD_USER_INPUT on `id` for a malformed ID, None for a missing hero."""
    try:
        local = from_global_id(global_id, expect="CustomerHero").id
    except BadUserInput as error:
        raise BadUserInput(error.message, field="id") from None
    return await hero_by_id(scope, hero_id=local)


async def member_of(scope: RequestScope, *, hero: Row) -> Row | None:
    """The hero's member, when the viewer may see the profile."""
    row = await scope.loaders.member_by_id.load(hero["memberId"])
    return row if scope.can_view_member(row) else None


async def company_of(scope: RequestScope, *, hero: Row) -> Row | None:
    return await companies(scope).company_by_id.load(hero["companyId"])


async def products_of(scope: RequestScope, *, hero_id: str) -> list[Row]:
    """The product areas (Topics) the hero uses, by name."""
    return await heroes(scope).products_by_hero.load(hero_id)


async def city_tours(scope: RequestScope, *, hero_id: str, win: Window) -> Slice:
    """A page of the CITY_TOUR events the hero's member speaks at, by start time (events are public)."""
    fetched = await _nested(heroes(scope).city_tours_by_hero, hero_id, win, None)
    events.events_of(scope).prime_events(fetched.rows)
    return fetched


async def hero_stories(scope: RequestScope, *, member: Row) -> list[Row]:
    """`Member.heroStories`, newest first; nothing for a member the viewer may not see."""
    if not scope.can_view_member(member):
        return []
    return await heroes(scope).heroes_by_member.load(member["id"])


async def heroes_at_event(scope: RequestScope, *, event_id: str) -> list[Row]:
    """The heroes speaking at a CITY_TOUR event whose member the viewer may see, newest featured first."""
    return await heroes(scope).heroes_by_event.load(event_id)


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in ISO_COUNTRIES:
        raise BadUserInput("`country` must be an ISO 3166-1 alpha-2 country code, such as DE",
                           field="filter.country")
    return code


async def list_heroes(scope: RequestScope, *, win: Window, country: str | None,
                      product_area_global_id: str | None) -> Slice:
    """`heroes`: newest featured first, only heroes whose member the viewer may see (counts too)."""
    filters: dict[str, Any] = {
        "visibility": scope.visibility,
        "country": _country(country),
        "product_area_id": id_argument(product_area_global_id, "Topic", "filter.productAreaId"),
    }
    context = heroes(scope)
    repo = context.repository

    async def fetch_page(skip: int, limit: int) -> list[Row]:
        return context.remember(await repo.heroes_page(skip=skip, limit=limit, **filters))

    return await paginate(win, fetch_page, lambda: repo.heroes_count(**filters))


# -- writes ------------------------------------------------------------------------------------


def _target(value: str, expect: str, field_name: str) -> tuple[str | None, list[UserError]]:
    try:
        return from_global_id(value, expect=expect).id, []
    except BadUserInput as error:
        return None, [UserError(field_name, error.message)]


def _require_admin(scope: RequestScope) -> str:
    """The admin viewer's member id; UNAUTHENTICATED for anonymous callers, FORBIDDEN for the rest."""
    viewer = scope.require_viewer()
    if not recognition(scope).is_admin():
        raise Forbidden("only admins can feature customer heroes")
    return viewer.member_id


def _product_area_ids(values: list[str] | None, check: Checker) -> list[str]:
    """The product areas' application ids in input order (duplicates dropped), malformed ones reported."""
    values = values or []
    low, high = PRODUCT_AREAS
    if not low <= len(values) <= high:
        check.fail("productAreaIds", f"give {low} to {high} product areas")
        return []
    ids = []
    for index, value in enumerate(values):
        local, errors = _target(value, "Topic", f"productAreaIds[{index}]")
        check.errors.extend(errors)
        if local is not None:
            ids.append(local)
    return list(dict.fromkeys(ids))


def _feature_refusal(state: FeatureState, raw_ids: list[str], ids: list[str]) -> Outcome[Row]:
    errors = []
    if not state.member_found:
        errors.append(UserError("memberId", "no such member", "NOT_FOUND"))
    if not state.company_found:
        errors.append(UserError("companyId", "no such company", "NOT_FOUND"))
    missing = set(state.missing_topic_ids)
    for index, value in enumerate(raw_ids):
        local = from_global_id(value, expect="Topic").id  # every one parsed before the write
        if local in missing:
            errors.append(UserError(f"productAreaIds[{index}]", f"no such product area: {local}", "NOT_FOUND"))
            missing.discard(local)
    return Outcome(None, errors)


async def feature_hero(scope: RequestScope, *, values: dict[str, Any]) -> Outcome[Row]:
    """Feature a member's story (admins only); the outcome's value is the hero row."""
    admin_id = _require_admin(scope)
    check = Checker()
    check.text("title", "title", values.get("title"), min_length=TITLE_LENGTH[0], max_length=TITLE_LENGTH[1])
    check.text("story", "story", values.get("story"), min_length=STORY_LENGTH[0], max_length=STORY_LENGTH[1],
               multiline=True)
    member_id, member_errors = _target(values["member_id"], "Member", "memberId")
    company_id, company_errors = _target(values["company_id"], "Company", "companyId")
    check.errors.extend(member_errors + company_errors)
    raw_ids = list(values.get("product_area_ids") or [])
    product_area_ids = _product_area_ids(raw_ids, check)
    if check.errors:
        return Outcome(None, check.errors)
    assert member_id is not None and company_id is not None

    context = heroes(scope)
    result = await context.repository.feature(
        hero_id=new_id(), member_id=member_id, company_id=company_id, product_area_ids=product_area_ids,
        title=check.values["title"], story=check.values["story"], admin_id=admin_id, visibility=scope.visibility)
    if isinstance(result, FeatureState):
        return _feature_refusal(result, raw_ids, product_area_ids)
    forget(context.heroes_by_member, member_id)
    return Outcome(context.remember([result])[0])


def _speaker_refusal(state: SpeakerState, admin: bool) -> Outcome[Row]:
    if not state.event_exists:
        return Outcome.refused("eventId", "no such event", "NOT_FOUND")
    if not (admin or state.leads):
        raise Forbidden("only admins and leaders of the hosting group can change an event's heroes")
    if not state.city_tour:
        return Outcome.refused("eventId", "heroes speak at CITY_TOUR events only", "NOT_A_CITY_TOUR")
    if state.ended:
        return Outcome.refused("eventId", "this event has already ended", "EVENT_ENDED")
    # Everything held, yet the write found no hero: it is gone.
    return Outcome.refused("heroId", "no such hero", "NOT_FOUND")


async def set_hero_speaking(scope: RequestScope, *, hero_global_id: str, event_global_id: str,
                            speaking: bool) -> Outcome[Row]:
    """Add the hero to a CITY_TOUR event's speakers, or remove them; the value is `{hero, event}`."""
    viewer = scope.require_viewer()
    hero_id, hero_errors = _target(hero_global_id, "CustomerHero", "heroId")
    event_id, event_errors = _target(event_global_id, "Event", "eventId")
    if hero_errors or event_errors:
        return Outcome(None, hero_errors + event_errors)
    assert hero_id is not None and event_id is not None
    hero = await hero_by_id(scope, hero_id=hero_id)
    if hero is None or await member_of(scope, hero=hero) is None:  # a hidden member's hero is not shown
        return Outcome.refused("heroId", "no such hero", "NOT_FOUND")

    admin = recognition(scope).is_admin()
    context = heroes(scope)
    write = context.repository.attach if speaking else context.repository.detach
    state = await write(hero_id=hero_id, event_id=event_id, viewer_id=viewer.member_id, admin=admin)
    if state is not None:
        return _speaker_refusal(state, admin)

    events_context = events.events_of(scope)
    for loader in (events_context.event_by_id, events_context.speakers_by_event, context.heroes_by_event):
        forget(loader, event_id)
    event = await events.event_by_id(scope, event_id=event_id)
    return Outcome({"hero": hero, "event": event})


__all__ = ["HeroesContext", "city_tours", "company_of", "feature_hero", "hero_by_global_id", "hero_by_id",
           "hero_stories", "heroes", "heroes_at_event", "list_heroes", "member_of", "products_of",
           "set_hero_speaking"]
