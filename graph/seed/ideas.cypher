// Seed writes of the ideas and recognition kinds (graph/MODEL.md, "Ideas" and "Recognition"), in the
// style of seed.cypher: every statement takes `$rows`, CREATEs its nodes or relationships, turns epoch
// milliseconds into zoned datetimes and reports how many rows it wrote (a row counts only when every
// node it names was found). Counters are written as given; `seed_recount_ideas` and
// `seed_recount_recognition` recompute them for test graphs.

// name: seed_ideas
// Create ideas from `$rows` of Idea properties plus {authorId, productAreaId}: the node, PROPOSED
// from its author and IN_AREA to its product area (a Topic). searchText is derived; missing counters
// are 0, a missing trend 0.0, a missing version 0.
UNWIND $rows AS row
MATCH (author:Member {id: row.authorId})
MATCH (area:Topic {id: row.productAreaId})
CREATE (i:Idea {id: row.id})
SET i.title = row.title,
    i.description = row.description,
    i.status = row.status,
    i.points = coalesce(row.points, 0),
    i.upVotes = coalesce(row.upVotes, 0),
    i.downVotes = coalesce(row.downVotes, 0),
    i.followerCount = coalesce(row.followerCount, 0),
    i.commentCount = coalesce(row.commentCount, 0),
    i.coins = coalesce(row.coins, 0),
    i.trend = toFloat(coalesce(row.trend, 0.0)),
    i.expectedRelease = row.expectedRelease,
    i.createdAt = datetime({epochMillis: row.createdAt}),
    i.updatedAt = datetime({epochMillis: coalesce(row.updatedAt, row.createdAt)}),
    i.statusChangedAt = CASE WHEN row.statusChangedAt IS NULL THEN null ELSE datetime({epochMillis: row.statusChangedAt}) END,
    i.underReviewAt = CASE WHEN row.underReviewAt IS NULL THEN null ELSE datetime({epochMillis: row.underReviewAt}) END,
    i.mergedAt = CASE WHEN row.mergedAt IS NULL THEN null ELSE datetime({epochMillis: row.mergedAt}) END,
    i.version = coalesce(row.version, 0),
    i.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
CREATE (author)-[:PROPOSED]->(i)
CREATE (i)-[:IN_AREA]->(area)
RETURN count(i) AS written

// name: seed_idea_votes
// (Member)-[:VOTED {value, at, trend}]->(Idea), from `$rows` of {memberId, ideaId, value (1 or -1), at,
// trend (resolvers/ideas/trending.py `vote_trend(value, at)`, computed by the caller)}; counters untouched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (i:Idea {id: row.ideaId})
CREATE (m)-[:VOTED {value: row.value, at: datetime({epochMillis: row.at}), trend: toFloat(row.trend)}]->(i)
RETURN count(*) AS written

// name: seed_idea_follows
// (Member)-[:FOLLOWS {since}]->(Idea), from `$rows` of {memberId, ideaId, since}; followerCount untouched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (i:Idea {id: row.ideaId})
CREATE (m)-[:FOLLOWS {since: datetime({epochMillis: row.since})}]->(i)
RETURN count(*) AS written

// name: seed_idea_comments
// Create idea comments from `$rows` of {id, memberId, ideaId, body, createdAt}, with WROTE from the
// author and ON to the idea; commentCount untouched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (i:Idea {id: row.ideaId})
CREATE (c:IdeaComment {id: row.id})
SET c.body = row.body,
    c.createdAt = datetime({epochMillis: row.createdAt})
CREATE (m)-[:WROTE]->(c)
CREATE (c)-[:ON]->(i)
RETURN count(c) AS written

