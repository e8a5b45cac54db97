// name: groups_by_ids
// Groups by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (g:Group {id: id})
RETURN id, g {.*} AS group

// name: group_by_slug
// One group by slug.
MATCH (g:Group {slug: $slug})
RETURN g {.*} AS group

// name: groups_page
// A filtered, ordered page of groups. Distance is in km from `$nearLatitude`/`$nearLongitude`
// when given, else null. Every order ends on the name, then the unique id.
MATCH (g:Group)
WHERE ($search IS NULL OR g.searchText CONTAINS $search)
  AND ($kind IS NULL OR g.kind = $kind)
  AND ($country IS NULL OR g.country = $country)
  AND ($city IS NULL OR g.city = $city)
  AND ($topicId IS NULL OR EXISTS { MATCH (g)-[:ABOUT]->(t:Topic) WHERE t.id = $topicId })
WITH g,
  CASE
    WHEN $nearLatitude IS NULL OR g.latitude IS NULL THEN null
    ELSE point.distance(
      point({latitude: g.latitude, longitude: g.longitude}),
      point({latitude: $nearLatitude, longitude: $nearLongitude})
    ) / 1000.0
  END AS distanceKm
WHERE $radiusKm IS NULL OR (distanceKm IS NOT NULL AND distanceKm <= $radiusKm)
WITH g, distanceKm
ORDER BY
  CASE WHEN $orderBy = 'MEMBER_COUNT' THEN g.memberCount END DESC,
  CASE WHEN $orderBy = 'NEWEST' THEN g.createdAt END DESC,
  CASE WHEN $orderBy = 'DISTANCE' THEN distanceKm END ASC,
  g.name ASC,
  g.id ASC
SKIP $skip LIMIT $limit
RETURN g {.*, distanceKm: distanceKm} AS group

// name: groups_count
// How many groups match the filter of `groups_page`.
MATCH (g:Group)
WHERE ($search IS NULL OR g.searchText CONTAINS $search)
  AND ($kind IS NULL OR g.kind = $kind)
  AND ($country IS NULL OR g.country = $country)
  AND ($city IS NULL OR g.city = $city)
  AND ($topicId IS NULL OR EXISTS { MATCH (g)-[:ABOUT]->(t:Topic) WHERE t.id = $topicId })
WITH g,
  CASE
    WHEN $nearLatitude IS NULL OR g.latitude IS NULL THEN null
    ELSE point.distance(
      point({latitude: g.latitude, longitude: g.longitude}),
      point({latitude: $nearLatitude, longitude: $nearLongitude})
    ) / 1000.0
  END AS distanceKm
WHERE $radiusKm IS NULL OR (distanceKm IS NOT NULL AND distanceKm <= $radiusKm)
RETURN count(g) AS total

// name: groups_of_members
// A page of each member's groups with the member's role, newest membership first, and each total.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[r:MEMBER_OF]->(g:Group)
  WHERE $role IS NULL OR r.role = $role
  WITH g, r
  ORDER BY
    CASE WHEN $fromEnd THEN r.since END ASC,
    CASE WHEN $fromEnd THEN g.id END DESC,
    r.since DESC,
    g.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(g {.*, role: r.role, joinedAt: r.since}) AS page
}
RETURN id, COUNT { MATCH (m)-[r:MEMBER_OF]->(g:Group) WHERE $role IS NULL OR r.role = $role } AS total, page

// name: members_of_groups
// A page of each group's visible members with their role, leaders first, then by join date.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (g:Group {id: id})
CALL (g) {
  MATCH (g)<-[r:MEMBER_OF]-(m:Member)
  WHERE ($role IS NULL OR r.role = $role)
    AND (m.visibility IN $visible OR m.id = $viewerId)
  WITH m, r, CASE r.role WHEN 'LEADER' THEN 0 ELSE 1 END AS rank
  ORDER BY
    CASE WHEN $fromEnd THEN rank END DESC,
    CASE WHEN $fromEnd THEN r.since END DESC,
    CASE WHEN $fromEnd THEN m.id END DESC,
    rank ASC,
    r.since ASC,
    m.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(m {.*, role: r.role, joinedAt: r.since}) AS page
}
RETURN id,
  COUNT {
    MATCH (g)<-[r:MEMBER_OF]-(m:Member)
    WHERE ($role IS NULL OR r.role = $role) AND (m.visibility IN $visible OR m.id = $viewerId)
  } AS total,
  page

