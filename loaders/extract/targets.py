# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""Molecular targets, found where the text states a mechanism.

A symbol is only a Target when the text says a drug acts on it: "anti-CD20",
"an FcRn antagonist", "targeting PD-1 and VEGF", "a HER2-directed ADC",
"GCG/GLP-1 receptor agonist". Biomarkers named only as mutations or
expression stay out. Each mention remembers the mechanism phrase, so the
relation step can tie it to the nearest drug.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.model import Mention
from loaders.extract.target_lexicon import (
    curated_name_at,
    find_lexicon_targets,
    lexicon_forms,
    lookup,
)
from loaders.extract.text import GENE_SUBTYPE
from loaders.extract.wordlists import vocabulary

_V = vocabulary()

#: A target-shaped token: symbols (PD-L1, IL-17A, HER2, FcRn, CD 19, BTK) or word-number (nectin-4).
_T = (
    # target_mentions.decimal_isoform: "Claudin18.2", "claudin 18.2", "Nav1.7": a protein
    # name with a numbered isoform.
    r"(?:[A-Za-z][a-z]{1,}[A-Za-z]? ?\d{1,2}\.\d(?!\d|\.\d)|[A-Z]{2,}\d{1,2}\.\d(?!\d|\.\d)|"
    # target_mentions.serotonin_subtype: "5-HT2A", "5-HT1B/1D": a serotonin receptor subtype.
    r"5-HT\d[A-G]?(?![\w-])|"
    r"CD ?\d+[A-Za-z]?|[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*[αβγδεκ]?(?:-[A-Za-z0-9αβγδεκ]+|-ß)*"
    r"|[a-z]+-\d+[a-z]?|[A-Z][a-z]+-\d+[a-z]?|c-[A-Z][A-Za-z]+|gp\d{2,3}(?![\w-])"
    # target_mentions.greek_isoform: "Polθ", "Polη": a short protein name and its Greek letter.
    r"|[A-Z][a-z]{1,5}[αβγδεζηθικλμ](?![\w-])"
    # target_mentions.greek_integrin: "α4β7 integrin", "integrin αvβ6": an integrin named by
    # its two chains.
    r"|(?:integrin )?[αβ](?:\d{1,2}|v|IIb)[αβ]\d{1,2}(?![\w-])"
    r"|(?:complement )?[Ff]actor (?:[IVX]+a?|[A-Z])(?![\w-])"
    # Targets usually written in lower case.
    r"|amyloid(?:[- ]beta)?|tau|activin(?: [AB](?![\w-]))?|myostatin|sclerostin|transthyretin"
    r"|angiotensinogen"
    r"|kallikrein|prekallikrein|hepcidin|lipoprotein\(a\)|glucagon|amylin|ghrelin|leptin"
    r"|tissue factor|thrombin|plasminogen|complement|spike protein|menin"
    r"|(?:[αβγ]|alpha|beta)-synuclein|interleukin[- ]\d{1,2}[A-Z]?(?![\w-])"
    # target_mentions.lactamase: "a beta-lactamase inhibitor": the enzymes a partner drug
    # shields an antibiotic from.
    r"|(?:beta|β)-lactamases?"
    # target_mentions.fc_receptor: "FcγRIIb", "FcγRIIIa", "FcεRI": an Fc receptor's Greek
    # letter inside its symbol. target_mentions.digit_symbol: "4-1BB", "5T4".
    r"|Fc[αγεμ]R(?:I{1,3}|IV)?[ABab]?(?![\w-])|4-1BB(?![\w-])|5T4(?![\w-])"
    # Symbols with a lower-case initial ("mTOR", the complexes "mTORC1", "mTORC2").
    r"|mTOR(?:C[12])?(?![\w-]))"
)
_T_FULL = re.compile(_T + r"$")
#: target_mentions.not_target: payloads, formats, agencies, endpoints and viruses (a vaccine
#: that "targets RSV" prevents a disease) are never a drug's molecular target.
_NOT_TARGET = set(_V["not_targets"])
_ACTIONS = {
    "inhibitor": "inhibitor",
    "inhibitors": "inhibitor",
    "antagonist": "antagonist",
    "antagonists": "antagonist",
    "agonist": "agonist",
    "agonists": "agonist",
    "blocker": "blocker",
    "blockers": "blocker",
    "modulator": "modulator",
    "degrader": "degrader",
    "activator": "activator",
    "binder": "binder",
    "TKI": "inhibitor",
    "TKIs": "inhibitor",
    # target_mentions.function_action: "a TTR stabilizer", "a CFTR potentiator": drugs that
    # restore or hold a protein's function act on it as surely as an inhibitor does.
    "stabilizer": "stabilizer",
    "stabilizers": "stabilizer",
    "stabiliser": "stabilizer",
    "potentiator": "potentiator",
    "potentiators": "potentiator",
    "corrector": "corrector",
    "correctors": "corrector",
    "stimulator": "agonist",
    "stimulators": "agonist",
    # target_mentions.silencer_action: "a TTR silencer": an RNA drug that silences the gene.
    "silencer": "inhibitor",
    "silencers": "inhibitor",
    # target_mentions.allosteric_abbreviation: "a GABAA receptor PAM": a positive or negative
    # allosteric modulator is written by its initials as often as in full.
    "PAM": "modulator",
    "PAMs": "modulator",
    "NAM": "modulator",
    "NAMs": "modulator",
    # target_mentions.receptor_agonist_abbreviation: "the GLP-1 RA, semaglutide": a receptor
    # agonist written by its initials.
    "RA": "agonist",
    "RAs": "agonist",
    # target_mentions.hormone_analog: "a long-acting amylin analog", "a GLP-1 analogue": a
    # drug built on a hormone acts on that hormone's receptor (only target-shaped words count:
    # "a nucleoside analog" names no target).
    "analog": "agonist",
    "analogs": "agonist",
    "analogue": "agonist",
    "analogues": "agonist",
}
_ACTION_RE = re.compile(r"\b(%s)\b" % "|".join(_ACTIONS))
#: target_mentions.carrier; "a CLDN6–targeting ADC": news writes an en dash as often as a hyphen.
_CARRIER_RE = re.compile(
    # target_mentions.isotype: "an immunoglobulin G4 monoclonal antibody", "a humanised IgG2
    # monoclonal antibody" (IgE stays a target): the antibody's class, not its target.
    r"(?<![\w-])(?<!immunoglobulin )(?!Ig[GA][1-4](?![\w-]))(%s)(?: ligand)?"
    r"(?:[-– ](?:targeting|targeted|directed))?\s+"
    r"(?:(?:monoclonal|bispecific|humanized|fully human)\s+)?"
    r"(antibody-drug conjugate|antibody drug conjugate|ADC|antibody|bispecific|CAR-T|"
    r"checkpoint inhibitor|fusion protein|siRNA|degrader|antibodies)\b"
    # "aquaporin-4 antibody-positive": an antibody the disease makes, not a drug's target.
    r"(?![- ](?:positive|negative|titers?|levels?|status|seropositive))"
    # target_mentions.platform_name: "its ABCDE ADC platform technology": a capitalised name
    # before a carrier that is a platform, a linker or a payload is the maker's technology.
    r"(?!\s+(?:platforms?|technology|technologies|linkers?|payloads?)\b)" % _T
)
#: target_mentions.apposed_class: a plural carrier ("X antibodies") names a class of drugs
#: ("a developer of X-targeting antibodies", "than X-only antibodies"), a mechanism only when
#: set off after the drugs it describes ("A and B, the X antibodies").
_APPOSED_CLASS = re.compile(r",\s+(?:the|two|both)\s+(?:[\w-]+\s+){0,3}$")
_SELECTIVE_RE = re.compile(r"(?<![\w-])(%s)-(?:selective|specific)\b" % _T)
#: target_mentions.anti; "an anti X monoclonal antibody": the hyphen is sometimes left out.
_ANTI_RE = re.compile(r"\b[Aa]nti[- ](%s(?:\s*/\s*%s)*)" % (_T, _T))
#: Words every match of the patterns above contains (loaders/extract/cues.py).
_CARRIER_CUE = Cue(
    ["antibody", "antibodies", "ADC", "bispecific", "CAR-T", "siRNA", "degrader"]
    + ["checkpoint inhibitor", "fusion protein"],
    pattern=_CARRIER_RE,
)
_SELECTIVE_CUE = Cue(["-selective", "-specific"], pattern=_SELECTIVE_RE)
_BLOCKADE_RE = re.compile(r"\b(?:blockade|inhibition)(?=\s+(?:with|using|by)\s+[A-Za-z])")
_BLOCKADE_CUE = Cue(["blockade", "inhibition"], pattern=_BLOCKADE_RE, lead=0)
#: target_mentions.patient_antibody: "patients who are anti-acetylcholine receptor
#: (AChR)-positive", "anti-MuSK antibody positive": antibodies the patients make, a biomarker
#: (the annotation guidelines' "an antibody the disease produces"), never a drug's target.
_PATIENT_ANTIBODY_AFTER = re.compile(
    # "anti-AChR and anti-MuSK antibody positive", "anti-AChR and anti-MuSK Ab+ gMG": two
    # antibodies share the status after the second.
    r"(?:\s+(?:and|or)\s+anti-[^,.;()]{1,50}?(?:\s*\([^()]{1,20}\))?(?=\s))?"
    r"(?:[\s-]+(?!(?:in|for|with|of|and|or|to|than|at)\b)[a-z]+){0,3}?(?:\s*\([^()]{1,20}\))?"
    r"(?:\s*-?\s*(?:auto)?(?:antibod(?:y|ies)[- ]?)?"
    r"(?:positive|negative|seropositive|seronegative)\b|\s+(?:Ab|antibody|antibodies)[+−-](?!\w))"
)
_ANTI_CUE = Cue(["anti-", "Anti-", "anti ", "Anti "], pattern=_ANTI_RE, lead=0)
#: Every match of these starts with one of the words: they are tried only there.
_ACTION_CUE = Cue(_ACTIONS, pattern=_ACTION_RE, lead=0)
_TARGETING_RE = re.compile(
    # The lookahead (first letters of the alternatives) only lets the engine skip other words.
    r"\b(?=(?i:[abcdeiklmnrst]))(?i:targets|targeting|targeted against|directed against|"
    # target_mentions.directed_at: "an antibody-drug conjugate (ADC) directed at c-MET".
    r"directed at|directed to(?:wards?)?|"
    r"(?:antibody|antibodies|ADCs?|conjugates?|bispecifics?|CAR-Ts?) against|binds to|"
    r"binding to|blocks|"
    # target_mentions.base_verb (see `_BASE_VERB`): "designed to selectively inhibit X".
    r"blocking|inhibits|inhibiting|inhibit|block|activates|activating|sequesters|sequestering|neutralizes|"
    r"neutralizing|neutralises|neutralising|antagonizes|degrades|traps|trapping|captures|"
    r"binds|binding|"
    # "designed to activate immune cells ... by anchoring to fibroblast activation protein (FAP)"
    r"anchors to|anchoring to|"
    # target_mentions.silencing_verb: "ARO-DM1, which aims to suppress DMPK in muscle", "knocks
    # down X": what an RNA drug lowers is its target.
    r"suppress(?:es|ing)?|knocks? down|knocking down|"
    # target_mentions.editing_verb: "designed to inactivate the TTR gene", "works by switching
    # off a gene called ANGPTL3", "knocks out PCSK9": what a gene-editing drug disables.
    r"inactivat(?:es|e|ing)|(?:switch|turn)(?:es|s|ing)? off|knock(?:s|ing)? out|"
    # target_mentions.expression_verb: "designed to lower the expression of the TMPRSS6 gene".
    r"(?:lower|reduce|decrease)(?:s|ing)? (?:the )?(?:expression|production) of|"
    r"engages [\w-]+ cells through|binds (?:[\w-]+\s+){0,4}?(?:on|to)|"
    r"silenc(?:es|e|ing) (?:the )?(?:messenger RNA|mRNA|gene|expression)"
    r"(?: that encodes| encoding| of| for)?|"
    # target_mentions.of_object: "a positive allosteric modulator (PAM) of the M4 receptor":
    # the action's own short form may stand before "of".
    # target_mentions.superagonist: "a highly selective superagonist of the 5-HT2C receptor".
    r"(?:(?:super)?agonist|antagonist|inhibitor|blocker|modulator|degrader|activator)s?"
    r"(?: \([A-Z]{2,5}s?\))? of|"
    # target_mentions.plural_verb: "immunotherapies that target X", "designed to target X".
    r"(?<=that )target|(?<=which )target|(?<=to )target)"
    # target_mentions.verb_object: "the dual-blocking of A and B" (a gerund and "of");
    # target_mentions.state_adjective: "target toxic amyloid beta", "inhibits mutant KRAS": a
    # word for the protein's harmful state stands before its name (target_state_adjectives).
    # target_mentions.object_filler: "targets the protein Trop2", "of the muscarinic M4
    # receptor": a head word or a receptor family's ligand before the symbol (the family word
    # joins the name again in _with_ligand_family).
    # "targets the antigen MAGE-A4", "targets a patient's PCSK9 genes".
    r"\s+(?:(?:both|the|either|human|of|proteins?|antigens?|all|major|forms?|%s)\s+|"
    r"an?\s+(?:patient|person)['’]s\s+|"
    # target_mentions.channel_apposition: "blocking a specific sodium channel, Nav1.8".
    r"(?:an?\s+)?(?:specific\s+)?(?:sodium|potassium|calcium|chloride|ion)\s+channels?,?\s+|"
    # target_mentions.named_object: "targets an enzyme called MEK", "inhibits the activity of
    # APRIL": the object named after its kind or its activity.
    # "targets an immunomodulatory receptor called Siglec-15": up to two describing words.
    r"(?:an?\s+)?(?:[a-z][\w-]+\s+){0,2}?(?:enzyme|protein|kinase|receptor|gene)\s+"
    r"(?:called|named|known\s+as)\s+|"
    r"(?:the\s+)?(?:(?:abnormal|aberrant|excess)\s+)?(?:activity|function|action|expression)\s+"
    r"of\s+(?:the\s+)?|"
    # target_mentions.counted_class_apposition: "inhibit two key cytokines driving
    # inflammatory processes, IL-17A and IL-17F": the class, then its members.
    r"(?:two|three|both)\s+(?:key\s+|major\s+|inflammatory\s+)*(?:cytokines|proteins|"
    r"receptors|enzymes|kinases)(?:\s+[a-z][\w-]*){0,4}?,\s+|"
    r"(?:%s)\s+(?=(?:\d-)?[A-Z]{1,3}\d))*"
    % ("|".join(_V["target_state_adjectives"]), "|".join(_V["target_receptor_family_ligands"]))
)
_TARGETING_CUE = Cue(
    ["target", "directed", "antibod", "adc", "conjugate", "bispecific", "car-t", "bind", "block"]
    + ["inhibit", "activat", "sequester", "neutrali", "antagoni", "degrade", "trap", "capture"]
    + ["engage", "silenc", "agonist", "superagonist", "modulator", "anchor", "suppress", "knock"]
    + ["lower", "reduc", "decreas", "inactivat", "switch", "turn"],
    ignore_case=True,
    pattern=_TARGETING_RE,
    lead=0,
)
#: target_mentions.participle: "a C3 inhibiting nanobody", "a CD19 targeting antibody": the target
#: before a participle that describes a drug noun.
_PARTICIPLE_RE = re.compile(
    r"(?<=[\w)] )(inhibiting|blocking|targeting)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:nanobody|nanobodies|antibody|antibodies|ADCs?|bispecifics?|molecules?|agents?|drugs?|"
    r"therap(?:y|ies)|peptides?|conjugates?)\b"
)
_PARTICIPLE_ACTIONS = {"inhibiting": "inhibitor", "blocking": "blocker", "targeting": None}
#: Action word of "agonist of the X": the relation keeps it.
_OF_ACTION = re.compile(
    r"(agonist|antagonist|inhibitor|blocker|modulator|degrader|activator)s?"
    r"(?: \([A-Z]{2,5}s?\))? of"
)
#: "the amylin receptor", "endothelin receptors": a lower-case ligand named with its receptor.
_LOWER_RECEPTOR = re.compile(
    r"([a-z][a-z0-9-]{3,})(?:(?: type)? ([A-Z])(?= receptor))? receptors?"
    r"(?: (?:[1-9]|alpha|beta|[αβ])(?![\w-]))?(?![\w-])"
)
_NOT_LIGAND = set(_V["target_not_ligand_words"])
_SKIP_LEFT = set(_V["target_skip_left_words"])


