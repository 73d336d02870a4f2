"""Diseases: head words, suffixes, abbreviations, qualifiers kept out of the name."""

from .conftest import entity, names, rels


def test_abbreviation_defined_disease_with_alias(extract):
    r = extract("Patients with primary biliary cholangitis (PBC) responded. PBC is rare.")
    d = entity(r, "Disease", "primary biliary cholangitis")
    assert "PBC" in d["aliases"]
    assert len(d["mentions"]) == 3


def test_qualifiers_are_aliases_and_plural_merges(extract):
    r = extract(
        "It is for metastatic pancreatic carcinoma. Pancreatic carcinomas are hard to treat."
    )
    assert names(r, "Disease") == {"pancreatic carcinoma"}
    assert (
        "metastatic pancreatic carcinoma" in entity(r, "Disease", "pancreatic carcinoma")["aliases"]
    )


def test_generic_classes_and_blocked_heads_are_not_diseases(extract):
    r = extract("A rare autoimmune disease causes disease progression in serious diseases.")
    assert names(r, "Disease") == set()


def test_disease_inside_conference_name_is_not_a_disease(extract):
    r = extract(
        "Data were shown at the World Congress on Parkinson's Disease and Related Disorders."
    )
    assert names(r, "Disease") == set()


def test_canonical_ids_ignore_grade(extract):
    a = extract("Grade 3 astrocytoma was studied.")
    b = extract("astrocytoma was studied.")
    ids = {e["id"] for e in a["entities"] + b["entities"] if e["type"] == "Disease"}
    assert ids == {"disease:astrocytoma"}


def test_adverse_event_is_not_an_indication(extract):
    r = extract(
        "Korvimab was studied in patients with ulcerative colitis or Crohn's disease. "
        "Pneumonia was more frequent with korvimab. Two stopped due to neutropenia on korvimab."
    )
    from .conftest import rels

    assert rels(r, "INDICATED_FOR") == {
        ("korvimab", "ulcerative colitis"),
        ("korvimab", "Crohn's disease"),
    }


def test_being_developed_for_is_an_indication(extract):
    from .conftest import rels

    r = extract("Velotumab is being developed for moderate-to-severe plaque psoriasis.")
    assert rels(r, "INDICATED_FOR") == {("velotumab", "plaque psoriasis")}


def test_each_drug_with_its_own_disease_in_a_list(extract):
    from .conftest import rels

    r = extract(
        "The pipeline includes velotumab for multiple myeloma, and korvimab for psoriasis or "
        "psoriatic arthritis."
    )
    assert rels(r, "INDICATED_FOR") == {
        ("velotumab", "multiple myeloma"),
        ("korvimab", "psoriasis"),
        ("korvimab", "psoriatic arthritis"),
    }


def test_a_description_of_a_disease_is_not_another_disease(extract):
    r = extract("Korvimab is for IgA nephropathy. IgAN is a rare, progressive kidney disease.")
    assert names(r, "Disease") == {"IgA nephropathy"}


def test_subtypes_keep_their_name_and_qualified_abbreviations_become_aliases(extract):
    r = extract(
        "Korvimab helped metastatic triple-negative breast cancer (TNBC) and metastatic "
        "hormone-sensitive prostate cancer (mHSPC). In mHSPC it was well tolerated."
    )
    assert {"triple-negative breast cancer", "hormone-sensitive prostate cancer"} <= names(
        r, "Disease"
    )
    assert "mHSPC" in entity(r, "Disease", "hormone-sensitive prostate cancer")["aliases"]


def test_junk_noun_phrases_and_bare_classes_are_not_diseases(extract):
    r = extract(
        "Kavotinib helps after BRAF inhibitor failure in patients whose disease progressed. "
        "Patients with measurable disease or non-squamous disease responded; cancer is common. "
        "Outside multiple myeloma, a myeloma specialist treated people with pancreatic cancer and "
        "third-line follicular lymphoma."
    )
    assert names(r, "Disease") == {"multiple myeloma", "pancreatic cancer", "follicular lymphoma"}


def test_shorthand_of_the_one_longer_disease_is_an_alias(extract):
    r = extract(
        "New hope for patients with gastric cancers\n"
        "Zorvatinib improved survival in HER2-amplified gastric adenocarcinoma cancer. "
        "In gastric adenocarcinoma cancer, responses were durable."
    )
    # The HER2-amplified form is a subtype named beside its parent: its own entity.
    assert names(r, "Disease") == {
        "gastric adenocarcinoma cancer",
        "HER2-amplified gastric adenocarcinoma cancer",
    }
    assert "gastric cancers" in entity(r, "Disease", "gastric adenocarcinoma cancer")["aliases"]


