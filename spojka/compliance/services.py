"""Writes of the compliance app: a person's corrections of the automatic evidence matching.

Reading (evaluating the schedule) is in ``evaluation``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spojka.compliance.evaluation import DOCUMENT, MEETING, TRAINING
from spojka.compliance.models import EvidenceLink, Rule
from spojka.documents.models import Document
from spojka.meetings.models import Meeting
from spojka.training.models import TrainingEvent

# Evidence kind → (model, the link's foreign key).
EVIDENCE_MODELS = {MEETING: Meeting, DOCUMENT: Document, TRAINING: TrainingEvent}


@transaction.atomic
def evidence_set(*, rule: Rule, kind: str, object_id: int, included: bool, note: str = "") -> EvidenceLink:
    """Include or exclude one meeting, document or training event of the rule's unit as evidence.

    The object is looked up through the unit, so another unit's meeting can never be linked. A
    document without a date of issue cannot count toward a period and is refused with a reason.
    """
    obj = EVIDENCE_MODELS[kind].objects.get(unit=rule.unit_id, pk=object_id)
    if kind == DOCUMENT and included and obj.issued_on is None:
        raise ValidationError(
            {
                "item": _(
                    "Dokument nemá datum vydání; doplňte ho, jinak se nemůže do žádného období započítat."
                )
            }
        )
    link, _created = EvidenceLink.objects.update_or_create(
        rule=rule,
        **{kind: obj},
        defaults={"unit_id": rule.unit_id, "included": included, "note": note},
    )
    return link


def evidence_reset(*, link: EvidenceLink) -> None:
    """Remove a person's correction: the item is matched automatically again (or not)."""
    link.delete()
