// Competition by mechanism: targets that drugs of several companies act on, with the
// companies and their drugs. Set minCompanies to 1 to see every target's companies.
// params: minCompanies (integer), e.g. 2
MATCH (c:Company)-[:DEVELOPS]->(d:Drug)-[:TARGETS]->(t:Target)
WITH t, c, collect(DISTINCT d.name) AS drugs
ORDER BY c.name
WITH t, collect({company: c.name, drugs: drugs}) AS companies
WHERE size(companies) >= $minCompanies
RETURN t.name AS target, size(companies) AS companyCount, companies
ORDER BY companyCount DESC, target
