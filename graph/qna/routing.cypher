// Routing questions to likely answerers: the candidates and their evidence, for a batch of
// questions in one statement. resolvers/qna/routing.py scores and ranks them with the weights of
// RoutingWeights, which also arrive here as parameters (never as literals).

// name: routing_candidates
// The raw material to route the questions `$ids`, computed once for the whole batch:
//   - `questions`: each question's id, its topic ids, the ids of the skills its topics COVER, and
//     `excluded` (its asker and everyone who answered it);
//   - `topicPools`: for each topic of the batch, the `$limit` members with the most accepted
//     answers on questions tagged with it;
//   - `skillPools`: for each covered skill of the batch, the `$limit` strongest holders by
//     `$skillLevelWeight * level + $endorsementWeight * min(endorsementCount, $endorsementCap)`;
//   - `candidates`: every pooled member the viewer may see (`$visible`, `$viewerId`) who asked or
//     answered something since `$activeSinceMillis` (epoch milliseconds), with their row, when they
//     were last active, `acceptedOn` (for each accepted answer: the question id, then its topic
//     ids) and `skills` ([skill id, level, endorsementCount] for each skill held).
// Each pool is cut to its top `$limit` before anything else is read, so a topic with thousands of
// skill holders costs one bounded sort. Pools walk relationships without label checks on purpose:
// on the embedded engine a label test loads every node on the way, which tripled the cost.
UNWIND $ids AS id
MATCH (q:Question {id: id})
WITH collect(q) AS batch
CALL (batch) {
  UNWIND batch AS q
  MATCH (q)-[:TAGGED]->(t:Topic)
  WITH DISTINCT t
  CALL (t) {
    MATCH (t)<-[:TAGGED]-()<-[:ANSWERS]-(a)
    WHERE a.accepted
    MATCH (a)<-[:ANSWERED]-(m)
    WITH m, count(*) AS accepted
    ORDER BY accepted DESC
    LIMIT $limit
    RETURN collect(m) AS members
  }
  RETURN collect({topicId: t.id, members: members}) AS topicPools
}
CALL (batch) {
  UNWIND batch AS q
  MATCH (q)-[:TAGGED]->(:Topic)-[:COVERS]->(s:Skill)
  WITH DISTINCT s
  CALL (s) {
    MATCH (s)<-[h:HAS_SKILL]-()
    WITH h, $skillLevelWeight * h.level
      + $endorsementWeight * CASE WHEN h.endorsementCount > $endorsementCap THEN $endorsementCap ELSE h.endorsementCount END
      AS strength
    ORDER BY strength DESC
    LIMIT $limit
    RETURN collect(startNode(h)) AS members
  }
  RETURN collect({skillId: s.id, members: members}) AS skillPools
}
CALL (topicPools, skillPools) {
  UNWIND topicPools + skillPools AS pool
  UNWIND pool.members AS m
  WITH DISTINCT m
  WHERE m.visibility IN $visible OR m.id = $viewerId
  CALL (m) {
    OPTIONAL MATCH (m)-[:ANSWERED]->(a:Answer)
    RETURN max(a.createdAt) AS lastAnswerAt, collect(CASE WHEN a.accepted THEN a END) AS accepted
  }
  CALL (m) {
    OPTIONAL MATCH (m)-[:ASKED]->(x:Question)
    RETURN max(x.createdAt) AS lastQuestionAt
  }
  WITH m, accepted,
    CASE WHEN lastQuestionAt IS NULL OR lastAnswerAt >= lastQuestionAt THEN lastAnswerAt ELSE lastQuestionAt END
      AS lastActiveAt
  WHERE lastActiveAt.epochMillis >= $activeSinceMillis
  // Projected first: the embedded engine reads `{member: m {.*}, ...}` as the projection alone.
  WITH m {.*} AS member, lastActiveAt,
    [a IN accepted | [(a)-[:ANSWERS]->(o:Question) | [o.id] + [(o)-[:TAGGED]->(t:Topic) | t.id]][0]] AS acceptedOn,
    [(m)-[h:HAS_SKILL]->(s:Skill) | [s.id, h.level, h.endorsementCount]] AS skills
  RETURN collect({member: member, lastActiveAt: lastActiveAt, acceptedOn: acceptedOn, skills: skills}) AS candidates
}
UNWIND batch AS q
WITH topicPools, skillPools, candidates, q,
  [(q)<-[:ASKED]-(asker:Member) | asker.id]
    + [(q)<-[:ANSWERS]-(:Answer)<-[:ANSWERED]-(answerer:Member) | answerer.id] AS excluded,
  [(q)-[:TAGGED]->(t:Topic) | t.id] AS topicIds,
  [(q)-[:TAGGED]->(:Topic)-[:COVERS]->(s:Skill) | s.id] AS skillIds
WITH topicPools, skillPools, candidates,
  collect({id: q.id, excluded: excluded, topicIds: topicIds, skillIds: skillIds}) AS questions
RETURN questions,
  [pool IN topicPools | {topicId: pool.topicId, memberIds: [m IN pool.members | m.id]}] AS topicPools,
  [pool IN skillPools | {skillId: pool.skillId, memberIds: [m IN pool.members | m.id]}] AS skillPools,
  candidates
