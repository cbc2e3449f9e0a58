"""Parse the standard form of a cooperation description (popis spolupráce) from plain text.

The form is fixed: a title, a two-column header (Územní celek, Sídlo, IČ, …), an introductory
paragraph, headed sections (Doba platnosti …, Obsahové zaměření …, …), the schedule table and the
approval and signature lines. The parser finds those headings and labels and reads each value
from the text between them, so it keeps working when PDF extraction breaks phrases across lines
or drops footnotes and page numbers into the middle of a section (see `text.Source`).

Nothing is guessed: a value the parser cannot read is returned as `Field(found=False)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .cleaning import (
    VACANCY_MENTION_RE,
    is_vacant,
    read_ico,
    registration_doubt,
    split_person,
)
from .czech import (
    MONTHS_GENITIVE,
    NUMBER_WORD_RE,
    clean,
    find_date,
    fold,
    last_top_level_and,
    parse_count,
    sentence_end,
    split_top_level,
    starts_upper,
    stem,
    words,
)
from .errors import ImportRejected
from .parsed import (
    Activity,
    Field,
    InclusionManager,
    LinkedStrategy,
    LpStance,
    MemberCategory,
    OutputSpec,
    ParsedDescription,
    RegionalContact,
    RuleSpec,
    Signature,
    ThematicArea,
    WorkingGroup,
    YearRange,
)
from .schedule import parse_schedule
from .text import Source

# The result types are importable from here too: `from spojka.importer.parser import RuleSpec`.
__all__ = [
    "Activity",
    "Field",
    "InclusionManager",
    "LinkedStrategy",
    "LpStance",
    "MemberCategory",
    "OutputSpec",
    "ParsedDescription",
    "RegionalContact",
    "RuleSpec",
    "Signature",
    "ThematicArea",
    "WorkingGroup",
    "YearRange",
    "parse_cooperation_description",
]


def _phrase(phrase: str) -> str:
    """A regex for a phrase whose words may be separated by any whitespace, line breaks included."""
    return r"\s+".join(phrase.split(" "))


_TITLE_RE = re.compile(
    r"^[ \t\f]*(?:POPIS\s+SPOLUPRÁCE\b|(?i:"
    + _phrase("popis spolupráce v oblasti sociálního začleňování")
    + "))",
    re.MULTILINE,
)


@dataclass(frozen=True)
class _SectionHeading:
    key: str
    phrase: str
    tail: str | None = None  # the rest of the heading, optional because forms vary slightly
    alone: bool = False  # the phrase also starts a sentence, so only a line holding nothing else counts

    def regex(self) -> re.Pattern[str]:
        pattern = r"^[ \t\f]*" + _phrase(self.phrase)
        if self.tail:
            pattern += r"(?:\s*" + _phrase(self.tail) + ")?"
        pattern += r"[ \t]*:?[ \t]*$" if self.alone else r"[^\n]*"
        return re.compile(pattern, re.MULTILINE | re.IGNORECASE)


_SECTIONS = [
    _SectionHeading("validity", "Doba platnosti popisu spolupráce", alone=True),
    _SectionHeading("focus", "Obsahové zaměření spolupráce", r"\(tematické oblasti spolupráce\)"),
    _SectionHeading(
        "partnership",
        "Struktura, kompetence a složení lokálního partnerství",
        r",? další zvolené participační aktivity",
    ),
    _SectionHeading("psz", "Specifikace plánu sociálního začleňování", r"\([^()]*\)"),
    _SectionHeading(
        "esif",
        "Předpokládané oblasti intervence",
        r"realizované za podpory finančních prostředků ESIF v rámci KPSV(?: \d{4}\+?)?",
    ),
    _SectionHeading("contact", "Kontaktní osoba za příslušný kraj", r"\(je-li relevantní\)"),
    _SectionHeading(
        "stance",
        "Stanovisko lokálního partnerství",
        r"\(případně jeho předpokládaných členů\),? datum projednání",
    ),
    _SectionHeading(
        "schedule",
        "Jednotlivé činnosti spolupráce a jejich harmonogram",
        r"v průběhu platnosti popisu spolupráce",
    ),
]
_SECTION_RES = {section.key: section.regex() for section in _SECTIONS}
# The approval lines are labels followed by their value on the same line.
_APPROVAL_RE = re.compile(
    r"^[ \t\f]*" + _phrase("Datum schválení popisu spolupráce") + r"(?:\s+územním\s+celkem)?[ \t]*:?",
    re.MULTILINE | re.IGNORECASE,
)
_RESOLUTION_RE = re.compile(r"^[ \t\f]*Číslo\s+usnesení[ \t]*:?", re.MULTILINE | re.IGNORECASE)
_SIGNATURE_RE = re.compile(
    r"(?:^|(?<=\s\s)|(?<=\t))(?P<place>Ve?\s+[A-ZÁ-Ž][\w\- ]{0,40}?)\s*,?\s+dne\b[ \t.:]*", re.MULTILINE
)
_INTRO_RE = re.compile(r"Popis\s+spolupráce\s+se\s+vztahuje|Územní\s+celek\s+se\s+v\s+průběhu")

_HEADER_LABELS = {
    "unit_name": "Územní celek",
    "seat": "Sídlo",
    "ico": "IČO?",
    "representative": "Pověřený zástupce územního celku pro sociální začleňování",
    "manager": "Manažer(?:ka)? sociálního začleňování",
    "regional_head": "Vedoucí regionálního pracoviště(?: ASZ| Agentury(?: pro sociální začleňování)?)?",
}
_HEADER_LABEL_RES = {
    key: re.compile(r"^[ \t\f]*" + _phrase(label) + r"(?![^\W\d_])[ \t]*:?", re.MULTILINE | re.IGNORECASE)
    for key, label in _HEADER_LABELS.items()
}


@dataclass
class _Layout:
    """Where the form's parts are: (start, end) spans of the title, the header and each section body."""

    title: tuple[int, int] | None
    header: tuple[int, int]
    intro: tuple[int, int]
    sections: dict[str, tuple[int, int]]
    approval: re.Match[str] | None
    resolution: re.Match[str] | None
    closing: tuple[int, int]  # from the end of the schedule to the end of the text


