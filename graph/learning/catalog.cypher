// Reads of the learning catalog: trails, modules and their units, superbadges, badges,
// certifications, the rank ladder and the release calendar. Catalog rows are the node's
// properties, plus the id of the badge a module or superbadge awards (`badgeId`, null if none).

// name: trails_by_ids
// Trails by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (t:Trail {id: id})
RETURN id, t {.*} AS trail

// name: trails_by_slugs
// Trails by slug; one row per slug found, keyed by `slug`.
UNWIND $slugs AS slug
MATCH (t:Trail {slug: slug})
RETURN slug, t {.*} AS trail

// name: modules_by_ids
// Modules (and projects, and maintenance modules) by application id, with the badge each awards.
UNWIND $ids AS id
MATCH (m:Module {id: id})
OPTIONAL MATCH (m)-[:AWARDS]->(b:Badge)
RETURN id, m {.*, badgeId: b.id} AS module

// name: modules_by_slugs
// Modules by slug, with the badge each awards.
UNWIND $slugs AS slug
MATCH (m:Module {slug: slug})
OPTIONAL MATCH (m)-[:AWARDS]->(b:Badge)
RETURN slug, m {.*, badgeId: b.id} AS module

// name: units_by_ids
// Units by application id, with their module's id.
UNWIND $ids AS id
MATCH (u:Unit {id: id})<-[:HAS_UNIT]-(m:Module)
RETURN id, u {.*, moduleId: m.id} AS unit

// name: superbadges_by_ids
// Superbadges by application id, with the badge each awards.
UNWIND $ids AS id
MATCH (s:Superbadge {id: id})
OPTIONAL MATCH (s)-[:AWARDS]->(b:Badge)
RETURN id, s {.*, badgeId: b.id} AS superbadge

// name: badges_by_ids
// Badges by application id.
UNWIND $ids AS id
MATCH (b:Badge {id: id})
RETURN id, b {.*} AS badge

// name: certifications_by_ids
// Certifications by application id.
UNWIND $ids AS id
MATCH (c:Certification {id: id})
RETURN id, c {.*} AS certification

// name: certifications_by_slugs
// Certifications by slug.
UNWIND $slugs AS slug
MATCH (c:Certification {slug: slug})
RETURN slug, c {.*} AS certification

// name: modules_of_trails
// Each trail's modules and projects in trail order: one row per trail and module.
UNWIND $ids AS id
MATCH (t:Trail {id: id})-[i:INCLUDES]->(m:Module)
OPTIONAL MATCH (m)-[:AWARDS]->(b:Badge)
RETURN id, m {.*, badgeId: b.id} AS module
ORDER BY id, i.position

// name: units_of_modules
// Each module's units in order: one row per module and unit.
UNWIND $ids AS id
MATCH (m:Module {id: id})-[:HAS_UNIT]->(u:Unit)
RETURN id, u {.*, moduleId: m.id} AS unit
ORDER BY id, u.position

// name: skills_of_modules
// The skills each module teaches, by name: one row per module and skill.
UNWIND $ids AS id
MATCH (m:Module {id: id})-[:TEACHES]->(s:Skill)
RETURN id, s {.*} AS skill
ORDER BY id, s.name

// name: skills_of_superbadges
// The skills each superbadge tests, by name.
UNWIND $ids AS id
MATCH (x:Superbadge {id: id})-[:TEACHES]->(s:Skill)
RETURN id, s {.*} AS skill
ORDER BY id, s.name

// name: skills_of_certifications
// The skills each certification attests, by name.
UNWIND $ids AS id
MATCH (c:Certification {id: id})-[:ATTESTS]->(s:Skill)
RETURN id, s {.*} AS skill
ORDER BY id, s.name

