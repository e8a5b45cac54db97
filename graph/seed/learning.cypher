// Bulk writes of the learning catalog, progress, companies, plans and credentials (graph/MODEL.md,
// "Learning and credentials"), in the style of seed.cypher: every statement takes `$rows`, CREATEs
// its nodes or relationships, turns epoch milliseconds into zoned datetimes and reports how many
// rows it wrote (relationships count only rows whose ends were all found). Counters are written as
// given; `seed_recount_learning_*` recompute them for test graphs.

// name: seed_companies
// Create companies from `$rows` of {id, slug, name, industry, country, size, employeeCount}; searchText is derived.
UNWIND $rows AS row
CREATE (c:Company {id: row.id})
SET c.slug = row.slug,
    c.name = row.name,
    c.industry = row.industry,
    c.country = row.country,
    c.size = row.size,
    c.employeeCount = coalesce(row.employeeCount, 0),
    c.searchText = toLower(row.name + ' ' + coalesce(row.industry, ''))
RETURN count(c) AS written

// name: seed_employments
// Make members work at companies, from `$rows` of {memberId, companyId, role (EMPLOYEE or ADMIN), since};
// employeeCount is not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (c:Company {id: row.companyId})
CREATE (m)-[:WORKS_AT {role: row.role, since: CASE WHEN row.since IS NULL THEN null ELSE datetime({epochMillis: row.since}) END}]->(c)
RETURN count(*) AS written

// name: seed_ranks
// Create the rank ladder from `$rows` of {id, name, position, minPoints, minBadges}.
UNWIND $rows AS row
CREATE (r:Rank {id: row.id})
SET r.name = row.name, r.position = row.position, r.minPoints = row.minPoints, r.minBadges = row.minBadges
RETURN count(r) AS written

// name: seed_releases
// Create releases from `$rows` of {id, name, releasedAt, maintenanceDeadline}.
UNWIND $rows AS row
CREATE (r:Release {id: row.id})
SET r.name = row.name,
    r.releasedAt = datetime({epochMillis: row.releasedAt}),
    r.maintenanceDeadline = datetime({epochMillis: row.maintenanceDeadline})
RETURN count(r) AS written

// name: seed_badges
// Create badges from `$rows` of {id, slug, title, description, kind, imageUrl, availableFrom,
// availableUntil (null unless LIMITED_EDITION)}; searchText is derived.
UNWIND $rows AS row
CREATE (b:Badge {id: row.id})
SET b.slug = row.slug,
    b.title = row.title,
    b.description = row.description,
    b.kind = row.kind,
    b.imageUrl = row.imageUrl,
    b.availableFrom = CASE WHEN row.availableFrom IS NULL THEN null ELSE datetime({epochMillis: row.availableFrom}) END,
    b.availableUntil = CASE WHEN row.availableUntil IS NULL THEN null ELSE datetime({epochMillis: row.availableUntil}) END,
    b.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
RETURN count(b) AS written

// name: seed_modules
// Create modules (and projects and maintenance modules) from `$rows` of {id, slug, title,
// description, kind, level, roles, estimatedMinutes, unitCount, points}; searchText is derived.
UNWIND $rows AS row
CREATE (m:Module {id: row.id})
SET m.slug = row.slug,
    m.title = row.title,
    m.description = row.description,
    m.kind = row.kind,
    m.level = row.level,
    m.roles = row.roles,
    m.estimatedMinutes = coalesce(row.estimatedMinutes, 0),
    m.unitCount = coalesce(row.unitCount, 0),
    m.points = coalesce(row.points, 0),
    m.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
RETURN count(m) AS written

// name: seed_units
// Create units from `$rows` of {id, moduleId, title, kind, position, points, estimatedMinutes}, each
// with HAS_UNIT from its module; the module's unitCount and points are not touched.
UNWIND $rows AS row
MATCH (m:Module {id: row.moduleId})
CREATE (u:Unit {id: row.id})
SET u.title = row.title,
    u.kind = row.kind,
    u.position = row.position,
    u.points = row.points,
    u.estimatedMinutes = row.estimatedMinutes
CREATE (m)-[:HAS_UNIT]->(u)
RETURN count(u) AS written

