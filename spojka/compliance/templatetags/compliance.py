"""Rendering helpers of the schedule pages.

Evidence lists and status badges are built in Python: a dashboard shows hundreds of them, and an
``{% include %}`` per item made the template the slowest part of the page.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from spojka.compliance.engine import Status
from spojka.compliance.evaluation import Evidence, PeriodStatus, RuleStatus
from spojka.lib.czech import date_short
from spojka.lib.urls import url_maker

register = template.Library()


@register.filter
def status_badge(status: Status | str) -> SafeString:
    """The status as words in a coloured badge (the colour is never the only signal)."""
    return _badge(Status(status).value, get_language())


@lru_cache(maxsize=64)
def _badge(code: str, language: str | None) -> SafeString:
    # Seven statuses in a few languages, shown hundreds of times on the agency overview.
    return format_html('<span class="app-status app-status--{}">{}</span>', code, Status(code).label)


def _item(e: Evidence, suffix: str = "", *, struck: bool = False) -> SafeString:
    text = f"{date_short(e.date)} – {e.title}" if e.date else e.title
    label = format_html('<a href="{}">{}</a>', e.url, text) if e.url else format_html("{}", text)
    extra = []
    if e.state_label:
        extra.append(format_html(" ({})", e.state_label))
    if e.resolution:
        extra.append(
            format_html(
                ", {}",
                _("usnesení č. %(number)s ze dne %(date)s")
                % {"number": e.resolution, "date": date_short(e.resolution_date)},
            )
        )
    if e.manual:
        extra.append(format_html(" – <em>{}</em>", _("přiřazeno ručně")))
    if suffix:
        extra.append(format_html(" – {}", suffix))
    content = format_html("{}{}", label, mark_safe("".join(extra)))  # noqa: S308 (parts are escaped)
    return format_html("<li><del>{}</del></li>", content) if struck else format_html("<li>{}</li>", content)


@register.filter
def evidence_items(period: PeriodStatus) -> SafeString:
    """The evidence of one period as a list: held, planned, overdue planned, cancelled."""
    items = [_item(e) for e in (*period.evidence, *period.planned, *period.overdue_planned)]
    items += [_item(e, _("nepočítá se")) for e in period.cancelled]
    if not items:
        return format_html("{}", _("žádné doklady"))
    return format_html('<ul class="app-evidence">{}</ul>', mark_safe("".join(items)))  # noqa: S308


@register.filter
def excluded_item(e: Evidence) -> SafeString:
    """An item a person excluded from the rule, struck out."""
    return _item(e, struck=True)


@register.filter
def activity_lights(activities) -> SafeString:
    """The overview's list of "activity: status" for one unit."""
    if not activities:
        return format_html("{}", "–")
    language = get_language()
    items = "".join(_light(a.name, Status(a.status).value, language) for a in activities)
    return mark_safe(f'<ul class="app-lights">{items}</ul>')  # noqa: S308 (items are escaped)


@lru_cache(maxsize=1024)
def _light(name: str, code: str, language: str | None) -> SafeString:
    # The same few activities (most units keep the standard schedule) in every row of the overview.
    return format_html("<li>{}: {}</li>", name, _badge(code, language))


@register.filter
def rule_url(pk: int, unit_slug: str) -> str:
    """``{{ rule.pk|rule_url:unit.slug }}``: the rule's page, as ``{% url 'compliance:rule_detail' %}``
    gives it, without a full ``reverse`` for each of the dashboard's many rules."""
    return url_maker("compliance:rule_detail", "unit", "pk")(unit_slug, pk)


@register.filter
def activity_edit_url(pk: int, unit_slug: str) -> str:
    return url_maker("compliance:activity_edit", "unit", "pk")(unit_slug, pk)


@register.filter
def days(n: int) -> str:
    """ "1 den", "3 dny", "60 dní": the Czech catalogue gives the three forms (with a no-break space)."""
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}


def _period_label(p: PeriodStatus) -> str:
    if p.start is None:
        return _("termín %(date)s") % {"date": date_short(p.end)}
    if p.is_partial_year:
        return f"{p.year} ({date_short(p.start)} – {date_short(p.end)})"
    return str(p.year)


def _counts(rs: RuleStatus, p: PeriodStatus) -> SafeString:
    planned = str(p.planned_count) if rs.rule.kind == "frequency" else "–"
    text = format_html("{} / {} / {}", p.held_count, planned, p.required)
    if p.overdue_planned:
        n = len(p.overdue_planned)
        note = ngettext(
            "%(n)s plánované jednání s prošlým datem (neuzavřené)",
            "%(n)s plánovaná jednání s prošlým datem (neuzavřená)",
            n,
        ) % {"n": n}
        text = format_html("{}<br>{}", text, note)
    return text


@register.filter
def rule_table(rs: RuleStatus) -> SafeString:
    """The periods of one rule with status, counts and evidence, as a table."""
    head = format_html(
        '<caption class="visually-hidden">{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead>',
        _("Plnění pravidla „%(rule)s“ po obdobích") % {"rule": rs.rule.text},
        _("Období"),
        _("Stav"),
        _("Proběhlo / plánováno / požadováno"),
        _("Doklady"),
    )
    if rs.periods:
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (_period_label(p), status_badge(p.status), _counts(rs, p), evidence_items(p))
                for p in rs.periods
            ),
        )
    else:
        why = (
            _("Pravidlo se nevyhodnocuje.")
            if rs.rule.kind == "none"
            else _("Nelze vyhodnotit: chybí doba platnosti nebo údaje pravidla.")
        )
        body = format_html('<tr><td colspan="4">{}</td></tr>', why)
    table = format_html('<table class="app-table">{}<tbody>{}</tbody></table>', head, body)
    if rs.excluded:
        table = format_html(
            "{}<p>{}</p><ul>{}</ul>",
            table,
            _("Ručně vyřazeno:"),
            mark_safe("".join(_item(e, struck=True) for e in rs.excluded)),  # noqa: S308 (escaped items)
        )
    if rs.undated:
        table = format_html(
            "{}<p>{}</p><ul>{}</ul>",
            table,
            _("Ručně přiřazeno, ale nezapočítá se – dokument nemá datum vydání:"),
            mark_safe("".join(_item(e) for e in rs.undated)),  # noqa: S308 (escaped items)
        )
    return table
