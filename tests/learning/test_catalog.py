"""The learning catalog: lists with filters, lookups, nested lists in a fixed number of queries, and
its entities on both subgraphs (the learning subgraph owns them; the community subgraph, as the
node resolver, knows their key)."""

from datetime import timedelta

from tests import factories
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as learning


async def _catalog(graph):
    skills = await factories.skills(graph, 3)
    modules = [await learning.module(graph, units=2 + i % 3, skills=[skills[i % 3]], level=level, roles=roles)
               for i, (level, roles) in enumerate([("BEGINNER", ["ADMINISTRATOR"]), ("INTERMEDIATE", ["DEVELOPER"]),
                                                   ("ADVANCED", ["DEVELOPER", "ARCHITECT"]), ("BEGINNER", ["MARKETER"])])]
    project = await learning.module(graph, kind="PROJECT", units=4, title="Build a Flow project")
    trail = await learning.trail(graph, [modules[0], project, modules[1]], title="Admin Beginner")
    superbadge = await learning.superbadge(graph, requires=modules[:2], skills=[skills[0]], title="Process Automation")
    associate = await learning.certification(graph, level="ASSOCIATE", exam_fee_usd=75, requires_maintenance=False,
                                             title="Certified Associate")
    admin = await learning.certification(graph, requires=[associate], attests=skills[:2],
                                         recommends=[modules[0], superbadge], title="Certified Administrator")
    return skills, modules, project, trail, superbadge, associate, admin


async def test_a_trail_lists_its_modules_and_projects_in_order_with_units_skills_and_badges(graph, client):
    skills, modules, project, trail, *_ = await _catalog(graph)
    body = await gql(client, """query($slug: String!) { trail(slug: $slug) { title moduleCount estimatedMinutes
        modules { title kind unitCount points units { position points kind module { title } }
                  skills { slug } badge { kind title } } } }""", {"slug": trail["slug"]})
    assert "errors" not in body, body
    got = body["data"]["trail"]
    assert [m["title"] for m in got["modules"]] == [modules[0]["title"], project["title"], modules[1]["title"]]
    assert got["moduleCount"] == 3
    assert got["estimatedMinutes"] == modules[0]["estimatedMinutes"] + project["estimatedMinutes"] + modules[1]["estimatedMinutes"]
    first, built = got["modules"][0], got["modules"][1]
    assert [u["position"] for u in first["units"]] == [1, 2]
    assert first["points"] == 200 and first["skills"] == [{"slug": skills[0]["slug"]}]
    assert all(u["module"]["title"] == first["title"] for u in first["units"])
    assert built["kind"] == "PROJECT" and built["badge"]["kind"] == "PROJECT"
    assert {u["kind"] for u in built["units"]} == {"HANDS_ON"}


async def test_filters_by_role_level_skill_kind_and_search(graph, client):
    skills, modules, project, trail, superbadge, associate, admin = await _catalog(graph)

    async def titles(field, filter):
        body = await gql(client, f"query($f: {field[1]}) {{ {field[0]}(filter: $f) {{ totalCount nodes {{ title }} }} }}",
                         {"f": filter})
        assert "errors" not in body, body
        result = body["data"][field[0]]
        assert result["totalCount"] == len(result["nodes"])
        return {n["title"] for n in result["nodes"]}

    modules_field = ("modules", "ModuleFilterInput")
    assert await titles(modules_field, {"role": "DEVELOPER"}) == {modules[1]["title"], modules[2]["title"]}
    assert await titles(modules_field, {"level": "ADVANCED"}) == {modules[2]["title"]}
    assert await titles(modules_field, {"skill": gid("Skill", skills[0])}) == {modules[0]["title"], modules[3]["title"]}
    assert await titles(modules_field, {"kind": "PROJECT"}) == {project["title"]}
    assert await titles(modules_field, {"search": "FLOW"}) == {project["title"]}
    assert await titles(("trails", "CatalogFilterInput"), {"skill": gid("Skill", skills[1])}) == {trail["title"]}
    assert await titles(("trails", "CatalogFilterInput"), {"skill": gid("Skill", skills[2])}) == set()
    assert await titles(("superbadges", "CatalogFilterInput"), {"search": "automation"}) == {superbadge["title"]}
    assert await titles(("certifications", "CertificationFilterInput"), {"level": "ASSOCIATE"}) == {associate["title"]}
    assert await titles(("certifications", "CertificationFilterInput"), {"skill": gid("Skill", skills[1])}) == {admin["title"]}
    assert await titles(("badges", "BadgeFilterInput"), {"kind": "SUPERBADGE"}) == {superbadge["title"] + " badge"}
    assert await titles(("badges", "BadgeFilterInput"), {"role": "DEVELOPER"}) == {
        modules[1]["title"] + " badge", modules[2]["title"] + " badge"}


