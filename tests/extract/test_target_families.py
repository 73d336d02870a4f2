"""Targets named by a full protein name, a receptor family with a subtype, a function word
(stabilizer, potentiator) or the second arm of a bispecific written without digits."""

from .conftest import names, rels


def test_receptor_subtype_keeps_its_ligand_word(extract):
    r = extract(
        "Norvatide is a bradykinin B2 receptor antagonist. Helzarin, an adenosine A2A receptor "
        "antagonist, and tovistine, a histamine H4 receptor blocker, are also in trials."
    )
    assert {
        "bradykinin B2 receptor",
        "adenosine A2A receptor",
        "histamine H4 receptor",
    } <= names(r, "Target")
    assert "B2 receptor" not in names(r, "Target")


def test_full_lower_case_protein_name_before_the_action(extract):
    r = extract("Velaglutide is a once-weekly glucagon-like peptide-1 receptor agonist.")
    assert "GLP-1 receptor" in names(r, "Target")
    assert not any("peptide-1" == a for e in r["entities"] for a in e["aliases"])


def test_stabilizer_and_potentiator_name_their_target(extract):
    r = extract(
        "Doramidis is an oral transthyretin stabilizer for cardiomyopathy. Separately, "
        "ketacaftor is a CFTR potentiator for cystic fibrosis."
    )
    assert {"transthyretin", "CFTR"} <= names(r, "Target")


def test_bispecific_pair_of_known_symbols_without_digits(extract):
    r = extract("Relvatamab is a BCMAxCD3 bispecific antibody for myeloma.")
    assert {"BCMA", "CD3"} <= names(r, "Target")
    assert {("relvatamab", "BCMA"), ("relvatamab", "CD3")} <= rels(r, "TARGETS")


def test_enzymes_and_motor_proteins_written_in_full(extract):
    r = extract(
        "Lorvadrostat is an oral aldosterone synthase inhibitor. Dorvocatib, a first-in-class "
        "cathepsin C inhibitor, and zorciguat, a soluble guanylate cyclase stimulator, follow. "
        "Korvamten is a cardiac myosin inhibitor; tolvilast is a phosphodiesterase 4 inhibitor."
    )
    assert {
        "aldosterone synthase",
        "cathepsin C",
        "soluble guanylate cyclase",
        "cardiac myosin",
        "phosphodiesterase 4",
    } <= names(r, "Target")


def test_enzyme_classes_are_no_targets(extract):
    r = extract(
        "Zorbanib is a tyrosine kinase inhibitor. Korbanib, a next-generation cyclin-dependent "
        "kinase inhibitor, and lorbanib, a multi-kinase inhibitor, follow; norvir is a protease "
        "inhibitor."
    )
    assert names(r, "Target") == set()


def test_full_protein_name_after_a_mechanism_verb(extract):
    r = extract(
        "Zorlasiran silences apolipoprotein C-III in the liver. Morvimab binds tumor necrosis "
        "factor alpha. Dorvimab targets the thymic stromal lymphopoietin. Porvimab targets the "
        "neonatal Fc receptor."
    )
    assert {"APOC3", "TNF", "TSLP", "FcRn"} <= names(r, "Target")
    assert ("zorlasiran", "APOC3") in rels(r, "TARGETS")
