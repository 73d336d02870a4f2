// The most talked-about entities: how many documents name each one and how often in total.
// params: limit (integer), e.g. 20
MATCH (doc:Document)-[m:MENTIONS]->(e:Entity)
RETURN [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name,
       count(DISTINCT doc) AS documents, sum(m.count) AS mentions
ORDER BY documents DESC, mentions DESC, name
LIMIT $limit
