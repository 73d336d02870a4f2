"""Which drug a disease goes with: clauses, adverse events, trial arms, the study's drug."""

from .conftest import entity, rels


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


def test_development_codes_and_known_as_names_are_aliases(extract):
    r = extract(
        "Regulators approved torvacabtagene autoleucel injection (brand name: Veltra; "
        "development code: TQ201) for lymphoma. Doctors call torvanumab vedotin, also known "
        "as tor-V or TRV-12, a breakthrough. Tor-V was well tolerated."
    )
    assert {"Veltra", "TQ201"} <= set(entity(r, "Drug", "torvacabtagene autoleucel")["aliases"])
    drug = entity(r, "Drug", "torvanumab vedotin")
    assert {"tor-V", "TRV-12"} <= set(drug["aliases"])
    assert "Tor-V" in {m["text"] for m in drug["mentions"]}


def test_old_codes_second_codes_spellings_and_dosage_forms_name_one_drug(extract):
    r = extract(
        "Velnatamab, formerly KV-2207, was approved. Rostimab (AMG 733/KHK5120) met its goal. "
        "Regulators cleared Quorvex (zanvotinib tablets) for adults. Zanvotinib is oral. "
        "Merdotinib, also known as mirdotinib, is approved in China."
    )
    assert "KV-2207" in entity(r, "Drug", "velnatamab")["aliases"]
    assert "AMG 733" in entity(r, "Drug", "rostimab")["aliases"]
    assert "Quorvex" in entity(r, "Drug", "zanvotinib")["aliases"]
    spellings = {e["name"] for e in r["entities"] if e["name"] in {"merdotinib", "mirdotinib"}}
    assert len(spellings) == 1, "two spellings of one INN are one drug"
