// name: endorse_skill
// Endorse a member for a skill they hold; counts once however often it is repeated. The
// no-op SET takes the HAS_SKILL relationship's write lock first, so concurrent endorsements
// by the same member serialise and the MERGE finds the first one. No row when the endorsee
// does not hold the skill.
MATCH (by:Member {id: $endorserId})
MATCH (m:Member {id: $memberId})-[h:HAS_SKILL]->(s:Skill {id: $skillId})
SET h.endorsementCount = h.endorsementCount
MERGE (by)-[e:ENDORSED {skillId: s.id}]->(m)
ON CREATE SET e.at = datetime(), h.endorsementCount = h.endorsementCount + 1
RETURN s {.*, level: h.level, endorsementCount: h.endorsementCount} AS skill

// name: withdraw_endorsement
// Withdraw an endorsement; idempotent. No row when the member does not hold the skill.
MATCH (by:Member {id: $endorserId})
MATCH (m:Member {id: $memberId})-[h:HAS_SKILL]->(s:Skill {id: $skillId})
SET h.endorsementCount = h.endorsementCount
WITH by, m, h, s
OPTIONAL MATCH (by)-[e:ENDORSED {skillId: s.id}]->(m)
WITH h, s, e, CASE WHEN e IS NULL THEN 0 ELSE 1 END AS removed
DELETE e
SET h.endorsementCount = h.endorsementCount - removed
RETURN s {.*, level: h.level, endorsementCount: h.endorsementCount} AS skill

// name: viewer_endorsements_of_members
// For each member in `$ids`, the ids of the skills the viewer has endorsed them for.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[e:ENDORSED]->(:Member {id: id})
RETURN id, collect(e.skillId) AS skillIds