// name: seed_module_skills
// Say which skills modules teach, from `$rows` of {moduleId, skillId}.
UNWIND $rows AS row
MATCH (m:Module {id: row.moduleId})
MATCH (s:Skill {id: row.skillId})
CREATE (m)-[:TEACHES]->(s)
RETURN count(*) AS written

// name: seed_module_badges
// Say which badge a module awards, from `$rows` of {moduleId, badgeId}.
UNWIND $rows AS row
MATCH (m:Module {id: row.moduleId})
MATCH (b:Badge {id: row.badgeId})
CREATE (m)-[:AWARDS]->(b)
RETURN count(*) AS written

// name: seed_trails
// Create trails from `$rows` of {id, slug, title, description, level, roles, estimatedMinutes,
// moduleCount}; searchText is derived.
UNWIND $rows AS row
CREATE (t:Trail {id: row.id})
SET t.slug = row.slug,
    t.title = row.title,
    t.description = row.description,
    t.level = row.level,
    t.roles = row.roles,
    t.estimatedMinutes = coalesce(row.estimatedMinutes, 0),
    t.moduleCount = coalesce(row.moduleCount, 0),
    t.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
RETURN count(t) AS written

// name: seed_trail_modules
// Put modules on trails, from `$rows` of {trailId, moduleId, position (1-based)}.
UNWIND $rows AS row
MATCH (t:Trail {id: row.trailId})
MATCH (m:Module {id: row.moduleId})
CREATE (t)-[:INCLUDES {position: row.position}]->(m)
RETURN count(*) AS written

// name: seed_superbadges
// Create superbadges from `$rows` of {id, slug, title, description, level, roles, estimatedMinutes,
// points}; searchText is derived.
UNWIND $rows AS row
CREATE (s:Superbadge {id: row.id})
SET s.slug = row.slug,
    s.title = row.title,
    s.description = row.description,
    s.level = row.level,
    s.roles = row.roles,
    s.estimatedMinutes = coalesce(row.estimatedMinutes, 0),
    s.points = coalesce(row.points, 0),
    s.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
RETURN count(s) AS written

// name: seed_superbadge_modules
// Give superbadges their prerequisite modules, from `$rows` of {superbadgeId, moduleId}.
UNWIND $rows AS row
MATCH (s:Superbadge {id: row.superbadgeId})
MATCH (m:Module {id: row.moduleId})
CREATE (s)-[:REQUIRES]->(m)
RETURN count(*) AS written

// name: seed_superbadge_skills
// Say which skills superbadges teach, from `$rows` of {superbadgeId, skillId}.
UNWIND $rows AS row
MATCH (s:Superbadge {id: row.superbadgeId})
MATCH (k:Skill {id: row.skillId})
CREATE (s)-[:TEACHES]->(k)
RETURN count(*) AS written

// name: seed_superbadge_badges
// Say which badge a superbadge awards, from `$rows` of {superbadgeId, badgeId}.
UNWIND $rows AS row
MATCH (s:Superbadge {id: row.superbadgeId})
MATCH (b:Badge {id: row.badgeId})
CREATE (s)-[:AWARDS]->(b)
RETURN count(*) AS written

// name: seed_certifications
// Create certifications from `$rows` of {id, slug, title, description, role, level, examFeeUsd,
// requiresMaintenance}; searchText is derived.
UNWIND $rows AS row
CREATE (c:Certification {id: row.id})
SET c.slug = row.slug,
    c.title = row.title,
    c.description = row.description,
    c.role = row.role,
    c.level = row.level,
    c.examFeeUsd = row.examFeeUsd,
    c.requiresMaintenance = row.requiresMaintenance,
    c.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
RETURN count(c) AS written

// name: seed_certification_prerequisites
// Give certifications their prerequisite certifications, from `$rows` of {certificationId, requiredId}.
UNWIND $rows AS row
MATCH (c:Certification {id: row.certificationId})
MATCH (r:Certification {id: row.requiredId})
CREATE (c)-[:REQUIRES]->(r)
RETURN count(*) AS written

// name: seed_certification_skills
// Say which skills certifications attest, from `$rows` of {certificationId, skillId}.
UNWIND $rows AS row
MATCH (c:Certification {id: row.certificationId})
MATCH (s:Skill {id: row.skillId})
CREATE (c)-[:ATTESTS]->(s)
RETURN count(*) AS written

