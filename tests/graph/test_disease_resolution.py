"""Diseases across documents: one disease named two ways is one node, a subtype stays its own.

What a user sees: two documents that name one disease differently (a synonym, a renamed
disease, a state qualifier such as "compensated") give one node carrying both names, with
both documents' facts; a subtype (an organ, "chronic", a biomarker status) or a broader class
stays its own node, linked by SUBTYPE_OF where a text says so; a two-letter abbreviation
never joins anything; deleting a document takes back only its names; any load order gives
the same graph. Made-up drugs; disease names from general medical vocabulary.
"""

from __future__ import annotations

import itertools
import json

import neo4j
import pytest
from graph_checks import duplicates, shared_strong_keys, support
from graph_factories import entity, extraction, relation

from graph.documents import delete_document
from graph.keys import (
    _DISEASE_NAMES,
    disease_canonical_names,
    disease_fold,
    disease_parent_keys,
    lookup_keys,
    without_state_qualifiers,
)
from graph.schema import ensure_schema
from graph.writer import write_extraction

DB = "neo4j"


@pytest.fixture
def graph(driver: neo4j.Driver) -> neo4j.Driver:
    ensure_schema(driver, DB)
    return driver


def _doc(source: str, disease: dict, drug: str, extra: list[dict] = (), rels: list = ()) -> dict:
    """A document stating that `drug` is developed for `disease` (plus extra entities)."""
    medicine = entity("Drug", drug)
    entities = [medicine, disease, *extra]
    text = f"{source}: " + "; ".join(e["name"] for e in entities)
    fact = relation("INDICATED_FOR", medicine, disease, f"{drug} is tested in {disease['name']}.")
    return extraction(source, text, entities, [fact, *rels])


def diseases(driver: neo4j.Driver) -> list[tuple[str, str, list[str]]]:
    """(id, name, sorted aliases) of every disease node."""
    return [
        (r[0], r[1], sorted(r[2]))
        for r in driver.execute_query(
            "MATCH (d:Disease) RETURN d.id, d.name, coalesce(d.aliases, []) ORDER BY d.id"
        ).records
    ]


def indicated(driver: neo4j.Driver, disease_id: str) -> list[str]:
    return [
        r[0]
        for r in driver.execute_query(
            "MATCH (d:Drug)-[:INDICATED_FOR]->(:Disease {id: $id}) RETURN d.id ORDER BY d.id",
            id=disease_id,
        ).records
    ]


def state(driver: neo4j.Driver) -> tuple[list, list]:
    """Nodes (aliases sorted) and facts with their support, comparable across load orders."""
    nodes = driver.execute_query(
        "MATCH (n:Entity) RETURN n.id, n.name, coalesce(n.aliases, []) ORDER BY n.id"
    ).records
    facts = driver.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r), a.id, b.id, r.supportCount "
        "ORDER BY type(r), a.id, b.id"
    ).records
    return [(i, name, sorted(aliases)) for i, name, aliases in nodes], [tuple(r) for r in facts]


def load(driver: neo4j.Driver, docs: list[dict]) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    for doc in docs:
        write_extraction(driver, DB, doc)


# -- one disease, two names ---------------------------------------------------------------


def test_a_synonym_in_another_document_joins_the_disease_with_both_names_and_facts(graph):
    """ "Myositis" in one text and "idiopathic inflammatory myopathy" in another are one disease
    (the disease name lexicon); both drugs' facts hang on the one node."""
    load(
        graph,
        [
            _doc("news/a.txt", entity("Disease", "idiopathic inflammatory myopathy"), "velotamab"),
            _doc("news/b.txt", entity("Disease", "myositis"), "rutocabtagene"),
        ],
    )
    assert diseases(graph) == [
        ("disease:myositis", "idiopathic inflammatory myopathy", ["myositis"])
    ]
    assert indicated(graph, "disease:myositis") == ["drug:rutocabtagene", "drug:velotamab"]
    assert duplicates(graph) == {"nodes": [], "relationships": [], "support": []}
    assert shared_strong_keys(graph) == []


def test_a_renamed_disease_and_an_eponym_spelled_two_ways_are_one_node_each(graph):
    load(
        graph,
        [
            _doc("news/old.txt", entity("Disease", "nonalcoholic steatohepatitis"), "drugone"),
            _doc(
                "news/new.txt",
                entity("Disease", "metabolic dysfunction-associated steatohepatitis"),
                "drugtwo",
            ),
            _doc("news/c1.txt", entity("Disease", "Crohn's disease"), "drugthree"),
            _doc("news/c2.txt", entity("Disease", "Crohn disease"), "drugfour"),
        ],
    )
    found = diseases(graph)
    assert [name for _, name, _ in found] == [
        "Crohn's disease",
        "metabolic dysfunction-associated steatohepatitis",
    ]
    assert found[0][2] == ["Crohn disease"]
    assert found[1][2] == ["nonalcoholic steatohepatitis"]