def _clean(token: str) -> str | None:
    token = token.strip(" ,;")
    if not token or token in _NOT_TARGET or not _T_FULL.match(token):
        return None
    if GENE_SUBTYPE.fullmatch(token):
        return None  # target_mentions.gene_subtype: "target FUS-ALS" names a disease
    if token.isdigit() or re.fullmatch(r"[A-Z]", token):
        return None
    return token


def _mention(
    doc: Doc,
    start: int,
    end: int,
    mech: tuple[int, int],
    action: str | None,
    receptor: bool = False,
) -> Mention:
    cut = (
        re.search(
            # "an activin-signaling inhibitor": the signalling of the target is acted on.
            r"[-–](?:directed|targeting|targeted|specific|selective|binding|blocking|based|"
            r"signaling|signalling)$",
            doc.text[start:end],
            re.I,  # "HER2-Directed" in a title-case headline
        )
        or _DESCRIPTIVE_TAIL.search(doc.text[start:end])
    )
    if cut and cut.start() <= 1:
        cut = None  # "α-synuclein": a lone Greek letter is the name's start, not a symbol
    if cut:
        end = start + cut.start()
    else:
        # "OX40 ligand" is not OX40; "HIV-1 capsid", "IL-4 receptor alpha" name one molecule.
        tail = _NAME_TAIL.match(doc.text, end)
        if tail and not doc.text[start:end].endswith(("ligand", "capsid", "protein")):
            end = tail.end()
    text = doc.text[start:end]
    name = re.sub(r"^CD (\d)", r"CD\1", text).replace("ß", "β")
    forms: list[str] = []
    abbr = doc.abbreviation_defined_at(start)
    if abbr and abbr.short.startswith(f"{text} "):
        abbr = None  # "(GLP-1 RA)": the short form of the drug class, not of the target
    if abbr:
        greek = _GREEK_AFTER_PAREN.match(doc.text, end)
        if greek:  # target_mentions.greek_after_parenthesis
            name = f"{name}-{greek.group(1).replace('ß', 'β')}"
            forms.append(f"{abbr.long} {_GREEK_NAMES[name[-1]]}")
        forms.append(abbr.long + (" receptor" if receptor else ""))
    if receptor and not name.endswith("receptor"):
        forms.append(name)
        name = f"{name} receptor"
    if name != text and text not in forms:
        forms.append(text)
    if "integrin" in name:  # target_mentions.greek_integrin: the chains alone name it too
        forms.append(name.replace("integrin", "").strip())
    props = {"_mech": mech}
    if action:
        props["_action"] = action
    return Mention("Target", start, end, text, name, tuple(forms), props)


