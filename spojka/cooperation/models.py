from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from spojka.lib.audit import register_audited
from spojka.lib.ico import validate_ico


class TenantOwned(models.Model):
    """Base for domain data that belongs to a territorial unit.

    Subclasses expose ``tenant_unit_id`` so the audit log can record which unit a change belongs
    to; the unit-wide change history ("Historie změn") filters on it.
    """

    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def tenant_unit_id(self) -> int | None:
        return getattr(self, "unit_id", None)

    def get_additional_data(self) -> dict:
        # Called by django-auditlog for every log entry of this object.
        return {"unit": self.tenant_unit_id}


class UnitKind(models.TextChoices):
    MUNICIPALITY = "obec", _("obec")
    TOWN = "mesto", _("město")
    STATUTORY_CITY = "statutarni_mesto", _("statutární město")
    REGION = "kraj", _("kraj")
    OTHER = "jiny", _("jiný územní celek")


class Region(models.TextChoices):
    PRAHA = "praha", _("Hlavní město Praha")
    STREDOCESKY = "stredocesky", _("Středočeský kraj")
    JIHOCESKY = "jihocesky", _("Jihočeský kraj")
    PLZENSKY = "plzensky", _("Plzeňský kraj")
    KARLOVARSKY = "karlovarsky", _("Karlovarský kraj")
    USTECKY = "ustecky", _("Ústecký kraj")
    LIBERECKY = "liberecky", _("Liberecký kraj")
    KRALOVEHRADECKY = "kralovehradecky", _("Královéhradecký kraj")
    PARDUBICKY = "pardubicky", _("Pardubický kraj")
    VYSOCINA = "vysocina", _("Kraj Vysočina")
    JIHOMORAVSKY = "jihomoravsky", _("Jihomoravský kraj")
    OLOMOUCKY = "olomoucky", _("Olomoucký kraj")
    ZLINSKY = "zlinsky", _("Zlínský kraj")
    MORAVSKOSLEZSKY = "moravskoslezsky", _("Moravskoslezský kraj")

    @classmethod
    def label_of(cls, code: str) -> str:
        """The label of ``code`` in the active language, looked up once per language (lists of every
        unit call it hundreds of times); an unknown code is returned as it is."""
        return _region_labels(get_language()).get(code, code)


@lru_cache(maxsize=8)
def _region_labels(language: str | None) -> dict[str, str]:
    return {code: str(label) for code, label in Region.choices}


class TerritorialUnit(models.Model):
    """The tenant: a municipality or region cooperating with the agency."""

    name = models.CharField(_("název"), max_length=200)
    slug = models.SlugField(_("zkratka v adrese"), max_length=60, unique=True)
    kind = models.CharField(_("druh"), max_length=20, choices=UnitKind.choices, default=UnitKind.TOWN)
    ico = models.CharField(_("IČO"), max_length=8, unique=True, validators=[validate_ico])
    seat_address = models.CharField(_("sídlo"), max_length=300, help_text=_("U obce sídlo obecního úřadu."))
    region = models.CharField(_("kraj"), max_length=20, choices=Region.choices)
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    class Meta:
        verbose_name = _("územní celek")
        verbose_name_plural = _("územní celky")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:unit_detail", kwargs={"unit": self.slug})

    @property
    def tenant_unit_id(self) -> int:
        return self.pk

    def get_additional_data(self) -> dict:
        return {"unit": self.pk}


