from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spojka.meetings import services
from spojka.meetings.models import Attendance, Meeting, MeetingState, Task, TaskState
from spojka.partnership.models import Organisation, PartnershipMember, Person

pytestmark = pytest.mark.django_db


def _url(name: str, w, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, **kwargs})


def _meeting_post(w, **overrides) -> dict:
    data = {
        "title": "Jednání LP a PS Bydlení",
        "kind": "lp_plenary",
        "includes_lp": "on",
        "working_groups": [w.meeting_group.pk],
        "starts_at": "2031-05-20T14:00",
        "ends_at": "2031-05-20T16:00",
        "place": "Magistrát, zasedací místnost",
        "online_link": "",
    }
    data.update(overrides)
    return data


# --- Creating a meeting --------------------------------------------------------------------------


def test_one_meeting_of_the_lp_and_a_group_invites_the_bodies_current_members_once(mw, login):
    group_member = Person.objects.create(unit=mw.unit, first_name="Petr", last_name="Skupinový")
    former = Person.objects.create(unit=mw.unit, first_name="Olga", last_name="Bývalá")
    org = Organisation.objects.create(unit=mw.unit, name="Úřad práce")
    PartnershipMember.objects.create(
        unit=mw.unit,
        organisation=org,
        representative=group_member,
        working_group=mw.meeting_group,
        valid_from=date(2021, 1, 1),
    )
    # The same person sits in the plenary and in the group: invited once.
    PartnershipMember.objects.create(
        unit=mw.unit,
        organisation=org,
        representative=mw.meeting_person,
        working_group=mw.meeting_group,
        valid_from=date(2021, 1, 1),
    )
    PartnershipMember.objects.create(
        unit=mw.unit,
        organisation=org,
        representative=former,
        valid_from=date(2020, 1, 1),
        valid_to=date(2022, 1, 1),
    )
    before = Meeting.objects.count()

    response = login(mw.users["editor"]).post(_url("meeting_create", mw), _meeting_post(mw))

    assert response.status_code == 302
    assert Meeting.objects.count() == before + 1
    meeting = Meeting.objects.latest("pk")
    assert meeting.includes_lp and list(meeting.working_groups.all()) == [mw.meeting_group]
    assert meeting.organiser == mw.users["editor"]
    invited = sorted(i.person.last_name for i in meeting.invitations.all())
    assert invited == ["Skupinový", "Zkušební"]


def test_invited_people_can_be_chosen_by_hand(mw, login):
    other = Person.objects.create(unit=mw.unit, first_name="Eva", last_name="Vybraná")
    response = login(mw.users["editor"]).post(
        _url("meeting_create", mw), _meeting_post(mw, invitees=[other.pk])
    )
    assert response.status_code == 302
    meeting = Meeting.objects.latest("pk")
    assert [i.person for i in meeting.invitations.all()] == [other]


