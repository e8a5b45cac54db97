// Ideas: posting, editing, voting, following and commenting, and the lists they appear in
// (graph/MODEL.md, "Ideas"). An idea row is the node's properties plus `productAreaId` and
// `authorId`, the shape of `ideas_by_ids` (core.cypher), so list rows prime that loader.
// Concurrency: every write to an existing idea runs in a transaction that starts with
// `ideas_lock` (a real write of `Idea.version`), then reads the state it changes. Neo4j
// serialises such transactions on the idea's write lock; on the embedded engine (MVCC) one of
// two racing transactions fails at commit and is run again, re-reading the winner's state.

// name: ideas_page
// A filtered, ordered page of ideas. `$statuses` null lists every status but MERGED; a merged
// idea is listed only when asked for by status. `$authorId` matches only an author whose
// profile the viewer may see (`$visible`, `$viewerId`), so the filter cannot reveal a hidden
// author's ideas. Every order ends on the unique id.
MATCH (i:Idea)
WHERE (CASE WHEN $statuses IS NULL THEN i.status <> 'MERGED' ELSE i.status IN $statuses END)
  AND ($search IS NULL OR i.searchText CONTAINS $search)
MATCH (i)-[:IN_AREA]->(t:Topic)
WHERE $productAreaId IS NULL OR t.id = $productAreaId
MATCH (i)<-[:PROPOSED]-(a:Member)
WHERE $authorId IS NULL OR (a.id = $authorId AND (a.visibility IN $visible OR a.id = $viewerId))
WITH i, t, a
ORDER BY
  CASE WHEN $orderBy = 'POINTS' THEN i.points END DESC,
  CASE WHEN $orderBy = 'TRENDING' THEN i.trend END DESC,
  CASE WHEN $orderBy = 'NEWEST' THEN i.createdAt END DESC,
  CASE WHEN $orderBy = 'COINS' THEN i.coins END DESC,
  i.id ASC
SKIP $skip LIMIT $limit
RETURN i {.*, productAreaId: t.id, authorId: a.id} AS idea

// name: ideas_count
// How many ideas match the filter of `ideas_page`.
MATCH (i:Idea)
WHERE (CASE WHEN $statuses IS NULL THEN i.status <> 'MERGED' ELSE i.status IN $statuses END)
  AND ($search IS NULL OR i.searchText CONTAINS $search)
MATCH (i)-[:IN_AREA]->(t:Topic)
WHERE $productAreaId IS NULL OR t.id = $productAreaId
MATCH (i)<-[:PROPOSED]-(a:Member)
WHERE $authorId IS NULL OR (a.id = $authorId AND (a.visibility IN $visible OR a.id = $viewerId))
RETURN count(i) AS total

// name: ideas_of_members
// A page of the ideas each member proposed (every status), newest first, with each total.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:PROPOSED]->(i:Idea)-[:IN_AREA]->(t:Topic)
  WITH m, i, t
  ORDER BY
    CASE WHEN $fromEnd THEN i.createdAt END ASC,
    CASE WHEN $fromEnd THEN i.id END DESC,
    i.createdAt DESC,
    i.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(i {.*, productAreaId: t.id, authorId: m.id}) AS page
}
RETURN id, COUNT { MATCH (m)-[:PROPOSED]->(:Idea) } AS total, page

// name: ideas_followers
// A page of each idea's visible followers, newest follow first, with each list's total (of
// visible followers; `Idea.followerCount` counts them all). Rows are members plus `followedAt`.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (i:Idea {id: id})
CALL (i) {
  MATCH (i)<-[f:FOLLOWS]-(m:Member)
  WHERE m.visibility IN $visible OR m.id = $viewerId
  WITH m, f
  ORDER BY
    CASE WHEN $fromEnd THEN f.since END ASC,
    CASE WHEN $fromEnd THEN m.id END DESC,
    f.since DESC,
    m.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(m {.*, followedAt: f.since}) AS page
}
RETURN id, COUNT { MATCH (i)<-[:FOLLOWS]-(m:Member) WHERE m.visibility IN $visible OR m.id = $viewerId } AS total, page

