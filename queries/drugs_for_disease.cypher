// Which drugs are developed or tested for a disease, with their companies and targets.
// A drug counts when it is INDICATED_FOR the disease or a trial of it STUDIES the disease,
// or the same for one of the disease's subtypes (SUBTYPE_OF, up to two levels).
// params: disease (name or alias, case-insensitive), e.g. "NMOSD"
MATCH (dis:Disease)
WHERE toLower(dis.name) = toLower($disease)
   OR toLower($disease) IN [a IN coalesce(dis.aliases, []) | toLower(a)]
CALL (dis) {
  MATCH (d:Drug)-[:INDICATED_FOR]->(:Disease)-[:SUBTYPE_OF*0..2]->(dis)
  RETURN d
  UNION
  MATCH (d:Drug)<-[:EVALUATES]-(:Trial)-[:STUDIES]->(:Disease)-[:SUBTYPE_OF*0..2]->(dis)
  RETURN d
}
OPTIONAL MATCH (c:Company)-[:DEVELOPS]->(d)
OPTIONAL MATCH (d)-[:TARGETS]->(t:Target)
RETURN dis.name AS disease, d.name AS drug, collect(DISTINCT c.name) AS companies,
       collect(DISTINCT t.name) AS targets, d.highestPhase AS highestPhase
ORDER BY drug
