// Every site with the institutions it belongs to (PART_OF, up to three levels), its kind,
// city and country, and how many trials and investigators it has.
// params: none
MATCH (s:Site)
OPTIONAL MATCH (s)-[:PART_OF*1..3]->(parent:Site)
OPTIONAL MATCH (trial:Trial)-[:CONDUCTED_AT]->(s)
OPTIONAL MATCH (i:Investigator)-[:AFFILIATED_WITH]->(s)
RETURN s.name AS site, s.kind AS kind, s.city AS city, s.country AS country,
       collect(DISTINCT parent.name) AS partOf, count(DISTINCT trial) AS trials,
       count(DISTINCT i) AS investigators
ORDER BY site
