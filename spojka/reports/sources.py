"""What the other apps know, gathered for the generated documents.

Each function reads one source app and returns a :class:`Section`. When the app has nothing for
the period, the section says "Zatím bez údajů" with the reason, so a report can always be produced
and shows plainly what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.compliance.evaluation import evaluate_descriptions
from spojka.lib.czech import date_long, hours, typography
from spojka.meetings.models import HELD_STATES, MeetingKind, MeetingState
from spojka.plans.progress import area_progress, percent, plan_progress
from spojka.plans.selectors import plan_tree_queryset
from spojka.training.services import training_indicator


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    available: bool = True
    # Lines the report repeats under "Rizika" (schedule rules at risk or not met).
    risks: list[str] = field(default_factory=list)

    def as_context(self) -> dict:
        return {
            "title": typography(self.title),
            "lines": [typography(line) for line in self.lines],
            "available": self.available,
        }


def empty(title: str, reason: str = "") -> Section:
    text = _("Zatím bez údajů.") if not reason else _("Zatím bez údajů: %(reason)s") % {"reason": reason}
    return Section(title=title, lines=[text], available=False)


# --- The schedule (harmonogram), owned by the compliance app ---------------------------------------


@dataclass(frozen=True)
class ScheduleRow:
    activity: str
    specification: str
    output: str
    agency: str
    unit: str
    deadline: str

    def as_context(self) -> dict:
        return {name: typography(getattr(self, name)) for name in self.__dataclass_fields__}


def schedule_rows(description) -> list[ScheduleRow]:
    """The schedule of a cooperation description, as written."""
    activities = description.activities.order_by("order", "pk")
    return [
        ScheduleRow(
            activity=a.name,
            specification=a.specification,
            output=a.outputs_note or ", ".join(a.output_labels),
            agency=a.agency_responsibility,
            unit=a.municipality_responsibility,
            deadline=a.deadline_text,
        )
        for a in activities
    ]


RISK_STATUSES = {"at_risk", "unmet"}


def _rule_line(activity_name: str, rule_status, year: int) -> tuple[str, str]:
    """One line such as "Jednání LP – Minimálně 4x ročně: splněno" for the report's year."""
    period = next((p for p in rule_status.periods if p.year == year), None)
    status = period.status if period is not None else rule_status.status
    text = f"{activity_name} – {rule_status.rule.text}: {status.label}"
    if period is not None and period.required:
        text += " " + _("(doloženo %(held)s z %(required)s)") % {
            "held": period.held_count,
            "required": period.required,
        }
    return text, str(status)


def schedule_status_section(description, start: date, end: date) -> Section:
    """The schedule as it stood at the end of the period, from facts dated up to then only."""
    title = _("Plnění harmonogramu")
    as_of = min(end, timezone.localdate())
    activities = evaluate_descriptions(descriptions=[description], today=as_of, facts_until=as_of)[
        description.pk
    ]
    if not activities:
        return empty(title, _("harmonogram zatím není zadán."))
    lines, risks = [], []
    for activity_status in activities:
        name = activity_status.activity.name
        if not activity_status.rules:
            lines.append(f"{name}: {activity_status.status.label}")
        for rule_status in activity_status.rules:
            line, status = _rule_line(name, rule_status, end.year)
            lines.append(line)
            if status in RISK_STATUSES:
                risks.append(line)
    return Section(title, lines, risks=risks)


# --- Meetings of the local partnership and its working groups --------------------------------------