// name: seed_idea_status_changes
// Create status changes from `$rows` of {id, ideaId, from, to, comment, expectedRelease, at,
// changedById}: the node, HAD_STATUS from the idea and, unless changedById is null (the automatic
// move to UNDER_REVIEW), CHANGED_STATUS from that product manager. The idea's own status fields
// are not touched.
UNWIND $rows AS row
MATCH (i:Idea {id: row.ideaId})
OPTIONAL MATCH (pm:Member {id: row.changedById})
WITH row, i, pm
WHERE row.changedById IS NULL OR pm IS NOT NULL
CREATE (c:IdeaStatusChange {id: row.id})
SET c.from = row.from,
    c.to = row.to,
    c.comment = row.comment,
    c.expectedRelease = row.expectedRelease,
    c.at = datetime({epochMillis: row.at})
CREATE (i)-[:HAD_STATUS]->(c)
FOREACH (manager IN CASE WHEN pm IS NULL THEN [] ELSE [pm] END | CREATE (manager)-[:CHANGED_STATUS]->(c))
RETURN count(c) AS written

// name: seed_idea_merges
// (Idea)-[:MERGED_INTO]->(Idea), from `$rows` of {fromId, intoId}: a MERGED idea's survivor.
UNWIND $rows AS row
MATCH (merged:Idea {id: row.fromId})
MATCH (survivor:Idea {id: row.intoId})
CREATE (merged)-[:MERGED_INTO]->(survivor)
RETURN count(*) AS written

// name: seed_rounds
// Create prioritisation rounds from `$rows` of {id, name, budget, opensAt, closesAt, createdAt,
// closedAt, openedBy, version, productAreaId}, each IN_AREA to its product area.
UNWIND $rows AS row
MATCH (area:Topic {id: row.productAreaId})
CREATE (r:PrioritizationRound {id: row.id})
SET r.name = row.name,
    r.budget = row.budget,
    r.opensAt = datetime({epochMillis: row.opensAt}),
    r.closesAt = datetime({epochMillis: row.closesAt}),
    r.createdAt = datetime({epochMillis: row.createdAt}),
    r.closedAt = CASE WHEN row.closedAt IS NULL THEN null ELSE datetime({epochMillis: row.closedAt}) END,
    r.openedBy = row.openedBy,
    r.version = coalesce(row.version, 0)
CREATE (r)-[:IN_AREA]->(area)
RETURN count(r) AS written

// name: seed_round_shortlists
// (PrioritizationRound)-[:SHORTLISTS {position}]->(Idea), from `$rows` of {roundId, ideaId, position}.
UNWIND $rows AS row
MATCH (r:PrioritizationRound {id: row.roundId})
MATCH (i:Idea {id: row.ideaId})
CREATE (r)-[:SHORTLISTS {position: row.position}]->(i)
RETURN count(*) AS written

// name: seed_coin_budgets
// Coin budgets from `$rows` of {roundId, memberId, spent}: the node (key `<round id>:<member id>`),
// HAS_BUDGET from the member and FOR_ROUND to the round; a budget that exists already is kept as it
// is (test factories allocate more than once; `seed_recount_ideas` recomputes spent).
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (r:PrioritizationRound {id: row.roundId})
MERGE (b:CoinBudget {key: row.roundId + ':' + row.memberId})
ON CREATE SET b.spent = coalesce(row.spent, 0)
MERGE (m)-[:HAS_BUDGET]->(b)
MERGE (b)-[:FOR_ROUND]->(r)
RETURN count(b) AS written

// name: seed_coin_allocations
// (Member)-[:ALLOCATED {roundId, coins, at}]->(Idea), from `$rows` of {memberId, ideaId, roundId,
// coins, at}; the round must exist. Idea coins and budgets are not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (i:Idea {id: row.ideaId})
MATCH (r:PrioritizationRound {id: row.roundId})
CREATE (m)-[:ALLOCATED {roundId: r.id, coins: row.coins, at: datetime({epochMillis: row.at})}]->(i)
RETURN count(*) AS written

