// Which trials run at a site (or at an institution it is PART_OF), with drug, disease, phase
// and who leads them.
// params: site (name or alias, case-insensitive), e.g. "Huashan Hospital"
MATCH (s:Site)
WHERE toLower(s.name) = toLower($site)
   OR toLower($site) IN [a IN coalesce(s.aliases, []) | toLower(a)]
MATCH (trial:Trial)-[:CONDUCTED_AT]->(at:Site)-[:PART_OF*0..2]->(s)
OPTIONAL MATCH (trial)-[:EVALUATES]->(d:Drug)
OPTIONAL MATCH (trial)-[:STUDIES]->(dis:Disease)
OPTIONAL MATCH (i:Investigator)-[:LEADS]->(trial)
RETURN s.name AS site, at.name AS conductedAt, trial.name AS trial, trial.phase AS phase,
       trial.status AS status, collect(DISTINCT d.name) AS drugs,
       collect(DISTINCT dis.name) AS diseases, collect(DISTINCT i.name) AS investigators
ORDER BY trial
