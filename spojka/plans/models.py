"""The social inclusion plan (PSZ / SPSZ): areas → goals → measures → actions, indicators, monitoring.

How progress is computed (indicators and the roll-up) lives in ``progress.py``; the models only
hold what people enter.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import LinkedStrategyBase, TenantOwned
from spojka.lib.audit import register_audited
from spojka.lib.seasons import Season, season_due_date

UNIT_FK = "cooperation.TerritorialUnit"


class PlanKind(models.TextChoices):
    PSZ = "psz", _("PSZ – plán sociálního začleňování")
    SPSZ = "spsz", _("SPSZ – strategický plán sociálního začleňování")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("návrh")
    APPROVED = "approved", _("schválený")
    VALID = "valid", _("platný")
    ENDED = "ended", _("ukončený")


class FundingSource(models.TextChoices):
    OPZ = "opz", _("OPZ+")
    IROP = "irop", _("IROP")
    MINISTRY = "ministry", _("ministerstvo")
    REGION = "region", _("kraj")
    CITY = "city", _("rozpočet města")
    OTHER = "other", _("jiný")


class InterventionType(models.TextChoices):
    CARETAKER = "caretaker", _("domovník-preventista")
    CRIME_PREVENTION = "crime_prevention", _("asistenti prevence kriminality")
    LOW_THRESHOLD = "low_threshold", _("nízkoprahové zařízení pro děti a mládež")
    FIELD_WORK = "field_work", _("terénní sociální práce")
    ACTIVATION = "activation", _("sociálně aktivizační služby")
    DEBT_ADVICE = "debt_advice", _("dluhová poradna")
    OTHER = "other", _("jiný")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("nezahájeno")
    IN_PROGRESS = "in_progress", _("plní se")
    DONE = "done", _("splněno")
    PARTIAL = "partial", _("částečně splněno")
    UNMET = "unmet", _("neplněno")
    CANCELLED = "cancelled", _("zrušeno")


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("indikátor výstupu")
    RESULT = "result", _("indikátor výsledku")


class InclusionPlan(TenantOwned):
    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="inclusion_plans")
    kind = models.CharField(_("druh plánu"), max_length=10, choices=PlanKind.choices, default=PlanKind.PSZ)
    title = models.CharField(_("název"), max_length=300)
    year_from = models.PositiveSmallIntegerField(_("období od roku"))
    year_to = models.PositiveSmallIntegerField(_("období do roku"))
    status = models.CharField(_("stav"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    resolution_number = models.CharField(
        _("číslo schvalujícího usnesení"), max_length=60, blank=True, help_text=_("Např. 2278/24-RM.")
    )
    resolution_date = models.DateField(_("datum schválení"), null=True, blank=True)
    target_group = models.TextField(_("cílová skupina"), blank=True)
    main_goal = models.TextField(_("hlavní cíl"), blank=True)
    source_plan = models.ForeignKey(
        "self",
        verbose_name=_("navazuje na plán"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    is_example = models.BooleanField(
        _("ukázkový obsah"), default=False, help_text=_("Údaje nejsou veřejným faktem, slouží jako ukázka.")
    )

    class Meta:
        verbose_name = _("plán sociálního začleňování")
        verbose_name_plural = _("plány sociálního začleňování")
        ordering = ["-year_from", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    @property
    def period(self) -> str:
        return f"{self.year_from}–{self.year_to}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", kwargs={"unit": self.unit.slug, "pk": self.pk})


class StrategicDocument(LinkedStrategyBase):
    """Another strategic document of the unit the plan is linked to."""

    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(InclusionPlan, on_delete=models.CASCADE, related_name="strategic_documents")

    class Meta(LinkedStrategyBase.Meta):
        pass


class PlanNode(TenantOwned):
    """What areas, goals, measures and actions share: a code such as "1.2.3", a name and an order."""

    code = models.CharField(_("kód"), max_length=20, help_text=_("Např. 1.2.3; v rámci plánu jedinečný."))
    name = models.CharField(_("název"), max_length=300)
    description = models.TextField(_("popis"), blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    is_example = models.BooleanField(_("ukázkový obsah"), default=False)

    class Meta:
        abstract = True
        ordering = ["order", "code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PriorityArea(PlanNode):
    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(InclusionPlan, on_delete=models.CASCADE, related_name="areas")
    thematic_area = models.ForeignKey(
        "cooperation.ThematicArea",
        verbose_name=_("tematická oblast spolupráce"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(PlanNode.Meta):
        verbose_name = _("prioritní oblast")
        verbose_name_plural = _("prioritní oblasti")


class Goal(PlanNode):
    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="goals")

    class Meta(PlanNode.Meta):
        verbose_name = _("cíl")
        verbose_name_plural = _("cíle")


class Implementation(PlanNode):
    """Who does a measure or action, when, for how much and from what money, and how far it is."""

    responsible = models.CharField(_("nositel"), max_length=300, blank=True)
    partners = models.TextField(_("partneři"), blank=True)
    due_date = models.DateField(_("termín (datum)"), null=True, blank=True)
    due_season = models.CharField(
        _("termín (roční období)"), max_length=10, choices=Season.choices, blank=True
    )
    due_year = models.PositiveSmallIntegerField(_("termín (rok)"), null=True, blank=True)
    budget = models.DecimalField(
        _("odhad rozpočtu (Kč)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(
        _("zdroj financování"), max_length=20, choices=FundingSource.choices, blank=True
    )
    intervention_type = models.CharField(
        _("typ intervence"), max_length=30, choices=InterventionType.choices, blank=True
    )
    status = models.CharField(
        _("stav plnění"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )

    class Meta(PlanNode.Meta):
        abstract = True

    @property
    def due(self) -> date | None:
        """The deadline as a date: the given date, or the end of the season ("podzim 2023" → 30. 11. 2023)."""
        if self.due_date:
            return self.due_date
        if self.due_season and self.due_year:
            return season_due_date(self.due_season, self.due_year)
        return None

    @property
    def timeline_display(self) -> str:
        """The deadline as people wrote it."""
        if self.due_season and self.due_year:
            return f"{Season(self.due_season).label} {self.due_year}"
        if self.due_date:
            from spojka.lib.czech import date_short

            return date_short(self.due_date)
        if self.due_year:
            return str(self.due_year)
        return ""


class Measure(Implementation):
    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")

    class Meta(Implementation.Meta):
        verbose_name = _("opatření")
        verbose_name_plural = _("opatření")


class PlanAction(Implementation):
    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="actions")

    class Meta(Implementation.Meta):
        verbose_name = _("aktivita plánu")
        verbose_name_plural = _("aktivity plánu")


class Indicator(TenantOwned):
    """An output or result indicator of a goal or of a measure (exactly one of them)."""

    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators")
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(_("kód"), max_length=20)
    name = models.CharField(_("název"), max_length=300)
    kind = models.CharField(
        _("druh"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.OUTPUT
    )
    unit_of_measure = models.CharField(_("měrná jednotka"), max_length=60)
    baseline_value = models.DecimalField(_("výchozí hodnota"), max_digits=14, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("rok výchozí hodnoty"))
    target_value = models.DecimalField(_("cílová hodnota"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("rok cílové hodnoty"))
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)
    is_example = models.BooleanField(_("ukázkový obsah"), default=False)

    class Meta:
        verbose_name = _("indikátor")
        verbose_name_plural = _("indikátory")
        ordering = ["order", "code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__isnull=False, measure__isnull=True)
                | models.Q(goal__isnull=True, measure__isnull=False),
                name="indicator_of_goal_or_measure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def owner(self) -> Goal | Measure:
        return self.goal if self.goal_id else self.measure


class IndicatorValue(TenantOwned):
    """The value an indicator reached in a year."""

    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("rok"))
    value = models.DecimalField(_("naměřená hodnota"), max_digits=14, decimal_places=2)
    source = models.CharField(_("zdroj údaje"), max_length=300, blank=True)
    note = models.TextField(_("poznámka"), blank=True)

    class Meta:
        verbose_name = _("naměřená hodnota indikátoru")
        verbose_name_plural = _("naměřené hodnoty indikátorů")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_value_per_year")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class MonitoringRound(TenantOwned):
    """The yearly monitoring of a plan; once approved it is locked."""

    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(InclusionPlan, on_delete=models.CASCADE, related_name="monitoring_rounds")
    year = models.PositiveSmallIntegerField(_("rok"))
    note = models.TextField(_("souhrnný komentář"), blank=True)
    approved_at = models.DateTimeField(_("schváleno"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("schválil(a)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_example = models.BooleanField(_("ukázkový obsah"), default=False)

    class Meta:
        verbose_name = _("monitorování plánu")
        verbose_name_plural = _("monitorování plánu")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="one_round_per_plan_year")]

    def __str__(self) -> str:
        return _("Monitorování %(year)s – %(plan)s") % {"year": self.year, "plan": self.plan.title}

    @property
    def is_locked(self) -> bool:
        return self.approved_at is not None

    def get_absolute_url(self) -> str:
        return reverse(
            "plans:monitoring_detail",
            kwargs={"unit": self.plan.unit.slug, "pk": self.plan_id, "year": self.year},
        )


class MeasureReport(TenantOwned):
    """A measure's status and comment in one year's monitoring."""

    unit = models.ForeignKey(UNIT_FK, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="reports")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("stav plnění"), max_length=20, choices=ImplementationStatus.choices)
    comment = models.TextField(_("komentář"), blank=True)

    class Meta:
        verbose_name = _("stav opatření v monitorování")
        verbose_name_plural = _("stavy opatření v monitorování")
        constraints = [models.UniqueConstraint(fields=["round", "measure"], name="one_report_per_measure")]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.round.year}: {self.get_status_display()}"


register_audited(
    InclusionPlan,
    StrategicDocument,
    PriorityArea,
    Goal,
    Measure,
    PlanAction,
    Indicator,
    IndicatorValue,
    MonitoringRound,
    MeasureReport,
)
