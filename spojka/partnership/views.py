from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import unit_view
from spojka.lib import xlsx
from spojka.lib.audit import history_for
from spojka.lib.czech import sorted_czech
from spojka.lib.downloads import JSON, download, download_file
from spojka.lib.forms import add_service_errors, search_query
from spojka.lib.locking import save_unless_changed
from spojka.lib.search import search
from spojka.lib.uploads import safe_filename
from spojka.partnership import personal_data, services
from spojka.partnership.forms import (
    LocalPartnershipForm,
    MemberEndForm,
    MemberForm,
    OrganisationForm,
    PersonForm,
    StatuteForm,
    WorkingGroupForm,
)
from spojka.partnership.models import (
    LocalPartnership,
    Organisation,
    OrganisationCategory,
    PartnershipMember,
    Person,
    WorkingGroup,
)


def _partnership(unit: TerritorialUnit) -> LocalPartnership | None:
    return LocalPartnership.objects.filter(unit=unit).first()


def _members(unit: TerritorialUnit) -> QuerySet[PartnershipMember]:
    return unit.partnership_members.select_related(
        "organisation", "representative", "deputy", "working_group"
    ).order_by("organisation__name", "working_group__name", "-valid_from", "pk")


# --- Overview and the LP itself ---------------------------------------------------------------


