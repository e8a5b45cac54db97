"""Benchmark the community API in-process: `python -m bench.run [--size small] [--iterations 200]`.

Seeds a generated data set into its own data directory (once; later runs reuse it), then
sends each operation through the ASGI app and prints p50/p95/max latency and the database
round trips it costs. Figures, not pass/fail: targets live here, never in timed unit tests.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

import httpx

from graph.system import QUERIES as SYSTEM
from resolvers.auth import AuthSettings, issue_token
from resolvers.ids import to_global_id
from resolvers.pagination import encode_cursor
from resolvers.runtime import DatabaseSettings, apply_migrations, open_graph
from resolvers.seed.loader import graph_is_empty, load_seed
from schema.app import AppSettings, create_app

OPERATIONS = {
    "members(first: 50) + groups, skills, followers(5)": """{ members(first: 50) { edges { node { handle
        groups { totalCount edges { role node { slug } } } skills { level skill { slug } }
        followers(first: 5) { totalCount nodes { handle } } } } } }""",
    "members by country, followers order": """{ members(filter: {country: "DE"}, orderBy: FOLLOWERS, first: 20) {
        totalCount nodes { handle followerCount } } }""",
    "members search": """{ members(filter: {search: "admin"}, first: 20) { totalCount nodes { handle } } }""",
    "groups(first: 50) + members(10) + skills": """{ groups(first: 50) { edges { node { slug
        members(first: 10) { edges { role node { handle skills { level skill { name } } } } } } } } }""",
    "groups near Berlin by distance": """{ groups(filter: {near: {latitude: 52.52, longitude: 13.40, radiusKm: 500}},
        orderBy: DISTANCE, first: 20) { totalCount edges { distanceKm node { name } } } }""",
    "questions(first: 20) + author, topics, answers(3)": """{ questions(first: 20) { edges { node { title
        author { handle } topics { slug } answers(first: 3) { totalCount nodes { score author { handle } } } } } } }""",
    "question.suggestedAnswerers(5) on 20 questions": """{ questions(first: 20) { nodes { title
        suggestedAnswerers(first: 5) { score member { handle } } } } }""",
    "answerStats (all)": """{ answerStats { questionCount medianHoursToFirstAnswer answeredWithin48HoursShare } }""",
    "upcoming events(first: 20) + attendees(5)": """{ events(filter: {upcoming: true}, first: 20) { totalCount
        edges { node { title goingCount group { slug } attendees(first: 5) { nodes { handle } } } } } }""",
    "experts(skill: apex)": """{ experts(skill: "$skill:apex", first: 10) { totalCount
        edges { score node { handle } evidence { skillLevel endorsements acceptedAnswers } } } }""",
    "trails(first: 20) + modules, units, skills, badge": """{ trails(first: 20) { totalCount nodes { title
        modules { title points units { title points } skills { name } badge { title } } } } }""",
    "certifications(first: 50) + prerequisites, skills, preparation": """{ certifications(first: 50) { nodes { title
        prerequisites { title } skills { name } preparation { ... on Module { title } ... on Superbadge { title } } } } }""",
    "leaderboard(GLOBAL, first: 50) + member, rank": """{ leaderboard(scope: GLOBAL, first: 50) { edges { node {
        position points badgeCount rank { name } member { handle displayName } } } } }""",
    "leaderboard(GLOBAL, first: 50, after: 5000th)": """{ leaderboard(scope: GLOBAL, first: 50, after: "$cursor:5000") {
        edges { node { position points member { handle } } } } }""",
    "leaderboard(COUNTRY: US, first: 50) + totalCount": """{ leaderboard(scope: COUNTRY, scopeId: "US", first: 50) {
        totalCount edges { node { position points rank { name } member { handle } } } } }""",
    "leaderboard(GROUP: largest, first: 50) + totalCount": """{ leaderboard(scope: GROUP, scopeId: "$group:largest",
        first: 50) { totalCount edges { node { position points rank { name } member { handle } } } } }""",
    "leaderboard(COMPANY: largest, first: 50) + totalCount": """{ leaderboard(scope: COMPANY,
        scopeId: "$company:largest", first: 50) { totalCount edges { node { position points rank { name } member { handle } } } } }""",
}

# A member's learning page: counters, rank, recent badges, trails in progress, credentials.
LEARNING_PROFILE = """{ viewer { points badgeCount rank { rank { name } nextRank { name } pointsToNextRank }
    badges(first: 10) { totalCount nodes { earnedAt badge { title kind } } }
    trailProgress(first: 5) { nodes { percent trail { title } } }
    credentials { nodes { status certification { title } } } assignedLearning { nodes { isOverdue } } } }"""

# Personal operations, sent as the members `bench_personas` and `bench_learners` pick ($viewer, $target, ...):
# typical and busiest by follows, groups and topics; learner (the median member with points) and top.
VIEWER_OPERATIONS = {
    "viewer.peopleYouMayKnow(first: 10) [typical]": ("typical", """{ viewer { peopleYouMayKnow(first: 10) {
        totalCount edges { score node { handle } reasons { mutualFollowCount sharedGroupCount sharedSkillCount } } } } }"""),
    "viewer.peopleYouMayKnow(first: 10) [busiest]": ("busiest", """{ viewer { peopleYouMayKnow(first: 10) {
        edges { score node { handle } } } } }"""),
    "viewer.feed(first: 20) [typical]": ("typical", """{ viewer { feed(first: 20) { edges { node { kind occurredAt
        reasons { kind } question { title } event { title } member { handle } } } } } }"""),
    "viewer.feed(first: 20) [busiest: most follows]": ("busiest", """{ viewer { feed(first: 20) { edges { node { kind
        occurredAt reasons { kind } question { title } event { title } member { handle } } } } } }"""),
    "viewer.connectionPath(to: loneliest) [typical]": ("typical", """{ viewer { connectionPath(to: "$target", maxHops: 4) {
        length hops { kind } } } }"""),
    "viewer.leaderboardPosition(GLOBAL) [learner]": ("learner", """{ viewer { leaderboardPosition(scope: GLOBAL) } }"""),
    "viewer.leaderboardPosition(GLOBAL) [top]": ("top", """{ viewer { leaderboardPosition(scope: GLOBAL) } }"""),
    "viewer.leaderboardPosition(COUNTRY) [learner]": ("learner", """{ viewer { leaderboardPosition(scope: COUNTRY) } }"""),
    "viewer.leaderboardPosition(COMPANY) [learner]": ("learner", """{ viewer { leaderboardPosition(scope: COMPANY) } }"""),
    "viewer learning profile [learner]": ("learner", LEARNING_PROFILE),
    "viewer learning profile [top]": ("top", LEARNING_PROFILE),
}

# Careers (issue 5). The recruiter, their company and its busiest open posting come from `bench_recruiters`;
# the talent search (the issue's headline benchmark) asks what `bench_talent` found in the city where most
# opted-in members live: the certification most of them hold (ANY, in good standing) and three skills
# (MUST, level 2+) common among its holders, within 50 km of the city. The learners are those of
# `bench_learners` (typical and top); the public job search looks near the same city for its first skill.
TALENT_SEARCH = """query($filter: TalentSearchFilter!) { talentSearch(filter: $filter, first: 20) { totalCount
    edges { node { score member { handle displayName } explanation { matchedFilters { filter detail }
    factors { factor weight value contribution detail }
    connection { degree employeesFollowing followedEmployees sharedGroups } } } } } }"""
JOB_MATCHES = """{ viewer { jobMatches(first: 20) { edges { node { score eligible distanceKm
    job { title company { name } } factors { factor value contribution } missing { kind necessity } } } } } }"""
CANDIDATES = """query($job: ID!) { job(id: $job) { title candidates(first: 20) { edges { node { score eligible
    distanceKm member { handle } factors { factor value contribution } missing { kind necessity } } } } } }"""
JOBS_NEAR = """query($near: GeoRadiusInput!, $skills: [ID!]) { jobs(filter: {near: $near, skills: $skills}, first: 20) {
    totalCount edges { node { title seniority workplace company { name } location { city }
    salary { min max currency } skillRequirements { minLevel necessity skill { name } } } } } }"""
CAREERS_OPERATIONS = {
    "talentSearch(3 skills, 1 cert, 50 km, first: 20) [recruiter]": ("recruiter", TALENT_SEARCH, "talent"),
    "talentSearch(1 skill, anywhere, first: 20) [recruiter]": ("recruiter", TALENT_SEARCH, "talent_broad"),
    "viewer.jobMatches(first: 20) [learner]": ("learner", JOB_MATCHES, None),
    "viewer.jobMatches(first: 20) [top]": ("top", JOB_MATCHES, None),
    "job.candidates(first: 20) [busiest posting]": ("recruiter", CANDIDATES, "candidates"),
    "jobs(filter: {near: 50 km, skills: 1}) [public]": (None, JOBS_NEAR, "jobs"),
}
RECRUITER_ROLES = ["member", "recruiter"]

# Ideas and recognition (issue 6). The product area with the most ideas, its busiest idea, the latest closed
# and open prioritisation rounds, a shortlisted idea of the open round, a member without coins in it (the
# allocator) and the latest year with MVP terms come from `bench_ideas`. allocateCoins puts 5 coins on the
# idea and withdrawCoins takes them back in the same request, so every iteration starts from the same budget.
IDEA_CARD = "title status points voteCount trendingScore expectedRelease productArea { name } author { handle }"
IDEAS_OPERATIONS = {
    "ideas(orderBy: TRENDING, first: 20)": (None, f"""{{ ideas(orderBy: TRENDING, first: 20) {{ totalCount
        edges {{ cursor node {{ {IDEA_CARD} }} }} }} }}""", "ideas"),
    "ideas(filter: {productAreaId, search}, first: 20)": (None, f"""query($area: ID!) {{
        ideas(filter: {{productAreaId: $area, search: "bulk edit"}}, first: 20) {{ totalCount
        nodes {{ {IDEA_CARD} }} }} }}""", "area"),
    "idea + statusHistory(10) + comments(20) [busiest]": (None, """query($idea: ID!) { idea(id: $idea) {
        title status points followerCount commentCount expectedRelease underReviewAt author { handle }
        statusHistory(first: 10) { edges { node { from to comment expectedRelease at changedBy { handle } } } }
        comments(first: 20) { totalCount edges { node { body createdAt author { handle } } } } } }""", "idea"),
    "roadmap(productAreaId) + ideas(20) per column": (None, """query($area: ID) { roadmap(productAreaId: $area) {
        productArea { name } columns { status totalCount ideas(first: 20) { title expectedRelease points } } } }""",
        "area"),
    "round.results + winners [closed round]": (None, """query($round: ID!) { round(id: $round) { name status
        participantCount coinsAllocated results { rank coins memberCount idea { title points } }
        winners { rank coins idea { title status } } } }""", "closed"),
    "round.results + viewerCoinsLeft [open round, allocator]": ("allocator", """query($round: ID!) {
        round(id: $round) { name status participantCount coinsAllocated viewerCoinsLeft
        viewerAllocations { coins idea { title } } results { rank coins memberCount idea { title } } } }""",
        "open"),
    "allocateCoins(5) + withdrawCoins(5) [allocator]": ("allocator", """mutation($round: ID!, $idea: ID!) {
        allocate: allocateCoins(input: {roundId: $round, ideaId: $idea, coins: 5}) { coinsLeft
          allocation { coins } userErrors { field message code } }
        withdraw: withdrawCoins(input: {roundId: $round, ideaId: $idea, coins: 5}) { coinsLeft
          userErrors { field message code } } }""", "allocate"),
    "mvps(year: latest, first: 20) + member": (None, """query($year: Int) { mvps(year: $year, first: 20) {
        totalCount edges { node { year startsAt endsAt isCurrent member { handle displayName country } } } } }""",
        "mvps"),
    "heroes(first: 20) + member, company, products, cityTours": (None, """{ heroes(first: 20) { totalCount
        nodes { title featuredAt member { handle } company { name } products { name }
        cityTours(first: 3) { totalCount } } } }""", "ideas"),
}


async def ideas_variables(graph) -> tuple[str | None, dict[str, dict]]:
    """The allocator persona and each ideas operation's variables; (None, {}) without ideas data. A
    variables set is missing when the data set lacks what it names (a round, MVP terms)."""
    found = await graph.read(SYSTEM["bench_ideas"])
    if not found:
        return None, {}
    row = found[0]
    variables: dict[str, dict] = {"ideas": {}, "area": {"area": to_global_id("Topic", row["productArea"])},
                                  "idea": {"idea": to_global_id("Idea", row["idea"])}}
    if row["closedRound"]:
        variables["closed"] = {"round": to_global_id("PrioritizationRound", row["closedRound"])}
    if row["openRound"]:
        variables["open"] = {"round": to_global_id("PrioritizationRound", row["openRound"])}
        if row["allocator"]:
            variables["allocate"] = variables["open"] | {"idea": to_global_id("Idea", row["shortlisted"])}
    if row["mvpYear"] is not None:
        variables["mvps"] = {"year": row["mvpYear"]}
    return row["allocator"], variables


def user_errors(body: dict) -> list[dict]:
    """The userErrors of every mutation payload in a response (an operation that was refused is no benchmark)."""
    data = body.get("data") or {}
    return [e for payload in data.values() if isinstance(payload, dict) for e in payload.get("userErrors", [])]


async def careers_variables(graph) -> tuple[str | None, dict[str, dict]]:
    """The recruiter persona and each careers operation's variables; (None, {}) without careers data."""
    recruiters = await graph.read(SYSTEM["bench_recruiters"])
    talent = await graph.read(SYSTEM["bench_talent"])
    if not recruiters or not talent or len(talent[0]["skillIds"]) < 3:
        return None, {}
    found = talent[0]
    near = {"latitude": float(found["latitude"]), "longitude": float(found["longitude"]), "radiusKm": 50.0}
    skills = [to_global_id("Skill", s) for s in found["skillIds"]]
    return recruiters[0]["recruiter"], {
        "talent": {"filter": {
            "skills": [{"skillId": s, "minLevel": 2, "mode": "MUST"} for s in skills],
            "certifications": {"ids": [to_global_id("Certification", found["certificationId"])], "match": "ANY"},
            "location": {"near": near}}},
        # A broad search (the most common skill among the holders, anywhere): thousands match and 2,000 are ranked.
        "talent_broad": {"filter": {"skills": [{"skillId": skills[0], "minLevel": 2, "mode": "MUST"}]}},
        "candidates": {"job": to_global_id("JobPosting", recruiters[0]["job"])},
        "jobs": {"near": near, "skills": skills[:1]},
    }


