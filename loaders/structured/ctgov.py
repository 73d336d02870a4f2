"""A ClinicalTrials.gov API v2 study mapped field by field to the extraction contract.

What the record states becomes facts with evidence naming the field, e.g.
"protocolSection.sponsorCollaboratorsModule.leadSponsor: Hoffmann-La Roche (INDUSTRY)":
the Trial with its registry id, acronym, phase, status, design, enrollment and
countries; STUDIES its conditions; EVALUATES the interventions that are drugs
(never placebo, procedures, devices or "chemotherapy of investigator's choice");
SPONSORED_BY the industry sponsor and collaborators; CONDUCTED_AT its sites;
LEADS / AFFILIATED_WITH the overall officials who are people. Eligibility
criteria are never read: the diseases they exclude are not the trial's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from graph.ontology import Phase
from loaders.extract.lexicon import brands, generics
from loaders.extract.model import Mention
from loaders.extract.resolve import attach_lexicon
from loaders.structured.affiliation import site_kind
from loaders.structured.builder import FactBuilder

PROTOCOL = "protocolSection"
_PHASES = {
    ("EARLY_PHASE1",): Phase.EARLY_PHASE_1,
    ("PHASE1",): Phase.PHASE_1,
    ("PHASE1", "PHASE2"): Phase.PHASE_1_2,
    ("PHASE2",): Phase.PHASE_2,
    ("PHASE2", "PHASE3"): Phase.PHASE_2_3,
    ("PHASE3",): Phase.PHASE_3,
    ("PHASE4",): Phase.PHASE_4,
}
_PHASE_TEXT = {
    Phase.EARLY_PHASE_1: "Early Phase 1",
    Phase.PHASE_1: "Phase 1",
    Phase.PHASE_1_2: "Phase 1/2",
    Phase.PHASE_2: "Phase 2",
    Phase.PHASE_2_3: "Phase 2/3",
    Phase.PHASE_3: "Phase 3",
    Phase.PHASE_4: "Phase 4",
}
#: Intervention types that can be a drug; devices, procedures, behaviours, diets never are.
_DRUG_TYPES = {"DRUG", "BIOLOGICAL", "GENETIC", "COMBINATION_PRODUCT"}
#: Names of drug-typed interventions that are not one drug: placebo, a class, a choice.
_NOT_A_DRUG = re.compile(
    r"(?i)placebo|\bsham\b|\bvehicle\b|\bsaline\b|chemotherap|\btherapy\b|\bregimen\b|"
    r"investigator'?s choice|physician'?s choice|standard (?:of )?care|\bSOC\b|best supportive|"
    r"-based\b|\bbased on\b|usual care|\bcontrol\b|\bmatching\b"
)
_DOSE = re.compile(
    r"(?i)[\s,]+\(?\d+(?:[.,]\d+)?\s*(?:mg|µg|mcg|ug|g|ml|mL|iu|IU|units?|mg/kg|mg/m2|%)\b.*$"
)
_MASKING = {
    "SINGLE": "single-blind",
    "DOUBLE": "double-blind",
    "TRIPLE": "triple-blind",
    "QUADRUPLE": "quadruple-blind",
    "NONE": "open-label",
}
_ALLOCATION = {"RANDOMIZED": "randomized", "NON_RANDOMIZED": "non-randomized"}
_MODEL = {
    "PARALLEL": "parallel-group",
    "CROSSOVER": "crossover",
    "FACTORIAL": "factorial",
    "SEQUENTIAL": "sequential",
    "SINGLE_GROUP": "single-group",
}
#: Facility names that name no institution ("Research Site", "Site 123"): no Site node.
_GENERIC_FACILITY = re.compile(
    r"(?i)^(?:(?:local|clinical|research|investigative|investigational|study)\s+)*"
    r"(?:site|institution|facility|center|centre)\b[\s#:\d-]*(?:number\b.*)?$"
)
_DEGREES = re.compile(
    r"(?i),?\s*\b(?:M\.?D|Ph\.?D|MBBS|MBChB|FRCP\w*|MSc|MS|MPH|PharmD|DO|RN|PT|DPT|BSc|"
    r"Prof(?:essor)?|Dr)\b\.?"
)
_NOT_A_PERSON = re.compile(
    r"(?i)\b(?:clinical|trials?|study|director|medical|monitor|call|center|centre|"
    r"department|inc|ltd|llc|gmbh|corp\w*|pharma\w*|sciences?|group|team|information|"
    r"contact|sponsor|global|registry|research|development|office)\b"
)


def _get(node: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _field(*keys: str) -> str:
    return ".".join((PROTOCOL, *keys))


def registry_date(value: Any) -> str | None:
    """A registry date at the precision it is given: "2023-09-08", "2023-09" or "2023".

    CT.gov writes a month without a day for many planned dates; the day is never
    invented (an ISO string of reduced precision sorts and compares correctly as text).
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return text