#: target_mentions.descriptive_tail: "PD-1/IL-2α-bias bispecific", "HER2-positive": a lower-case
#: word glued to a symbol describes the drug or the cells, it is no part of the target's name
#: (a Greek letter's name is: "TNF-alpha").
_DESCRIPTIVE_TAIL = re.compile(
    r"(?<=[A-Z0-9αβγδεκ])[-–](?!(?:alpha|beta|gamma|delta|kappa)$)[a-z]{4,}$"
)
#: target_mentions.greek_after_parenthesis: "transforming growth factor (TGF)-β": the Greek
#: letter after the defined short form belongs to it (a German "ß" is often typed for "β").
_GREEK_AFTER_PAREN = re.compile(r"\)[-–]?([αβγδß])(?![\w-])")
_GREEK_NAMES = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta"}
#: A receptor chain's Greek letter, spelled or written ("IL-4 receptor alpha", "receptor β").
_CHAIN = r"(?:alpha|beta|gamma|[αβγ])"
#: Words after a symbol that make it another molecule: its ligand, a viral protein, a subunit.
_NAME_TAIL = re.compile(
    r"[ -](?:ligand|capsid|integrin|(?:[A-Z] |spike |envelope |surface )?protein|"
    r"receptor (?:[1-9]|%s)(?![\w-]))(?![\w-])" % _CHAIN
)
_LPA = re.compile(r"(?:Lp|[Aa]po)\(a\)")
_GREEK_SUBUNITS = {"α", "β", "γ", "δ", "alpha", "beta", "gamma", "delta"}
_LETTER_SUBTYPE = re.compile(r"\b([a-z]{4,})(?: type)? ([A-Z])\s*$")
_FACTOR_BEFORE = re.compile(r"\b((?:complement )?[Ff]actor (?:[IVX]+a?|[A-Z]))\s+$")
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
#: A lower-case ligand before "receptor": "estrogen", "gonadotropin-releasing".
_LIGAND_WORD = re.compile(r"[a-z]{4,}(?:-[a-z]{4,})*|[a-z]{4,}(?:-[a-z]{4,})* hormone")
#: "gonadotropin-releasing hormone receptor", "thyroid hormone receptor": the ligand is two words.
_HORMONE_BEFORE = re.compile(r"(?<![\w-])[a-z]{4,}(?:-[a-z]{4,})* hormone$")


#: target_mentions.viral_protein: "Gilead's HIV capsid inhibitor lenacapavir": a virus's
#: protein is a target though the virus alone never is (`not_targets`).
_VIRAL_PROTEIN_BEFORE = re.compile(
    r"(?<![\w-])((?:HIV(?:-[12])?|HBV|HCV|RSV|CMV|HSV|EBV) (?:capsid|polymerase|integrase|"
    r"protease|F protein|fusion protein))[- ]$"
)


#: target_mentions.base_verb: a verb's bare form names a drug's action only as an infinitive
#: ("designed to selectively inhibit Factor XI"), never after a plural class ("antipsychotics,
#: which mainly block dopamine D2 receptors").
_BASE_VERB = re.compile(r"(?i:inhibit|block)\s")
_INFINITIVE_BEFORE = re.compile(r"\bto\s+(?:[a-z]+ly\s+)?$")
_SIGNALING_TAIL = re.compile(r"[-–‑](?:signal(?:l)?ing|selective|specific)$")


#: target_mentions.adrenergic_subtype: the Greek letter and number before "adrenergic".
_ADRENERGIC_SUBTYPE = re.compile(
    r"(?<![\w-])(alpha|beta|[Aa]lpha|[Bb]eta|α|β)[-‑ ]?(\d[A-Da-d]?)[-‑ ]adrenergic$"
)
#: target_mentions.spelled_after_symbol: "GnRH (gonadotropin-releasing hormone)" before an action.
_SPELLED_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9-]{1,8}) \(([a-z][a-z -]{5,60})\)\s*$")


