"""Upload a cooperation description, review what was read from it, and confirm the import.

Agency admins only: the unit the document describes may not exist yet, so no unit role applies.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from spojka.cooperation.tenancy import agency_admin_required
from spojka.lib.forms import add_service_errors

from . import services
from .errors import ImportRejected
from .forms import ReviewForm, UploadForm
from .models import ImportDraft
from .parser import parse_cooperation_description

RECENT_DRAFTS = 20


@agency_admin_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        draft = ImportDraft.objects.create(uploaded_by=request.user, filename=form.filename, text=form.text)
        return redirect(draft)
    # The latest uploads, so that a review left unfinished can be picked up again.
    drafts = ImportDraft.objects.select_related("uploaded_by", "description__unit").defer("text")[
        :RECENT_DRAFTS
    ]
    return render(request, "importer/upload.html", {"form": form, "drafts": drafts})


@agency_admin_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(ImportDraft.objects.select_related("description__unit"), pk=pk)
    if draft.confirmed_at is not None:
        if request.method == "POST":
            messages.error(request, _("Tento dokument už byl naimportován."))
            return redirect(draft.description or draft)
        return render(request, "importer/review.html", {"draft": draft, "confirmed": True})
    try:
        parsed = parse_cooperation_description(draft.text)
    except ImportRejected as error:  # only a draft whose text was changed by hand can get here
        return render(
            request, "importer/review.html", {"draft": draft, "rejected": error.message}, status=422
        )
    form = ReviewForm(request.POST or None, parsed=parsed)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                description = services.import_confirm(draft=draft, data=form.to_data(), user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Popis spolupráce byl naimportován jako návrh."))
                return redirect(description)
        status = 422
    preview = services.import_preview(data=form.preview_data())
    return render(
        request,
        "importer/review.html",
        {
            "draft": draft,
            "form": form,
            "parsed": parsed,
            "existing_unit": preview.unit,
            "preview": preview,
            "doubts": form.doubts(),
            "activities": form.activity_rows(),
        },
        status=status,
    )
