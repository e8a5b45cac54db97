// Each block is one migration; its name is `v<number>_<what>`, applied in number order.
// Every statement is idempotent on its own (IF NOT EXISTS), and its version is recorded once applied.

// name: v001_migration_version_unique
CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE

// name: v002_member_id_unique
CREATE CONSTRAINT member_id IF NOT EXISTS FOR (m:Member) REQUIRE m.id IS UNIQUE

// name: v003_member_handle_unique
CREATE CONSTRAINT member_handle IF NOT EXISTS FOR (m:Member) REQUIRE m.handle IS UNIQUE

// name: v004_topic_id_unique
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (t:Topic) REQUIRE t.id IS UNIQUE

// name: v005_topic_slug_unique
CREATE CONSTRAINT topic_slug IF NOT EXISTS FOR (t:Topic) REQUIRE t.slug IS UNIQUE

// name: v006_skill_id_unique
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (s:Skill) REQUIRE s.id IS UNIQUE

// name: v007_skill_slug_unique
CREATE CONSTRAINT skill_slug IF NOT EXISTS FOR (s:Skill) REQUIRE s.slug IS UNIQUE

// name: v008_group_id_unique
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (g:Group) REQUIRE g.id IS UNIQUE

// name: v009_group_slug_unique
CREATE CONSTRAINT group_slug IF NOT EXISTS FOR (g:Group) REQUIRE g.slug IS UNIQUE

// name: v010_member_country_index
CREATE INDEX member_country IF NOT EXISTS FOR (m:Member) ON (m.country)

// name: v011_member_city_index
CREATE INDEX member_city IF NOT EXISTS FOR (m:Member) ON (m.city)

// name: v012_group_kind_index
CREATE INDEX group_kind IF NOT EXISTS FOR (g:Group) ON (g.kind)

// name: v013_group_country_index
CREATE INDEX group_country IF NOT EXISTS FOR (g:Group) ON (g.country)

// name: v014_question_id_unique
CREATE CONSTRAINT question_id IF NOT EXISTS FOR (q:Question) REQUIRE q.id IS UNIQUE

// name: v015_answer_id_unique
CREATE CONSTRAINT answer_id IF NOT EXISTS FOR (a:Answer) REQUIRE a.id IS UNIQUE

// name: v016_event_id_unique
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE

// name: v017_question_created_index
CREATE INDEX question_created IF NOT EXISTS FOR (q:Question) ON (q.createdAt)

// name: v018_event_starts_index
CREATE INDEX event_starts IF NOT EXISTS FOR (e:Event) ON (e.startsAt)

// name: v019_trail_id_unique
CREATE CONSTRAINT trail_id IF NOT EXISTS FOR (t:Trail) REQUIRE t.id IS UNIQUE

// name: v020_trail_slug_unique
CREATE CONSTRAINT trail_slug IF NOT EXISTS FOR (t:Trail) REQUIRE t.slug IS UNIQUE

// name: v021_module_id_unique
CREATE CONSTRAINT module_id IF NOT EXISTS FOR (m:Module) REQUIRE m.id IS UNIQUE

// name: v022_module_slug_unique
CREATE CONSTRAINT module_slug IF NOT EXISTS FOR (m:Module) REQUIRE m.slug IS UNIQUE

// name: v023_unit_id_unique
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (u:Unit) REQUIRE u.id IS UNIQUE

// name: v024_superbadge_id_unique
CREATE CONSTRAINT superbadge_id IF NOT EXISTS FOR (s:Superbadge) REQUIRE s.id IS UNIQUE

// name: v025_superbadge_slug_unique
CREATE CONSTRAINT superbadge_slug IF NOT EXISTS FOR (s:Superbadge) REQUIRE s.slug IS UNIQUE

// name: v026_badge_id_unique
CREATE CONSTRAINT badge_id IF NOT EXISTS FOR (b:Badge) REQUIRE b.id IS UNIQUE

// name: v027_badge_slug_unique
CREATE CONSTRAINT badge_slug IF NOT EXISTS FOR (b:Badge) REQUIRE b.slug IS UNIQUE

// name: v028_certification_id_unique
CREATE CONSTRAINT certification_id IF NOT EXISTS FOR (c:Certification) REQUIRE c.id IS UNIQUE

// name: v029_certification_slug_unique
CREATE CONSTRAINT certification_slug IF NOT EXISTS FOR (c:Certification) REQUIRE c.slug IS UNIQUE

// name: v030_release_id_unique
CREATE CONSTRAINT release_id IF NOT EXISTS FOR (r:Release) REQUIRE r.id IS UNIQUE

// name: v031_rank_id_unique
CREATE CONSTRAINT rank_id IF NOT EXISTS FOR (r:Rank) REQUIRE r.id IS UNIQUE

// name: v032_rank_position_unique
CREATE CONSTRAINT rank_position IF NOT EXISTS FOR (r:Rank) REQUIRE r.position IS UNIQUE

// name: v033_quest_id_unique
CREATE CONSTRAINT quest_id IF NOT EXISTS FOR (q:Quest) REQUIRE q.id IS UNIQUE

// name: v034_quest_slug_unique
CREATE CONSTRAINT quest_slug IF NOT EXISTS FOR (q:Quest) REQUIRE q.slug IS UNIQUE

// name: v035_prize_draw_month_unique
CREATE CONSTRAINT prize_draw_month IF NOT EXISTS FOR (d:PrizeDraw) REQUIRE d.month IS UNIQUE

// name: v036_company_id_unique
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE

