"""One search over a unit's records (issue 15, item 3): meetings, people, organisations, documents,
tasks, training events and plan items, grouped by kind.

Everything is fetched through the unit (``unit.meetings`` …), so another unit's records cannot
appear; partners see only the documents marked visible to them, as in the library. Matching is
case- and diacritics-insensitive on both databases (``spojka.lib.search``). Each kind costs two
queries (its count and its first rows), so the page's query count does not grow with the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from spojka.accounts.models import Role
from spojka.lib.search import search


@dataclass(frozen=True)
class Kind:
    key: str
    label: object
    fields: list[str]
    rows: Callable  # (unit, access) -> QuerySet
    link: Callable  # (row, unit, access) -> str
    detail: Callable  # (row) -> str


def _person_link(p, unit, access) -> str:
    if access.can_write:
        return reverse("partnership:person_edit", kwargs={"unit": unit.slug, "pk": p.pk})
    return (
        reverse("partnership:person_list", kwargs={"unit": unit.slug}) + "?" + urlencode({"q": p.last_name})
    )


def _organisation_link(o, unit, access) -> str:
    if access.can_write:
        return reverse("partnership:organisation_edit", kwargs={"unit": unit.slug, "pk": o.pk})
    return (
        reverse("partnership:organisation_list", kwargs={"unit": unit.slug}) + "?" + urlencode({"q": o.name})
    )


def _documents(unit, access) -> QuerySet:
    documents = unit.documents.order_by("-issued_on", "-pk")
    if access.role == Role.PARTNER:
        documents = documents.filter(visible_to_partners=True)
    return documents


def _task_link(t, unit, access) -> str:
    if t.meeting_id:
        return reverse("meetings:meeting_detail", kwargs={"unit": unit.slug, "pk": t.meeting_id})
    return reverse("meetings:task_list", kwargs={"unit": unit.slug})


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _plan_items(model_name: str):
    def rows(unit, access):
        from spojka.plans import models as plans

        model = getattr(plans, model_name)
        return model.objects.filter(unit=unit).order_by("code", "pk")

    return rows


KINDS = [
    Kind(
        "jednani",
        _("Jednání"),
        ["title", "place", "minutes_note"],
        lambda unit, access: unit.meetings.order_by("-starts_at"),
        lambda m, unit, access: reverse("meetings:meeting_detail", kwargs={"unit": unit.slug, "pk": m.pk}),
        lambda m: _date(localtime(m.starts_at)) + " · " + str(m.get_state_display()),
    ),
    Kind(
        "osoby",
        _("Osoby"),
        ["first_name", "last_name", "function", "organisation__name"],
        lambda unit, access: unit.people.select_related("organisation").order_by("last_name", "first_name"),
        _person_link,
        lambda p: ", ".join(x for x in (p.function, p.organisation.name if p.organisation else "") if x),
    ),
    Kind(
        "organizace",
        _("Organizace"),
        ["name", "ico"],
        lambda unit, access: unit.organisations.order_by("name"),
        _organisation_link,
        lambda o: o.get_category_display(),
    ),
    Kind(
        "dokumenty",
        _("Dokumenty"),
        ["title", "versions__text"],
        _documents,
        lambda d, unit, access: reverse("documents:detail", kwargs={"unit": unit.slug, "pk": d.pk}),
        lambda d: " · ".join(x for x in (str(d.get_doc_type_display()), _date(d.issued_on)) if x),
    ),
    Kind(
        "ukoly",
        _("Úkoly"),
        ["title", "assignee__first_name", "assignee__last_name"],
        lambda unit, access: unit.tasks.select_related("assignee").order_by("state", "due_on", "pk"),
        _task_link,
        lambda t: " · ".join(
            x for x in (str(t.get_state_display()), str(t.assignee or ""), _date(t.due_on)) if x
        ),
    ),
    Kind(
        "vzdelavani",
        _("Vzdělávání"),
        ["title", "lecturer", "place", "provider_name"],
        lambda unit, access: unit.training_events.order_by("-starts_on"),
        lambda e, unit, access: reverse("training:event_detail", kwargs={"unit": unit.slug, "pk": e.pk}),
        lambda e: " · ".join(x for x in (_date(e.starts_on), e.place) if x),
    ),
    Kind(
        "cile",
        _("Cíle plánů"),
        ["code", "name", "description"],
        lambda unit, access: _plan_items("Goal")(unit, access).select_related("area"),
        lambda g, unit, access: reverse(
            "plans:plan_detail", kwargs={"unit": unit.slug, "pk": g.area.plan_id}
        ),
        lambda g: g.code,
    ),
    Kind(
        "opatreni",
        _("Opatření plánů"),
        ["code", "name", "description", "responsible"],
        lambda unit, access: _plan_items("Measure")(unit, access).select_related("goal__area"),
        lambda m, unit, access: reverse(
            "plans:measure_detail",
            kwargs={"unit": unit.slug, "pk": m.goal.area.plan_id, "measure": m.pk},
        ),
        lambda m: m.code,
    ),
    Kind(
        "aktivity",
        _("Aktivity plánů"),
        ["code", "name", "description", "responsible"],
        lambda unit, access: _plan_items("PlanAction")(unit, access).select_related("measure__goal__area"),
        lambda a, unit, access: reverse(
            "plans:measure_detail",
            kwargs={"unit": unit.slug, "pk": a.measure.goal.area.plan_id, "measure": a.measure_id},
        ),
        lambda a: a.code,
    ),
]
KINDS_BY_KEY = {k.key: k for k in KINDS}


def matches(kind: Kind, unit, access, query: str) -> QuerySet:
    found = search(kind.rows(unit, access), query, kind.fields)
    # A field across a one-to-many relation (a document's versions) may match more than once.
    return found.distinct() if any("__" in f and f.startswith("versions") for f in kind.fields) else found


def as_results(kind: Kind, rows, unit, access) -> list[dict]:
    return [
        {"title": _title(row), "url": kind.link(row, unit, access), "detail": kind.detail(row)}
        for row in rows
    ]


def _title(row) -> str:
    if hasattr(row, "title"):
        return row.title
    if hasattr(row, "last_name"):
        return str(row)
    if hasattr(row, "code"):
        return f"{row.code} {row.name}".strip()
    return row.name
