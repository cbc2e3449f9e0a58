from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TerritorialUnit, ThematicArea
from spojka.lib.czech import hours as hours_text
from spojka.lib.forms import SpojkaModelForm
from spojka.lib.uploads import DOCX, PDF, PPTX, XLSX, check_upload
from spojka.training import services
from spojka.training.models import Delivery, Participation, ProviderKind, TrainingEvent, TrainingMaterial

MATERIAL_TYPES = {PDF, PPTX, DOCX}


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ThematicArea) -> str:
        return _("%(name)s (popis spolupráce, verze %(v)s)") % {
            "name": obj.name,
            "v": obj.description.version,
        }


class TrainingEventForm(SpojkaModelForm):
    class Meta:
        model = TrainingEvent
        fields = [
            "title",
            "kind",
            "delivery",
            "starts_on",
            "ends_on",
            "in_person_hours",
            "distance_hours",
            "thematic_area",
            "thematic_area_text",
            "provider_kind",
            "provider_name",
            "lecturer",
            "place",
            "note",
        ]
        field_classes = {"thematic_area": AreaChoiceField}
        # Czech users type hours with a decimal comma: 1,5.
        localized_fields = ["in_person_hours", "distance_hours"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "in_person_hours": _("U distanční akce 0."),
            "distance_hours": _("U prezenční akce 0; u hybridní akce její distanční část."),
        }

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        # Thematic areas have no reverse accessor on the unit; the filter keeps them in the tenant.
        self.fields["thematic_area"].queryset = (
            ThematicArea.objects.filter(unit=unit)
            .select_related("description")
            .order_by("-description__version", "order", "pk")
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Akce nemůže skončit dříve, než začne."))
        delivery = data.get("delivery")
        in_person, distance = data.get("in_person_hours"), data.get("distance_hours")
        if in_person is not None and in_person < 0:
            self.add_error("in_person_hours", _("Počet hodin nemůže být záporný."))
        elif distance is not None and distance < 0:
            self.add_error("distance_hours", _("Počet hodin nemůže být záporný."))
        elif in_person is not None and distance is not None and delivery:
            if delivery == Delivery.IN_PERSON:
                if distance > 0:
                    self.add_error("distance_hours", _("Prezenční akce nemá distanční hodiny."))
                elif in_person == 0:
                    self.add_error("in_person_hours", _("Uveďte, kolik hodin akce trvala."))
            elif delivery == Delivery.DISTANCE:
                if in_person > 0:
                    self.add_error("in_person_hours", _("Distanční akce nemá prezenční hodiny."))
                elif distance == 0:
                    self.add_error("distance_hours", _("Uveďte, kolik hodin akce trvala."))
            elif in_person == 0 or distance == 0:
                field = "in_person_hours" if in_person == 0 else "distance_hours"
                self.add_error(
                    field, _("Hybridní akce má prezenční i distanční část; uveďte hodiny obou částí.")
                )
        if data.get("provider_kind") == ProviderKind.OTHER and not data.get("provider_name", "").strip():
            self.add_error("provider_name", _("Uveďte název pořadatele."))
        if data.get("thematic_area") and data.get("thematic_area_text", "").strip():
            self.add_error("thematic_area_text", _("Vyberte oblast ze seznamu, nebo ji napište, ne obojí."))
        if (
            self.instance.pk
            and not self.has_error("in_person_hours")
            and not self.has_error("distance_hours")
        ):
            exceeding = services.hours_exceeding_event(
                event=self.instance,
                in_person_hours=in_person or Decimal(0),
                distance_hours=distance or Decimal(0),
            )
            for field, message in exceeding.items():
                self.add_error(field, message)
        return data


class ParticipationForm(SpojkaModelForm):
    """One participant. Left empty, the hours are the event's (full attendance).

    Distance hours over the cap of the cooperation description are not refused (they did happen)
    but need a confirmation: the form shows how many will not count and asks once more.
    """

    accept_over_cap = forms.BooleanField(
        label=_("Přesto uložit: vím, že se tyto distanční hodiny do závazku nezapočítají"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Participation
        fields = ["person", "in_person_hours", "distance_hours"]
        localized_fields = ["in_person_hours", "distance_hours"]

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["person"].queryset = event.unit.people.select_related("organisation").order_by(
            "last_name", "first_name", "pk"
        )
        self.fields["person"].label_from_instance = _person_label
        for name in ("in_person_hours", "distance_hours"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Prázdné pole = celá akce (%(h)s h).") % {
                "h": hours_text(getattr(event, name))
            }
        if not self.instance.pk:
            # The model's defaults are zero; a new participant attended the whole event by default.
            self.initial["in_person_hours"] = event.in_person_hours
            self.initial["distance_hours"] = event.distance_hours

    def clean(self):
        data = super().clean()
        person = data.get("person")
        if person is not None:
            duplicate = self.event.participations.filter(person=person).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("person", _("Tato osoba už je mezi účastníky akce."))
        if self.has_error("in_person_hours") or self.has_error("distance_hours"):
            return data
        for name in ("in_person_hours", "distance_hours"):
            if data.get(name) is None:
                data[name] = getattr(self.event, name)
        errors = services.participation_errors(
            event=self.event, in_person_hours=data["in_person_hours"], distance_hours=data["distance_hours"]
        )
        for field, message in errors.items():
            self.add_error(field, message)
        if not errors and person is not None and not data.get("accept_over_cap"):
            self._warn_over_cap(person, data["distance_hours"])
        return data

    def _warn_over_cap(self, person, distance_hours) -> None:
        warning = services.distance_cap_warning(
            event=self.event, person=person, distance_hours=distance_hours, participation=self.instance
        )
        if warning is None:
            return
        self.fields["accept_over_cap"].widget = forms.CheckboxInput()
        values = {"cap": hours_text(warning.cap), "n": hours_text(warning.not_counted)}
        if warning.per_person:
            message = _(
                "Tato osoba má distanční strop %(cap)s h vyčerpán: %(n)s h distančně se jí do závazku "
                "nezapočítá. Potvrďte, že účastníka přesto chcete uložit."
            )
        else:
            message = _(
                "Distanční strop %(cap)s h je vyčerpán: %(n)s h distančně se do závazku nezapočítá. "
                "Potvrďte, že účastníka přesto chcete uložit."
            )
        self.add_error("accept_over_cap", message % values)


class BulkParticipantsForm(forms.Form):
    """Several people at once, each credited with the whole event (partial attendance: edit after)."""

    people = forms.ModelMultipleChoiceField(
        label=_("Účastníci"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vyberte alespoň jednu osobu.")},
    )

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        # People already on the event are not offered: one person, one participation.
        self.fields["people"].queryset = (
            event.unit.people.select_related("organisation")
            .exclude(training_participations__event=event)
            .order_by("last_name", "first_name", "pk")
        )
        self.fields["people"].label_from_instance = _person_label


def _person_label(person) -> str:
    organisation = person.organisation.name if person.organisation_id else ""
    return f"{person.full_name} ({organisation})" if organisation else person.full_name


class MaterialForm(SpojkaModelForm):
    upload = forms.FileField(
        label=_("soubor"), help_text=_("Prezentace nebo studijní materiál: PDF, PPTX nebo DOCX.")
    )

    class Meta:
        model = TrainingMaterial
        fields = ["title"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        self.upload_content_type = check_upload(upload, allowed=MATERIAL_TYPES)
        return upload


class ParticipantImportForm(forms.Form):
    upload = forms.FileField(
        label=_("soubor XLSX"), help_text=_("Použijte šablonu nebo export účastníků; první řádek je záhlaví.")
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        check_upload(upload, allowed={XLSX})
        return upload