// name: seed_round_selections
// (PrioritizationRound)-[:SELECTED {rank, coins}]->(Idea), from `$rows` of {roundId, ideaId, rank, coins}.
UNWIND $rows AS row
MATCH (r:PrioritizationRound {id: row.roundId})
MATCH (i:Idea {id: row.ideaId})
CREATE (r)-[:SELECTED {rank: row.rank, coins: row.coins}]->(i)
RETURN count(*) AS written

// name: seed_mvp_cycles
// Create MVP cycles (one nomination window a year) from `$rows` of {id, year, opensAt, closesAt,
// createdAt, openedBy}.
UNWIND $rows AS row
CREATE (c:MvpCycle {id: row.id})
SET c.year = row.year,
    c.opensAt = datetime({epochMillis: row.opensAt}),
    c.closesAt = datetime({epochMillis: row.closesAt}),
    c.createdAt = datetime({epochMillis: coalesce(row.createdAt, row.opensAt)}),
    c.openedBy = row.openedBy
RETURN count(c) AS written

// name: seed_mvp_nominations
// Create nominations from `$rows` of MvpNomination properties plus {nominatorId, nomineeId}: the
// node (key `<year>:<nominator id>:<nominee id>`), NOMINATED from the nominator, NOMINEE to the
// nominee and IN_CYCLE to the cycle of its year. reviewCount and scoreTotal are written as given.
UNWIND $rows AS row
MATCH (nominator:Member {id: row.nominatorId})
MATCH (nominee:Member {id: row.nomineeId})
MATCH (cycle:MvpCycle {year: row.year})
CREATE (n:MvpNomination {id: row.id})
SET n.key = toString(row.year) + ':' + row.nominatorId + ':' + row.nomineeId,
    n.year = row.year,
    n.expertise = row.expertise,
    n.generosity = row.generosity,
    n.leadership = row.leadership,
    n.advocacy = row.advocacy,
    n.links = coalesce(row.links, []),
    n.status = row.status,
    n.reviewCount = coalesce(row.reviewCount, 0),
    n.scoreTotal = coalesce(row.scoreTotal, 0),
    n.createdAt = datetime({epochMillis: row.createdAt}),
    n.decidedAt = CASE WHEN row.decidedAt IS NULL THEN null ELSE datetime({epochMillis: row.decidedAt}) END
CREATE (nominator)-[:NOMINATED]->(n)
CREATE (n)-[:NOMINEE]->(nominee)
CREATE (n)-[:IN_CYCLE]->(cycle)
RETURN count(n) AS written

// name: seed_mvp_citations
// (MvpNomination)-[:CITES]->(Answer, Event or Group), from `$rows` of {nominationId, targetId,
// targetKind (ANSWER, EVENT or GROUP)}: the evidence a nomination cites.
UNWIND $rows AS row
MATCH (n:MvpNomination {id: row.nominationId})
CALL (row) {
  MATCH (t:Answer {id: row.targetId})
  WHERE row.targetKind = 'ANSWER'
  RETURN t
  UNION
  MATCH (t:Event {id: row.targetId})
  WHERE row.targetKind = 'EVENT'
  RETURN t
  UNION
  MATCH (t:Group {id: row.targetId})
  WHERE row.targetKind = 'GROUP'
  RETURN t
}
CREATE (n)-[:CITES]->(t)
RETURN count(*) AS written

// name: seed_mvp_reviews
// (Member)-[:REVIEWED {expertise, generosity, leadership, advocacy, comment, at}]->(MvpNomination),
// from `$rows` of those plus {memberId, nominationId}; reviewCount and scoreTotal untouched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (n:MvpNomination {id: row.nominationId})
CREATE (m)-[:REVIEWED {expertise: row.expertise, generosity: row.generosity, leadership: row.leadership,
                       advocacy: row.advocacy, comment: row.comment, at: datetime({epochMillis: row.at})}]->(n)
RETURN count(*) AS written

