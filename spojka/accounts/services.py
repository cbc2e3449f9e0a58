"""Access workflows: invitations, memberships and leavers.

Who may grant what is decided by the caller (``spojka.access.permissions``); these functions do
the work, each in one transaction, and leave every change in the audit log.
"""

from __future__ import annotations

from datetime import date

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import Invitation, Membership, Role, User, hash_token
from spojka.lib.urls import absolute_url


def invitation_create(*, unit, email: str, role: str, invited_by: User) -> Invitation:
    """Invite ``email`` to ``unit`` (or to the agency when ``unit`` is None) and send the link."""
    email = User.objects.normalize_email(email).strip()
    if unit is not None and Membership.objects.active().filter(unit=unit, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Uživatel s tímto e-mailem už k územnímu celku přístup má.")})
    if Invitation.objects.pending().filter(unit=unit, email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Na tento e-mail už čeká nepřijatá pozvánka; můžete ji poslat znovu.")}
        )
    with transaction.atomic():
        invitation = Invitation(unit=unit, email=email, role=role, invited_by=invited_by)
        token = invitation.new_token()
        invitation.save()
        _send_invitation(invitation, token)
    return invitation


def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a new link (the old one stops working) valid for another 7 days."""
    if invitation.state in (Invitation.State.ACCEPTED, Invitation.State.REVOKED):
        raise ValidationError(_("Přijatou nebo zrušenou pozvánku nelze poslat znovu."))
    with transaction.atomic():
        token = invitation.new_token()
        invitation.save(update_fields=["token_hash", "expires_at"])
        _send_invitation(invitation, token)
    return invitation


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    if invitation.state == Invitation.State.ACCEPTED:
        raise ValidationError(_("Pozvánka už byla přijata; ukončete místo toho přístup."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _send_invitation(invitation: Invitation, token: str) -> None:
    # The mail is queued by the configured EMAIL_BACKEND (the outbox); the request never talks SMTP.
    context = {
        "invitation": invitation,
        "url": absolute_url(reverse("access:invitation_accept", kwargs={"token": token})),
        "inviter": invitation.invited_by,
        "expires_at": invitation.expires_at,
    }
    send_mail(
        subject=render_to_string("accounts/mail/invitation_subject.txt", context).strip(),
        message=render_to_string("accounts/mail/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation whose link this is, whatever its state; None for a token never issued."""
    return (
        Invitation.objects.select_related("unit", "invited_by").filter(token_hash=hash_token(token)).first()
    )


def invitation_accept(*, token: str, user: User) -> Invitation:
    """Give ``user`` what the invitation grants; the link then stops working."""
    with transaction.atomic():
        # Locked so that two clicks on the same link cannot both use it.
        invitation = Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        if invitation is None or invitation.state != Invitation.State.PENDING:
            raise ValidationError(_("Pozvánka už neplatí."))
        if invitation.role == Role.AGENCY_ADMIN:
            user.is_agency_admin = user.is_staff = True
            user.save(update_fields=["is_agency_admin", "is_staff"])
        else:
            membership_grant(
                user=user, unit=invitation.unit, role=invitation.role, invited_by=invitation.invited_by
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


def membership_grant(
    *,
    user: User,
    unit,
    role: str,
    invited_by: User | None,
    valid_from: date | None = None,
    ends_on: date | None = None,
) -> Membership:
    """Give ``user`` access to ``unit``; a former or upcoming membership is renewed in place."""
    if ends_on is not None and valid_from is not None and ends_on <= valid_from:
        raise ValidationError({"ends_on": _("Konec přístupu musí být až po jeho začátku.")})
    membership = Membership.objects.filter(user=user, unit=unit).first()
    if membership is None:
        membership = Membership(user=user, unit=unit)
    if membership.pk is None or membership.state() != Membership.State.ACTIVE or valid_from:
        membership.valid_from = valid_from or timezone.localdate()
    membership.role = role
    membership.ends_on = ends_on
    membership.invited_by = invited_by
    membership.save()
    return membership


def membership_end(*, membership: Membership, on: date) -> Membership:
    """End access to the unit from ``on`` (today: at once)."""
    if on < membership.valid_from:
        raise ValidationError({"ends_on": _("Přístup nemůže skončit dřív, než začal.")})
    membership.ends_on = on
    membership.save(update_fields=["ends_on"])
    return membership


def user_deactivate(*, user: User) -> int:
    """Close the account: no login, every session ended, every membership ended today.

    Returns the number of sessions ended. The secrets the user could have seen are the caller's to
    list (they belong to apps above this one).
    """
    today = timezone.localdate()
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        for membership in Membership.objects.active(today).filter(user=user):
            membership_end(membership=membership, on=today)
        for membership in Membership.objects.filter(user=user, valid_from__gt=today):
            # An access that has not started yet never will: it ends on the day it was meant to start.
            membership.ends_on = membership.valid_from
            membership.save(update_fields=["ends_on"])
        return _end_sessions(user)


def _end_sessions(user: User) -> int:
    # Sessions are signed blobs keyed by a random id; finding a user's sessions means reading the
    # live ones. Done rarely (a leaver), so a scan of unexpired sessions is acceptable.
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def user_reactivate(*, user: User) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
