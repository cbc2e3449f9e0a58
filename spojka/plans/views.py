from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.lib.audit import history_for, history_rows
from spojka.lib.downloads import download
from spojka.lib.forms import add_service_errors
from spojka.lib.locking import save_unless_changed
from spojka.plans import selectors, services, xlsx
from spojka.plans.chart import indicator_chart
from spojka.plans.forms import (
    ActionForm,
    AreaForm,
    GoalForm,
    ImportForm,
    IndicatorForm,
    IndicatorValueForm,
    MeasureForm,
    MonitoringForm,
    MonitoringStartForm,
    PlanForm,
    StartFromForm,
)
from spojka.plans.models import (
    Goal,
    InclusionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureReport,
    MonitoringRound,
    PlanAction,
    PriorityArea,
)
from spojka.plans.progress import (
    IndicatorRow,
    build_tree,
    indicator_progress,
    measure_progress,
    percent,
)
from spojka.trash.views import confirm_delete

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- Plans ------------------------------------------------------------------------------------


@unit_view()
def plan_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    # The whole trees are loaded (a constant number of queries) so each row shows its roll-up.
    plans = list(selectors.plan_tree_queryset(unit))
    rows = [(plan, build_tree(plan)) for plan in plans]
    return render(request, "plans/plan_list.html", {"unit": unit, "rows": rows})


@unit_view(write=True)
def plan_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    return _plan_form(request, unit, InclusionPlan(unit=unit))


@unit_view(write=True)
def plan_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    return _plan_form(request, unit, selectors.plan_or_404(unit, pk))


def _plan_form(request: HttpRequest, unit: TerritorialUnit, plan: InclusionPlan) -> HttpResponse:
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_save(plan=form.save(commit=False), unit=unit, strategic=form.strategic_lines())
        messages.success(request, _("Plán byl uložen."))
        return redirect(plan)
    return _form_page(
        request,
        unit,
        form,
        title=_("Upravit plán") if plan.pk else _("Nový plán sociálního začleňování"),
        plan=plan if plan.pk else None,
    )


@unit_view()
def plan_detail(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    plan = selectors.plan_with_tree(unit, pk)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "unit": unit,
            "plan": plan,
            "tree": build_tree(plan),
            "rounds": plan.monitoring_rounds.all(),
            "history": history_for(plan),
            # The PSZ report is as of one of the plan's years; this year by default (reports.psz).
            "report_years": range(plan.year_from, plan.year_to + 1),
            "report_year": max(plan.year_from, min(plan.year_to, timezone.localdate().year)),
        },
    )