def test_a_meeting_that_ends_before_it_starts_is_refused_next_to_the_end_field(mw, login):
    before = Meeting.objects.count()
    response = login(mw.users["editor"]).post(
        _url("meeting_create", mw), _meeting_post(mw, ends_at="2031-05-20T13:00")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["Jednání musí skončit až po svém začátku."]
    assert 'id="id_ends_at_error"' in response.content.decode()
    assert Meeting.objects.count() == before


def test_the_kind_lp_plenary_makes_it_a_session_of_the_lp_without_a_second_tick(mw, login):
    response = login(mw.users["editor"]).post(_url("meeting_create", mw), _meeting_post(mw, includes_lp=""))
    assert response.status_code == 302
    assert Meeting.objects.latest("pk").includes_lp is True


def test_a_working_group_of_another_unit_cannot_be_chosen(mw, login):
    from spojka.partnership.models import LocalPartnership

    lp = LocalPartnership.objects.create(unit=mw.other_unit, established_by="Starosta")
    foreign = lp.groups.create(unit=mw.other_unit, name="Cizí skupina")
    response = login(mw.users["editor"]).post(
        _url("meeting_create", mw), _meeting_post(mw, working_groups=[foreign.pk])
    )
    assert response.status_code == 200
    assert "working_groups" in response.context["form"].errors


# --- State changes -------------------------------------------------------------------------------


def test_a_held_meeting_cannot_be_closed_without_minutes_and_attendance(mw, login):
    meeting = mw.held_meeting
    meeting.minutes_note = ""
    meeting.save()
    meeting.invitations.update(attendance="")

    response = login(mw.users["editor"]).post(
        _url("meeting_transition", mw, pk=meeting.pk), {"target": "closed"}
    )

    assert response.status_code == 422
    assert response.context["form"].errors["target"] == [
        "Jednání nelze uzavřít, chybí: záznam z jednání, účast všech pozvaných."
    ]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD


def test_a_held_meeting_with_minutes_and_attendance_is_closed(mw, login):
    response = login(mw.users["editor"]).post(
        _url("meeting_transition", mw, pk=mw.held_meeting.pk), {"target": "closed"}
    )
    assert response.status_code == 302
    mw.held_meeting.refresh_from_db()
    assert mw.held_meeting.state == MeetingState.CLOSED


def test_state_changes_out_of_order_are_refused_in_czech(mw):
    with pytest.raises(ValidationError) as exc:
        services.meeting_transition(meeting=mw.meeting, target=MeetingState.CLOSED)
    assert exc.value.message_dict["target"] == [
        "Z „plánováno“ nelze přejít na „uzavřeno“; možné jsou: „proběhlo“, „zrušeno“."
    ]
    # A meeting that has not started yet has not been held.
    with pytest.raises(ValidationError, match="ještě nezačalo"):
        services.meeting_transition(meeting=mw.meeting, target=MeetingState.HELD)
    services.meeting_transition(meeting=mw.meeting, target=MeetingState.CANCELLED, reason="nemoc")
    with pytest.raises(ValidationError, match="jeho stav už nelze měnit"):
        services.meeting_transition(
            meeting=mw.meeting, target=MeetingState.HELD, now=mw.meeting.starts_at + timedelta(hours=1)
        )
    mw.meeting.refresh_from_db()
    assert (mw.meeting.state, mw.meeting.cancel_reason) == (MeetingState.CANCELLED, "nemoc")


# --- Attendance and quorum -----------------------------------------------------------------------


def test_attendance_and_guests_are_recorded(mw, login):
    invitation = mw.held_meeting.invitations.get()
    response = login(mw.users["editor"]).post(
        _url("attendance_edit", mw, pk=mw.held_meeting.pk),
        {f"a{invitation.pk}": "excused", "guests": "Jana Nová | Charita\nKarel Host"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.EXCUSED
    assert [(g.name, g.organisation) for g in mw.held_meeting.guests.all()] == [
        ("Jana Nová", "Charita"),
        ("Karel Host", ""),
    ]


def test_attendance_on_a_cancelled_meeting_is_refused_and_nothing_changes(mw, login):
    services.meeting_transition(meeting=mw.meeting, target=MeetingState.CANCELLED)
    invitation = mw.meeting.invitations.get()
    response = login(mw.users["editor"]).post(
        _url("attendance_edit", mw, pk=mw.meeting.pk), {f"a{invitation.pk}": "present", "guests": "Jana Nová"}
    )
    assert response.status_code == 422
    assert "Jednání bylo zrušeno; účast na něm nelze zaznamenat." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attendance == ""
    assert not mw.meeting.guests.exists()


def test_quorum_without_a_statute_is_more_than_half_of_the_invited(mw):
    meeting = mw.held_meeting
    for n in range(3):
        person = Person.objects.create(unit=mw.unit, first_name="Host", last_name=f"Č{n}")
        meeting.invitations.create(unit=mw.unit, person=person, attendance=Attendance.ABSENT)
    meeting.includes_lp = False
    quorum = services.meeting_quorum(meeting)
    # 4 invited, 1 present: 3 are needed.
    assert (quorum.members, quorum.needed, quorum.present, quorum.reached) == (4, 3, 1, False)


def test_quorum_of_an_lp_session_follows_the_partnership_statute(mw, monkeypatch):
    monkeypatch.setattr(services, "_statute_quorum", lambda *, unit, on: (10, 6))
    mw.meeting.invitations.update(attendance=Attendance.PRESENT)
    quorum = services.meeting_quorum(mw.meeting)
    assert (quorum.members, quorum.needed, quorum.present, quorum.by_statute) == (10, 6, 1, True)


def test_quorum_of_an_lp_session_counts_only_the_plenarys_members_present(mw):
    # The plenary has one seat (Marie Zkušební); a working-group member present does not make a quorum.
    group_person = Person.objects.create(unit=mw.unit, first_name="Petr", last_name="Skupinový")
    PartnershipMember.objects.create(
        unit=mw.unit,
        organisation=Organisation.objects.create(unit=mw.unit, name="Úřad práce"),
        representative=group_person,
        working_group=mw.meeting_group,
        valid_from=date(2021, 1, 1),
    )
    mw.meeting.invitations.update(attendance=Attendance.ABSENT)
    mw.meeting.invitations.create(unit=mw.unit, person=group_person, attendance=Attendance.PRESENT)
    quorum = services.meeting_quorum(mw.meeting)
    assert (quorum.members, quorum.needed, quorum.present, quorum.by_statute, quorum.reached) == (
        1,
        1,
        0,
        True,
        False,
    )


# --- Minutes, decisions and tasks ----------------------------------------------------------------


def test_minutes_need_some_text(mw, login):
    response = login(mw.users["editor"]).post(
        _url("minutes_edit", mw, pk=mw.held_meeting.pk), {"minutes_note": " "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["minutes_note"]


def test_a_vote_needs_all_counts_and_a_consensus_needs_none(mw, login):
    client = login(mw.users["editor"])
    url = _url("decision_create", mw, pk=mw.held_meeting.pk)
    response = client.post(url, {"text": "Schvaluje se plán.", "method": "vote", "votes_for": "5"})
    assert response.status_code == 200
    assert response.context["form"].errors["votes_against"] == ["Při hlasování uveďte počet hlasů (i nulu)."]
    assert not mw.held_meeting.decisions.exists()

    response = client.post(
        url,
        {
            "text": "Schvaluje se plán.",
            "method": "vote",
            "votes_for": "5",
            "votes_against": "0",
            "votes_abstained": "1",
        },
    )
    assert response.status_code == 302
    decision = mw.held_meeting.decisions.get()
    assert (decision.votes_for, decision.votes_against, decision.votes_abstained) == (5, 0, 1)


def test_a_decision_cannot_be_written_to_a_planned_meeting(mw, login):
    response = login(mw.users["editor"]).post(
        _url("decision_create", mw, pk=mw.meeting.pk), {"text": "Předčasné.", "method": "consensus"}
    )
    assert response.status_code == 422
    assert not mw.meeting.decisions.exists()


def test_a_task_is_added_to_the_meeting_and_marked_done(mw, login):
    client = login(mw.users["editor"])
    response = client.post(
        _url("task_create", mw, pk=mw.held_meeting.pk),
        {"title": "Zjistit kapacity", "assignee": mw.meeting_person.pk, "due_on": "2031-01-31"},
    )
    assert response.status_code == 302
    task = mw.held_meeting.tasks.get(title="Zjistit kapacity")
    assert task.assignee == mw.meeting_person and task.unit == mw.unit

    response = client.post(_url("task_done", mw, pk=task.pk), {"next": "https://zlo.example/"})
    assert response.status_code == 302 and response["Location"] == _url("task_list", mw)
    task.refresh_from_db()
    assert (task.state, task.done_on) == (TaskState.DONE, timezone.localdate())


def test_task_list_filters_open_overdue_and_by_assignee(mw, login):
    other = Person.objects.create(unit=mw.unit, first_name="Jiný", last_name="Řešitel")
    today = timezone.localdate()
    Task.objects.create(unit=mw.unit, title="Po termínu", due_on=today - timedelta(days=1), assignee=other)
    Task.objects.create(unit=mw.unit, title="Hotový", due_on=today - timedelta(days=9), state=TaskState.DONE)
    client = login(mw.users["partner"])

    def titles(**params) -> list[str]:
        response = client.get(_url("task_list", mw), params)
        return sorted(t.title for t in response.context["page"])

    assert titles() == ["Hotový", "Po termínu", "Připravit podklady"]
    assert titles(state="open") == ["Po termínu", "Připravit podklady"]
    assert titles(state="overdue") == ["Po termínu"]
    assert titles(assignee=other.pk) == ["Po termínu"]


# --- Query counts --------------------------------------------------------------------------------


def _many_meetings(w, n: int) -> None:
    start = timezone.make_aware(datetime(2025, 1, 1, 10, 0))
    meetings = Meeting.objects.bulk_create(
        Meeting(unit=w.unit, title=f"Jednání {i}", starts_at=start, ends_at=start + timedelta(hours=1))
        for i in range(n)
    )
    through = Meeting.working_groups.through
    through.objects.bulk_create(through(meeting=m, workinggroup=w.meeting_group) for m in meetings)


def _many_tasks(w, n: int) -> None:
    Task.objects.bulk_create(
        Task(unit=w.unit, meeting=w.held_meeting, title=f"Úkol {i}", assignee=w.meeting_person)
        for i in range(n)
    )


@pytest.mark.parametrize("rows", [10, 500])
def test_meeting_list_query_count_does_not_grow(mw, login, django_assert_num_queries, rows):
    _many_meetings(mw, rows)
    client = login(mw.users["editor"])
    # session, user, membership + unit with the switchable units, count, feed, page of meetings, their groups
    with django_assert_num_queries(7):
        response = client.get(_url("meeting_list", mw))
    assert response.status_code == 200
    assert "PS Bydlení (jednání)" in response.content.decode()


@pytest.mark.parametrize("rows", [10, 200])
def test_task_list_query_count_does_not_grow(mw, login, django_assert_num_queries, rows):
    _many_tasks(mw, rows)
    client = login(mw.users["editor"])
    # session, user, membership + unit with the switchable units, count, people to filter by, page of tasks
    with django_assert_num_queries(6):
        response = client.get(_url("task_list", mw))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 40])
def test_meeting_detail_query_count_does_not_grow(mw, login, django_assert_num_queries, rows):
    for n in range(rows):
        person = Person.objects.create(unit=mw.unit, first_name="Člen", last_name=f"{n:02d}")
        mw.held_meeting.invitations.create(unit=mw.unit, person=person, attendance=Attendance.PRESENT)
        mw.held_meeting.agenda_items.create(unit=mw.unit, order=n, title=f"Bod {n}")
    _many_tasks(mw, rows)
    client = login(mw.users["editor"])
    # +1 since issue 15: the library documents linked to the meeting; +1 the descriptions it may count toward.
    # +5: the rules it counts toward as evidence (spojka.lib.evidence).
    with django_assert_num_queries(18):
        response = client.get(_url("meeting_detail", mw, pk=mw.held_meeting.pk))
    assert response.status_code == 200


def test_outsiders_cannot_reach_a_meeting_through_their_own_unit(mw, login):
    response = login(mw.users["outsider"]).get(
        reverse("meetings:meeting_detail", kwargs={"unit": mw.other_unit.slug, "pk": mw.meeting.pk})
    )
    assert response.status_code == 404


def test_the_agenda_of_a_closed_meeting_cannot_be_changed(mw, login):
    services.meeting_transition(meeting=mw.held_meeting, target=MeetingState.CLOSED)
    response = login(mw.users["editor"]).post(
        _url("agenda_edit", mw, pk=mw.held_meeting.pk), {"action": "add", "title": "Dodatečný bod"}
    )
    assert response.status_code == 200
    assert "Uzavřené jednání už nelze měnit." in response.content.decode()
    assert not mw.held_meeting.agenda_items.exists()
