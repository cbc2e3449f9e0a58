from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.accounts.models import Role
from spojka.cooperation import services, validity
from spojka.cooperation.forms import (
    DescriptionForm,
    MemorandumForm,
    RoleAssignmentForm,
    ThematicAreaForm,
    TransitionForm,
    UnitForm,
)
from spojka.cooperation.models import CooperationDescription, KeyRole, TerritorialUnit
from spojka.cooperation.tenancy import accessible_units, agency_admin_required, unit_view
from spojka.lib.audit import history_for
from spojka.lib.forms import add_service_errors, search_query
from spojka.lib.locking import save_unless_changed

# --- Territorial units -------------------------------------------------------------------------


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = accessible_units(request.user).order_by("name")
    query = search_query(request.GET.get("q"))
    if query:
        units = units.filter(Q(name__icontains=query) | Q(ico=query))
    is_consultant = (
        not request.user.is_agency_admin
        and request.user.memberships.active().filter(role=Role.CONSULTANT).exists()
    )
    return render(
        request,
        "cooperation/unit_list.html",
        {"units": units, "query": query, "is_consultant": is_consultant},
    )


@agency_admin_required
def unit_create(request: HttpRequest) -> HttpResponse:
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("Územní celek byl založen."))
        return redirect(unit)
    return render(request, "cooperation/unit_form.html", {"form": form})


@unit_view()
def unit_detail(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    current = validity.current_description(unit, today)
    description = current or unit.descriptions.select_related("memorandum").first()
    roles = [r for r in unit.role_assignments.all() if r.is_current(today)]
    return render(
        request,
        "cooperation/unit_detail.html",
        {
            "unit": unit,
            "description": description,
            "no_valid_description": current is None,
            "roles": roles,
            "days_left": description.days_left(today) if description else None,
            "history": history_for(unit, limit=10),
        },
    )


@unit_view(write=True)
def unit_edit(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("Změny byly uloženy."))
        return redirect(unit)
    return render(request, "cooperation/unit_form.html", {"form": form, "unit": unit})


# --- Memoranda and cooperation descriptions ---------------------------------------------------


@unit_view(write=True)
def memorandum_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form = MemorandumForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Memorandum bylo uloženo."))
        return redirect("cooperation:description_list", unit=unit.slug)
    return render(request, "cooperation/memorandum_form.html", {"form": form, "unit": unit})


@unit_view()
def description_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    descriptions = unit.descriptions.select_related("memorandum").order_by("-version")
    return render(
        request,
        "cooperation/description_list.html",
        {"unit": unit, "descriptions": descriptions, "memoranda": unit.memoranda.all()},
    )


def _description_or_404(unit: TerritorialUnit, pk: int) -> CooperationDescription:
    return get_object_or_404(unit.descriptions.select_related("memorandum", "previous"), pk=pk)


@unit_view()
def description_detail(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    description = _description_or_404(unit, pk)
    today = timezone.localdate()
    order = list(KeyRole.values)
    roles = sorted(
        (r for r in unit.role_assignments.all() if r.is_current(today)), key=lambda r: order.index(r.role)
    )
    return render(
        request,
        "cooperation/description_detail.html",
        {
            "unit": unit,
            "description": description,
            "areas": description.thematic_areas.all(),
            "esif": description.esif_interventions.all(),
            "links": description.strategic_links.all(),
            "roles": roles,
            "today": today,
            "succession": validity.succession(description.previous, description)
            if description.previous
            else None,
            "transition_form": TransitionForm(initial={"target": description.next_status}),
            "history": history_for(description),
        },
    )


@unit_view(write=True)
def description_create(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    return _description_form(request, unit, CooperationDescription(unit=unit))


@unit_view(write=True)
def description_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    return _description_form(request, unit, _description_or_404(unit, pk))


def _description_form(request: HttpRequest, unit, description: CooperationDescription) -> HttpResponse:
    form = DescriptionForm(request.POST or None, instance=description, unit=unit)
    saved: list[CooperationDescription] = []

    def save() -> None:
        saved.append(
            services.description_save(
                description=form.save(commit=False),
                unit=unit,
                esif=form.esif_lines(),
                strategic=form.strategic_lines(),
            )
        )

    if request.method == "POST" and form.is_valid() and save_unless_changed(form, save):
        messages.success(request, _("Popis spolupráce byl uložen."))
        return redirect(saved[0])
    return render(
        request, "cooperation/description_form.html", {"form": form, "unit": unit, "description": description}
    )


@unit_view(write=True)
@require_POST
def description_transition(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    description = _description_or_404(unit, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.description_transition(description=description, target=form.cleaned_data["target"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Stav popisu spolupráce byl změněn."))
            return redirect(description)
    return render(
        request,
        "cooperation/description_transition.html",
        {"unit": unit, "description": description, "form": form},
        status=422,
    )


@unit_view(write=True)
@require_POST
def description_revise(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    description = _description_or_404(unit, pk)
    try:
        revision = services.description_start_revision(description=description)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(description)
    messages.success(request, _("Byla založena nová verze popisu spolupráce."))
    return redirect(revision)


# --- Thematic areas ---------------------------------------------------------------------------


@unit_view(write=True)
def area_form(request: HttpRequest, unit: TerritorialUnit, pk: int, area: int | None = None) -> HttpResponse:
    description = _description_or_404(unit, pk)
    instance = get_object_or_404(description.thematic_areas, pk=area) if area else None
    form = ThematicAreaForm(request.POST or None, instance=instance, description=description)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.unit = unit
        obj.description = description
        obj.save()
        messages.success(request, _("Tematická oblast byla uložena."))
        return redirect(description)
    return render(
        request,
        "cooperation/area_form.html",
        {"form": form, "unit": unit, "description": description, "area": instance},
    )


@unit_view(write=True)
@require_POST
def area_delete(request: HttpRequest, unit: TerritorialUnit, pk: int, area: int) -> HttpResponse:
    description = _description_or_404(unit, pk)
    get_object_or_404(description.thematic_areas, pk=area).delete()
    messages.success(request, _("Tematická oblast byla odebrána."))
    return redirect(description)


# --- Key roles --------------------------------------------------------------------------------


@unit_view()
def role_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    roles = list(unit.role_assignments.all())
    return render(
        request,
        "cooperation/role_list.html",
        {
            "unit": unit,
            "current": [r for r in roles if r.is_current(today)],
            # A role that has not started yet is upcoming, not part of the history.
            "upcoming": [r for r in roles if r.is_upcoming(today)],
            "past": [r for r in roles if not r.is_current(today) and not r.is_upcoming(today)],
        },
    )


@unit_view(write=True)
def role_form(request: HttpRequest, unit: TerritorialUnit, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(unit.role_assignments, pk=pk) if pk else None
    if instance is not None and instance.user_id and instance.role == KeyRole.AGENCY_CONSULTANT:
        # The consultant's key role is written from their access to the unit: change it there.
        messages.info(request, _("Konzultanta ASZ přidělujete a ukončujete na stránce Přístupy."))
        membership = unit.memberships.filter(user_id=instance.user_id).first()
        if membership is not None and request.user.is_agency_admin:
            return redirect("access:membership_edit", unit=unit.slug, pk=membership.pk)
        return redirect("cooperation:role_list", unit=unit.slug)
    form = RoleAssignmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.unit = unit
            obj.save()
        messages.success(request, _("Obsazení role bylo uloženo."))
        return redirect("cooperation:role_list", unit=unit.slug)
    return render(request, "cooperation/role_form.html", {"form": form, "unit": unit, "role": instance})
