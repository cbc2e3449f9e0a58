from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from post_office.models import STATUS, Email

from spojka.cooperation.tenancy import accessible_units, agency_admin_required, unit_view
from spojka.core.forms import HistoryFilterForm
from spojka.lib import mail as outbox_mail
from spojka.lib.audit import history_rows, unit_log_entries
from spojka.lib.pagination import paginate

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
    slug = request.GET.get("unit", "")
    if slug and accessible_units(request.user).filter(slug=slug).exists():
        return redirect("compliance:dashboard", unit=slug)
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


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


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
