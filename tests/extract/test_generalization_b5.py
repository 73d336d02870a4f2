"""Generalization round B5: generic drug names without a stem, and the hard cases around them."""

from .conftest import entity, names, rels


def test_standard_chemotherapies_without_a_stem_are_drugs(extract):
    r = extract(
        "In the control arm, patients with small cell lung cancer received investigator's "
        "choice of cyclophosphamide, dacarbazine or amrubicin. Prednisone was allowed."
    )
    assert {"cyclophosphamide", "dacarbazine", "amrubicin", "prednisone"} <= names(r, "Drug")
    assert "DRUGBANK:DB00531" in entity(r, "Drug", "cyclophosphamide")["properties"]["xrefs"]


def test_common_words_foods_and_body_substances_are_not_drugs(extract):
    r = extract(
        "Patients drank water and received oxygen; glucose, insulin, dopamine, silver, honey "
        "and copper levels were measured. Endothelin and cortisol were raised."
    )
    assert names(r, "Drug") == set()


def test_generic_inside_a_code_or_mid_sentence_proper_noun_is_not_matched(extract):
    assert "dacarbazine" not in names(
        extract("Members of the Dacarbazine Working Group met."), "Drug"
    )
    assert "dacarbazine" not in names(extract("The code MRB-dacarbazine-2 was shown."), "Drug")


def test_pipeline_list_in_about_section_gives_drugs_and_developers(extract):
    r = extract(
        "Zanthera Bio reports phase 2 asthma data.\n"
        "About Zanthera Bio\n"
        "Zanthera Bio is a clinical-stage biotechnology company. Its pipeline includes ZT901, "
        "a claudin 18.2 ADC, and ZT313 (licensed to Orvane Therapeutics), as well as ZT512."
    )
    assert {"ZT901", "ZT313", "ZT512"} <= names(r, "Drug")
    develops = rels(r, "DEVELOPS")
    assert {("Zanthera Bio", d) for d in ("ZT901", "ZT313", "ZT512")} <= develops
    assert ("Orvane Therapeutics", "ZT313") in develops
    assert ("Orvane Therapeutics", "ZT901") not in develops


def test_heading_words_are_not_brands(extract):
    r = extract(
        "Relapsed or Refractory Multiple Myeloma\n"
        "Arvelle Therapeutics said zolbetamab met its primary endpoint."
    )
    assert names(r, "Drug") == {"zolbetamab"}


def test_company_name_in_lower_case_is_not_a_drug(extract):
    r = extract(
        "Quorvant Holdings plc announced data. Patients treated with quorvant or placebo "
        "improved. Quorvant's tebentafusp is approved."
    )
    assert names(r, "Drug") == {"tebentafusp"}


def test_titled_surname_first_reference_is_the_same_investigator(extract):
    r = extract(
        "Rivermead Hospital enrolled patients on zolbetamab. Professor Qian Moyun, the principal "
        "investigator, said the results were good. Professor Qian from Rivermead Hospital "
        "added that it was safe. Qian said more work is planned."
    )
    assert names(r, "Investigator") == {"Qian Moyun"}
    assert ("Qian Moyun", "Rivermead Hospital") in rels(r, "AFFILIATED_WITH")


def test_said_full_name_with_role_at_site_is_an_investigator(extract):
    r = extract(
        '"The responses were durable," said Tao Jinhua, chief physician of the hematology '
        "department at Eastbay General Hospital, of the zolbetamab data. Dr. Tao said "
        "zolbetamab was well tolerated."
    )
    assert names(r, "Investigator") == {"Tao Jinhua"}
    assert ("Tao Jinhua", "Eastbay General Hospital") in rels(r, "AFFILIATED_WITH")


def test_x_with_y_disease_names_are_one_disease(extract):
    r = extract(
        "Zolbetamab is being studied in microscopic granulomatosis with polyangiitis and in "
        "chronic rhinosinusitis with nasal polyps."
    )
    assert names(r, "Disease") == {
        "microscopic granulomatosis with polyangiitis",
        "chronic rhinosinusitis with nasal polyps",
    }


def test_subtype_letter_makes_a_distinct_disease(extract):
    r = extract("Velfactor is approved for hemophilia A and is being tested in hemophilia B.")
    assert names(r, "Disease") == {"hemophilia A", "hemophilia B"}


def test_also_called_gives_a_disease_alias(extract):
    r = extract("Zolbetamab is studied in IgA nephropathy (also called Berger's disease).")
    assert names(r, "Disease") == {"IgA nephropathy"}
    assert "Berger's disease" in entity(r, "Disease", "IgA nephropathy")["aliases"]


def test_verbs_and_comparatives_are_not_part_of_a_disease_name(extract):
    r = extract(
        "Untreated, many patients reach kidney failure. Zolbetamab showed higher cytokine "
        "release syndrome rates in inadequately controlled asthma. It treats gout."
    )
    assert names(r, "Disease") == {"kidney failure", "cytokine release syndrome", "asthma", "gout"}
    assert "inadequately controlled asthma" in entity(r, "Disease", "asthma")["aliases"]