def _words(enum_value: str) -> str:
    return enum_value.replace("_", " ").lower()


def trial_phase(phases: Any) -> Phase | None:
    """The ontology's Phase for CT.gov's list (["PHASE2", "PHASE3"] is PHASE_2_3)."""
    if not isinstance(phases, list):
        return None
    return _PHASES.get(tuple(sorted(p for p in phases if isinstance(p, str))))


def _design(design: dict, arms: list) -> list[str]:
    info = design.get("designInfo") or {}
    out = []
    allocation = _ALLOCATION.get(info.get("allocation", ""))
    masking = _MASKING.get(_get(info, "maskingInfo", "masking") or "")
    model = _MODEL.get(info.get("interventionModel", ""))
    out += [x for x in (allocation, masking) if x]
    if any(isinstance(a, dict) and a.get("type") == "PLACEBO_COMPARATOR" for a in arms):
        out.append("placebo-controlled")
    if model:
        out.append(model)
    return out


def _known_generics(text: str) -> list[str]:
    """Distinct generic names the lexicon finds in `text`, in order."""
    return list(dict.fromkeys(hit[3] for hit in generics().find(text)))


def drug_names(name: str) -> list[str]:
    """The drug(s) an intervention name stands for; [] when it is not a drug.

    A brand the lexicon knows resolves to its generic name(s) (a combination to
    each part the lexicon knows); generics named inside a longer name ("Tap
    Block - Bupivacaine", "Capecitabine + Oxaliplatin") are those generics; a
    dose is dropped; anything else (a code, a new name) is kept as written.
    """
    if _NOT_A_DRUG.search(name):
        return []
    name = _DOSE.sub("", name).strip(" ,;-")
    if not name:
        return []
    brand = brands().rows.get(name) or brands().rows.get(name.upper())
    if brand:
        parts = [p for p in re.split(r"\s*(?:,|\band\b|\+|/)\s*", brand[0]) if p]
        known = _known_generics(" + ".join(parts))
        return known if len(known) == len(parts) else [brand[0]]
    if name.lower() in generics().rows:
        return [name.lower()]
    return _known_generics(name) or [name]


_STAGE = re.compile(r"(?i)\b(?:grade|stage)\s+[0-9IVX]+[A-C]?\b\s*")


def _disease(facts: FactBuilder, condition: str) -> dict:
    """A condition as a Disease, named the lexicon's way when the lexicon knows it.

    A stage or grade is not a disease of its own ("Stage II Prostate Cancer" is
    Prostate Cancer, as in free text), so it is dropped from the name.
    """
    unstaged = _STAGE.sub("", condition).strip() or condition
    mention = Mention("Disease", 0, len(unstaged), unstaged, unstaged)
    attach_lexicon([mention])
    name = mention.props.get("_lexname", unstaged)
    aliases = [condition] if name != condition else []
    return facts.entity("Disease", name, aliases=aliases, xrefs=mention.props.get("xrefs"))


