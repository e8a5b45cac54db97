// Votes and acceptances: the writes that move answer counters and members' reputation.
// Points come in as parameters (`$upvotePoints`, `$downvotePoints`, `$acceptedPoints`, from
// resolvers/qna/reputation.py), so the writes and the recomputation share one rule.
// Concurrency: every write that changes state changes the aggregate it depends on (the answer's
// counters for votes, the question's `acceptedAnswerId` for acceptances) after taking its write
// lock with a no-op SET. Neo4j then serialises them on the lock; the embedded engine detects the
// conflicting writes of the same record and the driver retries the loser, which then reads the
// winner's state. So identical concurrent votes count once, and one answer stays accepted.

// name: vote_answer
// Set the voter's vote on an answer: `$value` 1 (up), -1 (down) or 0 (withdraw). One VOTED per
// voter and answer; a change adjusts the counters and the author's reputation by the difference.
// Never on your own answer: returns no row then (and when the answer or voter is missing).
MATCH (a:Answer {id: $answerId})-[:ANSWERS]->(q:Question)
MATCH (a)<-[:ANSWERED]-(author:Member)
MATCH (voter:Member {id: $voterId})
WHERE author.id <> voter.id
SET a.upvotes = a.upvotes
WITH author, a, q, voter
OPTIONAL MATCH (voter)-[old:VOTED]->(a)
WITH author, a, q, voter, old, coalesce(old.value, 0) AS before, $value AS after
WITH author, a, q, voter, old, before, after,
  (CASE WHEN after = 1 THEN 1 ELSE 0 END) - (CASE WHEN before = 1 THEN 1 ELSE 0 END) AS up,
  (CASE WHEN after = -1 THEN 1 ELSE 0 END) - (CASE WHEN before = -1 THEN 1 ELSE 0 END) AS down
FOREACH (ignored IN CASE WHEN before = 0 AND after <> 0 THEN [1] ELSE [] END |
  CREATE (voter)-[:VOTED {value: after, at: datetime()}]->(a))
FOREACH (changed IN CASE WHEN before <> 0 AND after <> 0 AND before <> after THEN [old] ELSE [] END |
  SET changed.value = after, changed.at = datetime())
FOREACH (withdrawn IN CASE WHEN before <> 0 AND after = 0 THEN [old] ELSE [] END | DELETE withdrawn)
FOREACH (moved IN CASE WHEN up <> 0 OR down <> 0 THEN [1] ELSE [] END |
  SET a.upvotes = a.upvotes + up,
      a.downvotes = a.downvotes + down,
      a.score = a.score + up - down,
      author.reputation = coalesce(author.reputation, 0) + $upvotePoints * up + $downvotePoints * down)
RETURN a {.*, questionId: q.id, authorId: author.id} AS answer

// name: accept_answer
// Accept an answer, as its question's asker or a LEADER of the question's group (no row
// otherwise). A previously accepted answer of the question loses its acceptance and its author
// the points; the new author gains them, unless the author is the asker (self-accepts earn
// nothing). Accepting the accepted answer again changes nothing.
MATCH (a:Answer {id: $answerId})-[:ANSWERS]->(q:Question)<-[:ASKED]-(asker:Member)
MATCH (actor:Member {id: $actorId})
WHERE actor.id = asker.id
   OR EXISTS { MATCH (actor)-[r:MEMBER_OF]->(:Group)<-[:POSTED_IN]-(q) WHERE r.role = 'LEADER' }
SET q.answerCount = q.answerCount
WITH a, q, asker
MATCH (a)<-[:ANSWERED]-(author:Member)
OPTIONAL MATCH (q)<-[:ANSWERS]-(previous:Answer)<-[:ANSWERED]-(previousAuthor:Member)
WHERE previous.accepted AND previous.id <> a.id
WITH a, q, asker, author, previous, previousAuthor, a.accepted AS already
FOREACH (gone IN CASE WHEN previous IS NULL THEN [] ELSE [previous] END | SET gone.accepted = false)
FOREACH (loser IN CASE WHEN previous IS NULL OR previousAuthor.id = asker.id THEN [] ELSE [previousAuthor] END |
  SET loser.reputation = coalesce(loser.reputation, 0) - $acceptedPoints)
FOREACH (won IN CASE WHEN already THEN [] ELSE [a] END | SET won.accepted = true)
FOREACH (winner IN CASE WHEN already OR author.id = asker.id THEN [] ELSE [author] END |
  SET winner.reputation = coalesce(winner.reputation, 0) + $acceptedPoints)
SET q.acceptedAnswerId = a.id
RETURN a {.*, questionId: q.id, authorId: author.id} AS answer

// name: unaccept_answer
// Withdraw an answer's acceptance, with the same permission as `accept_answer` (no row
// otherwise). The author loses the points unless they asked the question; harmless when the
// answer is not accepted.
MATCH (a:Answer {id: $answerId})-[:ANSWERS]->(q:Question)<-[:ASKED]-(asker:Member)
MATCH (actor:Member {id: $actorId})
WHERE actor.id = asker.id
   OR EXISTS { MATCH (actor)-[r:MEMBER_OF]->(:Group)<-[:POSTED_IN]-(q) WHERE r.role = 'LEADER' }
SET q.answerCount = q.answerCount
WITH a, q, asker, a.accepted AS wasAccepted
MATCH (a)<-[:ANSWERED]-(author:Member)
FOREACH (gone IN CASE WHEN wasAccepted THEN [a] ELSE [] END | SET gone.accepted = false)
FOREACH (loser IN CASE WHEN wasAccepted AND author.id <> asker.id THEN [author] ELSE [] END |
  SET loser.reputation = coalesce(loser.reputation, 0) - $acceptedPoints)
SET q.acceptedAnswerId = CASE WHEN wasAccepted THEN null ELSE q.acceptedAnswerId END
RETURN a {.*, questionId: q.id, authorId: author.id} AS answer
