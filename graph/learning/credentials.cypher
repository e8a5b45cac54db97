// Credentials (graph/MODEL.md, "Companies, learning plans and credentials"): who HOLDS which
// certification, recording one, maintaining it release after release, verifying it by its public
// code, and what a member still lacks before a certification's exam. A credential's status is
// never stored: the resolvers compute it from `coveredThrough` and the release calendar.
// Credential rows are the node's properties plus `memberId` (the holder) and `certificationId`.

// name: credentials_by_ids
// Credentials by application id, with their certification and their holder (to prime lookups).
UNWIND $ids AS id
MATCH (m:Member)-[:HOLDS]->(k:Credential {id: id})-[:OF]->(c:Certification)
RETURN id, k {.*, memberId: m.id, certificationId: c.id} AS credential, c {.*} AS certification,
       m {.*} AS holder

// name: credential_by_code
// The credential whose public verification code is `$credentialId`, with its certification and
// holder; no row for an unknown code.
MATCH (k:Credential {credentialId: $credentialId})
MATCH (m:Member)-[:HOLDS]->(k)-[:OF]->(c:Certification)
RETURN k {.*, memberId: m.id, certificationId: c.id} AS credential, c {.*} AS certification, m {.*} AS holder

// name: credentials_of_members
// Every credential each member holds (one per certification, so a few dozen at most), newest
// first, with its certification: one row per member and credential.
UNWIND $ids AS id
MATCH (m:Member {id: id})-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification)
RETURN id, k {.*, memberId: m.id, certificationId: c.id} AS credential, c {.*} AS certification
ORDER BY id, k.earnedAt DESC, c.title, k.id

// name: credential_record_state
// Take member `$memberId`'s write lock (a no-op SET, as the progress writes do) and read what
// recording certification `$certificationId` for them depends on: the certification, the
// credential they already hold of it (null if none), the credentials they hold of its direct
// prerequisites (with the prerequisite certifications), the certifications it requires, and
// whether verification code `$credentialId` is taken. No row when the member does not exist;
// `certification` is null when the certification does not.
MATCH (m:Member {id: $memberId})
SET m.points = coalesce(m.points, 0)
WITH m
OPTIONAL MATCH (c:Certification {id: $certificationId})
OPTIONAL MATCH (m)-[:HOLDS]->(held:Credential)-[:OF]->(c)
CALL (c) {
  OPTIONAL MATCH (c)-[:REQUIRES]->(p:Certification)
  WITH p ORDER BY p.title
  RETURN collect(properties(p)) AS prerequisites
}
WITH m, c, held, prerequisites, [p IN prerequisites | p.id] AS prerequisiteIds
RETURN c {.*} AS certification,
       held {.*, memberId: m.id, certificationId: c.id} AS held,
       prerequisites,
       [(m)-[:HOLDS]->(k:Credential)-[:OF]->(p:Certification) WHERE p.id IN prerequisiteIds |
         {credential: properties(k), certificationId: p.id}] AS prerequisiteCredentials,
       EXISTS { MATCH (x:Credential) WHERE x.credentialId = $credentialId } AS codeTaken

// name: credential_create
// Member `$memberId` HOLDS a new credential `$id` OF certification `$certificationId`, with public
// code `$credentialId`, earned (and covered through) `$earnedAt` (epoch millis), issued by member
// `$issuedBy`; only when they hold none of that certification. `$id` is derived from the member and
// the certification, so two concurrent records of the same pair clash on the id's unique
// constraint and one of them fails. No row when nothing was created.
MATCH (m:Member {id: $memberId})
MATCH (c:Certification {id: $certificationId})
WHERE NOT EXISTS { (m)-[:HOLDS]->(:Credential)-[:OF]->(c) }
CREATE (k:Credential {id: $id})
SET k.credentialId = $credentialId,
    k.earnedAt = datetime({epochMillis: $earnedAt}),
    k.coveredThrough = datetime({epochMillis: $earnedAt}),
    k.issuedBy = $issuedBy
CREATE (m)-[:HOLDS]->(k)
CREATE (k)-[:OF]->(c)
RETURN k {.*, memberId: m.id, certificationId: c.id} AS credential

