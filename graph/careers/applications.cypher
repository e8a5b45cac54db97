// Applications and reported career outcomes (graph/MODEL.md, "Careers"). One application per member
// and posting: `Application.key` is unique (`<member id>:<job id>`) and the posting's
// applicationCount moves in the same transaction as the application is created.

// name: applications_by_ids
// Applications by id, each with its applicant's, posting's and company's ids.
UNWIND $ids AS id
MATCH (m:Member)-[:SUBMITTED]->(a:Application {id: id})-[:FOR]->(j:JobPosting)<-[:POSTED]-(c:Company)
RETURN id, a {.*} AS application, m.id AS memberId, j.id AS jobId, c.id AS companyId

// name: applications_of_members
// A page of each member's applications (only `$status` when given), newest first, with each list's
// total; each row carries its posting (with companyId and companyName) so the job costs no lookup.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:SUBMITTED]->(a:Application)-[:FOR]->(j:JobPosting)<-[:POSTED]-(c:Company)
  WHERE $status IS NULL OR a.status = $status
  WITH a, j, c
  ORDER BY
    CASE WHEN $fromEnd THEN a.appliedAt END ASC,
    CASE WHEN $fromEnd THEN a.id END DESC,
    a.appliedAt DESC,
    a.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({application: properties(a), job: properties(j), jobId: j.id, companyId: c.id,
                  companyName: c.name}) AS page
}
RETURN id, COUNT { MATCH (m)-[:SUBMITTED]->(a:Application) WHERE $status IS NULL OR a.status = $status } AS total,
       page

// name: applications_of_jobs
// A page of each posting's applications (only `$status` when given), newest first, with each
// list's total; each row carries its applicant's Member properties (recruiters see applicants
// whatever their profile visibility: they applied). `$fromEnd` as in applications_of_members.
UNWIND $ids AS id
MATCH (c:Company)-[:POSTED]->(j:JobPosting {id: id})
CALL (j) {
  MATCH (m:Member)-[:SUBMITTED]->(a:Application)-[:FOR]->(j)
  WHERE $status IS NULL OR a.status = $status
  WITH a, m
  ORDER BY
    CASE WHEN $fromEnd THEN a.appliedAt END ASC,
    CASE WHEN $fromEnd THEN a.id END DESC,
    a.appliedAt DESC,
    a.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({application: properties(a), member: properties(m)}) AS page
}
RETURN id, c.id AS companyId,
       COUNT { MATCH (a:Application)-[:FOR]->(j) WHERE $status IS NULL OR a.status = $status } AS total, page

// name: applications_of_member_for_jobs
// The member's own application to each posting, if any (found through the unique key).
UNWIND $ids AS id
MATCH (a:Application {key: $memberId + ':' + id})-[:FOR]->(j:JobPosting {id: id})<-[:POSTED]-(c:Company)
RETURN id, a {.*} AS application, $memberId AS memberId, j.id AS jobId, c.id AS companyId

// name: applications_create
// Apply: create the application and count it on the posting, only while the posting is OPEN and
// its closesAt has not passed and the member has not applied yet (the unique key backs this guard
// when two transactions race). No row when refused: applications_apply_state says why.
MATCH (c:Company)-[:POSTED]->(j:JobPosting {id: $jobId})
WHERE j.status = 'OPEN' AND (j.closesAt IS NULL OR j.closesAt > datetime())
  AND NOT EXISTS { MATCH (:Application {key: $memberId + ':' + $jobId}) }
MATCH (m:Member {id: $memberId})
WITH c, j, m, datetime() AS now
SET j.applicationCount = j.applicationCount + 1
CREATE (a:Application {id: $id, key: $memberId + ':' + $jobId, status: 'APPLIED', coverNote: $coverNote,
                       appliedAt: now, updatedAt: now})
CREATE (m)-[:SUBMITTED]->(a)
CREATE (a)-[:FOR]->(j)
RETURN a {.*} AS application, m.id AS memberId, j.id AS jobId, c.id AS companyId

// name: applications_apply_state
// Why applications_create wrote nothing: whether the posting exists and is open, whether the member
// exists, and the id of their existing application to it.
OPTIONAL MATCH (j:JobPosting {id: $jobId})
OPTIONAL MATCH (m:Member {id: $memberId})
OPTIONAL MATCH (a:Application {key: $memberId + ':' + $jobId})
RETURN j IS NOT NULL AS jobExists,
       coalesce(j.status = 'OPEN' AND (j.closesAt IS NULL OR j.closesAt > datetime()), false) AS open,
       m IS NOT NULL AS memberExists, a.id AS existingId

// name: applications_move
// A recruiter of the posting's company moves an application from `$from` to `$to` (HIRED stamps
// hiredAt). No row when the status is no longer `$from` (a concurrent move won) or the member
// does not recruit for the company.
MATCH (m:Member)-[:SUBMITTED]->(a:Application {id: $id})-[:FOR]->(j:JobPosting)<-[:POSTED]-(c:Company)
WHERE a.status = $from AND EXISTS { MATCH (:Member {id: $recruiterId})-[:RECRUITS_FOR]->(c) }
WITH m, a, j, c, datetime() AS now
SET a.status = $to,
    a.updatedAt = now,
    a.hiredAt = CASE WHEN $to = 'HIRED' THEN now ELSE a.hiredAt END
RETURN a {.*} AS application, m.id AS memberId, j.id AS jobId, c.id AS companyId

// name: applications_withdraw
// The applicant withdraws an application whose status is one of `$from` (WITHDRAWN is final). No row
// when the status changed meanwhile or the member is not the applicant.
MATCH (m:Member {id: $memberId})-[:SUBMITTED]->(a:Application {id: $id})-[:FOR]->(j:JobPosting)<-[:POSTED]-(c:Company)
WHERE a.status IN $from
SET a.status = 'WITHDRAWN', a.updatedAt = datetime()
RETURN a {.*} AS application, m.id AS memberId, j.id AS jobId, c.id AS companyId

// name: applications_report_outcome
// A member reports a new job or a promotion (`$at` in epoch millis).
MATCH (m:Member {id: $memberId})
CREATE (o:CareerOutcome {id: $id, kind: $kind, title: $title, companyName: $companyName,
                         at: datetime({epochMillis: $at})})
CREATE (m)-[:REPORTED]->(o)
RETURN o {.*} AS outcome

// name: applications_career_outcomes
// Outcomes since `$since` (epoch millis): hires through applications (HIRED, by hiredAt) and
// reported promotions and new jobs (by `at`). A null `$since` counts from the epoch: all of them.
WITH datetime({epochMillis: coalesce($since, 0)}) AS since
RETURN COUNT { MATCH (a:Application) WHERE a.status = 'HIRED' AND a.hiredAt >= since } AS hires,
       COUNT { MATCH (o:CareerOutcome) WHERE o.kind = 'PROMOTION' AND o.at >= since } AS promotions,
       COUNT { MATCH (o:CareerOutcome) WHERE o.kind = 'NEW_JOB' AND o.at >= since } AS newJobs
