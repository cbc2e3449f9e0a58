from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from post_office.models import STATUS, Email

from spojka.cooperation.tenancy import accessible_units, agency_admin_required, unit_view
from spojka.core import search as unit_search
from spojka.core.forms import HistoryFilterForm
from spojka.lib import mail as outbox_mail
from spojka.lib import xlsx
from spojka.lib.audit import history_rows, unit_log_entries
from spojka.lib.forms import search_query
from spojka.lib.pagination import paginate
from spojka.lib.search import terms

HISTORY_PER_PAGE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    units = list(accessible_units(request.user).only("slug")[:2])
    if len(units) == 1:  # the unit's landing page: what is due now
        return redirect("compliance:dashboard", unit=units[0].slug)
    return redirect("cooperation:unit_list")


@login_required
@require_GET
def switch_unit(request: HttpRequest) -> HttpResponse:
    """The header's switcher: a unit chosen from the list (``unit``), or typed into its search
    (``q``, a name or IČO). One match opens the unit; several open the unit list filtered by the text."""
    units = accessible_units(request.user)
    slug = search_query(request.GET.get("unit"))
    if slug and units.filter(slug=slug).exists():
        return redirect("compliance:dashboard", unit=slug)
    query = search_query(request.GET.get("q"))
    if query:
        # The exact name first: "Obec Lhota" must not be ambiguous beside "Obec Lhota pod Horami".
        matches = list(units.filter(name__iexact=query).values_list("slug", flat=True)[:2]) or list(
            units.filter(Q(name__icontains=query) | Q(ico=query)).values_list("slug", flat=True)[:2]
        )
        if len(matches) == 1:
            return redirect("compliance:dashboard", unit=matches[0])
        return redirect(f"{reverse('cooperation:unit_list')}?{urlencode({'q': query})}")
    return redirect("cooperation:unit_list")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # the point is to report any failure, whatever its type
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


FAVICON = Path(__file__).resolve().parent / "static" / "core" / "favicon.ico"


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page links; answer it rather than 404."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


# The day the accessibility statement was last reviewed against the app; update it with the
# statement's list of known exceptions whenever one is fixed or found (issue 15, item 9).
ACCESSIBILITY_REVIEWED = date(2026, 11, 29)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html", {"reviewed": ACCESSIBILITY_REVIEWED})


@unit_view()
def unit_history(request: HttpRequest, unit) -> HttpResponse:
    """The unit's whole history, filtered by who, what and when, fifty changes a page."""
    entries = unit_log_entries(unit.pk)
    form = HistoryFilterForm(request.GET or None, unit_entries=entries)
    page = paginate(request, form.filter(entries), per_page=HISTORY_PER_PAGE)
    return render(
        request,
        "core/unit_history.html",
        {"unit": unit, "form": form, "page": page, "history": history_rows(page.object_list)},
    )


HISTORY_EXPORT_MAX = 5000


@unit_view()
def unit_history_export(request: HttpRequest, unit) -> HttpResponse:
    """The unit's history as XLSX, filtered as the page is: one row per changed field, in words."""
    entries = unit_log_entries(unit.pk)
    form = HistoryFilterForm(request.GET or None, unit_entries=entries)
    rows = []
    for row in history_rows(form.filter(entries)[:HISTORY_EXPORT_MAX]):
        base = [timezone.localtime(row.timestamp), row.actor, row.action, row.object_kind, row.object_name]
        for field, old, new in row.changes or [("", "", "")]:
            rows.append([*base, field, old, new])
    columns = [
        xlsx.Column(_("Kdy"), "datetime", 18),
        xlsx.Column(_("Kdo"), width=22),
        xlsx.Column(_("Akce"), width=12),
        xlsx.Column(_("Co"), width=22),
        xlsx.Column(_("Záznam"), width=36),
        xlsx.Column(_("Údaj"), width=22),
        xlsx.Column(_("Původně"), width=30, wrap=True),
        xlsx.Column(_("Nově"), width=30, wrap=True),
    ]
    return xlsx.response(_("Historie změn"), columns, rows, f"historie-{unit.slug}.xlsx")


SEARCH_GROUP_SIZE = 5
SEARCH_PER_PAGE = 20


@unit_view()
def search(request: HttpRequest, unit) -> HttpResponse:
    """Search the unit (issue 15, item 3): first results of every kind, or one kind page by page.

    Two queries a kind at most (its first rows, and its count only when they fill the group).
    """
    query = search_query(request.GET.get("q"))
    only = unit_search.KINDS_BY_KEY.get(request.GET.get("druh", ""))
    groups, page = [], None
    if terms(query):
        for kind in [only] if only else unit_search.KINDS:
            rows = unit_search.matches(kind, unit, request.access, query)
            if only:
                page = paginate(request, rows, per_page=SEARCH_PER_PAGE)
                found, count = list(page.object_list), page.paginator.count
            else:
                found = list(rows[:SEARCH_GROUP_SIZE])
                count = rows.count() if len(found) == SEARCH_GROUP_SIZE else len(found)
            if found:
                groups.append(
                    {
                        "kind": kind,
                        "count": count,
                        "more": count > len(found) and not only,
                        "results": unit_search.as_results(kind, found, unit, request.access),
                    }
                )
    return render(
        request,
        "core/search.html",
        {
            "unit": unit,
            "query": query,
            "only": only,
            "groups": groups,
            "page": page,
            "total": sum(g["count"] for g in groups),
            "searched": bool(terms(query)),
        },
    )


# --- The outbox: every e-mail Spojka queued, for the agency admin (the demo's mailbox too) -------

OUTBOX_FILTERS = {
    "": None,
    "queued": [STATUS.queued, STATUS.requeued],
    "sent": [STATUS.sent],
    "failed": [STATUS.failed],
}


@agency_admin_required
def outbox(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("stav", "")
    emails = Email.objects.only(
        "to", "subject", "status", "number_of_retries", "scheduled_time", "created"
    ).order_by("-created", "-pk")
    if OUTBOX_FILTERS.get(state):
        emails = emails.filter(status__in=OUTBOX_FILTERS[state])
    page = paginate(request, emails, per_page=50)
    for email in page:
        email.delivery_state = outbox_mail.delivery_state(email)
        email.delivery_label = outbox_mail.delivery_label(email)
    return render(
        request,
        "core/outbox.html",
        {
            "page": page,
            "state": state if state in OUTBOX_FILTERS else "",
            "states": outbox_mail.STATE_FILTERS,
        },
    )


@agency_admin_required
def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(Email.objects.prefetch_related("attachments", "logs"), pk=pk)
    return render(
        request,
        "core/outbox_message.html",
        {
            "email": email,
            "delivery_state": outbox_mail.delivery_state(email),
            "delivery_label": outbox_mail.delivery_label(email),
        },
    )
