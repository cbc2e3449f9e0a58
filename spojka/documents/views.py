from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.accounts.models import Role
from spojka.cooperation.models import TerritorialUnit
from spojka.core.history import history_for
from spojka.core.tenancy import unit_view
from spojka.documents import generators, services
from spojka.documents.forms import (
    DocumentEditForm,
    DocumentForm,
    GenerateForm,
    ResolutionForm,
    UnitTemplateForm,
    VersionForm,
)
from spojka.documents.models import Document, DocumentType, DocumentVersion, TemplateKind
from spojka.documents.render import DOCX, RenderedDocument, _content_disposition, as_response

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


@unit_view()
def library(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    doc_type = request.GET.get("druh", "")
    documents = (
        _documents(request, unit)
        .select_related("description")
        .annotate(version_count=Count("versions"), last_version_at=Max("versions__created_at"))
        .order_by("-issued_on", "-pk")
    )
    if doc_type in DocumentType.values:
        documents = documents.filter(doc_type=doc_type)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("strana"))
    return render(
        request,
        "documents/library.html",
        {"unit": unit, "page": page, "types": DocumentType.choices, "doc_type": doc_type},
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
    return render(
        request,
        "documents/document_detail.html",
        {
            "unit": unit,
            "document": document,
            "subject": subject,
            "versions": document.versions.select_related("created_by"),
            "resolutions": document.resolutions.all(),
            "history": history_for(document),
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
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=version.content_type)
    response["Content-Disposition"] = _content_disposition(version.filename)
    return response


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


# --- Generated documents ----------------------------------------------------------------------


def _report_years(unit: TerritorialUnit, descriptions) -> list[int]:
    years: set[int] = set()
    for d in descriptions:
        if d.valid_from:
            last = d.valid_to.year if d.valid_to else timezone.localdate().year
            years.update(range(d.valid_from.year, last + 1))
    return sorted(years, reverse=True) or [timezone.localdate().year]


@unit_view()
def outputs(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    descriptions = list(unit.descriptions.order_by("-version"))
    custom = {t.kind: t for t in unit.document_templates.select_related("uploaded_by")}
    return render(
        request,
        "documents/outputs.html",
        {
            "unit": unit,
            "descriptions": descriptions,
            "years": _report_years(unit, descriptions),
            "templates": [(kind, label, custom.get(kind)) for kind, label in TemplateKind.choices],
            "formats": [("pdf", "PDF"), ("docx", "DOCX")],
        },
    )


def _fmt_or_404(fmt: str) -> str:
    if fmt not in generators.FORMATS:
        raise Http404
    return fmt


@unit_view()
def generate_description(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    description = get_object_or_404(unit.descriptions.select_related("memorandum", "unit"), pk=pk)
    return as_response(generators.generate_description(description, _fmt_or_404(fmt)))


@unit_view()
def generate_report(request: HttpRequest, unit: TerritorialUnit, year: int, fmt: str) -> HttpResponse:
    fmt = _fmt_or_404(fmt)
    description = generators.description_for_year(unit, year)
    if description is None:
        raise Http404
    return as_response(generators.generate_report(description, year, fmt))


@unit_view(write=True)
@require_POST
def save_generated(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """Generate a document now and keep exactly that file in the library as a new version."""
    form = GenerateForm(request.POST, unit=unit)
    if not form.is_valid():
        return render(
            request, "documents/save_generated_error.html", {"unit": unit, "form": form}, status=422
        )
    kind, fmt = form.cleaned_data["kind"], form.cleaned_data["fmt"]
    if kind == TemplateKind.COOPERATION_DESCRIPTION:
        description = form.cleaned_data["description"]
        rendered: RenderedDocument = generators.generate_description(description, fmt)
        title = _("Popis spolupráce, verze %(v)s") % {"v": description.version}
        doc_type, issued_on = DocumentType.OTHER, description.approved_on
    else:
        year = form.cleaned_data["year"]
        description = generators.description_for_year(unit, year)
        rendered = generators.generate_report(description, year, fmt)
        title = _("Zpráva o plnění popisu spolupráce za rok %(y)s") % {"y": year}
        doc_type, issued_on = DocumentType.COOP_REPORT, timezone.localdate()
    version = services.store_rendered(
        unit=unit,
        rendered=rendered,
        doc_type=doc_type,
        title=title,
        user=request.user,
        issued_on=issued_on,
        description=description,
    )
    messages.success(
        request,
        _("Vygenerovaný dokument byl uložen do knihovny jako verze %(n)s.") % {"n": version.number},
    )
    return redirect(version.document)


# --- Unit templates ---------------------------------------------------------------------------


def _kind_or_404(kind: str) -> str:
    if kind not in TemplateKind.values:
        raise Http404
    return kind


@unit_view(write=True)
def template_upload(request: HttpRequest, unit: TerritorialUnit, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    current = unit.document_templates.filter(kind=kind).first()
    form = UnitTemplateForm(request.POST or None, request.FILES or None, unit=unit, kind=kind)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        services.template_replace(
            unit=unit, kind=kind, content=upload.read(), filename=upload.name, user=request.user
        )
        messages.success(request, _("Šablona byla ověřena a uložena; dokumenty se nyní vytvářejí podle ní."))
        return redirect("documents:outputs", unit=unit.slug)
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
    kind = _kind_or_404(kind)
    source = generators.template_source(unit, kind)
    content = source if isinstance(source, bytes) else source.read_bytes()
    return as_response(
        RenderedDocument(filename=f"sablona-{kind}-{unit.slug}.docx", content_type=DOCX, content=content)
    )


@unit_view(write=True)
@require_POST
def template_reset(request: HttpRequest, unit: TerritorialUnit, kind: str) -> HttpResponse:
    services.template_reset(unit=unit, kind=_kind_or_404(kind))
    messages.success(request, _("Obnovena výchozí šablona."))
    return redirect("documents:outputs", unit=unit.slug)
