"""PubMed authors with affiliations: Investigators AFFILIATED_WITH Sites.

The evidence of each fact names the record and the field it comes from, e.g.
"PubMed 11748933, MedlineCitation.Article.AuthorList.Author[1].AffiliationInfo: ...".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loaders.structured.affiliation import parse_affiliation, site_kind
from loaders.structured.builder import FactBuilder

if TYPE_CHECKING:
    from loaders.sources.pubmed import PubmedRecord


def author_facts(record: PubmedRecord) -> dict[str, list[dict[str, Any]]]:
    """Entities and relations for the authors of `record` that have an affiliation."""
    facts = FactBuilder()
    for author in record.authors:
        for affiliation in author.affiliations:
            site = parse_affiliation(affiliation)
            if site is None:
                continue
            person = facts.entity("Investigator", author.name)
            place = facts.entity(
                "Site",
                site.institution,
                kind=site_kind(site.institution),
                city=site.city,
                country=site.country,
            )
            where = f"{record.kind} PMID {record.pmid}, {author.field}"
            facts.relate("AFFILIATED_WITH", person, place, f"{where}: {author.name}; {affiliation}")
    return facts.extraction_parts()