// name: create_group
// Create a group led by its creator, about the given topics. Fails on a duplicate slug.
MATCH (creator:Member {id: $creatorId})
CREATE (g:Group)
SET g = $props,
    g.createdAt = datetime(),
    g.memberCount = 1,
    g.leaderCount = 1
// A separate SET: within one SET clause the embedded engine reads the properties as they were before it.
SET g.searchText = toLower(g.name + ' ' + coalesce(g.description, ''))
CREATE (creator)-[:MEMBER_OF {role: 'LEADER', since: datetime()}]->(g)
WITH g
OPTIONAL MATCH (t:Topic) WHERE t.id IN $topicIds
FOREACH (topic IN CASE WHEN t IS NULL THEN [] ELSE [t] END | CREATE (g)-[:ABOUT]->(topic))
WITH DISTINCT g
RETURN g {.*} AS group

// name: update_group
// Update a group's properties when `$leaderId` leads it; returns no row otherwise.
MATCH (leader:Member {id: $leaderId})-[:MEMBER_OF {role: 'LEADER'}]->(g:Group {id: $id})
SET g += $props
SET g.searchText = toLower(g.name + ' ' + coalesce(g.description, ''))
RETURN g {.*} AS group

// name: replace_group_topics
// Make the group about exactly the given topics.
MATCH (g:Group {id: $id})
OPTIONAL MATCH (g)-[old:ABOUT]->(:Topic)
DELETE old
WITH DISTINCT g
OPTIONAL MATCH (t:Topic) WHERE t.id IN $topicIds
FOREACH (topic IN CASE WHEN t IS NULL THEN [] ELSE [t] END | CREATE (g)-[:ABOUT]->(topic))
WITH DISTINCT g
RETURN g.id AS id

// name: join_group
// Join a group as a member; idempotent. The count moves only when the membership is new.
MATCH (m:Member {id: $memberId})
MATCH (g:Group {id: $groupId})
MERGE (m)-[r:MEMBER_OF]->(g)
ON CREATE SET r.role = 'MEMBER', r.since = datetime(), g.memberCount = g.memberCount + 1
RETURN g {.*} AS group, r.role AS role

// name: leave_group
// Leave a group, unless the member is its last leader (a guarded write on `leaderCount`).
// Returns `left` false with `lastLeader` true when refused.
MATCH (m:Member {id: $memberId})
MATCH (g:Group {id: $groupId})
// Take the group's write lock before reading its counters: Neo4j then serialises two leaders
// leaving at once; the embedded engine gets the same effect from its write-conflict retries.
SET g.leaderCount = g.leaderCount
WITH m, g
OPTIONAL MATCH (m)-[r:MEMBER_OF]->(g)
WITH m, g, r,
  r IS NOT NULL AND r.role = 'LEADER' AND g.leaderCount <= 1 AS lastLeader
WITH m, g, r, lastLeader,
  CASE WHEN r IS NULL OR lastLeader THEN 0 ELSE 1 END AS removed,
  CASE WHEN r IS NOT NULL AND r.role = 'LEADER' AND NOT lastLeader THEN 1 ELSE 0 END AS leaderRemoved
SET g.memberCount = g.memberCount - removed,
    g.leaderCount = g.leaderCount - leaderRemoved
FOREACH (gone IN CASE WHEN removed = 1 THEN [r] ELSE [] END | DELETE gone)
RETURN g {.*} AS group, removed = 1 AS left, lastLeader
