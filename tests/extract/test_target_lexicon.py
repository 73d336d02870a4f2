"""Known gene/protein symbols (HGNC lexicon) are targets only where a mechanism cue ties
them to a drug; the same symbols named as biomarkers are not."""

from loaders.extract.target_lexicon import hgnc_symbols, lookup

from .conftest import names, rels


def test_lexicon_maps_aliases_to_hgnc_and_drops_common_words():
    symbols = hgnc_symbols()
    assert symbols["HER3"] == ["ERBB3", "HGNC:3431"]
    assert symbols["BCMA"][0] == "TNFRSF17"
    assert "ALL" not in symbols and "CT" not in symbols  # a leukaemia, a scan
    assert lookup("claudin 18.2") == ("claudin 18.2", "HGNC:2039")


def test_object_of_mechanism_verb_several_words_away(extract):
    r = extract("Ostravimab binds domain III of HER2 with high affinity.")
    assert rels(r, "TARGETS") == {("ostravimab", "HER2")}
    target = next(e for e in r["entities"] if e["type"] == "Target")
    assert target["properties"].get("xrefs") == ["HGNC:3430"]


def test_silencing_and_coordinated_objects(extract):
    r = extract(
        "Pirasiran silences ANGPTL3 in hepatocytes. Daxumab, a new antibody, binds both "
        "EGFR and HER3 on tumour cells."
    )
    assert rels(r, "TARGETS") == {
        ("pirasiran", "ANGPTL3"),
        ("daxumab", "EGFR"),
        ("daxumab", "HER3"),
    }


def test_directed_suffix_and_bispecific_pair(extract):
    r = extract(
        "Lorvetamab is a BCMA-directed T-cell engager. Kivatamab is a MET×EGFR bispecific "
        "antibody. Sorutamab is a claudin 18.2-targeted antibody."
    )
    assert rels(r, "TARGETS") >= {
        ("lorvetamab", "BCMA"),
        ("kivatamab", "MET"),
        ("kivatamab", "EGFR"),
    }
    assert any(b == "sorutamab" for b, _ in [(a, t) for a, t in rels(r, "TARGETS")])


def test_shared_receptor_head_after_acts_on(extract):
    r = extract("Belaglutide acts on both the GIP and GLP-1 receptors.")
    assert names(r, "Target") == {"GIP receptor", "GLP-1 receptor"}


def test_biomarkers_are_not_targets(extract):
    r = extract(
        "Tamotinib was studied in patients with EGFR-mutant lung cancer and in HER2-positive "
        "breast cancer, with PD-L1 expression recorded."
    )
    assert names(r, "Target") == set()
    assert rels(r, "TARGETS") == set()
