// How two entities are connected: the shortest chain of facts (no MENTIONS) between them,
// in either direction, up to 6 steps.
// params: fromName, toName (names or aliases, case-insensitive),
//   e.g. "Bio-Thera Solutions", "batoclimab"
MATCH (a:Entity)
WHERE toLower(a.name) = toLower($fromName)
   OR toLower($fromName) IN [x IN coalesce(a.aliases, []) | toLower(x)]
MATCH (b:Entity)
WHERE toLower(b.name) = toLower($toName)
   OR toLower($toName) IN [x IN coalesce(b.aliases, []) | toLower(x)]
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:DEVELOPS|TARGETS|INDICATED_FOR|EVALUATES|STUDIES|SPONSORED_BY|CONDUCTED_AT|LEADS|AFFILIATED_WITH|PART_OF*..6]-(b))
RETURN length(p) AS hops,
       [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | startNode(r).name + ' -' + type(r) + '-> ' + endNode(r).name]
         AS steps
ORDER BY hops
LIMIT 1
