from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.accounts.models import Role
from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.documents import services
from spojka.documents.forms import (
    DocumentEditForm,
    DocumentForm,
    DocumentSettingsForm,
    ResolutionForm,
    SignForm,
    UnitTemplateForm,
    VersionForm,
)
from spojka.documents.models import Document, DocumentSettings, DocumentType, DocumentVersion, TemplateKind
from spojka.documents.render import registered, spec_for, template_source
from spojka.documents.signing import SigningError
from spojka.lib import downloads, evidence, xlsx
from spojka.lib.audit import history_for
from spojka.lib.forms import search_query
from spojka.lib.pagination import paginate
from spojka.lib.search import search

PAGE_SIZE = 50


def _documents(request: HttpRequest, unit: TerritorialUnit) -> QuerySet[Document]:
    """The unit's documents this user may see: partners only those marked visible to partners."""
    documents = unit.documents.all()
    if request.access.role == Role.PARTNER:
        documents = documents.filter(visible_to_partners=True)
    return documents


def _document_or_404(request: HttpRequest, unit: TerritorialUnit, pk: int) -> Document:
    return get_object_or_404(_documents(request, unit).select_related("description"), pk=pk)


# --- Library ----------------------------------------------------------------------------------


def _filtered_library(request: HttpRequest, unit: TerritorialUnit):
    """The library's documents as filtered (kind and text); the list and its export share it."""
    doc_type = request.GET.get("druh", "")
    query = search_query(request.GET.get("q"))
    documents = (
        _documents(request, unit)
        .select_related("description")
        .annotate(version_count=Count("versions"), last_version_at=Max("versions__created_at"))
        .order_by("-issued_on", "-pk")
    )
    if doc_type in DocumentType.values:
        documents = documents.filter(doc_type=doc_type)
    return doc_type, query, search(documents, query, ["title"])


