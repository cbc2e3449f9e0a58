from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _


class TenantOwned(models.Model):
    """Base for domain data that belongs to a territorial unit.

    Subclasses expose ``tenant_unit_id`` so the audit log can record which unit a change belongs
    to; the unit-wide change history ("Historie změn") filters on it.
    """

    created_at = models.DateTimeField(_("vytvořeno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def tenant_unit_id(self) -> int | None:
        return getattr(self, "unit_id", None)

    def get_additional_data(self) -> dict:
        # Called by django-auditlog for every log entry of this object.
        return {"unit": self.tenant_unit_id}


def register_audited(*model_classes: type[models.Model]) -> None:
    """Record every create, change and delete of these models in the change history.

    Timestamps are left out: they change on every save, and the history shows what a person changed.
    """
    for model in model_classes:
        auditlog.register(model, exclude_fields=["created_at", "updated_at"])
