from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import LpOutcome, Region, TerritorialUnit, UnitKind
from spojka.lib.czech import number
from spojka.lib.forms import native_date_widgets
from spojka.lib.ico import validate_ico
from spojka.lib.uploads import safe_filename
from spojka.partnership.models import OrganisationCategory, WorkingGroupKind

from . import extract
from .errors import ImportRejected
from .mapping import initial_data
from .parsed import Field, ParsedDescription
from .parser import parse_cooperation_description
from .review_schedule import (
    ActivityRow,
    add_schedule_fields,
    clean_schedule,
    schedule_data,
    schedule_initial,
    schedule_rows,
)

SNIPPET_LENGTH = 400
# Fields the standard form has no place for (a new unit's kind, region, address slug …).
NOT_IN_FORM = "not_in_form"
NOT_IN_FORM_HELP = {
    None: _("Formulář popisu spolupráce tento údaj neuvádí."),
    "slug": _("Formulář popisu spolupráce tento údaj neuvádí; předvyplněno podle názvu územního celku."),
    "kind": _("Formulář popisu spolupráce tento údaj neuvádí; vyberte jej, zakládá-li se nový územní celek."),
    "region": _(
        "Formulář popisu spolupráce tento údaj neuvádí; vyberte jej, zakládá-li se nový územní celek."
    ),
    "members_valid_from": _(
        "Formulář popisu spolupráce tento údaj neuvádí; předvyplněno datem projednání v LP, "
        "není-li uvedeno, datem memoranda."
    ),
}


class UploadForm(forms.Form):
    # Empty files are refused by extract_text, with the file's name in the message.
    file = forms.FileField(label=_("Soubor s popisem spolupráce"), allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF s textovou vrstvou, dokument Word (DOCX) nebo prostý text ve standardním formuláři "
            "popisu spolupráce; nejvýše %(size)s MB."
        ) % {"size": number(Decimal(extract.IMPORT_MAX_BYTES) / 1048576, decimals=1)}
        self.text = ""
        self.filename = ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = safe_filename(upload.name)
        upload.seek(0)
        try:
            # The kind of file is judged by its content; the size limit is the importer's, shared
            # with the command line.
            text = extract.extract_text(upload.read(), name, max_bytes=extract.IMPORT_MAX_BYTES)
            parse_cooperation_description(text)  # refuses texts that are not a cooperation description
        except ImportRejected as error:
            raise forms.ValidationError(error.message, code="rejected") from error
        self.text, self.filename = text, name
        return upload


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


TEXTAREA = forms.Textarea(attrs={"rows": 3})
# Inputs inside a table cell take the cell's width, so the table fits a phone's screen (app.css;
# a class, not a style attribute, which the Content-Security-Policy forbids).
CELL_INPUT = {"class": "app-cell-input"}


