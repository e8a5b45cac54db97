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
    m.points = coalesce(row.points, 0),
    m.badgeCount = coalesce(row.badgeCount, 0),
    m.rank = coalesce(row.rank, 1),
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

// name: seed_topic_skills
// Say which skills topics cover, from `$rows` of {topicId, skillId}.
UNWIND $rows AS row
MATCH (t:Topic {id: row.topicId})
MATCH (s:Skill {id: row.skillId})
CREATE (t)-[:COVERS]->(s)
RETURN count(*) AS written

// name: seed_questions
// Create questions from `$rows` of Question properties plus {authorId, topicIds, groupId}: the node,
// ASKED from its author, TAGGED to each topic and, when groupId is not null, POSTED_IN that group.
// searchText is derived here. A row counts as written only when its author, every topic and its
// group were found.
UNWIND $rows AS row
MATCH (author:Member {id: row.authorId})
CREATE (q:Question {id: row.id})
SET q.title = row.title,
    q.body = row.body,
    q.createdAt = datetime({epochMillis: row.createdAt}),
    q.updatedAt = datetime({epochMillis: coalesce(row.updatedAt, row.createdAt)}),
    q.answerCount = coalesce(row.answerCount, 0),
    q.acceptedAnswerId = row.acceptedAnswerId,
    q.firstAnsweredAt = CASE WHEN row.firstAnsweredAt IS NULL THEN null ELSE datetime({epochMillis: row.firstAnsweredAt}) END,
    q.searchText = toLower(row.title + ' ' + coalesce(row.body, ''))
CREATE (author)-[:ASKED]->(q)
WITH q, row
CALL (q, row) {
  UNWIND coalesce(row.topicIds, []) AS topicId
  MATCH (t:Topic {id: topicId})
  CREATE (q)-[:TAGGED]->(t)
  RETURN count(t) AS tagged
}
CALL (q, row) {
  OPTIONAL MATCH (g:Group {id: row.groupId})
  FOREACH (group IN CASE WHEN g IS NULL THEN [] ELSE [g] END | CREATE (q)-[:POSTED_IN]->(group))
  RETURN count(g) AS posted
}
RETURN count(CASE WHEN tagged = size(coalesce(row.topicIds, [])) AND posted = CASE WHEN row.groupId IS NULL THEN 0 ELSE 1 END THEN 1 END) AS written

// name: seed_answers
// Create answers from `$rows` of Answer properties plus {authorId, questionId}: the node, ANSWERED
// from its author and ANSWERS to its question. Question counters are not touched.
UNWIND $rows AS row
MATCH (author:Member {id: row.authorId})
MATCH (q:Question {id: row.questionId})
CREATE (a:Answer {id: row.id})
SET a.body = row.body,
    a.createdAt = datetime({epochMillis: row.createdAt}),
    a.updatedAt = datetime({epochMillis: coalesce(row.updatedAt, row.createdAt)}),
    a.upvotes = coalesce(row.upvotes, 0),
    a.downvotes = coalesce(row.downvotes, 0),
    a.score = coalesce(row.score, coalesce(row.upvotes, 0) - coalesce(row.downvotes, 0)),
    a.accepted = coalesce(row.accepted, false)
CREATE (author)-[:ANSWERED]->(a)
CREATE (a)-[:ANSWERS]->(q)
RETURN count(a) AS written

// name: seed_votes
// Record votes on answers, from `$rows` of {memberId, answerId, value (1 or -1), at}; counters are not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (a:Answer {id: row.answerId})
CREATE (m)-[:VOTED {value: row.value, at: datetime({epochMillis: row.at})}]->(a)
RETURN count(*) AS written

// name: seed_endorsements
// Record endorsements, from `$rows` of {endorserId, endorseeId, skillId, at}; only for a skill the
// endorsee holds (other rows are not written). endorsementCount is not touched.
UNWIND $rows AS row
MATCH (endorser:Member {id: row.endorserId})
MATCH (endorsee:Member {id: row.endorseeId})-[:HAS_SKILL]->(s:Skill {id: row.skillId})
CREATE (endorser)-[:ENDORSED {skillId: s.id, at: datetime({epochMillis: row.at})}]->(endorsee)
RETURN count(*) AS written

