"""What the parser returns: plain dataclasses, no Django.

Every value read from the document is wrapped in a `Field` so that a review screen can show the
value next to the exact piece of the document it came from, and so that "not in the document"
is never confused with a guessed default.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# The codes the parser returns are those of the owning apps: meeting kinds of
# `meetings.MeetingKind`, document types of `documents.DocumentType`, seasons of
# `lib.seasons.Season`, organisation categories mapped to `partnership.OrganisationCategory` by
# `mapping`. This module stays free of Django so the parser can run on its own.


@dataclass(frozen=True)
class Field(Generic[T]):
    """One value read from the document.

    found=False, value=None: the parser could not read it (the snippet may hold the raw text it
    could not interpret). found=True, value=None: the document has the place for the value but
    leaves it empty (e.g. an unfilled "Číslo usnesení:"). `span` indexes the parsed text as
    returned by `spojka.importer.text.normalise` (NFC, "\n" line ends; identical to the output of
    `extract_text`); `snippet` is exactly that slice of it.
    """

    value: T | None
    snippet: str
    found: bool
    span: tuple[int, int] | None = None
    # Why the value is doubtful though read ("neobvyklý formát čísla"); the review highlights it.
    doubt: str | None = None

    @classmethod
    def missing(cls, snippet: str = "") -> Field[Any]:
        return cls(None, snippet, False, None)

    def doubted(self, reason: str) -> Field[T]:
        return dataclasses.replace(self, doubt=reason if self.doubt is None else f"{self.doubt}; {reason}")


@dataclass(frozen=True)
class InclusionManager:
    """Manažer sociálního začleňování: a named person, or a vacancy covered by a substitute."""

    name: str | None
    vacant: bool
    note: str | None  # the vacancy / substitute text as written, e.g. "Zástup (samotná pozice …)"
    department: str | None = None  # "odbor sociálních věcí" written after the name


@dataclass(frozen=True)
class ThematicArea:
    name: str
    snippet: str
    focus: Field[str]  # the "V oblasti X se zaměříme …" paragraph(s) matched to this area


@dataclass(frozen=True)
class WorkingGroup:
    name: str
    crosscutting: bool  # "(průřezová skupina)"
    snippet: str


@dataclass(frozen=True)
class MemberCategory:
    category: str  # "city", "public_institutions", "ngos" or "other"
    label: str  # as written, e.g. "zástupci města"
    organisations: list[str]
    snippet: str


@dataclass(frozen=True)
class YearRange:
    start: int
    end: int


@dataclass(frozen=True)
class LinkedStrategy:
    title: str
    period_text: str | None  # as written, e.g. "2014 – 2020", "do roku 2020", "2016"
    start_year: int | None
    end_year: int | None


@dataclass(frozen=True)
class RegionalContact:
    name: str
    function: str | None


@dataclass(frozen=True)
class LpStance:
    """Stanovisko lokálního partnerství."""

    date: date | None
    outcome: str | None  # "consensus", "vote", or None when the text does not say
    votes_for: int | None = None
    votes_against: int | None = None
    abstained: int | None = None
    adopted: bool | None = None


@dataclass(frozen=True)
class OutputSpec:
    """One required output (výstup) of an activity."""

    text: str
    document_type: str | None  # a DocumentType code, None when it is none of them


@dataclass(frozen=True)
class RuleSpec:
    """A checkable reading of a deadline / frequency cell ("Termín dokončení").

    kind: "frequency" (meetings per period), "periodic_output" (a document per period),
    "deadline" (season + year, a date or a year) or "none" (nothing checkable, e.g.
    "Dle nabídky ASZ", "-"). `what` is a meeting kind (MeetingKind code) for frequencies and a
    document type (DocumentType code) for periodic outputs, None when the text does not say.
    """

    kind: str
    count: int | None = None
    per: str | None = None  # "year", "half_year", "quarter", "month", "week", "validity"
    what: str | None = None
    season: str | None = None
    year: int | None = None
    date: date | None = None
    text: str = ""
    at_least: bool = False  # "Minimálně 4x ročně"
    includes_working_groups: bool = False  # "(vč. pracovních skupin)"
    doubt: str | None = None  # why this reading may be wrong; the review asks a person


@dataclass(frozen=True)
class Activity:
    """One row of the schedule table (harmonogram)."""

    name: Field[str]
    specification: Field[str]
    outputs: Field[list[OutputSpec]]
    agency_responsibility: Field[list[str]]
    municipality_responsibility: Field[list[str]]
    deadline: Field[str]  # the "Termín dokončení" cell as written
    rules: list[RuleSpec]
    snippet: str  # the whole row
    span: tuple[int, int] | None
    # Why a cell split is a guess (e.g. the two responsibility cells ran together); shown on review.
    uncertain: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Signature:
    place: str | None  # the locative phrase as written, e.g. "V Jihlavě"
    date: date | None


@dataclass(frozen=True)
class ParsedDescription:
    """A cooperation description (popis spolupráce) read from its standard form."""

    unit_name: Field[str]
    seat: Field[str]
    ico: Field[str]
    representative_function: Field[str]
    inclusion_manager: Field[InclusionManager]
    agency_regional_head: Field[str]
    memorandum_date: Field[date]
    project_registration_number: Field[str]
    training_total_hours: Field[int]
    training_distance_cap_hours: Field[int]
    validity_years: Field[int]
    programme_period_note: Field[str]
    thematic_areas: Field[list[ThematicArea]]
    lp_established_by: Field[str]
    working_groups: Field[list[WorkingGroup]]
    members: Field[list[MemberCategory]]
    psz_period: Field[YearRange]
    psz_target_group: Field[str]
    psz_linked_strategies: Field[list[LinkedStrategy]]
    esif_interventions: Field[list[str]]
    regional_contact: Field[RegionalContact]
    lp_stance: Field[LpStance]
    activities: Field[list[Activity]]
    approval_date: Field[date]
    resolution_number: Field[str]
    unit_signature: Field[Signature]
    agency_signature: Field[Signature]
    warnings: list[str] = field(default_factory=list)

    def members_of(self, category: str) -> list[str]:
        """All member organisations of one category ("city", "public_institutions", …)."""
        groups = self.members.value or []
        return [org for group in groups if group.category == category for org in group.organisations]

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (dates as ISO strings), e.g. for a `--json` output."""
        return _jsonable(self)


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [_jsonable(item) for item in obj]
    if isinstance(obj, dict):
        return {str(key): _jsonable(value) for key, value in obj.items()}
    return obj
