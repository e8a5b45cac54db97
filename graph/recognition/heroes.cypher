// Customer heroes (graph/MODEL.md, "Recognition"): `(Member)-[:FEATURED_AS]->(CustomerHero)`,
// `(CustomerHero)-[:AT]->(Company)`, `(CustomerHero)-[:USES]->(Topic)`; a hero speaks at CITY_TOUR
// events through their member's `(Member)-[:SPEAKS_AT]->(Event)`.
// Hero reads return the hero's properties with its member's and company's (`hero`, `member`,
// `company`), so that the member and company loaders are primed and cost no further trip.
// Lists that name members filter on the viewer's visibility levels (`$visible`, `$viewerId`)
// here, so hidden profiles are never listed nor counted.

// name: heroes_by_ids
// Heroes by application id, with their member and company; one row per id found, keyed by `id`.
UNWIND $ids AS id
MATCH (h:CustomerHero {id: id})<-[:FEATURED_AS]-(m:Member)
MATCH (h)-[:AT]->(c:Company)
RETURN id, properties(h) AS hero, properties(m) AS member, properties(c) AS company

// name: heroes_page
// A page of heroes whose member the viewer may see, newest featured first (then by id), filtered
// by the member's country and by a product area the hero uses (each filter ignored when null).
// Matched from the heroes (few) rather than the members (many).
MATCH (h:CustomerHero)<-[:FEATURED_AS]-(m:Member)
WHERE (m.visibility IN $visible OR m.id = $viewerId)
  AND ($country IS NULL OR m.country = $country)
  AND ($productAreaId IS NULL OR EXISTS { MATCH (h)-[:USES]->(:Topic {id: $productAreaId}) })
MATCH (h)-[:AT]->(c:Company)
WITH h, m, c
ORDER BY h.featuredAt DESC, h.id ASC
SKIP $skip LIMIT $limit
RETURN properties(h) AS hero, properties(m) AS member, properties(c) AS company

// name: heroes_count
// How many heroes `heroes_page` lists with the same filters (hidden members never count).
MATCH (h:CustomerHero)<-[:FEATURED_AS]-(m:Member)
WHERE (m.visibility IN $visible OR m.id = $viewerId)
  AND ($country IS NULL OR m.country = $country)
  AND ($productAreaId IS NULL OR EXISTS { MATCH (h)-[:USES]->(:Topic {id: $productAreaId}) })
RETURN count(h) AS total

// name: heroes_products_of_heroes
// The products (product-area Topics) each hero uses, by name then id.
UNWIND $ids AS id
MATCH (h:CustomerHero {id: id})
CALL (h) {
  MATCH (h)-[:USES]->(t:Topic)
  WITH t
  ORDER BY t.name ASC, t.id ASC
  RETURN collect(properties(t)) AS topics
}
RETURN id, topics

// name: heroes_of_members
// Each member's hero stories, newest featured first, with the company of each.
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)-[:FEATURED_AS]->(h:CustomerHero)
  MATCH (h)-[:AT]->(c:Company)
  WITH h, c
  ORDER BY h.featuredAt DESC, h.id ASC
  RETURN collect({hero: properties(h), company: properties(c)}) AS heroes
}
RETURN id, properties(m) AS member, heroes

// name: heroes_of_events
// The heroes speaking at each CITY_TOUR event (none for other kinds) whose member the viewer may
// see, newest featured first, each with its member and company.
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  MATCH (m:Member)-[:SPEAKS_AT]->(e)
  WHERE e.kind = 'CITY_TOUR' AND (m.visibility IN $visible OR m.id = $viewerId)
  MATCH (m)-[:FEATURED_AS]->(h:CustomerHero)
  MATCH (h)-[:AT]->(c:Company)
  WITH h, m, c
  ORDER BY h.featuredAt DESC, h.id ASC
  RETURN collect({hero: properties(h), member: properties(m), company: properties(c)}) AS heroes
}
RETURN id, heroes

// name: heroes_city_tours_of_heroes
// A page of the CITY_TOUR events each hero's member speaks at, by start time then id, with each
// list's total; rows are event rows with `groupId`. `$fromEnd` reverses the order to take the last
// rows of each list (they come back reversed).
UNWIND $ids AS id
MATCH (h:CustomerHero {id: id})<-[:FEATURED_AS]-(m:Member)
CALL (m) {
  MATCH (m)-[:SPEAKS_AT]->(e:Event)<-[:HOSTS]-(g:Group)
  WHERE e.kind = 'CITY_TOUR'
  WITH e, g
  ORDER BY
    CASE WHEN $fromEnd THEN e.startsAt END DESC,
    CASE WHEN $fromEnd THEN e.id END DESC,
    e.startsAt ASC,
    e.id ASC
  SKIP $skip LIMIT $limit
  RETURN collect(e {.*, groupId: g.id}) AS page
}
RETURN id, COUNT { MATCH (m)-[:SPEAKS_AT]->(e:Event) WHERE e.kind = 'CITY_TOUR' } AS total, page

