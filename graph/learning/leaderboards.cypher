// Leaderboards: members ranked by `points` desc, then `badgeCount` desc, then `id` asc, over
// the whole community (GLOBAL) or within a country, a group or a company. Ranked members have
// points > 0 and a profile that is not PRIVATE; positions are standard competition ranks (ties
// on points AND badges share a place), computed by resolvers/learning/leaderboards.py from a
// page and, when a page starts inside a tie, one `*_ahead` count.
//
// Why this shape. Measured on the `medium` set (100k members; heavy-tailed points written by a
// one-off script: 71k ranked, 1.7k over 50,000 points), embedded engine, on a shared 2-core
// machine under load (the existing bench rows ran about 2x their README figures meanwhile);
// p50 / p95 per statement, 15 runs:
//   GLOBAL first page of 51:
//     query-time ORDER BY points, badges, id over every ranked member ... 2067 / 2283 ms
//     combined key (points * 10^6 + badgeCount, indexed), ORDER BY key, id ... 2362 / 2534 ms
//       (a second sort key keeps the full sort; the key alone, without the id, 64 / 69 ms)
//     two phases (chosen): leaderboard_global_floor ... 7 / 27 ms, then leaderboard_global_page ... 80 / 101 ms
//   GLOBAL position of the median member (38k ahead) / of a top-1,400 member:
//     one scan with an OR over all ranked members ... 253 / 567 ms
//     combined-key range count ... 236 / 362 ms; top member 12 / 18 ms
//     points range with the tie filtered on it (chosen) ... 195 / 504 ms; top member 8 / 12 ms
//   GLOBAL totalCount (all 71k ranked) ... 304 / 323 ms
// So nothing is precomputed and writers keep nothing extra: a stored combined key costs every
// completion, badge and visibility write and buys no faster count, and a stored rank would move
// for thousands of members on each completion. Both statements of a GLOBAL page are proportional
// to the window (skip + limit, plus ties at its floor), not to the membership; a position is
// proportional to the members ahead (cheap near the top, about a scan for a median member).
// COUNTRY / GROUP / COMPANY pages and counts are anchored on the country index or on the group's
// or company's relationships and sort the whole scope: bounded by its size (largest here: 25k
// members in a country, 9.5k in a group, 8.7k in a company).
//
// With the generated learning data (seed generator, medium: 38.6k members with points), through
// the API (bench/run.py, 15 runs, p50 / p95): GLOBAL first 50 with member and rank 46 / 54 ms;
// after the 5000th 167 / 184 ms; COUNTRY US with totalCount 189 / 244 ms; the median learner's
// GLOBAL position 38 / 54 ms.
//
// Engine notes (embedded ArcadeDB 26.10): it serves an index range or an index-ordered ORDER BY
// only when the property has a declared type. The v041 index is created on an empty database,
// so `points` has none and these statements fall back to label scans: same results, but the
// two-phase GLOBAL page then costs two scans (2.2 s instead of 0.12 s in the bench). Declaring
// the type (`REQUIRE m.points IS :: INTEGER`) and then rebuilding the index fixes it (the
// engine-only migrations v043-v045, graph/migrations/embedded/); declaring it WITHOUT rebuilding
// makes index-ordered reads return wrong orders (seemingly the text order of the old keys). Also never put two lower bounds on `points` in one WHERE (`>= $floor AND > 0`): the
// engine keeps the last one as the index bound; and COUNT { } / CALL subqueries do not use the
// index, so counts are top-level MATCHes.

