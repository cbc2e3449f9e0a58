"""Cleaning single values read from the form: people, vacancies, registration numbers, IČO.

Pure functions on strings. Each says what it made of a value and, where the value does not look
like what the form asks for, why it is doubtful; nothing is silently corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .czech import fold

# "není stanovena", "neobsazeno", "—": the place is there and says there is no one.
VACANT_RE = re.compile(
    r"^\s*(?:[-–—x×]+|n/a|"
    r"(?:zatím\s+|dosud\s+|aktuálně\s+)?(?:"
    r"není\s+(?:stanoven|určen|obsazen|jmenován|známa?|relevantní)\w*|"
    r"nebyl[aoy]?\s+(?:stanoven|určen|obsazen|jmenován)\w*|"
    r"nestanoven\w*|neurčen\w*|neobsazen\w*|nerelevantní|neuveden\w*|"
    r"bude\s+(?:stanoven|určen|doplněn|jmenován)\w*|"
    r"bez\s+kontaktní\s+osoby|netýká\s+se|vakant\w*|volné\s+místo"
    r"))\s*[.!]?\s*$",
    re.IGNORECASE,
)
# A vacancy said inside a longer text: "Zástup (samotná pozice aktuálně není obsazená)".
VACANCY_MENTION_RE = re.compile(
    r"neobsazen|není\s+obsazen|vakant|volné\s+místo|\bzástup\b|nestanoven|není\s+stanoven", re.IGNORECASE
)
_DEGREE_AFTER_NAME_RE = re.compile(r"(?:Ph\.?\s*D|DiS|MBA|CSc|LL\.?\s*M|Th\.?\s*D|DrSc|MPA|BBA)\.?", re.I)
# Words that open an organisational unit or a function rather than a name.
_DEPARTMENT_WORDS = (
    "odbor",
    "oddeleni",
    "usek",
    "referat",
    "sekce",
    "mestsky urad",
    "magistrat",
    "obecni urad",
    "krajsky urad",
    "urad",
    "vedouci",
    "referent",
    "manazer",
    "koordinator",
    "pracovni",
    "socialni pracov",
    "reditel",
    "starost",
    "mistostarost",
    "radni",
    "zastupce",
    "tajemn",
)
_TITLE_BEFORE_NAME_RE = re.compile(
    r"^(?:(?:Bc|BcA|Mgr|MgA|Ing|Ing\.\s*arch|MUDr|MVDr|PhDr|JUDr|RNDr|PaedDr|ThDr|PharmDr|Dr|doc|prof)\.\s*)+"
)


@dataclass(frozen=True)
class Person:
    name: str
    rest: str | None  # department or function written with the name


def is_vacant(text: str) -> bool:
    return bool(VACANT_RE.match(text))


def split_person(text: str) -> Person:
    """ "Bc. Petra Novotná, odbor sociálních věcí" → name and department.

    The name ends at the first comma, dash or parenthesis that is not followed by a degree
    ("Mgr. Jana Malá, Ph.D., krajská koordinátorka"). When the text starts with the department
    ("odbor sociálních věcí – Bc. Petra Novotná"), the parts are swapped.
    """
    text = " ".join(text.split()).strip(" ,;")
    bracket = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if bracket and not _DEGREE_AFTER_NAME_RE.fullmatch(bracket.group(2).strip()):
        return Person(bracket.group(1).strip(" ,"), bracket.group(2).strip())
    parts = re.split(r"(,\s*|\s+[–—-]\s+)", text)
    name, index = parts[0], 1
    while index + 1 < len(parts) and _DEGREE_AFTER_NAME_RE.fullmatch(parts[index + 1].strip()):
        name += parts[index] + parts[index + 1]
        index += 2
    rest = "".join(parts[index + 1 :]).strip().rstrip(".") or None
    if rest and _looks_like_department(name) and not _looks_like_department(rest):
        return Person(rest, name)
    return Person(name.strip(), rest)


def _looks_like_department(text: str) -> bool:
    folded = fold(text).strip()
    return folded.startswith(_DEPARTMENT_WORDS) and not _TITLE_BEFORE_NAME_RE.match(text)


# Registration numbers of ESF projects: OPZ 2014–2020 ("CZ.03.2.63/0.0/0.0/15_030/0000605"; the
# seed writes "0.0./0.0") and OPZ+ 2021–2027 ("CZ.03.02.02/00/22_003/0000412").
REGISTRATION_FORMAT_RE = re.compile(
    r"CZ\.\d{2}\.(?:\d{1,2}\.\d{2}/0\.0\.?/0\.0|\d{2}\.\d{2}/\d{2})/\d{2}_\d{3}/\d{7}"
)
UNUSUAL_NUMBER = "neobvyklý formát čísla"


def registration_doubt(number: str) -> str | None:
    if REGISTRATION_FORMAT_RE.fullmatch(number):
        return None
    return f"{UNUSUAL_NUMBER}: registrační číslo projektu má tvar CZ.03.X.XX/0.0/0.0/XX_XXX/XXXXXXX"


def ico_checksum_ok(ico: str) -> bool:
    remainder = sum(int(digit) * weight for digit, weight in zip(ico[:7], range(8, 1, -1), strict=True)) % 11
    check = 1 if remainder == 0 else 0 if remainder == 1 else 11 - remainder
    return check == int(ico[7])


@dataclass(frozen=True)
class Ico:
    value: str  # eight digits, or the text as written when it is not eight digits
    doubt: str | None


def read_ico(text: str) -> Ico | None:
    """The IČO in a header cell: "00286010", "002 86 010", "IČO 00286010 (DIČ CZ00286010)"."""
    match = re.search(r"\d[\d \u00a0]*\d|\d", text)
    if match is None:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    if len(digits) != 8:
        written = match.group(0).strip()
        return Ico(written, f"{UNUSUAL_NUMBER}: IČO má 8 číslic, zde {len(digits)}")
    if not ico_checksum_ok(digits):
        return Ico(digits, f"{UNUSUAL_NUMBER}: IČO nemá platnou kontrolní číslici")
    return Ico(digits, None)


# A list item that is more likely a piece of something else than a name of its own.
_FRAGMENT_LEADS = (
    "pripadne",
    "ci ",
    "nebo ",
    "resp",
    "tj",
    "tzn",
    "a ",
    "viz",
    "pokud",
    "kdy ",
    "ktery",
    "ktera",
)


def fragment_doubt(text: str, *, lowercase_expected: bool = False) -> str | None:
    """Why a list item (a member, an area, a group) looks like a fragment, or None."""
    stripped = text.strip()
    folded = fold(stripped)
    if len(stripped) < 3:
        return "příliš krátká položka"
    if stripped.count("(") != stripped.count(")"):
        return "neuzavřená závorka – položka může být useknutá"
    if folded.startswith(_FRAGMENT_LEADS):
        return "začíná spojkou – může jít o zbytek poznámky pod čarou nebo věty"
    if re.search(r"[^\W\d_]\d{1,2}\b", stripped):
        return "obsahuje odkaz na poznámku pod čarou"
    if len(stripped) > 150:
        return "neobvykle dlouhá položka – může jít o větu, ne o název"
    if not lowercase_expected and stripped[:1].islower() and " " not in stripped:
        return "jedno slovo malými písmeny – může jít o zbytek textu"
    return None
