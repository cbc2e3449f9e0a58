"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from spojka.testing.matrix_kinds import AGENCY_ADMIN_ONLY, AUTHENTICATED, Entry, unit_kwargs

# Not unit-scoped: the agency admin sees every unit, a consultant the units of their active
# consultant memberships, anybody else is refused.
AGENCY_HOME = {
    "agency_admin": {200},
    "consultant": {200},
    "editor": {403},
    "partner": {403},
    "outsider": {403},
}


def build(world) -> None:
    from datetime import date

    from spojka.agency.models import SupportPeriod

    world.support_period = SupportPeriod.objects.create(
        unit=world.unit, support_type="intensive", starts_on=date(2021, 11, 2)
    )


ENTRIES = {
    "agency:home": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:export": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:my_units": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:unit_record": Entry(AGENCY_ADMIN_ONLY, unit_kwargs),
    "agency:memorandum_create": Entry(AGENCY_ADMIN_ONLY, unit_kwargs),
    "agency:memorandum_edit": Entry(
        AGENCY_ADMIN_ONLY, lambda w: {"unit": w.unit.slug, "pk": w.memorandum.pk}
    ),
    "agency:support_create": Entry(AGENCY_ADMIN_ONLY, unit_kwargs),
    "agency:support_edit": Entry(
        AGENCY_ADMIN_ONLY, lambda w: {"unit": w.unit.slug, "pk": w.support_period.pk}
    ),
    "agency:statement_create": Entry(AGENCY_ADMIN_ONLY, unit_kwargs),
}
