"""What the agency's central office records about the units beyond their own pages.

* ``SupportPeriod``: the history of the type of support a unit gets (intensive cooperation, or remote
  support after it), with dates and the wave; periods of one unit never overlap.
* ``AgencyStatement``: the agency's recommending statement on a unit's inclusion plan, one of the
  funding-readiness conditions of the operational programme.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from spojka.compliance.models import new_version
from spojka.cooperation.models import TenantOwned
from spojka.lib.audit import register_audited
from spojka.lib.czech import date_short


class SupportType(models.TextChoices):
    INTENSIVE = "intensive", _("intenzivní spolupráce")
    REMOTE = "remote", _("vzdálená podpora")


class SupportPeriod(TenantOwned):
    unit = models.ForeignKey(
        "cooperation.TerritorialUnit",
        verbose_name=_("územní celek"),
        on_delete=models.CASCADE,
        related_name="support_periods",
    )
    support_type = models.CharField(_("typ podpory"), max_length=20, choices=SupportType.choices)
    starts_on = models.DateField(_("od"))
    ends_on = models.DateField(_("do"), null=True, blank=True, help_text=_("Prázdné: dosud trvá."))
    wave = models.CharField(_("vlna"), max_length=60, blank=True, help_text=_("Např. 3. vlna KPSV+."))
    note = models.CharField(_("poznámka"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("období podpory")
        verbose_name_plural = _("období podpory")
        ordering = ["unit", "-starts_on"]

    def __str__(self) -> str:
        end = date_short(self.ends_on) if self.ends_on else _("dosud")
        return f"{self.get_support_type_display()} {date_short(self.starts_on)} – {end}"

    def covers(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Konec nesmí být před začátkem.")})
        if not (self.unit_id and self.starts_on):
            return
        others = SupportPeriod.objects.filter(unit_id=self.unit_id).exclude(pk=self.pk)
        others = others.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=self.starts_on))
        if self.ends_on:
            others = others.filter(starts_on__lte=self.ends_on)
        clash = others.order_by("starts_on").first()
        if clash:
            raise ValidationError(
                {"starts_on": _("Období se překrývá s obdobím „%(other)s“.") % {"other": clash}}
            )


class AgencyStatement(TenantOwned):
    """The agency's recommending statement on a unit's inclusion plan."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit",
        verbose_name=_("územní celek"),
        on_delete=models.CASCADE,
        related_name="agency_statements",
    )
    plan = models.ForeignKey(
        "plans.InclusionPlan",
        verbose_name=_("plán"),
        on_delete=models.CASCADE,
        related_name="agency_statements",
    )
    issued_on = models.DateField(_("vydáno dne"))
    reference = models.CharField(_("číslo jednací"), max_length=60, blank=True)
    note = models.CharField(_("poznámka"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("stanovisko agentury k plánu")
        verbose_name_plural = _("stanoviska agentury k plánům")
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return str(_("Stanovisko agentury ze dne %(date)s") % {"date": date_short(self.issued_on)})


register_audited(SupportPeriod, AgencyStatement)


class ProjectReport(models.Model):
    """The project report across units for a year, as submitted: its PDF and XLSX kept unchanged."""

    year = models.PositiveSmallIntegerField(_("rok"))
    as_of = models.DateField(_("stav ke dni"))
    pdf = models.FileField(_("PDF"), upload_to="agency/reports/%Y/", max_length=300)
    xlsx = models.FileField(_("XLSX"), upload_to="agency/reports/%Y/", max_length=300)
    units = models.PositiveIntegerField(_("počet územních celků"), default=0)
    totals = models.JSONField(_("souhrn"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", verbose_name=_("odevzdal(a)"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("odevzdáno"), auto_now_add=True)

    class Meta:
        verbose_name = _("zpráva projektu")
        verbose_name_plural = _("zprávy projektu")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return str(_("Zpráva projektu za rok %(year)s") % {"year": self.year})


register_audited(ProjectReport)


class AgencyDigest(models.Model):
    """One weekly agency digest sent to one address; makes ``send_agency_digests`` safe to rerun.

    ``failing`` keeps the ids of the rules that were failing in the digest, so that the next one
    says which rules are *newly* failing.
    """

    email = models.EmailField(_("e-mail"))
    week = models.DateField(_("týden (pondělí)"))
    user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    items = models.PositiveIntegerField(_("počet položek"), default=0)
    failing = models.JSONField(_("neplněná pravidla"), default=list, blank=True)
    created_at = models.DateTimeField(_("odesláno"), auto_now_add=True)

    class Meta:
        verbose_name = _("týdenní přehled agentury")
        verbose_name_plural = _("týdenní přehledy agentury")
        constraints = [models.UniqueConstraint(fields=["email", "week"], name="one_agency_digest_per_week")]

    def __str__(self) -> str:
        return f"{self.email} {self.week}"


class StoredFacts(models.Model):
    """A unit's row of the agency home, precomputed (see ``agency/stored.py``).

    ``version`` is replaced inside the transaction of every change of what the row shows beyond
    the schedule (tasks, consultants, support, memoranda, plans, the agency's statements); a change
    of the schedule's inputs replaces the unit's ``UnitStatus.version``. A row is fresh when it was
    computed at both current tokens for today. Only ``stored.py`` writes here, with ``update()`` and
    ``bulk_update()`` on named fields.
    """

    HOURS = {"max_digits": 9, "decimal_places": 2}

    unit = models.OneToOneField(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, primary_key=True, related_name="agency_facts"
    )
    version = models.BigIntegerField(default=new_version)
    computed_version = models.BigIntegerField(null=True)
    computed_status_version = models.BigIntegerField(null=True)
    computed_for = models.DateField(null=True)
    # The cooperation
    state = models.CharField(max_length=10, blank=True)
    description_id = models.PositiveIntegerField(null=True)
    valid_to = models.DateField(null=True)
    days_left = models.IntegerField(null=True)
    # The plan
    plan_id = models.PositiveIntegerField(null=True)
    plan_state = models.CharField(max_length=10, blank=True)
    plan_percent = models.SmallIntegerField(null=True)
    plan_approved_on = models.DateField(null=True)
    statement_on = models.DateField(null=True)
    # LP meetings this year
    lp_held = models.PositiveIntegerField(default=0)
    lp_required = models.PositiveIntegerField(null=True)
    lp_due_by_now = models.PositiveIntegerField(default=0)
    lp_behind = models.BooleanField(default=False)
    lp_last = models.DateField(null=True)
    # Training
    training_in_person = models.DecimalField(default=0, **HOURS)
    training_distance = models.DecimalField(default=0, **HOURS)
    training_counted = models.DecimalField(null=True, **HOURS)
    training_committed = models.DecimalField(null=True, **HOURS)
    training_cap = models.DecimalField(null=True, **HOURS)
    training_percent = models.DecimalField(null=True, max_digits=5, decimal_places=1)
    # Tasks, rules, people
    open_tasks = models.PositiveIntegerField(default=0)
    overdue_tasks = models.PositiveIntegerField(default=0)
    failing = models.PositiveIntegerField(null=True)
    consultants = models.JSONField(default=list)  # [[user pk, name], …] in name order
    support_type = models.CharField(max_length=20, blank=True)
    memorandum_on = models.DateField(null=True)

    class Meta:
        verbose_name = _("předpočítaný řádek agentury")
        verbose_name_plural = _("předpočítané řádky agentury")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.state} (v{self.version})"
