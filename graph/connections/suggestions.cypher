// name: people_you_may_know
// The viewer's ranked people-you-may-know suggestions: one page and how many there are.
// Candidates: friends of friends (members followed by members the viewer follows), members of
// the viewer's groups, and holders of the viewer's skills in the same city or company. Each
// source is aggregated once, which gives the exact mutual-follow and shared-group counts
// without a per-candidate pattern (those cost the engine ~0.3 ms each). Excluded: the viewer,
// members they follow or dismissed, PRIVATE profiles. The `$weights.candidateLimit` best by
// follows, groups and place are then scored with shared skills too, by the formula documented
// in `resolvers/connections/ranking.py`; ties break on the member id so pages are stable.
MATCH (v:Member {id: $viewerId})
WITH v,
     [(v)-[:FOLLOWS]->(f:Member) | f] AS following,
     [(v)-[:MEMBER_OF]->(g:Group) | g] AS groups,
     [(v)-[:HAS_SKILL]->(s:Skill) | s] AS skills,
     [(v)-[:DISMISSED]->(d:Member) | d] AS dismissed
CALL (v, following) {
  UNWIND following AS f
  MATCH (f)-[:FOLLOWS]->(c:Member)
  WHERE c <> v AND f.visibility IN $visible
  WITH c, collect(f) AS via
  RETURN collect({candidate: c, mutual: via}) AS viaFollows
}
CALL (v, groups) {
  UNWIND groups AS g
  MATCH (g)<-[:MEMBER_OF]-(c:Member)
  WHERE c <> v
  WITH c, collect(g) AS via
  RETURN collect({candidate: c, groups: via}) AS viaGroups
}
CALL (v, skills) {
  UNWIND skills AS s
  MATCH (s)<-[:HAS_SKILL]-(c:Member)
  WHERE c <> v AND (c.city = v.city OR c.company = v.company)
  RETURN collect(DISTINCT {candidate: c}) AS viaSkills
}
UNWIND viaFollows + viaGroups + viaSkills AS row
WITH v, skills, following, dismissed, row.candidate AS c, collect(row) AS rows
WHERE c.visibility IN $visible AND NOT c IN following AND NOT c IN dismissed
WITH v, skills, c,
     coalesce(head([r IN rows WHERE r.mutual IS NOT NULL | r.mutual]), []) AS mutual,
     coalesce(head([r IN rows WHERE r.groups IS NOT NULL | r.groups]), []) AS shared,
     CASE WHEN v.latitude IS NULL OR c.latitude IS NULL THEN null
          ELSE point.distance(point({latitude: v.latitude, longitude: v.longitude}),
                              point({latitude: c.latitude, longitude: c.longitude})) / 1000.0 END AS distanceKm
WITH v, skills, c, mutual, shared, distanceKm,
     c.city IS NOT NULL AND c.city = v.city AND c.country = v.country AS sameCity,
     c.company IS NOT NULL AND c.company = v.company AS sameCompany
WITH skills, c, mutual, shared, distanceKm, sameCity, sameCompany,
     $weights.mutualFollow * toFloat(CASE WHEN size(mutual) > $weights.countCap THEN $weights.countCap ELSE size(mutual) END)
     + $weights.sharedGroup * toFloat(CASE WHEN size(shared) > $weights.countCap THEN $weights.countCap ELSE size(shared) END)
     + CASE WHEN sameCity THEN $weights.sameCity ELSE 0.0 END
     + CASE WHEN sameCompany THEN $weights.sameCompany ELSE 0.0 END
     + CASE WHEN distanceKm IS NULL OR distanceKm >= $weights.nearbyKm THEN 0.0
            ELSE $weights.nearby * (1.0 - distanceKm / $weights.nearbyKm) END AS base
ORDER BY base DESC, c.id ASC
LIMIT $weights.candidateLimit
WITH c, mutual, shared, distanceKm, sameCity, sameCompany, base,
     [(c)-[:HAS_SKILL]->(s:Skill) WHERE s IN skills | s] AS common
WITH c, mutual, shared, common, distanceKm, sameCity, sameCompany,
     base + $weights.sharedSkill * toFloat(CASE WHEN size(common) > $weights.countCap THEN $weights.countCap ELSE size(common) END) AS score
ORDER BY score DESC, c.id ASC
// Map projections nested in map literals lose their siblings on the embedded engine: use properties().
WITH collect({member: properties(c), score: score, mutualCount: size(mutual),
              mutual: [f IN mutual[0..$weights.sampleSize] | properties(f)],
              groupCount: size(shared), groups: [g IN shared[0..$weights.sampleSize] | properties(g)],
              skillCount: size(common), skills: [s IN common[0..$weights.sampleSize] | properties(s)],
              sameCity: sameCity, sameCompany: sameCompany, distanceKm: distanceKm}) AS ranked
RETURN size(ranked) AS total, ranked[$skip..$skip + $limit] AS page

// name: dismiss_suggestion
// Hide a member from the viewer's suggestions for good; idempotent.
MATCH (v:Member {id: $viewerId})
MATCH (m:Member {id: $memberId})
MERGE (v)-[d:DISMISSED]->(m)
ON CREATE SET d.at = datetime()
RETURN m {.*} AS member
