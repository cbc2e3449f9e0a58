from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.compliance.models import Activity, Rule, RuleKind
from spojka.documents.models import DocumentType
from spojka.lib.forms import DateInput, SpojkaModelForm
from spojka.meetings.models import MeetingKind


class ActivityForm(SpojkaModelForm):
    outputs = forms.MultipleChoiceField(
        label=_("Výstupy (druhy dokumentů)"),
        choices=DocumentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "order",
            "name",
            "specification",
            "outputs",
            "outputs_note",
            "agency_responsibility",
            "municipality_responsibility",
            "deadline_text",
        ]
        widgets = {
            "specification": forms.Textarea(attrs={"rows": 3}),
            "outputs_note": forms.Textarea(attrs={"rows": 2}),
            "agency_responsibility": forms.Textarea(attrs={"rows": 2}),
            "municipality_responsibility": forms.Textarea(attrs={"rows": 2}),
        }


class RuleForm(SpojkaModelForm):
    meeting_kinds = forms.MultipleChoiceField(
        label=_("Které druhy jednání se počítají"),
        choices=MeetingKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Rule
        fields = [
            "order",
            "kind",
            "text",
            "per_year",
            "meeting_kinds",
            "counts_working_groups",
            "document_type",
            "requires_resolution",
            "due_on",
            "season",
            "season_year",
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (RuleKind.FREQUENCY, RuleKind.PERIODIC_OUTPUT) and not data.get("per_year"):
            self.add_error("per_year", _("Uveďte, kolikrát ročně se má činnost konat."))
        if kind == RuleKind.FREQUENCY and not (
            data.get("meeting_kinds") or data.get("counts_working_groups")
        ):
            self.add_error("meeting_kinds", _("Vyberte alespoň jeden druh jednání, který se počítá."))
        if kind in (RuleKind.PERIODIC_OUTPUT, RuleKind.DEADLINE) and not data.get("document_type"):
            self.add_error("document_type", _("Vyberte druh dokumentu, který pravidlo dokládá."))
        if kind == RuleKind.DEADLINE:
            season, year, due_on = data.get("season"), data.get("season_year"), data.get("due_on")
            if due_on and (season or year):
                self.add_error("due_on", _("Uveďte buď datum, nebo roční období s rokem, ne obojí."))
            elif not due_on and not (season and year):
                if season and not year:
                    self.add_error("season_year", _("K ročnímu období uveďte rok."))
                else:
                    self.add_error("due_on", _("Uveďte datum, nebo roční období s rokem."))
        if data.get("season_year") and not 2000 <= data["season_year"] <= 2100:
            self.add_error("season_year", _("Rok musí být mezi 2000 a 2100."))
        return data


class EvidenceForm(forms.Form):
    """Include or exclude one meeting or document as evidence of a rule."""

    item = forms.ChoiceField(label=_("Jednání nebo dokument"))
    included = forms.TypedChoiceField(
        label=_("Co s ním"),
        choices=[("1", _("započítat")), ("0", _("nezapočítat"))],
        coerce=lambda v: v == "1",
        initial="1",
    )
    note = forms.CharField(label=_("Poznámka"), max_length=300, required=False)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "—"), *choices]

    def clean_item(self) -> tuple[str, int]:
        value = self.cleaned_data["item"]
        kind, _sep, pk = value.partition(":")
        if not pk.isdigit():
            raise forms.ValidationError(_("Vyberte jednání nebo dokument ze seznamu."))
        return kind, int(pk)


class RenewalForm(forms.Form):
    """The new validity of a renewal; everything else is prefilled from the previous description."""

    valid_from = forms.DateField(label=_("Platnost od"), widget=DateInput())
    valid_to = forms.DateField(label=_("Platnost do"), widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end <= start:
            self.add_error("valid_to", _("Konec platnosti musí být po jejím začátku."))
        return data
