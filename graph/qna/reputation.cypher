// Reputation and Q&A counters recomputed from the relationships: the checks behind the
// invariants of graph/MODEL.md, and the repair that makes stored reputation match again.
// A member's reputation is, over the answers they wrote, `$upvotePoints` per up vote,
// `$downvotePoints` per down vote (negative), and `$acceptedPoints` per accepted answer on
// someone else's question.

// name: reputation_mismatches
// How many members hold a stored reputation that differs from the recomputed one (0 when consistent).
MATCH (m:Member)
CALL (m) {
  MATCH (m)-[:ANSWERED]->(a:Answer)-[:ANSWERS]->(:Question)<-[:ASKED]-(asker:Member)
  RETURN sum(
    $upvotePoints * COUNT { MATCH (a)<-[v:VOTED]-(:Member) WHERE v.value = 1 }
    + $downvotePoints * COUNT { MATCH (a)<-[v:VOTED]-(:Member) WHERE v.value = -1 }
    + CASE WHEN a.accepted AND asker.id <> m.id THEN $acceptedPoints ELSE 0 END
  ) AS expected
}
WITH m, expected
WHERE coalesce(m.reputation, 0) <> coalesce(expected, 0)
RETURN count(m) AS mismatches

// name: recompute_reputation
// Rewrite every member's reputation from the votes and acceptances of their answers; returns
// how many members changed.
MATCH (m:Member)
CALL (m) {
  MATCH (m)-[:ANSWERED]->(a:Answer)-[:ANSWERS]->(:Question)<-[:ASKED]-(asker:Member)
  RETURN sum(
    $upvotePoints * COUNT { MATCH (a)<-[v:VOTED]-(:Member) WHERE v.value = 1 }
    + $downvotePoints * COUNT { MATCH (a)<-[v:VOTED]-(:Member) WHERE v.value = -1 }
    + CASE WHEN a.accepted AND asker.id <> m.id THEN $acceptedPoints ELSE 0 END
  ) AS expected
}
WITH m, coalesce(expected, 0) AS expected
WHERE coalesce(m.reputation, 0) <> expected OR m.reputation IS NULL
SET m.reputation = expected
RETURN count(m) AS updated

// name: qna_counter_mismatches
// How many answers and questions hold counters that disagree with their relationships (0 when
// consistent): votes, score and self-votes on answers; answerCount, the accepted answer and
// firstAnsweredAt on questions.
MATCH (a:Answer)
WITH count(CASE WHEN
    a.upvotes <> COUNT { MATCH (a)<-[v:VOTED]-(:Member) WHERE v.value = 1 }
    OR a.downvotes <> COUNT { MATCH (a)<-[v:VOTED]-(:Member) WHERE v.value = -1 }
    OR a.score <> a.upvotes - a.downvotes
    OR EXISTS { MATCH (a)<-[:ANSWERED]-(author:Member) WHERE EXISTS { (author)-[:VOTED]->(a) } }
  THEN 1 END) AS answers
OPTIONAL MATCH (q:Question)
WITH answers, q, [(q)<-[:ANSWERS]-(x:Answer) WHERE x.accepted | x.id] AS accepted
RETURN answers,
  count(CASE WHEN
    q.answerCount <> COUNT { MATCH (q)<-[:ANSWERS]-(:Answer) }
    OR size(accepted) > 1
    OR coalesce(q.acceptedAnswerId, '') <> coalesce(accepted[0], '')
    OR (q.answerCount > 0) <> (q.firstAnsweredAt IS NOT NULL)
  THEN 1 END) AS questions
