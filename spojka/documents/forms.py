from __future__ import annotations

import logging
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import Document, DocumentSettings, DocumentVersion, Resolution, UnitTemplate
from spojka.documents.render import DocumentSpec, publicity_context, render_docx
from spojka.documents.template_budget import TemplateTooExpensive
from spojka.lib.forms import SpojkaModelForm
from spojka.lib.uploads import DOC, DOCX, JPEG, ODS, ODT, PDF, PNG, PPTX, XLS, XLSX, check_upload

logger = logging.getLogger(__name__)

# Offices still keep Word and Excel 97–2003 files and LibreOffice's own formats; all are checked by
# content, never by the name's extension.
LIBRARY_TYPES = {PDF, DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, PNG, JPEG}
LIBRARY_TYPES_HELP = _(
    "PDF, DOCX, ODT, DOC, XLSX, ODS, XLS, PPTX, PNG nebo JPEG; typ se ověřuje podle obsahu souboru."
)


def _checked(form: forms.BaseForm, name: str, allowed: set[str]):
    """Check an uploaded file by content and size; remember its content type on the form."""
    upload = form.cleaned_data.get(name)
    if upload:
        form.upload_content_type = check_upload(upload, allowed=allowed)
    return upload


class DocumentForm(SpojkaModelForm):
    """A new document with its first version."""

    file = forms.FileField(label=_("soubor"), help_text=LIBRARY_TYPES_HELP)

    class Meta:
        model = Document
        fields = ["doc_type", "title", "issued_on", "description", "visible_to_partners"]

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].queryset = unit.descriptions.all()
        self.upload_content_type = ""

    def clean_file(self):
        return _checked(self, "file", LIBRARY_TYPES)


class DocumentEditForm(SpojkaModelForm):
    class Meta:
        model = Document
        fields = ["doc_type", "title", "issued_on", "description", "visible_to_partners"]

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].queryset = unit.descriptions.all()


