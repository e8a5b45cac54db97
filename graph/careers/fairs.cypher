// Job fairs (graph/MODEL.md, "Careers"): companies exhibit at JOB_FAIR events
// (`(Company)-[:EXHIBITS_AT {since}]->(Event)`); a fair's jobs are its exhibitors' OPEN postings
// whose closesAt has not passed.

// name: fairs_state
// What an exhibitor write depends on: whether the event exists, is a JOB_FAIR and has ended,
// whether the company exists, whether `$recruiterId` recruits for it, and whether it exhibits.
OPTIONAL MATCH (e:Event {id: $eventId})
OPTIONAL MATCH (c:Company {id: $companyId})
RETURN e IS NOT NULL AS eventExists, coalesce(e.kind = 'JOB_FAIR', false) AS jobFair,
       coalesce(e.endsAt <= datetime(), false) AS ended, c IS NOT NULL AS companyExists,
       EXISTS { MATCH (:Member {id: $recruiterId})-[:RECRUITS_FOR]->(:Company {id: $companyId}) } AS recruits,
       EXISTS { MATCH (:Company {id: $companyId})-[:EXHIBITS_AT]->(:Event {id: $eventId}) } AS exhibits

// name: fairs_exhibit
// The company exhibits at the fair: idempotent (MERGE), only while the event is a JOB_FAIR that has
// not ended and `$recruiterId` recruits for the company; no row otherwise. Stamps the event first
// (`exhibitorsChangedAt`, a real write: a no-op SET is no write on the embedded engine) so that
// concurrent requests for the same fair are serialised on Neo4j (the event's write lock) and
// conflict on the embedded engine, whose retry then finds the relationship.
MATCH (e:Event {id: $eventId})
WHERE e.kind = 'JOB_FAIR' AND e.endsAt > datetime()
MATCH (c:Company {id: $companyId})
WHERE EXISTS { MATCH (:Member {id: $recruiterId})-[:RECRUITS_FOR]->(c) }
SET e.exhibitorsChangedAt = datetime()
WITH e, c
MERGE (c)-[x:EXHIBITS_AT]->(e)
ON CREATE SET x.since = datetime()
RETURN x.since AS since

// name: fairs_withdraw
// The company stops exhibiting at the fair (idempotent), under the same conditions as fairs_exhibit;
// no row when they do not hold.
MATCH (e:Event {id: $eventId})
WHERE e.kind = 'JOB_FAIR' AND e.endsAt > datetime()
MATCH (c:Company {id: $companyId})
WHERE EXISTS { MATCH (:Member {id: $recruiterId})-[:RECRUITS_FOR]->(c) }
SET e.exhibitorsChangedAt = datetime()
WITH e, c
OPTIONAL MATCH (c)-[x:EXHIBITS_AT]->(e)
DELETE x
RETURN c.id AS companyId

// name: fairs_exhibitors_of_events
// A page of each fair's exhibitors, by name then id, with each list's total and when each began
// exhibiting. `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (c:Company)-[x:EXHIBITS_AT]->(e)
  WITH c, x
  ORDER BY
    CASE WHEN $fromEnd THEN c.name END DESC,
    CASE WHEN $fromEnd THEN c.id END DESC,
    c.name ASC,
    c.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({company: properties(c), since: x.since}) AS page
}
RETURN id, COUNT { MATCH (:Company)-[:EXHIBITS_AT]->(e) } AS total, page

// name: fairs_jobs_of_events
// A page of each fair's jobs (its exhibitors' OPEN postings whose closesAt has not passed), newest
// first, with each list's total; rows are postings with companyId and companyName. `$fromEnd` as above.
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (c:Company)-[:EXHIBITS_AT]->(e)
  MATCH (c)-[:POSTED]->(j:JobPosting)
  WHERE j.status = 'OPEN' AND (j.closesAt IS NULL OR j.closesAt > datetime())
  WITH c, j
  ORDER BY
    CASE WHEN $fromEnd THEN j.postedAt END ASC,
    CASE WHEN $fromEnd THEN j.id END DESC,
    j.postedAt DESC,
    j.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({job: properties(j), companyId: c.id, companyName: c.name}) AS page
}
RETURN id, COUNT {
  MATCH (c:Company)-[:EXHIBITS_AT]->(e)
  MATCH (c)-[:POSTED]->(j:JobPosting)
  WHERE j.status = 'OPEN' AND (j.closesAt IS NULL OR j.closesAt > datetime())
} AS total, page

// name: fairs_open_jobs
// Every job of the fair (the exhibitors' OPEN postings), or only `$companyId`'s when given, by id,
// at most `$limit`; and whether `$companyId` exhibits at the fair (true without one). No row for
// an unknown event.
MATCH (e:Event {id: $eventId})
CALL (e) {
  MATCH (c:Company)-[:EXHIBITS_AT]->(e)
  WHERE $companyId IS NULL OR c.id = $companyId
  MATCH (c)-[:POSTED]->(j:JobPosting)
  WHERE j.status = 'OPEN' AND (j.closesAt IS NULL OR j.closesAt > datetime())
  WITH c, j
  ORDER BY j.id
  LIMIT $limit
  RETURN collect({job: properties(j), companyId: c.id, companyName: c.name}) AS jobs
}
RETURN $companyId IS NULL OR EXISTS { MATCH (:Company {id: $companyId})-[:EXHIBITS_AT]->(e) } AS exhibits, jobs

// name: fairs_opted_in_attendees
// The fair's attendees who opted in to recruiters (CareerPreferences.searchable): members who
// answered GOING, WAITLISTED or INTERESTED (not NOT_GOING), with their answer, by member id, at
// most `$limit`. Members who have not opted in are filtered here, never later.
MATCH (m:Member)-[r:RSVPED]->(:Event {id: $eventId})
WHERE r.status IN ['GOING', 'WAITLISTED', 'INTERESTED']
  AND EXISTS { MATCH (m)-[:PREFERS]->(p:CareerPreferences) WHERE p.searchable = true }
RETURN m.id AS id, r.status AS status
ORDER BY m.id
LIMIT $limit