def _targets_left_of(doc: Doc, pos: int, mech_end: int, action: str | None) -> list[Mention]:
    """Targets written before an action word: "FcRn antagonist", "GCG/GLP-1 receptor agonist"."""
    text = doc.text
    out: list[Mention] = []
    viral = _VIRAL_PROTEIN_BEFORE.search(text, max(0, pos - 40), pos)
    if viral:
        s, e = viral.start(1), viral.end(1)
        props = {"_mech": (s, mech_end), **({"_action": action} if action else {})}
        return [Mention("Target", s, e, text[s:e], text[s:e], (), props)]
    factor = _FACTOR_BEFORE.search(text, max(0, pos - 40), pos)
    if factor:  # "factor B inhibitor", "Factor XIa inhibitor": a two-word name
        s, e = factor.start(1), factor.end(1)
        return [_mention(doc, s, e, (s, mech_end), action)]
    i = pos - 1 if text[pos - 1 : pos] == "-" else pos  # "EGFR-TKI"
    # target_mentions.spelled_after_symbol: "a GnRH (gonadotropin-releasing hormone)
    # antagonist": the symbol's spelled-out name in brackets between it and the action.
    spelled = _SPELLED_BEFORE.search(text, max(0, i - 80), i)
    if spelled and spelled.group(1)[0].lower() == spelled.group(2)[0]:
        i = spelled.start(1) + len(spelled.group(1))
    receptor = False
    subunit: tuple[str, int] | None = None
    while True:
        lo = max(0, i - 120)
        m = _LAST_TOKEN.search(text, lo, i)
        if not m:
            break
        tok = _SIGNALING_TAIL.sub("", m.group(1))  # "an activin-signaling inhibitor"
        bare = tok.strip("(),;")
        # target_mentions.lipoprotein_a: "an Lp(a) inhibitor" (the parenthesis is part of the name).
        # "a lipoprotein(a) [Lp(a)] inhibitor": a short form in square brackets too.
        lpa = _LPA.fullmatch(tok.rstrip(",;").strip("[]"))
        if lpa and not out:
            s = m.start(1) + tok.startswith("[")
            out.append(_mention(doc, s, s + len(lpa.group(0)), (s, mech_end), action))
            break
        # target_mentions.receptor_subunit: "thyroid hormone receptor β agonist": the receptor's
        # Greek-letter isoform is part of its name; so is its number ("orexin receptor 2 agonist").
        step = _receptor_subunit(text, m, bare) if not (out or receptor or subunit) else None
        if step is not None:
            subunit, i = step
            receptor = True
            continue
        # "adenosine A2A receptor": before "receptor" the shape is a subtype, not a mutation.
        if re.fullmatch(r"[A-Z]\d{1,4}[A-Z]", bare) and not out and not receptor:
            i = m.start()  # "KRAS G12C inhibitor": the target is the gene before the mutation
            continue
        if bare.lower() in _SKIP_LEFT and not out:
            receptor = receptor or bare.lower() == "receptor"
            i = m.start()
            continue
        # "endothelin A receptor antagonist", "endothelin type A receptor": a letter subtype.
        sub = _LETTER_SUBTYPE.search(text, max(0, i - 40), i) if receptor and not out else None
        if sub:
            out.append(_letter_subtype_target(text, sub, mech_end, action))
            break
        if re.search(r"-(?:based|derived)$", bare):
            break  # "an FMC63-based binder": an antibody clone, not a target
        # "estrogen receptor degrader", "androgen receptor inhibitor", a hyphenated ligand
        # ("gonadotropin-releasing receptor") or "<ligand> hormone receptor".
        if receptor and not out:
            tok, ligand = _ligand_receptor(text, m, tok, subunit, mech_end, action)
            if ligand is not None:
                if ligand.text == ligand.name or ligand.forms:
                    out.append(ligand)
                break
        if _split_symbols(bare) and not out:  # "CDK4/6 inhibitors": split later
            s = m.start(1) + tok.index(bare)
            out.append(_mention(doc, s, s + len(bare), (s, mech_end), action, receptor))
            break
        # "(SF)" with long form before, or "SF" after a slash.
        # "mTORC1/2" stays one piece (split into mTORC1, mTORC2 later, like "CDK4/6").
        pieces = _slash_pieces(tok, m.start())
        found = [
            _mention(doc, s, e, (s, mech_end), action, receptor)
            for s, e in reversed(pieces)
            if _clean_symbol(text[s:e])
        ]
        out.extend(found)
        if not found:
            break
        i = m.start()
        # Step over the long form of an abbreviation: "neonatal Fc receptor (FcRn)".
        abbr = doc.abbreviation_defined_at(pieces[0][0])
        if abbr:
            i = abbr.long_start
        prev = text[max(0, i - 5) : i].rstrip()
        if prev.endswith("/"):
            i = i - (len(text[max(0, i - 5) : i]) - len(prev)) - 1
            continue
        coordinated = _coordinated_symbol_before(text, i)
        if coordinated is not None:
            i = coordinated
            continue
        break
    return out


#: target_mentions.coordinated_head: "an IL-4 and IL-13 inhibitor", "PD-1, LAG-3 and TIGIT
#: antagonists": symbols coordinated before one action word share it; only a known
#: gene/protein symbol before the "and"/"or"/comma ("mutant and HER2 inhibitor" is no pair).
_COORD_BEFORE = re.compile(r"(?:\s*,)?\s+(?:and|or|&)\s+$|\s*,\s+$")


def _coordinated_symbol_before(text: str, i: int) -> int | None:
    """Where to read on when a known symbol is coordinated before position `i`, else None."""
    coord = _COORD_BEFORE.search(text, max(0, i - 8), i)
    if coord is None:
        return None
    tok = _LAST_TOKEN.search(text, max(0, coord.start() - 40), coord.start())
    if tok is None or tok.end(1) != coord.start():
        return None
    bare = tok.group(1)
    known = lookup(bare) or lookup(bare.replace("-", ""))  # "LAG-3" is LAG3
    return coord.start() if _clean(bare) and known else None


def _receptor_subunit(text: str, m: re.Match, bare: str) -> tuple[tuple[str, int], int] | None:
    """target_mentions.receptor_subunit: "thyroid hormone receptor β agonist": the receptor's
    Greek-letter isoform is part of its name; so is its number ("orexin receptor 2 agonist").
    The subunit and its end, and where to read on (before "receptor"); None when the token is
    no subunit of a receptor."""
    if bare not in _GREEK_SUBUNITS and not re.fullmatch(r"[1-9]", bare):
        return None
    prev = _LAST_TOKEN.search(text, max(0, m.start() - 30), m.start())
    if prev and prev.group(1) == "receptor":
        # "orexin receptor 2–selective agonist": the subunit ends at its own last character.
        return (bare, m.start(1) + m.group(1).index(bare) + len(bare)), prev.start()
    return None


def _letter_subtype_target(text: str, sub: re.Match, mech_end: int, action: str | None) -> Mention:
    """ "endothelin A receptor antagonist", "endothelin type A receptor": a letter subtype."""
    s, e = sub.start(), sub.end()
    name = f"{sub.group(1)} {sub.group(2)} receptor"
    props = {"_mech": (s, mech_end), **({"_action": action} if action else {})}
    forms = (text[s:e] + " receptor",) if sub.group(0) != f"{sub.group(1)} {sub.group(2)}" else ()
    end = e + len(" receptor")
    return Mention("Target", s, end, text[s:end], name, forms, props)


def _ligand_receptor(
    text: str,
    m: re.Match,
    tok: str,
    subunit: tuple[str, int] | None,
    mech_end: int,
    action: str | None,
) -> tuple[str, Mention | None]:
    """ "estrogen receptor degrader", "androgen receptor inhibitor", a hyphenated ligand
    ("gonadotropin-releasing receptor") or "<ligand> hormone receptor": the receptor named by
    its ligand. Returns the token read (two words for "<ligand> hormone") and the mention, or
    None when the token is no ligand word."""
    hormone = _HORMONE_BEFORE.search(text, max(0, m.start(1) - 40), m.end(1))
    if tok == "hormone" and hormone:
        s = hormone.start()
        tok = text[s : m.end(1)]
    else:
        s = m.start(1)
    subtype = None
    if tok.endswith("adrenergic"):
        # target_mentions.adrenergic_subtype: "a beta-3 adrenergic receptor agonist", "a
        # β3-adrenergic receptor agonist": the receptor's Greek letter and number name it.
        subtype = _ADRENERGIC_SUBTYPE.search(text, max(0, s - 12), s + len(tok))
        if subtype:
            s = subtype.start()
            tok = "adrenergic"
    if not _LIGAND_WORD.fullmatch(tok) or tok in _NOT_LIGAND:
        return tok, None
    e = s + (len(subtype.group(0)) if subtype else len(tok)) + len(" receptor")
    name = f"{tok} receptor"
    if subtype:
        greek = {"α": "alpha", "β": "beta"}.get(subtype.group(1), subtype.group(1).lower())
        name = f"{greek}-{subtype.group(2)} adrenergic receptor"
    if subunit is not None:
        name, e = f"{name} {subunit[0]}", subunit[1]
    props = {"_mech": (s, mech_end), **({"_action": action} if action else {})}
    forms = (text[s:e],) if subtype and text[s:e] != name else ()
    return tok, Mention("Target", s, e, text[s:e], name, forms, props)


def _slash_pieces(tok: str, offset: int) -> list[tuple[int, int]]:
    """The spans of a token's slash-separated parts, without parentheses: "(SF)" with its long
    form before, or "SF" after a slash; "mTORC1/2" stays one piece (split into mTORC1, mTORC2
    later, like "CDK4/6"). "pan-PI3K", "pan-KRAS": the target named without "pan-"; a bare
    family stem ("pan-HER") is no target of its own."""
    pieces: list[tuple[int, int]] = []
    for part in re.split(r"(?<=[)\w])/(?=[(\w])(?!\d{1,2}(?![\w-]))", tok):
        core = part.strip("()")
        if core[:4].lower() == "pan-" and (re.search(r"\d", core) or lookup(core[4:])):
            core = core[4:]
        s = offset + part.index(core) if core else offset
        pieces.append((s, s + len(core)))
        offset += len(part) + 1
    return pieces


