"""Which rules an item counts toward as evidence, asked by apps that sit below the one that knows.

A document, meeting or training page says "Započteno jako doklad pro …", but the rules live in the
compliance app, above them in the layers. As with ``unit_nav``, an app offers the answer through an
attribute of its AppConfig (``counted_as_evidence``: the dotted path of a function taking
``unit``, ``kind`` and ``object_id``); this module asks every app that offers one.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.module_loading import import_string

MEETING = "meeting"
DOCUMENT = "document"
TRAINING = "training"


def counted_as_evidence(*, unit, kind: str, object_id: int) -> list:
    """Every rule the item counts toward (objects with ``label``, ``url``, ``exclude_url``, ``manual``)."""
    counted = []
    for config in apps.get_app_configs():
        path = getattr(config, "counted_as_evidence", None)
        if path:
            counted.extend(import_string(path)(unit=unit, kind=kind, object_id=object_id))
    return counted
