"""The built-in entity families (the interface is loaders/extract/family.py).

Each binds a label of the ontology to its mention finder and to the rules resolution asks
for: priority where mentions overlap, key, display name and id. The naming rules of these
six families live in loaders/extract/resolve.py (`_ekey`, `_canonical`, `id_key`), by
label; a new family brings its own (or takes the defaults) and needs no edit there.
"""

from __future__ import annotations

from functools import partial

from loaders.extract.companies import find_companies
from loaders.extract.context import Doc
from loaders.extract.diseases import find_diseases
from loaders.extract.drugs import find_drugs
from loaders.extract.family import Family
from loaders.extract.model import Mention
from loaders.extract.people import find_people, people_near_sites
from loaders.extract.resolve import _canonical, _ekey, id_key
from loaders.extract.sites import find_sites
from loaders.extract.targets import find_targets


def find_all_people(doc: Doc, sites: list[Mention]) -> list[Mention]:
    """People by title or role, and people named next to a site."""
    return find_people(doc) + people_near_sites(doc, sites)


def find_mechanism_targets(doc: Doc, diseases: list[Mention]) -> list[Mention]:
    """Targets, except spans that are written forms of a disease of the document."""
    disease_forms = {f for m in diseases for f in (m.text, *m.forms)}
    return [t for t in find_targets(doc) if t.text not in disease_forms]


def _built_in(label: str, priority: int, find, **flags) -> Family:  # noqa: ANN001
    return Family(
        label,
        priority,
        find,
        key=partial(_ekey, label),
        canonical=partial(_canonical, label),
        id_key=partial(id_key, label),
        **flags,
    )


SITES = _built_in("Site", 6, find_sites, nests=True, fold_name=False)
COMPANIES = _built_in("Company", 5, find_companies)
PEOPLE = _built_in("Investigator", 4, find_all_people)
DRUGS = _built_in("Drug", 3, find_drugs)
DISEASES = _built_in("Disease", 2, find_diseases)
TARGETS = _built_in("Target", 1, find_mechanism_targets)
