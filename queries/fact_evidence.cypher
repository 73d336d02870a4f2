// The evidence for the facts between two entities: every relationship from one to the other,
// each supporting document (docIds[i]) joined to its Document, and the sentence (evidence[i]).
// params: fromName, toName (names or aliases, case-insensitive), e.g. "BAT4406F", "CD20"
MATCH (a:Entity)-[r]->(b:Entity)
WHERE (toLower(a.name) = toLower($fromName)
       OR toLower($fromName) IN [x IN coalesce(a.aliases, []) | toLower(x)])
  AND (toLower(b.name) = toLower($toName)
       OR toLower($toName) IN [x IN coalesce(b.aliases, []) | toLower(x)])
  AND r.docIds IS NOT NULL
UNWIND range(0, size(r.docIds) - 1) AS i
OPTIONAL MATCH (doc:Document {id: r.docIds[i]})
RETURN a.name AS fromEntity, type(r) AS relationship, b.name AS toEntity, r.evidence[i] AS evidence,
       doc.title AS document, doc.source AS source, doc.publishedAt AS publishedAt,
       r.docIds[i] AS docId
ORDER BY relationship, publishedAt
