// Bulk writes of seed data and test fixtures. Each statement takes `$rows`, a list of maps
// shaped like the rows of resolvers/seed/generator.py, and writes one node or relationship kind.
// Everything is CREATEd: the statements fill an empty graph (MERGE on `id` measured 1.5-2x
// slower on the embedded engine), and the unique constraints on `id`, `handle` and `slug` turn
// an accidental second load of the same nodes into a constraint error. Relationships are created
// between nodes matched on their indexed `id`, and report how many were written.
// Times arrive as epoch milliseconds (UTC) and are stored as zoned datetimes: the driver's
// datetime encoding is the costliest part of a bulk write, and the embedded engine would
// store a fixed-offset datetime parameter as a local datetime.

// name: seed_topics
// Create topics from `$rows` of {id, slug, name, category}.
UNWIND $rows AS row
CREATE (t:Topic {id: row.id})
SET t.slug = row.slug, t.name = row.name, t.category = row.category
RETURN count(t) AS written

// name: seed_skills
// Create skills from `$rows` of {id, slug, name, category}.
UNWIND $rows AS row
CREATE (s:Skill {id: row.id})
SET s.slug = row.slug, s.name = row.name, s.category = row.category
RETURN count(s) AS written

// name: seed_members
// Create members from `$rows` of Member properties; searchText is derived here, as on every write.
UNWIND $rows AS row
CREATE (m:Member {id: row.id})
SET m.handle = row.handle,
    m.displayName = row.displayName,
    m.headline = row.headline,
    m.bio = row.bio,
    m.city = row.city,
    m.country = row.country,
    m.latitude = row.latitude,
    m.longitude = row.longitude,
    m.company = row.company,
    m.jobTitle = row.jobTitle,
    m.avatarUrl = row.avatarUrl,
    m.email = row.email,
    m.visibility = row.visibility,
    m.joinedAt = CASE WHEN row.joinedAt IS NULL THEN null ELSE datetime({epochMillis: row.joinedAt}) END,
    m.followerCount = coalesce(row.followerCount, 0),
    m.followingCount = coalesce(row.followingCount, 0),
    m.reputation = coalesce(row.reputation, 0),
    m.searchText = toLower(row.handle + ' ' + coalesce(row.displayName, '') + ' ' + coalesce(row.headline, '') + ' ' + coalesce(row.jobTitle, '') + ' ' + coalesce(row.company, ''))
RETURN count(m) AS written

// name: seed_groups
// Create groups from `$rows` of Group properties; searchText is derived here, as on every write.
UNWIND $rows AS row
CREATE (g:Group {id: row.id})
SET g.slug = row.slug,
    g.name = row.name,
    g.description = row.description,
    g.kind = row.kind,
    g.city = row.city,
    g.country = row.country,
    g.latitude = row.latitude,
    g.longitude = row.longitude,
    g.createdAt = CASE WHEN row.createdAt IS NULL THEN null ELSE datetime({epochMillis: row.createdAt}) END,
    g.memberCount = coalesce(row.memberCount, 0),
    g.leaderCount = coalesce(row.leaderCount, 0),
    g.searchText = toLower(row.name + ' ' + coalesce(row.description, ''))
RETURN count(g) AS written

// name: seed_group_topics
// Link groups to the topics they are about, from `$rows` of {groupId, topicId}.
UNWIND $rows AS row
MATCH (g:Group {id: row.groupId})
MATCH (t:Topic {id: row.topicId})
CREATE (g)-[:ABOUT]->(t)
RETURN count(*) AS written

// name: seed_memberships
// Add members to groups, from `$rows` of {memberId, groupId, role, since}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (g:Group {id: row.groupId})
CREATE (m)-[:MEMBER_OF {role: row.role, since: CASE WHEN row.since IS NULL THEN null ELSE datetime({epochMillis: row.since}) END}]->(g)
RETURN count(*) AS written

// name: seed_skills_held
// Give members skills, from `$rows` of {memberId, skillId, level, since}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (s:Skill {id: row.skillId})
CREATE (m)-[:HAS_SKILL {level: row.level, endorsementCount: coalesce(row.endorsementCount, 0), since: CASE WHEN row.since IS NULL THEN null ELSE datetime({epochMillis: row.since}) END}]->(s)
RETURN count(*) AS written

// name: seed_topic_follows
// Make members follow topics, from `$rows` of {memberId, topicId, since}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (t:Topic {id: row.topicId})
CREATE (m)-[:FOLLOWS {since: CASE WHEN row.since IS NULL THEN null ELSE datetime({epochMillis: row.since}) END}]->(t)
RETURN count(*) AS written

// name: seed_follows
// Make members follow members, from `$rows` of {followerId, followeeId, since}; counters are not touched.
UNWIND $rows AS row
MATCH (a:Member {id: row.followerId})
MATCH (b:Member {id: row.followeeId})
CREATE (a)-[:FOLLOWS {since: CASE WHEN row.since IS NULL THEN null ELSE datetime({epochMillis: row.since}) END}]->(b)
RETURN count(*) AS written

// name: seed_recount_members
// Recompute every member's followerCount and followingCount from the FOLLOWS relationships.
MATCH (m:Member)
SET m.followerCount = COUNT { (m)<-[:FOLLOWS]-(:Member) },
    m.followingCount = COUNT { (m)-[:FOLLOWS]->(:Member) }
RETURN count(m) AS updated

// name: seed_recount_groups
// Recompute every group's memberCount and leaderCount from the MEMBER_OF relationships; `$leader` is the leader role.
MATCH (g:Group)
SET g.memberCount = COUNT { (g)<-[:MEMBER_OF]-(:Member) },
    g.leaderCount = COUNT { (g)<-[r:MEMBER_OF]-(:Member) WHERE r.role = $leader }
RETURN count(g) AS updated

// name: seed_any_member
// One member id if the graph holds any member, else no row.
MATCH (m:Member)
RETURN m.id AS id
LIMIT 1

// name: seed_counts
// How many nodes and relationships of each seeded kind the graph holds.
RETURN COUNT { MATCH (:Topic) } AS topics,
       COUNT { MATCH (:Skill) } AS skills,
       COUNT { MATCH (:Member) } AS members,
       COUNT { MATCH (:Group) } AS groups,
       COUNT { MATCH (:Group)-[:ABOUT]->(:Topic) } AS group_topics,
       COUNT { MATCH (:Member)-[:MEMBER_OF]->(:Group) } AS memberships,
       COUNT { MATCH (:Member)-[:HAS_SKILL]->(:Skill) } AS skills_held,
       COUNT { MATCH (:Member)-[:FOLLOWS]->(:Topic) } AS topic_follows,
       COUNT { MATCH (:Member)-[:FOLLOWS]->(:Member) } AS follows

// name: seed_counter_mismatches
// How many members and groups hold a counter that disagrees with their relationships (0 when consistent).
MATCH (m:Member)
WITH count(CASE WHEN m.followerCount <> COUNT { (m)<-[:FOLLOWS]-(:Member) }
               OR m.followingCount <> COUNT { (m)-[:FOLLOWS]->(:Member) } THEN 1 END) AS members
MATCH (g:Group)
RETURN members,
       count(CASE WHEN g.memberCount <> COUNT { (g)<-[:MEMBER_OF]-(:Member) }
                  OR g.leaderCount <> COUNT { (g)<-[r:MEMBER_OF]-(:Member) WHERE r.role = 'LEADER' } THEN 1 END) AS groups
