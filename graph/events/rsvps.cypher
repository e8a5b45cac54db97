// RSVPs and the capacity invariant (graph/MODEL.md): `goingCount` equals the GOING RSVPs and never
// exceeds `capacity`, `waitlistCount` equals the WAITLISTED RSVPs, nobody waits while a place is
// free, and a freed place goes to the lowest ticket. Places are only ever taken by guarded writes
// on the event's own counters, never by counting relationships: concurrent RSVPs then serialise on
// the event record (write locks on Neo4j, conflict-and-retry on the embedded engine).

// name: rsvp_state
// Take the event's write lock (a no-op SET), then read whether the member exists, their current
// RSVP status (null when none) and whether the event has ended. No row when the event does not exist.
MATCH (e:Event {id: $eventId})
SET e.waitlistSeq = e.waitlistSeq
WITH e
OPTIONAL MATCH (m:Member {id: $memberId})
OPTIONAL MATCH (m)-[r:RSVPED]->(e)
RETURN m IS NOT NULL AS memberFound, r.status AS status, e.endsAt <= datetime() AS ended

// name: take_place
// GOING with a free place: the guarded write that keeps `goingCount <= capacity`, then the member's
// RSVP (replacing an INTERESTED or NOT_GOING one). No row when the event is full.
MATCH (m:Member {id: $memberId})
MATCH (e:Event {id: $eventId})
WHERE e.goingCount < e.capacity
SET e.goingCount = e.goingCount + 1
MERGE (m)-[r:RSVPED]->(e)
SET r.status = 'GOING', r.at = datetime(), r.ticket = null
RETURN r.status AS status

// name: join_waitlist
// GOING when the event is full: the member joins the waitlist with the next ticket. Guarded too:
// no row when a place is free (take it instead).
MATCH (m:Member {id: $memberId})
MATCH (e:Event {id: $eventId})
WHERE e.goingCount >= e.capacity
SET e.waitlistSeq = e.waitlistSeq + 1,
    e.waitlistCount = e.waitlistCount + 1
MERGE (m)-[r:RSVPED]->(e)
SET r.status = 'WAITLISTED', r.at = datetime(), r.ticket = e.waitlistSeq
RETURN r.status AS status, r.ticket AS ticket

// name: leave_place
// Change a GOING or WAITLISTED RSVP to `$status` (INTERESTED or NOT_GOING), giving the place or the
// ticket back. Returns what it was and how many places are now free and how many wait.
MATCH (:Member {id: $memberId})-[r:RSVPED]->(e:Event {id: $eventId})
WHERE r.status IN ['GOING', 'WAITLISTED']
WITH e, r, r.status AS was
SET e.goingCount = e.goingCount - CASE WHEN was = 'GOING' THEN 1 ELSE 0 END,
    e.waitlistCount = e.waitlistCount - CASE WHEN was = 'WAITLISTED' THEN 1 ELSE 0 END,
    r.status = $status,
    r.at = datetime(),
    r.ticket = null
RETURN was, e.capacity - e.goingCount AS free, e.waitlistCount AS waiting

// name: set_interest
// Record INTERESTED or NOT_GOING (`$status`) for a member who neither holds a place nor waits for one.
MATCH (m:Member {id: $memberId})
MATCH (e:Event {id: $eventId})
WHERE NOT EXISTS { MATCH (m)-[o:RSVPED]->(e) WHERE o.status IN ['GOING', 'WAITLISTED'] }
MERGE (m)-[r:RSVPED]->(e)
SET r.status = $status, r.at = datetime(), r.ticket = null
RETURN r.status AS status

// name: promote_waitlisted
// Give up to `$limit` free places to the waitlist, lowest ticket first. Guarded: it promotes nobody
// unless places are free, and never more than are free. Returns the promoted members' ids.
MATCH (e:Event {id: $eventId})
WHERE e.goingCount < e.capacity AND e.waitlistCount > 0
CALL (e) {
  MATCH (e)<-[r:RSVPED]-(m:Member)
  WHERE r.status = 'WAITLISTED'
  RETURN r, m
  ORDER BY r.ticket ASC
  LIMIT $limit
}
WITH e, collect(r) AS promoted, collect(m.id) AS memberIds
WHERE e.goingCount + size(promoted) <= e.capacity
FOREACH (p IN promoted | SET p.status = 'GOING', p.at = datetime(), p.ticket = null)
SET e.goingCount = e.goingCount + size(promoted),
    e.waitlistCount = e.waitlistCount - size(promoted)
RETURN memberIds

// name: rsvp_outcome
// The event after an RSVP, with the member's status and their 1-based place on the waitlist.
MATCH (e:Event {id: $eventId})<-[:HOSTS]-(g:Group)
OPTIONAL MATCH (:Member {id: $memberId})-[r:RSVPED]->(e)
RETURN e {.*, groupId: g.id} AS event,
  r.status AS status,
  CASE WHEN r.status = 'WAITLISTED'
    THEN COUNT { MATCH (e)<-[o:RSVPED]-(:Member) WHERE o.status = 'WAITLISTED' AND o.ticket <= r.ticket }
  END AS waitlistPosition

// name: event_counter_mismatches
// Events that break the RSVP invariants: counters that disagree with the RSVPs, a member with two
// RSVPs, more going than the capacity, or a waitlist while places are free. Empty when consistent.
MATCH (e:Event)
WITH e,
  COUNT { MATCH (e)<-[r:RSVPED]-(:Member) WHERE r.status = 'GOING' } AS going,
  COUNT { MATCH (e)<-[r:RSVPED]-(:Member) WHERE r.status = 'WAITLISTED' } AS waitlisted
WHERE e.goingCount <> going
   OR e.waitlistCount <> waitlisted
   OR EXISTS { MATCH (e)<-[:RSVPED]-(m:Member) WITH m, count(*) AS answers WHERE answers > 1 RETURN m }
   OR going > e.capacity
   OR (going < e.capacity AND waitlisted > 0)
   OR (e.goingCount < e.capacity AND e.waitlistCount > 0)
RETURN e.id AS id, e.capacity AS capacity, e.goingCount AS goingCount, going,
  e.waitlistCount AS waitlistCount, waitlisted
ORDER BY id