// name: seed_events
// Create events from `$rows` of Event properties plus {groupId, topicIds, speakerIds}: the node,
// HOSTS from its group, ABOUT each topic and SPEAKS_AT from each speaker. searchText is derived
// here. A row counts as written only when its group, every topic and every speaker were found.
UNWIND $rows AS row
MATCH (g:Group {id: row.groupId})
CREATE (e:Event {id: row.id})
SET e.title = row.title,
    e.description = row.description,
    e.kind = row.kind,
    e.format = row.format,
    e.venue = row.venue,
    e.city = row.city,
    e.country = row.country,
    e.latitude = row.latitude,
    e.longitude = row.longitude,
    e.startsAt = datetime({epochMillis: row.startsAt}),
    e.endsAt = datetime({epochMillis: row.endsAt}),
    e.timeZone = row.timeZone,
    e.capacity = row.capacity,
    e.goingCount = coalesce(row.goingCount, 0),
    e.waitlistCount = coalesce(row.waitlistCount, 0),
    e.waitlistSeq = coalesce(row.waitlistSeq, 0),
    e.createdAt = datetime({epochMillis: row.createdAt}),
    e.searchText = toLower(row.title + ' ' + coalesce(row.description, ''))
CREATE (g)-[:HOSTS]->(e)
WITH e, row
CALL (e, row) {
  UNWIND coalesce(row.topicIds, []) AS topicId
  MATCH (t:Topic {id: topicId})
  CREATE (e)-[:ABOUT]->(t)
  RETURN count(t) AS about
}
CALL (e, row) {
  UNWIND coalesce(row.speakerIds, []) AS speakerId
  MATCH (m:Member {id: speakerId})
  CREATE (m)-[:SPEAKS_AT]->(e)
  RETURN count(m) AS speakers
}
RETURN count(CASE WHEN about = size(coalesce(row.topicIds, [])) AND speakers = size(coalesce(row.speakerIds, [])) THEN 1 END) AS written

// name: seed_rsvps
// Record RSVPs, from `$rows` of {memberId, eventId, status, at, ticket (null unless WAITLISTED)};
// counters are not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (e:Event {id: row.eventId})
CREATE (m)-[r:RSVPED {status: row.status, at: datetime({epochMillis: row.at})}]->(e)
SET r.ticket = row.ticket
RETURN count(r) AS written

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

// name: seed_recount_answers
// Recompute every answer's upvotes, downvotes and score from the VOTED relationships.
MATCH (a:Answer)
WITH a,
     COUNT { (a)<-[v:VOTED]-(:Member) WHERE v.value = 1 } AS up,
     COUNT { (a)<-[v:VOTED]-(:Member) WHERE v.value = -1 } AS down
SET a.upvotes = up, a.downvotes = down, a.score = up - down
RETURN count(a) AS updated

// name: seed_recount_questions
// Recompute every question's answerCount, firstAnsweredAt (the earliest answer) and acceptedAnswerId
// (the answer with accepted = true) from its answers.
MATCH (q:Question)
CALL (q) {
  OPTIONAL MATCH (q)<-[:ANSWERS]-(a:Answer)
  RETURN count(a) AS answers,
         min(a.createdAt) AS first,
         head(collect(CASE WHEN a.accepted THEN a.id END)) AS accepted
}
SET q.answerCount = answers, q.firstAnsweredAt = first, q.acceptedAnswerId = accepted
RETURN count(q) AS updated