def test_a_parent_listed_as_its_own_indication_stays_separate(extract):
    r = extract(
        "Velsiran is developed for hereditary angioedema and migraine. It was tested in "
        "patients with chronic migraine (CM) at three sites."
    )
    assert {"migraine", "chronic migraine"} <= names(r, "Disease")


def test_adverse_events_after_although_or_side_effects_are_not_indications(extract):
    r = extract(
        "Ravotinib is approved for adults with chronic lymphocytic leukemia, although "
        "neutropenia was common. In the trial of belvotamab in lupus nephritis, side effects "
        "included pneumonia and anemia."
    )
    assert rels(r, "INDICATED_FOR") == {
        ("ravotinib", "chronic lymphocytic leukemia"),
        ("belvotamab", "lupus nephritis"),
    }
    assert "although neutropenia" not in names(r, "Disease")
    assert not any("side effects" in n for n in names(r, "Disease"))


def test_market_talk_and_generic_stage_words_are_not_diseases(extract):
    r = extract(
        "Injectable products already dominate type 2 diabetes care, and kelvaglutide aims for "
        "earlier-stage disease in an ultra-rare disorder."
    )
    assert names(r, "Disease") == {"type 2 diabetes"}


def test_a_subtype_named_beside_its_parent_is_its_own_disease_linked_to_it(extract):
    r = extract(
        "Zorvatinib is approved for multiple myeloma. In newly diagnosed multiple myeloma "
        "(NDMM) the response rate was 80%. Multiple myeloma remains incurable."
    )
    assert {"multiple myeloma", "newly diagnosed multiple myeloma"} <= names(r, "Disease")
    parent = entity(r, "Disease", "multiple myeloma")
    sub = entity(r, "Disease", "newly diagnosed multiple myeloma")
    assert "NDMM" in sub["aliases"] and "NDMM" not in parent["aliases"]
    assert "newly diagnosed multiple myeloma" not in parent["aliases"]
    assert ("newly diagnosed multiple myeloma", "multiple myeloma") in rels(r, "SUBTYPE_OF")
    assert ("zorvatinib", "multiple myeloma") in rels(r, "INDICATED_FOR")


def test_a_text_that_names_only_the_subtype_gives_the_subtype_with_its_facts(extract):
    r = extract("Korvimab is approved for HER2-positive gastric cancer in adults.")
    assert names(r, "Disease") == {"HER2-positive gastric cancer"}
    assert "gastric cancer" not in entity(r, "Disease", "HER2-positive gastric cancer")["aliases"]
    assert rels(r, "INDICATED_FOR") == {("korvimab", "HER2-positive gastric cancer")}


def test_a_subtype_never_carries_its_parent_as_an_alias(extract):
    r = extract("Velsiran treats moderate-to-severe plaque psoriasis. Psoriasis affects millions.")
    sub = entity(r, "Disease", "plaque psoriasis")
    assert not {"psoriasis", "Psoriasis"} & set(sub["aliases"])
    assert "psoriasis" in {n.lower() for n in names(r, "Disease")}


def test_qualifier_variants_stay_aliases_not_subtypes(extract):
    r = extract("Korvimab is for metastatic breast cancer. Breast cancer is common.")
    assert names(r, "Disease") == {"breast cancer"}
    assert rels(r, "SUBTYPE_OF") == set()


def test_a_grade_range_is_a_qualifier(extract):
    r = extract("Grade 3-4 neutropenia occurred. Neutropenia was managed with G-CSF.")
    assert {e["id"] for e in r["entities"] if e["type"] == "Disease"} == {"disease:neutropenia"}


def test_relapsing_is_not_a_shorthand_of_non_relapsing(extract):
    r = extract(
        "Tolvimab was tested in non-relapsing secondary progressive multiple sclerosis "
        "(nrSPMS) and, separately, in relapsing multiple sclerosis. In nrSPMS it slowed "
        "disability; in non-relapsing secondary progressive multiple sclerosis it was safe."
    )
    nr = entity(r, "Disease", "non-relapsing secondary progressive multiple sclerosis")
    assert "relapsing multiple sclerosis" not in nr["aliases"]
