# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""Company names: corporate words, legal suffixes, tickers, possessives before a drug.

"X Therapeutics", "X, Inc.", "X (NASDAQ: XXX)", "X's <drug>", "(Brand; X)",
"X, a biopharmaceutical company", plus a short list of large, well-known
pharma groups that carry no corporate word in their usual name.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from loaders.extract import fastre as re
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.drugs import CODE
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Mention
from loaders.extract.text import LOWER, UPPER, Spans, find_all

_V = vocabulary()
# Unicode-aware: "Grünenthal", "Société" are single tokens, not cut at the accented letter.
# companies.digit_initial: "3SBio", "4D Molecular": a name may start with a digit or two before
# a capital.
_TOK = (
    # companies.dotted_lowercase: "inno.N" (a lower-case word with a capital after a dot).
    rf"(?:[{UPPER}][\w&.\-]*[^\W_]|[{UPPER}]|[{LOWER}]+\.?[{UPPER}][\w\-]*"
    rf"|\d{{1,2}}[{UPPER}][\w\-]*)"
)
_NAME = r"%s(?:[ ](?:%s|&|de|of))*?" % (_TOK, _TOK)
_CORP = "|".join(sorted((re.escape(w) for w in _V["company_words"]), key=len, reverse=True))
_LEGAL = "|".join(sorted((re.escape(w) for w in _V["legal_suffixes"]), key=len, reverse=True))
_LEGAL_TAIL = r"(?:,?[ ](?:%s)(?![^\W\d_]))" % _LEGAL
#: companies.hyphen_participle: "its CRISPR Therapeutics-partnered Casgevy": a participle
#: joined to the corporate word by a hyphen ends the name (any other hyphen continues a word).
_PARTICIPLE = r"(?:%s)\b" % "|".join(_V["hyphen_participles"])
_CORP_RE = re.compile(
    r"\b(%s[ ](?:%s))(?![\w]|-(?!%s))(%s)?" % (_NAME, _CORP, _PARTICIPLE, _LEGAL_TAIL)
)
_LEGAL_RE = re.compile(
    r"\b(%s)((?:,[ ]?|[ ])(?:Inc\.|Inc\b|Ltd\.|Ltd\b|Co\., Ltd\.|Corp\.|Corporation\b|LLC\b|plc\b|"
    r"AG\b|GmbH\b|S\.A\.|A/S\b|SE\b|N\.V\.|K\.K\.|Limited\b|"
    # companies.legal_suffix_forms: "Acme Corp", "Acme BV", "Acme Co. Ltd.", "Acme Pty Ltd".
    r"Corp\b|BV\b|B\.V\.|Co\. Ltd\.|Pty Ltd\b|S\.p\.A\.|"
    # companies.legal_suffix_variants: the forms of other countries and of Asian releases
    # ("Acme AB", "Acme Oyj", "Acme ASA", "Acme SpA", "Acme Co.,Ltd.", "Acme Co., Limited",
    # "Acme Pte. Ltd.", "Acme Sdn Bhd", "Acme KK", "Acme S.L.").
    r"AB\b|ASA\b|Oyj?\b|SpA\b|SA\b|NV\b|KK\b|S\.A\.S\.|SAS\b|S\.L\.|"
    r"S\.r\.l\.|Srl\b|PLC\b|Incorporated\b|Co\.,[ ]?Ltd\b\.?|Co\.,?[ ]?Limited\b|"
    r"Pte\.?[ ]Ltd\b\.?|Sdn\.?[ ]Bhd\b\.?))" % _NAME
)
_EXCHANGES = "|".join(sorted((re.escape(x) for x in _V["stock_exchanges"]), key=len, reverse=True))
#: companies.exchange_market: "(Nasdaq Stockholm: X)", "(STAR Market: 688001)", "(SIX Swiss
#: Exchange: X)": an exchange may be followed by its market's or city's capitalised words.
_EXCHANGE = r"(?:%s)(?:[ ][A-Z][A-Za-z]+){0,3}" % _EXCHANGES
_TICKER_RE = re.compile(
    r"\b(%s)(%s)?\s*\(\s*%s(?:\s*(?:and|/|,|&)\s*%s)*\s*:\s*([A-Z0-9.]+)"
    % (_NAME, _LEGAL_TAIL, _EXCHANGE, _EXCHANGE)
)
_MARKET_LEAD = re.compile(r"(?:(?:The\s+)?(?:Shares|Stock|Stocks|Share price)\s+of\s+(?:the\s+)?)")
#: "ACME (China) Limited": a company named with the country of its legal entity.
_COUNTRY_ENTITY_RE = re.compile(
    r"\b(%s)\s+\([A-Z][a-z]+(?: [A-Z][a-z]+)?\)\s+(?:Limited|Ltd\.?|Inc\.|Co\., Ltd\.|"
    r"Corporation|Holdings)" % _NAME
)
#: companies.place_in_name: "Acme Wanlin (Jiangsu) Pharmaceutical Group Co., Ltd.": the place
#: of the legal entity inside the name, before its corporate words (the name before it is the
#: short name).
_PLACE_INSIDE_RE = re.compile(
    r"\b(%s)\s+\([A-Z][a-z]+(?: [A-Z][a-z]+)?\)\s+(?:%s)(?:[ ](?:Group|Holdings|Research))?"
    r"(?![\w-])" % (_NAME, _CORP)
)
#: The part of _COUNTRY_ENTITY_RE after the name: sentences without it cannot match.
_COUNTRY_ENTITY_PART = re.compile(r"\)\s+(?:Limited|Ltd|Inc\.|Co\., Ltd\.|Corporation|Holdings)")
#: "Acme & Co., known as AcmeX outside the US": a second name of the same company.
#: companies.which_is_known_as: "Acme, which is also known as Zenith Biopharmaceutical",
#: "Acme & Co., Inc., Rahway, NJ, USA, which operates as AcmeX outside ...", "Acme (Chinese
#: name: Zenith Bio)": the relative clause, a place written with capitals, a label for the name.
_KNOWN_AS_RE = re.compile(
    r"(?:\s*&\s*Co\.?)?(?:,?\s+(?:Inc|Ltd|LLC|plc|AG|Corp)\.?)?"
    r"(?:,\s+[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?){0,3}"  # "..., Inc., Rahway, NJ, USA"
    r"\s*,?\s*\(?(?:(?:which\s+(?:is|was)\s+)?(?:also\s+)?known as|which\s+operates\s+as|"
    r"(?:[A-Z][a-z]+\s+)?(?:legal\s+)?name\s*:)\s+"
    r"([A-Z][A-Za-z&]*(?: [A-Z][A-Za-z&]*){0,3})\b"
)
#: Where `_KNOWN_AS_RE` can match (companies.also_known_as).
_AKA_KW = re.compile(r"\b(?:known as|operates as|name\s*:)")
_GROUP_WORDS = set(_V["company_group_words"])
#: companies.phrase_not_name: "in the Gastrointestinal Therapeutic Area" (a field of medicine),
#: "the UK Medicines and Healthcare products Regulatory Agency" (a regulator): a corporate word
#: that a longer phrase goes on from names no company.
_NOT_COMPANY_AFTER = re.compile(
    r"\s+(?:[Aa]reas?\b|(?:and\s+)?(?:(?!the\b)[\w-]+\s+){0,3}(?:Regulatory\s+)?"
    r"(?:Agency|Authority)\b)"
)
#: companies.agency_name: a name ending in an agency word names a regulator or a ministry.
_AGENCY_END = re.compile(r"\b(?:Agency|Authority|Administration|Ministry)$")
#: companies.other_name: "Merck & Co. (MSD)", "MSD (tradename of Merck & Co Inc)", "Merck
#: (NYSE: MRK), known as MSD outside of the United States": one company under two names.
_OTHER_NAME_RE = re.compile(
    r"(?:\s*&\s*Co\.?)?(?:,?\s+(?:Inc|Ltd|LLC|plc|AG|Corp)\.?)?\s*"
    r"(?:\(([A-Z][A-Z&]{2,4})\)|"
    r"\((?:the\s+)?(?:trade ?name|trading name|brand name) of ([A-Z][\w&]*(?: [A-Z][\w&]*)?)|"
    r"\([^()]{1,30}\),?\s+(?:also\s+)?known as ([A-Z][A-Za-z&]*)\b)"
)
_NOT_OTHER_NAMES = set(_V["country_abbreviations"]) | {c.upper() for c in _V["currency_codes"]}
#: "Acme Bio (formerly Kestrel Labs)", "Acme Bio, formerly known as Kestrel Labs", and
#: "Kestrel Labs, now Acme Bio", "Acme Bio, the company formerly called Kestrel Labs": one
#: company under its old and new names.
_RENAMED_RE = re.compile(
    r"%s?\s*[,(]\s*(?:the company\s+)?(?:formerly|previously|now)(?:\s+(?:known as|named|called))?"
    r"\s+(%s)" % (_LEGAL_TAIL, _NAME)
)
#: "Boston-based Acme Therapeutics": the place is not part of the name.
_PLACE_BASED = re.compile(r"^(?:[^\W\d_a-z][\w.]*[\s-])*?[^\W\d_a-z][\w.]*-based\s+")
#: Title-case headline words that start a phrase, not a company name.
_GENERIC_FIRST = set(_V["company_generic_first_words"])
#: Day names start no company name (months may: "March Biosciences").
_WEEKDAYS = {w for w in _V["calendar_words"] if w.endswith("day")}
#: companies.slash_owners: "Alvotech/Stada’s Uzpruvo®": co-owners joined by a slash.
_NAME_AND = r"%s(?:[ ](?:%s|&|and|de|of)|/%s)*?" % (_TOK, _TOK, _TOK)
_POSSESSIVE_RE = re.compile(r"\b(%s)(?:['’]s|['’])(?=\s)" % _NAME_AND)
#: The field words before "company" that make "X, a ... company" a company's description
#: (companies.described_field: "a gene therapy company", "a genetic medicines company").
_FIELD = (
    r"biopharmaceutical|biotechnology|pharmaceutical|biotech|biopharma|drug|life sciences?|"
    r"therapy|therapies|therapeutics|medicines?|vaccines?|RNAi?|genomics?|oncology|"
    r"immunotherapy|immunology|ophthalmology|neuroscience"
)
#: companies.described: "Acme, a clinical-stage biopharmaceutical company"; not
#: "X, an experimental drug from the pharmaceutical firm Y" (what comes from or by a firm is
#: its product: no "from"/"by" among the describing words).
_DESCRIBED_RE = re.compile(
    r"\b(%s)(%s)?,\s+(?:a|an|the)\s+(?:(?!(?:from|by)\s)[\w-]+\s+){0,6}?"
    r"(?:%s)"
    r"\s+(?:company|firm|group|leader|developer|maker)" % (_NAME, _LEGAL_TAIL, _FIELD)
)
#: companies.described_copula: "Acme is a clinical-stage biotechnology company": the subject
#: of a sentence that says what kind of company it is.
_DESCRIBED_IS_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(%s)(%s)?\s+is\s+(?:a|an)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:%s)"
    r"\s+(?:company|firm|developer|maker)\b" % (_NAME, _LEGAL_TAIL, _FIELD),
    re.M,
)
_DESCRIBED_KEYWORD = re.compile(r"\b(?:company|firm|group|leader|developer|maker)\b")
#: Where a press release's subject starts: a sentence, a line, a dateline's dash; also
#: companies.announcer_after_byline: after a reporter's bracketed byline ("[A. Reporter, Daily]
#: Acme announced") or a leading date ("On May 3, 2025, Acme announced").
#: companies.announcer_after_date: "On 20 May, Acme announced" (a day-first date) too.
_MONTHS = [w for w in _V["calendar_words"] if not w.endswith("day")]
_ANNOUNCER_START = r"(?:^|(?<=[.!?]\s)|(?<=--\s)|(?<=[—–]\s)|(?<=\]\s)|(?<=\d,\s)|%s)" % "|".join(
    rf"(?<=\d {re.escape(m)},\s)" for m in _MONTHS
)
#: "Acme today announced": a one-word subject of a press-release verb.
_ANNOUNCER_RE = re.compile(
    # companies.lowercase_brand: "zenQure announced" (a brand's lower-case first letter)
    # companies.digit_first_announcer: "3SBio announced" (a name that starts with a digit).
    _ANNOUNCER_START
    + r"([A-Z][A-Za-z0-9-]*[A-Za-z0-9]|[a-z]{1,4}[A-Z][a-z]{2,}\w*|\d[A-Z][A-Za-z]*[a-z][A-Za-z]*)"
    r"(?:\s*\([^)]{1,40}\))?,?\s+(?:today\s+)?(?:announced|announces|reported|reports|unveiled)\b",
    re.M,
)
#: companies.announcer_name: "Zenith Antibody Technology today announced", "NOVA BIOSCIENCE
#: announced on the 13th": a press release's subject of two to four capitalised words (no
#: institution, agency or person's title among them).
_ANNOUNCER_NAME_RE = re.compile(
    _ANNOUNCER_START
    # (not a Hong Kong share name "X BIO-B", companies.hkex_b_share)
    + r"((?:[A-Z][A-Za-z0-9&-]*[A-Za-z0-9][ ]){1,3}[A-Z][A-Za-z0-9&-]*[A-Za-z0-9])(?<!-[A-Z])"
    r"(?:\s*\([^)]{1,40}\))?,?\s+(today\s+)?(?:announced|announces)\b(\s+today\b)?",
    re.M,
)
#: What tells a company from a person after the verb: "... announced on the 13th that it has".
_ORG_PRONOUN_AFTER = re.compile(r"[^.;]{0,40}?\bthat\s+(?:it|its)\b")
#: An all-capitals word or a CamelCase word is no person's name part ("NOVA", "BioNova").
_ORG_SHAPED_WORD = re.compile(r"[A-Z]{3,}|[A-Z][a-z]+[A-Z]\w*")
_NOT_ANNOUNCER_WORDS = (
    set(_V["not_person_name_unit_words"])
    | set(_V["not_person_name_institution_words"])
    | set(_V["site_heads"])
    | {t.rstrip(".") for t in _V["person_titles"]}
)
_LEADER_RE = re.compile(
    r"\b(?:biotechnology|pharmaceutical|biopharmaceutical|biotech|drug)\s+"
    r"(?:leader|company|firm|maker|developer|giant)\s+(%s)\b" % _NAME
)
#: "Acme Bio, a member of the Zenith Group": the parent group is a company of its own.
_PARENT_RE = re.compile(
    r"(?:%s|%s)\.?,?\s+(?:a|an|the)\s+(?:wholly[- ]owned\s+)?(?:member|part|subsidiary|unit|"
    r"division|affiliate)\s+of\s+(?:the\s+)?(%s[ ](?:Group|Holdings|Corporation|Corp\.|Co\.))"
    % (_CORP, _LEGAL, _NAME)
)
#: "Kite, a Gilead company": the subsidiary and its parent are both companies.
_SUBSIDIARY_RE = re.compile(r"(?<![\w-])(%s),\s+(?:a|an)\s+(%s)\s+company\b" % (_NAME, _NAME))
_SUBSIDIARY_KW = re.compile(
    r",\s+(?:a|an)\s+[^\W\d_a-z][\w&.-]*(?:\s+[^\W\d_a-z][\w&.-]*)*\s+company\b"
)
_PARENT_KW = re.compile(r"\b(?:member|part|subsidiary|unit|division|affiliate) of\b")
#: "Genzyme, Acme's rare disease unit,": the unit and its parent are both companies.
_UNIT_RE = re.compile(
    r"(?<![\w-])(%s),\s+(?:the\s+)?(%s)['’]s\s+(?:[\w-]+\s+){0,4}?"
    r"(?:unit|division|subsidiary|business|arm|affiliate|biotech arm)\b" % (_NAME, _NAME)
)
_UNIT_KW = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,4}?(?:unit|division|subsidiary|business|arm|affiliate)\b"
)
_BRAND_COMPANY_RE = re.compile(r"\([^\W\d_a-z][\w -]*;\s*(%s)\)" % _NAME)
#: companies.leading_preposition: "Unlike its predecessor X", "Despite Acme's ...": a
#: sentence-initial preposition (`sentence_initial_prepositions`) is no part of a name.
_LEADING_JUNK = re.compile(
    r"^(?:(?:About|The|A|An|In|On|At|For|From|By|With|And|Today|Also|While|As|When|Both|Led|Its|"
    r"Professor|Prof\.|Dr\.|Doctor|Meanwhile|However|Under|Per|Like|Partner|Partners|Licensee|"
    r"%s)\s+)+" % "|".join(map(re.escape, _V["sentence_initial_prepositions"]))
)
#: companies.not_company_word: words that start capitalised phrases but name no company
#: ("Deal to acquire X" in a headline, "Children", "FDA").
_NOT = set(_V["not_companies"])
_COUNTRIES = set(_V["trial_countries"])
#: "X acquired Y", "the acquisition of Y", "acquired by Y": both ends of a takeover are
#: companies even without a corporate word ("Alpine Immune Sciences", "Vertex").
#: companies.acquisition_headline: the verbs of title-case headlines and round-up items too
#: ("Sanofi To Acquire X", "Taiho Buys X", "AstraZeneca Snaps Up X", "to buy X for $1bn").
_ACQUIRE_KW = re.compile(
    r"\b(?:[Aa]cqui(?:red|re|res|ring|sition)|[Bb]ought|[Bb]uys?|takeover|merger|"
    r"[Ss]nap(?:s|ped)?\s+[Uu]p|[Ss]coop(?:s|ed)?\s+[Uu]p|purchase[sd]?|purchase of|"
    r"[Tt]akes?\s+[Oo]ver|took\s+over)\b"
)
_ACQUIRE_END = (
    # A headline's dash or line end closes the name too ("A acquires B – up to $7bn").
    r"(?=\s*[,.;:()]|\s+(?:for|in|on|from|and|by|last|earlier|this|at|to|which|that)\b|\s*$|"
    r"\s+[–—]\s|[ \t]*\n)"
)
#: companies.acquisition_premodifier: "B completes the Zenith acquisition", "completed its
#: Zenith Bio takeover": the company bought, named before the deal noun.
_ACQUISITION_OF_NAME_RE = re.compile(
    r"\b(?:[Cc]omplete[sd]?|[Cc]lose[sd]?|completing|closing|finali[sz]e[sd]?|[Tt]he|[Ii]ts|"
    r"[Tt]heir)\s+"
    # "its $4.6 billion Zenith acquisition", "the pending Zenith takeover", "Completes Zenith
    # Acquisition" (a headline)
    r"(?:(?:pending|proposed|planned|announced|\$[\d.,]+(?:[- ]?(?:[bBmM]n|billion|million|[BM]))?)"
    r"\s+)?(%s)\s+(?:acquisition|takeover|buyout|Acquisition|Takeover|Buyout)\b" % _NAME
)
_ACQUIRE_RE = re.compile(
    # (capitalised only as a headline's verb: "Acquired Hemophilia", "Acquired IPR&D" are none)
    r"\b(?:acquired|[Aa]cquire|[Aa]cquires|acquiring|[Aa]cquisition [Oo]f|bought|takeover of|"
    r"merger with|merged with|[Bb]uys|(?:[Tt]o|[Ww]ill)\s+[Bb]uy|[Ss]nap(?:s|ped)?\s+[Uu]p|"
    r"[Tt]akes?\s+[Oo]ver|took\s+over|"
    r"[Ss]coop(?:s|ed)?\s+[Uu]p|purchased|purchases|purchase of)(?:\s+by)?\s+(%s)%s"
    % (_NAME, _ACQUIRE_END)
)
#: What a buyer buys that is no company ("To Acquire Bispecific Antibody from X", "buys Rights
#: to X"): a drug noun or a deal object (`acquisition_object_nouns`) among the name's words.
_NOT_BOUGHT_COMPANY = set(_V["drug_nouns"]) | set(_V["acquisition_object_nouns"])
_ACQUIRER_RE = re.compile(
    r"(?<![\w-])(%s),?\s+(?:which\s+|that\s+)?(?:has\s+|had\s+|was\s+|has\s+been\s+)?"
    r"(?:agreed\s+to\s+|will\s+|[Tt]o\s+)?"
    r"(?:acquired|[Aa]cquire|[Aa]cquires|bought|[Bb]uys|[Ss]naps\s+[Uu]p)\s+(?:by\s+)?[^\W\d_a-z]"
    % _NAME
)
#: A whole capitalised name (greedy: "Bio-Thera Solutions", not "Bio-Thera").
_FULL_NAME = r"%s(?:[ ](?:%s|&))*" % (_TOK, _TOK)
#: "President and CEO of Merus", "Founder of Akeso": an executive's company (real news names
#: companies without a corporate word this way).
_EXEC_OF_RE = re.compile(
    r"\b(?:CEO|Chief [A-Z][a-z]+ Officer|[Pp]resident|[Cc]hairman|[Cc]hairwoman|[Ff]ounder|"
    r"[Cc]o-founder)\s+(?:of|at)\s+(%s(?:[ ]%s)?)(?![\w&-]|[ ][^\W\d_a-z])" % (_TOK, _TOK)
)
#: companies.executive_after_name: "Zenith CEO Jane Roe said", "Nova co-founder and CEO Dr. Lee",
#: "Orbis Chief Executive Tom Reed": a company named before its executive's title and name
#: (C-suite titles only: a chairman or president may head an agency or a country).
_EXEC_AFTER_TITLE = (
    r"(?:CEO|CFO|COO|Chief[ ]Executive(?:[ ]Officer)?|Chief[ ]Financial[ ]Officer|"
    r"[Cc]o-founder|[Ff]ounder)"
)
_EXEC_AFTER_RE = re.compile(
    r"(?<![\w&.'’-])(%s(?:[ ]%s){0,2})[ ]%s(?:[ ](?:and|&)[ ](?:%s))?,?[ ]+"
    r"(?:(?:Dr|Prof)\.?[ ]+)?[^\W\d_a-z][^\W\d_]+"
    % (_TOK, _TOK, _EXEC_AFTER_TITLE, _EXEC_AFTER_TITLE)
)
_EXEC_AFTER_KW = re.compile(r"\b(?:CEO|CFO|COO|Chief|[Ff]ounder)\b")
_EXEC_MODIFIERS = frozenset(_V["executive_title_modifiers"])
#: "President of Clinical Development", "President of Asia Pacific": a function, not a company.
_FUNCTION_WORDS = set(_V["company_function_words"])
_EXEC_KW = re.compile(r"\b(?:CEO|Officer|[Pp]resident|[Cc]hair(?:man|woman)|[Ff]ounder)\b")
#: Not a company even when its head has one: "CEO of the X Foundation".
_NOT_EXEC_ORG = re.compile(
    r"\b(?:Foundation|Association|Society|Alliance|Council|Agency|Federation|Board|Committee|"
    r"Coalition|Network|Trust|Fund|Organi[sz]ation|Administration|Department|Ministry)\b"
)
#: "Chinese biotech Bio-Thera Solutions", "the drugmaker Vantel", "a small Belgian biotech
#: called EsoBiotec", "a startup named Kestrel": the name after a descriptor noun ("The company
#: named Dr. X CEO" is a verb: only "a/an ... company/startup" counts before called/named).
_DESCRIPTOR_RE = re.compile(
    r"(?:\b(?:biotech|drugmaker|biopharma)\s+(?:(?:called|named)\s+)?|"
    r"\b[Aa]n?\s+(?:[\w-]+\s+){0,3}?(?:company|startup|start-up)\s+(?:called|named)\s+)"
    r"(%s)(?![\w&-])" % _FULL_NAME
)
_DESCRIPTOR_KW = re.compile(
    r"\b(?:biotech|drugmaker|biopharma|company|startup|start-up)\s+(?:(?:called|named)\s+)?"
    r"[^\W\d_a-z]"
)
#: "a candidate developed by China's Remegen", "developed by Boston-based Kolvex": the maker of
#: a product, named without a corporate word (one or two capitalised words, no site head).
#: companies.in_development_by: "a therapy in development by Zenith", "under development by".
_DEVELOPED_BY_RE = re.compile(
    r"\b(?:developed|discovered|originated|invented|created|[Mm]anufactured|[Pp]roduced|"
    r"[Mm]arketed|(?<=in )development|(?<=under )development) by\s+"
    r"(?:[^\W\d_a-z][\w.-]*['’]s\s+|[^\W\d_a-z][\w.]*-based\s+)?"
    r"(%s(?:[ ]%s)?)(?![\w&-]|[ ][^\W\d_a-z])" % (_TOK, _TOK)
)
_DEVELOPED_BY_KW = re.compile(
    r"\b(?:developed|discovered|originated|invented|created|[Mm]anufactured|[Pp]roduced|"
    r"[Mm]arketed|development) by\s"
)
_SITE_HEADS = set(_V["site_heads"])
_TITLES = {t.rstrip(".") for t in _V["person_titles"]}
#: "SystImmune, the US subsidiary of Biokin": the subsidiary and its parent.
_SUBSIDIARY_OF_RE = re.compile(
    r"(?<![\w-])(%s),\s+(?:the|a|an)\s+(?:[\w.-]+\s+){0,3}?(?:subsidiary|affiliate|spin-?off|"
    r"unit|division)\s+of\s+(%s)(?![\w&-])" % (_FULL_NAME, _FULL_NAME)
)
_SUBSIDIARY_OF_KW = re.compile(r"\b(?:subsidiary|affiliate|spin-?off|unit|division) of [A-Z]")
#: companies.parent_of_subsidiary: "a specialty subsidiary of Zenith", "an affiliate of Nova
#: conducted ...": the owner of a subsidiary is a company even when the subsidiary goes unnamed
#: (one to three capitalised words, no site, agency or title).
_PARENT_OF_RE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}?(?:subsidiary|affiliate)\s+of\s+"
    r"(%s(?:[ ]%s){0,2})(?![\w&-]|[ ][^\W\d_a-z]|[ ](?:of\b|&))" % (_TOK, _TOK)
)
_PARENT_OF_KW = re.compile(r"\b(?:subsidiary|affiliate) of [^\W\d_a-z]")
#: "GC Vita signed a license contract", "A, B and C have signed license agreements": the
#: parties of a deal. companies.deal_party_verbs: "A and B reached a licensing agreement", "A
#: and B entered into a cooperation agreement" (the other verbs and kinds of deal news uses).
_DEAL_VERBS = r"signed|entered into|inked|struck|reached|concluded|executed"
_DEAL_PARTY_RE = re.compile(
    r"(?<![\w-])(%s(?:,\s+%s)*(?:,?\s+and\s+%s)?),?\s+(?:(?:has|have|also|recently|today)\s+)*"
    r"(?:%s)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:license|licence|licensing|collaboration|co-development|partnership|distribution|"
    r"co-commercialization|commercialization|cooperation|co-operation|research|"
    r"development|option)\s+(?:agreements?|contracts?|deals?)\b"
    % (_FULL_NAME, _FULL_NAME, _FULL_NAME, _DEAL_VERBS)
)
_DEAL_PARTY_KW = re.compile(r"\b(?:%s)\b" % _DEAL_VERBS)
_CALENDAR = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Today|Yesterday)$"
)
_ROLE_WORDS = re.compile(
    r"\b(?:Officer|President|Director|Head|CEO|Chairman|Chairwoman|Founder|Manager|Chair|"
    r"Vice|Chief|Partner|Member|Division|Unit|Subsidiary|Affiliate)\b"
)
_JOURNAL_BEFORE = re.compile(
    r"(?:\b(?:published|reported|appear(?:ed|s)?|presented)\s+(?:online\s+)?in\s+(?:the\s+)?|"
    r"\bjournal\s+)$",
    re.I,
)
_SITE_WORDS = re.compile(
    r"\b(?:Hospital|University|Institute|Clinic|College|School|Center|Centre)\b"
)
_SHORTENABLE = set(_V["company_words"]) | set(_V["company_shortenable_words"])
#: companies.market_ticker: "Acme (1234 HK)", "Zenith (ZNT US)": a ticker with the
#: market's country code, the way trade press and analysts write it.
#: companies.dotted_ticker: "Acme (2345.HK)", "Zenith (068270.KS)", "Nova (NOVA.SW)": the
#: ticker with the exchange's suffix after a dot (`ticker_dot_suffixes`), as wires and Asian
#: press releases write it.
_DOT_SUFFIXES = "|".join(sorted(_V["ticker_dot_suffixes"], key=len, reverse=True))
_MARKET_TICKER_RE = re.compile(
    r"(?<![\w-])(%s)\s*\(\s*(?:(?:\d{3,6}|[A-Z]{1,5})\s+(?:%s)|(?:\d{3,6}|[A-Z]{2,5})\.(?:%s))"
    r"\s*[),;]" % (_FULL_NAME, "|".join(_V["ticker_country_codes"]), _DOT_SUFFIXES)
)
_MARKET_TICKER_KW = re.compile(
    r"\((?:\d{3,6}|[A-Z]{1,5})(?:\s+[A-Z][A-Z0-9]|\.(?:%s))\s*[),;]" % _DOT_SUFFIXES
)
#: companies.possessive_subsidiary: "Acme's subsidiary, Zenith Bio, dosed ...".
_POSSESSIVE_SUBSIDIARY_RE = re.compile(
    # "Acme's ADC subsidiary, Zenith": a word of what the subsidiary does may stand before it.
    r"(?<![\w-])(%s)['’]s\s+(?:wholly[- ]owned\s+|[a-z]+\s+|[A-Z]{2,5}\s+)?"
    r"(?:subsidiary|affiliate|spin-?off)"
    r",?\s+(%s)(?![\w&-])" % (_NAME, _FULL_NAME)
)
_POSSESSIVE_SUBSIDIARY_KW = re.compile(
    r"['’]s\s+(?:[\w-]+\s+)?(?:subsidiary|affiliate|spin-?off)\b"
)
#: companies.startup: "Zenith, a faculty startup founded by ...", "university startup Zenith".
_STARTUP_RE = re.compile(
    r"(?<![\w-])(%s),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:startup|start-up|spin-?off|spinout)"
    r"\b|\b(?:startup|start-up|spinout)\s+(%s)(?![\w&-])" % (_FULL_NAME, _FULL_NAME)
)
_STARTUP_KW = re.compile(r"\b(?:startup|start-up|spin-?off|spinout)\b")
#: companies.camel_name: "ZenithBio", "NovaGen": one CamelCase word ending in a company morpheme;
#: also after one to four capitals ("XBiotech", "NKGen").
_CAMEL_RE = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z]{2,}|[A-Z]{1,4})(%s))(?![\w-])" % "|".join(_V["company_camel_tails"])
)
#: companies.place_based: "Boston-based Zenith", "TW-based Nova Labs": the name after it.
_PLACE_BASED_NAME_RE = re.compile(
    r"\b[A-Z][\w.]*-based\s+(%s(?:[ ]%s)?)(?![\w&-]|[ ][^\W\d_a-z])" % (_TOK, _TOK)
)
_PLACE_BASED_KW = re.compile(r"[A-Z][\w.]*-based\s+[A-Z]")
#: companies.out_licensor: "Acme out-licenses its GLP-1 agonist to ...": the subject of a
#: licensing verb.
_OUT_LICENSOR_RE = re.compile(
    r"(?<![\w-])(%s)\s+(?:has\s+|have\s+)?(?:out-licen[cs](?:es|ed|ing)|in-licen[cs](?:es|ed|ing))\b"
    % _FULL_NAME
)
_OUT_LICENSOR_KW = re.compile(r"\b(?:out|in)-licen[cs]")
#: companies.subject_its_product: "Acme Bio will share data on its approved antibody X",
#: "Zenith announced ... for its candidate "X"": the sentence's subject owns the drug.
_SUBJECT_RE = re.compile(
    r"\s*((?:[A-Z][\w-]*[A-Za-z0-9])(?:[ ][A-Z][\w-]*[A-Za-z0-9]){0,2})"
    # (a possessive or adverb ending in -s is no verb: "Unlike its", "Like this")
    r"\s+(?!(?:its|his|this|thus|as|us)\b)"
    r"(?:(?:will|has|have|had|also|today|recently)\s+[a-z]+|[a-z]+(?:ed|s))\b"
)
_ITS_KW = re.compile(r"\bits\s")
_ITS_CUE = Cue(["its"], pattern=_ITS_KW, lead=0)
_PUBLICATION = re.compile(r"\s+(?:%s)\b" % "|".join(_V["publication_words"] + _V["event_words"]))
_BIG = sorted(_V["big_pharma"], key=len, reverse=True)
_BIG_NAMES = "|".join(re.escape(n) for n in _BIG)
#: companies.big_pharma_participle: "Zealand Pharma’s Roche-partnered amylin analog": the name
#: before a hyphenated participle (`hyphen_participles`) is whole.
_BIG_RE = re.compile(
    # companies.big_pharma_case: "a press release from Abbvie": the name with its inner
    # capitals typed in lower case (a capital still starts it; "argenx" is written so).
    r"(?<![\w-])(?:%s|(?=[A-Z])(?i:%s))(?:(?![\w-])|(?=-(?:%s)\b))"
    % (_BIG_NAMES, _BIG_NAMES, "|".join(_V["hyphen_participles"]))
)
#: Words every match of the pattern above contains (loaders/extract/cues.py).
_BIG_CUE = Cue(_BIG, ignore_case=True, pattern=_BIG_RE, lead=0)
#: companies.big_pharma_short_form: "BMS", "J&J": the initials news uses for a large pharma
#: group (`big_pharma_short_forms`, a closed list), linked to the group's full name.
_BIG_SHORT = sorted(_V["big_pharma_short_forms"], key=len, reverse=True)
_BIG_SHORT_RE = re.compile(r"(?<![\w&-])(?:%s)(?![\w&-])" % "|".join(map(re.escape, _BIG_SHORT)))
_BIG_SHORT_CUE = Cue(_BIG_SHORT, pattern=_BIG_SHORT_RE, lead=0)


