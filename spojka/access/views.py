"""People and access in the app: the unit's Přístupy page, invitations, the agency's user pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spojka.access import services as access_services
from spojka.access.forms import (
    AcceptInvitationForm,
    AssignmentForm,
    EndMembershipForm,
    InvitationForm,
    MembershipForm,
    UserFilterForm,
)
from spojka.access.permissions import grantable_roles, may_grant, may_manage
from spojka.accounts import services
from spojka.accounts.models import Invitation, Membership, Role, User
from spojka.cooperation.models import TerritorialUnit
from spojka.cooperation.tenancy import agency_admin_required, unit_view
from spojka.lib.czech import date_short
from spojka.lib.forms import add_service_errors
from spojka.lib.pagination import paginate
from spojka.meetings.models import CalendarFeed

# --- The unit's Přístupy page ------------------------------------------------------------------


@unit_view(write=True)
def unit_access(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    today = timezone.localdate()
    memberships = list(
        unit.memberships.select_related("user", "invited_by").order_by(
            "user__last_name", "user__first_name", "user__username"
        )
    )
    by_state: dict[str, list[Membership]] = {state: [] for state in Membership.State.values}
    for membership in memberships:
        by_state[membership.state(today)].append(membership)
    role = request.access.role
    people = {p.user_id: p for p in unit.people.filter(user__isnull=False).order_by("pk")}
    for membership in memberships:
        membership.lp_person = people.get(membership.user_id)
    return render(
        request,
        "access/unit_access.html",
        {
            "unit": unit,
            "active": by_state[Membership.State.ACTIVE],
            "upcoming": by_state[Membership.State.UPCOMING],
            "former": by_state[Membership.State.ENDED],
            "manageable": {m.pk for m in memberships if may_manage(role, m)},
            "invitations": list(
                unit.invitations.filter(accepted_at__isnull=True).select_related("invited_by")
            ),
            "can_invite": bool(grantable_roles(role)),
        },
    )


@unit_view(write=True)
def invite(request: HttpRequest, unit: TerritorialUnit) -> HttpResponse:
    form = InvitationForm(request.POST or None, roles=grantable_roles(request.access.role))
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                unit=unit,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Pozvánka byla zařazena k odeslání na %(email)s.") % form.cleaned_data
            )
            return redirect("access:unit_access", unit=unit.slug)
    return render(request, "access/invite.html", {"unit": unit, "form": form})


def _managed_membership(request: HttpRequest, unit: TerritorialUnit, pk: int) -> Membership:
    membership = get_object_or_404(unit.memberships.select_related("user"), pk=pk)
    if not may_manage(request.access.role, membership):
        raise PermissionDenied
    return membership


@unit_view(write=True)
def membership_edit(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    membership = _managed_membership(request, unit, pk)
    form = MembershipForm(
        request.POST or None,
        roles=grantable_roles(request.access.role),
        initial={"role": membership.role, "valid_from": membership.valid_from, "ends_on": membership.ends_on},
    )
    if request.method == "POST" and form.is_valid():
        access_services.grant(
            user=membership.user, unit=unit, invited_by=membership.invited_by, **form.cleaned_data
        )
        messages.success(request, _("Přístup byl změněn."))
        return redirect("access:unit_access", unit=unit.slug)
    return render(
        request, "access/membership_form.html", {"unit": unit, "form": form, "membership": membership}
    )


@unit_view(write=True)
def membership_end(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    membership = _managed_membership(request, unit, pk)
    form = EndMembershipForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        access_services.end(membership=membership, on=form.cleaned_data["ends_on"])
        messages.success(
            request,
            _("Přístup uživatele %(user)s končí %(date)s. Zvažte novou adresu kalendáře jednání.")
            % {"user": membership.user, "date": date_short(form.cleaned_data["ends_on"])},
        )
        return redirect("access:unit_access", unit=unit.slug)
    feeds = CalendarFeed.objects.filter(unit=unit).select_related("unit")
    return render(
        request,
        "access/membership_end.html",
        {"unit": unit, "form": form, "membership": membership, "feeds": feeds},
    )


def _unit_invitation(request: HttpRequest, unit: TerritorialUnit, pk: int) -> Invitation:
    invitation = get_object_or_404(unit.invitations, pk=pk)
    if not may_grant(request.access.role, invitation.role):
        raise PermissionDenied
    return invitation


@unit_view(write=True)
@require_POST
def invitation_resend(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    invitation = _unit_invitation(request, unit, pk)
    try:
        services.invitation_resend(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pozvánka byla znovu zařazena k odeslání; původní odkaz přestal platit."))
    return redirect("access:unit_access", unit=unit.slug)


@unit_view(write=True)
@require_POST
def invitation_revoke(request: HttpRequest, unit: TerritorialUnit, pk: int) -> HttpResponse:
    invitation = _unit_invitation(request, unit, pk)
    try:
        services.invitation_revoke(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pozvánka byla zrušena; odkaz v ní už nefunguje."))
    return redirect("access:unit_access", unit=unit.slug)


# --- Accepting an invitation (the link from the e-mail) ----------------------------------------


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:  # a token never issued, e.g. a tampered link
        raise Http404
    if invitation.state != Invitation.State.PENDING:
        return render(request, "access/invitation_invalid.html", {"invitation": invitation}, status=410)
    if request.user.is_authenticated:
        return _accept_as(request, token, invitation, request.user)
    if User.objects.filter(email__iexact=invitation.email).exists():
        # The account exists: its owner signs in first, then simply gains the membership.
        return render(request, "access/invitation_login.html", {"invitation": invitation})
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction: a link used up meanwhile leaves no half-made account behind.
            with transaction.atomic():
                user = form.save(commit=False)
                user.email = invitation.email
                user.save()
                access_services.accept(token=token, user=user)
        except ValidationError:
            return render(request, "access/invitation_invalid.html", {"invitation": invitation}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Vítejte ve Spojce. Účet je založen a pozvánka přijata."))
        return _after_accept(invitation)
    return render(request, "access/invitation_accept.html", {"invitation": invitation, "form": form})


def _accept_as(request: HttpRequest, token: str, invitation: Invitation, user: User) -> HttpResponse:
    if request.method != "POST":
        return render(request, "access/invitation_accept.html", {"invitation": invitation, "form": None})
    try:
        access_services.accept(token=token, user=user)
    except ValidationError:
        return render(request, "access/invitation_invalid.html", {"invitation": invitation}, status=410)
    messages.success(request, _("Pozvánka byla přijata."))
    return _after_accept(invitation)


def _after_accept(invitation: Invitation) -> HttpResponse:
    if invitation.unit_id is None:
        return redirect("core:home")
    return redirect("cooperation:unit_detail", unit=invitation.unit.slug)


# --- The agency's pages: every account and membership -------------------------------------------


@agency_admin_required
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    users = User.objects.order_by("last_name", "first_name", "username")
    if form.is_valid():
        data = form.cleaned_data
        unit, role = data["unit"], data["role"]
        if data["q"]:
            q = data["q"]
            users = users.filter(
                Q(username__icontains=q)
                | Q(first_name__icontains=q)
                | Q(last_name__icontains=q)
                | Q(email__icontains=q)
            )
        if data["active"]:
            users = users.filter(is_active=data["active"] == "1")
        if role == Role.AGENCY_ADMIN:
            users = users.filter(is_agency_admin=True)
        elif role or unit:
            matching = Membership.objects.active()
            matching = matching.filter(role=role) if role else matching
            matching = matching.filter(unit=unit) if unit else matching
            users = users.filter(memberships__in=matching).distinct()
    memberships = Membership.objects.active().select_related("unit").order_by("unit__name")
    users = users.prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="current_memberships")
    )
    page = paginate(request, users, per_page=50)
    return render(
        request,
        "access/user_list.html",
        {
            "form": form,
            "page": page,
        },
    )


@agency_admin_required
def agency_invite(request: HttpRequest) -> HttpResponse:
    """An account for the agency's central office: an invitation to become an agency admin."""
    form = InvitationForm(request.POST or None, roles=[Role.AGENCY_ADMIN])
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                unit=None, email=form.cleaned_data["email"], role=Role.AGENCY_ADMIN, invited_by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Pozvánka byla zařazena k odeslání na %(email)s.") % form.cleaned_data
            )
            return redirect("access:user_list")
    invitations = Invitation.objects.filter(unit__isnull=True, accepted_at__isnull=True).select_related(
        "invited_by"
    )
    return render(request, "access/agency_invite.html", {"form": form, "invitations": invitations})