@unit_view()
def overview(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    partnership = _partnership(unit)
    groups = list(unit.working_groups.select_related("leader"))
    current = list(services.current_on(_members(unit), today))
    counts: dict[int | None, int] = {}
    for m in current:
        counts[m.working_group_id] = counts.get(m.working_group_id, 0) + 1
    for group in groups:
        group.current_count = counts.get(group.pk, 0)
    # Members grouped by the category of their organisation, in the order the categories are defined.
    by_category = [
        (label, [m for m in current if m.organisation.category == value])
        for value, label in OrganisationCategory.choices
    ]
    statute = services.current_statute(unit=unit, on=today)
    # A partner whose account is linked to an LP person sees their own membership first.
    mine = [
        m
        for m in current
        if request.user.pk in (m.representative.user_id, m.deputy.user_id if m.deputy else None)
    ]
    # The same numbers as services.quorum_for, from the rows already loaded.
    share = statute.quorum_share if statute else services.DEFAULT_QUORUM_SHARE
    return render(
        request,
        "partnership/overview.html",
        {
            "unit": unit,
            "partnership": partnership,
            "groups": groups,
            "plenary_count": counts.get(None, 0),
            "by_category": [(label, rows) for label, rows in by_category if rows],
            "statute": statute,
            "mine": mine,
            "quorum_members": counts.get(None, 0),
            "quorum_needed": services.needed_for(counts.get(None, 0), share),
            "history": history_for(partnership, limit=10) if partnership else [],
        },
    )


@unit_view(write=True)
def partnership_edit(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    instance = _partnership(unit) or LocalPartnership(unit=unit)
    form = LocalPartnershipForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        partnership = form.save(commit=False)
        partnership.unit = unit
        partnership.save()
        messages.success(request, _("Údaje lokálního partnerství byly uloženy."))
        return redirect("partnership:overview", unit=unit.slug)
    return render(request, "partnership/partnership_form.html", {"unit": unit, "form": form})


@unit_view()
def member_history(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    rows = list(_members(unit))
    return render(
        request,
        "partnership/member_history.html",
        {
            "unit": unit,
            "current": [m for m in rows if m.is_current(today)],
            "future": [m for m in rows if m.valid_from > today],
            "past": [m for m in rows if m.valid_to is not None and m.valid_to < today],
        },
    )


# --- Working groups ---------------------------------------------------------------------------


@unit_view(write=True)
def group_form(request: HttpRequest, unit: TerritorialUnit, pk: int | None = None) -> HttpResponse:
    # Look the group up first: another unit's group is 404 whatever state this unit's LP is in.
    instance = get_object_or_404(unit.working_groups, pk=pk) if pk else WorkingGroup(unit=unit)
    partnership = _partnership(unit)
    if partnership is None:
        messages.info(request, _("Nejdříve zapište údaje lokálního partnerství."))
        return redirect("partnership:partnership_edit", unit=unit.slug)
    form = WorkingGroupForm(request.POST or None, instance=instance, unit=unit)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.unit = unit
        group.partnership = partnership
        group.save()
        messages.success(request, _("Pracovní skupina byla uložena."))
        return redirect("partnership:overview", unit=unit.slug)
    return render(
        request,
        "partnership/group_form.html",
        {
            "unit": unit,
            "form": form,
            "group": instance if pk else None,
            "history": history_for(instance) if pk else [],
        },
    )


# --- Members ----------------------------------------------------------------------------------


@unit_view(write=True)
def member_form(request: HttpRequest, unit: TerritorialUnit, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(unit.partnership_members, pk=pk) if pk else PartnershipMember(unit=unit)
    initial = {} if pk else {"valid_from": timezone.localdate()}
    form = MemberForm(request.POST or None, instance=instance, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_save(member=form.save(commit=False), unit=unit)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Členství bylo uloženo."))
            return redirect("partnership:overview", unit=unit.slug)
    return render(
        request,
        "partnership/member_form.html",
        {
            "unit": unit,
            "form": form,
            "member": instance if pk else None,
            "history": history_for(instance) if pk else [],
        },
    )


@unit_view(write=True)
def member_end(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    member = get_object_or_404(
        unit.partnership_members.select_related("organisation", "working_group"), pk=pk
    )
    form = MemberEndForm(request.POST or None, member=member, initial={"valid_to": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_end(member=member, valid_to=form.cleaned_data["valid_to"])
        except ValidationError as exc:
            member.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Členství bylo ukončeno; zůstává v historii."))
            return redirect("partnership:overview", unit=unit.slug)
    return render(request, "partnership/member_end.html", {"unit": unit, "form": form, "member": member})


# --- People -----------------------------------------------------------------------------------


def _filtered_people(request: HttpRequest, unit: TerritorialUnit) -> tuple[str, list]:
    """The people of the list as filtered by ``q``; the list and its export share it."""
    query = search_query(request.GET.get("q"))
    people = search(
        unit.people.select_related("organisation"),
        query,
        ["first_name", "last_name", "function", "email", "organisation__name"],
    )
    # Czech alphabetical order (Č after C, Ch after H), which the database's own collation does not give.
    return query, sorted_czech(people, key=lambda p: f"{p.last_name} {p.first_name}")


@unit_view()
def person_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    query, people = _filtered_people(request, unit)
    return render(request, "partnership/person_list.html", {"unit": unit, "people": people, "query": query})


@unit_view()
def people_export(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """The people list as XLSX, filtered as the list is."""
    _query, people = _filtered_people(request, unit)
    columns = [
        xlsx.Column(_("Titul před"), width=10),
        xlsx.Column(_("Jméno"), width=16),
        xlsx.Column(_("Příjmení"), width=20),
        xlsx.Column(_("Titul za"), width=10),
        xlsx.Column(_("Organizace"), width=36),
        xlsx.Column(_("Funkce"), width=30),
        xlsx.Column(_("E-mail"), width=30),
        xlsx.Column(_("Telefon"), width=16),
    ]
    rows = (
        [
            p.title_before,
            p.first_name,
            p.last_name,
            p.title_after,
            p.organisation.name if p.organisation else "",
            p.function,
            p.email,
            p.phone,
        ]
        for p in people
    )
    return xlsx.response(_("Osoby"), columns, rows, f"osoby-{unit.slug}.xlsx")


@unit_view(write=True)
def person_form(request: HttpRequest, unit: TerritorialUnit, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(unit.people, pk=pk) if pk else Person(unit=unit)
    form = PersonForm(request.POST or None, instance=instance, unit=unit)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        person.unit = unit
        if save_unless_changed(form, person.save):
            messages.success(request, _("Osoba byla uložena."))
            return redirect("partnership:person_list", unit=unit.slug)
    return render(
        request,
        "partnership/person_form.html",
        {
            "unit": unit,
            "form": form,
            "person": instance if pk else None,
            "history": history_for(instance) if pk else [],
        },
    )


# --- Organisations (each unit keeps its own records) -------------------------------------------


def _filtered_organisations(request: HttpRequest, unit: TerritorialUnit) -> tuple[str, list]:
    query = search_query(request.GET.get("q"))
    organisations = search(unit.organisations.all(), query, ["name", "ico"])
    return query, sorted_czech(organisations, key=lambda o: o.name)


@unit_view()
def organisation_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    query, organisations = _filtered_organisations(request, unit)
    return render(
        request,
        "partnership/organisation_list.html",
        {"unit": unit, "organisations": organisations, "query": query},
    )


@unit_view()
def organisation_export(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    """The organisation list as XLSX, filtered as the list is."""
    _query, organisations = _filtered_organisations(request, unit)
    columns = [
        xlsx.Column(_("Název"), width=44),
        xlsx.Column(_("IČO"), width=10),
        xlsx.Column(_("Kategorie"), width=30),
    ]
    rows = ([o.name, o.ico, o.get_category_display()] for o in organisations)
    return xlsx.response(_("Organizace"), columns, rows, f"organizace-{unit.slug}.xlsx")


@unit_view(write=True)
def organisation_form(request: HttpRequest, unit: TerritorialUnit, pk: int | None = None) -> HttpResponse:
    instance = get_object_or_404(unit.organisations, pk=pk) if pk else Organisation(unit=unit)
    form = OrganisationForm(request.POST or None, instance=instance, unit=unit)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        organisation.unit = unit
        if save_unless_changed(form, organisation.save):
            messages.success(request, _("Organizace byla uložena."))
            return redirect("partnership:organisation_list", unit=unit.slug)
    return render(
        request,
        "partnership/organisation_form.html",
        {
            "unit": unit,
            "form": form,
            "organisation": instance if pk else None,
            "history": history_for(instance) if pk else [],
        },
    )


# --- Statute and rules of procedure ------------------------------------------------------------


@unit_view()
def statute_list(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    statutes = list(unit.statutes.order_by("-effective_from", "-version"))
    # The list is ordered as current_statute orders it: the first one already in force is current.
    current = next((s for s in statutes if s.effective_from <= today), None)
    members, needed = services.quorum_for(unit=unit, on=today)
    return render(
        request,
        "partnership/statute_list.html",
        {
            "unit": unit,
            "statutes": statutes,
            "current": current,
            "quorum_members": members,
            "quorum_needed": needed,
        },
    )


@unit_view(write=True)
def statute_upload(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    latest = unit.statutes.order_by("-version").first()
    initial = {"version": (latest.version + 1) if latest else 1, "effective_from": timezone.localdate()}
    form = StatuteForm(request.POST or None, request.FILES or None, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            statute = form.save(commit=False)
            statute.unit = unit
            upload = form.cleaned_data["file"]
            upload.name = safe_filename(upload.name, form.content_type)
            statute.file_name = upload.name
            statute.content_type = form.content_type
            statute.save()
        messages.success(request, _("Statut a jednací řád byl nahrán."))
        return redirect("partnership:statute_list", unit=unit.slug)
    return render(request, "partnership/statute_form.html", {"unit": unit, "form": form})


@unit_view()
def statute_download(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    statute = get_object_or_404(unit.statutes, pk=pk)
    filename = statute.file_name or statute.file.name.rsplit("/", 1)[-1]
    return download_file(statute.file, filename, content_type=statute.content_type or None)


# --- Personal data: export and anonymisation (agency admin only) --------------------------------


def _agency_admin_person(request: HttpRequest, unit: TerritorialUnit, pk: int) -> Person:
    if not request.user.is_agency_admin:
        raise PermissionDenied
    return get_object_or_404(unit.people, pk=pk)


@unit_view(write=True)
def person_export(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    person = _agency_admin_person(request, unit, pk)
    return download(personal_data.person_export(person), f"osoba-{person.pk}.json", content_type=JSON)


@unit_view(write=True)
def person_anonymise(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    person = _agency_admin_person(request, unit, pk)
    if request.method == "POST":
        personal_data.person_anonymise(person=person)
        messages.success(
            request, _("Osoba byla anonymizována; účasti, hodiny a historie zůstaly bez jejího jména.")
        )
        return redirect("partnership:person_list", unit=unit.slug)
    return render(request, "partnership/person_anonymise.html", {"unit": unit, "person": person})
