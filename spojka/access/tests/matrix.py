from __future__ import annotations

from spojka.accounts import services
from spojka.accounts.models import Invitation, Role, hash_token
from spojka.testing.matrix_kinds import AGENCY_ADMIN_ONLY, PUBLIC, UNIT_WRITE, Entry, unit_kwargs


def build(world) -> None:
    if hasattr(world, "invitation"):
        return
    world.partner_membership = world.users["partner"].memberships.get(unit=world.unit)
    world.invitation = services.invitation_create(
        unit=world.unit, email="nova@example.org", role=Role.PARTNER, invited_by=world.users["editor"]
    )
    # The token is only in the mail; the matrix needs one it knows.
    world.invitation_token = "matrix-token"
    Invitation.objects.filter(pk=world.invitation.pk).update(token_hash=hash_token(world.invitation_token))


def _membership(world) -> dict:
    return {"unit": world.unit.slug, "pk": world.partner_membership.pk}


def _invitation(world) -> dict:
    return {"unit": world.unit.slug, "pk": world.invitation.pk}


def _user(world) -> dict:
    return {"pk": world.users["partner"].pk}


ENTRIES = {
    "access:unit_access": Entry(UNIT_WRITE, unit_kwargs),
    "access:invite": Entry(UNIT_WRITE, unit_kwargs),
    "access:membership_edit": Entry(UNIT_WRITE, _membership),
    "access:membership_end": Entry(UNIT_WRITE, _membership),
    "access:invitation_resend": Entry(UNIT_WRITE, _invitation, method="POST"),
    "access:invitation_revoke": Entry(UNIT_WRITE, _invitation, method="POST"),
    # The token is the key: anyone holding the link sees the invitation (signed in or not).
    "access:invitation_accept": Entry(PUBLIC, lambda w: {"token": w.invitation_token}),
    "access:user_list": Entry(AGENCY_ADMIN_ONLY),
    "access:agency_invite": Entry(AGENCY_ADMIN_ONLY),
    "access:user_detail": Entry(AGENCY_ADMIN_ONLY, _user),
    "access:user_assign": Entry(AGENCY_ADMIN_ONLY, _user),
    "access:user_deactivate": Entry(AGENCY_ADMIN_ONLY, _user),
    "access:user_reactivate": Entry(AGENCY_ADMIN_ONLY, _user, method="POST"),
}
