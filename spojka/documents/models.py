from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TenantOwned
from spojka.lib.audit import register_audited


class DocumentType(models.TextChoices):
    STATUTE = "statute", _("statut a jednací řád")
    MINUTES = "minutes", _("záznam z jednání")
    ATTENDANCE = "attendance", _("prezenční listina")
    CERTIFICATE = "certificate", _("osvědčení")
    COOP_REPORT = "coop_report", _("zpráva o plnění popisu spolupráce")
    PSZ_REPORT = "psz_report", _("zpráva o plnění PSZ")
    PSZ = "psz", _("plán sociálního začleňování")
    ANALYSIS = "analysis", _("podklad / analýza")
    PRESENTATION = "presentation", _("prezentace")
    OTHER = "other", _("jiný")


# Attendance sheets carry personal data of the people present: hidden from partners by default.
HIDDEN_FROM_PARTNERS_BY_DEFAULT = {DocumentType.ATTENDANCE}


class Document(TenantOwned):
    """A document of the unit's library; its content lives in numbered versions."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(_("druh dokumentu"), max_length=20, choices=DocumentType.choices)
    title = models.CharField(_("název"), max_length=300)
    issued_on = models.DateField(_("datum dokumentu"), null=True, blank=True)
    description = models.ForeignKey(
        "cooperation.CooperationDescription",
        verbose_name=_("popis spolupráce"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    # A generic link to what the document documents (a meeting, a training, a plan ...), so that
    # this app depends on no other app's migrations.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    visible_to_partners = models.BooleanField(
        _("viditelný pro partnery"),
        default=True,
        help_text=_("Prezenční listiny obsahují osobní údaje, partnerům se proto standardně nezobrazují."),
    )

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="document_subject_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"unit": self.unit.slug, "pk": self.pk})


class DocumentVersion(models.Model):
    """One uploaded or generated file of a document; versions are never overwritten."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("verze"))
    file = models.FileField(_("soubor"), upload_to="documents/%Y/%m/", max_length=300)
    content_type = models.CharField(_("typ souboru"), max_length=120)
    size = models.PositiveBigIntegerField(_("velikost (bajtů)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nahrál(a)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("nahráno"), auto_now_add=True)
    note = models.CharField(_("poznámka"), max_length=300, blank=True)
    # The content's fingerprint: a saved report is the version as submitted, and anyone can check
    # that a copy is the same file (``sha256sum``).
    sha256 = models.CharField(_("otisk obsahu (SHA-256)"), max_length=64, blank=True)
    # The file's text (PDF, DOCX) for the unit search; empty when the format has no readable text.
    text = models.TextField(_("text souboru"), blank=True, editable=False)

    class Meta:
        verbose_name = _("verze dokumentu")
        verbose_name_plural = _("verze dokumentu")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")]

    def __str__(self) -> str:
        return _("%(title)s, verze %(number)s") % {"title": self.document.title, "number": self.number}

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    # The change history of a unit filters on the unit of each log entry.
    @property
    def tenant_unit_id(self) -> int | None:
        return self.document.unit_id

    def get_additional_data(self) -> dict:
        return {"unit": self.tenant_unit_id}


class VersionSignature(models.Model):
    """An electronic signature found in a PDF version, as checked when the version was stored.

    ``intact``: the signature verifies and the signed bytes are unchanged. The certificate is not
    checked against the national trust lists (qualified validation is out of scope).
    """

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="signatures")
    field_name = models.CharField(_("pole podpisu"), max_length=100)
    signer = models.CharField(_("podepsal(a)"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("podepsáno"), null=True, blank=True)
    intact = models.BooleanField(_("podpis neporušen"), default=False)
    unchanged_after = models.BooleanField(_("dokument po podpisu nezměněn"), default=False)

    class Meta:
        verbose_name = _("elektronický podpis")
        verbose_name_plural = _("elektronické podpisy")
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return f"{self.signer} ({self.field_name})"

    @property
    def valid(self) -> bool:
        return self.intact and self.unchanged_after


class Organ(models.TextChoices):
    COUNCIL = "council", _("rada")
    ASSEMBLY = "assembly", _("zastupitelstvo")
    OTHER = "other", _("jiný orgán")


class Resolution(TenantOwned):
    """Usnesení: a decision of the unit's council or assembly."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="resolutions"
    )
    organ = models.CharField(_("orgán"), max_length=20, choices=Organ.choices, default=Organ.COUNCIL)
    number = models.CharField(_("číslo usnesení"), max_length=60, help_text=_("Např. 2278/24-RM."))
    adopted_on = models.DateField(_("přijato dne"))
    subject = models.TextField(_("předmět"))
    document = models.ForeignKey(
        Document,
        verbose_name=_("dokument"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
    )

    class Meta:
        verbose_name = _("usnesení")
        verbose_name_plural = _("usnesení")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self) -> str:
        return _("Usnesení č. %(number)s") % {"number": self.number}


class TemplateKind(models.TextChoices):
    """The kinds of generated documents; each has a built-in Word template a unit may replace.

    The app that generates a kind declares its templates with ``documents.render.register``.
    """

    COOPERATION_DESCRIPTION = "cooperation_description", _("popis spolupráce")
    ANNUAL_REPORT = "annual_report", _("výroční zpráva o plnění popisu spolupráce")
    PSZ_REPORT = "psz_report", _("zpráva o plnění plánu sociálního začleňování")
    MINUTES = "minutes", _("záznam z jednání")
    ATTENDANCE_SHEET = "attendance_sheet", _("prezenční listina z jednání")
    TRAINING_ATTENDANCE_SHEET = "training_attendance_sheet", _("prezenční listina ze vzdělávací aktivity")


class UnitTemplate(TenantOwned):
    """A unit's own edited DOCX template replacing the built-in one for one kind of document."""

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="document_templates"
    )
    kind = models.CharField(_("dokument"), max_length=40, choices=TemplateKind.choices)
    file = models.FileField(_("šablona DOCX"), upload_to="document_templates/%Y/", max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nahrál(a)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("šablona dokumentu")
        verbose_name_plural = _("šablony dokumentů")
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="unique_template_per_unit_kind")]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class DocumentSettings(TenantOwned):
    """How the unit's generated documents are laid out: signature place, attendance sheets, publicity.

    A unit without a record uses the defaults (:meth:`for_unit` returns an unsaved one).
    """

    unit = models.OneToOneField(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="document_settings"
    )
    signature_place = models.CharField(
        _("místo podpisu (6. pád)"),
        max_length=100,
        blank=True,
        help_text=_("Jak začíná řádek podpisu, s předložkou v 6. pádě, např. „V Jihlavě“ nebo „Ve Zlíně“."),
    )
    agency_signature_place = models.CharField(
        _("místo podpisu za agenturu (6. pád)"), max_length=100, default="V Praze"
    )
    attendance_blank_rows = models.PositiveSmallIntegerField(
        _("prázdné řádky na prezenční listině"),
        default=5,
        validators=[MaxValueValidator(40)],
        help_text=_("Pro hosty, kteří nebyli pozváni jmenovitě."),
    )
    show_publicity = models.BooleanField(
        _("uvádět publicitu projektu"),
        default=True,
        help_text=_("Zápatí s názvem a registračním číslem projektu z popisu spolupráce."),
    )
    publicity_logo = models.FileField(
        _("logo pro publicitu"),
        upload_to="document_settings/%Y/",
        max_length=300,
        blank=True,
        help_text=_("PNG nebo JPEG, např. povinný logolink projektu; nepovinné."),
    )
    publicity_logo_type = models.CharField(max_length=40, blank=True, editable=False)
    certificate_issuer = models.CharField(
        _("vydavatel osvědčení"),
        max_length=300,
        blank=True,
        help_text=_("Organizace, která osvědčení vydává; prázdné = pořadatel vzdělávací aktivity."),
    )
    certificate_signatory = models.CharField(_("osvědčení podepisuje"), max_length=200, blank=True)
    certificate_signatory_role = models.CharField(_("funkce podepisující osoby"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nastavení dokumentů")
        verbose_name_plural = _("nastavení dokumentů")

    def __str__(self) -> str:
        return str(_("Nastavení dokumentů"))

    @classmethod
    def for_unit(cls, unit) -> DocumentSettings:
        """The unit's settings, or the defaults (unsaved) when it has never changed them."""
        try:
            return unit.document_settings
        except cls.DoesNotExist:
            return cls(unit=unit)


register_audited(Document, Resolution, UnitTemplate, DocumentSettings)
# A version's extracted text is bulky and says nothing a person changed: not in the history.
register_audited(DocumentVersion, exclude=("text",))
