"""The cross-document scorer: gold merged across documents, classified against a real graph."""

from __future__ import annotations

import json
from pathlib import Path

from kg import graph_score


def _gold(folder: Path, name: str, entities: list[dict], relations: list[dict]) -> Path:
    path = folder / f"{name}.gold.json"
    path.write_text(
        json.dumps({"document": f"{name}.txt", "entities": entities, "relations": relations})
    )
    return path


def _corpus(tmp_path: Path) -> graph_score.GoldCorpus:
    a = _gold(
        tmp_path,
        "01",
        [
            {"type": "Company", "name": "Acme Biopharma, Inc.", "aliases": []},
            {"type": "Drug", "name": "zorbitamab", "aliases": ["ZB-101"]},
            {"type": "Disease", "name": "lupus nephritis", "aliases": []},
            {"type": "Disease", "name": "gout", "aliases": [], "optional": True},
        ],
        [
            {"type": "DEVELOPS", "from": "Acme Biopharma, Inc.", "to": "zorbitamab"},
            {"type": "INDICATED_FOR", "from": "zorbitamab", "to": "lupus nephritis"},
        ],
    )
    b = _gold(
        tmp_path,
        "02",
        [
            {"type": "Company", "name": "Acme Biopharma", "aliases": ["Acme"]},
            {"type": "Drug", "name": "ZB-101", "aliases": []},
            {"type": "Disease", "name": "lupus", "aliases": []},
        ],
        [{"type": "DEVELOPS", "from": "Acme Biopharma", "to": "ZB-101"}],
    )
    return graph_score.merge_gold([a, b])


def test_gold_entities_sharing_a_name_or_alias_across_documents_are_one_thing(tmp_path):
    gold = _corpus(tmp_path)
    by_label = {(t.label, t.names[0]) for t in gold.things}
    # legal suffix folded: the two Acme spellings are one company; ZB-101 joins zorbitamab
    assert ("Company", "Acme Biopharma, Inc.") in by_label
    assert sum(1 for t in gold.things if t.label == "Company") == 1
    assert sum(1 for t in gold.things if t.label == "Drug") == 1
    # the same DEVELOPS fact from two documents is one relation of the corpus
    assert sum(1 for r in gold.relations if r[0] == "DEVELOPS") == 1


def test_split_over_merged_missing_and_spurious_are_told_apart(tmp_path, driver):
    gold = _corpus(tmp_path)
    driver.execute_query(
        """
        CREATE (c1:Entity:Company {id: 'c1', name: 'Acme Biopharma', aliases: []})
        CREATE (c2:Entity:Company {id: 'c2', name: 'Acme', aliases: []})
        CREATE (d:Entity:Drug {id: 'd', name: 'zorbitamab', aliases: ['ZB-101']})
        CREATE (x:Entity:Disease {id: 'x', name: 'lupus', aliases: ['lupus nephritis']})
        CREATE (s:Entity:Disease {id: 's', name: 'headache', aliases: []})
        CREATE (c1)-[:DEVELOPS]->(d)
        """
    )
    nodes = [
        graph_score.GraphNode(r["id"], r["label"], tuple(r["names"]))
        for r in driver.execute_query(
            graph_score.NODES_QUERY, labels=list(graph_score.LABELS)
        ).records
    ]
    edges = [
        (r["type"], r["source"], r["target"])
        for r in driver.execute_query(graph_score.EDGES_QUERY).records
    ]
    summary = graph_score.score_graph(gold, nodes, edges).summary()
    labels = summary["labels"]
    assert labels["Company"]["split"] == 1 and labels["Company"]["one"] == 0
    assert labels["Drug"]["one"] == 1
    assert labels["Disease"]["over_merged"] == 2  # lupus and lupus nephritis on one node
    assert labels["Disease"]["optional_absent"] == 1  # gout: optional, not a miss
    assert labels["Disease"]["spurious"] == 1  # headache
    assert summary["relations"]["DEVELOPS"] == {"found": 1, "total": 1}
    assert summary["relations"]["INDICATED_FOR"] == {"found": 0, "total": 1}
    # lupus is the parent of lupus nephritis: an over-merge a SUBTYPE_OF link would avoid
    assert labels["Disease"]["subtype_over_merged"] == 2


def _myeloma_gold(tmp_path: Path) -> list[Path]:
    """One document names only the relapsed subtype (annotated with the parent's name), another
    names the parent and both subtypes apart."""
    only_subtype = _gold(
        tmp_path,
        "01",
        [
            {
                "type": "Disease",
                "name": "multiple myeloma",
                "aliases": ["relapsed or refractory multiple myeloma", "RRMM"],
            }
        ],
        [],
    )
    all_three = _gold(
        tmp_path,
        "02",
        [
            {"type": "Disease", "name": "newly diagnosed multiple myeloma", "aliases": ["NDMM"]},
            {"type": "Disease", "name": "relapsed or refractory multiple myeloma", "aliases": []},
            {"type": "Disease", "name": "multiple myeloma", "aliases": []},
        ],
        [],
    )
    return [only_subtype, all_three]