class Memorandum(TenantOwned):
    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="memoranda")
    signed_on = models.DateField(_("datum memoranda"))
    signatories = models.TextField(
        _("signatáři"),
        blank=True,
        help_text=_("Každý signatář na samostatném řádku: jméno, funkce, instituce."),
    )
    resolution_number = models.CharField(_("číslo usnesení"), max_length=60, blank=True)
    resolution_date = models.DateField(_("datum usnesení"), null=True, blank=True)
    annexes = models.TextField(_("přílohy"), blank=True, help_text=_("Každá příloha na samostatném řádku."))
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("nahrazuje memorandum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    note = models.TextField(_("poznámka"), blank=True)

    class Meta:
        verbose_name = _("memorandum o spolupráci")
        verbose_name_plural = _("memoranda o spolupráci")
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        from spojka.lib.czech import date_short

        return _("Memorandum o spolupráci ze dne %(date)s") % {"date": date_short(self.signed_on)}

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        replaced = self.replaces
        if replaced is None:
            return
        if replaced.pk == self.pk or replaced.unit_id != self.unit_id:
            raise ValidationError(
                {"replaces": _("Memorandum může nahradit jen jiné memorandum téhož celku.")}
            )
        if self.signed_on and replaced.signed_on >= self.signed_on:
            raise ValidationError({"replaces": _("Nahradit lze jen memorandum s dřívějším datem.")})

    @property
    def signatory_list(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]

    @property
    def annex_list(self) -> list[str]:
        return [line.strip() for line in self.annexes.splitlines() if line.strip()]


class Status(models.TextChoices):
    DRAFT = "draft", _("návrh")
    DISCUSSED = "discussed", _("projednáno v LP")
    APPROVED = "approved", _("schváleno")
    SIGNED = "signed", _("podepsáno")
    VALID = "valid", _("platné")
    ENDED = "ended", _("ukončené")


# The lifecycle is a line: each status may only move to the next one.
STATUS_ORDER = [Status.DRAFT, Status.DISCUSSED, Status.APPROVED, Status.SIGNED, Status.VALID, Status.ENDED]


class TrainingMode(models.TextChoices):
    TOTAL = "total", _("celkem za uvolněné pracovníky")
    PER_PERSON = "per_person", _("každý pracovník zvlášť")


class LpOutcome(models.TextChoices):
    CONSENSUS = "consensus", _("přijat konsenzuálně")
    VOTE = "vote", _("přijat hlasováním")
    REJECTED = "rejected", _("nepřijat")


class CooperationDescription(TenantOwned):
    """Popis spolupráce: the agreement that every obligation in Spojka derives from."""

    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="descriptions")
    memorandum = models.ForeignKey(
        Memorandum,
        verbose_name=_("memorandum"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="descriptions",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("předchozí verze"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revision",
    )
    version = models.PositiveSmallIntegerField(_("verze"), default=1)
    status = models.CharField(_("stav"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    valid_from = models.DateField(_("platnost od"), null=True, blank=True)
    valid_to = models.DateField(_("platnost do"), null=True, blank=True)
    programme_period_note = models.TextField(_("poznámka k programovému období"), blank=True)
    project_name = models.CharField(
        _("projekt agentury"),
        max_length=300,
        blank=True,
        default="Systémové zajištění sociálního začleňování",
    )
    project_registration_number = models.CharField(_("registrační číslo projektu"), max_length=60, blank=True)
    target_group = models.TextField(_("cílová skupina"), blank=True)
    lp_structure = models.TextField(
        _("struktura a kompetence lokálního partnerství"),
        blank=True,
        help_text=_("Kdo LP zřídil, jeho poslání a pracovní skupiny."),
    )
    psz_specification = models.TextField(_("specifikace plánu sociálního začleňování"), blank=True)
    psz_period_from = models.PositiveSmallIntegerField(_("PSZ od roku"), null=True, blank=True)
    psz_period_to = models.PositiveSmallIntegerField(_("PSZ do roku"), null=True, blank=True)

    training_total_hours = models.DecimalField(
        _("závazek vzdělávání (hodin celkem)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    training_max_distance_hours = models.DecimalField(
        _("z toho nejvýše distančně (hodin)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    training_mode = models.CharField(
        _("způsob počítání hodin"), max_length=20, choices=TrainingMode.choices, default=TrainingMode.TOTAL
    )

    lp_discussed_on = models.DateField(_("projednáno v LP dne"), null=True, blank=True)
    lp_outcome = models.CharField(_("stanovisko LP"), max_length=20, choices=LpOutcome.choices, blank=True)
    lp_votes_for = models.PositiveSmallIntegerField(_("hlasů pro"), null=True, blank=True)
    lp_votes_against = models.PositiveSmallIntegerField(_("hlasů proti"), null=True, blank=True)
    lp_votes_abstained = models.PositiveSmallIntegerField(_("zdrželo se"), null=True, blank=True)

    approved_on = models.DateField(_("schváleno územním celkem dne"), null=True, blank=True)
    approval_resolution = models.CharField(
        _("číslo usnesení"), max_length=60, blank=True, help_text=_("Např. 2278/24-RM.")
    )
    unit_signed_place = models.CharField(_("místo podpisu za územní celek"), max_length=100, blank=True)
    unit_signed_on = models.DateField(_("datum podpisu za územní celek"), null=True, blank=True)
    unit_signatory = models.CharField(_("podepisuje za územní celek"), max_length=300, blank=True)
    agency_signed_place = models.CharField(_("místo podpisu za agenturu"), max_length=100, blank=True)
    agency_signed_on = models.DateField(_("datum podpisu za agenturu"), null=True, blank=True)
    agency_signatory = models.CharField(
        _("podepisuje za agenturu"),
        max_length=300,
        blank=True,
        default="Ředitel odboru pro sociální začleňování (Agentura)",
    )

    regional_contact_name = models.CharField(_("kontaktní osoba za kraj"), max_length=200, blank=True)
    regional_contact_function = models.CharField(_("funkce kontaktní osoby"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("popis spolupráce")
        verbose_name_plural = _("popisy spolupráce")
        ordering = ["-version"]

    def __str__(self) -> str:
        return _("Popis spolupráce – %(unit)s, verze %(version)s") % {
            "unit": self.unit.name,
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("cooperation:description_detail", kwargs={"unit": self.unit.slug, "pk": self.pk})

    @property
    def validity_years(self) -> int | None:
        if not (self.valid_from and self.valid_to):
            return None
        delta = relativedelta(self.valid_to + timedelta(days=1), self.valid_from)
        return delta.years if not (delta.months or delta.days) else None

    def days_left(self, today: date) -> int | None:
        if not self.valid_to:
            return None
        return (self.valid_to - today).days

    @property
    def next_status(self) -> str | None:
        index = STATUS_ORDER.index(self.status)
        return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None


class ThematicArea(TenantOwned):
    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="+")
    description = models.ForeignKey(
        CooperationDescription, on_delete=models.CASCADE, related_name="thematic_areas"
    )
    name = models.CharField(_("oblast"), max_length=200)
    focus = models.TextField(_("zaměření"), blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("tematická oblast")
        verbose_name_plural = _("tematické oblasti")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["description", "name"], name="unique_area_per_description")
        ]

    def __str__(self) -> str:
        return self.name


class EsifIntervention(TenantOwned):
    """Předpokládaná oblast intervence financovaná z ESIF."""

    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="+")
    description = models.ForeignKey(
        CooperationDescription, on_delete=models.CASCADE, related_name="esif_interventions"
    )
    name = models.CharField(_("oblast intervence"), max_length=300)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        verbose_name = _("intervence z ESIF")
        verbose_name_plural = _("intervence z ESIF")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class LinkedStrategyBase(TenantOwned):
    """Another strategic document of the unit (title and period) that a document is linked to.

    Shared by the cooperation description's linked strategies and the inclusion plan's.
    """

    title = models.CharField(_("dokument"), max_length=300)
    period = models.CharField(_("období"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("pořadí"), default=0)

    class Meta:
        abstract = True
        verbose_name = _("navazující strategický dokument")
        verbose_name_plural = _("navazující strategické dokumenty")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})" if self.period else self.title


class StrategicDocumentLink(LinkedStrategyBase):
    """A strategic document the cooperation description's PSZ is linked to."""

    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="+")
    description = models.ForeignKey(
        CooperationDescription, on_delete=models.CASCADE, related_name="strategic_links"
    )

    class Meta(LinkedStrategyBase.Meta):
        pass


class KeyRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("pověřený zástupce územního celku")
    INCLUSION_MANAGER = "inclusion_manager", _("manažer sociálního začleňování")
    AGENCY_REGIONAL_HEAD = "agency_regional_head", _("vedoucí regionálního pracoviště ASZ")
    AGENCY_CONSULTANT = "agency_consultant", _("konzultant ASZ")
    REGIONAL_COORDINATOR = "regional_coordinator", _("krajský koordinátor")


class RoleAssignment(TenantOwned):
    """Who held a key role of the cooperation, and when. Ended rows are the history."""

    unit = models.ForeignKey(TerritorialUnit, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=KeyRole.choices)
    holder_name = models.CharField(_("jméno"), max_length=200, blank=True)
    holder_function = models.CharField(_("funkce"), max_length=300, blank=True)
    email = models.EmailField(_("pracovní e-mail"), blank=True)
    phone = models.CharField(_("pracovní telefon"), max_length=40, blank=True)
    is_vacant = models.BooleanField(_("pozice neobsazená"), default=False)
    substitute = models.CharField(
        _("zástup"), max_length=300, blank=True, help_text=_("Kdo roli zastupuje, je-li pozice neobsazená.")
    )
    valid_from = models.DateField(_("od"), null=True, blank=True)
    valid_to = models.DateField(_("do"), null=True, blank=True)
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uživatelský účet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_roles",
        help_text=_("U konzultanta ASZ jde o jeho přidělení k územnímu celku (stránka Přístupy)."),
    )

    class Meta:
        verbose_name = _("obsazení role")
        verbose_name_plural = _("obsazení rolí")
        ordering = ["role", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.holder_display}"

    @property
    def holder_display(self) -> str:
        if self.is_vacant:
            text = _("pozice neobsazená")
            return f"{text} – {_('zástup')}: {self.substitute}" if self.substitute else str(text)
        return ", ".join(part for part in (self.holder_name, self.holder_function) if part)

    def is_current(self, today: date) -> bool:
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )

    def is_upcoming(self, today: date) -> bool:
        return self.valid_from is not None and self.valid_from > today


register_audited(
    TerritorialUnit,
    Memorandum,
    CooperationDescription,
    ThematicArea,
    EsifIntervention,
    StrategicDocumentLink,
    RoleAssignment,
)
