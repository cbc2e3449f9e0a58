"""Writes of the compliance app: corrections of the automatic evidence matching, and renewal.

Reading (evaluating the schedule) is in ``evaluation``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spojka.compliance.evaluation import DOCUMENT, MEETING, TRAINING
from spojka.compliance.models import EvidenceLink, Rule, RuleKind
from spojka.cooperation.models import CooperationDescription
from spojka.cooperation.services import description_copy
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


@transaction.atomic
def description_renew(
    *, description: CooperationDescription, valid_from: date, valid_to: date
) -> tuple[CooperationDescription, int]:
    """A new description for the next period ("Navázat novým popisem spolupráce"), as a draft.

    Prefilled from ``description``: thematic areas with their focus, ESIF interventions, linked
    strategies, the LP structure, the training commitment and the schedule (activities with their
    rules). Roles belong to the unit and carry over by themselves. One-off deadlines that fell due
    before the new validity are left behind (they belonged to the old period); their number is
    returned so that the page can say so. The renewal goes through the usual lifecycle and is
    linked to its predecessor (``previous``).
    """
    renewal = description_copy(description=description)
    renewal.valid_from, renewal.valid_to = valid_from, valid_to
    renewal.save(update_fields=["valid_from", "valid_to", "updated_at"])
    left_behind = 0
    for activity in description.activities.prefetch_related("rules").order_by("order", "pk"):
        rules = list(activity.rules.all())
        activity.pk = activity.id = None
        activity._state.adding = True
        activity.description = renewal
        activity.save()
        for rule in rules:
            if rule.kind == RuleKind.DEADLINE and rule.due_date and rule.due_date < valid_from:
                left_behind += 1
                continue
            rule.pk = rule.id = None
            rule._state.adding = True
            rule.activity = activity
            rule.save()
    return renewal, left_behind
