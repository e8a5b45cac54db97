// The MVP program (graph/MODEL.md, "Recognition"): yearly nomination windows (MvpCycle), nominations
// with their evidence (CITES) and reviews (REVIEWED), decisions, one-year terms (MvpTerm) and the
// `mvp` badge. Uniqueness comes from the unique keys of the migrations (MvpCycle.year,
// MvpNomination.key, MvpTerm.key, Badge.slug): a racing duplicate fails with a constraint error and
// its retried transaction finds the winner. Times are `$now` (epoch milliseconds), one instant per
// transaction.

// name: mvp_cycles_by_years
// The nomination window of each year of `$ids` (ints: years, not application ids), with how many
// nominations it holds.
UNWIND $ids AS year
MATCH (c:MvpCycle {year: year})
RETURN year, c {.*} AS cycle, COUNT { (:MvpNomination)-[:IN_CYCLE]->(c) } AS nominationCount

// name: mvp_cycles_by_ids
// Nomination windows by application id, with how many nominations each holds.
UNWIND $ids AS id
MATCH (c:MvpCycle {id: id})
RETURN id, c {.*} AS cycle, COUNT { (:MvpNomination)-[:IN_CYCLE]->(c) } AS nominationCount

// name: mvp_nominations_by_ids
// Nominations by application id, each with its nominator's and nominee's ids.
UNWIND $ids AS id
MATCH (n:MvpNomination {id: id})
MATCH (nominator:Member)-[:NOMINATED]->(n)-[:NOMINEE]->(nominee:Member)
RETURN id, n {.*} AS nomination, nominator.id AS nominatorId, nominee.id AS nomineeId

// name: mvp_nominations_of_cycles
// A page of each cycle's nominations (only `$status` when given), best average score first (not yet
// reviewed last), then oldest first, with each list's total. Rows carry the nominator's and nominee's
// Member properties, so showing them costs no lookup.
UNWIND $ids AS id
MATCH (c:MvpCycle {id: id})
CALL (c) {
  MATCH (n:MvpNomination)-[:IN_CYCLE]->(c)
  WHERE $status IS NULL OR n.status = $status
  MATCH (nominator:Member)-[:NOMINATED]->(n)-[:NOMINEE]->(nominee:Member)
  WITH n, nominator, nominee,
       CASE WHEN n.reviewCount = 0 THEN -1.0 ELSE toFloat(n.scoreTotal) / n.reviewCount END AS score
  ORDER BY score DESC, n.createdAt ASC, n.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({nomination: properties(n), nominatorId: nominator.id, nomineeId: nominee.id,
                  nominator: properties(nominator), nominee: properties(nominee)}) AS page
}
RETURN id, COUNT { MATCH (n:MvpNomination)-[:IN_CYCLE]->(c) WHERE $status IS NULL OR n.status = $status } AS total,
       page

// name: mvp_nominations_by_nominators
// A page of the nominations each member of `$ids` made, newest first, with each list's total; rows
// carry the nominee's id and Member properties (the nominator is the row's `id`).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:NOMINATED]->(n:MvpNomination)-[:NOMINEE]->(nominee:Member)
  WITH n, nominee
  ORDER BY n.createdAt DESC, n.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect({nomination: properties(n), nomineeId: nominee.id, nominee: properties(nominee)}) AS page
}
RETURN id, COUNT { (m)-[:NOMINATED]->(:MvpNomination) } AS total, page

// name: mvp_evidence_of_nominations
// What each nomination of `$ids` CITES: {kind (ANSWER, EVENT or GROUP), id} per cited node, by kind
// then id.
UNWIND $ids AS id
MATCH (n:MvpNomination {id: id})
CALL (n) {
  MATCH (n)-[:CITES]->(x)
  WITH CASE WHEN x:Answer THEN 'ANSWER' WHEN x:Event THEN 'EVENT' ELSE 'GROUP' END AS kind, x.id AS targetId
  ORDER BY kind, targetId
  RETURN collect({kind: kind, id: targetId}) AS cited
}
RETURN id, cited

// name: mvp_reviews_of_nominations
// Every review of each nomination of `$ids`, newest first, with the reviewer's id and Member properties.
UNWIND $ids AS id
MATCH (n:MvpNomination {id: id})
CALL (n) {
  MATCH (r:Member)-[rv:REVIEWED]->(n)
  WITH r, rv
  ORDER BY rv.at DESC, r.id ASC
  RETURN collect({review: properties(rv), reviewerId: r.id, reviewer: properties(r)}) AS reviews
}
RETURN id, reviews

