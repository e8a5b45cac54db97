// Reads of events: lookups by id, the filtered `events` list, and the lists nested under an event
// or a member. An event row is the node's properties plus `groupId`, its one hosting group.
// "Now" is always the database's `datetime()`: an event is upcoming until it has ended.

// name: events_by_ids
// Events by application id, each with its hosting group's id; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (e:Event {id: id})<-[:HOSTS]-(g:Group)
RETURN id, e {.*, groupId: g.id} AS event

// name: events_page
// A filtered, ordered page of events (matched from the events themselves: the engine's planner
// follows the pattern as written). `$upcoming` true keeps events that have not ended, false
// those that have; `$from`/`$to` (epoch millis) bound the start time, `$from` inclusive and `$to`
// exclusive. Distance is in km from `$nearLatitude`/`$nearLongitude` when given, else null; events
// without a location never match a radius. Every order ends on the start time, then the unique id.
WITH CASE WHEN $from IS NULL THEN null ELSE datetime({epochMillis: $from}) END AS fromTime,
     CASE WHEN $to IS NULL THEN null ELSE datetime({epochMillis: $to}) END AS toTime,
     datetime() AS now
MATCH (e:Event)
WHERE ($upcoming IS NULL OR (e.endsAt > now) = $upcoming)
  AND ($kind IS NULL OR e.kind = $kind)
  AND ($groupId IS NULL OR EXISTS { MATCH (e)<-[:HOSTS]-(g:Group) WHERE g.id = $groupId })
  AND (fromTime IS NULL OR e.startsAt >= fromTime)
  AND (toTime IS NULL OR e.startsAt < toTime)
  AND ($search IS NULL OR e.searchText CONTAINS $search)
  AND ($topicId IS NULL OR EXISTS { MATCH (e)-[:ABOUT]->(t:Topic) WHERE t.id = $topicId })
WITH e,
  CASE
    WHEN $nearLatitude IS NULL OR e.latitude IS NULL THEN null
    ELSE point.distance(
      point({latitude: e.latitude, longitude: e.longitude}),
      point({latitude: $nearLatitude, longitude: $nearLongitude})
    ) / 1000.0
  END AS distanceKm
WHERE $radiusKm IS NULL OR (distanceKm IS NOT NULL AND distanceKm <= $radiusKm)
WITH e, distanceKm
ORDER BY
  CASE WHEN $orderBy = 'NEWEST' THEN e.createdAt END DESC,
  CASE WHEN $orderBy = 'DISTANCE' THEN distanceKm END ASC,
  e.startsAt ASC,
  e.id ASC
SKIP $skip LIMIT $limit
// The host of the page's events only, read without a clause that could reorder the rows.
RETURN e {.*, groupId: head([(e)<-[:HOSTS]-(g:Group) | g.id]), distanceKm: distanceKm} AS event

// name: events_count
// How many events match the filter of `events_page`.
WITH CASE WHEN $from IS NULL THEN null ELSE datetime({epochMillis: $from}) END AS fromTime,
     CASE WHEN $to IS NULL THEN null ELSE datetime({epochMillis: $to}) END AS toTime,
     datetime() AS now
MATCH (e:Event)
WHERE ($upcoming IS NULL OR (e.endsAt > now) = $upcoming)
  AND ($kind IS NULL OR e.kind = $kind)
  AND ($groupId IS NULL OR EXISTS { MATCH (e)<-[:HOSTS]-(g:Group) WHERE g.id = $groupId })
  AND (fromTime IS NULL OR e.startsAt >= fromTime)
  AND (toTime IS NULL OR e.startsAt < toTime)
  AND ($search IS NULL OR e.searchText CONTAINS $search)
  AND ($topicId IS NULL OR EXISTS { MATCH (e)-[:ABOUT]->(t:Topic) WHERE t.id = $topicId })
WITH e,
  CASE
    WHEN $nearLatitude IS NULL OR e.latitude IS NULL THEN null
    ELSE point.distance(
      point({latitude: e.latitude, longitude: e.longitude}),
      point({latitude: $nearLatitude, longitude: $nearLongitude})
    ) / 1000.0
  END AS distanceKm
WHERE $radiusKm IS NULL OR (distanceKm IS NOT NULL AND distanceKm <= $radiusKm)
RETURN count(e) AS total

// name: topics_of_events
// The topics each event is about, by name.
UNWIND $ids AS id
MATCH (e:Event {id: id})-[:ABOUT]->(t:Topic)
WITH id, t
ORDER BY t.name ASC, t.id ASC
RETURN id, collect(t {.*}) AS topics

// name: speakers_of_events
// The members speaking at each event, by display name (privacy is applied by the caller).
UNWIND $ids AS id
MATCH (e:Event {id: id})<-[:SPEAKS_AT]-(m:Member)
WITH id, m
ORDER BY m.displayName ASC, m.id ASC
RETURN id, collect(m {.*}) AS speakers

