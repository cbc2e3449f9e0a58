"""The change history ("Historie změn") shown on every object's page.

django-auditlog records every create, change and delete of registered models with the user who
made it. Entries carry the unit in ``additional_data`` (see ``TenantOwned.get_additional_data``)
so that a unit's whole history can be listed without touching other tenants' rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("vytvořeno"),
    LogEntry.Action.UPDATE: _("změněno"),
    LogEntry.Action.DELETE: _("smazáno"),
    LogEntry.Action.ACCESS: _("zobrazeno"),
}


@dataclass
class HistoryRow:
    timestamp: datetime
    actor: str
    action: str
    object_label: str
    changes: list[tuple[str, str, str]]


def _field_label(model: type[models.Model] | None, name: str) -> str | None:
    """The field's human name, or None for what is not a field of its own (reverse relations)."""
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except Exception:  # a field removed since the entry was written
        return name
    if not getattr(field, "concrete", False):
        return None
    return str(field.verbose_name)


def history_rows(entries) -> list[HistoryRow]:
    """Display rows for log entries (fetch them with select_related("actor", "content_type"))."""
    rows = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        changes = []
        for field, values in (entry.changes_dict or {}).items():
            label = _field_label(model, field)
            if label is None:
                continue
            old, new = (list(values) + ["", ""])[:2] if isinstance(values, list | tuple) else ("", values)
            changes.append((label, _clean(old), _clean(new)))
        rows.append(
            HistoryRow(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor_id else str(_("systém")),
                action=str(ACTION_LABELS.get(entry.action, entry.action)),
                object_label=f"{model._meta.verbose_name if model else ''}: {entry.object_repr}",
                changes=changes,
            )
        )
    return rows


def _clean(value) -> str:
    text = "" if value in (None, "None") else str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def history_for(obj: models.Model, limit: int = 50) -> list[HistoryRow]:
    entries = (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )
    return history_rows(entries)


def unit_log_entries(unit_id: int):
    """Every log entry of one unit, newest first, ready for paging and for ``history_rows``."""
    return (
        LogEntry.objects.filter(additional_data__unit=unit_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def register_audited(*model_classes: type[models.Model], exclude: tuple[str, ...] = ()) -> None:
    """Record every create, change and delete of these models in the change history.

    Timestamps are left out: they change on every save, and the history shows what a person changed.
    ``exclude`` names fields that must never reach the history: secrets (a feed's token, a password
    hash), which every reader of the history, partners included, would otherwise see, and bulky text.
    """
    for model in model_classes:
        auditlog.register(model, exclude_fields=["created_at", "updated_at", *exclude])


def redact_history(*, unit_id: int, texts: list[str], replacement: str) -> int:
    """Replace every occurrence of ``texts`` as whole words in the unit's history (what was changed
    and the object's label) with ``replacement``; the entries themselves stay. Returns how many
    entries changed."""
    texts = sorted({t.strip() for t in texts if t and len(t.strip()) >= 2}, key=len, reverse=True)
    if not texts:
        return 0
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in texts) + r")(?!\w)")

    def clean(value):
        if isinstance(value, str):
            return pattern.sub(replacement, value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    changed = 0
    for entry in LogEntry.objects.filter(additional_data__unit=unit_id).only(
        "pk", "object_repr", "changes", "changes_text", "serialized_data"
    ):
        fields = {
            "object_repr": clean(entry.object_repr),
            "changes": clean(entry.changes),
            "changes_text": clean(entry.changes_text),
            "serialized_data": clean(entry.serialized_data),
        }
        if any(fields[name] != getattr(entry, name) for name in fields):
            LogEntry.objects.filter(pk=entry.pk).update(**fields)
            changed += 1
    return changed
