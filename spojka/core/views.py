from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from spojka.cooperation.tenancy import accessible_units, unit_view
from spojka.lib.audit import history_for_unit


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


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@unit_view()
def unit_history(request: HttpRequest, unit) -> HttpResponse:
    return render(request, "core/unit_history.html", {"unit": unit, "history": history_for_unit(unit.pk)})
