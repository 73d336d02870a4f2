// Full-text search over the names and aliases of every entity (index entity_names), best first.
// Lucene syntax: "neuromyelitis", "anti*", "bat4406f~" (fuzzy), "\"spectrum disorder\"".
// params: text (search string), e.g. "neuromyelitis"; limit (integer), e.g. 10
CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node, score
RETURN [l IN labels(node) WHERE l <> 'Entity'][0] AS label, node.name AS name,
       node.aliases AS aliases, round(score, 3) AS score
ORDER BY score DESC, name
LIMIT $limit
