"""Companies: lookups, the list, members' employers and companies' employees, with privacy."""

from datetime import datetime

from graphql import ObjectTypeDefinitionNode, parse

from tests import factories
from tests.gql import codes, gid, gql, round_trips
from tests.learning import factories as learning

COMPANY_FIELDS = "id slug name industry country employeeCount"


async def test_a_company_by_id_or_slug_and_exactly_one_of_them(graph, client):
    acme = await learning.company(graph, name="Acme", industry="Retail", country="US")
    by_id = await gql(client, "query($id: ID!) { company(id: $id) { %s } }" % COMPANY_FIELDS, {"id": gid("Company", acme)})
    assert by_id["data"]["company"] == {"id": gid("Company", acme), "slug": acme["slug"], "name": "Acme",
                                        "industry": "Retail", "country": "US", "employeeCount": 0}
    by_slug = await gql(client, "query($s: String!) { company(slug: $s) { name } }", {"s": acme["slug"].upper()})
    assert by_slug["data"]["company"] == {"name": "Acme"}
    missing = await gql(client, '{ company(slug: "no-such-company") { name } }')
    assert missing["data"]["company"] is None and "errors" not in missing

    both = await gql(client, "query($id: ID!, $s: String!) { company(id: $id, slug: $s) { name } }",
                     {"id": gid("Company", acme), "s": acme["slug"]})
    neither = await gql(client, "{ company { name } }")
    wrong_type = await gql(client, "query($id: ID!) { company(id: $id) { name } }", {"id": gid("Member", acme)})
    malformed = await gql(client, '{ company(id: "not an id") { name } }')
    for body in (both, neither, wrong_type, malformed):
        assert codes(body) == ["BAD_USER_INPUT"], body
    assert malformed["errors"][0]["extensions"]["field"] == "id"


async def test_companies_by_name_filtered_by_search_and_country(graph, client):
    await learning.company(graph, name="Zeta Labs", industry="Biotech", country="DE")
    await learning.company(graph, name="Alpha Retail", industry="Retail", country="US")
    await learning.company(graph, name="Mid Software", industry="Software", country="DE")
    everything = await gql(client, "{ companies { totalCount nodes { name } } }")
    assert [c["name"] for c in everything["data"]["companies"]["nodes"]] == ["Alpha Retail", "Mid Software", "Zeta Labs"]
    assert everything["data"]["companies"]["totalCount"] == 3
    german = await gql(client, '{ companies(country: "de") { nodes { name } } }')
    assert [c["name"] for c in german["data"]["companies"]["nodes"]] == ["Mid Software", "Zeta Labs"]
    retail = await gql(client, '{ companies(search: "RETAIL") { nodes { name } } }')
    assert [c["name"] for c in retail["data"]["companies"]["nodes"]] == ["Alpha Retail"]
    # An industry word finds the company too, and Cypher-looking text is only text.
    assert (await gql(client, '{ companies(search: "biotech") { nodes { name } } }'))[
        "data"]["companies"]["nodes"] == [{"name": "Zeta Labs"}]
    injection = await gql(client, """{ companies(search: "') MATCH (n) DETACH DELETE n //") { totalCount } }""")
    assert injection["data"]["companies"]["totalCount"] == 0
    assert (await gql(client, "{ companies { totalCount } }"))["data"]["companies"]["totalCount"] == 3

    bad_country = await gql(client, '{ companies(country: "Germany") { totalCount } }')
    assert codes(bad_country) == ["BAD_USER_INPUT"] and bad_country["errors"][0]["extensions"]["field"] == "country"
    too_many = await gql(client, "{ companies(first: 101) { totalCount } }")
    assert codes(too_many) == ["BAD_USER_INPUT"]


