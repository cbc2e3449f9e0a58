"""The meeting's attendance sheet and minutes are ready to print, sign and file (issue 14)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document

from spojka.documents.models import DocumentSettings
from spojka.documents.tests.helpers import docx_fonts, normalise, pdf_standards, pdf_text
from spojka.meetings.models import Attendance
from spojka.partnership.models import Person

pytestmark = pytest.mark.django_db
TEN_MM_TWIPS = 567


def _url(name: str, w, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, **kwargs})


def _sheet_world(mw):
    for first, last in (("Veronika", "Blažková"), ("Čestmír", "Čech"), ("Hana", "Chalupová")):
        person = Person.objects.create(unit=mw.unit, first_name=first, last_name=last)
        mw.meeting.invitations.create(unit=mw.unit, person=person)
    mw.meeting.guests.create(unit=mw.unit, name="Petr Host", organisation="Úřad práce")
    DocumentSettings.objects.create(unit=mw.unit, attendance_blank_rows=3)
    return mw.meeting


def test_the_attendance_sheet_lists_invited_then_guests_then_the_units_blank_rows(mw, login):
    meeting = _sheet_world(mw)
    content = (
        login(mw.users["editor"]).get(_url("attendance_sheet", mw, pk=meeting.pk, fmt="docx")).getvalue()
    )
    table = Document(io.BytesIO(content)).tables[-1]
    names = [row.cells[1].text for row in table.rows[1:]]
    # Czech order: Blažková, Čech (č after c), Chalupová (ch after h), Zkušební; then the guest.
    assert names == [
        "Veronika Blažková",
        "Čestmír Čech",
        "Hana Chalupová",
        "Marie Zkušební",
        "Petr Host (host)",
        "",
        "",
        "",
    ]
    assert [row.cells[0].text for row in table.rows[1:]] == [str(n) for n in range(1, 9)]


def test_docx_rows_are_tall_enough_to_sign_and_the_header_repeats(mw, login):
    meeting = _sheet_world(mw)
    content = (
        login(mw.users["editor"]).get(_url("attendance_sheet", mw, pk=meeting.pk, fmt="docx")).getvalue()
    )
    table = Document(io.BytesIO(content)).tables[-1]
    header = table.rows[0]._tr.trPr
    assert header.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    for row in table.rows[1:]:
        assert row.height is not None and row.height.twips >= TEN_MM_TWIPS
    settings = zipfile.ZipFile(io.BytesIO(content)).read("word/settings.xml").decode()
    assert '<w:autoHyphenation w:val="false"/>' in settings
    assert docx_fonts(content) == {"Calibri"}


def test_the_pdf_sheet_never_hyphenates_names_and_names_the_project(mw, login):
    meeting = _sheet_world(mw)
    description = mw.unit.descriptions.first()
    description.project_name = "Systémové zajištění sociálního začleňování"
    description.project_registration_number = "CZ.03.2.63/0.0/0.0/15_030/0000605"
    description.save()
    content = login(mw.users["editor"]).get(_url("attendance_sheet", mw, pk=meeting.pk, fmt="pdf")).getvalue()
    raw = pdf_text(content)
    for surname in ("Blažková", "Chalupová", "Zkušební"):
        assert surname in raw, surname  # whole: no "Blaž-ková" split over two lines
    assert "Blaž-" not in raw and "Chalu-" not in raw
    text = normalise(raw)
    assert "Petr Host (host)" in text
    assert "Systémové zajištění sociálního začleňování, reg. č. CZ.03.2.63/0.0/0.0/15_030/0000605" in text
    standards = pdf_standards(content)
    assert standards["tagged"] and standards["lang"] == "cs" and standards["pdfua"] == "1"
    assert standards["title"].startswith("Prezenční listina")


def test_the_minutes_state_the_quorum_a_headed_general_part_and_who_wrote_and_verified(mw, login):
    meeting = mw.held_meeting
    meeting.minutes_note = "Jednání zahájila předsedkyně."
    meeting.organiser = mw.users["editor"]
    meeting.save()
    meeting.invitations.update(attendance=Attendance.PRESENT)
    item = meeting.agenda_items.create(unit=mw.unit, order=1, title="Bydlení", minutes="Diskuse o ubytovně.")
    meeting.decisions.create(unit=mw.unit, agenda_item=item, text="Schvaluje se plán.", method="consensus")
    meeting.decisions.create(unit=mw.unit, text="Příští jednání v březnu.", method="consensus")
    client = login(mw.users["editor"])
    pdf = normalise(pdf_text(client.get(_url("minutes_document", mw, pk=meeting.pk, fmt="pdf")).getvalue()))
    docx_bytes = client.get(_url("minutes_document", mw, pk=meeting.pk, fmt="docx")).getvalue()
    document = Document(io.BytesIO(docx_bytes))
    docx = normalise(
        "\n".join(p.text for p in document.paragraphs)
        + "\n"
        + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    )
    present = meeting.invitations.count()
    for text in (pdf, docx):
        assert "Jednání bylo usnášeníschopné: přítom" in text
        assert f" {present} z {present} " in text
        assert "1. Bydlení" in text and "Rozhodnutí 1: Schvaluje se plán. (konsenzem)" in text
        assert "Obecná část" in text and "Jednání zahájila předsedkyně." in text
        assert "Rozhodnutí 2: Příští jednání v březnu." in text
        assert "Zapsal/a:" in text and "Ověřil/a:" in text
    # The general part has a heading of its own, not text under the last agenda item.
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Obecná část" in headings
    assert docx_fonts(docx_bytes) == {"Calibri"}
