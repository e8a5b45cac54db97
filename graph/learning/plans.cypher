// Learning plans (graph/MODEL.md, "Companies, learning plans and credentials"): a company's plan
// INCLUDES trails and modules (`position`) and is ASSIGNED_TO employees of that company.
//
// Progress of an assigned item, computed at read time: a module counts as done when the member
// has COMPLETED it; a trail's progress is its COMPLETED modules over its modules. Every progress
// statement first collects, per member, the ids of the modules their assigned items need
// (`relevant`), then the member's COMPLETED modules among those (one expansion from the member,
// tested against that list), so no pattern is ever anchored on two bound nodes. Rows stay
// scalar: ids, counts, flags and times.

// name: plans_by_ids
// Learning plans by application id, with their company's id and how many members they are
// assigned to; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (p:LearningPlan {id: id})<-[:HAS_PLAN]-(c:Company)
RETURN id, p {.*} AS plan, c.id AS companyId, COUNT { (p)-[:ASSIGNED_TO]->(:Member) } AS assigneeCount

// name: plan_items_of_plans
// Each plan's items in plan order: one row per plan and item, with the item's id and kind
// (TRAIL or MODULE).
UNWIND $ids AS id
MATCH (p:LearningPlan {id: id})-[i:INCLUDES]->(item)
RETURN id, item.id AS itemId, CASE WHEN item:Trail THEN 'TRAIL' ELSE 'MODULE' END AS kind
ORDER BY id, i.position

// name: plans_assigned_to_member
// Which of the plans `$ids` are assigned to the member `$memberId`.
MATCH (:Member {id: $memberId})<-[:ASSIGNED_TO]-(p:LearningPlan)
WHERE p.id IN $ids
RETURN p.id AS id

// name: plan_assignments_of_member
// A page of the member's assignments: one row per plan and item, by due date, then plan, then
// the item's position, with the item's progress. `$includeCompleted` false leaves out
// completed items. `completedAt` is when the last of its modules was completed.
MATCH (me:Member {id: $memberId})
CALL (me) {
  OPTIONAL MATCH (me)<-[:ASSIGNED_TO]-(:LearningPlan)-[:INCLUDES]->(item)
  WITH collect(DISTINCT item) AS items
  RETURN reduce(ids = [], item IN items |
    ids + CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END) AS relevant
}
CALL (me, relevant) {
  OPTIONAL MATCH (me)-[done:COMPLETED]->(mod:Module)
  WHERE mod.id IN relevant
  RETURN collect(mod.id) AS doneIds, collect(done.at) AS doneAts
}
MATCH (me)<-[:ASSIGNED_TO]-(p:LearningPlan)-[inc:INCLUDES]->(item)
WITH p, inc, item, doneIds, doneAts,
     CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END AS moduleIds
WITH p, inc, item, size(moduleIds) AS totalModules,
     [i IN range(0, size(doneIds) - 1) WHERE doneIds[i] IN moduleIds | doneAts[i]] AS doneAt
WITH p, inc, item, totalModules, doneAt, totalModules > 0 AND size(doneAt) = totalModules AS isComplete
WHERE $includeCompleted OR NOT isComplete
RETURN p.id AS planId, item.id AS itemId, CASE WHEN item:Trail THEN 'TRAIL' ELSE 'MODULE' END AS itemKind,
       p.dueAt AS dueAt, totalModules, size(doneAt) AS completedModules, isComplete,
       CASE WHEN isComplete THEN reduce(last = null, t IN doneAt | CASE WHEN last IS NULL OR t > last THEN t ELSE last END) END AS completedAt,
       NOT isComplete AND p.dueAt < datetime() AS isOverdue
ORDER BY p.dueAt ASC, p.id ASC, inc.position ASC
SKIP $skip LIMIT $limit

// name: plan_assignments_of_member_count
// How many rows `plan_assignments_of_member` has for the member and `$includeCompleted`.
MATCH (me:Member {id: $memberId})
CALL (me) {
  OPTIONAL MATCH (me)<-[:ASSIGNED_TO]-(:LearningPlan)-[:INCLUDES]->(item)
  WITH collect(DISTINCT item) AS items
  RETURN reduce(ids = [], item IN items |
    ids + CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END) AS relevant
}
CALL (me, relevant) {
  OPTIONAL MATCH (me)-[:COMPLETED]->(mod:Module)
  WHERE mod.id IN relevant
  RETURN collect(mod.id) AS doneIds
}
MATCH (me)<-[:ASSIGNED_TO]-(:LearningPlan)-[:INCLUDES]->(item)
WITH doneIds, CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END AS moduleIds
WITH size(moduleIds) > 0 AND all(x IN moduleIds WHERE x IN doneIds) AS isComplete
WHERE $includeCompleted OR NOT isComplete
RETURN count(*) AS total

