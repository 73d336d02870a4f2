// What changed since a date: documents loaded (loadedAt) or published (publishedAt) on or
// after it, with the facts each one supports.
// params: since (ISO date), e.g. "2025-01-01"
MATCH (doc:Document)
WHERE doc.loadedAt >= datetime($since) OR doc.publishedAt >= date($since)
CALL (doc) {
  MATCH (doc)-[s:SUPPORTS]->(a:Entity)-[r]->(b:Entity)
  WHERE s.fact = type(r) + '|' + a.id + '|' + b.id
  RETURN collect(DISTINCT a.name + ' ' + type(r) + ' ' + b.name) AS facts
}
RETURN doc.title AS document, doc.source AS source, doc.publishedAt AS publishedAt,
       doc.loadedAt AS loadedAt, size(facts) AS factCount, facts
ORDER BY loadedAt DESC, document
