// Job postings (graph/MODEL.md, "Careers"): the public search, companies' postings and
// recruiters, and the recruiters' writes. A posting is OPEN when its stored status is OPEN and
// its `closesAt` (if any) is after `$now` (epoch millis); otherwise it is CLOSED: reads compute
// that, so a posting closes at its deadline without a write. `$open` is true to list OPEN
// postings, false for CLOSED ones. Posting rows are the node's properties; page rows carry the
// company's properties beside them.

// name: jobs_search_page
// A page of postings, newest first (postedAt, then the unique id), filtered without an anchor
// node: the label scan over every posting. Filters are null (or an empty list) when unused:
// `$search` lower-cased text in searchText, `$country` an ISO code, `$city` lower-cased,
// `$remote` true for REMOTE postings only and false to leave them out, `$seniority` a list,
// `$postedSince` epoch millis, `$near` {latitude, longitude, radiusKm}.
MATCH (j:JobPosting)
WHERE (j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)) = $open
  AND ($search IS NULL OR j.searchText CONTAINS $search)
  AND ($country IS NULL OR j.country = $country)
  AND ($city IS NULL OR toLower(j.city) = $city)
  AND ($remote IS NULL OR (j.workplace = 'REMOTE') = $remote)
  AND ($seniority IS NULL OR j.seniority IN $seniority)
  AND ($postedSince IS NULL OR j.postedAt >= datetime({epochMillis: $postedSince}))
  AND ($near IS NULL OR (j.latitude IS NOT NULL AND
       point.distance(point({latitude: $near.latitude, longitude: $near.longitude}),
                      point({latitude: j.latitude, longitude: j.longitude})) <= $near.radiusKm * 1000.0))
WITH j
ORDER BY j.postedAt DESC, j.id ASC
SKIP $skip LIMIT $limit
MATCH (c:Company)-[:POSTED]->(j)
RETURN j {.*} AS job, c {.*} AS company

// name: jobs_search_count
// How many postings `jobs_search_page` pages through.
MATCH (j:JobPosting)
WHERE (j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)) = $open
  AND ($search IS NULL OR j.searchText CONTAINS $search)
  AND ($country IS NULL OR j.country = $country)
  AND ($city IS NULL OR toLower(j.city) = $city)
  AND ($remote IS NULL OR (j.workplace = 'REMOTE') = $remote)
  AND ($seniority IS NULL OR j.seniority IN $seniority)
  AND ($postedSince IS NULL OR j.postedAt >= datetime({epochMillis: $postedSince}))
  AND ($near IS NULL OR (j.latitude IS NOT NULL AND
       point.distance(point({latitude: $near.latitude, longitude: $near.longitude}),
                      point({latitude: j.latitude, longitude: j.longitude})) <= $near.radiusKm * 1000.0))
RETURN count(j) AS total

// name: jobs_search_anchored_page
// `jobs_search_page` when the filter names a company (`$companyId`), skills (`$skillIds`, every
// one required or nice-to-have) or a certification (`$certificationId`): the search starts from
// whichever of those nodes has the fewest postings, and checks the others on each posting
// (`$checkLinks`: more than one node is named). A named node that does not exist matches no posting.
CALL () {
  MATCH (a:Company {id: $companyId})
  RETURN a
  UNION
  UNWIND $skillIds AS skillId
  MATCH (a:Skill {id: skillId})
  RETURN a
  UNION
  MATCH (a:Certification {id: $certificationId})
  RETURN a
}
WITH a
ORDER BY COUNT { (a)-[:POSTED|REQUIRES]-(:JobPosting) } ASC
LIMIT 1
MATCH (a)-[:POSTED|REQUIRES]-(j:JobPosting)
WHERE (j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)) = $open
  AND ($search IS NULL OR j.searchText CONTAINS $search)
  AND ($country IS NULL OR j.country = $country)
  AND ($city IS NULL OR toLower(j.city) = $city)
  AND ($remote IS NULL OR (j.workplace = 'REMOTE') = $remote)
  AND ($seniority IS NULL OR j.seniority IN $seniority)
  AND ($postedSince IS NULL OR j.postedAt >= datetime({epochMillis: $postedSince}))
  AND ($near IS NULL OR (j.latitude IS NOT NULL AND
       point.distance(point({latitude: $near.latitude, longitude: $near.longitude}),
                      point({latitude: j.latitude, longitude: j.longitude})) <= $near.radiusKm * 1000.0))