// name: prerequisites_of_superbadges
// The modules each superbadge requires, by title.
UNWIND $ids AS id
MATCH (s:Superbadge {id: id})-[:REQUIRES]->(m:Module)
OPTIONAL MATCH (m)-[:AWARDS]->(b:Badge)
RETURN id, m {.*, badgeId: b.id} AS module
ORDER BY id, m.title

// name: prerequisites_of_certifications
// The certifications each certification requires first, by title.
UNWIND $ids AS id
MATCH (c:Certification {id: id})-[:REQUIRES]->(p:Certification)
RETURN id, p {.*} AS certification
ORDER BY id, p.title

// name: recommendations_of_certifications
// The preparation each certification's exam guide lists, in its order: modules and superbadges,
// with `kind` saying which (`MODULE` for any module, `SUPERBADGE`).
UNWIND $ids AS id
MATCH (c:Certification {id: id})-[r:RECOMMENDS]->(x)
WHERE x:Module OR x:Superbadge
OPTIONAL MATCH (x)-[:AWARDS]->(b:Badge)
RETURN id, CASE WHEN x:Superbadge THEN 'SUPERBADGE' ELSE 'MODULE' END AS kind, x {.*, badgeId: b.id} AS item
ORDER BY id, r.position

// name: maintained_certifications_of_modules
// The certifications each maintenance module maintains, with the release it is for.
UNWIND $ids AS id
MATCH (m:Module {id: id})-[:MAINTAINS]->(c:Certification)
RETURN id, c {.*} AS certification
ORDER BY id, c.title

// name: ranks
// The rank ladder, lowest first.
MATCH (r:Rank)
RETURN r {.*} AS rank
ORDER BY r.position

// name: releases
// The release calendar, oldest first.
MATCH (r:Release)
RETURN r {.*} AS release
ORDER BY r.releasedAt

// name: release_of_modules
// The release each maintenance module is for.
UNWIND $ids AS id
MATCH (m:Module {id: id})-[:FOR_RELEASE]->(r:Release)
RETURN id, r {.*} AS release

