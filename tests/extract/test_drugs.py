"""Drug names from INN stems, code names in context, brands and co-formulations."""

from .conftest import entity, names


def test_inn_stems_are_drugs_and_ordinary_words_are_not(extract):
    r = extract("Torvanumab and pelcitinib were compared; the peptide concept was tested.")
    assert names(r, "Drug") == {"torvanumab", "pelcitinib"}


def test_code_name_in_drug_context_and_spelling_variants_merge(extract):
    r = extract(
        "Zentro Bio said its candidate ZT-4410 reduced flares. "
        "In the trial, ZT4410 was well tolerated."
    )
    drug = entity(r, "Drug", "ZT-4410")
    assert drug["id"] == "drug:zt4410"
    assert len(drug["mentions"]) == 2


def test_code_name_without_drug_context_is_ignored(extract):
    r = extract("The ECTRIMS 2024 meeting and COVID-19 rules were discussed in Hall B12.")
    assert names(r, "Drug") == set()


def test_code_and_brand_in_parentheses_are_aliases(extract):
    r = extract("Results for Lumavo (dorpelimab) and dorpelimab (QX-210) were shown.")
    drug = entity(r, "Drug", "dorpelimab")
    assert {"Lumavo", "QX-210"} <= set(drug["aliases"])


def test_adc_payload_and_biosimilar_suffix(extract):
    r = extract("Kolitamab vedotin-xqrt and sarizumab-abcd were approved.")
    assert names(r, "Drug") == {"kolitamab vedotin", "sarizumab"}
    assert "sarizumab-abcd" in entity(r, "Drug", "sarizumab")["aliases"]


def test_coformulation_with_hyaluronidase_is_one_drug(extract):
    r = extract(
        "The agency approved tovalizumab and hyaluronidase-fqxz for adults. "
        "Tovalizumab coformulated with recombinant human hyaluronidase was given weekly."
    )
    assert names(r, "Drug") == {"tovalizumab and hyaluronidase"}


def test_brand_after_a_drug_noun(extract):
    r = extract("The standard is the antibody-drug conjugate Zentrivo in combination with Maxolda.")
    assert names(r, "Drug") == {"Zentrivo", "Maxolda"}


def test_known_brand_is_named_by_its_inn(extract):
    r = extract("Patients who had stopped HUMIRA were switched, and Humira users were followed.")
    drug = entity(r, "Drug", "adalimumab")
    assert "Humira" in drug["aliases"]
    assert any(x.startswith("DRUGBANK:") for x in drug["properties"]["xrefs"])


def test_adc_with_payload_stem_is_one_drug(extract):
    r = extract("Dorvatuzumab tirotecan, a TROP2-directed ADC, was studied.")
    assert names(r, "Drug") == {"dorvatuzumab tirotecan"}
    assert names(r, "Target") == {"TROP2"}


def test_more_inn_stems_and_no_endogenous_lookalikes(extract):
    r = extract("Apixaban and lenalidomide were compared; cholesterol and glucose were measured.")
    assert names(r, "Drug") == {"apixaban", "lenalidomide"}


def test_cell_and_gene_therapy_names_and_fda_prefixes(extract):
    r = extract(
        "Orvagene autotemcel (Zentaly) was approved. Kadcyla (ado-trastuzumab emtansine) too."
    )
    assert names(r, "Drug") == {"orvagene autotemcel", "trastuzumab emtansine"}


def test_two_codes_joined_by_slash_are_one_drug(extract):
    r = extract("Kastor Bio's KB-101/ZT-220, a CD38-directed ADC, entered Phase 1.")
    assert names(r, "Drug") == {"KB-101"}
    assert "ZT-220" in entity(r, "Drug", "KB-101")["aliases"]


def test_the_drug_refers_to_the_main_drug(extract):
    from .conftest import rels

    r = extract(
        "Velotumab Meets Endpoint\nVelotumab, an anti-CD38 antibody, met its endpoint in "
        "multiple myeloma. The company will also test the drug in amyloidosis."
    )
    assert ("velotumab", "amyloidosis") in rels(r, "INDICATED_FOR")


def test_radioligand_name_with_chelator(extract):
    r = extract("Lutetium-177 zolvipotide tetraxetan (Radvixa) was approved.")
    assert names(r, "Drug") == {"zolvipotide tetraxetan"}
    assert "Radvixa" in entity(r, "Drug", "zolvipotide tetraxetan")["aliases"]


def test_acid_inns_and_new_stems_are_drugs_but_biochemistry_acids_are_not(extract):
    r = extract(
        "Patients on tauroxycholic acid (TXCA) switched to moltifibranor or pemalitrexed; "
        "nucleic acid and amino acid levels were measured."
    )
    assert names(r, "Drug") == {"tauroxycholic acid", "moltifibranor", "pemalitrexed"}
    assert "TXCA" in entity(r, "Drug", "tauroxycholic acid")["aliases"]


def test_registered_brand_before_inn_is_one_drug(extract):
    r = extract("Velumax® (sorvatinib) was approved; Velumax® is taken daily.")
    assert names(r, "Drug") == {"sorvatinib"}
    assert "Velumax" in entity(r, "Drug", "sorvatinib")["aliases"]


def test_trial_acronym_tails_designations_payloads_and_adjectives_are_not_drugs(extract):
    r = extract(
        "Lorvatumab deruxtecan is tested in the KESTREL-LUNG-204 study. Regulators gave "
        "the asset Breakthrough Therapy Designation. Lung toxicity is a concern for "
        "deruxtecan-based agents with a tetrapeptide-based linker, in sporadic or "
        "Flemish-type disease."
    )
    assert names(r, "Drug") == {"lorvatumab deruxtecan"}


def test_inn_without_known_stem_from_its_sentence(extract):
    r = extract(
        "Revaplin is an oral small molecule that lowers lipoprotein(a). Patients were treated "
        "with dolafermin or placebo. Velacort, a corticosteroid, is used in Duchenne muscular "
        "dystrophy."
    )
    assert {"revaplin", "dolafermin", "velacort"} <= names(r, "Drug")
    assert "placebo" not in names(r, "Drug")


def test_english_words_in_drug_slots_are_not_drugs(extract):
    r = extract(
        "Medicine is a calling. Patients received chemotherapy. Treatment is an option. "
        "Patients had received endocrine therapy. The antigen, a protein, is shed."
    )
    assert names(r, "Drug") == set()


def test_formerly_code_is_an_alias_and_codes_tested_in_a_disease(extract):
    r = extract("Zelpracel (formerly XB104F) is a CAR-T therapy. QRT0451 is being tested in lupus.")
    drug = entity(r, "Drug", "zelpracel")
    assert "XB104F" in drug["aliases"]
    assert "QRT0451" in names(r, "Drug")


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
