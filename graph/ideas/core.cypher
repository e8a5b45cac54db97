// The reads every ideas area shares (graph/MODEL.md, "Ideas").

// name: ideas_by_ids
// Idea rows by id: the node's properties plus `productAreaId` and `authorId`.
UNWIND $ids AS id
MATCH (i:Idea {id: id})
OPTIONAL MATCH (i)-[:IN_AREA]->(t:Topic)
OPTIONAL MATCH (i)<-[:PROPOSED]-(a:Member)
RETURN id, i {.*, productAreaId: t.id, authorId: a.id} AS idea

// name: rounds_by_ids
// Prioritisation round rows by id: the node's properties plus `productAreaId`.
UNWIND $ids AS id
MATCH (r:PrioritizationRound {id: id})
OPTIONAL MATCH (r)-[:IN_AREA]->(t:Topic)
RETURN id, r {.*, productAreaId: t.id} AS round
