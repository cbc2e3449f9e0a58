"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from spojka.partnership.models import (
    LocalPartnership,
    MemberRole,
    Organisation,
    OrganisationCategory,
    PartnershipMember,
    Person,
    Statute,
    WorkingGroup,
    WorkingGroupKind,
)
from spojka.testing.matrix_kinds import AGENCY_ADMIN_ONLY, UNIT_READ, UNIT_WRITE, Entry, unit_kwargs

MATRIX_FILE = "matrix/statut-matice.pdf"
# Enough of a PDF for the content check and a download; the matrix never renders it.
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(world) -> None:
    """The unit's LP with one working group, an organisation, a person, a plenary seat and a statute."""
    # One file shared by every matrix case: the suite must not leave a file per case behind.
    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, ContentFile(TINY_PDF))
    unit = world.unit
    world.organisation = Organisation.objects.create(
        name="Úřad práce Jihlava", category=OrganisationCategory.PUBLIC_INSTITUTION, unit=unit
    )
    world.person = Person.objects.create(
        unit=unit,
        first_name="Hana",
        last_name="Pokorná",
        organisation=world.organisation,
        email="h@example.org",
    )
    world.partnership, _created = LocalPartnership.objects.get_or_create(
        unit=unit, defaults={"established_by": "radní pro sociální věci"}
    )
    world.working_group = WorkingGroup.objects.create(
        unit=unit,
        partnership=world.partnership,
        name="sociální začleňování",
        kind=WorkingGroupKind.CROSS_CUTTING,
    )
    world.partnership_member = PartnershipMember.objects.create(
        unit=unit,
        organisation=world.organisation,
        representative=world.person,
        role=MemberRole.MEMBER,
        valid_from=date(2021, 6, 1),
    )
    world.statute = Statute.objects.create(
        unit=unit,
        version=1,
        effective_from=date(2021, 6, 1),
        file=MATRIX_FILE,
        file_name="statut.pdf",
        content_type="application/pdf",
    )


def _pk(attr: str):
    return lambda w: {"unit": w.unit.slug, "pk": getattr(w, attr).pk}


ENTRIES = {
    "partnership:overview": Entry(UNIT_READ, unit_kwargs),
    "partnership:partnership_edit": Entry(UNIT_WRITE, unit_kwargs),
    "partnership:member_history": Entry(UNIT_READ, unit_kwargs),
    "partnership:group_create": Entry(UNIT_WRITE, unit_kwargs),
    "partnership:group_edit": Entry(UNIT_WRITE, _pk("working_group")),
    "partnership:member_create": Entry(UNIT_WRITE, unit_kwargs),
    "partnership:member_edit": Entry(UNIT_WRITE, _pk("partnership_member")),
    "partnership:member_end": Entry(
        UNIT_WRITE, _pk("partnership_member"), method="POST", data=lambda w: {"valid_to": "2022-06-30"}
    ),
    "partnership:person_list": Entry(UNIT_READ, unit_kwargs),
    "partnership:people_export": Entry(UNIT_READ, unit_kwargs),
    "partnership:person_create": Entry(UNIT_WRITE, unit_kwargs),
    "partnership:person_edit": Entry(UNIT_WRITE, _pk("person")),
    # Personal data of a person: the agency admin only; an outsider does not learn the unit exists.
    "partnership:person_export": Entry(AGENCY_ADMIN_ONLY, _pk("person"), overrides={"outsider": {404}}),
    "partnership:person_anonymise": Entry(AGENCY_ADMIN_ONLY, _pk("person"), overrides={"outsider": {404}}),
    "partnership:organisation_list": Entry(UNIT_READ, unit_kwargs),
    "partnership:organisation_export": Entry(UNIT_READ, unit_kwargs),
    "partnership:organisation_create": Entry(UNIT_WRITE, unit_kwargs),
    "partnership:organisation_edit": Entry(UNIT_WRITE, _pk("organisation")),
    "partnership:statute_list": Entry(UNIT_READ, unit_kwargs),
    "partnership:statute_upload": Entry(UNIT_WRITE, unit_kwargs),
    "partnership:statute_download": Entry(UNIT_READ, _pk("statute")),
}
