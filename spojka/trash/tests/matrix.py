"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from spojka.testing.matrix_kinds import UNIT_WRITE, Entry, unit_kwargs

# Deleted data may be personal (attendance, participants): the trash is for the unit's writers.
ENTRIES = {
    "trash:list": Entry(UNIT_WRITE, unit_kwargs),
    "trash:restore": Entry(
        UNIT_WRITE, lambda w: {"unit": w.unit.slug, "pk": w.trashed_item.pk}, method="POST"
    ),
}


def build(world) -> None:
    from spojka.partnership.models import Person
    from spojka.trash.services import trash_delete

    person = Person.objects.create(unit=world.unit, first_name="Smazaná", last_name="Osoba")
    world.trashed_item = trash_delete(obj=person, unit=world.unit, user=None)
