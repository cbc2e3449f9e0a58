"""Training events (vzdělávací aktivity), their participants and study materials.

The hours each participant earns feed the training commitment of the cooperation description
("celkový rozsah 40 hodin, z toho max. 20 hodin distančně"); see ``services.training_indicator``.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TenantOwned
from spojka.lib.audit import register_audited

ZERO = Decimal(0)


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    SEMINAR = "seminar", _("seminář")
    COURSE = "course", _("kurz")
    CONFERENCE = "conference", _("konference")


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", _("prezenční")
    DISTANCE = "distance", _("distanční")
    HYBRID = "hybrid", _("hybridní")


class ProviderKind(models.TextChoices):
    AGENCY = "agency", _("Agentura pro sociální začleňování")
    OTHER = "other", _("jiný poskytovatel")


def new_certificate_code() -> str:
    # 128 random bits: a code cannot be guessed, so the public verification page reveals a
    # certificate only to someone who holds it.
    return secrets.token_urlsafe(16)


class TrainingEvent(TenantOwned):
    """One training event. Its length is split into in-person and distance hours: the
    commitment caps distance hours, so a hybrid event must say how much of it was online."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="training_events"
    )
    title = models.CharField(_("název"), max_length=300)
    thematic_area = models.ForeignKey(
        "cooperation.ThematicArea",
        verbose_name=_("tematická oblast"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    thematic_area_text = models.CharField(
        _("jiná tematická oblast"),
        max_length=200,
        blank=True,
        help_text=_("Vyplňte, jen pokud oblast není mezi oblastmi popisu spolupráce."),
    )
    kind = models.CharField(_("druh"), max_length=20, choices=EventKind.choices, default=EventKind.SEMINAR)
    delivery = models.CharField(
        _("forma"), max_length=20, choices=Delivery.choices, default=Delivery.IN_PERSON
    )
    starts_on = models.DateField(_("začátek"))
    ends_on = models.DateField(
        _("konec"), null=True, blank=True, help_text=_("U jednodenní akce nevyplňujte.")
    )
    in_person_hours = models.DecimalField(
        _("prezenčních hodin"), max_digits=5, decimal_places=1, default=ZERO
    )
    distance_hours = models.DecimalField(_("distančních hodin"), max_digits=5, decimal_places=1, default=ZERO)
    provider_kind = models.CharField(
        _("pořadatel"), max_length=20, choices=ProviderKind.choices, default=ProviderKind.AGENCY
    )
    provider_name = models.CharField(
        _("název pořadatele"), max_length=200, blank=True, help_text=_("Vyplňte u jiného pořadatele.")
    )
    lecturer = models.CharField(_("lektor"), max_length=200, blank=True)
    place = models.CharField(_("místo konání"), max_length=200, blank=True)
    note = models.TextField(_("poznámka"), blank=True)

    class Meta:
        verbose_name = _("vzdělávací aktivita")
        verbose_name_plural = _("vzdělávací aktivity")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:event_detail", kwargs={"unit": self.unit.slug, "pk": self.pk})

    @property
    def hours(self) -> Decimal:
        return self.in_person_hours + self.distance_hours

    @property
    def last_day(self):
        """The day the hours are earned; the indicator dates every credit by it."""
        return self.ends_on or self.starts_on

    @property
    def area_label(self) -> str:
        return self.thematic_area.name if self.thematic_area else self.thematic_area_text

    @property
    def provider_label(self) -> str:
        if self.provider_kind == ProviderKind.AGENCY:
            return str(ProviderKind.AGENCY.label)
        return self.provider_name


class Participation(TenantOwned):
    """A person's attendance at a training event and the hours credited to them.

    The certificate (osvědčení) of the participation carries ``certificate_code``, which anyone
    can check on the public verification page.
    """

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="training_participations"
    )
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        "partnership.Person",
        verbose_name=_("účastník"),
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    in_person_hours = models.DecimalField(
        _("prezenčních hodin"), max_digits=5, decimal_places=1, default=ZERO
    )
    distance_hours = models.DecimalField(_("distančních hodin"), max_digits=5, decimal_places=1, default=ZERO)
    certificate_code = models.CharField(
        _("ověřovací kód osvědčení"), max_length=40, unique=True, default=new_certificate_code, editable=False
    )
    certificate_revoked = models.BooleanField(_("osvědčení zneplatněno"), default=False)

    class Meta:
        verbose_name = _("účast na vzdělávání")
        verbose_name_plural = _("účasti na vzdělávání")
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="training_one_participation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} – {self.event.title}"

    def get_additional_data(self) -> dict:
        # The event's page lists the history of its participants, including removed ones.
        return {**super().get_additional_data(), "event": self.event_id}

    @property
    def hours(self) -> Decimal:
        return self.in_person_hours + self.distance_hours


class TrainingMaterial(TenantOwned):
    """A presentation or study material of an event (PDF, PPTX, DOCX, checked by content)."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("název"), max_length=200)
    file = models.FileField(_("soubor"), upload_to="training/%Y/%m/")
    filename = models.CharField(_("název souboru"), max_length=160)
    content_type = models.CharField(_("typ souboru"), max_length=120)
    size = models.PositiveIntegerField(_("velikost (bajtů)"))

    class Meta:
        verbose_name = _("studijní materiál")
        verbose_name_plural = _("studijní materiály")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {**super().get_additional_data(), "event": self.event_id}


register_audited(TrainingEvent, TrainingMaterial)
# The certificate code is what proves a certificate genuine; it stays out of the history.
register_audited(Participation, exclude=("certificate_code",))