def _person(name: str) -> tuple[str, str | None] | None:
    """(name, title) of an official who is a person, or None for "Clinical Trials", a company."""
    if not isinstance(name, str):
        return None
    degrees = [m.group(0).strip(" ,.") for m in _DEGREES.finditer(name)]
    bare = " ".join(_DEGREES.sub("", name).replace(",", " ").split())
    words = bare.split()
    if len(words) < 2 or _NOT_A_PERSON.search(bare) or any(c.isdigit() for c in bare):
        return None
    return bare, (", ".join(degrees) or None)


def map_study(study: dict) -> dict[str, list[dict[str, Any]]]:
    """Entities and relations a CT.gov v2 study states (see the module docstring)."""
    protocol = study.get(PROTOCOL) or {}
    ident = protocol.get("identificationModule") or {}
    status = protocol.get("statusModule") or {}
    design = protocol.get("designModule") or {}
    arms = protocol.get("armsInterventionsModule") or {}
    sponsors = protocol.get("sponsorCollaboratorsModule") or {}
    contacts = protocol.get("contactsLocationsModule") or {}
    nct = ident.get("nctId")
    if not isinstance(nct, str) or not nct:
        raise ValueError("study without protocolSection.identificationModule.nctId")
    acronym = ident.get("acronym") if isinstance(ident.get("acronym"), str) else None
    locations = [loc for loc in contacts.get("locations") or [] if isinstance(loc, dict)]
    countries = list(dict.fromkeys(loc["country"] for loc in locations if loc.get("country")))
    phase = trial_phase(design.get("phases"))
    enrollment = _get(design, "enrollmentInfo", "count")
    facts = FactBuilder()
    trial = facts.entity(
        "Trial",
        acronym or nct,
        key=nct,
        aliases=[nct] if acronym else [],
        registryId=nct,
        acronym=acronym,
        phase=phase.value if phase else None,
        phaseText=_PHASE_TEXT.get(phase) if phase else None,
        design=_design(design, arms.get("armGroups") or []),
        status=_words(status["overallStatus"]) if status.get("overallStatus") else None,
        enrollment=enrollment if isinstance(enrollment, int) else None,
        siteCount=len(locations) or None,
        countries=countries,
        startDate=registry_date(_get(status, "startDateStruct", "date")),
        primaryCompletionDate=registry_date(_get(status, "primaryCompletionDateStruct", "date")),
        completionDate=registry_date(_get(status, "completionDateStruct", "date")),
    )

    for index, condition in enumerate(_get(protocol, "conditionsModule", "conditions") or []):
        if isinstance(condition, str) and condition.strip():
            where = _field("conditionsModule", f"conditions[{index}]")
            disease = _disease(facts, condition.strip())
            facts.relate("STUDIES", trial, disease, f"{where}: {condition}")

    for index, item in enumerate(arms.get("interventions") or []):
        if not isinstance(item, dict) or item.get("type") not in _DRUG_TYPES:
            continue
        name = item.get("name")
        if not isinstance(name, str):
            continue
        where = _field("armsInterventionsModule", f"interventions[{index}]")
        for drug_name in drug_names(name.strip()):
            drug = facts.entity("Drug", drug_name, aliases=[name] if drug_name != name else [])
            facts.relate("EVALUATES", trial, drug, f"{where}: {item['type']}: {name}")

    companies: dict[str, dict] = {}
    lead = sponsors.get("leadSponsor") or {}
    parties = [(lead, _field("sponsorCollaboratorsModule", "leadSponsor"))] + [
        (c, _field("sponsorCollaboratorsModule", f"collaborators[{i}]"))
        for i, c in enumerate(sponsors.get("collaborators") or [])
    ]
    for party, where in parties:
        name = party.get("name") if isinstance(party, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        evidence = f"{where}: {name} ({party.get('class', 'class not given')})"
        if party.get("class") == "INDUSTRY":
            company = facts.entity("Company", name.strip())
            companies[name.strip().lower()] = company
            facts.relate("SPONSORED_BY", trial, company, evidence)
        else:  # a university or hospital: a Site, which the model does not let sponsor a trial
            facts.entity("Site", name.strip(), kind=site_kind(name))

    for index, loc in enumerate(locations):
        facility = loc.get("facility")
        if not isinstance(facility, str) or _GENERIC_FACILITY.match(facility.strip() or "Site"):
            continue
        site = facts.entity(
            "Site",
            facility.strip(),
            kind=site_kind(facility),
            city=loc.get("city"),
            country=loc.get("country"),
        )
        where = _field("contactsLocationsModule", f"locations[{index}]")
        place = ", ".join(x for x in (loc.get("city"), loc.get("country")) if x)
        facts.relate("CONDUCTED_AT", trial, site, f"{where}: {facility}, {place}")

    for index, official in enumerate(contacts.get("overallOfficials") or []):
        if not isinstance(official, dict):
            continue
        person = _person(official.get("name"))
        if person is None:
            continue
        name, title = person
        where = _field("contactsLocationsModule", f"overallOfficials[{index}]")
        role = official.get("role", "official")
        investigator = facts.entity("Investigator", name, title=title)
        facts.relate("LEADS", investigator, trial, f"{where}: {official.get('name')} ({role})")
        affiliation = official.get("affiliation")
        if isinstance(affiliation, str) and affiliation.strip():
            if affiliation.strip().lower() in companies:
                continue  # a sponsor's employee: the model has no person-company link
            site = facts.entity("Site", affiliation.strip(), kind=site_kind(affiliation))
            facts.relate(
                "AFFILIATED_WITH",
                investigator,
                site,
                f"{where}.affiliation: {official.get('name')}, {affiliation}",
            )
    return facts.extraction_parts()


def study_text(study: dict) -> str:
    """A readable rendering of the record: the document's text, and what its id hashes.

    The last-update date is part of it, so a newer version of the record is a new
    document that replaces the old one.
    """
    protocol = study.get(PROTOCOL) or {}
    ident = protocol.get("identificationModule") or {}
    status = protocol.get("statusModule") or {}
    design = protocol.get("designModule") or {}
    sponsors = protocol.get("sponsorCollaboratorsModule") or {}
    phase = trial_phase(design.get("phases"))
    lines = [
        ident.get("briefTitle") or ident.get("officialTitle") or ident.get("nctId", ""),
        "",
        f"ClinicalTrials.gov ID: {ident.get('nctId')}"
        + (f" ({ident['acronym']})" if ident.get("acronym") else ""),
    ]
    if ident.get("officialTitle"):
        lines.append(f"Official title: {ident['officialTitle']}")
    facts = [
        ("Phase", _PHASE_TEXT.get(phase) if phase else None),
        ("Status", _words(status["overallStatus"]) if status.get("overallStatus") else None),
        ("Enrollment", _get(design, "enrollmentInfo", "count")),
        ("Lead sponsor", _get(sponsors, "leadSponsor", "name")),
        ("Start", _get(status, "startDateStruct", "date")),
        ("Completion", _get(status, "completionDateStruct", "date")),
        ("Last update posted", _get(status, "lastUpdatePostDateStruct", "date")),
        ("Conditions", "; ".join(_get(protocol, "conditionsModule", "conditions") or [])),
        (
            "Interventions",
            "; ".join(
                f"{i.get('type', '').title()}: {i.get('name')}"
                for i in _get(protocol, "armsInterventionsModule", "interventions") or []
                if isinstance(i, dict)
            ),
        ),
    ]
    lines += [f"{label}: {value}" for label, value in facts if value not in (None, "")]
    summary = _get(protocol, "descriptionModule", "briefSummary")
    if summary:
        lines += ["", summary.strip()]
    return "\n".join(lines)