// name: leaderboard_global_floor
// The points of the ranked member at 0-based offset `$skip` in points order (no row when fewer
// are ranked): every member a window ending there needs has at least these points.
MATCH (m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
RETURN m.points AS points
ORDER BY m.points DESC
SKIP $skip LIMIT 1

// name: leaderboard_global_page
// A page of the global leaderboard among members with at least `$floor` (>= 1) points: the
// floor from `leaderboard_global_floor` makes this sort only the window's prefix.
MATCH (m:Member)
WHERE m.points >= $floor AND m.visibility <> 'PRIVATE'
WITH m
ORDER BY m.points DESC, m.badgeCount DESC, m.id ASC
SKIP $skip LIMIT $limit
RETURN m {.*} AS member

// name: leaderboard_country_page
// A page of the leaderboard of members whose profile country is `$country`.
MATCH (m:Member {country: $country})
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
WITH m
ORDER BY m.points DESC, m.badgeCount DESC, m.id ASC
SKIP $skip LIMIT $limit
RETURN m {.*} AS member

// name: leaderboard_group_page
// A page of the leaderboard of the members of group `$groupId` (any role).
MATCH (:Group {id: $groupId})<-[:MEMBER_OF]-(m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
WITH m
ORDER BY m.points DESC, m.badgeCount DESC, m.id ASC
SKIP $skip LIMIT $limit
RETURN m {.*} AS member

// name: leaderboard_company_page
// A page of the leaderboard of the current employees (WORKS_AT) of company `$companyId`.
MATCH (:Company {id: $companyId})<-[:WORKS_AT]-(m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
WITH m
ORDER BY m.points DESC, m.badgeCount DESC, m.id ASC
SKIP $skip LIMIT $limit
RETURN m {.*} AS member

// name: leaderboard_global_count
// How many members the global leaderboard ranks.
MATCH (m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
RETURN count(m) AS total

// name: leaderboard_country_count
// How many members the leaderboard of `$country` ranks.
MATCH (m:Member {country: $country})
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
RETURN count(m) AS total

// name: leaderboard_group_count
// How many members the leaderboard of group `$groupId` ranks.
MATCH (:Group {id: $groupId})<-[:MEMBER_OF]-(m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
RETURN count(m) AS total

// name: leaderboard_company_count
// How many members the leaderboard of company `$companyId` ranks.
MATCH (:Company {id: $companyId})<-[:WORKS_AT]-(m:Member)
WHERE m.points > 0 AND m.visibility <> 'PRIVATE'
RETURN count(m) AS total

// name: leaderboard_global_ahead
// How many ranked members are strictly ahead of `$points` (> 0) points and `$badges` badges:
// more points, or as many points and more badges. One index range (points >= $points, which
// also keeps members without points out), the rest filtered on it.
MATCH (m:Member)
WHERE m.points >= $points AND m.visibility <> 'PRIVATE'
  AND (m.points > $points OR m.badgeCount > $badges)
RETURN count(m) AS ahead

// name: leaderboard_country_ahead
// How many ranked members of `$country` are strictly ahead of `$points` (> 0) and `$badges`.
MATCH (m:Member {country: $country})
WHERE m.visibility <> 'PRIVATE'
  AND (m.points > $points OR (m.points = $points AND m.badgeCount > $badges))
RETURN count(m) AS ahead

// name: leaderboard_group_ahead
// How many ranked members of group `$groupId` are strictly ahead of `$points` (> 0) and `$badges`.
MATCH (:Group {id: $groupId})<-[:MEMBER_OF]-(m:Member)
WHERE m.visibility <> 'PRIVATE'
  AND (m.points > $points OR (m.points = $points AND m.badgeCount > $badges))
RETURN count(m) AS ahead

// name: leaderboard_company_ahead
// How many ranked employees of company `$companyId` are strictly ahead of `$points` (> 0) and `$badges`.
MATCH (:Company {id: $companyId})<-[:WORKS_AT]-(m:Member)
WHERE m.visibility <> 'PRIVATE'
  AND (m.points > $points OR (m.points = $points AND m.badgeCount > $badges))
RETURN count(m) AS ahead

// name: leaderboard_group_position
// The viewer's place among the members of group `$groupId`: no row unless the viewer is a
// member and ranked (points > 0, not PRIVATE).
MATCH (v:Member {id: $viewerId})-[:MEMBER_OF]->(g:Group {id: $groupId})
WHERE v.points > 0 AND v.visibility <> 'PRIVATE'
RETURN 1 + COUNT {
  MATCH (g)<-[:MEMBER_OF]-(m:Member)
  WHERE m.visibility <> 'PRIVATE'
    AND (m.points > v.points OR (m.points = v.points AND m.badgeCount > v.badgeCount))
} AS position

// name: leaderboard_company_position
// The viewer's place among the employees of their company, or of `$companyId` when given: no
// row unless the viewer works there and is ranked (points > 0, not PRIVATE).
MATCH (v:Member {id: $viewerId})-[:WORKS_AT]->(c:Company)
WHERE ($companyId IS NULL OR c.id = $companyId)
  AND v.points > 0 AND v.visibility <> 'PRIVATE'
RETURN 1 + COUNT {
  MATCH (c)<-[:WORKS_AT]-(m:Member)
  WHERE m.visibility <> 'PRIVATE'
    AND (m.points > v.points OR (m.points = v.points AND m.badgeCount > v.badgeCount))
} AS position
