// Prioritisation rounds (graph/MODEL.md, "Ideas"): a product manager opens a round on a shortlist of
// ideas in one product area; inside the window each member spends up to the round's `budget` coins
// on them; after it, `closeRound` selects the winners. A member's coins in a round live on their
// `CoinBudget` (`spent`), changed only by guarded writes, so concurrent allocations serialise on it
// (write locks on Neo4j, conflict-and-retry on the embedded engine); `Idea.coins` and the ALLOCATED
// relationships change in the same transaction. A round's status is never stored: it follows from
// the clock (`opensAt`, `closesAt`) and `closedAt`.

// name: rounds_page
// A page of rounds, newest window first, filtered by product area and by status at the database's
// clock: UPCOMING before `opensAt`, OPEN inside the window, ENDED after `closesAt` until
// `closeRound`, CLOSED once `closedAt` is set.
MATCH (r:PrioritizationRound)-[:IN_AREA]->(t:Topic)
WHERE ($productAreaId IS NULL OR t.id = $productAreaId)
  AND ($status IS NULL
    OR ($status = 'CLOSED' AND r.closedAt IS NOT NULL)
    OR ($status = 'UPCOMING' AND r.closedAt IS NULL AND datetime() < r.opensAt)
    OR ($status = 'OPEN' AND r.closedAt IS NULL AND r.opensAt <= datetime() AND datetime() < r.closesAt)
    OR ($status = 'ENDED' AND r.closedAt IS NULL AND r.closesAt <= datetime()))
WITH r, t
ORDER BY r.opensAt DESC, r.id ASC
SKIP $skip LIMIT $limit
RETURN r {.*, productAreaId: t.id} AS round

// name: rounds_count
// How many rounds match the filter of `rounds_page`.
MATCH (r:PrioritizationRound)-[:IN_AREA]->(t:Topic)
WHERE ($productAreaId IS NULL OR t.id = $productAreaId)
  AND ($status IS NULL
    OR ($status = 'CLOSED' AND r.closedAt IS NOT NULL)
    OR ($status = 'UPCOMING' AND r.closedAt IS NULL AND datetime() < r.opensAt)
    OR ($status = 'OPEN' AND r.closedAt IS NULL AND r.opensAt <= datetime() AND datetime() < r.closesAt)
    OR ($status = 'ENDED' AND r.closedAt IS NULL AND r.closesAt <= datetime()))
RETURN count(r) AS total

// name: rounds_tallies
// Each round's board in one query: every shortlisted idea with its position, the coins members
// hold on it in this round and how many distinct members spent on it, and the idea itself (its
// properties, product area and author: what `ideas_by_ids` returns, so the shortlist needs no
// second query); how many members hold coins in the round and how many coins they hold (from the
// budgets); the winners `closeRound` selected, with their rank and coins. The services order the lists.
UNWIND $ids AS id
MATCH (r:PrioritizationRound {id: id})
CALL (r) {
  MATCH (r)-[s:SHORTLISTS]->(i:Idea)
  CALL (r, i) {
    OPTIONAL MATCH (m:Member)-[a:ALLOCATED]->(i)
    WHERE a.roundId = r.id
    RETURN sum(coalesce(a.coins, 0)) AS coins, count(DISTINCT m) AS memberCount
  }
  CALL (i) {
    OPTIONAL MATCH (i)-[:IN_AREA]->(t:Topic)
    OPTIONAL MATCH (i)<-[:PROPOSED]-(author:Member)
    RETURN t.id AS productAreaId, author.id AS authorId
  }
  RETURN collect({ideaId: i.id, position: s.position, coins: coins, memberCount: memberCount,
    idea: properties(i), productAreaId: productAreaId, authorId: authorId}) AS results
}
CALL (r) {
  OPTIONAL MATCH (r)<-[:FOR_ROUND]-(b:CoinBudget)
  RETURN sum(coalesce(b.spent, 0)) AS coinsAllocated,
    count(CASE WHEN b.spent > 0 THEN 1 END) AS participantCount
}
CALL (r) {
  MATCH (r)-[w:SELECTED]->(i:Idea)
  RETURN collect({ideaId: i.id, rank: w.rank, coins: w.coins}) AS winners
}
RETURN id, results, coinsAllocated, participantCount, winners

