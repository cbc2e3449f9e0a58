"""Every generated PDF is tagged (PDF/UA-1), in Czech, titled and described; filed ones are PDF/A.

Public bodies must publish accessible documents: a structure tree (headings, tables, lists in reading
order), the document language and a title shown instead of the file name.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.tests.helpers import pdf_standards
from spojka.meetings import documents as meeting_documents
from spojka.meetings.models import MeetingState
from spojka.plans import selectors
from spojka.plans.models import PlanKind
from spojka.reports.generators import generate_description, generate_report
from spojka.reports.psz import generate_psz_report
from spojka.training import documents as training_documents

pytestmark = pytest.mark.django_db


def every_generated_pdf(*, archival: bool = False) -> dict:
    """One of each generated PDF from the Jihlava demo."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    unit = TerritorialUnit.objects.get(ico="00286010")
    description = unit.descriptions.get(version=1)
    meeting = unit.meetings.filter(state=MeetingState.CLOSED).order_by("starts_at").first()
    event = unit.training_events.order_by("starts_on").first()
    plan = selectors.plan_with_tree(unit, unit.inclusion_plans.get(kind=PlanKind.PSZ).pk)
    return {
        "Popis spolupráce": generate_description(description, "pdf", archival=archival),
        "Zpráva o plnění popisu spolupráce": generate_report(description, 2022, "pdf", archival=archival),
        "Zpráva o plnění PSZ": generate_psz_report(plan, "pdf", archival=archival),
        "Prezenční listina": meeting_documents.attendance_sheet(meeting, fmt="pdf"),
        "Záznam z jednání": meeting_documents.minutes(meeting, fmt="pdf"),
        "Prezenční listina ": training_documents.attendance_sheet(event, fmt="pdf"),
        "Osvědčení": training_documents.certificate(
            event.participations.first(), verification_url="https://spojka.example/overeni/x/"
        ),
    }


def test_every_generated_pdf_is_tagged_czech_titled_and_declares_pdf_ua():
    for title, rendered in every_generated_pdf().items():
        standards = pdf_standards(rendered.content)
        assert standards["tagged"], title
        assert standards["lang"] == "cs", title
        assert standards["title"].replace("\u00a0", " ").startswith(title.strip()), (
            title,
            standards["title"],
        )
        assert standards["display_title"], title
        assert standards["pdfua"] == "1", title


def test_reports_for_the_library_are_pdf_a_and_still_tagged():
    documents = every_generated_pdf(archival=True)
    for title in ("Popis spolupráce", "Zpráva o plnění popisu spolupráce", "Zpráva o plnění PSZ"):
        standards = pdf_standards(documents[title].content)
        assert standards["pdfa"] == "3A", title
        assert standards["tagged"] and standards["lang"] == "cs", title
