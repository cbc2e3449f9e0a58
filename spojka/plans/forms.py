from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import ThematicArea
from spojka.lib.forms import SpojkaModelForm
from spojka.lib.locking import LockedFormMixin
from spojka.lib.uploads import XLSX, check_upload
from spojka.plans.models import (
    Goal,
    ImplementationStatus,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    PlanAction,
    PlanKind,
    PriorityArea,
)

YEAR_MIN, YEAR_MAX = 1990, 2100


def _check_year(form: forms.BaseForm, field: str) -> None:
    year = form.cleaned_data.get(field)
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        form.add_error(field, _("Rok musí být mezi %(a)s a %(b)s.") % {"a": YEAR_MIN, "b": YEAR_MAX})


class PlanForm(SpojkaModelForm):
    strategic_text = forms.CharField(
        label=_("Navazující strategické dokumenty"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Každý dokument na samostatný řádek, období za svislou čárou: Název | 2016–2020."),
    )

    class Meta:
        model = InclusionPlan
        fields = [
            "kind",
            "title",
            "year_from",
            "year_to",
            "status",
            "resolution_number",
            "resolution_date",
            "target_group",
            "main_goal",
            "is_example",
        ]
        widgets = {
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "main_goal": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["strategic_text"].initial = "\n".join(
                f"{d.title} | {d.period}" if d.period else d.title
                for d in self.instance.strategic_documents.all()
            )

    def clean(self):
        data = super().clean()
        _check_year(self, "year_from")
        _check_year(self, "year_to")
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("Období plánu nemůže skončit dříve, než začne."))
        if data.get("status") in ("approved", "valid") and not data.get("resolution_number"):
            self.add_error("resolution_number", _("Schválený plán musí mít číslo schvalujícího usnesení."))
        if data.get("resolution_number") and not data.get("resolution_date"):
            self.add_error("resolution_date", _("K číslu usnesení uveďte datum schválení."))
        return data

    def strategic_lines(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data.get("strategic_text", "").splitlines():
            title, _sep, period = line.partition("|")
            if title.strip():
                rows.append((title.strip(), period.strip()))
        return rows


class _CodeForm(LockedFormMixin, SpojkaModelForm):
    """Codes are unique per level within a plan, so the XLSX file can refer to parents by code."""

    def __init__(self, *args, siblings, **kwargs):
        super().__init__(*args, **kwargs)
        self.siblings = siblings

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if self.siblings.filter(code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Kód %(code)s už v tomto plánu je.") % {"code": code})
        return code


class AreaForm(_CodeForm):
    class Meta:
        model = PriorityArea
        fields = ["code", "name", "description", "thematic_area", "order", "is_example"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["thematic_area"]
        field.queryset = ThematicArea.objects.filter(unit=unit).select_related("description")
        # The same area name recurs in every version of the cooperation description.
        field.label_from_instance = lambda area: (
            _("%(name)s (popis spolupráce, verze %(version)s)")
            % {
                "name": area.name,
                "version": area.description.version,
            }
        )


class GoalForm(_CodeForm):
    class Meta:
        model = Goal
        fields = ["code", "name", "description", "order", "is_example"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


IMPLEMENTATION_FIELDS = [
    "code",
    "name",
    "description",
    "responsible",
    "partners",
    "due_date",
    "due_season",
    "due_year",
    "budget",
    "funding_source",
    "intervention_type",
    "status",
    "order",
    "is_example",
]


class _ImplementationForm(_CodeForm):
    def clean(self):
        data = super().clean()
        _check_year(self, "due_year")
        if data.get("due_season") and not data.get("due_year"):
            self.add_error("due_year", _("K ročnímu období uveďte rok."))
        if data.get("due_date") and data.get("due_season"):
            self.add_error(
                "due_season", _("Uveďte termín buď datem, nebo ročním obdobím a rokem, ne obojím.")
            )
        budget = data.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", _("Rozpočet nemůže být záporný."))
        return data


class MeasureForm(_ImplementationForm):
    class Meta:
        model = Measure
        fields = IMPLEMENTATION_FIELDS
        localized_fields = ["budget"]  # "1 234 567,50" as people write it
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }


class ActionForm(_ImplementationForm):
    class Meta:
        model = PlanAction
        fields = IMPLEMENTATION_FIELDS
        localized_fields = ["budget"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }


class IndicatorForm(_CodeForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "kind",
            "unit_of_measure",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "order",
            "is_example",
        ]
        localized_fields = ["baseline_value", "target_value"]

    def clean(self):
        data = super().clean()
        _check_year(self, "baseline_year")
        _check_year(self, "target_year")
        start, end = data.get("baseline_year"), data.get("target_year")
        if start and end and end < start:
            self.add_error("target_year", _("Rok cílové hodnoty nemůže předcházet roku výchozí hodnoty."))
        return data


class IndicatorValueForm(SpojkaModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["year", "value", "source", "note"]
        localized_fields = ["value"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean(self):
        data = super().clean()
        _check_year(self, "year")
        year = data.get("year")
        if year is not None and year < self.indicator.baseline_year:
            self.add_error(
                "year",
                _("Naměřená hodnota nemůže předcházet roku výchozí hodnoty (%(year)s).")
                % {"year": self.indicator.baseline_year},
            )
        return data


class MonitoringStartForm(forms.Form):
    year = forms.IntegerField(label=_("Rok monitorování"), min_value=YEAR_MIN, max_value=YEAR_MAX)

    def __init__(self, *args, plan: InclusionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not self.plan.year_from <= year <= self.plan.year_to:
            raise forms.ValidationError(
                _("Rok musí spadat do období plánu (%(period)s).") % {"period": self.plan.period}
            )
        if self.plan.monitoring_rounds.filter(year=year).exists():
            raise forms.ValidationError(_("Monitorování za rok %(year)s už existuje.") % {"year": year})
        return year


class MonitoringForm(forms.Form):
    """One form for a whole year's monitoring: per measure a status and comment, per indicator a value
    (the measures' indicators and the goals' result indicators).

    Field names carry the object's id (``status_12``, ``value_34``); the view reads them back
    through ``measure_rows``/``indicator_fields`` so nothing posted outside the plan is saved.
    """

    note = forms.CharField(
        label=_("Souhrnný komentář"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args, measures: list[Measure], goals: list[Goal], reports: dict, values: dict, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.measures = measures
        self.goals = goals
        for goal in goals:
            for indicator in goal.indicators.all():
                self._value_fields(indicator, values.get(indicator.pk))
        for measure in measures:
            report = reports.get(measure.pk)
            self.fields[f"status_{measure.pk}"] = forms.ChoiceField(
                label=_("Stav plnění opatření %(code)s") % {"code": measure.code},
                choices=ImplementationStatus.choices,
                initial=report.status if report else measure.status,
            )
            self.fields[f"comment_{measure.pk}"] = forms.CharField(
                label=_("Komentář k opatření %(code)s") % {"code": measure.code},
                required=False,
                initial=report.comment if report else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for indicator in measure.indicators.all():
                self._value_fields(indicator, values.get(indicator.pk))

    def _value_fields(self, indicator: Indicator, value: IndicatorValue | None) -> None:
        self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
            label=_("Hodnota indikátoru %(code)s (%(unit)s)")
            % {"code": indicator.code, "unit": indicator.unit_of_measure},
            required=False,
            max_digits=14,
            decimal_places=2,
            localize=True,  # accepts the Czech decimal comma: 12,5
            initial=value.value if value else None,
        )
        self.fields[f"source_{indicator.pk}"] = forms.CharField(
            label=_("Zdroj hodnoty indikátoru %(code)s") % {"code": indicator.code},
            required=False,
            max_length=300,
            initial=value.source if value else "",
        )

    def _indicator_fields(self, owner) -> list:
        return [(i, self[f"value_{i.pk}"], self[f"source_{i.pk}"]) for i in owner.indicators.all()]

    def goal_rows(self) -> list[dict]:
        return [{"goal": goal, "indicators": self._indicator_fields(goal)} for goal in self.goals]

    def rows(self) -> list[dict]:
        """Bound fields grouped per measure for the template."""
        rows = []
        for measure in self.measures:
            rows.append(
                {
                    "measure": measure,
                    "status": self[f"status_{measure.pk}"],
                    "comment": self[f"comment_{measure.pk}"],
                    "indicators": self._indicator_fields(measure),
                }
            )
        return rows

    def entries(self) -> tuple[dict[int, tuple[str, str]], dict[int, tuple[object, str]]]:
        """(measure id → (status, comment), indicator id → (value or None, source))."""
        reports = {}
        values = {}
        for measure in self.measures:
            reports[measure.pk] = (
                self.cleaned_data[f"status_{measure.pk}"],
                self.cleaned_data[f"comment_{measure.pk}"],
            )
        for owner in [*self.measures, *self.goals]:
            for indicator in owner.indicators.all():
                values[indicator.pk] = (
                    self.cleaned_data[f"value_{indicator.pk}"],
                    self.cleaned_data[f"source_{indicator.pk}"],
                )
        return reports, values


class StartFromForm(forms.Form):
    """Start a new plan from the selected areas, goals and measures of an old one."""

    kind = forms.ChoiceField(label=_("Druh nového plánu"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Název nového plánu"), max_length=300)
    year_from = forms.IntegerField(label=_("Období od roku"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    year_to = forms.IntegerField(label=_("Období do roku"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    areas = forms.MultipleChoiceField(label=_("Oblasti"), required=False, widget=forms.CheckboxSelectMultiple)
    goals = forms.MultipleChoiceField(label=_("Cíle"), required=False, widget=forms.CheckboxSelectMultiple)
    measures = forms.MultipleChoiceField(
        label=_("Opatření"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plan: InclusionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        areas = list(plan.areas.all())
        goals = [g for a in areas for g in a.goals.all()]
        measures = [m for g in goals for m in g.measures.all()]
        self.fields["areas"].choices = [(str(a.pk), str(a)) for a in areas]
        self.fields["goals"].choices = [(str(g.pk), str(g)) for g in goals]
        self.fields["measures"].choices = [(str(m.pk), str(m)) for m in measures]

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and end < start:
            self.add_error("year_to", _("Období plánu nemůže skončit dříve, než začne."))
        if not (data.get("areas") or data.get("goals") or data.get("measures")):
            self.add_error(None, _("Vyberte alespoň jednu oblast, cíl nebo opatření, které se mají převzít."))
        return data

    def selected(self, name: str) -> set[int]:
        return {int(pk) for pk in self.cleaned_data.get(name, [])}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Soubor XLSX s plánem"), help_text=_("Ve stejném formátu, jaký vytváří export plánu.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, allowed={XLSX})
        return upload