// name: credential_renew
// Renew expired credential `$id`: a new public code `$credentialId`, earned (and covered through)
// `$earnedAt`, issued by `$issuedBy`. Guarded on the code it had when it was read
// (`$previousCredentialId`), so of two concurrent renewals only one applies. No row otherwise.
MATCH (m:Member)-[:HOLDS]->(k:Credential {id: $id})-[:OF]->(c:Certification)
WHERE k.credentialId = $previousCredentialId
SET k.credentialId = $credentialId,
    k.earnedAt = datetime({epochMillis: $earnedAt}),
    k.coveredThrough = datetime({epochMillis: $earnedAt}),
    k.issuedBy = $issuedBy
RETURN k {.*, memberId: m.id, certificationId: c.id} AS credential

// name: credential_maintenance_state
// Take member `$memberId`'s write lock (a no-op SET of its counters, as the progress writes do)
// and read what completing maintenance module `$moduleId` depends on: the module, its release,
// and the credentials the member holds of the certifications it MAINTAINS (each with its
// certification). No row when the member does not exist; `module` is null when the module does not.
MATCH (m:Member {id: $memberId})
SET m.points = coalesce(m.points, 0), m.badgeCount = coalesce(m.badgeCount, 0), m.rank = coalesce(m.rank, 1)
WITH m
OPTIONAL MATCH (x:Module {id: $moduleId})
OPTIONAL MATCH (x)-[:FOR_RELEASE]->(r:Release)
WITH m, x, r, [(x)-[:MAINTAINS]->(c:Certification) | c.id] AS maintainedIds
RETURN x {.*} AS module, r {.*} AS release,
       [(m)-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification) WHERE c.id IN maintainedIds |
         {credential: properties(k), certification: properties(c)}] AS held

// name: credential_cover_release
// Move each credential of `$rows` ({id, coveredThrough: epoch millis}) forward to that release:
// only when it is covered through an earlier time (never backwards, never twice). Run under the
// holder's lock. One row per credential moved.
UNWIND $rows AS row
MATCH (m:Member)-[:HOLDS]->(k:Credential {id: row.id})-[:OF]->(c:Certification)
WHERE k.coveredThrough < datetime({epochMillis: row.coveredThrough})
SET k.coveredThrough = datetime({epochMillis: row.coveredThrough})
RETURN k {.*, memberId: m.id, certificationId: c.id} AS credential

// name: credential_complete_module
// Member `$memberId` COMPLETED, at `$at`, every unit of module `$moduleId` they had not completed
// (each with the unit's points, added to their points), then the module itself (0 points) if not
// yet. Run under the member's lock, so a retried or concurrent request finds the completions and
// awards nothing twice. Returns the points gained and the member's points, badgeCount and rank.
MATCH (m:Member {id: $memberId})
MATCH (x:Module {id: $moduleId})
CALL (m, x) {
  MATCH (x)-[:HAS_UNIT]->(u:Unit)
  WHERE NOT EXISTS { (m)-[:COMPLETED]->(u) }
  CREATE (m)-[c:COMPLETED {at: datetime({epochMillis: $at}), points: u.points}]->(u)
  RETURN coalesce(sum(c.points), 0) AS gained
}
CALL (m, x) {
  WITH m, x
  WHERE NOT EXISTS { (m)-[:COMPLETED]->(x) } AND EXISTS { (x)-[:HAS_UNIT]->(:Unit) }
  CREATE (m)-[:COMPLETED {at: datetime({epochMillis: $at}), points: 0}]->(x)
  RETURN count(*) AS modules
}
SET m.points = m.points + gained
RETURN gained, modules, m.points AS points, m.badgeCount AS badgeCount, m.rank AS rank

