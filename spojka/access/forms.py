from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import Membership, Role, User
from spojka.cooperation.models import TerritorialUnit
from spojka.lib.forms import DateInput

EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


def _plausible(value: date | None) -> date | None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise forms.ValidationError(_("Zadejte datum mezi roky 1990 a 2100."))
    return value


def _role_choices(roles) -> list[tuple[str, str]]:
    return [(r.value, r.label) for r in roles]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail pozvaného"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(roles)


class MembershipForm(forms.Form):
    """Change a membership: its role and when it ends."""

    role = forms.ChoiceField(label=_("Role"))
    valid_from = forms.DateField(label=_("Přístup od"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Přístup končí dne"),
        required=False,
        widget=DateInput(),
        help_text=_("Od tohoto dne uživatel územní celek nevidí. Prázdné: bez omezení."),
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(roles)

    def clean_valid_from(self):
        return _plausible(self.cleaned_data["valid_from"])

    def clean_ends_on(self):
        return _plausible(self.cleaned_data.get("ends_on"))

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", _("Konec přístupu musí být až po jeho začátku."))
        return data


class EndMembershipForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Přístup končí dne"),
        widget=DateInput(),
        help_text=_("Dnešní datum ukončí přístup okamžitě."),
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        kwargs.setdefault("initial", {"ends_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_ends_on(self):
        value = _plausible(self.cleaned_data["ends_on"])
        if value < self.membership.valid_from:
            raise forms.ValidationError(_("Přístup nemůže skončit dřív, než začal."))
        return value


class AssignmentForm(MembershipForm):
    """The agency admin gives an existing account access to a unit (e.g. assigns a consultant)."""

    unit = forms.ModelChoiceField(label=_("Územní celek"), queryset=TerritorialUnit.objects.order_by("name"))
    field_order = ["unit", "role", "valid_from", "ends_on"]


class AcceptInvitationForm(UserCreationForm):
    """A new account from an invitation: the invitee chooses a user name and a password."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("first_name", "last_name", "username")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Jméno, uživatelské jméno nebo e-mail"), required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label=_("Územní celek"),
        queryset=TerritorialUnit.objects.order_by("name"),
        required=False,
        empty_label=_("všechny"),
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("všechny")), *Role.choices])
    active = forms.ChoiceField(
        label=_("Účet"),
        required=False,
        choices=[("", _("všechny")), ("1", _("aktivní")), ("0", _("deaktivované"))],
    )