async def test_companies_page_forwards_and_backwards(graph, client):
    for n in range(5):
        await learning.company(graph, name=f"Company {n}")
    first = await gql(client, "{ companies(first: 2) { edges { cursor node { name } } pageInfo { hasNextPage } } }")
    page = first["data"]["companies"]
    assert [e["node"]["name"] for e in page["edges"]] == ["Company 0", "Company 1"] and page["pageInfo"]["hasNextPage"]
    after = await gql(client, "query($a: String) { companies(first: 2, after: $a) { nodes { name } } }",
                      {"a": page["edges"][-1]["cursor"]})
    assert [c["name"] for c in after["data"]["companies"]["nodes"]] == ["Company 2", "Company 3"]
    last = await gql(client, "{ companies(last: 2) { nodes { name } pageInfo { hasPreviousPage } } }")
    assert [c["name"] for c in last["data"]["companies"]["nodes"]] == ["Company 3", "Company 4"]
    assert last["data"]["companies"]["pageInfo"]["hasPreviousPage"] is True


async def test_a_members_employer_follows_the_members_visibility(graph, client, token_for):
    acme = await learning.company(graph, name="Acme")
    public = await factories.member(graph)
    members_only = await factories.member(graph, visibility="MEMBERS")
    jobless = await factories.member(graph)
    await learning.employ(graph, acme, [public, members_only])
    query = "query($h: String!) { member(handle: $h) { handle employer { name employeeCount } } }"

    body = await gql(client, query, {"h": public["handle"]})
    assert body["data"]["member"]["employer"] == {"name": "Acme", "employeeCount": 2}
    assert (await gql(client, query, {"h": jobless["handle"]}))["data"]["member"]["employer"] is None
    # Anonymous callers do not see a MEMBERS profile, so nothing of its employment either.
    assert (await gql(client, query, {"h": members_only["handle"]}))["data"]["member"] is None
    signed_in = await gql(client, query, {"h": members_only["handle"]}, headers=token_for(jobless["id"]))
    assert signed_in["data"]["member"]["employer"]["name"] == "Acme"


async def test_employees_show_only_profiles_the_viewer_may_see_and_count_only_those(graph, client, token_for):
    acme = await learning.company(graph, name="Acme")
    public = await factories.member(graph, "alice")
    members_only = await factories.member(graph, "bob", visibility="MEMBERS")
    private = await factories.member(graph, "carol", visibility="PRIVATE")
    admin = await factories.member(graph, "dave")
    await learning.employ(graph, acme, [public, members_only, private])
    await learning.employ(graph, acme, admin, role="ADMIN")
    query = """query($id: ID!) { company(id: $id) { employeeCount
        employees { totalCount edges { role since node { handle } } nodes { handle } } } }"""
    variables = {"id": gid("Company", acme)}

    anonymous = (await gql(client, query, variables))["data"]["company"]
    assert anonymous["employeeCount"] == 4
    assert [e["node"]["handle"] for e in anonymous["employees"]["edges"]] == ["alice", "dave"]
    assert anonymous["employees"]["totalCount"] == 2
    assert [e["role"] for e in anonymous["employees"]["edges"]] == ["EMPLOYEE", "ADMIN"]
    assert datetime.fromisoformat(anonymous["employees"]["edges"][0]["since"]) == factories.BASE

    # Even the company's own admin never sees a PRIVATE profile through this list.
    as_admin = (await gql(client, query, variables, headers=token_for(admin["id"])))["data"]["company"]
    assert [n["handle"] for n in as_admin["employees"]["nodes"]] == ["alice", "bob", "dave"]
    assert as_admin["employees"]["totalCount"] == 3
    # ...but the private member sees themselves.
    as_private = (await gql(client, query, variables, headers=token_for(private["id"])))["data"]["company"]
    assert [n["handle"] for n in as_private["employees"]["nodes"]] == ["alice", "bob", "carol", "dave"]

    backwards = await gql(client, "query($id: ID!) { company(id: $id) { employees(last: 2) { nodes { handle } } } }",
                          variables, headers=token_for(admin["id"]))
    assert [n["handle"] for n in backwards["data"]["company"]["employees"]["nodes"]] == ["bob", "dave"]


