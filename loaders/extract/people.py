# ruff: noqa: UP031  (regexes are built with %-formatting: str.format braces clash with {m,n})
"""People who run research: names next to titles, degrees and academic roles.

"Professor X", "Dr. X", "X, MD, PhD", "X, the director of ... at Y",
"X, associate professor of ... at Y". Executives quoted only as executives
(CEO, President, Chief ... Officer) are left out.
"""

from __future__ import annotations

from loaders.extract import fastre as re
from loaders.extract.author_lines import find_author_lines
from loaders.extract.context import Doc
from loaders.extract.cues import Cue, finditer
from loaders.extract.lexicon import vocabulary
from loaders.extract.model import Mention
from loaders.extract.text import finditer_at, occurrences, search_at

_V = vocabulary()
_U = "A-ZÀ-ÖØ-Þ"
_L = "a-zß-öø-ÿ"
#: One name part: Smith, McDonald, O'Brien, DeVita, Jean-Luc, José, Müller.
_P = rf"[{_U}](?:[{_L}]*[{_U}][{_L}]+|['’][{_U}][{_L}]+|[{_L}]+)(?:-[{_U}{_L}][{_L}]+)?"
#: people.compound_given_name: the first of two given names ("Pier Luigi Zinzani", "Ann Marie
#: Roe", "Juan Carlos Ruiz"): a short list, since
#: any capitalised word before a name would otherwise join it.
_GIVEN_FIRSTS = "|".join(_V["compound_given_name_firsts"])
#: people.initials: a given name's initials around the name parts: first ("C. Ola Roe",
#: "J.R. Smith"), in the middle with or without a period ("Sara A. Roe", "Melanie J Roe",
#: "Ann B. C. Roe"); a middle initial without a period is never "A" or "I" (English words).
_LEAD_INITIALS = r"(?:(?<![\w.])[A-Z]\.(?:\s?[A-Z]\.)?\s+(?=[%s][%s]+\s+[%s]))?" % (_U, _L, _U)
#: people.glued_initials: "Megan E.B. Clowse": two middle initials written without a space.
_MIDDLE_INITIALS = r"(?:\s+(?:[A-Z]\.(?:[A-Z]\.)?|[B-HJ-Z](?=\s))){0,2}"
#: people.generational_suffix: "James F. Howard Jr., MD": the suffix is part of the name.
_SUFFIX = r"(?:\s+(?:Jr|Sr)\.(?=,))?"
NAME = (
    r"(%s(?:(?:%s)\s+(?=[%s][%s]+\s+[%s]))?"
    r"%s%s(?:\s+(?:van|de|von|der|da|di|le|la|del)){0,2}\s+%s(?:-%s)?%s)"
    % (_LEAD_INITIALS, _GIVEN_FIRSTS, _U, _L, _U, _P, _MIDDLE_INITIALS, _P, _P, _SUFFIX)
)
_DEGREES = "|".join(sorted((re.escape(d) for d in _V["person_degrees"]), key=len, reverse=True))
#: "Profess" (a misspelt Professor) and "Prof" without a dot are titles too.
#: people.academician: "Academician X" (a member of a national academy, in Chinese news).
_TITLE_RE = re.compile(
    r"\b(Professors?|Profess|Prof\.?|Dr\.?|Doctor|Drs\.|Academician)\s+" + NAME + r"\b"
)
#: people.dotted_degree: "Anna Berg, M.D. director of ...": a degree ending in a dot needs no
#: comma after it.
_DEGREE_RE = re.compile(NAME + r",\s+((?:(?:%s)(?:,\s+|\b|(?<=\.)))+)" % _DEGREES)
#: Words every match of the pattern above contains (loaders/extract/cues.py).
_TITLE_CUE = Cue(["Prof", "Dr", "Doctor", "Academician"], pattern=_TITLE_RE, lead=0)
_DEGREE_CUE = Cue(_V["person_degrees"], pattern=_DEGREE_RE)
_ROLES = "|".join(sorted((re.escape(r) for r in _V["research_roles"]), key=len, reverse=True))
#: people.trial_role: the words before the role may name the trial ("X, ABC-003 Investigator,").
#: people.role_not_conjunct: "..., San Diego, and an investigator for X": a role after ", and"
#: describes the person named before the list, not the words right before the comma.
_ROLE_RE = re.compile(
    NAME + r",\s+(?!and\s)(?:the\s+|an?\s+)?(?:[A-Za-z0-9-]+\s+){0,3}?(?i:%s)\b" % _ROLES
)
_ROLE_CUE = Cue(_V["research_roles"], ignore_case=True, pattern=_ROLE_RE)
_EXEC = (
    r"(?:(?i:chief\s+[\w ]{0,30}?officer|president|"
    r"(?:chairman|chairwoman|chairperson)(?! of (?:the )?department)|"
    r"co-?founder|founder|general manager|managing director|spokes\w+|analyst|"
    r"(?:executive|board|non-executive) director|director of the board|board member|"
    r"vice president|head of (?:r&d|research and development|development|clinical "
    r"development|medical affairs|global|oncology development)|"
    r"(?:head|director|manager|vice president|officer) of (?:corporate |global )?"
    r"(?:communications|investor relations|media relations|public relations|public affairs)|"
    r"patient advocate|general counsel|press officer|media contact|"
    r"(?:r&d|research and development|science|scientific|development|commercial|business)"
    r"\s+(?:chief|boss|head))|"
    # people.executive_vp: "Senior VP and Head of ...".
    r"CEO|CMO|CSO|COO|CFO|EVP|SVP|VP|"
    # people.regulator_official: "FDA Commissioner X", "CBER head X" speak for a regulator.
    r"(?:FDA|CBER|CDER|EMA|MHRA|NMPA|PMDA)\s+(?i:commissioner|head|director|chief))"
)
_EXEC_RE = re.compile(r"\b%s\b" % _EXEC)
#: "the company's chief medical officer, Jane Roe": the role written before the name.
#: people.at_the_helm: "At the helm is Jane Roe, PhD, who founded ...": who runs the company.
_EXEC_BEFORE_RE = re.compile(
    r"\b%s(?:\s+(?:of|at)\s+[\w&.-]+(?:\s+[^\W\d_a-z][\w&.-]*)*)?,?\s+$|"
    r"\b[Aa]t\s+(?:the|its)\s+helm\s+(?:is|was|will\s+be)\s+$|"
    # people.founder: "Acme, founded in 2018 by Dr Jane Roe": a company's founder.
    r"\b(?:[Cc]o-)?[Ff]ounded\s+(?:in\s+\w+\s+)?by\s+$" % _EXEC
)
#: people.principal_investigator: "X, MD, Vice President of Research at UH, is the Principal
#: Investigator of the study": a named study role outweighs an executive title.
_PI_AFTER = re.compile(
    r",?\s+(?:is|was|serves\s+as|will\s+serve\s+as)\s+(?:the\s+|a\s+)?(?:(?:overall\s+)?"
    r"(?i:principal|lead|coordinating|national\s+lead|global\s+lead)\s+)?(?i:investigator)\b"
)
#: people.not_heading_words: capitalised words of headlines and press-release section
#: headings ("Fourth Quarter 2024 Operational Updates and Upcoming Milestones") name no one.
_NOT_NAMES = set(_V["not_person_name_words"])
#: Where a NAME can start: it begins with a capital (a compound given name's first word too,
#: tests/extract/test_text_index.py checks it), so NAME-first patterns are tried only there.
_NAME_START = re.compile(r"[%s]" % _U)


