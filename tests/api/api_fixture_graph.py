"""A small graph written with plain Cypher, for API tests that must not depend on the extractor.

The sentences are our own, invented for the tests; shapes follow graph/ontology.py: every
entity carries `Entity`. Provenance is written in the older list form (index-aligned
docIds/evidence) and then migrated as `kg init` / `kg migrate` do, so the API reads the
current model (SUPPORTS evidence records, name keys).
"""

from __future__ import annotations

import neo4j

DOC_ID = "doc:fixture-1"

_WRITE = """
MERGE (d:Document {id: $doc})
  SET d.title = 'Fixture news', d.source = 'fixture://1', d.publishedAt = date('2024-05-01')
WITH d
UNWIND range(1, $n) AS i
WITH d, i, right('000' + toString(i), 3) AS k
MERGE (drug:Drug:Entity {id: 'drug:fx' + k})
  SET drug.name = 'Fixomab-' + k, drug.aliases = ['FX' + k], drug.highestPhase = 'PHASE_2'
MERGE (t:Target:Entity {id: 'target:t' + toString(i % 3)})
  SET t.name = 'TGT' + toString(i % 3), t.aliases = ['target ' + toString(i % 3)]
MERGE (c:Company:Entity {id: 'company:c' + toString(i % 4)})
  SET c.name = 'Company ' + toString(i % 4), c.aliases = []
MERGE (tr:Trial:Entity {id: 'trial:tr' + k})
  SET tr.name = 'Study ' + k, tr.phase = 'PHASE_2', tr.aliases = []
MERGE (inv:Investigator:Entity {id: 'investigator:i' + toString(i % 5)})
  SET inv.name = 'Ada Tester' + toString(i % 5), inv.aliases = []
MERGE (s:Site:Entity {id: 'site:s' + toString(i % 2)})
  SET s.name = 'General Hospital ' + toString(i % 2), s.aliases = []
MERGE (drug)-[r1:TARGETS]->(t)
  SET r1.docIds = [$doc], r1.evidence = ['Fixomab-' + k + ' blocks TGT.'], r1.action = 'inhibitor'
MERGE (c)-[r2:DEVELOPS]->(drug) SET r2.docIds = [$doc], r2.evidence = ['The company makes it.']
MERGE (tr)-[r3:EVALUATES]->(drug) SET r3.docIds = [$doc], r3.evidence = ['The study tests it.']
MERGE (inv)-[r4:LEADS]->(tr) SET r4.docIds = [$doc], r4.evidence = ['Led by the tester.']
MERGE (tr)-[r5:CONDUCTED_AT]->(s) SET r5.docIds = [$doc], r5.evidence = ['Run at the hospital.']
MERGE (inv)-[r6:AFFILIATED_WITH]->(s) SET r6.docIds = [$doc], r6.evidence = ['Works there.']
FOREACH (e IN [drug, t, c, tr, inv, s] | MERGE (d)-[m:MENTIONS]->(e) SET m.count = 1)
"""


def write_fixture_graph(driver: neo4j.Driver, database: str, drugs: int) -> None:
    """`drugs` drugs, each with a target, a company, a trial, its investigator and site."""
    from graph.migrate import migrate_provenance

    driver.execute_query(_WRITE, {"doc": DOC_ID, "n": drugs}, database_=database)
    migrate_provenance(driver, database)
