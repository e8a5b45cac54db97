// name: topics_by_ids
// Topics by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN id, t {.*} AS topic

// name: topics_by_slugs
// Topics by slug; one row per slug found, keyed by `slug`.
UNWIND $slugs AS slug
MATCH (t:Topic {slug: slug})
RETURN slug, t {.*} AS topic

// name: topics_page
// A page of topics, optionally filtered by category or search text, ordered by name.
MATCH (t:Topic)
WHERE ($category IS NULL OR t.category = $category)
  AND ($search IS NULL OR toLower(t.name) CONTAINS $search OR t.slug CONTAINS $search)
WITH t
ORDER BY t.name ASC, t.id ASC
SKIP $skip LIMIT $limit
RETURN t {.*} AS topic

// name: topics_count
// How many topics match the filter of `topics_page`.
MATCH (t:Topic)
WHERE ($category IS NULL OR t.category = $category)
  AND ($search IS NULL OR toLower(t.name) CONTAINS $search OR t.slug CONTAINS $search)
RETURN count(t) AS total

// name: skills_by_ids
// Skills by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (s:Skill {id: id})
RETURN id, s {.*} AS skill

// name: skills_by_slugs
// Skills by slug; one row per slug found, keyed by `slug`.
UNWIND $slugs AS slug
MATCH (s:Skill {slug: slug})
RETURN slug, s {.*} AS skill

// name: skills_page
// A page of skills, optionally filtered by category or search text, ordered by name.
MATCH (s:Skill)
WHERE ($category IS NULL OR s.category = $category)
  AND ($search IS NULL OR toLower(s.name) CONTAINS $search OR s.slug CONTAINS $search)
WITH s
ORDER BY s.name ASC, s.id ASC
SKIP $skip LIMIT $limit
RETURN s {.*} AS skill

// name: skills_count
// How many skills match the filter of `skills_page`.
MATCH (s:Skill)
WHERE ($category IS NULL OR s.category = $category)
  AND ($search IS NULL OR toLower(s.name) CONTAINS $search OR s.slug CONTAINS $search)
RETURN count(s) AS total

// name: skills_of_members
// Each member's skills with their level and endorsements, strongest first.
UNWIND $ids AS id
MATCH (m:Member {id: id})-[h:HAS_SKILL]->(s:Skill)
WITH id, s, h
ORDER BY h.level DESC, s.name ASC
RETURN id, collect(s {.*, level: h.level, endorsementCount: h.endorsementCount}) AS skills

// name: topics_followed_by_members
// The topics each member follows, by name.
UNWIND $ids AS id
MATCH (m:Member {id: id})-[:FOLLOWS]->(t:Topic)
WITH id, t
ORDER BY t.name ASC
RETURN id, collect(t {.*}) AS topics

// name: topics_of_groups
// The topics each group is about, by name.
UNWIND $ids AS id
MATCH (g:Group {id: id})-[:ABOUT]->(t:Topic)
WITH id, t
ORDER BY t.name ASC
RETURN id, collect(t {.*}) AS topics

// name: set_skill
// Hold a skill at a level (1-5); creates or updates the relationship.
MATCH (m:Member {id: $memberId})
MATCH (s:Skill {id: $skillId})
MERGE (m)-[h:HAS_SKILL]->(s)
ON CREATE SET h.since = datetime(), h.endorsementCount = 0
SET h.level = $level
RETURN s {.*, level: h.level, endorsementCount: h.endorsementCount} AS skill

// name: remove_skill
// Stop holding a skill, and drop the endorsements it had; idempotent.
MATCH (m:Member {id: $memberId})-[h:HAS_SKILL]->(s:Skill {id: $skillId})
CALL (m, s) {
  MATCH (m)<-[e:ENDORSED]-(:Member)
  WHERE e.skillId = s.id
  DELETE e
}
DELETE h
RETURN s.id AS id

// name: follow_topic
// Follow a topic; idempotent.
MATCH (m:Member {id: $memberId})
MATCH (t:Topic {id: $topicId})
MERGE (m)-[f:FOLLOWS]->(t)
ON CREATE SET f.since = datetime()
RETURN t {.*} AS topic

// name: unfollow_topic
// Stop following a topic; idempotent.
MATCH (m:Member {id: $memberId})-[f:FOLLOWS]->(t:Topic {id: $topicId})
DELETE f
RETURN t.id AS id