// name: seed_mvp_terms
// Create MVP terms from `$rows` of {id, memberId, year, startsAt, endsAt, decidedAt}: the node (key
// `<year>:<member id>`), HAS_TERM from the member and IN_CYCLE to the cycle of its year. The mvp
// badge is earned separately (an `earned_badges` row).
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (cycle:MvpCycle {year: row.year})
CREATE (t:MvpTerm {id: row.id})
SET t.key = toString(row.year) + ':' + row.memberId,
    t.year = row.year,
    t.startsAt = datetime({epochMillis: row.startsAt}),
    t.endsAt = datetime({epochMillis: row.endsAt}),
    t.decidedAt = datetime({epochMillis: coalesce(row.decidedAt, row.startsAt)})
CREATE (m)-[:HAS_TERM]->(t)
CREATE (t)-[:IN_CYCLE]->(cycle)
RETURN count(t) AS written

// name: seed_customer_heroes
// Create customer hero stories from `$rows` of {id, memberId, title, story, featuredAt, featuredBy,
// companyId, topicIds}: the node, FEATURED_AS from the member, AT the company and USES each product
// area. A row counts only when its member, company and every topic were found.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (c:Company {id: row.companyId})
CREATE (h:CustomerHero {id: row.id})
SET h.title = row.title,
    h.story = row.story,
    h.featuredAt = datetime({epochMillis: row.featuredAt}),
    h.featuredBy = row.featuredBy
CREATE (m)-[:FEATURED_AS]->(h)
CREATE (h)-[:AT]->(c)
WITH h, row
CALL (h, row) {
  UNWIND coalesce(row.topicIds, []) AS topicId
  MATCH (t:Topic {id: topicId})
  CREATE (h)-[:USES]->(t)
  RETURN count(t) AS used
}
RETURN count(CASE WHEN used = size(coalesce(row.topicIds, [])) AND used > 0 THEN 1 END) AS written

// name: seed_hero_speakers
// The hero's member SPEAKS_AT a CITY_TOUR event, from `$rows` of {heroId, eventId}; a row naming an
// event of another kind is not written (and counts as missing).
UNWIND $rows AS row
MATCH (h:CustomerHero {id: row.heroId})
MATCH (m:Member)-[:FEATURED_AS]->(h)
MATCH (e:Event {id: row.eventId})
WHERE e.kind = 'CITY_TOUR'
CREATE (m)-[:SPEAKS_AT]->(e)
RETURN count(*) AS written

// name: seed_mvp_badge
// The `mvp` badge (kind MVP, graph/MODEL.md "Recognition"), created with `$id` unless it exists: for
// test graphs (the generator writes it with the learning badges). Returns its id.
MERGE (b:Badge {slug: 'mvp'})
ON CREATE SET b.id = $id,
              b.title = 'Community MVP',
              b.description = 'Named a Community MVP for expertise, generosity, leadership and advocacy.',
              b.kind = 'MVP',
              b.imageUrl = 'https://badges.example.com/mvp.png',
              b.availableFrom = null,
              b.availableUntil = null,
              b.searchText = 'community mvp named a community mvp for expertise, generosity, leadership and advocacy.'
RETURN b.id AS id

// name: seed_apply_idea_statuses
// For test factories: give ideas the status a change moved them to, from `$rows` of {ideaId, to,
// expectedRelease, at}: status, statusChangedAt and updatedAt; expectedRelease as given (cleared for
// NOT_PLANNED, kept when null); underReviewAt on the first move to UNDER_REVIEW, mergedAt on MERGED.
UNWIND $rows AS row
MATCH (i:Idea {id: row.ideaId})
WITH i, row, datetime({epochMillis: row.at}) AS at
SET i.status = row.to,
    i.statusChangedAt = at,
    i.updatedAt = at,
    i.expectedRelease = CASE
      WHEN row.to = 'NOT_PLANNED' THEN null
      WHEN row.expectedRelease IS NULL THEN i.expectedRelease
      ELSE row.expectedRelease
    END,
    i.underReviewAt = CASE WHEN row.to = 'UNDER_REVIEW' AND i.underReviewAt IS NULL THEN at ELSE i.underReviewAt END,
    i.mergedAt = CASE WHEN row.to = 'MERGED' THEN at ELSE i.mergedAt END
