// Answers: lookups, the answers of questions and of members, and the writes that create and edit them.
// An answer row is `a {.*}` plus `questionId` and `authorId`.

// name: answers_by_ids
// Answers by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (a:Answer {id: id})-[:ANSWERS]->(q:Question)
RETURN id, a {.*, questionId: q.id, authorId: [(a)<-[:ANSWERED]-(m:Member) | m.id][0]} AS answer

// name: answers_of_questions
// A page of each question's answers: the accepted one first, then by score (highest first),
// then oldest first, then by id; with each list's total (the question's answerCount).
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (q:Question {id: id})
CALL (q) {
  MATCH (q)<-[:ANSWERS]-(a:Answer)
  WITH a, CASE WHEN a.accepted THEN 0 ELSE 1 END AS rank
  ORDER BY
    CASE WHEN $fromEnd THEN rank END DESC,
    CASE WHEN $fromEnd THEN a.score END ASC,
    CASE WHEN $fromEnd THEN a.createdAt END DESC,
    CASE WHEN $fromEnd THEN a.id END DESC,
    rank ASC,
    a.score DESC,
    a.createdAt ASC,
    a.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(a {.*, questionId: q.id, authorId: [(a)<-[:ANSWERED]-(m:Member) | m.id][0]}) AS page
}
RETURN id, q.answerCount AS total, page

// name: answers_of_members
// A page of the answers each member wrote, newest first, with each list's total.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:ANSWERED]->(a:Answer)-[:ANSWERS]->(q:Question)
  WITH a, q
  ORDER BY
    CASE WHEN $fromEnd THEN a.createdAt END ASC,
    CASE WHEN $fromEnd THEN a.id END DESC,
    a.createdAt DESC,
    a.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(a {.*, questionId: q.id, authorId: m.id}) AS page
}
RETURN id, COUNT { MATCH (m)-[:ANSWERED]->(:Answer) } AS total, page

// name: viewer_votes_on_answers
// The viewer's vote (1 or -1) on each of the given answers they voted on.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[v:VOTED]->(a:Answer {id: id})
RETURN id, v.value AS value

// name: create_answer
// Answer a question. Takes the question's write lock first, then counts the answer in
// `answerCount` and stamps `firstAnsweredAt` on the first one; no row when either end is missing.
MATCH (q:Question {id: $questionId})
MATCH (author:Member {id: $authorId})
SET q.answerCount = q.answerCount
WITH q, author, datetime() AS now
CREATE (a:Answer)
SET a = $props,
    a.createdAt = now,
    a.updatedAt = now,
    a.upvotes = 0,
    a.downvotes = 0,
    a.score = 0,
    a.accepted = false
CREATE (author)-[:ANSWERED]->(a)
CREATE (a)-[:ANSWERS]->(q)
SET q.answerCount = q.answerCount + 1,
    q.firstAnsweredAt = coalesce(q.firstAnsweredAt, now)
RETURN a {.*, questionId: q.id, authorId: author.id} AS answer

// name: update_answer
// Change an answer's body when `$authorId` wrote it; returns no row otherwise.
MATCH (author:Member {id: $authorId})-[:ANSWERED]->(a:Answer {id: $id})-[:ANSWERS]->(q:Question)
SET a.body = $body, a.updatedAt = datetime()
RETURN a {.*, questionId: q.id, authorId: author.id} AS answer
