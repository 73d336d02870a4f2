// Which drugs act on a target, how (action), who develops them and what they are for.
// params: target (name, symbol or alias, case-insensitive), e.g. "CD20"
MATCH (d:Drug)-[r:TARGETS]->(t:Target)
WHERE toLower(t.name) = toLower($target)
   OR toLower(t.symbol) = toLower($target)
   OR toLower($target) IN [a IN coalesce(t.aliases, []) | toLower(a)]
OPTIONAL MATCH (c:Company)-[:DEVELOPS]->(d)
OPTIONAL MATCH (d)-[:INDICATED_FOR]->(dis:Disease)
RETURN t.name AS target, d.name AS drug, r.action AS action, d.highestPhase AS highestPhase,
       collect(DISTINCT c.name) AS companies, collect(DISTINCT dis.name) AS diseases
ORDER BY drug
