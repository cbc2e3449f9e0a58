from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import (
    CooperationDescription,
    LpOutcome,
    Memorandum,
    RoleAssignment,
    Status,
    TerritorialUnit,
    ThematicArea,
)
from spojka.lib.forms import SpojkaModelForm
from spojka.lib.locking import LockedFormMixin


class UnitForm(SpojkaModelForm):
    class Meta:
        model = TerritorialUnit
        fields = ["name", "slug", "kind", "ico", "seat_address", "region"]


class MemorandumForm(SpojkaModelForm):
    class Meta:
        model = Memorandum
        fields = [
            "signed_on",
            "signatories",
            "resolution_number",
            "resolution_date",
            "annexes",
            "replaces",
            "note",
        ]

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit = unit or (self.instance.unit if self.instance.unit_id else None)
        if unit is not None and not self.instance.unit_id:
            self.instance.unit = unit
        others = (
            Memorandum.objects.filter(unit=unit).exclude(pk=self.instance.pk)
            if unit
            else Memorandum.objects.none()
        )
        self.fields["replaces"].queryset = others.order_by("-signed_on")


class DescriptionForm(LockedFormMixin, SpojkaModelForm):
    duration_years = forms.IntegerField(
        label=_("doba platnosti (roky)"),
        min_value=1,
        max_value=10,
        required=False,
        help_text=_("Vyplňte buď datum konce platnosti, nebo dobu v letech."),
    )
    esif_text = forms.CharField(
        label=_("předpokládané oblasti intervence z ESIF"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Každou oblast na samostatný řádek."),
    )
    strategic_text = forms.CharField(
        label=_("navazující strategické dokumenty"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Každý dokument na samostatný řádek, období za svislou čárou: Název | 2016–2020."),
    )

    class Meta:
        model = CooperationDescription
        fields = [
            "memorandum",
            "valid_from",
            "valid_to",
            "programme_period_note",
            "project_name",
            "project_registration_number",
            "target_group",
            "lp_structure",
            "psz_specification",
            "psz_period_from",
            "psz_period_to",
            "training_total_hours",
            "training_max_distance_hours",
            "training_mode",
            "lp_discussed_on",
            "lp_outcome",
            "lp_votes_for",
            "lp_votes_against",
            "lp_votes_abstained",
            "approved_on",
            "approval_resolution",
            "unit_signed_place",
            "unit_signed_on",
            "unit_signatory",
            "agency_signed_place",
            "agency_signed_on",
            "agency_signatory",
            "regional_contact_name",
            "regional_contact_function",
        ]
        widgets = {
            "programme_period_note": forms.Textarea(attrs={"rows": 2}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "lp_structure": forms.Textarea(attrs={"rows": 4}),
            "psz_specification": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memorandum"].queryset = unit.memoranda.all()
        if self.instance.pk:
            self.fields["esif_text"].initial = "\n".join(
                i.name for i in self.instance.esif_interventions.all()
            )
            self.fields["strategic_text"].initial = "\n".join(
                f"{d.title} | {d.period}" if d.period else d.title
                for d in self.instance.strategic_links.all()
            )

    def clean(self):
        data = super().clean()
        valid_from, valid_to, years = data.get("valid_from"), data.get("valid_to"), data.get("duration_years")
        if years and not valid_from:
            self.add_error("valid_from", _("Pro výpočet konce platnosti zadejte začátek platnosti."))
        elif years and valid_from:
            computed = valid_from + relativedelta(years=years) - relativedelta(days=1)
            if valid_to and valid_to != computed:
                self.add_error(
                    "duration_years", _("Doba platnosti neodpovídá datům od–do; vyplňte jen jedno z nich.")
                )
            else:
                data["valid_to"] = valid_to = computed
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("Platnost nemůže skončit dříve, než začne."))
        total, distance = data.get("training_total_hours"), data.get("training_max_distance_hours")
        if total is not None and total <= 0:
            self.add_error("training_total_hours", _("Rozsah vzdělávání musí být kladný počet hodin."))
        if distance is not None and (distance < 0 or (total is not None and distance > total)):
            self.add_error(
                "training_max_distance_hours",
                _("Distanční hodiny musí být mezi nulou a celkovým rozsahem."),
            )
        start, end = data.get("psz_period_from"), data.get("psz_period_to")
        if start and end and end < start:
            self.add_error("psz_period_to", _("Období PSZ nemůže skončit dříve, než začne."))
        if data.get("lp_outcome") == LpOutcome.VOTE and data.get("lp_votes_for") is None:
            self.add_error("lp_votes_for", _("Při hlasování uveďte alespoň počet hlasů pro."))
        if data.get("lp_outcome") and not data.get("lp_discussed_on"):
            self.add_error("lp_discussed_on", _("Uveďte datum projednání v LP."))
        return data

    def esif_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("esif_text", "").splitlines() if line.strip()]

    def strategic_lines(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data.get("strategic_text", "").splitlines():
            title, _sep, period = line.partition("|")
            if title.strip():
                rows.append((title.strip(), period.strip()))
        return rows


class ThematicAreaForm(SpojkaModelForm):
    class Meta:
        model = ThematicArea
        fields = ["name", "focus", "order"]
        widgets = {"focus": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, description: CooperationDescription, **kwargs):
        super().__init__(*args, **kwargs)
        self.description = description

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        duplicate = self.description.thematic_areas.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("Tato tematická oblast už v popisu spolupráce je."))
        return name


class RoleAssignmentForm(SpojkaModelForm):
    class Meta:
        model = RoleAssignment
        fields = [
            "role",
            "holder_name",
            "holder_function",
            "email",
            "phone",
            "is_vacant",
            "substitute",
            "valid_from",
            "valid_to",
        ]

    def clean(self):
        data = super().clean()
        if not data.get("is_vacant") and not (data.get("holder_name") or data.get("holder_function")):
            self.add_error(
                "holder_name", _("Uveďte jméno nebo funkci, nebo označte pozici jako neobsazenou.")
            )
        if data.get("is_vacant") and data.get("holder_name"):
            self.add_error("holder_name", _("Neobsazená pozice nemá držitele; uveďte jen zástup."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Konec nemůže předcházet začátku."))
        return data


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("nový stav"), choices=Status.choices)
