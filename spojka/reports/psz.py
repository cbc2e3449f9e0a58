"""The PSZ fulfilment report (zpráva o plnění PSZ): every area, goal and measure with its status,
indicator tables and charts.

One context of plain data fills both the PDF (HTML template with the same server-rendered SVG
charts as the screen) and the DOCX (Word template; charts there are the value tables, which a
council member can also read aloud).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.utils import timezone

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.models import TemplateKind
from spojka.documents.render import DocumentSpec, RenderedDocument, register, render
from spojka.lib.czech import date_long, typography
from spojka.plans.chart import format_value, indicator_chart
from spojka.plans.models import InclusionPlan
from spojka.plans.progress import IndicatorRow, build_tree, indicator_progress
from spojka.plans.selectors import plan_tree_queryset


def _percent_text(percent: int | None) -> str:
    return "bez údajů" if percent is None else f"{percent}\u00a0%"


def _indicator(row: IndicatorRow, owner_code: str, year: int) -> dict:
    indicator = row.indicator
    values = sorted((v for v in indicator.values.all() if v.year <= year), key=lambda v: v.year)
    return {
        "code": indicator.code,
        "name": typography(indicator.name),
        "owner": owner_code,
        "unit": indicator.unit_of_measure,
        "baseline": f"{format_value(indicator.baseline_value)} ({indicator.baseline_year})",
        "target": f"{format_value(indicator.target_value)} ({indicator.target_year})",
        "latest": f"{format_value(row.latest.value)} ({row.latest.year})" if row.latest else "–",
        "progress": _percent_text(row.percent),
        # For the PDF: the same chart and value table as on screen.
        "view": {
            "row": IndicatorRow(indicator, indicator_progress(indicator, values), row.latest),
            "values": values,
            "chart": indicator_chart(indicator, values),
        },
    }


def report_year(plan: InclusionPlan, today: date | None = None) -> int:
    """The year a PSZ report is as of unless asked otherwise: this year, within the plan's years."""
    this_year = (today or timezone.localdate()).year
    return max(plan.year_from, min(plan.year_to, this_year))


def psz_report_context(plan: InclusionPlan, *, year: int | None = None, today=None) -> dict:
    """Plain data for the report as of ``year``: indicator values of monitoring years up to it only, so
    that a value entered later for a later year never changes an earlier year's report (as the
    annual report does). ``plan`` must come with its tree prefetched (selectors.plan_with_tree)."""
    year = year if year is not None else report_year(plan, today)
    tree = build_tree(plan, until_year=year)
    areas, measure_rows, indicators = [], [], []
    for area_node in tree.children:
        area = area_node.obj
        goals = [_goal(node, area, year, measure_rows, indicators) for node in area_node.children]
        areas.append(
            {
                "code": area.code,
                "name": typography(area.name),
                "progress": _percent_text(area_node.percent),
                "goals": goals,
            }
        )
    return {
        "unit": plan.unit.name,
        "plan": {
            "title": typography(plan.title),
            "kind": str(plan.get_kind_display()),
            "period": f"{plan.year_from}–{plan.year_to}",
            "status": str(plan.get_status_display()),
            "main_goal": typography(plan.main_goal),
            "target_group": typography(plan.target_group),
            "progress": _percent_text(tree.percent),
            "is_example": plan.is_example,
        },
        "generated_on": date_long(today or timezone.localdate()),
        "year": year,
        "areas": areas,
        "measure_rows": measure_rows,
        "indicators": indicators,
    }


def _goal(goal_node, area, year: int, measure_rows: list[dict], indicators: list[dict]) -> dict:
    """A goal with its measures; its measures' rows and the indicators (the goal's, then each
    measure's) are added to the report's flat lists in the order of the tree."""
    goal = goal_node.obj
    indicators += [_indicator(row, goal.code, year) for row in goal_node.indicators]
    measures = []
    for measure_node in goal_node.children:
        measure = measure_node.obj
        row = {
            "area": area.name,
            "goal": f"{goal.code} {goal.name}",
            "code": measure.code,
            "name": typography(measure.name),
            "status": str(measure.get_status_display()),
            "progress": _percent_text(measure_node.percent),
        }
        measures.append(row)
        measure_rows.append(row)
        indicators += [_indicator(r, measure.code, year) for r in measure_node.indicators]
    return {
        "code": goal.code,
        "name": typography(goal.name),
        "progress": _percent_text(goal_node.percent),
        "measures": measures,
    }


def _sample(unit: TerritorialUnit) -> dict | None:
    plan = plan_tree_queryset(unit).order_by("-year_from", "-pk").first()
    return psz_report_context(plan) if plan else None


PSZ_REPORT = register(
    DocumentSpec(
        kind=TemplateKind.PSZ_REPORT,
        pdf_template="reports/pdf/psz_report.html",
        docx_template=Path(__file__).resolve().parent / "docx_templates" / "psz_report.docx",
        sample_context=_sample,
    )
)


def generate_psz_report(
    plan: InclusionPlan, fmt: str, *, year: int | None = None, archival: bool = False
) -> RenderedDocument:
    """The PSZ report as of ``year`` (default ``report_year``); ``archival`` makes the PDF a PDF/A."""
    return render(
        PSZ_REPORT,
        fmt,
        unit=plan.unit,
        context=psz_report_context(plan, year=year),
        stem=f"zprava-o-plneni-psz-{plan.unit.slug}-{plan.year_from}-{plan.year_to}",
        archival=archival,
    )
