"""Confirming an import: everything a reviewed cooperation description says, written in one transaction."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditlog.context import set_actor
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import User
from spojka.compliance.models import Activity, Rule
from spojka.cooperation.models import (
    CooperationDescription,
    KeyRole,
    Memorandum,
    RoleAssignment,
    Status,
    TerritorialUnit,
)
from spojka.cooperation.services import description_save
from spojka.partnership.models import (
    LocalPartnership,
    Organisation,
    PartnershipMember,
    Person,
    WorkingGroup,
)

from .mapping import rule_values
from .models import ImportDraft

PLACEHOLDER_REPRESENTATIVE = "(doplnit zástupce)"
# compliance.Activity fields an imported schedule row sets.
ACTIVITY_FIELDS = (
    "name",
    "specification",
    "outputs",
    "outputs_note",
    "agency_responsibility",
    "municipality_responsibility",
    "deadline_text",
)


@transaction.atomic
def import_confirm(*, draft: ImportDraft, data: dict[str, Any], user: User | None) -> CooperationDescription:
    """Create the unit (or reuse the one with the same IČO), its memorandum, a draft cooperation
    description with its areas, interventions, strategies and key roles, the local partnership
    and the schedule, from reviewed `data` (see `mapping.initial_data`).

    Raises ValidationError (field → Czech message) and writes nothing when the data cannot be
    imported. `user` is recorded as the author of every change; None for the command line.
    """
    # Lock the draft so that two confirmations of the same upload cannot both import it.
    draft = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.confirmed_at is not None:
        raise ValidationError(_("Tento dokument už byl naimportován."))
    actor = set_actor(user) if user is not None else contextlib.nullcontext()
    with actor:
        unit = _unit(data)
        description = _description(unit, data)
        _roles(unit, description, data)
        _partnership(unit, data)
        _schedule(description, data)
    draft.description = description
    draft.confirmed_at = timezone.now()
    draft.save(update_fields=["description", "confirmed_at"])
    return description


def _unit(data: dict[str, Any]) -> TerritorialUnit:
    """The unit with the document's IČO, unchanged; or a new one from the reviewed values."""
    existing = TerritorialUnit.objects.filter(ico=data["ico"]).first()
    if existing is not None:
        return existing
    errors = {}
    for field, message in (
        ("kind", _("Vyberte druh územního celku.")),
        ("region", _("Vyberte kraj.")),
        ("slug", _("Zadejte zkratku do adresy.")),
        ("seat_address", _("Zadejte sídlo.")),
        ("unit_name", _("Zadejte název územního celku.")),
    ):
        if not data.get(field):
            errors[field] = message
    if data.get("slug") and TerritorialUnit.objects.filter(slug=data["slug"]).exists():
        errors["slug"] = _("Tuto zkratku už používá jiný územní celek.")
    if errors:
        raise ValidationError(errors)
    unit = TerritorialUnit(
        name=data["unit_name"],
        slug=data["slug"],
        kind=data["kind"],
        ico=data["ico"],
        seat_address=data["seat_address"],
        region=data["region"],
    )
    try:
        unit.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {("unit_name" if k == "name" else k): v for k, v in error.message_dict.items()}
        ) from error
    unit.save()
    return unit


def _description(unit: TerritorialUnit, data: dict[str, Any]) -> CooperationDescription:
    memorandum = None
    if data.get("memorandum_date"):
        memorandum, _created = Memorandum.objects.get_or_create(unit=unit, signed_on=data["memorandum_date"])
    valid_from, years = data.get("valid_from"), data.get("validity_years")
    valid_to = (
        valid_from + relativedelta(years=years) - relativedelta(days=1) if valid_from and years else None
    )
    description = CooperationDescription(
        unit=unit,
        memorandum=memorandum,
        status=Status.DRAFT,
        valid_from=valid_from,
        valid_to=valid_to,
        programme_period_note=data.get("programme_period_note") or "",
        project_registration_number=data.get("project_registration_number") or "",
        target_group=data.get("target_group") or "",
        lp_structure=_lp_structure(data),
        psz_period_from=data.get("psz_period_from"),
        psz_period_to=data.get("psz_period_to"),
        training_total_hours=data.get("training_total_hours"),
        training_max_distance_hours=data.get("training_max_distance_hours"),
        lp_discussed_on=data.get("lp_discussed_on"),
        lp_outcome=data.get("lp_outcome") or "",
        lp_votes_for=data.get("lp_votes_for"),
        lp_votes_against=data.get("lp_votes_against"),
        lp_votes_abstained=data.get("lp_votes_abstained"),
        approved_on=data.get("approved_on"),
        approval_resolution=data.get("approval_resolution") or "",
        unit_signed_place=data.get("unit_signed_place") or "",
        unit_signed_on=data.get("unit_signed_on"),
        agency_signed_place=data.get("agency_signed_place") or "",
        agency_signed_on=data.get("agency_signed_on"),
        regional_contact_name=data.get("regional_contact_name") or "",
        regional_contact_function=data.get("regional_contact_function") or "",
    )
    description.full_clean(exclude=["unit", "version"])
    # The registry keeps one line per intervention and per strategy title: the first one written.
    strategies: dict[str, tuple[str, str]] = {}
    for title, period in data.get("strategies", []):
        if title:
            strategies.setdefault(title, (title, period))
    description = description_save(
        description=description,
        unit=unit,
        esif=list(dict.fromkeys(name for name in data.get("esif", []) if name)),
        strategic=list(strategies.values()),
    )
    seen: set[str] = set()
    for order, area in enumerate(data.get("areas", [])):
        name = area["name"].strip()
        if name and name.lower() not in seen:
            seen.add(name.lower())
            description.thematic_areas.create(
                unit=unit, name=name[:200], focus=area.get("focus", ""), order=order
            )
    return description