def _name_starts(text: str) -> list[int]:
    return [m.start() for m in _NAME_START.finditer(text)]


_NOT_NAMES |= set(_V["not_person_name_institution_words"])
#: people.unit_not_name: "Deputy Dean of the X Hospital", "the Science and Technology
#: Department of Y University", "Director of the Institutional Office of Z": an office, a unit or
#: a role written in capitals before "of <site>" is no person's name.
_NOT_NAMES |= set(_V["not_person_name_unit_words"])
#: people.field_not_name: "the Division of Cardiovascular Medicine of Y": a medical field or a
#: unit word (`site_unit_words`) is no part of a person's name.
_NOT_NAMES |= set(_V["site_unit_words"])
_NOT_NAMES |= set(_V["company_words"]) | set(_V["not_companies"])
#: people.event_not_name: "At the ASCO Annual Meeting, Professor X": a meeting's name is no
#: person's name.
_NOT_NAMES |= set(_V["event_words"]) | set(_V["not_person_name_event_words"])


_TITLE_WORDS = set(_V["person_titles"])


def _looks_like_name(name: str) -> bool:
    parts = name.split()
    if len(parts) > 1 and parts[-1].lower() in _DISEASE_HEADS:
        return False  # people.disease_name: "Program for Rectal Cancer" names no one
    return not any(p in _NOT_NAMES or p in _TITLE_WORDS for p in parts)