def _initials(name: str) -> str:
    """The capitals that start a name's words and humps: "Bristol-Myers Squibb" -> "BMS",
    "Johnson & Johnson" -> "J&J"."""
    return "".join(re.findall(r"(?<![A-Za-z])[A-Z]|&|(?<=[a-z])[A-Z]", name))


#: Each short form's full name: the first big-pharma name whose initials spell it.
_BIG_SHORT_FULL = {
    short: next((n for n in _BIG if _initials(n) == short.replace(" ", "")), None)
    for short in _BIG_SHORT
}


def _legal_free(name: str) -> str:
    """The name without its legal suffix: 'Bio-Thera Solutions, Inc.' -> 'Bio-Thera Solutions'."""
    prev = None
    while prev != name:
        prev = name
        name = re.sub(r"(?:,\s*|\s+)(?:%s)\.?$" % _LEGAL, "", name).strip(" ,")
    return name


#: A trial registry id (ClinicalTrials.gov, ChiCTR, ISRCTN, jRCT, CTIS, ANZCTR, EudraCT).
_REGISTRY_ID = re.compile(r"(?:NCT\d{8}|ChiCTR|ISRCTN\d|jRCT\w|CTR\d{8}|ACTRN\d|EudraCT\b)")


_NATIONALITIES = frozenset(_V["nationality_adjectives"])
_ADJECTIVE_NAME = re.compile(r"[\w.]+-(?:based|listed|headquartered|founded|owned|backed)")


