// What changed since a date: documents loaded (loadedAt) or published (publishedAt) on or
// after it, with the facts each one supports.
// params: since (ISO date), e.g. "2025-01-01"
MATCH (doc:Document)
WHERE doc.loadedAt >= datetime($since) OR doc.publishedAt >= date($since)
CALL (doc) {
  MATCH (doc)-[:MENTIONS]->(a:Entity)-[r]->(b:Entity)
  WHERE doc.id IN coalesce(r.docIds, [])
  RETURN collect(DISTINCT a.name + ' ' + type(r) + ' ' + b.name) AS facts
}
RETURN doc.title AS document, doc.source AS source, doc.publishedAt AS publishedAt,
       doc.loadedAt AS loadedAt, size(facts) AS factCount, facts
ORDER BY loadedAt DESC, document