_DISEASE_HEADS = set(_V["disease_heads"])


#: people.institution_president: "X, President of Y Cancer Hospital", "president of Z University":
#: the head of a hospital, university or institute is an academic role, not an executive one.
#: people.site_vice_president: "senior vice president and director of the X Division at the Y
#: Cancer Center": the other roles joined to the title may come between it and the institution.
_INSTITUTION_PRESIDENT = re.compile(
    r"(?i:(?:vice[- ])?president|dean)(?: and [a-z][a-z ]{0,40}?)? (?:of|at) (?:the )?"
    r"(?:[%s][\w&'’./-]*\s+(?:(?:and|of|at|the)\s+)*){0,10}?"
    r"(?:Hospital|University|Institute|Clinic|Medical Center|Medical Centre|Cancer Center|"
    r"Cancer Centre|College|Academy)\b" % _U
)


#: people.regulator_official: a person whose role is at a regulator speaks for the agency,
#: not for a study.
_REGULATOR_ROLE = re.compile(
    r",?\s+(?:[\w-]+\s+){0,6}?(?:of|at)\s+(?:the\s+)?(?:U\.S\.\s+|US\s+)?(?:%s)\b"
    % "|".join(map(re.escape, _V["site_regulator_owners"]))
)


def _is_executive(doc: Doc, end: int, start: int | None = None) -> bool:
    s_start, s_end = doc.sentence_at(end)
    if _names_study_role(doc.text, end, s_end):
        return False
    after = doc.text[end : min(s_end, end + 90)]
    after = re.sub(r"(?i)chair\w* of (?:the )?department", "chair", after)  # academic role
    after = _INSTITUTION_PRESIDENT.sub("head", after)
    wide = _INSTITUTION_PRESIDENT.search(doc.text, end, min(s_end, end + 250))
    if wide and wide.start() < end + len(after) and wide.end() > end + 90:
        after = doc.text[end : wide.start()] + "head"  # the institution lies past the window
    if _EXEC_RE.search(after.split(" at ")[0].split(" of ")[0] + " " + after[:60]):
        return True
    if _REGULATOR_ROLE.match(after):
        return True  # people.regulator_official: "X, director of the FDA’s Center for ..."
    if start is None:
        return False
    before = doc.text[max(s_start, start - 70) : start]
    before = re.sub(r"(?:Professor|Prof\.?|Dr\.?|Doctor)\s+$", "", before)
    return bool(_EXEC_BEFORE_RE.search(before))


def _names_study_role(text: str, end: int, s_end: int) -> bool:
    """The sentence goes on, after the name's appositions, to say the person is the study's
    investigator (people.principal_investigator)."""
    tail = text[end:s_end]
    # Skip the comma-separated appositions after the name: the verb follows the last one.
    return any(_PI_AFTER.match(tail, c.start()) for c in re.finditer(r",", tail))


#: people.third_part: the next name part after a titled name, when the text also writes
#: "<Title> <that part>" ("Professor Ana Li Wen ... Professor Wen": a three-part name).
_NEXT_PART = re.compile(r"[ ](%s)(?![\w-])" % _P)


