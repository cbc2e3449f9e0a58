from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.accounts.models import Membership, Role
from spojka.compliance import evaluation, services, stored
from spojka.compliance import overview as overview_service
from spojka.compliance.engine import STATUS_CHOICES, Status
from spojka.compliance.forms import ActivityForm, EvidenceForm, RenewalForm, RuleForm
from spojka.compliance.models import Rule
from spojka.compliance.summary import first_open_tasks, unit_summary
from spojka.cooperation.models import CooperationDescription, Region, TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.lib.audit import history_for
from spojka.lib.czech import date_short
from spojka.lib.downloads import download
from spojka.lib.forms import add_service_errors
from spojka.trash.views import confirm_delete

# How long before the end of validity the dashboard warns (days).
VALIDITY_WARNING_DAYS = 90
TASKS_SHOWN = 10  # the earliest due; the task list has them all


# Rules that need no attention now: collapsed on the dashboard.
QUIET_STATUSES = (Status.MET, Status.NOT_STARTED, Status.NO_RULE)


def _worst_first(statuses: list[evaluation.ActivityStatus]) -> list[evaluation.ActivityStatus]:
    """Activities and their rules with the failed and at-risk first (stable within a severity)."""
    ordered = sorted(statuses, key=lambda a: -a.status.severity)
    return [
        evaluation.ActivityStatus(
            activity=a.activity, status=a.status, rules=sorted(a.rules, key=lambda r: -r.status.severity)
        )
        for a in ordered
    ]


# --- Unit dashboard ---------------------------------------------------------------------------