def parse_cooperation_description(text: str) -> ParsedDescription:
    """Read the fields of a cooperation description from its text.

    Raises ImportRejected when the text is empty or is not a cooperation description.
    """
    src = Source(text)
    if not src.masked.strip():
        raise ImportRejected("Text je prázdný – není co načíst.")
    layout = _find_layout(src)
    _refuse_unless_the_form(src, layout)
    warnings: list[str] = []
    header = _parse_header(src, layout, warnings)
    intro = _parse_intro(src, layout, warnings)
    validity_years, programme_note = _parse_validity(src, layout.sections.get("validity"))
    partnership = layout.sections.get("partnership")
    psz_period, target_group, strategies = _parse_psz(src, layout.sections.get("psz"))
    activities = (
        parse_schedule(src, *layout.sections["schedule"])
        if "schedule" in layout.sections
        else Field.missing()
    )
    for number, activity in enumerate(activities.value or [], start=1):
        for note in activity.uncertain:
            warnings.append(f"Činnost {number} ({activity.name.value}): {note}")
    unit_signature, agency_signature = _parse_signatures(src, layout.closing)
    return ParsedDescription(
        **header,
        **intro,
        validity_years=validity_years,
        programme_period_note=programme_note,
        thematic_areas=_parse_thematic_areas(src, layout.sections.get("focus"), warnings),
        lp_established_by=_parse_established_by(src, partnership),
        working_groups=_parse_working_groups(src, partnership, warnings),
        members=_parse_members(src, partnership),
        psz_period=psz_period,
        psz_target_group=target_group,
        psz_linked_strategies=strategies,
        esif_interventions=_parse_esif(src, layout.sections.get("esif")),
        regional_contact=_parse_regional_contact(src, layout.sections.get("contact")),
        lp_stance=_parse_stance(src, layout.sections.get("stance")),
        activities=activities,
        approval_date=_parse_approval_date(src, layout),
        resolution_number=_parse_resolution_number(src, layout),
        unit_signature=unit_signature,
        agency_signature=agency_signature,
        warnings=warnings,
    )


# --- is it the form? -----------------------------------------------------------------------------

# The form's sections by the name a person knows them by.
_SECTION_NAMES = {
    "validity": "Doba platnosti popisu spolupráce",
    "focus": "Obsahové zaměření spolupráce",
    "partnership": "Struktura, kompetence a složení lokálního partnerství",
    "psz": "Specifikace plánu sociálního začleňování",
    "esif": "Předpokládané oblasti intervence",
    "contact": "Kontaktní osoba za příslušný kraj",
    "stance": "Stanovisko lokálního partnerství",
    "schedule": "Jednotlivé činnosti spolupráce a jejich harmonogram",
}
# A cooperation description has (nearly) all of them; a resolution, minutes or a letter that
# mentions one ("schvaluje Popis spolupráce v oblasti sociálního začleňování") has at most one.
MIN_SECTIONS = 3
MIN_SECTIONS_WITH_HEADER = 2


def _refuse_unless_the_form(src: Source, layout: _Layout) -> None:
    """Raise ImportRejected, naming what was looked for, when the text is not the standard form."""
    sections = len(layout.sections)
    header_labels = sum(1 for regex in _HEADER_LABEL_RES.values() if regex.search(src.masked, *layout.header))
    if sections >= MIN_SECTIONS or (sections >= MIN_SECTIONS_WITH_HEADER and header_labels >= 2):
        return
    missing = [name for key, name in _SECTION_NAMES.items() if key not in layout.sections]
    found = [name for key, name in _SECTION_NAMES.items() if key in layout.sections]
    message = (
        "Text nevypadá jako popis spolupráce ve standardním formuláři. Hledali jsme nadpis „POPIS "
        "SPOLUPRÁCE V OBLASTI SOCIÁLNÍHO ZAČLEŇOVÁNÍ“, záhlaví s údaji „Územní celek“ a „IČ“ a oddíly "
        "formuláře; chybí oddíly: " + ", ".join(f"„{name}“" for name in missing) + "."
    )
    if found:
        message += " Nalezeno jen: " + ", ".join(f"„{name}“" for name in found) + "."
    raise ImportRejected(message + " Nahrajte prosím popis spolupráce, ne např. usnesení nebo zápis.")


# --- layout --------------------------------------------------------------------------------------


