"""The data migration that gives each unit its own copy of a formerly shared organisation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("partnership", "0002_organisation_unit"), ("cooperation", "0001_initial")]
AFTER = [("partnership", "0004_organisation_unit_required")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    """BEFORE also rolls back later migrations of other apps; the tests after this one need them."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _unit(apps, slug: str, ico: str):
    return apps.get_model("cooperation", "TerritorialUnit").objects.create(
        name=slug, slug=slug, ico=ico, seat_address="x", region="vysocina"
    )


@pytest.mark.django_db(transaction=True)
def test_a_shared_organisation_is_copied_into_each_unit_that_uses_it():
    old = _migrate(BEFORE)
    Organisation = old.get_model("partnership", "Organisation")
    Person = old.get_model("partnership", "Person")
    Member = old.get_model("partnership", "PartnershipMember")
    jihlava, jinde, treti = (
        _unit(old, "jihlava", "00286010"),
        _unit(old, "jinde", "00123455"),
        _unit(old, "treti", "44990901"),
    )
    shared = Organisation.objects.create(
        name="Úřad práce", ico="72496991", category="public_institution", registered_by=jinde
    )
    own = Organisation.objects.create(name="Charita", registered_by=jihlava)
    Organisation.objects.create(name="Nikdo ji nepoužívá")
    people = {
        unit.slug: Person.objects.create(unit=unit, first_name="A", last_name=unit.slug, organisation=shared)
        for unit in (jihlava, jinde)
    }
    Member.objects.create(
        unit=treti,
        organisation=shared,
        representative=Person.objects.create(unit=treti, first_name="B", last_name="C"),
        valid_from="2021-01-01",
    )
    Member.objects.create(
        unit=jihlava, organisation=shared, representative=people["jihlava"], valid_from="2021-01-01"
    )

    new = _migrate(AFTER)
    Organisation = new.get_model("partnership", "Organisation")
    Person = new.get_model("partnership", "Person")
    Member = new.get_model("partnership", "PartnershipMember")
    copies = Organisation.objects.filter(ico="72496991")
    assert sorted(copies.values_list("unit__slug", flat=True)) == ["jihlava", "jinde", "treti"]
    assert copies.get(unit__slug="jinde").pk == shared.pk  # the entering unit keeps the original
    assert {(o.name, o.category) for o in copies} == {("Úřad práce", "public_institution")}
    # Every person and seat points at its own unit's copy.
    for person in Person.objects.filter(organisation__isnull=False):
        assert person.organisation.unit_id == person.unit_id
    for member in Member.objects.all():
        assert member.organisation.unit_id == member.unit_id
    assert Organisation.objects.get(pk=own.pk).unit.slug == "jihlava"
    assert not Organisation.objects.filter(name="Nikdo ji nepoužívá").exists()
    assert Organisation.objects.count() == 4