def _make(doc: Doc, start: int, end: int, extra: dict | None = None) -> Mention | None:
    """The company a rule's match names, trimmed to the name, with its other written forms;
    None when the span is no company's name (every name rule goes through here)."""
    span = _name_span(doc, start, end)
    if span is None:
        return None
    start, end = span
    surface = doc.text[start:end]
    name = _legal_free(surface)
    if _not_company_name(doc, start, end, name):
        return None
    forms = _other_forms(doc, start, end, surface, name)
    return Mention("Company", start, end, surface, name, tuple(forms), dict(extra or {}))


def _name_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The span without an executive's title, a "<Place>-based" or leading junk; None for
    "<Society> of <field>", which names no company."""
    surface = doc.text[start:end]
    of = surface.rfind(" of ")
    if of >= 0 and not _SITE_WORDS.search(surface):
        if not _ROLE_WORDS.search(surface[:of]):
            return None  # "American Society of Clinical Oncology" is not a company
        # "Chief Executive Officer of Acme Bio": the company is what follows "of".
        start += of + 4
        surface = doc.text[start:end]
    cut = _headline_cut(surface)
    if cut is None:
        return None
    start += cut
    surface = doc.text[start:end]
    based = _PLACE_BASED.match(surface)
    if based:
        start += based.end()
        surface = doc.text[start:end]
    junk = _LEADING_JUNK.match(surface)
    if junk:
        start += junk.end()
        surface = doc.text[start:end]
    glued = _glued_line(doc.text, surface)
    if glued:
        start += glued
        surface = doc.text[start:end]
    surface = surface.rstrip(" ,")
    return start, start + len(surface)


#: companies.glued_line: "Diagnostic TrialClarity Pharmaceuticals", "Development
#: ABKarolinska Development": a page that lost a line break glues a headline's last word to
#: the name starting the next line; the name is what follows the glue, when the text also
#: writes it standing alone ("Bayer HealthCare" is never written "Care" alone).
_GLUE = re.compile(
    r"(?:(?<=[a-z]{3})|(?<= AB)|(?<= AG)|(?<= SA)|(?<= NV)|(?<= ASA))(?=[A-Z][a-z]{2})"
)


def _glued_line(text: str, surface: str) -> int:
    """How many characters of `surface` come before a glued line start (0 for none)."""
    if " " not in surface:
        return 0
    for m in reversed(list(_GLUE.finditer(surface))):
        if " " not in surface[: m.start()]:
            return 0
        rest = surface[m.start() :]
        if re.search(r"(?<![A-Za-z])" + re.escape(rest), text):
            return m.start()
    return 0


#: companies.headline_cut: "Taiho To Acquire ADC Company Zenith Biotech", "Acme Snaps Up
#: Nova Therapeutics": a title-case headline runs the buyer, its verb and the bought company's
#: description into one capitalised phrase; a headline verb or preposition
#: (`company_headline_words`) never stands inside a name, nor a kind noun before another name
#: (`company_kind_nouns_in_headlines`): the name is what follows the last of them.
_HEADLINE_WORD_RE = re.compile(
    r"(?<![\w&.-])(?:%s)(?:[ ](?:Up|Over|Out))?[ ]"
    % "|".join(map(re.escape, _V["company_headline_words"]))
)
_HEADLINE_KIND_RE = re.compile(
    r"(?<![\w&.-])(?:%s)[ ](?=[^\W\d_a-z])"
    % "|".join(map(re.escape, _V["company_kind_nouns_in_headlines"]))
)
_NOT_NAME_START = (
    set(_V["company_words"]) | set(_V["legal_suffixes"]) | set(_V["company_shortenable_words"])
)


#: The words of legal suffixes: a name made only of them ("Limited", "Co., Ltd.") is no company.
_LEGAL_WORDS = frozenset(w.rstrip(".,") for suffix in _V["legal_suffixes"] for w in suffix.split())


def _headline_cut(surface: str) -> int | None:
    """Where the name starts in `surface` (see `_HEADLINE_WORD_RE`): 0 when nothing is cut;
    None when only corporate or legal words would be left ("Acme Acquires Pharma")."""
    cut = 0
    for m in _HEADLINE_WORD_RE.finditer(surface):
        cut = m.end()
    for m in _HEADLINE_KIND_RE.finditer(surface, cut):
        if surface[m.end() :].split()[0] not in _NOT_NAME_START:
            cut = m.end()  # "Cell Therapy Company Zenith", not "Zenith Company Limited"
    if cut and all(w in _NOT_NAME_START for w in surface[cut:].split()):
        return None
    return cut


def _not_company_name(doc: Doc, start: int, end: int, name: str) -> bool:
    """A journal, a publication or event, a field of medicine, an adjective, a day, a site,
    a registry id, a generic phrase or an abbreviation of something else."""
    if _JOURNAL_BEFORE.search(doc.text, max(0, start - 40), start):
        return True  # "published in Clinical Therapeutics" names a journal
    if _PUBLICATION.match(doc.text, end):
        return True  # companies.publication: "Zenith Healthcare Weekly", "... Conference"
    if _NOT_COMPANY_AFTER.match(doc.text, end):
        return True  # companies.phrase_not_name: "the Oncology Therapeutic Area", an agency
    if _AGENCY_END.search(name):
        return True  # companies.agency_name: "Medicines and Healthcare Products Regulatory Agency"
    if name and all(w.rstrip(".,") in _LEGAL_WORDS for w in name.split()):
        return True  # companies.not_legal_word_only: "ACME (China) Limited": "Limited" alone
    if _ADJECTIVE_NAME.fullmatch(name):
        return True  # companies.adjective_not_name: "a Beijing-based company", "Nasdaq-listed"
    if _CALENDAR.match(name):
        return True  # "On Monday, A and B signed ...": a day, not a party
    if _in_dateline(doc, start, name) or _page_navigation(doc, start):
        return True
    if name in _NATIONALITIES:
        return True  # companies.not_nationality: "a deal with Swiss biotech firm X": not "Swiss"
    if name in _COUNTRIES:
        return True  # companies.not_country: "the United States’ Food and Drug Administration"
    if not name or name in _NOT or name.split()[0] in _NOT or _SITE_WORDS.search(name):
        return True
    if _REGISTRY_ID.match(name):
        return True  # companies.not_registry_id: "NCT01234567" names a trial
    if CODE.fullmatch(name):
        return True  # companies.not_code_name: "acquire AB-0101 for $1bn" buys a drug code
    if _publisher(doc, start, name) or _amount(doc, start, name):
        return True
    first_words = name.split()
    if first_words[0] in {"A", "An"} and len(first_words) > 1:
        first_words = first_words[1:]
    if first_words[0] in _GENERIC_FIRST:
        return True
    if first_words[0] in _NATIONALITIES and first_words[1:2] and first_words[1] in _GENERIC_FIRST:
        return True  # companies.nationality_generic: "The French Big Pharma was evaluating ..."
    if len(first_words) > 1 and first_words[0] in _WEEKDAYS:
        return True  # companies.not_weekday: "said on Tuesday Japan's ministry" (a wrapped line)
    if len(name) < 2 or name.isdigit():
        return True
    return any(not _CORP_WORD_RE.search(a.long) for a in doc.abbreviations_by("short", name))


#: companies.not_publisher: "Dow Jones & Company", "Reuters", "Investing.com": a news agency,
#: wire or publisher (`news_publishers`) reports on drugs and develops none; nor does whoever
#: a copyright line names ("Copyright (c) 2025 Zenith Media Inc.").
_PUBLISHER_RE = re.compile(
    r"(?:%s)(?![\w&-])"
    % "|".join(map(re.escape, sorted(_V["news_publishers"], key=len, reverse=True)))
)
_COPYRIGHT_BEFORE = re.compile(r"(?i)(?:copyright|©|\(c\))[\s©]*(?:\(c\)\s*)?(?:\d{4}[\s,-]*)*$")


def _publisher(doc: Doc, start: int, name: str) -> bool:
    """Whether the name is a publisher's (see `_PUBLISHER_RE`)."""
    if _PUBLISHER_RE.match(name):
        return True
    return bool(_COPYRIGHT_BEFORE.search(doc.text[max(0, start - 30) : start]))