RETURN count(i) AS written

// name: seed_earn_mvp_badge
// For test factories: members EARNED the `mvp` badge, from `$rows` of {id (the assertion id),
// memberId, at}, unless they have already; badgeCount and rank are not touched (see `recount`).
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (b:Badge {slug: 'mvp'})
MERGE (m)-[e:EARNED]->(b)
ON CREATE SET e.id = row.id, e.at = datetime({epochMillis: row.at})
RETURN count(e) AS written

// name: seed_recount_ideas
// Recompute every idea's upVotes, downVotes, points (10 per net vote, resolvers/ideas/rules.py),
// followerCount, commentCount, coins (its ALLOCATED in every round) and trend (the sum of its VOTED
// trend), and every coin budget's spent (the member's ALLOCATED in that round).
CALL () {
  MATCH (i:Idea)
  WITH i,
       COUNT { (i)<-[v:VOTED]-(:Member) WHERE v.value = 1 } AS up,
       COUNT { (i)<-[v:VOTED]-(:Member) WHERE v.value = -1 } AS down
  SET i.upVotes = up,
      i.downVotes = down,
      i.points = 10 * (up - down),
      i.followerCount = COUNT { (i)<-[:FOLLOWS]-(:Member) },
      i.commentCount = COUNT { (i)<-[:ON]-(:IdeaComment) },
      i.coins = reduce(total = 0, c IN [(i)<-[a:ALLOCATED]-(:Member) | a.coins] | total + c),
      i.trend = reduce(total = 0.0, t IN [(i)<-[v:VOTED]-(:Member) | v.trend] | total + t)
  RETURN count(i) AS ideas
}
CALL () {
  MATCH (m:Member)-[:HAS_BUDGET]->(b:CoinBudget)-[:FOR_ROUND]->(r:PrioritizationRound)
  SET b.spent = reduce(total = 0, c IN [(m)-[a:ALLOCATED]->(:Idea) WHERE a.roundId = r.id | a.coins] | total + c)
  RETURN count(b) AS budgets
}
RETURN ideas, budgets

// name: seed_recount_recognition
// Recompute every nomination's reviewCount and scoreTotal (the sum of its reviews' four scores).
MATCH (n:MvpNomination)
SET n.reviewCount = COUNT { (n)<-[:REVIEWED]-(:Member) },
    n.scoreTotal = reduce(total = 0, r IN [(n)<-[r:REVIEWED]-(:Member) | r.expertise + r.generosity + r.leadership + r.advocacy] | total + r)
RETURN count(n) AS recounted

// name: seed_ideas_counts
// How many nodes and relationships of each ideas and recognition kind the graph holds. Hero speakers
// are the SPEAKS_AT of members featured as heroes (the generator picks heroes who speak nowhere else).
RETURN COUNT { MATCH (:Idea) } AS ideas,
       COUNT { MATCH (:Member)-[:VOTED]->(:Idea) } AS idea_votes,
       COUNT { MATCH (:Member)-[:FOLLOWS]->(:Idea) } AS idea_follows,
       COUNT { MATCH (:IdeaComment) } AS idea_comments,
       COUNT { MATCH (:IdeaStatusChange) } AS idea_status_changes,
       COUNT { MATCH (:Idea)-[:MERGED_INTO]->(:Idea) } AS idea_merges,
       COUNT { MATCH (:PrioritizationRound) } AS rounds,
       COUNT { MATCH (:PrioritizationRound)-[:SHORTLISTS]->(:Idea) } AS round_shortlists,
       COUNT { MATCH (:CoinBudget) } AS coin_budgets,
       COUNT { MATCH (:Member)-[:ALLOCATED]->(:Idea) } AS coin_allocations,
       COUNT { MATCH (:PrioritizationRound)-[:SELECTED]->(:Idea) } AS round_selections,
       COUNT { MATCH (:MvpCycle) } AS mvp_cycles,
       COUNT { MATCH (:MvpNomination) } AS mvp_nominations,
       COUNT { MATCH (:MvpNomination)-[:CITES]->() } AS mvp_citations,
       COUNT { MATCH (:Member)-[:REVIEWED]->(:MvpNomination) } AS mvp_reviews,
       COUNT { MATCH (:MvpTerm) } AS mvp_terms,
       COUNT { MATCH (:CustomerHero) } AS customer_heroes,
       COUNT { MATCH (m:Member)-[:SPEAKS_AT]->(:Event) WHERE EXISTS { (m)-[:FEATURED_AS]->(:CustomerHero) } } AS hero_speakers

