// An idea's lifecycle (graph/MODEL.md, "Ideas"): status changes (IdeaStatusChange, HAD_STATUS,
// CHANGED_STATUS), merges of duplicates (MERGED_INTO) and the roadmap. Idea rows have the shape of
// `ideas_by_ids` (graph/ideas/core.cypher): the node's properties plus `productAreaId` and
// `authorId`; status change rows are the node's properties plus `ideaId` and `changedById` (null
// for the automatic move to UNDER_REVIEW).

// name: lifecycle_history_of_ideas
// A page of each idea's status history, newest first (then by id), with each history's length.
UNWIND $ids AS id
MATCH (i:Idea {id: id})
CALL (i) {
  MATCH (i)-[:HAD_STATUS]->(c:IdeaStatusChange)
  WITH i, c ORDER BY c.at DESC, c.id DESC SKIP $skip LIMIT $limit
  OPTIONAL MATCH (m:Member)-[:CHANGED_STATUS]->(c)
  WITH i, c, m ORDER BY c.at DESC, c.id DESC
  RETURN collect(c {.*, ideaId: i.id, changedById: m.id}) AS page
}
RETURN id, COUNT { (i)-[:HAD_STATUS]->(:IdeaStatusChange) } AS total, page

// name: lifecycle_status_changes_by_ids
// Status change rows by id.
UNWIND $ids AS id
MATCH (c:IdeaStatusChange {id: id})<-[:HAD_STATUS]-(i:Idea)
OPTIONAL MATCH (m:Member)-[:CHANGED_STATUS]->(c)
RETURN id, c {.*, ideaId: i.id, changedById: m.id} AS change

// name: lifecycle_survivors_of_ideas
// The idea each merged idea was merged into (its MERGED_INTO), as idea rows; none for the others.
UNWIND $ids AS id
MATCH (:Idea {id: id})-[:MERGED_INTO]->(s:Idea)
OPTIONAL MATCH (s)-[:IN_AREA]->(t:Topic)
OPTIONAL MATCH (s)<-[:PROPOSED]-(a:Member)
RETURN id, s {.*, productAreaId: t.id, authorId: a.id} AS idea

// name: lifecycle_roadmap
// For each status of `$statuses`: how many ideas have it (in product area `$productAreaId`, or in
// every area when null) and the first `$limit` of them by expected release (earliest first, none
// last), then points (highest first), then id. One row per status.
UNWIND $statuses AS status
CALL (status) {
  MATCH (i:Idea {status: status})
  WHERE $productAreaId IS NULL OR EXISTS { (i)-[:IN_AREA]->(:Topic {id: $productAreaId}) }
  RETURN count(i) AS total
}
CALL (status) {
  MATCH (i:Idea {status: status})
  WHERE $productAreaId IS NULL OR EXISTS { (i)-[:IN_AREA]->(:Topic {id: $productAreaId}) }
  WITH i ORDER BY i.expectedRelease IS NULL, i.expectedRelease, i.points DESC, i.id LIMIT $limit
  OPTIONAL MATCH (i)-[:IN_AREA]->(t:Topic)
  OPTIONAL MATCH (i)<-[:PROPOSED]-(a:Member)
  WITH i, t, a ORDER BY i.expectedRelease IS NULL, i.expectedRelease, i.points DESC, i.id
  RETURN collect(i {.*, productAreaId: t.id, authorId: a.id}) AS ideas
}
RETURN status, total, ideas

// name: lifecycle_idea_state
// Why a status change did not happen: whether the idea and the product manager's member exist,
// and the idea's status.
OPTIONAL MATCH (i:Idea {id: $ideaId})
OPTIONAL MATCH (pm:Member {id: $memberId})
RETURN i IS NOT NULL AS ideaExists, i.status AS status, pm IS NOT NULL AS memberExists

// name: lifecycle_set_status
// A product manager's status change: takes the idea's lock first (a real write of `version`),
// then, unless it is MERGED or already has `$status`, sets its status, statusChangedAt, updatedAt
// and expected release (`$expectedRelease` when given; cleared for NOT_PLANNED; else kept), and
// records the change (IdeaStatusChange `$changeId`, HAD_STATUS, CHANGED_STATUS from `$memberId`).
// No row when it did not happen; the caller then rolls the lock back with the transaction.
MATCH (i:Idea {id: $ideaId})
SET i.version = coalesce(i.version, 0) + 1
WITH i, i.status AS previous
WHERE previous <> 'MERGED' AND previous <> $status
MATCH (pm:Member {id: $memberId})
// `now` at a UTC offset: the embedded engine's datetime() carries the zone region Etc/UTC, and it
// orders two datetimes of the same instant by zone name, so the home feed's keyset cursors (parsed
// with an offset) would not match the change they point at.
WITH i, previous, pm, datetime() AS clock
WITH i, previous, pm, datetime({epochSeconds: clock.epochSeconds, nanosecond: clock.nanosecond}) AS now
SET i.status = $status, i.statusChangedAt = now, i.updatedAt = now,
    i.expectedRelease = CASE
      WHEN $status = 'NOT_PLANNED' THEN null
      WHEN $expectedRelease IS NULL THEN i.expectedRelease
      ELSE $expectedRelease
    END
