// Talent: career preferences, recruiters' talent search, saved searches and the profile-view log
// (graph/MODEL.md, "Careers"). Recruiter-facing reads consider opted-in members only
// (`CareerPreferences.searchable = true`), filtered here, never after.

// name: talent_record_profile_views
// Log that a recruiter viewed members' profiles: `$views` is a list of {memberId, companyId, via}.
// At most one VIEWED_PROFILE per recruiter, member, source and UTC day (`$dayStart`, epoch millis)
// is written: on Neo4j the no-op SET takes the recruiter's write lock, so concurrent requests of
// the same recruiter run one after the other and the second sees the first's views. The embedded
// engine takes no lock for a no-op SET, so two racing requests may both log a view; the reads
// (`talent_profile_views_of_members`) count the first of each day only, so a member never sees
// the duplicate. The recruiter never logs themself. Returns how many views were written.
MATCH (r:Member {id: $recruiterId})
SET r.points = r.points
WITH r
UNWIND $views AS view
MATCH (m:Member {id: view.memberId})
WHERE m.id <> r.id
  AND NOT EXISTS {
    MATCH (r)-[v:VIEWED_PROFILE]->(m)
    WHERE v.via = view.via AND v.at >= datetime({epochMillis: $dayStart})
  }
CREATE (r)-[:VIEWED_PROFILE {at: datetime({epochMillis: $at}), companyId: view.companyId, via: view.via}]->(m)
RETURN count(*) AS recorded

// name: talent_profile_views_of_members
// A page of the views of each member's profile, newest first, with each list's total: the
// recruiter's row (`recruiter`, always: the name is shown even when the profile is hidden), the
// company they viewed for, the source and the time. Views are counted once per recruiter, source
// and UTC day (the first of the day), as they are logged, so a duplicate a race let through is
// never shown. `$fromEnd` reverses the order to take the last rows of each list (they come back
// reversed).
UNWIND $ids AS id
MATCH (m:Member {id: id})
CALL (m) {
  MATCH (m)<-[v:VIEWED_PROFILE]-(r:Member)
  WITH r, v.via AS via, date(v.at) AS day, min(v.at) AS at, min(v.companyId) AS companyId
  ORDER BY
    CASE WHEN $fromEnd THEN at END ASC,
    CASE WHEN $fromEnd THEN r.id END DESC,
    CASE WHEN $fromEnd THEN via END DESC,
    at DESC,
    r.id ASC,
    via ASC
  RETURN collect({recruiter: properties(r), companyId: companyId, via: via, at: at}) AS views
}
RETURN id, size(views) AS total, views[$skip..$skip + $limit] AS page

// name: talent_anchor_sizes
// How many members each possible starting point of a talent search holds, so the search starts
// from the smallest (resolvers/careers/talent.py, `choose_anchor`): holders of each skill (at
// any level), of each certification (in any standing), completers of each superbadge (relationship
// degrees), and, for the opted-in members, the number of CareerPreferences nodes (an upper bound
// that costs nothing, where counting the `searchable` ones scans their index). An unknown id gives
// no entry (nobody holds it).
CALL () {
  UNWIND $skillIds AS id
  MATCH (s:Skill {id: id})
  RETURN collect({id: id, size: COUNT { (s)<-[:HAS_SKILL]-() }}) AS skills
}
CALL () {
  UNWIND $certificationIds AS id
  MATCH (c:Certification {id: id})
  RETURN collect({id: id, size: COUNT { (c)<-[:OF]-() }}) AS certifications
}
CALL () {
  UNWIND $superbadgeIds AS id
  MATCH (b:Superbadge {id: id})
  RETURN collect({id: id, size: COUNT { (b)<-[:COMPLETED]-() }}) AS superbadges
}
RETURN skills, certifications, superbadges, COUNT { MATCH (:CareerPreferences) } AS searchable

