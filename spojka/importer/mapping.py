"""From what the parser read to the values Spojka stores: one dict the review form and the command share.

`initial_data(parsed)` is the review form's starting point and, unchanged, what the command
imports. A value the parser did not find is None (or an empty list), never a default: the person
reviewing sees the gap instead of a plausible guess.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from spojka.partnership.models import OrganisationCategory, WorkingGroupKind

from .cleaning import fragment_doubt
from .parsed import Activity, Field, ParsedDescription, RuleSpec
from .rules import document_type

# The parser's member categories → the partnership's organisation categories.
ORGANISATION_CATEGORIES = {
    "city": OrganisationCategory.CITY_DEPARTMENT,
    "public_institutions": OrganisationCategory.PUBLIC_INSTITUTION,
    "ngos": OrganisationCategory.NGO,
    "other": OrganisationCategory.OTHER,
}
# A frequency "per half year" is twice a year, and so on; the compliance rules count per year.
TIMES_PER_YEAR = {"year": 1, "half_year": 2, "quarter": 4, "month": 12, "week": 52}
# Field lengths of the target models, so that a long cell never fails the whole import.
NAME_LENGTH = 300
TEXT_LENGTH = 300


def value(field: Field[Any]) -> Any:
    """The field's value, or None when the parser did not find it."""
    return field.value if field.found else None


def text(field: Field[Any]) -> str:
    found = value(field)
    return found if isinstance(found, str) else ""


def rule_reading(rule: RuleSpec, outputs: list[str]) -> dict[str, Any]:
    """A parsed rule as the review edits it: kind, count per period, what counts, when; and why
    the reading is doubtful, if it is.

    A deadline cell ("Podzim 2021") does not name its document; the activity's only output does
    ("Plán sociálního začleňování"). With several outputs the document type stays empty for a
    person to choose, rather than picking one.
    """
    document_type = ""
    if rule.kind == "periodic_output":
        document_type = rule.what or ""
    elif rule.kind == "deadline":
        document_type = rule.what or (outputs[0] if len(outputs) == 1 else "")
    return {
        "kind": rule.kind,
        "count": rule.count,
        "per": rule.per or "",
        "meeting_kind": (rule.what or "") if rule.kind == "frequency" else "",
        "document_type": document_type,
        "includes_working_groups": rule.includes_working_groups,
        "season": rule.season or "",
        "year": rule.year if rule.season or (rule.kind == "deadline" and rule.date is None) else None,
        "date": rule.date,
        "text": (rule.text or "")[:TEXT_LENGTH],
        "doubt": rule.doubt or "",
    }


def rule_values(reading: dict[str, Any]) -> dict[str, Any]:
    """A rule reading (`rule_reading`, or as the review edited it) as `compliance.Rule` field values."""
    kind = reading["kind"]
    per_year = None
    if kind in ("frequency", "periodic_output") and reading["count"] and reading["per"] in TIMES_PER_YEAR:
        per_year = reading["count"] * TIMES_PER_YEAR[reading["per"]]
    due_on = reading["date"] if kind == "deadline" and not reading["season"] else None
    if kind == "deadline" and not reading["season"] and due_on is None and reading["year"]:
        due_on = date(reading["year"], 12, 31)  # "2022" / "do konce roku 2022": by the end of that year
    return {
        "kind": kind,
        "text": (reading["text"] or "")[:TEXT_LENGTH],
        "per_year": per_year,
        "meeting_kinds": [reading["meeting_kind"]] if kind == "frequency" and reading["meeting_kind"] else [],
        "counts_working_groups": bool(reading["includes_working_groups"]) and kind == "frequency",
        "document_type": reading["document_type"] if kind in ("periodic_output", "deadline") else "",
        "requires_resolution": False,
        "due_on": due_on,
        "season": reading["season"] if kind == "deadline" else "",
        "season_year": reading["year"] if kind == "deadline" and reading["season"] else None,
    }


def output_codes(lines: list[str]) -> list[str]:
    """The document types of an activity's outputs, each once, in order."""
    codes: list[str] = []
    for line in lines:
        code = document_type(line)
        if code and code not in codes:
            codes.append(code)
    return codes


def activity_values(activity: Activity) -> dict[str, Any]:
    """A schedule row as `compliance.Activity` field values, its rule readings and its doubts."""
    outputs = [output.text for output in value(activity.outputs) or []]
    codes = output_codes(outputs)
    return {
        "name": text(activity.name)[:NAME_LENGTH],
        "specification": text(activity.specification),
        "outputs": codes,
        "outputs_note": "; ".join(outputs),
        "agency_responsibility": "; ".join(value(activity.agency_responsibility) or []),
        "municipality_responsibility": "; ".join(value(activity.municipality_responsibility) or []),
        "deadline_text": text(activity.deadline)[:TEXT_LENGTH],
        "rules": [rule_reading(rule, codes) for rule in activity.rules],
        "uncertain": list(activity.uncertain),
    }


