"""The document library: uploads, versions, visibility for partners, resolutions, query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spojka.documents.models import (
    Document,
    DocumentType,
    DocumentVersion,
    Resolution,
    TemplateKind,
    UnitTemplate,
)
from spojka.documents.services import document_create, version_add
from spojka.documents.tests.helpers import PNG_1PX, pdf_upload


def _url(name: str, world, **kwargs) -> str:
    return reverse(f"documents:{name}", kwargs={"unit": world.unit.slug, **kwargs})


def _document(world, title: str = "Záznam", *, visible: bool = True, doc_type: str = DocumentType.MINUTES):
    return document_create(
        unit=world.unit,
        doc_type=doc_type,
        title=title,
        issued_on=date(2022, 3, 1),
        description=world.description,
        visible_to_partners=visible,
        content=b"%PDF-1.4 obsah",
        filename="zaznam.pdf",
        content_type="application/pdf",
        user=world.users["editor"],
    )


def _form_data(**overrides) -> dict:
    return {
        "doc_type": DocumentType.MINUTES,
        "title": "Záznam z jednání LP",
        "issued_on": "2022-03-10",
        **overrides,
    }


def test_editor_uploads_a_document_and_its_first_version_keeps_who_when_size_and_type(world, login):
    client = login(world.users["editor"])
    response = client.post(
        _url("create", world), {**_form_data(visible_to_partners="on"), "file": pdf_upload("Zápis LP.pdf")}
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response.url == _url("detail", world, pk=document.pk)
    version = document.versions.get()
    assert (version.number, version.content_type, version.created_by) == (
        1,
        "application/pdf",
        world.users["editor"],
    )
    assert version.size == version.file.size > 0
    assert version.created_at is not None
    assert document.visible_to_partners and document.unit == world.unit


def test_png_and_docx_are_accepted_by_content(world, login):
    client = login(world.users["editor"])
    png = SimpleUploadedFile("obrazek.png", PNG_1PX, content_type="image/png")
    assert client.post(_url("create", world), {**_form_data(), "file": png}).status_code == 302
    assert Document.objects.get().versions.get().content_type == "image/png"


def test_a_file_of_the_wrong_type_is_refused_by_its_content_not_its_name(world, login):
    client = login(world.users["editor"])
    fake = SimpleUploadedFile("zapis.pdf", b"#!/bin/sh\necho nebezpecne\n", content_type="application/pdf")
    response = client.post(_url("create", world), {**_form_data(), "file": fake})
    assert response.status_code == 200
    assert "Nepodporovaný typ souboru" in response.context["form"].errors["file"][0]
    assert 'id="id_file_error"' in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_a_too_large_file_is_refused_with_a_czech_message(world, login, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client = login(world.users["editor"])
    response = client.post(_url("create", world), {**_form_data(), "file": pdf_upload()})
    assert "příliš velký" in response.context["form"].errors["file"][0]
    assert not Document.objects.exists()


def test_an_unsafe_file_name_is_stored_under_a_safe_one(world, login):
    client = login(world.users["editor"])
    client.post(_url("create", world), {**_form_data(), "file": pdf_upload("../../etc/zlý soubor;rm.pdf")})
    name = DocumentVersion.objects.get().file.name
    assert name.startswith("documents/") and ".." not in name
    assert name.rsplit("/", 1)[-1].startswith("zlý_soubor")


def test_missing_title_is_reported_next_to_the_field_and_nothing_is_saved(world, login):
    client = login(world.users["editor"])
    response = client.post(_url("create", world), {**_form_data(title=""), "file": pdf_upload()})
    assert response.context["form"].errors["title"] == ["Toto pole je třeba vyplnit."]
    assert not Document.objects.exists()


def test_a_new_version_gets_the_next_number_and_earlier_versions_stay(world, login):
    document = _document(world)
    client = login(world.users["consultant"])
    response = client.post(
        _url("version_create", world, pk=document.pk), {"file": pdf_upload("v2.pdf"), "note": "opraveno"}
    )
    assert response.status_code == 302
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].created_by == world.users["consultant"] and versions[1].note == "opraveno"
    assert versions[0].file.read() == b"%PDF-1.4 obsah"


def test_download_returns_the_exact_bytes_of_that_version(world, login):
    document = _document(world)
    version_add(
        document=document,
        content=b"%PDF-1.4 druha",
        filename="b.pdf",
        content_type="application/pdf",
        user=None,
    )
    response = login(world.users["partner"]).get(_url("download", world, pk=document.pk, number=1))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 obsah"
    assert "attachment" in response["Content-Disposition"]


def test_partner_gets_404_for_a_document_not_visible_to_partners(world, login):
    hidden = _document(world, "Interní podklad", visible=False)
    client = login(world.users["partner"])
    assert client.get(_url("download", world, pk=hidden.pk, number=1)).status_code == 404
    assert client.get(_url("detail", world, pk=hidden.pk)).status_code == 404
    assert "Interní podklad" not in client.get(_url("library", world)).content.decode()
    # The unit's editor sees and downloads it.
    editor = login(world.users["editor"])
    assert editor.get(_url("download", world, pk=hidden.pk, number=1)).status_code == 200
    assert "Interní podklad" in editor.get(_url("library", world)).content.decode()


def test_attendance_sheets_are_never_visible_to_partners(world, login):
    client = login(world.users["editor"])
    client.post(
        _url("create", world),
        {**_form_data(doc_type=DocumentType.ATTENDANCE, visible_to_partners="on"), "file": pdf_upload()},
    )
    assert Document.objects.get().visible_to_partners is False


def test_another_units_document_is_404(world, login):
    document = _document(world)
    client = login(world.users["outsider"])
    assert client.get(_url("detail", world, pk=document.pk)).status_code == 404
    other = reverse("documents:detail", kwargs={"unit": world.other_unit.slug, "pk": document.pk})
    assert client.get(other).status_code == 404


def test_library_filters_by_type(world, login):
    _document(world, "Zápis A")
    _document(world, "Statut B", doc_type=DocumentType.STATUTE)
    html = login(world.users["editor"]).get(_url("library", world) + "?druh=statute").content.decode()
    assert "Statut B" in html and "Zápis A" not in html


def test_resolution_is_recorded_and_a_duplicate_number_is_refused(world, login):
    document = _document(world)
    client = login(world.users["editor"])
    data = {
        "organ": "council",
        "number": "2278/24-RM",
        "adopted_on": "2024-05-02",
        "subject": "Bere na vědomí zprávu",
        "document": document.pk,
    }
    assert client.post(_url("resolution_create", world), data).status_code == 302
    resolution = Resolution.objects.get()
    assert (resolution.unit, resolution.document, resolution.number) == (world.unit, document, "2278/24-RM")
    response = client.post(_url("resolution_create", world), data)
    assert response.context["form"].errors["number"] == ["Usnesení s tímto číslem je už zapsáno."]
    assert Resolution.objects.count() == 1
    assert "2278/24-RM" in client.get(_url("resolution_list", world)).content.decode()


def test_resolution_cannot_point_to_another_units_document(world, login):
    foreign = Document.objects.create(unit=world.other_unit, doc_type=DocumentType.OTHER, title="Cizí")
    response = login(world.users["editor"]).post(
        _url("resolution_create", world),
        {
            "organ": "council",
            "number": "1/22",
            "adopted_on": "2022-01-05",
            "subject": "x",
            "document": foreign.pk,
        },
    )
    assert "document" in response.context["form"].errors
    assert not Resolution.objects.exists()


def test_document_detail_shows_versions_and_history(world, login):
    document = _document(world)
    html = login(world.users["editor"]).get(_url("detail", world, pk=document.pk)).content.decode()
    assert "Stáhnout verzi 1 (zaznam.pdf)" in html
    assert "Historie změn" in html and "vytvořeno" in html


def test_editing_document_metadata_is_recorded(world, login):
    document = _document(world)
    client = login(world.users["editor"])
    response = client.post(
        _url("edit", world, pk=document.pk),
        {"doc_type": DocumentType.ANALYSIS, "title": "Analýza", "issued_on": "2022-04-01"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.doc_type, document.visible_to_partners) == ("Analýza", "analysis", False)


# --- Query counts -----------------------------------------------------------------------------


def _many_documents(world, count: int) -> None:
    documents = Document.objects.bulk_create(
        Document(
            unit=world.unit,
            doc_type=DocumentType.MINUTES,
            title=f"Dokument {i}",
            description=world.description,
        )
        for i in range(count)
    )
    DocumentVersion.objects.bulk_create(
        DocumentVersion(document=d, number=n, file="x.pdf", content_type="application/pdf", size=10)
        for d in documents
        for n in (1, 2)
    )


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize(("persona", "queries"), [("editor", 5), ("partner", 5)])
def test_library_query_count_does_not_grow_with_documents(
    world, login, django_assert_num_queries, count, persona, queries
):
    _many_documents(world, count)
    client = login(world.users[persona])
    with django_assert_num_queries(queries):
        response = client.get(_url("library", world))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 50)


@pytest.mark.parametrize("count", [10, 200])
def test_resolution_list_query_count_does_not_grow(world, login, django_assert_num_queries, count):
    document = _document(world)
    Resolution.objects.bulk_create(
        Resolution(
            unit=world.unit, number=f"{i}/22-RM", adopted_on=date(2022, 1, 1), subject="x", document=document
        )
        for i in range(count)
    )
    client = login(world.users["editor"])
    with django_assert_num_queries(4):
        assert client.get(_url("resolution_list", world)).status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_document_detail_query_count_does_not_grow_with_versions(
    world, login, django_assert_num_queries, count
):
    document = _document(world)
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=document,
            number=n,
            file="x.pdf",
            content_type="application/pdf",
            size=10,
            created_by=world.users["editor"],
        )
        for n in range(2, count + 2)
    )
    client = login(world.users["editor"])
    # the history names the objects its changes point at in one more query
    # The versions with their electronic signatures are one query each, however many versions there are.
    # +5: the rules it counts toward (the current description, its activities, rules, links and the
    # unit's candidate documents; spojka.lib.evidence).
    with django_assert_num_queries(14):
        assert client.get(_url("detail", world, pk=document.pk)).status_code == 200


@pytest.mark.parametrize("custom", [False, True])
def test_template_list_query_count_does_not_grow_with_own_templates(
    world, login, django_assert_num_queries, custom
):
    if custom:
        for kind in TemplateKind.values:
            UnitTemplate.objects.create(unit=world.unit, kind=kind, file=f"document_templates/{kind}.docx")
    client = login(world.users["editor"])
    with django_assert_num_queries(4):
        response = client.get(_url("template_list", world))
    assert response.status_code == 200
    assert response.content.decode().count("vlastní šablona") == (len(TemplateKind.values) if custom else 0)


def test_resolution_form_preselects_the_document_it_was_opened_from(world, login):
    document = _document(world)
    client = login(world.users["editor"])
    response = client.get(_url("resolution_create", world) + f"?dokument={document.pk}")
    assert response.context["form"]["document"].value() == str(document.pk)
    assert f'<option value="{document.pk}" selected>' in response.content.decode()
