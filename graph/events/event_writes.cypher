// Writes of events by the leaders of their hosting group. Times arrive as epoch milliseconds and
// are stored as UTC datetimes (never as Python datetime parameters: see graph/MODEL.md). Patterns
// start from a node looked up by id, and lists of ids are unwound into lookups: the embedded
// engine's planner follows the pattern as written, and `x.id IN $list` would scan every node.

// name: create_event
// Create an event hosted by `$groupId` when `$leaderId` leads that group; returns no row otherwise.
// It is about `$topicIds`, or about the group's own topics when that list is empty, and
// `$speakerIds` speak at it. Counters start at 0.
MATCH (:Member {id: $leaderId})-[:MEMBER_OF {role: 'LEADER'}]->(g:Group {id: $groupId})
CREATE (g)-[:HOSTS]->(e:Event)
SET e = $props
SET e.startsAt = datetime({epochMillis: $startsAt}),
    e.endsAt = datetime({epochMillis: $endsAt}),
    e.createdAt = datetime(),
    e.goingCount = 0,
    e.waitlistCount = 0,
    e.waitlistSeq = 0,
    e.searchText = toLower(e.title + ' ' + coalesce(e.description, ''))
WITH g, e
CALL (g) {
  OPTIONAL MATCH (g)-[:ABOUT]->(t:Topic)
  WHERE size($topicIds) = 0
  RETURN collect(t) AS groupTopics
}
CALL () {
  UNWIND $topicIds AS topicId
  MATCH (t:Topic {id: topicId})
  RETURN collect(t) AS chosen
}
FOREACH (topic IN groupTopics + chosen | CREATE (e)-[:ABOUT]->(topic))
WITH g, e
CALL () {
  UNWIND coalesce($speakerIds, []) AS speakerId
  MATCH (s:Member {id: speakerId})
  RETURN collect(s) AS speakers
}
FOREACH (speaker IN speakers | CREATE (speaker)-[:SPEAKS_AT]->(e))
RETURN e {.*, groupId: g.id} AS event

// name: lock_event_for_leader
// The event when `$leaderId` leads its hosting group, after taking the event's write lock (a no-op
// SET) so the counters read here stay true until the transaction ends; no row otherwise.
MATCH (e:Event {id: $eventId})<-[:HOSTS]-(g:Group)<-[:MEMBER_OF {role: 'LEADER'}]-(:Member {id: $leaderId})
SET e.goingCount = e.goingCount
RETURN e {.*, groupId: g.id} AS event

// name: update_event
// Change an event's properties (`$props`; a null value clears one), its times (epoch millis, when
// given) and its capacity (when given). A guarded write: no row when the new capacity is below the
// places already taken.
MATCH (e:Event {id: $eventId})<-[:HOSTS]-(g:Group)
WHERE $capacity IS NULL OR $capacity >= e.goingCount
SET e += $props
SET e.capacity = coalesce($capacity, e.capacity),
    e.startsAt = CASE WHEN $startsAt IS NULL THEN e.startsAt ELSE datetime({epochMillis: $startsAt}) END,
    e.endsAt = CASE WHEN $endsAt IS NULL THEN e.endsAt ELSE datetime({epochMillis: $endsAt}) END,
    e.searchText = toLower(e.title + ' ' + coalesce(e.description, ''))
RETURN e {.*, groupId: g.id} AS event

// name: replace_event_topics
// Make the event about exactly the given topics.
MATCH (e:Event {id: $eventId})
OPTIONAL MATCH (e)-[old:ABOUT]->(:Topic)
DELETE old
WITH DISTINCT e
CALL () {
  UNWIND $topicIds AS topicId
  MATCH (t:Topic {id: topicId})
  RETURN collect(t) AS topics
}
FOREACH (topic IN topics | CREATE (e)-[:ABOUT]->(topic))
RETURN e.id AS id

// name: replace_event_speakers
// Make exactly the given members the event's speakers.
MATCH (e:Event {id: $eventId})
OPTIONAL MATCH (e)<-[old:SPEAKS_AT]-(:Member)
DELETE old
WITH DISTINCT e
CALL () {
  UNWIND coalesce($speakerIds, []) AS speakerId
  MATCH (s:Member {id: speakerId})
  RETURN collect(s) AS speakers
}
FOREACH (speaker IN speakers | CREATE (speaker)-[:SPEAKS_AT]->(e))
RETURN e.id AS id
