"""Issue 15, item 1: deleting asks first and names what goes with it; the trash restores it all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spojka.meetings.models import Meeting, Task
from spojka.meetings.tests.matrix import build as build_meetings
from spojka.partnership.models import Person
from spojka.training.models import Participation, TrainingEvent
from spojka.training.tests.helpers import attend, make_event, make_person
from spojka.trash.models import TrashedItem
from spojka.trash.services import deletion_preview, trash_delete, trash_purge, trash_restore

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_twelve(world):
    event = make_event(world.unit, "Sousedské soužití")
    for n in range(12):
        attend(event, make_person(world.unit, "Účastnice", f"Č{n:02}"))
    return event


def _event_url(world, event, name="event_delete") -> str:
    return reverse(f"training:{name}", kwargs={"unit": world.unit.slug, "pk": event.pk})


def test_the_confirmation_page_names_what_will_be_lost(world, login, event_with_twelve):
    response = login(world.users["editor"]).get(_event_url(world, event_with_twelve))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Smazat vzdělávací aktivitu „Sousedské soužití“ a 12 účastníků a jejich osvědčení?" in html
    assert "účasti na vzdělávání: 12" in html
    assert TrainingEvent.objects.filter(pk=event_with_twelve.pk).exists()


@pytest.mark.parametrize(("n", "words"), [(1, "1 účastníka a jeho osvědčení"), (3, "3 účastníky a jejich")])
def test_the_question_uses_the_czech_plural(world, login, n, words):
    event = make_event(world.unit, "Kurz")
    for i in range(n):
        attend(event, make_person(world.unit, "Osoba", f"Č{i}"))
    assert words in login(world.users["editor"]).get(_event_url(world, event)).content.decode()


def test_partners_cannot_open_the_confirmation_and_outsiders_do_not_see_it(world, login, event_with_twelve):
    assert login(world.users["partner"]).get(_event_url(world, event_with_twelve)).status_code == 403
    assert login(world.users["outsider"]).get(_event_url(world, event_with_twelve)).status_code == 404


def test_confirming_deletes_into_the_trash_and_restoring_brings_everything_back(
    world, login, event_with_twelve
):
    codes = set(event_with_twelve.participations.values_list("certificate_code", flat=True))
    client = login(world.users["editor"])
    response = client.post(_event_url(world, event_with_twelve))
    assert response.status_code == 302
    assert not TrainingEvent.objects.exists() and not Participation.objects.exists()
    item = TrashedItem.objects.get()
    assert (item.unit, item.kind, item.title, item.deleted_by) == (
        world.unit,
        "vzdělávací aktivita",
        "Sousedské soužití",
        world.users["editor"],
    )
    trash = client.get(reverse("trash:list", kwargs={"unit": world.unit.slug})).content.decode()
    assert "Sousedské soužití" in trash and "účasti na vzdělávání (12)" in trash

    response = client.post(reverse("trash:restore", kwargs={"unit": world.unit.slug, "pk": item.pk}))
    assert response.status_code == 302 and response.url == event_with_twelve.get_absolute_url()
    restored = TrainingEvent.objects.get(pk=event_with_twelve.pk)
    assert set(restored.participations.values_list("certificate_code", flat=True)) == codes
    item.refresh_from_db()
    assert item.restored_by == world.users["editor"] and item.restored_at is not None
    # The restoration is in the history: the trash item's change and each row created again.
    assert LogEntry.objects.get_for_object(item).filter(action=LogEntry.Action.UPDATE).exists()
    assert LogEntry.objects.get_for_object(restored).filter(action=LogEntry.Action.CREATE).count() == 2


def test_restoring_puts_back_links_the_deletion_cleared_and_many_to_many_rows(mw):
    meeting, task = mw.held_meeting, mw.task
    meeting_pk = meeting.pk
    groups = list(meeting.working_groups.all())
    assert task.meeting == meeting and groups
    item = trash_delete(obj=meeting, unit=mw.unit, user=mw.users["editor"])
    task.refresh_from_db()
    assert task.meeting is None  # SET_NULL by the deletion
    trash_restore(item=item, user=mw.users["editor"])
    restored = Meeting.objects.get(pk=meeting_pk)
    assert list(restored.working_groups.all()) == groups
    assert Task.objects.get(pk=task.pk).meeting == restored
    assert restored.invitations.get().person == mw.meeting_person


def test_a_deletion_blocked_by_a_protected_link_is_refused_and_changes_nothing(mw):
    preview = deletion_preview(mw.meeting_person)
    assert preview.protected  # invited to meetings (PROTECT)
    with pytest.raises(ValidationError, match="Nelze smazat"):
        trash_delete(obj=mw.meeting_person, unit=mw.unit, user=None)
    assert Person.objects.filter(pk=mw.meeting_person.pk).exists() and not TrashedItem.objects.exists()


def test_restoring_fails_whole_when_what_it_refers_to_is_gone(world):
    event = make_event(world.unit, "Kurz")
    person = make_person(world.unit, "Jana", "Pryč")
    participation = attend(event, person)
    item = trash_delete(obj=participation, unit=world.unit, user=None)
    person.delete()
    with pytest.raises(ValidationError, match="nelze obnovit"):
        trash_restore(item=item, user=None)
    assert not Participation.objects.exists()
    item.refresh_from_db()
    assert item.restored_at is None


def test_restoring_twice_or_after_thirty_days_is_refused(world):
    event = make_event(world.unit, "Kurz")
    item = trash_delete(obj=event, unit=world.unit, user=None)
    with pytest.raises(ValidationError, match="30 dní"):
        trash_restore(item=item, user=None, now=timezone.now() + timedelta(days=30))
    trash_restore(item=item, user=None)
    with pytest.raises(ValidationError, match="už byla obnovena"):
        trash_restore(item=item, user=None)


def test_purge_forgets_only_items_older_than_thirty_days_and_is_safe_twice(world):
    old = trash_delete(obj=make_event(world.unit, "Stará"), unit=world.unit, user=None)
    TrashedItem.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    trash_delete(obj=make_event(world.unit, "Nová"), unit=world.unit, user=None)
    assert trash_purge() == 1
    assert trash_purge() == 0
    assert list(TrashedItem.objects.values_list("title", flat=True)) == ["Nová"]


def test_another_units_trash_item_cannot_be_restored(world, login):
    item = trash_delete(obj=make_event(world.unit, "Kurz"), unit=world.unit, user=None)
    client = login(world.users["outsider"])
    url = reverse("trash:restore", kwargs={"unit": world.other_unit.slug, "pk": item.pk})
    assert client.post(url).status_code == 404
    assert not TrainingEvent.objects.exists()


@pytest.mark.parametrize("count", [1, 25])
def test_the_trash_page_query_count_does_not_grow_with_items(world, login, django_assert_num_queries, count):
    for n in range(count):
        trash_delete(obj=make_event(world.unit, f"Akce {n}"), unit=world.unit, user=world.users["editor"])
    client = login(world.users["editor"])
    with django_assert_num_queries(TRASH_PAGE_QUERIES):
        assert client.get(reverse("trash:list", kwargs={"unit": world.unit.slug})).status_code == 200


# Session, user, unit and role, the page of items with who deleted and restored, the count.
TRASH_PAGE_QUERIES = 5


@pytest.fixture
def mw(world):
    build_meetings(world)
    return world


def test_restoring_a_held_meeting_refreshes_the_units_stored_schedule_statuses(mw):
    from spojka.compliance.models import UnitStatus
    from spojka.compliance.stored import invalidate

    invalidate(mw.unit.pk)
    item = trash_delete(obj=mw.held_meeting, unit=mw.unit, user=None)
    before = UnitStatus.objects.get(unit=mw.unit).version
    trash_restore(item=item, user=None)
    assert UnitStatus.objects.get(unit=mw.unit).version != before


def test_removing_a_schedule_rule_asks_first_and_can_be_undone(world, login):
    from spojka.compliance.models import Rule
    from spojka.compliance.tests.matrix import build as build_compliance

    build_compliance(world)
    rule = Rule.objects.filter(unit=world.unit).first()
    url = reverse("compliance:rule_delete", kwargs={"unit": world.unit.slug, "pk": rule.pk})
    client = login(world.users["editor"])
    page = client.get(url).content.decode()
    assert f"Odebrat pravidlo „{rule.text}“ z harmonogramu?" in page
    assert Rule.objects.filter(pk=rule.pk).exists()
    assert client.post(url).status_code == 302
    assert not Rule.objects.filter(pk=rule.pk).exists()
    trash_restore(item=TrashedItem.objects.get(), user=world.users["editor"])
    assert Rule.objects.filter(pk=rule.pk).exists()


def test_deleting_a_plan_measure_names_what_goes_with_it_and_can_be_undone(world, login):
    from spojka.plans.models import Measure, PlanAction
    from spojka.plans.tests.factories import make_plan

    plan = make_plan(world.unit, measures=1)
    measure = Measure.objects.get()
    actions = PlanAction.objects.filter(measure=measure).count()
    url = reverse(
        "plans:node_delete",
        kwargs={"unit": world.unit.slug, "pk": plan.pk, "kind": "opatreni", "obj": measure.pk},
    )
    client = login(world.users["editor"])
    page = client.get(url).content.decode()
    assert f"Smazat opatření „{measure}“ i se vším, co pod tím je?" in page
    assert client.post(url).status_code == 302
    assert not Measure.objects.exists()
    trash_restore(item=TrashedItem.objects.get(), user=None)
    assert PlanAction.objects.filter(measure_id=measure.pk).count() == actions