// name: plan_report_pages
// For each company of `$ids`: a page of its current employees assigned to one of its plans
// (`$planId` only, when given), with the total. Employees whose profile the viewer may see come
// first, by handle; the others last, by id (so a hidden handle's place in the order shows
// nothing). `$fromEnd` takes the page from the end (it comes back reversed). Page entries are
// member ids.
UNWIND $ids AS id
MATCH (c:Company {id: id})
CALL (c) {
  MATCH (c)-[:HAS_PLAN]->(p:LearningPlan)-[:ASSIGNED_TO]->(m:Member)-[:WORKS_AT]->(employer:Company)
  WHERE employer.id = c.id AND ($planId IS NULL OR p.id = $planId)
  WITH DISTINCT m
  WITH m.id AS memberId,
       CASE WHEN m.visibility IN $visible OR m.id = $viewerId THEN '0' + m.handle ELSE '1' + m.id END AS sortKey
  ORDER BY sortKey ASC
  RETURN collect(memberId) AS ordered
}
RETURN id, size(ordered) AS total,
       CASE WHEN $fromEnd THEN reverse(ordered)[$skip..$skip + $limit] ELSE ordered[$skip..$skip + $limit] END AS page

// name: plan_progress_of_employees
// The progress of each member of `$ids` on the plans of their current employer assigned to
// them (`$planId` only, when given): one row per member, plan and item, by due date, then plan,
// then position, shaped like the rows of `plan_assignments_of_member`. Members of several
// companies batch in one statement; each member's completions are read once.
UNWIND $ids AS id
MATCH (me:Member {id: id})-[:WORKS_AT]->(employer:Company)
WITH me, employer, [(me)<-[:ASSIGNED_TO]-(mine:LearningPlan) | mine.id] AS assigned
CALL (employer, assigned) {
  OPTIONAL MATCH (employer)-[:HAS_PLAN]->(p:LearningPlan)-[:INCLUDES]->(item)
  WHERE p.id IN assigned AND ($planId IS NULL OR p.id = $planId)
  WITH collect(DISTINCT item) AS items
  RETURN reduce(ids = [], item IN items |
    ids + CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END) AS relevant
}
CALL (me, relevant) {
  OPTIONAL MATCH (me)-[done:COMPLETED]->(mod:Module)
  WHERE mod.id IN relevant
  RETURN collect(mod.id) AS doneIds, collect(done.at) AS doneAts
}
MATCH (employer)-[:HAS_PLAN]->(p:LearningPlan)-[inc:INCLUDES]->(item)
WHERE p.id IN assigned AND ($planId IS NULL OR p.id = $planId)
WITH me, p, inc, item, doneIds, doneAts,
     CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END AS moduleIds
WITH me, p, inc, item, size(moduleIds) AS totalModules,
     [i IN range(0, size(doneIds) - 1) WHERE doneIds[i] IN moduleIds | doneAts[i]] AS doneAt
WITH me, p, inc, item, totalModules, doneAt, totalModules > 0 AND size(doneAt) = totalModules AS isComplete
RETURN me.id AS id, p.id AS planId, item.id AS itemId, CASE WHEN item:Trail THEN 'TRAIL' ELSE 'MODULE' END AS itemKind,
       p.dueAt AS dueAt, totalModules, size(doneAt) AS completedModules, isComplete,
       CASE WHEN isComplete THEN reduce(last = null, t IN doneAt | CASE WHEN last IS NULL OR t > last THEN t ELSE last END) END AS completedAt,
       NOT isComplete AND p.dueAt < datetime() AS isOverdue
ORDER BY id, p.dueAt ASC, p.id ASC, inc.position ASC

// name: plan_report_totals
// For each company of `$ids`: how many current employees are assigned to its plans (`$planId`
// only, when given), how many of them completed every item assigned, and how many have an
// item past its due date and not completed. Companies with no one assigned have no row. The
// plans' items are read once per company (parallel lists indexed by `k`), each employee's
// completions once.
UNWIND $ids AS id
MATCH (c:Company {id: id})-[:HAS_PLAN]->(p:LearningPlan)-[:INCLUDES]->(item)
WHERE $planId IS NULL OR p.id = $planId
WITH c, id, collect(p.id) AS planIds, collect(p.dueAt) AS dues,
     collect(CASE WHEN item:Trail THEN [(item)-[:INCLUDES]->(mod:Module) | mod.id] ELSE [item.id] END) AS moduleIds
WITH c, id, planIds, dues, moduleIds, reduce(ids = [], mods IN moduleIds | ids + mods) AS relevant
MATCH (c)-[:HAS_PLAN]->(assignedPlan:LearningPlan)-[:ASSIGNED_TO]->(me:Member)-[:WORKS_AT]->(employer:Company)
WHERE employer.id = id AND assignedPlan.id IN planIds
WITH DISTINCT id, planIds, dues, moduleIds, relevant, me
OPTIONAL MATCH (me)-[:COMPLETED]->(mod:Module)
WHERE mod.id IN relevant
WITH id, planIds, dues, moduleIds, me, collect(mod.id) AS doneIds
WITH id, planIds, dues, moduleIds, doneIds, [(me)<-[:ASSIGNED_TO]-(mine:LearningPlan) | mine.id] AS assigned
WITH id, [k IN range(0, size(planIds) - 1) WHERE planIds[k] IN assigned |
          size(moduleIds[k]) > 0 AND all(x IN moduleIds[k] WHERE x IN doneIds)] AS complete,
         [k IN range(0, size(planIds) - 1) WHERE planIds[k] IN assigned | dues[k]] AS due
