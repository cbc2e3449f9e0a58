"""Which stored files are missing: every FileField of every model whose file is not in storage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class MissingFile:
    model: str  # app_label.ModelName
    pk: object
    field: str
    name: str


def file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                yield model, f


def missing_files(using: str = "default") -> list[MissingFile]:
    missing = []
    for model, f in file_fields():
        # The base manager: a row the default manager hides (trashed, archived) still needs its file.
        rows = (
            model._base_manager.using(using)
            .exclude(**{f.attname: ""})
            .exclude(**{f"{f.attname}__isnull": True})
        )
        for pk, name in rows.values_list("pk", f.attname).iterator():
            if not f.storage.exists(name):
                missing.append(MissingFile(model._meta.label, pk, f.name, name))
    return missing