def _clean_symbol(core: str) -> bool:
    """A piece that names a target: a clean symbol, or a list ("CDK4/6") whose first is one."""
    split = _split_symbols(core)
    return bool(_clean(core) or (split and _clean(core[: split[0][1]])))


#: How far after a position the short patterns here look: a bounded window, not the rest of
#: the document (slicing the whole tail per candidate made long documents quadratic).
_AHEAD = 400


def find_targets(doc: Doc) -> list[Mention]:
    """Target mentions from mechanism phrases."""
    text = doc.text
    out: list[Mention] = []
    for m in finditer(text, _ANTI_CUE):
        if _PATIENT_ANTIBODY_AFTER.match(text, m.end()) or m.group(1).endswith(
            ("-positive", "-negative")
        ):
            continue  # target_mentions.patient_antibody: "anti-AChR antibody-positive gMG"
        for part in re.finditer(_T, m.group(1)):
            s = m.start(1) + part.start()
            if _clean(part.group(0)):
                out.append(_mention(doc, s, s + len(part.group(0)), (m.start(), m.end()), None))
    for m in finditer(text, _ACTION_CUE):
        out.extend(_targets_left_of(doc, m.start(), m.end(), _ACTIONS[m.group(1)]))
    # target_mentions.blockade_with: "PD-1 blockade with dostarlimab": the blockade is the
    # named drug's (a bare "PD-1 blockade" is a class of therapy, no drug's action).
    for m in finditer(text, _BLOCKADE_CUE):
        out.extend(_targets_left_of(doc, m.start(), m.end(), "blocker"))
    # "a CDK4-selective inhibitor", "HER2-specific"
    for m in _SELECTIVE_RE.finditer(text) if doc.has(_SELECTIVE_CUE) else ():
        if _clean(m.group(1)):
            out.append(_mention(doc, m.start(1), m.end(1), (m.start(), m.end()), None))
    for m in _CARRIER_RE.finditer(text) if doc.has(_CARRIER_CUE) else ():
        if m.group(2) == "antibodies" and not _APPOSED_CLASS.search(
            text, max(0, m.start() - 80), m.start()
        ):
            continue  # target_mentions.apposed_class
        if _clean(m.group(1)):
            out.append(_mention(doc, m.start(1), m.end(1), (m.start(), m.end()), None))
    for m in _PARTICIPLE_RE.finditer(text):  # "a complement C3 inhibiting nanobody"
        out.extend(_targets_left_of(doc, m.start(1), m.end(1), _PARTICIPLE_ACTIONS[m.group(1)]))
    for m in finditer(text, _TARGETING_CUE):
        if _BASE_VERB.match(m.group(0)) and not _INFINITIVE_BEFORE.search(
            text, max(0, m.start() - 20), m.start()
        ):
            continue  # target_mentions.base_verb: "drugs, which mainly block D2" is a class's
        act = _OF_ACTION.search(m.group(0))
        out.extend(_object_list(doc, m.start(), m.end(), _ACTIONS[act.group(1)] if act else None))
    out.extend(find_lexicon_targets(doc))
    out.extend(_enzyme_targets(doc))
    out.extend(_channel_targets(doc))
    pieces = [piece for t in out for piece in _split_bispecific(doc, t)]
    pieces = [piece for t in pieces for piece in _numbered_members(doc, t)]
    for t in pieces:
        _with_ligand_family(doc, t)
        _with_full_name(doc, t)
        _variant_gene(t)
        _ligand_shorthand(doc, t)
        _whole_curated_name(doc, t)
    return _to_defined_symbols(doc, [t for t in pieces if not _not_a_target(doc, t)])


#: target_mentions.solid_variant: "targets the KRASG12D mutation", "an EGFRT790M inhibitor": a
#: gene symbol written solid with a protein variant names the gene, the solid form an alias
#: (as "KRAS G12C inhibitor" names KRAS).
_SOLID_VARIANT = re.compile(
    r"([A-Z][A-Z0-9]{1,9}?)([ACDEFGHIKLMNPQRSTVWY]\d{1,4}[ACDEFGHIKLMNPQRSTVWY])"
)


#: target_mentions.ligand_shorthand: "PD-1/L1 inhibitors" is PD-1 and PD-L1 (news shortens
#: the ligand to the part after the receptor's letters).
_RECEPTOR_BEFORE_SHORTHAND = re.compile(r"\b([A-Z]{2,3})-\d\s*/\s*$")


def _ligand_shorthand(doc: Doc, t: Mention) -> None:
    if not re.fullmatch(r"L\d", t.name):
        return
    receptor = _RECEPTOR_BEFORE_SHORTHAND.search(doc.text, max(0, t.start - 10), t.start)
    if receptor:
        t.name = f"{receptor.group(1)}-{t.name}"
        t.props["_item_only"] = True  # "L1" alone names nothing: no alias, not searched again


def _whole_curated_name(doc: Doc, t: Mention) -> None:
    """target_mentions.whole_curated_name: "anti-tissue factor pathway inhibitor (TFPI)" names
    TFPI, not tissue factor: a mention that starts a longer curated protein name is that name."""
    whole = curated_name_at(doc.text, t.start)
    if whole is not None and whole[0] > t.end:
        t.end, t.name = whole[0], whole[1]
        t.text = doc.text[t.start : t.end]


def _variant_gene(t: Mention) -> None:
    m = _SOLID_VARIANT.fullmatch(t.name)
    if m and lookup(m.group(1)) and not lookup(t.name):
        t.forms = tuple(dict.fromkeys((*t.forms, t.name)))
        t.name = m.group(1)


#: target_mentions.enzyme_name: "an aldosterone synthase inhibitor", "a cathepsin C inhibitor",
#: "a soluble guanylate cyclase stimulator", "a cardiac myosin inhibitor": an enzyme or motor
#: protein written in full, in lower case, before the action word (target_enzyme_heads); a
#: class ("tyrosine kinase inhibitor") is no target (target_enzyme_classes).
_ENZYME_HEADS = "|".join(sorted(_V["target_enzyme_heads"], key=len, reverse=True))
_ENZYME_RE = re.compile(
    r"(?:%s)(?:\s+(?:\d{1,2}[A-Z]?|[A-Z]\d?|[IVX]+)(?![\w-]))?"
    r"\s+(inhibitor|antagonist|agonist|activator|stimulator|modulator|blocker|degrader)s?\b"
    % _ENZYME_HEADS
)
#: Every match starts with a head word: the pattern is tried only there; the lower-case
#: words before the head are read back from there.
_ENZYME_CUE = Cue(_V["target_enzyme_heads"], pattern=_ENZYME_RE, lead=0)
_WORDS_BEFORE_HEAD = re.compile(r"(?<![\w-])((?:[a-z][a-z-]{2,}\s+){0,2})$")
_ENZYME_CLASSES = set(_V["target_enzyme_classes"])
_GENERIC_LEFT = _NOT_LIGAND | _SKIP_LEFT | {"an", "a", "the", "and", "or", "of", "novel"}
#: "next-generation", "first-in-class", "once-daily", "small-molecule": a drug's qualities.
_MODIFIER_WORD = re.compile(r"-(?:generation|class|daily|weekly|monthly|molecule|acting)$")
#: Heads that name a family unless a member's number or letter follows ("kinase 4").
_NUMBERED_HEADS = {"kinase", "phosphodiesterase", "protease", "polymerase", "cathepsin"}


#: target_mentions.enzyme_complex: "a helicase-primase inhibitor": two enzymes joined by a
#: hyphen name one enzyme complex, the target (not "3-kinase", not a class word before it).
_ENZYME_BEFORE_HYPHEN = re.compile(r"(?<![\w-])([a-z]{3,}ase)-$")


def _compound_enzyme(doc: Doc, m: re.Match) -> list[Mention]:
    first = _ENZYME_BEFORE_HYPHEN.search(doc.text, max(0, m.start() - 30), m.start())
    if first is None or first.group(1) in _ENZYME_CLASSES:
        return []
    start = first.start(1)
    end = m.start() + len(doc.text[m.start() : m.start(1)].rstrip())
    name = doc.text[start:end]
    if " " in name:
        return []
    action = _ACTIONS.get(m.group(1), m.group(1))
    props = {"_mech": (start, m.end()), "_action": action}
    return [Mention("Target", start, end, name, name, (), props)]