// name: seed_recount_reputation
// Recompute every member's reputation from the graph: over the answers they wrote, the points
// of graph/qna/reputation.py per upvote, per downvote and per accepted answer on someone else's question.
MATCH (m:Member)
SET m.reputation = $upvotePoints * COUNT { (m)-[:ANSWERED]->(:Answer)<-[v:VOTED]-(:Member) WHERE v.value = 1 }
                 + $downvotePoints * COUNT { (m)-[:ANSWERED]->(:Answer)<-[v:VOTED]-(:Member) WHERE v.value = -1 }
                 + $acceptedPoints * COUNT { (m)-[:ANSWERED]->(a:Answer)-[:ANSWERS]->(:Question)<-[:ASKED]-(asker:Member) WHERE a.accepted AND asker <> m }
RETURN count(m) AS updated

// name: seed_recount_endorsements
// Recompute every held skill's endorsementCount from the ENDORSED relationships naming that skill.
MATCH (m:Member)-[h:HAS_SKILL]->(s:Skill)
SET h.endorsementCount = COUNT { (m)<-[e:ENDORSED]-(:Member) WHERE e.skillId = s.id }
RETURN count(h) AS updated

// name: seed_recount_events
// Recompute every event's goingCount and waitlistCount from its RSVPs; waitlistSeq becomes at least
// the highest ticket handed out (it never goes down).
MATCH (e:Event)
CALL (e) {
  OPTIONAL MATCH (e)<-[r:RSVPED]-(:Member)
  RETURN count(CASE WHEN r.status = 'GOING' THEN 1 END) AS going,
         count(CASE WHEN r.status = 'WAITLISTED' THEN 1 END) AS waitlisted,
         coalesce(max(r.ticket), 0) AS ticket
}
SET e.goingCount = going,
    e.waitlistCount = waitlisted,
    e.waitlistSeq = CASE WHEN coalesce(e.waitlistSeq, 0) > ticket THEN e.waitlistSeq ELSE ticket END
RETURN count(e) AS updated

// name: seed_any_member
// One member id if the graph holds any member, else no row.
MATCH (m:Member)
RETURN m.id AS id
LIMIT 1

// name: seed_counts
// How many nodes and relationships of each seeded kind the graph holds.
RETURN COUNT { MATCH (:Topic) } AS topics,
       COUNT { MATCH (:Skill) } AS skills,
       COUNT { MATCH (:Topic)-[:COVERS]->(:Skill) } AS topic_skills,
       COUNT { MATCH (:Member) } AS members,
       COUNT { MATCH (:Group) } AS groups,
       COUNT { MATCH (:Group)-[:ABOUT]->(:Topic) } AS group_topics,
       COUNT { MATCH (:Member)-[:MEMBER_OF]->(:Group) } AS memberships,
       COUNT { MATCH (:Member)-[:HAS_SKILL]->(:Skill) } AS skills_held,
       COUNT { MATCH (:Member)-[:FOLLOWS]->(:Topic) } AS topic_follows,
       COUNT { MATCH (:Member)-[:FOLLOWS]->(:Member) } AS follows,
       COUNT { MATCH (:Question) } AS questions,
       COUNT { MATCH (:Answer) } AS answers,
       COUNT { MATCH (:Member)-[:VOTED]->(:Answer) } AS votes,
       COUNT { MATCH (:Member)-[:ENDORSED]->(:Member) } AS endorsements,
       COUNT { MATCH (:Event) } AS events,
       COUNT { MATCH (:Member)-[:RSVPED]->(:Event) } AS rsvps

