"""A person's right of access and right to erasure (GDPR articles 15 and 17), for the agency admin.

The export gathers the person's record, every record that points at it (memberships, invitations
and attendance, training participations, tasks, whatever app adds one: found through the model's
relations, so this lower layer needs no import of the apps above it) and the person's own history.
Anonymising keeps every record that counts something (attendance, training hours, history
entries) and removes who it was: the person's name and contacts, in the records and in the history.
"""

from __future__ import annotations

import json

from auditlog.models import LogEntry
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.lib.audit import history_rows, redact_history
from spojka.partnership.models import GrammaticalGender, Person


def person_export(person: Person) -> bytes:
    """Everything Spojka holds about ``person`` as JSON (UTF-8, readable)."""
    related = {}
    for relation in person._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            rows = relation.related_model._default_manager.filter(**{relation.field.name: person})
            if rows.exists():
                label = f"{relation.related_model._meta.app_label}.{relation.related_model._meta.model_name}"
                related[label] = serializers.serialize("python", rows)
    history = history_rows(
        LogEntry.objects.get_for_object(person).select_related("actor", "content_type").order_by("timestamp")
    )
    data = {
        "exported_at": timezone.now(),
        "person": serializers.serialize("python", [person])[0],
        "related": related,
        "history": [
            {"timestamp": row.timestamp, "actor": row.actor, "action": row.action, "changes": row.changes}
            for row in history
        ],
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _identifying_texts(person: Person) -> list[str]:
    first, last = person.first_name.strip(), person.last_name.strip()
    return [
        person.full_name,
        f"{first} {last}",
        f"{last} {first}",
        f"{last}, {first}",
        person.email,
        person.phone,
        # Alone too: a change of one field records just that field's value.
        first,
        last,
    ]


def person_anonymise(*, person: Person) -> Person:
    """Remove who ``person`` was, keep what they took part in; the history is redacted too."""
    texts = _identifying_texts(person)
    with transaction.atomic():
        person.title_before = person.title_after = person.function = ""
        person.first_name = _("Anonymizovaná")
        person.last_name = _("osoba %(n)s") % {"n": person.pk}
        person.email = person.phone = ""
        person.grammatical_gender = GrammaticalGender.UNKNOWN
        person.save()
        # After the save: its own history entry holds the old name too.
        redact_history(unit_id=person.unit_id, texts=texts, replacement=_("[anonymizováno]"))
    return person
