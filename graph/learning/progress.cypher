// Learning progress (graph/MODEL.md, "Progress"): the points ledger (COMPLETED relationships, each
// with the points it awarded), earned badges, rank promotions and quest entries, and the reads
// of a member's progress. Writes run in one transaction per mutation, under the member's write
// lock (the no-op SET of `progress_lock_for_unit` / `progress_lock_for_superbadge`), and every
// one of them re-checks its own condition, so a retried or concurrent request awards nothing twice.
// Times are `$at`, epoch milliseconds: one instant for every fact a transaction records.

// name: progress_lock_for_unit
// Take member `$memberId`'s write lock (a no-op SET of its counters; members written before learning
// get 0 points, 0 badges and rank 1) and read what completing unit `$unitId` depends on: the unit
// with its module's id, whether the member already COMPLETED it and whether they COMPLETED its
// module. No row when the member does not exist; `unit` is null when the unit does not.
MATCH (m:Member {id: $memberId})
SET m.points = coalesce(m.points, 0), m.badgeCount = coalesce(m.badgeCount, 0), m.rank = coalesce(m.rank, 1)
WITH m
OPTIONAL MATCH (mod:Module)-[:HAS_UNIT]->(u:Unit {id: $unitId})
RETURN u {.*, moduleId: mod.id} AS unit,
       CASE WHEN u IS NULL THEN false ELSE EXISTS { (m)-[:COMPLETED]->(u) } END AS unitDone,
       CASE WHEN mod IS NULL THEN false ELSE EXISTS { (m)-[:COMPLETED]->(mod) } END AS moduleDone

// name: progress_record_unit
// Member `$memberId` COMPLETED unit `$unitId` at `$at`, with the unit's points, which are added to
// the member's points; nothing when that completion exists already. Run under the member's lock.
MATCH (m:Member {id: $memberId})
MATCH (u:Unit {id: $unitId})
WHERE NOT EXISTS { (m)-[:COMPLETED]->(u) }
CREATE (m)-[c:COMPLETED {at: datetime({epochMillis: $at}), points: u.points}]->(u)
SET m.points = m.points + u.points
RETURN c.points AS points

// name: progress_complete_module
// Member `$memberId` COMPLETED module `$moduleId` at `$at` (0 points) when they completed every one
// of its units and not the module yet. Returns the id of the badge the module awards (null for a
// maintenance module); no row when the module is not complete, or was already.
MATCH (m:Member {id: $memberId})
MATCH (mod:Module {id: $moduleId})
WHERE NOT EXISTS { (m)-[:COMPLETED]->(mod) }
  AND EXISTS { (mod)-[:HAS_UNIT]->(:Unit) }
  AND NOT EXISTS { MATCH (mod)-[:HAS_UNIT]->(u:Unit) WHERE NOT EXISTS { (m)-[:COMPLETED]->(u) } }
CREATE (m)-[:COMPLETED {at: datetime({epochMillis: $at}), points: 0}]->(mod)
WITH mod
OPTIONAL MATCH (mod)-[:AWARDS]->(b:Badge)
RETURN mod.id AS moduleId, b.id AS badgeId

// name: progress_lock_for_superbadge
// Take member `$memberId`'s write lock (as `progress_lock_for_unit`) and read what completing
// superbadge `$superbadgeId` depends on: the superbadge (with its badge's id), whether the member
// already COMPLETED it, and the ids of its REQUIRES modules they have not COMPLETED. No row when
// the member does not exist; `superbadge` is null when the superbadge does not.
MATCH (m:Member {id: $memberId})
SET m.points = coalesce(m.points, 0), m.badgeCount = coalesce(m.badgeCount, 0), m.rank = coalesce(m.rank, 1)
WITH m
OPTIONAL MATCH (s:Superbadge {id: $superbadgeId})
OPTIONAL MATCH (s)-[:AWARDS]->(b:Badge)
RETURN s {.*, badgeId: b.id} AS superbadge,
       CASE WHEN s IS NULL THEN false ELSE EXISTS { (m)-[:COMPLETED]->(s) } END AS done,
       CASE WHEN s IS NULL THEN [] ELSE [(s)-[:REQUIRES]->(r:Module) WHERE NOT EXISTS { (m)-[:COMPLETED]->(r) } | r.id] END AS missing

