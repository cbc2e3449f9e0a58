"""Side by side with the source: the generated Jihlava description carries the source's facts.

Every fact of shared/seed/popis-spoluprace-jihlava.txt is listed in ``seed_facts.FACTS``; at least
95 % of them must appear in the generated description, in the PDF and in the DOCX alike.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from spojka.cooperation.models import TerritorialUnit
from spojka.documents.tests.helpers import docx_text, normalise, pdf_text
from spojka.reports.generators import generate_description
from spojka.reports.tests.seed_facts import FACTS

pytestmark = pytest.mark.django_db
REQUIRED_SHARE = 0.95


def comparable(text: str) -> str:
    """Case, spacing and dash style ignored: the source writes "2019 – 2022", Spojka "2019–2022"."""
    text = normalise(text).lower()
    text = re.sub(r"\s*[–‐-]\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def coverage(text: str) -> tuple[float, list]:
    haystack = comparable(text)
    missing = []
    for fact in FACTS:
        spellings = fact if isinstance(fact, tuple) else (fact,)
        if not any(comparable(s) in haystack for s in spellings):
            missing.append(fact)
    return 1 - len(missing) / len(FACTS), missing


@pytest.fixture
def jihlava_description(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return TerritorialUnit.objects.get(ico="00286010").descriptions.get(version=1)


def test_the_generated_description_carries_at_least_95_percent_of_the_source_facts(jihlava_description):
    assert len(FACTS) >= 150
    pdf = pdf_text(generate_description(jihlava_description, "pdf").content)
    docx = docx_text(generate_description(jihlava_description, "docx").content)
    for name, text in (("PDF", pdf), ("DOCX", docx)):
        share, missing = coverage(text)
        print(f"{name}: {share:.1%} of {len(FACTS)} source facts; missing: {missing}")
        assert share >= REQUIRED_SHARE, (name, share, missing)


def test_the_statements_of_the_standard_form_are_whole_sentences(jihlava_description):
    text = comparable(pdf_text(generate_description(jihlava_description, "pdf").content))
    assert "v jihlavě dne" in text and "jihlava dne" not in text.replace("v jihlavě dne", "")
    assert "zajištěn zástupem" not in text  # the vacancy says "Zástup" once
    assert "jedná se o přechodné období" in text  # never a sentence without a verb
    assert "40 hodin hodin" not in text
