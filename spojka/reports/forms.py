from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import TemplateKind
from spojka.documents.render import FORMAT_CHOICES
from spojka.reports import generators


class GenerateForm(forms.Form):
    """Which generated document to keep in the library."""

    kind = forms.ChoiceField(
        label=_("dokument"),
        choices=[
            (k, TemplateKind(k).label)
            for k in (TemplateKind.COOPERATION_DESCRIPTION, TemplateKind.ANNUAL_REPORT)
        ],
    )
    fmt = forms.ChoiceField(label=_("formát"), choices=FORMAT_CHOICES)
    description = forms.ModelChoiceField(label=_("popis spolupráce"), queryset=None, required=False)
    year = forms.IntegerField(label=_("rok"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["description"].queryset = unit.descriptions.all()

    def clean(self):
        data = super().clean()
        if data.get("kind") == TemplateKind.COOPERATION_DESCRIPTION and not data.get("description"):
            self.add_error("description", _("Vyberte popis spolupráce."))
        if data.get("kind") == TemplateKind.ANNUAL_REPORT:
            if not data.get("year"):
                self.add_error("year", _("Zadejte rok, za který se zpráva podává."))
            elif generators.description_for_year(self.unit, data["year"]) is None:
                self.add_error(
                    "year", _("Územní celek nemá popis spolupráce, ke kterému by se zpráva vztahovala.")
                )
        return data