async def test_viewer_is_admin_only_for_an_admin_of_that_company(graph, client, token_for):
    acme = await learning.company(graph)
    globex = await learning.company(graph)
    admin, employee, other_admin, platform_admin = await factories.members(graph, 4)
    await learning.employ(graph, acme, admin, role="ADMIN")
    await learning.employ(graph, acme, employee)
    await learning.employ(graph, globex, other_admin, role="ADMIN")
    query = "query($id: ID!) { company(id: $id) { viewerIsAdmin } }"
    variables = {"id": gid("Company", acme)}

    async def answer(headers=None):
        return (await gql(client, query, variables, headers=headers))["data"]["company"]["viewerIsAdmin"]

    assert await answer(token_for(admin["id"])) is True
    assert await answer(token_for(employee["id"])) is False
    assert await answer(token_for(other_admin["id"])) is False
    # The platform role administers learning everywhere, but is nobody's company admin.
    assert await answer(token_for(platform_admin["id"], "admin")) is False
    assert await answer() is False


async def test_company_by_node_and_by_entities_on_both_subgraphs(graph, client):
    acme = await learning.company(graph, name="Acme")
    globex = await learning.company(graph, name="Globex")
    node = await gql(client, "query($id: ID!) { node(id: $id) { id ... on Company { name } } }",
                     {"id": gid("Company", acme)})
    assert node["data"]["node"] == {"id": gid("Company", acme), "name": "Acme"}
    assert (await gql(client, "query($id: ID!) { node(id: $id) { id } }",
                      {"id": gid("Company", {"id": "missing"})}))["data"]["node"] is None

    representations = [{"__typename": "Company", "id": gid("Company", c)} for c in (acme, globex)]
    representations.append({"__typename": "Company", "id": "garbage"})
    community = await gql(client, "query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { name } } }",
                          {"r": representations}, path="/subgraphs/community/graphql")
    assert community["data"]["_entities"] == [{"name": "Acme"}, {"name": "Globex"}, None]
    assert round_trips(community) == 1
    # In the learning subgraph a Company is its key plus `learningPlanReport`.
    learning_side = await gql(client, "query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id } } }",
                              {"r": representations[:2]}, path="/subgraphs/learning/graphql")
    assert learning_side["data"]["_entities"] == [{"id": gid("Company", acme)}, {"id": gid("Company", globex)}]
    sdl = (await gql(client, "{ _service { sdl } }", path="/subgraphs/learning/graphql"))["data"]["_service"]["sdl"]
    company = next(d for d in parse(sdl).definitions
                   if isinstance(d, ObjectTypeDefinitionNode) and d.name.value == "Company")
    assert {f.name.value for f in company.fields} == {"id", "learningPlanReport"}


async def test_companies_with_employees_cost_a_fixed_number_of_queries(graph, client, token_for):
    people = await factories.members(graph, 50)
    companies = [await learning.company(graph, name=f"Company {n:02d}") for n in range(22)]
    for i, company in enumerate(companies):
        await learning.employ(graph, company, people[2 * i:2 * i + 2])
    body = await gql(client, """{ companies(first: 50) { totalCount edges { node { name employeeCount viewerIsAdmin
        employees(first: 5) { totalCount edges { role node { handle employer { name } } } } } } } }""",
                     headers=token_for(people[-1]["id"]))
    assert "errors" not in body, body
    nodes = [e["node"] for e in body["data"]["companies"]["edges"]]
    assert len(nodes) == 22 and all(n["employees"]["totalCount"] == 2 for n in nodes)
    assert all(e["node"]["employer"]["name"] == n["name"] for n in nodes for e in n["employees"]["edges"])
    # page + count + employees of every company + the viewer's employment + employers of every employee.
    assert round_trips(body) == 5, body["extensions"]