class ReviewForm(forms.Form):
    """Every value the import writes, prefilled from the parse and editable before confirming."""

    unit_name = forms.CharField(label=_("Územní celek"), max_length=200)
    ico = forms.CharField(label=_("IČO"), max_length=8, validators=[validate_ico])
    seat_address = forms.CharField(label=_("Sídlo"), max_length=300, required=False)
    slug = forms.SlugField(label=_("Zkratka v adrese"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("Druh územního celku"), choices=_blank(UnitKind.choices), required=False)
    region = forms.ChoiceField(label=_("Kraj"), choices=_blank(Region.choices), required=False)

    memorandum_date = forms.DateField(label=_("Datum memoranda o spolupráci"), required=False)
    project_registration_number = forms.CharField(
        label=_("Registrační číslo projektu"), max_length=60, required=False
    )
    training_total_hours = forms.DecimalField(
        label=_("Závazek vzdělávání (hodin celkem)"),
        max_digits=6,
        decimal_places=1,
        min_value=0,
        required=False,
    )
    training_max_distance_hours = forms.DecimalField(
        label=_("Z toho nejvýše distančně (hodin)"),
        max_digits=6,
        decimal_places=1,
        min_value=0,
        required=False,
    )
    validity_years = forms.IntegerField(
        label=_("Doba platnosti (roky)"), min_value=1, max_value=10, required=False
    )
    valid_from = forms.DateField(label=_("Platnost od"), required=False)
    programme_period_note = forms.CharField(
        label=_("Poznámka k programovému období"), widget=TEXTAREA, required=False
    )

    representative_function = forms.CharField(
        label=_("Pověřený zástupce (funkce)"), max_length=300, required=False
    )
    manager_vacant = forms.BooleanField(label=_("Pozice manažera SZ je neobsazená"), required=False)
    manager_name = forms.CharField(label=_("Manažer sociálního začleňování"), max_length=200, required=False)
    manager_function = forms.CharField(
        label=_("Útvar nebo funkce manažera SZ"), max_length=300, required=False
    )
    manager_substitute = forms.CharField(label=_("Zástup manažera SZ"), max_length=300, required=False)
    agency_regional_head = forms.CharField(
        label=_("Vedoucí regionálního pracoviště ASZ"), max_length=200, required=False
    )
    regional_contact_name = forms.CharField(
        label=_("Kontaktní osoba za kraj"), max_length=200, required=False
    )
    regional_contact_function = forms.CharField(
        label=_("Funkce kontaktní osoby za kraj"), max_length=200, required=False
    )

    psz_period_from = forms.IntegerField(
        label=_("PSZ od roku"), min_value=1990, max_value=2100, required=False
    )
    psz_period_to = forms.IntegerField(label=_("PSZ do roku"), min_value=1990, max_value=2100, required=False)
    target_group = forms.CharField(label=_("Cílová skupina"), widget=TEXTAREA, required=False)
    strategies_text = forms.CharField(
        label=_("Navazující strategické dokumenty"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    esif_text = forms.CharField(
        label=_("Předpokládané oblasti intervence z ESIF"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    lp_established_by = forms.CharField(
        label=_("Zřizovatel lokálního partnerství"), max_length=300, required=False
    )
    members_valid_from = forms.DateField(label=_("Členové LP od"), required=False)

    lp_discussed_on = forms.DateField(label=_("Projednáno v LP dne"), required=False)
    lp_outcome = forms.ChoiceField(
        label=_("Stanovisko LP"), choices=_blank(LpOutcome.choices), required=False
    )
    lp_votes_for = forms.IntegerField(label=_("Hlasů pro"), min_value=0, required=False)
    lp_votes_against = forms.IntegerField(label=_("Hlasů proti"), min_value=0, required=False)
    lp_votes_abstained = forms.IntegerField(label=_("Zdrželo se"), min_value=0, required=False)
    approved_on = forms.DateField(label=_("Schváleno územním celkem dne"), required=False)
    approval_resolution = forms.CharField(label=_("Číslo usnesení"), max_length=60, required=False)
    unit_signed_place = forms.CharField(
        label=_("Místo podpisu za územní celek"), max_length=100, required=False
    )
    unit_signed_on = forms.DateField(label=_("Datum podpisu za územní celek"), required=False)
    agency_signed_place = forms.CharField(
        label=_("Místo podpisu za agenturu"), max_length=100, required=False
    )
    agency_signed_on = forms.DateField(label=_("Datum podpisu za agenturu"), required=False)

    SECTIONS = [
        ("unit", _("Územní celek"), ["unit_name", "ico", "seat_address", "slug", "kind", "region"]),
        (
            "memorandum",
            _("Memorandum, projekt a doba platnosti"),
            [
                "memorandum_date",
                "project_registration_number",
                "training_total_hours",
                "training_max_distance_hours",
                "validity_years",
                "valid_from",
                "programme_period_note",
            ],
        ),
        (
            "roles",
            _("Odpovědné osoby"),
            [
                "representative_function",
                "manager_vacant",
                "manager_name",
                "manager_function",
                "manager_substitute",
                "agency_regional_head",
                "regional_contact_name",
                "regional_contact_function",
            ],
        ),
        (
            "psz",
            _("Plán sociálního začleňování a navazující dokumenty"),
            ["psz_period_from", "psz_period_to", "target_group", "strategies_text", "esif_text"],
        ),
        ("partnership", _("Lokální partnerství"), ["lp_established_by", "members_valid_from"]),
        (
            "approval",
            _("Stanovisko LP, schválení a podpisy"),
            [
                "lp_discussed_on",
                "lp_outcome",
                "lp_votes_for",
                "lp_votes_against",
                "lp_votes_abstained",
                "approved_on",
                "approval_resolution",
                "unit_signed_place",
                "unit_signed_on",
                "agency_signed_place",
                "agency_signed_on",
            ],
        ),
    ]

    def __init__(self, *args, parsed: ParsedDescription, **kwargs):
        self.parsed = parsed
        self.initial_values = initial_data(parsed)
        kwargs.setdefault("initial", self._initial(self.initial_values))
        super().__init__(*args, **kwargs)
        native_date_widgets(self)
        self._add_rows()
        self._describe_sources()
        self.existing_unit: TerritorialUnit | None = None

    # --- building ----------------------------------------------------------------------------------

    @staticmethod
    def _initial(values: dict[str, Any]) -> dict[str, Any]:
        initial = {key: value for key, value in values.items() if not isinstance(value, list)}
        initial["strategies_text"] = "\n".join(
            f"{title} | {period}" if period else title for title, period in values["strategies"]
        )
        initial["esif_text"] = "\n".join(values["esif"])
        for prefix, rows in (
            ("area", values["areas"]),
            ("group", values["working_groups"]),
            ("member", values["members"]),
        ):
            for i, row in enumerate(rows):
                # An item that looks like a fragment (a footnote's "případně kraje") is offered
                # unticked, with the reason beside it.
                initial[f"{prefix}_{i}_include"] = not row.get("doubt")
                initial.update({f"{prefix}_{i}_{key}": value for key, value in row.items() if key != "doubt"})
        initial.update(schedule_initial(values["activities"]))
        for i, group in enumerate(values["working_groups"]):
            initial[f"group_{i}_cross_cutting"] = group["kind"] == WorkingGroupKind.CROSS_CUTTING
        return initial

    def _add_rows(self) -> None:
        """Rows of the lists: one per item read, plus one empty row to add an item the parser missed."""
        self._add_area_and_group_rows()
        self._add_member_rows()
        add_schedule_fields(self.fields, self.initial_values["activities"])

    def _add_area_and_group_rows(self) -> None:
        values = self.initial_values
        for i in range(len(values["areas"]) + 1):
            n = i + 1
            self.fields[f"area_{i}_include"] = forms.BooleanField(
                label=_("Importovat oblast %(n)s") % {"n": n}, required=False, initial=True
            )
            self.fields[f"area_{i}_name"] = forms.CharField(
                label=_("Název oblasti %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"area_{i}_focus"] = forms.CharField(
                label=_("Zaměření oblasti %(n)s") % {"n": n}, widget=TEXTAREA, required=False
            )
        for i in range(len(values["working_groups"]) + 1):
            n = i + 1
            self.fields[f"group_{i}_include"] = forms.BooleanField(
                label=_("Importovat pracovní skupinu %(n)s") % {"n": n}, required=False, initial=True
            )
            self.fields[f"group_{i}_name"] = forms.CharField(
                label=_("Název pracovní skupiny %(n)s") % {"n": n},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs=CELL_INPUT),
            )
            self.fields[f"group_{i}_cross_cutting"] = forms.BooleanField(
                label=_("Pracovní skupina %(n)s je průřezová") % {"n": n}, required=False
            )

    def _add_member_rows(self) -> None:
        for i in range(len(self.initial_values["members"]) + 1):
            n = i + 1
            self.fields[f"member_{i}_include"] = forms.BooleanField(
                label=_("Importovat člena %(n)s") % {"n": n}, required=False, initial=True
            )
            self.fields[f"member_{i}_name"] = forms.CharField(
                label=_("Organizace člena %(n)s") % {"n": n},
                max_length=300,
                required=False,
                widget=forms.TextInput(attrs=CELL_INPUT),
            )
            self.fields[f"member_{i}_category"] = forms.ChoiceField(
                label=_("Kategorie člena %(n)s") % {"n": n},
                choices=OrganisationCategory.choices,
                initial=OrganisationCategory.OTHER,
                widget=forms.Select(attrs=CELL_INPUT),
            )

    def _describe_area_sources(self) -> None:
        for i, area in enumerate(self.parsed.thematic_areas.value or []):
            self.fields[f"area_{i}_name"].help_text = _source_help(Field(area.name, area.snippet, True))
            self.fields[f"area_{i}_focus"].help_text = _source_help(area.focus)

    def _sources(self) -> dict[str, Field | str]:
        p = self.parsed
        return {
            "unit_name": p.unit_name,
            "ico": p.ico,
            "seat_address": p.seat,
            "slug": NOT_IN_FORM,
            "kind": NOT_IN_FORM,
            "region": NOT_IN_FORM,
            "memorandum_date": p.memorandum_date,
            "project_registration_number": p.project_registration_number,
            "training_total_hours": p.training_total_hours,
            "training_max_distance_hours": p.training_distance_cap_hours,
            "validity_years": p.validity_years,
            "valid_from": NOT_IN_FORM,
            "programme_period_note": p.programme_period_note,
            "representative_function": p.representative_function,
            "manager_vacant": p.inclusion_manager,
            "manager_name": p.inclusion_manager,
            "agency_regional_head": p.agency_regional_head,
            "regional_contact_name": p.regional_contact,
            "psz_period_from": p.psz_period,
            "target_group": p.psz_target_group,
            "strategies_text": p.psz_linked_strategies,
            "esif_text": p.esif_interventions,
            "lp_established_by": p.lp_established_by,
            "members_valid_from": NOT_IN_FORM,
            "lp_discussed_on": p.lp_stance,
            "approved_on": p.approval_date,
            "approval_resolution": p.resolution_number,
            "unit_signed_place": p.unit_signature,
            "agency_signed_place": p.agency_signature,
        }

    def _describe_sources(self) -> None:
        """Each field's help text says where in the document its value came from, or that it did not."""
        self.missing: list[str] = []
        for name, source in self._sources().items():
            field = self.fields[name]
            if source == NOT_IN_FORM:
                field.help_text = NOT_IN_FORM_HELP.get(name, NOT_IN_FORM_HELP[None])
                continue
            assert isinstance(source, Field)
            if not source.found:
                self.missing.append(name)
            field.help_text = _source_help(source)
        self._describe_area_sources()

    # --- rows for the template ------------------------------------------------------------------

    def _rows(self, prefix: str, keys: list[str]) -> list[list[forms.BoundField]]:
        count = sum(1 for name in self.fields if name.startswith(f"{prefix}_") and name.endswith("_include"))
        return [[self[f"{prefix}_{i}_{key}"] for key in keys] for i in range(count)]

    def _doubted_rows(self, prefix: str, source: str, keys: list[str]) -> list[list[Any]]:
        """Rows with the reason an item looks like a fragment ("" when it does not) last."""
        doubts = [row.get("doubt", "") for row in self.initial_values[source]]
        return [
            [*row, doubts[i] if i < len(doubts) else ""] for i, row in enumerate(self._rows(prefix, keys))
        ]

    def area_rows(self):
        return self._doubted_rows("area", "areas", ["include", "name", "focus"])

    def group_rows(self):
        return self._doubted_rows("group", "working_groups", ["include", "name", "cross_cutting"])

    def member_rows(self):
        return self._doubted_rows("member", "members", ["include", "name", "category"])

    def activity_rows(self) -> list[ActivityRow]:
        return schedule_rows(self, self.initial_values["activities"])

    def doubts(self) -> list[tuple[str, str, str]]:
        """Every value read with doubt: (field id or anchor, what, why), in page order."""
        found = [
            (self[name].auto_id, str(self.fields[name].label), source.doubt)
            for name, source in self._sources().items()
            if isinstance(source, Field) and source.doubt
        ]
        for key, source, label in (
            ("area", "areas", _("Tematická oblast")),
            ("group", "working_groups", _("Pracovní skupina")),
            ("member", "members", _("Člen LP")),
        ):
            for i, row in enumerate(self.initial_values[source]):
                if row.get("doubt"):
                    found.append((self[f"{key}_{i}_name"].auto_id, f"{label} „{row['name']}“", row["doubt"]))
        for row in self.activity_rows():
            anchor = f"cinnost-{row.number}"
            for note in row.notes:
                found.append((anchor, _("Činnost %(n)s") % {"n": row.number}, note))
            for rule in row.rules:
                if rule.doubt:
                    what = _("Pravidlo %(m)s činnosti %(n)s") % {"m": rule.number, "n": row.number}
                    found.append((rule.fields[0].auto_id, what, rule.doubt))
        return found

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [(key, title, [self[name] for name in names]) for key, title, names in self.SECTIONS]

    # --- validation -----------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        total, distance = data.get("training_total_hours"), data.get("training_max_distance_hours")
        if distance is not None and total is not None and distance > total:
            self.add_error(
                "training_max_distance_hours", _("Distanční hodiny nemohou přesáhnout celkový rozsah.")
            )
        start, end = data.get("psz_period_from"), data.get("psz_period_to")
        if start and end and end < start:
            self.add_error("psz_period_to", _("Období PSZ nemůže skončit dříve, než začne."))
        if data.get("lp_outcome") and not data.get("lp_discussed_on"):
            self.add_error("lp_discussed_on", _("Uveďte datum projednání v LP."))
        if data.get("manager_vacant") and data.get("manager_name"):
            self.add_error("manager_name", _("Neobsazená pozice nemá držitele; uveďte jen zástup."))
        clean_schedule(self, self.initial_values["activities"])
        if any(row["name"] for row in self._included("member", ["name", "category"])) and not data.get(
            "members_valid_from"
        ):
            self.add_error("members_valid_from", _("Uveďte, odkdy jsou organizace členy LP."))
        ico = data.get("ico")
        if ico:
            self.existing_unit = TerritorialUnit.objects.filter(ico=ico).first()
            if self.existing_unit is None:
                self._require_new_unit_fields(data)
        return data

    def _require_new_unit_fields(self, data: dict[str, Any]) -> None:
        for name, message in (
            ("seat_address", _("Zadejte sídlo nového územního celku.")),
            ("slug", _("Zadejte zkratku do adresy nového územního celku.")),
            ("kind", _("Vyberte druh nového územního celku.")),
            ("region", _("Vyberte kraj nového územního celku.")),
        ):
            if not data.get(name):
                self.add_error(name, message)
        slug = data.get("slug")
        if slug and TerritorialUnit.objects.filter(slug=slug).exists():
            self.add_error("slug", _("Tuto zkratku už používá jiný územní celek."))

    def _included(self, prefix: str, keys: list[str]) -> list[dict[str, Any]]:
        rows = []
        for row in self._rows(prefix, ["include", *keys]):
            include, *fields = row
            if not self.cleaned_data.get(include.name):
                continue
            values = {key: self.cleaned_data.get(bf.name) for key, bf in zip(keys, fields, strict=True)}
            if isinstance(values.get("name"), str):
                values["name"] = values["name"].strip()
            if values.get("name"):
                rows.append(values)
        return rows

    def to_data(self) -> dict[str, Any]:
        """The reviewed values in the shape `services.import_confirm` takes."""
        data = {name: self.cleaned_data.get(name) for name in self.base_fields}
        for key in ("kind", "region", "lp_outcome"):
            data[key] = data[key] or ""
        data["strategies"] = []
        for line in (self.cleaned_data.get("strategies_text") or "").splitlines():
            title, _sep, period = line.partition("|")
            if title.strip():
                data["strategies"].append((title.strip()[:300], period.strip()[:60]))
        data["esif"] = [
            line.strip()[:300] for line in (self.cleaned_data.get("esif_text") or "").splitlines()
        ]
        data["esif"] = [line for line in data["esif"] if line]
        data["areas"] = [
            {"name": row["name"], "focus": row["focus"] or ""}
            for row in self._included("area", ["name", "focus"])
        ]
        data["working_groups"] = [
            {
                "name": row["name"],
                "kind": WorkingGroupKind.CROSS_CUTTING if row["cross_cutting"] else WorkingGroupKind.THEMATIC,
            }
            for row in self._included("group", ["name", "cross_cutting"])
        ]
        data["members"] = self._included("member", ["name", "category"])
        data["activities"] = schedule_data(self, self.initial_values["activities"])
        return data

    def preview_data(self) -> dict[str, Any]:
        """What confirming would import now: the reviewed values, or the values read (with the
        items offered unticked left out) before anything was submitted or while it has errors."""
        if self.is_bound and self.is_valid():
            return self.to_data()
        values = dict(self.initial_values)
        for key in ("areas", "working_groups", "members"):
            values[key] = [row for row in values[key] if not row.get("doubt")]
        return values


def _short(snippet: str) -> str:
    text = re.sub(r"\s+", " ", snippet or "").strip()
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"


def _source_help(source: Field) -> str:
    """Where a value came from: its snippet, "nevyplněno" for an empty place, "nenalezeno" otherwise."""
    snippet = _short(source.snippet)
    if not source.found:
        return format_html(
            '<span class="app-status app-status--at_risk">{}</span> {}{}',
            _("nenalezeno"),
            _("Údaj se v dokumentu nepodařilo přečíst; doplňte jej, nebo nechte prázdný."),
            format_html(" {} <q>{}</q>", _("Nepřečtený text:"), snippet) if snippet else "",
        )
    if source.value is None or source.value == []:
        return format_html(
            '<span class="app-status app-status--no_rule">{}</span> <q>{}</q>',
            _("v dokumentu nevyplněno"),
            snippet,
        )
    if source.doubt:
        return format_html(
            '<span class="app-status app-status--at_risk">{}</span> {} {} <q>{}</q>',
            _("k ověření"),
            source.doubt,
            _("Z dokumentu:"),
            snippet,
        )
    return format_html("{} <q>{}</q>", _("Z dokumentu:"), snippet)