// name: seed_ideas_mismatches
// How many records break an invariant of graph/MODEL.md's "Ideas" section (0 when consistent), summed:
// ideas whose points are not 10 x (upVotes - downVotes) or whose upVotes, downVotes, followerCount,
// commentCount, coins (their ALLOCATED) or trend (their VOTED trend, to a relative 1e-9) differ from
// the relationships; ideas without exactly one author and product area; votes on one's own idea;
// second votes, follows or allocations (in one round) of a member on an idea; NEW ideas with points
// at `$reviewThreshold` or more; MERGED ideas holding votes, follows, comments or allocations, or
// without exactly one MERGED_INTO, and other ideas with one; status histories out of step (a NEW idea
// with changes, another without any, a last change whose `to` is not the status, a change not of
// exactly one idea, a change without its product manager that is not the automatic move to
// UNDER_REVIEW, or with two); coin budgets whose spent differs from the member's ALLOCATED in the
// round or exceeds its budget, with a wrong key or not of exactly one member and round; allocations
// that are not a positive multiple of 5 coins or have no budget; rounds without exactly one product area.
CALL () {
  MATCH (i:Idea)
  WITH i,
       COUNT { (i)<-[v:VOTED]-(:Member) WHERE v.value = 1 } AS up,
       COUNT { (i)<-[v:VOTED]-(:Member) WHERE v.value = -1 } AS down,
       COUNT { (i)<-[:FOLLOWS]-(:Member) } AS followers,
       COUNT { (i)<-[:ON]-(:IdeaComment) } AS comments,
       reduce(total = 0, c IN [(i)<-[a:ALLOCATED]-(:Member) | a.coins] | total + c) AS coins,
       [(i)<-[v:VOTED]-(:Member) | v.trend] AS trends
  WITH i, up, down, followers, comments, coins,
       reduce(total = 0.0, t IN trends | total + t) AS trend,
       reduce(total = 0.0, t IN trends | total + abs(t)) AS scale
  RETURN count(CASE WHEN i.points <> 10 * (i.upVotes - i.downVotes) OR i.upVotes <> up OR i.downVotes <> down
                      OR i.followerCount <> followers OR i.commentCount <> comments OR i.coins <> coins
                      OR abs(i.trend - trend) > 1.0e-9 * (1.0 + scale) THEN 1 END) AS counters
}
CALL () {
  MATCH (i:Idea)
  WITH i, [(i)<-[:PROPOSED]-(a:Member) | a.id] AS authors, COUNT { (i)-[:IN_AREA]->(:Topic) } AS areas
  RETURN count(CASE WHEN size(authors) <> 1 OR areas <> 1
                      OR EXISTS { MATCH (i)<-[:VOTED]-(v:Member) WHERE v.id = authors[0] } THEN 1 END) AS shape
}
CALL () {
  MATCH (m:Member)-[r:VOTED|FOLLOWS|ALLOCATED]->(i:Idea)
  WITH m, i, type(r) AS kind, r.roundId AS roundId, count(*) AS times
  RETURN count(CASE WHEN times > 1 THEN 1 END) AS repeated
}
CALL () {
  MATCH (i:Idea)
  WITH i, [(i)-[:HAD_STATUS]->(c:IdeaStatusChange) | [c.at, c.to]] AS changes
  WITH i, changes,
       reduce(last = null, c IN changes | CASE WHEN last IS NULL OR c[0] > last[0] THEN c ELSE last END) AS last
  RETURN count(CASE WHEN (i.status = 'NEW' AND (i.points >= $reviewThreshold OR size(changes) > 0))
                      OR (i.status <> 'NEW' AND (size(changes) = 0 OR last[1] <> i.status))
                      OR (i.status = 'MERGED' AND (COUNT { (i)-[:MERGED_INTO]->(:Idea) } <> 1
                          OR EXISTS { (i)<-[:VOTED|FOLLOWS|ALLOCATED]-(:Member) }
                          OR EXISTS { (i)<-[:ON]-(:IdeaComment) }))
                      OR (i.status <> 'MERGED' AND EXISTS { (i)-[:MERGED_INTO]->(:Idea) }) THEN 1 END) AS lifecycle
}
CALL () {
  MATCH (c:IdeaStatusChange)
  WITH c, COUNT { (c)<-[:HAD_STATUS]-(:Idea) } AS ideas, COUNT { (c)<-[:CHANGED_STATUS]-(:Member) } AS managers
  RETURN count(CASE WHEN ideas <> 1 OR managers > 1 OR (managers = 0 AND c.to <> 'UNDER_REVIEW') THEN 1 END) AS changes
}
CALL () {
  MATCH (b:CoinBudget)
  WITH b, [(b)<-[:HAS_BUDGET]-(m:Member) | m] AS holders, [(b)-[:FOR_ROUND]->(r:PrioritizationRound) | r] AS rounds
  WITH b, holders, rounds, holders[0] AS m, rounds[0] AS r
  WITH b, holders, rounds, m, r,
       CASE WHEN m IS NULL OR r IS NULL THEN 0
            ELSE reduce(total = 0, c IN [(m)-[a:ALLOCATED]->(:Idea) WHERE a.roundId = r.id | a.coins] | total + c)
       END AS allocated
  RETURN count(CASE WHEN size(holders) <> 1 OR size(rounds) <> 1 OR b.key <> r.id + ':' + m.id
                      OR b.spent <> allocated OR b.spent > r.budget OR b.spent < 0 THEN 1 END) AS budgets
}
CALL () {
  MATCH (m:Member)-[a:ALLOCATED]->(:Idea)
  RETURN count(CASE WHEN a.coins <= 0 OR a.coins % 5 <> 0
                      OR NOT EXISTS { MATCH (m)-[:HAS_BUDGET]->(b:CoinBudget) WHERE b.key = a.roundId + ':' + m.id }
                    THEN 1 END) AS allocations
}
CALL () {
  MATCH (r:PrioritizationRound)
  RETURN count(CASE WHEN COUNT { (r)-[:IN_AREA]->(:Topic) } <> 1 THEN 1 END) AS rounds
}
RETURN counters + shape + repeated + lifecycle + changes + budgets + allocations + rounds AS ideas