def test_a_state_qualifier_is_the_same_disease_in_every_document(graph):
    """ "compensated cirrhosis", "cirrhosis" and "decompensated cirrhosis": stages of one
    disease (the guidelines' qualifier variants), one node with every name."""
    load(
        graph,
        [
            _doc("news/a.txt", entity("Disease", "compensated cirrhosis"), "drugone"),
            _doc("news/b.txt", entity("Disease", "cirrhosis"), "drugtwo"),
            _doc("news/c.txt", entity("Disease", "decompensated cirrhosis"), "drugthree"),
            _doc(
                "news/d.txt",
                entity("Disease", "moderately to severely active ulcerative colitis"),
                "drugfour",
            ),
            _doc("news/e.txt", entity("Disease", "ulcerative colitis"), "drugfive"),
        ],
    )
    found = diseases(graph)
    assert [(i, sorted([name, *aliases])) for i, name, aliases in found] == [
        ("disease:cirrhosis", ["cirrhosis", "compensated cirrhosis", "decompensated cirrhosis"]),
        (
            "disease:ulcerative-colitis",
            ["moderately to severely active ulcerative colitis", "ulcerative colitis"],
        ),
    ]
    assert indicated(graph, "disease:cirrhosis") == [
        "drug:drugone",
        "drug:drugthree",
        "drug:drugtwo",
    ]


# -- a subtype or a class is its own node -------------------------------------------------


def test_a_subtype_stays_its_own_node_linked_to_its_parent(graph):
    """An organ ("liver fibrosis"), a course ("chronic migraine") and a member of a class
    ("atopic dermatitis", one form of eczema) each stay apart from the broader disease; a
    text that names both links them by SUBTYPE_OF; a synonym of the subtype ("atopic eczema")
    joins the subtype, never the class."""
    ad, eczema = entity("Disease", "atopic dermatitis"), entity("Disease", "eczema")
    subtype_of = relation("SUBTYPE_OF", ad, eczema, "Atopic dermatitis is a form of eczema.")
    load(
        graph,
        [
            _doc("news/a.txt", ad, "drugone", [eczema], [subtype_of]),
            _doc("news/b.txt", entity("Disease", "atopic eczema"), "drugtwo"),
            _doc("news/c.txt", entity("Disease", "eczema"), "drugthree"),
            _doc("news/d.txt", entity("Disease", "liver fibrosis"), "drugfour"),
            _doc("news/e.txt", entity("Disease", "fibrosis"), "drugfive"),
            _doc("news/f.txt", entity("Disease", "chronic migraine"), "drugsix"),
            _doc("news/g.txt", entity("Disease", "migraine"), "drugseven"),
        ],
    )
    assert [(i, name, aliases) for i, name, aliases in diseases(graph)] == [
        # the preferred (shortest) id of the two, the longest name
        ("disease:atopic-eczema", "atopic dermatitis", ["atopic eczema"]),
        ("disease:chronic-migraine", "chronic migraine", []),
        ("disease:eczema", "eczema", []),
        ("disease:fibrosis", "fibrosis", []),
        ("disease:liver-fibrosis", "liver fibrosis", []),
        ("disease:migraine", "migraine", []),
    ]
    parents = graph.execute_query(
        "MATCH (s:Disease)-[:SUBTYPE_OF]->(p:Disease) RETURN s.id, p.id"
    ).records
    assert [tuple(r) for r in parents] == [("disease:atopic-eczema", "disease:eczema")]
    assert indicated(graph, "disease:eczema") == ["drug:drugthree"]
    assert indicated(graph, "disease:atopic-eczema") == ["drug:drugone", "drug:drugtwo"]


def test_a_qualified_subtype_alias_does_not_join_the_subtype_to_its_parent(graph):
    """ "advanced HER2-positive breast cancer" written as an alias of "breast cancer" loses
    only its state word in no key: the HER2-positive subtype of another text stays apart."""
    load(
        graph,
        [
            _doc(
                "news/a.txt",
                entity(
                    "Disease", "breast cancer", aliases=("advanced HER2-positive breast cancer",)
                ),
                "drugone",
            ),
            _doc("news/b.txt", entity("Disease", "HER2-positive breast cancer"), "drugtwo"),
        ],
    )
    assert [i for i, _, _ in diseases(graph)] == [
        "disease:breast-cancer",
        "disease:her2-positive-breast-cancer",
    ]


