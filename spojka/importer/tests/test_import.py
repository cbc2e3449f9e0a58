"""Importing a cooperation description: upload, review, confirm, and the command line."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfWriter

from spojka.compliance.demo import JIHLAVA_SCHEDULE, rule_values
from spojka.compliance.models import Activity, Rule
from spojka.conftest import make_unit, make_user
from spojka.cooperation.models import CooperationDescription, KeyRole, Memorandum, TerritorialUnit
from spojka.importer.extract import extract_text
from spojka.importer.forms import ReviewForm
from spojka.importer.mapping import initial_data
from spojka.importer.models import ImportDraft
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.services import PLACEHOLDER_REPRESENTATIVE, import_confirm
from spojka.partnership.models import LocalPartnership, Organisation, PartnershipMember, Person

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "jihlava.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
RULE_FIELDS = [
    "kind",
    "per_year",
    "meeting_kinds",
    "counts_working_groups",
    "document_type",
    "due_on",
    "season",
    "season_year",
]


def _draft(user=None, text: str = SEED_TEXT) -> ImportDraft:
    return ImportDraft.objects.create(uploaded_by=user, filename="jihlava.txt", text=text)


def _seed_data(**overrides) -> dict:
    data = initial_data(parse_cooperation_description(SEED_TEXT))
    data.update(overrides)
    return data


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            TerritorialUnit,
            Memorandum,
            CooperationDescription,
            Activity,
            Rule,
            Organisation,
            Person,
        )
    }


# --- the service ----------------------------------------------------------------------------------


def test_importing_the_seed_creates_jihlava_with_the_schedule_of_the_compliance_demo(db):
    admin = make_user("agentura", admin=True)
    draft = _draft(admin)

    description = import_confirm(
        draft=draft, data=_seed_data(kind="statutarni_mesto", region="vysocina"), user=admin
    )

    unit = description.unit
    assert (unit.name, unit.ico, unit.slug) == ("Jihlava", "00286010", "jihlava")
    assert unit.seat_address == "Masarykovo náměstí 97/1, Jihlava, 58601"
    assert description.status == "draft" and description.version == 1
    assert description.memorandum.signed_on == date(2021, 11, 2)
    assert description.project_registration_number == "CZ.03.2.63/0.0./0.0/15_030/0000605"
    assert (description.training_total_hours, description.training_max_distance_hours) == (
        Decimal("40"),
        Decimal("20"),
    )
    assert (description.psz_period_from, description.psz_period_to) == (2022, 2027)
    assert description.target_group == "osoby sociálně vyloučené a sociálním vyloučením ohrožené"
    assert (description.lp_discussed_on, description.lp_outcome) == (date(2021, 9, 2), "consensus")
    # The form does not say when validity starts: nothing is invented.
    assert description.valid_from is None and description.valid_to is None
    assert description.approved_on is None and description.approval_resolution == ""
    assert [a.name for a in description.thematic_areas.all()] == [
        "Zaměstnanost",
        "Bezpečnost a prevence kriminality",
        "Dluhová problematika",
        "Bydlení",
        "Sociální služby",
    ]
    assert description.thematic_areas.get(name="Bydlení").focus.startswith("V oblasti bydlení se zaměříme")
    assert [e.name for e in description.esif_interventions.all()][:2] == [
        "Domovník – preventista",
        "Asistenti prevence kriminality",
    ]
    assert str(description.strategic_links.get(title="Komunitní plán sociálních služeb – Jihlava")) == (
        "Komunitní plán sociálních služeb – Jihlava (2016)"
    )

    roles = {r.role: r for r in unit.role_assignments.all()}
    assert set(roles) == {KeyRole.REPRESENTATIVE, KeyRole.INCLUSION_MANAGER, KeyRole.REGIONAL_COORDINATOR}
    assert roles[KeyRole.REPRESENTATIVE].holder_function.startswith("uvolněný člen Rady města Jihlavy")
    manager = roles[KeyRole.INCLUSION_MANAGER]
    assert manager.is_vacant and manager.substitute == "Zástup (samotná pozice aktuálně není obsazená)"
    coordinator = roles[KeyRole.REGIONAL_COORDINATOR]
    assert (coordinator.holder_name, coordinator.holder_function) == (
        "Mgr. Lumír Bartů",
        "krajský koordinátor pro romské záležitosti",
    )

    partnership = LocalPartnership.objects.get(unit=unit)
    assert partnership.established_by == "radním pro oblast školství, kultury, tělovýchovy a sociálních věcí"
    assert [(g.name, g.kind) for g in partnership.groups.order_by("pk")] == [
        ("sociální začleňování", "cross_cutting"),
        ("projekty a implementace", "cross_cutting"),
        ("komunitní plánování", "cross_cutting"),
    ]
    members = PartnershipMember.objects.filter(unit=unit).select_related("organisation", "representative")
    assert members.count() == 20
    by_name = {m.organisation.name: m for m in members}
    assert by_name["Úřad práce Jihlava"].organisation.category == "public_institution"
    assert by_name["F POINT"].organisation.category == "ngo"
    assert by_name["Jihlava – vedoucí sociálního odboru"].organisation.category == "city_department"
    # The member needs a representative; the document names none, so a marked placeholder stands in.
    assert by_name["F POINT"].representative.full_name == f"F POINT {PLACEHOLDER_REPRESENTATIVE}"
    assert all(m.working_group_id is None and m.valid_from == date(2021, 9, 2) for m in members)

    activities = list(description.activities.order_by("order"))
    assert [a.name for a in activities] == [row["name"] for row in JIHLAVA_SCHEDULE]
    for activity, expected in zip(activities, JIHLAVA_SCHEDULE, strict=True):
        assert activity.outputs == expected["outputs"], activity.name
        assert activity.deadline_text.split() == expected["deadline_text"].split()
        got = [{f: getattr(rule, f) for f in RULE_FIELDS} for rule in activity.rules.order_by("order")]
        want = [{f: rule_values(spec)[f] for f in RULE_FIELDS} for spec in expected["rules"]]
        assert got == want, activity.name
        assert [r.text for r in activity.rules.order_by("order")] == [s["text"] for s in expected["rules"]]
    draft.refresh_from_db()
    assert draft.description == description and draft.confirmed_at is not None


def test_a_unit_with_the_same_ico_is_reused_and_keeps_its_name(world):
    before = TerritorialUnit.objects.count()

    description = import_confirm(draft=_draft(), data=_seed_data(unit_name="Přepsané jméno"), user=None)

    assert TerritorialUnit.objects.count() == before
    assert description.unit == world.unit
    world.unit.refresh_from_db()
    assert world.unit.name == "Statutární město Jihlava"
    assert world.unit.seat_address == "Masarykovo náměstí 97/1, 586 01 Jihlava"
    assert description.version == 2  # the world's description is version 1
    # The memorandum of the same date is the unit's existing one, not a copy.
    assert description.memorandum == world.memorandum
    # The unit already has an inclusion manager on record; the import does not add a second one.
    assert world.unit.role_assignments.filter(role=KeyRole.INCLUSION_MANAGER).count() == 1
    assert description.activities.count() == 6


def test_organisations_are_matched_and_created_within_the_unit_only(world):
    """Another unit's organisation of the same name is neither matched nor changed (issue 13)."""
    theirs = Organisation.objects.create(unit=world.other_unit, name="Úřad práce Jihlava")
    own = Organisation.objects.create(unit=world.unit, name="F POINT")

    import_confirm(draft=_draft(), data=_seed_data(), user=None)

    assert list(theirs.people.all()) == [] and list(theirs.memberships.all()) == []
    office = world.unit.organisations.get(name="Úřad práce Jihlava")
    assert office.pk != theirs.pk and office.memberships.get().unit == world.unit
    assert world.unit.organisations.filter(name__iexact="F POINT").get() == own
    assert not Organisation.objects.exclude(unit=world.unit).exclude(pk=theirs.pk).exists()


