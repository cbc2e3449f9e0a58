"""Every generated DOCX opens in a real office suite.

LibreOffice (Debian's libreoffice-writer, installed by `make test` when run as root) converts each
document to PDF headless; the PDF's text must carry the Czech content with its diacritics.
"""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from spojka.cooperation.models import TerritorialUnit
from spojka.meetings import documents as meeting_documents
from spojka.meetings.models import MeetingState
from spojka.plans import selectors
from spojka.plans.models import PlanKind
from spojka.reports.generators import generate_description, generate_report
from spojka.reports.psz import generate_psz_report
from spojka.reports.tests.test_description_facts import REQUIRED_SHARE, coverage
from spojka.training import documents as training_documents

pytestmark = pytest.mark.django_db


def _soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.fail("LibreOffice is missing: `make test` installs Debian's libreoffice-writer-nogui as root.")
    return path


def _convert(tmp_path, documents) -> dict[str, str]:
    sources = []
    for document in documents:
        target = tmp_path / document.filename
        target.write_bytes(document.content)
        sources.append(str(target))
    outdir = tmp_path / "pdf"
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    texts = {}
    for document in documents:
        pdf = outdir / (document.filename.rsplit(".", 1)[0] + ".pdf")
        reader = PdfReader(BytesIO(pdf.read_bytes()))
        texts[document.filename] = " ".join((page.extract_text() or "") for page in reader.pages)
    return {name: " ".join(text.replace("\u00a0", " ").split()) for name, text in texts.items()}


def test_generated_docx_files_convert_in_libreoffice_with_czech_content(tmp_path):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    unit = TerritorialUnit.objects.get(ico="00286010")
    description = unit.descriptions.get(version=1)
    meeting = unit.meetings.filter(state=MeetingState.CLOSED).order_by("starts_at").first()
    documents = {
        "description": generate_description(description, "docx"),
        "report": generate_report(description, 2022, "docx"),
        "attendance": meeting_documents.attendance_sheet(meeting, fmt="docx"),
        "minutes": meeting_documents.minutes(meeting, fmt="docx"),
        "training_attendance": training_documents.attendance_sheet(
            unit.training_events.order_by("starts_on").first(), fmt="docx"
        ),
        "psz_report": generate_psz_report(
            selectors.plan_with_tree(unit, unit.inclusion_plans.get(kind=PlanKind.PSZ).pk), "docx"
        ),
    }
    texts = _convert(tmp_path, list(documents.values()))

    description_text = texts[documents["description"].filename]
    for fact in (
        "00286010",
        "Masarykovo náměstí 97/1",
        "2. listopadu 2021",
        "Dluhová problematika",
        "začleňování",
    ):
        assert fact in description_text, fact
    # Read back from LibreOffice, the description still carries the source's facts side by side.
    share, missing = coverage(description_text)
    assert share >= REQUIRED_SHARE, (share, missing)
    assert "V Jihlavě dne" in description_text
    assert "Jihlava" in texts[documents["report"].filename]
    assert "začleňování" in texts[documents["report"].filename]
    assert "Prezenční listina".lower() in texts[documents["attendance"].filename].lower()
    assert meeting.title in texts[documents["minutes"].filename]
    minutes_text = texts[documents["minutes"].filename]
    assert "Zapsal/a" in minutes_text and "Ověřil/a" in minutes_text
    training_sheet = texts[documents["training_attendance"].filename]
    assert "Prezenční listina".lower() in training_sheet.lower() and "Podpis" in training_sheet
    assert "Systémové zajištění sociálního začleňování" in training_sheet  # the publicity footer
    assert "Zpráva o plnění plánu sociálního začleňování" in texts[documents["psz_report"].filename]