// name: seed_certification_recommendations
// List a certification's preparation, from `$rows` of {certificationId, targetId (a Module or a
// Superbadge), position}. Two indexed lookups per row: a label-free match on `id` would scan.
UNWIND $rows AS row
MATCH (c:Certification {id: row.certificationId})
OPTIONAL MATCH (m:Module {id: row.targetId})
OPTIONAL MATCH (s:Superbadge {id: row.targetId})
WITH c, row, coalesce(m, s) AS target
WHERE target IS NOT NULL
CREATE (c)-[:RECOMMENDS {position: row.position}]->(target)
RETURN count(*) AS written

// name: seed_maintenance
// Attach maintenance modules, from `$rows` of {moduleId, releaseId, certificationIds}: FOR_RELEASE to
// the release and MAINTAINS to each certification. A row counts as written only when the module,
// the release and every certification were found.
UNWIND $rows AS row
MATCH (m:Module {id: row.moduleId})
MATCH (r:Release {id: row.releaseId})
CREATE (m)-[:FOR_RELEASE]->(r)
WITH m, row
CALL (m, row) {
  UNWIND coalesce(row.certificationIds, []) AS certificationId
  MATCH (c:Certification {id: certificationId})
  CREATE (m)-[:MAINTAINS]->(c)
  RETURN count(c) AS maintained
}
RETURN count(CASE WHEN maintained = size(coalesce(row.certificationIds, [])) THEN 1 END) AS written

// name: seed_quests
// Create quests from `$rows` of {id, slug, title, description, month (YYYY-MM), minRank, maxRank,
// startsAt, endsAt}.
UNWIND $rows AS row
CREATE (q:Quest {id: row.id})
SET q.slug = row.slug,
    q.title = row.title,
    q.description = row.description,
    q.month = row.month,
    q.minRank = row.minRank,
    q.maxRank = row.maxRank,
    q.startsAt = datetime({epochMillis: row.startsAt}),
    q.endsAt = datetime({epochMillis: row.endsAt})
RETURN count(q) AS written

// name: seed_quest_requirements
// List what quests ask for, from `$rows` of {questId, targetId (a Module or a Superbadge)}.
UNWIND $rows AS row
MATCH (q:Quest {id: row.questId})
OPTIONAL MATCH (m:Module {id: row.targetId})
OPTIONAL MATCH (s:Superbadge {id: row.targetId})
WITH q, coalesce(m, s) AS target
WHERE target IS NOT NULL
CREATE (q)-[:REQUIRES]->(target)
RETURN count(*) AS written

// name: seed_quest_badges
// Say which badge a quest awards, from `$rows` of {questId, badgeId}.
UNWIND $rows AS row
MATCH (q:Quest {id: row.questId})
MATCH (b:Badge {id: row.badgeId})
CREATE (q)-[:AWARDS]->(b)
RETURN count(*) AS written

// name: seed_unit_completions
// Record unit completions, from `$rows` of {memberId, targetId (a Unit), at, points}. The writer splits
// completion rows by targetKind: one label per statement measured 1.6x faster than a lookup of each
// label per row (and 4x faster than a UNION subquery). Member counters are not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (u:Unit {id: row.targetId})
CREATE (m)-[:COMPLETED {at: datetime({epochMillis: row.at}), points: row.points}]->(u)
RETURN count(*) AS written

// name: seed_module_completions
// Record module completions, from `$rows` of {memberId, targetId (a Module), at, points (0)}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (d:Module {id: row.targetId})
CREATE (m)-[:COMPLETED {at: datetime({epochMillis: row.at}), points: row.points}]->(d)
RETURN count(*) AS written

// name: seed_superbadge_completions
// Record superbadge completions, from `$rows` of {memberId, targetId (a Superbadge), at, points}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (s:Superbadge {id: row.targetId})
CREATE (m)-[:COMPLETED {at: datetime({epochMillis: row.at}), points: row.points}]->(s)
RETURN count(*) AS written

// name: seed_quest_completions
// Record quest completions, from `$rows` of {memberId, targetId (a Quest), at, points (0)}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (q:Quest {id: row.targetId})
CREATE (m)-[:COMPLETED {at: datetime({epochMillis: row.at}), points: row.points}]->(q)
RETURN count(*) AS written

