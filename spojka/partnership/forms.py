from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import Membership, User
from spojka.cooperation.models import TerritorialUnit
from spojka.lib.forms import DateField as PlausibleDateField
from spojka.lib.forms import DateInput, SpojkaModelForm
from spojka.lib.locking import LockedFormMixin
from spojka.lib.uploads import DOCX, PDF, check_upload
from spojka.partnership.models import (
    LocalPartnership,
    Organisation,
    PartnershipMember,
    Person,
    Statute,
    WorkingGroup,
)

# A statute is a few pages of text; anything much larger is a wrong file.
STATUTE_MAX_BYTES = 10 * 1024 * 1024


class OrganisationForm(LockedFormMixin, SpojkaModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "ico", "category"]
        help_texts = {"ico": _("Nepovinné; 8 číslic.")}

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit

    def clean_ico(self) -> str:
        ico = self.cleaned_data["ico"].strip()
        if ico:
            # Each unit keeps its own records; within one unit, one organisation is one record.
            existing = self.unit.organisations.filter(ico=ico).exclude(pk=self.instance.pk).first()
            if existing is not None:
                raise forms.ValidationError(
                    _(
                        "Organizace s tímto IČO už je mezi organizacemi územního celku (%(name)s); "
                        "vyberte ji při zápisu osoby nebo člena partnerství."
                    )
                    % {"name": existing.name}
                )
        return ico


class PersonForm(LockedFormMixin, SpojkaModelForm):
    class Meta:
        model = Person
        fields = [
            "title_before",
            "first_name",
            "last_name",
            "title_after",
            "grammatical_gender",
            "organisation",
            "function",
            "email",
            "phone",
            "user",
        ]
        error_messages = {
            "email": {"invalid": _("Zadejte platnou e-mailovou adresu, např. jana.novakova@example.cz.")}
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = unit.organisations.all()
        # Only accounts with access to this unit today can be linked.
        self.fields["user"].queryset = User.objects.filter(
            memberships__in=Membership.objects.active().filter(unit=unit)
        ).order_by("last_name", "first_name", "username")


class LocalPartnershipForm(SpojkaModelForm):
    class Meta:
        model = LocalPartnership
        fields = ["established_by", "established_on", "mission"]
        widgets = {"mission": forms.Textarea(attrs={"rows": 5})}


class WorkingGroupForm(SpojkaModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "kind", "leader"]

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["leader"].queryset = unit.people.select_related("organisation")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if self.unit.working_groups.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Pracovní skupina s tímto názvem už existuje."))
        return name


class MemberForm(SpojkaModelForm):
    class Meta:
        model = PartnershipMember
        fields = [
            "organisation",
            "representative",
            "deputy",
            "role",
            "working_group",
            "valid_from",
            "valid_to",
        ]

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        # Organisations, people and groups: only this unit's own.
        self.fields["organisation"].queryset = unit.organisations.all()
        people = unit.people.all()
        self.fields["representative"].queryset = people
        self.fields["deputy"].queryset = people
        self.fields["working_group"].queryset = unit.working_groups.all()
        self.fields["working_group"].empty_label = _("plénum lokálního partnerství")

    def clean(self):
        data = super().clean()
        representative, deputy = data.get("representative"), data.get("deputy")
        if representative and deputy and representative == deputy:
            self.add_error("deputy", _("Náhradník musí být jiná osoba než zástupce."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Členství nemůže skončit dříve, než začne."))
        return data


class MemberEndForm(forms.Form):
    valid_to = PlausibleDateField(label=_("členem do"), widget=DateInput())

    def __init__(self, *args, member: PartnershipMember, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_valid_to(self):
        value = self.cleaned_data["valid_to"]
        if value < self.member.valid_from:
            raise forms.ValidationError(_("Členství nemůže skončit dříve, než začne."))
        return value


class StatuteForm(SpojkaModelForm):
    class Meta:
        model = Statute
        fields = ["version", "title", "effective_from", "file", "quorum_rule", "quorum_share"]
        widgets = {"quorum_rule": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"file": _("PDF nebo DOCX, nejvýše 10 MB.")}

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.content_type = ""

    def clean_version(self) -> int:
        version = self.cleaned_data["version"]
        if self.unit.statutes.filter(version=version).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Verze s tímto číslem už existuje."))
        return version

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.content_type = check_upload(upload, allowed={PDF, DOCX}, max_bytes=STATUTE_MAX_BYTES)
        return upload
