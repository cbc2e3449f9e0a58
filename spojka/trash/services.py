"""Deleting into the trash, restoring from it and purging it (see ``models`` for why snapshots).

``deletion_preview`` tells what a deletion would take with it, for the confirmation page;
``trash_delete`` snapshots all of that and deletes; ``trash_restore`` puts it back as it was.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.receivers import log_create
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.trash.models import RETENTION_DAYS, TrashedItem


@dataclass(frozen=True)
class Preview:
    """What deleting an object takes with it: (plural label, count) per kind, and what blocks it."""

    lost: list[tuple[str, int]]
    protected: list[str]

    @property
    def lost_text(self) -> str:
        return ", ".join(f"{label} ({count})" for label, count in self.lost)


def _collect(obj: models.Model) -> NestedObjects:
    # The admin's collector: the same cascade as Model.delete(), but every object listed (no fast
    # deletes), and PROTECT relations reported instead of raised.
    collector = NestedObjects(using=router.db_for_write(obj.__class__, instance=obj))
    collector.collect([obj])
    return collector


def _instances(collector: NestedObjects) -> list[models.Model]:
    return [instance for model, instances in collector.data.items() for instance in instances]


def deletion_preview(obj: models.Model) -> Preview:
    return _preview(obj, _collect(obj))


def _preview(obj: models.Model, collector: NestedObjects) -> Preview:
    counts: Counter[type[models.Model]] = Counter()
    for instance in _instances(collector):
        model = type(instance)
        if instance is obj or (model is type(obj) and instance.pk == obj.pk) or model._meta.auto_created:
            continue
        counts[model] += 1
    lost = [(str(model._meta.verbose_name_plural), n) for model, n in counts.items()]
    protected = sorted({f"{type(p)._meta.verbose_name}: {p}" for p in collector.protected})
    return Preview(lost=lost, protected=protected)


def _cleared_links(collector: NestedObjects) -> list[list]:
    """Links that the deletion sets to NULL (on_delete=SET_NULL), with their values before it."""
    links = []
    for (field, _value), groups in collector.field_updates.items():
        for group in groups:
            rows = (
                group.values_list("pk", field.attname)
                if isinstance(group, models.QuerySet)
                else [(o.pk, getattr(o, field.attname)) for o in group]
            )
            label = field.model._meta.label
            links.extend(
                [label, pk, field.attname, original] for pk, original in rows if original is not None
            )
    return links


def _files(instances: list[models.Model]) -> list[str]:
    return [
        getattr(instance, field.attname).name
        for instance in instances
        for field in instance._meta.concrete_fields
        if isinstance(field, models.FileField) and getattr(instance, field.attname)
    ]


@transaction.atomic
def trash_delete(*, obj: models.Model, unit, user, kind: str = "", restore_path: str = "") -> TrashedItem:
    """Delete ``obj`` with its cascade, keeping a snapshot to restore for ``RETENTION_DAYS``.

    Stored files are kept until the item is purged. Raises ValidationError when a protected
    relation stops the deletion (nothing is deleted then).
    """
    collector = _collect(obj)
    preview = _preview(obj, collector)
    if preview.protected:
        raise ValidationError(
            _("Nelze smazat, odkazují na to jiné záznamy: %(what)s.") % {"what": ", ".join(preview.protected)}
        )
    instances = _instances(collector)
    item = TrashedItem.objects.create(
        unit=unit,
        kind=kind or str(obj._meta.verbose_name),
        title=str(obj)[:300],
        lost=preview.lost_text,
        # JSON text values (dates, decimals as strings) that the deserialiser turns back into fields.
        payload=json.loads(serializers.serialize("json", instances)),
        cleared_links=_cleared_links(collector),
        files=_files(instances),
        restore_path=restore_path,
        deleted_by=user if getattr(user, "is_authenticated", False) else None,
    )
    obj.delete()
    return item


@transaction.atomic
def trash_restore(*, item: TrashedItem, user, now: datetime | None = None) -> TrashedItem:
    """Put everything of ``item`` back with its original ids and links, or change nothing.

    Raises ValidationError (Czech) when the item is past its time, already restored, or when the
    data no longer fit (a record it refers to is gone, or the same record exists again).
    """
    item = TrashedItem.objects.select_for_update().get(pk=item.pk)
    now = now or timezone.now()
    if item.restored_at is not None:
        raise ValidationError(_("Položka už byla obnovena."))
    if now >= item.created_at + timedelta(days=RETENTION_DAYS):
        raise ValidationError(
            _("Položku už nelze obnovit: v koši se drží %(n)s dní.") % {"n": RETENTION_DAYS}
        )
    try:
        with transaction.atomic():
            _restore_rows(item)
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "„%(title)s“ nelze obnovit: mezitím byl smazán záznam, na který odkazuje, nebo vznikl "
                "stejný záznam znovu. Nic nebylo změněno."
            )
            % {"title": item.title}
        ) from exc
    item.restored_at = now
    item.restored_by = user if getattr(user, "is_authenticated", False) else None
    item.save(update_fields=["restored_at", "restored_by", "updated_at"])
    return item


def _restore_rows(item: TrashedItem) -> None:
    tables = set()
    root = None
    for restored in serializers.deserialize("python", item.payload):
        # Many-to-many links come back as rows of their own (also those whose owner was not deleted).
        restored.save(save_m2m=False)
        root = root or restored.object
        tables.add(restored.object._meta.db_table)
        # A raw save writes no history (AUDITLOG_DISABLE_ON_RAW_SAVE: a backup's rows are history
        # already), but a restore from the trash is a change a user made: each row is logged as created.
        if auditlog.contains(type(restored.object)):
            log_create(sender=type(restored.object), instance=restored.object, created=True)
    for label, pk, attname, original in item.cleared_links:
        apps.get_model(label).objects.filter(pk=pk, **{attname: None}).update(**{attname: original})
    # Foreign keys are checked at commit; check them now so a broken restore fails here, whole.
    connection.check_constraints(table_names=sorted(tables))
    # Rows came back as raw saves, which other apps' save signals skip (fixtures bring their own
    # derived data): one ordinary save of the deleted object lets them react, e.g. the stored
    # schedule statuses of the unit are recomputed. It changes no field, so it adds no history.
    if root is not None:
        root.save()


def trash_purge(*, now: datetime | None = None) -> int:
    """Forget items older than ``RETENTION_DAYS`` and delete the files only they kept. Safe to run twice."""
    cutoff = (now or timezone.now()) - timedelta(days=RETENTION_DAYS)
    purged = 0
    for item in TrashedItem.objects.filter(created_at__lt=cutoff).order_by("pk"):
        names = [] if item.restored_at else list(item.files)
        with transaction.atomic():
            item.delete()
            transaction.on_commit(lambda names=names: [default_storage.delete(n) for n in names])
        purged += 1
    return purged
