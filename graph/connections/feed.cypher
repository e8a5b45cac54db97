// name: feed_sources
// The newest items of each home-feed source that come after the cursor in feed order (time
// descending, then id descending; `$beforeAt` is an ISO-8601 time, `$beforeId` an id; the first
// page passes a far-future time). Sources: questions in topics the viewer follows and in the
// viewer's groups (not their own), answers to the viewer's questions (not their own), upcoming
// events hosted by the viewer's groups, new followers, and status changes of the ideas the viewer
// follows or voted on (with the change to MERGED of the duplicates merged into them: their
// followers and voters moved there), except the changes the viewer made. Each source is cut to
// `$limit` items on its own and `resolvers/connections/feed.py` merges them, so the work grows
// with the viewer's follows, groups and votes one by one, never with their product.
MATCH (v:Member {id: $viewerId})
WITH v, datetime($beforeAt) AS before
CALL (v, before) {
  MATCH (v)-[:FOLLOWS]->(t:Topic)
  CALL (v, t, before) {
    MATCH (t)<-[:TAGGED]-(q:Question)
    WHERE (q.createdAt < before OR (q.createdAt = before AND q.id < $beforeId)) AND NOT EXISTS { (v)-[:ASKED]->(q) }
    WITH q ORDER BY q.createdAt DESC, q.id DESC LIMIT $limit
    RETURN q
  }
  WITH q, collect(properties(t)) AS topics
  ORDER BY q.createdAt DESC, q.id DESC LIMIT $limit
  RETURN collect({at: q.createdAt, id: q.id, question: properties(q), topics: topics}) AS topicQuestions
}
CALL (v, before) {
  MATCH (v)-[:MEMBER_OF]->(g:Group)
  CALL (v, g, before) {
    MATCH (g)<-[:POSTED_IN]-(q:Question)
    WHERE (q.createdAt < before OR (q.createdAt = before AND q.id < $beforeId)) AND NOT EXISTS { (v)-[:ASKED]->(q) }
    WITH q ORDER BY q.createdAt DESC, q.id DESC LIMIT $limit
    RETURN q
  }
  WITH q, g ORDER BY q.createdAt DESC, q.id DESC LIMIT $limit
  RETURN collect({at: q.createdAt, id: q.id, question: properties(q), group: properties(g)}) AS groupQuestions
}
CALL (v, before) {
  MATCH (v)-[:ASKED]->(q:Question)<-[:ANSWERS]-(a:Answer)<-[:ANSWERED]-(author:Member)
  WHERE author <> v AND (a.createdAt < before OR (a.createdAt = before AND a.id < $beforeId))
  WITH a, q ORDER BY a.createdAt DESC, a.id DESC LIMIT $limit
  RETURN collect({at: a.createdAt, id: a.id, answer: properties(a), question: properties(q)}) AS answers
}
CALL (v, before) {
  MATCH (v)-[:MEMBER_OF]->(g:Group)-[:HOSTS]->(e:Event)
  WHERE e.startsAt > datetime() AND (e.createdAt < before OR (e.createdAt = before AND e.id < $beforeId))
  WITH e, g ORDER BY e.createdAt DESC, e.id DESC LIMIT $limit
  RETURN collect({at: e.createdAt, id: e.id, event: properties(e), group: properties(g)}) AS events
}
CALL (v, before) {
  MATCH (v)<-[f:FOLLOWS]-(m:Member)
  WHERE m.visibility IN $visible AND (f.since < before OR (f.since = before AND m.id < $beforeId))
  WITH f, m ORDER BY f.since DESC, m.id DESC LIMIT $limit
  RETURN collect({at: f.since, id: m.id, member: properties(m)}) AS followers
}
CALL (v, before) {
  MATCH (v)-[:FOLLOWS]->(i:Idea)
  CALL (v, i, before) {
    MATCH (i)<-[:MERGED_INTO*0..1]-(s:Idea)-[:HAD_STATUS]->(c:IdeaStatusChange)
    WHERE (s = i OR c.to = 'MERGED') AND (c.at < before OR (c.at = before AND c.id < $beforeId))
    OPTIONAL MATCH (c)<-[:CHANGED_STATUS]-(pm:Member)
    WITH s, c, pm WHERE pm IS NULL OR pm <> v
    WITH s, c, pm ORDER BY c.at DESC, c.id DESC LIMIT $limit
    RETURN s, c, pm
  }
  WITH s, c, pm ORDER BY c.at DESC, c.id DESC LIMIT $limit
  RETURN collect({at: c.at, id: c.id, change: properties(c), ideaId: s.id, changedById: pm.id}) AS followedIdeaChanges
}
CALL (v, before) {
  MATCH (v)-[:VOTED]->(i:Idea)
  CALL (v, i, before) {
    MATCH (i)<-[:MERGED_INTO*0..1]-(s:Idea)-[:HAD_STATUS]->(c:IdeaStatusChange)
    WHERE (s = i OR c.to = 'MERGED') AND (c.at < before OR (c.at = before AND c.id < $beforeId))
    OPTIONAL MATCH (c)<-[:CHANGED_STATUS]-(pm:Member)
    WITH s, c, pm WHERE pm IS NULL OR pm <> v
    WITH s, c, pm ORDER BY c.at DESC, c.id DESC LIMIT $limit
    RETURN s, c, pm
  }
  WITH s, c, pm ORDER BY c.at DESC, c.id DESC LIMIT $limit
  RETURN collect({at: c.at, id: c.id, change: properties(c), ideaId: s.id, changedById: pm.id}) AS votedIdeaChanges
}
RETURN topicQuestions, groupQuestions, answers, events, followers, followedIdeaChanges, votedIdeaChanges
