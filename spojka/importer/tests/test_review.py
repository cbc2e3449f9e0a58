"""The review screen catches every doubt (issue 16, failure 8): flags, unticked fragments, rule
editing and the import summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spojka.compliance.models import Rule
from spojka.importer.extract import extract_text
from spojka.importer.forms import ReviewForm
from spojka.importer.models import ImportDraft
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.tests.test_import import _post_data
from spojka.partnership.models import Organisation

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
SEED_TEXT = (FIXTURES / "jihlava.txt").read_text(encoding="utf-8")
# A footnote glued onto the member list, as in a Word-exported PDF: "případně kraje", "kraj".
WITH_FRAGMENTS = SEED_TEXT.replace(
    "Informační centrum Vysočina)", "Informační centrum Vysočina, případně kraje, kraj)"
)


def _draft(text: str) -> ImportDraft:
    return ImportDraft.objects.create(filename="popis.txt", text=text)


def test_fragment_like_members_are_offered_unticked_with_the_reason(world, login):
    client = login(world.users["agency_admin"])
    page = client.get(_draft(WITH_FRAGMENTS).get_absolute_url()).content.decode()
    form = ReviewForm(parsed=parse_cooperation_description(WITH_FRAGMENTS))
    rows = {name.value(): (include.value(), doubt) for include, name, _category, doubt in form.member_rows()}
    assert rows["případně kraje"][0] is False and "začíná spojkou" in rows["případně kraje"][1]
    assert rows["kraj"][0] is False and "jedno slovo malými písmeny" in rows["kraj"][1]
    assert rows["Informační centrum Vysočina"] == (True, "")
    assert rows["Jihlava – vedoucí sociálního odboru"] == (True, "")  # city functions are lowercase
    assert "Člen LP „případně kraje“" in page  # listed among the values to check


def test_doubtful_values_are_highlighted_with_their_reason(world, login):
    client = login(world.users["agency_admin"])
    text = SEED_TEXT.replace("IČ 00286010", "IČ 0028601").replace(
        "Minimálně 4x ročně (vč. \npracovních skupin)", "Minimálně 4x (vč. \npracovních skupin)"
    )
    page = client.get(_draft(text).get_absolute_url()).content.decode()
    assert "k ověření</span> neobvyklý formát čísla: IČO má 8 číslic, zde 7" in page
    assert 'href="#id_ico"' in page
    assert "počet bez období (např. „ročně“) – doplňte, za jaké období se počítá" in page
    assert 'href="#id_activity_0_rule_0_kind"' in page


def test_a_row_continued_across_a_page_is_flagged_on_the_review(world, login):
    path = FIXTURES / "variants" / "dubova-hora_table.pdf"
    client = login(world.users["agency_admin"])
    page = client.get(_draft(extract_text(path.read_bytes(), path.name)).get_absolute_url()).content.decode()
    assert "sloupec zalomen přes stránku" in page
    assert 'href="#cinnost-1"' in page


def test_each_rule_is_editable_and_imported_as_edited(world, login):
    client = login(world.users["agency_admin"])
    draft = _draft(SEED_TEXT)
    form = ReviewForm(parsed=parse_cooperation_description(SEED_TEXT))
    data = _post_data(
        form,
        activity_0_rule_0_count="6",  # "Minimálně 4x ročně" corrected to 6
        activity_0_rule_0_includes_working_groups=None,
        activity_2_rule_0_kind="deadline",
        activity_2_rule_0_season="",
        activity_2_rule_0_date="2021-12-15",  # "Podzim 2021" made a date
        activity_5_rule_1_kind="periodic_output",  # a rule the document did not have
        activity_5_rule_1_count="1",
        activity_5_rule_1_per="half_year",
        activity_5_rule_1_document_type="certificate",
        activity_1_rule_2_kind="",  # dropped
    )
    response = client.post(draft.get_absolute_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    description = world.unit.descriptions.get(version=2)
    activities = list(description.activities.order_by("order"))
    lp_rule = activities[0].rules.get()
    assert (lp_rule.per_year, lp_rule.counts_working_groups) == (6, False)
    plan_rule = activities[2].rules.get()
    assert (plan_rule.kind, plan_rule.due_on, plan_rule.season) == ("deadline", date(2021, 12, 15), "")
    assert [r.kind for r in activities[1].rules.order_by("order")] == ["frequency", "frequency"]
    added = activities[5].rules.order_by("order").last()
    assert (added.kind, added.per_year, added.document_type) == ("periodic_output", 2, "certificate")


def test_an_incomplete_rule_is_refused_next_to_its_field(world, login):
    client = login(world.users["agency_admin"])
    draft = _draft(SEED_TEXT)
    data = _post_data(ReviewForm(parsed=parse_cooperation_description(SEED_TEXT)), activity_0_rule_0_per="")
    response = client.post(draft.get_absolute_url(), data)
    assert response.status_code == 422
    assert 'id="id_activity_0_rule_0_per_error"' in response.content.decode()
    assert "Vyberte období." in response.content.decode()
    assert not world.unit.descriptions.filter(version=2).exists()
    assert not Rule.objects.filter(activity__description__version=2).exists()


def test_the_summary_says_what_is_created_and_what_matches(world, login):
    Organisation.objects.create(unit=world.unit, name="Úřad práce Jihlava", category="public_institution")
    client = login(world.users["agency_admin"])
    page = client.get(_draft(SEED_TEXT).get_absolute_url()).content.decode()
    summary = page[page.index('id="souhrn"') :]
    assert "Statutární město Jihlava (00286010)" in summary  # the unit matched by IČO
    assert "návrh, verze 2" in summary
    assert "1: Úřad práce Jihlava" in summary  # one organisation matched by name
    assert "činností 6, pravidel 10" in summary