// name: seed_earned_badges
// Record earned badges, from `$rows` of {id (the assertion id), memberId, badgeId, at}; badgeCount is not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (b:Badge {id: row.badgeId})
CREATE (m)-[:EARNED {id: row.id, at: datetime({epochMillis: row.at})}]->(b)
RETURN count(*) AS written

// name: seed_rank_history
// Record promotions, from `$rows` of {memberId, rankId, at}; Member.rank is not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (r:Rank {id: row.rankId})
CREATE (m)-[:REACHED {at: datetime({epochMillis: row.at})}]->(r)
RETURN count(*) AS written

// name: seed_credentials
// Create credentials from `$rows` of {id, credentialId, memberId, certificationId, earnedAt,
// coveredThrough (defaults to earnedAt), issuedBy}, with HOLDS from the member and OF to the certification.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (c:Certification {id: row.certificationId})
CREATE (k:Credential {id: row.id})
SET k.credentialId = row.credentialId,
    k.earnedAt = datetime({epochMillis: row.earnedAt}),
    k.coveredThrough = datetime({epochMillis: coalesce(row.coveredThrough, row.earnedAt)}),
    k.issuedBy = row.issuedBy
CREATE (m)-[:HOLDS]->(k)
CREATE (k)-[:OF]->(c)
RETURN count(k) AS written

// name: seed_learning_plans
// Create learning plans from `$rows` of {id, companyId, title, dueAt, createdAt, assignedBy}, each
// with HAS_PLAN from its company.
UNWIND $rows AS row
MATCH (c:Company {id: row.companyId})
CREATE (p:LearningPlan {id: row.id})
SET p.title = row.title,
    p.dueAt = datetime({epochMillis: row.dueAt}),
    p.createdAt = datetime({epochMillis: row.createdAt}),
    p.assignedBy = row.assignedBy
CREATE (c)-[:HAS_PLAN]->(p)
RETURN count(p) AS written

// name: seed_plan_items
// Put trails and modules in learning plans, from `$rows` of {planId, targetId (a Trail or a Module), position}.
UNWIND $rows AS row
MATCH (p:LearningPlan {id: row.planId})
OPTIONAL MATCH (t:Trail {id: row.targetId})
OPTIONAL MATCH (m:Module {id: row.targetId})
WITH p, row, coalesce(t, m) AS target
WHERE target IS NOT NULL
CREATE (p)-[:INCLUDES {position: row.position}]->(target)
RETURN count(*) AS written

// name: seed_plan_assignments
// Assign learning plans, from `$rows` of {planId, memberId, at}; employment is not checked here.
UNWIND $rows AS row
MATCH (p:LearningPlan {id: row.planId})
MATCH (m:Member {id: row.memberId})
CREATE (p)-[:ASSIGNED_TO {at: datetime({epochMillis: row.at})}]->(m)
RETURN count(*) AS written

// name: seed_prize_draws
// Create prize draws from `$rows` of {id, month, seed, prizes, entryCount, entriesDigest, drawnAt, drawnBy}.
UNWIND $rows AS row
CREATE (d:PrizeDraw {id: row.id})
SET d.month = row.month,
    d.seed = row.seed,
    d.prizes = row.prizes,
    d.entryCount = coalesce(row.entryCount, 0),
    d.entriesDigest = row.entriesDigest,
    d.drawnAt = datetime({epochMillis: row.drawnAt}),
    d.drawnBy = row.drawnBy
RETURN count(d) AS written

// name: seed_prize_winners
// Record draw winners, from `$rows` of {month (the draw's), memberId, position, prize}: draws are
// matched on their unique, indexed month.
UNWIND $rows AS row
MATCH (d:PrizeDraw {month: row.month})
MATCH (m:Member {id: row.memberId})
CREATE (d)-[:WON {position: row.position, prize: row.prize}]->(m)
RETURN count(*) AS written

// name: seed_recount_learning_members
// Recompute every member's points (the sum of their COMPLETED points) and badgeCount (their EARNED).
MATCH (m:Member)
CALL (m) {
  OPTIONAL MATCH (m)-[c:COMPLETED]->()
  RETURN coalesce(sum(c.points), 0) AS points
}
SET m.points = points, m.badgeCount = COUNT { (m)-[:EARNED]->(:Badge) }
RETURN count(m) AS updated

