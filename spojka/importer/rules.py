"""Reading the schedule's deadline cells into checkable rules, and naming outputs and meetings.

"Minimálně 4x ročně (vč. pracovních skupin)" → frequency 4 per year, working groups count;
"1x ročně zpráva o plnění PSZ" → one progress report on the plan per year; "Podzim 2021" → due
in autumn 2021; "Dle nabídky ASZ" → nothing to check.
"""

from __future__ import annotations

import dataclasses
import re

from .czech import DATE_RE, fold, parse_date
from .parsed import RuleSpec

_PERIODS = [
    (r"ročně|za\s+rok(?!\s+\d)|do\s+roka|každý\s+rok", "year"),  # "za rok 2022" names a year
    (r"pololetně|za\s+pololetí", "half_year"),
    (r"čtvrtletně|za\s+čtvrtletí", "quarter"),
    (r"měsíčně|za\s+měsíc", "month"),
    (r"týdně|za\s+týden", "week"),
    (r"za\s+(?:dobu|období)\s+platnosti(?:\s+popisu\s+spolupráce)?|za\s+celé\s+období", "validity"),
]
_PERIOD_RE = "|".join(f"(?P<{code}>{pattern})" for pattern, code in _PERIODS)
_TIMES_WORDS = {"jednou": 1, "dvakrát": 2, "třikrát": 3, "čtyřikrát": 4, "pětkrát": 5, "šestkrát": 6}

