from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do in a territorial unit.

    The agency admin is not a membership: it is a property of the account and covers every unit.
    """

    AGENCY_ADMIN = "agency_admin", _("administrátor agentury")
    CONSULTANT = "consultant", _("konzultant ASZ")
    EDITOR = "editor", _("editor územního celku")
    PARTNER = "partner", _("partner (jen čtení)")


WRITING_ROLES = frozenset({Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR})


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


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        "cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(r.value, r.label) for r in Role if r != Role.AGENCY_ADMIN],
    )

    class Meta:
        verbose_name = _("členství v územním celku")
        verbose_name_plural = _("členství v územních celcích")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="one_membership_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.get_role_display()})"