WITH j, CASE WHEN $checkLinks THEN [(j)-[:REQUIRES]->(x) | x.id] + [(j)<-[:POSTED]-(c) | c.id] END AS linked
WHERE NOT $checkLinks
   OR (all(skillId IN $skillIds WHERE skillId IN linked)
       AND ($certificationId IS NULL OR $certificationId IN linked)
       AND ($companyId IS NULL OR $companyId IN linked))
WITH j
ORDER BY j.postedAt DESC, j.id ASC
SKIP $skip LIMIT $limit
MATCH (c:Company)-[:POSTED]->(j)
RETURN j {.*} AS job, c {.*} AS company

// name: jobs_search_anchored_count
// How many postings `jobs_search_anchored_page` pages through.
CALL () {
  MATCH (a:Company {id: $companyId})
  RETURN a
  UNION
  UNWIND $skillIds AS skillId
  MATCH (a:Skill {id: skillId})
  RETURN a
  UNION
  MATCH (a:Certification {id: $certificationId})
  RETURN a
}
WITH a
ORDER BY COUNT { (a)-[:POSTED|REQUIRES]-(:JobPosting) } ASC
LIMIT 1
MATCH (a)-[:POSTED|REQUIRES]-(j:JobPosting)
WHERE (j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)) = $open
  AND ($search IS NULL OR j.searchText CONTAINS $search)
  AND ($country IS NULL OR j.country = $country)
  AND ($city IS NULL OR toLower(j.city) = $city)
  AND ($remote IS NULL OR (j.workplace = 'REMOTE') = $remote)
  AND ($seniority IS NULL OR j.seniority IN $seniority)
  AND ($postedSince IS NULL OR j.postedAt >= datetime({epochMillis: $postedSince}))
  AND ($near IS NULL OR (j.latitude IS NOT NULL AND
       point.distance(point({latitude: $near.latitude, longitude: $near.longitude}),
                      point({latitude: j.latitude, longitude: j.longitude})) <= $near.radiusKm * 1000.0))
WITH j, CASE WHEN $checkLinks THEN [(j)-[:REQUIRES]->(x) | x.id] + [(j)<-[:POSTED]-(c) | c.id] END AS linked
WHERE NOT $checkLinks
   OR (all(skillId IN $skillIds WHERE skillId IN linked)
       AND ($certificationId IS NULL OR $certificationId IN linked)
       AND ($companyId IS NULL OR $companyId IN linked))
RETURN count(j) AS total

// name: jobs_of_companies
// A page of each company's postings, OPEN or CLOSED by `$open`, newest first, with the total of
// such postings. `$fromEnd` reverses the order to take the last rows (they come back reversed).
// Page entries are the posting's properties; `name` is the company's.
UNWIND $ids AS id
MATCH (c:Company {id: id})
CALL (c) {
  MATCH (c)-[:POSTED]->(j:JobPosting)
  WHERE (j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)) = $open
  WITH j
  ORDER BY
    CASE WHEN $fromEnd THEN j.postedAt END ASC,
    CASE WHEN $fromEnd THEN j.id END DESC,
    j.postedAt DESC,
    j.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(properties(j)) AS page
}
RETURN id, c.name AS name, page,
       COUNT { MATCH (c)-[:POSTED]->(j:JobPosting)
               WHERE (j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)) = $open } AS total

// name: jobs_open_counts
// How many OPEN postings each company has; one row per company found, keyed by `id`.
UNWIND $ids AS id
MATCH (c:Company {id: id})
RETURN id, COUNT { MATCH (c)-[:POSTED]->(j:JobPosting)
                   WHERE j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true) } AS open

// name: jobs_recruiters_of_companies
// A page of each company's recruiters whose profile the viewer may see (`$visible` levels, and
// always the viewer), by handle, with the total of such recruiters. `$fromEnd` reverses the
// order to take the last rows (they come back reversed). Page entries are {member, since}.
UNWIND $ids AS id
MATCH (c:Company {id: id})
CALL (c) {
  MATCH (c)<-[r:RECRUITS_FOR]-(m:Member)
  WHERE m.visibility IN $visible OR m.id = $viewerId
  WITH m, r
  ORDER BY
    CASE WHEN $fromEnd THEN m.handle END DESC,
    m.handle ASC
  SKIP $skip LIMIT $limit
  RETURN collect({member: properties(m), since: r.since}) AS page
}
RETURN id, page,
       COUNT { MATCH (c)<-[:RECRUITS_FOR]-(m:Member) WHERE m.visibility IN $visible OR m.id = $viewerId } AS total

