// The evidence for the facts between two entities: every relationship from one to the other,
// each supporting document (one SUPPORTS record per document and fact) with its sentence.
// params: fromName, toName (names or aliases, case-insensitive), e.g. "BAT4406F", "CD20"
MATCH (a:Entity)-[r]->(b:Entity)
WHERE (toLower(a.name) = toLower($fromName)
       OR toLower($fromName) IN [x IN coalesce(a.aliases, []) | toLower(x)])
  AND (toLower(b.name) = toLower($toName)
       OR toLower($toName) IN [x IN coalesce(b.aliases, []) | toLower(x)])
  AND r.supportCount IS NOT NULL
MATCH (doc:Document)-[s:SUPPORTS {fact: type(r) + '|' + a.id + '|' + b.id}]->(a)
RETURN a.name AS fromEntity, type(r) AS relationship, b.name AS toEntity, s.sentence AS evidence,
       doc.title AS document, doc.source AS source, doc.publishedAt AS publishedAt,
       doc.id AS docId
ORDER BY relationship, publishedAt
