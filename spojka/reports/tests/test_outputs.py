"""Generated documents over HTTP: downloads, saving into the library, per-unit templates."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spojka.documents.models import Document, DocumentType, TemplateKind, UnitTemplate
from spojka.documents.render import spec_for
from spojka.documents.tests.helpers import docx_text, normalise, pdf_standards, pdf_upload
from spojka.lib.downloads import DOCX, PDF

REPORT = TemplateKind.ANNUAL_REPORT
DESCRIPTION = TemplateKind.COOPERATION_DESCRIPTION


DOCUMENTS_URLS = {"template_upload", "template_download", "template_reset", "template_list", "detail"}


def _url(name: str, world, **kwargs) -> str:
    app = "documents" if name in DOCUMENTS_URLS else "reports"
    return reverse(f"{app}:{name}", kwargs={"unit": world.unit.slug, **kwargs})


def _edited_template(kind: str, extra_paragraph: str) -> SimpleUploadedFile:
    """The built-in template of ``kind`` with one paragraph added, as a user would edit it in Word."""
    from docx import Document as Docx

    document = Docx(str(spec_for(kind).docx_template))
    document.add_paragraph(extra_paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("moje-sablona.docx", buffer.getvalue(), content_type=DOCX)


def test_description_downloads_as_docx_and_pdf(world, login):
    client = login(world.users["partner"])
    docx = client.get(_url("generate_description", world, pk=world.description.pk, fmt="docx"))
    pdf = client.get(_url("generate_description", world, pk=world.description.pk, fmt="pdf"))
    assert docx["Content-Type"] == DOCX and pdf["Content-Type"] == PDF
    assert pdf.getvalue().startswith(b"%PDF")
    assert "popis-spoluprace-jihlava-v1.docx" in docx["Content-Disposition"]
    assert "00286010" in docx_text(docx.getvalue())


def test_unknown_format_or_year_without_description_is_404(world, login):
    client = login(world.users["editor"])
    assert (
        client.get(_url("generate_description", world, pk=world.description.pk, fmt="odt")).status_code == 404
    )
    world.unit.descriptions.all().delete()
    assert client.get(_url("generate_report", world, year=2022, fmt="pdf")).status_code == 404


def test_saving_a_generated_report_keeps_each_save_as_a_new_version(world, login):
    client = login(world.users["editor"])
    data = {"kind": REPORT, "fmt": "docx", "year": 2022}
    first = client.post(_url("save_generated", world), data)
    document = Document.objects.get()
    assert first.status_code == 302 and first.url == _url("detail", world, pk=document.pk)
    assert (document.doc_type, document.title) == (
        DocumentType.COOP_REPORT,
        "Zpráva o plnění popisu spolupráce za rok 2022",
    )
    assert document.description == world.description
    client.post(_url("save_generated", world), data)
    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert all(v.created_by == world.users["editor"] and v.content_type == DOCX for v in versions)
    stored = versions[0].file.read()
    assert versions[0].size == len(stored)
    assert "Zpráva o plnění popisu spolupráce za rok 2022" in normalise(docx_text(stored))


def test_saving_the_description_as_pdf_links_it_to_the_description(world, login):
    client = login(world.users["consultant"])
    client.post(
        _url("save_generated", world),
        {"kind": DESCRIPTION, "fmt": "pdf", "description": world.description.pk},
    )
    document = Document.objects.get()
    assert document.description == world.description and document.title == "Popis spolupráce, verze 1"
    stored = document.versions.get().file.read()
    assert stored.startswith(b"%PDF")
    # Filed into the library: PDF/A (archival, level a, which is tagged), in Czech, with its title.
    standards = pdf_standards(stored)
    assert standards["pdfa"] == "3A" and standards["tagged"] and standards["lang"] == "cs"
    assert standards["title"] == "Popis spolupráce – Statutární město Jihlava"


def test_saving_without_the_year_is_refused_and_saves_nothing(world, login):
    response = login(world.users["editor"]).post(
        _url("save_generated", world), {"kind": REPORT, "fmt": "pdf"}
    )
    assert response.status_code == 422
    assert "Zadejte rok, za který se zpráva podává." in response.content.decode()
    assert not Document.objects.exists()


def test_an_edited_template_that_renders_with_the_units_data_is_used(world, login):
    client = login(world.users["editor"])
    upload = _edited_template(REPORT, "Upraveno pro {{ unit.name }}")
    response = client.post(_url("template_upload", world, kind=REPORT), {"file": upload})
    assert response.status_code == 302
    template = UnitTemplate.objects.get()
    assert (template.unit, template.kind, template.uploaded_by) == (world.unit, REPORT, world.users["editor"])
    report = client.get(_url("generate_report", world, year=2022, fmt="docx"))
    assert "Upraveno pro Statutární město Jihlava" in normalise(docx_text(report.getvalue()))
    # Another unit keeps the built-in template.
    other = world.other_unit.descriptions.create(version=1)
    from spojka.reports.generators import generate_report

    assert "Upraveno pro" not in docx_text(generate_report(other, 2022, "docx").content)


def test_a_template_with_an_unknown_field_is_refused_with_a_czech_message(world, login):
    client = login(world.users["editor"])
    response = client.post(
        _url("template_upload", world, kind=DESCRIPTION),
        {"file": _edited_template(DESCRIPTION, "{{ unit.nazev }}")},
    )
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert error.startswith("Šablonu se nepodařilo vyplnit údaji územního celku")
    assert not UnitTemplate.objects.exists()


def test_a_template_with_broken_tags_is_refused(world, login):
    client = login(world.users["editor"])
    response = client.post(
        _url("template_upload", world, kind=REPORT), {"file": _edited_template(REPORT, "{% for x in %}")}
    )
    assert "Šablonu se nepodařilo vyplnit" in response.context["form"].errors["file"][0]
    assert not UnitTemplate.objects.exists()


def test_a_template_cannot_reach_python_internals(world, login):
    client = login(world.users["editor"])
    sneaky = "{{ unit.name.__class__.__mro__[1].__subclasses__() }}"
    response = client.post(
        _url("template_upload", world, kind=REPORT), {"file": _edited_template(REPORT, sneaky)}
    )
    assert "Šablonu se nepodařilo vyplnit" in response.context["form"].errors["file"][0]
    assert not UnitTemplate.objects.exists()


def test_a_template_that_is_not_a_docx_is_refused_by_content(world, login):
    response = login(world.users["editor"]).post(
        _url("template_upload", world, kind=REPORT), {"file": pdf_upload("sablona.docx")}
    )
    assert "Nepodporovaný typ souboru. Povolené typy: DOCX." in response.context["form"].errors["file"][0]
    assert not UnitTemplate.objects.exists()


def test_template_reset_returns_to_the_built_in_template(world, login):
    client = login(world.users["editor"])
    client.post(
        _url("template_upload", world, kind=REPORT), {"file": _edited_template(REPORT, "Vlastní text")}
    )
    assert "Vlastní text" in docx_text(client.get(_url("template_download", world, kind=REPORT)).getvalue())
    client.post(_url("template_reset", world, kind=REPORT))
    assert not UnitTemplate.objects.exists()
    downloaded = client.get(_url("template_download", world, kind=REPORT)).getvalue()
    assert downloaded == spec_for(REPORT).docx_template.read_bytes()


def test_unknown_template_kind_is_404(world, login):
    assert login(world.users["editor"]).get(_url("template_upload", world, kind="jiny")).status_code == 404


def test_a_report_for_a_year_outside_the_validity_is_404(world, login):
    client = login(world.users["editor"])
    assert client.get(_url("generate_report", world, year=2019, fmt="pdf")).status_code == 404
    response = client.post(_url("save_generated", world), {"kind": REPORT, "fmt": "pdf", "year": 2019})
    assert "nemá popis spolupráce" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("count", [1, 10])
def test_outputs_page_query_count_does_not_grow_with_descriptions(
    world, login, django_assert_num_queries, count
):
    for version in range(2, count + 1):
        world.unit.descriptions.create(
            version=version, valid_from=date(2021, 11, 2), valid_to=date(2023, 11, 1)
        )
    client = login(world.users["editor"])
    with django_assert_num_queries(4):
        assert client.get(_url("outputs", world)).status_code == 200