// name: jobs_create
// Post a job for `$companyId`, when `$memberId` recruits for it: the posting's MODEL.md
// properties from `$props` (plain values), `$closesAt` (epoch millis or null), status OPEN, the
// times now, applicationCount 0 and the derived searchText. No row when the member does not
// recruit for the company (nothing is written).
MATCH (m:Member {id: $memberId})-[:RECRUITS_FOR]->(c:Company {id: $companyId})
CREATE (c)-[:POSTED]->(j:JobPosting {id: $id})
SET j += $props,
    j.status = 'OPEN',
    j.postedAt = datetime({epochMillis: $now}),
    j.updatedAt = datetime({epochMillis: $now}),
    j.closesAt = CASE WHEN $closesAt IS NULL THEN null ELSE datetime({epochMillis: $closesAt}) END,
    j.closedAt = null,
    j.applicationCount = 0
SET j.searchText = toLower(j.title + ' ' + coalesce(j.description, '') + ' ' + coalesce(j.city, '') + ' ' + c.name)
RETURN j {.*, companyId: c.id, companyName: c.name} AS job

// name: jobs_update
// Change an OPEN posting: `$props` holds the plain properties to set (a null removes one),
// `$setClosesAt` whether to set `closesAt` to `$closesAt` (epoch millis or null). Allowed to a
// recruiter of its company (`$memberId`), or to anyone when `$moderator` is true (the caller
// checked the admin role). The no-op SET takes the posting's write lock before its status is
// read. No row when it is missing, CLOSED (by status or deadline), or the caller may not.
MATCH (c:Company)-[:POSTED]->(j:JobPosting {id: $id})
SET j.status = j.status
WITH c, j
WHERE j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)
  AND ($moderator OR EXISTS { MATCH (:Member {id: $memberId})-[:RECRUITS_FOR]->(c) })
SET j += $props,
    j.updatedAt = datetime({epochMillis: $now}),
    j.closesAt = CASE WHEN NOT $setClosesAt THEN j.closesAt
                      WHEN $closesAt IS NULL THEN null
                      ELSE datetime({epochMillis: $closesAt}) END
SET j.searchText = toLower(j.title + ' ' + coalesce(j.description, '') + ' ' + coalesce(j.city, '') + ' ' + c.name)
RETURN j {.*, companyId: c.id, companyName: c.name} AS job

// name: jobs_replace_skill_requirements
// Make a posting require exactly `$requirements` ({skillId, minLevel, weight, necessity}).
MATCH (j:JobPosting {id: $id})
OPTIONAL MATCH (j)-[old:REQUIRES]->(:Skill)
DELETE old
WITH DISTINCT j
UNWIND $requirements AS r
MATCH (s:Skill {id: r.skillId})
CREATE (j)-[:REQUIRES {minLevel: r.minLevel, weight: r.weight, necessity: r.necessity}]->(s)
RETURN count(*) AS written

// name: jobs_replace_certification_requirements
// Make a posting require exactly `$requirements` ({certificationId, necessity}).
MATCH (j:JobPosting {id: $id})
OPTIONAL MATCH (j)-[old:REQUIRES]->(:Certification)
DELETE old
WITH DISTINCT j
UNWIND $requirements AS r
MATCH (k:Certification {id: r.certificationId})
CREATE (j)-[:REQUIRES {necessity: r.necessity}]->(k)
RETURN count(*) AS written

// name: jobs_close
// Close an OPEN posting: status CLOSED, closedAt and updatedAt now. Allowed as for `jobs_update`.
// No row when it is missing, already CLOSED (by status or deadline), or the caller may not.
MATCH (c:Company)-[:POSTED]->(j:JobPosting {id: $id})
SET j.status = j.status
WITH c, j
WHERE j.status = 'OPEN' AND coalesce(j.closesAt > datetime({epochMillis: $now}), true)
  AND ($moderator OR EXISTS { MATCH (:Member {id: $memberId})-[:RECRUITS_FOR]->(c) })
SET j.status = 'CLOSED',
    j.closedAt = datetime({epochMillis: $now}),
    j.updatedAt = datetime({epochMillis: $now})
RETURN j {.*, companyId: c.id, companyName: c.name} AS job