def member_rows(parsed: ParsedDescription) -> list[dict[str, str]]:
    """Member organisations of the LP with their category.

    The city's members are written as functions ("vedoucí sociálního odboru"); as organisations
    they are named after the unit, so that two cities' "vedoucí odboru školství" never become one
    shared organisation.
    """
    unit = text(parsed.unit_name)
    rows = []
    for group in value(parsed.members) or []:
        category = ORGANISATION_CATEGORIES.get(group.category, OrganisationCategory.OTHER)
        for name in group.organisations:
            if category == OrganisationCategory.CITY_DEPARTMENT and unit:
                name = f"{unit} – {name}"
            doubt = fragment_doubt(name, lowercase_expected=category == OrganisationCategory.CITY_DEPARTMENT)
            rows.append({"name": name[:NAME_LENGTH], "category": category, "doubt": doubt or ""})
    return rows


def _decimal(number: int | None) -> Decimal | None:
    return Decimal(number) if number is not None else None


def initial_data(parsed: ParsedDescription) -> dict[str, Any]:
    """Everything the import writes, as read from the document."""
    return {
        **_unit_and_memorandum(parsed),
        **_people(parsed),
        **_plan_and_partnership(parsed),
        **_stance_and_approval(parsed),
        "activities": [activity_values(activity) for activity in value(parsed.activities) or []],
    }


def _unit_and_memorandum(parsed: ParsedDescription) -> dict[str, Any]:
    unit_name = text(parsed.unit_name)
    return {
        "unit_name": unit_name,
        "ico": text(parsed.ico),
        "seat_address": text(parsed.seat),
        "slug": slugify(unit_name)[:60],
        "kind": "",
        "region": "",
        "memorandum_date": value(parsed.memorandum_date),
        "project_registration_number": text(parsed.project_registration_number),
        "training_total_hours": _decimal(value(parsed.training_total_hours)),
        "training_max_distance_hours": _decimal(value(parsed.training_distance_cap_hours)),
        "validity_years": value(parsed.validity_years),
        "valid_from": None,  # the form states the length of validity, never its first day
        "programme_period_note": text(parsed.programme_period_note),
    }


def _people(parsed: ParsedDescription) -> dict[str, Any]:
    manager = value(parsed.inclusion_manager)
    contact = value(parsed.regional_contact)
    return {
        "representative_function": text(parsed.representative_function),
        "manager_vacant": bool(manager and manager.vacant),
        "manager_name": (manager.name or "") if manager else "",
        "manager_substitute": (manager.note or "") if manager else "",
        "manager_function": (manager.department or "") if manager else "",
        "agency_regional_head": text(parsed.agency_regional_head),
        "regional_contact_name": contact.name if contact else "",
        "regional_contact_function": (contact.function or "") if contact else "",
    }


def _plan_and_partnership(parsed: ParsedDescription) -> dict[str, Any]:
    period = value(parsed.psz_period)
    stance = value(parsed.lp_stance)
    return {
        "areas": [
            {"name": area.name, "focus": value(area.focus) or "", "doubt": fragment_doubt(area.name) or ""}
            for area in value(parsed.thematic_areas) or []
        ],
        "esif": list(value(parsed.esif_interventions) or []),
        "strategies": [
            (strategy.title, strategy.period_text or "")
            for strategy in value(parsed.psz_linked_strategies) or []
        ],
        "psz_period_from": period.start if period else None,
        "psz_period_to": period.end if period else None,
        "target_group": text(parsed.psz_target_group),
        "lp_established_by": text(parsed.lp_established_by),
        "working_groups": [
            {
                "name": group.name,
                "kind": WorkingGroupKind.CROSS_CUTTING if group.crosscutting else WorkingGroupKind.THEMATIC,
                "doubt": fragment_doubt(group.name, lowercase_expected=True) or "",
            }
            for group in value(parsed.working_groups) or []
        ],
        "members": member_rows(parsed),
        # Members sat in the LP at least since it discussed the description.
        "members_valid_from": (stance.date if stance and stance.date else None)
        or value(parsed.memorandum_date),
    }


def _stance_and_approval(parsed: ParsedDescription) -> dict[str, Any]:
    stance = value(parsed.lp_stance)
    unit_signature = value(parsed.unit_signature)
    agency_signature = value(parsed.agency_signature)
    lp_outcome = ""
    if stance is not None:
        lp_outcome = "rejected" if stance.adopted is False else (stance.outcome or "")
    return {
        "lp_discussed_on": stance.date if stance else None,
        "lp_outcome": lp_outcome,
        "lp_votes_for": stance.votes_for if stance else None,
        "lp_votes_against": stance.votes_against if stance else None,
        "lp_votes_abstained": stance.abstained if stance else None,
        "approved_on": value(parsed.approval_date),
        "approval_resolution": text(parsed.resolution_number),
        "unit_signed_place": unit_signature.place or "" if unit_signature else "",
        "unit_signed_on": unit_signature.date if unit_signature else None,
        "agency_signed_place": agency_signature.place or "" if agency_signature else "",
        "agency_signed_on": agency_signature.date if agency_signature else None,
    }
