"""Issue 15, item 1 for meetings and tasks: irreversible steps ask first; a closed meeting can be
reopened with a reason (audited); a done task can be reopened."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from spojka.meetings.models import MeetingState, TaskState

pytestmark = pytest.mark.django_db


def _url(name: str, w, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, **kwargs})


@pytest.mark.parametrize(
    ("which", "target", "heading", "consequence"),
    [
        ("held_meeting", "closed", "Uzavřít jednání Proběhlé jednání PS?", "uloží do knihovny dokumentů"),
        ("meeting", "cancelled", "Zrušit jednání Jednání LP?", "nezapočítá"),
        ("meeting", "held", "Označit jednání Jednání LP jako proběhlé?", "zpět na plánované"),
    ],
)
def test_a_state_change_first_shows_what_it_means_and_changes_nothing(
    mw, login, which, target, heading, consequence
):
    meeting = getattr(mw, which)
    response = login(mw.users["editor"]).get(
        _url("meeting_transition", mw, pk=meeting.pk) + f"?target={target}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html and consequence in html
    assert f'name="target" value="{target}"' in html
    meeting.refresh_from_db()
    assert meeting.state in (MeetingState.PLANNED, MeetingState.HELD)


def test_a_state_change_not_allowed_from_here_goes_back_to_the_meeting(mw, login):
    response = login(mw.users["editor"]).get(
        _url("meeting_transition", mw, pk=mw.meeting.pk) + "?target=closed"
    )
    assert response.status_code == 302 and response.url == mw.meeting.get_absolute_url()


def test_the_reason_a_close_is_refused_is_shown_on_the_page(mw, login):
    mw.held_meeting.invitations.update(attendance="")
    response = login(mw.users["editor"]).post(
        _url("meeting_transition", mw, pk=mw.held_meeting.pk), {"target": "closed"}
    )
    assert response.status_code == 422
    assert "Jednání nelze uzavřít, chybí: účast všech pozvaných." in response.content.decode()


def test_the_meeting_page_links_to_the_confirmations_instead_of_acting_at_once(mw, login):
    html = login(mw.users["editor"]).get(mw.held_meeting.get_absolute_url()).content.decode()
    assert _url("meeting_transition", mw, pk=mw.held_meeting.pk) + "?target=closed" in html
    assert 'name="target"' not in html


def test_an_editor_reopens_a_closed_meeting_with_a_reason_kept_in_the_history(mw, login):
    meeting = mw.held_meeting
    client = login(mw.users["editor"])
    assert client.post(_url("meeting_transition", mw, pk=meeting.pk), {"target": "closed"}).status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert _url("meeting_reopen", mw, pk=meeting.pk) in page

    response = client.post(_url("meeting_reopen", mw, pk=meeting.pk), {"reason": "  "})
    assert response.status_code == 200 and 'id="id_reason_error"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED

    response = client.post(
        _url("meeting_reopen", mw, pk=meeting.pk), {"reason": "Chybí rozhodnutí k bodu 2."}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.state, meeting.reopen_reason) == (MeetingState.HELD, "Chybí rozhodnutí k bodu 2.")
    entry = LogEntry.objects.get_for_object(meeting).order_by("-timestamp").first()
    assert entry.actor == mw.users["editor"]
    assert entry.changes_dict["reopen_reason"] == ["", "Chybí rozhodnutí k bodu 2."]
    assert entry.changes_dict["state"] == ["closed", "held"]


def test_only_a_closed_meeting_can_be_reopened_and_partners_cannot(mw, login):
    response = login(mw.users["editor"]).post(
        _url("meeting_reopen", mw, pk=mw.held_meeting.pk), {"reason": "x"}
    )
    assert response.status_code == 422
    assert "Znovu otevřít lze jen uzavřené jednání." in response.content.decode()
    assert (
        login(mw.users["partner"]).post(_url("meeting_reopen", mw, pk=mw.held_meeting.pk)).status_code == 403
    )


def test_a_done_task_can_be_reopened(mw, login):
    client = login(mw.users["editor"])
    client.post(_url("task_done", mw, pk=mw.task.pk))
    mw.task.refresh_from_db()
    assert mw.task.state == TaskState.DONE
    html = client.get(_url("task_list", mw)).content.decode()
    assert _url("task_reopen", mw, pk=mw.task.pk) in html
    response = client.post(_url("task_reopen", mw, pk=mw.task.pk), {"next": _url("task_list", mw)})
    assert response.status_code == 302 and response.url == _url("task_list", mw)
    mw.task.refresh_from_db()
    assert (mw.task.state, mw.task.done_on) == (TaskState.OPEN, None)
    assert client.post(_url("task_reopen", mw, pk=mw.task.pk)).status_code == 302  # "already open" message


# --- The library: records filed on closing, background materials -------------------------------


def test_closing_files_minutes_attendance_sheet_and_scan_into_the_library_linked_to_the_meeting(mw, login):
    from spojka.documents.models import Document, DocumentType

    meeting = mw.held_meeting
    client = login(mw.users["editor"])
    assert client.post(_url("meeting_transition", mw, pk=meeting.pk), {"target": "closed"}).status_code == 302
    filed = {(d.doc_type, d.title, d.subject, d.visible_to_partners) for d in Document.objects.all()}
    assert filed == {
        (DocumentType.MINUTES, "Záznam z jednání – Proběhlé jednání PS", meeting, True),
        (DocumentType.ATTENDANCE, "Prezenční listina – Proběhlé jednání PS", meeting, False),
        (DocumentType.ATTENDANCE, "Podepsaná prezenční listina – Proběhlé jednání PS", meeting, False),
    }
    minutes = Document.objects.get(doc_type=DocumentType.MINUTES).versions.get()
    assert minutes.content_type == "application/pdf" and minutes.created_by == mw.users["editor"]
    assert minutes.file.read().startswith(b"%PDF")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Záznam z jednání – Proběhlé jednání PS" in page

    # Reopened and closed again: the same documents get a second version.
    client.post(_url("meeting_reopen", mw, pk=meeting.pk), {"reason": "Oprava účasti."})
    client.post(_url("meeting_transition", mw, pk=meeting.pk), {"target": "closed"})
    assert Document.objects.count() == 3
    assert Document.objects.get(doc_type=DocumentType.MINUTES).versions.count() == 2

    # Partners see the minutes, never the attendance sheets (personal data).
    partner_page = login(mw.users["partner"]).get(meeting.get_absolute_url()).content.decode()
    assert "Záznam z jednání – Proběhlé jednání PS" in partner_page
    assert "Prezenční listina – Proběhlé" not in partner_page


def test_a_background_material_is_checked_like_library_uploads_and_linked_to_the_meeting(mw, login, tmp_path):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from spojka.documents.models import Document, DocumentType

    odt = (Path(__file__).parents[2] / "documents" / "tests" / "files" / "zapis.odt").read_bytes()
    client = login(mw.users["editor"])
    url = _url("material_upload", mw, pk=mw.meeting.pk)
    bad = SimpleUploadedFile("podklad.pdf", b"#!/bin/sh\necho nebezpecne\n")
    response = client.post(url, {"title": "Analýza", "file": bad})
    assert response.status_code == 200 and 'id="id_file_error"' in response.content.decode()
    assert not Document.objects.exists()
    response = client.post(url, {"title": "Analýza bydlení", "file": SimpleUploadedFile("analyza.odt", odt)})
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.doc_type, document.subject, document.visible_to_partners) == (
        DocumentType.ANALYSIS,
        mw.meeting,
        True,
    )
    assert document.versions.get().content_type == "application/vnd.oasis.opendocument.text"
    page = login(mw.users["partner"]).get(mw.meeting.get_absolute_url()).content.decode()
    assert "Analýza bydlení" in page and document.get_absolute_url() in page