def _find_layout(src: Source) -> _Layout:
    masked, length = src.masked, len(src.masked)
    title_match = _TITLE_RE.search(masked)
    title = None
    after_title = 0
    if title_match:
        line_end = masked.find("\n", title_match.end())
        after_title = length if line_end == -1 else line_end
        title = (title_match.start(), after_title)

    headings: dict[str, tuple[int, int]] = {}
    for key, regex in _SECTION_RES.items():
        match = regex.search(masked, after_title)
        if match:
            headings[key] = (match.start(), match.end())
    schedule_start = headings.get("schedule", (after_title, after_title))[1]
    approval = _APPROVAL_RE.search(masked, schedule_start)
    resolution = _RESOLUTION_RE.search(masked, schedule_start)

    # Each section runs to the next thing the form puts after it, whatever that is.
    boundaries = sorted(
        [start for start, _ in headings.values()]
        + [m.start() for m in (approval, resolution) if m]
        + [length]
    )
    sections = {
        key: (end, next(b for b in boundaries if b >= end and b != start))
        for key, (start, end) in headings.items()
    }
    if "schedule" in sections and not (approval or resolution):
        # Without the approval lines the table ends where the signatures start.
        signature = _SIGNATURE_RE.search(masked, sections["schedule"][0])
        if signature:
            sections["schedule"] = (sections["schedule"][0], signature.start())

    first_section = min([start for start, _ in headings.values()], default=length)
    intro_match = _INTRO_RE.search(masked, after_title, first_section)
    header_end = intro_match.start() if intro_match else first_section
    closing_start = (
        sections["schedule"][1]
        if "schedule" in sections
        else max([end for _, end in sections.values()], default=after_title)
    )
    return _Layout(
        title=title,
        header=(after_title, header_end),
        intro=(header_end, first_section),
        sections=sections,
        approval=approval,
        resolution=resolution,
        closing=(min([closing_start] + [m.start() for m in (approval, resolution) if m]), length),
    )


# --- header table --------------------------------------------------------------------------------


def _parse_header(src: Source, layout: _Layout, warnings: list[str]) -> dict[str, Field]:
    start, end = layout.header
    labels = {}
    for key, regex in _HEADER_LABEL_RES.items():
        match = regex.search(src.masked, start, end)
        if match:
            labels[key] = match
    positions = sorted([m.start() for m in labels.values()] + [end])

    def value_span(key: str) -> tuple[int, int] | None:
        match = labels.get(key)
        if match is None:
            return None
        return match.end(), next(p for p in positions if p > match.start())

    def text_field(key: str, *, person: bool = False) -> Field[str]:
        span = value_span(key)
        if span is None:
            return Field.missing()
        value = src.value(*span)
        if not value:  # the label is there, its cell is empty
            return src.field(None, labels[key].start(), labels[key].end())
        if person and is_vacant(value):  # "není stanoven", "—": no one, not a person of that name
            return src.field(None, *span)
        return src.field(value, *span)

    manager = text_field("manager")
    return {
        "unit_name": text_field("unit_name"),
        "seat": text_field("seat"),
        "ico": _ico(text_field("ico"), warnings),
        "representative_function": text_field("representative", person=True),
        "inclusion_manager": Field(
            _manager(manager.value) if manager.value else None, manager.snippet, manager.found, manager.span
        ),
        "agency_regional_head": text_field("regional_head", person=True),
    }


def _ico(field: Field[str], warnings: list[str]) -> Field[str]:
    """The IČO as eight digits; a number of another shape is kept as written, with the reason."""
    if field.value is None:
        return field
    ico = read_ico(field.value)
    if ico is None:
        return Field(None, field.snippet, False, field.span)
    result = Field(ico.value, field.snippet, True, field.span)
    if ico.doubt:
        warnings.append(f"IČ {ico.value}: {ico.doubt}.")
        result = result.doubted(ico.doubt)
    return result


def _manager(text: str) -> InclusionManager:
    """ "Bc. Petra Novotná, odbor sociálních věcí", "Zástup (pozice není obsazená)", "neobsazeno"."""
    if is_vacant(text) or VACANCY_MENTION_RE.search(text):
        return InclusionManager(name=None, vacant=True, note=text)
    person = split_person(text)
    return InclusionManager(name=person.name, vacant=False, note=None, department=person.rest)


# --- introduction ------------------------------------------------------------------------------

_MEMORANDUM_RE = re.compile(r"Memorand\w*\s+o\s+spolupráci\s+(?:\w+\s+){0,3}?(?=\d)", re.IGNORECASE)
_REGISTRATION_RE = re.compile(
    r"(?:reg(?:istrační)?\.?\s*(?:č\.|číslo)\s*:?\s*(?P<labelled>CZ\s?[^\s,;]*))|(?P<bare>CZ\.\d{2}\.[^\s,;]*)",
    re.IGNORECASE,
)
_TOTAL_HOURS_RE = re.compile(r"celkov\w+\s+rozsah\w*\s+(\d+)\s*hod\w*", re.IGNORECASE)
_DISTANCE_CAP_RE = re.compile(
    r"max(?:\.|imálně)\s*(\d+)\s*hod\w*(?:\s+\w+){0,3}?\s+distanč\w*(?:\s+formou)?", re.IGNORECASE
)


