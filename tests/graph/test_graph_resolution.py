"""Resolution against the graph: one real-world thing, one node, whatever the document order."""

from __future__ import annotations

import itertools
import threading

import neo4j
import pytest
from graph_checks import duplicates, shared_strong_keys, support
from graph_factories import entity, extraction, relation

from graph.documents import delete_document
from graph.resolution import strong_keys
from graph.schema import ensure_schema
from graph.writer import write_extraction

DB = "neo4j"

# Two documents name one company differently: the first with its long name and the short
# one as an alias, the second only by the short name (another id).
HALDEN_LONG = entity("Company", "Halden Biotherapeutics Group", aliases=("Halden Bio",))
HALDEN_SHORT = entity("Company", "Halden Bio")
DRUG_A = entity("Drug", "velotamab")
DRUG_B = entity("Drug", "HB-2207")
AD_SKIN = entity("Disease", "atopic dermatitis", aliases=("AD",))
AD_BRAIN = entity("Disease", "Alzheimer disease", aliases=("AD",))


def _doc(source: str, entities: list[dict], relations: list[dict], date: str | None = None):
    text = f"{source}: " + "; ".join(e["name"] for e in entities)
    return extraction(source, text, entities, relations, published_at=date)


def doc_long() -> dict:
    return _doc(
        "news/long.txt",
        [HALDEN_LONG, DRUG_A, AD_SKIN],
        [
            relation("DEVELOPS", HALDEN_LONG, DRUG_A, "Halden Biotherapeutics Group makes it."),
            relation("INDICATED_FOR", DRUG_A, AD_SKIN, "Velotamab is tested in AD."),
        ],
        "2025-01-10",
    )


def doc_short() -> dict:
    return _doc(
        "news/short.txt",
        [HALDEN_SHORT, DRUG_B, AD_BRAIN],
        [
            relation("DEVELOPS", HALDEN_SHORT, DRUG_B, "Halden Bio licensed HB-2207."),
            relation("INDICATED_FOR", DRUG_B, AD_BRAIN, "HB-2207 is tested in AD."),
        ],
        "2025-02-20",
    )


def doc_both_facts() -> dict:
    """States the long document's DEVELOPS fact again, under the short name."""
    return _doc(
        "news/again.txt",
        [HALDEN_SHORT, DRUG_A],
        [relation("DEVELOPS", HALDEN_SHORT, DRUG_A, "Halden Bio develops velotamab.")],
        "2025-03-01",
    )


def trial_by_acronym() -> dict:
    trial = entity("Trial", "PHOENIX", acronym="PHOENIX", phase="PHASE_2")
    return _doc(
        "news/phoenix.txt",
        [trial, DRUG_A],
        [relation("EVALUATES", trial, DRUG_A, "The PHOENIX trial tests velotamab.")],
    )


def trial_with_registry(registry: str = "NCT01234567", source: str = "news/nct.txt") -> dict:
    trial = {
        **entity("Trial", "PHOENIX", aliases=(registry,), acronym="PHOENIX", phase="PHASE_3"),
        "id": f"trial:{registry.lower()}",
    }
    trial["properties"]["registryId"] = registry
    return _doc(
        source,
        [trial, DRUG_A],
        [relation("EVALUATES", trial, DRUG_A, f"PHOENIX ({registry}) tests velotamab.")],
    )


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def nodes(driver: neo4j.Driver) -> list[tuple]:
    """(label, id, name, sorted aliases) of every entity: what a user sees of resolution."""
    return [
        tuple(r)
        for r in driver.execute_query(
            "MATCH (n:Entity) RETURN [l IN labels(n) WHERE l <> 'Entity'][0], n.id, n.name, "
            "coalesce(n.aliases, []) ORDER BY n.id"
        ).records
    ]


def graph_state(driver: neo4j.Driver) -> tuple[list, list]:
    """Nodes (aliases sorted) and facts with their support, comparable across load orders."""
    found = [(label, i, name, sorted(aliases)) for label, i, name, aliases in nodes(driver)]
    facts = driver.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS t, a.id AS a, b.id AS b, "
        "r.supportCount AS n, r.firstSeen AS first, r.lastSeen AS last ORDER BY t, a, b"
    ).records
    return found, [r.data() for r in facts]


def company_ids(driver: neo4j.Driver) -> list[str]:
    return [
        r[0] for r in driver.execute_query("MATCH (c:Company) RETURN c.id ORDER BY c.id").records
    ]


