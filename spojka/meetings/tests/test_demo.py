from __future__ import annotations

from importlib import import_module

import pytest
from auditlog.models import LogEntry

from spojka.meetings.models import Meeting, MeetingState, Task

pytestmark = pytest.mark.django_db

# This app's demo builds on the units (cooperation) and the people and groups (partnership).
LOADERS = ["spojka.cooperation.demo", "spojka.partnership.demo", "spojka.meetings.demo"]


def _load() -> dict:
    context: dict = {}
    for module in LOADERS:
        context.update(import_module(module).load(context=context) or {})
    return context


def test_the_demo_has_a_year_of_jihlava_meetings_and_loading_twice_changes_nothing():
    context = _load()
    jihlava = context["jihlava"]
    meetings = jihlava.meetings.all()
    in_2022 = meetings.filter(starts_at__year=2022)
    held_2022 = in_2022.filter(state__in=[MeetingState.HELD, MeetingState.CLOSED])
    # "Minimálně 4x ročně (vč. pracovních skupin)": 2022 has more than enough, with minutes.
    assert held_2022.filter(kind__in=["lp_plenary", "working_group"]).count() >= 4
    assert in_2022.filter(state=MeetingState.CANCELLED).count() == 1
    assert meetings.filter(state=MeetingState.PLANNED).count() == 2
    assert all(m.minutes_note or any(i.minutes for i in m.agenda_items.all()) for m in held_2022)
    assert not context["other"].meetings.exists()
    counts = (
        Meeting.objects.count(),
        Task.objects.count(),
        LogEntry.objects.filter(content_type__app_label="meetings").count(),
    )

    _load()

    assert (
        Meeting.objects.count(),
        Task.objects.count(),
        LogEntry.objects.filter(content_type__app_label="meetings").count(),
    ) == counts
