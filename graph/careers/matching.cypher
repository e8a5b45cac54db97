// Job matching (graph/MODEL.md, "Careers"): the postings worth scoring for a member, the opted-in
// members worth scoring for a posting, and what a skill-gap path to a posting can be made of.
// Scoring itself happens in resolvers/careers/scoring.py; these reads fetch only what it needs.

// name: matching_job_candidates
// The OPEN postings (stored status OPEN and `closesAt` not passed at `$now`, epoch millis) worth
// scoring for member `$memberId`: those REQUIRING a skill the member holds (any level) or a
// certification they hold a credential of (any status: an expired one is reported as such),
// plus postings that require nothing. Postings asking only for things the member has none of
// are not candidates. Optional filters, each ignored when null: `$country`, `$remote` (true:
// REMOTE postings only; false: ON_SITE and HYBRID only), `$seniority` (a list), `$companyId`,
// `$search` (lower-cased words in the posting's searchText). One row of parallel lists, cheap
// to ship however many postings match: `ids` with, for each, `promises` (how many of its
// requirements the member has something for, a REQUIRED one counting twice) and `posted`
// (postedAt, epoch millis); then `open` and `openPosted`, the postings that require nothing.
// The resolver picks which to score (`matching_jobs_for_scoring`).
MATCH (m:Member {id: $memberId})
CALL (m) {
  MATCH (m)-[:HAS_SKILL]->(:Skill)<-[r:REQUIRES]-(j:JobPosting)
  WHERE j.status = 'OPEN'
  RETURN j, CASE r.necessity WHEN 'REQUIRED' THEN 2 ELSE 1 END AS worth
  UNION ALL
  MATCH (m)-[:HOLDS]->(:Credential)-[:OF]->(:Certification)<-[r:REQUIRES]-(j:JobPosting)
  WHERE j.status = 'OPEN'
  RETURN j, CASE r.necessity WHEN 'REQUIRED' THEN 2 ELSE 1 END AS worth
}
WITH j, sum(worth) AS promise
WHERE (j.closesAt IS NULL OR j.closesAt > datetime({epochMillis: $now}))
  AND ($country IS NULL OR j.country = $country)
  AND ($remote IS NULL OR (j.workplace = 'REMOTE') = $remote)
  AND ($seniority IS NULL OR j.seniority IN $seniority)
  AND ($companyId IS NULL OR EXISTS { (j)<-[:POSTED]-(c:Company) WHERE c.id = $companyId })
  AND ($search IS NULL OR j.searchText CONTAINS $search)
WITH collect(j.id) AS ids, collect(promise) AS promises, collect(j.postedAt.epochMillis) AS posted
CALL () {
  MATCH (j:JobPosting)
  WHERE j.status = 'OPEN' AND NOT EXISTS { (j)-[:REQUIRES]->() }
    AND (j.closesAt IS NULL OR j.closesAt > datetime({epochMillis: $now}))
    AND ($country IS NULL OR j.country = $country)
    AND ($remote IS NULL OR (j.workplace = 'REMOTE') = $remote)
    AND ($seniority IS NULL OR j.seniority IN $seniority)
    AND ($companyId IS NULL OR EXISTS { (j)<-[:POSTED]-(c:Company) WHERE c.id = $companyId })
    AND ($search IS NULL OR j.searchText CONTAINS $search)
  RETURN collect(j.id) AS open, collect(j.postedAt.epochMillis) AS openPosted
}
RETURN ids, promises, posted, open, openPosted

// name: matching_jobs_for_scoring
// Postings `$ids` with what the scoring model reads and nothing more, as lists (the engine ships
// lists faster than maps; the repository names their items): [id, workplace, latitude,
// longitude, country, seniority, minRank, requirements], each requirement [target id, whether
// it is a Skill, its name or title, minLevel, weight, necessity].
UNWIND $ids AS id
MATCH (j:JobPosting {id: id})
RETURN collect([j.id, j.workplace, j.latitude, j.longitude, j.country, j.seniority, j.minRank,
                [(j)-[r:REQUIRES]->(x) | [x.id, x:Skill, coalesce(x.name, x.title), r.minLevel, r.weight, r.necessity]]])
       AS jobs

// name: matching_member_candidates
// The members worth scoring for posting `$jobId`: those who opted in (`searchable`, filtered
// here, before anything is counted) and hold at least one of the skills it REQUIRES (any level)
// or a credential of one of its certifications (any status). One row of parallel lists, cheap to
// ship however many members match: `ids` with, for each, `promises` (how many of its
// requirements the member has something for, a REQUIRED one counting twice) and `ranks`. The
// resolver picks which to score (`matching_members_for_scoring`).
MATCH (j:JobPosting {id: $jobId})
CALL (j) {
  MATCH (j)-[r:REQUIRES]->(:Skill)<-[:HAS_SKILL]-(m:Member)
  RETURN m, CASE r.necessity WHEN 'REQUIRED' THEN 2 ELSE 1 END AS worth
  UNION ALL
  MATCH (j)-[r:REQUIRES]->(:Certification)<-[:OF]-(:Credential)<-[:HOLDS]-(m:Member)
  RETURN m, CASE r.necessity WHEN 'REQUIRED' THEN 2 ELSE 1 END AS worth
}
WITH m, sum(worth) AS promise
WHERE EXISTS { (m)-[:PREFERS]->(p:CareerPreferences) WHERE p.searchable = true }
RETURN collect(m.id) AS ids, collect(promise) AS promises, collect(coalesce(m.rank, 0)) AS ranks