#: people.three_part_titled: "Prof Ana Joy Ho (Lakeside University, ...)", "Dr. Mary Ellen Roe,
#: MD": a third name part right after a titled two-part name, where the name plainly ends (a
#: parenthesis, comma, semicolon or line end follows), is the surname (short ones too: Ho, Li);
#: never a day or month (`calendar_words`) nor a word of `person_name_not_last_parts`.
_THIRD_PART = re.compile(r"[ ](%s)(?=[ ]?[(,;]|[ ]*(?:\n|$))" % _P, re.M)
_NOT_LAST_PARTS = set(_V["calendar_words"]) | set(_V["person_name_not_last_parts"])


def _third_part(text: str, name: str, end: int) -> re.Match | None:
    """The third part of a titled name (see the pattern above), or None."""
    if len(name.split()) != 2 or "." in name:
        return None
    m = _THIRD_PART.match(text, end)
    if m is None or m.group(1) in _NOT_LAST_PARTS or not _looks_like_name(m.group(1)):
        return None
    return m


_TITLED = re.compile(r"\b(?:Professor|Prof\.?|Dr\.?)\s+(%s)\b" % _P)
_TITLED_CUE = Cue(["Prof", "Dr"], pattern=_TITLED, lead=0)
#: "Professors A of X and B of Y", "Drs. A and B".
_PLURAL_TITLE = re.compile(r"\b(?:Professors|Drs\.)\s")
_PLURAL_TITLE_CUE = Cue(["Professors", "Drs."], pattern=_PLURAL_TITLE, lead=0)


def _titled_parts(text: str) -> set[str]:
    return {m.group(1) for m in finditer(text, _TITLED_CUE)}


def find_people(doc: Doc) -> list[Mention]:
    """Investigator mentions (before merging)."""
    out: list[Mention] = []
    text = doc.text
    titled = _titled_parts(text)
    for m in finditer(text, _TITLE_CUE):
        name, end = m.group(2), m.end(2)
        nxt = _NEXT_PART.match(text, end)
        if nxt and nxt.group(1) in titled and nxt.group(1) not in name.split():
            name, end = f"{name} {nxt.group(1)}", nxt.end(1)
        elif third := _third_part(text, name, end):
            name, end = f"{name} {third.group(1)}", third.end(1)
        if _looks_like_name(name) and not _is_executive(doc, end, m.start(2)):
            title = m.group(1).rstrip(".s") if m.group(1).startswith("Prof") else m.group(1)
            title = "Professor" if title.startswith("Prof") else title
            out.append(Mention("Investigator", m.start(2), end, name, name, (), {"title": title}))
    # "Professors A of X and B of Y": the second name shares the plural title.
    for m in finditer(text, _PLURAL_TITLE_CUE):
        s_end = doc.sentence_at(m.start())[1]
        for n in re.finditer(
            r"(?:,\s+|\s+)and\s+" + NAME + r",?\s+(?:of|from|at)\s", text[m.end() : s_end]
        ):
            start = m.end() + n.start(1)
            name = n.group(1)
            if _looks_like_name(name):
                out.append(
                    Mention(
                        "Investigator",
                        start,
                        start + len(name),
                        name,
                        name,
                        (),
                        {"title": "Professor" if m.group(0).startswith("Prof") else "Dr."},
                    )
                )
    name_starts = doc.once(_name_starts)
    for m in finditer_at(_DEGREE_RE, text, name_starts) if doc.has(_DEGREE_CUE) else ():
        name = m.group(1)
        if _looks_like_name(name) and not _is_executive(doc, m.end(1), m.start(1)):
            degrees = ", ".join(d.strip() for d in m.group(2).split(",") if d.strip())
            out.append(
                Mention("Investigator", m.start(1), m.end(1), name, name, (), {"title": degrees})
            )
    for m in finditer_at(_ROLE_RE, text, name_starts) if doc.has(_ROLE_CUE) else ():
        name = m.group(1)
        if _looks_like_name(name) and not _is_executive(doc, m.end(1), m.start(1)):
            out.append(Mention("Investigator", m.start(1), m.end(1), name, name))
    out += _site_role_people(doc) + _specialists(doc) + find_author_lines(text)
    return _without_stray_initial(text, _without_headline_verbs(text, out))