// name: progress_record_superbadge
// Member `$memberId` COMPLETED superbadge `$superbadgeId` at `$at`, with its points, which are added
// to the member's points: only when every one of its REQUIRES modules is COMPLETED and the
// superbadge is not yet. Returns the points and the id of the badge it awards; no row otherwise.
MATCH (m:Member {id: $memberId})
MATCH (s:Superbadge {id: $superbadgeId})
WHERE NOT EXISTS { (m)-[:COMPLETED]->(s) }
  AND NOT EXISTS { MATCH (s)-[:REQUIRES]->(r:Module) WHERE NOT EXISTS { (m)-[:COMPLETED]->(r) } }
CREATE (m)-[c:COMPLETED {at: datetime({epochMillis: $at}), points: s.points}]->(s)
SET m.points = m.points + s.points
WITH s, c
OPTIONAL MATCH (s)-[:AWARDS]->(b:Badge)
RETURN c.points AS points, b.id AS badgeId

// name: award_completed_quests
// Enter member `$memberId` in every quest they have now finished: a quest whose window
// [startsAt, endsAt) holds `$at`, offered to their rank (minRank <= rank <= maxRank), not yet
// COMPLETED by them, with at least one REQUIRES target, each of which (module or superbadge) they
// COMPLETED inside the window. Each such quest gets a COMPLETED at `$at` with 0 points (the
// member's one prize-draw entry). One row per quest entered, with the id of the limited-edition
// badge it awards (earned separately, through `progress_earn_badges`, which checks its window).
MATCH (m:Member {id: $memberId})
WITH m, datetime({epochMillis: $at}) AS at
MATCH (q:Quest)
WHERE q.startsAt <= at AND at < q.endsAt
  AND q.minRank <= m.rank AND m.rank <= q.maxRank
  AND NOT EXISTS { (m)-[:COMPLETED]->(q) }
  AND EXISTS { (q)-[:REQUIRES]->() }
  AND NOT EXISTS {
    MATCH (q)-[:REQUIRES]->(x)
    WHERE NOT EXISTS { MATCH (m)-[c:COMPLETED]->(x) WHERE q.startsAt <= c.at AND c.at < q.endsAt }
  }
CREATE (m)-[:COMPLETED {at: at, points: 0}]->(q)
WITH q
OPTIONAL MATCH (q)-[:AWARDS]->(b:Badge)
RETURN q.id AS questId, b.id AS badgeId
ORDER BY q.id

// name: progress_earn_badges
// Member `$memberId` EARNED, at `$at`, each badge of `$badgeIds` (distinct ids) they have not earned
// yet and that can be earned then: a badge with a window only inside [availableFrom, availableUntil).
// Each gets a fresh assertion id; badgeCount grows by one per badge. One row per badge earned.
MATCH (m:Member {id: $memberId})
WITH m, datetime({epochMillis: $at}) AS at
UNWIND $badgeIds AS badgeId
MATCH (b:Badge {id: badgeId})
WHERE NOT EXISTS { (m)-[:EARNED]->(b) }
  AND (b.availableFrom IS NULL OR b.availableFrom <= at)
  AND (b.availableUntil IS NULL OR at < b.availableUntil)
CREATE (m)-[e:EARNED {id: randomUUID(), at: at}]->(b)
SET m.badgeCount = m.badgeCount + 1
RETURN b {.*} AS badge, e.id AS assertionId, e.at AS earnedAt

// name: promote_member_rank
// Promote member `$memberId` to the highest rank whose minPoints and minBadges their points and
// badgeCount both meet, when it is above their stored rank, with a REACHED at `$at` for every
// rank passed on the way (usually one). Ranks never go down. One row per rank reached, lowest
// first; none without a promotion.
MATCH (m:Member {id: $memberId})
CALL (m) {
  MATCH (r:Rank)
  WHERE r.minPoints <= m.points AND r.minBadges <= m.badgeCount
  RETURN max(r.position) AS reached
}
WITH m, m.rank AS previous, reached
WHERE reached > previous
SET m.rank = reached
WITH m, previous, reached
MATCH (r:Rank)
WHERE previous < r.position AND r.position <= reached
CREATE (m)-[:REACHED {at: datetime({epochMillis: $at})}]->(r)
RETURN r {.*} AS rank
ORDER BY r.position

// name: progress_member
// Member `$memberId` as stored, after a progress write (the mutation payload's `member`).
MATCH (m:Member {id: $memberId})
RETURN m {.*} AS member