async def leaderboard_scopes(client: httpx.AsyncClient) -> dict[str, str]:
    """The largest group and company (of the first 100 by name) to rank; none when the data set has none."""
    found = (await client.post("/graphql", json={"query": """{ groups(orderBy: MEMBER_COUNT, first: 1) { nodes { id } }
        companies(first: 100) { nodes { id employeeCount } } }"""})).json()["data"]
    scopes = {}
    if found["groups"]["nodes"]:
        scopes["$group:largest"] = found["groups"]["nodes"][0]["id"]
    if found["companies"]["nodes"]:
        scopes["$company:largest"] = max(found["companies"]["nodes"], key=lambda c: c["employeeCount"])["id"]
    return scopes


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--size", choices=("demo", "small", "medium"), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: .data-bench-<size>")
    parser.add_argument("--only", default=None,
                        help="run only the operations whose name contains this text (or any of several, comma-separated)")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(f".data-bench-{args.size}")
    settings = DatabaseSettings(uri=None, user="", password=None, database="", data_dir=data_dir)
    async with open_graph(settings) as graph:
        await apply_migrations(graph)
        if await graph_is_empty(graph):
            started = time.perf_counter()
            summary = await load_seed(graph, size=args.size, seed=args.seed)
            print(f"seeded {args.size} in {time.perf_counter() - started:.1f}s: {summary}")
        auth = AuthSettings(secret="bench-secret-" + "x" * 32)
        app = create_app(AppSettings(settings, auth, debug=True), graph=graph)
        personas = (await graph.read(SYSTEM["bench_personas"]))[0] | (await graph.read(SYSTEM["bench_learners"]))[0]
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            found = (await client.post("/graphql", json={"query": '{ skills(search: "apex", first: 1) { nodes { id } } }'})).json()
            names = {"$skill:apex": found["data"]["skills"]["nodes"][0]["id"],
                     "$target": to_global_id("Member", personas["loneliest"]),
                     "$cursor:5000": encode_cursor(4999)}
            names.update(await leaderboard_scopes(client))
            recruiter, careers = await careers_variables(graph)
            allocator, ideas = await ideas_variables(graph)
            runs = [(name, query, None, None, None) for name, query in OPERATIONS.items()]
            runs += [(name, query, personas[who], None, None) for name, (who, query) in VIEWER_OPERATIONS.items()]
            for name, (who, query, variables) in CAREERS_OPERATIONS.items():
                viewer = recruiter if who == "recruiter" else personas[who] if who else None
                roles = RECRUITER_ROLES if who == "recruiter" else None
                # No careers data: a variables set or the recruiter is missing, and the operation is skipped.
                runs.append((name, query, viewer, roles, careers.get(variables, {}) if variables else {}))
            skipped: dict[str, str] = {}
            for name, (who, query, variables) in IDEAS_OPERATIONS.items():
                if variables not in ideas or (who == "allocator" and allocator is None):
                    skipped[name] = "no ideas data (ideas, rounds, MVP terms) for it in this data set"
                runs.append((name, query, allocator if who == "allocator" else None, None, ideas.get(variables, {})))
            print(f"{'operation':<52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'trips':>6}")
            for name, query, viewer, roles, variables in runs:
                if args.only and not any(part.strip().lower() in name.lower() for part in args.only.split(",")):
                    continue
                for placeholder, value in names.items():
                    query = query.replace(placeholder, value)
                missing = re.search(r"\$[a-z]+:[a-z0-9]+", query)
                if missing:  # such as a company in a data set that has none
                    print(f"{name:<52} skipped: no {missing.group()} in this data set")
                    continue
                if name in skipped:
                    print(f"{name:<52} skipped: {skipped[name]}")
                    continue
                if name in CAREERS_OPERATIONS and not careers:
                    print(f"{name:<52} skipped: no careers data (recruiters, opted-in members) in this data set")
                    continue
                headers = {}
                if viewer is not None:
                    headers["Authorization"] = "Bearer " + issue_token(auth, member_id=viewer,
                                                                      roles=roles or ["member"])
                payload = {"query": query} | ({"variables": variables} if variables else {})
                timings, trips = [], 0
                for i in range(args.iterations + 5):
                    started = time.perf_counter()
                    body = (await client.post("/graphql", json=payload, headers=headers)).json()
                    elapsed = (time.perf_counter() - started) * 1000
                    if "errors" in body or user_errors(body):
                        print(f"{name}: {body.get('errors') or user_errors(body)}", file=sys.stderr)
                        return 1
                    if i >= 5:  # the first runs warm caches and the JIT
                        timings.append(elapsed)
                    trips = body["extensions"]["graph"]["roundTrips"]
                print(f"{name:<52} {statistics.median(timings):>8.1f} {percentile(timings, 0.95):>8.1f} "
                      f"{max(timings):>8.1f} {trips:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
