"""Organisations were one registry shared by every unit; now each unit keeps its own records.

An organisation used by one unit (its people, its seats in the LP, or entered by it) simply gets
that unit. One used by several units stays with the unit that entered it (or, if that unit no
longer uses it, the first unit by id); every other unit gets its own copy, and that unit's people
and seats are moved to the copy. An organisation no unit uses was unreachable from any page and is
removed.
"""

from django.db import migrations


def _units_using(apps, organisation) -> list[int]:
    Person = apps.get_model("partnership", "Person")
    PartnershipMember = apps.get_model("partnership", "PartnershipMember")
    units = set(Person.objects.filter(organisation=organisation).values_list("unit_id", flat=True))
    units |= set(PartnershipMember.objects.filter(organisation=organisation).values_list("unit_id", flat=True))
    if organisation.registered_by_id is not None:
        units.add(organisation.registered_by_id)
    first = organisation.registered_by_id if organisation.registered_by_id in units else None
    return ([first] if first else []) + sorted(units - {first})


def split_per_unit(apps, schema_editor):
    Organisation = apps.get_model("partnership", "Organisation")
    Person = apps.get_model("partnership", "Person")
    PartnershipMember = apps.get_model("partnership", "PartnershipMember")
    for organisation in Organisation.objects.order_by("pk"):
        units = _units_using(apps, organisation)
        if not units:
            organisation.delete()
            continue
        organisation.unit_id = units[0]
        organisation.save(update_fields=["unit"])
        for unit_id in units[1:]:
            copy = Organisation.objects.create(
                unit_id=unit_id, name=organisation.name, ico=organisation.ico, category=organisation.category
            )
            Organisation.objects.filter(pk=copy.pk).update(created_at=organisation.created_at)
            Person.objects.filter(organisation=organisation, unit_id=unit_id).update(organisation=copy)
            PartnershipMember.objects.filter(organisation=organisation, unit_id=unit_id).update(
                organisation=copy
            )


class Migration(migrations.Migration):
    dependencies = [
        ('partnership', '0002_organisation_unit'),
    ]

    operations = [
        migrations.RunPython(split_per_unit, migrations.RunPython.noop),
    ]