// name: seed_recount_ranks
// Recompute every member's rank from their points and badgeCount: the highest rank position whose
// minPoints and minBadges both hold, 1 when the graph holds no ladder.
CALL () {
  MATCH (r:Rank)
  RETURN collect([r.position, r.minPoints, r.minBadges]) AS ladder
}
MATCH (m:Member)
SET m.rank = reduce(best = 1, step IN ladder |
  CASE WHEN step[1] <= m.points AND step[2] <= m.badgeCount AND step[0] > best THEN step[0] ELSE best END)
RETURN count(m) AS updated

// name: seed_recount_catalog
// Recompute every module's unitCount and points from its units, then every trail's moduleCount and
// estimatedMinutes from its modules, and every company's employeeCount.
CALL () {
  MATCH (m:Module)
  CALL (m) {
    OPTIONAL MATCH (m)-[:HAS_UNIT]->(u:Unit)
    RETURN count(u) AS units, coalesce(sum(u.points), 0) AS points
  }
  SET m.unitCount = units, m.points = points
  RETURN count(m) AS modules
}
CALL () {
  MATCH (t:Trail)
  CALL (t) {
    OPTIONAL MATCH (t)-[:INCLUDES]->(m:Module)
    RETURN count(m) AS included, coalesce(sum(m.estimatedMinutes), 0) AS minutes
  }
  SET t.moduleCount = included, t.estimatedMinutes = minutes
  RETURN count(t) AS trails
}
CALL () {
  MATCH (c:Company)
  SET c.employeeCount = COUNT { (c)<-[:WORKS_AT]-(:Member) }
  RETURN count(c) AS companies
}
RETURN modules + trails + companies AS updated

// name: seed_finished_modules
// Modules among `$ids` whose units member `$memberId` has all COMPLETED but that they have not
// COMPLETED themselves, with the badge each awards that the member has not EARNED yet (or null).
MATCH (m:Member {id: $memberId})
UNWIND $ids AS id
MATCH (mod:Module {id: id})
WHERE NOT EXISTS { (m)-[:COMPLETED]->(mod) }
  AND COUNT { (mod)-[:HAS_UNIT]->(:Unit) } > 0
  AND NOT EXISTS { (mod)-[:HAS_UNIT]->(u:Unit) WHERE NOT EXISTS { (m)-[:COMPLETED]->(u) } }
OPTIONAL MATCH (mod)-[:AWARDS]->(b:Badge)
WHERE NOT EXISTS { (m)-[:EARNED]->(b) }
RETURN mod.id AS moduleId, b.id AS badgeId

// name: seed_completed_targets
// Which of the nodes whose ids are `$ids` member `$memberId` has COMPLETED.
MATCH (:Member {id: $memberId})-[:COMPLETED]->(x)
WHERE x.id IN $ids
RETURN DISTINCT x.id AS id