def test_a_subtype_written_with_its_parent_as_alias_never_joins_the_parent(graph):
    """A text about the extensive-stage form also says "small cell lung cancer" for it, and
    one about NSCLC says "lung cancer": those aliases name the node in its document, but the
    parent of another text stays its own node (the issue: a subtype never stands for its
    parent). "myeloma" is multiple myeloma (the lexicon), not its parent."""
    es = entity(
        "Disease", "extensive-stage small-cell lung cancer", aliases=("small cell lung cancer",)
    )
    sclc = entity("Disease", "Small-cell lung cancer")
    load(
        graph,
        [
            _doc(
                "news/a.txt",
                es,
                "drugone",
                [sclc],
                [relation("SUBTYPE_OF", es, sclc, "ES-SCLC is small-cell lung cancer.")],
            ),
            _doc("news/b.txt", entity("Disease", "small cell lung cancer"), "drugtwo"),
            _doc(
                "news/c.txt",
                entity("Disease", "non-small cell lung cancer", aliases=("lung cancer",)),
                "drugthree",
            ),
            _doc("news/d.txt", entity("Disease", "lung cancer"), "drugfour"),
            _doc("news/e.txt", entity("Disease", "myeloma"), "drugfive"),
            _doc("news/f.txt", entity("Disease", "multiple myeloma"), "drugsix"),
        ],
    )
    assert [i for i, _, _ in diseases(graph)] == [
        "disease:extensive-stage-small-cell-lung-cancer",
        "disease:lung-cancer",
        "disease:myeloma",
        "disease:non-small-cell-lung-cancer",
        "disease:small-cell-lung-cancer",
    ]
    assert indicated(graph, "disease:small-cell-lung-cancer") == ["drug:drugtwo"]
    assert indicated(graph, "disease:lung-cancer") == ["drug:drugfour"]
    assert indicated(graph, "disease:myeloma") == ["drug:drugfive", "drug:drugsix"]
    parents = graph.execute_query(
        "MATCH (s:Disease)-[:SUBTYPE_OF]->(p:Disease) RETURN s.id, p.id"
    ).records
    assert [tuple(r) for r in parents] == [
        ("disease:extensive-stage-small-cell-lung-cancer", "disease:small-cell-lung-cancer")
    ]


def test_an_ambiguous_short_form_never_joins_two_diseases_even_beside_a_synonym(graph):
    """ "AD" is atopic dermatitis in one text and Alzheimer's disease in another; "AE" (atopic
    eczema) is no key either: only the spelled-out synonym joins."""
    load(
        graph,
        [
            _doc("news/a.txt", entity("Disease", "atopic dermatitis", aliases=("AD",)), "drugone"),
            _doc(
                "news/b.txt", entity("Disease", "Alzheimer's disease", aliases=("AD",)), "drugtwo"
            ),
            _doc("news/c.txt", entity("Disease", "AD"), "drugthree"),
            _doc("news/d.txt", entity("Disease", "atopic eczema", aliases=("AE",)), "drugfour"),
        ],
    )
    assert [(i, name) for i, name, _ in diseases(graph)] == [
        ("disease:ad", "AD"),
        ("disease:alzheimer-s-disease", "Alzheimer's disease"),
        ("disease:atopic-eczema", "atopic dermatitis"),
    ]
    assert indicated(graph, "disease:atopic-eczema") == ["drug:drugfour", "drug:drugone"]


# -- deletes and load orders --------------------------------------------------------------


def test_deleting_one_document_takes_back_only_its_name_and_facts(graph):
    a = _doc("news/a.txt", entity("Disease", "compensated cirrhosis"), "drugone")
    b = _doc("news/b.txt", entity("Disease", "cirrhosis"), "drugtwo")
    m1 = _doc("news/m1.txt", entity("Disease", "myositis"), "drugthree")
    m2 = _doc("news/m2.txt", entity("Disease", "idiopathic inflammatory myopathy"), "drugfour")
    load(graph, [a, b, m1, m2])

    delete_document(graph, DB, a["document"]["id"])
    delete_document(graph, DB, m2["document"]["id"])
    assert diseases(graph) == [
        ("disease:cirrhosis", "cirrhosis", []),
        ("disease:myositis", "myositis", []),
    ]
    assert indicated(graph, "disease:cirrhosis") == ["drug:drugtwo"]
    assert indicated(graph, "disease:myositis") == ["drug:drugthree"]
    assert support(graph, "INDICATED_FOR", "drug:drugtwo", "disease:cirrhosis")["count"] == 1

    # The names taken back no longer join: a new text on the qualified form joins again.
    write_extraction(graph, DB, a)
    assert [i for i, _, _ in diseases(graph)] == ["disease:cirrhosis", "disease:myositis"]