class VersionForm(SpojkaModelForm):
    class Meta:
        model = DocumentVersion
        fields = ["file", "note"]
        help_texts = {"file": LIBRARY_TYPES_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_content_type = ""

    def clean_file(self):
        return _checked(self, "file", LIBRARY_TYPES)


class ResolutionForm(SpojkaModelForm):
    class Meta:
        model = Resolution
        fields = ["organ", "number", "adopted_on", "subject", "document"]
        widgets = {"subject": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, unit: TerritorialUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["document"].queryset = unit.documents.order_by("title")

    def clean(self):
        data = super().clean()
        number, organ = data.get("number"), data.get("organ")
        if number and organ and self.unit.resolutions.filter(number=number.strip(), organ=organ).exists():
            self.add_error("number", _("Usnesení s tímto číslem je už zapsáno."))
        return data


class UnitTemplateForm(SpojkaModelForm):
    """An edited DOCX template, accepted only if it renders with the unit's own data."""

    class Meta:
        model = UnitTemplate
        fields = ["file"]
        help_texts = {
            "file": _(
                "Stáhněte si současnou šablonu, upravte ji ve Wordu nebo LibreOffice a nahrajte zpět. "
                "Značky v dvojitých složených závorkách ponechte."
            )
        }

    def __init__(self, *args, unit: TerritorialUnit, spec: DocumentSpec, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.spec = unit, spec

    def clean_file(self):
        upload = _checked(self, "file", {DOCX})
        if not upload:
            return upload
        context = self.spec.sample_context(self.unit)
        if context is None:
            raise ValidationError(
                _("Šablonu nelze ověřit: územní celek zatím nemá údaje, kterými by se dala vyplnit.")
            )
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
        try:
            render_docx(
                template=content,
                context={**context, "publicity": publicity_context(self.unit)},
                filename="kontrola.docx",
                strict=True,
            )
        except Exception as exc:  # any failure of a user's template is a validation error
            logger.info("uploaded template refused: %s", exc)
            raise ValidationError(_template_problem(exc)) from exc
        return upload


class DocumentSettingsForm(SpojkaModelForm):
    """How the unit's generated documents look: signature places, attendance sheets, publicity."""

    class Meta:
        model = DocumentSettings
        fields = [
            "signature_place",
            "agency_signature_place",
            "attendance_blank_rows",
            "show_publicity",
            "publicity_logo",
            "certificate_issuer",
            "certificate_signatory",
            "certificate_signatory_role",
        ]
        error_messages = {
            "attendance_blank_rows": {
                "max_value": _("Nejvýše 40 prázdných řádků."),
                "invalid": _("Zadejte celé číslo, např. 5."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_content_type = ""

    def clean_publicity_logo(self):
        upload = self.cleaned_data.get("publicity_logo")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.upload_content_type = check_upload(upload, allowed={PNG, JPEG})
            _check_image_embeds(upload)
        return upload

    def clean_signature_place(self):
        place = self.cleaned_data["signature_place"].strip()
        if place and not re.match(r"^(V|Ve) \S", place):
            raise ValidationError(
                _("Napište místo s předložkou v 6. pádě, např. „V Jihlavě“ nebo „Ve Zlíně“.")
            )
        return place


def _check_image_embeds(upload) -> None:
    """The logo goes into PDFs and Word documents: refuse an image Word's reader cannot embed."""
    from docx.image.image import Image

    upload.seek(0)
    try:
        Image.from_blob(upload.read())
    except Exception as error:  # a damaged image fails in many ways inside the parser
        logger.info("Logo refused: %s", error)
        raise ValidationError(
            _("Obrázek je poškozený nebo nečitelný; uložte ho znovu jako PNG nebo JPEG.")
        ) from None
    finally:
        upload.seek(0)


PKCS12_MAX_BYTES = 64 * 1024


class SignForm(forms.Form):
    """A signer's certificate for one signing; the file and password are never stored."""

    certificate = forms.FileField(
        label=_("certifikát pro podpis (PKCS#12)"),
        help_text=_("Soubor .p12 nebo .pfx s vaším certifikátem a soukromým klíčem; Spojka ho neukládá."),
    )
    password = forms.CharField(
        label=_("heslo k certifikátu"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )
    reason = forms.CharField(label=_("důvod podpisu"), max_length=200, required=False)
    location = forms.CharField(label=_("místo podpisu"), max_length=100, required=False)

    def clean_certificate(self) -> bytes:
        upload = self.cleaned_data["certificate"]
        if upload.size > PKCS12_MAX_BYTES:
            raise ValidationError(
                _("Soubor certifikátu je příliš velký; certifikát PKCS#12 má obvykle několik kB.")
            )
        content = upload.read()
        # PKCS#12 is DER: an ASN.1 SEQUENCE. Anything else is refused before the parser sees it.
        if not content.startswith(b"\x30"):
            raise ValidationError(_("Soubor není certifikát PKCS#12 (.p12 nebo .pfx)."))
        return content


def _template_problem(exc: Exception) -> str:
    """What is wrong with an uploaded template, in Czech (never the library's own English text)."""
    if isinstance(exc, TemplateTooExpensive):
        reason = _(
            "vyplňovala by se příliš dlouho nebo by byla příliš velká (například vnořené cykly nebo velká "
            "čísla ve značkách). Zjednodušte ji."
        )
    elif isinstance(exc, UndefinedError):
        match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
        name = next((g for g in match.groups() if g), "") if match else ""
        reason = _("značku „%(name)s“ Spojka nezná. Porovnejte značky se staženou šablonou.") % {
            "name": name[:80]
        }
    elif isinstance(exc, TemplateSyntaxError):
        reason = _(
            "značky jsou chybně zapsané (například neuzavřená složená závorka nebo cyklus bez konce). "
            "Porovnejte je se staženou šablonou."
        )
    elif isinstance(exc, SecurityError):
        reason = _("šablona se pokouší o operaci, kterou Spojka nedovoluje.")
    else:
        reason = _(
            "zkontrolujte značky v dvojitých složených závorkách a porovnejte je se staženou šablonou."
        )
    return _("Šablonu se nepodařilo vyplnit údaji územního celku: %(reason)s") % {"reason": reason}