// name: rounds_member_budgets
// One member's coins in each round: what the round gives (`budget`), what they hold allocated
// (`spent`, 0 without a budget yet) and their allocations, one per idea, each with the idea as
// `ideas_by_ids` returns it.
UNWIND $ids AS id
MATCH (r:PrioritizationRound {id: id})
OPTIONAL MATCH (b:CoinBudget {key: id + ':' + $memberId})
CALL (id) {
  MATCH (:Member {id: $memberId})-[a:ALLOCATED]->(i:Idea)
  WHERE a.roundId = id
  CALL (i) {
    OPTIONAL MATCH (i)-[:IN_AREA]->(t:Topic)
    OPTIONAL MATCH (i)<-[:PROPOSED]-(author:Member)
    RETURN t.id AS productAreaId, author.id AS authorId
  }
  RETURN collect({ideaId: i.id, coins: a.coins, idea: properties(i), productAreaId: productAreaId,
    authorId: authorId}) AS allocations
}
RETURN id, r.budget AS budget, coalesce(b.spent, 0) AS spent, allocations

// name: rounds_create
// Open a round in a product area on a shortlist (`$rows`: {ideaId, position}). No row when the
// product area does not exist; ideas that do not exist are left out (the service checked them).
MATCH (t:Topic {id: $productAreaId})
CREATE (r:PrioritizationRound)
SET r = $props,
    r.opensAt = datetime({epochMillis: $opensAt}),
    r.closesAt = datetime({epochMillis: $closesAt}),
    r.createdAt = datetime(),
    r.version = 0
CREATE (r)-[:IN_AREA]->(t)
WITH r, t
CALL (r) {
  UNWIND $rows AS row
  MATCH (i:Idea {id: row.ideaId})
  CREATE (r)-[:SHORTLISTS {position: row.position}]->(i)
}
RETURN r {.*, productAreaId: t.id} AS round

// name: rounds_lock_ideas
// Take each idea's lock with a real write (`version` + 1, graph/MODEL.md "Concurrency") and then
// read what a round decides on: its status and product area. One row per idea found.
UNWIND $ids AS id
MATCH (i:Idea {id: id})
SET i.version = coalesce(i.version, 0) + 1
WITH id, i
OPTIONAL MATCH (i)-[:IN_AREA]->(t:Topic)
RETURN id, i.status AS status, t.id AS productAreaId

// name: rounds_change_status
// Move ideas (`$rows`: {ideaId, changeId}) whose status is still one of `$statuses` (what the caller
// read under their locks, `rounds_lock_ideas`) to `$to`, each with an IdeaStatusChange made by the
// product manager `$memberId` (comment, expected release) at `$at` (epoch ms). Returns the moved ideas.
MATCH (pm:Member {id: $memberId})
UNWIND $rows AS row
MATCH (i:Idea {id: row.ideaId})
WHERE i.status IN $statuses
CREATE (c:IdeaStatusChange {id: row.changeId, from: i.status, to: $to, comment: $comment,
  at: datetime({epochMillis: $at})})
SET c.expectedRelease = $expectedRelease
SET i.status = $to,
    i.expectedRelease = coalesce($expectedRelease, i.expectedRelease),
    i.statusChangedAt = datetime({epochMillis: $at}),
    i.updatedAt = datetime({epochMillis: $at})
CREATE (i)-[:HAD_STATUS]->(c)
CREATE (pm)-[:CHANGED_STATUS]->(c)
RETURN i.id AS id

// name: rounds_allocation_state
// What an allocation or a withdrawal decides on, read inside its transaction: the round's budget
// and whether its window is open now (and not closed), whether the idea exists, its status and
// whether the round shortlists it, whether the member exists and the coins they hold on it in this
// round (0 when none). No row when the round does not exist.
// (The allocation is read by a subquery anchored on the member alone: on the embedded engine an
// OPTIONAL MATCH from a node variable that is null matches as if it were unbound.)
MATCH (r:PrioritizationRound {id: $roundId})
OPTIONAL MATCH (i:Idea {id: $ideaId})
OPTIONAL MATCH (m:Member {id: $memberId})
RETURN r.budget AS budget,
  r.closedAt IS NULL AND r.opensAt <= datetime() AND datetime() < r.closesAt AS open,
  i IS NOT NULL AS ideaFound,
  i.status AS ideaStatus,
  EXISTS { MATCH (r)-[:SHORTLISTS]->(s:Idea) WHERE s.id = $ideaId } AS shortlisted,
  m IS NOT NULL AS memberFound,
  coalesce(head(COLLECT {
    MATCH (:Member {id: $memberId})-[a:ALLOCATED]->(x:Idea)
    WHERE x.id = $ideaId AND a.roundId = $roundId
    RETURN a.coins
  }), 0) AS allocated

// name: rounds_ensure_budget
// The member's budget for the round, created empty on their first allocation (unique `key`
// `<round id>:<member id>`: a racing duplicate fails on the constraint and its transaction is run
// again, finding this one).
MATCH (m:Member {id: $memberId})
MATCH (r:PrioritizationRound {id: $roundId})
MERGE (b:CoinBudget {key: $key})
ON CREATE SET b.spent = 0
MERGE (m)-[:HAS_BUDGET]->(b)
MERGE (b)-[:FOR_ROUND]->(r)
RETURN b.spent AS spent

