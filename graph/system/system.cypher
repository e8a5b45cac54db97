// name: ping
// Readiness probe: the database answers a trivial statement.
RETURN 1 AS ok

// name: applied_migrations
// Versions of the migrations already recorded in the graph.
MATCH (m:Migration)
RETURN m.version AS version
ORDER BY version

// name: record_migration
// Record that one migration has been applied; idempotent.
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = datetime()
RETURN m.version AS version

// name: wipe_graph
// Remove every node but the migration records. Used by tests and by `seed --reset`.
MATCH (n)
WHERE NOT n:Migration
DETACH DELETE n

// name: wipe_graph_batch
// Remove up to `$limit` nodes (not migration records) with their relationships; returns how many.
// In batches, so emptying a large graph never needs one huge transaction.
MATCH (n)
WHERE NOT n:Migration
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted

// name: bench_personas
// Members the benchmark signs in as: the one who follows the most members and topics (the
// feed's worst case), a typical one (the median following count), and a far-away target for paths.
MATCH (m:Member)
WHERE m.visibility <> 'PRIVATE'
WITH m, m.followingCount + COUNT { (m)-[:FOLLOWS]->(:Topic) } + COUNT { (m)-[:MEMBER_OF]->(:Group) } AS reach
ORDER BY reach DESC, m.id ASC
WITH collect(m.id) AS ids
RETURN ids[0] AS busiest, ids[size(ids) / 2] AS typical, ids[size(ids) - 1] AS loneliest

// name: bench_learners
// Learners the benchmark signs in as: the median member among those with points (a typical
// learner) and the one with the most points (the top of every leaderboard).
MATCH (m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
WITH m
ORDER BY m.points DESC, m.id ASC
WITH collect(m.id) AS ids
RETURN ids[size(ids) / 2] AS learner, ids[0] AS top

// name: bench_recruiters
// The recruiter the benchmark signs in as: the first (by id) recruiting for the company with the
// most OPEN postings, that company, and its OPEN posting with the most applications (the
// candidates of a busy posting). No row when the graph has no careers data.
MATCH (c:Company)-[:POSTED]->(j:JobPosting {status: 'OPEN'})
WITH c, count(j) AS openPostings
ORDER BY openPostings DESC, c.id ASC
LIMIT 1
MATCH (r:Member)-[:RECRUITS_FOR]->(c)
WITH c, r
ORDER BY r.id ASC
LIMIT 1
MATCH (c)-[:POSTED]->(j:JobPosting {status: 'OPEN'})
WITH c, r, j
ORDER BY j.applicationCount DESC, j.id ASC
LIMIT 1
RETURN r.id AS recruiter, c.id AS company, j.id AS job

// name: bench_talent
// What the benchmark's talent search asks for, a common search that finds someone: the city where
// most members who opted in live (its centre: their mean coordinates), the certification most of
// them there hold, and the three skills (level 2 or more) of one of those holders that are the
// most common among all of them (the holder with the most common three; the latest covered
// credential on a tie). No row when nobody there holds a certification and three skills.
MATCH (m:Member)-[:PREFERS]->(:CareerPreferences {searchable: true})
WITH m.city AS city, m.country AS country, count(m) AS members, avg(m.latitude) AS latitude,
     avg(m.longitude) AS longitude
ORDER BY members DESC, city ASC
LIMIT 1
MATCH (m:Member {city: city, country: country})-[:PREFERS]->(:CareerPreferences {searchable: true})
MATCH (m)-[:HOLDS]->(:Credential)-[:OF]->(c:Certification)
WITH city, country, members, latitude, longitude, c, collect(m) AS holders
ORDER BY size(holders) DESC, c.id ASC
LIMIT 1
CALL (holders) {
  UNWIND holders AS m
  MATCH (m)-[h:HAS_SKILL]->(s:Skill)
  WHERE h.level >= 2
  WITH s, count(m) AS holding
  ORDER BY holding DESC, s.id ASC
  RETURN collect(s.id) AS popular
}
UNWIND holders AS m
MATCH (m)-[:HOLDS]->(k:Credential)-[:OF]->(c)
WITH city, country, members, latitude, longitude, c, size(holders) AS holderCount, popular, m, k,
     [(m)-[h:HAS_SKILL]->(s:Skill) WHERE h.level >= 2 | s.id] AS mine
WITH city, country, members, latitude, longitude, c, holderCount, popular, m, k,
     [i IN range(0, size(popular) - 1) WHERE popular[i] IN mine][0..3] AS picks
WHERE size(picks) = 3
WITH city, country, members, latitude, longitude, c, holderCount, popular, picks
ORDER BY reduce(total = 0, i IN picks | total + i) ASC, k.coveredThrough DESC, m.id ASC
LIMIT 1
RETURN city, country, members, latitude, longitude, [i IN picks | popular[i]] AS skillIds,
       c.id AS certificationId, holderCount AS holders

// name: bench_ideas
// What the benchmark's ideas and recognition operations ask about: the product area with the most
// ideas, its idea with the most comments and status changes, the latest closed and the latest open
// prioritisation round, the open round's first shortlisted idea, the first member (by id) with a
// public profile who has no coins in the open round yet (the allocateCoins persona), and the latest
// year with MVP terms. No row when the graph has no ideas; the other columns are null when the data
// set has no such thing.
MATCH (i:Idea)-[:IN_AREA]->(t:Topic)
WITH t, count(i) AS ideas
ORDER BY ideas DESC, t.id ASC
LIMIT 1
CALL (t) {
  MATCH (i:Idea)-[:IN_AREA]->(t)
  WITH i, i.commentCount + COUNT { (i)-[:HAD_STATUS]->(:IdeaStatusChange) } AS activity
  ORDER BY activity DESC, i.id ASC
  LIMIT 1
  RETURN i.id AS idea
}
CALL () {
  OPTIONAL MATCH (r:PrioritizationRound)
  WHERE r.closedAt IS NOT NULL
  WITH r
  ORDER BY r.opensAt DESC, r.id ASC
  LIMIT 1
  RETURN r.id AS closedRound
}
CALL () {
  OPTIONAL MATCH (r:PrioritizationRound)-[s:SHORTLISTS]->(i:Idea)
  WHERE r.closedAt IS NULL AND r.opensAt <= datetime() AND datetime() < r.closesAt
  WITH r, s, i
  ORDER BY r.opensAt DESC, r.id ASC, s.position ASC
  LIMIT 1
  RETURN r.id AS openRound, i.id AS shortlisted
}
CALL (openRound) {
  OPTIONAL MATCH (m:Member)
  WHERE openRound IS NOT NULL AND m.visibility = 'PUBLIC'
    AND NOT EXISTS { MATCH (m)-[:HAS_BUDGET]->(b:CoinBudget) WHERE b.key = openRound + ':' + m.id }
  WITH m
  ORDER BY m.id ASC
  LIMIT 1
  RETURN m.id AS allocator
}
CALL () {
  OPTIONAL MATCH (term:MvpTerm)
  RETURN max(term.year) AS mvpYear
}
RETURN t.id AS productArea, idea, closedRound, openRound, shortlisted, allocator, mvpYear