#: people.leading_initial: a capital and period after a lower-case word ("vitamin D. Anna Roe,
#: MD, said", "type B. Tom Ruiz") end the words before the name, not the name's initial; after a
#: word that introduces a name ("said C. Ola Roe", "by J. Tom Ruiz") they are the initial.
_LEAD_INITIAL_OF_NAME = re.compile(r"[A-Z]\.(?:\s?[A-Z]\.)?\s+")
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w-])([a-z]+)\s+$")
_INTRO_WORDS = set(_V["person_name_intro_words"])


def _without_stray_initial(text: str, people: list[Mention]) -> list[Mention]:
    for p in people:
        lead = _LEAD_INITIAL_OF_NAME.match(p.name)
        if lead is None or p.name != text[p.start : p.end]:
            continue
        word = _LOWER_WORD_BEFORE.search(text, max(0, p.start - 30), p.start)
        if word and word.group(1) not in _INTRO_WORDS:
            p.start += lead.end()
            p.text = p.name = text[p.start : p.end]
    return people


#: people.site_role_before: "Yonsei University professor Kim Min-jun", "Lakeside Hospital
#: oncologist Anna Berg": a lower-case research role between an institution and a name.
_SITE_ROLE_WORDS = (
    "professor",
    "researcher",
    "oncologist",
    "physician",
    "scientist",
    "investigator",
)
_SITE_ROLE_RE = re.compile(
    r"\b(?:University|Hospital|Institute|School|College|Center|Centre|Clinic)\s+(?:%s)\s+"
    % "|".join(_SITE_ROLE_WORDS)
    + NAME
    + r"(?![\w-])"
)
_SITE_ROLE_CUE = Cue(list(_SITE_ROLE_WORDS), pattern=_SITE_ROLE_RE)


#: people.specialist_before: "oncologist Jane Roe", "Neurologists Jane Roe and Tom Ruiz": a
#: medical or research specialist named right after the word (research_specialist_nouns).
_SPECIALISTS = "|".join(sorted(_V["research_specialist_nouns"], key=len, reverse=True))
_SPECIALIST_RE = re.compile(
    r"\b(?i:%s)s?,?\s+" % _SPECIALISTS + NAME + r"(?![\w-])(?:\s+and\s+" + NAME + r"(?![\w-]))?"
)
#: Every match starts with one of the nouns: the pattern is tried only there.
_SPECIALIST_CUE = Cue(
    _V["research_specialist_nouns"], ignore_case=True, pattern=_SPECIALIST_RE, lead=0
)


#: people.specialist_not_in_headline: "Oncologists Share Practice-Changing Data" is a
#: title-case headline's verb and object, not a name: a line whose longer words all start
#: with a capital (at least five of them) names no one after a specialist noun.
_LONG_WORD = re.compile(r"[A-Za-z][\w'’-]{3,}")


def _title_case_line(text: str, pos: int, cache: dict[int, bool]) -> bool:
    """Whether the line around `pos` is written in title case (each line checked once)."""
    start = text.rfind("\n", 0, pos) + 1
    if start not in cache:
        end = text.find("\n", pos)
        words = _LONG_WORD.findall(text, start, end if end >= 0 else len(text))
        cache[start] = len(words) >= 5 and all(w[0].isupper() for w in words)
    return cache[start]


def _specialists(doc: Doc) -> list[Mention]:
    if not doc.has(_SPECIALIST_CUE):
        return []
    out = []
    lines: dict[int, bool] = {}
    for m in finditer(doc.text, _SPECIALIST_CUE):
        if _title_case_line(doc.text, m.start(), lines):
            continue
        for g in (1, 2):
            name = m.group(g)
            if name and _looks_like_name(name) and not _is_executive(doc, m.end(g), m.start(g)):
                out.append(Mention("Investigator", m.start(g), m.end(g), name, name))
    return out


def _site_role_people(doc: Doc) -> list[Mention]:
    if not doc.has(_SITE_ROLE_CUE):
        return []
    out = []
    for m in _SITE_ROLE_RE.finditer(doc.text):
        if _looks_like_name(m.group(1)) and not _is_executive(doc, m.end(1), m.start(1)):
            out.append(Mention("Investigator", m.start(1), m.end(1), m.group(1), m.group(1)))
    return out


