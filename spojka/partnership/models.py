"""The local partnership (lokální partnerství, LP) of a territorial unit: who sits in it and by what rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TenantOwned
from spojka.lib.audit import register_audited
from spojka.lib.czech import NBSP, number
from spojka.lib.ico import validate_ico


class OrganisationCategory(models.TextChoices):
    CITY_DEPARTMENT = "city_department", _("odbor města")
    PUBLIC_INSTITUTION = "public_institution", _("veřejná instituce")
    NGO = "ngo", _("nezisková organizace")
    AGENCY = "agency", _("agentura")
    OTHER = "other", _("jiná")


class Organisation(TenantOwned):
    """An organisation as one unit keeps it in its records.

    Each unit has its own records, so one unit's edit never reaches another unit's pages or history;
    the same organisation (the same IČO) may therefore be in several units, once in each.
    """

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("název"), max_length=300)
    ico = models.CharField(_("IČO"), max_length=8, blank=True, validators=[validate_ico])
    category = models.CharField(
        _("kategorie"),
        max_length=30,
        choices=OrganisationCategory.choices,
        default=OrganisationCategory.OTHER,
    )

    class Meta:
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:organisation_edit", kwargs={"unit": self.unit.slug, "pk": self.pk})


class GrammaticalGender(models.TextChoices):
    """How Czech sentences about a person are inflected ("přítomen" / "přítomna", "se zúčastnil" /
    "se zúčastnila"). Unknown means documents use wording that needs no gender."""

    UNKNOWN = "", _("neuvedeno")
    FEMININE = "feminine", _("ženský rod")
    MASCULINE = "masculine", _("mužský rod")


class Person(TenantOwned):
    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="people")
    title_before = models.CharField(_("titul před jménem"), max_length=40, blank=True)
    first_name = models.CharField(_("jméno"), max_length=100)
    last_name = models.CharField(_("příjmení"), max_length=100)
    title_after = models.CharField(_("titul za jménem"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizace"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    function = models.CharField(_("funkce"), max_length=300, blank=True)
    email = models.EmailField(_("pracovní e-mail"), blank=True)
    phone = models.CharField(_("pracovní telefon"), max_length=40, blank=True)
    grammatical_gender = models.CharField(
        _("mluvnický rod"),
        max_length=10,
        choices=GrammaticalGender.choices,
        blank=True,
        default=GrammaticalGender.UNKNOWN,
        help_text=_(
            "Jak o osobě psát v dokumentech: „přítomna“, nebo „přítomen“. Neuvedeno = neutrální znění."
        ),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uživatelský účet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lp_people",
        help_text=_("Účet, pod kterým se osoba přihlašuje; partner pak v LP vidí své členství."),
    )

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = " ".join(part for part in (self.title_before, self.first_name, self.last_name) if part)
        return f"{name}, {self.title_after}" if self.title_after else name

    def get_absolute_url(self) -> str:
        return reverse("partnership:person_edit", kwargs={"unit": self.unit.slug, "pk": self.pk})


class LocalPartnership(TenantOwned):
    unit = models.OneToOneField(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="partnership"
    )
    established_by = models.CharField(
        _("zřizovatel"), max_length=300, help_text=_("Kdo LP zřídil, např. radní pro oblast sociálních věcí.")
    )
    established_on = models.DateField(_("zřízeno dne"), null=True, blank=True)
    mission = models.TextField(_("poslání"), blank=True)

    class Meta:
        verbose_name = _("lokální partnerství")
        verbose_name_plural = _("lokální partnerství")

    def __str__(self) -> str:
        return _("Lokální partnerství – %(unit)s") % {"unit": self.unit.name}

    def get_absolute_url(self) -> str:
        return reverse("partnership:overview", kwargs={"unit": self.unit.slug})


class WorkingGroupKind(models.TextChoices):
    CROSS_CUTTING = "cross_cutting", _("průřezová")
    THEMATIC = "thematic", _("tematická")


class WorkingGroup(TenantOwned):
    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="working_groups"
    )
    partnership = models.ForeignKey(LocalPartnership, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("název"), max_length=200)
    kind = models.CharField(
        _("druh"), max_length=20, choices=WorkingGroupKind.choices, default=WorkingGroupKind.THEMATIC
    )
    leader = models.ForeignKey(
        Person,
        verbose_name=_("vedoucí"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
    )

    class Meta:
        verbose_name = _("pracovní skupina")
        verbose_name_plural = _("pracovní skupiny")
        ordering = ["kind", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_group_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:group_edit", kwargs={"unit": self.unit.slug, "pk": self.pk})


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("předseda")
    MEMBER = "member", _("člen")
    GUEST = "guest", _("host")
    ADVISOR = "advisor", _("poradce")


class PartnershipMember(TenantOwned):
    """An organisation's seat in the LP plenary (working_group empty) or in one working group.

    A seat is ended by setting ``valid_to``, never deleted, so the membership history is kept.
    """

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="partnership_members"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organizace"), on_delete=models.PROTECT, related_name="memberships"
    )
    representative = models.ForeignKey(
        Person, verbose_name=_("zástupce"), on_delete=models.PROTECT, related_name="memberships"
    )
    deputy = models.ForeignKey(
        Person,
        verbose_name=_("náhradník"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("pracovní skupina"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Prázdné = člen pléna lokálního partnerství."),
    )
    valid_from = models.DateField(_("členem od"))
    valid_to = models.DateField(_("členem do"), null=True, blank=True)

    class Meta:
        verbose_name = _("člen partnerství")
        verbose_name_plural = _("členové partnerství")
        ordering = ["organisation__name", "-valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.body_label}"

    @property
    def body_label(self) -> str:
        return self.working_group.name if self.working_group_id else str(_("plénum LP"))

    def is_current(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)

    def get_absolute_url(self) -> str:
        return reverse("partnership:member_edit", kwargs={"unit": self.unit.slug, "pk": self.pk})


def statute_path(instance: Statute, filename: str) -> str:
    return f"statutes/{instance.unit.slug}/{filename}"


class Statute(TenantOwned):
    """One version of the LP's statute and rules of procedure (statut a jednací řád)."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="statutes")
    version = models.PositiveSmallIntegerField(_("verze"))
    title = models.CharField(
        _("název"), max_length=200, default="Statut a jednací řád lokálního partnerství", blank=True
    )
    effective_from = models.DateField(_("účinnost od"))
    file = models.FileField(_("soubor"), upload_to=statute_path, max_length=300)
    file_name = models.CharField(_("název souboru"), max_length=160, blank=True)
    content_type = models.CharField(_("typ souboru"), max_length=120, blank=True)
    quorum_rule = models.TextField(
        _("pravidlo usnášeníschopnosti"),
        blank=True,
        help_text=_(
            "Znění ze statutu, např. „LP je usnášeníschopné za přítomnosti nadpoloviční většiny členů“."
        ),
    )
    quorum_share = models.DecimalField(
        _("podíl členů pro usnášeníschopnost"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.99"))],
        help_text=_("Musí být přítomno více než tento podíl členů pléna; 0,5 = nadpoloviční většina."),
    )

    class Meta:
        verbose_name = _("statut a jednací řád")
        verbose_name_plural = _("statuty a jednací řády")
        ordering = ["-effective_from", "-version"]
        constraints = [models.UniqueConstraint(fields=["unit", "version"], name="unique_statute_version")]

    def __str__(self) -> str:
        return _("%(title)s, verze %(version)s") % {
            "title": self.title or _("Statut"),
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("partnership:statute_list", kwargs={"unit": self.unit.slug})

    @property
    def quorum_label(self) -> str:
        """The share as a statute words it: "více než 50 % členů"."""
        percent = number(self.quorum_share * 100, decimals=0)
        return _("více než %(percent)s členů") % {"percent": f"{percent}{NBSP}%"}


register_audited(Organisation, Person, LocalPartnership, WorkingGroup, PartnershipMember, Statute)
