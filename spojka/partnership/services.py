"""Workflows of the local partnership that other apps and the views rely on."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from spojka.cooperation.models import TerritorialUnit
from spojka.lib.czech import date_short
from spojka.partnership.models import Organisation, PartnershipMember, Statute

# "More than half of the members", the rule when the statute says nothing else.
DEFAULT_QUORUM_SHARE = Decimal("0.5")


def current_on(queryset: QuerySet, on: date) -> QuerySet:
    """Memberships valid on ``on`` (both ends inclusive; an empty end means still valid)."""
    return queryset.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def current_statute(*, unit: TerritorialUnit, on: date) -> Statute | None:
    """The statute in force on ``on``: the one with the latest effective date not after it."""
    return unit.statutes.filter(effective_from__lte=on).order_by("-effective_from", "-version").first()


def needed_for(members: int, share: Decimal) -> int:
    """How many must be present so that *more than* ``share`` of ``members`` are there."""
    if members <= 0:
        return 0
    return int((Decimal(members) * share).to_integral_value(rounding=ROUND_FLOOR)) + 1


def quorum_for(*, unit: TerritorialUnit, on: date) -> tuple[int, int]:
    """(members of the LP plenary on ``on``, how many must be present for a quorum).

    Members are the plenary memberships (no working group) valid that day. More than half must be
    present unless the statute in force that day sets another share.
    """
    members = current_on(unit.partnership_members.filter(working_group__isnull=True), on).count()
    statute = current_statute(unit=unit, on=on)
    share = statute.quorum_share if statute is not None else DEFAULT_QUORUM_SHARE
    return members, needed_for(members, share)


def _overlapping(member: PartnershipMember) -> PartnershipMember | None:
    others = PartnershipMember.objects.filter(
        unit_id=member.unit_id,
        organisation_id=member.organisation_id,
        working_group_id=member.working_group_id,
    ).exclude(pk=member.pk)
    # Two periods overlap when each starts before the other ends (an empty end is open).
    others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=member.valid_from))
    if member.valid_to is not None:
        others = others.filter(valid_from__lte=member.valid_to)
    return others.order_by("valid_from").first()


@transaction.atomic
def member_save(*, member: PartnershipMember, unit: TerritorialUnit) -> PartnershipMember:
    """Save a seat in the LP or a working group, refusing one that overlaps another seat.

    An organisation holds at most one seat in one body at a time; its history is a chain of
    periods that do not overlap.
    """
    member.unit = unit
    if member.organisation.unit_id != unit.pk:
        # Forms offer only the unit's own organisations; a service caller must respect that too.
        raise ValidationError({"organisation": _("Vyberte organizaci tohoto územního celku.")})
    if member.valid_to is not None and member.valid_to < member.valid_from:
        raise ValidationError({"valid_to": _("Členství nemůže skončit dříve, než začne.")})
    # Lock the organisation so two people saving a seat at once cannot both pass the check.
    Organisation.objects.select_for_update().filter(pk=member.organisation_id).first()
    clash = _overlapping(member)
    if clash is not None:
        end = date_short(clash.valid_to) if clash.valid_to else _("dosud")
        raise ValidationError(
            {
                "valid_from": _(
                    "Organizace %(organisation)s už je v orgánu „%(body)s“ členem v období "
                    "%(start)s – %(end)s; období členství se nesmí překrývat."
                )
                % {
                    "organisation": clash.organisation.name,
                    "body": clash.body_label,
                    "start": date_short(clash.valid_from),
                    "end": end,
                }
            }
        )
    member.save()
    return member


@transaction.atomic
def member_end(*, member: PartnershipMember, valid_to: date) -> PartnershipMember:
    """End a seat on ``valid_to``; the row stays as history."""
    member.valid_to = valid_to
    return member_save(member=member, unit=member.unit)
