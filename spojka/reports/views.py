"""The generated reports: the cooperation description, the annual report and the PSZ report."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.cooperation.validity import IN_FORCE_STATUSES
from spojka.documents.models import DocumentType, TemplateKind
from spojka.documents.render import FORMAT_CHOICES, RenderedDocument, check_format
from spojka.documents.services import store_rendered
from spojka.plans import selectors as plan_selectors
from spojka.reports import generators, psz
from spojka.reports.forms import GenerateForm


def _report_years(descriptions) -> list[int]:
    """Years an annual report can be made for: those of descriptions in force, up to this year.

    While no description has come into force, the years of the drafts' dates (for a preview).
    """
    this_year = timezone.localdate().year
    in_force = [d for d in descriptions if d.status in IN_FORCE_STATUSES and d.valid_from]
    years: set[int] = set()
    for d in in_force or descriptions:
        if d.valid_from:
            last = d.valid_to.year if d.valid_to else this_year
            years.update(range(d.valid_from.year, (min(last, this_year) if in_force else last) + 1))
    return sorted(years, reverse=True) or [this_year]


@unit_view()
def outputs(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    descriptions = list(unit.descriptions.order_by("-version"))
    return render(
        request,
        "reports/outputs.html",
        {
            "unit": unit,
            "descriptions": descriptions,
            "years": _report_years(descriptions),
            "formats": FORMAT_CHOICES,
        },
    )


@unit_view()
def generate_description(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    description = get_object_or_404(unit.descriptions.select_related("memorandum", "unit"), pk=pk)
    return generators.generate_description(description, check_format(fmt)).as_download()


@unit_view()
def generate_report(request: HttpRequest, unit: TerritorialUnit, year: int, fmt: str) -> HttpResponse:
    fmt = check_format(fmt)
    description = generators.description_for_year(unit, year)
    if description is None:
        raise Http404
    return generators.generate_report(description, year, fmt).as_download()


@unit_view(write=True)
@require_POST
def save_generated(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """Generate a document now and keep exactly that file in the library as a new version."""
    form = GenerateForm(request.POST, unit=unit)
    if not form.is_valid():
        return render(request, "reports/save_generated_error.html", {"unit": unit, "form": form}, status=422)
    kind, fmt = form.cleaned_data["kind"], form.cleaned_data["fmt"]
    if kind == TemplateKind.COOPERATION_DESCRIPTION:
        description = form.cleaned_data["description"]
        rendered: RenderedDocument = generators.generate_description(description, fmt, archival=True)
        title = _("Popis spolupráce, verze %(v)s") % {"v": description.version}
        doc_type, issued_on = DocumentType.OTHER, description.approved_on
    else:
        year = form.cleaned_data["year"]
        description = generators.description_for_year(unit, year)
        rendered = generators.generate_report(description, year, fmt, archival=True)
        title = _("Zpráva o plnění popisu spolupráce za rok %(y)s") % {"y": year}
        doc_type, issued_on = DocumentType.COOP_REPORT, timezone.localdate()
    version = store_rendered(
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


@unit_view()
def plan_report(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    """The PSZ fulfilment report (zpráva o plnění PSZ) as PDF or DOCX."""
    fmt = check_format(fmt)
    plan = plan_selectors.plan_with_tree(unit, pk)
    return psz.generate_psz_report(plan, fmt, year=_psz_year(plan, request.GET.get("rok"))).as_download()


def _psz_year(plan, value) -> int:
    """The year the PSZ report is as of: ``rok`` when it is one of the plan's years, else this year
    (within the plan's years)."""
    text = str(value or "")
    if text.isascii() and text.isdigit() and plan.year_from <= int(text) <= plan.year_to:
        return int(text)
    return psz.report_year(plan)


@unit_view(write=True)
@require_POST
def plan_report_save(request: HttpRequest, unit: TerritorialUnit, pk: int, fmt: str) -> HttpResponse:
    """Keep the PSZ report exactly as generated now in the document library, as a new version."""
    fmt = check_format(fmt)
    plan = plan_selectors.plan_with_tree(unit, pk)
    year = _psz_year(plan, request.POST.get("rok") or request.GET.get("rok"))
    version = store_rendered(
        unit=unit,
        rendered=psz.generate_psz_report(plan, fmt, year=year, archival=True),
        doc_type=DocumentType.PSZ_REPORT,
        title=_("Zpráva o plnění PSZ %(period)s") % {"period": f"{plan.year_from}–{plan.year_to}"},
        user=request.user,
        issued_on=timezone.localdate(),
        subject=plan,
    )
    messages.success(
        request, _("Zpráva byla uložena do knihovny dokumentů jako verze %(n)s.") % {"n": version.number}
    )
    return redirect(version.document)
