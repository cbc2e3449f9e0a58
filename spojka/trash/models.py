"""The unit's trash ("Koš"): what was deleted in the last 30 days, restorable as it was.

Why snapshots and not soft delete: a soft-deleted row stays in its table, so every query of every
app (lists, counts of held meetings for the schedule, quorum, training hours, unique constraints)
would have to leave it out, and one forgotten filter silently counts a deleted meeting. A snapshot
keeps the live tables honest: deleting really deletes (with the usual cascade), and the deleted row
and everything that went with it are kept here, serialised, until they are restored or purged
after ``RETENTION_DAYS``. Restoring is rare and may fail honestly (e.g. when a person it referred
to was deleted meanwhile) with a Czech message; nothing is half-restored.
"""

from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spojka.cooperation.models import TenantOwned

RETENTION_DAYS = 30


class TrashedItem(TenantOwned):
    """One deletion: the object, everything deleted with it, and the links cleared by it."""

    unit = models.ForeignKey("cooperation.TerritorialUnit", on_delete=models.CASCADE, related_name="trash")
    kind = models.CharField(_("druh"), max_length=120)
    title = models.CharField(_("název"), max_length=300)
    lost = models.TextField(_("smazáno spolu s ním"), blank=True)
    # Serialised objects, parents first (Django's JSON serialiser), and the links set to NULL by
    # the deletion as [app_label.model, pk, field attname, original value].
    payload = models.JSONField(_("obsah"), default=list, editable=False)
    cleared_links = models.JSONField(_("zrušené odkazy"), default=list, editable=False)
    # Stored files of the deleted objects: kept until the item is purged.
    files = models.JSONField(_("soubory"), default=list, editable=False)
    restore_path = models.CharField(_("adresa po obnovení"), max_length=300, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("smazal(a)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    restored_at = models.DateTimeField(_("obnoveno"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("obnovil(a)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("položka koše")
        verbose_name_plural = _("koš")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def restorable_until(self):
        return self.created_at + timedelta(days=RETENTION_DAYS)

    @property
    def is_restorable(self) -> bool:
        return self.restored_at is None and timezone.now() < self.restorable_until


# Deletions and restorations appear in the unit's history; the snapshot itself is not a change to show.
auditlog.register(
    TrashedItem,
    exclude_fields=["created_at", "updated_at", "payload", "cleared_links", "files", "restore_path"],
)
