"""The change history ("Historie změn") shown on every object's page and for a whole unit.

django-auditlog records every create, change and delete of registered models with the user who
made it. Entries carry the unit in ``additional_data`` (see ``TenantOwned.get_additional_data``)
so that a unit's whole history can be listed without touching other tenants' rows.

auditlog stores each changed value as the text Python gave it ("planned", "3", "True",
"2024-05-01 07:00:00+00:00"). People read the history, so every value is shown in their words:
choice labels, related objects by name, "ano"/"ne", Czech dates and local time; primary keys are
left out. Related objects are named in a fixed number of queries, whatever the number of rows
(``auditlog``'s own ``changes_display_dict`` looks each one up separately).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from spojka.lib.czech import date_short, number

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("vytvořeno"),
    LogEntry.Action.UPDATE: _("změněno"),
    LogEntry.Action.DELETE: _("smazáno"),
    LogEntry.Action.ACCESS: _("zobrazeno"),
}
MAX_VALUE_LENGTH = 200
# Every tenant-owned row belongs to the unit whose pages show it: naming the unit on each change
# would only repeat the page's subject.
TENANT_FIELD = "unit"


@dataclass
class HistoryRow:
    timestamp: datetime
    actor: str
    action: str
    object_label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    object_kind: str = ""
    object_name: str = ""


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    """The concrete field a change is about; None for what is not shown (keys, reverse relations)."""
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except Exception:  # a field removed since the entry was written
        return None
    if not getattr(found, "concrete", False) or getattr(found, "primary_key", False):
        return None
    if found.name == TENANT_FIELD and found.is_relation:
        return None
    return found


def _raw_pairs(entry: LogEntry) -> list[tuple[str, str, str]]:
    """(field name, old, new) as auditlog stored them."""
    pairs = []
    for name, values in (entry.changes_dict or {}).items():
        if isinstance(values, list | tuple):
            old, new = (list(values) + ["", ""])[:2]
        else:
            old, new = "", values
        pairs.append((name, old, new))
    return pairs


def _is_empty(value) -> bool:
    return value in (None, "", "None")


class _RelatedNames:
    """Names of the objects foreign keys point at, looked up once for a whole list of entries.

    The name is the object's ``object_repr`` in its newest log entry (so a deleted object keeps its
    name and no ``__str__`` runs further queries); objects without an entry are read from their table.
    """

    def __init__(self, entries: list[LogEntry]):
        wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        for entry in entries:
            model = entry.content_type.model_class() if entry.content_type_id else None
            for name, old, new in _raw_pairs(entry):
                found = _field(model, name)
                if found is not None and found.is_relation and found.related_model is not None:
                    for value in (old, new):
                        if not _is_empty(value):
                            wanted[found.related_model].add(str(value))
        self.names: dict[tuple[type[models.Model], str], str] = {}
        if wanted:
            self._from_log(wanted)
            self._from_tables(wanted)

    def _from_log(self, wanted) -> None:
        # Content types are matched by name in the same query, so the count does not depend on
        # whether the content-type cache is warm.
        condition = Q(pk__in=[])
        by_name = {}
        for model, pks in wanted.items():
            key = (model._meta.app_label, model._meta.model_name)
            by_name[key] = model
            condition |= Q(content_type__app_label=key[0], content_type__model=key[1], object_pk__in=pks)
        latest = LogEntry.objects.filter(condition).order_by("timestamp", "pk")
        rows = latest.values_list(
            "content_type__app_label", "content_type__model", "object_pk", "object_repr"
        )
        for app_label, model_name, pk, text in rows:
            self.names[(by_name[(app_label, model_name)], pk)] = text

    def _from_tables(self, wanted) -> None:
        for model, pks in wanted.items():
            missing = [pk for pk in pks if (model, pk) not in self.names]
            if missing:
                for obj in model._base_manager.filter(pk__in=missing):
                    self.names[(model, str(obj.pk))] = str(obj)

    def name(self, model: type[models.Model], pk: str) -> str:
        return self.names.get((model, pk), gettext("smazaný záznam"))


def _display(found: models.Field, value, related: _RelatedNames) -> str:
    """One stored value in the words of the page it came from."""
    if _is_empty(value):
        return ""
    text = str(value)
    if found.is_relation:
        return related.name(found.related_model, text) if found.related_model else text
    if found.choices:
        labels = {str(key): label for key, label in found.flatchoices}
        return str(labels.get(text, text))
    kind = found.get_internal_type()
    if kind == "BooleanField":
        return gettext("ano") if text == "True" else gettext("ne")
    try:
        return _typed(kind, text)
    except (ValueError, InvalidOperation):
        return text


def _typed(kind: str, text: str) -> str:
    if kind == "DateField":
        return date_short(date.fromisoformat(text[:10]))
    if kind == "DateTimeField":
        moment = datetime.fromisoformat(text)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, UTC)
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if kind == "TimeField":
        return formats.time_format(time.fromisoformat(text), "TIME_FORMAT")
    if kind == "DecimalField":
        amount = Decimal(text)
        places = max(0, -amount.normalize().as_tuple().exponent)
        return number(amount, places)
    if kind in ("FileField", "ImageField"):
        return text.rsplit("/", 1)[-1]
    return text


def _clean(text: str) -> str:
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def history_rows(entries) -> list[HistoryRow]:
    """Display rows for log entries (fetch them with select_related("actor", "content_type"))."""
    entries = list(entries)
    related = _RelatedNames(entries)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        changes = []
        for name, old, new in _raw_pairs(entry):
            found = _field(model, name)
            if found is None:
                continue
            old_text, new_text = (_clean(_display(found, v, related)) for v in (old, new))
            if old_text != new_text:
                changes.append((str(found.verbose_name), old_text, new_text))
        kind = str(model._meta.verbose_name) if model else ""
        rows.append(
            HistoryRow(
                timestamp=entry.timestamp,
                actor=str(entry.actor) if entry.actor_id else gettext("systém"),
                action=str(ACTION_LABELS.get(entry.action, entry.action)),
                object_label=f"{kind}: {entry.object_repr}",
                changes=changes,
                object_kind=kind,
                object_name=entry.object_repr,
            )
        )
    return rows


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


def history_for_unit(unit_id: int, limit: int = 200) -> list[HistoryRow]:
    return history_rows(unit_log_entries(unit_id)[:limit])


def audited_models() -> list[type[models.Model]]:
    """The models whose changes are recorded, for choosing what a history shows."""
    return sorted(auditlog.get_models(), key=lambda m: str(m._meta.verbose_name_plural))


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
