"""Electronic signing of library PDFs (PAdES via pyHanko), with a self-signed certificate made here."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from spojka.documents import services
from spojka.documents.models import Document, DocumentType, VersionSignature
from spojka.documents.render import render_pdf
from spojka.documents.tests.certificates import self_signed_pkcs12
from spojka.documents.tests.helpers import pdf_standards
from spojka.lib.downloads import DOCX, PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes_pdf(world):
    rendered = render_pdf(
        template_name="documents/warm_up.html", context={}, filename="zaznam.pdf", archival=True
    )
    return services.document_create(
        unit=world.unit,
        doc_type=DocumentType.MINUTES,
        title="Záznam z jednání LP",
        issued_on=None,
        description=None,
        visible_to_partners=True,
        content=rendered.content,
        filename=rendered.filename,
        content_type=PDF,
        user=world.users["editor"],
    )


def _sign_url(world, document, number: int = 1) -> str:
    return reverse(
        "documents:version_sign", kwargs={"unit": world.unit.slug, "pk": document.pk, "number": number}
    )


def _certificate(content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile("podpis.p12", content or self_signed_pkcs12(), "application/x-pkcs12")


def test_the_editor_signs_a_pdf_and_the_signed_file_is_the_next_version(world, login, minutes_pdf):
    client = login(world.users["editor"])
    response = client.post(
        _sign_url(world, minutes_pdf),
        {"certificate": _certificate(), "password": "heslo", "reason": "Schváleno", "location": "Jihlava"},
    )
    assert response.status_code == 302 and response.url == minutes_pdf.get_absolute_url()
    original, signed = minutes_pdf.versions.order_by("number")
    assert signed.number == 2 and signed.filename.endswith("-podepsano.pdf")
    assert "jak byla podána" in signed.note and signed.created_by == world.users["editor"]
    content = signed.file.read()

    # The round trip: pyHanko reads the signature back and finds it intact and unmodified.
    embedded = PdfFileReader(io.BytesIO(content)).embedded_signatures
    assert len(embedded) == 1
    status = validate_pdf_signature(embedded[0], ValidationContext(trust_roots=[], allow_fetching=False))
    assert status.intact and status.valid
    assert embedded[0].signer_cert.subject.native["common_name"] == "Jan Editor"
    # Signing is an incremental update: the PDF/A identification and the tags survive.
    assert pdf_standards(content)["pdfa"] == "3A" and pdf_standards(content)["tagged"]

    # The library shows who signed, when, and that the signature is valid; the original is unsigned.
    recorded = signed.signatures.get()
    assert (recorded.signer, recorded.valid) == ("Jan Editor", True)
    assert not original.signatures.exists()
    page = client.get(minutes_pdf.get_absolute_url()).content.decode()
    assert "Verze 2: podepsal(a) Jan Editor" in page and "podpis platný" in page
    assert "národním seznamům" in page


def test_nothing_of_the_certificate_is_stored(world, login, minutes_pdf, settings):
    p12 = self_signed_pkcs12()
    login(world.users["editor"]).post(
        _sign_url(world, minutes_pdf), {"certificate": _certificate(p12), "password": "heslo"}
    )
    stored = [v.file.read() for v in minutes_pdf.versions.all()]
    assert all(p12 not in content for content in stored)
    media = list((settings.MEDIA_ROOT).rglob("*"))
    assert not any(path.suffix in (".p12", ".pfx") for path in media)


@pytest.mark.parametrize(
    ("certificate", "password", "field", "error"),
    [
        (None, "spatne-heslo", "certificate", "zkontrolujte soubor PKCS#12 a heslo"),
        (b"%PDF-1.7 not a certificate", "heslo", "certificate", "Soubor není certifikát PKCS#12"),
        (b"\x30" + b"\x00" * 70_000, "heslo", "certificate", "příliš velký"),
    ],
)
def test_a_bad_certificate_or_password_is_refused_in_czech_and_nothing_is_added(
    world, login, minutes_pdf, certificate, password, field, error
):
    response = login(world.users["editor"]).post(
        _sign_url(world, minutes_pdf), {"certificate": _certificate(certificate), "password": password}
    )
    assert response.status_code == 422
    assert error in str(response.context["form"].errors[field])
    assert minutes_pdf.versions.count() == 1 and not VersionSignature.objects.exists()


def test_a_docx_version_cannot_be_signed(world, login):
    document = services.document_create(
        unit=world.unit,
        doc_type=DocumentType.OTHER,
        title="Word",
        issued_on=None,
        description=None,
        visible_to_partners=True,
        content=b"PK\x03\x04 docx",
        filename="a.docx",
        content_type=DOCX,
        user=None,
    )
    response = login(world.users["editor"]).post(
        _sign_url(world, document), {"certificate": _certificate(), "password": "heslo"}
    )
    assert response.status_code == 422
    assert "Podepsat lze jen verzi ve formátu PDF." in response.content.decode()
    assert document.versions.count() == 1


def test_an_uploaded_signed_pdf_shows_its_signatures_and_a_tampered_one_is_not_valid(
    world, login, minutes_pdf
):
    login(world.users["editor"]).post(
        _sign_url(world, minutes_pdf), {"certificate": _certificate(), "password": "heslo"}
    )
    signed = minutes_pdf.versions.get(number=2).file.read()
    tampered = signed.replace(b"/Producer", b"/Pxoducer", 1)
    assert tampered != signed
    version = services.version_add(
        document=minutes_pdf, content=tampered, filename="upraveno.pdf", content_type=PDF, user=None
    )
    assert version.signatures.get().valid is False


def test_a_partner_may_not_sign_and_an_outsider_does_not_see_the_page(world, login, minutes_pdf):
    assert login(world.users["partner"]).get(_sign_url(world, minutes_pdf)).status_code == 403
    assert login(world.users["outsider"]).get(_sign_url(world, minutes_pdf)).status_code == 404
    assert Document.objects.count() == 1