// name: mvp_reviews_by_reviewer
// Member `$reviewerId`'s review of each nomination of `$ids` that they reviewed. Anchored on the
// nomination (a few reviews each), not on both ends.
UNWIND $ids AS id
MATCH (n:MvpNomination {id: id})
MATCH (r:Member)-[rv:REVIEWED]->(n)
WHERE r.id = $reviewerId
RETURN id, properties(rv) AS review

// name: mvp_terms_by_ids
// MVP terms by application id, each with its member's id.
UNWIND $ids AS id
MATCH (t:MvpTerm {id: id})
MATCH (m:Member)-[:HAS_TERM]->(t)
RETURN id, t {.*, memberId: m.id} AS term

// name: mvp_terms_of_members
// Every MVP term of each member of `$ids`, newest year first.
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:HAS_TERM]->(t:MvpTerm)
  WITH t
  ORDER BY t.year DESC
  RETURN collect(properties(t)) AS terms
}
RETURN id, terms

// name: mvp_terms_page
// A page of year `$year`'s MVP terms whose member the viewer may see (`$visible` levels, or the
// viewer `$viewerId` themselves), of members in `$country` and holding skill `$skillId` when given,
// by the member's display name then id; each row carries the member's properties.
MATCH (t:MvpTerm {year: $year})
MATCH (m:Member)-[:HAS_TERM]->(t)
WHERE (m.visibility IN $visible OR m.id = $viewerId)
  AND ($country IS NULL OR m.country = $country)
  AND ($skillId IS NULL OR EXISTS { MATCH (m)-[:HAS_SKILL]->(s:Skill) WHERE s.id = $skillId })
RETURN t {.*, memberId: m.id} AS term, m {.*} AS member
ORDER BY m.displayName ASC, m.id ASC
SKIP $skip LIMIT $limit

// name: mvp_terms_count
// How many terms `mvp_terms_page` lists with the same filters.
MATCH (t:MvpTerm {year: $year})
MATCH (m:Member)-[:HAS_TERM]->(t)
WHERE (m.visibility IN $visible OR m.id = $viewerId)
  AND ($country IS NULL OR m.country = $country)
  AND ($skillId IS NULL OR EXISTS { MATCH (m)-[:HAS_SKILL]->(s:Skill) WHERE s.id = $skillId })
RETURN count(t) AS total

// name: mvp_evidence_summaries
// The MVP evidence of each member of `$ids`, computed from the graph: accepted answers (on someone
// else's question, as reputation counts them), answers, events they speak at (SPEAKS_AT), groups
// they lead, learning points (0 before any) and when they joined.
UNWIND $ids AS id
MATCH (m:Member {id: id})
RETURN id,
       COUNT {
         MATCH (m)-[:ANSWERED]->(a:Answer)-[:ANSWERS]->(:Question)<-[:ASKED]-(asker:Member)
         WHERE a.accepted = true AND asker.id <> m.id
       } AS acceptedAnswers,
       COUNT { (m)-[:ANSWERED]->(:Answer) } AS answers,
       COUNT { (m)-[:SPEAKS_AT]->(:Event) } AS eventsSpokenAt,
       COUNT { MATCH (m)-[r:MEMBER_OF]->(:Group) WHERE r.role = 'LEADER' } AS groupsLed,
       coalesce(m.points, 0) AS points,
       m.joinedAt AS joinedAt

// name: mvp_open_cycle
// Open year `$year`'s nomination window [`$opensAt`, `$closesAt`), by admin `$adminId` (a member),
// unless the year has one. The unique `year` backs this when two admins race: the loser's retry finds
// the winner's cycle. No row when the year has a cycle or the admin is no member.
MATCH (admin:Member {id: $adminId})
OPTIONAL MATCH (existing:MvpCycle {year: $year})
WITH admin, existing
WHERE existing IS NULL
CREATE (c:MvpCycle {id: $id, year: $year, opensAt: datetime({epochMillis: $opensAt}),
                    closesAt: datetime({epochMillis: $closesAt}), createdAt: datetime({epochMillis: $now}),
                    openedBy: admin.id})
RETURN c {.*} AS cycle