CREATE (i)-[:HAD_STATUS]->(c:IdeaStatusChange {id: $changeId, from: previous, to: $status, comment: $comment,
                                               expectedRelease: $expectedRelease, at: now})
CREATE (pm)-[:CHANGED_STATUS]->(c)
WITH i, c, pm
OPTIONAL MATCH (i)-[:IN_AREA]->(t:Topic)
OPTIONAL MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN i {.*, productAreaId: t.id, authorId: a.id} AS idea, c {.*, ideaId: i.id, changedById: pm.id} AS change

// name: lifecycle_lock_ideas
// Takes the locks of the ideas `$ids` (a real write of `version`, in the given order) and returns
// what a merge decides on: each idea's status. Missing ideas give no row.
UNWIND $ids AS id
MATCH (i:Idea {id: id})
SET i.version = coalesce(i.version, 0) + 1
RETURN i.id AS id, i.status AS status

// name: lifecycle_merge_move
// Moves what idea `$fromId` holds onto idea `$intoId` (both locked by lifecycle_lock_ideas in the
// same transaction). Votes move, except those of members who also voted on `$intoId` (the
// survivor's vote stays: they count once) and of its author (no vote on one's own idea); each moved
// VOTED keeps its value, `at` and `trend`. Follows move (once per member), comments move, coin
// allocations move (added to the member's allocation on `$intoId` in the same round when there is
// one), and rounds that shortlist `$fromId` shortlist `$intoId` instead (at its position, unless they
// already shortlist it). The survivor's counters grow by what moved; the merged idea's drop to zero.
// Memberships are tested against lists taken from the survivor (one anchor per pattern).
MATCH (from:Idea {id: $fromId})
MATCH (into:Idea {id: $intoId})
CALL (into) {
  OPTIONAL MATCH (author:Member)-[:PROPOSED]->(into)
  RETURN author.id AS authorId
}
CALL (into) {
  MATCH (m:Member)-[:VOTED]->(into)
  RETURN collect(m.id) AS voters
}
CALL (from, into, authorId, voters) {
  MATCH (m:Member)-[v:VOTED]->(from)
  WHERE NOT m.id IN voters AND m.id <> coalesce(authorId, '')
  CREATE (m)-[:VOTED {value: v.value, at: v.at, trend: v.trend}]->(into)
  RETURN sum(CASE WHEN v.value = 1 THEN 1 ELSE 0 END) AS ups,
         sum(CASE WHEN v.value = -1 THEN 1 ELSE 0 END) AS downs,
         sum(v.trend) AS trend
}
CALL (from) {
  MATCH (:Member)-[v:VOTED]->(from)
  DELETE v
  RETURN count(*) AS votesLeft
}
CALL (into) {
  MATCH (m:Member)-[:FOLLOWS]->(into)
  RETURN collect(m.id) AS followers
}
CALL (from, into, followers) {
  MATCH (m:Member)-[f:FOLLOWS]->(from)
  WHERE NOT m.id IN followers
  CREATE (m)-[:FOLLOWS {since: f.since}]->(into)
  RETURN count(*) AS followed
}
CALL (from) {
  MATCH (:Member)-[f:FOLLOWS]->(from)
  DELETE f
  RETURN count(*) AS followsLeft
}
CALL (from, into) {
  MATCH (c:IdeaComment)-[on:ON]->(from)
  DELETE on
  CREATE (c)-[:ON]->(into)
  RETURN count(*) AS comments
}
CALL (into) {
  MATCH (m:Member)-[b:ALLOCATED]->(into)
  RETURN collect(m.id + ' ' + b.roundId) AS allocations
}
CALL (from, into, allocations) {
  MATCH (m:Member)-[a:ALLOCATED]->(from)
  WHERE m.id + ' ' + a.roundId IN allocations
  MATCH (m)-[b:ALLOCATED]->(into)
  WHERE b.roundId = a.roundId
  SET b.coins = b.coins + a.coins
  RETURN count(*) AS topped
}
CALL (from, into, allocations) {
  MATCH (m:Member)-[a:ALLOCATED]->(from)
  WHERE NOT m.id + ' ' + a.roundId IN allocations
  CREATE (m)-[:ALLOCATED {roundId: a.roundId, coins: a.coins, at: a.at}]->(into)
  RETURN count(*) AS allocated
}
CALL (from) {
  MATCH (:Member)-[a:ALLOCATED]->(from)
  WITH a, a.coins AS coins
  DELETE a
  RETURN sum(coins) AS coins
}
CALL (into) {
  MATCH (r:PrioritizationRound)-[:SHORTLISTS]->(into)
  RETURN collect(r.id) AS rounds
}
CALL (from, into, rounds) {
  MATCH (r:PrioritizationRound)-[s:SHORTLISTS]->(from)
  WHERE NOT r.id IN rounds
  CREATE (r)-[:SHORTLISTS {position: s.position}]->(into)
  RETURN count(*) AS shortlisted
}
CALL (from) {
  MATCH (:PrioritizationRound)-[s:SHORTLISTS]->(from)
  DELETE s
  RETURN count(*) AS unlisted
}
WITH from, into, ups, downs, trend, followed, comments, coins,
     coalesce(into.upVotes, 0) + ups AS upVotes, coalesce(into.downVotes, 0) + downs AS downVotes
