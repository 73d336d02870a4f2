// Who leads research on a disease: investigators leading a trial that studies the disease or
// tests a drug for it, with their institutions and the drugs involved.
// params: disease (name or alias, case-insensitive), e.g. "NMOSD"
MATCH (dis:Disease)
WHERE toLower(dis.name) = toLower($disease)
   OR toLower($disease) IN [a IN coalesce(dis.aliases, []) | toLower(a)]
MATCH (i:Investigator)-[:LEADS]->(trial:Trial)
WHERE (trial)-[:STUDIES]->(dis) OR (trial)-[:EVALUATES]->(:Drug)-[:INDICATED_FOR]->(dis)
OPTIONAL MATCH (trial)-[:EVALUATES]->(d:Drug)
OPTIONAL MATCH (i)-[:AFFILIATED_WITH]->(s:Site)
RETURN i.name AS investigator, i.title AS title, collect(DISTINCT s.name) AS sites,
       collect(DISTINCT trial.name) AS trials, collect(DISTINCT d.name) AS drugs
ORDER BY investigator
