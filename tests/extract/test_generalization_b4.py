"""Surface variants that name one thing: renamed codes, co-formulations, disease spellings."""

from .conftest import entity, names, rels


def test_code_now_called_inn_is_one_drug(extract):
    r = extract(
        "Brontera Pharma's BRT-550, now called lumidorsen, lowered triglycerides. "
        "Lumidorsen is an antisense drug."
    )
    assert names(r, "Drug") == {"lumidorsen"}
    assert "BRT-550" in entity(r, "Drug", "lumidorsen")["aliases"]


def test_inn_also_known_as_code_is_one_drug(extract):
    r = extract("Qarvitinib, also known as QR-778, is in trials. QR-778 was well tolerated.")
    assert names(r, "Drug") == {"qarvitinib"}


def test_slash_coformulation_is_one_drug(extract):
    r = extract("Gilead's emtricitabine/tenofovir alafenamide is approved for HIV-1 infection.")
    assert names(r, "Drug") == {"emtricitabine/tenofovir alafenamide"}


def test_disease_spelling_and_plural_variants_merge(extract):
    r = extract(
        "Oesophageal cancer and esophageal cancer. Acute myeloid leukaemia versus acute "
        "myeloid leukemia. Inflammatory myopathies and inflammatory myopathy. "
        "ANCA-associated vasculitides and ANCA-associated vasculitis."
    )
    assert len(names(r, "Disease")) == 4
    assert "acute myeloid leukaemia" in entity(r, "Disease", "acute myeloid leukemia")["aliases"]


def test_severity_and_history_qualifiers_are_aliases(extract):
    r = extract(
        "Severe eosinophilic asthma and mild-to-moderate eosinophilic asthma were studied, as "
        "were pretreated multiple myeloma, multiple myeloma and pediatric myasthenia gravis."
    )
    assert names(r, "Disease") == {"eosinophilic asthma", "multiple myeloma", "myasthenia gravis"}


def test_sympathies_is_not_a_disease(extract):
    assert names(extract("We send our sympathies to the family."), "Disease") == set()


def test_ligand_is_its_own_target(extract):
    r = extract("Dorvalimab is an OX40 ligand antibody for atopic dermatitis.")
    assert rels(r, "TARGETS") == {("dorvalimab", "OX40 ligand")}
    r = extract("Telvimab targets OX40 ligand.")
    assert names(r, "Target") == {"OX40 ligand"}


def test_trap_binds_both_named_factors(extract):
    r = extract("Vextacept traps VEGF-B and PlGF.")
    assert len(rels(r, "TARGETS")) == 2


def test_receptor_numbers_and_viral_proteins(extract):
    r = extract("Corvatumab binds transferrin receptor 1 and amyloid-beta.")
    assert {t for _, t in rels(r, "TARGETS")} == {"transferrin receptor 1", "amyloid beta"}
    r = extract("Ortavir targets the HIV-1 capsid.")
    assert names(r, "Target") == {"HIV-1 capsid"}


def test_named_hospital_of_university_is_two_sites(extract):
    r = extract(
        "Dr. Lin Wei, a professor at Lakeview Hospital of Northfield University, led the "
        "trial of tomvalimab."
    )
    assert rels(r, "PART_OF") == {("Lakeview Hospital", "Northfield University")}
    assert rels(r, "AFFILIATED_WITH") == {("Lin Wei", "Lakeview Hospital")}


def test_generic_hospital_of_university_stays_one_site(extract):
    r = extract("Dr. Ye Fang of the Second Affiliated Hospital of Northfield University spoke.")
    assert "Second Affiliated Hospital of Northfield University" in names(r, "Site")


def test_society_is_not_a_site_and_umc_and_place_suffix_are(extract):
    r = extract(
        "Dr. Emma Vos of Rivertown UMC and Dr. Tom Dekker of the Memory Center Rivertown "
        "presented tomvalimab data at the American College of Neurology meeting."
    )
    assert names(r, "Site") == {"Rivertown UMC", "Memory Center Rivertown"}


def test_disease_word_inside_a_factor_name_is_not_a_disease(extract):
    r = extract("Tomvalimab blocks tumor necrosis factor alpha in arthritis models.")
    assert "tumor necrosis" not in {n.lower() for n in names(r, "Disease")}
    assert not any("necrosis" in n for n in names(r, "Disease"))