def test_a_new_unit_without_a_region_is_refused_and_nothing_is_written(db):
    before = _counts()
    with pytest.raises(ValidationError) as error:
        import_confirm(draft=_draft(), data=_seed_data(kind="statutarni_mesto"), user=None)
    assert error.value.message_dict == {"region": ["Vyberte kraj."]}
    assert _counts() == before


def test_a_draft_is_imported_only_once(world):
    draft = _draft()
    import_confirm(draft=draft, data=_seed_data(), user=None)
    before = _counts()
    with pytest.raises(ValidationError, match="už byl naimportován"):
        import_confirm(draft=draft, data=_seed_data(), user=None)
    assert _counts() == before


# --- upload ---------------------------------------------------------------------------------------


def _upload(client, name: str, content: bytes):
    return client.post(reverse("importer:upload"), {"file": SimpleUploadedFile(name, content)})


def test_the_agency_admin_uploads_the_seed_and_reviews_it(world, login):
    client = login(world.users["agency_admin"])
    response = _upload(client, "popis jihlava.txt", SEED.read_bytes())
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert draft.uploaded_by == world.users["agency_admin"]
    assert draft.filename == "popis_jihlava.txt"
    assert draft.text.startswith(" POPIS SPOLUPRÁCE")


def test_a_pdf_with_a_text_layer_is_read_and_reviewed(world, login):
    from weasyprint import HTML

    pdf = HTML(string="<pre>" + escape(SEED_TEXT) + "</pre>").write_pdf()
    client = login(world.users["agency_admin"])
    response = _upload(client, "popis.pdf", pdf)
    draft = ImportDraft.objects.get()
    assert response["Location"] == draft.get_absolute_url()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'value="00286010"' in page
    assert page.count('name="activity_') == 6 * 7 + 16 * 10  # 6 activities; 10 rules and a blank one each


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("prazdny.txt", b"", "Soubor „prazdny.txt“ je prázdný."),
        ("recept.txt", "Bábovka: mouka, cukr, vejce.".encode(), "Text nevypadá jako popis spolupráce"),
        ("sken.pdf", _blank_pdf(), "PDF „sken.pdf“ neobsahuje text – jde patrně o sken."),
    ],
)
def test_a_bad_upload_is_refused_next_to_the_field_and_nothing_is_stored(
    world, login, name, content, message
):
    client = login(world.users["agency_admin"])
    response = _upload(client, name, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_file_error"' in page
    assert message in page
    assert not ImportDraft.objects.exists()


def test_an_oversized_upload_is_refused_by_the_limit_the_command_line_has_too(world, login, monkeypatch):
    from spojka.importer import extract

    monkeypatch.setattr(extract, "IMPORT_MAX_BYTES", 4096)
    client = login(world.users["agency_admin"])
    response = _upload(client, "jihlava.txt", SEED.read_bytes())
    assert "je příliš velký" in response.content.decode()
    assert "nahrát lze nejvýše 0,0 MB" in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_an_editor_may_neither_upload_nor_review(world, login):
    client = login(world.users["editor"])
    draft = _draft()
    assert _upload(client, "jihlava.txt", SEED.read_bytes()).status_code == 403
    assert client.get(draft.get_absolute_url()).status_code == 403
    assert ImportDraft.objects.count() == 1


# --- review and confirm ---------------------------------------------------------------------------


def _post_data(form: ReviewForm, **overrides) -> dict:
    """What a browser submits for the form as prefilled."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = (
            "on" if value is True else (value.isoformat() if isinstance(value, date) else value)
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _seed_form() -> ReviewForm:
    return ReviewForm(parsed=parse_cooperation_description(SEED_TEXT))


def test_the_review_shows_each_value_with_its_source_and_saves_nothing(world, login):
    client = login(world.users["agency_admin"])
    draft = _draft()
    before = _counts()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'value="Masarykovo náměstí 97/1, Jihlava, 58601"' in page
    assert "Z dokumentu: <q>Memorandu o spolupráci ze dne 2.11.2021</q>" in page
    # The regional head's cell is empty in the document: marked, and the field left empty.
    assert "v dokumentu nevyplněno" in page
    assert '<input type="text" name="agency_regional_head" maxlength="200" aria-describedby' in page
    # The existing unit with the same IČO is named.
    assert "Územní celek s IČO 00286010 už v Spojce je (Statutární město Jihlava)" in page
    # The schedule as a table of activities with their rules.
    assert "Minimálně 4x ročně (vč. pracovních skupin)" in page
    assert "4× ročně: jednání LP (plénum), vč. pracovních skupin" in page
    assert "termín podzim 2021: plán sociálního začleňování" in page
    assert page.count('name="activity_') == 6 * 7 + 16 * 10  # 6 activities; 10 rules and a blank one each
    assert _counts() == before


def test_a_value_the_parser_cannot_read_is_marked_and_left_empty(world, login):
    client = login(world.users["agency_admin"])
    draft = _draft(text=SEED_TEXT.replace("IČ 00286010", "IČ neuvedeno"))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'name="ico" maxlength="8" required aria-describedby="id_ico_helptext" id="id_ico"' in page
    assert (
        '<p class="app-help" id="id_ico_helptext"><span class="app-status app-status--at_risk">nenalezeno'
        in page
    )
    assert "Nepřečtený text: <q>neuvedeno</q>" in page


def test_confirming_the_review_imports_into_the_matching_unit_without_excluded_activities(world, login):
    client = login(world.users["agency_admin"])
    draft = _draft()
    data = _post_data(_seed_form(), activity_5_include=None, member_0_include=None)

    response = client.post(draft.get_absolute_url(), data)

    description = world.unit.descriptions.get(version=2)
    assert response.status_code == 302 and response["Location"] == description.get_absolute_url()
    assert description.activities.count() == 5
    assert not description.activities.filter(name__startswith="Odborné poradenství").exists()
    assert world.unit.partnership_members.count() == 19
    follow = client.get(response["Location"]).content.decode()
    assert "Popis spolupráce byl naimportován jako návrh." in follow
    # A second confirmation of the same draft imports nothing.
    again = client.post(draft.get_absolute_url(), data)
    assert again.status_code == 302
    assert world.unit.descriptions.count() == 2


def _free_the_seed_ico(world) -> None:
    """Give the world's unit another IČO, so that the seed describes a unit Spojka does not have yet."""
    world.unit.ico = "00298760"
    world.unit.save()


def test_an_invalid_review_shows_the_error_next_to_the_field_and_creates_nothing(world, login):
    client = login(world.users["agency_admin"])
    _free_the_seed_ico(world)
    draft = _draft()
    before = _counts()
    data = _post_data(_seed_form(), kind="statutarni_mesto", training_max_distance_hours="80")

    response = client.post(draft.get_absolute_url(), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_region_error"' in page and "Vyberte kraj nového územního celku." in page
    assert "Distanční hodiny nemohou přesáhnout celkový rozsah." in page
    assert _counts() == before
    draft.refresh_from_db()
    assert draft.confirmed_at is None


def test_confirming_a_new_unit_creates_it(world, login):
    client = login(world.users["agency_admin"])
    _free_the_seed_ico(world)
    draft = _draft()
    data = _post_data(_seed_form(), kind="statutarni_mesto", region="vysocina", valid_from="2021-11-02")
    # The address slug read from the name is the world unit's; the form says so.
    refused = client.post(draft.get_absolute_url(), data)
    assert "Tuto zkratku už používá jiný územní celek." in refused.content.decode()
    response = client.post(draft.get_absolute_url(), {**data, "slug": "jihlava-mesto"})
    unit = TerritorialUnit.objects.get(ico="00286010")
    description = unit.descriptions.get()
    assert response["Location"] == description.get_absolute_url()
    assert unit.name == "Jihlava" and unit.region == "vysocina"
    assert (description.valid_from, description.valid_to) == (date(2021, 11, 2), date(2023, 11, 1))


@pytest.mark.parametrize("size", [10, 200])
def test_the_review_page_makes_the_same_number_of_queries_for_any_size(
    world, login, django_assert_num_queries, size
):
    # Many units in Spojka and a long list of member organisations in the document.
    for i in range(size):
        TerritorialUnit.objects.create(
            name=f"Obec {i}", slug=f"obec-{i}", ico=f"{i:07d}0"[:8], seat_address="Náves 1", region="vysocina"
        )
    extra = ", ".join(f"Spolek číslo {i}" for i in range(size))
    draft = _draft(text=SEED_TEXT.replace("F POINT,", f"F POINT, {extra},"))
    client = login(world.users["agency_admin"])
    # session, user, draft, the header's unit switcher; the import summary: the unit with the
    # seed's IČO, its descriptions, memoranda, key roles and LP, the LP's working groups,
    # organisations of the members' names, and the LP's seats
    with django_assert_num_queries(12):
        response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert f"Spolek číslo {size - 1}" in response.content.decode()


# --- command line ---------------------------------------------------------------------------------


def test_the_command_with_dry_run_creates_nothing(world):
    before = _counts()
    out = io.StringIO()
    call_command("import_cooperation", str(SEED), "--dry-run", stdout=out)
    assert "k existujícímu celku Statutární město Jihlava" in out.getvalue()
    assert "činností 6 (nic neuloženo)" in out.getvalue()
    assert _counts() == before
    assert not ImportDraft.objects.exists()


def test_the_command_prints_valid_json_with_czech_characters(db):
    out = io.StringIO()
    call_command("import_cooperation", str(SEED), "--json", stdout=out)
    printed = out.getvalue()
    assert "Masarykovo náměstí" in printed  # not escaped as \u00e1
    data = json.loads(printed)
    assert data[0]["file"] == str(SEED)
    assert data[0]["ico"]["value"] == "00286010"
    assert len(data[0]["activities"]["value"]) == 6
    assert not TerritorialUnit.objects.exists()


def test_the_command_imports_as_no_user_and_reports_files_it_cannot_read(world, tmp_path):
    empty = tmp_path / "prazdny.txt"
    empty.write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nenačteno souborů: 1"):
        call_command("import_cooperation", str(SEED), str(empty), stdout=out, stderr=err)
    assert "je prázdný" in err.getvalue()
    description = world.unit.descriptions.get(version=2)
    assert description.activities.count() == 6
    assert ImportDraft.objects.get().uploaded_by is None


def test_the_command_creates_a_new_unit_given_its_kind_and_region(db):
    make_unit("Obec Jinde", "jinde", "00123455")
    call_command(
        "import_cooperation",
        str(SEED),
        "--kind",
        "statutarni_mesto",
        "--region",
        "vysocina",
        stdout=io.StringIO(),
    )
    assert TerritorialUnit.objects.get(ico="00286010").name == "Jihlava"


@pytest.mark.parametrize("fixture", sorted(path.name for path in FIXTURES.glob("*.txt")))
def test_every_sample_document_goes_from_upload_to_a_new_unit(world, login, fixture):
    client = login(world.users["agency_admin"])
    content = (FIXTURES / fixture).read_bytes()
    parsed = parse_cooperation_description(extract_text(content, fixture))
    if parsed.ico.value == world.unit.ico:
        _free_the_seed_ico(world)
        world.unit.slug = "jihlava-puvodni"
        world.unit.save()
    _upload(client, fixture, content)
    draft = ImportDraft.objects.get()
    review = client.get(draft.get_absolute_url())
    assert review.status_code == 200
    # Every value the parser did not find is marked on the page.
    form = ReviewForm(parsed=parsed)
    assert review.content.decode().count("app-status--at_risk") >= len(form.missing)

    response = client.post(draft.get_absolute_url(), _post_data(form, kind="mesto", region="vysocina"))

    assert response.status_code == 302, response.content.decode()[:3000]
    unit = TerritorialUnit.objects.get(ico=parsed.ico.value)
    assert unit.name == parsed.unit_name.value
    description = unit.descriptions.get()
    assert description.activities.count() == len(parsed.activities.value)
    assert Rule.objects.filter(activity__description=description).count() == sum(
        len(activity.rules) for activity in parsed.activities.value
    )
    assert unit.partnership_members.count() == len(initial_data(parsed)["members"])
    assert unit.working_groups.count() == len(parsed.working_groups.value)


def test_the_upload_page_lists_recent_uploads_with_the_same_queries_for_any_number(
    world, login, django_assert_num_queries
):
    client = login(world.users["agency_admin"])
    for size in (3, 30):
        ImportDraft.objects.all().delete()
        for i in range(size):
            draft = _draft(world.users["agency_admin"])
            if i % 2:
                draft.description, draft.confirmed_at = world.description, world.description.created_at
                draft.save()
        # session, user, drafts with their uploader and description's unit, the header's unit switcher
        with django_assert_num_queries(4):
            page = client.get(reverse("importer:upload")).content.decode()
        assert page.count("naimportováno – Statutární město Jihlava") == min(size, 20) // 2
        assert page.count("čeká na kontrolu") == (min(size, 20) + 1) // 2


def test_parser_warnings_are_shown_on_the_review(world, login):
    client = login(world.users["agency_admin"])
    draft = _draft(text=SEED_TEXT.replace("IČ 00286010", "IČ 00286011"))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Upozornění při čtení dokumentu" in page
    assert "IČ 00286011: neobvyklý formát čísla: IČO nemá platnou kontrolní číslici." in page
    response = client.post(draft.get_absolute_url(), _post_data(_seed_form(), ico="00286011"))
    assert response.status_code == 422
    assert "IČO musí mít 8 číslic a platnou kontrolní číslici" in response.content.decode()
    assert not world.unit.descriptions.filter(version=2).exists()


def test_the_demo_uploads_the_seed_once(db):
    from spojka.importer import demo

    first = demo.load(context={})["import_draft"]
    second = demo.load(context={})["import_draft"]
    assert first == second and ImportDraft.objects.count() == 1
    assert parse_cooperation_description(first.text).ico.value == "00286010"
