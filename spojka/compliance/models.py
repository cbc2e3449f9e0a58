"""The schedule (harmonogram) of a cooperation description as data, and what evidences it.

An ``Activity`` is one row of the schedule table; each has zero or more checkable ``Rule`` rows
("Minimálně 4x ročně", "1x ročně zpráva o plnění", "Podzim 2021"; none for "Dle nabídky ASZ").
Meetings and documents are matched to rules automatically (see ``services``); an ``EvidenceLink``
is a person's correction of that matching for one rule: include this, exclude that.

"""

from __future__ import annotations

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TenantOwned
from spojka.documents.models import DocumentType
from spojka.lib.audit import register_audited
from spojka.lib.seasons import Season, season_due_date
from spojka.meetings.models import MeetingKind


def label_of(choices: type[models.TextChoices], code: str) -> str:
    """The label of a stored code; a code no longer offered is shown as stored."""
    return str(choices(code).label) if code in choices.values else code


class Activity(TenantOwned):
    """Činnost: one row of the schedule table of a cooperation description."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="schedule_activities"
    )
    description = models.ForeignKey(
        "cooperation.CooperationDescription",
        verbose_name=_("popis spolupráce"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    name = models.CharField(_("činnost"), max_length=300)
    specification = models.TextField(_("specifikace činnosti"), blank=True)
    # DocumentType codes of the required outputs, in the order written.
    outputs = models.JSONField(_("výstupy"), default=list, blank=True)
    outputs_note = models.TextField(
        _("výstupy, jak jsou zapsány"),
        blank=True,
        help_text=_("Např. „Zpráva o plnění PSZ zastupitelstvu obce“."),
    )
    agency_responsibility = models.TextField(_("odpovědnost ASZ"), blank=True)
    municipality_responsibility = models.TextField(_("odpovědnost územního celku"), blank=True)
    deadline_text = models.CharField(
        _("termín dokončení"), max_length=300, blank=True, help_text=_("Jak je zapsán, např. „Podzim 2021“.")
    )

    class Meta:
        verbose_name = _("činnost harmonogramu")
        verbose_name_plural = _("činnosti harmonogramu")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("compliance:activity_edit", kwargs={"unit": self.unit.slug, "pk": self.pk})

    @property
    def output_labels(self) -> list[str]:
        return [label_of(DocumentType, code) for code in self.outputs]


class RuleKind(models.TextChoices):
    FREQUENCY = "frequency", _("četnost jednání")
    PERIODIC_OUTPUT = "periodic_output", _("pravidelný výstup")
    DEADLINE = "deadline", _("termín")
    NONE = "none", _("bez pravidla")


class Rule(TenantOwned):
    """A checkable reading of an activity's deadline cell."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="schedule_rules"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("činnost"), on_delete=models.CASCADE, related_name="rules"
    )
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    kind = models.CharField(_("druh pravidla"), max_length=20, choices=RuleKind.choices)
    text = models.CharField(
        _("pravidlo, jak je zapsáno"),
        max_length=300,
        help_text=_("Např. „Minimálně 4x ročně (vč. pracovních skupin)“."),
    )
    # frequency and periodic_output
    per_year = models.PositiveSmallIntegerField(_("kolikrát ročně"), null=True, blank=True)
    # frequency: which meetings count
    meeting_kinds = models.JSONField(_("druhy jednání"), default=list, blank=True)
    counts_working_groups = models.BooleanField(_("počítají se i jednání pracovních skupin"), default=False)
    # periodic_output and deadline: which document evidences it
    document_type = models.CharField(
        _("druh dokumentu"), max_length=20, choices=DocumentType.choices, blank=True
    )
    requires_resolution = models.BooleanField(
        _("vyžaduje usnesení orgánu obce"),
        default=False,
        help_text=_("Dokument se počítá až ke dni usnesení, kterým ho orgán obce projednal."),
    )
    # deadline: a date, or a season and year kept as written
    due_on = models.DateField(_("termín (datum)"), null=True, blank=True)
    season = models.CharField(_("roční období"), max_length=10, choices=Season.choices, blank=True)
    season_year = models.PositiveSmallIntegerField(_("rok"), null=True, blank=True)

    class Meta:
        verbose_name = _("pravidlo harmonogramu")
        verbose_name_plural = _("pravidla harmonogramu")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("compliance:rule_detail", kwargs={"unit": self.unit.slug, "pk": self.pk})

    @property
    def due_date(self) -> date | None:
        """The due date of a deadline rule; a season falls due at the end of the season."""
        if self.due_on:
            return self.due_on
        if self.season and self.season_year:
            return season_due_date(self.season, self.season_year)
        return None

    @property
    def meeting_kind_labels(self) -> list[str]:
        return [label_of(MeetingKind, code) for code in self.meeting_kinds or []]

    @property
    def counts_meetings(self) -> bool:
        return self.kind == RuleKind.FREQUENCY

    @property
    def counts_documents(self) -> bool:
        return self.kind in (RuleKind.PERIODIC_OUTPUT, RuleKind.DEADLINE)