#: companies.not_amount: "$2.2B to acquire Zenith", "a 1.5M-share offering": a number's
#: digits and its billions/millions letter are an amount, not a digit-first name ("3SBio").
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?(?:[BMK]n?|bn|mn)")


def _amount(doc: Doc, start: int, name: str) -> bool:
    """Whether the name is (the end of) an amount (see `_AMOUNT`)."""
    before = doc.text[max(0, start - 2) : start]
    if name[:1].isdigit() and len(before) == 2 and before[1] in ".,$€£":
        return True
    return bool(_AMOUNT.fullmatch(name))


#: companies.not_dateline: "LUND, Sweden, July 15, 2025 /PRNewswire/ --", "SAN DIEGO and
#: TOKYO, April 8, 2025 (GLOBE NEWSWIRE) --", "CAMBRIDGE, Mass., May 1, 2025 - ": a news item's
#: dateline, at a line start, names the place it was filed from (a city, then states, regions
#: or country codes after commas) before a date or a wire's name; no company is named there
#: ("SE" after the city is Sweden's code, not a legal suffix).
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PLACE_WORD = r"[^\W\d_a-z][\w.'’-]*"
_DATELINE_RE = re.compile(
    r"^[ \t]*(%s(?:[ ](?:%s|and|&|of|de|la|du|upon)){0,4}"
    r"(?:,[ ]*%s(?:[ ]%s){0,2})*)"
    r"[ \t]*(?:,|/|\(|[-–—]+)?[ \t]*"
    r"(?=%s[ ]*\d|\d{1,2}[ ]+%s|(?:[\w.-]+[ ]+){0,2}[\w-]*(?:%s)\b)"
    % (
        _PLACE_WORD,
        _PLACE_WORD,
        _PLACE_WORD,
        _PLACE_WORD,
        _MONTH,
        _MONTH,
        "|".join(map(re.escape, _V["dateline_wire_words"])),
    ),
    re.M,
)


def _dateline_spans(text: str) -> Spans:
    """The place parts of the text's datelines (computed once per document, `Doc.once`)."""
    return Spans(m.span(1) for m in _DATELINE_RE.finditer(text))


def _in_dateline(doc: Doc, start: int, name: str) -> bool:
    """Whether the name starts inside a dateline's place (a name with a corporate word, "Acme
    Bio, June 2, 2025", is still a company)."""
    if _CORP_WORD_RE.search(name):
        return False
    return bool(doc.once(_dateline_spans).containing(start, start + 1))


#: companies.page_navigation: "News Human Medicines", "Home Newsroom Acme Pharma": a line that
#: starts with a page's section word (`page_section_words`) is the page's breadcrumb or topic
#: tags, not a sentence naming a company.
_PAGE_SECTIONS = frozenset(_V["page_section_words"])


def _page_navigation(doc: Doc, start: int) -> bool:
    """Whether the name starts its line with a page section word."""
    lo = max(0, start - 200)  # (a bounded look back: a long line is not a breadcrumb)
    newline = doc.text.rfind("\n", lo, start)
    if (newline < 0 and lo > 0) or doc.text[newline + 1 : start].strip():
        return False
    first = doc.text[start : start + 40].split(maxsplit=1)
    return bool(first) and first[0] in _PAGE_SECTIONS


def _other_forms(doc: Doc, start: int, end: int, surface: str, name: str) -> list[str]:
    """The other ways the text writes the company: with its legal suffix, "known as",
    "(MSD)", a short form it defines, its name without a group word, its former name, its
    first word."""
    forms = [surface] if surface != name else []
    # companies.defined_short_form: "Zenith Immune Sciences (ZI-Sci)": the short form the text
    # defines for the name (whatever its letters), not a place or a currency.
    defined = doc.abbreviation_after(end)
    if defined is not None and defined.long_start >= start:
        if defined.short not in _NOT and defined.short not in _NOT_OTHER_NAMES:
            forms.append(defined.short)
    # companies.and_co_form: "Merck & Co., Inc." is also "Merck & Co." (the lexicon's name).
    if _AND_CO.match(doc.text, end):
        forms.append(f"{name} & Co.")
    known = _KNOWN_AS_RE.match(doc.text, end)
    if known and known.group(1) not in _NOT:
        forms.append(_legal_free(known.group(1)))
    other = _OTHER_NAME_RE.match(doc.text, end)
    if other:
        alias = _legal_free(next(g for g in other.groups() if g))
        if alias not in _NOT and alias not in _NOT_OTHER_NAMES and alias != name:
            forms.append(alias)
    # "Nordwind Pharma International GmbH" beside "Nordwind Pharma": the corporate word
    # after a name the document also uses alone is the same company.
    head, _, last_word = name.rpartition(" ")
    if last_word in _GROUP_WORDS and len(head) >= 3:
        if doc.count_word(head) > doc.count_word(name):
            forms.append(head)
    renamed = _RENAMED_RE.match(doc.text, end)
    if renamed and renamed.group(1) not in _NOT and not renamed.group(1).startswith("The"):
        forms.append(_legal_free(renamed.group(1)))
    # "Quillon Biosciences" is also written "Quillon".
    words = name.split()
    if len(words) > 1 and all(w in _SHORTENABLE for w in words[1:]) and len(words[0]) >= 3:
        if words[0] not in _NOT:
            forms.append(words[0])
    return forms


_AND_CO = re.compile(r"\s*&\s*Co\b")


def _with_place(m: Mention | None, text: str, matched: str) -> Mention | None:
    """companies.place_in_name: "Acme Pharmaceutical (Shanghai) Co., Ltd." is also written with
    its place ("Acme Pharmaceutical (Shanghai)")."""
    place = re.search(r"\s+\([^()]+\)", matched)
    if m is not None and place:
        m.forms = (*m.forms, f"{m.name}{place.group(0)}")
    return m


_CORP_WORD_RE = re.compile(r"\b(?:%s)\b" % _CORP)
_CORP_KW = re.compile(r"(?<![\w-])(?:%s)(?![\w]|-(?!%s))" % (_CORP, _PARTICIPLE))
_LEGAL_KW = re.compile(r"(?<![\w-])(?:%s)(?![\w])" % _LEGAL)
_TICKER_KW = re.compile(r"\(%s\s*(?::|and|/|,|&)" % _EXCHANGE)
_SEMICOLON_KW = re.compile(r";")
_POSSESSIVE_KW = re.compile(r"['’]s?\s")
_ANNOUNCER_KW = re.compile(r"\b(?:announced|announces|reported|reports|unveiled)\b")
#: Words every match of each keyword pattern contains (loaders/extract/cues.py): a keyword
#: none of whose words occurs in a document has no sentence to look at there. With a lead,
#: a match starts at most that many characters before a cue word: the keyword is tried only
#: there, instead of scanning the whole text.
_KEYWORD_CUES = {
    kw: Cue(words, pattern=kw, lead=lead)
    for kw, words, lead in (
        (_CORP_KW, _V["company_words"], 0),
        (_LEGAL_KW, _V["legal_suffixes"], 0),
        (_TICKER_KW, _V["stock_exchanges"], 1),
        (_SEMICOLON_KW, [";"], 0),
        (_POSSESSIVE_KW, ["'", "’"], 0),
        (_ANNOUNCER_KW, ["announce", "reported", "reports", "unveiled"], 0),
        (_DESCRIBED_KEYWORD, ["company", "firm", "group", "leader", "developer", "maker"], 0),
        (_SUBSIDIARY_KW, ["company"], None),
        (
            _PARENT_KW,
            [f"{w} of" for w in "member part subsidiary unit division affiliate".split()],
            0,
        ),
        (_UNIT_KW, ["unit", "division", "subsidiary", "business", "arm", "affiliate"], None),
        (
            _ACQUIRE_KW,
            [
                "acqui",
                "Acqui",
                "bought",
                "Bought",
                "buy",
                "Buy",
                "takeover",
                "merger",
                "nap",
                "coop",
                "purchase",
                "ake",
                "took over",
            ],
            1,
        ),
        (_EXEC_KW, ["CEO", "Officer", "resident", "hairman", "hairwoman", "ounder"], 1),
        (
            _DESCRIPTOR_KW,
            ["biotech", "drugmaker", "biopharma", "company", "startup", "start-up"],
            0,
        ),
        (
            _DEVELOPED_BY_KW,
            [
                f"{w} by"
                for w in "developed discovered originated invented created anufactured roduced"
                " arketed development".split()
            ],
            1,
        ),
        (_SUBSIDIARY_OF_KW, ["subsidiary of", "affiliate of", "spin", "unit of", "division of"], 0),
        (_DEAL_PARTY_KW, _DEAL_VERBS.split("|"), 0),
        (_PARENT_OF_KW, ["subsidiary of", "affiliate of"], 0),
        (_AKA_KW, ["known as", "operates as", "name"], 0),
    )
}


def _in_sentences(
    doc: Doc, pattern: re.Pattern, keyword: re.Pattern, required: re.Pattern | None = None
):
    """Matches of `pattern` in the sentences where `keyword` occurs (a cheap pre-filter);
    `required`, when given, is a part every match contains (sentences without it are skipped)."""
    cue = _KEYWORD_CUES.get(keyword)
    if cue is not None and not doc.has(cue):
        return
    seen: set[tuple[int, int]] = set()
    for kw in keyword.finditer(doc.text) if cue is None else finditer(doc.text, cue):
        sent = doc.sentence_at(kw.start())
        if sent in seen:
            continue
        seen.add(sent)
        if required is not None and not required.search(doc.text, sent[0], sent[1]):
            continue
        # A line of its own (a headline) may run on; keep whole lines.
        yield from pattern.finditer(doc.text, sent[0], sent[1])


#: What a name rule yields: a mention, or None where `_make` finds no company in the match.
_Found = Iterable[Mention | None]


def _in_drug(drug_spans: Spans, pos: int) -> bool:
    """A name that starts inside a drug's name is the drug, not a company."""
    return bool(drug_spans.containing(pos, pos + 1))


def _groups(doc: Doc, pattern: re.Pattern, keyword: re.Pattern, *groups: int) -> _Found:
    """The names each match gives in `groups` (the one name of group 1 by default)."""
    for m in _in_sentences(doc, pattern, keyword):
        for g in groups or (1,):
            yield _make(doc, m.start(g), m.end(g))


def _parent_and_child(doc: Doc, pattern: re.Pattern, keyword: re.Pattern) -> _Found:
    """companies.parent_apart: the two names of groups 1 and 2 of each match (a subsidiary and
    its parent), each marked `_apart` from the other: the text says they are two companies,
    so sharing a word ("Harbin Lumen Biologics, a subsidiary of Lumen Pharmaceutical Group")
    does not merge them (resolve.company_apart)."""
    for m in _in_sentences(doc, pattern, keyword):
        a, b = _make(doc, m.start(1), m.end(1)), _make(doc, m.start(2), m.end(2))
        if a is not None and b is not None and a.name != b.name:
            a.props["_apart"] = (*a.props.get("_apart", ()), b.name)
            b.props["_apart"] = (*b.props.get("_apart", ()), a.name)
        yield a
        yield b