def meetings_section(unit, start: date, end: date) -> Section:
    title = _("Činnost lokálního partnerství a pracovních skupin")
    meetings = list(
        unit.meetings.filter(state__in=HELD_STATES, starts_at__date__gte=start, starts_at__date__lte=end)
        .prefetch_related("working_groups")
        .order_by("starts_at")
    )
    if not meetings:
        return empty(title, _("v tomto období není evidováno žádné proběhlé jednání."))
    plenary = sum(1 for m in meetings if m.includes_lp)
    # A session of a working group: linked to a group, or recorded as a group meeting without one.
    group_sessions = sum(1 for m in meetings if m.working_groups.all() or m.kind == MeetingKind.WORKING_GROUP)
    lines = [
        _(
            "V období proběhlo %(total)s jednání, z toho %(lp)s zasedání lokálního partnerství "
            "a %(wg)s jednání pracovních skupin (jedno jednání může být zasedáním LP i skupin)."
        )
        % {"total": len(meetings), "lp": plenary, "wg": group_sessions}
    ]
    for m in meetings:
        groups = ", ".join(g.name for g in m.working_groups.all())
        kind = m.get_kind_display()
        suffix = f" ({groups})" if groups else ""
        lines.append(f"{date_long(m.starts_at.date())} – {m.title}, {kind}{suffix}")
    return Section(title, lines)


def planned_meetings(unit, start: date, end: date, *, known_by: date | None = None) -> list[str]:
    """Meetings planned for the period; with ``known_by``, those entered by that day, whatever came of them."""
    meetings = unit.meetings.filter(starts_at__date__gte=start, starts_at__date__lte=end)
    if known_by is None:
        meetings = meetings.filter(state=MeetingState.PLANNED)
    else:
        meetings = meetings.filter(created_at__date__lte=known_by).exclude(state=MeetingState.CANCELLED)
    meetings = meetings.order_by("starts_at")
    return [f"{date_long(m.starts_at.date())} – {m.title}" for m in meetings]


# --- Training hours, owned by the training app ---------------------------------------------------


def training_section(description, start: date, end: date) -> Section:
    title = _("Vzdělávání pracovníků")
    commitment = ""
    if description.training_total_hours:
        commitment = _("Závazek: celkem %(total)s hodin") % {"total": hours(description.training_total_hours)}
        if description.training_max_distance_hours is not None:
            commitment += _(", z toho nejvýše %(d)s hodin distanční formou") % {
                "d": hours(description.training_max_distance_hours)
            }
        commitment += "."
    result = training_indicator(description=description, on=end)
    if result is None:
        return empty(title, _("popis spolupráce nestanoví závazek vzdělávání."))
    # A TrainingResult of the training app: hours counted against the commitment so far.
    lines = [commitment] if commitment else []
    text = _("Ke konci období započteno %(counted)s hodin z %(committed)s (%(percent)s %%).") % {
        "counted": hours(result.counted_total),
        "committed": hours(result.committed),
        "percent": hours(result.percent),
    }
    lines.append(text)
    if result.distance_over_cap:
        lines.append(
            _("Distanční hodiny nad limit se nezapočítávají: %(h)s hodin.")
            % {"h": hours(result.distance_over_cap)}
        )
    lines.append(_("Závazek je splněn.") if result.met else _("Závazek zatím není splněn."))
    return Section(title, lines)


# --- Progress of the social inclusion plan, owned by the plans app -------------------------------


def psz_section(unit, start: date, end: date) -> Section:
    """Plans of the unit running in the report's year, with their progress (plans app)."""
    title = _("Plnění plánu sociálního začleňování")
    plans = [p for p in plan_tree_queryset(unit) if p.year_from <= end.year and p.year_to >= start.year]
    if not plans:
        return empty(title, _("pro toto období není ve Spojce evidován žádný plán."))
    lines = []
    for plan in plans:
        share = percent(plan_progress(plan, until_year=end.year))
        state = _("plnění %(p)s %%") % {"p": share} if share is not None else _("plnění zatím bez údajů")
        lines.append(f"{plan} – {plan.get_status_display()}, {state}")
        for area in plan.areas.all():
            area_share = percent(area_progress(area, until_year=end.year))
            if area_share is not None:
                lines.append(f"{area}: {area_share} %")
    return Section(title, lines)
