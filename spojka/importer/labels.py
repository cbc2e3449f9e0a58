"""Readable Czech labels for what the import will create (the review screen's schedule table)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spojka.documents.models import DocumentType
from spojka.lib.czech import date_short
from spojka.meetings.models import MeetingKind

SEASONS = {
    "spring": gettext_lazy("jaro"),
    "summer": gettext_lazy("léto"),
    "autumn": gettext_lazy("podzim"),
    "winter": gettext_lazy("zima"),
}


def document_label(code: str) -> str:
    return str(DocumentType(code).label) if code in DocumentType.values else code


def rule_label(rule: dict[str, Any]) -> str:
    """ "4× ročně: jednání LP (plénum), vč. pracovních skupin", "termín podzim 2021: …"."""
    kind = rule["kind"]
    if kind == "frequency":
        what = ", ".join(
            str(MeetingKind(code).label) if code in MeetingKind.values else code
            for code in rule["meeting_kinds"]
        )
        label = _("%(n)s× ročně: %(what)s") % {
            "n": rule["per_year"] if rule["per_year"] is not None else "?",
            "what": what or _("druh jednání neurčen"),
        }
        if rule["counts_working_groups"]:
            label += ", " + _("vč. pracovních skupin")
        return label
    if kind == "periodic_output":
        return _("%(n)s× ročně: %(what)s") % {
            "n": rule["per_year"] if rule["per_year"] is not None else "?",
            "what": document_label(rule["document_type"]) if rule["document_type"] else _("výstup neurčen"),
        }
    if kind == "deadline":
        if rule["season"]:
            when = f"{SEASONS[rule['season']]} {rule['season_year']}"
        else:
            when = date_short(rule["due_on"]) if rule["due_on"] else "?"
        what = document_label(rule["document_type"]) if rule["document_type"] else _("výstup neurčen")
        return _("termín %(when)s: %(what)s") % {"when": when, "what": what}
    return _("bez kontrolovatelného pravidla")
