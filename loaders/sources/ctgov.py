"""ClinicalTrials.gov API v2 JSON: a single study or a `studies` page, one document per study.

The study's facts come from its fields (loaders/structured/ctgov.py): the record
says exactly what the trial is. Its brief summary is read by the free-text
extractor only for what the fields cannot say (loaders/structured/passages.py).
"""

from __future__ import annotations

import json

from loaders.sources.html import iso_date
from loaders.sources.model import SourceError, SourceText, UnreadableSource
from loaders.text_input import TextInputError, decode_text, normalise_text

#: The study's free-text summary: read for what the fields lack (loaders/structured/passages.py).
SUMMARY_FIELD = "protocolSection.descriptionModule.briefSummary"


def study_url(nct_id: str) -> str:
    return f"https://clinicaltrials.gov/study/{nct_id}"


def _studies(value: object) -> list:
    if isinstance(value, dict) and "protocolSection" in value:
        return [value]
    if isinstance(value, dict) and isinstance(value.get("studies"), list):
        return value["studies"]
    raise UnreadableSource("JSON that is not a ClinicalTrials.gov v2 study or studies page")


def study_document(path: str, index: int, study: object) -> SourceText | SourceError:
    """One study as a document whose extraction is the structured mapping."""
    from loaders.structured.ctgov import map_study, study_text

    where = f"{path}#studies[{index}]"
    if not isinstance(study, dict):
        return SourceError(where, "a study must be a JSON object")
    ident = (study.get("protocolSection") or {}).get("identificationModule") or {}
    nct = ident.get("nctId")
    if not isinstance(nct, str) or not nct.strip():
        return SourceError(where, "study without protocolSection.identificationModule.nctId")
    status = (study.get("protocolSection") or {}).get("statusModule") or {}
    posted = (status.get("lastUpdatePostDateStruct") or {}).get("date") or (
        status.get("studyFirstPostDateStruct") or {}
    ).get("date")
    try:
        text = normalise_text(study_text(study))
        facts = map_study(study)
        summary = (study["protocolSection"].get("descriptionModule") or {}).get("briefSummary")
        passages = (
            ((SUMMARY_FIELD, normalise_text(summary.strip())),)
            if isinstance(summary, str) and summary.strip()
            else ()
        )
    except (TextInputError, ValueError, TypeError, AttributeError) as error:
        return SourceError(f"{where} ({nct})", f"study record not usable: {error}")
    url = study_url(nct.strip())
    return SourceText(
        url,
        text,
        format="ctgov",
        title=ident.get("briefTitle") or ident.get("officialTitle") or nct,
        published_at=iso_date(posted) if isinstance(posted, str) and len(posted) == 10 else None,
        url=url,
        structured=facts,
        free_text=False,
        passages=passages,
    )


def read_ctgov(path: str, data: bytes) -> list[SourceText | SourceError]:
    try:
        value = json.loads(decode_text(data))
    except (TextInputError, json.JSONDecodeError) as error:
        raise UnreadableSource(f"ClinicalTrials.gov JSON that does not parse ({error})") from None
    studies = _studies(value)
    if not studies:
        raise UnreadableSource("ClinicalTrials.gov studies page without studies")
    return [study_document(path, i, s) for i, s in enumerate(studies)]