def _parse_intro(src: Source, layout: _Layout, warnings: list[str]) -> dict[str, Field]:
    # The intro paragraph holds these; the whole text before the schedule is the fallback for
    # forms that moved a sentence (but not footnotes, which are masked, so a registration number
    # in footnote 4 is never mistaken for the one in the text).
    before_schedule = layout.sections["schedule"][0] if "schedule" in layout.sections else len(src.masked)
    regions = [layout.intro, (0, before_schedule)]

    def search(regex: re.Pattern[str]) -> re.Match[str] | None:
        for start, end in regions:
            match = regex.search(src.masked, start, end)
            if match:
                return match
        return None

    memorandum = Field.missing()
    match = search(_MEMORANDUM_RE)
    if match:
        found = find_date(src.masked, match.end(), match.end() + 25)
        if found:
            memorandum = src.field(found[0], match.start(), found[2])

    registration = search(_REGISTRATION_RE)
    registration_field: Field[str] = Field.missing()
    if registration:
        group = "labelled" if registration.group("labelled") else "bare"
        number = registration.group(group).rstrip(".")
        start = registration.start(group)
        registration_field = src.field(number, start, start + len(number))
        doubt = registration_doubt(number)
        if doubt:
            registration_field = registration_field.doubted(doubt)
    total = search(_TOTAL_HOURS_RE)
    cap = search(_DISTANCE_CAP_RE)
    total_field = src.field(int(total.group(1)), *total.span()) if total else Field.missing()
    cap_field = src.field(int(cap.group(1)), *cap.span()) if cap else Field.missing()
    if total_field.value is not None and cap_field.value is not None and cap_field.value > total_field.value:
        warnings.append("Limit distanční formy vzdělávání je vyšší než celkový rozsah hodin.")
    return {
        "memorandum_date": memorandum,
        "project_registration_number": registration_field,
        "training_total_hours": total_field,
        "training_distance_cap_hours": cap_field,
    }


# --- validity ----------------------------------------------------------------------------------

_VALIDITY_RE = re.compile(
    r"(?:(?:je|jsou|činí)\s+)?(\d+|" + NUMBER_WORD_RE + r")\s+(?:roky|rok|roků|let)\b", re.IGNORECASE
)


def _parse_validity(src: Source, span: tuple[int, int] | None) -> tuple[Field[int], Field[str]]:
    if span is None:
        return Field.missing(), Field.missing()
    start, end = span
    match = _VALIDITY_RE.search(src.masked, start, end)
    years = src.field(parse_count(match.group(1)), *match.span()) if match else Field.missing()
    # The note on programme periods follows in the same sentence ("…je 2 roky, jedná se o
    # přechodné období mezi …") or in a sentence of its own.
    note = Field.missing()
    if match:
        note_start = match.end()
        while note_start < end and src.masked[note_start] in " ,;–-\n\t":
            note_start += 1
        note_end = sentence_end(src.masked, note_start, end)
        if "obdob" in src.masked[note_start:note_end]:
            note = src.field(src.value(note_start, note_end).rstrip("."), note_start, note_end - 1)
    if not note.found:
        programme = re.search(r"programov\w*\s+obdob", src.masked[start:end])
        if programme:
            sentence_start = _sentence_start(src.masked, start, start + programme.start())
            sentence_stop = sentence_end(src.masked, sentence_start, end)
            note = src.field(
                src.value(sentence_start, sentence_stop).rstrip("."), sentence_start, sentence_stop - 1
            )
    return years, note


def _sentence_start(text: str, floor: int, position: int) -> int:
    """The start of the sentence containing `position` (not before `floor`)."""
    candidate = floor
    while True:
        stop = sentence_end(text, candidate, position)
        if stop >= position:
            return candidate
        candidate = stop


# --- thematic areas ------------------------------------------------------------------------------

_AREA_LIST_RE = re.compile(r"(?:oblastech|oblasti\s+spolupráce(?:\s+jsou)?)\s*:", re.IGNORECASE)
_FOCUS_START_RE = re.compile(r"\bV\s+oblast(?:i|ech)\s+")
_FOCUS_LEAD_STOP = frozenset(
    words(
        """se si bude budou budeme plánujeme chceme je jsou zaměříme zaměří zaměřit
    pak chce by jde půjde máme usilujeme podpoříme hodláme"""
    )
)
_MIN_AREA_SCORE = 0.5


def _parse_thematic_areas(src: Source, span: tuple[int, int] | None, warnings: list[str]) -> Field:
    if span is None:
        return Field.missing()
    start, end = span
    colon = _AREA_LIST_RE.search(src.masked, start, end) or re.compile(":").search(src.masked, start, end)
    if colon is None:
        return src.unreadable(start, end)
    list_end = sentence_end(src.masked, colon.end(), end)
    names = _area_names(src, colon.end(), list_end)
    if not names:
        return src.unreadable(start, end)
    chunks = _focus_chunks(src, list_end, end)
    focus_by_area: dict[int, list[tuple[int, int]]] = {index: [] for index in range(len(names))}
    for chunk in chunks:
        lead = _focus_lead(src.masked[chunk[0] : chunk[1]])
        scores = [_area_score(name, lead) for name, _ in names]
        best = max(scores, default=0.0)
        if best < _MIN_AREA_SCORE:
            warnings.append(f"Odstavec „{src.value(*chunk)[:60]}…“ nebyl přiřazen žádné tematické oblasti.")
            continue
        for index, score in enumerate(scores):
            if score == best:  # "V oblasti zaměstnanosti a bydlení …" serves both areas
                focus_by_area[index].append(chunk)
    areas = []
    for index, (name, (name_start, name_end)) in enumerate(names):
        parts = focus_by_area[index]
        if parts:
            value = " ".join(src.value(*part) for part in parts)
            focus = src.field(value, parts[0][0], parts[-1][1])
        else:
            focus = Field.missing()
            warnings.append(f"Tematická oblast „{name}“ nemá v textu popis zaměření.")
        areas.append(ThematicArea(name=name, snippet=src.snippet(name_start, name_end), focus=focus))
    return src.field(areas, colon.start(), list_end)


