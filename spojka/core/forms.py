"""Forms of the layout pages: the unit history's filters and the search."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from spojka.lib.audit import ACTION_LABELS, audited_models
from spojka.lib.forms import DateInput


class HistoryFilterForm(forms.Form):
    """Who, what and when for the unit's history; sent with GET, every field optional."""

    kdo = forms.ModelChoiceField(
        label=_("Kdo"), queryset=get_user_model().objects.none(), required=False, empty_label=_("kdokoli")
    )
    co = forms.ChoiceField(label=_("Co"), required=False)
    akce = forms.TypedChoiceField(label=_("Změna"), required=False, coerce=int, empty_value=None)
    od = forms.DateField(label=_("Od"), required=False, widget=DateInput())
    do = forms.DateField(label=_("Do"), required=False, widget=DateInput())

    def __init__(self, *args, unit_entries, **kwargs):
        super().__init__(*args, **kwargs)
        actors = unit_entries.order_by().values("actor_id")
        self.fields["kdo"].queryset = (
            get_user_model().objects.filter(pk__in=actors).order_by("last_name", "first_name", "username")
        )
        # Kinds are named "app.model", not by content-type id: no query, and a link stays valid.
        self.fields["co"].choices = [("", _("cokoli"))] + [
            (model._meta.label_lower, str(model._meta.verbose_name_plural).capitalize())
            for model in audited_models()
        ]
        self.fields["akce"].choices = [("", _("jakákoli"))] + [
            (action, label) for action, label in ACTION_LABELS.items() if action != LogEntry.Action.ACCESS
        ]

    def clean(self):
        data = super().clean()
        if data.get("od") and data.get("do") and data["od"] > data["do"]:
            self.add_error("do", _("Konec období je před jeho začátkem."))
        return data

    def filter(self, entries):
        """``entries`` narrowed to what the valid fields ask for (an invalid form narrows nothing)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("kdo"):
            entries = entries.filter(actor=data["kdo"])
        if data.get("co"):
            app_label, model_name = data["co"].split(".")
            entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
        if data.get("akce") is not None:
            entries = entries.filter(action=data["akce"])
        if data.get("od"):
            entries = entries.filter(timestamp__date__gte=data["od"])
        if data.get("do"):
            entries = entries.filter(timestamp__date__lte=data["do"])
        return entries
