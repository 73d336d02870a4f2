"""Study drugs (loaders/extract/relations/story_drugs.py): a trial's leader investigates the
study drug(s) and their combination partners, not the comparators, prior therapies or
competitors the article names for context."""

from ..conftest import rels

DOC = (
    "Halvotinib beats osimertinib in lung cancer trial\n\n"
    "June 1, 2026 -- Corvant Therapeutics said halvotinib outperformed osimertinib in the "
    "phase 3 HALO study of non-small cell lung cancer. Median survival was longer than with "
    'osimertinib. Patients who had progressed on osimertinib were excluded. "Halvotinib is a '
    'real step," said Professor Ines Aldana of the University of Navarra, who led the trial. '
    "Lazertinib, a competitor, is already approved.\n"
)


def test_comparator_and_competitor_are_not_evaluated(extract):
    r = extract(DOC)
    assert rels(r, "EVALUATES") == {("HALO", "halvotinib")}
    assert rels(r, "LEADS") == {("Ines Aldana", "HALO")}


def test_combination_partner_in_the_study_arm_is_evaluated(extract):
    r = extract(
        "Pelvotamab data in leukemia\n\n"
        "In the phase 2 PELICAN trial, pelvotamab plus azacitidine gave a 60% response rate in "
        "acute myeloid leukemia, versus 30% with venetoclax. Pelvotamab is a CD33-directed "
        'antibody. "The pelvotamab results are striking," said Dr. Omar Haddad of Mayo '
        "Clinic, who led the PELICAN trial.\n"
    )
    evaluated = {d for _, d in rels(r, "EVALUATES")}
    assert evaluated == {"pelvotamab", "azacitidine"}