// name: mvp_nomination_state
// What nominating `$nomineeId` by `$nominatorId` in year `$year` depends on: the year's cycle (null
// when none), whether the nominator exists, the nominee's joinedAt, the id of the nomination with
// key `$key` (null when none), whether the nominee's nominations that year are decided already, and
// which of the cited `$answerIds`, `$eventIds` and `$groupIds` are the nominee's own: answers they
// wrote, events they speak at, groups they lead. Always one row.
OPTIONAL MATCH (c:MvpCycle {year: $year})
OPTIONAL MATCH (nominee:Member {id: $nomineeId})
OPTIONAL MATCH (existing:MvpNomination {key: $key})
RETURN c {.*} AS cycle,
       EXISTS { MATCH (:Member {id: $nominatorId}) } AS nominatorExists,
       nominee IS NOT NULL AS nomineeExists,
       nominee.joinedAt AS joinedAt,
       existing.id AS existingId,
       CASE WHEN nominee IS NULL THEN false
            ELSE EXISTS { MATCH (nominee)<-[:NOMINEE]-(x:MvpNomination) WHERE x.year = $year AND x.status <> 'PENDING' }
       END AS decided,
       CASE WHEN nominee IS NULL THEN []
            ELSE [(nominee)-[:ANSWERED]->(a:Answer) WHERE a.id IN $answerIds | a.id] END AS answers,
       CASE WHEN nominee IS NULL THEN []
            ELSE [(nominee)-[:SPEAKS_AT]->(e:Event) WHERE e.id IN $eventIds | e.id] END AS events,
       CASE WHEN nominee IS NULL THEN []
            ELSE [(nominee)-[r:MEMBER_OF]->(g:Group) WHERE r.role = 'LEADER' AND g.id IN $groupIds | g.id] END AS groups

// name: mvp_nominate
// Member `$nominatorId` nominates `$nomineeId` in year `$year`'s cycle: a PENDING nomination with
// key `$key` (`<year>:<nominator id>:<nominee id>`), the four criterion statements and `$links`,
// created at `$now`, unless that key exists (the unique key backs this guard when two transactions
// race). Evidence is cited by `mvp_cite_evidence`. No row when refused.
MATCH (c:MvpCycle {year: $year})
MATCH (nominator:Member {id: $nominatorId})
MATCH (nominee:Member {id: $nomineeId})
WHERE NOT EXISTS { MATCH (:MvpNomination {key: $key}) }
WITH c, nominator, nominee, datetime({epochMillis: $now}) AS now
CREATE (n:MvpNomination {id: $id, key: $key, year: $year, expertise: $expertise, generosity: $generosity,
                         leadership: $leadership, advocacy: $advocacy, links: $links, status: 'PENDING',
                         reviewCount: 0, scoreTotal: 0, createdAt: now})
CREATE (nominator)-[:NOMINATED]->(n)
CREATE (n)-[:NOMINEE]->(nominee)
CREATE (n)-[:IN_CYCLE]->(c)
RETURN n {.*} AS nomination, nominator.id AS nominatorId, nominee.id AS nomineeId

// name: mvp_cite_evidence
// Nomination `$id` CITES each of `$answerIds`, `$eventIds` and `$groupIds` that is its nominee's own
// (an answer they wrote, an event they speak at, a group they lead); anything else is skipped.
// Returns how many were cited.
MATCH (n:MvpNomination {id: $id})-[:NOMINEE]->(nominee:Member)
UNWIND [(nominee)-[:ANSWERED]->(a:Answer) WHERE a.id IN $answerIds | a]
     + [(nominee)-[:SPEAKS_AT]->(e:Event) WHERE e.id IN $eventIds | e]
     + [(nominee)-[r:MEMBER_OF]->(g:Group) WHERE r.role = 'LEADER' AND g.id IN $groupIds | g] AS target
CREATE (n)-[:CITES]->(target)
RETURN count(target) AS cited

// name: mvp_review_count
// Count a new review worth `$total` (the sum of its four scores) on nomination `$id`: reviewCount + 1
// and scoreTotal + `$total`, a real write made before anything is read, so it takes the nomination's
// write lock on Neo4j and makes concurrent reviews conflict (and retry) on the embedded engine. The
// status is read after that write; the caller rolls back unless it is PENDING. `mvp_review_write`
// then takes the review it replaces back out. No row when the nomination does not exist.
MATCH (n:MvpNomination {id: $id})
SET n.reviewCount = n.reviewCount + 1, n.scoreTotal = n.scoreTotal + $total
RETURN n.status AS status

