// Which trials run at a site or are led from it: CONDUCTED_AT the site, or LEADS by an
// investigator AFFILIATED_WITH it; sites PART_OF it count too (a university finds the trials
// of its hospitals). With drug, disease, phase and who leads each trial.
// params: site (name or alias, case-insensitive), e.g. "Fudan University"
MATCH (s:Site)
WHERE toLower(s.name) = toLower($site)
   OR toLower($site) IN [a IN coalesce(s.aliases, []) | toLower(a)]
CALL (s) {
  MATCH (trial:Trial)-[:CONDUCTED_AT]->(at:Site)-[:PART_OF*0..2]->(s)
  RETURN trial, at, 'conducted at' AS how
  UNION
  MATCH (trial:Trial)<-[:LEADS]-(:Investigator)-[:AFFILIATED_WITH]->(at:Site)-[:PART_OF*0..2]->(s)
  RETURN trial, at, 'led from' AS how
}
OPTIONAL MATCH (trial)-[:EVALUATES]->(d:Drug)
OPTIONAL MATCH (trial)-[:STUDIES]->(dis:Disease)
OPTIONAL MATCH (i:Investigator)-[:LEADS]->(trial)
RETURN s.name AS site, trial.name AS trial, trial.phase AS phase, trial.status AS status,
       collect(DISTINCT how + ' ' + at.name) AS link, collect(DISTINCT d.name) AS drugs,
       collect(DISTINCT dis.name) AS diseases, collect(DISTINCT i.name) AS investigators
ORDER BY trial
