// Which documents talk about an entity, most mentions first, with their titles and dates.
// params: name (name or alias, case-insensitive), e.g. "NMOSD"
MATCH (e:Entity)
WHERE toLower(e.name) = toLower($name)
   OR toLower($name) IN [a IN coalesce(e.aliases, []) | toLower(a)]
MATCH (doc:Document)-[m:MENTIONS]->(e)
RETURN e.name AS entity, doc.title AS document, doc.source AS source,
       doc.publishedAt AS publishedAt, m.count AS mentions
ORDER BY mentions DESC, publishedAt DESC
