"""Trials: registry ids, acronyms, phase vocabulary, design, size and leaders."""

from loaders.extract.trials import phase_of

from .conftest import names, rels


def test_phase_vocabulary():
    assert phase_of("a Phase II/III study") == ("PHASE_2_3", "Phase II/III")
    assert phase_of("the phase 2/phase 3 trial")[0] == "PHASE_2_3"
    assert phase_of("Phase 1b") == ("PHASE_1", "Phase 1b")
    assert phase_of("a Phase III trial")[0] == "PHASE_3"
    assert phase_of("no phase") is None


def test_trial_with_registry_acronym_and_properties(extract):
    r = extract(
        "Pellion Therapeutics today announced that the first patient was dosed in SUMMIT-3 "
        "(NCT01234567), a randomized, double-blind Phase 3 trial of korvimab in patients with "
        "ulcerative colitis. The trial will enroll 600 patients at 120 sites. "
        "The trial is led by Dr. Omar Haddad of Westmoor Hospital."
    )
    trial = next(e for e in r["entities"] if e["type"] == "Trial")
    p = trial["properties"]
    assert trial["id"] == "trial:nct01234567"
    assert p["registryId"] == "NCT01234567" and p["acronym"] == "SUMMIT-3"
    assert p["phase"] == "PHASE_3" and p["design"] == ["randomized", "double-blind"]
    assert p["enrollment"] == 600 and p["siteCount"] == 120
    assert rels(r, "EVALUATES") == {("SUMMIT-3", "korvimab")}
    assert rels(r, "LEADS") == {("Omar Haddad", "SUMMIT-3")}
    assert rels(r, "STUDIES") == {("SUMMIT-3", "ulcerative colitis")}
    assert rels(r, "SPONSORED_BY") == {("SUMMIT-3", "Pellion Therapeutics")}


def test_outside_commentator_does_not_lead(extract):
    r = extract(
        "Dr. Lena Ortiz of Bayfront University presented the Phase 2 results of ravotinib in "
        "gastric cancer. Dr. Paul Meyer of Crestwood Hospital, who was not involved in the study, "
        "called the data promising."
    )
    assert {"Lena Ortiz", "Paul Meyer"} <= names(r, "Investigator")
    assert {p for p, _ in rels(r, "LEADS")} == {"Lena Ortiz"}


def test_the_study_refers_to_the_named_trial(extract):
    r = extract(
        "Pellion Therapeutics dosed the first patient in BRIDGE-2, a Phase 2 trial of korvimab "
        "in psoriasis. The study is conducted at Lakeview University Hospital and is led by "
        "Dr. Anna Holm of the Lakeview Institute."
    )
    assert rels(r, "CONDUCTED_AT") == {("BRIDGE-2", "Lakeview University Hospital")}
    assert rels(r, "LEADS") == {("Anna Holm", "BRIDGE-2")}
