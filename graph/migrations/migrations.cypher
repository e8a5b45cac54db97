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
