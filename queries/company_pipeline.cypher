// The pipeline of a company: each drug it develops, the drug's targets and diseases,
// and its highest clinical phase (the drug's own highestPhase or its furthest trial).
// params: company (name or alias, case-insensitive), e.g. "Bio-Thera Solutions"
MATCH (c:Company)-[:DEVELOPS]->(d:Drug)
WHERE toLower(c.name) = toLower($company)
   OR toLower($company) IN [a IN coalesce(c.aliases, []) | toLower(a)]
OPTIONAL MATCH (d)-[:TARGETS]->(t:Target)
WITH c, d, collect(DISTINCT t.name) AS targets
OPTIONAL MATCH (d)-[:INDICATED_FOR]->(dis:Disease)
WITH c, d, targets, collect(DISTINCT dis.name) AS diseases
OPTIONAL MATCH (trial:Trial)-[:EVALUATES]->(d)
WITH c, d, targets, diseases, collect(trial.phase) + [d.highestPhase] AS seen
// the last phase of the vocabulary, in clinical order, that this drug has reached
WITH c, d, targets, diseases,
     [p IN ['PRECLINICAL', 'EARLY_PHASE_1', 'PHASE_1', 'PHASE_1_2', 'PHASE_2', 'PHASE_2_3',
            'PHASE_3', 'PHASE_4', 'APPROVAL'] WHERE p IN seen] AS reached
RETURN c.name AS company, d.name AS drug, d.modality AS modality, targets, diseases,
       reached[-1] AS highestPhase
ORDER BY drug
