from __future__ import annotations

import pytest

from spojka.partnership.models import Organisation
from spojka.training.tests.helpers import make_person


@pytest.fixture
def staff(world):
    """Three released members of Jihlava's staff, one with an organisation and contact details."""
    office = Organisation.objects.create(
        unit=world.unit, name="Magistrát města Jihlavy", category="city_department"
    )
    return [
        make_person(
            world.unit,
            "Lenka",
            "Modrá",
            title_before="Bc.",
            organisation=office,
            function="sociální pracovnice",
            email="lenka.modra@example.org",
            phone="+420 567 000 111",
        ),
        make_person(world.unit, "Tomáš", "Zelený", email="tomas.zeleny@example.org"),
        make_person(world.unit, "Eva", "Šedá", email="eva.seda@example.org"),
    ]