def _enzyme_targets(doc: Doc) -> list[Mention]:
    if not doc.has(_ENZYME_CUE):
        return []
    out = []
    for m in finditer(doc.text, _ENZYME_CUE):
        if m.start() > 0 and not doc.text[m.start() - 1].isspace():
            out += _compound_enzyme(doc, m)
            continue  # "aminopeptidase", "3-kinase": the head inside a longer word
        before = _WORDS_BEFORE_HEAD.search(doc.text, max(0, m.start() - 60), m.start())
        words = ((before.group(1) if before else "") + doc.text[m.start() : m.start(1)]).split()
        while len(words) > 1 and (words[0] in _GENERIC_LEFT or _MODIFIER_WORD.search(words[0])):
            words = words[1:]
        name = " ".join(words)
        if len(words) < 2 or name in _ENZYME_CLASSES or words[-2] in _ENZYME_CLASSES:
            continue  # "kinase inhibitor", "tyrosine kinase inhibitor": a class of drugs
        if words[-1] in _NUMBERED_HEADS:
            continue  # "cyclin-dependent kinase inhibitor": a family until a member is named
        end = m.start() + len(doc.text[m.start() : m.start(1)].rstrip())
        start = end - len(name)
        if doc.text[start:end] != name:
            continue  # words joined by a line break or double space: left alone
        action = _ACTIONS.get(m.group(1), m.group(1))
        out.append(
            Mention(
                "Target", start, end, name, name, (), {"_mech": (start, m.end()), "_action": action}
            )
        )
    return out


#: target_mentions.ion_channel: "a Kv7.2/Kv7.3 potassium channel opener", "a selective Nav1.6
#: sodium channel inhibitor", "a voltage-gated sodium and T-type calcium channel blocker": an
#: ion channel named by its subtype symbol, its ion or both, before the action word; two ions
#: coordinated before one "channel" are two targets. A bare "channel blocker" names none.
_CHANNEL_SYMBOL = r"(?:Na|NA|na|K|k|Ca|CA|ca)[Vv]\d{1,2}(?:\.\d{1,2})?"
_CHANNEL_ION = (
    r"(?:(?:voltage-gated|voltage-dependent|ATP-sensitive|acid-sensing|[LNPQRT]-type)\s+)?"
    r"(?:sodium|potassium|calcium|chloride)"
)
_CHANNEL_RE = re.compile(
    r"(?<![\w.-])(?:(%s(?:/%s)*)\s+)?(?:(%s)(?:\s+and\s+(%s))?\s+)?channels?\s+"
    r"(opener|blocker|inhibitor|modulator|activator|antagonist|potentiator)s?\b"
    % (_CHANNEL_SYMBOL, _CHANNEL_SYMBOL, _CHANNEL_ION, _CHANNEL_ION)
)
_CHANNEL_CUE = Cue(["channel"], pattern=_CHANNEL_RE, lead=80)


def _channel_targets(doc: Doc) -> list[Mention]:
    out = []
    for m in finditer(doc.text, _CHANNEL_CUE):
        symbol, first_ion, second_ion, action = m.groups()
        mech = {"_mech": (m.start(), m.end()), "_action": _ACTIONS.get(action, "activator")}
        if symbol:  # "Kv7.2/Kv7.3 potassium channel": the symbols are its short name
            end = (m.end(3) if second_ion else m.end(2)) if first_ion else m.end(1)
            name = doc.text[m.start(1) : end] + " channel"
            forms = (symbol,)
            out.append(Mention("Target", m.start(1), end, name, name, forms, dict(mech)))
            continue
        for group in (2, 3):
            if m.group(group):
                name = f"{m.group(group)} channel"
                props = dict(mech)
                out.append(Mention("Target", m.start(group), m.end(group), name, name, (), props))
    return out


#: target_mentions.ligand_subtype: "bradykinin B2 receptor", "histamine H4 receptor", "adenosine
#: A2A receptor": a subtype symbol names its receptor together with the ligand word before it.
_RECEPTOR_FAMILIES = set(_V["target_receptor_family_ligands"])
_SUBTYPE_SYMBOL = r"(?:\d-)?[A-Z]{1,3}\d{1,2}[A-Z]?"
_SUBTYPE = re.compile(_SUBTYPE_SYMBOL + r"(?: receptor)?")
_WORD_BEFORE = re.compile(r"([a-z][a-z-]{3,}) $")


def _with_ligand_family(doc: Doc, t: Mention) -> None:
    receptor = t.name.endswith(" receptor")
    bare = t.name[: -len(" receptor")] if receptor else t.name
    if not _SUBTYPE.fullmatch(bare):
        return
    # target_mentions.slash_subtypes: "a dopamine D1/D5 partial agonist": the family word
    # before the first of slash-joined subtypes names each of them, "receptor" unsaid.
    first = t.start
    while not receptor and doc.text[first - 1 : first] == "/":
        prev = _SUBTYPE_BEFORE_SLASH.search(doc.text, max(0, first - 12), first - 1)
        if prev is None:
            break
        first = prev.start()
    before = _WORD_BEFORE.search(doc.text, max(0, first - 30), first)
    if before is None or before.group(1) not in _RECEPTOR_FAMILIES:
        return
    names = (t.name,) if receptor else (t.name, f"{t.name} receptor")
    t.forms = tuple(dict.fromkeys((*t.forms, *names)))
    if first == t.start:
        t.start = before.start(1)
        t.text = doc.text[t.start : t.end]
    t.name = f"{before.group(1)} {bare} receptor"


_SUBTYPE_BEFORE_SLASH = re.compile(r"(?<![\w-])" + _SUBTYPE_SYMBOL + "$")


#: target_mentions.full_name: "glucagon-like peptide-1 receptor", "dipeptidyl peptidase-4":
#: a full protein name written in lower case ends in a symbol-shaped word ("peptide-1"); the
#: words before it belong to the name when the lexicon knows the longer name.
_LOWER_WORDS_BEFORE = re.compile(r"((?:[a-z][\w'’-]* ){1,4})$")


def _with_full_name(doc: Doc, t: Mention) -> None:
    if not t.text[:1].islower():
        return
    before = _LOWER_WORDS_BEFORE.search(doc.text, max(0, t.start - 60), t.start)
    if before is None:
        return
    if _with_initials_name(doc, t, before.group(1).split()):
        return
    known = lexicon_forms()
    words = before.group(1).split()
    for k in range(len(words)):  # the longest known name first
        # target_mentions.anti_full_name: "anti-programmed cell death-1": the name after "anti-".
        prefix = " ".join([words[k].removeprefix("anti-"), *words[k + 1 :]])
        for tail in (t.name, t.text):
            full = f"{prefix} {tail}"
            if full.lower() in known:
                # The old short forms ("peptide-1") are cut names, not aliases.
                t.forms = tuple(f for f in t.forms if f not in {t.name, t.text})
                t.start = t.end - len(t.text) - len(prefix) - 1
                t.name = full
                t.text = doc.text[t.start : t.end]
                return


#: target_mentions.initials_name: "glucose-dependent insulinotropic polypeptide receptor" (GIP
#: receptor), "glucagon like peptide-1 receptor" (GLP-1 receptor): a spelled-out ligand whose
#: words' initials (a hyphenated word gives one initial or one per part, the last word's
#: number kept) spell a known gene/protein symbol names that symbol's receptor; the cut
#: ("polypeptide receptor", "peptide-1 receptor") is no target.
_LIGAND_NUMBER = re.compile(r"([a-z]+)(-\d{1,2})?$")
_INITIALS_SKIP = {"a", "an", "the", "and", "or", "of", "dual", "oral", "selective", "novel"}
_INITIALS_STOP = _INITIALS_SKIP | {"against", "to", "for", "with", "by", "on", "in", "at", "from"}


def _initials(words: list[str]) -> list[str]:
    """Every spelling of the words' initials (one per word, or one per hyphenated part)."""
    spellings = [""]
    for w in words:
        parts = [p for p in w.split("-") if p]
        options = {w[0], "".join(p[0] for p in parts)}
        spellings = [s + o for s in spellings for o in options]
    return [s.upper() for s in spellings]