SET into.upVotes = upVotes, into.downVotes = downVotes, into.points = $votePoints * (upVotes - downVotes),
    into.trend = coalesce(into.trend, 0.0) + toFloat(trend),
    into.followerCount = coalesce(into.followerCount, 0) + followed,
    into.commentCount = coalesce(into.commentCount, 0) + comments,
    into.coins = coalesce(into.coins, 0) + coins,
    from.upVotes = 0, from.downVotes = 0, from.points = 0, from.trend = 0.0,
    from.followerCount = 0, from.commentCount = 0, from.coins = 0
RETURN ups + downs AS votesMoved, followed AS followersMoved, comments AS commentsMoved, coins AS coinsMoved

// name: lifecycle_merge_close
// Ends a merge (after lifecycle_merge_move, in the same transaction): `$fromId` becomes MERGED
// (mergedAt, statusChangedAt, updatedAt, MERGED_INTO `$intoId`) with the change `$changeId` made by
// `$memberId` and `$comment`. The survivor, whose points may have reached `$threshold` through the
// merge, moves from NEW to UNDER_REVIEW as a vote would move it: the automatic change `$reviewChangeId`
// (no comment, no CHANGED_STATUS), `underReviewAt` set once. Returns both idea rows and the changes.
MATCH (from:Idea {id: $fromId})
MATCH (into:Idea {id: $intoId})
MATCH (pm:Member {id: $memberId})
// `now` at a UTC offset, as in lifecycle_set_status.
WITH from, into, pm, from.status AS previous, datetime() AS clock
WITH from, into, pm, previous, datetime({epochSeconds: clock.epochSeconds, nanosecond: clock.nanosecond}) AS now
SET from.status = 'MERGED', from.mergedAt = now, from.statusChangedAt = now, from.updatedAt = now
CREATE (from)-[:MERGED_INTO]->(into)
CREATE (from)-[:HAD_STATUS]->(c:IdeaStatusChange {id: $changeId, from: previous, to: 'MERGED', comment: $comment, at: now})
CREATE (pm)-[:CHANGED_STATUS]->(c)
WITH from, into, pm, c, now
CALL (into, now) {
  MATCH (i:Idea {id: into.id})
  WHERE i.status = 'NEW' AND i.points >= $threshold
  SET i.status = 'UNDER_REVIEW', i.underReviewAt = coalesce(i.underReviewAt, now), i.statusChangedAt = now
  CREATE (i)-[:HAD_STATUS]->(r:IdeaStatusChange {id: $reviewChangeId, from: 'NEW', to: 'UNDER_REVIEW', at: now})
  RETURN collect(r {.*, ideaId: i.id, changedById: null}) AS reviewed
}
CALL (from) {
  OPTIONAL MATCH (from)-[:IN_AREA]->(t:Topic)
  OPTIONAL MATCH (from)<-[:PROPOSED]-(a:Member)
  RETURN from {.*, productAreaId: t.id, authorId: a.id} AS merged
}
CALL (into) {
  OPTIONAL MATCH (into)-[:IN_AREA]->(t:Topic)
  OPTIONAL MATCH (into)<-[:PROPOSED]-(a:Member)
  RETURN into {.*, productAreaId: t.id, authorId: a.id} AS survivor
}
RETURN merged, survivor, c {.*, ideaId: from.id, changedById: pm.id} AS change, reviewed