// name: mvp_review_write
// Member `$reviewerId` REVIEWED nomination `$id` with the four scores and `$comment` at `$now`: their
// previous review of it, if any, is replaced, and its count and scores leave the nomination's counters
// (`mvp_review_count` counted the new one). Returns the nomination; no row when the reviewer does
// not exist.
MATCH (n:MvpNomination {id: $id})
MATCH (r:Member {id: $reviewerId})
OPTIONAL MATCH (r)-[old:REVIEWED]->(n)
WITH n, r, old,
     CASE WHEN old IS NULL THEN 0 ELSE 1 END AS replaced,
     CASE WHEN old IS NULL THEN 0 ELSE old.expertise + old.generosity + old.leadership + old.advocacy END AS replacedTotal
SET n.reviewCount = n.reviewCount - replaced, n.scoreTotal = n.scoreTotal - replacedTotal
MERGE (r)-[rv:REVIEWED]->(n)
SET rv.expertise = $expertise, rv.generosity = $generosity, rv.leadership = $leadership,
    rv.advocacy = $advocacy, rv.comment = $comment, rv.at = datetime({epochMillis: $now})
RETURN n {.*} AS nomination

// name: mvp_decide_lock
// Stamp every nomination of `$nomineeId` in year `$year` with decidedAt `$now`, in id order: the real
// write that serialises decisions about one nominee (write locks on Neo4j, conflicts and retries on
// the embedded engine). Their statuses are read after it; the caller rolls back (the stamp too) when
// any is decided already. One row per nomination.
MATCH (:Member {id: $nomineeId})<-[:NOMINEE]-(n:MvpNomination)
WHERE n.year = $year
WITH n
ORDER BY n.id
SET n.decidedAt = datetime({epochMillis: $now})
RETURN n.id AS id, n.status AS status

// name: mvp_decide
// Every PENDING nomination of `$nomineeId` in year `$year` gets status `$status` (SELECTED or
// NOT_SELECTED). Returns how many were decided.
MATCH (:Member {id: $nomineeId})<-[:NOMINEE]-(n:MvpNomination)
WHERE n.year = $year AND n.status = 'PENDING'
SET n.status = $status
RETURN count(n) AS decided

// name: mvp_create_term
// Member `$memberId`'s MVP term of year `$year`: key `$key` (`<year>:<member id>`), from `$now` to
// `$endsAt` (one year later), IN_CYCLE of the year's cycle, unless that key exists (the unique key
// backs this when two decisions race). No row when refused.
MATCH (c:MvpCycle {year: $year})
MATCH (m:Member {id: $memberId})
WHERE NOT EXISTS { MATCH (:MvpTerm {key: $key}) }
WITH c, m, datetime({epochMillis: $now}) AS now
CREATE (t:MvpTerm {id: $id, key: $key, year: $year, startsAt: now, endsAt: datetime({epochMillis: $endsAt}),
                   decidedAt: now})
CREATE (m)-[:HAS_TERM]->(t)
CREATE (t)-[:IN_CYCLE]->(c)
RETURN t {.*, memberId: m.id} AS term

// name: mvp_earn_badge
// Member `$memberId` EARNED the `mvp` badge at `$now` (assertion id `$assertionId`) unless they have
// already. The badge is MERGEd by slug with its catalog properties (`$badgeId` and the rest), so the
// first MVP term ever creates it; the unique slug backs this when two decisions race. badgeCount
// grows by one; points and rank get their starting values for a member who never learned (as
// `progress_lock_for_unit` gives them), so `promote_member_rank` can run next. No row when the badge
// was earned before.
MERGE (b:Badge {slug: 'mvp'})
ON CREATE SET b.id = $badgeId, b.title = $title, b.description = $description, b.kind = 'MVP',
              b.imageUrl = $imageUrl, b.searchText = toLower($title + ' ' + $description)
WITH b
MATCH (m:Member {id: $memberId})
WHERE NOT EXISTS { (m)-[:EARNED]->(b) }
SET m.badgeCount = coalesce(m.badgeCount, 0) + 1, m.points = coalesce(m.points, 0), m.rank = coalesce(m.rank, 1)
CREATE (m)-[e:EARNED {id: $assertionId, at: datetime({epochMillis: $now})}]->(b)
RETURN b.id AS badgeId, e.id AS assertionId

// name: mvp_member
// Member `$memberId` as stored, after a decision (the decideMvp payload's `member`).
MATCH (m:Member {id: $memberId})
RETURN m {.*} AS member