// name: ideas_comments
// A page of each idea's comments, oldest first, with each total. Rows are the comment's
// properties plus `ideaId`, `authorId` and `author` (the member's properties, so listing
// comments costs no second query for their authors; privacy is applied by the caller).
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (i:Idea {id: id})
CALL (i) {
  MATCH (i)<-[:ON]-(c:IdeaComment)<-[:WROTE]-(a:Member)
  WITH i, c, a
  ORDER BY
    CASE WHEN $fromEnd THEN c.createdAt END DESC,
    CASE WHEN $fromEnd THEN c.id END DESC,
    c.createdAt ASC,
    c.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(c {.*, ideaId: i.id, authorId: a.id, author: properties(a)}) AS page
}
RETURN id, COUNT { MATCH (i)<-[:ON]-(:IdeaComment) } AS total, page

// name: ideas_comments_by_ids
// Idea comments by id: the comment's properties plus `ideaId` and `authorId`.
UNWIND $ids AS id
MATCH (c:IdeaComment {id: id})-[:ON]->(i:Idea)
OPTIONAL MATCH (c)<-[:WROTE]-(a:Member)
RETURN id, c {.*, ideaId: i.id, authorId: a.id} AS comment

// name: ideas_viewer_votes
// The viewer's vote (1 or -1) on each of the given ideas they voted on.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[v:VOTED]->(:Idea {id: id})
RETURN id, v.value AS value

// name: ideas_viewer_follows
// Which of the given ideas the viewer follows; one row per followed id.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[:FOLLOWS]->(:Idea {id: id})
RETURN id

// name: ideas_create
// Post an idea in a product area: status NEW, every counter 0 but `followerCount` (its author
// follows it from the start), trend 0.0, version 0. No row when the author or the area is missing.
MATCH (author:Member {id: $authorId})
MATCH (t:Topic {id: $productAreaId})
WITH author, t, datetime() AS now
CREATE (i:Idea)
SET i = $props
SET i.status = 'NEW', i.points = 0, i.upVotes = 0, i.downVotes = 0, i.followerCount = 1,
    i.commentCount = 0, i.coins = 0, i.trend = 0.0, i.version = 0, i.createdAt = now, i.updatedAt = now
// A separate SET: within one SET clause the embedded engine reads the properties as they were before it.
SET i.searchText = toLower(i.title + ' ' + i.description)
CREATE (author)-[:PROPOSED]->(i)
CREATE (i)-[:IN_AREA]->(t)
CREATE (author)-[:FOLLOWS {since: now}]->(i)
RETURN i {.*, productAreaId: t.id, authorId: author.id} AS idea

// name: ideas_lock
// Take an idea's lock with a real write (`version` + 1; a no-op SET is no write on the embedded
// engine) and return the state the rules decide on: status, author and whether `$memberId`
// (the member acting) exists. No row when the idea does not exist.
MATCH (i:Idea {id: $ideaId})
SET i.version = i.version + 1
WITH i
OPTIONAL MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN i.status AS status, a.id AS authorId, EXISTS { MATCH (m:Member) WHERE m.id = $memberId } AS memberExists

// name: ideas_move_area
// Move an idea to another product area; no row when that area does not exist.
MATCH (t:Topic {id: $productAreaId})
MATCH (i:Idea {id: $ideaId})-[r:IN_AREA]->(:Topic)
DELETE r
CREATE (i)-[:IN_AREA]->(t)
RETURN t.id AS productAreaId

// name: ideas_update
// Change an idea's title and description (`$props` holds only validated keys) and keep its
// search text in step; returns the idea row.
MATCH (i:Idea {id: $ideaId})
SET i += $props, i.updatedAt = datetime()
SET i.searchText = toLower(i.title + ' ' + i.description)
WITH i
MATCH (i)-[:IN_AREA]->(t:Topic)
MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN i {.*, productAreaId: t.id, authorId: a.id} AS idea

// name: ideas_vote
// Set a member's vote on an idea: `$value` 1 (up), -1 (down) or 0 (withdraw); the same value
// again changes nothing. A new or changed vote stores `at` (`$atMillis`) and `trend` (`$trend`,
// resolvers/ideas/trending.py); counters, points (`$votePoints` each) and the idea's trend move
// by the difference. The vote that makes a NEW idea's points reach `$threshold` moves it to
// UNDER_REVIEW at the vote's time and records that change (`$changeId`; no comment, no
// CHANGED_STATUS: nobody made it). Run after `ideas_lock` in the same transaction.
MATCH (i:Idea {id: $ideaId})
MATCH (voter:Member {id: $voterId})
OPTIONAL MATCH (voter)-[old:VOTED]->(i)
WITH i, voter, old, coalesce(old.value, 0) AS before, coalesce(old.trend, 0.0) AS beforeTrend,
  datetime({epochMillis: $atMillis}) AS at