// name: credential_path_candidates
// Everything certification `$certificationId` asks of a candidate, in one row: the certification;
// the ids of the certifications it requires, by title, and its prerequisite certifications
// transitively, by title (each with the ids it requires in turn); the
// modules and superbadges its exam guide RECOMMENDS, in order; the modules each recommended
// superbadge REQUIRES; the skills it ATTESTS; and, for each attested skill, up to 25 modules
// teaching it (no maintenance modules), best first: the certification's role, then the
// shortest, then by title. Item rows carry `teaches`, the attested skills they teach, and
// `badgeId`. No row for an unknown certification.
MATCH (c:Certification {id: $certificationId})
CALL (c) {
  OPTIONAL MATCH (c)-[:ATTESTS]->(s:Skill)
  WITH s ORDER BY s.name, s.id
  RETURN collect(properties(s)) AS skills, collect(s.id) AS skillIds
}
CALL (c) {
  OPTIONAL MATCH (c)-[:REQUIRES*1..6]->(p:Certification)
  WITH DISTINCT p
  WHERE p IS NOT NULL
  WITH p ORDER BY p.title, p.id
  RETURN collect({certification: properties(p), requires: [(p)-[:REQUIRES]->(q:Certification) | q.id]})
         AS prerequisites
}
CALL (c) {
  OPTIONAL MATCH (c)-[:REQUIRES]->(p:Certification)
  WITH p ORDER BY p.title, p.id
  RETURN collect(p.id) AS requires
}
CALL (c, skillIds) {
  OPTIONAL MATCH (c)-[r:RECOMMENDS]->(x)
  WHERE x:Module OR x:Superbadge
  OPTIONAL MATCH (x)-[:AWARDS]->(b:Badge)
  WITH skillIds, r, x, b
  WHERE x IS NOT NULL
  ORDER BY r.position
  RETURN collect({kind: CASE WHEN x:Superbadge THEN 'SUPERBADGE' ELSE 'MODULE' END, item: properties(x),
                  badgeId: b.id, teaches: [(x)-[:TEACHES]->(t:Skill) WHERE t.id IN skillIds | t.id]})
         AS recommended
}
CALL (c, skillIds) {
  OPTIONAL MATCH (c)-[:RECOMMENDS]->(x:Superbadge)-[:REQUIRES]->(y:Module)
  OPTIONAL MATCH (y)-[:AWARDS]->(b:Badge)
  WITH skillIds, x, y, b
  WHERE y IS NOT NULL
  ORDER BY y.title, y.id
  RETURN collect({superbadgeId: x.id, item: properties(y), badgeId: b.id,
                  teaches: [(y)-[:TEACHES]->(t:Skill) WHERE t.id IN skillIds | t.id]}) AS unlocks
}
CALL (c, skillIds) {
  OPTIONAL MATCH (c)-[:ATTESTS]->(s:Skill)
  CALL (c, s) {
    OPTIONAL MATCH (s)<-[:TEACHES]-(y:Module)
    WHERE y.kind <> 'MAINTENANCE'
    WITH c, y
    WHERE y IS NOT NULL
    ORDER BY CASE WHEN c.role IN y.roles THEN 0 ELSE 1 END, y.estimatedMinutes, y.title, y.id
    LIMIT 25
    RETURN y
  }
  OPTIONAL MATCH (y)-[:AWARDS]->(b:Badge)
  WITH skillIds, s, y, b
  WHERE y IS NOT NULL
  RETURN collect({skillId: s.id, item: properties(y), badgeId: b.id,
                  teaches: [(y)-[:TEACHES]->(t:Skill) WHERE t.id IN skillIds | t.id]}) AS teachers
}
RETURN c {.*} AS certification, skills, requires, prerequisites, recommended, unlocks, teachers

// name: credential_path_progress
// What member `$memberId` has done among a path's candidates: which of the items `$ids` they
// COMPLETED, which of the skills `$skills` they hold (HAS_SKILL) or learned (they COMPLETED a
// module or superbadge teaching it), and every credential they hold, with its certification's id.
// No row when the member does not exist.
MATCH (m:Member {id: $memberId})
RETURN [(m)-[:COMPLETED]->(x) WHERE x.id IN $ids | x.id] AS completed,
       [(m)-[:HAS_SKILL]->(s:Skill) WHERE s.id IN $skills | s.id] AS heldSkills,
       [(m)-[:COMPLETED]->(x)-[:TEACHES]->(s:Skill) WHERE s.id IN $skills | s.id] AS learnedSkills,
       [(m)-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification) |
         {credential: properties(k), certificationId: c.id}] AS credentials
