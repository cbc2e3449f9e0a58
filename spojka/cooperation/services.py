"""Workflows of the cooperation registry that touch several models."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spojka.cooperation.models import (
    STATUS_ORDER,
    CooperationDescription,
    EsifIntervention,
    Status,
    StrategicDocumentLink,
    TerritorialUnit,
)


def _status_label(code: str) -> str:
    return str(Status(code).label)


def _missing_for(description: CooperationDescription, target: str) -> list[str]:
    """What a description must have before it may enter ``target``."""
    d = description
    missing = []
    if target == Status.DISCUSSED and not (d.lp_discussed_on and d.lp_outcome):
        missing.append(_("datum a stanovisko projednání v LP"))
    if target == Status.APPROVED and not (d.approved_on and d.approval_resolution):
        missing.append(_("datum schválení a číslo usnesení"))
    if target == Status.SIGNED and not (d.unit_signed_on and d.agency_signed_on):
        missing.append(_("data podpisu obou stran"))
    if target == Status.VALID and not (d.valid_from and d.valid_to):
        missing.append(_("dobu platnosti"))
    return missing


@transaction.atomic
def description_transition(*, description: CooperationDescription, target: str) -> CooperationDescription:
    """Move a description one step along its lifecycle, or refuse with a Czech message."""
    # Lock the row so two people clicking at once cannot both move it.
    locked = CooperationDescription.objects.select_for_update().get(pk=description.pk)
    if target not in STATUS_ORDER:
        raise ValidationError({"target": _("Neznámý stav.")})
    expected = locked.next_status
    if target != expected:
        if expected is None:
            message = _("Popis spolupráce je ukončený; další změna stavu není možná.")
        else:
            message = _("Stav lze měnit jen postupně: z „%(current)s“ na „%(next)s“, ne na „%(target)s“.") % {
                "current": _status_label(locked.status),
                "next": _status_label(expected),
                "target": _status_label(target),
            }
        raise ValidationError({"target": message})
    missing = _missing_for(locked, target)
    if missing:
        raise ValidationError(
            {
                "target": _("Před změnou stavu na „%(target)s“ doplňte: %(missing)s.")
                % {"target": _status_label(target), "missing": ", ".join(missing)}
            }
        )
    locked.status = target
    locked.save(update_fields=["status", "updated_at"])
    return locked


@transaction.atomic
def description_save(
    *,
    description: CooperationDescription,
    unit: TerritorialUnit,
    esif: list[str],
    strategic: list[tuple[str, str]],
) -> CooperationDescription:
    """Save a description with its ESIF interventions and linked strategies as one change."""
    description.unit = unit
    if description.pk is None:
        last = unit.descriptions.order_by("-version").first()
        description.version = last.version + 1 if last else 1
    description.save()
    _replace_lines(description, EsifIntervention, [{"name": name} for name in esif], key="name")
    _replace_lines(
        description,
        StrategicDocumentLink,
        [{"title": title, "period": period} for title, period in strategic],
        key="title",
    )
    return description


def _replace_lines(description, model, rows: list[dict], key: str) -> None:
    """Keep unchanged rows (so the change history stays meaningful), add new, delete dropped ones."""
    existing = {getattr(obj, key): obj for obj in model.objects.filter(description=description)}
    wanted = set()
    for order, row in enumerate(rows):
        wanted.add(row[key])
        obj = existing.get(row[key])
        if obj is None:
            model.objects.create(unit=description.unit, description=description, order=order, **row)
            continue
        changed = [f for f, v in row.items() if getattr(obj, f) != v]
        if obj.order != order:
            changed.append("order")
        if changed:
            for f, v in row.items():
                setattr(obj, f, v)
            obj.order = order
            obj.save()
    for name, obj in existing.items():
        if name not in wanted:
            obj.delete()


@transaction.atomic
def description_copy(*, description: CooperationDescription) -> CooperationDescription:
    """A new draft version linked to ``description`` with its content (areas, ESIF, strategies) copied.

    The approval steps (LP, approval, signatures) start again. A description has one successor:
    a revision or a renewal, not both.
    """
    if CooperationDescription.objects.filter(previous=description).exists():
        raise ValidationError(_("Na tuto verzi už navazuje jiná verze."))
    last = description.unit.descriptions.order_by("-version").first()
    areas = list(description.thematic_areas.all())
    esif = list(description.esif_interventions.all())
    links = list(description.strategic_links.all())
    copy = CooperationDescription.objects.get(pk=description.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.previous = description
    copy.version = last.version + 1
    copy.status = Status.DRAFT
    for field in ("lp_discussed_on", "approved_on", "unit_signed_on", "agency_signed_on"):
        setattr(copy, field, None)
    copy.lp_outcome = ""
    copy.approval_resolution = ""
    copy.save()
    for objs in (areas, esif, links):
        for obj in objs:
            obj.pk = None
            obj.id = None
            obj._state.adding = True
            obj.description = copy
            obj.save()
    return copy


def description_start_revision(*, description: CooperationDescription) -> CooperationDescription:
    """A revision is a new draft version linked to the one it revises, with its content copied."""
    if description.status == Status.DRAFT:
        raise ValidationError(_("Návrh se upravuje přímo; revize se zakládá až z projednané verze."))
    return description_copy(description=description)
