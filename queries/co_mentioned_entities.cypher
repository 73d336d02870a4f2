// Which entities are named in the same documents as a given one, most shared documents first.
// params: name (name or alias, case-insensitive), e.g. "BAT4406F"; limit (integer), e.g. 20
MATCH (e:Entity)
WHERE toLower(e.name) = toLower($name)
   OR toLower($name) IN [a IN coalesce(e.aliases, []) | toLower(a)]
MATCH (e)<-[:MENTIONS]-(doc:Document)-[m:MENTIONS]->(other:Entity)
WHERE other <> e
WITH e, other, count(DISTINCT doc) AS sharedDocuments, sum(m.count) AS mentions
RETURN e.name AS entity, [l IN labels(other) WHERE l <> 'Entity'][0] AS label,
       other.name AS coMentioned, sharedDocuments, mentions
ORDER BY sharedDocuments DESC, mentions DESC, coMentioned
LIMIT $limit