// name: matching_members_for_scoring
// Members `$ids` who opted in (checked again: `searchable`) with what the scoring model reads, as
// lists (the repository names their items): [id, rank, latitude, longitude, country, remote,
// seniority, skills, credentials], only the skills ([id, level]) and credentials ([certification
// id, coveredThrough, requiresMaintenance]) posting `$jobId` asks about.
MATCH (j:JobPosting {id: $jobId})
WITH [(j)-[:REQUIRES]->(x) | x.id] AS targetIds
UNWIND $ids AS id
MATCH (m:Member {id: id})-[:PREFERS]->(p:CareerPreferences)
WHERE p.searchable = true
RETURN collect([m.id, coalesce(m.rank, 0), m.latitude, m.longitude, m.country, p.remote, p.seniority,
                [(m)-[h:HAS_SKILL]->(s:Skill) WHERE s.id IN targetIds | [s.id, h.level]],
                [(m)-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification) WHERE c.id IN targetIds |
                  [c.id, k.coveredThrough, c.requiresMaintenance]]]) AS members

// name: matching_readiness_candidates
// What a skill-gap path to a posting can be made of, and what member `$memberId` already did
// of it, in one row. `$certifications`: the posting's certifications the member does not hold
// in good standing; `$skills`: the skills they lack at the level asked. Returns the
// certifications and their prerequisites transitively (each with the ids it requires), the
// modules and superbadges each certification's exam guide RECOMMENDS (with `position`), up to
// 25 teachers per skill (modules that are not maintenance modules, shortest first, then
// superbadges, shortest first), the modules every such superbadge REQUIRES, the ids among all
// of these the member COMPLETED, and the skills of `$skills` they learned by completing
// something that TEACHES it. Item rows carry `teaches` (the ids of `$skills` they teach) and
// `badgeId`. No row when the member does not exist.
MATCH (m:Member {id: $memberId})
CALL () {
  UNWIND coalesce($certifications, []) AS id
  MATCH (:Certification {id: id})-[:REQUIRES*0..6]->(p:Certification)
  WITH DISTINCT p
  RETURN collect({certification: properties(p), requires: [(p)-[:REQUIRES]->(q:Certification) | q.id]})
         AS certifications
}
CALL () {
  UNWIND coalesce($certifications, []) AS id
  MATCH (:Certification {id: id})-[r:RECOMMENDS]->(x)
  WHERE x:Module OR x:Superbadge
  RETURN collect({certificationId: id, position: r.position,
                  kind: CASE WHEN x:Superbadge THEN 'SUPERBADGE' ELSE 'MODULE' END, item: properties(x),
                  badgeId: [(x)-[:AWARDS]->(b:Badge) | b.id][0],
                  teaches: [(x)-[:TEACHES]->(t:Skill) WHERE t.id IN $skills | t.id]}) AS recommended
}
CALL () {
  UNWIND coalesce($skills, []) AS id
  MATCH (s:Skill {id: id})
  CALL (s) {
    MATCH (s)<-[:TEACHES]-(y)
    WHERE (y:Module AND y.kind <> 'MAINTENANCE') OR y:Superbadge
    WITH y
    ORDER BY CASE WHEN y:Superbadge THEN 1 ELSE 0 END, y.estimatedMinutes, y.title, y.id
    LIMIT 25
    RETURN collect(y) AS found
  }
  UNWIND found AS y
  RETURN collect({skillId: id, kind: CASE WHEN y:Superbadge THEN 'SUPERBADGE' ELSE 'MODULE' END,
                  item: properties(y), badgeId: [(y)-[:AWARDS]->(b:Badge) | b.id][0],
                  teaches: [(y)-[:TEACHES]->(t:Skill) WHERE t.id IN $skills | t.id]}) AS teachers
}
WITH m, certifications, recommended, teachers,
     [e IN recommended WHERE e.kind = 'SUPERBADGE' | e.item.id] + [e IN teachers WHERE e.kind = 'SUPERBADGE' | e.item.id]
       AS superbadgeIds
CALL (superbadgeIds) {
  UNWIND superbadgeIds AS id
  WITH DISTINCT id
  MATCH (:Superbadge {id: id})-[:REQUIRES]->(y:Module)
  RETURN collect({superbadgeId: id, item: properties(y), badgeId: [(y)-[:AWARDS]->(b:Badge) | b.id][0],
                  teaches: [(y)-[:TEACHES]->(t:Skill) WHERE t.id IN $skills | t.id]}) AS unlocks
}
WITH m, certifications, recommended, teachers, unlocks,
     [e IN recommended | e.item.id] + [e IN teachers | e.item.id] + [e IN unlocks | e.item.id] AS itemIds
RETURN certifications, recommended, teachers, unlocks,
       [(m)-[:COMPLETED]->(x) WHERE x.id IN itemIds | x.id] AS completed,
       [(m)-[:COMPLETED]->(x)-[:TEACHES]->(s:Skill) WHERE s.id IN $skills | s.id] AS learnedSkills