def test_subtype_aliases_do_not_join_things_unless_asked_to(tmp_path):
    files = _myeloma_gold(tmp_path)
    chained = graph_score.merge_gold(files, subtypes_apart=False)
    apart = graph_score.merge_gold(files)
    # Chained, the first document's alias joins the parent and the relapsed subtype.
    assert len([t for t in chained.things if t.label == "Disease"]) == 2
    # Apart, each of parent, newly diagnosed and relapsed is its own thing.
    names = sorted(t.names[0] for t in apart.things)
    assert names == [
        "multiple myeloma",
        "newly diagnosed multiple myeloma",
        "relapsed or refractory multiple myeloma",
    ]
    assert graph_score.is_subtype_pair("multiple myeloma", "newly diagnosed multiple myeloma")
    assert not graph_score.is_subtype_pair("multiple myeloma", "myasthenia gravis")


def _nodes(*rows: tuple[str, str, tuple[str, ...]]) -> list[graph_score.GraphNode]:
    return [graph_score.GraphNode(i, label, names) for i, label, names in rows]


def test_a_ligand_alias_of_a_receptor_does_not_join_the_ligand(tmp_path):
    """The guidelines make a ligand blocked through its receptor a Target of its own: one
    document's "GIP receptor" with alias "GIP" is not another document's "GIP"."""
    files = [
        _gold(tmp_path, "01", [{"type": "Target", "name": "GIP receptor", "aliases": ["GIP"]}], []),
        _gold(tmp_path, "02", [{"type": "Target", "name": "GIP", "aliases": []}], []),
    ]
    apart = graph_score.merge_gold(files)
    assert sorted(t.names[0] for t in apart.things) == ["GIP", "GIP receptor"]
    assert len(graph_score.merge_gold(files, subtypes_apart=False).things) == 1
    # The graph's receptor node carrying the ligand's name does not stand for the ligand.
    nodes = _nodes(
        ("r", "Target", ("GIP receptor", "GIP")),
        ("l", "Target", ("GIP",)),
    )
    labels = graph_score.score_graph(apart, nodes, []).summary()["labels"]
    assert labels["Target"]["one"] == 2 and labels["Target"]["split"] == 0
    assert graph_score.is_ligand_pair("amylin", "amylin receptor")
    assert graph_score.is_ligand_pair(
        "glucose-dependent insulinotropic polypeptide (GIP) receptor",
        "glucose-dependent insulinotropic polypeptide",
    )
    assert not graph_score.is_ligand_pair("IL-4", "IL-4 receptor antagonist drug")


def test_a_node_alias_that_is_a_subtype_does_not_make_the_parent_stand_for_it(tmp_path):
    """A subtype's form ("High-Risk Newly Diagnosed Myeloma", beside the alias "myeloma") on
    the "multiple myeloma" node: the node is not over-merged with newly diagnosed myeloma,
    and qualifier variants ("advanced multiple myeloma") still identify the parent."""
    files = _myeloma_gold(tmp_path)
    nodes = _nodes(
        ("mm", "Disease", ("multiple myeloma", "myeloma", "High-Risk Newly Diagnosed Myeloma")),
        ("nd", "Disease", ("newly diagnosed multiple myeloma", "NDMM")),
        ("rr", "Disease", ("relapsed or refractory multiple myeloma", "RRMM")),
    )
    summary = graph_score.score_graph(graph_score.merge_gold(files), nodes, []).summary()
    disease = summary["labels"]["Disease"]
    assert disease["one"] == 3 and disease["over_merged"] == 0
    chained = graph_score.score_graph(
        graph_score.merge_gold(files, subtypes_apart=False), nodes, [], subtypes_apart=False
    ).summary()
    assert chained["labels"]["Disease"]["split"] == 1  # parent and relapsed as one "thing"
    kept = graph_score.identifying_forms(
        "Disease", ["multiple myeloma", "advanced multiple myeloma", "NDMM"]
    )
    assert kept == ["multiple myeloma", "advanced multiple myeloma", "NDMM"]
    # One member of a combined indication is not the combination.
    combined = "gastric or gastroesophageal junction adenocarcinoma"
    member = "gastroesophageal junction adenocarcinoma"
    assert graph_score.identifying_forms("Disease", [combined, member]) == [combined]
    assert graph_score.identifying_forms("Disease", [member, "GEJ adenocarcinoma"]) == [
        member,
        "GEJ adenocarcinoma",
    ]


def test_a_name_with_an_abbreviation_inside_is_also_its_name_without_it():
    assert graph_score.keys_of(["gastroesophageal junction (GEJ) adenocarcinoma"], "Disease") == {
        "gastroesophageal junction gej adenocarcinoma",
        "gastroesophageal junction adenocarcinoma",
    }