// name: heroes_feature_state
// What featuring a hero depends on: whether the member exists and the viewer (the admin) may see
// them, whether the company exists, and which of `$productAreaIds` name no Topic.
OPTIONAL MATCH (m:Member {id: $memberId})
OPTIONAL MATCH (c:Company {id: $companyId})
CALL () {
  UNWIND coalesce($productAreaIds, []) AS topicId
  OPTIONAL MATCH (t:Topic {id: topicId})
  WITH topicId, t
  WHERE t IS NULL
  RETURN collect(topicId) AS missingTopicIds
}
RETURN m IS NOT NULL AND (m.visibility IN $visible OR m.id = $viewerId) AS memberFound,
       c IS NOT NULL AS companyFound, missingTopicIds

// name: heroes_feature
// Feature a member's story: the CustomerHero node, its member (FEATURED_AS), company (AT) and
// products (USES, one per id of `$productAreaIds`), stamped with now and the admin's id. No row
// when the member or the company does not exist.
MATCH (m:Member {id: $memberId})
MATCH (c:Company {id: $companyId})
CREATE (m)-[:FEATURED_AS]->(h:CustomerHero {id: $id, title: $title, story: $story, featuredBy: $adminId})
SET h.featuredAt = datetime()
CREATE (h)-[:AT]->(c)
WITH h, m, c
CALL (h) {
  UNWIND coalesce($productAreaIds, []) AS topicId
  MATCH (t:Topic {id: topicId})
  CREATE (h)-[:USES]->(t)
  RETURN count(t) AS products
}
RETURN properties(h) AS hero, properties(m) AS member, properties(c) AS company, products

// name: heroes_event_state
// What adding or removing a hero speaker depends on: whether the event exists, is a CITY_TOUR and
// has ended, and whether `$viewerId` leads its hosting group.
OPTIONAL MATCH (e:Event {id: $eventId})
RETURN e IS NOT NULL AS eventExists, coalesce(e.kind = 'CITY_TOUR', false) AS cityTour,
       coalesce(e.endsAt <= datetime(), false) AS ended,
       EXISTS { MATCH (:Event {id: $eventId})<-[:HOSTS]-(:Group)<-[:MEMBER_OF {role: 'LEADER'}]-(:Member {id: $viewerId}) } AS leads

// name: heroes_attach
// The hero's member speaks at the event (idempotent: MERGE), only while the event is a CITY_TOUR
// that has not ended and the viewer is an admin (`$admin`) or leads its hosting group; no row
// otherwise. Stamps the event first (`heroesChangedAt`, a real write: a no-op SET is no write on
// the embedded engine) so that concurrent requests for the same event are serialised on Neo4j
// (the event's write lock) and conflict on the embedded engine, whose retry then finds the
// relationship.
MATCH (e:Event {id: $eventId})
WHERE e.kind = 'CITY_TOUR' AND e.endsAt > datetime()
  AND ($admin OR EXISTS { MATCH (e)<-[:HOSTS]-(:Group)<-[:MEMBER_OF {role: 'LEADER'}]-(:Member {id: $viewerId}) })
MATCH (h:CustomerHero {id: $heroId})<-[:FEATURED_AS]-(m:Member)
SET e.heroesChangedAt = datetime()
WITH e, m
MERGE (m)-[:SPEAKS_AT]->(e)
RETURN e.id AS eventId

// name: heroes_detach
// The hero's member no longer speaks at the event (idempotent), under the same conditions as
// heroes_attach; no row when they do not hold.
MATCH (e:Event {id: $eventId})
WHERE e.kind = 'CITY_TOUR' AND e.endsAt > datetime()
  AND ($admin OR EXISTS { MATCH (e)<-[:HOSTS]-(:Group)<-[:MEMBER_OF {role: 'LEADER'}]-(:Member {id: $viewerId}) })
MATCH (h:CustomerHero {id: $heroId})<-[:FEATURED_AS]-(m:Member)
SET e.heroesChangedAt = datetime()
WITH e, m
OPTIONAL MATCH (m)-[s:SPEAKS_AT]->(e)
DELETE s
RETURN e.id AS eventId