WITH i, voter, old, before, at,
  (CASE WHEN $value = 1 THEN 1 ELSE 0 END) - (CASE WHEN before = 1 THEN 1 ELSE 0 END) AS up,
  (CASE WHEN $value = -1 THEN 1 ELSE 0 END) - (CASE WHEN before = -1 THEN 1 ELSE 0 END) AS down,
  CASE WHEN before = $value THEN 0.0 WHEN $value = 0 THEN -beforeTrend ELSE $trend - beforeTrend END AS trendDelta
FOREACH (ignored IN CASE WHEN before = 0 AND $value <> 0 THEN [1] ELSE [] END |
  CREATE (voter)-[:VOTED {value: $value, at: at, trend: $trend}]->(i))
FOREACH (changed IN CASE WHEN before <> 0 AND $value <> 0 AND before <> $value THEN [old] ELSE [] END |
  SET changed.value = $value, changed.at = at, changed.trend = $trend)
FOREACH (withdrawn IN CASE WHEN before <> 0 AND $value = 0 THEN [old] ELSE [] END | DELETE withdrawn)
SET i.upVotes = i.upVotes + up,
    i.downVotes = i.downVotes + down,
    i.points = i.points + $votePoints * (up - down),
    i.trend = i.trend + trendDelta
// Float sums drift (by about 1e-16 of the largest vote weight); an idea left without votes gets
// exactly 0.0 back. A separate SET: the engine reads properties as they were before a SET clause.
SET i.trend = CASE WHEN i.upVotes + i.downVotes = 0 THEN 0.0 ELSE i.trend END
WITH i, at, i.status = 'NEW' AND i.points >= $threshold AS crossing
FOREACH (ignored IN CASE WHEN crossing THEN [1] ELSE [] END |
  SET i.status = 'UNDER_REVIEW', i.underReviewAt = at, i.statusChangedAt = at
  CREATE (i)-[:HAD_STATUS]->(:IdeaStatusChange {id: $changeId, from: 'NEW', to: 'UNDER_REVIEW', at: at}))
WITH i, crossing
MATCH (i)-[:IN_AREA]->(t:Topic)
MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN i {.*, productAreaId: t.id, authorId: a.id} AS idea, crossing AS movedToReview

// name: ideas_follow
// Follow an idea; idempotent: `followerCount` moves only when the follow is new.
MATCH (i:Idea {id: $ideaId})
MATCH (m:Member {id: $memberId})
MERGE (m)-[f:FOLLOWS]->(i)
ON CREATE SET f.since = datetime(), i.followerCount = i.followerCount + 1
WITH i
MATCH (i)-[:IN_AREA]->(t:Topic)
MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN i {.*, productAreaId: t.id, authorId: a.id} AS idea

// name: ideas_unfollow
// Stop following an idea; idempotent: `followerCount` moves only when a follow existed.
MATCH (i:Idea {id: $ideaId})
MATCH (m:Member {id: $memberId})
OPTIONAL MATCH (m)-[f:FOLLOWS]->(i)
WITH i, f, CASE WHEN f IS NULL THEN 0 ELSE 1 END AS removed
DELETE f
SET i.followerCount = i.followerCount - removed
WITH i
MATCH (i)-[:IN_AREA]->(t:Topic)
MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN i {.*, productAreaId: t.id, authorId: a.id} AS idea

// name: ideas_comment
// Comment on an idea (`$props`: id and body) and count it; returns the comment row and the idea row.
MATCH (i:Idea {id: $ideaId})
MATCH (m:Member {id: $memberId})
CREATE (m)-[:WROTE]->(c:IdeaComment)-[:ON]->(i)
SET c = $props
SET c.createdAt = datetime()
SET i.commentCount = i.commentCount + 1
WITH i, m, c
MATCH (i)-[:IN_AREA]->(t:Topic)
MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN c {.*, ideaId: i.id, authorId: m.id} AS comment, i {.*, productAreaId: t.id, authorId: a.id} AS idea
