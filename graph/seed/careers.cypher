// Seed writes of the careers kinds (graph/MODEL.md, "Careers"). Times arrive as epoch millis.

// name: seed_recruiters
// Make members recruiters of companies, from `$rows` of {memberId, companyId, since}.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (c:Company {id: row.companyId})
CREATE (m)-[:RECRUITS_FOR {since: datetime({epochMillis: row.since})}]->(c)
RETURN count(*) AS written

// name: seed_job_postings
// Create postings from `$rows` of MODEL.md properties plus companyId, with POSTED from the company;
// searchText is derived (with the company's name), a missing applicationCount is 0.
UNWIND $rows AS row
MATCH (c:Company {id: row.companyId})
CREATE (j:JobPosting {id: row.id})
SET j.title = row.title,
    j.description = row.description,
    j.seniority = row.seniority,
    j.employmentType = row.employmentType,
    j.workplace = row.workplace,
    j.city = row.city,
    j.country = row.country,
    j.latitude = row.latitude,
    j.longitude = row.longitude,
    j.salaryMin = row.salaryMin,
    j.salaryMax = row.salaryMax,
    j.salaryCurrency = row.salaryCurrency,
    j.minRank = coalesce(row.minRank, 0),
    j.status = row.status,
    j.postedAt = datetime({epochMillis: row.postedAt}),
    j.updatedAt = datetime({epochMillis: coalesce(row.updatedAt, row.postedAt)}),
    j.closesAt = CASE WHEN row.closesAt IS NULL THEN null ELSE datetime({epochMillis: row.closesAt}) END,
    j.closedAt = CASE WHEN row.closedAt IS NULL THEN null ELSE datetime({epochMillis: row.closedAt}) END,
    j.applicationCount = coalesce(row.applicationCount, 0),
    j.searchText = toLower(row.title + ' ' + coalesce(row.description, '') + ' ' + coalesce(row.city, '') + ' ' + c.name)
CREATE (c)-[:POSTED]->(j)
RETURN count(j) AS written

// name: seed_job_skill_requirements
// (JobPosting)-[:REQUIRES {minLevel, weight, necessity}]->(Skill), from `$rows` of {jobId, skillId, minLevel, weight, necessity}.
UNWIND $rows AS row
MATCH (j:JobPosting {id: row.jobId})
MATCH (s:Skill {id: row.skillId})
CREATE (j)-[:REQUIRES {minLevel: row.minLevel, weight: row.weight, necessity: row.necessity}]->(s)
RETURN count(*) AS written

// name: seed_job_certification_requirements
// (JobPosting)-[:REQUIRES {necessity}]->(Certification), from `$rows` of {jobId, certificationId, necessity}.
UNWIND $rows AS row
MATCH (j:JobPosting {id: row.jobId})
MATCH (c:Certification {id: row.certificationId})
CREATE (j)-[:REQUIRES {necessity: row.necessity}]->(c)
RETURN count(*) AS written

// name: seed_career_preferences
// Create preferences from `$rows` of MODEL.md properties plus memberId, with PREFERS from the
// member; `searchable` is derived.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
CREATE (p:CareerPreferences {id: row.id})
SET p.openToWork = row.openToWork,
    p.visibility = row.visibility,
    p.searchable = row.openToWork AND row.visibility = 'RECRUITERS',
    p.roles = coalesce(row.roles, []),
    p.cities = coalesce(row.cities, []),
    p.countries = coalesce(row.countries, []),
    p.remote = row.remote,
    p.seniority = row.seniority,
    p.optedInAt = CASE WHEN row.optedInAt IS NULL THEN null ELSE datetime({epochMillis: row.optedInAt}) END,
    p.updatedAt = datetime({epochMillis: row.updatedAt})
CREATE (m)-[:PREFERS]->(p)
RETURN count(p) AS written

// name: seed_applications
// Create applications from `$rows` of {id, memberId, jobId, status, coverNote, appliedAt, updatedAt,
// hiredAt}, with SUBMITTED and FOR; `key` is derived, applicationCount is not touched.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (j:JobPosting {id: row.jobId})
CREATE (a:Application {id: row.id})
SET a.key = row.memberId + ':' + row.jobId,
    a.status = row.status,
    a.coverNote = row.coverNote,
    a.appliedAt = datetime({epochMillis: row.appliedAt}),
    a.updatedAt = datetime({epochMillis: coalesce(row.updatedAt, row.appliedAt)}),
    a.hiredAt = CASE WHEN row.hiredAt IS NULL THEN null ELSE datetime({epochMillis: row.hiredAt}) END
CREATE (m)-[:SUBMITTED]->(a)
CREATE (a)-[:FOR]->(j)
RETURN count(a) AS written

// name: seed_saved_searches
// Create saved searches from `$rows` of {id, memberId, companyId, name, filter, createdAt, lastRunAt},
// adding them to their recruiter's savedSearchCount (once per recruiter and batch: within one SET
// clause the engine reads properties as they were before it).
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
MATCH (c:Company {id: row.companyId})
CREATE (s:SavedSearch {id: row.id})
SET s.name = row.name,
    s.filter = row.filter,
    s.createdAt = datetime({epochMillis: row.createdAt}),
    s.lastRunAt = datetime({epochMillis: coalesce(row.lastRunAt, row.createdAt)})
