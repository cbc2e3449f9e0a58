"""Writes of the compliance app: a person's corrections of the automatic evidence matching.

Reading (evaluating the schedule) is in ``evaluation``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from spojka.compliance.evaluation import DOCUMENT, MEETING
from spojka.compliance.models import EvidenceLink, Rule
from spojka.documents.models import Document
from spojka.meetings.models import Meeting

EVIDENCE_MODELS = {MEETING: Meeting, DOCUMENT: Document}


@transaction.atomic
def evidence_set(*, rule: Rule, kind: str, object_id: int, included: bool, note: str = "") -> EvidenceLink:
    """Include or exclude one meeting or document of the rule's unit as evidence of the rule.

    The object is looked up through the unit, so another unit's meeting can never be linked.
    """
    model = EVIDENCE_MODELS[kind]
    obj = model.objects.get(unit=rule.unit_id, pk=object_id)
    link, _created = EvidenceLink.objects.update_or_create(
        rule=rule,
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
        defaults={"unit_id": rule.unit_id, "included": included, "note": note},
    )
    return link


def evidence_reset(*, link: EvidenceLink) -> None:
    """Remove a person's correction: the item is matched automatically again (or not)."""
    link.delete()
