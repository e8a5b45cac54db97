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
