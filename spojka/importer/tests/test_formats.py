"""Every format people send imports to the same facts, field by field (issue 16).

The shared fixtures are the seed document as a word processor writes it (real tables and
footnotes, sections inside table cells, an 8 pt schedule, the text printed); each must give
exactly the seed's facts. The variants are other municipalities written by `variants.py` in three
layouts, each as DOCX and as the PDF LibreOffice prints from it; each must give its own facts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spojka.importer.extract import extract_text
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.tests.facts import facts, score
from spojka.importer.tests.seed_facts import SEED_FACTS
from spojka.importer.tests.variants import LAYOUTS, VARIANTS, expected_facts

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = sorted((FIXTURES / "import").glob("seed_*.*"))
VARIANT_FILES = [
    (slug, layout, extension) for slug in VARIANTS for layout in LAYOUTS for extension in ("docx", "pdf")
]


_ROOT = Path(__file__).resolve().parents[3]
SHARED_DIR = next(
    (
        base / "shared" / "fixtures" / "import"
        for base in (_ROOT.parent, _ROOT.parent.parent)
        if (base / "shared" / "fixtures" / "import").exists()
    ),
    None,
)


def read(path: Path) -> dict:
    return facts(parse_cooperation_description(extract_text(path.read_bytes(), path.name)))


def test_the_seed_text_has_the_written_out_facts():
    assert facts(parse_cooperation_description((FIXTURES / "jihlava.txt").read_text(encoding="utf-8"))) == (
        SEED_FACTS
    )
    assert len(SEED_FACTS) == 134


def test_all_seven_shared_fixtures_are_here():
    assert [path.name for path in SHARED] == [
        "seed_fit.docx",
        "seed_fit.pdf",
        "seed_lo.pdf",
        "seed_para.docx",
        "seed_para.pdf",
        "seed_table.docx",
        "seed_table.pdf",
    ]


@pytest.mark.skipif(SHARED_DIR is None, reason="shared/ is not beside the repository")
def test_the_copies_are_the_shared_fixtures():
    for path in SHARED:
        assert path.read_bytes() == (SHARED_DIR / path.name).read_bytes(), path.name


@pytest.mark.parametrize("path", SHARED, ids=lambda path: path.name)
def test_each_shared_fixture_imports_to_exactly_the_seed_facts(path):
    result = score(SEED_FACTS, read(path))
    assert result.wrong == {} and result.extra == {}, f"{path.name}: {result}"


@pytest.mark.parametrize(("slug", "layout", "extension"), VARIANT_FILES, ids=lambda v: str(v))
def test_each_variant_imports_to_exactly_its_facts(slug, layout, extension):
    path = FIXTURES / "variants" / f"{slug}_{layout}.{extension}"
    result = score(expected_facts(VARIANTS[slug]), read(path))
    assert result.wrong == {} and result.extra == {}, f"{path.name}: {result}"


def test_the_variants_vary_what_they_should():
    """Guard against variants that stop testing something: the features issue 16 names are there."""
    every = list(VARIANTS.values())
    assert {len(v.groups) for v in every} == {1, 2, 3}
    assert {len(v.areas) for v in every} >= {2, 4, 6}
    assert any("Minimálně 3x" in row.deadline[0] for v in every for row in v.rows)
    assert any("\n" in v.approval_written for v in every)  # a date wrapped across lines
    assert any(v.contact is None and "není stanovena" in v.contact_written for v in every)
    assert any(v.registration_doubted for v in every)
    assert any(v.manager[0] and "odbor" in v.manager_written for v in every)