def _lp_structure(data: dict[str, Any]) -> str:
    parts = []
    if data.get("lp_established_by"):
        parts.append(_("Lokální partnerství je zřízeno %(by)s.") % {"by": data["lp_established_by"]})
    groups = [group["name"] for group in data.get("working_groups", []) if group.get("name")]
    if groups:
        parts.append(_("Pracovní skupiny: %(groups)s.") % {"groups": "; ".join(groups)})
    return " ".join(parts)


def _wanted_roles(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Key roles as the document states them, as RoleAssignment values."""
    wanted: list[dict[str, Any]] = []
    if data.get("representative_function"):
        wanted.append({"role": KeyRole.REPRESENTATIVE, "holder_function": data["representative_function"]})
    if data.get("manager_vacant"):
        substitute = data.get("manager_substitute", "")
        wanted.append({"role": KeyRole.INCLUSION_MANAGER, "is_vacant": True, "substitute": substitute})
    elif data.get("manager_name"):
        wanted.append(
            {
                "role": KeyRole.INCLUSION_MANAGER,
                "holder_name": data["manager_name"],
                "holder_function": data.get("manager_function", ""),
            }
        )
    if data.get("agency_regional_head"):
        wanted.append({"role": KeyRole.AGENCY_REGIONAL_HEAD, "holder_name": data["agency_regional_head"]})
    if data.get("regional_contact_name"):
        wanted.append(
            {
                "role": KeyRole.REGIONAL_COORDINATOR,
                "holder_name": data["regional_contact_name"],
                "holder_function": data.get("regional_contact_function", ""),
            }
        )
    return wanted


def _held_roles(unit: TerritorialUnit | None) -> set[str]:
    if unit is None:
        return set()
    today = timezone.localdate()
    return {role.role for role in unit.role_assignments.all() if role.is_current(today)}


def _roles(unit: TerritorialUnit, description: CooperationDescription, data: dict[str, Any]) -> None:
    """Key roles as the document states them. A role the unit already has someone in is left alone:
    the registry of roles is the unit's history, and a document does not say when a holder changed."""
    held = _held_roles(unit)
    for values in _wanted_roles(data):
        if values["role"] not in held:
            role = RoleAssignment(unit=unit, valid_from=description.valid_from, **values)
            role.full_clean()
            role.save()


def _partnership(unit: TerritorialUnit, data: dict[str, Any]) -> None:
    groups = [group for group in data.get("working_groups", []) if group.get("name")]
    members = [member for member in data.get("members", []) if member.get("name")]
    if not (data.get("lp_established_by") or groups or members):
        return
    partnership = LocalPartnership.objects.filter(unit=unit).first()
    if partnership is None:
        partnership = LocalPartnership.objects.create(
            unit=unit, established_by=data.get("lp_established_by", "")[:300]
        )
    for group in groups:
        name = group["name"][:200]
        if not WorkingGroup.objects.filter(partnership=partnership, name__iexact=name).exists():
            WorkingGroup.objects.create(unit=unit, partnership=partnership, name=name, kind=group["kind"])
    valid_from: date = data.get("members_valid_from") or timezone.localdate()
    seated = set(
        PartnershipMember.objects.filter(
            unit=unit, working_group__isnull=True, valid_to__isnull=True
        ).values_list("organisation_id", flat=True)
    )
    for member in members:
        name = member["name"][:300]
        # Matched within the unit only: each unit keeps its own organisation records.
        organisation = unit.organisations.filter(name__iexact=name).order_by("pk").first()
        if organisation is None:
            organisation = Organisation.objects.create(unit=unit, name=name, category=member["category"])
        if organisation.pk in seated:
            continue
        seated.add(organisation.pk)
        # A seat needs a representative; the document names none, so a placeholder
        # that says what to fill in stands in until the unit enters the real person.
        representative = Person.objects.create(
            unit=unit, first_name=name[:100], last_name=PLACEHOLDER_REPRESENTATIVE, organisation=organisation
        )
        PartnershipMember.objects.create(
            unit=unit, organisation=organisation, representative=representative, valid_from=valid_from
        )


def _schedule(description: CooperationDescription, data: dict[str, Any]) -> None:
    for order, row in enumerate(data.get("activities", []), start=1):
        values = {key: row[key] for key in ACTIVITY_FIELDS}
        activity = Activity.objects.create(
            unit=description.unit, description=description, order=order, **values
        )
        for rule_order, reading in enumerate(row.get("rules", []), start=1):
            rule = Rule(unit=description.unit, activity=activity, order=rule_order, **rule_values(reading))
            rule.full_clean(exclude=["unit", "activity"])
            rule.save()


# --- what a confirmation would do ----------------------------------------------------------------


@dataclass(frozen=True)
class ImportPreview:
    """What confirming the reviewed `data` creates, and what it matches among existing records."""

    unit: TerritorialUnit | None  # the unit with the document's IČO; None: a new one is created
    unit_name: str
    version: int  # of the cooperation description to be created
    memorandum_exists: bool
    areas: int
    interventions: int
    strategies: int
    roles_created: list[str]
    roles_kept: list[str]  # the unit already has someone in them
    partnership_exists: bool
    groups_created: list[str]
    groups_matched: list[str]
    organisations_created: list[str]
    organisations_matched: list[str]
    seats_created: int
    seats_existing: int
    activities: int
    rules: int


def import_preview(*, data: dict[str, Any]) -> ImportPreview:
    """The import summary shown before confirming; reads only, in a fixed number of queries."""
    unit = TerritorialUnit.objects.filter(ico=data.get("ico") or None).first() if data.get("ico") else None
    held = _held_roles(unit)
    roles = [str(KeyRole(values["role"]).label) for values in _wanted_roles(data)]
    kept = [str(KeyRole(values["role"]).label) for values in _wanted_roles(data) if values["role"] in held]
    groups = [group["name"] for group in data.get("working_groups", []) if group.get("name")]
    members = [member["name"] for member in data.get("members", []) if member.get("name")]
    existing_groups, known, seated = _partnership_matches(unit, groups, members)
    organisations_matched = [name for name in members if name.lower() in known]
    activities = data.get("activities", [])
    return ImportPreview(
        unit=unit,
        unit_name=unit.name if unit else data.get("unit_name", ""),
        version=(unit.descriptions.count() + 1) if unit else 1,
        memorandum_exists=bool(
            unit
            and data.get("memorandum_date")
            and unit.memoranda.filter(signed_on=data["memorandum_date"]).exists()
        ),
        areas=len([area for area in data.get("areas", []) if area.get("name")]),
        interventions=len([item for item in data.get("esif", []) if item]),
        strategies=len(data.get("strategies", [])),
        roles_created=[role for role in roles if role not in kept],
        roles_kept=kept,
        partnership_exists=bool(unit and LocalPartnership.objects.filter(unit=unit).exists()),
        groups_created=[name for name in groups if name.lower() not in existing_groups],
        groups_matched=[name for name in groups if name.lower() in existing_groups],
        organisations_created=[name for name in members if name.lower() not in known],
        organisations_matched=organisations_matched,
        seats_created=len([name for name in members if known.get(name.lower()) not in seated]),
        seats_existing=len([name for name in members if known.get(name.lower()) in seated]),
        activities=len(activities),
        rules=sum(len(activity.get("rules", [])) for activity in activities),
    )


def _partnership_matches(
    unit: TerritorialUnit | None, groups: list[str], members: list[str]
) -> tuple[set[str], dict[str, int], set[int]]:
    """Working groups of the unit's LP with these names, the unit's organisations with these names
    (lower case → id of the oldest), and the organisations already seated in the unit's LP. Names match
    as on confirmation (`iexact`), in one query each."""
    existing_groups: set[str] = set()
    seated: set[int] = set()
    if unit is not None and groups:
        existing_groups = {
            name.lower()
            for name in WorkingGroup.objects.filter(_any_name(groups), unit=unit).values_list(
                "name", flat=True
            )
        }
    if unit is not None:
        seated = set(
            PartnershipMember.objects.filter(
                unit=unit, working_group__isnull=True, valid_to__isnull=True
            ).values_list("organisation_id", flat=True)
        )
    known: dict[str, int] = {}
    if unit is not None and members:
        for name, pk in (
            unit.organisations.filter(_any_name(members)).order_by("-pk").values_list("name", "pk")
        ):
            known[name.lower()] = pk  # the oldest wins, as on confirmation
    return existing_groups, known, seated


def _any_name(names: list[str]) -> Q:
    condition = Q()
    for name in dict.fromkeys(names):
        condition |= Q(name__iexact=name)
    return condition
