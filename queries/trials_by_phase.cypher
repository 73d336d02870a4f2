// Trials grouped by phase, in clinical order, with each trial's drugs and diseases.
// params: none
MATCH (trial:Trial)
OPTIONAL MATCH (trial)-[:EVALUATES]->(d:Drug)
OPTIONAL MATCH (trial)-[:STUDIES]->(dis:Disease)
WITH trial, collect(DISTINCT d.name) AS drugs, collect(DISTINCT dis.name) AS diseases
WITH coalesce(trial.phase, 'UNKNOWN') AS phase,
     collect({trial: trial.name, registryId: trial.registryId, status: trial.status,
              drugs: drugs, diseases: diseases}) AS trials
WITH phase, trials,
     coalesce([i IN range(0, 8) WHERE ['PRECLINICAL', 'EARLY_PHASE_1', 'PHASE_1', 'PHASE_1_2',
       'PHASE_2', 'PHASE_2_3', 'PHASE_3', 'PHASE_4', 'APPROVAL'][i] = phase][0], 99) AS rank
RETURN phase, size(trials) AS trialCount, trials
ORDER BY rank
