// name: members_by_ids
// Members by application id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (m:Member {id: id})
RETURN id, m {.*} AS member

// name: member_by_handle
// One member by handle.
MATCH (m:Member {handle: $handle})
RETURN m {.*} AS member

// name: members_page
// A filtered, ordered page of visible members. `$visible` lists the visibility levels the
// viewer may see; the viewer always sees themselves. Every order ends on the unique handle.
MATCH (m:Member)
WHERE (m.visibility IN $visible OR m.id = $viewerId)
  AND ($search IS NULL OR m.searchText CONTAINS $search)
  AND ($country IS NULL OR m.country = $country)
  AND ($city IS NULL OR m.city = $city)
  AND ($groupId IS NULL OR EXISTS { MATCH (m)-[:MEMBER_OF]->(g:Group) WHERE g.id = $groupId })
  AND ($topicId IS NULL OR EXISTS { MATCH (m)-[:FOLLOWS]->(t:Topic) WHERE t.id = $topicId })
  AND all(slug IN $skills WHERE EXISTS { MATCH (m)-[:HAS_SKILL]->(s:Skill) WHERE s.slug = slug })
WITH m
ORDER BY
  CASE WHEN $orderBy = 'NEWEST' THEN m.joinedAt END DESC,
  CASE WHEN $orderBy = 'FOLLOWERS' THEN m.followerCount END DESC,
  CASE WHEN $orderBy = 'NAME' THEN m.displayName END ASC,
  m.handle ASC
SKIP $skip LIMIT $limit
RETURN m {.*} AS member

// name: members_count
// How many visible members match the filter of `members_page`.
MATCH (m:Member)
WHERE (m.visibility IN $visible OR m.id = $viewerId)
  AND ($search IS NULL OR m.searchText CONTAINS $search)
  AND ($country IS NULL OR m.country = $country)
  AND ($city IS NULL OR m.city = $city)
  AND ($groupId IS NULL OR EXISTS { MATCH (m)-[:MEMBER_OF]->(g:Group) WHERE g.id = $groupId })
  AND ($topicId IS NULL OR EXISTS { MATCH (m)-[:FOLLOWS]->(t:Topic) WHERE t.id = $topicId })
  AND all(slug IN $skills WHERE EXISTS { MATCH (m)-[:HAS_SKILL]->(s:Skill) WHERE s.slug = slug })
RETURN count(m) AS total

// name: update_member
// Set profile properties on one member and return it; `$props` holds only validated keys.
MATCH (m:Member {id: $id})
SET m += $props
SET m.searchText = toLower(m.handle + ' ' + coalesce(m.displayName, '') + ' ' + coalesce(m.headline, '') + ' ' + coalesce(m.jobTitle, '') + ' ' + coalesce(m.company, ''))
RETURN m {.*} AS member

// name: followers_of_members
// A page of each member's visible followers, newest follow first, with each list's total.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)<-[f:FOLLOWS]-(other:Member)
  WHERE other.visibility IN $visible OR other.id = $viewerId
  WITH other, f
  ORDER BY
    CASE WHEN $fromEnd THEN f.since END ASC,
    CASE WHEN $fromEnd THEN other.id END DESC,
    f.since DESC,
    other.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(other {.*}) AS page
}
RETURN id, COUNT { MATCH (m)<-[f:FOLLOWS]-(other:Member) WHERE other.visibility IN $visible OR other.id = $viewerId } AS total, page

// name: following_of_members
// A page of the visible members each member follows, newest follow first, with each list's total.
// `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[f:FOLLOWS]->(other:Member)
  WHERE other.visibility IN $visible OR other.id = $viewerId
  WITH other, f
  ORDER BY
    CASE WHEN $fromEnd THEN f.since END ASC,
    CASE WHEN $fromEnd THEN other.id END DESC,
    f.since DESC,
    other.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(other {.*}) AS page
}
RETURN id, COUNT { MATCH (m)-[f:FOLLOWS]->(other:Member) WHERE other.visibility IN $visible OR other.id = $viewerId } AS total, page

// name: follow_member
// Follow a member; idempotent. Counters move only when the relationship is new.
MATCH (follower:Member {id: $followerId})
MATCH (followee:Member {id: $followeeId})
MERGE (follower)-[f:FOLLOWS]->(followee)
ON CREATE SET
  f.since = datetime(),
  followee.followerCount = followee.followerCount + 1,
  follower.followingCount = follower.followingCount + 1
RETURN followee {.*} AS member

// name: unfollow_member
// Stop following a member; idempotent. Returns the followee whether or not a follow existed.
MATCH (follower:Member {id: $followerId})
MATCH (followee:Member {id: $followeeId})
OPTIONAL MATCH (follower)-[f:FOLLOWS]->(followee)
WITH follower, followee, f, CASE WHEN f IS NULL THEN 0 ELSE 1 END AS removed
DELETE f
SET followee.followerCount = followee.followerCount - removed,
    follower.followingCount = follower.followingCount - removed
RETURN followee {.*} AS member

// name: viewer_follows_members
// Which of the given members the viewer follows; one row per followed id.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[:FOLLOWS]->(m:Member {id: id})
RETURN id

// name: viewer_follows_topics
// Which of the given topics the viewer follows; one row per followed id.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[:FOLLOWS]->(t:Topic {id: id})
RETURN id

// name: viewer_roles_in_groups
// The viewer's role in each of the given groups they belong to.
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[r:MEMBER_OF]->(g:Group {id: id})
RETURN id, r.role AS role