async def test_limited_edition_badges_filter_by_their_window(graph, client):
    start = learning.BASE + timedelta(days=30)
    winter = await learning.badge(graph, kind="LIMITED_EDITION", title="Winter Cheer", availableFrom=start,
                                  availableUntil=start + timedelta(days=14))
    await learning.badge(graph, title="Always there")
    query = """query($at: DateTime) { badges(filter: {availableAt: $at}) { nodes { title kind availableFrom } } }"""
    inside = await gql(client, query, {"at": (start + timedelta(days=1)).isoformat()})
    after = await gql(client, query, {"at": (start + timedelta(days=14)).isoformat()})
    assert {n["title"] for n in inside["data"]["badges"]["nodes"]} == {"Winter Cheer", "Always there"}
    assert {n["title"] for n in after["data"]["badges"]["nodes"]} == {"Always there"}
    assert winter["availableFrom"] == start


async def test_a_certification_shows_prerequisites_skills_and_preparation_in_order(graph, client):
    skills, modules, _, _, superbadge, associate, admin = await _catalog(graph)
    body = await gql(client, """query($id: ID!) { certification(id: $id) { title role level examFeeUsd
        requiresMaintenance prerequisites { title requiresMaintenance } skills { slug }
        preparation { __typename ... on Module { title } ... on Superbadge { title prerequisites { title } badge { kind } } } } }""",
                     {"id": gid("Certification", admin)})
    assert "errors" not in body, body
    got = body["data"]["certification"]
    assert (got["role"], got["level"], got["examFeeUsd"], got["requiresMaintenance"]) == ("ADMINISTRATOR", "PROFESSIONAL", 200, True)
    assert got["prerequisites"] == [{"title": associate["title"], "requiresMaintenance": False}]
    assert {s["slug"] for s in got["skills"]} == {skills[0]["slug"], skills[1]["slug"]}
    assert [p["__typename"] for p in got["preparation"]] == ["Module", "Superbadge"]
    assert {m["title"] for m in got["preparation"][1]["prerequisites"]} == {modules[0]["title"], modules[1]["title"]}
    assert got["preparation"][1]["badge"] == {"kind": "SUPERBADGE"}


async def test_the_rank_ladder_and_the_release_calendar_are_data(graph, client):
    await learning.ranks(graph)
    await learning.release(graph, name="Spring '26", released_at=learning.BASE,
                           maintenance_deadline=learning.BASE + timedelta(days=365))
    body = await gql(client, "{ rankLadder { name position minPoints minBadges } releases { name releasedAt } }")
    ladder = body["data"]["rankLadder"]
    assert [r["position"] for r in ladder] == list(range(1, len(learning.RANK_LADDER) + 1))
    ranger = next(r for r in ladder if r["name"] == "Ranger")
    assert (ranger["minPoints"], ranger["minBadges"]) == (50_000, 100)
    assert body["data"]["releases"][0]["name"] == "Spring '26"


async def test_catalog_entities_resolve_by_node_on_the_public_schema_and_both_subgraphs(graph, client):
    _, modules, _, trail, superbadge, _, admin = await _catalog(graph)
    ids = [gid("Trail", trail), gid("Module", modules[0]), gid("Superbadge", superbadge), gid("Certification", admin),
           gid("Badge", modules[0]["badge"]), gid("Unit", modules[0]["units"][0])]
    body = await gql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": ids})
    assert [n["__typename"] for n in body["data"]["nodes"]] == ["Trail", "Module", "Superbadge", "Certification",
                                                               "Badge", "Unit"]
    # The community subgraph resolves node(id:) for every entity, learning ones by their key...
    community = await gql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": ids},
                          path="/subgraphs/community/graphql")
    assert community["data"] == body["data"]
    # ...and the learning subgraph serves their fields to a router through _entities.
    reps = [{"__typename": "Trail", "id": ids[0]}, {"__typename": "Module", "id": gid("Module", {"id": "missing"})},
            {"__typename": "Trail", "id": "not-an-id"}]
    learning_body = await gql(client, """query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Trail { title modules { slug } } } }""", {"r": reps}, path="/subgraphs/learning/graphql")
    assert learning_body["data"]["_entities"] == [{"title": trail["title"], "modules": [
        {"slug": modules[0]["slug"]}, {"slug": learning_body["data"]["_entities"][0]["modules"][1]["slug"]},
        {"slug": modules[1]["slug"]}]}, None, None]


