// name: people_you_may_know
// The viewer's ranked people-you-may-know suggestions: one page and how many there are.
// Candidates: friends of friends (members followed by members the viewer follows), members of
// the viewer's groups, and holders of the viewer's skills in the same city or company.
// Excluded: the viewer, members they follow or dismissed, PRIVATE profiles. Each source is
// aggregated once, giving exact mutual-follow and shared-group counts without a per-candidate
// pattern. Sources hand on small maps of scalars, never nodes: the embedded engine charges
// every collected node heavily against its query heap, and a busy viewer's sources hold tens
// of thousands of rows. The `$weights.candidateLimit` best by follows, groups and place are
// then scored with shared skills too (`resolvers/connections/ranking.py` documents the
// formula); ties break on the member id so pages are stable.
MATCH (v:Member {id: $viewerId})
CALL (v) {
  MATCH (v)-[:FOLLOWS]->(f:Member)-[:FOLLOWS]->(c:Member)
  WHERE c <> v AND f.visibility IN $visible AND c.visibility IN $visible
  WITH c.id AS id, count(f) AS n, collect(f.id)[0..$weights.sampleSize] AS sample
  RETURN collect({id: id, mutual: n, mutualIds: sample}) AS viaFollows
}
CALL (v) {
  MATCH (v)-[:MEMBER_OF]->(g:Group)<-[:MEMBER_OF]-(c:Member)
  WHERE c <> v AND c.visibility IN $visible
  WITH c.id AS id, count(g) AS n, collect(g.id)[0..$weights.sampleSize] AS sample
  RETURN collect({id: id, groups: n, groupIds: sample}) AS viaGroups
}
CALL (v) {
  MATCH (v)-[:HAS_SKILL]->(:Skill)<-[:HAS_SKILL]-(c:Member)
  WHERE c <> v AND (c.city = v.city OR c.company = v.company) AND c.visibility IN $visible
  WITH DISTINCT c.id AS id
  RETURN collect({id: id}) AS viaSkills
}
UNWIND viaFollows + viaGroups + viaSkills AS row
WITH row.id AS id, sum(coalesce(row.mutual, 0)) AS mutual, sum(coalesce(row.groups, 0)) AS shared,
     collect(row.mutualIds) AS mutualIds, collect(row.groupIds) AS groupIds
MATCH (c:Member {id: id})
// Anchored on the candidate, whose followers are few, not on the viewer, who may follow hundreds.
WHERE NOT EXISTS { (c)<-[:FOLLOWS|DISMISSED]-(:Member {id: $viewerId}) }
WITH c, mutual, shared,
     reduce(all = [], ids IN mutualIds | all + ids) AS mutualIds,
     reduce(all = [], ids IN groupIds | all + ids) AS groupIds
MATCH (v:Member {id: $viewerId})
WITH v, c, mutual, shared, mutualIds, groupIds,
     CASE WHEN v.latitude IS NULL OR c.latitude IS NULL THEN null
          ELSE point.distance(point({latitude: v.latitude, longitude: v.longitude}),
                              point({latitude: c.latitude, longitude: c.longitude})) / 1000.0 END AS distanceKm,
     c.city IS NOT NULL AND c.city = v.city AND c.country = v.country AS sameCity,
     c.company IS NOT NULL AND c.company = v.company AS sameCompany
WITH v, c, mutual, shared, mutualIds, groupIds, distanceKm, sameCity, sameCompany,
     $weights.mutualFollow * toFloat(CASE WHEN mutual > $weights.countCap THEN $weights.countCap ELSE mutual END)
     + $weights.sharedGroup * toFloat(CASE WHEN shared > $weights.countCap THEN $weights.countCap ELSE shared END)
     + CASE WHEN sameCity THEN $weights.sameCity ELSE 0.0 END
     + CASE WHEN sameCompany THEN $weights.sameCompany ELSE 0.0 END
     + CASE WHEN distanceKm IS NULL OR distanceKm >= $weights.nearbyKm THEN 0.0
            ELSE $weights.nearby * (1.0 - distanceKm / $weights.nearbyKm) END AS base
ORDER BY base DESC, c.id ASC
LIMIT $weights.candidateLimit
WITH v, c, mutual, shared, mutualIds, groupIds, distanceKm, sameCity, sameCompany, base,
     [(v)-[:HAS_SKILL]->(s:Skill) | s.id] AS skillIds
WITH c, mutual, shared, mutualIds, groupIds, distanceKm, sameCity, sameCompany, base,
     [(c)-[:HAS_SKILL]->(s:Skill) WHERE s.id IN skillIds | s] AS common
WITH c, mutual, shared, mutualIds, groupIds, common, distanceKm, sameCity, sameCompany,
     base + $weights.sharedSkill * toFloat(CASE WHEN size(common) > $weights.countCap THEN $weights.countCap ELSE size(common) END) AS score
ORDER BY score DESC, c.id ASC
WITH collect({candidate: c, score: score, mutualCount: mutual, mutualIds: mutualIds, groupCount: shared,
              groupIds: groupIds, skillCount: size(common), skills: common[0..$weights.sampleSize],
              sameCity: sameCity, sameCompany: sameCompany, distanceKm: distanceKm}) AS ranked
WITH size(ranked) AS total, ranked[$skip..$skip + $limit] AS page
// Only the page's few named mutual follows and groups are looked up, by id.
UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE page END AS row
CALL (row) {
  UNWIND CASE WHEN row IS NULL THEN [] ELSE row.mutualIds[0..$weights.sampleSize] END AS id
  MATCH (f:Member {id: id})
  RETURN collect(properties(f)) AS mutual
}
CALL (row) {
  UNWIND CASE WHEN row IS NULL THEN [] ELSE row.groupIds[0..$weights.sampleSize] END AS id
  MATCH (g:Group {id: id})
  RETURN collect(properties(g)) AS groups
}
// Map projections nested in map literals lose their siblings on the embedded engine: use properties().
WITH total, collect(CASE WHEN row IS NULL THEN null ELSE {
  member: properties(row.candidate), score: row.score, mutualCount: row.mutualCount, mutual: mutual,
  groupCount: row.groupCount, groups: groups, skillCount: row.skillCount,
  skills: [s IN row.skills | properties(s)], sameCity: row.sameCity, sameCompany: row.sameCompany,
  distanceKm: row.distanceKm} END) AS rows
RETURN total, [r IN rows WHERE r IS NOT NULL] AS page

// name: dismiss_suggestion
// Hide a member from the viewer's suggestions for good; idempotent.
MATCH (v:Member {id: $viewerId})
MATCH (m:Member {id: $memberId})
MERGE (v)-[d:DISMISSED]->(m)
ON CREATE SET d.at = datetime()
RETURN m {.*} AS member
