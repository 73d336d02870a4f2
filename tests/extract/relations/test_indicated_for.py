"""INDICATED_FOR: which drug a disease goes with: clauses, adverse events, trial arms, the
study's drug (loaders/extract/relations/indicated_for/)."""

from ..conftest import rels


def test_clause_scoping_keeps_one_drugs_indications_from_another(extract):
    r = extract(
        "The portfolio includes velsiran, an siRNA, and morvatide, a peptide in Phase 3 "
        "for psoriasis and lupus nephritis. Kavotinib is being tested with letrozole in "
        "the adjuvant setting and is also studied in patients with ovarian cancer."
    )
    ind = rels(r, "INDICATED_FOR")
    assert {("morvatide", "psoriasis"), ("morvatide", "lupus nephritis")} <= ind
    assert not {d for d, _ in ind} & {"velsiran", "letrozole"}


def test_adverse_events_payload_modifiers_and_institutions_are_not_indications(extract):
    r = extract(
        "Dorlimab, which carries a novel exatecan-derived payload, is approved for gastric "
        "cancer. Rash was the most common side effect with dorlimab, while anemia dominated in "
        "the control arm. Older drugs frequently cause neutropenia with dorlimab. "
        "Dr. Ana Ruiz, head of the reference centre for sarcoma at Lakeside Hospital, said "
        "dorlimab is promising."
    )
    assert rels(r, "INDICATED_FOR") == {("dorlimab", "gastric cancer")}


def test_trial_arm_drugs_get_the_disease_of_the_study(extract):
    r = extract(
        "Velotumab data at ESMO\n"
        "Velotumab improved survival in pancreatic cancer. Patients were randomized to "
        "velotumab or to the investigator's choice of irinotecan or oxaliplatin. Patients "
        "previously treated with gemcitabine were excluded from the randomized study."
    )
    ind = rels(r, "INDICATED_FOR")
    assert {("irinotecan", "pancreatic cancer"), ("oxaliplatin", "pancreatic cancer")} <= ind
    assert ("gemcitabine", "pancreatic cancer") not in ind


def test_the_study_enrolling_patients_names_the_main_drugs_indication(extract):
    r = extract(
        "Pelsiran is a new siRNA. Pelsiran lowered the protein by 80%. "
        "The Phase 1 study enrolled 30 adults with familial chylomicronemia syndrome."
    )
    assert ("pelsiran", "familial chylomicronemia syndrome") in rels(r, "INDICATED_FOR")
