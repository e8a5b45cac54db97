// name: people_you_may_know
// The viewer's ranked people-you-may-know suggestions: one page and the number of candidates.
// Candidates come from three sources, each bounded so a hub (a big regional group, a common
// skill) cannot blow the query up: friends of friends (members followed by members the viewer
// follows), members of the viewer's groups, and holders of the viewer's skills. Each source
// keeps at most `$weights.perSourceLimit` candidates, those with the most overlap first.
// Excluded: the viewer, members the viewer already follows or dismissed, PRIVATE profiles.
// The score is `resolvers/connections/ranking.py`'s documented formula, with its weights in
// `$weights`; ties break on the member id so pages are stable.
MATCH (v:Member {id: $viewerId})
WITH v,
     [(v)-[:FOLLOWS]->(f:Member) | f] AS following,
     [(v)-[:MEMBER_OF]->(g:Group) | g] AS groups,
     [(v)-[:HAS_SKILL]->(s:Skill) | s] AS skills
CALL (v, following) {
  UNWIND following AS f
  MATCH (f)-[:FOLLOWS]->(c:Member)
  WHERE c <> v
  WITH c, count(f) AS overlap
  ORDER BY overlap DESC, c.id ASC
  LIMIT $weights.perSourceLimit
  RETURN collect(c) AS viaFollows
}
CALL (v, groups) {
  UNWIND groups AS g
  MATCH (g)<-[:MEMBER_OF]-(c:Member)
  WHERE c <> v
  WITH c, count(g) AS overlap
  ORDER BY overlap DESC, c.id ASC
  LIMIT $weights.perSourceLimit
  RETURN collect(c) AS viaGroups
}
CALL (v, skills) {
  UNWIND skills AS s
  MATCH (s)<-[:HAS_SKILL]-(c:Member)
  WHERE c <> v AND (c.city = v.city OR c.company = v.company)
  WITH c, count(s) AS overlap
  ORDER BY overlap DESC, c.id ASC
  LIMIT $weights.perSourceLimit
  RETURN collect(c) AS viaSkills
}
UNWIND viaFollows + viaGroups + viaSkills AS c
WITH DISTINCT v, following, groups, skills, c
WHERE c.visibility IN $visible
  AND NOT c IN following
  AND NOT EXISTS { (v)-[:DISMISSED]->(c) }
// Each overlap is read from the candidate's side and checked against the viewer's lists.
WITH v, c,
     [(c)<-[:FOLLOWS]-(f:Member) WHERE f IN following AND f.visibility IN $visible | f] AS mutual,
     [(c)-[:MEMBER_OF]->(g:Group) WHERE g IN groups | g] AS shared,
     [(c)-[:HAS_SKILL]->(s:Skill) WHERE s IN skills | s] AS common,
     CASE WHEN v.latitude IS NULL OR c.latitude IS NULL THEN null
          ELSE point.distance(point({latitude: v.latitude, longitude: v.longitude}),
                              point({latitude: c.latitude, longitude: c.longitude})) / 1000.0 END AS distanceKm
WITH c, mutual, shared, common, distanceKm,
     c.city IS NOT NULL AND c.city = v.city AND c.country = v.country AS sameCity,
     c.company IS NOT NULL AND c.company = v.company AS sameCompany
WITH c, mutual, shared, common, distanceKm, sameCity, sameCompany,
     $weights.mutualFollow * toFloat(CASE WHEN size(mutual) > $weights.countCap THEN $weights.countCap ELSE size(mutual) END)
     + $weights.sharedGroup * toFloat(CASE WHEN size(shared) > $weights.countCap THEN $weights.countCap ELSE size(shared) END)
     + $weights.sharedSkill * toFloat(CASE WHEN size(common) > $weights.countCap THEN $weights.countCap ELSE size(common) END)
     + CASE WHEN sameCity THEN $weights.sameCity ELSE 0.0 END
     + CASE WHEN sameCompany THEN $weights.sameCompany ELSE 0.0 END
     + CASE WHEN distanceKm IS NULL OR distanceKm >= $weights.nearbyKm THEN 0.0
            ELSE $weights.nearby * (1.0 - distanceKm / $weights.nearbyKm) END AS score
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