// name: v037_company_slug_unique
CREATE CONSTRAINT company_slug IF NOT EXISTS FOR (c:Company) REQUIRE c.slug IS UNIQUE

// name: v038_learning_plan_id_unique
CREATE CONSTRAINT learning_plan_id IF NOT EXISTS FOR (p:LearningPlan) REQUIRE p.id IS UNIQUE

// name: v039_credential_id_unique
CREATE CONSTRAINT credential_id IF NOT EXISTS FOR (c:Credential) REQUIRE c.id IS UNIQUE

// name: v040_credential_code_unique
CREATE CONSTRAINT credential_code IF NOT EXISTS FOR (c:Credential) REQUIRE c.credentialId IS UNIQUE

// name: v041_member_points_index
CREATE INDEX member_points IF NOT EXISTS FOR (m:Member) ON (m.points)

// name: v042_quest_month_index
CREATE INDEX quest_month IF NOT EXISTS FOR (q:Quest) ON (q.month)

// name: v046_earned_id_index
// Open Badges assertions are looked up by the EARNED relationship's id.
CREATE INDEX earned_id IF NOT EXISTS FOR ()-[e:EARNED]-() ON (e.id)

// name: v047_job_posting_id_unique
CREATE CONSTRAINT job_posting_id IF NOT EXISTS FOR (j:JobPosting) REQUIRE j.id IS UNIQUE

// name: v048_job_posting_status_index
// `jobs` and job matching read OPEN postings only.
CREATE INDEX job_posting_status IF NOT EXISTS FOR (j:JobPosting) ON (j.status)

// name: v049_career_preferences_id_unique
CREATE CONSTRAINT career_preferences_id IF NOT EXISTS FOR (p:CareerPreferences) REQUIRE p.id IS UNIQUE

// name: v050_career_preferences_searchable_index
// Talent search starts from the opted-in members.
CREATE INDEX career_preferences_searchable IF NOT EXISTS FOR (p:CareerPreferences) ON (p.searchable)

// name: v051_application_id_unique
CREATE CONSTRAINT application_id IF NOT EXISTS FOR (a:Application) REQUIRE a.id IS UNIQUE

// name: v052_application_key_unique
// One application per member and posting, even under concurrent applyToJob calls.
CREATE CONSTRAINT application_key IF NOT EXISTS FOR (a:Application) REQUIRE a.key IS UNIQUE

// name: v053_saved_search_id_unique
CREATE CONSTRAINT saved_search_id IF NOT EXISTS FOR (s:SavedSearch) REQUIRE s.id IS UNIQUE

// name: v054_career_outcome_id_unique
CREATE CONSTRAINT career_outcome_id IF NOT EXISTS FOR (o:CareerOutcome) REQUIRE o.id IS UNIQUE

// name: v055_idea_id_unique
CREATE CONSTRAINT idea_id IF NOT EXISTS FOR (i:Idea) REQUIRE i.id IS UNIQUE

// name: v056_idea_status_index
// `ideas(filter: {status})` and the roadmap read ideas by status.
CREATE INDEX idea_status IF NOT EXISTS FOR (i:Idea) ON (i.status)

// name: v057_idea_comment_id_unique
CREATE CONSTRAINT idea_comment_id IF NOT EXISTS FOR (c:IdeaComment) REQUIRE c.id IS UNIQUE

// name: v058_idea_status_change_id_unique
CREATE CONSTRAINT idea_status_change_id IF NOT EXISTS FOR (c:IdeaStatusChange) REQUIRE c.id IS UNIQUE

// name: v059_prioritization_round_id_unique
CREATE CONSTRAINT prioritization_round_id IF NOT EXISTS FOR (r:PrioritizationRound) REQUIRE r.id IS UNIQUE

// name: v060_coin_budget_key_unique
// One coin budget per member and round, even when a member's first allocations race.
CREATE CONSTRAINT coin_budget_key IF NOT EXISTS FOR (b:CoinBudget) REQUIRE b.key IS UNIQUE

// name: v061_mvp_cycle_id_unique
CREATE CONSTRAINT mvp_cycle_id IF NOT EXISTS FOR (c:MvpCycle) REQUIRE c.id IS UNIQUE

// name: v062_mvp_cycle_year_unique
// One nomination window a year, even when two admins open it at once.
CREATE CONSTRAINT mvp_cycle_year IF NOT EXISTS FOR (c:MvpCycle) REQUIRE c.year IS UNIQUE

// name: v063_mvp_nomination_id_unique
CREATE CONSTRAINT mvp_nomination_id IF NOT EXISTS FOR (n:MvpNomination) REQUIRE n.id IS UNIQUE

// name: v064_mvp_nomination_key_unique
// One nomination per nominator and nominee a year, even under concurrent nominateMvp calls.
CREATE CONSTRAINT mvp_nomination_key IF NOT EXISTS FOR (n:MvpNomination) REQUIRE n.key IS UNIQUE

// name: v065_mvp_term_id_unique
CREATE CONSTRAINT mvp_term_id IF NOT EXISTS FOR (t:MvpTerm) REQUIRE t.id IS UNIQUE

// name: v066_mvp_term_key_unique
// One term per member a year, even when two admins decide at once.
CREATE CONSTRAINT mvp_term_key IF NOT EXISTS FOR (t:MvpTerm) REQUIRE t.key IS UNIQUE

// name: v067_customer_hero_id_unique
CREATE CONSTRAINT customer_hero_id IF NOT EXISTS FOR (h:CustomerHero) REQUIRE h.id IS UNIQUE
