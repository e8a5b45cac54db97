// name: path_step
// One breadth-first step of the introduction-path search (resolvers/connections/paths.py):
// every member one hop from a member in `$ids`, each once, with one way it was reached. A
// hop is a follow in either direction, a shared group, or an event both attended (GOING to
// one that has started). Groups and events are expanded once per step, not once per member,
// so hubs cost their size once. Only profiles in `$visible` (and `$endId`, the far end of the path) are returned.
CALL () {
  UNWIND $ids AS id
  MATCH (:Member {id: id})-[:FOLLOWS]->(n:Member)
  RETURN n, id AS from, 'FOLLOWS' AS kind, null AS via
  UNION
  UNWIND $ids AS id
  MATCH (:Member {id: id})<-[:FOLLOWS]-(n:Member)
  RETURN n, id AS from, 'FOLLOWED_BY' AS kind, null AS via
  UNION
  UNWIND $ids AS id
  MATCH (:Member {id: id})-[:MEMBER_OF]->(g:Group)
  WITH g, min(id) AS from
  MATCH (g)<-[:MEMBER_OF]-(n:Member)
  RETURN n, from, 'SHARED_GROUP' AS kind, g.id AS via
  UNION
  UNWIND $ids AS id
  MATCH (:Member {id: id})-[r:RSVPED]->(e:Event)
  WHERE r.status = 'GOING' AND e.startsAt < datetime()
  WITH e, min(id) AS from
  MATCH (e)<-[r:RSVPED]-(n:Member)
  WHERE r.status = 'GOING'
  RETURN n, from, 'CO_ATTENDED_EVENT' AS kind, e.id AS via
}
WITH n, from, kind, via
WHERE n.visibility IN $visible OR n.id = $endId
WITH n.id AS id, collect({from: from, kind: kind, via: via}) AS links
RETURN id, links[0].from AS from, links[0].kind AS kind, links[0].via AS via
