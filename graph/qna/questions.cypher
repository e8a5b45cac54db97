// Questions: lookups, lists, statistics and the writes that create and edit them.
// A question row is `q {.*}` plus `authorId`, `groupId` (null when not posted in a group) and
// `topics` (its Topic rows, at most five): every statement that returns questions returns that
// shape, so a page of questions with their topics costs one round trip.

// name: questions_by_ids
// Questions by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (q:Question {id: id})
RETURN id, q {.*,
  authorId: [(q)<-[:ASKED]-(m:Member) | m.id][0],
  groupId: [(q)-[:POSTED_IN]->(g:Group) | g.id][0],
  topics: [(q)-[:TAGGED]->(t:Topic) | t {.*}]
} AS question

// name: questions_page
// A page of all questions, filtered by search text and answers, ordered. `$orderBy`: NEWEST
// (createdAt desc), VOTES (the best answer's score desc; a question without answers counts 0,
// then newest first) or UNANSWERED_OLDEST (only questions without answers, oldest first). Every
// order ends on the unique id. With a topic, group or author, use `anchored_questions_page`: on
// the embedded engine the anchored form is 3x faster for a topic but 3x slower without one.
MATCH (q:Question)
WHERE ($search IS NULL OR q.searchText CONTAINS $search)
  AND ($unanswered IS NULL OR (q.answerCount = 0) = $unanswered)
  AND ($orderBy <> 'UNANSWERED_OLDEST' OR q.answerCount = 0)
// Only the VOTES order looks at the answers (a CASE evaluates its branch only when taken).
WITH q, CASE WHEN $orderBy = 'VOTES' THEN coalesce(reduce(best = null, score IN [(q)<-[:ANSWERS]-(a:Answer) | a.score] |
  CASE WHEN best IS NULL OR score > best THEN score ELSE best END), 0) END AS bestScore
ORDER BY
  CASE WHEN $orderBy = 'VOTES' THEN bestScore END DESC,
  CASE WHEN $orderBy = 'UNANSWERED_OLDEST' THEN q.createdAt END ASC,
  CASE WHEN $orderBy <> 'UNANSWERED_OLDEST' THEN q.createdAt END DESC,
  q.id ASC
SKIP $skip LIMIT $limit
RETURN q {.*,
  authorId: [(q)<-[:ASKED]-(m:Member) | m.id][0],
  groupId: [(q)-[:POSTED_IN]->(g:Group) | g.id][0],
  topics: [(q)-[:TAGGED]->(t:Topic) | t {.*}]
} AS question

// name: questions_count
// How many questions match the filter of `questions_page`.
MATCH (q:Question)
WHERE ($search IS NULL OR q.searchText CONTAINS $search)
  AND ($unanswered IS NULL OR (q.answerCount = 0) = $unanswered)
  AND ($orderBy <> 'UNANSWERED_OLDEST' OR q.answerCount = 0)
RETURN count(q) AS total

