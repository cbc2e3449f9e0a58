"""Small builders for this app's tests: meetings, documents and rules created directly with the ORM."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from spojka.compliance.models import Activity, Rule, RuleKind


def at(day: date, hour: int = 15) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def meeting(
    unit, day: date, state: str = "held", kind: str = "lp_plenary", *, includes_lp: bool = False, title=""
):
    from spojka.meetings.models import Meeting

    return Meeting.objects.create(
        unit=unit,
        title=title or f"Jednání {day:%d. %m. %Y}",
        kind=kind,
        state=state,
        starts_at=at(day),
        ends_at=at(day) + timedelta(hours=2),
        includes_lp=includes_lp,
    )


def document(unit, doc_type: str, day: date | None, title: str = ""):
    from spojka.documents.models import Document

    return Document.objects.create(
        unit=unit, doc_type=doc_type, title=title or f"{doc_type} {day}", issued_on=day
    )


def activity(description, name: str = "Jednání lokálního partnerství", order: int = 1) -> Activity:
    return Activity.objects.create(unit=description.unit, description=description, name=name, order=order)


def frequency_rule(
    act: Activity, per_year: int = 4, kinds=("lp_plenary",), *, groups: bool = True, text=""
) -> Rule:
    return Rule.objects.create(
        unit=act.unit,
        activity=act,
        kind=RuleKind.FREQUENCY,
        text=text or f"Minimálně {per_year}x ročně",
        per_year=per_year,
        meeting_kinds=list(kinds),
        counts_working_groups=groups,
    )


def output_rule(act: Activity, doc_type: str = "coop_report", *, resolution: bool = False) -> Rule:
    return Rule.objects.create(
        unit=act.unit,
        activity=act,
        kind=RuleKind.PERIODIC_OUTPUT,
        text="1x ročně zpráva o plnění",
        per_year=1,
        document_type=doc_type,
        requires_resolution=resolution,
    )


def season_rule(act: Activity, season: str, year: int, doc_type: str = "psz") -> Rule:
    return Rule.objects.create(
        unit=act.unit,
        activity=act,
        kind=RuleKind.DEADLINE,
        text=f"{season} {year}",
        document_type=doc_type,
        season=season,
        season_year=year,
    )
