// Monthly quests and their prize draws (graph/MODEL.md, "Learning and credentials"). Quest rows
// are the node's properties plus the id of the limited-edition badge it awards (`badgeId`).
// A prize-draw entry is one (Member)-[:COMPLETED]->(Quest) of the draw's month; entries are
// always listed in the canonical order the draw uses: by member id, then quest id.

// name: quests_by_ids
// Quests by application id, with the badge each awards; keyed by `id`.
UNWIND $ids AS id
MATCH (q:Quest {id: id})
OPTIONAL MATCH (q)-[:AWARDS]->(b:Badge)
RETURN id, q {.*, badgeId: b.id} AS quest

// name: quests_by_slugs
// Quests by slug, with the badge each awards; keyed by `slug`.
UNWIND $slugs AS slug
MATCH (q:Quest {slug: slug})
OPTIONAL MATCH (q)-[:AWARDS]->(b:Badge)
RETURN slug, q {.*, badgeId: b.id} AS quest

// name: quests_page
// A page of quests, newest month first, then by title: of `$month` (YYYY-MM) when given, open at
// `$openAt` (epoch millis: startsAt <= it < endsAt) when given, offered to rank position `$forRank`
// (minRank <= it <= maxRank) when given.
WITH CASE WHEN $openAt IS NULL THEN null ELSE datetime({epochMillis: $openAt}) END AS at
MATCH (q:Quest)
WHERE ($month IS NULL OR q.month = $month)
  AND (at IS NULL OR (q.startsAt <= at AND at < q.endsAt))
  AND ($forRank IS NULL OR (q.minRank <= $forRank AND $forRank <= q.maxRank))
WITH q
ORDER BY q.month DESC, q.title, q.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (q)-[:AWARDS]->(b:Badge)
RETURN q {.*, badgeId: b.id} AS quest

// name: quests_count
// How many quests match the filter of `quests_page`.
WITH CASE WHEN $openAt IS NULL THEN null ELSE datetime({epochMillis: $openAt}) END AS at
MATCH (q:Quest)
WHERE ($month IS NULL OR q.month = $month)
  AND (at IS NULL OR (q.startsAt <= at AND at < q.endsAt))
  AND ($forRank IS NULL OR (q.minRank <= $forRank AND $forRank <= q.maxRank))
RETURN count(q) AS total

// name: quest_requirements
// What each quest asks for, by title: modules and superbadges, with `kind` saying which (`MODULE`
// for any module, `SUPERBADGE`); one row per quest and requirement.
UNWIND $ids AS id
MATCH (q:Quest {id: id})-[:REQUIRES]->(x)
WHERE x:Module OR x:Superbadge
OPTIONAL MATCH (x)-[:AWARDS]->(b:Badge)
RETURN id, CASE WHEN x:Superbadge THEN 'SUPERBADGE' ELSE 'MODULE' END AS kind, x {.*, badgeId: b.id} AS item
ORDER BY id, x.title, x.id

// name: quest_completion_counts
// How many members completed each quest (its prize-draw entries).
UNWIND $ids AS id
MATCH (q:Quest {id: id})
RETURN id, COUNT { (:Member)-[:COMPLETED]->(q) } AS total

// name: quest_progress_of_member
// Member `$memberId`'s progress on each quest: when they completed it (null if not), and the ids
// of its requirements they COMPLETED inside the quest's window [startsAt, endsAt) (completions
// outside it do not count). The member's completions are expanded once per quest from the member
// side, filtered by the quest's requirement ids. One row per quest found.
MATCH (m:Member {id: $memberId})
UNWIND $ids AS id
MATCH (q:Quest {id: id})
OPTIONAL MATCH (m)-[done:COMPLETED]->(q)
CALL (m, q) {
  OPTIONAL MATCH (q)-[:REQUIRES]->(r)
  WITH m, q, collect(r.id) AS required
  OPTIONAL MATCH (m)-[c:COMPLETED]->(x)
  WHERE x.id IN required AND q.startsAt <= c.at AND c.at < q.endsAt
  RETURN collect(DISTINCT x.id) AS doneIds
}
RETURN id, done.at AS completedAt, doneIds

// name: prize_draws_by_ids
// Prize draws by application id; keyed by `id`.
UNWIND $ids AS id
MATCH (d:PrizeDraw {id: id})
RETURN id, d {.*} AS draw

// name: prize_draws_by_months
// Prize draws by month (YYYY-MM, unique); keyed by `month`.
UNWIND $months AS month
MATCH (d:PrizeDraw {month: month})
RETURN month, d {.*} AS draw

// name: prize_draw_winners
// Each draw's winners by position, with the winning member's row (visibility is applied by the caller).
UNWIND $ids AS id
MATCH (d:PrizeDraw {id: id})-[w:WON]->(m:Member)
RETURN id, w.position AS position, w.prize AS prize, m {.*} AS member
ORDER BY id, position

// name: prize_draw_entries
// The prize-draw entries of each month of `$months`: one row per member and quest of that month
// the member COMPLETED, in canonical order (month, member id, quest id).
UNWIND $months AS month
MATCH (q:Quest {month: month})<-[:COMPLETED]-(m:Member)
RETURN month, m.id AS memberId, q.id AS questId
ORDER BY month, memberId, questId

// name: prize_draw_state
// Whether month `$month` can be drawn now: is there a draw already, how many quests it has and how
// many of them have not ended yet (entries are final only once every quest's window has closed).
RETURN EXISTS { MATCH (:PrizeDraw {month: $month}) } AS drawn,
       COUNT { MATCH (:Quest {month: $month}) } AS quests,
       COUNT { MATCH (q:Quest {month: $month}) WHERE q.endsAt > datetime() } AS unfinished

// name: prize_draw_record
// Record the draw of month `$month`: a PrizeDraw {id: $id, seed: $seed, prizes: $prizes,
// entryCount: $entryCount, entriesDigest: $entriesDigest, drawnAt: now, drawnBy: $drawnBy}, and a WON {position, prize} to each
// member of `$winners` ({memberId, position, prize}). The unique constraint on PrizeDraw.month
// refuses a second draw of the month, also when two run at once. Returns the draw and how many
// WON were written.
CREATE (d:PrizeDraw {id: $id})
SET d.month = $month,
    d.seed = $seed,
    d.prizes = $prizes,
    d.entryCount = $entryCount,
    d.entriesDigest = $entriesDigest,
    d.drawnAt = datetime(),
    d.drawnBy = $drawnBy
WITH d
UNWIND $winners AS winner
MATCH (m:Member {id: winner.memberId})
CREATE (d)-[:WON {position: winner.position, prize: winner.prize}]->(m)
WITH d, count(*) AS won
RETURN d {.*} AS draw, won