// name: trails_page
// A page of trails, filtered by role, level, a taught skill (through any of its modules) and
// search text, ordered by title.
MATCH (t:Trail)
WHERE ($role IS NULL OR $role IN t.roles)
  AND ($level IS NULL OR t.level = $level)
  AND ($search IS NULL OR t.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (t)-[:INCLUDES]->(:Module)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
WITH t
ORDER BY t.title, t.id
SKIP $skip LIMIT $limit
RETURN t {.*} AS trail

// name: trails_count
// How many trails match the filter of `trails_page`.
MATCH (t:Trail)
WHERE ($role IS NULL OR $role IN t.roles)
  AND ($level IS NULL OR t.level = $level)
  AND ($search IS NULL OR t.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (t)-[:INCLUDES]->(:Module)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
RETURN count(t) AS total

// name: modules_page
// A page of modules, filtered by kind, role, level, a taught skill and search text, by title.
MATCH (m:Module)
WHERE ($kind IS NULL OR m.kind = $kind)
  AND ($role IS NULL OR $role IN m.roles)
  AND ($level IS NULL OR m.level = $level)
  AND ($search IS NULL OR m.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (m)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
WITH m
ORDER BY m.title, m.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (m)-[:AWARDS]->(b:Badge)
RETURN m {.*, badgeId: b.id} AS module

// name: modules_count
// How many modules match the filter of `modules_page`.
MATCH (m:Module)
WHERE ($kind IS NULL OR m.kind = $kind)
  AND ($role IS NULL OR $role IN m.roles)
  AND ($level IS NULL OR m.level = $level)
  AND ($search IS NULL OR m.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (m)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
RETURN count(m) AS total

// name: superbadges_page
// A page of superbadges, filtered by role, level, a tested skill and search text, by title.
MATCH (x:Superbadge)
WHERE ($role IS NULL OR $role IN x.roles)
  AND ($level IS NULL OR x.level = $level)
  AND ($search IS NULL OR x.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (x)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
WITH x
ORDER BY x.title, x.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (x)-[:AWARDS]->(b:Badge)
RETURN x {.*, badgeId: b.id} AS superbadge

// name: superbadges_count
// How many superbadges match the filter of `superbadges_page`.
MATCH (x:Superbadge)
WHERE ($role IS NULL OR $role IN x.roles)
  AND ($level IS NULL OR x.level = $level)
  AND ($search IS NULL OR x.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (x)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
RETURN count(x) AS total

// name: badges_page
// A page of badges, filtered by kind, by the role, level or taught skill of the module or
// superbadge awarding it, and by search text, ordered by title. `$availableAt` (epoch millis)
// keeps badges that can be earned at that time: limited editions inside their window, the rest always.
WITH CASE WHEN $availableAt IS NULL THEN null ELSE datetime({epochMillis: $availableAt}) END AS at
MATCH (b:Badge)
WHERE ($kind IS NULL OR b.kind = $kind)
  AND ($search IS NULL OR b.searchText CONTAINS $search)
  AND (at IS NULL OR b.availableFrom IS NULL OR (b.availableFrom <= at AND at < b.availableUntil))
  AND ($role IS NULL AND $level IS NULL AND $skillId IS NULL OR EXISTS {
    MATCH (b)<-[:AWARDS]-(x)
    WHERE (x:Module OR x:Superbadge)
      AND ($role IS NULL OR $role IN x.roles)
      AND ($level IS NULL OR x.level = $level)
      AND ($skillId IS NULL OR EXISTS { MATCH (x)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
  })
WITH b
ORDER BY b.title, b.id
SKIP $skip LIMIT $limit
RETURN b {.*} AS badge

// name: badges_count
// How many badges match the filter of `badges_page`.
WITH CASE WHEN $availableAt IS NULL THEN null ELSE datetime({epochMillis: $availableAt}) END AS at
MATCH (b:Badge)
WHERE ($kind IS NULL OR b.kind = $kind)
  AND ($search IS NULL OR b.searchText CONTAINS $search)
  AND (at IS NULL OR b.availableFrom IS NULL OR (b.availableFrom <= at AND at < b.availableUntil))
  AND ($role IS NULL AND $level IS NULL AND $skillId IS NULL OR EXISTS {
    MATCH (b)<-[:AWARDS]-(x)
    WHERE (x:Module OR x:Superbadge)
      AND ($role IS NULL OR $role IN x.roles)
      AND ($level IS NULL OR x.level = $level)
      AND ($skillId IS NULL OR EXISTS { MATCH (x)-[:TEACHES]->(s:Skill) WHERE s.id = $skillId })
  })
RETURN count(b) AS total

// name: certifications_page
// A page of certifications, filtered by role, level, an attested skill and search text; by role,
// then level (associate first), then title.
MATCH (c:Certification)
WHERE ($role IS NULL OR c.role = $role)
  AND ($level IS NULL OR c.level = $level)
  AND ($search IS NULL OR c.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (c)-[:ATTESTS]->(s:Skill) WHERE s.id = $skillId })
WITH c, CASE c.level WHEN 'ASSOCIATE' THEN 1 WHEN 'PROFESSIONAL' THEN 2 WHEN 'ADVANCED' THEN 3 ELSE 4 END AS levelOrder
ORDER BY c.role, levelOrder, c.title, c.id
SKIP $skip LIMIT $limit
RETURN c {.*} AS certification

// name: certifications_count
// How many certifications match the filter of `certifications_page`.
MATCH (c:Certification)
WHERE ($role IS NULL OR c.role = $role)
  AND ($level IS NULL OR c.level = $level)
  AND ($search IS NULL OR c.searchText CONTAINS $search)
  AND ($skillId IS NULL OR EXISTS { MATCH (c)-[:ATTESTS]->(s:Skill) WHERE s.id = $skillId })
RETURN count(c) AS total