// name: seed_learning_counts
// How many nodes and relationships of each learning kind the graph holds.
RETURN COUNT { MATCH (:Company) } AS companies,
       COUNT { MATCH (:Member)-[:WORKS_AT]->(:Company) } AS employments,
       COUNT { MATCH (:Rank) } AS ranks,
       COUNT { MATCH (:Release) } AS releases,
       COUNT { MATCH (:Badge) } AS badges,
       COUNT { MATCH (:Module) } AS modules,
       COUNT { MATCH (:Unit) } AS units,
       COUNT { MATCH (:Module)-[:TEACHES]->(:Skill) } AS module_skills,
       COUNT { MATCH (:Module)-[:AWARDS]->(:Badge) } AS module_badges,
       COUNT { MATCH (:Trail) } AS trails,
       COUNT { MATCH (:Trail)-[:INCLUDES]->(:Module) } AS trail_modules,
       COUNT { MATCH (:Superbadge) } AS superbadges,
       COUNT { MATCH (:Superbadge)-[:REQUIRES]->(:Module) } AS superbadge_modules,
       COUNT { MATCH (:Superbadge)-[:TEACHES]->(:Skill) } AS superbadge_skills,
       COUNT { MATCH (:Superbadge)-[:AWARDS]->(:Badge) } AS superbadge_badges,
       COUNT { MATCH (:Certification) } AS certifications,
       COUNT { MATCH (:Certification)-[:REQUIRES]->(:Certification) } AS certification_prerequisites,
       COUNT { MATCH (:Certification)-[:ATTESTS]->(:Skill) } AS certification_skills,
       COUNT { MATCH (:Certification)-[:RECOMMENDS]->() } AS certification_recommendations,
       COUNT { MATCH (:Module)-[:FOR_RELEASE]->(:Release) } AS maintenance,
       COUNT { MATCH (:Quest) } AS quests,
       COUNT { MATCH (:Quest)-[:REQUIRES]->() } AS quest_requirements,
       COUNT { MATCH (:Quest)-[:AWARDS]->(:Badge) } AS quest_badges,
       COUNT { MATCH (:Member)-[:COMPLETED]->() } AS completions,
       COUNT { MATCH (:Member)-[:EARNED]->(:Badge) } AS earned_badges,
       COUNT { MATCH (:Member)-[:REACHED]->(:Rank) } AS rank_history,
       COUNT { MATCH (:Credential) } AS credentials,
       COUNT { MATCH (:LearningPlan) } AS learning_plans,
       COUNT { MATCH (:LearningPlan)-[:INCLUDES]->() } AS plan_items,
       COUNT { MATCH (:LearningPlan)-[:ASSIGNED_TO]->(:Member) } AS plan_assignments,
       COUNT { MATCH (:PrizeDraw) } AS prize_draws,
       COUNT { MATCH (:PrizeDraw)-[:WON]->(:Member) } AS prize_winners