def _first_group_outside_drugs(
    doc: Doc, pattern: re.Pattern, keyword: re.Pattern, drug_spans: Spans
) -> _Found:
    """The name of group 1 of each match that does not start inside a drug's name."""
    for m in _in_sentences(doc, pattern, keyword):
        if not _in_drug(drug_spans, m.start(1)):
            yield _make(doc, m.start(1), m.end(1))


def _corporate_word(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.corporate_word: "Acme Therapeutics", "Acme Bio Inc.": a corporate word ends it."""
    for m in _in_sentences(doc, _CORP_RE, _CORP_KW):
        yield _make(doc, m.start(1), m.end(2) if m.group(2) else m.end(1))


def _legal_suffix(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.legal_suffix_forms: "Acme Corp", "Acme Co. Ltd.": a legal suffix ends it."""
    for m in _in_sentences(doc, _LEGAL_RE, _LEGAL_KW):
        yield _make(doc, m.start(1), m.end(2))


def _country_entity(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.place_in_name: "ACME (China) Limited", also written with its place."""
    for m in _in_sentences(doc, _COUNTRY_ENTITY_RE, _LEGAL_KW, _COUNTRY_ENTITY_PART):
        yield _with_place(_make(doc, m.start(1), m.end(1)), doc.text, m.group(0))


def _place_inside(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.place_in_name: the place inside the name; the name before it is a short form."""
    for m in _in_sentences(doc, _PLACE_INSIDE_RE, _CORP_KW):
        whole = _make(doc, m.start(), m.end())
        if whole is not None:
            whole.forms = (*whole.forms, m.group(1))
        yield whole


def _ticker(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.ticker: "Acme (NASDAQ: ACME)", the ticker kept as a property."""
    text = doc.text
    for m in _in_sentences(doc, _TICKER_RE, _TICKER_KW):
        ticker = text[m.end(2) if m.group(2) else m.end(1) : m.end()].strip(" (")
        ticker = re.sub(r"\s*:\s*", ": ", ticker)
        # "Shares of Acme (NASDAQ: ACME)": the name starts after the market words.
        lead = _MARKET_LEAD.match(text, m.start(1), m.end(1))
        start = lead.end() if lead else m.start(1)
        if not lead and _SEAT_BEFORE.search(text, max(0, start - 16), start):
            continue  # companies.seat_before_ticker: "Acme Pharma Ltd, Allschwil (SIX: ACME)"
        yield _make(doc, start, m.end(2) if m.group(2) else m.end(1), {"ticker": ticker})


#: companies.seat_before_ticker: a legal suffix and a comma before the words a ticker follows:
#: those words are the company's seat (a town), not another company.
_SEAT_BEFORE = re.compile(r"(?<![\w.])(?:%s),\s*$" % _LEGAL)


def _described(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.described: "Acme, a clinical-stage company": a name a description follows."""
    text = doc.text
    described = _KEYWORD_CUES[_DESCRIBED_KEYWORD]
    for kw in finditer(text, described) if doc.has(described) else ():
        lo = max(0, kw.start() - 250)
        for m in _DESCRIBED_RE.finditer(text, lo, kw.end()):
            if m.end() == kw.end():
                yield _make(doc, m.start(1), m.end(2) if m.group(2) else m.end(1))


#: companies.group_member: "Kite, a Gilead Company", "Genentech, a member of the Roche Group":
#: the name a known group (`big_pharma`) is said to own is a company of its own.
_GROUP_MEMBER_RE = re.compile(
    r"\b(%s),\s+an?\s+(?:member\s+of\s+the\s+)?(?:%s)\s+(?:[Cc]ompany|[Gg]roup)\b"
    % (_NAME, _BIG_NAMES)
)
_GROUP_MEMBER_KW = re.compile(r"\b(?:[Cc]ompany|[Gg]roup)\b")


#: companies.product_from: "Aficamten, a cardiac myosin inhibitor from Cytokinetics, ...": one
#: capitalised name after a product noun and "from", set off by a comma or a full stop.
_PRODUCT_FROM_RE = re.compile(
    r"\b(?:inhibitor|antibody|antagonist|agonist|drug|therapy|vaccine|candidate|medicine|"
    r"conjugate|degrader|treatment)s?\s+from\s+([A-Z][a-z]{2,}[A-Za-z]*)(?=[,.;])"
)
_PRODUCT_FROM_KW = re.compile(r"\bfrom\s")


def _product_from(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.product_from (see `_PRODUCT_FROM_RE`): never a known place."""
    for m in _in_sentences(doc, _PRODUCT_FROM_RE, _PRODUCT_FROM_KW):
        if m.group(1) not in _PLACES:
            yield _make(doc, m.start(1), m.end(1))


def _group_member(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.group_member (see `_GROUP_MEMBER_RE`)."""
    return _groups(doc, _GROUP_MEMBER_RE, _GROUP_MEMBER_KW)


def _described_copula(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.described_copula (see `_DESCRIBED_IS_RE`)."""
    return _groups(doc, _DESCRIBED_IS_RE, _DESCRIBED_KEYWORD)


def _leader(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.leader: "biotechnology leader Acme", "drug developer Acme"."""
    return _groups(doc, _LEADER_RE, _DESCRIBED_KEYWORD)


def _parent(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.parent: "a member of the Zenith Group" (see `_PARENT_RE`)."""
    return _groups(doc, _PARENT_RE, _PARENT_KW)


def _subsidiary(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.subsidiary: "Kite, a Gilead company": both."""
    return _parent_and_child(doc, _SUBSIDIARY_RE, _SUBSIDIARY_KW)


def _unit(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.unit: "Genzyme, Acme's rare disease unit,": both."""
    return _parent_and_child(doc, _UNIT_RE, _UNIT_KW)


def _acquisition(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.acquisition: both ends of a takeover, and the company a deal noun follows
    (`companies.acquisition_premodifier`)."""
    for rx in (_ACQUIRE_RE, _ACQUIRER_RE, _ACQUISITION_OF_NAME_RE):
        for m in _first_group_outside_drugs(doc, rx, _ACQUIRE_KW, drug_spans):
            if m is None or not {w.lower() for w in m.text.split()} & _NOT_BOUGHT_COMPANY:
                yield m


def _executive_of(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.executive_of: "President and CEO of Merus" (not a function or a foundation)."""
    for m in _in_sentences(doc, _EXEC_OF_RE, _EXEC_KW):
        if not _NOT_EXEC_ORG.search(m.group(1)) and m.group(1).split()[0] not in _FUNCTION_WORDS:
            yield _make(doc, m.start(1), m.end(1))


def _executive_after_name(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.executive_after_name (see `_EXEC_AFTER_RE`): the name's words with no title
    modifier ("Former", "Interim"), nationality, place, title or organisation of another kind."""
    for m in _in_sentences(doc, _EXEC_AFTER_RE, _EXEC_AFTER_KW):
        words = m.group(1).split()
        while words and words[0] in _EXEC_MODIFIERS:
            words = words[1:]
        if not words or _EXEC_MODIFIERS & set(words) or _in_drug(drug_spans, m.start(1)):
            continue
        name = " ".join(words)
        if (
            name in _PLACES
            or words[0] in _NATIONALITIES
            or words[0].rstrip(".") in _TITLES
            or words[0] in _FUNCTION_WORDS
            or _SITE_HEADS & set(words)
            or _NOT_EXEC_ORG.search(name)
        ):
            continue
        yield _make(doc, m.end(1) - len(name), m.end(1))


def _descriptor(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.descriptor_noun: "Chinese biotech X", "a startup named X"."""
    return _first_group_outside_drugs(doc, _DESCRIPTOR_RE, _DESCRIPTOR_KW, drug_spans)


def _plain_org_name(name: str, start: int, drug_spans: Spans, stop_words: frozenset | set) -> bool:
    """Whether a captured name may be an organisation: outside drug names, no site head, no
    person title or stop word first, no executive or office words (the guard the "developed
    by", parent-subsidiary and deal-relative rules share)."""
    words = name.split()
    return (
        not _in_drug(drug_spans, start)
        and not _SITE_HEADS & set(words)
        and words[0].rstrip(".") not in _TITLES
        and words[0] not in stop_words
        and not _NOT_EXEC_ORG.search(name)
    )


def _subsidiary_of(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.subsidiary_of: "SystImmune, the US subsidiary of Biokin": both."""
    return _parent_and_child(doc, _SUBSIDIARY_OF_RE, _SUBSIDIARY_OF_KW)


def _parent_of_subsidiary(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.parent_of_subsidiary (see `_PARENT_OF_RE`)."""
    for m in _in_sentences(doc, _PARENT_OF_RE, _PARENT_OF_KW):
        if (
            _plain_org_name(m.group(1), m.start(1), drug_spans, _FUNCTION_WORDS)
            and m.group(1) not in _COUNTRIES
        ):
            yield _make(doc, m.start(1), m.end(1))


def _developed_by(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.developed_by: the maker after "developed by" (no site, title or function)."""
    for m in _in_sentences(doc, _DEVELOPED_BY_RE, _DEVELOPED_BY_KW):
        if _plain_org_name(m.group(1), m.start(1), drug_spans, _FUNCTION_WORDS):
            yield _make(doc, m.start(1), m.end(1))


def _deal_parties(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.deal_party: "A, B and C have signed license agreements": each party."""
    text = doc.text
    for m in _in_sentences(doc, _DEAL_PARTY_RE, _DEAL_PARTY_KW):
        offset = m.start(1)
        for piece in re.split(r",\s+(?:and\s+)?|\s+and\s+", m.group(1)):
            s = text.index(piece, offset)
            offset = s + len(piece)
            if not _CALENDAR.match(piece) and not _in_drug(drug_spans, s):
                yield _make(doc, s, s + len(piece))


#: companies.also_known_as: "Zenith, which is also known as Kestrel Biopharmaceutical, said":
#: a name the text gives a second name with a corporate word for is that company (its other
#: name a form of it, `_KNOWN_AS_RE`).
_AKA_NAME_RE = re.compile(r"(?<![\w&.-])(%s)(?=[\s,(&])" % _FULL_NAME)


def _also_known_as(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.also_known_as (see `_AKA_KW`): not a drug's name."""
    for m in _in_sentences(doc, _AKA_NAME_RE, _AKA_KW):
        known = _KNOWN_AS_RE.match(doc.text, m.end(1))
        if known and _CORP_WORD_RE.search(known.group(1)) and not _in_drug(drug_spans, m.start(1)):
            yield _make(doc, m.start(1), m.end(1))


def _brand_company(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.brand_semicolon: "(Brand; Acme)"."""
    return _groups(doc, _BRAND_COMPANY_RE, _SEMICOLON_KW)


#: companies.listing_place: "Hengrui, listed in Shanghai (600276.SH) and Hong Kong (1276.HK)":
#: the name before a ticker that "in/on" introduces is the market's place, not a company.
_LISTING_PLACE_BEFORE = re.compile(r"\b(?:in|on|at)\s+(?:the\s+)?$")
_PLACES = frozenset(_V["site_trailing_places"]) | frozenset(_V["trial_countries"])


def _market_ticker(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.market_ticker (see `_MARKET_TICKER_RE`): not a place of listing."""
    text = doc.text
    for m in _in_sentences(doc, _MARKET_TICKER_RE, _MARKET_TICKER_KW):
        if _in_drug(drug_spans, m.start(1)) or m.group(1) in _PLACES:
            continue
        if m.group(1).endswith("-B"):
            continue  # a Hong Kong share name (companies.hkex_b_share)
        if not _LISTING_PLACE_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1)):
            yield _make(doc, m.start(1), m.end(1))


def _possessive_subsidiary(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.possessive_subsidiary: "Acme's subsidiary, Zenith Bio,": both."""
    return _parent_and_child(doc, _POSSESSIVE_SUBSIDIARY_RE, _POSSESSIVE_SUBSIDIARY_KW)


def _startup(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.startup (see `_STARTUP_RE`): not a site's name."""
    for m in _in_sentences(doc, _STARTUP_RE, _STARTUP_KW):
        g = 1 if m.group(1) else 2
        if not _SITE_HEADS & set(m.group(g).split()):
            yield _make(doc, m.start(g), m.end(g))


def _camel_name(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.camel_name (see `_CAMEL_RE`), named as the spaced company it shortens."""
    for m in _CAMEL_RE.finditer(doc.text):
        if not _in_drug(drug_spans, m.start(1)):
            camel = _make(doc, m.start(1), m.end(1))
            # "DualityBio" beside "Duality Biologics": the short form of that company.
            tail = m.group(2)
            prefix = m.group(1)[: -len(tail)]
            full = doc.first_match(r"\b%s[ ](?:%s)\b" % (re.escape(prefix), _CORP), prefix)
            if camel is not None and full:
                camel.name, camel.forms = full.group(0), (camel.text,)
            yield camel


#: companies.lowercase_brand: names a brand writes in lower case: a digit-first word ("89bio",
#: "2seventy bio", "4basebio Therapeutics"), or a lower-case word before a lower-case corporate
#: word (`company_lowercase_words`: "bluebird bio") where the text treats it as a company
#: (a legal suffix, a possessive "'s" (not a plural's "therapeutics'"), a ticker, a
#: press-release verb or "a ... company" after it).
_LOWER_CORP = "|".join(map(re.escape, _V["company_lowercase_words"]))
_DIGIT_BRAND_RE = re.compile(
    r"(?<![\w.,$%%-])(\d{1,3}[a-z]{2,}[a-z0-9]*)(?:[ ](%s|%s))?(?![\w-])" % (_LOWER_CORP, _CORP)
)
_LOWER_BRAND_RE = re.compile(
    r"(?<![\w.,$%%/-])([a-z]{1,4}[A-Z][a-z]{2,}\w*|[a-z]{3,}[a-z0-9]*)[ ](?:%s)(?![\w-])"
    r"(?=,?\s+(?:Inc|Ltd|Corp|LLC|plc|AG|SA|SE|NV|N\.V\.|Co)\b|['’]s\s|\s*\((?:NASDAQ|Nasdaq|NYSE)\b|"
    r"\s+(?:today\s+)?(?:said|says|announced|announces|reported|reports)\b|"
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:company|biotech|firm|developer|maker)\b)"
    % _LOWER_CORP
)
_LOWER_TAIL = tuple(w for w in _V["company_lowercase_words"] if " " not in w)
_LOWER_BRAND_CUE = Cue(_V["company_lowercase_words"], pattern=_LOWER_BRAND_RE)
_NOT_LOWER_BRAND = set(_V["company_lowercase_not_brands"])


def _lowercase_brand(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.lowercase_brand (see `_DIGIT_BRAND_RE`): a digit-first word that a corporate
    word follows or ends ("89bio"; "10mg" names nothing), and "bluebird bio"-shaped names."""
    text = doc.text
    for m in _DIGIT_BRAND_RE.finditer(text):
        if m.group(2) or m.group(1).endswith(_LOWER_TAIL):
            if not _in_drug(drug_spans, m.start(1)):
                yield _make(doc, m.start(1), m.end())
    for m in _LOWER_BRAND_RE.finditer(text) if doc.has(_LOWER_BRAND_CUE) else ():
        if m.group(1) not in _NOT_LOWER_BRAND and not _in_drug(drug_spans, m.start(1)):
            yield _make(doc, m.start(1), m.end())


def _place_based(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.place_based (see `_PLACE_BASED_NAME_RE`): not a site, a title or a stop word."""
    for m in _in_sentences(doc, _PLACE_BASED_NAME_RE, _PLACE_BASED_KW):
        words = m.group(1).split()
        if (
            not _in_drug(drug_spans, m.start(1))
            and not _SITE_HEADS & set(words)
            and words[0] not in _NOT
            and words[0].rstrip(".") not in _TITLES
        ):
            yield _make(doc, m.start(1), m.end(1))


def _out_licensor(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.out_licensor (see `_OUT_LICENSOR_RE`)."""
    return _first_group_outside_drugs(doc, _OUT_LICENSOR_RE, _OUT_LICENSOR_KW, drug_spans)


def _subject_its_product(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.subject_its_product (see `_subjects_of_its_product`)."""
    return _subjects_of_its_product(doc, drugs, drug_spans)


def _possessive(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.possessive: "Acme's X" with a drug within a few words, "Acme's Phase 3 study",
    "<drug> is Acme's"; "Acme and Bolt's drug" names two."""
    text = doc.text
    drug_starts = sorted(d.start for d in drugs)
    for m in _in_sentences(doc, _POSSESSIVE_RE, _POSSESSIVE_KW):
        if _in_drug(drug_spans, m.start(1)) or _quoted(text, m):
            continue
        if not _possessive_of_product(doc, drugs, drug_starts, m):
            continue
        # "Acme and Bolt's drug": two companies.
        offset = m.start(1)
        for piece in re.split(r",\s+|\s+and\s+|/", m.group(1)):
            s = text.index(piece, offset)
            offset = s + len(piece)
            yield _make(doc, s, s + len(piece))


def _quoted(text: str, m: re.Match) -> bool:
    """companies.quoted_not_possessive: "the trial ‘ZENITH’ tested X": a bare apostrophe after
    a name that an opening quote starts closes the quote; it makes no possessive."""
    return not m.group(0).endswith("s") and text[m.start(1) - 1 : m.start(1)] in {"‘", "'", "`"}


def _possessive_of_product(
    doc: Doc, drugs: list[Mention], drug_starts: list[int], m: re.Match
) -> bool:
    """Whether what the possessive owns is a product: a drug within six words (and 80
    characters) in the sentence, a study word after it, or "<drug> is X's"."""
    text = doc.text
    s_end = doc.sentence_at(m.start())[1]
    window = text[m.end() : min(s_end, m.end() + 80)]
    # The first drug after the name decides: within 80 characters and the sentence?
    i = bisect.bisect_right(drug_starts, m.end())
    first = drug_starts[i] if i < len(drug_starts) else None
    near_drug = first is not None and first <= m.end() + 80 and first < s_end
    # A drug within the next few words, or "X's Phase 3 study", or "<drug> is X's".
    words_to_drug = None
    if first is not None and first < s_end:
        words_to_drug = len(text[m.end() : first].split())
    before = text[max(0, m.start() - 40) : m.start()]
    is_copula = bool(re.search(r"\b(?:is|was|are)\s+$", before)) and any(
        d.end <= m.start() and m.start() - d.end < 40 for d in drugs
    )
    # companies.apposed_owner: "the trial of Cantrixil, Novogen's therapy to restore ...".
    apposed = bool(_PRODUCT_NOUN_AFTER.match(text, m.end())) and any(
        d.end <= m.start() and _APPOSITION_GAP.fullmatch(text, d.end, m.start()) for d in drugs
    )
    return bool(
        (near_drug and words_to_drug is not None and words_to_drug <= 6)
        or re.match(r"\s*(?:Phase|phase|pivotal|late-stage|investigational|lead)\b", window)
        or is_copula
        or apposed
        or _owns_company_thing(text, m)
    )


_APPOSITION_GAP = re.compile(r"[®™]?(?:\s*\([^()]{1,40}\))?,\s+(?:the\s+)?")
_PRODUCT_NOUN_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:therapy|drug|candidate|treatment|medicine|vaccine|antibody|"
    r"product|asset|compound|inhibitor)\b"
)


#: companies.possessive_company_noun: "Zenith's shares rose", "Nova's CEO", "Acme's partner,
#: Kestrel,", "Orbis's pipeline": what only a company has (`company_possessed_nouns`), owned
#: by a name that is no country or place.
_COMPANY_POSSESSED = re.compile(
    r"\s+(?:[a-z]+[- ])?(?:%s)\b(?![-'’])"
    % "|".join(map(re.escape, sorted(_V["company_possessed_nouns"], key=len, reverse=True)))
)


def _owns_company_thing(text: str, m: re.Match) -> bool:
    """Whether the possessive's owner has what only a company has (see `_COMPANY_POSSESSED`)."""
    name = m.group(1)
    return bool(_COMPANY_POSSESSED.match(text, m.end())) and name not in _PLACES


def _announcer(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.announcer: "Acme today announced": a one-word subject written mid-sentence
    elsewhere (or not in title case), so not just a capitalised sentence start."""
    text = doc.text
    occurrences_of: dict[str, list[tuple[int, int]]] = {}
    for m in _in_sentences(doc, _ANNOUNCER_RE, _ANNOUNCER_KW):
        name = m.group(1)
        if name not in occurrences_of:
            occurrences_of[name] = find_all(text, name)
        elsewhere = [s for s, _ in occurrences_of[name] if s != m.start(1)]
        mid_sentence = any(
            not re.search(r"(?:^|[.!?\n]\s*|--\s*)$", text[max(0, p - 4) : p]) for p in elsewhere
        )
        if name not in _NOT and (mid_sentence or not name[1:].islower()):
            yield _make(doc, m.start(1), m.end(1))


def _announcer_name(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.announcer_name (see `_ANNOUNCER_NAME_RE`): with a sign of an organisation."""
    text = doc.text
    for m in _in_sentences(doc, _ANNOUNCER_NAME_RE, _ANNOUNCER_KW):
        words = m.group(1).split()
        org = (
            m.group(2)
            or m.group(3)
            or _ORG_PRONOUN_AFTER.match(text, m.end())
            or any(_ORG_SHAPED_WORD.fullmatch(w) for w in words)
        )
        if (
            org
            and words[0] not in _FUNCTION_WORDS
            and words[0] not in _GENERIC_FIRST
            and not _NOT_ANNOUNCER_WORDS & set(words)
            and not _in_drug(drug_spans, m.start(1))
        ):
            yield _make(doc, m.start(1), m.end(1))


def _big_pharma(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.big_pharma: a known large company's name (`big_pharma`), however written."""
    for m in finditer(doc.text, _BIG_CUE):
        yield _make(doc, m.start(), m.end())


#: companies.nonprofit_developer: product-development partnerships and non-profit drug
#: developers (`nonprofit_developers`, a closed list: GARDP, DNDi, MMV, TB Alliance, CARB-X)
#: run trials and hold rights like a company; their names carry no corporate word.
_NONPROFIT = sorted(_V["nonprofit_developers"], key=len, reverse=True)
_NONPROFIT_RE = re.compile(r"(?<![\w&-])(?:%s)(?![\w&-])" % "|".join(map(re.escape, _NONPROFIT)))
_NONPROFIT_CUE = Cue(_NONPROFIT, pattern=_NONPROFIT_RE, lead=0)


def _nonprofit_developer(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.nonprofit_developer (see `_NONPROFIT_RE`): known by name, so none of the
    checks for a corporate word applies (an acronym's long form has none)."""
    for m in finditer(doc.text, _NONPROFIT_CUE):
        forms = _other_forms(doc, m.start(), m.end(), m.group(0), m.group(0))
        yield Mention("Company", m.start(), m.end(), m.group(0), m.group(0), tuple(forms), {})


def _big_pharma_short_form(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.big_pharma_short_form (see `_BIG_SHORT_RE`): with the full name as a form,
    so "BMS" and "Bristol Myers Squibb" in one text are one company."""
    for m in finditer(doc.text, _BIG_SHORT_CUE):
        made = _make(doc, m.start(), m.end())
        full = _BIG_SHORT_FULL.get(m.group(0))
        if made is not None and full:
            made.forms = (*made.forms, full)
        yield made


#: One to three capitalised words that no further capitalised word continues (group 1).
_SHORT_NAME_OF = r"(%s(?:[ ]%s){0,2})(?![\w&-]|[ ][^\W\d_a-z])" % (_TOK, _TOK)


#: companies.shares_moved: "Zenith shares rose 40%", "Nova's stock fell", "shares of Orbis
#: jumped": what the market did with a name's shares says it is a company (one to three
#: capitalised words; no place, market or nationality: "Hong Kong shares fell").
_SHARE_MOVES = (
    r"(?:rose|fell|jumped|surged|soared|climbed|gained|rallied|dropped|tumbled|plunged|plummeted|"
    r"slid|sank|slumped|declined|spiked|skyrocketed|more\s+than\s+doubled|doubled|tripled|"
    r"(?:were|are|was|is)\s+(?:up|down|trading|halted))\b"
)
_SHARES_RE = re.compile(
    r"(?<![\w&.'’-])%s(?:['’]s?)?\s+(?:shares|stock|share\s+price)\s+%s|"
    r"\b[Ss]hares\s+(?:of|in)\s+%s\s+%s"
    % (_SHORT_NAME_OF, _SHARE_MOVES, _SHORT_NAME_OF, _SHARE_MOVES)
)
_SHARES_KW = re.compile(r"\b(?:[Ss]hares|stock|share\s+price)\s")
_NOT_SHARE_NAMES = (
    frozenset(_V["stock_exchanges"]) | _NATIONALITIES | frozenset(_V["share_market_words"])
)


def _shares_moved(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.shares_moved (see `_SHARES_RE`)."""
    for m in _in_sentences(doc, _SHARES_RE, _SHARES_KW):
        g = 1 if m.group(1) else 2
        words = m.group(g).split()
        if (
            _in_drug(drug_spans, m.start(g))
            or m.group(g) in _PLACES
            or _NOT_SHARE_NAMES & set(words)
            or all(w in _NOT_NAME_START for w in words)  # "Biotech shares fell": a sector
            or words[0].rstrip(".") in _TITLES
        ):
            continue
        yield _make(doc, m.start(g), m.end(g))


#: companies.deal_relative_subject: "the licensing deal that Zenith signed with Nova", "an
#: agreement which Orbis struck with ...": the subject of a deal's relative clause is a party.
_DEAL_RELATIVE_RE = re.compile(
    r"\b(?:agreements?|deals?|contracts?|licen[cs]es?|pacts?|partnerships?|collaborations?|"
    r"alliances?)\s+(?:that|which)\s+(?:the\s+)?%s\s+(?:had\s+|has\s+|have\s+)?(?:%s)\s"
    % (_SHORT_NAME_OF, _DEAL_VERBS)
)
_DEAL_RELATIVE_KW = re.compile(r"\b(?:that|which)\s+(?:the\s+)?[^\W\d_a-z]")


def _deal_relative_subject(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> _Found:
    """companies.deal_relative_subject (see `_DEAL_RELATIVE_RE`): no site or title."""
    for m in _in_sentences(doc, _DEAL_RELATIVE_RE, _DEAL_RELATIVE_KW):
        if _plain_org_name(m.group(1), m.start(1), drug_spans, _NOT):
            yield _make(doc, m.start(1), m.end(1))


#: The name rules, in order (the order of their mentions is the order of the merge).
_NAME_RULES = (
    _corporate_word,
    _legal_suffix,
    _country_entity,
    _place_inside,
    _ticker,
    _described,
    _described_copula,
    _group_member,
    _product_from,
    _leader,
    _parent,
    _subsidiary,
    _unit,
    _acquisition,
    _executive_of,
    _executive_after_name,
    _descriptor,
    _subsidiary_of,
    _parent_of_subsidiary,
    _developed_by,
    _deal_parties,
    _also_known_as,
    _brand_company,
    _market_ticker,
    _possessive_subsidiary,
    _startup,
    _camel_name,
    _lowercase_brand,
    _place_based,
    _out_licensor,
    _subject_its_product,
    _possessive,
    _announcer,
    _announcer_name,
    _big_pharma,
    _nonprofit_developer,
    _big_pharma_short_form,
    _shares_moved,
    _deal_relative_subject,
)


def find_companies(doc: Doc, drugs: list[Mention]) -> list[Mention]:
    """Company mentions (before merging): each name rule's, then the list rules' (which read
    the companies found)."""
    drug_spans = Spans((d.start, d.end) for d in drugs)
    found = [m for rule in _NAME_RULES for m in rule(doc, drugs, drug_spans) if m is not None]
    found += _listed_after_company_noun(doc, drug_spans)
    found += _hkex_b_shares(doc)
    found += _named_partners(doc, drug_spans)
    found += _listed_with_companies(doc, found, drug_spans)
    found += _paren_partners(doc, found, drug_spans)
    found += _listed_among_companies(doc, found, drug_spans)
    trials = {n for n in {m.name for m in found} if _trial_name(doc, n)}
    return [m for m in found if m.name not in trials]


#: companies.not_trial_name: "the ZENITH phase 3 trial", "In the ZENITH study", "a trial called
#: ‘ZENITH’": a capitalised acronym the text names a trial or study by is the trial's name,
#: not a company's (never a known pharma group's initials or a name with a corporate word).
_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]*[A-Z][A-Z0-9]")
_TRIAL_AFTER = re.compile(
    r"['’\"”]?\s+(?:(?:[Pp]hase|PHASE)\s+(?:[1-4]|I{1,3}|IV)[ab]?\s+|pivotal\s+|clinical\s+)?"
    r"(?:trials?|stud(?:y|ies)|programme|program)\b"
)
_TRIAL_BEFORE = re.compile(
    r"\b(?:trials?|stud(?:y|ies))\s+(?:(?:called|named|dubbed|known\s+as)\s+)?['‘\"“]?$"
)


def _trial_name(doc: Doc, name: str) -> bool:
    """Whether `name` is an acronym the text uses as a trial's name (see `_TRIAL_AFTER`)."""
    if not _ACRONYM.fullmatch(name) or name in _BIG_SHORT_FULL or name in _BIG:
        return False
    for start, end in find_all(doc.text, name):
        if _TRIAL_AFTER.match(doc.text, end):
            return True
        if _TRIAL_BEFORE.search(doc.text[max(0, start - 40) : start]):
            return True
    return False


#: companies.hkex_b_share: "ACME BIO-B (02345)": a Hong Kong-listed biotech's share name
#: ends in "-B" before its stock code; the company is the name before it.
_HKEX_B_RE = re.compile(
    r"(?<![\w-])([^\W\d_a-z][\w&.]*(?:[ ][^\W\d_a-z][\w&.]*){0,3})-B\s*\(\s*"
    r"(?:(?:HK|HKEX|SEHK|HKSE)\s*[:.]?\s*)?\d{4,5}(?:\.HK)?\s*\)"
)
_HKEX_B_CUE = Cue(["-B (", "-B("], pattern=_HKEX_B_RE)


def _hkex_b_shares(doc: Doc) -> list[Mention]:
    if not doc.has(_HKEX_B_CUE):
        return []
    out = [_make(doc, m.start(1), m.end(1)) for m in _HKEX_B_RE.finditer(doc.text)]
    return [m for m in out if m is not None]


#: companies.listed_after_company_noun: "The 14 companies include A, B, C and D", "developers
#: such as A and B", "three domestic companies: A, B and C": the names a company noun
#: introduces are companies. A listed name is a capitalised word, then up to two more words
#: (capitalised, "inno.N", or a corporate word in any case: "SK biopharmaceuticals").
_LIST_WORD = r"[^\W\d_a-z](?:[\w&.-]*[\w&])?"
_LIST_ITEM = r"%s(?: (?:%s|[a-z]+\.[A-Z][\w-]*|(?i:%s))){0,2}" % (_LIST_WORD, _LIST_WORD, _CORP)
#: companies.list_kind_nouns: the nouns (`company_list_kind_nouns`), also capitalised at a
#: sentence start ("Biotechs such as A and B", "rivals including A, B and C").
_LIST_KIND_NOUNS = sorted(_V["company_list_kind_nouns"], key=len, reverse=True)
_LIST_KIND = "|".join("[%s%s]%s" % (n[0], n[0].upper(), re.escape(n[1:])) for n in _LIST_KIND_NOUNS)
_COMPANY_NOUN_LIST_RE = re.compile(
    r"\b(?:%s)\s*"
    r"(?:(?:include|includes|included|including|such as|like)\s*[,:]?|:)\s+"
    r"((?<![\w-])%s(?:(?:,\s+|,?\s+and\s+)%s)+)(?=\.?\s*$|[.;:)]|,|\s+[a-z])"
    % (_LIST_KIND, _LIST_ITEM, _LIST_ITEM),
    re.M,
)
_LEGAL_ALONE = re.compile(r"(?:%s|Company|Co)\.?" % _LEGAL)
_COMPANY_NOUN_LIST_CUE = Cue(
    [w for n in _LIST_KIND_NOUNS for w in (n, n[0].upper() + n[1:])],
    pattern=_COMPANY_NOUN_LIST_RE,
    lead=0,
)


def _listed_after_company_noun(doc: Doc, drug_spans: Spans) -> list[Mention]:
    if not doc.has(_COMPANY_NOUN_LIST_CUE):
        return []
    text = doc.text
    out: list[Mention] = []
    for m in finditer(text, _COMPANY_NOUN_LIST_CUE):
        offset = m.start(1)
        for piece in re.split(r",\s+(?:and\s+)?|,?\s+and\s+", m.group(1)):
            s = text.index(piece, offset)
            offset = s + len(piece)
            if drug_spans.containing(s, s + 1) or _SITE_HEADS & set(piece.split()):
                continue
            if _LEGAL_ALONE.fullmatch(piece):
                continue  # "Eli Lilly and Co.": the legal tail of the item before
            made = _make(doc, s, s + len(piece))
            if made is not None:
                out.append(made)
    return out


#: companies.listed_with_company: "A, B and C have all achieved results", "A, B, C, and D, have
#: signed license agreements": names listed as one subject with a company found by another rule
#: are companies too.
_LISTED_NAME = r"[^\W\d_a-z][\w&.-]*(?: [^\W\d_a-z][\w&.-]*){0,2}"
_SUBJECT_LIST_RE = re.compile(
    r"(?<![\w-])(%s(?:,\s+%s){1,6},? and %s),?\s+(?:have|had|are|were|all|both)\b"
    % (_LISTED_NAME, _LISTED_NAME, _LISTED_NAME)
)
#: The tail of such a list (", and C have"): where to try the whole pattern, a few names back.
_SUBJECT_LIST_TAIL = re.compile(r",? and %s,?\s+(?:have|had|are|were|all|both)\b" % _LISTED_NAME)
_SUBJECT_LIST_CUE = Cue([" and "], pattern=_SUBJECT_LIST_RE)
#: What the listed companies do: results, deals, trials, products.
_LIST_BUSINESS = re.compile(
    r"\b(?:results?|agreements?|licen[cs]\w*|deals?|trials?|stud(?:y|ies)|drugs?|candidates?|"
    r"partners?|partnerships?|collaborat\w+|approvals?|data|pipelines?|products?|therap\w+)\b",
    re.I,
)


def _subject_lists(text: str):
    """The matches of _SUBJECT_LIST_RE, found from their tails (", and C have") instead of
    trying the pattern at every capitalised word."""
    last_end = 0
    for tail in _SUBJECT_LIST_TAIL.finditer(text):
        if tail.start() < last_end:
            continue
        lo = max(last_end, tail.start() - 7 * 60)
        for m in _SUBJECT_LIST_RE.finditer(text, lo, tail.end() + 1):
            if m.end() >= tail.end() - 1 and m.start() >= last_end:
                yield m
                last_end = m.end()
                break


#: companies.paren_partner: "ABBV-RGX-314 (Regenxbio/AbbVie)": the two names in a parenthesis
#: right after a drug, one of them a company, are its partners: the other is a company too.
_PAREN_PAIR = re.compile(
    r"\s*\(\s*([^\W\d_a-z][\w&.-]*(?: [^\W\d_a-z][\w&.-]*){0,2})\s*/\s*"
    r"([^\W\d_a-z][\w&.-]*(?: [^\W\d_a-z][\w&.-]*){0,2})\s*\)"
)


def _paren_partners(doc: Doc, found: list[Mention], drug_spans: Spans) -> list[Mention]:
    if not found or "/" not in doc.text:
        return []
    text = doc.text
    known = {m.text for m in found} | {m.name for m in found}
    out: list[Mention] = []
    for _, end in drug_spans.spans:
        pair = _PAREN_PAIR.match(text, end)
        if pair is None:
            continue
        for g, other in ((1, 2), (2, 1)):
            if pair.group(g) in known and pair.group(other) not in known:
                made = _make(doc, pair.start(other), pair.end(other))
                if made is not None:
                    out.append(made)
    return out


def _listed_with_companies(doc: Doc, found: list[Mention], drug_spans: Spans) -> list[Mention]:
    if not found or not doc.has(_SUBJECT_LIST_CUE):
        return []
    text = doc.text
    known = {m.text for m in found} | {m.name for m in found}
    # "Acme" for "Acme Bio": a company's first word stands for it.
    known |= {m.name.split()[0] for m in found if len(m.name.split()[0]) >= 4}
    out: list[Mention] = []
    for m in _subject_lists(text):
        if not _LIST_BUSINESS.search(text, m.end(), doc.sentence_at(m.start())[1]):
            continue  # "Pfizer, Boston and Chicago have agreed": nothing a company does
        pieces = []
        offset = m.start(1)
        for piece in re.split(r",\s+(?:and\s+)?|\s+and\s+", m.group(1)):
            s = text.index(piece, offset)
            offset = s + len(piece)
            pieces.append((s, piece))
        if not any(p in known for _, p in pieces):
            continue
        for s, piece in pieces:
            if piece in known or drug_spans.containing(s, s + 1) or _CALENDAR.match(piece):
                continue
            if _SITE_HEADS & set(piece.split()):
                continue
            made = _make(doc, s, s + len(piece))
            if made is not None:
                out.append(made)
    return out


#: companies.listed_among_companies: "Yelvan Corp., Halvo, Celtrix, MedZeta and Curovo will
#: present", "partners include Acme, Zenith, Nova and Orbis": a list of three or more short
#: capitalised names, two of which other rules found as companies, lists companies (a list
#: of places, people or products names none). Not a site, place, nationality, title or
#: sentence adverb ("However, A, B and C ...").
#: (a dot inside a listed name only before a letter, a comma or "and": "Acme Corp., Nova";
#: a sentence's full stop ends the list)
_LIST_NAME_WORD = r"[^\W\d_a-z](?:[\w&-]|\.(?=\w|,|\s+and\s))*"
_LIST_NAME = r"%s(?: %s){0,2}" % (_LIST_NAME_WORD, _LIST_NAME_WORD)
_NAME_LIST_RE = re.compile(
    r"(?<![\w&.'’-])(%s(?:,\s+%s){1,40}(?:,?\s+and\s+%s)?)(?![\w&'’-]|[ ][^\W\d_a-z])"
    % (_LIST_NAME, _LIST_NAME, _LIST_NAME)
)
_NOT_LIST_WORDS = (
    _NATIONALITIES | frozenset(_V["sentence_adverbs"]) | _NOT | _GENERIC_FIRST | _FUNCTION_WORDS
)


def _listed_among_companies(doc: Doc, found: list[Mention], drug_spans: Spans) -> list[Mention]:
    """companies.listed_among_companies (see `_NAME_LIST_RE`)."""
    if len(found) < 2:
        return []
    known = {m.text for m in found} | {m.name for m in found}
    out: list[Mention] = []
    for m in _NAME_LIST_RE.finditer(doc.text):
        pieces = _list_pieces(doc.text, m)
        if len(pieces) < 3 or sum(p in known for _, p in pieces) < 2:
            continue
        for s, piece in pieces:
            if piece not in known and _list_item_may_be_company(piece, s, drug_spans):
                made = _make(doc, s, s + len(piece))
                if made is not None:
                    out.append(made)
    return out


def _list_pieces(text: str, m: re.Match) -> list[tuple[int, str]]:
    """The items of a list match, with their starts."""
    pieces = []
    offset = m.start(1)
    for piece in re.split(r",\s+(?:and\s+)?|,?\s+and\s+", m.group(1)):
        s = text.index(piece, offset)
        offset = s + len(piece)
        pieces.append((s, piece.rstrip(".") if piece.endswith(".") and " " not in piece else piece))
    return pieces


def _list_item_may_be_company(piece: str, start: int, drug_spans: Spans) -> bool:
    """Whether a listed name may be a company (see `_NAME_LIST_RE`)."""
    words = piece.split()
    return not (
        drug_spans.containing(start, start + 1)
        or _SITE_HEADS & set(words)
        or piece in _PLACES
        or piece in _COUNTRIES
        or words[0] in _NOT_LIST_WORDS
        or words[0].rstrip(".") in _TITLES
        or _CALENDAR.match(words[0])
        or _LEGAL_ALONE.fullmatch(piece)
        or _NOT_EXEC_ORG.search(piece)
    )


#: companies.passive_subject: "Research published by drug company uniQure shows that its
#: treatment ...": a subject a participle and "by" follow is a thing done, not the company.
_PASSIVE_AFTER_SUBJECT = re.compile(r"\s+[a-z]+(?:ed|en|wn)\s+by\b")


def _subjects_of_its_product(doc: Doc, drugs: list[Mention], drug_spans: Spans) -> list[Mention]:
    """companies.subject_its_product: the capitalised subject of a sentence that goes on to
    name "its <...> <drug>" (within eight words)."""
    text = doc.text
    drug_starts = sorted(d.start for d in drugs)
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for kw in finditer(text, _ITS_CUE):
        sent = doc.sentence_at(kw.start())
        i = bisect.bisect_left(drug_starts, kw.end())
        if i >= len(drug_starts) or drug_starts[i] >= sent[1]:
            continue
        if len(text[kw.end() : drug_starts[i]].split()) > 8 or sent in seen:
            continue
        seen.add(sent)
        m = _SUBJECT_RE.match(text, sent[0])
        if m is None or m.end(1) > kw.start():
            continue
        words = m.group(1).split()
        if (
            drug_spans.containing(m.start(1), m.start(1) + 1)
            or _LEADING_JUNK.match(m.group(1) + " ")
            or words[0] in {"A", "An", "It", "They", "We", "He", "She"}  # a pronoun subject
            or _SITE_HEADS & set(words)
            or words[0] in _NOT
            or words[0].rstrip(".") in _TITLES
            or words[0] in _GENERIC_FIRST
            or _NOT_EXEC_ORG.search(m.group(1))
            or _PASSIVE_AFTER_SUBJECT.match(text, m.end(1))
        ):
            continue
        out.append(_make(doc, m.start(1), m.end(1)))
    return [m for m in out if m is not None]


#: A name of one to three capitalised words that no further capitalised word continues.
_SHORT_NAME = r"(%s(?:[ ]%s){0,2})(?![\w&-]|[ ][^\W\d_a-z])" % (_TOK, _TOK)
#: "the UK's", "Seoul-based", "Korean": a place before a counterparty's name; also
#: companies.nationality_kind_noun: "with Danish biotech firm X", "with Dutch drug major X": a
#: nationality and a company noun (`company_kind_nouns_after_nationality`) before the name.
_NATIONALITY_KIND = r"(?:%s)\s+(?:[a-z][\w-]*\s+){0,2}?(?:%s)\s+" % (
    "|".join(map(re.escape, _V["nationality_adjectives"])),
    "|".join(map(re.escape, _V["company_kind_nouns_after_nationality"])),
)
_PLACE_BEFORE = r"(?:(?:the\s+)?[^\W\d_a-z][\w.]*['’]s\s+|[^\W\d_a-z][\w.]*-based\s+|%s)?" % (
    _NATIONALITY_KIND
)
#: companies.deal_counterparty: "an exclusive licensing agreement with Zenith", "a license with
#: Nova, a spin-out from ...", "the collaboration with Seoul-based Kairo", "licensed from the
#: UK's Orbis", "in-licensed from Zenith", "sold its first biotech, Nova, to Kairo for $2bn":
#: the other party of a deal, named without a corporate word.
_COUNTERPARTY_RE = re.compile(
    r"\b(?:(?:agreements?|licen[cs]es?|deals?|partnerships?|collaborations?|alliances?|"
    r"contracts?|pacts?|tie-ups?)\s+with|licen[cs]ed\s+(?:it\s+)?from|acquired\s+from)\s+"
    r"(?:the\s+)?%s%s|\b(?:sold|licen[cs]ed|out-licen[cs]ed)\s+(?:[^.;]{1,100}?\s)?to\s+(?:the\s+)?%s%s"
    r"(?=\s+for\b)" % (_PLACE_BEFORE, _SHORT_NAME, _PLACE_BEFORE, _SHORT_NAME)
)
_COUNTERPARTY_CUE = Cue(["with", "from", "sold", "licen"], pattern=_COUNTERPARTY_RE)
#: companies.partner_apposition: "its partner, Zenith, won approval", "Nova's licensee Orbis",
#: "their co-development partner Kairo Bio": the partner an owner names is a company.
_PARTNER_RE = re.compile(
    r"(?:['’]s?|\b[Ii]ts|\b[Tt]heir)\s+(?:[\w-]+\s+){0,2}?(?:partner|licensee|licensor|"
    r"collaborator)s?,?\s+(?:the\s+)?%s%s" % (_PLACE_BEFORE, _SHORT_NAME)
)
_PARTNER_CUE = Cue(["partner", "licensee", "licensor", "collaborator"], pattern=_PARTNER_RE)
#: companies.kind_noun: "US biopharma company Zenith", "its portfolio company Nova", "Korean
#: drug developer Kairo", "his previous biotech, Orbis Biomedicines,": the name after a
#: company noun that says what kind of company it is.
_KIND_NOUN_RE = re.compile(
    r"\b(?:(?:biopharma|biopharmaceutical|biotech|biotechnology|pharmaceutical|pharma|drug|"
    r"portfolio|medtech|life[- ]sciences?)\s+(?:company|firm|developer|maker|startup|start-up)"
    r"\s+|\bbiotech,\s+(?=%s,))%s" % (_SHORT_NAME, _SHORT_NAME)
)
_KIND_NOUN_CUE = Cue(
    ["company", "firm", "developer", "maker", "startup", "start-up", "biotech,"],
    pattern=_KIND_NOUN_RE,
)
#: companies.based_in: "Zenith, headquartered in Texas, ...", "The developer was Nova, based
#: in Shenzhen": a one-word name set off by where it is based (a person or an institution is
#: written with more words or a site word).
#: companies.listed_in: "Zenith, listed in Shanghai and Hong Kong, ...", "Nova, which is traded
#: on Nasdaq,": where its shares trade sets a company off the same way.
#: (a market: an exchange, a known place or "... Stock Exchange/Market/Board", not "Table 2")
_MARKET_AFTER = r"(?=\s+(?:(?:%s|%s)\b|(?:[A-Z][A-Za-z]*[ ]){1,4}(?:Exchange|Market|Board)\b))" % (
    _EXCHANGES,
    "|".join(map(re.escape, _V["site_trailing_places"] + _V["trial_countries"])),
)
_SET_OFF_BY = (
    r"(?:(?:headquartered|based)\s+in|(?:listed|traded)\s+(?:in|on)(?:\s+the)?%s)" % _MARKET_AFTER
)
_BASED_IN_RE = re.compile(
    r"(?<![\w&.-])(%s),\s+(?:which\s+is\s+)?%s\s+[^\W\d_a-z]" % (_TOK, _SET_OFF_BY)
)
_BASED_IN_CUE = Cue(["headquartered", "based", "listed", "traded"], pattern=_BASED_IN_RE)


#: Where "X, headquartered in" can match: a name of at most 60 characters before the cue word.
_BASED_IN_KW = re.compile(r",\s+(?:which\s+is\s+)?%s\s" % _SET_OFF_BY)


def _matches(text: str, cue: Cue):
    """The matches of the cue's pattern; "based in" is tried only just before its cue words
    (a name-first pattern is costly at every capital)."""
    if cue is not _BASED_IN_CUE:
        yield from cue.pattern.finditer(text)
        return
    last = 0
    for kw in _BASED_IN_KW.finditer(text):
        lo = max(last, kw.start() - 60)
        for m in cue.pattern.finditer(text, lo, kw.end() + 60):  # (room for the lookahead)
            if m.end() > kw.start():
                last = m.end()
                yield m
                break


def _named_partners(doc: Doc, drug_spans: Spans) -> list[Mention]:
    """Companies named without a corporate word by their role: a deal's counterparty
    (`companies.deal_counterparty`), a kind-of-company noun before the name
    (`companies.kind_noun`), where a one-word name is based (`companies.based_in`), or a
    partner (`companies.partner_apposition`)."""
    text = doc.text
    out: list[Mention] = []
    for cue in (_COUNTERPARTY_CUE, _KIND_NOUN_CUE, _BASED_IN_CUE, _PARTNER_CUE):
        if not doc.has(cue):
            continue
        for m in _matches(text, cue):
            g = m.lastindex or 1
            s, e = m.start(g), m.end(g)
            words = m.group(g).split()
            if (
                drug_spans.containing(s, s + 1)
                or _SITE_HEADS & set(words)
                or words[0] in _NOT
                or words[0].rstrip(".") in _TITLES
                or words[0] in _GENERIC_FIRST
                or words[0] in _FUNCTION_WORDS
                or m.group(g) in _COUNTRIES
                or _NOT_EXEC_ORG.search(m.group(g))
                or _CALENDAR.match(words[0])
            ):
                continue
            made = _make(doc, s, e)
            if made is not None:
                out.append(made)
    return out


#: companies.institute_developer: a non-profit institute that develops, makes, sponsors or
#: licenses a product ("The Zenith Research Institute, a subsidiary of the foundation, is
#: leading the development of the vaccine", "Nova and Instituto Halden signed a technology
#: transfer agreement", "developed by the Orvan Institute", "Instituto Halden's vaccine") is a
#: Company, when the text never names it as a place where someone works or a trial runs ("a
#: researcher at", "Dr Roe of", "conducted at"). The site finder finds its name; resolution
#: retypes it (resolve.institute_developer). Government institutes (`institute_not_developer_
#: words`: "National ...") fund and sponsor; they stay what the site finder says.
_INSTITUTE_HEADS = frozenset(_V["institute_developer_heads"])
_INSTITUTE_NOT = frozenset(_V["institute_not_developer_words"])
_DEV_VERB = (
    r"(?:developing|developed|develops|co-develop\w*|invented|discovered|manufactur(?:es|ed|ing)|"
    r"produc(?:es|ed|ing)|mak(?:es|ing)|licen[cs](?:ed|es|ing)|out-licen[cs]\w*|"
    r"sponsor(?:s|ed|ing)|market(?:s|ed|ing)|commerciali[sz]\w+|owns|owned)\b"
)
_DEVELOPER_AFTER = re.compile(
    r"(?:\s*,[^,.;]{1,120},|\s+and\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})?"
    r"\s+(?:(?:is|was|are|were|has|have|had|will|would|also|now|been|"
    r"currently)\s+)*(?:(?:leading|leads|led|heading|heads|headed|spearhead\w*|in\s+charge\s+of|"
    r"responsible\s+for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?development\b|%s|"
    # a deal that hands over rights to a product ("an agreement on X" alone may be research)
    r"(?:signed|entered\s+into|inked|struck|reached|concluded)\s+[^.;]{0,60}?"
    r"\b(?:(?:licen[cs]e|licensing|transfer|manufacturing|supply|distribution|"
    r"commerciali[sz]ation|co-development|development)\s+(?:agreement|contract|deal)|"
    r"licen[cs]e)\b)" % _DEV_VERB
)
_DEVELOPER_BEFORE = re.compile(
    r"(?:\b(?:developed|discovered|invented|manufactured|produced|made|sponsored|licensed|"
    r"marketed|commerciali[sz]ed|supplied|originated)\s+by|\blicen[cs](?:ed|es|ing)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:to|from)|\b(?:licen[cs]e|licensing|transfer)\s+agreements?\s+with)"
    r"\s+(?:the\s+)?$"
)
_WORKPLACE_BEFORE = re.compile(
    r"(?:\b(?:at|in|inside|within)|\b(?:researchers?|scientists?|investigators?|[Pp]rofessor|"
    r"[Dd]irector|fellow|physicians?|doctors?|head|chair|team|faculty|staff|colleagues|group|"
    r"lab|laboratory|department|division|unit|centre|center|run|conducted|performed|hosted)\s+"
    r"(?:of|from|with|at|by)|[A-Z][a-z]+,?\s+(?:of|from)|\b(?:MD|PhD|MPH|MBBS),?\s+(?:of|from))"
    r"\s+(?:the\s+)?$"
)
_WORKPLACE_AFTER = re.compile(
    r"(?:['’]s?\s+|\s+)(?:researchers?|scientists?|investigators?|professors?|director|lab|"
    r"laboratory|department|team|faculty|campus|hospital|clinic)\b"
)
_PRODUCT_NOUNS = "|".join(map(re.escape, _V["drug_nouns"]))
_PRODUCT_NOUN = re.compile(r"(?i)\b(?:%s)s?\b" % _PRODUCT_NOUNS)
#: "Instituto Halden's vaccine", "the Orvan Institute's TB candidate".
_POSSESSIVE_PRODUCT = re.compile(r"(?i)['’]s?\s+(?:[\w-]+\s+){0,3}?(?:%s)s?\b" % _PRODUCT_NOUNS)


def developer_institutes(text: str, sites: list[Mention], drugs: list[Mention]) -> set[str]:
    """The names, as written, of the site mentions that name developer institutes (see
    `_INSTITUTE_HEADS`): a developer cue at one of the name's places, with a product (a drug
    or a drug noun) in that sentence, and no workplace cue at any of them."""
    drug_starts = sorted(d.start for d in drugs)
    out: set[str] = set()
    for name in {m.text for m in sites}:
        words = set(name.split())
        if not words & _INSTITUTE_HEADS or words & _INSTITUTE_NOT:
            continue
        places = find_all(text, name)
        if any(_workplace(text, s, e) for s, e in places):
            continue
        if any(_develops_there(text, s, e, drug_starts) for s, e in places):
            out.add(name)
    return out


def _workplace(text: str, start: int, end: int) -> bool:
    """Whether the text names the institute here as where someone works or a trial runs."""
    return bool(
        _WORKPLACE_BEFORE.search(text[max(0, start - 40) : start])
        or _WORKPLACE_AFTER.match(text, end)
    )


def _develops_there(text: str, start: int, end: int, drug_starts: list[int]) -> bool:
    """Whether a developer cue stands at this place, and the sentence names a product."""
    i = bisect.bisect_left(drug_starts, end)
    if _POSSESSIVE_PRODUCT.match(text, end) or (
        text[end : end + 2] in {"'s", "’s"} and i < len(drug_starts) and drug_starts[i] < end + 40
    ):
        return True
    if not (
        _DEVELOPER_AFTER.match(text, end)
        or _DEVELOPER_BEFORE.search(text[max(0, start - 60) : start])
    ):
        return False
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    i = bisect.bisect_left(drug_starts, lo)
    return (i < len(drug_starts) and drug_starts[i] < hi) or bool(
        _PRODUCT_NOUN.search(text, lo, hi)
    )
