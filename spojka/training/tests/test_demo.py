"""The demo: Jihlava's staff fill the indicator partly and visibly reach the distance cap."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from auditlog.models import LogEntry

from spojka.cooperation import demo as cooperation_demo
from spojka.partnership.models import Person
from spojka.training import demo
from spojka.training.models import Participation, TrainingEvent
from spojka.training.services import training_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    return cooperation_demo.load(context={})


def test_demo_reaches_the_distance_cap_and_leaves_hours_to_go(context):
    demo.load(context=context)
    result = training_indicator(description=context["jihlava_description"])
    assert (result.in_person, result.distance_total) == (D(12), D(26))
    assert (result.distance_counted, result.distance_over_cap) == (D(20), D(6))
    assert (result.counted_total, result.remaining, result.met) == (D(32), D(8), False)


def test_demo_people_are_marked_as_fictional(context):
    returned = demo.load(context=context)
    assert returned["training_staff"]
    assert all("(smyšlená osoba)" in person.function for person in returned["training_staff"])


def test_loading_the_demo_twice_creates_and_changes_nothing(context):
    demo.load(context=context)
    counts = (
        Person.objects.count(),
        TrainingEvent.objects.count(),
        Participation.objects.count(),
        LogEntry.objects.count(),
    )
    codes = set(Participation.objects.values_list("certificate_code", flat=True))
    demo.load(context=context)
    assert (
        Person.objects.count(),
        TrainingEvent.objects.count(),
        Participation.objects.count(),
        LogEntry.objects.count(),
    ) == counts
    assert set(Participation.objects.values_list("certificate_code", flat=True)) == codes