// name: talent_search_candidates
// The opted-in members each talent search in `$searches` matches, best first by a cheap
// pre-score, at most `cap` ids per search, with the exact number of matches. Only members whose
// CareerPreferences are `searchable` are ever considered (checked in every starting branch).
// Each search starts from its anchor (exactly one of: a skill's holders at `minLevel`, the holders
// of `certificationIds`, a superbadge's completers, the opted-in members; the other branches look
// up a null id and find nothing) and applies every hard filter: MUST skills at their level, no NOT
// skill at its level, certifications (ANY or ALL; in good standing unless `includeExpired`:
// `cutoff` is resolvers/careers/context.py's good_standing_cutoff), minimum rank, every superbadge
// COMPLETED, the place (`near` circle or `country`, where the member lives or a country they want
// to work in; with `openToRemote`, members open to remote work match too), `search` in the
// headline or job title, joined at or before `joinedBefore`. With `since` (newMatches) a member
// must also have opted in at or after it, or have gained a MUST or CAN skill at its level, or
// earned a filter's certification, at or after it. The pre-score is the scoring model's skill,
// certification, rank and location factors (it leaves out recent activity: see
// resolvers/careers/talent.py); ties by member id. Skill levels are read only when the filter names skills. Times are epoch millis.
UNWIND $searches AS q
CALL (q) {
  CALL (q) {
    MATCH (:Skill {id: q.anchor.skillId})<-[h:HAS_SKILL]-(m:Member)
    WHERE h.level >= q.anchor.minLevel
    MATCH (m)-[:PREFERS]->(p:CareerPreferences)
    WHERE p.searchable = true
    RETURN m, p
    UNION ALL
    UNWIND q.anchor.certificationIds AS certificationId
    MATCH (:Certification {id: certificationId})<-[:OF]-(:Credential)<-[:HOLDS]-(holder:Member)
    WITH DISTINCT holder AS m
    MATCH (m)-[:PREFERS]->(p:CareerPreferences)
    WHERE p.searchable = true
    RETURN m, p
    UNION ALL
    MATCH (:Superbadge {id: q.anchor.superbadgeId})<-[:COMPLETED]-(m:Member)
    MATCH (m)-[:PREFERS]->(p:CareerPreferences)
    WHERE p.searchable = true
    RETURN m, p
    UNION ALL
    MATCH (p:CareerPreferences {searchable: q.anchor.searchable})<-[:PREFERS]-(m:Member)
    WHERE p.searchable = true
    RETURN m, p
  }
  WITH q, m, p
  WHERE (q.minRank IS NULL OR coalesce(m.rank, 0) >= q.minRank)
    AND (q.joinedBefore IS NULL OR m.joinedAt <= datetime({epochMillis: q.joinedBefore}))
    AND (q.search IS NULL OR toLower(coalesce(m.headline, '')) CONTAINS q.search
         OR toLower(coalesce(m.jobTitle, '')) CONTAINS q.search)
  WITH q, m, p,
       CASE WHEN q.near IS NULL OR m.latitude IS NULL OR m.longitude IS NULL THEN null
            ELSE point.distance(point({latitude: q.near.latitude, longitude: q.near.longitude}),
                                point({latitude: m.latitude, longitude: m.longitude})) / 1000.0 END AS distanceKm
  WITH q, m, p, distanceKm,
       (distanceKm IS NOT NULL AND distanceKm <= q.near.radiusKm)
         OR (q.country IS NOT NULL AND (m.country = q.country OR q.country IN coalesce(p.countries, []))) AS inPlace,
       coalesce(p.remote IN ['OPEN_TO_REMOTE', 'REMOTE_ONLY'], false) AS remoteOk
  WHERE CASE
          WHEN q.near IS NULL AND q.country IS NULL THEN NOT q.openToRemote OR remoteOk
          WHEN q.openToRemote THEN inPlace OR remoteOk
          ELSE inPlace
        END
  WITH q, m, p, distanceKm,
       CASE WHEN q.readsSkills THEN [(m)-[h:HAS_SKILL]->(s:Skill) | {id: s.id, level: h.level, since: h.since}]
            ELSE [] END AS held
  WHERE all(req IN q.mustSkills WHERE any(x IN held WHERE x.id = req.skillId AND x.level >= req.minLevel))
    AND none(req IN q.notSkills WHERE any(x IN held WHERE x.id = req.skillId AND x.level >= req.minLevel))
  WITH q, m, p, distanceKm, held,
       CASE WHEN size(q.certificationIds) = 0 THEN [] ELSE
         [(m)-[:HOLDS]->(k:Credential)-[:OF]->(c:Certification) WHERE c.id IN q.certificationIds |
           {id: c.id, earnedAt: k.earnedAt,
            good: NOT c.requiresMaintenance OR q.cutoff IS NULL OR k.coveredThrough >= datetime({epochMillis: q.cutoff})}]
       END AS credentials
  WITH q, m, p, distanceKm, held, credentials, [c IN credentials WHERE c.good OR q.includeExpired | c.id] AS counted
  WHERE (size(q.certificationIds) = 0
         OR (q.certificationMatch = 'ALL' AND all(id IN q.certificationIds WHERE id IN counted))
         OR (q.certificationMatch = 'ANY' AND size(counted) > 0))
    AND (size(q.superbadgeIds) = 0
         OR size([(m)-[:COMPLETED]->(b:Superbadge) WHERE b.id IN q.superbadgeIds | b.id]) = size(q.superbadgeIds))
    AND (q.since IS NULL
         OR p.optedInAt >= datetime({epochMillis: q.since})
         OR any(x IN held WHERE x.since >= datetime({epochMillis: q.since})
                AND any(req IN q.scoredSkills WHERE req.skillId = x.id AND x.level >= req.minLevel))
         OR any(c IN credentials WHERE c.earnedAt >= datetime({epochMillis: q.since}) AND (c.good OR q.includeExpired)))
  WITH q, m.id AS id, credentials,
       CASE WHEN q.near IS NULL THEN 1.0
            WHEN p.remote = 'REMOTE_ONLY' OR distanceKm IS NULL OR distanceKm >= q.farKm THEN 0.0
            WHEN distanceKm <= q.nearKm THEN 1.0
            ELSE (q.farKm - distanceKm) / (q.farKm - q.nearKm) END AS placeFit,
       reduce(earned = 0.0, req IN q.scoredSkills | earned + req.worth * reduce(fit = 0.0, x IN held |
         CASE WHEN x.id <> req.skillId THEN fit
              WHEN x.level >= req.minLevel THEN 1.0
              ELSE toFloat(x.level) / req.minLevel END)) AS skillsEarned,
       toFloat(coalesce(m.rank, 0)) / q.topRank AS rankFit
  WITH id,
       q.weights.skills * CASE WHEN q.skillWorth = 0 THEN 1.0 ELSE skillsEarned / q.skillWorth END
       + q.weights.certifications * CASE WHEN size(q.certificationIds) = 0 THEN 1.0
                                         ELSE toFloat(size([c IN credentials WHERE c.good])) / size(q.certificationIds) END
       + q.weights.rank * CASE WHEN rankFit > 1.0 THEN 1.0 ELSE rankFit END
       + q.weights.location * placeFit AS preScore
  ORDER BY preScore DESC, id ASC
  RETURN collect(id) AS ids
}
RETURN q.key AS key, size(ids) AS total, ids[0..q.cap] AS ids

