"""The schedule part of the review form: every activity and every rule editable, doubts shown.

An activity's fields are `activity_<i>_<name>`; its rules are `activity_<i>_rule_<j>_<name>`, one
set per rule read plus one empty set to add a rule the parser missed. A rule whose kind is left
empty is not imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.compliance.models import RuleKind
from spojka.documents.models import DocumentType
from spojka.lib.forms import DateField as PlausibleDateField
from spojka.lib.forms import DateInput
from spojka.lib.seasons import Season
from spojka.meetings.models import MeetingKind

from .labels import rule_label
from .mapping import NAME_LENGTH, TEXT_LENGTH, output_codes, rule_values

PER_CHOICES = [
    ("", "—"),
    ("year", _("ročně")),
    ("half_year", _("za pololetí")),
    ("quarter", _("za čtvrtletí")),
    ("month", _("měsíčně")),
    ("week", _("týdně")),
    ("validity", _("za dobu platnosti popisu")),
]
RULE_FIELDS = (
    "kind",
    "count",
    "per",
    "meeting_kind",
    "document_type",
    "includes_working_groups",
    "season",
    "year",
    "date",
    "text",
)
ACTIVITY_FIELDS = ("name", "specification", "outputs", "agency", "municipality", "deadline")
LINES = forms.Textarea(attrs={"rows": 3})


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]


def schedule_initial(activities: list[dict[str, Any]]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for i, activity in enumerate(activities):
        prefix = f"activity_{i}"
        initial[f"{prefix}_include"] = True
        initial[f"{prefix}_name"] = activity["name"]
        initial[f"{prefix}_specification"] = activity["specification"]
        initial[f"{prefix}_outputs"] = "\n".join(_lines(activity["outputs_note"]))
        initial[f"{prefix}_agency"] = "\n".join(_lines(activity["agency_responsibility"]))
        initial[f"{prefix}_municipality"] = "\n".join(_lines(activity["municipality_responsibility"]))
        initial[f"{prefix}_deadline"] = activity["deadline_text"]
        for j, rule in enumerate(activity["rules"]):
            initial.update({f"{prefix}_rule_{j}_{key}": rule[key] for key in RULE_FIELDS})
    return initial


def add_schedule_fields(fields: dict[str, forms.Field], activities: list[dict[str, Any]]) -> None:
    for i, activity in enumerate(activities):
        n, prefix = i + 1, f"activity_{i}"
        fields[f"{prefix}_include"] = forms.BooleanField(
            label=_("Importovat činnost %(n)s") % {"n": n}, required=False
        )
        fields[f"{prefix}_name"] = forms.CharField(
            label=_("Název činnosti %(n)s") % {"n": n}, max_length=NAME_LENGTH, required=False
        )
        fields[f"{prefix}_specification"] = forms.CharField(
            label=_("Specifikace činnosti %(n)s") % {"n": n}, widget=LINES, required=False
        )
        for key, label in (
            ("outputs", _("Výstupy činnosti %(n)s (každý na řádku)")),
            ("agency", _("Odpovědnost ASZ u činnosti %(n)s (každá na řádku)")),
            ("municipality", _("Odpovědnost územního celku u činnosti %(n)s (každá na řádku)")),
        ):
            fields[f"{prefix}_{key}"] = forms.CharField(label=label % {"n": n}, widget=LINES, required=False)
        fields[f"{prefix}_deadline"] = forms.CharField(
            label=_("Termín dokončení činnosti %(n)s, jak je zapsán") % {"n": n},
            max_length=TEXT_LENGTH,
            required=False,
        )
        for j in range(len(activity["rules"]) + 1):
            _add_rule_fields(fields, f"{prefix}_rule_{j}", n, j + 1)


def _add_rule_fields(fields: dict[str, forms.Field], prefix: str, n: int, m: int) -> None:
    where = {"n": n, "m": m}
    fields[f"{prefix}_kind"] = forms.ChoiceField(
        label=_("Druh pravidla %(m)s činnosti %(n)s") % where,
        choices=_blank(RuleKind.choices),
        required=False,
    )
    fields[f"{prefix}_count"] = forms.IntegerField(
        label=_("Kolikrát (pravidlo %(m)s činnosti %(n)s)") % where,
        min_value=1,
        max_value=365,
        required=False,
    )
    fields[f"{prefix}_per"] = forms.ChoiceField(
        label=_("Za jaké období (pravidlo %(m)s činnosti %(n)s)") % where, choices=PER_CHOICES, required=False
    )
    fields[f"{prefix}_meeting_kind"] = forms.ChoiceField(
        label=_("Která jednání se počítají (pravidlo %(m)s činnosti %(n)s)") % where,
        choices=_blank(MeetingKind.choices),
        required=False,
    )
    fields[f"{prefix}_includes_working_groups"] = forms.BooleanField(
        label=_("Počítají se i jednání pracovních skupin (pravidlo %(m)s činnosti %(n)s)") % where,
        required=False,
    )
    fields[f"{prefix}_document_type"] = forms.ChoiceField(
        label=_("Dokládající dokument (pravidlo %(m)s činnosti %(n)s)") % where,
        choices=_blank(DocumentType.choices),
        required=False,
    )
    fields[f"{prefix}_season"] = forms.ChoiceField(
        label=_("Roční období (pravidlo %(m)s činnosti %(n)s)") % where,
        choices=_blank(Season.choices),
        required=False,
    )
    fields[f"{prefix}_year"] = forms.IntegerField(
        label=_("Rok (pravidlo %(m)s činnosti %(n)s)") % where, min_value=1990, max_value=2100, required=False
    )
    fields[f"{prefix}_date"] = PlausibleDateField(
        label=_("Datum (pravidlo %(m)s činnosti %(n)s)") % where, widget=DateInput(), required=False
    )
    fields[f"{prefix}_text"] = forms.CharField(
        label=_("Pravidlo, jak je zapsáno (pravidlo %(m)s činnosti %(n)s)") % where,
        max_length=TEXT_LENGTH,
        required=False,
    )


@dataclass
class RuleRow:
    number: int
    fields: list[forms.BoundField]
    doubt: str
    new: bool  # the empty set for adding a rule
    label: str = ""  # the rule as read, in words


@dataclass
class ActivityRow:
    number: int
    include: forms.BoundField
    fields: list[forms.BoundField]
    rules: list[RuleRow]
    notes: list[str]  # why the reading of the row is doubtful


def schedule_rows(form: forms.Form, activities: list[dict[str, Any]]) -> list[ActivityRow]:
    rows = []
    for i, activity in enumerate(activities):
        prefix = f"activity_{i}"
        rules = [
            RuleRow(
                number=j + 1,
                fields=[form[f"{prefix}_rule_{j}_{key}"] for key in RULE_FIELDS],
                doubt=activity["rules"][j]["doubt"] if j < len(activity["rules"]) else "",
                new=j == len(activity["rules"]),
                label=rule_label(rule_values(activity["rules"][j])) if j < len(activity["rules"]) else "",
            )
            for j in range(len(activity["rules"]) + 1)
        ]
        rows.append(
            ActivityRow(
                number=i + 1,
                include=form[f"{prefix}_include"],
                fields=[form[f"{prefix}_{key}"] for key in ACTIVITY_FIELDS],
                rules=rules,
                notes=activity["uncertain"],
            )
        )
    return rows


def clean_schedule(form: forms.Form, activities: list[dict[str, Any]]) -> None:
    """A rule must say what it needs: a count and a period, or a season and year, or a date."""
    data = form.cleaned_data
    for i, activity in enumerate(activities):
        if not data.get(f"activity_{i}_include"):
            continue
        for j in range(len(activity["rules"]) + 1):
            prefix = f"activity_{i}_rule_{j}"
            kind = data.get(f"{prefix}_kind")
            if kind in (RuleKind.FREQUENCY, RuleKind.PERIODIC_OUTPUT):
                if not data.get(f"{prefix}_count"):
                    form.add_error(f"{prefix}_count", _("Uveďte, kolikrát."))
                if not data.get(f"{prefix}_per"):
                    form.add_error(f"{prefix}_per", _("Vyberte období."))
            elif kind == RuleKind.DEADLINE and not (data.get(f"{prefix}_date") or data.get(f"{prefix}_year")):
                form.add_error(f"{prefix}_year", _("Uveďte rok (s ročním obdobím) nebo datum."))


def schedule_data(form: forms.Form, activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The included activities as `services.import_confirm` takes them."""
    data = form.cleaned_data
    result = []
    for i, activity in enumerate(activities):
        prefix = f"activity_{i}"
        if not data.get(f"{prefix}_include") or not (data.get(f"{prefix}_name") or "").strip():
            continue
        outputs = _lines(data.get(f"{prefix}_outputs") or "")
        rules = []
        for j in range(len(activity["rules"]) + 1):
            reading = {key: data.get(f"{prefix}_rule_{j}_{key}") for key in RULE_FIELDS}
            if not reading["kind"]:
                continue
            reading.update(
                {key: reading[key] or "" for key in ("per", "meeting_kind", "document_type", "season")}
            )
            reading["text"] = reading["text"] or data.get(f"{prefix}_deadline") or ""
            rules.append(reading)
        result.append(
            {
                "name": data[f"{prefix}_name"].strip(),
                "specification": data.get(f"{prefix}_specification") or "",
                "outputs": output_codes(outputs),
                "outputs_note": "; ".join(outputs),
                "agency_responsibility": "; ".join(_lines(data.get(f"{prefix}_agency") or "")),
                "municipality_responsibility": "; ".join(_lines(data.get(f"{prefix}_municipality") or "")),
                "deadline_text": data.get(f"{prefix}_deadline") or "",
                "rules": rules,
            }
        )
    return result