// name: seed_learning_mismatches
// How many records break an invariant of graph/MODEL.md's learning section (every count 0 when
// consistent): points (stored vs the COMPLETED ledger), badges (badgeCount vs EARNED), ranks (rank vs
// the ladder, 1 without one), learning ((member, module) pairs where the module is COMPLETED without
// all its units, or all units are done but the module is not COMPLETED or its badge not EARNED;
// superbadges COMPLETED before all their REQUIRES modules; members with a second COMPLETED of one
// target or EARNED of one badge; limited-edition badges EARNED outside their window), catalog (module
// unitCount/points, trail moduleCount/estimatedMinutes, units not in exactly one module), credentials
// (not exactly one holder and certification, or a member holding two of one certification),
// companies (employeeCount, members working at two companies). Completions are grouped per module
// and per superbadge (one small aggregation each), never per graph, so no row carries a long list.
CALL () {
  MATCH (m:Member)
  RETURN count(CASE WHEN m.points <> reduce(total = 0, p IN [(m)-[c:COMPLETED]->() | c.points] | total + p)
                 THEN 1 END) AS points,
         count(CASE WHEN m.badgeCount <> COUNT { (m)-[:EARNED]->(:Badge) } THEN 1 END) AS badges
}
CALL () {
  CALL () {
    MATCH (r:Rank)
    RETURN collect([r.position, r.minPoints, r.minBadges]) AS ladder
  }
  MATCH (m:Member)
  RETURN count(CASE WHEN m.rank <> reduce(best = 1, step IN ladder |
    CASE WHEN step[1] <= m.points AND step[2] <= m.badgeCount AND step[0] > best THEN step[0] ELSE best END)
    THEN 1 END) AS ranks
}
CALL () {
  MATCH (mod:Module)
  CALL (mod) {
    CALL (mod) {
      MATCH (mod)-[:HAS_UNIT]->(:Unit)<-[:COMPLETED]-(m:Member)
      RETURN m, 1 AS unit, 0 AS marked, 0 AS badge
      UNION ALL
      MATCH (mod)<-[:COMPLETED]-(m:Member)
      RETURN m, 0 AS unit, 1 AS marked, 0 AS badge
      UNION ALL
      MATCH (mod)-[:AWARDS]->(:Badge)<-[:EARNED]-(m:Member)
      RETURN m, 0 AS unit, 0 AS marked, 1 AS badge
    }
    WITH mod, m, sum(unit) AS done, sum(marked) AS marks, sum(badge) AS earned
    WITH done, marks, earned, COUNT { (mod)-[:HAS_UNIT]->(:Unit) } AS units,
         EXISTS { (mod)-[:AWARDS]->(:Badge) } AS awards
    RETURN count(CASE WHEN (marks > 0 AND done < units)
                        OR (done >= units AND (marks = 0 OR (awards AND earned = 0))) THEN 1 END) AS off
  }
  RETURN sum(off) AS modulesOff
}
CALL () {
  MATCH (s:Superbadge)
  CALL (s) {
    CALL (s) {
      MATCH (s)<-[:COMPLETED]-(m:Member)
      RETURN m, 1 AS marked, 0 AS prerequisite
      UNION ALL
      MATCH (s)-[:REQUIRES]->(:Module)<-[:COMPLETED]-(m:Member)
      RETURN m, 0 AS marked, 1 AS prerequisite
    }
    WITH s, m, sum(marked) AS marks, sum(prerequisite) AS prerequisites
    RETURN count(CASE WHEN marks > 0 AND prerequisites < COUNT { (s)-[:REQUIRES]->(:Module) } THEN 1 END) AS early
  }
  RETURN sum(early) AS superbadgesEarly
}
CALL () {
  MATCH (m:Member)
  WHERE EXISTS { (m)-[:COMPLETED]->() } OR EXISTS { (m)-[:EARNED]->(:Badge) }
  CALL (m) {
    MATCH (m)-[:COMPLETED]->(x)
    RETURN count(x) - count(DISTINCT x) AS completedTwice
  }
  CALL (m) {
    MATCH (m)-[:EARNED]->(b:Badge)
    RETURN count(b) - count(DISTINCT b) AS earnedTwice
  }
  RETURN count(CASE WHEN completedTwice > 0 OR earnedTwice > 0 THEN 1 END) AS duplicates
}
CALL () {
  MATCH (b:Badge)<-[e:EARNED]-(:Member)
  WHERE b.availableFrom IS NOT NULL OR b.availableUntil IS NOT NULL
  RETURN count(CASE WHEN e.at < b.availableFrom OR e.at > b.availableUntil THEN 1 END) AS outOfWindow
}
CALL () {
  MATCH (m:Module)
  CALL (m) {
    OPTIONAL MATCH (m)-[:HAS_UNIT]->(u:Unit)
    RETURN count(u) AS units, coalesce(sum(u.points), 0) AS points
  }
  RETURN count(CASE WHEN m.unitCount <> units OR m.points <> points THEN 1 END) AS moduleCounters
}
CALL () {
  MATCH (t:Trail)
  CALL (t) {
    OPTIONAL MATCH (t)-[:INCLUDES]->(m:Module)
    RETURN count(m) AS included, coalesce(sum(m.estimatedMinutes), 0) AS minutes
  }
  RETURN count(CASE WHEN t.moduleCount <> included OR t.estimatedMinutes <> minutes THEN 1 END) AS trailsOff
}
CALL () {
  MATCH (u:Unit)
  RETURN count(CASE WHEN COUNT { (u)<-[:HAS_UNIT]-(:Module) } <> 1 THEN 1 END) AS strayUnits
}
CALL () {
  MATCH (k:Credential)
  RETURN count(CASE WHEN COUNT { (k)<-[:HOLDS]-(:Member) } <> 1 OR COUNT { (k)-[:OF]->(:Certification) } <> 1
                 THEN 1 END) AS credentialsOff
}
CALL () {
  MATCH (m:Member)
  WHERE EXISTS { (m)-[:HOLDS]->(:Credential) }
  CALL (m) {
    MATCH (m)-[:HOLDS]->(:Credential)-[:OF]->(c:Certification)
    RETURN count(c) - count(DISTINCT c) AS twice
  }
  RETURN count(CASE WHEN twice > 0 THEN 1 END) AS heldTwice
}
CALL () {
  MATCH (c:Company)
  RETURN count(CASE WHEN c.employeeCount <> COUNT { (c)<-[:WORKS_AT]-(:Member) } THEN 1 END) AS companiesOff
}
CALL () {
  MATCH (m:Member)
  WHERE COUNT { (m)-[:WORKS_AT]->(:Company) } > 1
  RETURN count(m) AS twoEmployers
}
RETURN points, badges, ranks, modulesOff + superbadgesEarly + duplicates + outOfWindow AS learning,
       moduleCounters + trailsOff + strayUnits AS catalog, credentialsOff + heldTwice AS credentials,
       companiesOff + twoEmployers AS companies