// name: talent_company_connections
// How close members are to a company's people (its employees, WORKS_AT, and recruiters,
// RECRUITS_FOR), for each of `$requests` [{companyId, memberIds}]: how many of those people
// follow the member, how many the member follows, and how many of the member's groups they share
// with at least one of them (the member themself does not count as one). The company's people
// and their groups are read once per company: `staffGroups` holds a group's id once per person.
UNWIND $requests AS request
MATCH (c:Company {id: request.companyId})
CALL (c) {
  MATCH (e:Member)-[:WORKS_AT|RECRUITS_FOR]->(c)
  WITH DISTINCT e
  OPTIONAL MATCH (e)-[:MEMBER_OF]->(g:Group)
  RETURN collect(DISTINCT e.id) AS staff, collect(g.id) AS staffGroups
}
UNWIND request.memberIds AS id
MATCH (m:Member {id: id})
WITH c, staff, staffGroups, m, CASE WHEN m.id IN staff THEN 1 ELSE 0 END AS self
RETURN c.id AS companyId, m.id AS id,
       COUNT { MATCH (m)<-[:FOLLOWS]-(e:Member) WHERE e.id IN staff } AS employeesFollowing,
       COUNT { MATCH (m)-[:FOLLOWS]->(e:Member) WHERE e.id IN staff } AS followedEmployees,
       COUNT { MATCH (m)-[:MEMBER_OF]->(g:Group) WHERE size([x IN staffGroups WHERE x = g.id]) > self } AS sharedGroups

// name: talent_preferences_of_members
// Members' career preferences, keyed by member id; members who never set any give no row.
UNWIND $ids AS id
MATCH (:Member {id: id})-[:PREFERS]->(p:CareerPreferences)
RETURN id, p {.*} AS preferences

// name: talent_set_career_preferences
// Create or change a member's career preferences: one CareerPreferences per member, also under
// concurrent calls (the member is locked first; a new node takes `$newId`, derived from the
// member id, so two racing creations collide on the unique id and the loser runs again and finds
// the winner's). `$fields` names the properties given in `$values`; the rest keep their value (or
// the defaults: not open to work, visible to recruiters, open to remote). `searchable` is derived;
// `optedInAt` is set when it becomes true, kept while it stays true, cleared when it becomes false.
MATCH (m:Member {id: $memberId})
SET m.points = m.points
MERGE (m)-[:PREFERS]->(p:CareerPreferences)
ON CREATE SET p.id = $newId, p.openToWork = false, p.visibility = 'RECRUITERS', p.searchable = false,
              p.roles = [], p.cities = [], p.countries = [], p.remote = 'OPEN_TO_REMOTE', p.seniority = null,
              p.optedInAt = null
