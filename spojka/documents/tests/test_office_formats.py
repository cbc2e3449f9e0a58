"""The library accepts ODT, ODS, DOC and XLS, judged by content like every other upload (issue 15)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spojka.documents.models import Document, DocumentType
from spojka.lib.uploads import DOC, ODS, ODT, XLS, sniff

FILES = Path(__file__).parent / "files"


def _create(client, world, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        reverse("documents:create", kwargs={"unit": world.unit.slug}),
        {"doc_type": DocumentType.OTHER, "title": name, "issued_on": "2026-03-10", "file": upload},
    )


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("zapis.odt", ODT), ("rozpocet.ods", ODS), ("zapis.doc", DOC), ("rozpocet.xls", XLS)],
)
def test_office_files_are_accepted_and_stored_with_the_type_their_content_shows(
    world, login, name, content_type
):
    client = login(world.users["editor"])
    # A misleading name: the type comes from the bytes, not from ".bin".
    response = _create(client, world, name.replace(".", "-") + ".bin", (FILES / name).read_bytes())
    assert response.status_code == 302
    version = Document.objects.get().versions.get()
    assert version.content_type == content_type
    assert version.file.read() == (FILES / name).read_bytes()


def test_a_zip_that_only_claims_to_be_opendocument_is_refused(world, login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("payload.sh", "echo nebezpecne")
    client = login(world.users["editor"])
    response = _create(client, world, "zapis.odt", buffer.getvalue())
    assert response.status_code == 200
    assert "Nepodporovaný typ souboru" in response.context["form"].errors["file"][0]
    assert not Document.objects.exists()


def test_an_ole_file_that_is_neither_word_nor_excel_and_a_cut_one_are_refused(world, login):
    doc = (FILES / "zapis.doc").read_bytes()
    assert sniff(doc[:600]) is None  # the header of a Word file without its body
    client = login(world.users["editor"])
    response = _create(client, world, "zapis.doc", doc[:600])
    assert "Nepodporovaný typ souboru" in response.context["form"].errors["file"][0]
    assert not Document.objects.exists()


def test_the_form_names_the_accepted_formats(world, login):
    client = login(world.users["editor"])
    page = client.get(reverse("documents:create", kwargs={"unit": world.unit.slug})).content.decode()
    assert "ODT, DOC, XLSX, ODS, XLS" in page
