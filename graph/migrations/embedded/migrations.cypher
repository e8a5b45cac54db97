// Migrations for the embedded engine only: the one place where its schema differs from Neo4j's.
// They share the version numbers of ../migrations.cypher and run in the same order, but only when
// the graph is the embedded engine (Neo4j Community refuses property type constraints, and
// needs none of this).
//
// Why: the engine plans a range or an ORDER BY on an indexed property only when the property has a
// declared type. An index created on an empty label has none, so `ORDER BY m.points DESC` scanned
// every member. Declaring the type alone is not enough: the index built before it compares values
// as text (99,900 sorted above 600,000), so it is dropped and rebuilt after the declaration.

// name: v043_embedded_member_points_integer
CREATE CONSTRAINT member_points_type IF NOT EXISTS FOR (m:Member) REQUIRE m.points IS :: INTEGER

// name: v044_embedded_member_points_index_drop
DROP INDEX member_points IF EXISTS

// name: v045_embedded_member_points_index_rebuild
CREATE INDEX member_points IF NOT EXISTS FOR (m:Member) ON (m.points)
