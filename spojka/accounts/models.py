from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.lib.audit import register_audited


class Role(models.TextChoices):
    """What a user may do in a territorial unit.

    The agency admin is not a membership: it is a property of the account and covers every unit.
    """

    AGENCY_ADMIN = "agency_admin", _("administrátor agentury")
    CONSULTANT = "consultant", _("konzultant ASZ")
    EDITOR = "editor", _("editor územního celku")
    PARTNER = "partner", _("partner (jen čtení)")


WRITING_ROLES = frozenset({Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR})
MEMBERSHIP_ROLES = [(r.value, r.label) for r in Role if r != Role.AGENCY_ADMIN]


class User(AbstractUser):
    is_agency_admin = models.BooleanField(
        _("administrátor agentury"),
        default=False,
        help_text=_("Vidí a spravuje všechny územní celky."),
    )

    class Meta:
        verbose_name = _("uživatel")
        verbose_name_plural = _("uživatelé")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class MembershipQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> MembershipQuerySet:
        """Memberships that give access on ``on`` (today): started, and not ended yet.

        ``ends_on`` is the first day without access, so a membership ended today stops at once.
        """
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on), valid_from__lte=on)


class Membership(models.Model):
    """A user's access to one territorial unit, with its role and period.

    A consultant's assignment to a unit is a membership with the consultant role.
    """

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("nastávající")
        ACTIVE = "active", _("platné")
        ENDED = "ended", _("ukončené")

    user = models.ForeignKey(
        User, verbose_name=_("uživatel"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        "cooperation.TerritorialUnit",
        verbose_name=_("územní celek"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MEMBERSHIP_ROLES)
    valid_from = models.DateField(_("přístup od"), default=timezone.localdate)
    ends_on = models.DateField(
        _("přístup končí dne"),
        null=True,
        blank=True,
        help_text=_("Od tohoto dne uživatel územní celek nevidí. Prázdné: bez omezení."),
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("pozval(a)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("členství v územním celku")
        verbose_name_plural = _("členství v územních celcích")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_membership_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"

    def state(self, on: date | None = None) -> str:
        on = on or timezone.localdate()
        if self.ends_on is not None and (self.ends_on <= on or self.ends_on <= self.valid_from):
            return self.State.ENDED
        if self.valid_from > on:
            return self.State.UPCOMING
        return self.State.ACTIVE

    def get_additional_data(self) -> dict:
        # Called by django-auditlog: the entry belongs to the unit's history.
        return {"unit": self.unit_id}


INVITATION_VALIDITY = timedelta(days=7)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mailed invitation to a unit (or to the agency, without a unit).

    Only the SHA-256 of the link's token is stored: a leaked database gives no working link. The
    link works once, until ``expires_at``, and not after it is revoked; resending makes a new token.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("čeká na přijetí")
        ACCEPTED = "accepted", _("přijata")
        REVOKED = "revoked", _("zrušena")
        EXPIRED = "expired", _("vypršela")

    unit = models.ForeignKey(
        "cooperation.TerritorialUnit",
        verbose_name=_("územní celek"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("pozval(a)"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    sent_at = models.DateTimeField(_("odesláno"), null=True, blank=True)
    expires_at = models.DateTimeField(_("platí do"))
    accepted_at = models.DateTimeField(_("přijato"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, verbose_name=_("přijal(a)"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("zrušeno"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("pozvánka")
        verbose_name_plural = _("pozvánky")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    def new_token(self) -> str:
        """Give the invitation a fresh secret link (valid for 7 days); returns the token to send."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.expires_at = timezone.now() + INVITATION_VALIDITY
        return token

    @property
    def state(self) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    def get_additional_data(self) -> dict:
        return {"unit": self.unit_id}


class PasswordResetRequest(models.Model):
    """One request for a password-reset e-mail, kept for rate limiting across app processes."""

    ip = models.GenericIPAddressField(null=True)
    email_hash = models.CharField(max_length=64)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.ip} {self.requested_at:%Y-%m-%d %H:%M}"


register_audited(Membership)
# The password hash and the sign-in times never reach the history (sign-ins are django-axes' log).
register_audited(User, exclude=("password", "last_login"))
# The token hash is a secret: it never appears in the change history.
auditlog.register(Invitation, exclude_fields=["token_hash", "created_at"])