def test_one_name_spelled_two_ways_is_one_thing(tmp_path):
    """British and American spellings of a disease, a target's symbol with or without its
    hyphen: one thing, so the graph's one node for it is not an over-merge."""
    a = _gold(
        tmp_path,
        "01",
        [
            {"type": "Disease", "name": "chronic lymphocytic leukaemia", "aliases": []},
            {"type": "Target", "name": "Bcl-2", "aliases": []},
        ],
        [],
    )
    b = _gold(
        tmp_path,
        "02",
        [
            {"type": "Disease", "name": "chronic lymphocytic leukemia", "aliases": []},
            {"type": "Target", "name": "BCL2", "aliases": []},
        ],
        [],
    )
    gold = graph_score.merge_gold([a, b])
    assert sorted(t.label for t in gold.things) == ["Disease", "Target"]
    node = graph_score.GraphNode("disease:cll", "Disease", ("chronic lymphocytic leukemia",))
    target = graph_score.GraphNode("target:bcl-2", "Target", ("Bcl-2", "BCL2"))
    summary = graph_score.score_graph(gold, [node, target], []).summary()
    assert summary["totals"]["one"] == 2 and summary["totals"]["over_merged"] == 0
    # A ligand and its receptor stay apart whatever the digits ("GLP-1" / "GLP-1 receptor").
    assert graph_score.is_ligand_pair("GLP-1", "GLP-1 receptor")


def test_a_parent_hyphenated_otherwise_and_the_subtype_abbreviation_do_not_join():
    """ "small cell lung cancer" of "extensive-stage small-cell lung cancer" is its parent, and
    "ES-SCLC" abbreviates the subtype an annotator put on the parent: neither joins things."""
    assert graph_score.identifying_forms(
        "Disease", ["extensive-stage small-cell lung cancer", "ES-SCLC", "small cell lung cancer"]
    ) == ["extensive-stage small-cell lung cancer", "ES-SCLC"]
    assert graph_score.identifying_forms(
        "Disease",
        ["small cell lung cancer", "SCLC", "extensive-stage small cell lung cancer", "ES-SCLC"],
    ) == ["small cell lung cancer", "SCLC"]


def test_two_names_one_document_tells_apart_are_not_joined_by_another_documents_alias(tmp_path):
    """One annotator writes "eczema" as an alias of atopic dermatitis, another annotates the
    two as two diseases of one text: that text has said they are two things."""
    a = _gold(
        tmp_path,
        "01",
        [{"type": "Disease", "name": "atopic dermatitis", "aliases": ["eczema"]}],
        [],
    )
    b = _gold(
        tmp_path,
        "02",
        [
            {"type": "Disease", "name": "atopic dermatitis", "aliases": ["AD"]},
            {"type": "Disease", "name": "eczema", "aliases": [], "optional": True},
        ],
        [],
    )
    c = _gold(tmp_path, "03", [{"type": "Disease", "name": "eczema", "aliases": []}], [])
    gold = graph_score.merge_gold([a, b, c])
    assert sorted(t.names[0] for t in gold.things) == ["atopic dermatitis", "eczema"]
    # with every alias chaining (the first version of the score) they were one thing
    assert len(graph_score.merge_gold([a, b, c], subtypes_apart=False).things) == 1


def test_a_parent_written_for_its_subtype_does_not_join_the_parent(tmp_path):
    """ "diabetes" as a short form of type 2 diabetes in one text, the disease "diabetes" in
    another: two things, by the graph's own parent rule (graph.keys.disease_parent_keys); a
    grade is a qualifier variant and still joins ("grade 2 glioma" / "glioma")."""
    a = _gold(
        tmp_path,
        "01",
        [
            {"type": "Disease", "name": "type 2 diabetes", "aliases": ["diabetes"]},
            {"type": "Disease", "name": "grade 2 glioma", "aliases": ["glioma"]},
        ],
        [],
    )
    b = _gold(
        tmp_path,
        "02",
        [
            {"type": "Disease", "name": "diabetes", "aliases": []},
            {"type": "Disease", "name": "glioma", "aliases": []},
        ],
        [],
    )
    gold = graph_score.merge_gold([a, b])
    assert sorted(t.names[0] for t in gold.things) == [
        "diabetes",
        "grade 2 glioma",
        "type 2 diabetes",
    ]
    # a graph holding the two diabetes nodes has each thing as one node, nothing split
    nodes = _nodes(
        ("d1", "Disease", ("type 2 diabetes", "diabetes")),
        ("d2", "Disease", ("diabetes",)),
        ("g1", "Disease", ("grade 2 glioma", "glioma")),
    )
    summary = graph_score.score_graph(gold, nodes, []).summary()
    assert summary["labels"]["Disease"]["one"] == 3
    assert summary["labels"]["Disease"]["split"] == 0


def test_a_split_thing_names_the_nodes_it_is_split_over(tmp_path):
    gold = graph_score.merge_gold(
        [
            _gold(
                tmp_path,
                "01",
                [{"type": "Target", "name": "plasma kallikrein", "aliases": ["PKal"]}],
                [],
            )
        ]
    )
    nodes = _nodes(("t1", "Target", ("plasma kallikrein",)), ("t2", "Target", ("PKal", "pKal")))
    summary = graph_score.score_graph(gold, nodes, []).summary()
    assert summary["labels"]["Target"]["split"] == 1
    assert summary["labels"]["Target"]["split_nodes"] == {
        "plasma kallikrein": [["plasma kallikrein"], ["PKal", "pKal"]]
    }