// name: rounds_spend
// The guarded write that keeps a member's coins within the round's budget: `spent` grows by
// `$coins` only if it stays at most `budget`. No row when it would not.
MATCH (b:CoinBudget {key: $key})-[:FOR_ROUND]->(r:PrioritizationRound)
WHERE b.spent + $coins <= r.budget
SET b.spent = b.spent + $coins
RETURN b.spent AS spent, r.budget AS budget

// name: rounds_allocate
// Put `$coins` on the member's allocation to the idea in this round (created at the first coins)
// and on the idea's `coins`. Runs after `rounds_spend` took them from the budget. No row when the
// idea was merged meanwhile (a merged idea holds no allocations).
MATCH (m:Member {id: $memberId})
MATCH (i:Idea {id: $ideaId})
WHERE i.status <> 'MERGED'
MERGE (m)-[a:ALLOCATED {roundId: $roundId}]->(i)
ON CREATE SET a.coins = 0
SET a.coins = a.coins + $coins,
    a.at = datetime(),
    i.coins = coalesce(i.coins, 0) + $coins
RETURN a.coins AS coins

// name: rounds_withdraw
// Take `$coins` (all of them when null) back from the member's allocation to the idea: the budget's
// `spent` and the idea's `coins` go down by as much (guarded: never more than allocated, never below
// zero), and the allocation goes when nothing is left on it. No row when there is not that much.
MATCH (m:Member {id: $memberId})-[:HAS_BUDGET]->(b:CoinBudget {key: $key})
MATCH (m)-[a:ALLOCATED {roundId: $roundId}]->(i:Idea {id: $ideaId})
WITH b, a, i, coalesce($coins, a.coins) AS amount
WHERE 0 < amount AND amount <= a.coins AND amount <= b.spent
SET b.spent = b.spent - amount,
    i.coins = i.coins - amount,
    a.coins = a.coins - amount
WITH b, a, amount, a.coins AS left
CALL (a, left) {
  WITH a
  WHERE left = 0
  DELETE a
}
RETURN amount AS withdrawn, left, b.spent AS spent

// name: rounds_lock_round
// Take the round's lock with a real write (`version` + 1), then read what closing it decides on:
// whether it was closed already, whether its window is over, and whether the product manager
// `$memberId` exists. No row when the round does not exist.
MATCH (r:PrioritizationRound {id: $roundId})
SET r.version = r.version + 1
WITH r
OPTIONAL MATCH (pm:Member {id: $memberId})
RETURN r.closedAt IS NOT NULL AS closed, r.closesAt <= datetime() AS ended, pm IS NOT NULL AS managerFound

// name: rounds_close
// Close a round once: the guarded write sets `closedAt` only while it is null, and only after the
// window, then records the winners (`$rows`: {ideaId, rank, coins}) as SELECTED. No row when the
// round was closed already or its window is not over.
MATCH (r:PrioritizationRound {id: $roundId})
WHERE r.closedAt IS NULL AND r.closesAt <= datetime()
SET r.closedAt = datetime({epochMillis: $at})
WITH r
CALL (r) {
  UNWIND $rows AS row
  MATCH (i:Idea {id: row.ideaId})
  CREATE (r)-[:SELECTED {rank: row.rank, coins: row.coins}]->(i)
}
OPTIONAL MATCH (r)-[:IN_AREA]->(t:Topic)
RETURN r {.*, productAreaId: t.id} AS round

// name: rounds_budget_mismatches
// Budgets that break the coin invariants: `spent` unequal to the member's ALLOCATED coins in the
// round, negative or above the round's budget; and ideas whose `coins` differ from their ALLOCATED
// sum. Empty when consistent.
CALL () {
  MATCH (m:Member)-[:HAS_BUDGET]->(b:CoinBudget)-[:FOR_ROUND]->(r:PrioritizationRound)
  CALL (m, r) {
    OPTIONAL MATCH (m)-[a:ALLOCATED]->(:Idea)
    WHERE a.roundId = r.id
    RETURN sum(coalesce(a.coins, 0)) AS allocated
  }
  WITH b, r, allocated
  WHERE b.spent <> allocated OR b.spent < 0 OR b.spent > r.budget
  RETURN b.key AS key, b.spent AS spent, allocated
  UNION
  MATCH (i:Idea)
  CALL (i) {
    OPTIONAL MATCH (:Member)-[a:ALLOCATED]->(i)
    RETURN sum(coalesce(a.coins, 0)) AS allocated
  }
  WITH i, allocated
  WHERE coalesce(i.coins, 0) <> allocated
  RETURN i.id AS key, i.coins AS spent, allocated
}
RETURN key, spent, allocated
ORDER BY key