def test_two_names_of_one_company_in_two_documents_become_one_node_with_both_facts(graph):
    write_extraction(graph, DB, doc_long())
    write_extraction(graph, DB, doc_short())
    assert company_ids(graph) == ["company:halden-bio"]  # the preferred (shortest) id
    node = graph.execute_query("MATCH (c:Company) RETURN c.name, c.aliases").records[0]
    assert node[0] == "Halden Biotherapeutics Group" and "Halden Bio" in node[1]
    # Both documents' facts hang on the one node, each with its own evidence.
    assert support(graph, "DEVELOPS", "company:halden-bio", "drug:velotamab")["evidence"] == [
        (doc_long()["document"]["id"], "Halden Biotherapeutics Group makes it.")
    ]
    assert support(graph, "DEVELOPS", "company:halden-bio", "drug:hb-2207")["count"] == 1
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}
    assert shared_strong_keys(graph) == []


def test_a_short_form_shared_by_two_things_never_merges_them(graph):
    """SHORT_FORM rule: "AD" names atopic dermatitis in one document, Alzheimer's in another."""
    write_extraction(graph, DB, doc_long())
    write_extraction(graph, DB, doc_short())
    diseases = graph.execute_query("MATCH (d:Disease) RETURN d.id ORDER BY d.id").records
    assert [r[0] for r in diseases] == ["disease:alzheimer-disease", "disease:atopic-dermatitis"]
    assert strong_keys("Disease", ["ad", "nmo", "atopic dermatitis"]) == {"atopic dermatitis"}
    assert strong_keys("Company", ["msd", "merck"]) == {"merck"}


def test_people_join_only_on_full_names():
    assert strong_keys("Investigator", ["dr. chen", "prof wang", "chen xiangjun"]) == {
        "chen xiangjun"
    }


def test_a_fact_stated_under_both_names_is_one_fact_with_two_supports(graph):
    write_extraction(graph, DB, doc_long())
    write_extraction(graph, DB, doc_both_facts())
    fact = support(graph, "DEVELOPS", "company:halden-bio", "drug:velotamab")
    assert fact["count"] == 2 and len(fact["evidence"]) == 2
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_deleting_a_document_whose_entity_was_merged_removes_only_its_support(graph):
    long, again = doc_long(), doc_both_facts()
    write_extraction(graph, DB, long)
    write_extraction(graph, DB, again)
    write_extraction(graph, DB, doc_short())

    delete_document(graph, DB, doc_short()["document"]["id"])
    assert company_ids(graph) == ["company:halden-bio"]
    assert support(graph, "DEVELOPS", "company:halden-bio", "drug:hb-2207") is None
    assert support(graph, "DEVELOPS", "company:halden-bio", "drug:velotamab")["count"] == 2

    delete_document(graph, DB, again["document"]["id"])
    fact = support(graph, "DEVELOPS", "company:halden-bio", "drug:velotamab")
    assert fact["count"] == 1 and fact["evidence"][0][0] == long["document"]["id"]

    delete_document(graph, DB, long["document"]["id"])
    left = graph.execute_query("MATCH (n) RETURN count(n)").records[0][0]
    assert left == 0, "nothing stays once every supporting document is gone (NameKeys too)"


def test_reloading_after_a_merge_changes_nothing(graph):
    write_extraction(graph, DB, doc_long())
    write_extraction(graph, DB, doc_short())
    before = graph_state(graph)
    assert write_extraction(graph, DB, doc_short()).status == "unchanged"
    assert write_extraction(graph, DB, doc_long()).status == "unchanged"
    assert graph_state(graph) == before


def test_one_trial_one_node_whatever_the_order(graph):
    """A trial named by acronym in one document and with its registry id in another."""
    states = []
    for docs in (
        [trial_by_acronym(), trial_with_registry()],
        [trial_with_registry(), trial_by_acronym()],
    ):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in docs:
            write_extraction(graph, DB, doc)
        trials = graph.execute_query("MATCH (t:Trial) RETURN t.id, t.name, t.aliases").records
        assert [(r[0], r[1]) for r in trials] == [("trial:nct01234567", "PHOENIX")]
        assert support(graph, "EVALUATES", "trial:nct01234567", "drug:velotamab")["count"] == 2
        states.append(graph_state(graph))
    assert states[0] == states[1]


def test_two_trials_sharing_an_acronym_but_not_a_registry_id_stay_two(graph):
    write_extraction(graph, DB, trial_with_registry("NCT01234567", "news/one.txt"))
    write_extraction(graph, DB, trial_with_registry("NCT07654321", "news/two.txt"))
    trials = graph.execute_query("MATCH (t:Trial) RETURN t.id ORDER BY t.id").records
    assert [r[0] for r in trials] == ["trial:nct01234567", "trial:nct07654321"]


