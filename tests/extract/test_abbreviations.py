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


def test_one_word_holding_the_letters_is_no_long_form():
    # abbreviations.first_capital: "cardiomyopathy" holds A, T, R, C and M, but no word of
    # the long form starts with the short form's first capital.
    found = pairs(
        "a highly potent selective small molecule oral transthyretin stabiliser for "
        "transthyretin amyloid cardiomyopathy (ATTR CM) was filed"
    )
    assert ("ATTR CM", "cardiomyopathy") not in found
    # A lower-case first letter may stand for a word the window does not hold.
    assert ("nAMD", "neovascular age-related macular degeneration") in pairs(
        "for neovascular age-related macular degeneration (nAMD) in adults"
    )