def _without_headline_verbs(text: str, people: list[Mention]) -> list[Mention]:
    """people.headline_verb: "Dr. Roe Explains ..." in a title-case headline is "Dr. Roe" and a
    verb: a titled two-part name whose first part is another person's surname and whose
    second part the text never uses again is dropped (the surname is found later)."""
    surnames = {p.name.split()[-1] for p in people if len(p.name.split()) >= 2}
    out = []
    for p in people:
        parts = p.name.split()
        if (
            len(parts) == 2
            and p.props.get("title")
            and parts[0] in surnames
            and not any(q.name.split()[-1] == parts[1] for q in people if q is not p)
            and len(re.findall(r"\b%s\b" % re.escape(parts[1]), text)) == 1
        ):
            continue
        out.append(p)
    return out


#: people.role_before: "lead author Jane Roe", "Study co-author Jane Roe", "Principal
#: investigator Jane Roe" (the first word may open the sentence).
_ROLE_BEFORE_RE = re.compile(
    r"\b(?i:lead|study|first|senior|principal|corresponding|coordinating|co-lead|co-first|"
    r"co-senior|co-principal)\s+(?:(?i:study)\s+)?(?:co-)?"
    r"(?:author|investigator|researcher)s?,?\s+(?:(?:was|is)\s+)?" + NAME + r"\b"
)
_BEFORE_SITE_RE = re.compile(
    NAME + r",?\s+(?:of|from|(?:and|with) (?:colleagues|co-workers|coworkers) (?:at|of|from))"
    r"\s+(?:the\s+)?$"
)
#: people.site_in_parentheses: "presented by Jane Roe (Lakeside Hospital, Brno)".
_PAREN_SITE_RE = re.compile(NAME + r"\s+\((?:the\s+)?$")
#: people.quoted_at_site: "said Jane Roe at Lakeside Hospital": after a verb of saying or
#: presenting, "at" places the speaker as "of" does.
_SAID_AT_SITE_RE = re.compile(
    r"\b(?:said|says|added|noted|explained|according to|presented by|reported by)\s+"
    + NAME
    + r"\s+at\s+(?:the\s+)?$"
)
#: people.apposition_at_site: "Jane Roe, who treats patients at X", "Jane Roe, a member of the
#: research team at X": a clause about the person that ends at the site they work at (the
#: words of that clause may not make them a patient or a relative: person_not_research_words).
_APPOSITION_SITE_RE = re.compile(
    NAME + r",\s+(who\s+|an?\s+|the\s+)((?:[\w-]+\s+){1,7}?)(?:at|of|from|with)\s+(?:the\s+)?$"
)
_NOT_RESEARCH = set(_V["person_not_research_words"])
#: people.possessive_site: "Kessel University's Jane Roe said": a person of the site.
_AFTER_SITE_POSSESSIVE = re.compile(r"['’]s\s+" + NAME + r"(?![\w-])(?!\s+[%s])" % _U)
#: "Anna Berg, who led the study", "the trial, led by Anna Berg": a named person who leads it.
_LEADS_RE = re.compile(
    NAME + r",\s+who\s+(?:co-)?(?:led|leads|ran|runs|directed|directs|headed|heads|oversaw|"
    r"oversees|coordinated)\s+(?:the\s+|this\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:study|studies|trial|trials|research|work|analysis)\b"
    # people.group_led_by: "Researchers led by Jane Roe", "a group led by Jane Roe".
    r"|\b(?:study|trial|research|work|analysis|team|[Tt]eams|[Rr]esearchers|[Ss]cientists|"
    r"[Ii]nvestigators|group)\s*,?\s+(?:was\s+|is\s+|were\s+|are\s+)?"
    r"(?:co-)?"
    r"(?:led|run|conducted|headed|directed)\s+by\s+(?:(?:Professor|Prof\.?|Dr\.?)\s+)?" + NAME
)
_ROLE_BEFORE_CUE = Cue(["author", "investigator", "researcher"], pattern=_ROLE_BEFORE_RE)
#: Where a match of _ROLE_BEFORE_RE starts: at its first word (tried only there).
_ROLE_BEFORE_START = Cue(
    ["lead", "study", "first", "senior", "principal", "corresponding", "coordinating"]
    + ["co-lead", "co-first", "co-senior", "co-principal"],
    ignore_case=True,
    pattern=_ROLE_BEFORE_RE,
    lead=0,
)
_LEADS_CUE = Cue(["who", "by"], pattern=_LEADS_RE)
#: Where a match of _LEADS_RE's second branch starts ("study ... led by NAME"); the first
#: branch starts with a NAME, at a capital. The pattern is tried only at those places.
_LEADS_SUBJECT = re.compile(
    r"study|trial|research|work|analysis|team|Teams|Researchers|Scientists|scientists|"
    r"Investigators|investigators|group"
)
#: people.led_by_list: "teams led by A, B, and C", "the study, led by Dr. A and Dr. B": every
#: name of the list after "led by".
_NEXT_LISTED = re.compile(
    r"(?:,\s+(?:and\s+)?|,?\s+and\s+)(?:(?:Professor|Prof\.?|Dr\.?)\s+)?" + NAME + r"(?![\w-])"
)