// name: seed_recognition_mismatches
// How many records break an invariant of graph/MODEL.md's "Recognition" section (0 when consistent),
// summed: nominations without exactly one nominator, nominee and cycle (of their year), of oneself,
// with a wrong key, a nominee who had joined less than a year before, reviewCount or scoreTotal
// differing from their REVIEWED, a decision time out of step with the status; reviews with a score
// outside 1-5 or by the nominee or nominator; two terms of a member in a year; terms without exactly
// one member and cycle (of their year), with a wrong key, or whose member has no SELECTED nomination
// that year; term holders who have not EARNED the `mvp` badge, and members who EARNED it without a
// term; hero stories without exactly one member and company or without a product; members featured
// as heroes who speak at an event that is not a CITY_TOUR.
CALL () {
  MATCH (n:MvpNomination)
  WITH n, [(n)<-[:NOMINATED]-(m:Member) | m] AS nominators, [(n)-[:NOMINEE]->(m:Member) | m] AS nominees,
       [(n)-[:IN_CYCLE]->(c:MvpCycle) | c.year] AS years,
       [(n)<-[r:REVIEWED]-(:Member) | r.expertise + r.generosity + r.leadership + r.advocacy] AS scores
  WITH n, nominators, nominees, years, scores, nominators[0] AS nominator, nominees[0] AS nominee
  RETURN count(CASE WHEN size(nominators) <> 1 OR size(nominees) <> 1 OR years <> [n.year]
                      OR nominator = nominee
                      OR n.key <> toString(n.year) + ':' + nominator.id + ':' + nominee.id
                      OR nominee.joinedAt > n.createdAt - duration({years: 1})
                      OR n.reviewCount <> size(scores)
                      OR n.scoreTotal <> reduce(total = 0, s IN scores | total + s)
                      OR (n.decidedAt IS NULL) <> (n.status = 'PENDING') THEN 1 END) AS nominations
}
CALL () {
  MATCH (m:Member)-[r:REVIEWED]->(n:MvpNomination)
  RETURN count(CASE WHEN NOT (r.expertise IN range(1, 5) AND r.generosity IN range(1, 5)
                              AND r.leadership IN range(1, 5) AND r.advocacy IN range(1, 5))
                      OR EXISTS { (n)-[:NOMINEE]->(m) } OR EXISTS { (n)<-[:NOMINATED]-(m) } THEN 1 END) AS reviews
}
CALL () {
  MATCH (m:Member)-[:HAS_TERM]->(t:MvpTerm)
  WITH m, t.year AS year, count(t) AS terms
  RETURN count(CASE WHEN terms > 1 THEN 1 END) AS doubled
}
CALL () {
  MATCH (t:MvpTerm)
  WITH t, [(t)<-[:HAS_TERM]-(m:Member) | m] AS holders, [(t)-[:IN_CYCLE]->(c:MvpCycle) | c.year] AS years
  WITH t, holders, years, holders[0] AS m
  RETURN count(CASE WHEN size(holders) <> 1 OR years <> [t.year] OR t.key <> toString(t.year) + ':' + m.id
                      OR NOT EXISTS { MATCH (m)<-[:NOMINEE]-(n:MvpNomination) WHERE n.year = t.year AND n.status = 'SELECTED' }
                    THEN 1 END) AS terms
}
CALL () {
  MATCH (m:Member)
  WITH m, EXISTS { (m)-[:HAS_TERM]->(:MvpTerm) } AS serves, EXISTS { (m)-[:EARNED]->(:Badge {slug: 'mvp'}) } AS badged
  RETURN count(CASE WHEN serves <> badged THEN 1 END) AS badges
}
CALL () {
  MATCH (h:CustomerHero)
  RETURN count(CASE WHEN COUNT { (h)<-[:FEATURED_AS]-(:Member) } <> 1 OR COUNT { (h)-[:AT]->(:Company) } <> 1
                      OR NOT EXISTS { (h)-[:USES]->(:Topic) } THEN 1 END) AS heroes
}
CALL () {
  MATCH (m:Member)
  WHERE EXISTS { (m)-[:FEATURED_AS]->(:CustomerHero) }
  RETURN count(CASE WHEN EXISTS { MATCH (m)-[:SPEAKS_AT]->(e:Event) WHERE e.kind <> 'CITY_TOUR' } THEN 1 END) AS speakers
}
RETURN nominations + reviews + doubled + terms + badges + heroes + speakers AS recognition