def test_letter_subtype_receptor_is_one_target(extract):
    r = extract(
        "Solbetan is a selective endothelin A receptor antagonist. In rats, corsentan blocks the "
        "endothelin type A receptor."
    )
    assert names(r, "Target") == {"endothelin A receptor"}
    assert ("corsentan", "endothelin A receptor") in rels(r, "TARGETS")


def test_peptide_antigen_is_a_target_but_clones_hla_and_tcr_are_not(extract):
    r = extract(
        "Velantafusp is a bispecific protein that targets gp100 and recognises an "
        "HLA-A*02:01-restricted peptide through its TCR. It uses an FMC63-based binder."
    )
    assert names(r, "Target") == {"gp100"}


def test_background_therapy_classes_are_not_the_study_drugs_targets(extract):
    r = extract(
        "Patients on stable ACE inhibitors or angiotensin receptor blockers received "
        "corventan, an endothelin receptor antagonist."
    )
    assert rels(r, "TARGETS") == {("corventan", "endothelin receptor")}


def test_spelled_receptor_resolves_to_the_defined_symbol(extract):
    r = extract(
        "Quilumab is an antibody against interleukin-4 receptor alpha (IL-4Rα). By blocking "
        "the interleukin-4 receptor, quilumab dampens type 2 inflammation."
    )
    targets = [e for e in r["entities"] if e["type"] == "Target"]
    assert len(targets) == 1
    forms = {targets[0]["name"], *targets[0]["aliases"]}
    assert {"IL-4Rα", "interleukin-4 receptor alpha"} <= forms


def test_company_in_parentheses_after_a_competitor_drug_develops_it(extract):
    r = extract(
        "Arvelle Therapeutics said zolbetamab outperformed ciltacabtagene autoleucel "
        "(Norvex Biologics) in a cross-trial comparison."
    )
    develops = rels(r, "DEVELOPS")
    assert ("Norvex Biologics", "ciltacabtagene autoleucel") in develops
    assert ("Arvelle Therapeutics", "ciltacabtagene autoleucel") not in develops


def test_a_parent_company_apposition_names_the_subsidiary_as_developer(extract):
    r = extract("Tessel, a Norvex company, announced that zolbetamab was approved in Japan.")
    assert {"Tessel", "Norvex"} <= names(r, "Company")
    assert rels(r, "DEVELOPS") == {("Tessel", "zolbetamab")}


def test_it_is_also_being_studied_in_a_list_of_indications(extract):
    r = extract(
        "Zolbetamab is approved for asthma. It is also being studied in eosinophilic "
        "esophagitis, bullous pemphigoid and chronic spontaneous urticaria."
    )
    assert {
        ("zolbetamab", d)
        for d in ("eosinophilic esophagitis", "bullous pemphigoid", "chronic spontaneous urticaria")
    } <= rels(r, "INDICATED_FOR")


def test_comorbidities_in_inclusion_criteria_are_not_indications(extract):
    r = extract(
        "The trial enrolled adults with obesity, with or without type 2 diabetes. Participants "
        "with obesity and hypertension or dyslipidemia received zolbetamab for obesity."
    )
    assert rels(r, "INDICATED_FOR") == {("zolbetamab", "obesity")}


def test_health_network_is_a_site_and_the_parent_of_its_centre(extract):
    r = extract(
        "Dr. Ana Ruiz of Lakeshore Cancer Centre, Northbay Health Network, led the zolbetamab "
        "study."
    )
    assert ("Lakeshore Cancer Centre", "Northbay Health Network") in rels(r, "PART_OF")


def test_bare_hospital_in_apposition_is_a_unit_of_the_centre(extract):
    r = extract(
        "Dr. Kenji Sato of the Hospital, National Center of Ageing presented zolbetamab data."
    )
    assert ("Hospital, National Center of Ageing", "National Center of Ageing") in rels(
        r, "PART_OF"
    )


def test_joint_institution_and_academy_of_sciences_are_sites(extract):
    r = extract(
        "Professor Li Wei of the Eastern Academy of Medical Sciences & Harbour Union Medical "
        "College led the zolbetamab trial. Samples went to the Western Academy of Medical Sciences."
    )
    assert names(r, "Site") == {
        "Eastern Academy of Medical Sciences & Harbour Union Medical College",
        "Western Academy of Medical Sciences",
    }


def test_anatomy_adjective_plus_disease_is_a_generic_class(extract):
    r = extract(
        "Glomerular disease is common. Zolbetamab treats IgA nephropathy, a glomerular "
        "disease, as well as chronic kidney disease and renal cell carcinoma."
    )
    assert names(r, "Disease") == {
        "IgA nephropathy",
        "chronic kidney disease",
        "renal cell carcinoma",
    }