@unit_view()
def library_export(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """The library list as XLSX, filtered as the list is."""
    _doc_type, _query, documents = _filtered_library(request, unit)
    columns = [
        xlsx.Column(_("Název"), width=50, wrap=True),
        xlsx.Column(_("Druh"), width=30),
        xlsx.Column(_("Datum"), "date", 12),
        xlsx.Column(_("Popis spolupráce (verze)"), "int", 12),
        xlsx.Column(_("Verzí"), "int", 8),
        xlsx.Column(_("Poslední verze"), "datetime", 18),
        xlsx.Column(_("Pro partnery"), width=12),
    ]
    rows = (
        [
            d.title,
            d.get_doc_type_display(),
            d.issued_on,
            d.description.version if d.description else None,
            d.version_count,
            timezone.localtime(d.last_version_at) if d.last_version_at else None,
            _("ano") if d.visible_to_partners else _("ne"),
        ]
        for d in documents
    )
    return xlsx.response(_("Dokumenty"), columns, rows, f"dokumenty-{unit.slug}.xlsx")


@unit_view()
def library(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    doc_type, query, documents = _filtered_library(request, unit)
    page = paginate(request, documents, per_page=PAGE_SIZE)
    return render(
        request,
        "documents/library.html",
        {"unit": unit, "page": page, "types": DocumentType.choices, "doc_type": doc_type, "query": query},
    )


@unit_view(write=True)
def document_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        document = services.document_create(
            unit=unit,
            doc_type=form.cleaned_data["doc_type"],
            title=form.cleaned_data["title"],
            issued_on=form.cleaned_data["issued_on"],
            description=form.cleaned_data["description"],
            visible_to_partners=form.cleaned_data["visible_to_partners"],
            content=upload.read(),
            filename=upload.name,
            content_type=form.upload_content_type,
            user=request.user,
        )
        messages.success(request, _("Dokument byl nahrán."))
        return redirect(document)
    return render(request, "documents/document_form.html", {"form": form, "unit": unit})


@unit_view()
def document_detail(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    document = _document_or_404(request, unit, pk)
    subject = document.subject if document.content_type_id else None
    versions = list(document.versions.select_related("created_by").prefetch_related("signatures"))
    return render(
        request,
        "documents/document_detail.html",
        {
            "unit": unit,
            "document": document,
            "subject": subject,
            "versions": versions,
            "signatures": [(v.number, s) for v in versions for s in v.signatures.all()],
            "resolutions": document.resolutions.all(),
            "history": history_for(document),
            "counted_as": evidence.counted_as_evidence(
                unit=unit, kind=evidence.DOCUMENT, object_id=document.pk
            ),
            "counted_as_item": f"{evidence.DOCUMENT}:{document.pk}",
        },
    )


@unit_view(write=True)
def document_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    document = _document_or_404(request, unit, pk)
    form = DocumentEditForm(request.POST or None, instance=document, unit=unit)
    if request.method == "POST" and form.is_valid():
        document = form.save()
        messages.success(request, _("Změny byly uloženy."))
        return redirect(document)
    return render(request, "documents/document_edit.html", {"form": form, "unit": unit, "document": document})


@unit_view(write=True)
def version_create(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    document = _document_or_404(request, unit, pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        version = services.version_add(
            document=document,
            content=upload.read(),
            filename=upload.name,
            content_type=form.upload_content_type,
            user=request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Byla nahrána verze %(n)s.") % {"n": version.number})
        return redirect(document)
    return render(request, "documents/version_form.html", {"form": form, "unit": unit, "document": document})


@unit_view()
def download(request: HttpRequest, unit: TerritorialUnit, pk: int, number: int) -> HttpResponse:
    document = _document_or_404(request, unit, pk)
    version: DocumentVersion = get_object_or_404(document.versions, number=number)
    return downloads.download_file(version.file, version.filename, content_type=version.content_type)


# --- Resolutions ------------------------------------------------------------------------------


@unit_view()
def resolution_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    resolutions = unit.resolutions.select_related("document").order_by("-adopted_on", "-pk")
    return render(request, "documents/resolution_list.html", {"unit": unit, "resolutions": resolutions})


@unit_view(write=True)
def resolution_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    # Coming from a document's page ("Zapsat usnesení k dokumentu"), the document is preselected;
    # the form's queryset still limits the choice to this unit's documents.
    initial = {"document": request.GET.get("dokument")} if request.GET.get("dokument", "").isdigit() else {}
    form = ResolutionForm(request.POST or None, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        resolution = form.save(commit=False)
        resolution.unit = unit
        resolution.number = resolution.number.strip()
        resolution.save()
        messages.success(request, _("Usnesení bylo zapsáno."))
        return redirect("documents:resolution_list", unit=unit.slug)
    return render(request, "documents/resolution_form.html", {"form": form, "unit": unit})


# --- Unit templates ---------------------------------------------------------------------------


@unit_view()
def template_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """Every kind of generated document with its Word template: built-in or the unit's own."""
    custom = {t.kind: t for t in unit.document_templates.select_related("uploaded_by")}
    return render(
        request,
        "documents/template_list.html",
        {
            "unit": unit,
            "templates": [
                (kind, label, custom.get(kind))
                for kind, label in TemplateKind.choices
                if kind in registered()
            ],
        },
    )


@unit_view(write=True)
def template_upload(request: HttpRequest, unit: TerritorialUnit, kind: str) -> HttpResponse:
    spec = spec_for(kind)
    current = unit.document_templates.filter(kind=kind).first()
    form = UnitTemplateForm(request.POST or None, request.FILES or None, unit=unit, spec=spec)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        services.template_replace(
            unit=unit, kind=kind, content=upload.read(), filename=upload.name, user=request.user
        )
        messages.success(request, _("Šablona byla ověřena a uložena; dokumenty se nyní vytvářejí podle ní."))
        return redirect("documents:template_list", unit=unit.slug)
    return render(
        request,
        "documents/template_form.html",
        {
            "unit": unit,
            "form": form,
            "kind": kind,
            "kind_label": TemplateKind(kind).label,
            "current": current,
            "history": history_for(current) if current else [],
        },
    )


@unit_view(write=True)
def template_download(request: HttpRequest, unit: TerritorialUnit, kind: str) -> HttpResponse:
    source = template_source(unit, spec_for(kind))
    content = source if isinstance(source, bytes) else source.read_bytes()
    return downloads.download(content, f"sablona-{kind}-{unit.slug}.docx")


@unit_view(write=True)
@require_POST
def template_reset(request: HttpRequest, unit: TerritorialUnit, kind: str) -> HttpResponse:
    services.template_reset(unit=unit, kind=spec_for(kind).kind)
    messages.success(request, _("Obnovena výchozí šablona."))
    return redirect("documents:template_list", unit=unit.slug)


# --- Settings of the generated documents ------------------------------------------------------


@unit_view(write=True)
def document_settings(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """Signature places, blank rows of attendance sheets, publicity footer, certificate issuer."""
    instance = DocumentSettings.for_unit(unit)
    form = DocumentSettingsForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.settings_save(form=form, unit=unit)
        messages.success(request, _("Nastavení dokumentů bylo uloženo."))
        return redirect("documents:settings", unit=unit.slug)
    return render(
        request,
        "documents/settings_form.html",
        {
            "unit": unit,
            "form": form,
            "tab": "settings",
            "history": history_for(instance) if instance.pk else [],
        },
    )


# --- Electronic signing -----------------------------------------------------------------------


@unit_view(write=True)
def version_sign(request: HttpRequest, unit: TerritorialUnit, pk: int, number: int) -> HttpResponse:
    """Sign a PDF version with the signer's own certificate (PAdES); the result is a new version."""
    document = _document_or_404(request, unit, pk)
    version = get_object_or_404(document.versions, number=number)
    initial = {"location": unit.name, "reason": _("Schválení dokumentu")}
    form = SignForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            signed = services.version_sign(
                version=version,
                pkcs12=form.cleaned_data["certificate"],
                passphrase=form.cleaned_data["password"],
                reason=form.cleaned_data["reason"],
                location=form.cleaned_data["location"],
                user=request.user,
            )
        except SigningError as error:
            form.add_error(error.field or None, str(error))
        else:
            messages.success(
                request, _("Dokument byl podepsán a uložen jako verze %(n)s.") % {"n": signed.number}
            )
            return redirect(document)
    return render(
        request,
        "documents/version_sign.html",
        {"unit": unit, "document": document, "version": version, "form": form},
        status=422 if form.errors else 200,
    )