// name: attendees_of_events
// A page of each event's visible members whose RSVP has `$status`, with each total (visible ones
// only): the waitlist in ticket order, other statuses by when they answered. `$fromEnd` reverses
// the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (e)<-[r:RSVPED]-(m:Member)
  WHERE r.status = $status AND (m.visibility IN $visible OR m.id = $viewerId)
  WITH m, r
  ORDER BY
    CASE WHEN $fromEnd THEN r.ticket END DESC,
    CASE WHEN $fromEnd THEN r.at END DESC,
    CASE WHEN $fromEnd THEN m.id END DESC,
    r.ticket ASC,
    r.at ASC,
    m.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(m {.*, rsvpStatus: r.status, respondedAt: r.at}) AS page
}
RETURN id,
  COUNT {
    MATCH (e)<-[r:RSVPED]-(m:Member)
    WHERE r.status = $status AND (m.visibility IN $visible OR m.id = $viewerId)
  } AS total,
  page

// name: viewer_rsvps
// The viewer's RSVP to each of the given events they answered, with their 1-based place on the
// waitlist when WAITLISTED (null otherwise).
UNWIND $ids AS id
MATCH (:Member {id: $viewerId})-[r:RSVPED]->(e:Event {id: id})
RETURN id,
  r.status AS status,
  CASE WHEN r.status = 'WAITLISTED'
    THEN COUNT { MATCH (e)<-[o:RSVPED]-(:Member) WHERE o.status = 'WAITLISTED' AND o.ticket <= r.ticket }
  END AS waitlistPosition

// name: attended_events_of_members
// A page of the events each member went to (RSVP GOING, already ended), newest first, and each
// total. `$fromEnd` reverses the order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[r:RSVPED]->(e:Event)<-[:HOSTS]-(g:Group)
  WHERE r.status = 'GOING' AND e.endsAt < datetime()
  WITH e, g
  ORDER BY
    CASE WHEN $fromEnd THEN e.startsAt END ASC,
    CASE WHEN $fromEnd THEN e.id END DESC,
    e.startsAt DESC,
    e.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(e {.*, groupId: g.id}) AS page
}
RETURN id,
  COUNT { MATCH (m)-[r:RSVPED]->(e:Event) WHERE r.status = 'GOING' AND e.endsAt < datetime() } AS total,
  page

// name: upcoming_events_for_members
// A page of the events each member may want to go to, soonest first, and each total: events that
// have not ended, hosted by a group the member belongs to (`yourGroup`) or about a topic the member
// follows (`followedTopic`), both flags set when both hold. `$fromEnd` reverses the order to take
// the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  OPTIONAL MATCH (m)-[:MEMBER_OF]->(:Group)-[:HOSTS]->(e:Event)
  WHERE e.endsAt > datetime()
  RETURN collect(DISTINCT e) AS fromGroups
}
CALL (m) {
  OPTIONAL MATCH (m)-[:FOLLOWS]->(:Topic)<-[:ABOUT]-(e:Event)
  WHERE e.endsAt > datetime()
  RETURN collect(DISTINCT e) AS fromTopics
}
WITH id, fromGroups, fromTopics, fromGroups + [x IN fromTopics WHERE NOT x IN fromGroups] AS candidates
CALL (fromGroups, fromTopics, candidates) {
  UNWIND candidates AS e
  MATCH (g:Group)-[:HOSTS]->(e)
  WITH e, g, e IN fromGroups AS yourGroup, e IN fromTopics AS followedTopic
  ORDER BY
    CASE WHEN $fromEnd THEN e.startsAt END DESC,
    CASE WHEN $fromEnd THEN e.id END DESC,
    e.startsAt ASC,
    e.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(e {.*, groupId: g.id, yourGroup: yourGroup, followedTopic: followedTopic}) AS page
}
RETURN id, size(candidates) AS total, page

// name: events_of_groups
// A page of the events each group hosts, with each list's total: with `$upcoming`, those yet to
// end, soonest first; otherwise those that ended, most recent first. `$fromEnd` reverses the
// order to take the last rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (g:Group {id: id})
CALL (g) {
  MATCH (g)-[:HOSTS]->(e:Event)
  WHERE (e.endsAt >= datetime()) = $upcoming
  WITH e, CASE WHEN $upcoming THEN e.startsAt.epochMillis ELSE -e.startsAt.epochMillis END AS position
  ORDER BY
    CASE WHEN $fromEnd THEN position END DESC,
    CASE WHEN $fromEnd THEN e.id END DESC,
    position ASC,
    e.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(e {.*, groupId: g.id}) AS page
}
RETURN id, COUNT { MATCH (g)-[:HOSTS]->(e:Event) WHERE (e.endsAt >= datetime()) = $upcoming } AS total, page