def test_every_load_order_gives_the_same_disease_nodes(graph):
    ad, eczema = entity("Disease", "atopic dermatitis"), entity("Disease", "eczema")
    docs = [
        _doc("news/a.txt", entity("Disease", "compensated cirrhosis"), "drugone"),
        _doc("news/b.txt", entity("Disease", "cirrhosis", aliases=("liver cirrhosis",)), "drugtwo"),
        _doc("news/c.txt", entity("Disease", "myositis"), "drugthree"),
        _doc("news/d.txt", entity("Disease", "idiopathic inflammatory myopathy"), "drugfour"),
        _doc(
            "news/e.txt",
            ad,
            "drugfive",
            [eczema],
            [relation("SUBTYPE_OF", ad, eczema, "AD is a form of eczema.")],
        ),
        _doc("news/f.txt", entity("Disease", "atopic eczema"), "drugsix"),
    ]
    states = []
    for order in itertools.islice(itertools.permutations(docs), 0, None, 97):
        load(graph, list(order))
        states.append(state(graph))
    assert len(states) >= 7
    assert all(s == states[0] for s in states)


# -- the rules themselves -----------------------------------------------------------------


def test_state_qualifiers_drop_only_state_words():
    assert without_state_qualifiers("compensated cirrhosis") == "cirrhosis"
    assert without_state_qualifiers("moderate or advanced liver fibrosis") == "liver fibrosis"
    assert without_state_qualifiers("mild-to-moderate plaque psoriasis") == "plaque psoriasis"
    # Which kind of disease, not how far along: a subtype, kept.
    for name in (
        "chronic migraine",
        "liver fibrosis",
        "acute myeloid leukemia",
        "relapsed or refractory multiple myeloma",
        "advanced HER2-positive breast cancer",
        "severe combined immunodeficiency",
        "active disease",
    ):
        assert without_state_qualifiers(name) is None, name
    # A grade or a phase of the disease's course is a state: the guidelines' "grade 2 glioma"
    # is "glioma", chronic-phase CML is CML.
    assert without_state_qualifiers("grade 2 glioma") == "glioma"
    assert without_state_qualifiers("Grade III astrocytoma") == "astrocytoma"
    assert (
        without_state_qualifiers("chronic-phase chronic myeloid leukemia")
        == "chronic myeloid leukemia"
    )
    assert "cirrhosis" in lookup_keys("Disease", "disease:x", ["Compensated Cirrhosis"])
    # A parent's name on a subtype's node is no joining key; a state word makes no parent.
    keys = lookup_keys("Disease", "disease:x", ["MASH cirrhosis", "cirrhosis"])
    assert disease_parent_keys("MASH cirrhosis", keys) == {"cirrhosis"}
    keys = lookup_keys("Disease", "disease:x", ["compensated cirrhosis", "cirrhosis"])
    assert disease_parent_keys("compensated cirrhosis", keys) == set()
    assert disease_fold("Graves\u2019 Orbitopathy") == disease_fold("Graves orbitopathy")


def test_the_disease_name_lexicon_names_each_disease_once_and_no_short_form():
    lexicon = disease_canonical_names()
    assert (
        lexicon[disease_fold("myositis")]
        == lexicon[disease_fold("idiopathic inflammatory myopathies")]
    )
    # A class and its member are two diseases; an abbreviation is never in the lexicon.
    for name in ("eczema", "lupus", "scleroderma", "fibrosis", "AD", "IIM", "NASH"):
        assert disease_fold(name) not in lexicon, name
    names = [n for g in json.loads(_DISEASE_NAMES.read_text())["groups"] for n in g]
    folds = [disease_fold(n) for n in names]
    assert len(folds) == len(set(folds))  # no name in two groups
    assert all(sum(ch.isalnum() for ch in n) >= 4 for n in names)  # the strong-key rule's floor


def test_a_name_with_an_abbreviation_defined_inside_it_is_also_keyed_without_it():
    """One text writes "gastroesophageal junction (GEJ) adenocarcinoma", another the name
    alone: both nodes share the key of the name without the parenthesis."""
    keys = lookup_keys("Disease", "disease:x", ["gastroesophageal junction (GEJ) adenocarcinoma"])
    plain = lookup_keys("Disease", "disease:y", ["Gastroesophageal junction adenocarcinoma"])
    assert set(plain) <= set(keys)
    receptor = lookup_keys("Target", "target:x", ["glucagon-like peptide-1 (GLP-1) receptor"])
    assert "glucagon-like peptide-1 receptor" in receptor
    # a parenthesis at the end is an abbreviation after the name, not inside it
    assert "atopic dermatitis" not in lookup_keys(
        "Disease", "disease:z", ["atopic dermatitis (AD)"]
    )
