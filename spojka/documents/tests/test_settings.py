"""The unit's settings of its generated documents (Dokumenty → Nastavení dokumentů)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx

from spojka.documents.models import DocumentSettings
from spojka.documents.render import publicity_context
from spojka.documents.tests.helpers import PNG_1PX


def png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


pytestmark = pytest.mark.django_db


def _url(world) -> str:
    return reverse("documents:settings", kwargs={"unit": world.unit.slug})


VALID = {
    "signature_place": "V Jihlavě",
    "agency_signature_place": "V Praze",
    "attendance_blank_rows": "6",
    "show_publicity": "on",
    "certificate_issuer": "Agentura pro sociální začleňování",
    "certificate_signatory": "Mgr. Petra Ukázková",
    "certificate_signatory_role": "konzultantka",
}


def test_the_editor_saves_the_settings_with_a_logo_and_the_change_is_audited(world, login):
    client = login(world.users["editor"])
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client.post(_url(world), {**VALID, "publicity_logo": logo})
    assert response.status_code == 302
    saved = DocumentSettings.objects.get(unit=world.unit)
    assert (saved.signature_place, saved.attendance_blank_rows) == ("V Jihlavě", 6)
    assert saved.publicity_logo_type == "image/png"
    page = client.get(_url(world)).content.decode()
    assert "Historie změn" in page
    publicity = publicity_context(saved.unit)
    assert publicity["logo"].startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("signature_place", "Jihlava", "s předložkou v 6. pádě"),
        ("attendance_blank_rows", "41", "Nejvýše 40 prázdných řádků."),
        ("attendance_blank_rows", "pět", "Zadejte celé číslo"),
    ],
)
def test_bad_input_is_refused_in_czech_by_the_field_and_nothing_is_saved(world, login, field, value, error):
    response = login(world.users["editor"]).post(_url(world), {**VALID, field: value})
    assert response.status_code == 200
    assert error in str(response.context["form"].errors[field])
    assert not DocumentSettings.objects.exists()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"<svg onload=alert(1)>", "Nepodporovaný typ souboru"),
        (PNG_1PX, "Obrázek je poškozený"),  # a PNG header over a damaged image
    ],
)
def test_a_logo_is_checked_by_its_content(world, login, content, error):
    fake = SimpleUploadedFile("logo.png", content, content_type="image/png")
    response = login(world.users["editor"]).post(_url(world), {**VALID, "publicity_logo": fake})
    assert error in str(response.context["form"].errors["publicity_logo"])
    assert not DocumentSettings.objects.exists()


def test_the_settings_page_costs_the_same_queries_with_or_without_saved_settings(
    world, login, django_assert_num_queries
):
    client = login(world.users["editor"])
    client.get(_url(world))
    with django_assert_num_queries(4) as first:
        client.get(_url(world))
    DocumentSettings.objects.create(unit=world.unit, signature_place="V Jihlavě")
    with django_assert_num_queries(len(first.captured_queries) + 1):  # + the history of the saved row
        client.get(_url(world))


def test_the_logo_and_publicity_reach_the_docx_footer(world, login):
    description = world.description
    description.project_name, description.project_registration_number = "Projekt X", "CZ.03.1/2"
    description.save()
    client = login(world.users["editor"])
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    client.post(_url(world), {**VALID, "publicity_logo": logo})
    content = client.get(
        reverse(
            "reports:generate_description",
            kwargs={"unit": world.unit.slug, "pk": description.pk, "fmt": "docx"},
        )
    ).getvalue()
    footer = Docx(io.BytesIO(content)).sections[0].footer
    assert "Projekt Projekt X, reg. č. CZ.03.1/2" in footer.paragraphs[0].text
    assert footer.part.rels and any("image" in rel.reltype for rel in footer.part.rels.values())