// name: anchored_questions_page
// `questions_page` for a topic, group or author: a filtered, ordered page of questions. `$orderBy`: NEWEST (createdAt desc), VOTES (the best
// answer's score desc; a question without answers counts 0, then newest first) or
// UNANSWERED_OLDEST (only questions without answers, oldest first). Every order ends on the
// unique id. `$authorId` matches only an author the viewer may see (`$visible`, `$viewerId`).
// It starts from the most selective anchor given (topic, then group, then author), else from every
// question: the embedded engine does not choose the anchor itself, and filtering every question
// was measured 4x slower for a topic. Exactly one branch yields rows.
CALL () {
  MATCH (:Topic {id: $topicId})<-[:TAGGED]-(q:Question)
  RETURN q
  UNION ALL
  MATCH (:Group {id: $groupId})<-[:POSTED_IN]-(q:Question)
  WHERE $topicId IS NULL
  RETURN q
  UNION ALL
  MATCH (:Member {id: $authorId})-[:ASKED]->(q:Question)
  WHERE $topicId IS NULL AND $groupId IS NULL
  RETURN q
  UNION ALL
  MATCH (q:Question)
  WHERE $topicId IS NULL AND $groupId IS NULL AND $authorId IS NULL
  RETURN q
}
WITH q
WHERE ($search IS NULL OR q.searchText CONTAINS $search)
  AND ($unanswered IS NULL OR (q.answerCount = 0) = $unanswered)
  AND ($orderBy <> 'UNANSWERED_OLDEST' OR q.answerCount = 0)
  AND ($topicId IS NULL OR EXISTS { MATCH (q)-[:TAGGED]->(t:Topic) WHERE t.id = $topicId })
  AND ($groupId IS NULL OR EXISTS { MATCH (q)-[:POSTED_IN]->(g:Group) WHERE g.id = $groupId })
  AND ($authorId IS NULL OR EXISTS {
    MATCH (q)<-[:ASKED]-(author:Member)
    WHERE author.id = $authorId AND (author.visibility IN $visible OR author.id = $viewerId)
  })
// Only the VOTES order looks at the answers (a CASE evaluates its branch only when taken).
WITH q, CASE WHEN $orderBy = 'VOTES' THEN coalesce(reduce(best = null, score IN [(q)<-[:ANSWERS]-(a:Answer) | a.score] |
  CASE WHEN best IS NULL OR score > best THEN score ELSE best END), 0) END AS bestScore
ORDER BY
  CASE WHEN $orderBy = 'VOTES' THEN bestScore END DESC,
  CASE WHEN $orderBy = 'UNANSWERED_OLDEST' THEN q.createdAt END ASC,
  CASE WHEN $orderBy <> 'UNANSWERED_OLDEST' THEN q.createdAt END DESC,
  q.id ASC
SKIP $skip LIMIT $limit
RETURN q {.*,
  authorId: [(q)<-[:ASKED]-(m:Member) | m.id][0],
  groupId: [(q)-[:POSTED_IN]->(g:Group) | g.id][0],
  topics: [(q)-[:TAGGED]->(t:Topic) | t {.*}]
} AS question

// name: anchored_questions_count
// How many questions match the filter of `anchored_questions_page` (anchored the same way).
CALL () {
  MATCH (:Topic {id: $topicId})<-[:TAGGED]-(q:Question)
  RETURN q
  UNION ALL
  MATCH (:Group {id: $groupId})<-[:POSTED_IN]-(q:Question)
  WHERE $topicId IS NULL
  RETURN q
  UNION ALL
  MATCH (:Member {id: $authorId})-[:ASKED]->(q:Question)
  WHERE $topicId IS NULL AND $groupId IS NULL
  RETURN q
  UNION ALL
  MATCH (q:Question)
  WHERE $topicId IS NULL AND $groupId IS NULL AND $authorId IS NULL
  RETURN q
}
WITH q
WHERE ($search IS NULL OR q.searchText CONTAINS $search)
  AND ($unanswered IS NULL OR (q.answerCount = 0) = $unanswered)
  AND ($orderBy <> 'UNANSWERED_OLDEST' OR q.answerCount = 0)
  AND ($topicId IS NULL OR EXISTS { MATCH (q)-[:TAGGED]->(t:Topic) WHERE t.id = $topicId })
  AND ($groupId IS NULL OR EXISTS { MATCH (q)-[:POSTED_IN]->(g:Group) WHERE g.id = $groupId })
  AND ($authorId IS NULL OR EXISTS {
    MATCH (q)<-[:ASKED]-(author:Member)
    WHERE author.id = $authorId AND (author.visibility IN $visible OR author.id = $viewerId)
  })
RETURN count(q) AS total