# "Minimálně 4x ročně", "2 × za pololetí", "dvakrát ročně", and "čtvrtletně" on its own (once).
FREQUENCY_RE = re.compile(
    r"(?P<min>minimálně|min\.|nejméně|alespoň)?\s*"
    r"(?:(?P<n>\d+)\s*(?:x|×|krát)\s*|(?P<word>" + "|".join(_TIMES_WORDS) + r")\s+)?"
    r"(?:" + _PERIOD_RE + r"|(?P<yearly>každoročně))",
    re.IGNORECASE,
)
# A count whose period may be missing: "Minimálně 3x", "dvakrát".
COUNT_RE = re.compile(
    r"(?P<min>minimálně|min\.|nejméně|alespoň)?\s*"
    r"(?:(?P<n>\d+)\s*(?:x|×|krát)(?![^\W\d_])|(?P<word>" + "|".join(_TIMES_WORDS) + r")(?![^\W\d_]))",
    re.IGNORECASE,
)
# Why a reading is uncertain; shown next to the rule on the review screen.
NO_PERIOD = "počet bez období (např. „ročně“) – doplňte, za jaké období se počítá"
LOWERCASE_START = "buňka termínu začíná malým písmenem – počet mohl zůstat na předchozím řádku"
NO_MEETING_KIND = "druh jednání neurčen – vyberte, která jednání se počítají"
YEAR_ONLY = "uveden jen rok – termín nastaven na konec roku"
UNREADABLE = "termín se nepodařilo přečíst – doplňte pravidlo"
SEASON_RE = re.compile(
    r"(?:(?:do|na|v)\s+)?\b(?P<season>jar[oa]?|jaře|lét[oa]|létě|podzim[u]?|zim[aěyu])\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_SEASONS = {"jar": "spring", "let": "summer", "pod": "autumn", "zim": "winter"}  # folded prefixes
DEADLINE_DATE_RE = re.compile(r"(?:(?:nejpozději\s+)?(?:do|k)\s+)?" + DATE_RE.pattern, re.IGNORECASE)
YEAR_ONLY_RE = re.compile(r"(?:do\s+(?:konce\s+)?(?:roku\s+)?)?(?P<year>20\d{2})(?!\d)", re.IGNORECASE)
NO_RULE_RE = re.compile(
    r"^\s*(?:[-–—]+|dle\b.*|podle\b.*|průběžně.*|průběžné.*|v\s+případě\s+potřeby.*)?\s*$", re.I
)
_MEETING_WORDS_RE = re.compile(r"jednání|projednání|setkání|schůz|zasedání|porad|konzultac", re.IGNORECASE)
# "Podzim 2025, poté 1x ročně …": the words joining two rules belong to neither.
_CONNECTOR_RE = re.compile(r"[\s,;]+(?:poté|pak|dále|následně|a|a\s+dále)?\s*$", re.IGNORECASE)
_INCLUDING_WG_RE = re.compile(
    r"(?:vč\.|včetně)\s*(?:jeho\s+složek\s*[-–]?\s*)?pracovní\w*\s+skupin", re.IGNORECASE
)


def document_type(text: str) -> str | None:
    """The document type code of an output such as "Zpráva o plnění PSZ zastupitelstvu obce"."""
    folded = fold(text)
    if "zprav" in folded and "plneni" in folded:
        if "popis" in folded:
            return "coop_report"
        if re.search(r"\bpsz\b|\bspsz\b|plan\w* socialn", folded):
            return "psz_report"
    if re.search(r"zaznam\w* ze? |\bzapis", folded):
        return "minutes"
    if "prezencni listin" in folded:
        return "attendance"
    if re.search(r"certifikat|osvedceni", folded):
        return "certificate"
    if re.search(r"\bstatut|jednaci rad", folded):
        return "statute"
    if re.search(r"^(?:strategick\w* |akcni )?plan\w* socialniho zaclenovani|^\(?s?psz\)?$", folded):
        return "psz"
    if re.search(r"^podklad|analyz|analytick", folded):
        return "analysis"
    if "prezentac" in folded:  # "Případně prezentace a studijní materiály"
        return "presentation"
    return None


def meeting_kind(text: str) -> str | None:
    """ "lp_plenary", "working_group" or "evaluation" for a text naming a kind of meeting."""
    text = _INCLUDING_WG_RE.sub("", text)  # "vč. pracovních skupin" widens a rule, it does not name it
    folded = fold(text)
    if re.search(r"konzultant|vyhodnocovac|evaluacn|hodnotic", folded):
        return "evaluation"
    if re.search(r"\blp\b|lokalni\w* partnerstv|plen", folded):
        return "lp_plenary"
    if re.search(r"pracovni\w* skupin|\bps\b", folded):
        return "working_group"
    return None


def parse_rules(cell: str, activity_name: str = "") -> list[RuleSpec]:
    """All rules in one deadline cell; always at least one (kind "none" when nothing is checkable).

    A cell may hold several rules ("2x ročně jednání …  1x ročně projednání v LP  1x ročně zpráva
    o plnění …"); each starts at a frequency, a season or a date and runs to the next one.
    """
    frequencies = [m for m in FREQUENCY_RE.finditer(cell) if m.group(0).strip()]
    covered = [(m.start(), m.end()) for m in frequencies]
    # "Minimálně 3x" whose period is missing (or was cut off) still starts a rule: an uncertain one.
    bare_counts = [m for m in COUNT_RE.finditer(cell) if not any(s <= m.start() < e for s, e in covered)]
    starts = sorted(
        {m.start() for m in frequencies}
        | {m.start() for m in bare_counts}
        | {m.start() for m in SEASON_RE.finditer(cell)}
        | {m.start() for m in DEADLINE_DATE_RE.finditer(cell)}
    )
    # A date inside a rule ("do 30. 6. 2022") belongs to the rule started before it.
    ends = [*starts[1:], len(cell)] if starts else []
    segments = [_CONNECTOR_RE.sub("", cell[s:e]).strip(" ;,/") for s, e in zip(starts, ends, strict=True)]
    head = cell[: starts[0]] if starts else cell
    if head.strip(" ;,/") and not NO_RULE_RE.match(head):
        segments.insert(0, head.strip(" ;,/"))
    rules = [_parse_segment(segment, activity_name) for segment in segments if segment]
    if _count_may_be_cut_off(cell, rules):
        rules[0] = _doubted(rules[0], LOWERCASE_START)
    return rules or [RuleSpec(kind="none", text=cell.strip())]


def _count_may_be_cut_off(cell: str, rules: list[RuleSpec]) -> bool:
    """ "ročně (vč. pracovních skupin)": a bare period in lowercase with more after it is the rest of
    a cell whose count ("Minimálně 4x") stayed elsewhere; "měsíčně" alone is a whole cell."""
    text = cell.strip()
    if not rules or rules[0].kind != "frequency" or not text[:1].islower() or COUNT_RE.match(text):
        return False
    frequency = FREQUENCY_RE.match(text)
    return frequency is not None and bool(text[frequency.end() :].strip(" .;,"))


def _doubted(rule: RuleSpec, reason: str) -> RuleSpec:
    return dataclasses.replace(rule, doubt=reason if rule.doubt is None else f"{rule.doubt}; {reason}")


def _parse_segment(segment: str, activity_name: str) -> RuleSpec:
    frequency = FREQUENCY_RE.search(segment)
    if frequency and frequency.group(0).strip() and frequency.start() == 0:
        return _frequency_rule(segment, frequency, activity_name)
    season = SEASON_RE.search(segment)
    if season:
        code = _SEASONS[fold(season.group("season"))[:3]]
        return RuleSpec(kind="deadline", season=code, year=int(season.group("year")), text=segment)
    for match in DATE_RE.finditer(segment):
        parsed = parse_date(match)
        if parsed is not None:
            return RuleSpec(kind="deadline", date=parsed, year=parsed.year, text=segment)
    year = YEAR_ONLY_RE.fullmatch(segment.strip().rstrip("."))
    if year:
        bare = segment.strip().rstrip(".") == year.group("year")  # "do konce roku 2026" says when
        return RuleSpec(
            kind="deadline", year=int(year.group("year")), text=segment, doubt=YEAR_ONLY if bare else None
        )
    count = COUNT_RE.match(segment)
    if count:
        return RuleSpec(
            kind="frequency",
            count=_count(count),
            text=segment,
            at_least=bool(count.group("min")),
            includes_working_groups=bool(_INCLUDING_WG_RE.search(segment)),
            what=meeting_kind(segment[count.end() :]) or _meeting_kind_of_activity(activity_name),
            doubt=NO_PERIOD,
        )
    if re.search(r"\d|ročně|měsíčně|čtvrtletně|pololetně|týdně|krát\b", segment, re.IGNORECASE):
        return RuleSpec(kind="none", text=segment, doubt=UNREADABLE)
    return RuleSpec(kind="none", text=segment)


def _count(match: re.Match[str]) -> int:
    if match.group("n"):
        return int(match.group("n"))
    return _TIMES_WORDS[match.group("word").lower()]


def _frequency_rule(segment: str, match: re.Match[str], activity_name: str) -> RuleSpec:
    count = _count(match) if match.group("n") or match.group("word") else 1  # "čtvrtletně": once
    per = "year" if match.group("yearly") else next(code for _, code in _PERIODS if match.group(code))
    rest = segment[match.end() :]
    at_least = bool(match.group("min"))
    includes_wg = bool(_INCLUDING_WG_RE.search(segment))
    output = document_type(rest.strip(" :–-"))
    if output and not _MEETING_WORDS_RE.search(rest):
        return RuleSpec(
            kind="periodic_output", count=count, per=per, what=output, text=segment, at_least=at_least
        )
    what = meeting_kind(rest) or _meeting_kind_of_activity(activity_name)
    return RuleSpec(
        kind="frequency",
        count=count,
        per=per,
        what=what,
        text=segment,
        at_least=at_least,
        includes_working_groups=includes_wg,
        doubt=None if what else NO_MEETING_KIND,
    )


def _meeting_kind_of_activity(name: str) -> str | None:
    """A bare "2x ročně" in the row of "Jednání lokálního partnerství" counts LP meetings.

    Only an activity whose name says which meetings it holds lends its kind to the rule; "2x ročně"
    in the row of "Setkání s veřejností" or "Vyhodnocení PSZ" stays without a kind.
    """
    return meeting_kind(name)