def _with_initials_name(doc: Doc, t: Mention, before: list[str]) -> bool:
    first, _, tail = t.name.partition(" ")
    ligand = _LIGAND_NUMBER.fullmatch(first)
    if ligand is None or not tail.startswith("receptor"):
        return False
    number = ligand.group(2) or ""
    for k in range(len(before)):  # the longest run of words first
        words = before[k:] + [ligand.group(1)]
        if len(words) < 2 or any(w in _INITIALS_STOP or not w[:1].isalpha() for w in words):
            continue
        if not number and not any("-" in w for w in words):
            continue  # a spelled name carries a hyphenated word or a number ("peptide-1")
        for acronym in _initials(words):
            symbol = acronym + number
            # A curated ligand too ("calcitonin gene-related peptide" is CGRP, whose gene
            # symbol is another: the shorter run's "GRP" would be a different protein).
            if len(acronym) >= 3 and (lookup(symbol) or symbol.lower() in lexicon_forms()):
                start = t.start - len(" ".join(before[k:])) - 1
                full = doc.text[start : t.end]
                t.forms = (full if full.endswith(tail) else f"{full} {tail}",)
                t.start, t.name = start, f"{symbol} {tail}"
                t.text = doc.text[t.start : t.end]
                return True
    return False


#: After a symbol: an HLA restriction ("HLA-A*02:01-restricted"), a clone or scaffold.
#: target_mentions.pathway_pair: the members of a pathway named by two or more families
#: ("the JAK/STAT pathway", "PI3K/AKT/mTOR signalling") are no drug's targets.
_PATHWAY_AFTER = re.compile(
    r"(?:/[\w-]+)+\s+(?:signal(?:l)?ing\s+)?pathways?\b|(?:/[\w-]+)+\s+signal"
)
_PATHWAY_MEMBER_BEFORE = re.compile(r"[\w-]+/$")
_PATHWAY_AFTER_LAST = re.compile(r"(?:/[\w-]+)*\s+(?:signal(?:l)?ing\s+)?(?:pathways?|signal)")
_NOT_TARGET_AFTER = re.compile(r"\*|-restricted\b|[- ](?:based|derived)\b")
#: A receptor class named as background therapy ("on stable ACE inhibitors or ARBs").
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:stable|background|standard|concomitant|prior|receiving|taking|maximally tolerated|"
    r"on)\s+(?:(?:doses? of|dose|an?|the)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:(?:inhibitors|blockers|antagonists)\s*,?\s+(?:or|and|and/or)\s+(?:[\w-]+\s+){0,2})?$"
)


#: target_mentions.name_modifier: "IL-2-inducible tyrosine kinase (ITK)": a symbol joined to a
#: lower-case word that goes on into a longer name modifies that name; it is no target.
_MODIFIER_TOKEN = re.compile(r"[A-Z0-9]-[a-z]{4,}$")
_LONGER_NAME = re.compile(r"(?: [a-z][\w-]*){1,4} \([A-Za-z0-9-]{2,10}\)")


#: target_mentions.whole_system: "inhibits the complement system", "the complement cascade":
#: a whole system is where a drug acts, not its target (the component it binds is: "C5").
_SYSTEM_AFTER = re.compile(r"\s+(?:system|cascade)\b")


def _not_a_target(doc: Doc, t: Mention) -> bool:
    text = doc.text
    if t.name in {"TCR", "TCRs", "T-cell receptor"} or _NOT_TARGET_AFTER.match(text, t.end):
        return True
    if _SYSTEM_AFTER.match(text, t.end):
        return True  # target_mentions.whole_system
    if _PATHWAY_AFTER.match(text, t.end) or (
        _PATHWAY_MEMBER_BEFORE.search(text, max(0, t.start - 12), t.start)
        and _PATHWAY_AFTER_LAST.match(text, t.end)
    ):
        return True  # target_mentions.pathway_pair: "blocks the JAK/STAT pathway"
    if _MODIFIER_TOKEN.search(t.text) and _LONGER_NAME.match(text, t.end):
        return True
    tail = re.match(
        r"\s*(?:receptor\s+)?(inhibitors|blockers|antagonists)\b", text[t.end : t.end + _AHEAD]
    )
    if tail and _BACKGROUND_BEFORE.search(text, max(0, t.start - 90), t.start):
        return True
    return False


_SUBUNIT_WORDS = ("alpha", "beta", "α", "β", "subunit", "alpha subunit")
#: target_mentions.receptor_subunit_symbol: "anti-interleukin-4 receptor a-subunit (IL-4Rα)": a
#: ligand's name followed by "receptor" and a subunit (a Greek letter, its name or a Latin "a"
#: standing for it, with or without "subunit"/"chain") is the receptor subunit the text defines.
_SUBUNIT_REST = re.compile(
    r"(?:receptor\s*)?(?:(?:alpha|beta|gamma|[αβγab])(?:[- ](?:subunit|chain))?|subunit)"
)


def _to_defined_symbols(doc: Doc, targets: list[Mention]) -> list[Mention]:
    """ "interleukin-4 receptor" names IL-4Rα when the text defines "... alpha (IL-4Rα)"."""
    # Only an abbreviation whose long form ends in one of the suffixes can rename a target.
    candidates = [a for a in doc.abbreviations if a.long.strip().lower().endswith(_SUBUNIT_WORDS)]
    for t in targets:
        for a in candidates:
            long = a.long.lower()
            if a.short == t.name or not long.startswith(t.name.lower()):
                continue
            rest = long[len(t.name) :].strip()
            if rest in _SUBUNIT_WORDS or (rest and _SUBUNIT_REST.fullmatch(rest)):
                t.forms = tuple(dict.fromkeys((*t.forms, t.name, a.long)))
                t.name = a.short
    return targets


_RECEPTOR_TYPES = re.compile(r" (?:sub)?types? \d(?:(?:, \d)*,? (?:and|or) \d)?(?![\w.])")
_SUBUNIT_AFTER = re.compile(r" " + _CHAIN + r"(?![\w-])")
_APPOSED_ITEM = re.compile(
    r",\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,6}[a-z][\w-]*,\s+(?:and|or)\s+(?:the\s+)?"
)


_ENZYME_OBJECT = re.compile(r"(\d{1,2}-)?([a-z]{3,}ase)(?![\w-])")
_NAMING_BEFORE = re.compile(r"\b(?:called|named|known as) $")
_NOT_ENZYME = set(_V["target_not_enzyme_words"])  # "-ase" words that name no enzyme


def _named_enzyme(text: str, pos: int) -> int | None:
    """Where an enzyme name at `pos` ends (see target_mentions.named_enzyme), else None."""
    m = _ENZYME_OBJECT.match(text, pos)
    if m is None or m.group(2) in _NOT_ENZYME:
        return None
    if m.group(1) or _NAMING_BEFORE.search(text, max(0, pos - 12), pos):
        return m.end()
    return None