def _area_names(src: Source, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Names in "Zaměstnanost, Bezpečnost a prevence kriminality, Bydlení a Sociální služby."

    Names are separated by commas, and the last two by " a ". A name may itself contain " a "
    ("Bezpečnost a prevence kriminality"), so " a " separates only before a capitalised word, or,
    when every name is written in lowercase, only between the last two.
    """
    masked = src.masked
    text = masked[start:end]
    if re.match(r"\s*[•▪◦*–-]", text):  # a bulleted list, one name per line
        spans = [
            (start + m.start(1), start + m.end(1))
            for m in re.finditer(r"^[ \t]*[•▪◦*–-][ \t]*(\S[^\n]*)", text, re.M)
        ]
    else:
        spans = []
        for part_start, part_end in split_top_level(masked, start, end, ",;"):
            cut = part_start
            for match in re.finditer(r"\s+a\s+(?=[A-ZÁ-Ž])", masked[part_start:part_end]):
                spans.append((cut, part_start + match.start()))
                cut = part_start + match.end()
            spans.append((cut, part_end))
        if all(not starts_upper(src.value(*s)) for s in spans) and spans:
            last_start, last_end = spans[-1]
            joint = last_top_level_and(masked, last_start, last_end)
            if joint:
                spans[-1:] = [(last_start, joint[0]), (joint[1], last_end)]
    names = []
    for span_start, span_end in spans:
        name = src.value(span_start, span_end).rstrip(".").strip()
        if name:
            trimmed_end = span_end - (1 if masked[span_start:span_end].rstrip().endswith(".") else 0)
            names.append((name, src.trim(span_start, trimmed_end)))
    return names


def _focus_chunks(src: Source, start: int, end: int) -> list[tuple[int, int]]:
    """The "V oblasti X …" passages: each starts a sentence and runs to the next one."""
    starts = []
    for match in _FOCUS_START_RE.finditer(src.masked, start, end):
        before = src.masked[max(start, match.start() - 200) : match.start()].rstrip()
        if not before or before[-1] in ".!?:":
            starts.append(match.start())
    ends = [*starts[1:], end] if starts else []
    return [src.trim(s, e) for s, e in zip(starts, ends, strict=True)]


def _focus_lead(chunk: str) -> list[str]:
    """The words naming the area: "V oblasti dluhové problematiky bude …" → dluhové, problematiky."""
    words = re.findall(r"[^\W\d_]+|[,–]", _FOCUS_START_RE.sub("", chunk, count=1))
    lead = []
    for word in words[:8]:
        if word in ",–" or word.lower() in _FOCUS_LEAD_STOP:
            break
        lead.append(word)
    return lead


def _area_score(name: str, lead: list[str]) -> float:
    """Share of the area's words found, declined, among the lead words."""
    words = [word for word in re.findall(r"[^\W\d_]+", name) if len(word) > 2]
    if not words or not lead:
        return 0.0
    lead_folded = [fold(word) for word in lead]
    hits = sum(
        1
        for word in words
        if any(
            candidate.startswith(stem(word)) or fold(word).startswith(stem(candidate))
            for candidate in lead_folded
        )
    )
    return hits / len(words)


# --- local partnership -------------------------------------------------------------------------

_ESTABLISHED_RE = re.compile(
    r"\b(?:zřízen[oaáéý]?|ustaven[oaáéý]?|ustanoven[oaáéý]?|založen[oaáéý]?|zřídil[aoi]?)\s+", re.IGNORECASE
)
_WORKING_GROUPS_RE = re.compile(
    r"(?:\b(?P<count>\d+|" + NUMBER_WORD_RE + r")\s+)?pracovní\w*\s+skupin\w*\s*:", re.IGNORECASE
)
_NO_WORKING_GROUPS_RE = re.compile(
    r"nemá\s+(?:žádné\s+)?pracovní\s+skupin|pracovní\s+skupiny\s+(?:nebyly\s+zřízeny|nejsou)", re.IGNORECASE
)
_MEMBERS_RE = re.compile(r"Člen(?:y|ové)\s+(?:LP|lokálního\s+partnerství)\s+jsou\s*:?\s*", re.IGNORECASE)
_LEGAL_FORM_RE = re.compile(
    r"(?:o\.\s*p\.\s*s|z\.\s*s|z\.\s*ú|s\.\s*r\.\s*o|spol\.\s*s\s*r\.\s*o|a\.\s*s|p\.\s*o|o\.\s*s|v\.\s*o\.\s*s|k\.\s*s)\.?"
    r"|příspěvková\s+organizace|organizační\s+složka(?:\s+\w+)?",
    re.IGNORECASE,
)


def _parse_established_by(src: Source, span: tuple[int, int] | None) -> Field[str]:
    if span is None:
        return Field.missing()
    match = _ESTABLISHED_RE.search(src.masked, *span)
    if match is None:
        return Field.missing()
    stop = sentence_end(src.masked, match.end(), span[1])
    value = src.value(match.end(), stop).rstrip(".")
    return src.field(value, match.end(), stop - 1) if value else Field.missing()


def _parse_working_groups(src: Source, span: tuple[int, int] | None, warnings: list[str]) -> Field:
    if span is None:
        return Field.missing()
    masked = src.masked
    match = _WORKING_GROUPS_RE.search(masked, *span)
    if match is None:
        none = _NO_WORKING_GROUPS_RE.search(masked, *span)
        return src.field([], *none.span()) if none else Field.missing()
    stop = sentence_end(masked, match.end(), span[1])
    parts = split_top_level(masked, match.end(), stop, ",;")
    declared = parse_count(match.group("count")) if match.group("count") else None
    # "…, dluhy a prevence kriminality": the form joins the last two groups with " a ", but group
    # names contain " a " too ("projekty a implementace"); the stated count decides.
    if declared and len(parts) < declared:
        last_start, last_end = parts[-1]
        joint = last_top_level_and(masked, last_start, last_end)
        if joint:
            parts[-1:] = [(last_start, joint[0]), (joint[1], last_end)]
    groups = []
    for part_start, part_end in parts:
        raw = src.value(part_start, part_end).rstrip(".")
        if not raw:
            continue
        crosscutting = "průřezov" in raw.lower()
        name = re.sub(r"\s*\([^()]*(?:skupin|průřezov|tematick)[^()]*\)", "", raw).strip()
        groups.append(
            WorkingGroup(name=name, crosscutting=crosscutting, snippet=src.snippet(part_start, part_end))
        )
    if declared is not None and declared != len(groups):
        warnings.append(f"Text uvádí {declared} pracovních skupin, ale vyjmenovává {len(groups)}.")
    return src.field(groups, match.start(), stop)


def _parse_members(src: Source, span: tuple[int, int] | None) -> Field[list[MemberCategory]]:
    """ "Členy LP jsou zástupci města (…), veřejných institucí (…) a neziskových organizací (…)"."""
    if span is None:
        return Field.missing()
    masked = src.masked
    match = _MEMBERS_RE.search(masked, *span)
    if match is None:
        return Field.missing()
    stop = sentence_end(masked, match.end(), span[1])
    categories = []
    position = match.end()
    while position < stop:
        opening = masked.find("(", position, stop)
        if opening == -1:
            break
        # An unclosed parenthesis (a damaged text) runs to the end of the sentence.
        closing = _matching_parenthesis(masked, opening, stop)
        label = re.sub(r"^(?:\s|,|;|\ba\b|\bdále\b)+", "", src.value(position, opening)).strip(" ,")
        organisations = _organisations(src, opening + 1, closing)
        categories.append(
            MemberCategory(
                category=_member_category(label),
                label=label,
                organisations=organisations,
                snippet=src.snippet(position, closing + 1),
            )
        )
        position = closing + 1
    if not categories:  # a plain list without categories
        organisations = _organisations(src, match.end(), stop)
        if not organisations:
            return src.unreadable(match.start(), stop)
        categories.append(MemberCategory("other", "", organisations, src.snippet(match.end(), stop)))
    return src.field(categories, match.start(), stop)


def _matching_parenthesis(text: str, opening: int, limit: int) -> int:
    """Offset of the ")" closing text[opening], or of the last character before `limit`."""
    depth = 0
    for i in range(opening, limit):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return limit - 1


def _organisations(src: Source, start: int, end: int) -> list[str]:
    """Split on commas outside parentheses, keeping "Člověk v tísni, o.p.s." in one piece."""
    names: list[str] = []
    for part_start, part_end in split_top_level(src.masked, start, end, ",;"):
        name = src.value(part_start, part_end)
        if end == part_end:
            name = name.rstrip(".") if not _LEGAL_FORM_RE.fullmatch(name) else name
        if not name:
            continue
        if names and _LEGAL_FORM_RE.fullmatch(name):
            names[-1] = f"{names[-1]}, {name}"
        else:
            names.append(name)
    return names


def _member_category(label: str) -> str:
    folded = fold(label)
    if re.search(r"\b(?:mest\w*|obc\w*|obec|mestys\w*|mc)\b", folded) and "zastup" in folded:
        return "city"
    if re.search(r"(?:verejn|statni)\w*\s+(?:instituc|organ|sprav)", folded):
        return "public_institutions"
    if re.search(r"nezisk|\bnno\b|nestatni", folded):
        return "ngos"
    return "other"


# --- plan specification, ESIF, contact, stance ---------------------------------------------------

_PSZ_PERIOD_RE = re.compile(r"(?:období|léta|roky|obdobím)\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_TARGET_GROUP_RE = re.compile(r"Cílov\w*\s+skupin\w*\s*(?:je|jsou|tvoří)?\s*:?\s*", re.IGNORECASE)
_LINKS_RE = re.compile(
    r"(?:má\s+vazbu\s+na|navazuje\s+na|je\s+v\s+souladu\s+s|vazb\w*\s+na|v\s+synergii\s+s)\s+", re.IGNORECASE
)
_STRATEGY_CONTINUES_RE = re.compile(r"[A-ZÁ-Ž]|(?:národní|krajsk|místní|strategi|plán|koncepc|program|akční)")


def _parse_psz(
    src: Source, span: tuple[int, int] | None
) -> tuple[Field[YearRange], Field[str], Field[list[LinkedStrategy]]]:
    if span is None:
        return Field.missing(), Field.missing(), Field.missing()
    masked = src.masked
    start, end = span
    period = _PSZ_PERIOD_RE.search(masked, start, end)
    period_field = (
        src.field(YearRange(int(period.group(1)), int(period.group(2))), *period.span())
        if period
        else Field.missing()
    )
    target = _TARGET_GROUP_RE.search(masked, start, end)
    target_field = Field.missing()
    if target:
        stop = sentence_end(masked, target.end(), end)
        target_field = src.field(src.value(target.end(), stop).rstrip("."), target.end(), stop - 1)
    return period_field, target_field, _parse_linked_strategies(src, start, end)


def _parse_linked_strategies(src: Source, start: int, end: int) -> Field[list[LinkedStrategy]]:
    """Titles after "má vazbu na", "je v souladu s", … A sentence that links to something written
    in lowercase only ("navazuje na analýzu lokalit") names no strategy, so it is skipped."""
    strategies: list[LinkedStrategy] = []
    first = last = None
    for match in _LINKS_RE.finditer(src.masked, start, end):
        stop = sentence_end(src.masked, match.end(), end)
        found = [
            _linked_strategy(src.value(s, e).rstrip("."))
            for s, e in _strategy_spans(src.masked, match.end(), stop)
        ]
        found = [strategy for strategy in found if strategy.title]
        if any(starts_upper(strategy.title) for strategy in found):
            strategies += found
            first = match.start() if first is None else first
            last = stop
    if first is None or last is None:
        return Field.missing()
    return src.field(strategies, first, last)


def _strategy_spans(masked: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Titles separated by commas; the last comma part may join more titles with " a "
    ("… (2018 - 2020) a Strategii Kraje Vysočina a národní strategie") when what follows the
    " a " starts like a title."""
    parts = split_top_level(masked, start, stop, ",;")
    last_start, last_end = parts.pop()
    tail: list[tuple[int, int]] = []
    while (joint := last_top_level_and(masked, last_start, last_end)) and _STRATEGY_CONTINUES_RE.match(
        masked, joint[1]
    ):
        tail.insert(0, (joint[1], last_end))
        last_end = joint[0]
    return [*parts, (last_start, last_end), *tail]


def _linked_strategy(text: str) -> LinkedStrategy:
    """ "Zdravotní plán města Jihlava (2018 - 2020)" → title + period."""
    text = clean(text)
    bracket = re.search(r"\s*\(([^()]*\d{4}[^()]*)\)\s*$", text)
    until = re.search(r"\s+(do\s+roku\s+(\d{4}))\s*$", text)
    range_ = re.search(r"\s+((?:na\s+(?:období|léta)\s+)?(\d{4})\s*[-–]\s*(\d{4}))\s*$", text)
    single = re.search(r"\s+((?:na|pro)\s+rok\s+(\d{4}))\s*$", text)
    if bracket:
        years = [int(y) for y in re.findall(r"\d{4}", bracket.group(1))]
        return LinkedStrategy(text[: bracket.start()], bracket.group(1), years[0], years[-1])
    if until:
        return LinkedStrategy(text[: until.start()], until.group(1), None, int(until.group(2)))
    if range_:
        return LinkedStrategy(
            text[: range_.start()], range_.group(1), int(range_.group(2)), int(range_.group(3))
        )
    if single:
        year = int(single.group(2))
        return LinkedStrategy(text[: single.start()], single.group(1), year, year)
    return LinkedStrategy(text, None, None, None)


_NOT_RELEVANT_RE = re.compile(
    r"^(?:[-–—x]|není\s+relevantní|nerelevantní|neuvedeno|bez\s+kontaktní\s+osoby|netýká\s+se)?\.?$",
    re.IGNORECASE,
)


def _parse_esif(src: Source, span: tuple[int, int] | None) -> Field[list[str]]:
    if span is None:
        return Field.missing()
    start, end = src.trim(*span)
    if _NOT_RELEVANT_RE.match(src.value(start, end)):
        return src.field([], start, end) if end > start else Field([], "", True, None)
    text = src.masked[start:end]
    if re.match(r"\s*[•▪◦*–-]\s", text):
        items = [
            clean(m.group(1)) for m in re.finditer(r"^[ \t]*[•▪◦*–-][ \t]*(\S[^\n]*)", text, re.MULTILINE)
        ]
    else:
        items = [src.value(s, e) for s, e in split_top_level(src.masked, start, end, ",;")]
    items = [item.rstrip(".").strip() for item in items]
    return src.field([item for item in items if item], start, end)


def _parse_regional_contact(src: Source, span: tuple[int, int] | None) -> Field[RegionalContact]:
    if span is None:
        return Field.missing()
    start, end = src.trim(*span)
    text = src.value(start, end)
    if not text or _NOT_RELEVANT_RE.match(text) or is_vacant(text):
        # The section is there and says there is no one ("není relevantní", "není stanovena").
        return src.field(None, start, end) if end > start else Field(None, "", True, None)
    person = split_person(text)
    return src.field(RegionalContact(name=person.name, function=person.rest), start, end)


_VOTES_FOR_RE = re.compile(r"(\d+)\s*(?:hlas\w*\s+)?pro\b", re.IGNORECASE)
_VOTES_AGAINST_RE = re.compile(r"(\d+)\s*(?:hlas\w*\s+)?proti\b", re.IGNORECASE)
_ABSTAINED_RE = re.compile(
    r"(\d+)\s*(?:člen\w*\s+)?(?:se\s+)?zdržel\w*|zdržel\w*\s+se\s+(?:hlasování\s*)?(\d+)", re.I
)
_REJECTED_RE = re.compile(
    r"\bne(?:byl[aoy]?\s+)?(?:přijat|přijal|schválen|schválil)|zamítnut|zamítl|nesouhlas", re.IGNORECASE
)
_ADOPTED_RE = re.compile(r"přijat|přijal|schválen|schválil|souhlas", re.IGNORECASE)


def _parse_stance(src: Source, span: tuple[int, int] | None) -> Field[LpStance]:
    if span is None:
        return Field.missing()
    start, end = src.trim(*span)
    text = src.masked[start:end]
    if not text.strip():
        return Field(None, "", True, None)
    found_date = find_date(text)
    votes = [_VOTES_FOR_RE.search(text), _VOTES_AGAINST_RE.search(text), _ABSTAINED_RE.search(text)]
    counts = [int(next(g for g in m.groups() if g)) if m else None for m in votes]
    if re.search(r"konsenz|konsens", text, re.IGNORECASE):
        outcome = "consensus"
    elif any(count is not None for count in counts) or re.search(r"hlasov|jednomysl", text, re.IGNORECASE):
        outcome = "vote"
    else:
        outcome = None
    adopted = False if _REJECTED_RE.search(text) else True if _ADOPTED_RE.search(text) else None
    stance = LpStance(
        date=found_date[0] if found_date else None,
        outcome=outcome,
        votes_for=counts[0],
        votes_against=counts[1],
        abstained=counts[2],
        adopted=adopted,
    )
    if stance.date is None and outcome is None:
        return src.unreadable(start, end)
    return src.field(stance, start, end)


# --- approval and signatures ---------------------------------------------------------------------


_PARTIAL_DATE_END_RE = re.compile(
    r"\d{1,2}\.\s*(?:\d{1,2}\.|" + "|".join(MONTHS_GENITIVE) + r")?\s*$", re.IGNORECASE
)
_YEAR_START_RE = re.compile(r"\s*\d{4}(?!\d)")


def _label_value(src: Source, label: re.Match[str]) -> tuple[int, int]:
    """The value after a label: the rest of its line, or the next line when that is left empty.

    A date broken across lines ("28. 3." / "2022") takes the year from the next line.
    """
    masked = src.masked
    line_end = masked.find("\n", label.end())
    line_end = len(masked) if line_end == -1 else line_end
    start, end = src.trim(label.end(), line_end)
    if end > start:
        return start, _with_wrapped_year(src, start, end)
    next_lines = src.lines(line_end + 1, min(len(masked), line_end + 300))
    following = next((line for line in next_lines if line is not None), None)
    if following is None or any(
        regex.match(following.text) for regex in (_APPROVAL_RE, _RESOLUTION_RE, _SIGNATURE_RE)
    ):
        return start, start
    return following.start, _with_wrapped_year(src, following.start, following.end)


def _with_wrapped_year(src: Source, start: int, end: int) -> int:
    """The end of a value, moved past the year on the next line when the value ends in "28. 3."."""
    if not _PARTIAL_DATE_END_RE.search(src.masked, start, end) or find_date(src.masked, start, end):
        return end
    following = src.lines(end + 1, min(len(src.masked), end + 40))
    first = next((line for line in following if line is not None), None)
    if first is not None and _YEAR_START_RE.match(first.text):
        return first.start + _YEAR_START_RE.match(first.text).end()
    return end


def _parse_approval_date(src: Source, layout: _Layout) -> Field:
    if layout.approval is None:
        return Field.missing()
    start, end = _label_value(src, layout.approval)
    if end == start:  # an unfilled line of the form
        return src.field(None, *layout.approval.span())
    found = find_date(src.masked, start, end)
    return src.field(found[0], start, end) if found else src.unreadable(start, end)


def _parse_resolution_number(src: Source, layout: _Layout) -> Field:
    if layout.resolution is None:
        return Field.missing()
    start, end = _label_value(src, layout.resolution)
    if end == start:
        return src.field(None, *layout.resolution.span())
    # "2278/24-RM ze dne 16. 12. 2024": the number is the free text before the date.
    value = re.split(r"\s+ze\s+dne\b", src.value(start, end))[0].strip(" .,")
    value = re.sub(r"^(?:č\.|číslo)\s*", "", value)
    return src.field(value, start, end) if value else src.unreadable(start, end)


def _parse_signatures(src: Source, span: tuple[int, int]) -> tuple[Field[Signature], Field[Signature]]:
    """ "V Jihlavě dne 15. 11. 2021    V Praze dne …": the unit signs first, the agency second."""
    fields: list[Field[Signature]] = []
    for match in _SIGNATURE_RE.finditer(src.masked, *span):
        signed, stop = _signature_date(src, match.end())
        fields.append(
            src.field(
                Signature(place=clean(match.group("place")), date=signed), match.start(), stop or match.end()
            )
        )
        if len(fields) == 2:
            break
    fields += [Field.missing()] * (2 - len(fields))
    return fields[0], fields[1]


def _signature_date(src: Source, start: int) -> tuple[date | None, int | None]:
    """The date after "dne" on its line, up to a tab (another signature may stand beside it).

    Its year may have wrapped to the start of the next line ("V Horní Lhotě dne 2. 4." / "2024").
    """
    masked = src.masked
    line_end = masked.find("\n", start)
    line_end = len(masked) if line_end == -1 else line_end
    cell_end = masked.find("\t", start, line_end)
    cell_end = line_end if cell_end == -1 else cell_end
    found = find_date(masked, start, cell_end)
    if found:
        return found[0], found[2]
    if not _PARTIAL_DATE_END_RE.search(masked, start, cell_end) or not masked[start:cell_end].strip():
        return None, None
    year = _YEAR_START_RE.match(masked, line_end + 1)
    if year is None:
        return None, None
    text = masked[start:cell_end] + " " + year.group(0).strip()
    wrapped = find_date(text)
    return (wrapped[0], year.end()) if wrapped else (None, None)
