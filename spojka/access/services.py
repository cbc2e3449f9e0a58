"""Access workflows that also touch the cooperation: a consultant's access and key role are one fact.

The membership (``accounts``) decides access; the key role "konzultant ASZ" shown on the unit's
pages and documents (``cooperation.RoleAssignment``) is written from it here, linked to the user,
so the two cannot drift apart. Every other access workflow is in ``spojka.accounts.services``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from spojka.accounts import services as accounts_services
from spojka.accounts.models import Invitation, Membership, Role, User
from spojka.cooperation.models import KeyRole, RoleAssignment


def sync_key_role(*, membership: Membership) -> RoleAssignment | None:
    """Write the consultant's key role from their membership (or end it when they are no longer one)."""
    rows = RoleAssignment.objects.filter(
        unit_id=membership.unit_id, user_id=membership.user_id, role=KeyRole.AGENCY_CONSULTANT
    )
    row = rows.order_by("-pk").first()
    if membership.role != Role.CONSULTANT:
        yesterday = timezone.localdate() - timedelta(days=1)
        if row is not None and (row.valid_to is None or row.valid_to > yesterday):
            row.valid_to = max(yesterday, row.valid_from) if row.valid_from else yesterday
            row.save()
        return row
    user = membership.user
    row = row or RoleAssignment(unit_id=membership.unit_id, user=user, role=KeyRole.AGENCY_CONSULTANT)
    row.holder_name = user.get_full_name() or user.username
    row.email = user.email
    row.is_vacant = False
    row.valid_from = membership.valid_from
    # A key role's "do" is its last day; a membership's ends_on is the first day without access.
    row.valid_to = membership.ends_on - timedelta(days=1) if membership.ends_on else None
    row.save()
    return row


def grant(
    *,
    user: User,
    unit,
    role: str,
    invited_by: User | None,
    valid_from: date | None = None,
    ends_on: date | None = None,
) -> Membership:
    with transaction.atomic():
        membership = accounts_services.membership_grant(
            user=user, unit=unit, role=role, invited_by=invited_by, valid_from=valid_from, ends_on=ends_on
        )
        sync_key_role(membership=membership)
    return membership


def end(*, membership: Membership, on: date) -> Membership:
    with transaction.atomic():
        accounts_services.membership_end(membership=membership, on=on)
        sync_key_role(membership=membership)
    return membership


def accept(*, token: str, user: User) -> Invitation:
    with transaction.atomic():
        invitation = accounts_services.invitation_accept(token=token, user=user)
        if invitation.unit_id is not None:
            sync_key_role(membership=Membership.objects.get(user=user, unit_id=invitation.unit_id))
    return invitation


def deactivate(*, user: User) -> int:
    with transaction.atomic():
        ended = accounts_services.user_deactivate(user=user)
        for membership in Membership.objects.filter(user=user, role=Role.CONSULTANT):
            sync_key_role(membership=membership)
    return ended