async def test_lookups_need_exactly_one_of_id_and_slug_and_a_well_formed_id(graph, client):
    body = await gql(client, "{ trail { title } }")
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, 'query($id: ID!) { module(id: $id, slug: "x") { title } }', {"id": gid("Module", {"id": "x"})})
    assert codes(body) == ["BAD_USER_INPUT"]
    member = await factories.member(graph)
    body = await gql(client, "query($id: ID!) { certification(id: $id) { title } }", {"id": gid("Member", member)})
    assert codes(body) == ["BAD_USER_INPUT"]
    body = await gql(client, "query($s: String!) { trail(slug: $s) { title } }", {"s": "x' OR 1=1 //"})
    assert "errors" not in body and body["data"]["trail"] is None
    body = await gql(client, '{ modules(filter: {skill: "bm90LWEtc2tpbGw"}) { totalCount } }')
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"].get("field") == "filter.skill"


async def test_a_page_of_trails_with_modules_units_skills_and_badges_costs_a_fixed_number_of_queries(graph, client):
    skills = await factories.skills(graph, 4)
    for t in range(12):
        mods = [await learning.module(graph, units=2, skills=[skills[(t + i) % 4]]) for i in range(3)]
        await learning.trail(graph, mods)
    body = await gql(client, """{ trails(first: 12) { totalCount nodes { title modules { title units { title }
        skills { slug } badge { title } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["trails"]["nodes"]
    assert len(nodes) == 12 and all(len(n["modules"]) == 3 and n["modules"][0]["badge"] for n in nodes)
    # page + count + modules of the trails + units + skills + badges, whatever the page size.
    assert round_trips(body) == 6, body["extensions"]


async def test_certifications_with_prerequisites_skills_and_preparation_cost_a_fixed_number_of_queries(graph, client):
    skills = await factories.skills(graph, 2)
    mods = [await learning.module(graph) for _ in range(3)]
    sb = await learning.superbadge(graph, requires=mods[:2])
    base = await learning.certification(graph, level="ASSOCIATE")
    for _ in range(15):
        await learning.certification(graph, requires=[base], attests=skills, recommends=[mods[2], sb])
    body = await gql(client, """{ certifications(first: 20) { nodes { title prerequisites { title } skills { slug }
        preparation { ... on Module { title badge { title } } ... on Superbadge { title badge { title } } } } } }""")
    assert "errors" not in body, body
    assert len(body["data"]["certifications"]["nodes"]) == 16
    # page + prerequisites + skills + preparation + badges
    assert round_trips(body) == 5, body["extensions"]


async def test_modules_and_superbadges_with_every_nested_field_cost_a_fixed_number_of_queries(graph, client):
    skills = await factories.skills(graph, 2)
    certifications = [await learning.certification(graph) for _ in range(2)]
    spring = await learning.release(graph, name="Spring '26", released_at=learning.BASE,
                                    maintenance_deadline=learning.BASE + timedelta(days=365))
    for _ in range(6):
        await learning.maintenance_module(graph, release=spring, maintains=certifications, units=2)
    mods = [await learning.module(graph, skills=skills) for _ in range(6)]
    for i in range(6):
        await learning.superbadge(graph, requires=mods[i:i + 2], skills=skills[:1])
    body = await gql(client, """{ modules(first: 20, filter: {kind: MAINTENANCE}) { nodes { title
        maintains { title } release { name } units { title module { title } } } } }""")
    assert "errors" not in body, body
    nodes = body["data"]["modules"]["nodes"]
    assert len(nodes) == 6 and all(len(n["maintains"]) == 2 and n["release"]["name"] == "Spring '26" for n in nodes)
    assert all(u["module"]["title"] == n["title"] for n in nodes for u in n["units"])
    # page + certifications maintained + releases + units (their modules are primed by the page)
    assert round_trips(body) == 4, body["extensions"]
    body = await gql(client, """{ superbadges(first: 20) { nodes { title prerequisites { title badge { title } }
        skills { slug } badge { kind } } } }""")
    assert "errors" not in body, body
    assert len(body["data"]["superbadges"]["nodes"]) == 6
    # page + skills + prerequisites + badges twice (the superbadges' at the first level, their
    # prerequisites' one level down): one query per level, whatever the page size
    assert round_trips(body) == 5, body["extensions"]