CREATE (m)-[:SAVED]->(s)
CREATE (s)-[:FOR]->(c)
WITH m, count(s) AS added
SET m.savedSearchCount = coalesce(m.savedSearchCount, 0) + added
RETURN sum(added) AS written

// name: seed_profile_views
// (Member)-[:VIEWED_PROFILE {at, companyId, via}]->(Member), from `$rows` of {recruiterId, memberId, companyId, via, at}.
UNWIND $rows AS row
MATCH (r:Member {id: row.recruiterId})
MATCH (m:Member {id: row.memberId})
CREATE (r)-[:VIEWED_PROFILE {at: datetime({epochMillis: row.at}), companyId: row.companyId, via: row.via}]->(m)
RETURN count(*) AS written

// name: seed_career_outcomes
// Create reported outcomes from `$rows` of {id, memberId, kind, title, companyName, at}, with REPORTED.
UNWIND $rows AS row
MATCH (m:Member {id: row.memberId})
CREATE (o:CareerOutcome {id: row.id})
SET o.kind = row.kind,
    o.title = row.title,
    o.companyName = row.companyName,
    o.at = datetime({epochMillis: row.at})
CREATE (m)-[:REPORTED]->(o)
RETURN count(o) AS written

// name: seed_job_fair_exhibitors
// (Company)-[:EXHIBITS_AT {since}]->(Event), from `$rows` of {companyId, eventId, since}; the event must be a JOB_FAIR.
UNWIND $rows AS row
MATCH (c:Company {id: row.companyId})
MATCH (e:Event {id: row.eventId})
WHERE e.kind = 'JOB_FAIR'
CREATE (c)-[:EXHIBITS_AT {since: datetime({epochMillis: row.since})}]->(e)
RETURN count(*) AS written

// name: seed_recount_careers
// Recompute every posting's applicationCount from its applications.
MATCH (j:JobPosting)
SET j.applicationCount = COUNT { (j)<-[:FOR]-(:Application) }
RETURN count(j) AS recounted

// name: seed_recount_saved_searches
// Recompute the savedSearchCount of every member who saved a search or has a count.
MATCH (m:Member)
WHERE m.savedSearchCount IS NOT NULL OR EXISTS { (m)-[:SAVED]->(:SavedSearch) }
SET m.savedSearchCount = COUNT { (m)-[:SAVED]->(:SavedSearch) }
RETURN count(m) AS recounted

// name: seed_careers_counts
// How many nodes and relationships of each careers kind the graph holds.
RETURN COUNT { MATCH (:Member)-[:RECRUITS_FOR]->(:Company) } AS recruiters,
       COUNT { MATCH (:JobPosting) } AS job_postings,
       COUNT { MATCH (:JobPosting)-[:REQUIRES]->(:Skill) } AS job_skill_requirements,
       COUNT { MATCH (:JobPosting)-[:REQUIRES]->(:Certification) } AS job_certification_requirements,
       COUNT { MATCH (:CareerPreferences) } AS career_preferences,
       COUNT { MATCH (:Application) } AS applications,
       COUNT { MATCH (:SavedSearch) } AS saved_searches,
       COUNT { MATCH (:Member)-[:VIEWED_PROFILE]->(:Member) } AS profile_views,
       COUNT { MATCH (:CareerOutcome) } AS career_outcomes,
       COUNT { MATCH (:Company)-[:EXHIBITS_AT]->(:Event) } AS job_fair_exhibitors

// name: seed_careers_mismatches
// How many records break an invariant of graph/MODEL.md's careers section (0 when consistent):
// careers counts postings whose applicationCount differs from their applications, preferences whose
// searchable is not derived from openToWork and visibility, members with two PREFERS, applications
// without exactly one applicant and posting, postings without exactly one company or with
// salaryMin above salaryMax, exhibitors of events that are not job fairs, and members whose
// savedSearchCount differs from their saved searches.
RETURN COUNT { MATCH (j:JobPosting) WHERE j.applicationCount <> COUNT { (j)<-[:FOR]-(:Application) } }
     + COUNT { MATCH (m:Member) WHERE coalesce(m.savedSearchCount, 0) <> COUNT { (m)-[:SAVED]->(:SavedSearch) } }
     + COUNT { MATCH (p:CareerPreferences) WHERE p.searchable <> (p.openToWork AND p.visibility = 'RECRUITERS') }
     + COUNT { MATCH (m:Member) WHERE COUNT { (m)-[:PREFERS]->(:CareerPreferences) } > 1 }
     + COUNT { MATCH (a:Application) WHERE COUNT { (a)<-[:SUBMITTED]-(:Member) } <> 1 OR COUNT { (a)-[:FOR]->(:JobPosting) } <> 1 }
     + COUNT { MATCH (j:JobPosting) WHERE COUNT { (j)<-[:POSTED]-(:Company) } <> 1 OR j.salaryMin > j.salaryMax }
     + COUNT { MATCH (:Company)-[:EXHIBITS_AT]->(e:Event) WHERE e.kind <> 'JOB_FAIR' } AS careers
