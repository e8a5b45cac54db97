// Sharing: what the public Open Badges 3.0 documents are built from, one statement per document.
// Rows are scalar columns. A holder's display name is returned only for a PUBLIC profile (the
// documents are served to anyone holding the link), and no other profile property is read.
// Badge rows carry `awardedBy` (MODULE, PROJECT, SUPERBADGE or QUEST: what awards the badge, null
// if nothing does) and `awardedByTitle`, from which the achievement's criteria are written.

// name: sharing_earned_badge
// One EARNED badge by its stable assertion id (the relationship's `id`), with its badge, what
// awards that badge, and the holder's id and visibility (their display name only when PUBLIC).
// No row when no EARNED has that id. The endpoints are left unlabeled (EARNED joins only a Member
// to a Badge): the embedded engine uses a relationship index on EARNED.id for exactly this shape
// (`MATCH (m)-[e:EARNED]->(b) WHERE e.id = ...`), and scans every EARNED for the labeled or
// inline-property shapes.
MATCH (m)-[e:EARNED]->(b)
WHERE e.id = $assertionId
CALL (b) {
  OPTIONAL MATCH (s)-[:AWARDS]->(b)
  RETURN s
  ORDER BY s.id
  LIMIT 1
}
RETURN e.id AS assertionId, e.at AS earnedAt,
       m.id AS holderId, m.visibility AS holderVisibility,
       CASE WHEN m.visibility = 'PUBLIC' THEN m.displayName END AS holderName,
       b.id AS badgeId, b.title AS title, b.description AS description, b.kind AS kind,
       b.imageUrl AS imageUrl, b.availableFrom AS availableFrom, b.availableUntil AS availableUntil,
       CASE WHEN s:Quest THEN 'QUEST' WHEN s:Superbadge THEN 'SUPERBADGE' WHEN s:Module THEN s.kind END AS awardedBy,
       s.title AS awardedByTitle

// name: sharing_badge
// One badge by application id (the Open Badges Achievement), with what awards it. No row if unknown.
MATCH (b:Badge {id: $badgeId})
CALL (b) {
  OPTIONAL MATCH (s)-[:AWARDS]->(b)
  RETURN s
  ORDER BY s.id
  LIMIT 1
}
RETURN b.id AS badgeId, b.title AS title, b.description AS description, b.kind AS kind,
       b.imageUrl AS imageUrl, b.availableFrom AS availableFrom, b.availableUntil AS availableUntil,
       CASE WHEN s:Quest THEN 'QUEST' WHEN s:Superbadge THEN 'SUPERBADGE' WHEN s:Module THEN s.kind END AS awardedBy,
       s.title AS awardedByTitle

// name: sharing_credential
// One credential by its public verification code, with its certification and the holder's id and
// visibility (display name only when PUBLIC). Its status is computed by the caller, with the one
// rule of resolvers/learning/credentials.py, from `coveredThrough` and the release calendar.
MATCH (k:Credential {credentialId: $credentialId})
MATCH (m:Member)-[:HOLDS]->(k)-[:OF]->(c:Certification)
RETURN k.credentialId AS credentialId, k.earnedAt AS earnedAt, k.coveredThrough AS coveredThrough,
       m.id AS holderId, m.visibility AS holderVisibility,
       CASE WHEN m.visibility = 'PUBLIC' THEN m.displayName END AS holderName,
       c.id AS certificationId, c.title AS title, c.description AS description, c.role AS role,
       c.level AS level, c.requiresMaintenance AS requiresMaintenance

// name: sharing_certification
// One certification by application id (the Open Badges Achievement). No row if unknown.
MATCH (c:Certification {id: $certificationId})
RETURN c.id AS certificationId, c.title AS title, c.description AS description, c.role AS role,
       c.level AS level, c.requiresMaintenance AS requiresMaintenance
