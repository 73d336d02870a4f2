"""TARGETS: a plural class noun binds its listed members; prior-therapy classes and a
combination of two mechanisms bind no drug (loaders/extract/relations/targets.py)."""

from ..conftest import rels


def test_class_members_prior_therapy_and_list_items(extract):
    r = extract(
        "Existing ALK inhibitors alectinib, brigatinib and lorlatinib cause edema. "
        "Velotinib, a ROS1-selective inhibitor, works in patients whose disease progressed on "
        "a first-generation MET inhibitor or who had previously received a third-generation "
        "EGFR-TKI. The arm combined docetaxel, ramucirumab and a PD-1/PD-L1 inhibitor."
    )
    assert rels(r, "TARGETS") == {
        ("alectinib", "ALK"),
        ("brigatinib", "ALK"),
        ("lorlatinib", "ALK"),
        ("velotinib", "ROS1"),
    }


def test_inhibitor_combination_names_no_single_drug_target(extract):
    r = extract("Dorsetinib and kavotinib form the first KIT/PDGFRA inhibitor combination.")
    assert rels(r, "TARGETS") == set()