// name: progress_recomputed_points
// Each member's points recomputed from the ledger: the sum of the points of their COMPLETED.
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  OPTIONAL MATCH (m)-[c:COMPLETED]->()
  RETURN coalesce(sum(c.points), 0) AS points
}
RETURN id, points

// name: progress_badges_of_members
// A page of the badges each member EARNED (of kind `$kind` when given), newest first, and each
// list's total: rows {badge, earnedAt, assertionId}. `$fromEnd` reverses the order to take the
// last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[e:EARNED]->(b:Badge)
  WHERE $kind IS NULL OR b.kind = $kind
  WITH e, b
  ORDER BY
    CASE WHEN $fromEnd THEN e.at END ASC,
    CASE WHEN $fromEnd THEN e.id END DESC,
    e.at DESC,
    e.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({badge: properties(b), earnedAt: e.at, assertionId: e.id}) AS page
}
RETURN id, COUNT { MATCH (m)-[:EARNED]->(b:Badge) WHERE $kind IS NULL OR b.kind = $kind } AS total, page

// name: progress_trails_of_members
// A page of the trails each member started (COMPLETED at least one module the trail INCLUDES), the
// most recently progressed first, and each list's total: rows {trail, completedModules,
// lastCompletedAt}. `$fromEnd` reverses the order to take the last rows (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[c:COMPLETED]->(:Module)<-[:INCLUDES]-(t:Trail)
  WITH t, count(c) AS done, max(c.at) AS lastAt
  ORDER BY
    CASE WHEN $fromEnd THEN lastAt END ASC,
    CASE WHEN $fromEnd THEN t.id END DESC,
    lastAt DESC,
    t.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({trail: properties(t), completedModules: done, lastCompletedAt: lastAt}) AS page
}
CALL (m) {
  OPTIONAL MATCH (m)-[:COMPLETED]->(:Module)<-[:INCLUDES]-(t:Trail)
  RETURN count(DISTINCT t) AS total
}
RETURN id, total, page

// name: progress_activity_of_members
// A page of each member's learning activity, newest first, and each list's total: rows {kind, at,
// target}, where kind is BADGE_EARNED (target: the badge), RANK_REACHED (the rank),
// SUPERBADGE_COMPLETED (the superbadge, with badgeId) or MODULE_COMPLETED (the module, with
// badgeId). Facts recorded at the same instant list the later step first (rank, badge, superbadge,
// module). `$fromEnd` reverses the order to take the last rows (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  CALL (m) {
    MATCH (m)-[e:EARNED]->(b:Badge)
    RETURN 'BADGE_EARNED' AS kind, 3 AS step, e.at AS at, e.id AS key, properties(b) AS target
    UNION ALL
    MATCH (m)-[r:REACHED]->(k:Rank)
    RETURN 'RANK_REACHED' AS kind, 4 AS step, r.at AS at, k.id AS key, properties(k) AS target
    UNION ALL
    MATCH (m)-[c:COMPLETED]->(s:Superbadge)
    OPTIONAL MATCH (s)-[:AWARDS]->(b:Badge)
    RETURN 'SUPERBADGE_COMPLETED' AS kind, 2 AS step, c.at AS at, s.id AS key, s {.*, badgeId: b.id} AS target
    UNION ALL
    MATCH (m)-[c:COMPLETED]->(x:Module)
    OPTIONAL MATCH (x)-[:AWARDS]->(b:Badge)
    RETURN 'MODULE_COMPLETED' AS kind, 1 AS step, c.at AS at, x.id AS key, x {.*, badgeId: b.id} AS target
  }
  WITH kind, step, at, key, target
  ORDER BY
    CASE WHEN $fromEnd THEN at END ASC,
    CASE WHEN $fromEnd THEN step END ASC,
    CASE WHEN $fromEnd THEN key END DESC,
    at DESC,
    step DESC,
    key ASC
  SKIP $skip LIMIT $limit
  RETURN collect({kind: kind, at: at, target: target}) AS page
}
RETURN id,
  COUNT { (m)-[:EARNED]->(:Badge) } + COUNT { (m)-[:REACHED]->(:Rank) }
    + COUNT { (m)-[:COMPLETED]->(:Superbadge) } + COUNT { (m)-[:COMPLETED]->(:Module) } AS total,
  page
