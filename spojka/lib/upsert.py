"""Idempotent writes for loaders (demo data, imports) that may run more than once."""

from __future__ import annotations

from django.db import models


def upsert(model: type[models.Model], *, lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """Like ``update_or_create``, but saves only when a value really differs.

    ``update_or_create`` always saves, which bumps ``updated_at`` and writes a history entry on
    every run; a loader run twice must change nothing.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**lookup, **values}), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False
