"""Schwartz-Hearst abbreviation definitions, including out-of-order letters."""

from loaders.extract.abbreviations import find_abbreviations


def pairs(text):
    return {(a.short, a.long) for a in find_abbreviations(text)}


def test_long_form_before_short_form():
    assert ("PBC", "primary biliary cholangitis") in pairs(
        "patients with primary biliary cholangitis (PBC) were enrolled"
    )


def test_letters_out_of_order_still_match():
    assert ("TfR1", "transferrin receptor 1") in pairs("a transferrin receptor 1 (TfR1) shuttle")


def test_parenthetical_that_is_not_an_abbreviation():
    assert pairs("the dose (high) was used; results (p=0.01) held") == set()
