// The reads every recognition area shares (graph/MODEL.md, "Recognition").

// name: recognition_current_mvps
// Which of `$ids` serve an MVP term covering `$now` (epoch millis): one row per such member.
UNWIND $ids AS id
MATCH (m:Member {id: id})-[:HAS_TERM]->(t:MvpTerm)
WHERE t.startsAt <= datetime({epochMillis: $now}) AND t.endsAt > datetime({epochMillis: $now})
RETURN DISTINCT id