@unit_view()
def dashboard(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    description = evaluation.current_descriptions([unit], today).get(unit.pk)
    # The token the statuses are read at also keys the rendered schedule (the template's {% cache %}).
    version = stored.unit_versions({unit.pk})[unit.pk] if description else None
    statuses = (
        stored.statuses_for([description], today, versions={unit.pk: version})[description.pk]
        if description
        else []
    )
    tasks = first_open_tasks(unit, TASKS_SHOWN)  # also the summary's overdue ones (the first of them)
    summary = unit_summary(
        unit=unit, description=description, statuses=statuses, today=today, first_open=tasks
    )
    days_left = summary.validity.days_left if summary.validity and summary.validity.is_valid else None
    return render(
        request,
        "compliance/dashboard.html",
        {
            "unit": unit,
            "description": description,
            "summary": summary,
            "statuses": _worst_first(statuses),
            "status_version": version,
            "quiet_statuses": QUIET_STATUSES,
            "today": today,
            "validity_warning": days_left is not None and days_left <= VALIDITY_WARNING_DAYS,
            "tasks": tasks,
            "task_counts": {"open": summary.open_count, "overdue": summary.overdue_count},
            "training": summary.training,
        },
    )


# --- Schedule: activities and rules -------------------------------------------------------------


@unit_view(write=True)
def activity_form(
    request: HttpRequest, unit: TerritorialUnit, description: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk:
        activity = get_object_or_404(unit.schedule_activities.select_related("description"), pk=pk)
        owner = activity.description
    else:
        owner = get_object_or_404(unit.descriptions, pk=description)
        activity = None
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.unit, obj.description = unit, owner
        obj.save()
        messages.success(request, _("Činnost byla uložena."))
        return redirect("compliance:dashboard", unit=unit.slug)
    return render(
        request,
        "compliance/activity_form.html",
        {
            "unit": unit,
            "form": form,
            "activity": activity,
            "owner": owner,
            "rules": activity.rules.all() if activity else [],
            "history": history_for(activity) if activity else [],
        },
    )


@unit_view(write=True)
def rule_form(
    request: HttpRequest, unit: TerritorialUnit, activity: int | None = None, pk: int | None = None
):
    if pk:
        rule = get_object_or_404(unit.schedule_rules.select_related("activity"), pk=pk)
        owner = rule.activity
    else:
        owner = get_object_or_404(unit.schedule_activities, pk=activity)
        rule = None
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.unit, obj.activity = unit, owner
        obj.save()
        messages.success(request, _("Pravidlo bylo uloženo."))
        return redirect(obj)
    return render(
        request, "compliance/rule_form.html", {"unit": unit, "form": form, "rule": rule, "activity": owner}
    )


@unit_view(write=True)
def rule_delete(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """Asks first; the rule goes to the trash with its evidence links, restorable for 30 days."""
    rule = get_object_or_404(unit.schedule_rules, pk=pk)
    return confirm_delete(
        request,
        unit=unit,
        obj=rule,
        question=_("Odebrat pravidlo „%(rule)s“ z harmonogramu?") % {"rule": rule},
        back_url=rule.get_absolute_url(),
        done_url=reverse("compliance:dashboard", kwargs={"unit": unit.slug}),
        restore_path=rule.get_absolute_url(),
    )


def _rule_or_404(unit: TerritorialUnit, pk: int) -> Rule:
    return get_object_or_404(unit.schedule_rules.select_related("activity__description"), pk=pk)


def _evidence_choices(unit: TerritorialUnit, rule: Rule) -> list[tuple[str, str]]:
    """Meetings (for a frequency rule) or documents (otherwise) of the unit, newest first."""
    choices = []
    if rule.counts_meetings:
        for pk, title, starts_at in unit.meetings.order_by("-starts_at").values_list(
            "pk", "title", "starts_at"
        )[:300]:
            choices.append(
                (f"{evaluation.MEETING}:{pk}", f"{date_short(timezone.localtime(starts_at))} – {title}")
            )
    elif rule.counts_documents:
        for pk, title, issued_on in unit.documents.order_by("-issued_on", "-pk").values_list(
            "pk", "title", "issued_on"
        )[:300]:
            choices.append((f"{evaluation.DOCUMENT}:{pk}", f"{date_short(issued_on) or '–'} – {title}"))
        for pk, title, starts_on in unit.training_events.order_by("-starts_on", "-pk").values_list(
            "pk", "title", "starts_on"
        )[:100]:
            label = _("vzdělávací akce")
            choices.append((f"{evaluation.TRAINING}:{pk}", f"{date_short(starts_on)} – {title} ({label})"))
    return choices


def _rule_status(rule: Rule, today: date) -> evaluation.RuleStatus:
    statuses = stored.statuses_of(rule.activity.description, today)
    return next(r for a in statuses for r in a.rules if r.rule.pk == rule.pk)


def _rule_page(
    request: HttpRequest, unit: TerritorialUnit, rule: Rule, form: EvidenceForm, status: int = 200
):
    today = timezone.localdate()
    return render(
        request,
        "compliance/rule_detail.html",
        {
            "unit": unit,
            "rule": rule,
            "status": _rule_status(rule, today),
            "form": form,
            "links": rule.links.select_related("meeting", "document", "training").order_by("pk"),
            "today": today,
            "history": history_for(rule),
        },
        status=status,
    )


@unit_view()
def rule_detail(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    rule = _rule_or_404(unit, pk)
    return _rule_page(request, unit, rule, EvidenceForm(choices=_evidence_choices(unit, rule)))


@unit_view(write=True)
@require_POST
def evidence_add(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    rule = _rule_or_404(unit, pk)
    form = EvidenceForm(request.POST, choices=_evidence_choices(unit, rule))
    if form.is_valid():
        kind, object_id = form.cleaned_data["item"]
        try:
            services.evidence_set(
                rule=rule,
                kind=kind,
                object_id=object_id,
                included=form.cleaned_data["included"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Doklad byl u pravidla zaznamenán."))
            return redirect(rule)
    return _rule_page(request, unit, rule, form, status=422)


@unit_view(write=True)
@require_POST
def evidence_reset(request: HttpRequest, unit: TerritorialUnit, pk: int, link: int) -> HttpResponse:
    rule = _rule_or_404(unit, pk)
    services.evidence_reset(link=get_object_or_404(rule.links.filter(unit=unit), pk=link))
    messages.success(request, _("Ruční úprava byla zrušena, doklad se posuzuje automaticky."))
    return redirect(rule)


# --- Renewal ---------------------------------------------------------------------------------


def _renewal_initial(description: CooperationDescription) -> dict:
    """The new validity proposed: from the day after the old one ends, for as long as it lasted."""
    if not (description.valid_from and description.valid_to):
        return {}
    start = description.valid_to + timedelta(days=1)
    years = description.validity_years  # "2 roky" stays two years, whatever the leap days
    end = (
        start + relativedelta(years=years) - timedelta(days=1)
        if years
        else start + (description.valid_to - description.valid_from)
    )
    return {"valid_from": start, "valid_to": end}


@unit_view(write=True)
def description_renew(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """ "Navázat novým popisem spolupráce": a draft for the next period, prefilled from this one."""
    description = get_object_or_404(unit.descriptions, pk=pk)
    form = RenewalForm(request.POST or None, initial=_renewal_initial(description))
    if request.method == "POST" and form.is_valid():
        try:
            renewal, left_behind = services.description_renew(description=description, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Byl založen navazující popis spolupráce (návrh, verze %(v)s).") % {"v": renewal.version},
            )
            if left_behind:
                messages.info(
                    request,
                    _("Jednorázové termíny minulého období se nepřenesly: %(n)s.") % {"n": left_behind},
                )
            return redirect(renewal)
    return render(
        request,
        "compliance/description_renew.html",
        {"unit": unit, "description": description, "form": form},
        status=422 if form.errors else 200,
    )


# --- Agency overview --------------------------------------------------------------------------


def _overview_units(request: HttpRequest):
    user = request.user
    if user.is_agency_admin:
        return TerritorialUnit.objects.all()
    units = TerritorialUnit.objects.filter(
        memberships__in=Membership.objects.active().filter(user=user, role=Role.CONSULTANT)
    )
    if not units.exists():
        raise PermissionDenied
    return units


def _overview_params(request: HttpRequest) -> dict:
    # Only values the filter offers: anything else (a NUL PostgreSQL refuses, a made-up region) is
    # "no filter", never a database error.
    region, status = request.GET.get("region", ""), request.GET.get("status", "")
    return {
        "region": region if region in Region.values else "",
        "status": status if status in dict(STATUS_CHOICES) else "",
        "sort": request.GET.get("sort", "name"),  # an unknown sort is the default (ORDERINGS)
    }


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    units = _overview_units(request)
    params = _overview_params(request)
    page = overview_service.overview_page(
        units=units, today=timezone.localdate(), page=request.GET.get("strana"), **params
    )
    return render(
        request,
        "compliance/overview.html",
        {
            "page": page,
            "rows": page.object_list,
            "params": params,
            "regions": Region.choices,
            "status_choices": STATUS_CHOICES,
            "sort_choices": overview_service.SORT_CHOICES,
        },
    )


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    rows = overview_service.overview_rows(
        units=_overview_units(request), today=timezone.localdate(), **_overview_params(request)
    )
    content = overview_service.overview_xlsx(rows=rows)
    return download(content, f"prehled-plneni-{timezone.localdate():%Y-%m-%d}.xlsx")
