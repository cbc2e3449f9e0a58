"""The agency's pages across units: the home with one row per unit, its export, the consultant's home."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import Membership, Role, User
from spojka.agency import home as home_service
from spojka.agency import mine
from spojka.agency import report as report_service
from spojka.agency.facts import STATE_CHOICES, totals, unit_facts
from spojka.agency.forms import AgencyStatementForm, SupportPeriodForm
from spojka.agency.models import AgencyStatement, ProjectReport, SupportPeriod, SupportType
from spojka.cooperation.forms import MemorandumForm
from spojka.cooperation.models import Region, TerritorialUnit
from spojka.cooperation.tenancy import agency_admin_required
from spojka.lib.downloads import PDF, XLSX, download, download_file
from spojka.lib.pagination import paginate

PAGE_SIZE = 50


def visible_units(user) -> QuerySet[TerritorialUnit]:
    """Every unit for an agency admin, the units of the user's active consultant memberships for a
    consultant; anybody else is refused."""
    if user.is_agency_admin:
        return TerritorialUnit.objects.all()
    units = TerritorialUnit.objects.filter(
        pk__in=Membership.objects.active().filter(user=user, role=Role.CONSULTANT).values("unit_id")
    )
    if not units.exists():
        raise PermissionDenied
    return units


def _consultant_choices(units: QuerySet[TerritorialUnit]) -> list[User]:
    return list(
        User.objects.filter(
            memberships__in=Membership.objects.active().filter(role=Role.CONSULTANT, unit__in=units)
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    units = visible_units(request.user)
    params = home_service.Params.from_query(request.GET)
    rows = home_service.rows(units=units, params=params, today=today)
    page = paginate(request, rows, per_page=PAGE_SIZE)
    home_service.with_validity(page.object_list, today)
    without_email = home_service.users_without_email(units) if request.user.is_agency_admin else []
    return render(
        request,
        "agency/home.html",
        {
            "page": page,
            "rows": page.object_list,
            "totals": totals(rows),
            "params": params,
            "query": params.query(),
            "sort_links": home_service.sort_links(params),
            "regions": Region.choices,
            "states": STATE_CHOICES,
            "support_types": SupportType.choices,
            "consultants": _consultant_choices(units),
            "without_email": without_email,
            "today": today,
            "ending_days": home_service.ENDING_DAYS,
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    params = home_service.Params.from_query(request.GET)
    rows = home_service.rows(units=visible_units(request.user), params=params, today=today)
    home_service.with_validity(rows, today)
    return download(home_service.rows_xlsx(rows, today=today), f"agentura-{today:%Y-%m-%d}.xlsx")


@login_required
def my_units(request: HttpRequest) -> HttpResponse:
    """The consultant's units together; the agency admin sees the units they consult, else all."""
    today = timezone.localdate()
    units = visible_units(request.user)
    if request.user.is_agency_admin:
        own = units.filter(
            pk__in=Membership.objects.active()
            .filter(user=request.user, role=Role.CONSULTANT)
            .values("unit_id")
        )
        units = own if own.exists() else units
    choices = list(units.order_by("name").only("name", "slug"))
    chosen = request.GET.get("celek", "")
    if chosen and chosen in {u.slug for u in choices}:
        units = units.filter(slug=chosen)
    else:
        chosen = ""
    data = mine.my_units(units, today)
    return render(
        request,
        "agency/my_units.html",
        {
            "data": data,
            "choices": choices,
            "chosen": chosen,
            "today": today,
            "deadline_days": mine.DEADLINE_DAYS,
            "meeting_days": mine.MEETING_DAYS,
        },
    )


# --- Memoranda, support and statements of one unit (agency admins) ---------------------------------


def _unit(slug: str) -> TerritorialUnit:
    return get_object_or_404(TerritorialUnit, slug=slug)


@agency_admin_required
def unit_record(request: HttpRequest, unit: str) -> HttpResponse:
    unit = _unit(unit)
    return render(
        request,
        "agency/unit_record.html",
        {
            "unit": unit,
            "memoranda": unit.memoranda.select_related("replaces").order_by("-signed_on"),
            "periods": unit.support_periods.order_by("-starts_on"),
            "statements": unit.agency_statements.select_related("plan").order_by("-issued_on"),
        },
    )


def _form_page(request, unit, form, title: str, message: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, message)
        return redirect("agency:unit_record", unit=unit.slug)
    return render(request, "agency/record_form.html", {"unit": unit, "form": form, "title": title})


@agency_admin_required
def memorandum_form(request: HttpRequest, unit: str, pk: int | None = None) -> HttpResponse:
    unit = _unit(unit)
    memorandum = get_object_or_404(unit.memoranda, pk=pk) if pk else None
    form = MemorandumForm(request.POST or None, instance=memorandum, unit=unit)
    return _form_page(request, unit, form, _("Memorandum o spolupráci"), _("Memorandum bylo uloženo."))


@agency_admin_required
def support_form(request: HttpRequest, unit: str, pk: int | None = None) -> HttpResponse:
    unit = _unit(unit)
    period = get_object_or_404(unit.support_periods, pk=pk) if pk else SupportPeriod(unit=unit)
    form = SupportPeriodForm(request.POST or None, instance=period)
    return _form_page(request, unit, form, _("Období podpory"), _("Období podpory bylo uloženo."))


@agency_admin_required
def statement_create(request: HttpRequest, unit: str) -> HttpResponse:
    unit = _unit(unit)
    form = AgencyStatementForm(request.POST or None, instance=AgencyStatement(unit=unit))
    return _form_page(
        request, unit, form, _("Stanovisko agentury k plánu"), _("Stanovisko agentury bylo uloženo.")
    )


# --- Project report ----------------------------------------------------------------------------


@agency_admin_required
def project_report(request: HttpRequest) -> HttpResponse:
    """Choose a year, generate its report (PDF + XLSX) and keep it as submitted; earlier ones listed."""
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - 10, -1))
    if request.method == "POST":
        year = request.POST.get("rok", "")
        if not year.isdigit() or int(year) not in years:
            messages.error(request, _("Vyberte rok ze seznamu."))
            return redirect("agency:project_report")
        report = report_service.submit(units=TerritorialUnit.objects.all(), year=int(year), user=request.user)
        messages.success(request, _("Zpráva projektu za rok %(year)s byla uložena.") % {"year": report.year})
        return redirect("agency:project_report")
    return render(
        request,
        "agency/project_report.html",
        {
            "years": years,
            "default_year": this_year - 1,
            "reports": ProjectReport.objects.select_related("submitted_by")[:50],
        },
    )


@agency_admin_required
def project_report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_object_or_404(ProjectReport, pk=pk)
    field = {"pdf": report.pdf, "xlsx": report.xlsx}.get(fmt)
    if not field:
        raise Http404
    content_type = PDF if fmt == "pdf" else XLSX
    return download_file(field, f"zprava-projektu-{report.year}.{fmt}", content_type=content_type)


__all__ = ["home", "export", "my_units", "visible_units", "unit_facts"]