WITH id, all(done IN complete WHERE done) AS allComplete,
     any(k IN range(0, size(complete) - 1) WHERE NOT complete[k] AND due[k] < datetime()) AS anyOverdue
RETURN id, count(*) AS assigned, sum(CASE WHEN allComplete THEN 1 ELSE 0 END) AS completed,
       sum(CASE WHEN anyOverdue THEN 1 ELSE 0 END) AS overdue

// name: plan_assign_check
// What stops `assignLearningPlan` for company `$companyId`, with its write lock taken first (a
// no-op SET: employment changes update employeeCount, so they wait or retry): whether the viewer
// administers the company, the `$items` ({id, kind: TRAIL or MODULE}) that do not exist and the
// `$memberIds` that do not work there. No row when the company does not exist.
MATCH (c:Company {id: $companyId})
SET c.employeeCount = c.employeeCount
WITH c
OPTIONAL MATCH (:Member {id: $viewerId})-[w:WORKS_AT]->(mine:Company)
WITH c, coalesce(mine.id = c.id AND w.role = 'ADMIN', false) AS viewerIsAdmin
CALL () {
  UNWIND $items AS item
  OPTIONAL MATCH (t:Trail {id: item.id})
  OPTIONAL MATCH (m:Module {id: item.id})
  WITH item, CASE item.kind WHEN 'TRAIL' THEN t.id WHEN 'MODULE' THEN m.id END AS found
  WHERE found IS NULL
  RETURN collect(item.id) AS missingItems
}
CALL (c) {
  UNWIND $memberIds AS memberId
  OPTIONAL MATCH (:Member {id: memberId})-[:WORKS_AT]->(employer:Company)
  WITH memberId, employer
  WHERE employer IS NULL OR employer.id <> c.id
  RETURN collect(memberId) AS notEmployees
}
RETURN viewerIsAdmin, missingItems, notEmployees

// name: plan_create
// Create plan `$id` of company `$companyId`: due `$dueAt` (epoch ms), created now, assigned by
// `$viewerId`; it INCLUDES the `$items` ({id, kind, position}) and is ASSIGNED_TO those of
// `$memberIds` who work at the company (MERGE: once per plan and member).
MATCH (c:Company {id: $companyId})
CREATE (p:LearningPlan {id: $id})
SET p.title = $title,
    p.dueAt = datetime({epochMillis: $dueAt}),
    p.createdAt = datetime(),
    p.assignedBy = $viewerId
CREATE (c)-[:HAS_PLAN]->(p)
WITH c, p
CALL (p) {
  UNWIND $items AS item
  OPTIONAL MATCH (t:Trail {id: item.id})
  OPTIONAL MATCH (m:Module {id: item.id})
  WITH p, item, CASE item.kind WHEN 'TRAIL' THEN t WHEN 'MODULE' THEN m END AS target
  WHERE target IS NOT NULL
  MERGE (p)-[i:INCLUDES]->(target)
  ON CREATE SET i.position = item.position
  RETURN count(i) AS itemCount
}
CALL (c, p) {
  UNWIND $memberIds AS memberId
  MATCH (e:Member {id: memberId})-[:WORKS_AT]->(employer:Company)
  WHERE employer.id = c.id
  MERGE (p)-[a:ASSIGNED_TO]->(e)
  ON CREATE SET a.at = p.createdAt
  RETURN count(a) AS assigneeCount
}
RETURN p {.*} AS plan, c.id AS companyId, assigneeCount

// name: plan_cancel_check
// Plan `$planId`'s company, and how the viewer relates to it: whether they administer that
// company and whether the plan is assigned to them. No row when the plan does not exist.
MATCH (p:LearningPlan {id: $planId})<-[:HAS_PLAN]-(c:Company)
SET c.employeeCount = c.employeeCount
WITH p, c
OPTIONAL MATCH (:Member {id: $viewerId})-[w:WORKS_AT]->(mine:Company)
RETURN c.id AS companyId,
       coalesce(mine.id = c.id AND w.role = 'ADMIN', false) AS viewerIsAdmin,
       EXISTS { MATCH (p)-[:ASSIGNED_TO]->(x:Member) WHERE x.id = $viewerId } AS viewerIsAssigned

// name: plan_delete
// Delete plan `$planId` with its HAS_PLAN, INCLUDES and ASSIGNED_TO relationships.
MATCH (p:LearningPlan {id: $planId})
DETACH DELETE p
RETURN count(*) AS deleted