def _documents() -> list[dict]:
    return [doc_long(), doc_short(), doc_both_facts(), trial_by_acronym(), trial_with_registry()]


def test_every_load_order_gives_the_same_graph(graph):
    states = []
    for order in itertools.islice(itertools.permutations(_documents()), 0, None, 17):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in order:
            write_extraction(graph, DB, doc)
        states.append(graph_state(graph))
    assert len(states) >= 7
    assert all(state == states[0] for state in states)


def test_parallel_writers_of_one_new_thing_under_two_ids_end_with_one_node(graph):
    """Two loaders write "Halden Bio" and "Halden Biotherapeutics Group (Halden Bio)" at once."""
    for round_number in range(6):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        docs = [doc_long(), doc_short(), doc_both_facts()]
        if round_number % 2:
            docs.reverse()
        start = threading.Barrier(len(docs))
        errors: list[BaseException] = []

        def write(doc: dict, start=start, errors=errors) -> None:
            try:
                start.wait()
                write_extraction(graph, DB, doc)
            except BaseException as error:  # surfaced below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(doc,)) for doc in docs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert company_ids(graph) == ["company:halden-bio"]
        assert shared_strong_keys(graph) == []
        assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_the_shipped_examples_give_one_graph_forward_backward_and_in_parallel(graph):
    """Real extractions of examples/: the order and the number of writers change nothing."""
    from config.settings import PROJECT_ROOT
    from loaders.extract import extract_text

    docs = [
        extract_text(path.read_text(encoding="utf-8"), path.name)
        for path in sorted((PROJECT_ROOT / "examples").glob("*.txt"))
    ]
    assert len(docs) >= 3
    states = []
    for order in (docs, docs[::-1]):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in order:
            write_extraction(graph, DB, doc)
        states.append(graph_state(graph))

    graph.execute_query("MATCH (n) DETACH DELETE n")
    errors: list[BaseException] = []

    def write(part: list[dict]) -> None:
        try:
            for doc in part:
                write_extraction(graph, DB, doc)
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(docs[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    states.append(graph_state(graph))
    assert states[0] == states[1] == states[2]
    assert shared_strong_keys(graph) == []


def test_the_display_name_is_the_longest_name_a_document_gave_never_an_alias(graph):
    """graph/merge.py fix: merging took the longest of names *and aliases* as the display name,
    while the writer takes the longest name documents gave; so a node merged from parts and
    one written whole got different names, depending on the order."""
    long_alias = entity("Company", "Halden Bio", aliases=("Halden Biotherapeutics Holdings Group",))
    first = _doc("news/one.txt", [long_alias], [])
    second = _doc("news/two.txt", [HALDEN_LONG], [])
    third = _doc("news/three.txt", [entity("Company", "Halden Bio")], [])
    states = []
    for order in ([first, second, third], [third, first, second], [second, third, first]):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in order:
            write_extraction(graph, DB, doc)
        states.append(graph_state(graph))
    assert states[0] == states[1] == states[2]
    assert states[0][0][0][2] == "Halden Biotherapeutics Group"


def registry_record() -> dict:
    """A registry record's trial: stated by record fields, so it has no text mentions."""
    trial = {
        **entity("Trial", "PHOENIX", aliases=("NCT01234567",), acronym="PHOENIX"),
        "id": "trial:nct01234567",
        "mentions": [],
    }
    trial["properties"].update(registryId="NCT01234567", phase="PHASE_3", enrollment=420)
    return _doc(
        "ctgov/NCT01234567.json",
        [trial, DRUG_A],
        [relation("EVALUATES", trial, DRUG_A, "armsInterventionsModule.interventions[0]")],
    )


def test_the_registry_record_wins_on_conflicting_fields_whatever_the_order(graph):
    text_with_id = trial_with_registry()  # a text with the registry id and other numbers
    text_with_id["entities"][0]["properties"].update(phase="PHASE_2", enrollment=380)
    seen = []
    for docs in (
        [trial_by_acronym(), text_with_id, registry_record()],
        [registry_record(), trial_by_acronym(), text_with_id],
        [text_with_id, registry_record(), trial_by_acronym()],
    ):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in docs:
            write_extraction(graph, DB, doc)
        rows = graph.execute_query(
            "MATCH (t:Trial) RETURN t.id AS id, t.phase AS phase, t.enrollment AS n"
        ).records
        seen.append([tuple(r) for r in rows])
    assert seen == [[("trial:nct01234567", "PHASE_3", 420)]] * 3


def test_a_graph_written_before_resolution_is_resolved_by_migrate(graph):
    """Nodes the old writer left apart (one name in common, no type-specific keys) merge."""
    from graph.resolution import resolve_graph

    long, short = doc_long(), doc_short()
    write_extraction(graph, DB, long)
    write_extraction(graph, DB, short)
    # Undo what today's writer did, as an older graph would be: two companies, plain keys.
    graph.execute_query("MATCH (n:Company) DETACH DELETE n")
    graph.execute_query(
        "CREATE (:Company:Entity {id: 'company:halden-bio', name: 'Halden Bio', "
        "aliases: [], keys: ['halden bio']}) "
        "CREATE (:Company:Entity {id: 'company:halden-biotherapeutics-group', "
        "name: 'Halden Biotherapeutics Group', aliases: ['Halden Bio'], "
        "keys: ['halden biotherapeutics group']})"
    )
    assert resolve_graph(graph, DB, batch=1) == 1
    assert company_ids(graph) == ["company:halden-bio"]
    assert shared_strong_keys(graph) == []
    assert resolve_graph(graph, DB) == 0  # idempotent


def _company_doc(source: str, company: dict, drug: dict) -> dict:
    return _doc(
        source, [company, drug], [relation("DEVELOPS", company, drug, f"{company['name']} x.")]
    )


def test_a_company_known_by_its_abbreviation_regional_or_former_name_is_one_node(graph):
    """The company name lexicon: "MSD" is "Merck & Co., Inc.", BeiGene was renamed BeOne
    Medicines; "Merck KGaA" is another company, and stays one."""
    docs = [
        _company_doc("news/msd.txt", entity("Company", "MSD"), DRUG_A),
        _company_doc("news/merck.txt", entity("Company", "Merck & Co., Inc."), DRUG_B),
        _company_doc("news/kgaa.txt", entity("Company", "Merck KGaA"), entity("Drug", "tepo")),
        _company_doc("news/old.txt", entity("Company", "BeiGene, Ltd."), entity("Drug", "zanu")),
        _company_doc("news/new.txt", entity("Company", "BeOne Medicines"), entity("Drug", "sono")),
    ]
    states = []
    for order in (docs, docs[::-1]):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in order:
            write_extraction(graph, DB, doc)
        states.append(graph_state(graph))
    assert states[0] == states[1]
    # Each joined company keeps the preferred (shortest) of its ids.
    assert company_ids(graph) == ["company:beigene-ltd", "company:merck-kgaa", "company:msd"]
    developed = graph.execute_query(
        "MATCH (c:Company {id: 'company:msd'})-[:DEVELOPS]->(d) RETURN d.id ORDER BY d.id"
    ).records
    assert [r[0] for r in developed] == ["drug:hb-2207", "drug:velotamab"]
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}


def test_the_company_name_lexicon_names_each_company_once_and_never_an_ambiguous_name():
    from graph.keys import company_canonical_names, company_fold

    lexicon = company_canonical_names()
    assert lexicon[company_fold("Merck & Co., Inc.")] == lexicon[company_fold("MSD")]
    assert lexicon[company_fold("Italfarmaco S.p.A.")] == lexicon[company_fold("ITF")]
    # "Merck" alone is Merck & Co. in North America and Merck KGaA elsewhere.
    assert company_fold("Merck") not in lexicon
    import json

    from graph.keys import _COMPANY_NAMES

    folds = [company_fold(n) for g in json.loads(_COMPANY_NAMES.read_text())["groups"] for n in g]
    assert len(folds) == len(set(folds))  # no name in two groups


def test_a_receptor_never_joins_a_node_of_its_ligand(graph):
    """The name "amylin" beside "amylin receptor" in one document names the receptor there;
    another document's "amylin" (the hormone) stays its own node."""
    receptor = entity("Target", "amylin receptor", aliases=("amylin",))
    docs = [
        _doc("news/receptor.txt", [receptor, DRUG_A], []),
        _doc("news/ligand.txt", [entity("Target", "amylin"), DRUG_B], []),
        _doc("news/receptor2.txt", [entity("Target", "amylin receptor"), DRUG_B], []),
    ]
    states = []
    for order in (docs, docs[::-1]):
        graph.execute_query("MATCH (n) DETACH DELETE n")
        for doc in order:
            write_extraction(graph, DB, doc)
        states.append(graph_state(graph))
    assert states[0] == states[1]
    targets = graph.execute_query("MATCH (t:Target) RETURN t.id ORDER BY t.id").records
    assert [r[0] for r in targets] == ["target:amylin", "target:amylin-receptor"]
    assert strong_keys("Target", ["gip", "gip receptor", "glp-1", "glp1", "glp-1 receptor"]) == {
        "gip receptor",
        "glp-1 receptor",
    }
