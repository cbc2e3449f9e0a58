"""The facts of a cooperation description, one key per fact, for comparing imports field by field.

`facts(parsed)` flattens what the parser read into {key: value}: every header field, every
thematic area and its focus, every working group, member, strategy and intervention, and for each
schedule activity its name, specification, each output, each responsibility, the deadline cell
and each rule. A value the parser did not find is `MISSING`; a place the document leaves empty is
None. Two imports of the same document agree when their fact dicts are equal; `score` counts how
many of the expected facts an import got right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spojka.importer.parsed import Field, ParsedDescription

MISSING = "<nenalezeno>"


def _value(field: Field[Any]) -> Any:
    return field.value if field.found else MISSING


def _header(p: ParsedDescription) -> dict[str, Any]:
    manager = p.inclusion_manager.value if p.inclusion_manager.found else None
    contact = p.regional_contact.value if p.regional_contact.found else None
    stance = p.lp_stance.value if p.lp_stance.found else None
    return {
        "unit_name": _value(p.unit_name),
        "seat": _value(p.seat),
        "ico": _value(p.ico),
        "representative_function": _value(p.representative_function),
        "manager.name": manager.name if manager else MISSING,
        "manager.vacant": manager.vacant if manager else MISSING,
        "manager.note": manager.note if manager else MISSING,
        "agency_regional_head": _value(p.agency_regional_head),
        "memorandum_date": _value(p.memorandum_date),
        "project_registration_number": _value(p.project_registration_number),
        "training_total_hours": _value(p.training_total_hours),
        "training_distance_cap_hours": _value(p.training_distance_cap_hours),
        "validity_years": _value(p.validity_years),
        "programme_period_note": _value(p.programme_period_note),
        "lp_established_by": _value(p.lp_established_by),
        "psz_period": _value(p.psz_period),
        "psz_target_group": _value(p.psz_target_group),
        "regional_contact.name": contact.name if contact else (None if p.regional_contact.found else MISSING),
        "regional_contact.function": contact.function
        if contact
        else (None if p.regional_contact.found else MISSING),
        "lp_stance.date": stance.date if stance else MISSING,
        "lp_stance.outcome": stance.outcome if stance else MISSING,
        "lp_stance.adopted": stance.adopted if stance else MISSING,
        "lp_stance.votes": (stance.votes_for, stance.votes_against, stance.abstained) if stance else MISSING,
        "approval_date": _value(p.approval_date),
        "resolution_number": _value(p.resolution_number),
        "unit_signature": (
            (p.unit_signature.value.place, p.unit_signature.value.date) if p.unit_signature.found else MISSING
        ),
        "agency_signature": (
            (p.agency_signature.value.place, p.agency_signature.value.date)
            if p.agency_signature.found
            else MISSING
        ),
    }


def _lists(p: ParsedDescription) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for i, area in enumerate(p.thematic_areas.value or []):
        result[f"area[{i}].name"] = area.name
        result[f"area[{i}].focus"] = _value(area.focus)
    for i, group in enumerate(p.working_groups.value or []):
        result[f"working_group[{i}]"] = (group.name, group.crosscutting)
    members = [(group.category, org) for group in p.members.value or [] for org in group.organisations]
    for i, member in enumerate(members):
        result[f"member[{i}]"] = member
    for i, strategy in enumerate(p.psz_linked_strategies.value or []):
        result[f"strategy[{i}]"] = (strategy.title, strategy.period_text)
    for i, item in enumerate(p.esif_interventions.value or []):
        result[f"esif[{i}]"] = item
    return result


def _activities(p: ParsedDescription) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for i, activity in enumerate(p.activities.value or []):
        key = f"activity[{i}]"
        result[f"{key}.name"] = _value(activity.name)
        result[f"{key}.specification"] = _value(activity.specification)
        result[f"{key}.deadline"] = _value(activity.deadline)
        for j, output in enumerate(activity.outputs.value or []):
            result[f"{key}.output[{j}]"] = (output.text, output.document_type)
        for j, item in enumerate(activity.agency_responsibility.value or []):
            result[f"{key}.agency[{j}]"] = item
        for j, item in enumerate(activity.municipality_responsibility.value or []):
            result[f"{key}.municipality[{j}]"] = item
        for j, rule in enumerate(activity.rules):
            result[f"{key}.rule[{j}]"] = (
                rule.kind,
                rule.count,
                rule.per,
                rule.what,
                rule.season,
                rule.year,
                rule.date,
                rule.at_least,
                rule.includes_working_groups,
            )
    return result


def facts(parsed: ParsedDescription) -> dict[str, Any]:
    return {**_header(parsed), **_lists(parsed), **_activities(parsed)}


@dataclass(frozen=True)
class Score:
    right: int
    total: int
    wrong: dict[str, tuple[Any, Any]]  # key → (expected, got); got is MISSING when absent
    extra: dict[str, Any]  # keys the import has and the document does not

    def __str__(self) -> str:
        return f"{self.right}/{self.total}"


def score(expected: dict[str, Any], got: dict[str, Any]) -> Score:
    wrong = {
        key: (value, got.get(key, MISSING))
        for key, value in expected.items()
        if got.get(key, MISSING) != value
    }
    extra = {key: value for key, value in got.items() if key not in expected}
    # A fact the import invented counts against it as well: it would be imported as if true.
    right = len(expected) - len(wrong) - len(extra)
    return Score(max(0, right), len(expected), wrong, extra)
