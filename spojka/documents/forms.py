from __future__ import annotations

import logging
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import Document, DocumentVersion, Resolution, UnitTemplate
from spojka.documents.render import DocumentSpec, render_docx
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
            render_docx(template=content, context=context, filename="kontrola.docx", strict=True)
        except Exception as exc:  # any failure of a user's template is a validation error
            logger.info("uploaded template refused: %s", exc)
            raise ValidationError(_template_problem(exc)) from exc
        return upload


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
