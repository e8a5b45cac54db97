// name: experts
// Members ranked by evidence of expertise in a skill, a topic, or both, with that evidence, as
// one page and the number of experts. The skill's evidence is the member's level and its
// endorsements; the topic's is accepted answers on questions tagged with it. With only a topic,
// the skills it COVERS count; with only a skill, the topics that cover it. Recent answers (the
// last `$weights.recentDays` days) add a little. Scoring: `resolvers/connections/ranking.py`.
// An unknown skill or topic gives no row. `$near` is null or {latitude, longitude, radiusKm}; only profiles in `$visible` appear.
OPTIONAL MATCH (skill:Skill {id: $skillId})
OPTIONAL MATCH (topic:Topic {id: $topicId})
WITH skill, topic
WHERE ($skillId IS NULL OR skill IS NOT NULL) AND ($topicId IS NULL OR topic IS NOT NULL)
WITH CASE WHEN skill IS NOT NULL THEN [skill] ELSE [(topic)-[:COVERS]->(s:Skill) | s] END AS skills,
     CASE WHEN topic IS NOT NULL THEN [topic] ELSE [(t:Topic)-[:COVERS]->(skill) | t] END AS topics,
     datetime() - duration({days: $weights.recentDays}) AS recentSince
CALL (skills) {
  UNWIND skills AS s
  MATCH (c:Member)-[:HAS_SKILL]->(s)
  RETURN collect(DISTINCT c) AS holders
}
CALL (topics) {
  UNWIND topics AS t
  MATCH (t)<-[:TAGGED]-(:Question)<-[:ANSWERS]-(:Answer {accepted: true})<-[:ANSWERED]-(c:Member)
  RETURN collect(DISTINCT c) AS answerers
}
UNWIND holders + answerers AS c
WITH DISTINCT c, skills, topics, recentSince
WHERE (c.visibility IN $visible OR c.id = $viewerId)
WITH c, skills, topics, recentSince,
     CASE WHEN $near IS NULL OR c.latitude IS NULL THEN null
          ELSE point.distance(point({latitude: $near.latitude, longitude: $near.longitude}),
                              point({latitude: c.latitude, longitude: c.longitude})) / 1000.0 END AS distanceKm
WHERE $near IS NULL OR (distanceKm IS NOT NULL AND distanceKm <= $near.radiusKm)
WITH c, distanceKm, recentSince,
     [(c)-[h:HAS_SKILL]->(s:Skill) WHERE s IN skills | h] AS held,
     COUNT { MATCH (c)-[:ANSWERED]->(:Answer {accepted: true})-[:ANSWERS]->(q:Question)-[:TAGGED]->(t:Topic) WHERE t IN topics } AS acceptedAnswers
WITH c, distanceKm, acceptedAnswers,
     reduce(best = 0, h IN held | CASE WHEN h.level > best THEN h.level ELSE best END) AS level,
     reduce(total = 0, h IN held | total + h.endorsementCount) AS endorsements,
     [(c)-[:ANSWERED]->(a:Answer) WHERE a.createdAt >= recentSince | a.createdAt] AS recent,
     [(c)-[:ANSWERED]->(a:Answer) | a.createdAt] AS answered
WITH c, distanceKm, acceptedAnswers, level, endorsements, size(recent) AS recentAnswers,
     reduce(last = null, at IN answered | CASE WHEN last IS NULL OR at > last THEN at ELSE last END) AS lastAnsweredAt
WITH c, distanceKm, acceptedAnswers, level, endorsements, recentAnswers, lastAnsweredAt,
     $weights.level * toFloat(level)
     + $weights.endorsement * toFloat(CASE WHEN endorsements > $weights.endorsementCap THEN $weights.endorsementCap ELSE endorsements END)
     + $weights.acceptedAnswer * toFloat(CASE WHEN acceptedAnswers > $weights.acceptedAnswerCap THEN $weights.acceptedAnswerCap ELSE acceptedAnswers END)
     + $weights.recentAnswer * toFloat(CASE WHEN recentAnswers > $weights.recentAnswerCap THEN $weights.recentAnswerCap ELSE recentAnswers END) AS score
ORDER BY score DESC, c.id ASC
WITH collect({member: properties(c), score: score, level: level, endorsements: endorsements, acceptedAnswers: acceptedAnswers,
              recentAnswers: recentAnswers, lastAnsweredAt: lastAnsweredAt, distanceKm: distanceKm}) AS ranked
RETURN size(ranked) AS total, ranked[$skip..$skip + $limit] AS page