@unit_view()
def plan_evaluation(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    """Fulfilment of a plan per area and measure: the basis for the next plan."""
    plan = selectors.plan_with_tree(unit, pk)
    return render(
        request, "plans/plan_evaluation.html", {"unit": unit, "plan": plan, "tree": build_tree(plan)}
    )


@unit_view(write=True)
def plan_start_from(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    plan = selectors.plan_with_tree(unit, pk)
    initial = {
        "kind": "psz",
        "title": _("Plán sociálního začleňování"),
        "year_from": plan.year_to + 1,
        "year_to": plan.year_to + 1 + (plan.year_to - plan.year_from),
    }
    form = StartFromForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_plan = services.plan_start_from(
            source=plan,
            kind=data["kind"],
            title=data["title"],
            year_from=data["year_from"],
            year_to=data["year_to"],
            area_ids=form.selected("areas"),
            goal_ids=form.selected("goals"),
            measure_ids=form.selected("measures"),
        )
        messages.success(
            request, _("Nový plán byl založen z vybraných částí plánu %(plan)s.") % {"plan": plan}
        )
        return redirect(new_plan)
    return render(
        request,
        "plans/plan_start_from.html",
        {
            "unit": unit,
            "plan": plan,
            "form": form,
            "tree": build_tree(plan),
            "selected": {name: set(request.POST.getlist(name)) for name in ("areas", "goals", "measures")},
        },
        status=422 if request.method == "POST" else 200,
    )


@unit_view()
def plan_export(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    plan = selectors.plan_with_tree(unit, pk)
    return download(
        xlsx.export_plan(plan), f"plan-{slugify(plan.title)[:60]}-{plan.year_from}-{plan.year_to}.xlsx"
    )


@unit_view(write=True)
def plan_import(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            plan = xlsx.import_plan(unit=unit, content=form.cleaned_data["file"].read())
        except xlsx.ImportErrors as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Plán byl nahrán ze souboru."))
            return redirect(plan)
    return render(
        request,
        "plans/plan_import.html",
        {"unit": unit, "form": form, "errors": errors},
        status=422 if errors else 200,
    )


# --- Areas, goals, measures, actions ----------------------------------------------------------


def _form_page(request, unit, form, *, title: str, plan=None, status: int = 200, **extra) -> HttpResponse:
    return render(
        request,
        "plans/form.html",
        {"unit": unit, "form": form, "title": title, "plan": plan, **extra},
        status=status,
    )


def _saved(request: HttpRequest, form, **fields) -> bool:
    """Save the form's object unless someone else saved it since the user opened the form."""
    obj = form.save(commit=False)
    for name, value in fields.items():
        setattr(obj, name, value)
    if not save_unless_changed(form, obj.save):
        return False
    messages.success(request, _("Změny byly uloženy."))
    return True


@unit_view(write=True)
def area_form(request: HttpRequest, unit: TerritorialUnit, pk: int, area: int | None = None) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    instance = selectors.area_of(plan, area) if area else None
    form = AreaForm(request.POST or None, instance=instance, unit=unit, siblings=plan.areas.all())
    if request.method == "POST" and form.is_valid() and _saved(request, form, unit=unit, plan=plan):
        return redirect(plan)
    return _form_page(
        request,
        unit,
        form,
        title=_("Upravit oblast") if instance else _("Nová prioritní oblast"),
        plan=plan,
        delete_url=delete_url(plan, "oblast", instance) if instance else None,
    )


@unit_view(write=True)
def goal_create(request: HttpRequest, unit: TerritorialUnit, pk: int, area: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    return _goal_form(request, unit, plan, selectors.area_of(plan, area), None)


@unit_view(write=True)
def goal_edit(request: HttpRequest, unit: TerritorialUnit, pk: int, goal: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    instance = selectors.goal_of(plan, goal)
    return _goal_form(request, unit, plan, instance.area, instance)


def _goal_form(request, unit, plan, area: PriorityArea, instance: Goal | None) -> HttpResponse:
    siblings = Goal.objects.filter(area__plan=plan)
    form = GoalForm(request.POST or None, instance=instance, siblings=siblings)
    if request.method == "POST" and form.is_valid() and _saved(request, form, unit=unit, area=area):
        return redirect(plan)
    title = _("Upravit cíl") if instance else _("Nový cíl v oblasti %(area)s") % {"area": area}
    remove = delete_url(plan, "cil", instance) if instance else None
    return _form_page(request, unit, form, title=title, plan=plan, delete_url=remove)


@unit_view(write=True)
def measure_create(request: HttpRequest, unit: TerritorialUnit, pk: int, goal: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    return _measure_form(request, unit, plan, selectors.goal_of(plan, goal), None)


@unit_view(write=True)
def measure_edit(request: HttpRequest, unit: TerritorialUnit, pk: int, measure: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    instance = selectors.measure_of(plan, measure)
    return _measure_form(request, unit, plan, instance.goal, instance)


def _measure_form(request, unit, plan, goal: Goal, instance: Measure | None) -> HttpResponse:
    form = MeasureForm(request.POST or None, instance=instance, siblings=selectors.measures_of(plan))
    if request.method == "POST" and form.is_valid() and _saved(request, form, unit=unit, goal=goal):
        return redirect("plans:measure_detail", unit=unit.slug, pk=plan.pk, measure=form.instance.pk)
    title = _("Upravit opatření") if instance else _("Nové opatření k cíli %(goal)s") % {"goal": goal}
    remove = delete_url(plan, "opatreni", instance) if instance else None
    return _form_page(request, unit, form, title=title, plan=plan, delete_url=remove)


@unit_view()
def measure_detail(request: HttpRequest, unit: TerritorialUnit, pk: int, measure: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    measure = get_object_or_404(
        selectors.measures_of(plan).prefetch_related(
            "actions",
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("values")),
            Prefetch(
                "reports", queryset=MeasureReport.objects.select_related("round").order_by("-round__year")
            ),
        ),
        pk=measure,
    )
    indicators = [_indicator_view(i) for i in measure.indicators.all()]
    return render(
        request,
        "plans/measure_detail.html",
        {
            "unit": unit,
            "plan": plan,
            "measure": measure,
            "progress": percent(measure_progress(measure)),
            "indicators": indicators,
            "history": history_for(measure),
        },
    )


def _indicator_view(indicator: Indicator) -> dict:
    values = list(indicator.values.all())
    progress = indicator_progress(indicator, values)
    latest = max(values, key=lambda v: v.year) if values else None
    return {
        "row": IndicatorRow(indicator, progress, latest),
        "values": sorted(values, key=lambda v: v.year),
        "chart": indicator_chart(indicator, values),
    }


@unit_view(write=True)
def action_create(request: HttpRequest, unit: TerritorialUnit, pk: int, measure: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    return _action_form(request, unit, plan, selectors.measure_of(plan, measure), None)


@unit_view(write=True)
def action_edit(request: HttpRequest, unit: TerritorialUnit, pk: int, action: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    instance = selectors.action_of(plan, action)
    return _action_form(request, unit, plan, instance.measure, instance)


def _action_form(request, unit, plan, measure: Measure, instance: PlanAction | None) -> HttpResponse:
    siblings = PlanAction.objects.filter(measure__goal__area__plan=plan)
    form = ActionForm(request.POST or None, instance=instance, siblings=siblings)
    if request.method == "POST" and form.is_valid() and _saved(request, form, unit=unit, measure=measure):
        return redirect("plans:measure_detail", unit=unit.slug, pk=plan.pk, measure=measure.pk)
    title = _("Upravit aktivitu") if instance else _("Nová aktivita opatření %(m)s") % {"m": measure}
    remove = delete_url(plan, "aktivita", instance) if instance else None
    return _form_page(request, unit, form, title=title, plan=plan, delete_url=remove)


# --- Indicators -------------------------------------------------------------------------------


@unit_view(write=True)
def indicator_create(
    request: HttpRequest, unit: TerritorialUnit, pk: int, goal: int | None = None, measure: int | None = None
) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    owner = (
        {"goal": selectors.goal_of(plan, goal)} if goal else {"measure": selectors.measure_of(plan, measure)}
    )
    return _indicator_form(request, unit, plan, None, owner)


@unit_view(write=True)
def indicator_edit(request: HttpRequest, unit: TerritorialUnit, pk: int, indicator: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    return _indicator_form(request, unit, plan, selectors.indicator_of(plan, indicator), {})


def _indicator_form(request, unit, plan, instance: Indicator | None, owner: dict) -> HttpResponse:
    form = IndicatorForm(request.POST or None, instance=instance, siblings=selectors.indicators_of(plan))
    if request.method == "POST" and form.is_valid() and _saved(request, form, unit=unit, **owner):
        return redirect("plans:indicator_detail", unit=unit.slug, pk=plan.pk, indicator=form.instance.pk)
    title = (
        _("Upravit indikátor")
        if instance
        else _("Nový indikátor k %(owner)s") % {"owner": next(iter(owner.values()))}
    )
    remove = delete_url(plan, "indikator", instance) if instance else None
    return _form_page(request, unit, form, title=title, plan=plan, delete_url=remove)


@unit_view()
def indicator_detail(request: HttpRequest, unit: TerritorialUnit, pk: int, indicator: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    return _indicator_page(request, unit, plan, selectors.indicator_of(plan, indicator), None)


def _indicator_page(request, unit, plan, indicator: Indicator, form, status: int = 200) -> HttpResponse:
    form = form or IndicatorValueForm(indicator=indicator)
    return render(
        request,
        "plans/indicator_detail.html",
        {
            "unit": unit,
            "plan": plan,
            "indicator": indicator,
            "view": _indicator_view(indicator),
            "form": form,
            "history": history_for(indicator),
        },
        status=status,
    )


@unit_view(write=True)
@require_POST
def indicator_value(request: HttpRequest, unit: TerritorialUnit, pk: int, indicator: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    indicator = selectors.indicator_of(plan, indicator)
    form = IndicatorValueForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            services.indicator_value_save(indicator=indicator, plan=plan, value=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Hodnota byla uložena."))
            return redirect("plans:indicator_detail", unit=unit.slug, pk=plan.pk, indicator=indicator.pk)
    indicator = selectors.indicator_of(plan, indicator.pk)
    return _indicator_page(request, unit, plan, indicator, form, status=422)


# --- Monitoring -------------------------------------------------------------------------------


@unit_view()
def monitoring_list(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    return render(
        request,
        "plans/monitoring_list.html",
        {
            "unit": unit,
            "plan": plan,
            "rounds": plan.monitoring_rounds.select_related("approved_by"),
            "form": MonitoringStartForm(plan=plan),
        },
    )


@unit_view(write=True)
@require_POST
def monitoring_start(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    form = MonitoringStartForm(request.POST, plan=plan)
    if form.is_valid():
        round = services.monitoring_start(plan=plan, year=form.cleaned_data["year"])
        messages.success(request, _("Monitorování bylo založeno."))
        return redirect("plans:monitoring_edit", unit=unit.slug, pk=plan.pk, year=round.year)
    return render(
        request,
        "plans/monitoring_list.html",
        {
            "unit": unit,
            "plan": plan,
            "rounds": plan.monitoring_rounds.select_related("approved_by"),
            "form": form,
        },
        status=422,
    )


def _round_data(plan: InclusionPlan, year: int):
    round = get_object_or_404(plan.monitoring_rounds.select_related("approved_by"), year=year)
    measures = list(
        selectors.measures_of(plan)
        .order_by("goal__area__order", "goal__area__code", "goal__order", "goal__code", "order", "code")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.all()))
    )
    goals = [
        goal
        for goal in Goal.objects.filter(area__plan=plan)
        .order_by("area__order", "area__code", "order", "code")
        .prefetch_related("indicators")
        if goal.indicators.all()
    ]
    reports = {r.measure_id: r for r in round.reports.all()}
    in_plan = Q(indicator__measure__goal__area__plan=plan) | Q(indicator__goal__area__plan=plan)
    values = {v.indicator_id: v for v in IndicatorValue.objects.filter(in_plan, year=year)}
    return round, measures, goals, reports, values


def _round_history(round: MonitoringRound, reports: dict) -> list:
    """The round's own history and that of its measures' reports, newest first, in one query."""
    # Content types are matched by name in the same query (no per-process cache, so a stable count).
    entries = (
        LogEntry.objects.filter(
            Q(content_type__app_label="plans", content_type__model="monitoringround", object_pk=str(round.pk))
            | Q(
                content_type__app_label="plans",
                content_type__model="measurereport",
                object_pk__in=[str(r.pk) for r in reports.values()],
            )
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:100]
    )
    return history_rows(entries)


@unit_view()
def monitoring_detail(request: HttpRequest, unit: TerritorialUnit, pk: int, year: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    round, measures, goals, reports, values = _round_data(plan, year)
    rows = [
        {
            "measure": m,
            "report": reports.get(m.pk),
            "values": [(i, values.get(i.pk)) for i in m.indicators.all()],
        }
        for m in measures
    ]
    goal_rows = [{"goal": g, "values": [(i, values.get(i.pk)) for i in g.indicators.all()]} for g in goals]
    return render(
        request,
        "plans/monitoring_detail.html",
        {
            "unit": unit,
            "plan": plan,
            "round": round,
            "rows": rows,
            "goal_rows": goal_rows,
            "history": _round_history(round, reports),
            "show_object": True,
        },
    )


@unit_view(write=True)
def monitoring_edit(request: HttpRequest, unit: TerritorialUnit, pk: int, year: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    round, measures, goals, reports, values = _round_data(plan, year)
    form = MonitoringForm(
        request.POST or None,
        measures=measures,
        goals=goals,
        reports=reports,
        values=values,
        initial={"note": round.note},
    )
    status = 200
    locked_error = ""
    if round.is_locked:
        # An approved round is read-only: the page says so, and a posted change is refused.
        locked_error = services.locked_message(round.year)
        status = 403 if request.method == "POST" else 200
    elif request.method == "POST" and form.is_valid():
        reports_in, values_in = form.entries()
        try:
            services.monitoring_save(
                round=round, note=form.cleaned_data["note"], reports=reports_in, values=values_in
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            status = 403
        else:
            messages.success(request, _("Monitorování bylo uloženo."))
            return redirect(round.get_absolute_url())
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "plans/monitoring_form.html",
        {"unit": unit, "plan": plan, "round": round, "form": form, "locked_error": locked_error},
        status=status,
    )


@unit_view(write=True)
@require_POST
def monitoring_approve(request: HttpRequest, unit: TerritorialUnit, pk: int, year: int) -> HttpResponse:
    plan = selectors.plan_or_404(unit, pk)
    round = get_object_or_404(plan.monitoring_rounds, year=year)
    try:
        services.monitoring_approve(round=round, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Monitorování bylo schváleno a uzamčeno."))
    return redirect(
        reverse("plans:monitoring_detail", kwargs={"unit": unit.slug, "pk": plan.pk, "year": year})
    )


# --- Deleting ---------------------------------------------------------------------------------

DELETABLE = {
    "oblast": selectors.area_of,
    "cil": selectors.goal_of,
    "opatreni": selectors.measure_of,
    "aktivita": selectors.action_of,
    "indikator": selectors.indicator_of,
}


def delete_url(plan: InclusionPlan, kind: str, obj) -> str:
    return reverse(
        "plans:node_delete", kwargs={"unit": plan.unit.slug, "pk": plan.pk, "kind": kind, "obj": obj.pk}
    )


@unit_view(write=True)
def node_delete(request: HttpRequest, unit: TerritorialUnit, pk: int, kind: str, obj: int) -> HttpResponse:
    """GET: what the deletion takes with it, to confirm; POST: into the trash, unless a locked
    (approved) monitoring holds its data."""
    plan = selectors.plan_or_404(unit, pk)
    if kind not in DELETABLE:
        raise Http404
    target = DELETABLE[kind](plan, obj)
    # An action or a measure's indicator returns to its measure's page, everything else to the plan.
    measure_id = getattr(target, "measure_id", None)
    if measure_id:
        back = reverse(
            "plans:measure_detail", kwargs={"unit": unit.slug, "pk": plan.pk, "measure": measure_id}
        )
    else:
        back = plan.get_absolute_url()
    try:
        services.node_delete_check(plan=plan, obj=target)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(back)
    return confirm_delete(
        request,
        unit=unit,
        obj=target,
        question=_("Smazat %(what)s „%(obj)s“ i se vším, co pod tím je?")
        % {"what": target._meta.verbose_name, "obj": target},
        back_url=back,
        done_url=back,
        restore_path=back,
    )