def _leads_subjects(text: str) -> list[int]:
    return [m.start() for m in _LEADS_SUBJECT.finditer(text)]


def _leads_starts(text: str, name_starts: list[int] | None = None) -> list[int]:
    """Capitals and subject words: two sorted runs of different positions, merged."""
    if name_starts is None:
        name_starts = _name_starts(text)
    return sorted(name_starts + _leads_subjects(text))


#: "researchers Jane Roe and John Smith from/at <site>": both named researchers work there.
_PAIR_BEFORE_SITE_RE = re.compile(
    r"\b(?i:researchers|scientists|investigators|physicians|doctors)\s+"
    + NAME
    + r"\s+and\s+"
    + NAME
    + r",?\s+(?:of|from|at)\s+(?:the\s+)?$"
)
_PAIR_BEFORE_SITE_CUE = Cue(
    ["researchers", "scientists", "investigators", "physicians", "doctors"],
    ignore_case=True,
    pattern=_PAIR_BEFORE_SITE_RE,
)


def people_near_sites(doc: Doc, sites: list[Mention]) -> list[Mention]:
    """ "Jane Roe of Lakeside Hospital", "lead author Jane Roe": people without a title."""
    out = []
    text = doc.text
    name_starts = doc.once(_name_starts)
    pairs = doc.has(_PAIR_BEFORE_SITE_CUE)
    for site in sites:
        lo = max(0, site.start - 70)
        m = search_at(_BEFORE_SITE_RE, text, name_starts, lo, site.start)
        if m and _looks_like_name(m.group(1)) and not _is_executive(doc, m.end(1), m.start(1)):
            out.append(Mention("Investigator", m.start(1), m.end(1), m.group(1), m.group(1)))
        else:
            out += _more_near_site(doc, site, name_starts)
        pair = pairs and _PAIR_BEFORE_SITE_RE.search(text, max(0, site.start - 140), site.start)
        if pair:
            for g in (1, 2):
                if _looks_like_name(pair.group(g)) and not _is_executive(
                    doc, pair.end(g), pair.start(g)
                ):
                    out.append(
                        Mention(
                            "Investigator", pair.start(g), pair.end(g), pair.group(g), pair.group(g)
                        )
                    )
    for m in finditer(text, _ROLE_BEFORE_START) if doc.has(_ROLE_BEFORE_CUE) else ():
        if _looks_like_name(m.group(1)) and not _is_executive(doc, m.end(1), m.start(1)):
            out.append(Mention("Investigator", m.start(1), m.end(1), m.group(1), m.group(1)))
    leads_starts = _leads_starts(text, name_starts) if doc.has(_LEADS_CUE) else []
    for m in finditer_at(_LEADS_RE, text, leads_starts):
        g = 1 if m.group(1) else 2
        name = m.group(g)
        if _looks_like_name(name) and not _BIG_PHARMA.search(name):
            if not _is_executive(doc, m.end(g), m.start(g)):
                out.append(Mention("Investigator", m.start(g), m.end(g), name, name))
                out += _listed_after(doc, m.end(g)) if g == 2 else []
    return _without_stray_initial(text, out)


