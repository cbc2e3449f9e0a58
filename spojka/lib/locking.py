"""Optimistic locking of edit forms: the second of two concurrent saves is refused, not lost.

An edit form carries the record's ``updated_at`` as the user opened it (a hidden ``seen``
field). On save, :func:`save_unless_changed` locks the row (``select_for_update``) and compares;
if someone saved in between, nothing is written, the form keeps the user's input and says in Czech
who changed what (from the audit log).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.lib.czech import date_short


class LockedFormMixin:
    """Add to an edit form. The record is the model form's instance, or ``locked=`` for a plain
    form that edits a record (e.g. the minutes of a meeting); it must have ``updated_at``."""

    def __init__(self, *args, locked: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = locked if locked is not None else getattr(self, "instance", None)
        seen = self.locked.updated_at.isoformat() if self.locked is not None and self.locked.pk else ""
        self.fields["seen"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=seen)


def _changes_since(obj: models.Model, seen: datetime) -> list[str]:
    entries = list(
        LogEntry.objects.get_for_object(obj)
        .filter(timestamp__gt=seen)
        .select_related("actor")
        .order_by("timestamp")
    )
    # The first entry after `seen` is usually the save that the user saw (logged just after it).
    if entries and entries[0].timestamp - seen < timedelta(seconds=5):
        entries = entries[1:]
    lines = []
    for entry in entries:
        who = (entry.actor.get_full_name() or entry.actor.username) if entry.actor else _("někdo jiný")
        when = timezone.localtime(entry.timestamp)
        fields = ", ".join(
            _("%(field)s: „%(old)s“ → „%(new)s“") % {"field": _field_label(obj, name), "old": old, "new": new}
            for name, (old, new) in (entry.changes_dict or {}).items()
            if name not in ("updated_at", "created_at")
        )
        lines.append(
            _("%(who)s (%(date)s v %(time)s): %(fields)s")
            % {"who": who, "date": date_short(when.date()), "time": when.strftime("%H:%M"), "fields": fields}
        )
    return lines


def _field_label(obj: models.Model, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:  # a field since removed: show its name
        return name


def save_unless_changed(form: forms.ModelForm, save: Callable[[], object]) -> bool:
    """Run ``save`` if the record is as the user opened it (True); otherwise add a Czech error to
    the form, keep the user's input and return False."""
    instance = form.locked
    if instance is None or not instance.pk:
        save()
        return True
    with transaction.atomic():
        current = type(instance).objects.select_for_update().only("updated_at").get(pk=instance.pk)
        seen = form.cleaned_data.get("seen", "")
        if seen and current.updated_at.isoformat() != seen:
            try:
                changes = _changes_since(current, datetime.fromisoformat(seen))
            except ValueError:  # not a time this form wrote (tampered): refused all the same
                changes = []
            message = _(
                "Záznam mezitím uložil někdo jiný; vaše změny nebyly uloženy, ale zůstávají ve formuláři. "
                "Zkontrolujte je a uložte znovu."
            )
            form.add_error(None, " ".join([message, *(f"{line}." for line in changes)]))
            # The next save compares with what the user has now seen.
            form.data = form.data.copy()
            form.data[form.add_prefix("seen")] = current.updated_at.isoformat()
            return False
        save()
        return True