WITH p, coalesce(p.searchable, false) AS was
SET p.openToWork = CASE WHEN 'openToWork' IN $fields THEN $values.openToWork ELSE p.openToWork END,
    p.visibility = CASE WHEN 'visibility' IN $fields THEN $values.visibility ELSE p.visibility END,
    p.roles = CASE WHEN 'roles' IN $fields THEN $values.roles ELSE coalesce(p.roles, []) END,
    p.cities = CASE WHEN 'cities' IN $fields THEN $values.cities ELSE coalesce(p.cities, []) END,
    p.countries = CASE WHEN 'countries' IN $fields THEN $values.countries ELSE coalesce(p.countries, []) END,
    p.remote = CASE WHEN 'remote' IN $fields THEN $values.remote ELSE p.remote END,
    p.seniority = CASE WHEN 'seniority' IN $fields THEN $values.seniority ELSE p.seniority END,
    p.updatedAt = datetime({epochMillis: $now})
WITH p, was, p.openToWork AND p.visibility = 'RECRUITERS' AS searchable
SET p.searchable = searchable,
    p.optedInAt = CASE WHEN NOT searchable THEN null WHEN was THEN p.optedInAt ELSE datetime({epochMillis: $now}) END
RETURN p {.*} AS preferences

// name: talent_save_search
// Save a recruiter's talent search for a company, unless they already keep `$limit` of them.
// `savedSearchCount` is the guard: the recruiter's node is locked by setting it (Neo4j serialises
// the writers there), then checked and incremented; on the embedded engine two racing saves both
// change that property, so one conflicts, runs again and reads the other's count.
// No row when the recruiter or company is missing or the limit is reached.
MATCH (r:Member {id: $memberId})
MATCH (c:Company {id: $companyId})
SET r.savedSearchCount = coalesce(r.savedSearchCount, 0)
WITH r, c
WHERE r.savedSearchCount < $limit
SET r.savedSearchCount = r.savedSearchCount + 1
CREATE (s:SavedSearch {id: $id})
SET s.name = $name,
    s.filter = $filter,
    s.createdAt = datetime({epochMillis: $now}),
    s.lastRunAt = datetime({epochMillis: $now})
CREATE (r)-[:SAVED]->(s)
CREATE (s)-[:FOR]->(c)
RETURN s {.*} AS search, r.id AS ownerId, c.id AS companyId

// name: talent_count_saved_searches
// How many searches a member keeps (to tell a full list from a missing company).
MATCH (r:Member {id: $memberId})
RETURN coalesce(r.savedSearchCount, 0) AS saved

// name: talent_delete_saved_search
// Delete one of the member's own saved searches and count it out; no row when it is not theirs or is gone.
MATCH (r:Member {id: $memberId})-[:SAVED]->(s:SavedSearch {id: $id})
SET r.savedSearchCount = r.savedSearchCount - 1
DETACH DELETE s
RETURN $id AS id

// name: talent_saved_searches_by_ids
// Saved searches by id, each with the member who saved it and the company it searches for.
UNWIND $ids AS id
MATCH (r:Member)-[:SAVED]->(s:SavedSearch {id: id})-[:FOR]->(c:Company)
RETURN id, s {.*} AS search, r.id AS ownerId, c.id AS companyId

// name: talent_saved_searches_page
// A page of a member's saved searches, newest first.
MATCH (r:Member {id: $memberId})-[:SAVED]->(s:SavedSearch)-[:FOR]->(c:Company)
WITH r, s, c
ORDER BY s.createdAt DESC, s.id ASC
SKIP $skip LIMIT $limit
RETURN s {.*} AS search, r.id AS ownerId, c.id AS companyId

// name: talent_saved_searches_total
// How many saved searches a member keeps.
MATCH (r:Member {id: $memberId})-[:SAVED]->(:SavedSearch)-[:FOR]->(:Company)
RETURN count(*) AS total

// name: talent_touch_saved_searches
// Record that saved searches were just run (`lastRunAt`).
UNWIND $ids AS id
MATCH (s:SavedSearch {id: id})
SET s.lastRunAt = datetime({epochMillis: $now})
RETURN count(s) AS touched
