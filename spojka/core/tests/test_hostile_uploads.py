"""Hostile uploads and inputs that used to stall a worker or slip through (issue 13, items 4 and 10).

Each is refused with a Czech message, quickly: the limits count every row, OOXML files are
checked before they are unpacked, and templates have a budget.
"""

from __future__ import annotations

import io
import os
import time
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from spojka.documents.models import DocumentVersion, TemplateKind, UnitTemplate
from spojka.lib.tests import hostile
from spojka.lib.uploads import DOCX, PDF, XLSX, check_upload, safe_filename
from spojka.training.xlsx import HEADERS

# The issue asks for a refusal "in about 2 s"; each takes well under a second on an idle machine,
# the margin is for a two-core CI machine running other suites.
QUICK = 5.0


def _build(world, *apps):
    for app in apps:
        import_module(f"spojka.{app}.tests.matrix").build(world)


def _refusal(upload, allowed) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload, allowed=allowed)
    return " ".join(caught.value.messages)


# --- uploads: type by content, DTD, unpacked size, Czech sizes ------------------------------------


def test_a_pdf_html_polyglot_uploaded_as_page_html_never_comes_back_as_html(world, login):
    client = login(world.users["editor"])
    response = client.post(
        reverse("documents:create", kwargs={"unit": world.unit.slug}),
        {
            "doc_type": "other",
            "title": "Polyglot",
            "file": hostile.upload("page.html", hostile.POLYGLOT, "text/html"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    version = DocumentVersion.objects.get(document__title="Polyglot")
    assert version.content_type == PDF
    assert version.file.name.endswith("/page.pdf") or version.file.name.endswith("page.pdf")
    download = client.get(
        reverse(
            "documents:download", kwargs={"unit": world.unit.slug, "pk": version.document_id, "number": 1}
        )
    )
    assert download["Content-Type"] == PDF
    assert 'filename="page.pdf"' in download["Content-Disposition"]
    assert ".html" not in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("page.html", PDF, "page.pdf"),
        ("zapis.docx.exe", DOCX, "zapis.docx.docx"),
        ("bez-pripony", XLSX, "bez-pripony.xlsx"),
        (".html", PDF, "html.pdf"),
        ("../../etc/passwd", None, "passwd"),
    ],
)
def test_the_stored_name_takes_its_extension_from_the_content(name, content_type, expected):
    assert safe_filename(name, content_type) == expected


@pytest.mark.parametrize(
    ("kind", "allowed", "data"),
    [
        ("docx_dtd_in_document", {DOCX}, lambda: hostile.with_dtd(hostile.docx_bytes(), "word/document.xml")),
        (
            "xlsx_dtd_in_content_types",
            {XLSX},
            lambda: hostile.with_dtd(hostile.xlsx_bytes(), "[Content_Types].xml"),
        ),
        (
            "docx_dtd_in_utf16",
            {DOCX},
            lambda: hostile.with_dtd(hostile.docx_bytes(), "word/document.xml", encoding="utf-16-le"),
        ),
    ],
)
@pytest.mark.django_db
def test_ooxml_parts_with_a_dtd_are_refused(kind, allowed, data):
    message = _refusal(hostile.upload("soubor", data()), allowed)
    assert "definici typu dokumentu (DTD)" in message, kind


@pytest.mark.django_db
def test_a_file_over_the_unpacked_limit_is_refused_with_a_decimal_comma(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 3 * 1024 * 1024 // 2
    bomb = hostile.zip_bomb(hostile.docx_bytes(), 5 * 1024 * 1024)
    assert len(bomb) < 100_000
    message = _refusal(hostile.upload("bomba.docx", bomb), {DOCX})
    assert message.startswith("Soubor by se po rozbalení zvětšil na 5,")
    assert message.endswith("; nejvýše lze 1,5 MB.")


@pytest.mark.django_db
def test_a_file_over_the_size_limit_gets_a_czech_size_with_a_decimal_comma():
    big = hostile.upload("velky.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    assert _refusal(big, {PDF}) == "Soubor je příliš velký (21,0 MB); nejvýše lze nahrát 20,0 MB."


@pytest.mark.django_db
def test_a_damaged_archive_gets_a_czech_message_not_the_library_text():
    broken = hostile.docx_bytes()[:-200]
    message = _refusal(hostile.upload("rozbity.docx", broken), {DOCX})
    assert message in (
        "Nepodporovaný typ souboru. Povolené typy: DOCX.",
        "Soubor je poškozený archiv a nelze jej přečíst.",
    )


# --- worker stalls: streamed workbooks, template budget, long tokens in PDFs ----------------------


def test_a_plan_workbook_with_a_million_rows_is_refused_quickly(world, login):
    client = login(world.users["editor"])
    workbook = hostile.xlsx_bytes({"Plán": [["Údaj", "Hodnota"]]})
    data = hostile.sheet_of_blank_rows(workbook, "xl/worksheets/sheet1.xml", 1_000_000, ["Údaj", "Hodnota"])
    started = time.monotonic()
    response = client.post(
        reverse("plans:plan_import", kwargs={"unit": world.unit.slug}),
        {"file": hostile.upload("plan.xlsx", data)},
    )
    assert time.monotonic() - started < QUICK
    assert response.status_code == 422
    assert "Sešit má na některém listu víc než 5000 řádků" in response.content.decode()


def test_a_participant_workbook_of_three_million_blank_rows_is_refused_quickly(world, login):
    _build(world, "training")
    client = login(world.users["editor"])
    data = hostile.sheet_of_blank_rows(
        hostile.xlsx_bytes({"Účastníci": [["x"]]}), "xl/worksheets/sheet1.xml", 3_000_000, list(HEADERS)
    )
    started = time.monotonic()
    response = client.post(
        reverse(
            "training:participant_import", kwargs={"unit": world.unit.slug, "pk": world.training_event.pk}
        ),
        {"upload": hostile.upload("ucastnici.xlsx", data)},
    )
    assert time.monotonic() - started < QUICK
    assert response.status_code == 422
    assert "soubor má víc než 2000 řádků" in response.content.decode()


@pytest.mark.parametrize(
    "tags",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{{ 'x' * 1000000000 }}",
        "{{ 'x'|center(1000000000) }}",
    ],
)
def test_a_word_template_that_would_run_for_ever_is_refused_quickly(world, login, tags):
    from docx import Document as Docx

    from spojka.documents.render import spec_for

    document = Docx(str(spec_for(TemplateKind.ANNUAL_REPORT).docx_template))
    document.add_paragraph(tags)
    buffer = io.BytesIO()
    document.save(buffer)
    started = time.monotonic()
    response = login(world.users["editor"]).post(
        reverse(
            "documents:template_upload", kwargs={"unit": world.unit.slug, "kind": TemplateKind.ANNUAL_REPORT}
        ),
        {"file": hostile.upload("sablona.docx", buffer.getvalue(), DOCX)},
    )
    assert time.monotonic() - started < QUICK
    error = response.context["form"].errors["file"][0]
    assert "vyplňovala by se příliš dlouho nebo by byla příliš velká" in error
    assert not UnitTemplate.objects.exists()


def test_minutes_with_a_3000_character_token_render_to_pdf_quickly(world, login):
    _build(world, "meetings")
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "pk": world.meeting.pk, "fmt": "pdf"}
    url = reverse("meetings:minutes_document", kwargs=kwargs)
    client.get(url)  # the first PDF of a process loads WeasyPrint and its fonts
    token = "Ž" + "x" * 2998 + "!"
    world.meeting.minutes_note = f"Odkaz {token} konec"
    world.meeting.save()
    world.meeting.agenda_items.create(unit=world.unit, title="Diskuse", minutes=f"{token} {token}")
    started = time.monotonic()
    response = client.get(url)
    assert time.monotonic() - started < QUICK
    assert response.status_code == 200
    assert response["Content-Type"] == PDF


# --- replaced and deleted files leave storage ------------------------------------------------------


def test_a_replaced_attendance_scan_leaves_storage(world, login, django_capture_on_commit_callbacks):
    _build(world, "meetings")
    client = login(world.users["editor"])
    url = reverse("meetings:scan_upload", kwargs={"unit": world.unit.slug, "pk": world.meeting.pk})
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
    client.post(url, {"scan": hostile.upload("prvni.pdf", pdf)})
    world.meeting.refresh_from_db()
    first = world.meeting.attendance_scan.path
    # django-cleanup removes the old file once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"scan": hostile.upload("druha.pdf", pdf)})
    world.meeting.refresh_from_db()
    assert world.meeting.attendance_scan.name.endswith("druha.pdf")
    assert not os.path.exists(first)
    assert os.path.exists(world.meeting.attendance_scan.path)


def test_a_template_reset_to_the_built_in_one_leaves_storage(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.users["editor"])
    kwargs = {"unit": world.unit.slug, "kind": TemplateKind.ANNUAL_REPORT}
    from docx import Document as Docx

    from spojka.documents.render import spec_for

    document = Docx(str(spec_for(TemplateKind.ANNUAL_REPORT).docx_template))
    buffer = io.BytesIO()
    document.save(buffer)
    client.post(
        reverse("documents:template_upload", kwargs=kwargs),
        {"file": hostile.upload("s.docx", buffer.getvalue())},
    )
    path = UnitTemplate.objects.get().file.path
    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:template_reset", kwargs=kwargs))
    assert not UnitTemplate.objects.exists()
    assert not os.path.exists(path)
