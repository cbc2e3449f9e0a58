from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.lib.czech import date_short
from spojka.lib.pagination import paginate
from spojka.trash import services
from spojka.trash.models import RETENTION_DAYS

PAGE_SIZE = 50


def confirm_delete(
    request: HttpRequest,
    *,
    unit: TerritorialUnit,
    obj: models.Model,
    question: str,
    back_url: str,
    done_url: str,
    kind: str = "",
    restore_path: str = "",
    title: str = "",
) -> HttpResponse:
    """GET: a page naming what the deletion takes with it. POST: delete into the trash.

    Views of every app call this for their deletions (``unit_view(write=True)`` already checked).
    """
    preview = services.deletion_preview(obj)
    context = {
        "unit": unit,
        "title": title or question,
        "question": question,
        "preview": preview,
        "back_url": back_url,
        "retention_days": RETENTION_DAYS,
    }
    if request.method != "POST":
        return render(request, "trash/confirm_delete.html", context)
    try:
        item = services.trash_delete(
            obj=obj, unit=unit, user=request.user, kind=kind, restore_path=restore_path
        )
    except ValidationError as exc:
        context["error"] = " ".join(exc.messages)
        return render(request, "trash/confirm_delete.html", context, status=422)
    messages.success(
        request,
        _("Smazáno: %(title)s. Do %(until)s to lze obnovit v Koši.")
        % {"title": item.title, "until": date_short(item.restorable_until)},
    )
    return redirect(done_url)


@unit_view(write=True)
def trash_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    items = unit.trash.select_related("deleted_by", "restored_by").defer("payload", "cleared_links", "files")
    page = paginate(request, items.order_by("-created_at", "-pk"), per_page=PAGE_SIZE)
    return render(
        request, "trash/trash_list.html", {"unit": unit, "page": page, "retention_days": RETENTION_DAYS}
    )


@unit_view(write=True)
@require_POST
def trash_restore(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    item = get_object_or_404(unit.trash, pk=pk)
    try:
        services.trash_restore(item=item, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("trash:list", unit=unit.slug)
    messages.success(request, _("Obnoveno: %(title)s.") % {"title": item.title})
    return redirect(item.restore_path or "trash:list", **({} if item.restore_path else {"unit": unit.slug}))