// name: seed_counter_mismatches
// How many records break a counter or an invariant of graph/MODEL.md (every count 0 when consistent):
// members (follow counters), groups (member and leader counters), questions (answerCount,
// firstAnsweredAt, acceptedAnswerId, at most one accepted answer), answers (vote counters and score,
// self-votes), reputation (stored vs recomputed), endorsements (held skills whose endorsementCount is
// off, plus self-endorsements and endorsements of a skill not held), events (RSVP counters, capacity,
// a waitlist while places are free, waitlistSeq below a ticket, not exactly one host).
CALL () {
  MATCH (m:Member)
  RETURN count(CASE WHEN m.followerCount <> COUNT { (m)<-[:FOLLOWS]-(:Member) }
                      OR m.followingCount <> COUNT { (m)-[:FOLLOWS]->(:Member) } THEN 1 END) AS members
}
CALL () {
  MATCH (g:Group)
  RETURN count(CASE WHEN g.memberCount <> COUNT { (g)<-[:MEMBER_OF]-(:Member) }
                      OR g.leaderCount <> COUNT { (g)<-[r:MEMBER_OF]-(:Member) WHERE r.role = 'LEADER' } THEN 1 END) AS groups
}
CALL () {
  MATCH (q:Question)
  CALL (q) {
    OPTIONAL MATCH (q)<-[:ANSWERS]-(a:Answer)
    RETURN count(a) AS answered,
           min(a.createdAt) AS first,
           count(CASE WHEN a.accepted THEN 1 END) AS accepts,
           head(collect(CASE WHEN a.accepted THEN a.id END)) AS accepted
  }
  RETURN count(CASE WHEN q.answerCount <> answered
                      OR accepts > 1
                      OR coalesce(q.acceptedAnswerId, '') <> coalesce(accepted, '')
                      OR (q.firstAnsweredAt IS NULL) <> (first IS NULL)
                      OR q.firstAnsweredAt <> first THEN 1 END) AS questions
}
CALL () {
  MATCH (a:Answer)
  WITH a,
       COUNT { (a)<-[v:VOTED]-(:Member) WHERE v.value = 1 } AS up,
       COUNT { (a)<-[v:VOTED]-(:Member) WHERE v.value = -1 } AS down
  RETURN count(CASE WHEN a.upvotes <> up OR a.downvotes <> down OR a.score <> up - down
                      OR EXISTS { (a)<-[:VOTED]-(:Member)-[:ANSWERED]->(a) } THEN 1 END) AS answers
}
CALL () {
  MATCH (m:Member)
  RETURN count(CASE WHEN m.reputation <>
                   $upvotePoints * COUNT { (m)-[:ANSWERED]->(:Answer)<-[v:VOTED]-(:Member) WHERE v.value = 1 }
                   + $downvotePoints * COUNT { (m)-[:ANSWERED]->(:Answer)<-[v:VOTED]-(:Member) WHERE v.value = -1 }
                   + $acceptedPoints * COUNT { (m)-[:ANSWERED]->(a:Answer)-[:ANSWERS]->(:Question)<-[:ASKED]-(asker:Member) WHERE a.accepted AND asker <> m }
               THEN 1 END) AS reputation
}
CALL () {
  MATCH (m:Member)-[h:HAS_SKILL]->(s:Skill)
  RETURN count(CASE WHEN h.endorsementCount <> COUNT { (m)<-[e:ENDORSED]-(:Member) WHERE e.skillId = s.id } THEN 1 END) AS counts
}
CALL () {
  MATCH (endorser:Member)-[e:ENDORSED]->(endorsee:Member)
  RETURN count(CASE WHEN endorser = endorsee
                      OR NOT EXISTS { (endorsee)-[:HAS_SKILL]->(s:Skill) WHERE s.id = e.skillId } THEN 1 END) AS strays
}
CALL () {
  MATCH (e:Event)
  CALL (e) {
    OPTIONAL MATCH (e)<-[r:RSVPED]-(:Member)
    RETURN count(CASE WHEN r.status = 'GOING' THEN 1 END) AS going,
           count(CASE WHEN r.status = 'WAITLISTED' THEN 1 END) AS waitlisted,
           coalesce(max(r.ticket), 0) AS ticket
  }
  RETURN count(CASE WHEN e.goingCount <> going OR e.waitlistCount <> waitlisted
                      OR going > e.capacity OR (waitlisted > 0 AND going < e.capacity) OR e.waitlistSeq < ticket
                      OR COUNT { (e)<-[:HOSTS]-(:Group) } <> 1 THEN 1 END) AS events
}
RETURN members, groups, questions, answers, reputation, counts + strays AS endorsements, events