// name: questions_of_members
// A page of the questions each member asked, newest first, with each list's total.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:ASKED]->(q:Question)
  WITH q
  ORDER BY
    CASE WHEN $fromEnd THEN q.createdAt END ASC,
    CASE WHEN $fromEnd THEN q.id END DESC,
    q.createdAt DESC,
    q.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(q {.*,
    authorId: m.id,
    groupId: [(q)-[:POSTED_IN]->(g:Group) | g.id][0],
    topics: [(q)-[:TAGGED]->(t:Topic) | t {.*}]
  }) AS page
}
RETURN id, COUNT { MATCH (m)-[:ASKED]->(:Question) } AS total, page

// name: answer_stats
// How fast questions get answered, in one pass: questions asked (since `$sinceMillis`, epoch
// milliseconds, when given; in a topic or group when given), how many have an answer, how many
// got their first answer within `$withinHours`, and the median hours to a first answer.
// percentileCont runs on the embedded engine (measured) as on Neo4j. Anchored like `questions_page`.
CALL () {
  MATCH (:Topic {id: $topicId})<-[:TAGGED]-(q:Question)
  RETURN q
  UNION ALL
  MATCH (:Group {id: $groupId})<-[:POSTED_IN]-(q:Question)
  WHERE $topicId IS NULL
  RETURN q
  UNION ALL
  MATCH (q:Question)
  WHERE $topicId IS NULL AND $groupId IS NULL
  RETURN q
}
WITH q
WHERE ($sinceMillis IS NULL OR q.createdAt.epochMillis >= $sinceMillis)
  AND ($topicId IS NULL OR EXISTS { MATCH (q)-[:TAGGED]->(t:Topic) WHERE t.id = $topicId })
  AND ($groupId IS NULL OR EXISTS { MATCH (q)-[:POSTED_IN]->(g:Group) WHERE g.id = $groupId })
WITH q,
  CASE WHEN q.firstAnsweredAt IS NULL THEN null
       ELSE (q.firstAnsweredAt.epochMillis - q.createdAt.epochMillis) / 3600000.0 END AS hours
RETURN count(q) AS questionCount,
       count(hours) AS answeredCount,
       count(CASE WHEN hours <= $withinHours THEN 1 END) AS answeredWithinCount,
       percentileCont(hours, 0.5) AS medianHours

// name: create_question
// Ask a question tagged with `$topicIds`, in group `$groupId` when given; returns no row when
// the asker does not exist or is not a member of that group (nothing is written then).
MATCH (asker:Member {id: $authorId})
OPTIONAL MATCH (asker)-[:MEMBER_OF]->(g:Group {id: $groupId})
WITH asker, g, datetime() AS now
WHERE $groupId IS NULL OR g IS NOT NULL
CREATE (q:Question)
SET q = $props,
    q.createdAt = now,
    q.updatedAt = now,
    q.answerCount = 0
SET q.searchText = toLower(q.title + ' ' + q.body)
CREATE (asker)-[:ASKED]->(q)
FOREACH (group IN CASE WHEN g IS NULL THEN [] ELSE [g] END | CREATE (q)-[:POSTED_IN]->(group))
WITH q
CALL (q) {
  UNWIND $topicIds AS topicId
  MATCH (t:Topic {id: topicId})
  CREATE (q)-[:TAGGED]->(t)
  RETURN count(t) AS tagged
}
RETURN q.id AS id, tagged

// name: update_question
// Change a question's title or body when `$authorId` asked it; returns no row otherwise.
MATCH (author:Member {id: $authorId})-[:ASKED]->(q:Question {id: $id})
SET q += $props, q.updatedAt = datetime()
SET q.searchText = toLower(q.title + ' ' + q.body)
RETURN q.id AS id

// name: replace_question_topics
// Tag the question with exactly the given topics.
MATCH (q:Question {id: $id})
OPTIONAL MATCH (q)-[old:TAGGED]->(:Topic)
DELETE old
WITH DISTINCT q
CALL (q) {
  UNWIND $topicIds AS topicId
  MATCH (t:Topic {id: topicId})
  CREATE (q)-[:TAGGED]->(t)
  RETURN count(t) AS tagged
}
RETURN q.id AS id, tagged