class EvidenceLink(TenantOwned):
    """A person's correction of the automatic matching for one rule: include or exclude one item.

    The item is exactly one of a meeting, a document or a training event (a check constraint says
    so). Real foreign keys: deleting the item deletes the correction with it (audited), so no link
    ever points nowhere.
    """

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="evidence_links"
    )
    rule = models.ForeignKey(Rule, verbose_name=_("pravidlo"), on_delete=models.CASCADE, related_name="links")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("jednání"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_links",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_links",
    )
    training = models.ForeignKey(
        "training.TrainingEvent",
        verbose_name=_("vzdělávací akce"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_links",
    )
    included = models.BooleanField(
        _("započítat"), default=True, help_text=_("Ne = vyřadit z automaticky přiřazených dokladů.")
    )
    note = models.CharField(_("poznámka"), max_length=300, blank=True)

    # The item fields, in the order the evidence kinds are named ("meeting", "document", "training").
    ITEM_FIELDS = ("meeting", "document", "training")

    class Meta:
        verbose_name = _("doklad k pravidlu")
        verbose_name_plural = _("doklady k pravidlům")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(meeting__isnull=False, document__isnull=True, training__isnull=True)
                    | models.Q(meeting__isnull=True, document__isnull=False, training__isnull=True)
                    | models.Q(meeting__isnull=True, document__isnull=True, training__isnull=False)
                ),
                name="evidence_link_exactly_one_item",
            ),
            models.UniqueConstraint(
                fields=["rule", "meeting"],
                condition=models.Q(meeting__isnull=False),
                name="one_link_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["rule", "document"],
                condition=models.Q(document__isnull=False),
                name="one_link_per_document",
            ),
            models.UniqueConstraint(
                fields=["rule", "training"],
                condition=models.Q(training__isnull=False),
                name="one_link_per_training",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.item}"

    @property
    def item_kind(self) -> str:
        """Which item field is set: "meeting", "document" or "training"."""
        return next(name for name in self.ITEM_FIELDS if getattr(self, f"{name}_id") is not None)

    @property
    def item_id(self) -> int:
        return getattr(self, f"{self.item_kind}_id")

    @property
    def item(self):
        return getattr(self, self.item_kind)


class ReminderDigest(models.Model):
    """One reminder e-mail sent to one address on one day; makes ``send_reminders`` safe to rerun."""

    email = models.EmailField(_("e-mail"))
    sent_on = models.DateField(_("den"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    items = models.PositiveIntegerField(_("počet položek"), default=0)
    created_at = models.DateTimeField(_("odesláno"), auto_now_add=True)

    class Meta:
        verbose_name = _("odeslaný přehled upozornění")
        verbose_name_plural = _("odeslané přehledy upozornění")
        constraints = [models.UniqueConstraint(fields=["email", "sent_on"], name="one_digest_per_day")]

    def __str__(self) -> str:
        return f"{self.email} {self.sent_on}"


register_audited(Activity, Rule, EvidenceLink)


def new_version() -> int:
    """A fresh random token: unlike a counter, it cannot repeat after a rollback or a restore."""
    return secrets.randbits(62)


class UnitStatus(models.Model):
    """A unit's schedule status, precomputed (see ``compliance/stored.py``).

    ``version`` grows inside the transaction of every change that can move a status; a summary is
    fresh when it was computed at the current ``version`` for today. Only ``stored.py`` writes here,
    and always with ``update()`` / ``bulk_update()`` on named fields, so no form can write an old
    version back.
    """

    unit = models.OneToOneField(
        "cooperation.TerritorialUnit",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="status_summary",
    )
    version = models.BigIntegerField(default=new_version)
    computed_version = models.BigIntegerField(null=True)
    computed_for = models.DateField(null=True)
    description_id = models.PositiveIntegerField(null=True)
    valid_to = models.DateField(null=True)
    worst = models.CharField(max_length=20, blank=True)
    severity = models.SmallIntegerField(default=0)
    failing = models.PositiveIntegerField(default=0)
    lights = models.JSONField(default=list)

    class Meta:
        verbose_name = _("předpočítaný stav plnění")
        verbose_name_plural = _("předpočítané stavy plnění")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.worst} (v{self.version})"