def _not_research(opening: str, clause: str) -> bool:
    """ "a patient at X", "who was a participant at X": the clause names no researcher ("who
    treats patients at X" does)."""
    words = clause.lower().split()
    if opening.startswith("who"):
        if words[:1] not in (["is"], ["was"]) or len(words) < 3:
            return False
        words = words[2:] if words[1] in {"a", "an", "the"} else words[1:]
    return bool(_NOT_RESEARCH & set(words))


def _more_near_site(doc: Doc, site: Mention, name_starts: list[int]) -> list[Mention]:
    """The rarer ways a sentence ties an untitled person to a site (the patterns above)."""
    text = doc.text
    found = []
    m = _SAID_AT_SITE_RE.search(text, max(0, site.start - 90), site.start)
    if m:
        found.append((m.start(1), m.end(1), m.group(1)))
    m = search_at(_PAREN_SITE_RE, text, name_starts, max(0, site.start - 70), site.start)
    if m:
        found.append((m.start(1), m.end(1), m.group(1)))
    m = search_at(_APPOSITION_SITE_RE, text, name_starts, max(0, site.start - 140), site.start)
    if m and not _not_research(m.group(2), m.group(3)):
        found.append((m.start(1), m.end(1), m.group(1)))
    m = _AFTER_SITE_POSSESSIVE.match(text, site.end)
    if m:
        found.append((m.start(1), m.end(1), m.group(1)))
    return [
        Mention("Investigator", s, e, name, name)
        for s, e, name in found
        if _looks_like_name(name) and not _is_executive(doc, e, s)
    ]


def _listed_after(doc: Doc, end: int) -> list[Mention]:
    """people.led_by_list: the further names of a list that "led by" starts."""
    out = []
    nxt = _NEXT_LISTED.match(doc.text, end)
    while nxt and _looks_like_name(nxt.group(1)) and not _BIG_PHARMA.search(nxt.group(1)):
        if _is_executive(doc, nxt.end(1), nxt.start(1)):
            break
        name = nxt.group(1)
        out.append(Mention("Investigator", nxt.start(1), nxt.end(1), name, name))
        nxt = _NEXT_LISTED.match(doc.text, nxt.end(1))
    return out


_BIG_PHARMA = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(n) for n in _V["big_pharma"]))


_TITLED_PART = re.compile(
    r"\b(?:Professor|Prof\.?|Dr\.?|Doctor)\s+(%s)(?![\w-])(?!\s+%s)" % (_P, _P)
)
_TITLED_PART_CUE = Cue(["Prof", "Dr", "Doctor"], pattern=_TITLED_PART, lead=0)


def surname_mentions(doc: Doc, people: list[Mention]) -> list[Mention]:
    """Later references by surname alone ("Zhou reported") when it is unambiguous.

    The surname is the last part of a name, or the first part when the text uses it after
    a title ("Zhou Yuting" ... "Professor Zhou": Chinese names are written surname first).
    """
    full_names = {p.name for p in people}
    titled = {m.group(1) for m in finditer(doc.text, _TITLED_PART_CUE)}
    last: dict[str, set[str]] = {}
    for name in full_names:
        parts = name.split()
        last.setdefault(parts[-1], set()).add(name)
        if len(parts) >= 2 and parts[0] in titled and parts[-1] not in titled:
            last.setdefault(parts[0], set()).add(name)
    out = []
    unique = {s: names for s, names in last.items() if len(names) == 1 and len(s) >= 3}
    spans = occurrences(doc.text, unique, _NOT_BEFORE_SURNAME, _NOT_AFTER_NAME)
    for surname, names in unique.items():
        (full,) = names
        for start, end in spans[surname]:
            out.append(Mention("Investigator", start, end, surname, full))
    return out


_NOT_BEFORE_SURNAME = re.compile(r"[\w.-]")
_NOT_AFTER_NAME = re.compile(r"[\w-]")
