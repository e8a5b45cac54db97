// Companies (graph/MODEL.md, "Companies, learning plans and credentials"): lookups, the filtered
// list, members' employers and companies' employees. Company rows are the node's properties.
// A member WORKS_AT at most one company (their current employer), with `role` EMPLOYEE or ADMIN.

// name: companies_by_ids
// Companies by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (c:Company {id: id})
RETURN id, c {.*} AS company

// name: companies_by_slugs
// Companies by slug; one row per slug found, keyed by `slug`.
UNWIND $slugs AS slug
MATCH (c:Company {slug: slug})
RETURN slug, c {.*} AS company

// name: companies_page
// A filtered page of companies by name (then the unique slug, so pages are stable). `$search`
// is lower-cased text matched against the name and industry; `$country` an ISO code.
MATCH (c:Company)
WHERE ($search IS NULL OR c.searchText CONTAINS $search)
  AND ($country IS NULL OR c.country = $country)
WITH c
ORDER BY c.name ASC, c.slug ASC
SKIP $skip LIMIT $limit
RETURN c {.*} AS company

// name: companies_count
// How many companies match the filter of `companies_page`.
MATCH (c:Company)
WHERE ($search IS NULL OR c.searchText CONTAINS $search)
  AND ($country IS NULL OR c.country = $country)
RETURN count(c) AS total

// name: employers_of_members
// Each member's current employer (at most one); one row per member who has one, keyed by `id`.
UNWIND $ids AS id
MATCH (:Member {id: id})-[:WORKS_AT]->(c:Company)
RETURN id, c {.*} AS company

// name: employment_of_member
// The company a member works at and their role there (EMPLOYEE or ADMIN); no row if none.
MATCH (:Member {id: $memberId})-[w:WORKS_AT]->(c:Company)
RETURN c.id AS companyId, w.role AS role

// name: employees_of_companies
// A page of each company's employees whose profile the viewer may see (`$visible` levels, and
// always the viewer), by handle, with the total of such employees. `$fromEnd` reverses the
// order to take the last rows of each list (they come back reversed). Each page entry is
// {member, role, since}.
UNWIND $ids AS id
MATCH (c:Company {id: id})
CALL (c) {
  MATCH (c)<-[w:WORKS_AT]-(m:Member)
  WHERE m.visibility IN $visible OR m.id = $viewerId
  WITH m, w
  ORDER BY
    CASE WHEN $fromEnd THEN m.handle END DESC,
    m.handle ASC
  SKIP $skip LIMIT $limit
  RETURN collect({member: properties(m), role: w.role, since: w.since}) AS page
}
RETURN id, COUNT { MATCH (c)<-[:WORKS_AT]-(m:Member) WHERE m.visibility IN $visible OR m.id = $viewerId } AS total, page
