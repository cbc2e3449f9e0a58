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

    from django.core.files.base import ContentFile

    from spojka.agency.models import ProjectReport, SupportPeriod

    world.project_report = ProjectReport(year=2022, as_of=date(2022, 12, 31))
    world.project_report.pdf.save("z.pdf", ContentFile(b"%PDF-1.7"), save=False)
    world.project_report.xlsx.save("z.xlsx", ContentFile(b"PK"), save=False)
    world.project_report.save()
    world.support_period = SupportPeriod.objects.create(
        unit=world.unit, support_type="intensive", starts_on=date(2021, 11, 2)
    )


ENTRIES = {
    "agency:home": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:export": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:my_units": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:project_report": Entry(AGENCY_ADMIN_ONLY),
    "agency:project_report_file": Entry(
        AGENCY_ADMIN_ONLY, lambda w: {"pk": w.project_report.pk, "fmt": "pdf"}
    ),
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
