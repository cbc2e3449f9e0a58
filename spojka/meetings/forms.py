from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.documents.forms import LIBRARY_TYPES, LIBRARY_TYPES_HELP
from spojka.lib.forms import ModelMultipleChoiceField, SpojkaModelForm, formfield
from spojka.lib.locking import LockedFormMixin
from spojka.lib.uploads import JPEG, PDF, PNG, check_upload
from spojka.meetings.models import (
    Decision,
    DecisionMethod,
    Meeting,
    MeetingKind,
    MeetingState,
    Task,
    TaskState,
    attendance_choices,
)

# A scanned attendance sheet of a few pages; larger files are usually a wrong scanner setting.
SCAN_MAX_BYTES = 10 * 1024 * 1024


class PersonChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        org = getattr(obj, "organisation", None)
        return f"{obj.full_name} ({org.name})" if org else obj.full_name


def _https_links(field, **kwargs):
    # A link typed without a scheme is taken as https (Django 6's default, asked for explicitly).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return formfield(field, **kwargs)  # and Spojka's date range and bounded ids


class MeetingForm(LockedFormMixin, SpojkaModelForm):
    invitees = PersonChoiceField(
        label=_("pozvané osoby"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Necháte-li bez výběru u nového jednání, pozvou se zástupci současných členů zvolených orgánů."
        ),
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "includes_lp",
            "working_groups",
            "starts_at",
            "ends_at",
            "place",
            "online_link",
        ]
        widgets = {"working_groups": forms.CheckboxSelectMultiple}
        formfield_callback = _https_links

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_groups"].queryset = unit.working_groups.order_by("name")
        self.fields["invitees"].queryset = unit.people.select_related("organisation").order_by(
            "last_name", "first_name"
        )
        if self.instance.pk:
            self.fields["invitees"].initial = [i.person_id for i in self.instance.invitations.all()]
            self.fields["invitees"].help_text = ""
        self.fields["includes_lp"].help_text = _(
            "Jednání je zasedáním lokálního partnerství. U druhu „jednání LP (plénum)“ platí vždy."
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Jednání musí skončit až po svém začátku."))
        kind = data.get("kind")
        if kind == MeetingKind.LP_PLENARY:
            # The kind says it: a plenary session is a session of the LP, no second tick needed.
            data["includes_lp"] = True
        if (
            kind == MeetingKind.WORKING_GROUP
            and not data.get("working_groups")
            and not data.get("includes_lp")
        ):
            self.add_error("working_groups", _("Vyberte alespoň jednu pracovní skupinu."))
        return data

    def invitee_list(self) -> list | None:
        """The chosen people; None for a new meeting without a choice (use the default)."""
        chosen = list(self.cleaned_data.get("invitees") or [])
        if not chosen and not self.instance.pk:
            return None
        return chosen


class AgendaItemForm(forms.Form):
    """One point of the programme, added or edited in place by the agenda editor."""

    title = forms.CharField(
        label=_("bod programu"),
        max_length=300,
        error_messages={"required": _("Bod programu musí mít název.")},
    )
    summary = forms.CharField(label=_("popis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttendanceForm(forms.Form):
    """One select per invited person; guests are lines "Name | Organisation"."""

    guests = forms.CharField(
        label=_("hosté"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Každého hosta na samostatný řádek, organizaci za svislou čárou: Jana Nová | Charita Jihlava."
        ),
    )

    def __init__(self, *args, invitations, guests, preset: str = "", guest_text: str | None = None, **kwargs):
        """``preset`` (a shortcut) offers that attendance for everyone; ``guest_text`` keeps what was typed."""
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            self.fields[f"a{invitation.pk}"] = forms.ChoiceField(
                label=invitation.person.full_name,
                choices=[
                    ("", _("– nezaznamenáno –")),
                    *attendance_choices(invitation.person.grammatical_gender),
                ],
                required=False,
                initial=preset or invitation.attendance,
            )
        self.fields["guests"].initial = (
            guest_text
            if guest_text is not None
            else "\n".join(f"{g.name} | {g.organisation}" if g.organisation else g.name for g in guests)
        )
        # Guests last, after the invited people.
        self.order_fields([*(f"a{i.pk}" for i in invitations), "guests"])

    def attendance(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"a{i.pk}", "") for i in self.invitations}

    def guest_lines(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data.get("guests", "").splitlines():
            name, _sep, org = line.partition("|")
            if name.strip():
                rows.append((name.strip(), org.strip()))
        return rows


class MinutesForm(LockedFormMixin, forms.Form):
    minutes_note = forms.CharField(
        label=_("záznam z jednání (obecná část)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Úvod, závěr a vše, co nepatří k jednomu bodu programu."),
    )

    def __init__(self, *args, meeting: Meeting, items, **kwargs):
        super().__init__(*args, locked=meeting, **kwargs)
        self.items = items
        self.fields["minutes_note"].initial = meeting.minutes_note
        for n, item in enumerate(items, start=1):
            self.fields[f"item{item.pk}"] = forms.CharField(
                label=_("%(n)s. %(title)s") % {"n": n, "title": item.title},
                required=False,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def clean(self):
        data = super().clean()
        if not data.get("minutes_note", "").strip() and not any(
            data.get(f"item{i.pk}", "").strip() for i in self.items
        ):
            self.add_error("minutes_note", _("Záznam je prázdný; shrňte alespoň jeden bod programu."))
        return data

    def item_minutes(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"item{i.pk}", "") for i in self.items}


class DecisionForm(SpojkaModelForm):
    class Meta:
        model = Decision
        fields = ["agenda_item", "text", "method", "votes_for", "votes_against", "votes_abstained"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()

    def clean(self):
        data = super().clean()
        if data.get("method") == DecisionMethod.VOTE:
            for field in ("votes_for", "votes_against", "votes_abstained"):
                if data.get(field) is None:
                    self.add_error(field, _("Při hlasování uveďte počet hlasů (i nulu)."))
        return data


class TaskForm(SpojkaModelForm):
    class Meta:
        model = Task
        fields = ["title", "assignee", "due_on"]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = unit.people.order_by("last_name", "first_name")
        self.fields["assignee"].label_from_instance = lambda p: p.full_name


class GuestInviteForm(forms.Form):
    """A guest invited by e-mail: a user of Spojka (the unit's ASZ consultant) or anyone by address."""

    user = forms.ModelChoiceField(
        label=_("uživatel Spojky"),
        queryset=None,
        required=False,
        empty_label=_("– host mimo Spojku –"),
        help_text=_("Např. konzultant/ka ASZ; jméno a e-mail se převezmou z účtu."),
    )
    name = forms.CharField(label=_("jméno a příjmení"), max_length=200, required=False)
    organisation = forms.CharField(label=_("organizace"), max_length=300, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from spojka.accounts.models import User

        self.fields["user"].queryset = (
            User.objects.filter(Q(memberships__unit=unit) | Q(is_agency_admin=True), is_active=True)
            .exclude(email="")
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} <{u.email}>"

    def clean(self):
        data = super().clean()
        user = data.get("user")
        if user:
            data["name"] = data.get("name") or user.get_full_name() or user.username
            data["email"] = user.email
        else:
            if not data.get("name"):
                self.add_error("name", _("Vyplňte jméno hosta, nebo vyberte uživatele Spojky."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Vyplňte e-mail, na který pozvánka odejde."))
        return data


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("hledat"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("stav"),
        required=False,
        choices=[("", _("všechny")), *TaskState.choices, ("overdue", _("po termínu"))],
    )
    assignee = forms.ModelChoiceField(
        label=_("odpovídá"), queryset=None, required=False, empty_label=_("kdokoli")
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = unit.people.order_by("last_name", "first_name")
        self.fields["assignee"].label_from_instance = lambda p: p.full_name


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label=_("hledat"), required=False, max_length=200)
    year = forms.IntegerField(label=_("rok"), required=False, min_value=2000, max_value=2100)
    state = forms.ChoiceField(
        label=_("stav"), required=False, choices=[("", _("všechny")), *MeetingState.choices]
    )


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("nový stav"), choices=MeetingState.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("důvod zrušení"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self["target"].value() != MeetingState.CANCELLED:
            del self.fields["reason"]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("důvod znovuotevření"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Uloží se do historie změn jednání, s tím, kdo a kdy jednání otevřel."),
    )


class MaterialForm(forms.Form):
    """A background material of a meeting: stored in the unit's library, checked like every upload there."""

    title = forms.CharField(label=_("název podkladu"), max_length=300)
    file = forms.FileField(label=_("soubor"), help_text=LIBRARY_TYPES_HELP)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = check_upload(upload, allowed=LIBRARY_TYPES)
        return upload


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("podepsaná prezenční listina (PDF, PNG nebo JPEG)"),
        help_text=_("Nejvýše 10 MB."),
    )

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        self.content_type = check_upload(upload, allowed={PDF, PNG, JPEG}, max_bytes=SCAN_MAX_BYTES)
        return upload