def _object_list(doc: Doc, mech_start: int, pos: int, action: str | None) -> list[Mention]:
    """The targets named after a mechanism verb: "activates the A receptor and the B receptor",
    "agonist of the long form (A) and long form (B) receptors", "binds ... on HER2"."""
    text = doc.text
    items: list[Mention] = []
    while True:
        abbr = next(
            (
                a
                for a in doc.abbreviations_long_starting(pos, pos + 30)
                if re.fullmatch(r"(?:[a-z]+ )*", text[pos : a.long_start])
            ),
            None,
        )
        if abbr and _clean(abbr.short) is None and not _split_symbols(abbr.short):
            abbr = None
        low = _LOWER_RECEPTOR.match(text, pos)
        if abbr:
            s, e = abbr.short_start, abbr.short_end
            found = _mention(doc, s, e, (mech_start, e), action)
            if abbr.long_start > pos:
                found.forms = (*found.forms, text[pos : abbr.long_end])
            items.append(found)
            nxt = e + 1 + (text[e : e + 1] in '"”')
        elif low and low.group(1) not in _NOT_LIGAND and not _T_FULL.match(low.group(1)):
            s, e = low.start(), low.start() + len(low.group(1)) + len(" receptor")
            props = {"_mech": (mech_start, e), **({"_action": action} if action else {})}
            e = low.end()
            tail = text[low.end(2) + 1 if low.group(2) else low.end(1) + 1 : e]
            sub = f" {low.group(2)}" if low.group(2) else ""
            name = f"{low.group(1)}{sub} {tail}".replace("receptors", "receptor")
            forms = (text[s:e],) if text[s:e] != name else ()
            types = _RECEPTOR_TYPES.match(text, low.end())
            if types and not low.group(2):
                # target_mentions.receptor_types: "antagonist of neurokinin receptors types 1
                # and 3": one receptor per numbered type.
                for n in re.finditer(r"\d", text[types.start() : types.end()]):
                    ds = types.start() + n.start()
                    name = f"{low.group(1)} {n.group(0)} receptor"
                    items.append(Mention("Target", ds, ds + 1, n.group(0), name, (), props))
                nxt = types.end()
            else:
                items.append(Mention("Target", s, e, text[s:e], name, forms, props))
                nxt = low.end()
        elif enzyme := _named_enzyme(text, pos):
            # target_mentions.named_enzyme: "block the activity of a protein called
            # 15-lipoxygenase": an enzyme's lower-case name after a naming cue or a number.
            props = {"_mech": (mech_start, enzyme), **({"_action": action} if action else {})}
            name = text[pos:enzyme]
            items.append(Mention("Target", pos, enzyme, name, name, (), props))
            nxt = enzyme
        else:
            t = re.match(_T, text[pos : pos + _AHEAD])
            if not t or not _clean(t.group(0)):
                break
            s, e = pos, pos + len(t.group(0))
            receptor = bool(re.match(r" receptor\b", text[e : e + _AHEAD]))
            found = _mention(doc, s, e, (mech_start, e), action)
            subunit = _SUBUNIT_AFTER.match(text, e + len(" receptor")) if receptor else None
            if subunit:
                # target_mentions.receptor_subunit: "targets IL-31 receptor alpha": the
                # receptor's chain, another molecule than the ligand (no ligand alias).
                end = subunit.end()
                found = _mention(doc, s, end, (mech_start, end), action)
                found.name, found.forms = text[s:end], ()
            elif receptor:
                found = _mention(doc, s, e + len(" receptor"), (mech_start, e), action)
                found.name = f"{t.group(0)} receptor"
                found.forms = (t.group(0),)
            items.append(found)
            nxt = subunit.end() if subunit else e + (len(" receptor") if receptor else 0)
        # "targets PD-1, an immune checkpoint in tumors, and X": an apposition between items.
        aside = _APPOSED_ITEM.match(text, nxt)
        if aside:
            pos = aside.end()
            continue
        more = re.match(r"\s*(?:,|and|/|or)\s*(?:the\s+)?", text[nxt : nxt + _AHEAD])
        if not more:
            break
        pos = nxt + more.end()
    # target_mentions.defined_receptor: "of the 5-hydroxytryptamine type 2C (5-HT2C) receptor":
    # the receptor named after the defined ligand's short form.
    if len(items) == 1 and re.match(r"\s*receptor\b", text[nxt : nxt + _AHEAD]):
        t = items[0]
        if text[nxt - 1 : nxt] == ")" and not t.name.endswith("receptor"):
            t.forms = tuple(dict.fromkeys((t.name, *t.forms)))
            t.name = f"{t.name} receptor"
    # "the GLP-1 (...) and GIP (...) receptors": a head noun shared by the list.
    if items and re.match(r"\s*(?:\)\s*)?receptors\b", text[nxt : nxt + _AHEAD]):
        for t in items:
            if not t.name.endswith("receptor"):
                t.forms = tuple(dict.fromkeys((t.name, *(f"{f} receptor" for f in t.forms))))
                t.name = f"{t.name} receptor"
    return items


#: target_mentions.numbered_members: "fibroblast growth factor receptors (FGFR) 1, 2, and 3",
#: "FGFR 1, 2 and 3": a family symbol followed by its members' numbers names each member
#: (single-digit members only: each member's mention is its digit).
_MEMBER_NUMBERS = re.compile(r"\)?\s?(\d)((?:\s*,\s*\d)*,?\s+(?:and|or|&)\s+\d)(?![\w%-]|\.\d)")


def _numbered_members(doc: Doc, t: Mention) -> list[Mention]:
    if not re.fullmatch(r"[A-Z][A-Za-z]{1,6}", t.name) or not t.text.endswith(t.name):
        return [t]
    m = _MEMBER_NUMBERS.match(doc.text, t.end)
    if not m or (m.group(0).startswith(")") and "(" not in doc.text[t.start - 1 : t.start]):
        return [t]
    numbers = [m.group(1), *re.findall(r"\d", m.group(2))]
    if not all(lookup(t.name + n) for n in numbers):
        return [t]
    out = []
    for k, (n, span) in enumerate(zip(numbers, [m.span(1), *_number_spans(m)], strict=True)):
        forms = (t.name, *t.forms) if k == 0 else ()
        surface = doc.text[span[0] : span[1]]
        out.append(Mention("Target", span[0], span[1], surface, t.name + n, forms, dict(t.props)))
    return out


def _number_spans(m: re.Match) -> list[tuple[int, int]]:
    base = m.start(2)
    # Single digits only: a surface of one character is never searched for again elsewhere.
    return [(base + x.start(), base + x.end()) for x in re.finditer(r"\d", m.group(2))]


def _split_symbols(symbol: str) -> list[tuple[int, int, str]]:
    """ "CDK4/6" -> CDK4, CDK6; "PPARα/δ" -> PPARα, PPARδ: (start, end, name) of each."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z-]*?)(\d{1,2}|[αβγδεκ])((?:/(?:\d{1,2}|[αβγδεκ]))+)", symbol)
    if not m:
        return []
    base = m.group(1)
    out = [(0, m.end(2), base + m.group(2))]
    pos = m.end(2)
    for part in m.group(3).split("/")[1:]:
        pos += 1
        out.append((pos, pos + len(part), base + part))
        pos += len(part)
    return out


def _symbols_named_alone(text: str) -> frozenset[str]:
    """Numbered symbols written alone in the text ("CDK6", not "CDK4/6")."""
    return frozenset(re.findall(r"(?<![\w/-])[A-Z][A-Za-z]{1,5}\d{1,2}(?![\w/])", text))


def _split_bispecific(doc: Doc, t: Mention) -> list[Mention]:
    """ "CD3xCD20" names two targets, CD3 and CD20; "CDK4/6" names CDK4 and CDK6."""
    pieces = _split_symbols(t.text)
    # target_mentions.known_family_pair: "CDK4/6" is one target in the lexicon (the kinase
    # pair its inhibitors block together) unless the text also names a member alone ("CDK6
    # is needed for ..."); "PPARα/δ" always splits into PPARα and PPARδ.
    if pieces and t.text.lower() in lexicon_forms():
        named_alone = doc.once(_symbols_named_alone)
        if not any(name in named_alone for _, _, name in pieces):
            pieces = []
    if pieces:
        out = []
        for s, e, name in pieces:
            piece = Mention(
                "Target", t.start + s, t.start + e, t.text[s:e], name, (), dict(t.props)
            )
            out.append(piece)
        return out
    m = re.fullmatch(r"([A-Z][A-Za-z0-9-]*\d[A-Za-z]?)x([A-Z][A-Za-z0-9-]*\d[A-Za-z]?)", t.text)
    # target_mentions.known_pair: "BCMAxCD3", "TIGITxPD-1": two known symbols without the
    # digit the shape above needs on both sides.
    known = re.fullmatch(r"([A-Z][A-Za-z0-9-]+)[x×]([A-Z][A-Za-z0-9-]+)", t.text)
    if not m and known and lookup(known.group(1)) and lookup(known.group(2)):
        m = known
    if not m:
        # target_mentions.hyphen_pair: "a PIKK-HER2 conjugate" (payload target family, antibody
        # target): a family name and a known symbol joined by a hyphen. Two known symbols
        # ("BCR-ABL1", "EML4-ALK") name one fusion protein and stay whole.
        m = re.fullmatch(r"([A-Z][A-Z0-9]{2,})-([A-Z][A-Za-z0-9]{1,})", t.text)
        if not (
            m
            and lookup(m.group(2))
            and not lookup(m.group(1))
            and not lookup(t.text)
            and _clean(m.group(1))
        ):
            return [t]
    mech = t.props.get("_mech", (t.start, t.end))
    action = t.props.get("_action")
    return [_mention(doc, t.start + m.start(g), t.start + m.end(g), mech, action) for g in (1, 2)]
