// Reads every careers area shares: postings and their requirements, the companies a member
// recruits for, and what a member brings to a match (graph/MODEL.md, "Careers").

// name: careers_jobs_by_ids
// Postings by id, each with its company's id and name. Written from the posting: the engine
// follows a pattern from its leftmost node, and from Company it scanned every company's postings.
UNWIND $ids AS id
MATCH (j:JobPosting {id: id})
MATCH (c:Company)-[:POSTED]->(j)
RETURN id, j {.*} AS job, c.id AS companyId, c.name AS companyName

// name: careers_job_requirements
// The requirements of postings: kind SKILL or CERTIFICATION, the target's id and name, and the
// relationship's minLevel, weight (skills only) and necessity; REQUIRED first, then by name.
UNWIND $ids AS id
MATCH (j:JobPosting {id: id})-[r:REQUIRES]->(x)
WITH id, r, x, CASE WHEN x:Skill THEN 'SKILL' ELSE 'CERTIFICATION' END AS kind
RETURN id, kind, x.id AS targetId, coalesce(x.name, x.title) AS name, r.minLevel AS minLevel, r.weight AS weight,
       r.necessity AS necessity
ORDER BY id, r.necessity DESC, name

// name: careers_recruiter_companies
// The companies a member recruits for, by name.
MATCH (:Member {id: $memberId})-[:RECRUITS_FOR]->(c:Company)
RETURN c.id AS id
ORDER BY c.name, c.id

// name: careers_candidate_profiles
// What members bring to a match: rank, place, career preferences (searchable is false without
// any), skill levels, credentials with what their status needs, and their unit and module
// completions since `$activeSince` (epoch millis), the recent-activity signal.
UNWIND $ids AS id
MATCH (m:Member {id: id})
OPTIONAL MATCH (m)-[:PREFERS]->(p:CareerPreferences)
RETURN id, coalesce(m.rank, 0) AS rank, m.latitude AS latitude, m.longitude AS longitude, m.country AS country,
       coalesce(p.searchable, false) AS searchable, p.remote AS remote, p.seniority AS seniority,
       [(m)-[h:HAS_SKILL]->(s:Skill) | {id: s.id, level: h.level}] AS skills,
       [(m)-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification) |
         {id: c.id, coveredThrough: k.coveredThrough, requiresMaintenance: c.requiresMaintenance}] AS credentials,
       COUNT { (m)-[d:COMPLETED]->() WHERE d.at >= datetime({epochMillis: $activeSince}) } AS recentActivity