def _user_secrets(user: User):
    """The secret addresses the user could have read: the iCal feeds of every unit they belonged to."""
    feeds = CalendarFeed.objects.select_related("unit").order_by("unit__name")
    return feeds if user.is_agency_admin else feeds.filter(unit__memberships__user=user).distinct()


@agency_admin_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    today = timezone.localdate()
    memberships = list(person.memberships.select_related("unit", "invited_by").order_by("unit__name"))
    return render(
        request,
        "access/user_detail.html",
        {
            "person": person,
            "memberships": [(m, m.state(today)) for m in memberships],
            "invitations": Invitation.objects.filter(accepted_by=person).select_related("unit", "invited_by"),
            "feeds": _user_secrets(person) if not person.is_active else [],
        },
    )


@agency_admin_required
def user_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an existing account access to a unit: e.g. assign a consultant, with from/to dates."""
    person = get_object_or_404(User, pk=pk, is_active=True)
    form = AssignmentForm(
        request.POST or None,
        roles=grantable_roles(Role.AGENCY_ADMIN),
        initial={"role": Role.CONSULTANT, "valid_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        access_services.grant(user=person, invited_by=request.user, **form.cleaned_data)
        messages.success(request, _("Přístup k územnímu celku byl přidělen."))
        return redirect("access:user_detail", pk=person.pk)
    return render(request, "access/user_assign.html", {"person": person, "form": form})


@agency_admin_required
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    if person == request.user:
        raise PermissionDenied  # the last admin must not lock everyone out by mistake
    if request.method == "POST":
        ended = access_services.deactivate(user=person)
        messages.success(
            request,
            _("Účet byl deaktivován, ukončeno přihlášení: %(count)s. Vytvořte nové adresy kalendářů níže.")
            % {"count": ended},
        )
        return redirect("access:user_detail", pk=person.pk)
    return render(request, "access/user_deactivate.html", {"person": person, "feeds": _user_secrets(person)})


@agency_admin_required
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    services.user_reactivate(user=person)
    messages.success(request, _("Účet byl znovu aktivován. Přístupy k územním celkům přidělte znovu."))
    return redirect("access:user_detail", pk=person.pk)
